"""The file as a whole: paper and margins, fonts in every part, page numbers; text widths.

NĐ 30 Phụ lục I Mục I: A4 portrait (landscape for a section holding a table), margins
top/bottom 20–25, left 30–35, right 15–20 mm, Times New Roman, page numbers centred in the
top margin from page 2. Tolerances: page size ±20 twips; margins ±2 twips (Word rounds
2.5 cm to 1418).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from pipeline.i18n import _
from pipeline.lint.find import Layout
from pipeline.lint.properties import FLD_SIMPLE, INSTR_TEXT, MC_FALLBACK, RPR, P, w
from pipeline.lint.read import Document, Para, Run, part_para
from pipeline.lint.rulers import available_width
from pipeline.lint.rules import Finding
from pipeline.lint.spec import check_runs, spec_for
from pipeline.lint.text import num, shorten

A4 = (11906, 16838)
MARGINS = {"top": (1134, 1417), "bottom": (1134, 1417), "left": (1701, 1984),
           "right": (850, 1134)}
TWIPS_PER_MM = 1440 / 25.4


def check_page(doc: Document, lay: Layout) -> Iterator[Finding]:
    sides = {"top": _("lề trên"), "bottom": _("lề dưới"), "left": _("lề trái"),
             "right": _("lề phải")}
    for n, s in enumerate(doc.sections, 1):
        where = _("trang") if len(doc.sections) == 1 else _("trang (phần {n})").format(n=n)
        short, long_ = sorted((s.width, s.height))
        if abs(short - A4[0]) > 20 or abs(long_ - A4[1]) > 20:
            found = (_("{w} × {h} mm").format(w=round(s.width / TWIPS_PER_MM),
                                              h=round(s.height / TWIPS_PER_MM))
                     if s.width else _("không khai báo khổ giấy"))
            yield Finding("ND30-PAGE-A4", where, _("khổ A4 (210 × 297 mm)"), found)
        # Landscape is allowed for a section holding a table (NĐ 30 PL I Mục I).
        if (s.orient == "landscape" or s.width > s.height) and not s.has_table:
            yield Finding("ND30-PAGE-ORIENT", where, _("khổ dọc"), _("khổ ngang"))
        for side, (lo, hi) in MARGINS.items():
            value = s.margins.get(side)
            if value is None or not lo - 2 <= value <= hi + 2:
                mm = lambda t: num(round(t / TWIPS_PER_MM, 1))  # noqa: E731
                yield Finding(
                    "ND30-PAGE-MARGIN", where,
                    _("{side} {lo}–{hi} mm").format(side=sides[side], lo=mm(lo), hi=mm(hi)),
                    _("{side} {value} mm").format(side=sides[side], value=mm(value))
                    if value is not None else _("{side} không khai báo").format(side=sides[side]))


_ASCII = re.compile(r"(?!\s)[\x00-\x7f]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f\s]")


_FONT_OK: dict[str | None, bool] = {None: True}  # speed: a few names, asked for every run


def _font_ok(name: str | None) -> bool:
    ok = _FONT_OK.get(name)
    if ok is None:
        if len(_FONT_OK) > 256:  # a file naming fonts by the thousand does not grow it for ever
            _FONT_OK.clear()
            _FONT_OK[None] = True
        ok = _FONT_OK[name] = name.strip().lower() == "times new roman"
    return ok


def check_fonts(doc: Document, lay: Layout) -> Iterator[Finding]:
    headers = {n for s in doc.sections for n in s.headers.values()}
    places = [(ln, None, ln.index) for ln in doc.lines]
    for name, root in doc.parts.items():  # header and footer text after the body
        label = _("đầu trang (header)") if name in headers else _("chân trang (footer)")
        places += [(ln, label, 10**9)
                   for p in root.iter(P) for ln in part_para(doc, p).lines]
    for ln, label, pos in places:
        for font in _wrong_fonts(ln):
            where = shorten(f"{label}: {ln.text}" if label else ln.text)
            yield Finding("ND30-FONT", where, "Times New Roman", font, pos)


# Speed: a build's lint session hands sibling documents the same Line objects where they hold the
# same paragraph at the same place (pipeline.lint.session), and the header and footer lines of one
# template to all; a line's runs never change once read, so its wrong fonts are found once per line
# object. The entry keeps the object, so an id reused by another line is never taken for it.
_WRONG: dict[int, tuple] = {}
_WRONG_LIMIT = 8192


def _wrong_fonts(ln) -> tuple[str, ...]:
    """The fonts other than Times New Roman that a line's text is set in, each once, in order."""
    known = _WRONG.get(id(ln))
    if known is not None and known[0] is ln:
        return known[1]
    bad = {}
    for r in ln.text_runs():
        # w:rFonts ascii for the ASCII letters of a run, hAnsi for the others (Vietnamese).
        if not _font_ok(r.fmt.font_ascii) and _ASCII.search(r.text):
            bad.setdefault(r.fmt.font_ascii, None)
        if not _font_ok(r.fmt.font_hansi) and _NOT_ASCII.search(r.text):
            bad.setdefault(r.fmt.font_hansi, None)
    if len(_WRONG) >= _WRONG_LIMIT:
        _WRONG.clear()
    found = tuple(bad)
    _WRONG[id(ln)] = (ln, found)
    return found


# -- page numbers ------------------------------------------------------------------------

_PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def field_paragraphs(root) -> list:
    """Return the w:p elements of a part that hold a PAGE field (not NUMPAGES/PAGEREF)."""
    found = []
    for el in root.iter(INSTR_TEXT, FLD_SIMPLE):
        instr = el.get(w("instr"), "") if el.tag == FLD_SIMPLE else (el.text or "")
        if el.tag == INSTR_TEXT:  # the instruction may be split over several runs
            p = next(el.iterancestors(P), None)
            instr = "".join(t.text or "" for t in p.iter(INSTR_TEXT)) if p is not None else instr
        if not _PAGE_FIELD.search(instr.strip()):
            continue
        if any(a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue
        p = next(el.iterancestors(P), None)
        if p is not None and p not in found:
            found.append(p)
    return found


# Speed: documents made from one template share their header and footer parts (lint.session),
# so a part's fields are found once per part object; the entry keeps the object, so an id
# reused by another part is never taken for it.
_FIELDS: dict[int, tuple] = {}


def _fields_of(root) -> list:
    known = _FIELDS.get(id(root))
    if known is None or known[0] is not root:
        if len(_FIELDS) > 64:
            _FIELDS.clear()
        known = _FIELDS[id(root)] = (root, field_paragraphs(root))
    return known[1]


def check_page_numbers(doc: Document, lay: Layout) -> Iterator[Finding]:
    header_parts = {n for s in doc.sections for n in s.headers.values()}
    footer_parts = {n for s in doc.sections for n in s.footers.values()}
    fields = {name: _fields_of(root) for name, root in doc.parts.items()}
    in_header = [name for name in sorted(header_parts) if fields.get(name)]
    in_footer = [name for name in sorted(footer_parts) if fields.get(name)]
    expected = _("số trang ở đầu trang (header)")
    if in_footer:
        yield Finding("ND30-PAGENUM-HEADER", _("chân trang (footer)"), expected,
                      _("số trang ở chân trang (footer)"))
    elif not in_header and is_multi_page(doc):
        yield Finding("ND30-PAGENUM-HEADER", _("toàn văn bản"), expected, _("không có số trang"))
    if doc.sections and (in_header or in_footer):
        first = doc.sections[0]
        shown = [refs.get("first") if first.title_page else refs.get("default")
                 for refs in (first.headers, first.footers)]
        if any(name and fields.get(name) for name in shown):
            yield Finding("ND30-PAGENUM-FIRST", _("trang 1"), _("trang 1 không hiện số trang"),
                          _("trang 1 hiện số trang"))
    spec = spec_for(lay.system, "PAGENUM")[1]
    for name in in_header:
        for p_el in fields[name]:
            para = part_para(doc, p_el)
            runs = [r for ln in para.lines for r in ln.runs]
            if not any(r.text.strip() for r in runs):  # field without a cached result
                runs = [_instr_run(doc, para, p_el)]
            yield from check_runs("ND30-PAGENUM", spec, _("đầu trang (header)"), runs,
                                  para.fmt.align, "1", -1)


def _instr_run(doc: Document, para: Para, p_el) -> Run:
    el = next(p_el.iter(INSTR_TEXT, FLD_SIMPLE))
    r = el.getparent() if el.tag == INSTR_TEXT else el.find(f".//{w('r')}")
    rpr = r.find(RPR) if r is not None else None
    return Run("1", doc.styles.run(rpr, para.fmt.style_id))


def is_multi_page(doc: Document) -> bool:
    """Hard evidence of a second page, else an estimate of the text height (> 1.15 pages)."""
    if any(p.page_breaks for p in doc.paras) or any(
            p.fmt.page_break_before and p.index > 0 and p.text for p in doc.paras):
        return True
    if any(s.break_type != "continuous" for s in doc.sections[1:]):
        return True
    s = doc.sections[0] if doc.sections else None
    page = ((s.height - s.margins.get("top", 1134) - s.margins.get("bottom", 1134)) / 20
            if s and s.height else 700)
    return estimate_height(doc) > 1.15 * page


def estimate_height(doc: Document) -> float:
    """Estimate the height of the body text in points (tables: tallest cell per row)."""
    total = 0.0
    rows: dict[tuple[int, int], dict[int, float]] = {}
    for p in doc.paras:
        h = _para_height(p, doc)
        if p.row is None:
            total += h
        else:
            cols = rows.setdefault(p.row, {})
            cols[p.column] = cols.get(p.column, 0.0) + h
    return total + sum(max(c.values()) for c in rows.values())


def _para_height(p: Para, doc: Document) -> float:
    f = p.fmt
    height = ((280 if f.before_auto else f.before) + (280 if f.after_auto else f.after)) / 20
    for ln in p.lines:
        size = max((r.fmt.size for r in ln.text_runs()), default=p.mark_size)
        count = max(1, math.ceil(len(ln.text) / chars_per_line(p, doc, size)))
        if f.line_rule == "exact":
            lh = f.line / 20
        elif f.line_rule == "atLeast":
            lh = max(f.line / 20, size * 1.15)
        else:
            lh = size * 1.15 * f.line / 240
        height += count * lh
    return height


# -- widths of text ---------------------------------------------------------------------


def fits_one_line(p: Para, doc: Document) -> bool:
    size = max((r.fmt.size for ln in p.lines for r in ln.text_runs()), default=p.mark_size)
    return len(p.text) <= chars_per_line(p, doc, size) and len(p.lines) == 1


def chars_per_line(p: Para, doc: Document, size: float) -> float:
    # Times New Roman averages about 0.47 em per character in Vietnamese text with spaces.
    return max(available_width(p, doc) / 20 - max(p.fmt.first_line, 0) / 20, 36) / (size * 0.47)
