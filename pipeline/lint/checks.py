"""Each element's own format (NĐ 30/2020/NĐ-CP; HD 36-HD/VPTW): header, title, preamble, signature.

Elements are found by ``find.identify``; the rules are listed in ``rules``; each element's
sizes and styles are in ``spec.SPECS``. Values and their status come from
/work/shared/reference/the-thuc-van-ban.md: where the Party or union value is UNCONFIRMED
or SECONDARY ONLY, the NĐ 30 value is applied and the rule keeps its ND30 id (the comment in
RULES says so). Union documents use the state header and numbering (reference §3), so they
are checked as "nd30". The body is ``bodytext``'s, where things stand ``placement``'s,
what is missing ``presence``'s, the paper, fonts and page numbers ``pagesetup``'s.

Blanks to fill ("…", "....", see text.BLANK) are words not yet written: a list item
"- Như Điều.....;" ends with its ";", a date "ngày …… tháng ……" has nothing to pad.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.i18n import _
from pipeline.lint.bodytext import line_spacing
from pipeline.lint.find import Layout
from pipeline.lint.read import Document, Line
from pipeline.lint.rules import PARTY, STATE, Finding
from pipeline.lint.spec import check_line
from pipeline.lint.text import (
    BLANK,
    DASHES,
    DATE_LINE,
    HONORIFIC,
    PARTY_PREFIX,
    PREFIX,
    SO_PARTS,
    TIEU_NGU,
    canon,
    ends_with_blank,
    shorten,
    tail,
)
from pipeline.vietnamese.format import starts_lower, upper_first


def check_header(doc: Document, lay: Layout) -> Iterator[Finding]:
    sysm = lay.system
    if lay.quoc_hieu:
        yield from check_line(sysm, "QUOCHIEU", lay.quoc_hieu)
        yield from _single_spaced("ND30-QUOCHIEU-LINE", lay.quoc_hieu)
    if lay.tieu_ngu:
        t = lay.tieu_ngu
        yield from check_line(sysm, "TIEUNGU", t)
        yield from _single_spaced("ND30-TIEUNGU-LINE", t)
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
        yield from _check_abbreviation(lay)
    if lay.date:
        yield from check_line(sysm, "DATE", lay.date)
        yield from _check_date(lay.date)
    for ln in lay.vv:
        yield from check_line(sysm, "VV", ln)
    if lay.vv and sysm == STATE:
        yield from _check_vv(lay.vv[0])
    if lay.vv and sysm == PARTY and lay.party_rules is not None and lay.party_rules.cong_van_subject_ve:
        yield from _check_party_vv(lay.vv[0])


def _single_spaced(rule: str, line: Line) -> Iterator[Finding]:
    """Quốc hiệu and tiêu ngữ are single-spaced (NĐ 30 Mục V, row 1): at most 1.15 lines
    (Word's "single" for Times New Roman; 1.08, Word's own default, passes), or an exact or
    minimum spacing of at most 1.3 em."""
    f = line.para.fmt
    size = max((r.fmt.size for r in line.text_runs()), default=line.para.mark_size)
    bad = f.line > 276 if f.line_rule == "auto" else f.line > 1.3 * size * 20
    if bad:
        yield Finding(rule, shorten(line.text), _("cách dòng đơn"), line_spacing(f), line.index)


_VV_HEAD = re.compile(r"^(?P<vv>V\s*/\s*V)(?P<gap>\s*[:.]?\s*)", re.I)


def _check_vv(line: Line) -> Iterator[Finding]:
    """"V/v" and the subject, a space between (Mẫu 1.5, the Mục V example "V/v nâng bậc
    lương năm 2019"): no colon after it, no capital V/V. (A subject that itself opens with a
    colon, "V/v : …", is the clerk's words.)"""
    m = _VV_HEAD.match(line.text)
    rest = line.text[m.end():] if m else line.text
    if m and m.group("vv") == "V/v" and m.group("gap")[:1] == " ":
        return
    yield Finding("ND30-VV-FORM", shorten(line.text), shorten(f"V/v {rest}", 30),
                  shorten(line.text, 30), line.index)


def _check_party_vv(line: Line) -> Iterator[Finding]:
    """From HD 05 on, a Party công văn's trích yếu starts "về …", with no "V/v" (rulebook.party)."""
    text = line.text
    if text.startswith("về "):
        return
    rest = re.sub(r"^(V\s*/\s*V\s*[:.]?\s*|[Vv]ề\s+)", "", text)
    word = text.split(" ", 1)[0]
    yield Finding("HD05-VV-FORM", shorten(text), shorten(f"về {rest[:1].lower()}{rest[1:]}", 30), word,
                  line.index)


def _check_abbreviation(lay: Layout) -> Iterator[Finding]:
    """The ký hiệu opens with the tên loại's abbreviation, as Phụ lục III spells it."""
    kind, line = lay.kind, lay.so
    m = SO_PARTS.match(line.text)
    if kind is None or kind.abbr is None or not m:
        return
    kh = m.group("kh").strip()
    if not kh or BLANK.match(kh):  # a template's "…/…-…" or a blank
        return
    written = re.match(r"[^\W\d_]*", kh).group(0)  # "TTr" of "TTr-SNV", "KH" of "KH/ĐUK"
    accepted = {kind.abbr, *(kind.party_abbr if lay.system == PARTY else ())}
    if written not in accepted:
        yield Finding("ND30-SO-KYHIEU", shorten(line.text), kind.abbr, written, line.index)


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
    d, mo = m.group("d") or "", m.group("m") or ""  # a blank ("……") is not a number
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
    if lay.trich_yeu:
        yield from _capital_first(lay.trich_yeu[0])
    for ln in lay.kinh_gui:
        yield from check_line(lay.system, "KINHGUI", ln)
    items = lay.kinh_gui[1:]
    for i, ln in enumerate(items):
        yield from _punct("ND30-KINHGUI-PUNCT", ln, "." if i == len(items) - 1 else ";")


def _capital_first(line: Line) -> Iterator[Finding]:
    """A state trích yếu is a sentence: its first letter is a capital ("Về công tác …")."""
    if starts_lower(line.text):
        word = line.text.split(" ", 1)[0]
        yield Finding("ND30-TRICHYEU-CASE", shorten(line.text), upper_first(word), word,
                      line.index)


_MARK = re.compile(r"\s*[;,:.]\s*$")


def _punct(rule: str, line: Line, mark: str) -> Iterator[Finding]:
    """"- item;" … "- item." — a blank to fill keeps its dots: "- Như Điều.....;" is right,
    and a last item that ends in a blank ("- ………..") may hold its full stop in the dots."""
    text = line.text
    core = text.lstrip(DASHES + "+•* ")
    if ends_with_blank(core):
        fixed = f"- {core}{'' if mark == '.' else mark}"
    else:
        fixed = f"- {_MARK.sub('', core, count=1)}{mark}"
    if text != fixed:
        yield Finding(rule, shorten(text), shorten(fixed), shorten(text), line.index)


def check_preamble(doc: Document, lay: Layout) -> Iterator[Finding]:
    """The thẩm quyền line and "QUYẾT ĐỊNH:" of a quyết định, "QUYẾT NGHỊ:" of a nghị quyết."""
    for ln in lay.tham_quyen:
        yield from check_line(lay.system, "THAMQUYEN", ln)
    if lay.enacting is not None:
        ln = lay.enacting
        yield from check_line(lay.system, "QUYETDINH", ln)
        if not ln.text.endswith(":"):
            yield Finding("ND30-QUYETDINH-FORM", shorten(ln.text), lay.kind.enacting, ln.text,
                          ln.index)


def check_can_cu(doc: Document, lay: Layout) -> Iterator[Finding]:
    for i, ln in enumerate(lay.can_cu):
        yield from check_line(lay.system, "CANCU", ln)
        mark = "." if i == len(lay.can_cu) - 1 else ";"
        if not ln.text.endswith(mark):
            yield Finding("ND30-CANCU-PUNCT", shorten(ln.text),
                          _("kết thúc bằng dấu {mark}").format(mark=mark), tail(ln.text),
                          ln.index)


def check_footer(doc: Document, lay: Layout) -> Iterator[Finding]:
    sysm = lay.system
    if lay.noi_nhan:
        head, items = lay.noi_nhan[0], lay.noi_nhan[1:]
        yield from check_line(sysm, "NOINHAN", head)
        if head.text != "Nơi nhận:":
            yield Finding("ND30-NOINHAN-FORM", shorten(head.text), "Nơi nhận:", head.text,
                          head.index)
        # NĐ 30 ends each line with ";". HD 36 does not say (UNCONFIRMED): Party documents often end
        # them with ",", which is taken when every line of the list does so.
        mark = "," if sysm == PARTY and items[:-1] and all(ln.text.endswith(",") for ln in items[:-1]) else ";"
        for i, ln in enumerate(items):
            yield from check_line(sysm, "NOINHAN-LIST", ln)
            if i < len(items) - 1:
                yield from _punct("ND30-NOINHAN-PUNCT", ln, mark)
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
