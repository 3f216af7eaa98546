"""Tables of data in the body or a phụ lục: their text size, their width, their header on each page.

NĐ 30 gives tables no size of their own: their text is nội dung, 13–14 pt (PL I II.6.e; Party
14–15, HD 36 Phụ lục 3). A table wider than the text area runs into the margins (PL I, I.3).
A table that runs onto a second page repeats its header row there, or page 2 is columns of
figures without names: Word's "Repeat as header row" (``w:tblHeader``). That last is practice,
not NĐ 30; its rule id says so (BANG-HEADER). Whether a table runs onto a second page is
estimated from its text (``rows_height``): one taller than half a page of text may.

Layout tables (the header's two columns, the signature block) are not data tables and are
left alone, as are tables inside tables.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from pipeline.i18n import _
from pipeline.lint.find import Layout
from pipeline.lint.read import Document, Para
from pipeline.lint.rules import Finding
from pipeline.lint.spec import size_range, spec_for
from pipeline.lint.text import num, shorten
from pipeline.vietnamese.textwidth import text_width

TWIPS_PER_MM = 56.7
WIDTH_TOLERANCE = 57  # 1 mm: widths rounded by the program that wrote the file
LINE = 1.15  # a single line of Times New Roman, in ems


def check_tables(doc: Document, lay: Layout) -> Iterator[Finding]:
    mine = {ln.para.index for ln in lay.lines}
    for table in doc.tables:
        if not table.data or table.nested or not any(i in mine for i in range(table.first, table.last + 1)):
            continue
        paras = [p for p in doc.paras[table.first:table.last + 1] if p.cell and p.cell[0] == table.number]
        where = _table_name(paras)
        pos = next((ln.index for p in paras for ln in p.lines if ln.text), -1)
        prefix, spec = spec_for(lay.system, "BANG")
        lo, hi = spec.sizes
        bad = sorted({r.fmt.size for p in paras for ln in p.lines for r in ln.runs
                      if r.text.strip() and not lo <= r.fmt.size <= hi})
        if bad:
            yield Finding(f"{prefix}-SIZE", where, _("cỡ chữ {size}").format(size=size_range(lo, hi)),
                          _("cỡ chữ {size}").format(size=", ".join(num(s) for s in bad)), pos)
        section = doc.sections[min(table.section, len(doc.sections) - 1)]
        area = section.width - section.margins.get("left", 0) - section.margins.get("right", 0)
        if section.width and table.width > area + WIDTH_TOLERANCE:
            yield Finding("ND30-BANG-WIDTH", where,
                          _("bảng rộng không quá vùng trình bày ({mm} mm)").format(mm=round(area / TWIPS_PER_MM)),
                          _("bảng rộng {mm} mm").format(mm=round(table.width / TWIPS_PER_MM)), pos)
        page = section.height - section.margins.get("top", 0) - section.margins.get("bottom", 0)
        if not table.header_rows and table.rows > 2 and section.height and rows_height(paras) > page / 2:
            yield Finding("BANG-HEADER", where, _("dòng tiêu đề lặp lại ở đầu mỗi trang"),
                          _("dòng tiêu đề không lặp lại"), pos)


def _table_name(paras: list[Para]) -> str:
    """The table as a reader names it: its first row's text ("bảng STT | Nội dung | …")."""
    first = [p.text for p in paras if p.cell and p.cell[1] == paras[0].cell[1] and p.text] if paras else []
    return _("bảng “{cells}”").format(cells=shorten(" | ".join(first)))


def rows_height(paras: list[Para]) -> int:
    """Estimate the printed height of a table's rows (twips): each row as tall as its tallest cell."""
    cells: dict[tuple, int] = {}
    for p in paras:
        size = max((r.fmt.size for ln in p.lines for r in ln.runs if r.text.strip()), default=p.mark_size)
        width = max(p.width, 567)
        lines = sum(max(1, math.ceil(text_width(ln.text, size) / width)) for ln in p.lines) or 1
        height = round(lines * size * LINE * 20) + p.fmt.before + p.fmt.after
        cells[p.cell] = cells.get(p.cell, 0) + height
    rows: dict[int, int] = {}
    for (_table, row, _column), height in cells.items():
        rows[row] = max(rows.get(row, 0), height)
    return sum(rows.values())
