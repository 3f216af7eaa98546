"""Tables as clerks write them: columns, rows of cells, merged cells; checked, then made into the model.

A table (``bang``) is written as its columns (``cot``: names, widths in mm) and its rows
(``dong``), each a list of cells in the order of the columns. A merged cell says how many
columns (``gop_cot``) or rows (``gop_dong``) it covers, and the rows below leave out the
cells it covers, as a clerk reads the printed table. A group row (``{nhom: …}``) is one
bold cell across every column. Every row must then fill every column exactly once: a row
with a cell too many or too few is said with its number, what it holds and what it needs.
"""

from __future__ import annotations

from typing import Callable

from pipeline.errors import Problem
from pipeline.i18n import _
from pipeline.model import Table, TableCell, TableColumn, TableRow
from pipeline.sources.load import SourceFile, dotted

TEXT_WIDTH_MM = 165  # A4 less the margins of 30 and 15 mm (templates/make_template.py TEXT_W)


def check_table(source: SourceFile, path: tuple, raw: dict, problems: list[Problem]) -> None:
    """Check that every row of the table at ``path`` fills its columns, and that the columns fit the page."""
    columns = raw["cot"]
    widths = [c["rong"] for c in columns if isinstance(c, dict) and c.get("rong")]
    if sum(widths) > TEXT_WIDTH_MM:
        problems.append(Problem(source.where(path + ("cot",)), dotted(path + ("cot",)),
                                _("tổng độ rộng các cột là {total} mm, vượt vùng trình bày rộng {limit} mm").format(
                                    total=sum(widths), limit=TEXT_WIDTH_MM),
                                _("giảm 'rong' của các cột, hoặc bỏ 'rong' để các cột tự chia chiều rộng")))
    elif len(widths) < len(columns) and sum(widths) + 5 * (len(columns) - len(widths)) > TEXT_WIDTH_MM:
        problems.append(Problem(source.where(path + ("cot",)), dotted(path + ("cot",)),
                                _("các cột ghi 'rong' đã chiếm {total} mm, không còn chỗ cho {n} cột còn lại "
                                  "(vùng trình bày rộng {limit} mm)").format(
                                    total=sum(widths), n=len(columns) - len(widths), limit=TEXT_WIDTH_MM)))
    if "dau_bang" in raw:
        _check_rows(source, path + ("dau_bang",), raw["dau_bang"], len(columns), problems, header=True)
    _check_rows(source, path + ("dong",), raw["dong"], len(columns), problems, header=False)


def _check_rows(source: SourceFile, path: tuple, rows: tuple, width: int, problems: list[Problem],
                header: bool) -> None:
    covered = [0] * width  # rows still covered, per column, by a cell merged down from a row above
    for r, row in enumerate(rows):
        here = path + (r,)
        shown = r + 1
        if isinstance(row, dict):  # a group row: one cell across every column
            if any(covered):
                problems.append(Problem(source.where(here), dotted(here),
                                        _("dòng nhóm {row} nằm giữa một ô gộp dòng ở trên").format(row=shown),
                                        _("giảm 'gop_dong' của ô đó, hoặc đưa dòng nhóm ra ngoài")))
                covered = [0] * width
            continue
        free = [c for c in range(width) if not covered[c]]
        spans = [cell.get("gop_cot", 1) if isinstance(cell, dict) else 1 for cell in row]
        if sum(spans) != len(free):
            hint = _("trong dòng viết [ … ], dấu phẩy ngăn các ô: đặt ô có dấu phẩy trong dấu ngoặc kép "
                     "(\"Đường bê tông, dài 1,2 km\")") if sum(spans) > len(free) else \
                _("ô trống viết \"\"; ô gộp viết {noi_dung: …, gop_cot: 2} hoặc {noi_dung: …, gop_dong: 2}")
            problems.append(Problem(source.where(here), dotted(here), _row_count(header, shown, sum(spans), len(free),
                                                                                 width), hint))
            covered = [max(0, n - 1) for n in covered]
            continue
        slots = iter(free)
        for c, (cell, span) in enumerate(zip(row, spans)):
            start = next(slots)
            taken = [start] + [next(slots) for _ in range(span - 1)]
            if taken != list(range(start, start + span)):
                problems.append(Problem(source.where(here + (c,)), dotted(here + (c,)),
                                        _("ô gộp {n} cột đè lên ô gộp dòng ở dòng trên").format(n=span)))
                break
            down = cell.get("gop_dong", 1) if isinstance(cell, dict) else 1
            if down > len(rows) - r:
                problems.append(Problem(source.where(here + (c,)), dotted(here + (c,)),
                                        _("ô gộp {n} dòng, nhưng từ dòng {row} bảng chỉ còn {left} dòng").format(
                                            n=down, row=shown, left=len(rows) - r) if not header else
                                        _("ô gộp {n} dòng, nhưng từ dòng {row} phần tiêu đề chỉ còn {left} dòng").format(
                                            n=down, row=shown, left=len(rows) - r)))
                down = len(rows) - r
            for column in taken:
                covered[column] = down  # this row's own, counted down below
        covered = [max(0, n - 1) for n in covered]


def _row_count(header: bool, row: int, found: int, needed: int, width: int) -> str:
    merged = width - needed
    if header:
        text = _("dòng tiêu đề {row} của bảng có {found} ô, cần {needed} ô").format(row=row, found=found,
                                                                                    needed=needed)
    else:
        text = _("dòng {row} của bảng có {found} ô, cần {needed} ô").format(row=row, found=found, needed=needed)
    if merged:
        return text + " " + _("(bảng có {width} cột, {merged} cột đã gộp từ dòng trên)").format(
            width=width, merged=merged)
    return text + " " + _("(bảng có {width} cột)").format(width=width)


def build_table(raw: dict, text: Callable[[str, tuple], str]) -> Table:
    """Return the model of a checked table; ``text(value, path)`` fills each text written at ``path``
    (below the table)."""
    columns = []
    for i, c in enumerate(raw["cot"]):
        if isinstance(c, dict):
            columns.append(TableColumn(text(c["ten"], ("cot", i, "ten")), c.get("rong"), c.get("can")))
        else:
            columns.append(TableColumn(text(c, ("cot", i))))
    header = tuple(_row(row, ("dau_bang", r), text) for r, row in enumerate(raw["dau_bang"])) if "dau_bang" in raw \
        else (TableRow(tuple(TableCell(c.name) for c in columns)),)
    rows = tuple(_row(row, ("dong", r), text) for r, row in enumerate(raw["dong"]))
    title = text(raw["tieu_de"], ("tieu_de",)) if raw.get("tieu_de") else None
    return Table(tuple(columns), header, rows, title)


def _row(row, path: tuple, text) -> TableRow:
    if isinstance(row, dict):
        return TableRow((TableCell(text(row["nhom"], path + ("nhom",))),), group=True)
    cells = []
    for c, cell in enumerate(row):
        if isinstance(cell, dict):
            cells.append(TableCell(text(cell["noi_dung"], path + (c, "noi_dung")), cell.get("gop_cot", 1),
                                   cell.get("gop_dong", 1)))
        else:
            cells.append(TableCell(text(cell, path + (c,)) if cell else ""))
    return TableRow(tuple(cells))
