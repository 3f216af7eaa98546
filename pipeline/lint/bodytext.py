"""The body: size, justification, first-line indent, paragraph and line spacing, "./.", "Điều".

NĐ 30 Mục V row 6: 13–14 pt (Party 14–15), justified, first-line indent 1 or 1.27 cm,
paragraphs at least 6 pt apart, line spacing single to 1.5 lines; the body of a state
document ends with "./."; "Điều" with its number in bold (II.6.đ).

Decisions on ambiguous points:
- spacing between body paragraphs = after(previous) + before(this), as Word and LibreOffice
  lay it out (they do not collapse the two); w:contextualSpacing zeroes the side facing a
  paragraph of the same style; autospacing counts as 14 pt; an empty paragraph between two
  body paragraphs counts as enough space.
- tolerances: first-line indent 567–720 twips ±10; line spacing auto 240–360, exact 13 pt to
  1.5 single lines of Times New Roman (1.5 × 1.15 × size), at-least any value up to that.
- a left-aligned body paragraph that fits on one line passes the "justified" rule (the two
  look the same); runs holding only spaces are ignored by every run check; a line that is
  only blanks to fill (a template's "……………") is judged like any other paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.i18n import _, current_language
from pipeline.lint.find import Layout, is_heading
from pipeline.lint.pagesetup import fits_one_line
from pipeline.lint.read import Document, Para
from pipeline.lint.rulers import available_width
from pipeline.lint.rules import Finding
from pipeline.lint.spec import align_name, check_runs, spec_for
from pipeline.lint.text import DIEU, is_rule_line, num, shorten, tail


def _body_paras(lay: Layout) -> list[Para]:
    seen: dict[int, Para] = {}
    for ln in lay.body:
        p = ln.para
        if p.cell is None and id(p) not in seen and not is_rule_line(ln) and not is_heading(ln) \
                and ln.text != "./.":
            seen[id(p)] = p
    return list(seen.values())


def _line_bounds(size: float) -> tuple[int, int]:
    """Exact line spacing allowed: 13 pt to 1.5 single lines (1.15 em each), twips."""
    return 260, round(1.5 * 1.15 * size * 20)


def check_body(doc: Document, lay: Layout) -> Iterator[Finding]:
    paras = _body_paras(lay)
    prefix, spec = spec_for(lay.system, "BODY")
    prev: Para | None = None
    for p in paras:
        pos = p.lines[0].index
        where, before, after = _own_findings(p, doc, lay.system, prefix, spec)
        for rule, expected, found in before:
            yield Finding(rule, where, expected, found, pos)
        if prev is not None and prev.index == p.index - 1:
            gap = _gap(prev, p)
            if gap < 120:
                yield Finding("ND30-BODY-SPACING", where, _("cách đoạn ≥ 6 pt"),
                              _("cách đoạn {pt} pt").format(pt=num(gap / 20)), pos)
        prev = p
        for rule, expected, found in after:
            yield Finding(rule, where, expected, found, pos)
    last = next((ln for ln in reversed(lay.body) if not is_rule_line(ln)), None)
    if last is not None and (lay.titles or lay.noi_nhan) and not last.text.endswith("./."):
        yield Finding("ND30-BODY-END", shorten(last.text), _("kết thúc bằng dấu ./."),
                      tail(last.text), last.index)


# Speed: a build's lint session hands sibling documents the same Para objects where they hold
# the same paragraph at the same place (pipeline.lint.session), so what a body paragraph shows
# by itself is worked out once per paragraph object; the entry keeps the object, so an id
# reused by another paragraph is never taken for it.
_OWN: dict[tuple, tuple] = {}
_OWN_LIMIT = 2048


def _own_findings(p: Para, doc: Document, system: str, prefix: str, spec) -> tuple[str, tuple, tuple]:
    """(where, the findings before the spacing check, those after) of one body paragraph, without positions."""
    key = (id(p), system, available_width(p, doc), current_language())  # the words are the language's
    known = _OWN.get(key)
    if known is not None and known[0] is p:
        return known[1]
    where = shorten(p.text)
    runs = [r for ln in p.lines for r in ln.runs]
    before = [(f.rule_id, f.expected, f.found) for f in check_runs(prefix, spec, where, runs, None, p.text, 0)]
    f = p.fmt
    if f.align not in ("both", "distribute") and not (
            f.align == "left" and fits_one_line(p, doc)):
        before.append(("ND30-BODY-ALIGN", _("căn đều hai bên"), align_name(f.align)))
    if not 557 <= f.first_line <= 730:
        before.append(("ND30-BODY-INDENT", _("thụt đầu dòng 1–1,27 cm"),
                       _("thụt đầu dòng {cm} cm").format(cm=num(f.first_line / 567))))
    size = max((r.fmt.size for r in runs if r.text.strip()), default=p.mark_size)
    lo, hi = _line_bounds(size)
    if f.line_rule == "auto":
        bad = not 240 <= f.line <= 360
    elif f.line_rule == "exact":
        bad = not lo <= f.line <= hi
    else:
        bad = f.line > hi
    after = (("ND30-BODY-LINE", _("giãn dòng từ 1 dòng đến 1,5 dòng"), line_spacing(f)),) if bad else ()
    found = (where, tuple(before), after)
    if len(_OWN) >= _OWN_LIMIT:
        _OWN.clear()
    _OWN[key] = (p, found)
    return found


def line_spacing(f) -> str:
    """How a paragraph's line spacing reads: "giãn dòng 1,5 dòng", "… chính xác 24 pt"."""
    if f.line_rule == "auto":
        return _("giãn dòng {x} dòng").format(x=num(f.line / 240))
    if f.line_rule == "exact":
        return _("giãn dòng chính xác {pt} pt").format(pt=num(f.line / 20))
    return _("giãn dòng tối thiểu {pt} pt").format(pt=num(f.line / 20))


def _gap(prev: Para, cur: Para) -> int:
    """Space between two paragraphs as Word lays it out: after + before (twips)."""
    same = prev.fmt.style_id == cur.fmt.style_id
    after = 280 if prev.fmt.after_auto else prev.fmt.after
    before = 280 if cur.fmt.before_auto else cur.fmt.before
    if same and prev.fmt.contextual:
        after = 0
    if same and cur.fmt.contextual:
        before = 0
    return after + before


def check_articles(doc: Document, lay: Layout) -> Iterator[Finding]:
    """"Điều 1." — the word, the number and its full stop — in bold."""
    for ln in lay.dieu:
        label = DIEU.match(ln.text).end()
        seen, runs = "", []
        for r in ln.runs:
            if len(" ".join(seen.split())) >= label:
                break
            seen += r.text
            if r.text.strip():
                runs.append(r)
        if not all(r.fmt.bold for r in runs):
            yield Finding("ND30-DIEU-BOLD", shorten(ln.text), _("chữ đậm"), _("chữ không đậm"),
                          ln.index)
