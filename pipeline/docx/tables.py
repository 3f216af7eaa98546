"""Lay a table out as WordprocessingML: widths, merged cells, a header repeated on every page.

NĐ 30 says little of tables: a document may be printed landscape for them (PL I, I.2), and
their text is nội dung (13–14 pt). What a reader needs of a long table is common practice,
and what Word itself offers: the header rows repeated at the top of each page
(``w:tblHeader``), rows that never break across a page (``w:cantSplit``), single-line borders,
the columns as wide as the clerk said or as their words need. Cell text comes from clerks'
YAML and goes through the same ``runs`` as the body (escaped, ``*nghiêng*``, ``**đậm**``).
"""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from pipeline.model import Table, TableCell, TableRow
from pipeline.vietnamese.textwidth import text_width

TEXT_WIDTH = 9355  # twips between the margins (templates/make_template.py TEXT_W)
MM = 56.7  # twips
CELL_MARGIN = 85  # 1.5 mm left and right of the text in each cell
CELL_PADDING = 30  # 1.5 pt above and below each cell's text
SHORT_WORDS = 3  # a column whose every cell has at most this many words is centred (STT, years, "Quý II")
_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
BORDERS = "".join(_BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
ALIGN = {"trai": "left", "giua": "center", "phai": "right"}

Runs = Callable[..., Markup]


def table_text(table: Table) -> str:
    """Return the table's text, cell by cell: what a reader of the body sees of it, for previews."""
    rows = table.header + table.rows
    return "\n".join(" | ".join(c.text for c in row.cells) for row in rows)


def table_xml(table: Table, size: int, runs: Runs) -> Markup:
    """Return the whole ``w:tbl`` of ``table``, its text at ``size`` half-points."""
    widths = column_widths(table, size)
    aligns = column_aligns(table)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    # Header rows go with the first row; a group row with the row under it; the rows a merged cell
    # spans stay on one page (keepNext on their paragraphs, as Word keeps rows together).
    rows = [_row_xml(cells, widths, aligns, size, runs, header=True, keep=True)
            for cells, _held in placed(table.header, len(widths))]
    rows += [_row_xml(cells, widths, aligns, size, runs, header=False, keep=held or cells[0][4])
             for cells, held in placed(table.rows, len(widths))]
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
             f'</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>')
    return Markup(f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


# --- placing the cells ---------------------------------------------------------------------


def placed(rows: tuple[TableRow, ...], width: int) -> list[tuple[list[tuple], bool]]:
    """Return each row as (its cells in column order, whether a merged cell goes on into the next row).

    A cell is (column, span, cell, merge, group): ``merge`` is "restart" for a cell merged down,
    "continue" for the place a cell from above covers (``cell`` None); ``group`` for a group row.
    The sources were checked (sources/tables.py): every row fills its columns. Were one not to,
    it is padded with empty cells or cut, never an error here.
    """
    covered = [0] * width  # rows a cell merged down from above still covers, at its first column
    spans = [1] * width
    out = []
    for row in rows:
        if row.group:
            out.append(([(0, width, row.cells[0], None, True)], False))
            covered = [0] * width
            continue
        cells = iter(row.cells)
        line = []
        column = 0
        while column < width:
            if covered[column]:
                line.append((column, spans[column], None, "continue", False))
                column += spans[column]
                continue
            cell = next(cells, None) or TableCell("")
            span = max(1, min(cell.columns, width - column))
            merge = None
            if cell.rows > 1:
                covered[column], spans[column], merge = cell.rows, span, "restart"
            line.append((column, span, cell, merge, False))
            column += span
        covered = [max(0, n - 1) for n in covered]
        out.append((line, any(covered)))
    return out


def _row_xml(cells: list[tuple], widths: list[int], aligns: list[str], size: int, runs: Runs, header: bool,
             keep: bool) -> str:
    # Rows never break across a page; header rows come back at the top of each page.
    props = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    return f"<w:tr>{props}{''.join(_cell_xml(c, widths, aligns, size, runs, header, keep) for c in cells)}</w:tr>"


def _cell_xml(placed_cell: tuple, widths: list[int], aligns: list[str], size: int, runs: Runs, header: bool,
              keep: bool) -> str:
    column, span, cell, merge, group = placed_cell
    width = sum(widths[column:column + span])
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    align = "center" if header else "left" if group else aligns[column]
    props += f'<w:vAlign w:val="{"center" if header or merge or align == "center" else "top"}"/>'
    lines = cell.text.split("\n") if cell is not None and cell.text else [""]
    body = "".join(_paragraph(line, align, size, runs, bold=header or group, keep=keep) for line in lines)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _paragraph(text: str, align: str, size: int, runs: Runs, bold: bool, keep: bool) -> str:
    spacing = f'<w:spacing w:before="{CELL_PADDING}" w:after="{CELL_PADDING}" w:line="240" w:lineRule="auto"/>'
    mark = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    content = runs(text, size, bold=bold) if text else ""
    keep_next = "<w:keepNext/>" if keep else ""
    return f'<w:p><w:pPr>{keep_next}<w:keepLines/>{spacing}<w:jc w:val="{align}"/>{mark}</w:pPr>{content}</w:p>'


# --- widths and alignment ------------------------------------------------------------------


def column_widths(table: Table, size: int) -> list[int]:
    """Return each column's width in twips: the clerk's, in mm; the others share what is left of the
    text width, each at least as wide as its longest word and the rest as their text wants."""
    given = [round(c.width_mm * MM) if c.width_mm else None for c in table.columns]
    free = [i for i, w in enumerate(given) if w is None]
    if not free:
        return [int(w) for w in given]
    left = max(0, TEXT_WIDTH - sum(w for w in given if w))
    need, want = _needs(table, size)
    floor = [need[i] for i in free]
    wish = [max(need[i], want[i]) for i in free]
    if sum(wish) <= left:
        shares = [w * left / sum(wish) for w in wish]  # room for all: spread it as the text wants
    elif sum(floor) < left:
        extra = [w - f for w, f in zip(wish, floor)]
        shares = [f + (left - sum(floor)) * e / (sum(extra) or 1) for f, e in zip(floor, extra)]
    else:
        shares = [left / len(free)] * len(free)
    out = list(given)
    for i, share in zip(free, shares):
        out[i] = int(share)
    out[free[-1]] += left - sum(int(s) for s in shares)  # the last column takes the rounding
    return [int(w) for w in out]


def _needs(table: Table, size: int) -> tuple[list[int], list[int]]:
    """Return per column (the width of its longest word, the width of its longest cell on one line),
    margins included; cells spanning several columns are left out."""
    width = len(table.columns)
    need, want = [0] * width, [0] * width
    for row_cells, header in ((placed(table.header, width), True), (placed(table.rows, width), False)):
        for line, _held in row_cells:
            for column, span, cell, _merge, group in line:
                if cell is None or span > 1 or group or not cell.text:
                    continue
                pt = size / 2
                words = cell.text.replace("\n", " ").split()
                need[column] = max(need[column], max(text_width(w, pt, header) for w in words) + 2 * CELL_MARGIN)
                longest = max(text_width(part, pt, header) for part in cell.text.split("\n"))
                want[column] = max(want[column], min(longest, TEXT_WIDTH) + 2 * CELL_MARGIN)
    return need, want


def column_aligns(table: Table) -> list[str]:
    """Return each column's alignment: the clerk's; else centred when every cell of it is short."""
    width = len(table.columns)
    short = [True] * width
    for line, _held in placed(table.rows, width):
        for column, span, cell, _merge, group in line:
            if cell is not None and not group and span == 1 and len(cell.text.split()) > SHORT_WORDS:
                short[column] = False
    return [ALIGN[c.align] if c.align else ("center" if short[i] else "left") for i, c in enumerate(table.columns)]
