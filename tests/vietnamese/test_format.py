"""Vietnamese formatting rules (pipeline/vietnamese/format.py): one table per function, then properties."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.vietnamese import format as vnformat
from pipeline.vietnamese.format import (
    DRAFT_NUMBER,
    VIETNAMESE_LETTERS,
    DateFormatError,
    clean_text,
    code_number,
    continue_sentence,
    forbidden_character,
    format_date_input,
    format_date_long,
    format_date_short,
    join_names,
    letter,
    lower_first,
    number_line,
    pad_day,
    pad_month,
    pad_number,
    parse_date,
    place_date_line,
    roman,
    section_label,
    level_label,
    scheme_kind,
    parse_scheme,
    parse_ordinal,
    NumberingError,
    starts_lower,
    unit_word,
    upper_first,
    upper_vi,
)

# --- dates ------------------------------------------------------------------------


@pytest.mark.parametrize("date, expected", [
    (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),  # NĐ 30's own example
    (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),  # months 3–12 are not padded
    (dt.date(2018, 2, 20), "ngày 20 tháng 02 năm 2018"),  # January and February are
    (dt.date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
    (dt.date(2024, 11, 7), "ngày 07 tháng 11 năm 2024"),  # seed 000
    (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    (dt.date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
])
def test_format_date_long(date, expected):
    assert format_date_long(date) == expected


@pytest.mark.parametrize("date, expected", [
    (dt.date(2024, 8, 30), "30/8/2024"),  # seed 000: "ngày 30/8/2024"
    (dt.date(2024, 10, 24), "24/10/2024"),
    (dt.date(2014, 4, 7), "07/4/2014"),  # seed 000: "ngày 07/4/2014"
    (dt.date(2020, 1, 5), "05/01/2020"),
    (dt.date(2021, 2, 3), "03/02/2021"),
])
def test_format_date_short(date, expected):
    assert format_date_short(date) == expected


@pytest.mark.parametrize("date, expected", [
    (dt.date(2024, 8, 30), "30/08/2024"),
    (dt.date(2020, 1, 5), "05/01/2020"),
    (dt.date(2024, 12, 31), "31/12/2024"),
])
def test_format_date_input(date, expected):
    assert format_date_input(date) == expected


@pytest.mark.parametrize("text, expected", [
    ("30/08/2024", dt.date(2024, 8, 30)),
    ("5/1/2020", dt.date(2020, 1, 5)),  # d/m/yyyy as clerks also type it
    ("05/1/2020", dt.date(2020, 1, 5)),
    ("5/01/2020", dt.date(2020, 1, 5)),
    (" 31/12/2025 ", dt.date(2025, 12, 31)),  # stray spaces around the value
    ("29/02/2024", dt.date(2024, 2, 29)),  # leap year
])
def test_parse_date_accepts(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("30/02/2025", "day"),  # the day does not exist
    ("29/02/2025", "day"),  # not a leap year
    ("31/04/2024", "day"),
    ("00/01/2024", "day"),
    ("15/13/2024", "day"),
    ("2024-11-07", "form"),  # ISO, as YAML 1.1 would have read it
    ("30.08.2024", "form"),
    ("30/08/24", "form"),  # two-digit year
    ("30/8", "form"),
    ("ngày 30 tháng 8 năm 2024", "form"),
    ("", "form"),
    ("30 /08/2024", "form"),
])
def test_parse_date_refuses(text, reason):
    with pytest.raises(DateFormatError) as caught:
        parse_date(text)
    assert str(caught.value) == reason
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("day, expected", [(1, "01"), (9, "09"), (10, "10"), (31, "31")])
def test_pad_day(day, expected):
    assert pad_day(day) == expected


@pytest.mark.parametrize("month, expected", [
    (1, "01"), (2, "02"), (3, "3"), (6, "6"), (9, "9"), (10, "10"), (12, "12"),
])
def test_pad_month(month, expected):
    assert pad_month(month) == expected


@pytest.mark.parametrize("place, date, expected", [
    ("Yên Bái", dt.date(2024, 11, 7), "Yên Bái, ngày 07 tháng 11 năm 2024"),
    ("Hà Nội", dt.date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
    ("Thành phố Hồ Chí Minh", dt.date(2019, 6, 29), "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
    # an undated draft: blanks the văn thư fills in by hand
    ("Trạm Tấu", None, "Trạm Tấu, ngày      tháng      năm      "),
])
def test_place_date_line(place, date, expected):
    assert place_date_line(place, date) == expected


# --- numbers and notations ------------------------------------------------------------


@pytest.mark.parametrize("number, expected", [(1, "01"), (5, "05"), (10, "10"), (188, "188"), (1234, "1234")])
def test_pad_number(number, expected):
    assert pad_number(number) == expected


@pytest.mark.parametrize("number, width, expected", [
    (124, 4, "0124"),  # "Số: 0124/KH-UBND": the issuer's own width
    (5, 4, "0005"), (12345, 4, "12345"), (5, 3, "005"),
    (5, 1, "05"), (5, 0, "05"),  # never fewer digits than NĐ 30's leading zero below 10
])
def test_pad_number_to_an_issuers_width(number, width, expected):
    assert pad_number(number, width) == expected
    assert number_line(number, "KH-UBND", False, width) == f"Số: {expected}/KH-UBND"
    assert code_number(number, "KH/ĐUK", True, width) == f"{expected}-KH/ĐUK"


@pytest.mark.parametrize("number, notation, party, expected", [
    (5, "KH-UBND", False, "Số: 05/KH-UBND"),
    (188, "KH-UBND", False, "Số: 188/KH-UBND"),
    (12, "UBND-VX", False, "Số: 12/UBND-VX"),  # NĐ 30's công văn example
    (38, "CĐVC", False, "Số: 38/CĐVC"),  # seed 000
    (277, "KH/ĐUK", True, "Số 277-KH/ĐUK"),  # Party: no colon, hyphen
    (36, "HD/VPTW", True, "Số 36-HD/VPTW"),
    (7, "CV/ĐUK", True, "Số 07-CV/ĐUK"),
    (None, "KH-UBND", False, f"Số: {DRAFT_NUMBER}/KH-UBND"),  # a draft leaves the number blank
    (None, "KH/ĐUK", True, f"Số {DRAFT_NUMBER}-KH/ĐUK"),
])
def test_number_line(number, notation, party, expected):
    assert number_line(number, notation, party) == expected


def test_the_draft_number_is_blank_space_only():
    assert DRAFT_NUMBER.strip() == "" and len(DRAFT_NUMBER) >= 4


@pytest.mark.parametrize("number, notation, party, expected", [
    (188, "KH-UBND", False, "188/KH-UBND"),
    (5, "KH-UBND", False, "05/KH-UBND"),
    (277, "KH/ĐUK", True, "277-KH/ĐUK"),
    (None, "KH-UBND", False, "…/KH-UBND"),  # citing a parent that has no number yet
    (None, "KH/ĐUK", True, "…-KH/ĐUK"),
])
def test_code_number(number, notation, party, expected):
    assert code_number(number, notation, party) == expected


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
    ("ủy", "ỦY"),
    ("đ", "Đ"),
    ("Đảng ủy khối", "ĐẢNG ỦY KHỐI"),
    ("huyện Trạm Tấu", "HUYỆN TRẠM TẤU"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("thuỷ, hoá, khoẻ", "THUỶ, HOÁ, KHOẺ"),  # old tone placement kept as written
    ("ư ơ ă â ê ô ỹ ữ ợ", "Ư Ơ Ă Â Ê Ô Ỹ Ữ Ợ"),
    (unicodedata.normalize("NFD", "Ủy ban"), "ỦY BAN"),  # decomposed input comes out composed
    ("TM. Ủy ban nhân dân", "TM. ỦY BAN NHÂN DÂN"),
    ("", ""),
])
def test_upper_vi(text, expected):
    assert upper_vi(text) == expected
    assert unicodedata.is_normalized("NFC", upper_vi(text))


@pytest.mark.parametrize("locality, expected", [
    ("huyện Trạm Tấu", "huyện"),
    ("tỉnh Yên Bái", "tỉnh"),
    ("xã Bản Công", "xã"),
    ("thị trấn Trạm Tấu", "thị trấn"),
    ("thành phố Yên Bái", "thành phố"),
    ("phường Cam Đường", "phường"),
    ("đặc khu Phú Quốc", "đặc khu"),
    ("Thành phố Hồ Chí Minh", ""),  # a unit named in full (NĐ 30 PL II): no generic word apart
    ("Quận 1", ""),
    ("Đảng bộ Sở Công Thương", ""),  # not an administrative unit
    ("cả nước", ""),
    ("", ""),
])
def test_unit_word(locality, expected):
    assert unit_word(locality) == expected


@pytest.mark.parametrize("names, expected", [
    (["UBND các huyện, thị xã, thành phố", "Các sở, ban, ngành tỉnh"],
     "UBND các huyện, thị xã, thành phố; các sở, ban, ngành tỉnh"),
    (["Các thôn, tổ dân phố"], "Các thôn, tổ dân phố"),
    (["Công đoàn cơ sở trực thuộc", "Những đơn vị khác", "LĐLĐ các huyện"],
     "Công đoàn cơ sở trực thuộc; những đơn vị khác; LĐLĐ các huyện"),
    ([], ""),
])
def test_join_names(names, expected):
    assert join_names(names) == expected


@pytest.mark.parametrize("text, expected", [
    ("Để động viên cán bộ …", "để động viên cán bộ …"),
    ("Nhằm triển khai …", "nhằm triển khai …"),
    ("Trên cơ sở kết quả …", "trên cơ sở kết quả …"),
    ("Ủy ban nhân dân tỉnh ban hành Kế hoạch …", "Ủy ban nhân dân tỉnh ban hành Kế hoạch …"),  # a name keeps its capital
    ("UBND tỉnh ban hành …", "UBND tỉnh ban hành …"),
    ("Đểu", "Đểu"),  # a word that only starts like an opener
    ("", ""),
])
def test_continue_sentence(text, expected):
    assert continue_sentence(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Về việc khen thưởng", "về việc khen thưởng"),
    ("Phát động phong trào", "phát động phong trào"),
    ("Đảng bộ", "đảng bộ"),
    ("về việc", "về việc"),
    ("", ""),
])
def test_lower_first(text, expected):
    assert lower_first(text) == expected


FIRST_LETTERS = [
    ("phát động phong trào", "Phát động phong trào", True),
    ("Phát động phong trào", "Phát động phong trào", False),
    ("đẩy mạnh thi đua", "Đẩy mạnh thi đua", True),
    ("“xanh, sạch, đẹp” năm 2025", "“Xanh, sạch, đẹp” năm 2025", True),
    ("(kèm danh sách)", "(Kèm danh sách)", True),
    ("2025: năm thi đua", "2025: năm thi đua", False),  # no letter first: nothing to raise
    ("ªa", "ªa", False),  # a small letter without a capital stays
    ("ǆa", "Ǆa", True),
    ("ΐa", "\u03aa\u0301a", True),  # its capital is two characters, composed again
    ("", "", False),
]


@pytest.mark.parametrize("text, expected, lower", FIRST_LETTERS)
def test_upper_first(text, expected, lower):
    assert upper_first(text) == expected
    assert not starts_lower(upper_first(text))


@pytest.mark.parametrize("text, expected, lower", FIRST_LETTERS)
def test_starts_lower(text, expected, lower):
    assert starts_lower(text) is lower


# --- numbering of sections ------------------------------------------------------------------


@pytest.mark.parametrize("number, expected", [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
    (20, "XX"), (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2024, "MMXXIV"),
])
def test_roman(number, expected):
    assert roman(number) == expected


@pytest.mark.parametrize("function", [roman, letter])
@pytest.mark.parametrize("number", [0, -1])
def test_numbering_starts_at_one(function, number):
    with pytest.raises(ValueError):
        function(number)


@pytest.mark.parametrize("number, expected", [
    (1, "a"), (2, "b"), (3, "c"), (4, "d"),
    (5, "đ"),  # NĐ 30 counts with the Vietnamese alphabet: đ is the 5th point
    (6, "e"), (7, "g"),  # no f
    (10, "k"),  # no j
    (22, "x"), (23, "y"),  # no w, no z
    (24, "aa"), (25, "ab"),  # past "y" the letters double
])
def test_letter(number, expected):
    assert letter(number) == expected


@pytest.mark.parametrize("absent", ["f", "j", "w", "z"])
def test_letters_skip_those_vietnamese_does_not_use(absent):
    assert absent not in VIETNAMESE_LETTERS
    assert absent not in {letter(n) for n in range(1, 24)}


@pytest.mark.parametrize("style, path, expected", [
    # kế hoạch, báo cáo…: I. MỤC / 1. khoản / a) điểm / - below
    ("muc", (1,), "I."),
    ("muc", (3,), "III."),
    ("muc", (2, 1), "1."),
    ("muc", (2, 12), "12."),
    ("muc", (1, 1, 1), "a)"),
    ("muc", (1, 1, 5), "đ)"),
    ("muc", (1, 1, 6), "e)"),
    ("muc", (1, 1, 1, 1), "-"),
    ("muc", (1, 1, 1, 1, 1), "-"),  # deeper levels keep the dash
    # công văn (seed 000): 1. / 2.1. / a) / -
    ("phan_cap", (1,), "1."),
    ("phan_cap", (2, 1), "2.1."),
    ("phan_cap", (2, 10), "2.10."),
    ("phan_cap", (2, 1, 3), "c)"),
    ("phan_cap", (2, 1, 3, 1), "-"),
])
def test_section_label(style, path, expected):
    assert section_label(style, path) == expected


@pytest.mark.parametrize("scheme, path, expected", [
    # seed 003: I. / 1. / a) / -, and under its "7." the section's own scheme 1.1. / a) / -
    (("I.", "1.", "1.1.", "a)", "-"), (2, 7, 1), "7.1."),
    (("I.", "1.", "1.1.", "a)", "-"), (2, 7, 2, 3), "c)"),
    (("I.", "1.", "1.1.", "a)", "-"), (2, 7, 2, 3, 1), "-"),
    (("1.", "1.1.", "1.1.1."), (2, 1, 3), "2.1.3."),
    (("1.", "1.1.", "1.1.1."), (2, 1, 3, 4), "1.3.4."),  # below the last level, the last kind goes on
    (("1.", "(1)", "+"), (3, 2), "(2)"),
    (("1.", "(1)", "+"), (3, 2, 1), "+"),
    (("1)", "a."), (12,), "12)"),
    (("1)", "a."), (1, 5), "đ."),
])
def test_section_label_of_a_scheme(scheme, path, expected):
    assert section_label(scheme, path) == expected


@pytest.mark.parametrize("kind, path, expected", [
    ("I.", (4,), "IV."), ("1.", (1, 12), "12."), ("1.1.", (2, 7, 1), "7.1."), ("1.1.1.", (2, 7, 1, 3), "7.1.3."),
    ("1)", (3,), "3)"), ("(1)", (3,), "(3)"), ("a)", (5,), "đ)"), ("a.", (6,), "e."), ("-", (9,), "-"),
    ("+", (2,), "+"),
])
def test_level_label(kind, path, expected):
    assert level_label(kind, path) == expected


@pytest.mark.parametrize("label, expected", [
    ("I.", "I."), ("IV.", "I."), ("1.", "1."), ("12.", "1."), ("7.1.", "1.1."), ("1.1.1.", "1.1.1."),
    ("1)", "1)"), ("(1)", "(1)"), ("a)", "a)"), ("đ)", "a)"), ("a.", "a."), ("-", "-"), ("+", "+"),
    (" a) ", "a)"),
])
def test_scheme_kind(label, expected):
    assert scheme_kind(label) == expected


@pytest.mark.parametrize("label", ["", "*", "•", "A)", "1", "I", "a", "1.a)", "(a)", "Điều 1."])
def test_scheme_kind_refuses(label):
    with pytest.raises(NumberingError):
        scheme_kind(label)


@pytest.mark.parametrize("written, expected", [
    ("I. / 1. / a) / -", ("I.", "1.", "a)", "-")),
    (["1.", "1.1.", "1.1.1."], ("1.", "1.1.", "1.1.1.")),
    ("I. / 1. / 7.1. / a) / -", ("I.", "1.", "1.1.", "a)", "-")),  # seed 003, "7.1." under "7."
    (["1. / (1)", "+"], ("1.", "(1)", "+")),
])
def test_parse_scheme(written, expected):
    assert parse_scheme(written) == expected


@pytest.mark.parametrize("written, bad", [("I. / 1 / a)", "1"), ([], ""), ("I. / * / -", "*")])
def test_parse_scheme_names_the_label_it_refuses(written, bad):
    with pytest.raises(NumberingError) as caught:
        parse_scheme(written)
    assert caught.value.args == (bad,)


@pytest.mark.parametrize("written, expected", [
    ("IV", 4), ("IV.", 4), ("7", 7), (7, 7), ("12)", 12), ("(3)", 3), ("e", 6), ("e)", 6), ("đ", 5),
    ("g.", 7), ("7.3", 3), ("7.3.", 3), (" 9 ", 9), ("aa", 24),
])
def test_parse_ordinal(written, expected):
    assert parse_ordinal(written) == expected


@pytest.mark.parametrize("written", ["IIII", "0", "f", "w", "-", "+", "A", "7.0", "", "bảy"])
def test_parse_ordinal_refuses(written):
    with pytest.raises(NumberingError):
        parse_ordinal(written)


# --- text hygiene -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),  # Windows line ends
    ("dòng 1\rdòng 2", "dòng 1\ndòng 2"),  # old Mac line ends
    (unicodedata.normalize("NFD", "Ủy ban nhân dân"), "Ủy ban nhân dân"),  # NFD → NFC
    ("Yên Bái", "Yên Bái"),
])
def test_clean_text(text, expected):
    assert clean_text(text) == expected
    assert unicodedata.is_normalized("NFC", clean_text(text))


@pytest.mark.parametrize("text, expected", [
    ("Phát động phong trào", None),
    ("A & B <c> \"d\" 'e'", None),  # XML-special characters are text, escaped later
    ("dòng 1\ndòng 2\tcột", None),  # newline and tab are allowed
    ("Phát\x00động", "\x00"),  # NUL: XML 1.0 cannot carry it at all
    ("chuông\x07", "\x07"),
    ("\x1b[31mđỏ", "\x1b"),
    ("\ufffe", "\ufffe"),
    ("Phát\u200bđộng", "\u200b"),  # zero-width space, pasted from web pages
    ("Phát\u200dđộng", "\u200d"),  # zero-width joiner
    ("\ufeffPhát", "\ufeff"),  # byte-order mark inside a value
    ("abc\u2060", "\u2060"),  # word joiner
    ("ngày \u202e4202/11/70", "\u202e"),  # right-to-left override ("Trojan source")
    ("\u2066isolate\u2069", "\u2066"),
    ("\u202aembed", "\u202a"),
])
def test_forbidden_character(text, expected):
    assert forbidden_character(text) == expected


def test_forbidden_character_returns_the_first_one():
    assert forbidden_character("a\u200bb\x00c") == "\x00"  # control characters are looked for first


# --- properties ----------------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
_LONG = re.compile(r"ngày (\d\d) tháng (\d\d?) năm (\d{4})")


@given(DATES)
def test_input_form_parses_back_to_the_same_date(date):
    assert parse_date(format_date_input(date)) == date


@given(DATES)
def test_long_form_reads_back_through_the_input_form(date):
    long = format_date_long(date)
    day, month, year = (int(g) for g in _LONG.fullmatch(long).groups())
    assert parse_date(f"{day}/{month}/{year}") == date
    assert format_date_long(parse_date(format_date_input(date))) == long
    # padding: the day always has two digits; only January and February have a padded month
    assert (len(_LONG.fullmatch(long).group(2)) == 2) == (date.month <= 2 or date.month >= 10)


@given(st.integers(min_value=1, max_value=3998))
def test_roman_is_strictly_increasing(number):
    # parse_ordinal reads a label's value symbol by symbol: the reader of what roman() writes
    assert parse_ordinal(roman(number)) == number
    assert parse_ordinal(roman(number + 1)) > parse_ordinal(roman(number))
    assert re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", roman(number))


_BASES = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # huyền, sắc, ngã, hỏi, nặng
_VIETNAMESE = sorted(
    {unicodedata.normalize("NFC", base + tone) for base in _BASES for tone in _TONES}
    | set("bcdđghklmnpqrstvx")
)
VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(_VIETNAMESE + [c.upper() for c in _VIETNAMESE] + list(" ,.-0123456789")),
    max_size=60,
)


@given(VIETNAMESE_TEXT, st.sampled_from(["NFC", "NFD"]))
def test_upper_vi_keeps_length_and_nfc(text, form):
    written = unicodedata.normalize(form, text)
    upper = upper_vi(written)
    assert len(upper) == len(text)
    assert unicodedata.is_normalized("NFC", upper)
    assert upper == text.upper()


@given(VIETNAMESE_TEXT)
def test_clean_vietnamese_text_has_nothing_forbidden(text):
    assert forbidden_character(text) is None


def test_every_function_has_its_table():
    public = {name for name, f in inspect.getmembers(vnformat, inspect.isfunction)
              if f.__module__ == vnformat.__name__ and not name.startswith("_")}
    tests = [name for name in globals() if name.startswith("test_")]
    assert {name for name in public if not any(t.startswith(f"test_{name}") for t in tests)} == set()
