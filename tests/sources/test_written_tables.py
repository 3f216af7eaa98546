"""Tables and numbering as clerks write them (pipeline/sources/tables.py, content.py): each mistake said
where it was written. The mistakes a clerk meets most are in tests/cases (a cell cut at a comma, a row
short under a merged cell, a scheme label of no kind); here, the others, in one process.
"""

from __future__ import annotations

import pytest

from pipeline.cascade.resolve import resolve_campaigns
from pipeline.sources.validate import validate_sources

CAMPAIGN = "chien-dich/mau.yaml"
APPENDIX = "      - tieu_de: Danh sách công trình đăng ký\n"


def with_table(mini_copy, table: str) -> list[str]:
    """Give tb-huyen-van-yen's phụ lục the table written ``table`` (its lines under 'bang:'); return the problems."""
    body = "".join(f"          {line}\n" for line in table.strip("\n").split("\n"))
    mini_copy.edit(CAMPAIGN, APPENDIX, APPENDIX + "        bang:\n" + body)
    _sources, problems = validate_sources(mini_copy.root)
    return [p.format().split("/data/", 1)[1] for p in problems]


@pytest.mark.parametrize("table, expected", [
    ("cot: [{ten: STT, rong: 15}, {ten: Nội dung, rong: 120}, {ten: Ghi chú, rong: 40}]\ndong: [[1, a, b]]",
     ["chien-dich/mau.yaml:89:16: tb-huyen-van-yen: phu_luc[0].bang.cot: tổng độ rộng các cột là 175 mm, vượt vùng trình "
      "bày rộng 165 mm\n    Gợi ý: giảm 'rong' của các cột, hoặc bỏ 'rong' để các cột tự chia chiều rộng"]),
    ("cot: [{ten: STT, rong: 15}, {ten: Nội dung, rong: 148}, Ghi chú]\ndong: [[1, a, b]]",
     ["chien-dich/mau.yaml:89:16: tb-huyen-van-yen: phu_luc[0].bang.cot: các cột ghi 'rong' đã chiếm 163 mm, không còn chỗ "
      "cho 1 cột còn lại (vùng trình bày rộng 165 mm)"]),
    ("cot: [STT, Nội dung]\ndong:\n  - [{noi_dung: 1, gop_dong: 3}, a]\n  - [b]",
     ["chien-dich/mau.yaml:91:16: tb-huyen-van-yen: phu_luc[0].bang.dong[0][0]: ô gộp 3 dòng, nhưng từ dòng 1 bảng chỉ "
      "còn 2 dòng"]),
    ("cot: [STT, Nội dung]\ndong:\n  - [{noi_dung: 1, gop_dong: 2}, a]\n  - nhom: II. CÁ NHÂN",
     ["chien-dich/mau.yaml:92:15: tb-huyen-van-yen: phu_luc[0].bang.dong[1]: dòng nhóm 2 nằm giữa một ô gộp dòng ở trên\n"
      "    Gợi ý: giảm 'gop_dong' của ô đó, hoặc đưa dòng nhóm ra ngoài"]),
    ("cot: [A, B, C]\ndong:\n  - [a, {noi_dung: b, gop_dong: 2}, c]\n  - [{noi_dung: x, gop_cot: 2}]",
     ["chien-dich/mau.yaml:92:16: tb-huyen-van-yen: phu_luc[0].bang.dong[1][0]: ô gộp 2 cột đè lên ô gộp dòng ở dòng trên"]),
    ("cot: [STT, Số tiền]\ndong: [[1, 12.5]]",
     ["chien-dich/mau.yaml:90:22: tb-huyen-van-yen: phu_luc[0].bang.dong[0][1]: cần một đoạn chữ hoặc một số nguyên, nhận "
      "được '12.5'\n    Gợi ý: số thập phân viết bằng dấu phẩy và đặt trong dấu ngoặc kép, ví dụ \"12,5\""]),
    ("cot: [STT, Nội dung]\ndau_bang: [[STT, Nội dung, Ghi chú]]\ndong: [[1, a]]",
     ["chien-dich/mau.yaml:90:22: tb-huyen-van-yen: phu_luc[0].bang.dau_bang[0]: dòng tiêu đề 1 của bảng có 3 ô, cần 2 ô "
      "(bảng có 2 cột)\n    Gợi ý: trong dòng viết [ … ], dấu phẩy ngăn các ô: đặt ô có dấu phẩy trong dấu ngoặc "
      "kép (\"Đường bê tông, dài 1,2 km\")"]),
    # right: empty cells, numbers, a merged cell the rows below leave out, a group row
    ("cot: [STT, Nội dung, Ghi chú]\ndong:\n  - nhom: I. TẬP THỂ\n  - [1, {noi_dung: a, gop_dong: 2}, \"\"]\n"
     "  - [2, ~]\n  - [3, {noi_dung: b, gop_cot: 2}]", []),
])
def test_table_mistakes_are_said_where_they_are(mini_copy, table, expected):
    assert with_table(mini_copy, table) == expected


def test_an_unreadable_section_number_is_said(mini_copy):
    mini_copy.edit(CAMPAIGN, "          - tieu_de: Công trình cấp xã\n",
                   "          - tieu_de: Công trình cấp xã\n            so_thu_tu: bảy\n")
    _sources, problems = validate_sources(mini_copy.root)
    assert [p.format().split("/data/", 1)[1] for p in problems] == [
        "chien-dich/mau.yaml:93:24: tb-huyen-van-yen: phu_luc[0].noi_dung[1].so_thu_tu: không đọc được số thứ tự 'bảy'\n"
        "    Gợi ý: viết số như in trên văn bản, ví dụ 7, IV hoặc e"]


def test_an_empty_cell_prints_empty(mini_copy):
    assert with_table(mini_copy, "cot: [STT, Nội dung]\ndong: [[1, \"\"], [2, b]]") == []
    sources, _problems = validate_sources(mini_copy.root)
    trees, _problems = resolve_campaigns(sources.campaigns, sources.registry)
    (notice,) = [d for t in trees for d in t.documents if d.id == "tb-huyen-van-yen"]
    table = notice.appendices[0].table
    assert [[c.text for c in r.cells] for r in table.header + table.rows] == [["STT", "Nội dung"], ["1", ""],
                                                                              ["2", "b"]]
