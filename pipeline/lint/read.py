"""Read a .docx package into paragraphs split into lines, each run with its effective formatting.

Parts are read through a callable (so a caller decides how much of a zip it trusts), the
body is walked in document order (tables, content controls and fields included), and
every paragraph is split into lines at w:br, as a reader sees them on the page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from weakref import ReferenceType, ref

from lxml import etree

from pipeline.lint.properties import (
    BLOCK_CONTAINERS,
    DRAWING,
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    PICT,
    PKG_REL_NS,
    PPR,
    R_NS,
    RPR,
    RUN_CONTAINERS,
    SECT_PR,
    TBL,
    TC,
    TR,
    VAL,
    P,
    R,
    T,
    int_attr,
    is_on,
    parse_xml,
    w,
)
from pipeline.lint.shapes import drawing_line, vml_line
from pipeline.lint.styles import (
    ParaFormat,
    RunFormat,
    StyleSheet,
)

# ---------------------------------------------------------------------------------------
# Document model: paragraphs split into lines (at w:br), in document order


@dataclass(slots=True)
class Run:
    text: str
    fmt: RunFormat


@dataclass(slots=True, eq=False)  # a line is itself: two lines of the same words in two places differ
class Line:
    """One visual line of a paragraph: the paragraph itself, or a piece between w:br."""

    text: str  # NFC, non-breaking spaces as spaces, whitespace collapsed, stripped
    runs: list[Run]
    para: InitVar[Para]  # kept as ``owner``, a weak reference (below)
    index: int = -1
    col: int = 0  # 1: set in the right-hand column by tabs (a layout without a table)
    pieces: list[Line] | None = None  # the text between its tabs, when it holds tabs
    tabbed: bool = False  # this line is one of those pieces
    shown: tuple[Run, ...] | None = None  # text_runs(), worked out once (runs never change once read)
    # Speed: a paragraph holds its lines and a line its paragraph. Held both ways, every
    # paragraph a lint session drops (thousands a build) was a cycle only the garbage
    # collector could free, and it spent a tenth of a build worker's time finding them;
    # the line's is a weak reference, so a paragraph goes when its last holder does.
    # Whatever holds a line holds its paragraph too (a Document, a piece, a table's).
    owner: ReferenceType = field(init=False, repr=False, compare=False)

    def __post_init__(self, para: Para) -> None:
        self.owner = ref(para)

    def text_runs(self) -> tuple[Run, ...]:
        """Runs with visible text (runs holding only spaces are ignored by the checks)."""
        shown = self.shown
        if shown is None:
            shown = self.shown = tuple(r for r in self.runs if r.text.strip())
        return shown


Line.para = property(lambda line: line.owner(), doc="The paragraph the line is part of.")


@dataclass(slots=True, weakref_slot=True)
class Para:
    fmt: ParaFormat
    mark_size: float  # size of the paragraph mark, used for empty paragraphs
    cell: tuple[int, int, int] | None  # innermost (table, row, column) or None
    row: tuple[int, int] | None  # outermost (table, row), for page estimates
    column: int | None  # outermost column
    section: int
    width: int  # available text width in twips (0 = the section's width)
    index: int
    lines: list[Line] = field(default_factory=list)
    page_breaks: int = 0  # w:br type="page" and w:lastRenderedPageBreak
    data_table: bool = False  # inside a table of data (> 2 columns or > 3 rows), not a layout
    drawn: list[int] = field(default_factory=list)  # lengths (twips) of lines drawn as shapes

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines if line.text)


@dataclass(slots=True)
class Section:
    width: int = 0
    height: int = 0
    orient: str = "portrait"
    margins: dict[str, int] = field(default_factory=dict)
    title_page: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # type → part name
    footers: dict[str, str] = field(default_factory=dict)
    break_type: str = "nextPage"
    has_table: bool = False  # holds a data table (> 2 columns or > 3 rows)


@dataclass(slots=True)
class Table:
    """A table of the body as a whole: its columns, rows, header rows, and the paragraphs it holds."""

    number: int
    section: int
    grid: list[int]  # column widths, twips
    width: int  # its declared width (w:tblW in twips), else the sum of its columns
    rows: int
    header_rows: int  # the leading rows marked to repeat on each page (w:tblHeader)
    data: bool  # a table of data (> 2 columns or > 3 rows), not a layout
    nested: bool  # inside another table's cell
    first: int  # index of its first paragraph in Document.paras
    last: int  # index of its last paragraph


@dataclass(slots=True)
class Document:
    paras: list[Para]
    lines: list[Line]
    sections: list[Section]
    parts: dict[str, etree._Element]  # header/footer part name → root element
    styles: StyleSheet
    tables: list[Table] = field(default_factory=list)
    # A part's paragraphs as read, by element: checks meet a header's paragraphs more than once,
    # and documents made from one template share their parts (pipeline.lint.session).
    part_paras: dict = field(default_factory=dict)


def normalize(text: str) -> str:
    """NFC, non-breaking and other spaces to ' ', whitespace collapsed, stripped."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


