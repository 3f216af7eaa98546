"""Tables as WordprocessingML (pipeline/docx/tables.py): widths, merged cells, a header on every page.

Pure tests on the model first, then the sample data's thông báo (a table in its body and one in
its phụ lục, tests/golden/thi-dua-dac-biet-2024/tb-cong-trinh-tram-tau.*) as built.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.docx.layout import runs
from pipeline.docx.tables import TEXT_WIDTH, column_aligns, column_widths, placed, table_xml
from pipeline.model import Table, TableCell, TableColumn, TableRow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parents[2]
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def row(*cells, group=False) -> TableRow:
    return TableRow(tuple(c if isinstance(c, TableCell) else TableCell(str(c)) for c in cells), group)


WORKS = Table(
    columns=(TableColumn("STT", 12), TableColumn("Tên công trình"), TableColumn("Chủ trì", 33),
             TableColumn("Phối hợp", 33), TableColumn("Thời gian", 28)),
    header=(row(TableCell("STT", rows=2), TableCell("Tên công trình", rows=2), TableCell("Cơ quan thực hiện", 2),
                TableCell("Thời gian", rows=2)), row("Chủ trì", "Phối hợp")),
    rows=(row("I. CÁC XÃ", group=True),
          row(1, "Đường bê tông & cống <Khe Cọ>", TableCell("UBND xã Bản Công", rows=2), "Nhân dân", "Tháng 6/2025"),
          row(2, "Nhà văn hóa thôn", "Hội Cựu chiến binh", "Tháng 3/2025"),
          row(3, "Kênh mương\nnội đồng", "UBND xã Xà Hồ", "Hội Nông dân", "Tháng 4/2025")),
)


def parsed(table: Table, size: int = 26) -> etree._Element:
    return etree.fromstring(f"<w:body {NS}>{table_xml(table, size, runs)}</w:body>")[0]


def test_cells_are_placed_under_merged_cells():
    lines = placed(WORKS.header, 5)
    assert [(c, span, merge) for c, span, _cell, merge, _g in lines[0][0]] == [
        (0, 1, "restart"), (1, 1, "restart"), (2, 2, None), (4, 1, "restart")]
    assert [(c, span, merge) for c, span, _cell, merge, _g in lines[1][0]] == [
        (0, 1, "continue"), (1, 1, "continue"), (2, 1, None), (3, 1, None), (4, 1, "continue")]
    body = placed(WORKS.rows, 5)
    assert [held for _cells, held in body] == [False, True, False, False]  # the merged rows go together
    assert body[2][0][2][3] == "continue" and body[2][0][2][2] is None  # "UBND xã Bản Công" covers row 2


def test_a_table_repeats_its_header_and_never_splits_a_row():
    tbl = parsed(WORKS)
    rows = tbl.findall(f"{W}tr")
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True, True, False, False, False, False]
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    spans = [tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") for tc in tbl.iter(f"{W}tc")
             if tc.find(f"{W}tcPr/{W}gridSpan") is not None]
    assert spans == ["2", "5"]  # "Cơ quan thực hiện"; the group row across every column
    merges = [tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val", "continue") for tc in tbl.iter(f"{W}tc")
              if tc.find(f"{W}tcPr/{W}vMerge") is not None]
    assert merges == ["restart", "restart", "restart", "continue", "continue", "continue", "restart", "continue"]
    # the rows a merged cell spans, and the group row, keep with the next row
    keep = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in r.iter(f"{W}p")) for r in rows]
    assert keep == [True, True, True, True, False, False]


def test_cell_text_is_text_at_the_table_size():
    tbl = parsed(WORKS, 26)
    texts = ["".join(tc.itertext()) for tc in tbl.iter(f"{W}tc")]
    assert "Đường bê tông & cống <Khe Cọ>" in texts  # escaped into XML, read back as written
    assert "Kênh mươngnội đồng" in texts  # two lines: two paragraphs of the cell
    assert {s.get(f"{W}val") for s in tbl.iter(f"{W}sz")} == {"26"}  # 13 pt (NĐ 30: nội dung 13–14)
    header_runs = [r for r in tbl.find(f"{W}tr").iter(f"{W}r")]
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in header_runs)


def test_widths_are_the_clerks_and_the_rest_shares_the_page():
    widths = column_widths(WORKS, 26)
    assert widths[0] == round(12 * 56.7) and widths[2:] == [round(33 * 56.7), round(33 * 56.7), round(28 * 56.7)]
    assert sum(widths) == TEXT_WIDTH  # the column without a width takes what is left
    auto = Table((TableColumn("STT"), TableColumn("Nội dung"), TableColumn("Năm")),
                 (row("STT", "Nội dung", "Năm"),),
                 (row(1, "Một nội dung dài, nhiều chữ, cần một cột rộng hơn hẳn các cột khác", 2025),))
    stt, text, year = column_widths(auto, 26)
    assert stt + text + year == TEXT_WIDTH and text > 3 * max(stt, year)


@pytest.mark.parametrize("cells, expected", [
    ((1, "Nội dung dài hơn ba chữ", "Tháng 6/2025"), ["center", "left", "center"]),  # STT, text, dates
])
def test_short_columns_are_centred(cells, expected):
    table = Table(tuple(TableColumn(n) for n in ("STT", "Nội dung", "Thời gian")), (row("STT", "Nội dung", "Thời gian"),),
                  (row(*cells),))
    assert column_aligns(table) == expected
    right = Table((TableColumn("STT", align="phai"), TableColumn("A"), TableColumn("B")), table.header, table.rows)
    assert column_aligns(right)[0] == "right"


# --- the sample data's thông báo, as built --------------------------------------------------------------


@pytest.fixture(scope="module")
def notice(built) -> etree._Element:
    path = built(ROOT / "data") / "thi-dua-dac-biet-2024" / "tb-cong-trinh-tram-tau.docx"
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_the_notice_has_a_table_in_its_body_and_one_in_its_phu_luc(notice):
    body = list(notice.find(f"{W}body"))
    tables = [i for i, el in enumerate(body) if el.tag == f"{W}tbl" and "STT" in "".join(el.itertext())]
    assert len(tables) == 2
    before = "".join(body[tables[0] - 1].itertext())
    assert before.endswith("nhiệm kỳ 2025 - 2030, gồm:")  # the sentence that opens it…
    assert body[tables[0] - 1].find(f"{W}pPr/{W}keepNext") is not None  # …stays on its page
    assert "".join(body[tables[0] + 1].itertext()) == "III. TỔ CHỨC THỰC HIỆN"
    appendix = body[tables[1]]
    assert "".join(body[tables[1] - 3].itertext()).startswith("DANH MỤC CÔNG TRÌNH")
    rows = appendix.findall(f"{W}tr")
    assert len(rows) == 2 + 2 + 29 and sum(r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows) == 2
    grid = [int(g.get(f"{W}w")) for g in appendix.iter(f"{W}gridCol")]
    assert sum(grid) <= TEXT_WIDTH
