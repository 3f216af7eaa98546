"""The Party's rules in force on a date: one table, each value with its status (the-thuc-van-ban.md §11.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.rulebook.party import (
    CONFIRMED_PRIMARY,
    CONFIRMED_SECONDARY,
    GRASSROOTS,
    PARTY_RULES,
    SECONDARY_ONLY,
    UNCONFIRMED,
    rules_on,
    status_of,
)

D = dt.date


@pytest.mark.parametrize("date, guideline, regulation", [
    (D(2024, 9, 18), "HD 36-HD/VPTW", "QĐ 66-QĐ/TW"),
    (D(2026, 1, 8), "HD 36-HD/VPTW", "QĐ 66-QĐ/TW"),
    (D(2026, 1, 9), "HD 36-HD/VPTW", "QĐ 399-QĐ/TW"),  # QĐ 399 in force from signing
    (D(2026, 5, 26), "HD 36-HD/VPTW", "QĐ 399-QĐ/TW"),
    (D(2026, 5, 27), "HD 05-HD/VPTW", "QĐ 399-QĐ/TW"),  # HD 05's date
    (D(2026, 12, 5), "HD 05-HD/VPTW", "QĐ 399-QĐ/TW"),
])
def test_the_instruments_in_force_on_a_date(date, guideline, regulation):
    rules = rules_on(date)
    assert (rules.guideline.name, rules.regulation.name) == (guideline, regulation)
    assert rules.name == f"{guideline} ({regulation})"


@pytest.mark.parametrize("name, before, after", [
    ("cong_van_subject_ve", False, True),  # HD 05: a công văn's trích yếu starts "về …"
    ("signer_title_bold", True, False),  # HD 36 unknown → NĐ 30 bold; HD 05 upright
    ("date_zero_padding", True, True),
])
def test_the_layout_rows_switch_on_hd_05s_date(name, before, after):
    assert getattr(rules_on(D(2026, 5, 26)), name) is before
    assert getattr(rules_on(D(2026, 5, 27)), name) is after


def test_grassroots_rules_only_from_qd_399():
    assert rules_on(D(2026, 1, 8)).grassroots is None
    assert rules_on(D(2026, 1, 9)).grassroots is GRASSROOTS


def test_every_value_has_a_status_of_the_reference_and_unconfirmed_ones_use_nd_30():
    statuses = {CONFIRMED_PRIMARY, CONFIRMED_SECONDARY, SECONDARY_ONLY, UNCONFIRMED}
    assert len({row.name for row in PARTY_RULES}) == len(PARTY_RULES)
    for row in PARTY_RULES:
        assert row.governed_by in ("guideline", "regulation")
        for ruled in (row.before, row.after):
            assert ruled.status in statuses and ruled.source, row.name
    # UNCONFIRMED: NĐ 30's value (ô 7b: the chức vụ bold), said in the row's source
    unconfirmed = status_of("signer_title_bold", D(2026, 3, 1))
    assert unconfirmed.status == UNCONFIRMED and unconfirmed.value is True and "NĐ 30" in unconfirmed.source
    assert status_of("cong_van_subject_ve", D(2026, 6, 1)).status == SECONDARY_ONLY


def test_grassroots_lists():
    # BTV: the Ban Chấp hành's list plus hướng dẫn, minus quy chế; a chi bộ: no quy định, no hướng dẫn
    assert GRASSROOTS["btv_co_so"] == (GRASSROOTS["bch_co_so"] | {"huong_dan"}) - {"quy_che"}
    assert "quy_dinh" not in GRASSROOTS["chi_bo"] and "huong_dan" not in GRASSROOTS["chi_bo"]
    assert not {"chi_thi", "thong_tri", "thong_cao"} & GRASSROOTS["bch_co_so"]
