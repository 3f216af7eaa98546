"""Read a .docx into paragraphs and lines carrying their EFFECTIVE formatting.

The linter must judge documents typed by hand in Word as well as generated ones, so it never
trusts style names: every run and paragraph is resolved down the OOXML style hierarchy
(ECMA-376 Part 1, 17.7.2):

    document defaults (w:docDefaults)
      → table style (paragraphs inside a table)
        → numbering level (w:numPr; indentation only)
          → paragraph style (w:pStyle, with its w:basedOn chain)
            → character style (w:rStyle, with its w:basedOn chain)
              → direct formatting (w:pPr / w:rPr)

Toggle properties (bold, italic, caps, hidden) follow 17.7.3: set to true inside a style they
flip the state reached so far, set to false they change nothing; set directly they are
absolute. Theme fonts (w:asciiTheme…) are resolved through word/theme/theme1.xml.

Not modelled (rare in administrative documents): conditional table-style formatting
(w:tblStylePr), character-unit indents (w:firstLineChars), w:beforeLines, text boxes.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.lru_cache(maxsize=None)  # a few dozen names, asked for hundreds of times a document
def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, SDT, SDT_CONTENT = w("pPr"), w("rPr"), w("sdt"), w("sdtContent")
SECT_PR, VAL = w("sectPr"), w("val")
INSTR_TEXT, FLD_SIMPLE = w("instrText"), w("fldSimple")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"

# Elements inside a paragraph whose runs are part of its visible text. Deleted text
# (w:del, w:moveFrom) and text boxes (inside w:drawing/w:pict) are deliberately absent.
_RUN_CONTAINERS = frozenset(
    w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                   "dir", "bdo", "sdt", "sdtContent")
)
_BLOCK_CONTAINERS = frozenset((SDT, SDT_CONTENT, w("customXml")))
_TOGGLES = {w("b"): "b", w("i"): "i", w("caps"): "caps", w("vanish"): "vanish"}
_FALSE = frozenset(("0", "false", "off", "none"))
_JC = {"start": "left", "end": "right", "justify": "both"}
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)

DEFAULT_SIZE = 10.0  # points; ECMA-376 default when no w:sz is given anywhere


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part (external entities are never resolved)."""
    return etree.fromstring(data, _PARSER)


def _on(el: etree._Element) -> bool:
    return el.get(VAL, "1").lower() not in _FALSE


