"""Working days (pipeline/vietnamese/workdays.py) and dates written relative to another, resolved in the cascade.

The holidays come from the ``holidays`` package (VN). The tables use real dates, checked against
the government's announcements:

* Tết Ất Tỵ 2025: Mùng 1 Tết was Wednesday 29/01/2025; public servants were off from Saturday
  25/01 to Sunday 02/02/2025 (Thông báo 6150/TB-BLĐTBXH): five weekdays 27/01–31/01 and two
  weekends. The library gives 28/01–31/01 and Saturday 01/02 by the lunar calendar, and moves
  the Saturday to Monday 27/01 as a day off in lieu, which it names "29 Tết" (that year had no
  30 Tết: 27/01 was 28 tháng Chạp). The working days come out exactly as announced.
* 30/4–1/5/2025: Wednesday and Thursday, plus Friday 02/05 off in exchange for Saturday 26/04
  worked (a swap the library carries). 2024: Monday 29/04 off for Saturday 04/05 worked.
* 2/9/2025: Monday 01/09 and Tuesday 02/09 (Bộ luật Lao động 2019: 2/9 and the day next to it).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pipeline.build.build import BuildOptions, run_build
from pipeline.cascade.check import check_sources
from pipeline.cli import cli
from pipeline.errors import SourceErrors
from pipeline.vietnamese.workdays import (
    RELATIVE_PATTERN,
    RelativeDate,
    add_days,
    add_working_days,
    compensatory_days_off,
    days_off,
    holiday_name,
    is_working_day,
    make_up_working_days,
    parse_relative,
)

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
D = dt.date

# --- is_working_day -------------------------------------------------------------------------------

WORKING_DAYS = [
    # (date, working?, why)
    (D(2025, 1, 24), True, "Friday before the Tết break"),
    (D(2025, 1, 25), False, "Saturday, first day of the Tết break"),
    (D(2025, 1, 26), False, "Sunday"),
    (D(2025, 1, 27), False, "Monday: day off in lieu of Saturday 01/02 (Mùng 4)"),
    (D(2025, 1, 28), False, "Giao thừa (29 tháng Chạp)"),
    (D(2025, 1, 29), False, "Mùng 1 Tết"),
    (D(2025, 1, 30), False, "Mùng 2 Tết"),
    (D(2025, 1, 31), False, "Mùng 3 Tết"),
    (D(2025, 2, 1), False, "Saturday, Mùng 4 Tết"),
    (D(2025, 2, 2), False, "Sunday, last day of the Tết break"),
    (D(2025, 2, 3), True, "Monday after the Tết break"),
    (D(2025, 1, 1), False, "Tết Dương lịch"),
    (D(2025, 4, 7), False, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2025, 4, 26), True, "Saturday worked in exchange for Friday 02/05"),
    (D(2025, 4, 30), False, "Ngày Chiến thắng"),
    (D(2025, 5, 1), False, "Ngày Quốc tế Lao động"),
    (D(2025, 5, 2), False, "Friday off, swapped with Saturday 26/04"),
    (D(2025, 5, 5), True, "Monday after 30/4–1/5"),
    (D(2025, 8, 29), True, "Friday before Quốc khánh"),
    (D(2025, 9, 1), False, "Quốc khánh, the day next to 2/9"),
    (D(2025, 9, 2), False, "Quốc khánh"),
    (D(2025, 9, 3), True, "Wednesday after Quốc khánh"),
    (D(2024, 2, 8), False, "Tết Giáp Thìn 2024: 29 tháng Chạp"),
    (D(2024, 2, 14), False, "Tết 2024: Mùng 5, in lieu of Saturday Mùng 1"),
    (D(2024, 2, 15), True, "Thursday after Tết 2024"),
    (D(2024, 4, 29), False, "Monday off, swapped with Saturday 04/05/2024"),
    (D(2024, 5, 4), True, "Saturday worked in exchange for 29/04/2024"),
    (D(2024, 9, 3), False, "Quốc khánh 2024: Tuesday next to Monday 2/9"),
    (D(2024, 10, 15), True, "an ordinary Tuesday"),
    (D(2024, 10, 19), False, "an ordinary Saturday"),
    (D(2024, 10, 20), False, "an ordinary Sunday"),
]


@pytest.mark.parametrize("day,working,why", WORKING_DAYS, ids=[f"{d:%d-%m-%Y}" for d, _, _ in WORKING_DAYS])
def test_is_working_day(day, working, why):
    assert is_working_day(day) is working, why


def test_the_whole_tet_break_2025_is_off_as_announced():
    """Thông báo 6150/TB-BLĐTBXH: 25/01–02/02/2025, nine days; the days on each side are worked."""
    break_days = [D(2025, 1, 25) + dt.timedelta(days=i) for i in range(9)]
    assert break_days[-1] == D(2025, 2, 2)
    assert not any(is_working_day(d) for d in break_days)
    assert is_working_day(D(2025, 1, 24)) and is_working_day(D(2025, 2, 3))


def test_compensatory_days_and_swaps_come_from_the_library():
    assert compensatory_days_off(2025) == {
        D(2025, 1, 27): "29 Tết",  # in lieu of Saturday 01/02 (the library's name; it was 28 tháng Chạp)
        D(2025, 5, 2): "Ngày nghỉ (thay cho ngày 26/04/2025)",
    }
    assert make_up_working_days(2025) == (D(2025, 4, 26),)
    assert compensatory_days_off(2024) == {
        D(2024, 2, 8): "29 Tết",
        D(2024, 2, 14): "Mùng năm Tết Nguyên Đán",
        D(2024, 4, 29): "Ngày nghỉ (thay cho ngày 04/05/2024)",
    }
    assert make_up_working_days(2024) == (D(2024, 5, 4),)


def test_days_off_2025_are_the_weekdays_not_worked():
    assert sorted(days_off(2025)) == [
        D(2025, 1, 1), D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
        D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2), D(2025, 9, 1), D(2025, 9, 2),
    ]
    assert holiday_name(D(2025, 1, 29)) == "Tết Nguyên Đán"
    assert holiday_name(D(2025, 1, 24)) is None


# --- counting days -----------------------------------------------------------------------------------

ADD_WORKING = [
    # (from, n, to, why)
    (D(2025, 1, 24), 1, D(2025, 2, 3), "over the whole Tết break"),
    (D(2025, 2, 3), -1, D(2025, 1, 24), "back over the Tết break"),
    (D(2025, 1, 20), 10, D(2025, 2, 10), "4 days before Tết, 5 after, a weekend, then Monday"),
    (D(2024, 10, 31), -5, D(2024, 10, 24), "5 working days before 31/10/2024 (Thursday)"),
    (D(2024, 10, 18), 1, D(2024, 10, 21), "Friday → Monday"),
    (D(2024, 10, 19), -1, D(2024, 10, 18), "from a Saturday back to Friday"),
    (D(2024, 10, 19), 1, D(2024, 10, 21), "from a Saturday on to Monday"),
    (D(2024, 10, 19), 0, D(2024, 10, 19), "zero days: the date itself, even a Saturday"),
    (D(2025, 4, 29), 1, D(2025, 5, 5), "over 30/4, 1/5, the swapped 2/5 and the weekend"),
    (D(2025, 4, 25), 1, D(2025, 4, 26), "onto the Saturday worked in exchange"),
    (D(2025, 5, 5), -2, D(2025, 4, 28), "back over 2/5, 1/5, 30/4, 29/4 and the make-up Saturday"),
    (D(2025, 8, 29), 1, D(2025, 9, 3), "over Quốc khánh 2025 (30/8–2/9)"),
    (D(2024, 12, 31), 1, D(2025, 1, 2), "over Tết Dương lịch, across the year"),
]


@pytest.mark.parametrize("start,n,end,why", ADD_WORKING, ids=[w for *_, w in ADD_WORKING])
def test_add_working_days(start, n, end, why):
    assert add_working_days(start, n) == end, why


@pytest.mark.parametrize("start,n,end", [
    (D(2024, 10, 31), -5, D(2024, 10, 26)),  # calendar days: may land on a Saturday
    (D(2024, 8, 30), 10, D(2024, 9, 9)),
    (D(2024, 2, 28), 1, D(2024, 2, 29)),
    (D(2024, 12, 25), 10, D(2025, 1, 4)),
    (D(2025, 1, 1), 0, D(2025, 1, 1)),
])
def test_add_days(start, n, end):
    assert add_days(start, n) == end


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))
counts = st.integers(min_value=-60, max_value=60).filter(lambda n: n != 0)


@given(days, counts)
def test_add_working_days_lands_on_a_working_day(day, n):
    assert is_working_day(add_working_days(day, n))


@given(days, st.integers(min_value=1, max_value=60))
def test_forward_then_back_returns_to_a_working_day_not_after_the_start(day, n):
    back = add_working_days(add_working_days(day, n), -n)
    assert is_working_day(back) and back <= day
    if is_working_day(day):
        assert back == day
    else:  # the last working day before ``day``
        assert all(not is_working_day(day - dt.timedelta(days=i)) for i in range((day - back).days))


@given(days, counts)
def test_working_days_move_in_the_direction_asked(day, n):
    moved = add_working_days(day, n)
    assert (moved > day) if n > 0 else (moved < day)
    assert abs((moved - day).days) >= abs(n)


# --- the written form -----------------------------------------------------------------------------------

RELATIVE = [
    ("5 ngày làm việc trước han_cha", RelativeDate(5, True, True, "han_cha")),
    ("10 ngày sau ngay", RelativeDate(10, False, False, "ngay")),
    ("3 ngày làm việc sau ngay_cha", RelativeDate(3, True, False, "ngay_cha")),
    ("  1   ngày  làm  việc   trước   han  ", RelativeDate(1, True, True, "han")),
    ("999 ngày sau han", RelativeDate(999, False, False, "han")),
    ("0 ngày sau ngay", None),
    ("1000 ngày sau ngay", None),
    ("05 ngày sau ngay", None),
    ("5 ngày làm việc trước hạn cha", None),
    ("5 ngày làm việc trước han cha", None),
    ("5 ngay lam viec truoc han_cha", None),
    ("5 ngày trước", None),
    ("năm ngày sau ngay", None),
    ("5 ngày sau thoi_gian", None),
    ("30/08/2024", None),
]


@pytest.mark.parametrize("text,expected", RELATIVE, ids=[t for t, _ in RELATIVE])
def test_parse_relative(text, expected):
    assert parse_relative(text) == expected
    # The JSON Schema's pattern (editors) and the loader read the same texts.
    assert bool(re.search(RELATIVE_PATTERN, text)) == (expected is not None)


def test_relative_date_prints_as_written_and_applies():
    rel = parse_relative("5 ngày làm việc trước han_cha")
    assert str(rel) == "5 ngày làm việc trước han_cha" and rel.on_parent
    assert rel.apply(D(2024, 10, 31)) == D(2024, 10, 24)
    assert parse_relative("10 ngày sau ngay").apply(D(2024, 8, 30)) == D(2024, 9, 9)


# --- resolved in the cascade -------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path):
    """A copy of tests/data/mini; ``data.edit(old, new)`` changes the campaign file in one place."""
    root = tmp_path / "data"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("*.sqlite3*"))
    campaign = root / "chien-dich" / "mau.yaml"

    class Data:
        path = root

        @staticmethod
        def edit(old: str, new: str) -> None:
            text = campaign.read_text(encoding="utf-8")
            assert text.count(old) == 1, old
            campaign.write_text(text.replace(old, new), encoding="utf-8")

    return Data


def problems_of(data_dir: Path, tmp_path: Path) -> list:
    with pytest.raises(SourceErrors) as caught:
        check_sources(data_dir, tmp_path / "none.sqlite3")
    return caught.value.problems


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_relative_deadline_is_computed_inherited_shown_and_printed(data, tmp_path):
    data.edit("    han: 25/10/2024\n", '    han: "5 ngày làm việc trước han_cha"\n')
    _sources, trees = check_sources(data.path, tmp_path / "none.sqlite3")
    docs = trees[0].by_id()
    # kh-tinh's deadline is 31/10/2024 (Thursday): five working days before is Thursday 24/10.
    tram_tau = docs["kh-huyen--ubnd-huyen-tram-tau"]
    assert tram_tau.deadline == D(2024, 10, 24)
    assert [(c.field, c.written, c.date) for c in tram_tau.computed_dates] == [
        ("han", "5 ngày làm việc trước han_cha", D(2024, 10, 24))]
    # Inherited by qd-khen-thuong, the form is computed again against its own parent's deadline.
    assert docs["qd-khen-thuong"].deadline == D(2024, 10, 17)
    assert docs["kh-tinh"].computed_dates == () and docs["kh-tinh"].deadline == D(2024, 10, 31)

    result = CliRunner().invoke(cli, ["--data", str(data.path), "--register", str(tmp_path / "r.sqlite3"), "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Nguồn hợp lệ:")
    assert "kh-huyen--ubnd-huyen-tram-tau: han = 5 ngày làm việc trước han_cha → 24/10/2024" in lines
    assert "qd-khen-thuong: han = 5 ngày làm việc trước han_cha → 17/10/2024" in lines
    assert not any(line.startswith("kh-tinh:") for line in lines)

    report = run_build(BuildOptions(data.path, tmp_path / "out", tmp_path / "so.sqlite3"))
    built = {w.document.id: w.path for w in report.written}
    # "{{ han }}" in the content inherited from kh-tinh prints the computed date.
    assert "trước ngày 24/10/2024" in docx_text(built["kh-huyen--ubnd-huyen-tram-tau"])
    assert "trước ngày 31/10/2024" in docx_text(built["kh-tinh"])


def test_relative_dates_in_ngay_and_period(data, tmp_path):
    data.edit("    ngay: 10/10/2024\n    thoi_gian: {tu: 10/10/2024, den: 31/12/2025}\n",
              '    ngay: "28 ngày làm việc sau ngay_cha"\n'
              '    thoi_gian: {tu: "3 ngày làm việc sau ngay", den: 31/12/2025}\n')
    _sources, trees = check_sources(data.path, tmp_path / "none.sqlite3")
    doc = trees[0].by_id()["kh-huyen--ubnd-huyen-van-yen"]
    # 30/08/2024 (Friday) + 28 working days, over Quốc khánh 2–3/9/2024: Friday 11/10/2024.
    assert doc.date == D(2024, 10, 11)
    assert doc.period.start == D(2024, 10, 16)  # Monday 14, Tuesday 15, Wednesday 16
    assert [c.field for c in doc.computed_dates] == ["ngay", "thoi_gian.tu"]


def test_relative_deadline_after_the_parents_is_caught_by_the_cascade_check(data, tmp_path):
    data.edit("    han: 25/10/2024\n", '    han: "5 ngày làm việc sau han_cha"\n')
    problems = problems_of(data.path, tmp_path)
    # one message for the fan-out: the field names the first body "(và 1 văn bản khác)"
    deadline = [p for p in problems if p.field.startswith("kh-huyen--ubnd-huyen-tram-tau: han")]
    assert len(deadline) == 1
    assert deadline[0].message == ("hạn 07/11/2024 (= 5 ngày làm việc sau han_cha) sau hạn của văn bản cha "
                                   "(31/10/2024)")
    assert deadline[0].location.line == 35


def test_missing_anchor_is_an_error_naming_the_field(data, tmp_path):
    data.edit("    han: 31/10/2024\n", "")
    data.edit(" trước ngày {{ han }};", ";")
    data.edit("    han: 25/10/2024\n", '    han: "5 ngày làm việc trước han_cha"\n')
    problems = problems_of(data.path, tmp_path)
    assert [(p.field.split(' (và')[0], p.message) for p in problems][:1] == [
        ("kh-huyen--ubnd-huyen-tram-tau: han",
         "'5 ngày làm việc trước han_cha': không có han_cha, vì văn bản cha 'kh-tinh' không có hạn (han)")]
    assert problems[0].location.line == 34


def test_root_document_has_no_parent_dates(data, tmp_path):
    data.edit("    ngay: 30/08/2024\n", '    ngay: "1 ngày sau ngay_cha"\n')
    problems = problems_of(data.path, tmp_path)
    assert [(p.field, p.message) for p in problems] == [
        ("kh-tinh: ngay", "'1 ngày sau ngay_cha': không có ngay_cha, vì văn bản gốc không có văn bản cha")]


def test_dates_counted_from_each_other_are_refused(data, tmp_path):
    data.edit("    ngay: 24/10/2024\n", '    ngay: "2 ngày trước han"\n    han: "2 ngày sau ngay"\n')
    problems = problems_of(data.path, tmp_path)
    assert [(p.field, p.message) for p in problems] == [
        ("cv-ldld: han", "ngày tính vòng quanh: ngay → han → ngay")]


def test_a_relative_form_outside_the_grammar_is_a_located_vietnamese_error(data, tmp_path):
    data.edit("    han: 25/10/2024\n", '    han: "5 ngày làm việc trước hạn cha"\n')
    problems = problems_of(data.path, tmp_path)
    assert len(problems) == 1
    p = problems[0]
    assert (p.location.line, p.field) == (35, "kh-huyen: han")
    assert p.message == ("cần ngày dạng dd/mm/yyyy hoặc '5 ngày làm việc trước han_cha', "
                         "nhận được '5 ngày làm việc trước hạn cha'")
    assert "ngay, han, ngay_cha, han_cha" in p.hint
