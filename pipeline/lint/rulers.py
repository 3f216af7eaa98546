"""The rules drawn under lines of text, and how wide a line prints: read from the DOCX alone.

A rule is found in the ways Word users draw one: the paragraph's bottom border, a top or
bottom border on an empty paragraph under it, a line shape anchored there, a line of "_"
or "-" (in the same paragraph after a line break, or the next one), or the text itself
underlined. Its length is measured from the cell (or page) width and the indents, the
shape's extent, or the glyph widths (pipeline.vietnamese.textwidth). A line shape anchored
in the cell but away from the text, or text in a frame, prints where only the page tells:
``UNKNOWN``.
"""

from __future__ import annotations

from pipeline.lint.read import Document, Line, Para
from pipeline.lint.text import is_rule_text
from pipeline.vietnamese.textwidth import text_width

UNKNOWN = -1  # a rule is drawn near, but the DOCX does not tell where it prints


def available_width(p: Para, doc: Document) -> int:
    """The width a paragraph's lines may take: its cell's, else its section's text width."""
    if p.width:
        return p.width
    s = doc.sections[min(p.section, len(doc.sections) - 1)]
    width = s.width - s.margins.get("left", 1701) - s.margins.get("right", 850)
    return width if width > 1000 else 9355


def printed_width(doc: Document, line: Line) -> int:
    """How wide ``line`` prints: its glyphs, or the whole measure when it wraps."""
    runs = line.text_runs()
    size = max((r.fmt.size for r in runs), default=line.para.mark_size)
    bold = bool(runs) and all(r.fmt.bold for r in runs)
    p = line.para
    room = available_width(p, doc) - p.fmt.left - p.fmt.right
    # A line of more than 160 characters wraps at any size allowed: no need to add them up.
    return room if len(line.text) > 160 else min(text_width(line.text, size, bold), room)


def _border(doc: Document, p: Para) -> int:
    return available_width(p, doc) - p.fmt.left - p.fmt.right


def rule_under(doc: Document, line: Line) -> int | None:
    """The length (twips) of the rule drawn under ``line``; None if there is none, UNKNOWN
    if a shape is drawn near but anchored elsewhere (only the page tells then)."""
    p = line.para
    if p.fmt.framed or line.tabbed:  # a frame, or one column of a line laid out with tabs
        return UNKNOWN
    lines = doc.lines
    for nxt in lines[line.index + 1:]:  # the rest of its paragraph (lines after a w:br)
        if nxt.para is not p:
            break
        if is_rule_text(nxt.text):
            return _typed(nxt)
        if nxt.text:
            return _near_shapes(doc, p)
    runs = line.text_runs()
    if runs and all(r.fmt.underline for r in runs):
        return printed_width(doc, line)
    if p.fmt.border_bottom:
        return _border(doc, p)
    if p.drawn:
        return max(p.drawn)
    for q in doc.paras[p.index + 1:p.index + 4]:  # the paragraphs under it, in its cell
        if q.cell != p.cell:
            break
        text = q.text
        if q.fmt.border_top:
            return _border(doc, q)
        if text and not is_rule_text(text):
            break
        if q.fmt.border_bottom:
            return _border(doc, q)
        if q.drawn:
            return max(q.drawn)
        if text:
            return _typed(q.lines[0])
    return _near_shapes(doc, p)


def _typed(line: Line) -> int:
    """A rule typed as "_____" or "-----": the width of its characters."""
    runs = line.text_runs()
    size = max((r.fmt.size for r in runs), default=line.para.mark_size)
    bold = bool(runs) and all(r.fmt.bold for r in runs)
    return text_width(line.text.replace(" ", ""), size, bold)


def _near_shapes(doc: Document, p: Para) -> int | None:
    """UNKNOWN when a line shape is anchored in the same cell (or, outside tables, within
    three paragraphs): it may well print under the text; else None."""
    near = doc.paras[max(0, p.index - 3):p.index + 4]
    if any(q.drawn and q.cell == p.cell for q in near):
        return UNKNOWN
    return None