def _int(el: etree._Element, attr: str) -> int | None:
    value = el.get(w(attr))
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Effective formatting


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Effective character formatting of one run."""

    font_ascii: str | None  # None: nothing anywhere, so Word's own default (Times New Roman)
    font_hansi: str | None
    size: float  # points
    bold: bool
    italic: bool
    caps: bool
    underline: bool
    hidden: bool


@dataclass(frozen=True, slots=True)
class ParaFormat:
    """Effective paragraph formatting; lengths in twentieths of a point (twips)."""

    style_id: str | None
    align: str  # left | center | right | both | distribute
    first_line: int  # negative for a hanging indent
    left: int
    before: int
    after: int
    before_auto: bool
    after_auto: bool
    line: int
    line_rule: str  # auto | exact | atLeast
    contextual: bool
    page_break_before: bool


class _Style:
    __slots__ = ("sid", "kind", "based_on", "ppr", "rpr", "table_ppr", "table_rpr")

    def __init__(self, sid: str, kind: str, based_on: str | None, ppr: dict, rpr: dict):
        self.sid, self.kind, self.based_on, self.ppr, self.rpr = sid, kind, based_on, ppr, rpr


class StyleSheet:
    """styles.xml (+ theme and numbering) parsed once per file, with resolution caches."""

    def __init__(self, styles_xml: bytes | None, theme_xml: bytes | None = None,
                 numbering_xml: bytes | None = None):
        self.theme = _theme_fonts(theme_xml)
        self.styles: dict[str, _Style] = {}
        self.default: dict[str, str] = {}
        self.doc_rpr: dict = {}
        self.doc_ppr: dict = {}
        self._merged: dict[tuple[str, str], tuple[dict, dict]] = {}
        self._para_base: dict = {}
        self._run_base: dict = {}
        self.numbering = _numbering_indents(numbering_xml, self) if numbering_xml else {}
        if styles_xml:
            self._load(parse_xml(styles_xml))

    # -- loading ---------------------------------------------------------------------
    def _load(self, root: etree._Element) -> None:
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{w('rPrDefault')}/{RPR}")
            ppr = defaults.find(f"{w('pPrDefault')}/{PPR}")
            self.doc_rpr = self.rpr_dict(rpr) if rpr is not None else {}
            self.doc_ppr = self.ppr_dict(ppr) if ppr is not None else {}
        for st in root.iterfind(w("style")):
            sid = st.get(w("styleId"))
            if not sid:
                continue
            kind = st.get(w("type"), "paragraph")
            based = st.find(w("basedOn"))
            ppr, rpr = st.find(PPR), st.find(RPR)
            self.styles[sid] = _Style(
                sid, kind, based.get(VAL) if based is not None else None,
                self.ppr_dict(ppr) if ppr is not None else {},
                self.rpr_dict(rpr) if rpr is not None else {},
            )
            if st.get(w("default"), "0").lower() in ("1", "true", "on"):
                self.default.setdefault(kind, sid)

    def rpr_dict(self, rpr: etree._Element) -> dict:
        """Return the properties set by one w:rPr (theme fonts already resolved)."""
        d: dict = {}
        for child in rpr:
            tag = child.tag
            if tag == w("rFonts"):
                for key in ("ascii", "hAnsi"):
                    theme = child.get(w(key + "Theme"))
                    if theme:  # the theme attribute wins over the plain one on the same element
                        d[key] = self.theme.get(theme, "+" + theme)
                    elif child.get(w(key)):
                        d[key] = child.get(w(key))
            elif tag == w("sz"):
                v = _int(child, "val")
                if v:
                    d["sz"] = v / 2
            elif tag in _TOGGLES:
                d[_TOGGLES[tag]] = _on(child)
            elif tag == w("u"):
                d["u"] = child.get(VAL, "single") != "none"
        return d

    @staticmethod
    def ppr_dict(ppr: etree._Element) -> dict:
        """Return the properties set by one w:pPr."""
        d: dict = {}
        for child in ppr:
            tag = child.tag
            if tag == w("jc"):
                v = child.get(VAL, "left")
                d["jc"] = _JC.get(v, v)
            elif tag == w("ind"):
                hanging, first = _int(child, "hanging"), _int(child, "firstLine")
                if hanging is not None:  # 17.3.1.12: hanging wins over firstLine
                    d["first"] = -hanging
                elif first is not None:
                    d["first"] = first
                left = _int(child, "left")
                left = left if left is not None else _int(child, "start")
                if left is not None:
                    d["left"] = left
            elif tag == w("spacing"):
                for attr, key in (("before", "before"), ("after", "after"), ("line", "line")):
                    v = _int(child, attr)
                    if v is not None:
                        d[key] = v
                if child.get(w("lineRule")):
                    d["lineRule"] = child.get(w("lineRule"))
                for attr in ("beforeAutospacing", "afterAutospacing"):
                    if child.get(w(attr)) is not None:
                        d[attr] = child.get(w(attr)).lower() not in _FALSE
            elif tag == w("contextualSpacing"):
                d["contextual"] = _on(child)
            elif tag == w("pageBreakBefore"):
                d["pageBreakBefore"] = _on(child)
            elif tag == w("pStyle"):
                d["pStyle"] = child.get(VAL)
            elif tag == w("numPr"):
                num, lvl = child.find(w("numId")), child.find(w("ilvl"))
                if num is not None:
                    d["numId"] = num.get(VAL)
                    d["ilvl"] = lvl.get(VAL, "0") if lvl is not None else "0"
        return d

    # -- style chains ----------------------------------------------------------------
    def merged(self, sid: str | None, kind: str) -> tuple[dict, dict]:
        """Return (pPr, rPr) of a style with its basedOn chain folded in (child wins)."""
        if sid is None:
            return {}, {}
        key = (sid, kind)
        if key not in self._merged:
            chain, seen, cur = [], set(), self.styles.get(sid)
            while cur is not None and cur.sid not in seen:  # guard against basedOn cycles
                seen.add(cur.sid)
                chain.append(cur)
                cur = self.styles.get(cur.based_on) if cur.based_on else None
            ppr: dict = {}
            rpr: dict = {}
            for st in reversed(chain):
                ppr.update(st.ppr)
                rpr.update(st.rpr)
            self._merged[key] = (ppr, rpr)
        return self._merged[key]

    def _style_id(self, sid: str | None, kind: str) -> str | None:
        if sid and sid in self.styles and self.styles[sid].kind == kind:
            return sid
        return self.default.get(kind)

    # -- resolution --------------------------------------------------------------------
    def paragraph(self, p: etree._Element, table_style: str | None = None) -> ParaFormat:
        """Return the effective formatting of paragraph ``p``."""
        ppr_el = p.find(PPR)
        direct = self.ppr_dict(ppr_el) if ppr_el is not None else {}
        sid = self._style_id(direct.get("pStyle"), "paragraph")
        style_ppr = self.merged(sid, "paragraph")[0]
        num_id = direct.get("numId", style_ppr.get("numId"))
        ilvl = direct.get("ilvl", style_ppr.get("ilvl", "0"))
        key = (sid, table_style, num_id, ilvl)
        base = self._para_base.get(key)
        if base is None:
            base = dict(self.doc_ppr)
            base.update(self.merged(table_style, "table")[0])
            base.update(self.numbering.get((num_id, ilvl), {}))
            base.update(style_ppr)
            self._para_base[key] = base
        d = {**base, **direct} if direct else base
        return ParaFormat(
            style_id=sid,
            align=d.get("jc", "left"),
            first_line=d.get("first", 0),
            left=d.get("left", 0),
            before=d.get("before", 0),
            after=d.get("after", 0),
            before_auto=d.get("beforeAutospacing", False),
            after_auto=d.get("afterAutospacing", False),
            line=d.get("line", 240),
            line_rule=d.get("lineRule", "auto"),
            contextual=d.get("contextual", False),
            page_break_before=d.get("pageBreakBefore", False),
        )

    def run(self, rpr_el: etree._Element | None, para_style: str | None,
            table_style: str | None = None) -> RunFormat:
        """Return the effective formatting of a run whose w:rPr is ``rpr_el``."""
        direct = self.rpr_dict(rpr_el) if rpr_el is not None else {}
        rstyle = None
        if rpr_el is not None:
            rs = rpr_el.find(w("rStyle"))
            rstyle = rs.get(VAL) if rs is not None else None
        rstyle = self._style_id(rstyle, "character")
        key = (para_style, rstyle, table_style)
        base = self._run_base.get(key)
        if base is None:
            base = dict(self.doc_rpr)
            for level in (self.merged(table_style, "table")[1],
                          self.merged(para_style, "paragraph")[1],
                          self.merged(rstyle, "character")[1]):
                for k, v in level.items():
                    if k in ("b", "i", "caps", "vanish"):
                        if v:  # a toggle set in a style flips the state; false leaves it
                            base[k] = not base.get(k, False)
                    else:
                        base[k] = v
            self._run_base[key] = base
        d = {**base, **direct} if direct else base
        return RunFormat(
            font_ascii=d.get("ascii"), font_hansi=d.get("hAnsi"),
            size=d.get("sz", DEFAULT_SIZE), bold=d.get("b", False), italic=d.get("i", False),
            caps=d.get("caps", False), underline=d.get("u", False), hidden=d.get("vanish", False),
        )

    def table_style(self, tbl: etree._Element) -> str | None:
        el = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        return self._style_id(el.get(VAL) if el is not None else None, "table")


def _theme_fonts(theme_xml: bytes | None) -> dict[str, str]:
    """Map theme font slots (minorHAnsi, majorAscii…) to the theme's Latin typefaces."""
    if not theme_xml:
        return {}
    root = parse_xml(theme_xml)
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            for slot in ("Ascii", "HAnsi"):
                fonts[kind + slot] = latin.get("typeface")
    return fonts


