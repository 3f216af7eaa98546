"""Numbers and lines as agencies write them (issue 13, point 5), on copies of the mini data set.

A body prints its numbers with its own width ("Số: 0188/KH-UBND") while the register keeps
188; the Lưu line carries the drafter's initials and the copies issued ("- Lưu: VT, VX
(V-10b)."); the superior "for report" is named as the issuer names it ("Thường trực LĐLĐ
tỉnh (B.c)"); the clerk's "Như kính gửi" takes the place of "Như trên"; a Party body may end
its recipient lines with ",". Each as the document prints it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import MINI, docx_lines, resolved_documents, vanban_in

from pipeline.docx.layout import plain
from pipeline.docx.render import recipient_lines, template_context
from pipeline.lint.linter import lint_docx
from pipeline.model import Document
from pipeline.sources.validate import validate_sources

CAMPAIGN = "chien-dich/mau.yaml"
REGISTRY = "to-chuc.yaml"


def resolved(data_dir: Path) -> dict[str, Document]:
    return resolved_documents(data_dir)


def lines_of(doc: Document) -> list[str]:
    """The lines as a reader reads them: the no-break spaces inside words (linebreak.bound) read as spaces."""
    return [plain(r).replace("\u00a0", " ") for r in recipient_lines(doc)]


# --- the number's width -------------------------------------------------------------------------------


def test_a_body_prints_its_numbers_with_its_own_width(mini_copy, tmp_path):
    mini_copy.edit(REGISTRY, "    ky_hieu: UBND\n    don_vi_soan_thao:\n      - {ma: VX",
                   "    ky_hieu: UBND\n    so_chu_so: 4\n    don_vi_soan_thao:\n      - {ma: VX")
    docs = resolved(mini_copy.root)
    plan = docs["kh-tinh"]
    assert plan.number == 188  # the register's number is the number
    context = template_context(plan, None, None, docs)
    assert plain(context["header"]["number_runs"]) == "Số: 0188/KH-UBND"
    district = docs["kh-huyen--ubnd-huyen-tram-tau"]  # cites its parent as the parent prints itself
    text = " ".join(b.text for b in template_context(district, plan, None, docs)["blocks"])
    assert "Thực hiện Kế hoạch số 0188/KH-UBND ngày 30/8/2024 của Ủy ban nhân dân tỉnh Yên Bái" in text
    # the built document, and the Sổ đăng ký, print it the same way
    work = mini_copy.root.parent
    assert vanban_in(work, "build").returncode == 0
    assert "[2.1] Số: 0188/KH-UBND" in docx_lines(work / "out" / "mau" / "kh-tinh.docx")
    register = vanban_in(work, "register", "--format", "csv", "-o", "so.csv")
    assert register.returncode == 0, register.stderr
    rows = list(csv.reader(io.StringIO((work / "so.csv").read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows if r[0].endswith("KH-UBND")] == ["0188/KH-UBND"]
    issued = vanban_in(work, "issue", "gm-hoi-nghi", "--date", "10/09/2024")
    assert issued.returncode == 0, issued.stderr
    assert "Đã cấp số 0189/GM-UBND" in issued.stdout  # the body's series of 2024 goes on after 188


# --- the Lưu line --------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, line", [
    ("    nguoi_soan: V\n    so_ban: 10\n", "- Lưu: VT, VX (V-10b)."),  # "- Lưu: VT, NV (V-10b)." as agencies write it
    ("    nguoi_soan: NVA\n", "- Lưu: VT, VX (NVA)."),
    ("    so_ban: 25\n", "- Lưu: VT, VX (25b)."),
    ("", "- Lưu: VT, VX."),  # NĐ 30 PL I II.9: "VT", the drafting unit
])
def test_the_luu_line_carries_the_drafter_and_the_copies(mini_copy, written, line):
    mini_copy.edit(CAMPAIGN, "  - ma: \"gm-hoi-nghi\"\n", "  - ma: \"gm-hoi-nghi\"\n" + written)
    assert lines_of(resolved(mini_copy.root)["gm-hoi-nghi"])[-1] == line


def test_the_drafters_initials_are_capitals(mini_copy):
    mini_copy.edit(CAMPAIGN, "  - ma: \"gm-hoi-nghi\"\n", "  - ma: \"gm-hoi-nghi\"\n    nguoi_soan: van\n")
    _sources, problems = validate_sources(mini_copy.root)
    assert [p.format().split("/data/", 1)[1] for p in problems] == [
        "chien-dich/mau.yaml:118:17: gm-hoi-nghi: nguoi_soan: cần chữ in hoa viết tắt tên người soạn thảo, "
        "ví dụ V hoặc NVA, nhận được 'van'"]


# --- the superior, "để b/c" ------------------------------------------------------------------------------


def test_the_superior_is_named_as_the_issuer_names_it(mini_copy):
    # seed 000: "- Thường trực LĐLĐ tỉnh (B.c);", not "- LĐLĐ tỉnh (để b/c);"
    mini_copy.edit(REGISTRY, "    cap_duoi_chung: [Công đoàn cơ sở trực thuộc]\n",
                   "    cap_duoi_chung: [Công đoàn cơ sở trực thuộc]\n"
                   "    noi_nhan_cap_tren: Thường trực LĐLĐ tỉnh (B.c)\n")
    add = ("  - ma: cv-cdvc\n    van_ban_cha: cv-ldld\n    co_quan: cdvc-tinh\n    loai: cong_van\n"
           "    ngay: 07/11/2024\n    trich_yeu: Phát động phong trào thi đua\n    noi_nhan: [Như kính gửi]\n")
    path = mini_copy.root / CAMPAIGN
    path.write_text(path.read_text(encoding="utf-8") + add, encoding="utf-8")
    letter = resolved(mini_copy.root)["cv-cdvc"]
    assert lines_of(letter) == ["- Như kính gửi;", "- Thường trực LĐLĐ tỉnh (B.c);", "- Lưu: VT, CĐVC."]


def test_as_above_stays_first_unless_the_clerk_words_it(mini_copy):
    mini_copy.edit(CAMPAIGN, "    kinh_gui: [Công đoàn Viên chức tỉnh, \"Các LĐLĐ huyện, thị xã, thành phố\"]\n",
                   "    kinh_gui: [Công đoàn Viên chức tỉnh, \"Các LĐLĐ huyện, thị xã, thành phố\"]\n"
                   "    noi_nhan: [Thường trực Tỉnh ủy, Như kính gửi]\n")
    assert lines_of(resolved(mini_copy.root)["cv-ldld"]) == [
        "- Như kính gửi;", "- UBND tỉnh (để b/c);", "- Thường trực Tỉnh ủy;", "- Lưu: VT, LĐLĐ."]


# --- recipients with commas ----------------------------------------------------------------------------


def test_a_recipient_with_commas_is_one_line(mini):
    # "Các LĐLĐ huyện, thị xã, thành phố": one addressee, one line, as the real documents write it
    lines = docx_lines(mini / "mau" / "cv-ldld.docx")
    assert "- Các LĐLĐ huyện, thị xã, thành phố." in lines


def test_a_party_body_may_end_its_recipient_lines_with_a_comma(mini_copy):
    mini_copy.edit(REGISTRY, "    nhiem_ky_tu: 15/10/2020\n", "    nhiem_ky_tu: 15/10/2020\n    dau_noi_nhan: \",\"\n")
    plan = resolved(mini_copy.root)["kh-duk"]
    assert lines_of(plan) == ["- Tỉnh ủy (để b/c),", "- Lưu: VT, ĐUK."]
    work = mini_copy.root.parent
    assert vanban_in(work, "build").returncode == 0  # the build lints every document: the commas pass
    path = work / "out" / "mau" / "kh-duk.docx"
    assert "[1.1] - Tỉnh\u00a0ủy (để\u00a0b/c)," in docx_lines(path)  # "Tỉnh ủy", "(để b/c)": no-break spaces
    assert lint_docx(path) == []


@pytest.fixture(scope="module")
def mini(built) -> Path:
    return built(MINI)

