"""One broken document (or body) of a file hides none of the others' mistakes.

The golden cases of tests/cases/ (broken-document-*, two-broken-documents-and-a-reference,
broken-body-and-an-unknown-superior) hold the messages on the mini data set; here, the
campaign of the issue as the clerks wrote it, in Vietnamese and English, and what
validation hands the resolve stage when it has found problems.
"""

from __future__ import annotations

import os

from conftest import ROOT, copy_data
from pipeline.sources.validate import validate_sources

CAMPAIGN = "chien-dich/binh-dan-hoc-vu-so-2025.yaml"
ARGS = ("--data", "data", "--output", "out", "--register", "so-dang-ky.sqlite3", "check")


def broken_campaign(tmp_path):
    """data/ with an impossible date in the Lào Cai plan and an unknown issuer in a công văn below it."""
    data = copy_data(ROOT / "data", tmp_path / "data")
    data.edit(CAMPAIGN, "    co_quan: ubnd-tinh-lao-cai\n    loai: ke_hoach\n    ngay: 15/07/2025\n",
              "    co_quan: ubnd-tinh-lao-cai\n    loai: ke_hoach\n    ngay: 32/07/2025\n")
    data.edit(CAMPAIGN, "    van_ban_cha: kh-lao-cai\n    co_quan: ldld-tinh-lao-cai\n",
              "    van_ban_cha: kh-lao-cai\n    co_quan: ldld-tinh-khong-co\n")
    return data


def test_an_impossible_date_does_not_hide_an_unknown_issuer(tmp_path, vanban):
    broken_campaign(tmp_path)
    result = vanban(*ARGS, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    # in line order, though the date was found first; the công văn's parent (the plan) being left
    # out is no second mistake ("no document kh-lao-cai")
    assert result.stderr == (
        f"data/{CAMPAIGN}:68:11: kh-lao-cai: ngay: ngày không có thật: '32/07/2025'\n"
        "    Gợi ý: kiểm tra lại ngày và tháng\n"
        f"data/{CAMPAIGN}:144:14: cv-ldld-lao-cai: co_quan: không có cơ quan nào mã 'ldld-tinh-khong-co'\n"
        "    Gợi ý: có phải ý bạn là 'ldld-tinh-lao-cai'?\n"
        "2 lỗi trong 1 tệp; không có tệp nào được ghi.\n")
    assert sorted(os.listdir(tmp_path)) == ["data"]


def test_in_english_too(tmp_path, vanban):
    broken_campaign(tmp_path)
    result = vanban("--lang", "en", *ARGS, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"data/{CAMPAIGN}:68:11: kh-lao-cai: ngay: this date does not exist: '32/07/2025'\n"
        "    Hint: check the day and the month\n"
        f"data/{CAMPAIGN}:144:14: cv-ldld-lao-cai: co_quan: there is no body with id 'ldld-tinh-khong-co'\n"
        "    Hint: did you mean 'ldld-tinh-lao-cai'?\n"
        "2 errors in 1 file; nothing was written.\n")


def test_the_build_refuses_with_the_same_messages(tmp_path, vanban):
    broken_campaign(tmp_path)
    check = vanban(*ARGS, cwd=tmp_path)
    build = vanban(*ARGS[:-1], "build", cwd=tmp_path)
    assert (build.returncode, build.stderr) == (1, check.stderr)
    assert sorted(os.listdir(tmp_path)) == ["data"]


def test_what_is_resolved_leaves_out_the_broken_document_and_those_below_it(mini_copy):
    mini_copy.edit("chien-dich/mau.yaml", "    ngay: 10/10/2024\n", "    ngay: 31/10/2024x\n")  # kh-huyen
    mini_copy.edit("chien-dich/mau.yaml", "    co_quan: \"ldld-tinh\"\n", "    co_quan: \"ldld-tinh-cu\"\n")  # hd-ldld
    mini_copy.edit("chien-dich/mau.yaml", "    co_quan: dang-uy-khoi\n", "    co_quan: dang-uy-khoii\n")  # kh-duk
    sources, problems = validate_sources(mini_copy.root, partial=True)
    assert [p.field for p in problems] == ["kh-huyen: ngay", "kh-duk: co_quan", "hd-ldld: co_quan"]
    (campaign,) = sources.campaigns
    # kh-huyen broken, with the documents of its fan-out's bodies below it; kh-duk and hd-ldld with a
    # mistake of their own, ctr-duk below kh-duk: none is resolved, each is known
    assert campaign.left_out == {"kh-huyen", "qd-khen-thuong", "tb-huyen-van-yen", "kh-duk", "ctr-duk", "hd-ldld"}
    assert [s.id for s in campaign.specs] == ["kh-tinh", "cv-ldld", "gm-hoi-nghi"]
    # the other callers still get nothing but the problems
    assert validate_sources(mini_copy.root) == (None, problems)


def test_nothing_is_resolved_with_a_broken_body(mini_copy):
    mini_copy.edit("to-chuc.yaml", "  - ma: ubnd-huyen-van-yen\n    he_thong: nha_nuoc\n",
                   "  - ma: ubnd-huyen-van-yen\n    he_thong: nha-nuoc\n")
    sources, problems = validate_sources(mini_copy.root, partial=True)
    assert [p.field for p in problems] == ["co_quan[2].he_thong"]
    # every document depends on the tree of bodies (a fan-out, the recipients): none is resolved
    assert sources is None