def _numbering_indents(numbering_xml: bytes, sheet: StyleSheet) -> dict:
    """Map (numId, ilvl) to the pPr of that list level (only its indentation is used)."""
    root = parse_xml(numbering_xml)
    abstract = {}
    for an in root.iterfind(w("abstractNum")):
        abstract[an.get(w("abstractNumId"))] = {
            lvl.get(w("ilvl")): sheet.ppr_dict(lvl.find(PPR))
            for lvl in an.iterfind(w("lvl")) if lvl.find(PPR) is not None
        }
    out = {}
    for num in root.iterfind(w("num")):
        ref = num.find(w("abstractNumId"))
        if ref is None:
            continue
        for ilvl, ppr in abstract.get(ref.get(VAL), {}).items():
            out[(num.get(w("numId")), ilvl)] = {k: v for k, v in ppr.items()
                                                if k in ("first", "left")}
    return out


# ---------------------------------------------------------------------------------------
# Document model: paragraphs split into lines (at w:br), in document order


@dataclass(slots=True)
class Run:
    text: str
    fmt: RunFormat


@dataclass(slots=True)
class Line:
    """One visual line of a paragraph: the paragraph itself, or a piece between w:br."""

    text: str  # NFC, non-breaking spaces as spaces, whitespace collapsed, stripped
    runs: list[Run]
    para: Para
    index: int = -1

    def text_runs(self) -> list[Run]:
        """Runs with visible text (runs holding only spaces are ignored by the checks)."""
        return [r for r in self.runs if r.text.strip()]