_TAB, _NO_BREAK_HYPHEN, _TYPE = w("tab"), w("noBreakHyphen"), w("type")
_BREAKS, _RENDERED_BREAK = frozenset((w("br"), w("cr"))), w("lastRenderedPageBreak")

# A superscript number or star is a footnote mark (the decree's templates number their
# blanks "…³…"), not words of the line.
_FOOTNOTE_MARK = re.compile(r"^\s*[\d*()]{1,4}\s*$")


class _Reader:
    def __init__(self, styles: StyleSheet):
        self.styles = styles
        self.paras: list[Para] = []
        self.section = 0
        self.sect_prs: list[etree._Element] = []
        self.tables = 0
        self.table_sections: set[int] = set()
        self.table_list: list[Table] = []

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, container, ctx: tuple) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child, ctx)
            elif tag == TBL:
                self.table(child, ctx)
            elif tag in BLOCK_CONTAINERS:
                self.blocks(child, ctx)

    def table(self, tbl: etree._Element, ctx: tuple) -> None:
        tstyle = self.styles.table_style(tbl)
        number = self.tables
        self.tables += 1
        grid = [int_attr(g, "w") or 0 for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        rows = list(_children(tbl, TR))
        data = len(grid) > 2 or len(rows) > 3  # a data table, not a header/signature layout
        if data:
            self.table_sections.add(self.section)
        info = Table(number, self.section, grid, _table_width(tbl, grid), len(rows), _header_rows(rows), data,
                     ctx[1] is not None, len(self.paras), len(self.paras))
        self.table_list.append(info)
        for r_i, tr in enumerate(rows):
            col = 0
            for tc in _children(tr, TC):
                span_el = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                span = (int_attr(span_el, "val") or 1) if span_el is not None else 1
                width = sum(grid[col:col + span]) - 216 if grid else 0
                outer_row, outer_col = ctx[1] or (number, r_i), ctx[2] if ctx[1] else col
                self.blocks(tc, (tstyle, outer_row, outer_col, (number, r_i, col), max(width, 0),
                                 data))
                col += span
        info.last = len(self.paras) - 1

    def paragraph(self, p: etree._Element, ctx: tuple) -> Para:
        tstyle, row, column, cell, width, data = ctx
        fmt = self.styles.paragraph(p, tstyle)
        ppr = p.find(PPR)
        mark = ppr.find(RPR) if ppr is not None else None
        para = Para(fmt, self.styles.run(mark, fmt.style_id, tstyle).size, cell, row, column,
                    self.section, width, len(self.paras), data_table=data)
        self.paras.append(para)
        pieces: list[list[Run]] = [[]]
        self._runs(p, para, tstyle, pieces)
        for runs in pieces:
            line = Line(normalize("".join(r.text for r in runs)), runs, para)
            if any("\t" in r.text for r in runs):
                _tab_pieces(line)
            para.lines.append(line)
        if ppr is not None and ppr.find(SECT_PR) is not None:
            self.sect_prs.append(ppr.find(SECT_PR))
            self.section += 1
        return para

    def _runs(self, container, para: Para, tstyle, pieces: list[list[Run]]) -> None:
        for child in container:
            tag = child.tag
            if tag == R:
                self._run(child, para, tstyle, pieces)
            elif tag in RUN_CONTAINERS:
                self._runs(child, para, tstyle, pieces)

    def _run(self, r: etree._Element, para: Para, tstyle, pieces: list[list[Run]]) -> None:
        fmt = self.styles.run(r.find(RPR), para.fmt.style_id, tstyle)
        if fmt.hidden:  # hidden text (w:vanish) is neither printed nor checked
            return
        if fmt.superscript and _FOOTNOTE_MARK.match("".join(t.text or "" for t in r.iter(T))):
            return
        buf: list[str] = []
        for child in r:
            tag = child.tag
            if tag == T:
                buf.append(child.text or "")
            elif tag == RPR:
                continue
            elif tag == _TAB:
                buf.append("\t")
            elif tag == _NO_BREAK_HYPHEN:
                buf.append("-")
            elif tag in _BREAKS:
                if child.get(_TYPE) == "page":
                    para.page_breaks += 1
                if buf:
                    pieces[-1].append(Run("".join(buf), fmt))
                    buf = []
                pieces.append([])
            elif tag == _RENDERED_BREAK:
                para.page_breaks += 1
            elif tag in _SHAPES:
                length = _shape_line(child)
                if length:
                    para.drawn.append(length)
        if buf:
            pieces[-1].append(Run("".join(buf), fmt))


DEFAULT_TAB = 720  # Word's default tab stops, every half inch
PAGE_TEXT_WIDTH = 9355  # A4 less margins of 30 and 15 mm, for a paragraph outside tables


def _tab_pieces(line: Line) -> None:
    """Split a line at its tabs. A piece that starts a third of the way across or further
    is in the right-hand column (the k-th tab reaches the k-th stop: the paragraph's own,
    then Word's default ones)."""
    para = line.para
    width = para.width or PAGE_TEXT_WIDTH
    stops = list(para.fmt.tabs)
    pieces: list[Line] = []
    x, runs = 0, []

    def close() -> None:
        text = normalize("".join(r.text for r in runs))
        if text:
            pieces.append(Line(text, list(runs), para, col=int(x >= width / 3), tabbed=True))

    for r in line.runs:
        for k, part in enumerate(r.text.split("\t")):
            if k:
                close()
                runs.clear()
                x = stops.pop(0) if stops else (x // DEFAULT_TAB + 1) * DEFAULT_TAB
            if part:
                runs.append(Run(part, r.fmt))
    close()
    line.pieces = pieces
    line.col = pieces[0].col if pieces else 0


_SHAPES = frozenset((DRAWING, PICT, MC_ALTERNATE))


def _shape_line(el: etree._Element) -> int | None:
    """The length of a straight line drawn in a run (DrawingML, or VML for older Word)."""
    if el.tag == MC_ALTERNATE:  # Word writes the shape twice: read the modern choice
        choice = el.find(f"{MC_CHOICE}/{DRAWING}")
        if choice is not None:
            return drawing_line(choice)
        fallback = el.find(f"{MC_FALLBACK}/{PICT}")
        return vml_line(fallback) if fallback is not None else None
    return drawing_line(el) if el.tag == DRAWING else vml_line(el)


def _table_width(tbl: etree._Element, grid: list[int]) -> int:
    width = tbl.find(f"{w('tblPr')}/{w('tblW')}")
    if width is not None and width.get(w("type"), "dxa") == "dxa" and int_attr(width, "w"):
        return int_attr(width, "w") or 0
    return sum(grid)


def _header_rows(rows: list[etree._Element]) -> int:
    """How many of the first rows repeat at the top of each page (Word's "Repeat as header row")."""
    count = 0
    for tr in rows:
        mark = tr.find(f"{w('trPr')}/{w('tblHeader')}")
        if mark is None or not is_on(mark):
            break
        count += 1
    return count


def _children(el: etree._Element, tag: str):
    """Yield children with ``tag``, looking through w:sdt/w:customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _section(sect: etree._Element | None, rels: dict[str, str], has_table: bool) -> Section:
    s = Section(has_table=has_table)
    if sect is None:
        return s
    size, mar = sect.find(w("pgSz")), sect.find(w("pgMar"))
    if size is not None:
        s.width, s.height = int_attr(size, "w") or 0, int_attr(size, "h") or 0
        s.orient = size.get(w("orient"), "portrait")
    if mar is not None:
        s.margins = {k: abs(int_attr(mar, k) or 0) for k in ("top", "bottom", "left", "right")}
    tp = sect.find(w("titlePg"))
    s.title_page = tp is not None and is_on(tp)
    for tag, target in (("headerReference", s.headers), ("footerReference", s.footers)):
        for ref in sect.iterfind(w(tag)):
            part = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if part:
                target[ref.get(w("type"), "default")] = part
    br = sect.find(w("type"))
    if br is not None:
        s.break_type = br.get(VAL, "nextPage")
    return s


def _rels(data: bytes | None, parse_part=parse_xml) -> dict[str, str]:
    if not data:
        return {}
    out = {}
    for rel in parse_part(data).iterfind(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "word/" + target
    return out


@lru_cache(maxsize=8)
def _cached_stylesheet(styles: bytes | None, theme: bytes | None,
                       numbering: bytes | None) -> StyleSheet:
    # Documents produced by one template share these parts byte for byte: parse them once.
    return StyleSheet(styles, theme, numbering)


def stylesheet(read) -> StyleSheet:
    """Return the style sheet of a package (styles, theme and numbering parts)."""
    return _cached_stylesheet(read("word/styles.xml"), read("word/theme/theme1.xml"),
                              read("word/numbering.xml"))


TOP = (None, None, None, None, 0, False)  # the context of the body's own children


def read_document(read) -> Document:
    """Build the document model; ``read(name)`` returns a part's bytes or None."""
    styles = stylesheet(read)
    root = parse_xml(read("word/document.xml"))
    body = root.find(w("body"))
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    reader = _Reader(styles)
    reader.blocks(body, TOP)
    return assemble(read, styles, reader.paras, reader.sect_prs + [body.find(SECT_PR)],
                    reader.table_sections, Parts(), reader.table_list)


class Parts:
    """How ``assemble`` reads what lies beside the body: relationships, sections, header and
    footer parts. Here each is read for the one document; ``pipeline.lint.session`` reads
    those its documents share once."""

    def __init__(self):
        self.paras: dict = {}  # the parts' paragraphs as read (Document.part_paras)

    def part(self, data: bytes) -> etree._Element:
        return parse_xml(data)

    def rels(self, data: bytes | None) -> dict[str, str]:
        return _rels(data, self.part)

    def section(self, sect: etree._Element | None, rels: dict[str, str], has_table: bool) -> Section:
        return _section(sect, rels, has_table)


def assemble(read, styles: StyleSheet, paras: list[Para], sect_els: list, table_sections: set[int],
             beside: Parts, tables: list[Table] = ()) -> Document:
    """Return the Document of the body's paragraphs: its sections, and the header and footer
    parts they name, read through ``beside``."""
    rels = beside.rels(read("word/_rels/document.xml.rels"))
    sections = [beside.section(s, rels, i in table_sections) for i, s in enumerate(sect_els)]
    parts = {}
    for s in sections:
        for name in (*s.headers.values(), *s.footers.values()):
            if name not in parts:
                data = read(name)
                if data:
                    parts[name] = beside.part(data)
    lines = [line for para in paras for line in para.lines]
    for i, line in enumerate(lines):
        line.index = i
    return Document(paras, lines, sections, parts, styles, tables=list(tables), part_paras=beside.paras)


def part_para(doc: Document, p: etree._Element) -> Para:
    """Return ``part_paragraph`` of a paragraph of one of the document's parts, read once."""
    para = doc.part_paras.get(p)
    if para is None:
        para = doc.part_paras[p] = part_paragraph(doc.styles, p)
    return para


def part_paragraph(styles: StyleSheet, p: etree._Element) -> Para:
    """Return one paragraph of a header/footer part (or any part) as a Para."""
    tbl = next((a for a in p.iterancestors(TBL)), None)
    tstyle = styles.table_style(tbl) if tbl is not None else None
    reader = _Reader(styles)
    return reader.paragraph(p, (tstyle, None, None, None, 0, False))
