"""The checks of the format linter (NĐ 30/2020/NĐ-CP; Party HD 36-HD/VPTW): each element against its rule.

Elements are found by ``find.identify``; the rules are listed in ``rules``.
Values and their status come from /work/shared/reference/the-thuc-van-ban.md: where the
Party or union value is UNCONFIRMED or SECONDARY ONLY, the NĐ 30 value is applied and the
rule keeps its ND30 id (the comment in RULES says so). Union documents use the state
header and numbering (reference §3), so they are checked as "nd30".

Decisions on ambiguous points:
- spacing between body paragraphs = after(previous) + before(this), as Word and LibreOffice
  lay it out (they do not collapse the two); w:contextualSpacing zeroes the side facing a
  paragraph of the same style; autospacing counts as 14 pt; an empty paragraph between two
  body paragraphs counts as enough space.
- tolerances: page size ±20 twips; margins ±2 twips (Word rounds 2.5 cm to 1418);
  first-line indent 567–720 twips ±10; line spacing auto 240–360, exact 13 pt to 1.5 single
  lines of Times New Roman (1.5 × 1.15 × size), at-least any value up to that.
- a left-aligned body paragraph that fits on one line passes the "justified" rule (the two
  look the same); runs holding only spaces are ignored by every run check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pipeline.i18n import _
from pipeline.lint.find import (
    DASHES,
    DATE_LINE,
    HONORIFIC,
    PARTY_PREFIX,
    PREFIX,
    SO_PARTS,
    TIEU_NGU,
    UPPER_WORD,
    Layout,
    canon,
    identify,
    is_heading,
    is_rule_line,
    num,
    shorten,
    tail,
)
from pipeline.lint.properties import FLD_SIMPLE, INSTR_TEXT, MC_FALLBACK, RPR, P, w
from pipeline.lint.read import Document, Line, Para, Run, part_paragraph
from pipeline.lint.rules import PARTY, RULE_BY_ID, STATE, Finding

# ---------------------------------------------------------------------------------------
# Formatting checks shared by the elements


@dataclass(frozen=True, slots=True)
class Spec:
    sizes: tuple[float, float] | None = None
    bold: bool | None = None
    italic: bool | None = None
    upper: bool = False
    center: bool = False


# (system, element) → (rule id prefix, Spec). PARTY falls back to STATE when absent.
SPECS: dict[tuple[str, str], tuple[str, Spec]] = {
    (STATE, "QUOCHIEU"): ("ND30-QUOCHIEU", Spec((12, 13), bold=True, upper=True)),
    (STATE, "TIEUNGU"): ("ND30-TIEUNGU", Spec((13, 14), bold=True)),
    (PARTY, "TIEUDE"): ("HD36-TIEUDE", Spec((15, 15), bold=True, upper=True)),
    (STATE, "COQUAN"): ("ND30-COQUAN", Spec((12, 13), bold=True, upper=True)),
    (PARTY, "COQUAN"): ("HD36-COQUAN", Spec((14, 14), bold=True, upper=True)),
    (STATE, "CHUQUAN"): ("ND30-COQUAN", Spec((12, 13), upper=True)),  # superior body
    (PARTY, "CHUQUAN"): ("HD36-COQUAN", Spec((14, 14), upper=True)),
    (STATE, "SO"): ("ND30-SO", Spec((13, 13))),
    (PARTY, "SO"): ("HD36-SO", Spec((14, 14))),
    (STATE, "DATE"): ("ND30-DATE", Spec((13, 14), italic=True)),
    (PARTY, "DATE"): ("HD36-DATE", Spec((14, 14), italic=True)),
    (STATE, "TENLOAI"): ("ND30-TENLOAI", Spec((13, 14), bold=True, upper=True, center=True)),
    (PARTY, "TENLOAI"): ("HD36-TENLOAI", Spec((15, 16), bold=True, upper=True, center=True)),
    (STATE, "TRICHYEU"): ("ND30-TRICHYEU", Spec((13, 14), bold=True, center=True)),
    (PARTY, "TRICHYEU"): ("HD36-TRICHYEU", Spec((14, 15), bold=True, center=True)),
    (STATE, "VV"): ("ND30-VV", Spec((12, 13), bold=False)),
    (PARTY, "VV"): ("HD36-VV", Spec((12, 12), italic=True)),
    (STATE, "CANCU"): ("ND30-CANCU", Spec(italic=True)),
    (STATE, "NOINHAN"): ("ND30-NOINHAN", Spec((12, 12), bold=True, italic=True)),
    (STATE, "NOINHAN-LIST"): ("ND30-NOINHAN-LIST", Spec((11, 11))),
    (STATE, "KY"): ("ND30-KY", Spec((13, 14), bold=True, upper=True)),
    (PARTY, "KY-PLAIN"): ("ND30-KY", Spec((13, 14), upper=True)),
    (STATE, "KYTEN"): ("ND30-KYTEN", Spec((13, 14), bold=True)),
    (STATE, "PAGENUM"): ("ND30-PAGENUM", Spec((13, 14), center=True)),
    (STATE, "BODY"): ("ND30-BODY", Spec((13, 14))),
    (PARTY, "BODY"): ("HD36-BODY", Spec((14, 15))),
}

def align_name(align: str) -> str:
    names = {"left": _("căn trái"), "center": _("căn giữa"), "right": _("căn phải"),
             "both": _("căn đều hai bên"), "distribute": _("căn đều hai bên")}
    return names.get(align, align)


def size_range(lo: float, hi: float) -> str:
    return num(lo) if lo == hi else f"{num(lo)}–{num(hi)}"


def check_runs(prefix: str, spec: Spec, where: str, runs, align: str | None,
               text: str, pos: int) -> Iterator[Finding]:
    """Check size, bold, italic, case and alignment of some runs against ``spec``."""
    runs = [r for r in runs if r.text.strip()]
    if not runs:
        return
    if spec.upper and UPPER_WORD.search(text) and text != text.upper() and not all(
            r.fmt.caps for r in runs):
        yield Finding(f"{prefix}-CASE", where, _("IN HOA"), _("có chữ thường"), pos)
    if spec.bold is True and not all(r.fmt.bold for r in runs):
        yield Finding(f"{prefix}-BOLD", where, _("chữ đậm"), _("chữ không đậm"), pos)
    if spec.bold is False and any(r.fmt.bold for r in runs):
        yield Finding(f"{prefix}-BOLD", where, _("chữ không đậm"), _("chữ đậm"), pos)
    if spec.italic is True and not all(r.fmt.italic for r in runs):
        yield Finding(f"{prefix}-ITALIC", where, _("chữ nghiêng"), _("chữ đứng"), pos)
    if spec.sizes:
        lo, hi = spec.sizes
        bad = sorted({r.fmt.size for r in runs if not lo <= r.fmt.size <= hi})
        if bad:
            yield Finding(f"{prefix}-SIZE", where,
                          _("cỡ chữ {size}").format(size=size_range(lo, hi)),
                          _("cỡ chữ {size}").format(size=", ".join(num(s) for s in bad)), pos)
    if spec.center and align is not None and align != "center":
        yield Finding(f"{prefix}-ALIGN", where, _("căn giữa"), align_name(align), pos)


def spec_for(system: str, element: str) -> tuple[str, Spec]:
    return SPECS.get((system, element)) or SPECS[(STATE, element)]


def check_line(system: str, element: str, line: Line) -> Iterator[Finding]:
    prefix, spec = spec_for(system, element)
    yield from check_runs(prefix, spec, shorten(line.text), line.runs, line.para.fmt.align,
                          line.text, line.index)


# ---------------------------------------------------------------------------------------
# Checks. Each takes (doc, layout) and yields findings; the system gate is applied later.

Check = Callable[[Document, Layout], Iterable[Finding]]
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


def _font_ok(name: str | None) -> bool:
    return name is None or name.strip().lower() == "times new roman"


def check_fonts(doc: Document, lay: Layout) -> Iterator[Finding]:
    headers = {n for s in doc.sections for n in s.headers.values()}
    places = [(ln, shorten(ln.text), ln.index) for ln in doc.lines]
    for name, root in doc.parts.items():  # header and footer text after the body
        label = _("đầu trang (header)") if name in headers else _("chân trang (footer)")
        places += [(ln, shorten(f"{label}: {ln.text}"), 10**9)
                   for p in root.iter(P) for ln in part_paragraph(doc.styles, p).lines]
    for ln, where, pos in places:
        bad = {}  # one finding per line and wrong font
        for r in ln.text_runs():
            ascii_ = any(ord(c) < 128 for c in r.text if not c.isspace())
            other = any(ord(c) >= 128 for c in r.text if not c.isspace())
            for used, font in ((ascii_, r.fmt.font_ascii), (other, r.fmt.font_hansi)):
                if used and not _font_ok(font):
                    bad.setdefault(font, None)
        for font in bad:
            yield Finding("ND30-FONT", where, "Times New Roman", font, pos)


def check_header(doc: Document, lay: Layout) -> Iterator[Finding]:
    sysm = lay.system
    if lay.quoc_hieu:
        yield from check_line(sysm, "QUOCHIEU", lay.quoc_hieu)
    if lay.tieu_ngu:
        t = lay.tieu_ngu
        yield from check_line(sysm, "TIEUNGU", t)
        m = TIEU_NGU.match(t.text)
        if m and (m.group(2) != " - " or m.group(4) != " - "):
            fixed = f"{m.group(1)} - {m.group(3)} - {m.group(5)}"
            yield Finding("ND30-TIEUNGU-DASH", shorten(t.text), fixed, t.text, t.index)
    if lay.tieu_de:
        yield from check_line(sysm, "TIEUDE", lay.tieu_de)
    for i, ln in enumerate(lay.co_quan):
        last = i == len(lay.co_quan) - 1
        yield from check_line(sysm, "COQUAN" if last else "CHUQUAN", ln)
    if lay.so:
        yield from check_line(sysm, "SO", lay.so)
        yield from _check_number(lay.so, sysm)
    if lay.date:
        yield from check_line(sysm, "DATE", lay.date)
        yield from _check_date(lay.date)
    for ln in lay.vv:
        yield from check_line(sysm, "VV", ln)


def _check_number(line: Line, system: str) -> Iterator[Finding]:
    text = line.text
    m = SO_PARTS.match(text)
    if not m:
        return
    number, blank, sep = m.group("num"), m.group("blank"), m.group("sep")
    kh = m.group("kh")
    where = shorten(text)
    kh_fixed = re.sub(r"\s+", "", kh)
    if system == STATE:
        draft = "" if number else (blank or "     ")
        fixed = f"Số: {number}{draft}/{kh_fixed}"
        ok = (m.group("so") == "Số" and m.group("colon").strip() == ":" and sep == "/"
              and (not number or not blank) and kh == kh_fixed and kh)
        rule = "ND30-SO-FORM"
    else:
        fixed = f"Số {number}-{kh_fixed}" if number else f"Số {blank.strip() or '...'}-{kh_fixed}"
        ok = (m.group("so") == "Số" and not m.group("colon").strip() and sep == "-"
              and (not number or not blank) and kh == kh_fixed and kh)
        rule = "HD36-SO-FORM"
    if not ok:
        yield Finding(rule, where, fixed, text, line.index)
    if number and int(number) < 10 and len(number) < 2:
        lead = text[: m.start("num")]
        yield Finding("ND30-SO-PAD", where, f"{lead}{number.zfill(2)}", f"{lead}{number}",
                      line.index)


def _check_date(line: Line) -> Iterator[Finding]:
    m = DATE_LINE.match(line.text)
    if not m:
        return
    where, pos = shorten(line.text), line.index
    place, sep = m.group("place").strip(), m.group("sep")
    if not place or "," not in sep:
        yield Finding("ND30-DATE-FORM", where, _("{place}, ngày").format(
            place=place or _("<Địa danh>")), f"{place} ngày".strip(), pos)
    d, mo = m.group("d") or "", m.group("m") or ""
    if d.isdigit() and int(d) < 10 and len(d) == 1:
        yield Finding("ND30-DATE-PAD", where, f"ngày 0{d}", f"ngày {d}", pos)
    if mo.isdigit():
        if int(mo) in (1, 2) and len(mo) == 1:
            yield Finding("ND30-DATE-PAD", where, f"tháng 0{mo}", f"tháng {mo}", pos)
        elif int(mo) >= 3 and mo.startswith("0"):
            yield Finding("ND30-DATE-PAD", where, f"tháng {int(mo)}", f"tháng {mo}", pos)


def check_title(doc: Document, lay: Layout) -> Iterator[Finding]:
    if lay.ten_loai:
        yield from check_line(lay.system, "TENLOAI", lay.ten_loai)
    for ln in lay.trich_yeu:
        yield from check_line(lay.system, "TRICHYEU", ln)
    items = lay.kinh_gui[1:]
    for i, ln in enumerate(items):
        yield from _punct("ND30-KINHGUI-PUNCT", ln, "." if i == len(items) - 1 else ";")


def _punct(rule: str, line: Line, mark: str) -> Iterator[Finding]:
    core = line.text.lstrip(DASHES + "+•* ").rstrip(";.,: ")
    fixed = f"- {core}{mark}"
    if line.text != fixed:
        yield Finding(rule, shorten(line.text), shorten(fixed), shorten(line.text), line.index)


def check_can_cu(doc: Document, lay: Layout) -> Iterator[Finding]:
    for i, ln in enumerate(lay.can_cu):
        yield from check_line(lay.system, "CANCU", ln)
        mark = "." if i == len(lay.can_cu) - 1 else ";"
        if not ln.text.endswith(mark):
            yield Finding("ND30-CANCU-PUNCT", shorten(ln.text),
                          _("kết thúc bằng dấu {mark}").format(mark=mark), tail(ln.text),
                          ln.index)


def _body_paras(lay: Layout) -> list[Para]:
    seen: dict[int, Para] = {}
    for ln in lay.body:
        p = ln.para
        if p.cell is None and id(p) not in seen and not is_rule_line(ln) and not is_heading(ln) \
                and ln.text != "./.":
            seen[id(p)] = p
    return list(seen.values())


def _fits_one_line(p: Para, doc: Document) -> bool:
    size = max((r.fmt.size for ln in p.lines for r in ln.text_runs()), default=p.mark_size)
    return len(p.text) <= _chars_per_line(p, doc, size) and len(p.lines) == 1


def _text_width(p: Para, doc: Document) -> int:
    if p.width:
        return p.width
    s = doc.sections[min(p.section, len(doc.sections) - 1)]
    width = s.width - s.margins.get("left", 1701) - s.margins.get("right", 850)
    return width if width > 1000 else 9355


def _chars_per_line(p: Para, doc: Document, size: float) -> float:
    # Times New Roman averages about 0.47 em per character in Vietnamese text with spaces.
    return max(_text_width(p, doc) / 20 - max(p.fmt.first_line, 0) / 20, 36) / (size * 0.47)


def _line_bounds(size: float) -> tuple[int, int]:
    """Exact line spacing allowed: 13 pt to 1.5 single lines (1.15 em each), twips."""
    return 260, round(1.5 * 1.15 * size * 20)


def check_body(doc: Document, lay: Layout) -> Iterator[Finding]:
    paras = _body_paras(lay)
    prefix, spec = spec_for(lay.system, "BODY")
    prev: Para | None = None
    for p in paras:
        where, pos = shorten(p.text), p.lines[0].index
        runs = [r for ln in p.lines for r in ln.runs]
        yield from check_runs(prefix, spec, where, runs, None, p.text, pos)
        f = p.fmt
        if f.align not in ("both", "distribute") and not (
                f.align == "left" and _fits_one_line(p, doc)):
            yield Finding("ND30-BODY-ALIGN", where, _("căn đều hai bên"),
                          align_name(f.align), pos)
        if not 557 <= f.first_line <= 730:
            yield Finding("ND30-BODY-INDENT", where, _("thụt đầu dòng 1–1,27 cm"),
                          _("thụt đầu dòng {cm} cm").format(cm=num(f.first_line / 567)), pos)
        if prev is not None and prev.index == p.index - 1:
            gap = _gap(prev, p)
            if gap < 120:
                yield Finding("ND30-BODY-SPACING", where, _("cách đoạn ≥ 6 pt"),
                              _("cách đoạn {pt} pt").format(pt=num(gap / 20)), pos)
        prev = p
        size = max((r.fmt.size for r in runs if r.text.strip()), default=p.mark_size)
        lo, hi = _line_bounds(size)
        if f.line_rule == "auto":
            bad = not 240 <= f.line <= 360
            found = _("giãn dòng {x} dòng").format(x=num(f.line / 240))
        elif f.line_rule == "exact":
            bad = not lo <= f.line <= hi
            found = _("giãn dòng chính xác {pt} pt").format(pt=num(f.line / 20))
        else:
            bad = f.line > hi
            found = _("giãn dòng tối thiểu {pt} pt").format(pt=num(f.line / 20))
        if bad:
            yield Finding("ND30-BODY-LINE", where, _("giãn dòng từ 1 dòng đến 1,5 dòng"),
                          found, pos)
    last = next((ln for ln in reversed(lay.body) if not is_rule_line(ln)), None)
    if last is not None and (lay.titles or lay.noi_nhan) and not last.text.endswith("./."):
        yield Finding("ND30-BODY-END", shorten(last.text), _("kết thúc bằng dấu ./."),
                      tail(last.text), last.index)


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


def check_footer(doc: Document, lay: Layout) -> Iterator[Finding]:
    sysm = lay.system
    if lay.noi_nhan:
        head, items = lay.noi_nhan[0], lay.noi_nhan[1:]
        yield from check_line(sysm, "NOINHAN", head)
        if head.text != "Nơi nhận:":
            yield Finding("ND30-NOINHAN-FORM", shorten(head.text), "Nơi nhận:", head.text,
                          head.index)
        for i, ln in enumerate(items):
            yield from check_line(sysm, "NOINHAN-LIST", ln)
            if i < len(items) - 1:
                yield from _punct("ND30-NOINHAN-PUNCT", ln, ";")
        if items:
            yield from _check_luu(items[-1], sysm)
    for ln in lay.titles:
        m = PREFIX.match(ln.text)
        element = "KY-PLAIN" if sysm == PARTY and not m else "KY"
        yield from check_line(sysm, element, ln)
        if m:
            yield from _check_prefix(ln, m, sysm)
    if lay.signer:
        s = lay.signer
        yield from check_line(sysm, "KYTEN", s)
        h = HONORIFIC.match(s.text)
        if h:
            yield Finding("ND30-KYTEN-HONORIFIC", shorten(s.text),
                          _("họ tên không kèm học hàm, học vị, danh xưng"), h.group(0), s.index)


def _check_luu(line: Line, system: str) -> Iterator[Finding]:
    text = line.text
    core = text.lstrip(DASHES + "+•* ")
    where = shorten(text)
    if not canon(core).startswith("LUU"):
        expected = _("dòng cuối là - Lưu: VT, ….") if system == STATE else _(
            "dòng cuối là - Lưu ….")
        yield Finding("ND30-NOINHAN-LUU" if system == STATE else "HD36-NOINHAN-LUU",
                      where, expected, shorten(text), line.index)
        return
    if system == STATE:
        if re.fullmatch(r"- Lưu: VT(, \S.*)?\.", text):
            return
        rest = core[3:].lstrip(" :").rstrip(" .;,")
        rest = re.sub(r"^(VT|V\.T|Văn thư)\b[\s,]*", "", rest, flags=re.I)
        fixed = "- Lưu: VT" + (f", {rest}" if rest else "") + "."
        yield Finding("ND30-NOINHAN-LUU", where, shorten(fixed), shorten(text), line.index)
    else:
        fixed = f"- {core.rstrip(' .;,')}."
        if text != fixed:
            yield Finding("HD36-NOINHAN-LUU", where, shorten(fixed), shorten(text), line.index)


def _check_prefix(line: Line, m: re.Match, system: str) -> Iterator[Finding]:
    written = m.group(0)
    letters = re.sub(r"[^A-Z]", "", m.group("p"))
    if system == STATE:
        expected = letters + "."
    else:
        expected = PARTY_PREFIX.get(letters, _("T/M, K/T hoặc T/L"))
    if written != expected:
        rule = "ND30-KY-PREFIX" if system == STATE else "HD36-KY-PREFIX"
        yield Finding(rule, shorten(line.text), expected, written, line.index)


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


def check_page_numbers(doc: Document, lay: Layout) -> Iterator[Finding]:
    header_parts = {n for s in doc.sections for n in s.headers.values()}
    footer_parts = {n for s in doc.sections for n in s.footers.values()}
    fields = {name: field_paragraphs(root) for name, root in doc.parts.items()}
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
            para = part_paragraph(doc.styles, p_el)
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
        count = max(1, math.ceil(len(ln.text) / _chars_per_line(p, doc, size)))
        if f.line_rule == "exact":
            lh = f.line / 20
        elif f.line_rule == "atLeast":
            lh = max(f.line / 20, size * 1.15)
        else:
            lh = size * 1.15 * f.line / 240
        height += count * lh
    return height


CHECKS: tuple[Check, ...] = (check_page, check_fonts, check_header, check_title, check_can_cu,
                             check_body, check_footer, check_page_numbers)


def run_checks(doc: Document) -> list[Finding]:
    """Identify the elements, run every check, keep the rules that apply to the system."""
    lay = identify(doc)
    out = [f for check in CHECKS for f in check(doc, lay)
           if lay.system in RULE_BY_ID[f.rule_id].systems]
    out.sort(key=lambda f: f.pos)
    return out