@dataclass(slots=True)
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
class Document:
    paras: list[Para]
    lines: list[Line]
    sections: list[Section]
    parts: dict[str, etree._Element]  # header/footer part name → root element
    styles: StyleSheet


def normalize(text: str) -> str:
    """NFC, non-breaking and other spaces to ' ', whitespace collapsed, stripped."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


class _Reader:
    def __init__(self, styles: StyleSheet):
        self.styles = styles
        self.paras: list[Para] = []
        self.section = 0
        self.sect_prs: list[etree._Element] = []
        self.tables = 0
        self.table_sections: set[int] = set()

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, container, ctx: tuple) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child, ctx)
            elif tag == TBL:
                self.table(child, ctx)
            elif tag in _BLOCK_CONTAINERS:
                self.blocks(child, ctx)

    def table(self, tbl: etree._Element, ctx: tuple) -> None:
        tstyle = self.styles.table_style(tbl)
        number = self.tables
        self.tables += 1
        grid = [_int(g, "w") or 0 for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        rows = list(_children(tbl, TR))
        if len(grid) > 2 or len(rows) > 3:  # a data table, not a header/signature layout
            self.table_sections.add(self.section)
        for r_i, tr in enumerate(rows):
            col = 0
            for tc in _children(tr, TC):
                span_el = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                span = (_int(span_el, "val") or 1) if span_el is not None else 1
                width = sum(grid[col:col + span]) - 216 if grid else 0
                outer_row, outer_col = ctx[1] or (number, r_i), ctx[2] if ctx[1] else col
                self.blocks(tc, (tstyle, outer_row, outer_col, (number, r_i, col), max(width, 0)))
                col += span

    def paragraph(self, p: etree._Element, ctx: tuple) -> Para:
        tstyle, row, column, cell, width = ctx
        fmt = self.styles.paragraph(p, tstyle)
        ppr = p.find(PPR)
        mark = ppr.find(RPR) if ppr is not None else None
        para = Para(fmt, self.styles.run(mark, fmt.style_id, tstyle).size, cell, row, column,
                    self.section, width, len(self.paras))
        self.paras.append(para)
        pieces: list[list[Run]] = [[]]
        self._runs(p, para, tstyle, pieces)
        for runs in pieces:
            para.lines.append(Line(normalize("".join(r.text for r in runs)), runs, para))
        if ppr is not None and ppr.find(SECT_PR) is not None:
            self.sect_prs.append(ppr.find(SECT_PR))
            self.section += 1
        return para

    def _runs(self, container, para: Para, tstyle, pieces: list[list[Run]]) -> None:
        for child in container:
            tag = child.tag
            if tag == R:
                self._run(child, para, tstyle, pieces)
            elif tag in _RUN_CONTAINERS:
                self._runs(child, para, tstyle, pieces)

    def _run(self, r: etree._Element, para: Para, tstyle, pieces: list[list[Run]]) -> None:
        fmt = self.styles.run(r.find(RPR), para.fmt.style_id, tstyle)
        if fmt.hidden:  # hidden text (w:vanish) is neither printed nor checked
            return
        buf: list[str] = []

        def flush() -> None:
            if buf:
                pieces[-1].append(Run("".join(buf), fmt))
                buf.clear()

        for child in r:
            tag = child.tag
            if tag == T:
                buf.append(child.text or "")
            elif tag == w("tab"):
                buf.append("\t")
            elif tag == w("noBreakHyphen"):
                buf.append("-")
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) == "page":
                    para.page_breaks += 1
                flush()
                pieces.append([])
            elif tag == w("lastRenderedPageBreak"):
                para.page_breaks += 1
        flush()


def _children(el: etree._Element, tag: str):
    """Yield children with ``tag``, looking through w:sdt/w:customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _section(sect: etree._Element | None, rels: dict[str, str], has_table: bool) -> Section:
    s = Section(has_table=has_table)
    if sect is None:
        return s
    size, mar = sect.find(w("pgSz")), sect.find(w("pgMar"))
    if size is not None:
        s.width, s.height = _int(size, "w") or 0, _int(size, "h") or 0
        s.orient = size.get(w("orient"), "portrait")
    if mar is not None:
        s.margins = {k: abs(_int(mar, k) or 0) for k in ("top", "bottom", "left", "right")}
    tp = sect.find(w("titlePg"))
    s.title_page = tp is not None and _on(tp)
    for tag, target in (("headerReference", s.headers), ("footerReference", s.footers)):
        for ref in sect.iterfind(w(tag)):
            part = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if part:
                target[ref.get(w("type"), "default")] = part
    br = sect.find(w("type"))
    if br is not None:
        s.break_type = br.get(VAL, "nextPage")
    return s


