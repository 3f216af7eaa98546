"""Every kind of document: abbreviations per system, who may issue it, and one table for vanban and its linter."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.lint.doctypes import BY_KEY as LINT_KINDS
from pipeline.lint.text import canon
from pipeline.model import DOCUMENT_TYPES
from pipeline.rulebook.issuing import grassroots_level, permission
from pipeline.rulebook.kinds import BY_KEY, WRITTEN, abbreviation
from pipeline.rulebook.systems import FRONT, PARTY, STATE, UNION, front_organ, header_style

# NĐ 30 Phụ lục III (§2.9) and the Party's list (§11.1, §4.5).
ABBREVIATIONS = [
    ("nghi_quyet", "NQ", "NQ"), ("quyet_dinh", "QĐ", "QĐ"), ("chi_thi", "CT", "CT"), ("quy_che", "QC", "QC"),
    ("quy_dinh", "QyĐ", "QĐ"), ("thong_cao", "TC", "TC"), ("thong_bao", "TB", "TB"), ("huong_dan", "HD", "HD"),
    ("chuong_trinh", "CTr", "CTr"), ("ke_hoach", "KH", "KH"), ("phuong_an", "PA", "PA"), ("de_an", "ĐA", "ĐA"),
    ("bao_cao", "BC", "BC"), ("bien_ban", "BB", "BB"), ("to_trinh", "TTr", "TTr"), ("cong_van", "", "CV"),
    ("cong_dien", "CĐ", "CĐ"), ("giay_moi", "GM", "GM"), ("giay_gioi_thieu", "GGT", "GGT"),
    ("ket_luan", "", "KL"), ("thong_tri", "", "TT"),
]


@pytest.mark.parametrize("key, state, party", ABBREVIATIONS)
def test_abbreviations(key, state, party):
    assert abbreviation(key, STATE) == abbreviation(key, UNION) == abbreviation(key, FRONT) == state
    assert abbreviation(key, PARTY) == party


def test_every_kind_the_issue_lists_is_written():
    state = {"nghi_quyet", "quyet_dinh", "chi_thi", "quy_che", "quy_dinh", "thong_cao", "thong_bao", "huong_dan",
             "chuong_trinh", "ke_hoach", "phuong_an", "de_an", "bao_cao", "bien_ban", "to_trinh", "cong_van",
             "cong_dien", "giay_moi", "giay_gioi_thieu"}
    party = {"nghi_quyet", "quyet_dinh", "chi_thi", "ket_luan", "quy_che", "quy_dinh", "thong_tri", "huong_dan",
             "ke_hoach", "chuong_trinh", "bao_cao", "to_trinh", "thong_bao", "cong_van", "bien_ban", "de_an",
             "phuong_an"}
    assert state <= {k for k, kind in WRITTEN.items() if STATE in kind.systems}
    assert party <= {k for k, kind in WRITTEN.items() if PARTY in kind.systems}
    assert set(DOCUMENT_TYPES) == set(WRITTEN)


def test_the_linter_knows_every_kind_by_the_same_row():
    for kind in BY_KEY.values():
        if kind.is_letter:
            continue
        judged = LINT_KINDS[canon(kind.title)]
        assert judged.abbr == (kind.abbr or None) and judged.subject == kind.subject and judged.dated == kind.dated
        assert judged.enacting == kind.enacting and judged.recipients_beside == kind.recipients_beside


D = dt.date


@pytest.mark.parametrize("system, organisation, authority, date, kind, allowed", [
    (STATE, None, (), D(2026, 3, 1), "ket_luan", False),  # the Party's own
    (STATE, None, (), D(2026, 3, 1), "cong_dien", True),
    (FRONT, "mttq", (), D(2026, 3, 1), "thong_tri", False),
    (PARTY, None, ("T/M Ban Thường vụ",), D(2026, 3, 1), "cong_dien", False),  # not a Party kind
    (PARTY, None, ("T/M Ban Thường vụ",), D(2026, 3, 1), "thong_tri", True),
    (PARTY, "chi_bo", ("T/M Chi bộ",), D(2026, 3, 1), "quy_dinh", False),  # QĐ 399, chi bộ
    (PARTY, "chi_bo", ("T/M Chi bộ",), D(2026, 1, 8), "quy_dinh", True),  # before QĐ 399: not known
    (PARTY, "chi_bo", ("T/M Chi bộ",), D(2026, 3, 1), "bien_ban", True),
    (PARTY, "dang_bo_co_so", ("T/M Ban Thường vụ",), D(2026, 3, 1), "huong_dan", True),  # its BTV
    (PARTY, "dang_bo_co_so", ("T/M Đảng ủy",), D(2026, 3, 1), "huong_dan", False),  # its BCH
    (PARTY, "dang_bo_co_so", ("T/M Ban Thường vụ",), D(2026, 3, 1), "quy_che", False),
    (PARTY, "dang_bo_co_so", ("T/M Đảng ủy",), D(2026, 3, 1), "quy_che", True),
    (PARTY, "dang_bo_co_so", ("T/M Đảng ủy",), D(2026, 3, 1), "giay_gioi_thieu", True),  # a paper
])
def test_who_may_issue_what(system, organisation, authority, date, kind, allowed):
    assert (kind in permission(system, organisation, authority, date).kinds) is allowed


def test_grassroots_level_from_the_signers_authority():
    assert grassroots_level("dang_bo_co_so", ("T/M Ban Thường vụ",)) == "btv_co_so"
    assert grassroots_level("dang_bo_co_so", ("T/M Đảng ủy",)) == "bch_co_so"
    assert grassroots_level("chi_bo", ()) == "chi_bo"
    assert grassroots_level(None, ("T/M Ban Thường vụ",)) is None


@pytest.mark.parametrize("authority, organ", [
    (("TM. Ban Thường trực",), "BTT"), (("TM. BAN THƯỜNG TRỰC",), "BTT"), (("TM. Ủy ban",), None), ((), None)])
def test_the_fronts_standing_board_closes_the_notation(authority, organ):
    assert front_organ(authority) == organ


@pytest.mark.parametrize("system, organisation, style", [
    (STATE, None, "state"), (UNION, None, "state"), (PARTY, "chi_bo", "party"), (FRONT, "mttq", "state"),
    (FRONT, "doan_thanh_nien", "youth"), (FRONT, "hoi_phu_nu", "state")])
def test_header_styles(system, organisation, style):
    assert header_style(system, organisation) == style
