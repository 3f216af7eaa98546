"""Header names in their column (pipeline/docx/header.py): lines, sizes, and the warning when nothing fits."""

from __future__ import annotations

import pytest
from conftest import vanban_in

from pipeline.docx.header import issuing_name, parent_name

SET = [
    # (lines as the clerk wrote them, system) → lines printed, size, fits
    (("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",), "state", ("SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"), 13, True),
    # the clerk's lines are kept when they fit
    (("SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"), "state", ("SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"), 13, True),
    (("ỦY BAN NHÂN DÂN", "HUYỆN MÙ CANG CHẢI"), "state", ("ỦY BAN NHÂN DÂN", "HUYỆN MÙ CANG CHẢI"), 13, True),
    # lower case as written is printed IN HOA
    (("Sở Xây dựng",), "state", ("SỞ XÂY DỰNG",), 13, True),
    # a line too wide for the column is broken at its phrases, the rest kept
    (("ĐẢNG ỦY SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",), "party",
     ("ĐẢNG ỦY SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"), 14, True),
    # a place too long at 13 pt fits at 12, the smaller size NĐ 30 allows
    (("ỦY BAN NHÂN DÂN", "XÃ NẬM KHẮT PHÌN HỒ THƯỢNG"), "state", ("ỦY BAN NHÂN DÂN", "XÃ NẬM KHẮT PHÌN HỒ THƯỢNG"),
     12, True),
    # and at 14 pt, the only Party size, it does not: kept as written, reported
    (("ĐẢNG ỦY", "XÃ NẬM KHẮT PHÌN HỒ THƯỢNG"), "party", ("ĐẢNG ỦY", "XÃ NẬM KHẮT PHÌN HỒ THƯỢNG"), 14, False),
]


@pytest.mark.parametrize("written, system, lines, size, fits", SET)
def test_issuing_name(written, system, lines, size, fits):
    name = issuing_name(written, system)
    assert (name.lines, name.size, name.fits) == (lines, size, fits)


def test_chu_quan_name_is_upright_and_may_wrap_at_a_phrase():
    name = parent_name("ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "party")
    assert (name.lines, name.size, name.fits) == (("ĐẢNG BỘ KHỐI CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH"), 14, True)


def test_a_name_too_long_for_its_column_is_a_warning_naming_the_body(mini_copy, tmp_path):
    mini_copy.edit("to-chuc.yaml", "    ten: [ỦY BAN NHÂN DÂN, HUYỆN VĂN YÊN]\n",
                   "    ten: [ỦY BAN NHÂN DÂN, XÃ NẬM KHẮT PHÌN HỒ THƯỢNG LA PÁN TẨN]\n")
    warning = ('data/to-chuc.yaml:32:5: ubnd-huyen-van-yen: ten: cảnh báo: tên cơ quan "ỦY BAN NHÂN DÂN / '
               'XÃ NẬM KHẮT PHÌN HỒ THƯỢNG LA PÁN TẨN" không đặt vừa cột tiêu đề (72 mm) ở cỡ chữ 12–13 pt, '
               'kể cả khi xuống dòng ở ranh giới cụm từ (tối đa 3 dòng)\n'
               '    Gợi ý: viết tên thành các dòng ngắn hơn (ten: [DÒNG 1, DÒNG 2]) hoặc viết tắt cụm từ thông '
               'dụng (NĐ 30, Phụ lục I, ô 2)\n')
    shown = warning + "1 cảnh báo; chạy với --strict để coi là lỗi.\n"
    check = vanban_in(tmp_path, "check")
    assert (check.returncode, check.stderr) == (0, shown)  # a warning: the sources are still valid
    build = vanban_in(tmp_path, "build")
    assert (build.returncode, build.stderr) == (0, shown)
    again = vanban_in(tmp_path, "build")  # nothing to do, the warning is still shown
    assert (again.returncode, again.stderr) == (0, shown)
    strict = vanban_in(tmp_path, "check", "--strict")  # as make runs it: a warning stops
    assert strict.returncode == 1 and strict.stderr.startswith(warning)
    english = vanban_in(tmp_path, "--lang", "en", "check")
    assert english.stderr.startswith('data/to-chuc.yaml:32:5: ubnd-huyen-van-yen: ten: warning: the name '
                                     '"ỦY BAN NHÂN DÂN / XÃ NẬM KHẮT PHÌN HỒ THƯỢNG LA PÁN TẨN" does not fit'), \
        english.stderr


def test_a_chu_quan_name_too_long_is_reported_on_the_body_that_names_it(mini_copy, tmp_path):
    # the provincial Party committee heads the header of the bloc's Party committee (chu_quan: dang-bo-tinh)
    mini_copy.edit("to-chuc.yaml", "    ten_chu_quan: ĐẢNG BỘ TỈNH YÊN BÁI\n",
                   "    ten_chu_quan: ĐẢNG BỘ THÀNH PHỐ NẬM KHẮT PHÌN HỒ THƯỢNG LA PÁN TẨN\n")
    check = vanban_in(tmp_path, "check")
    assert check.returncode == 0
    assert check.stderr.startswith(
        'data/to-chuc.yaml:70:5: dang-bo-tinh: ten_chu_quan: cảnh báo: tên "ĐẢNG BỘ THÀNH PHỐ NẬM KHẮT PHÌN '
        'HỒ THƯỢNG LA PÁN TẨN", in làm tên cơ quan chủ quản trên tiêu đề của dang-uy-khoi, không đặt vừa cột tiêu '
        'đề (72 mm) ở cỡ chữ 14 pt'), check.stderr
    assert check.stderr.count("cảnh báo:") == 1