def _rels(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    out = {}
    for rel in parse_xml(data).iterfind(f"{{{PKG_REL_NS}}}Relationship"):
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


def read_document(read) -> Document:
    """Build the document model; ``read(name)`` returns a part's bytes or None."""
    styles = _cached_stylesheet(read("word/styles.xml"), read("word/theme/theme1.xml"),
                                read("word/numbering.xml"))
    root = parse_xml(read("word/document.xml"))
    body = root.find(w("body"))
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    reader = _Reader(styles)
    reader.blocks(body, (None, None, None, None, 0))
    final = body.find(SECT_PR)
    rels = _rels(read("word/_rels/document.xml.rels"))
    sect_els = reader.sect_prs + [final]
    sections = [_section(s, rels, i in reader.table_sections) for i, s in enumerate(sect_els)]
    parts = {}
    for s in sections:
        for name in (*s.headers.values(), *s.footers.values()):
            if name not in parts:
                data = read(name)
                if data:
                    parts[name] = parse_xml(data)
    lines = [line for para in reader.paras for line in para.lines]
    for i, line in enumerate(lines):
        line.index = i
    return Document(reader.paras, lines, sections, parts, styles)


def part_paragraph(styles: StyleSheet, p: etree._Element) -> Para:
    """Return one paragraph of a header/footer part (or any part) as a Para."""
    tbl = next((a for a in p.iterancestors(TBL)), None)
    tstyle = styles.table_style(tbl) if tbl is not None else None
    reader = _Reader(styles)
    return reader.paragraph(p, (tstyle, None, None, None, 0))
