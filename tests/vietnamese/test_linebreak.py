"""Where a Vietnamese line may break (pipeline/vietnamese/linebreak.py): one table per function."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.vietnamese.linebreak import (
    bound,
    is_one_word,
    name_break_faults,
    name_lines,
    splits_a_word,
    title_lines,
    units,
)
from pipeline.vietnamese.textwidth import text_width

HEADER = 4055  # the header's left column, twips (templates/make_template.py, less cell margins)
PAGE = 9355  # the text width, twips

# --- units: what a line never splits ------------------------------------------------------

UNITS = [
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", ("SỞ", "TÀI NGUYÊN", "VÀ", "MÔI TRƯỜNG")),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", ("BAN", "CHẤP HÀNH", "TRUNG ƯƠNG")),
    # a place keeps its name, however many syllables
    ("ỦY BAN NHÂN DÂN HUYỆN MÙ CANG CHẢI", ("ỦY BAN", "NHÂN DÂN", "HUYỆN MÙ CANG CHẢI")),
    ("ỦY BAN NHÂN DÂN THỊ XÃ NGHĨA LỘ", ("ỦY BAN", "NHÂN DÂN", "THỊ XÃ NGHĨA LỘ")),
    ("TỈNH ỦY YÊN BÁI", ("TỈNH ỦY YÊN BÁI",)),
    # a designator with no name qualifies the word before it
    ("ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", ("ĐẢNG BỘ", "KHỐI", "CƠ QUAN", "VÀ", "DOANH NGHIỆP TỈNH")),
    # "xã hội" is a word, not the designator "xã"
    ("Phòng Văn hóa - Xã hội", ("Phòng", "Văn hóa - Xã hội")),
    # mixed case: the place ends where the capitals end; numbers stay with their word
    ("Đại hội Đảng bộ tỉnh Yên Bái lần thứ XX", ("Đại hội", "Đảng bộ", "tỉnh Yên Bái", "lần thứ XX")),
    ("nhiệm kỳ 2025 - 2030", ("nhiệm kỳ 2025 - 2030",)),
    ("V/v triển khai thực hiện", ("V/v triển khai", "thực hiện")),
    # spelled the old way ("uỷ", "hoà") the words are the same
    ("UỶ BAN NHÂN DÂN", ("UỶ BAN", "NHÂN DÂN")),
    # the Front's abbreviation is not parted from the country it names
    ("Ủy ban Trung ương MTTQ Việt Nam", ("Ủy ban", "Trung ương", "MTTQ Việt Nam")),
    # a comma ends a word: "các cấp," and "Đại hội" stay apart
    ("các cấp, Đại hội", ("các cấp,", "Đại hội")),
    # a short quoted name is one phrase; a quoted sentence breaks as any text
    ("phong trào “Bình dân học vụ số” trên", ("phong trào", "“Bình dân học vụ số”", "trên")),
    ("“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”",
     ("“Học tập", "và", "làm theo", "tư tưởng,", "đạo đức,", "phong cách", "Hồ Chí Minh”")),
    ("", ()),
]


@pytest.mark.parametrize("text, expected", UNITS)
def test_units(text, expected):
    assert units(text) == expected


# --- name_lines: a header name in its column --------------------------------------------

NAMES = [
    # (name, size, bold) → lines; None: some unit alone is wider than the column
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 13, True, ("SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG")),
    ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", 13, True, ("SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN")),
    ("ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", 14, False, ("ĐẢNG BỘ KHỐI CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH")),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", 14, False, ("BAN CHẤP HÀNH", "TRUNG ƯƠNG")),
    ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", 13, True, ("BAN QUẢN LÝ", "CÁC KHU CÔNG NGHIỆP")),
    ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG TỈNH", 13, True, ("BAN QUẢN LÝ DỰ ÁN", "ĐẦU TƯ XÂY DỰNG TỈNH")),
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH YÊN BÁI", 13, True, ("LIÊN ĐOÀN LAO ĐỘNG", "TỈNH YÊN BÁI")),
    # never a line ending "… CÁC": the phrase starts there
    ("KHỐI THI ĐUA CÁC CƠ QUAN KINH TẾ - KỸ THUẬT", 13, True, ("KHỐI THI ĐUA CÁC CƠ QUAN", "KINH TẾ - KỸ THUẬT")),
    # what fits stays on one line
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 13, True, ("SỞ KHOA HỌC VÀ CÔNG NGHỆ",)),
    ("CÔNG ĐOÀN VIÊN CHỨC TỈNH", 13, True, ("CÔNG ĐOÀN VIÊN CHỨC TỈNH",)),
    # a place wider than the column cannot be set
    ("ỦY BAN NHÂN DÂN XÃ NẬM KHẮT PHÌN HỒ THƯỢNG LA PÁN TẨN", 13, True, None),
]


@pytest.mark.parametrize("name, size, bold, expected", NAMES)
def test_name_lines(name, size, bold, expected):
    assert name_lines(name, HEADER, size, bold) == expected


# --- title_lines: balanced titles ---------------------------------------------------------

KH_SUBJECT = ("Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp, "
              "Đại hội Đảng bộ tỉnh Yên Bái lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")
TITLES = [
    # the one-word last line "của Đảng" (full width, 14 pt bold)
    (KH_SUBJECT, PAGE, 14, True, (
        "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng",
        "Đại hội Đảng bộ các cấp, Đại hội Đảng bộ tỉnh Yên Bái lần thứ XX,",
        "tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")),
    # and "thuật" alone (the bloc's plan)
    ("Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp, Đại hội Đảng bộ "
     "tỉnh Yên Bái lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng trong Khối thi đua các "
     "cơ quan Kinh tế - Kỹ thuật", PAGE, 14, True, (
         "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng",
         "Đại hội Đảng bộ các cấp, Đại hội Đảng bộ tỉnh Yên Bái",
         "lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV",
         "của Đảng trong Khối thi đua các cơ quan Kinh tế - Kỹ thuật")),
    # two balanced lines rather than a full one and a short one
    ("Về việc khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua đặc biệt", PAGE, 14, True,
     ("Về việc khen thưởng các tập thể có thành tích", "xuất sắc trong phong trào thi đua đặc biệt")),
    # "V/v" in the header's column, 12 pt
    ("V/v Phát động đợt thi đua đặc biệt lập thành tích chào mừng đại hội Đảng bộ các cấp", HEADER, 12, False,
     ("V/v Phát động đợt thi đua", "đặc biệt lập thành tích chào mừng", "đại hội Đảng bộ các cấp")),
    # short: one line; the tên loại
    ("Kết quả đăng ký công trình", PAGE, 14, True, ("Kết quả đăng ký công trình",)),
    ("KẾ HOẠCH", PAGE, 14, True, ("KẾ HOẠCH",)),
]


@pytest.mark.parametrize("text, width, size, bold, expected", TITLES)
def test_title_lines(text, width, size, bold, expected):
    assert title_lines(text, width, size, bold) == expected


def test_a_title_with_a_word_wider_than_the_line_still_wraps():
    long_word = "A" * 200
    assert title_lines(f"Về {long_word}", HEADER, 12, False) == (f"Về {long_word}",)


@given(st.lists(st.sampled_from(["phong trào", "thi đua", "của", "Đảng", "đặc biệt", "và", "các", "cấp,",
                                 "huyện Trạm Tấu", "năm", "2024", "lập thành tích", "chào mừng", "Đại hội"]),
                min_size=1, max_size=40),
       st.sampled_from([(PAGE, 14, True), (HEADER, 12, False), (HEADER, 13, True)]))
def test_title_lines_keep_every_word_and_fit(words, setting):
    width, size, bold = setting
    text = " ".join(words)
    lines = title_lines(text, width, size, bold)
    assert " ".join(lines) == text  # nothing lost, nothing added, in order
    assert all(text_width(line, size, bold) <= width for line in lines)
    if all(text_width(u, size, bold) < width for u in units(text)):  # then no line starts inside a unit
        starts, at = set(), 0
        for unit in units(text):
            starts.add(at)
            at += len(unit.split())
        assert all(sum(len(x.split()) for x in lines[:k]) in starts for k in range(len(lines)))


def test_a_title_of_too_few_words_gets_a_line_of_one_word_rather_than_a_split_word():
    assert title_lines("phong trào phong trào phong trào của của", HEADER, 13, True) == (
        "phong trào phong trào", "phong trào của của")


def test_a_title_keeps_its_spaces():
    assert title_lines("A  B", PAGE, 14, True) == ("A  B",)
    spaced = KH_SUBJECT.replace("Đại hội Đảng bộ tỉnh", "Đại hội  Đảng bộ tỉnh")
    assert " ".join(title_lines(spaced, PAGE, 14, True)) == spaced


# --- is_one_word and name_break_faults: judging printed lines ---------------------------------

ONE_WORD = [
    ("thuật", True), ("của Đảng", True), ("thi đua", True), ("huyện Trạm Tấu", True),
    ("lần thứ XIV của Đảng", False), ("Kinh tế - Kỹ thuật", True), ("đại biểu toàn quốc", False),
]


@pytest.mark.parametrize("line, expected", ONE_WORD)
def test_is_one_word(line, expected):
    assert is_one_word(line) is expected


FAULTS = [
    (["SỞ TÀI NGUYÊN VÀ MÔI", "TRƯỜNG"], (), [(1, "word")]),
    (["BAN CHẤP HÀNH TRUNG", "ƯƠNG"], (), [(1, "word")]),
    (["ỦY BAN NHÂN DÂN TỈNH", "YÊN BÁI"], (), [(1, "word")]),
    (["ĐẢNG BỘ KHỐI CƠ QUAN VÀ", "DOANH NGHIỆP TỈNH"], (), [(1, "phrase")]),
    # a line the clerk began is the clerk's choice: "VÀ" may end it
    (["SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"], {1}, []),
    (["SỞ", "XÂY DỰNG"], {0, 1}, [(0, "orphan")]),
    (["ỦY BAN NHÂN DÂN", "HUYỆN LỤC YÊN"], (), []),
    (["BAN CHẤP HÀNH", "TRUNG ƯƠNG"], (), []),
    (["TỔNG LIÊN ĐOÀN LAO ĐỘNG", "VIỆT NAM"], {0, 1}, []),
    (["CÔNG ĐOÀN VIÊN CHỨC TỈNH"], (), []),
]


@pytest.mark.parametrize("lines, set_breaks, expected", FAULTS)
def test_name_break_faults(lines, set_breaks, expected):
    assert name_break_faults(lines, set_breaks) == expected


@pytest.mark.parametrize("name, size, bold, expected", [n for n in NAMES if n[3]])
def test_what_name_lines_sets_is_never_a_fault(name, size, bold, expected):
    assert name_break_faults(expected) == []


# --- a line for a narrow column (Nơi nhận): no-break spaces inside its units ----------------------

NOI_NHAN = 3402 - 56  # the signature table's left column, twips
BOUND = [
    ("- Ban Thi đua - Khen thưởng Trung ương;", "- Ban Thi~đua - Khen~thưởng Trung~ương;"),
    ("- Các cơ quan, ban, ngành, LLVT huyện;", "- Các cơ~quan, ban, ngành, LLVT~huyện;"),
    ("- Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh (để b/c);",
     "- Đảng~ủy khối Cơ~quan và Doanh~nghiệp tỉnh (để~b/c);"),
    ("- UBND tỉnh Yên Bái (để b/c);", "- UBND tỉnh~Yên~Bái (để~b/c);"),
    ("- Ủy ban MTTQ Việt Nam tỉnh (để b/c);", "- Ủy~ban MTTQ~Việt~Nam tỉnh (để~b/c);"),  # a short aside is one
    ("- Lưu: VT, PNV.", "- Lưu: VT, PNV."),  # nothing to bind
]


@pytest.mark.parametrize("text, expected", BOUND)
def test_bound_joins_the_syllables_of_a_unit_and_leaves_the_dashes_breakable(text, expected):
    made = bound(text, NOI_NHAN, 11)
    assert made.replace("\u00a0", "~") == expected
    assert made.replace("\u00a0", " ") == text  # the same text, only the spaces changed


def test_a_unit_wider_than_the_column_keeps_its_spaces():
    quoted = "“Bình dân học vụ số”"  # one unit, five syllables
    assert bound(quoted, 10_000, 11).count("\u00a0") == 4
    assert "\u00a0" not in bound(quoted, 500, 11)


SPLITS = [
    ("- Sở Nội vụ (Ban Thi đua - Khen", "thưởng);", True),
    ("- Đảng ủy khối Cơ quan và Doanh", "nghiệp tỉnh (để b/c);", True),
    ("- Ban Thi đua - Khen thưởng", "Trung ương;", False),
    ("- Sở Nội vụ (Ban Thi đua -", "Khen thưởng);", False),  # beside the dash: a clerk's break
    ("- Ủy ban MTTQ Việt Nam tỉnh và", "các tổ chức chính trị - xã hội tỉnh;", False),
    ("- Ủy ban MTTQ Việt Nam tỉnh (để", "b/c);", True),  # inside a short aside
    ("- Ủy ban MTTQ Việt Nam tỉnh", "(để b/c);", False),
    ("", "thưởng", False),
]


@pytest.mark.parametrize("before, after, expected", SPLITS)
def test_splits_a_word(before, after, expected):
    assert splits_a_word(before, after) is expected
