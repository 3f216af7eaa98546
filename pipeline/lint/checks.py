"""Rule table and checks of the format linter (NĐ 30/2020/NĐ-CP; Party HD 36-HD/VPTW).

Elements are found by their TEXT and POSITION (never by style names), see ``identify``.
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

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.i18n import _, current_language
from pipeline.lint.styles import (
    FLD_SIMPLE,
    INSTR_TEXT,
    MC_FALLBACK,
    RPR,
    Document,
    Line,
    P,
    Para,
    Run,
    part_paragraph,
    w,
)

STATE, PARTY = "nd30", "hd36"
ALL = (STATE, PARTY)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    element: str  # key of element_names(): the Vietnamese rule name shown to clerks
    systems: tuple[str, ...]
    aggregate: bool = False  # the same finding in many paragraphs is reported once, counted


def _r(id_: str, element: str, systems=ALL, aggregate=False) -> Rule:
    return Rule(id_, element, systems, aggregate)


# The rule table. "all" rules use the NĐ 30 value for Party documents too; the comment says
# whether that is because HD 36 agrees or because its value is not confirmed.
RULES: tuple[Rule, ...] = (
    _r("DOCX-OPEN", "DOCX"),  # the file is not a readable .docx
    # Page setup, NĐ 30 PL I Mục I. Party margins 20/20/30/15 are SECONDARY ONLY → NĐ 30 ranges.
    _r("ND30-PAGE-A4", "PAGE"), _r("ND30-PAGE-ORIENT", "PAGE"), _r("ND30-PAGE-MARGIN", "PAGE"),
    _r("ND30-FONT", "FONT", aggregate=True),  # HD 36 also names Times New Roman (secondary)
    # Quốc hiệu & tiêu ngữ (state/union; checked wherever they appear).
    _r("ND30-QUOCHIEU-CASE", "QUOCHIEU"), _r("ND30-QUOCHIEU-BOLD", "QUOCHIEU"),
    _r("ND30-QUOCHIEU-SIZE", "QUOCHIEU"),
    _r("ND30-TIEUNGU-BOLD", "TIEUNGU"), _r("ND30-TIEUNGU-SIZE", "TIEUNGU"),
    _r("ND30-TIEUNGU-DASH", "TIEUNGU"),
    # Party tiêu đề, HD 36 PL 3: IN HOA 15 bold (confirmed secondary).
    _r("HD36-TIEUDE-CASE", "TIEUDE", (PARTY,)), _r("HD36-TIEUDE-BOLD", "TIEUDE", (PARTY,)),
    _r("HD36-TIEUDE-SIZE", "TIEUDE", (PARTY,)),
    # Issuing body: state 12–13 bold; Party 14 bold (confirmed secondary).
    _r("ND30-COQUAN-CASE", "COQUAN", (STATE,)), _r("ND30-COQUAN-BOLD", "COQUAN", (STATE,)),
    _r("ND30-COQUAN-SIZE", "COQUAN", (STATE,)),
    _r("HD36-COQUAN-CASE", "COQUAN", (PARTY,)), _r("HD36-COQUAN-BOLD", "COQUAN", (PARTY,)),
    _r("HD36-COQUAN-SIZE", "COQUAN", (PARTY,)),
    # Số, ký hiệu: state "Số: 05/KH-UBND" 13; Party "Số 277-KH/ĐUK" 14 (confirmed secondary).
    # Zero padding below 10: NĐ 30 II.3.c; for the Party it is SECONDARY ONLY → NĐ 30 rule.
    _r("ND30-SO-SIZE", "SO", (STATE,)), _r("ND30-SO-FORM", "SO", (STATE,)),
    _r("HD36-SO-SIZE", "SO", (PARTY,)), _r("HD36-SO-FORM", "SO", (PARTY,)),
    _r("ND30-SO-PAD", "SO"),
    # Date line: state 13–14 italic; Party 14 italic; padding shown by the HD 36 example too.
    _r("ND30-DATE-ITALIC", "DATE", (STATE,)), _r("ND30-DATE-SIZE", "DATE", (STATE,)),
    _r("HD36-DATE-ITALIC", "DATE", (PARTY,)), _r("HD36-DATE-SIZE", "DATE", (PARTY,)),
    _r("ND30-DATE-PAD", "DATE"), _r("ND30-DATE-FORM", "DATE"),
    # Tên loại: state 13–14, Party 15–16; IN HOA bold centred.
    *(_r(f"ND30-TENLOAI-{a}", "TENLOAI", (STATE,)) for a in ("CASE", "BOLD", "SIZE", "ALIGN")),
    *(_r(f"HD36-TENLOAI-{a}", "TENLOAI", (PARTY,)) for a in ("CASE", "BOLD", "SIZE", "ALIGN")),
    # Trích yếu under the tên loại: state 13–14, Party 14–15; bold centred.
    *(_r(f"ND30-TRICHYEU-{a}", "TRICHYEU", (STATE,)) for a in ("BOLD", "SIZE", "ALIGN")),
    *(_r(f"HD36-TRICHYEU-{a}", "TRICHYEU", (PARTY,)) for a in ("BOLD", "SIZE", "ALIGN")),
    # Công văn trích yếu: state "V/v …" 12–13 upright not bold; Party 12 italic (secondary).
    _r("ND30-VV-SIZE", "VV", (STATE,)), _r("ND30-VV-BOLD", "VV", (STATE,)),
    _r("HD36-VV-SIZE", "VV", (PARTY,)), _r("HD36-VV-ITALIC", "VV", (PARTY,)),
    # Kính gửi list "- …;" … "- … ." (NĐ 30 table, row 9a).
    _r("ND30-KINHGUI-PUNCT", "KINHGUI", (STATE,)),
    # Căn cứ lines (NĐ 30 row 6): italic, ";" then "." on the last. Party: not specified.
    _r("ND30-CANCU-ITALIC", "CANCU", (STATE,)), _r("ND30-CANCU-PUNCT", "CANCU", (STATE,)),
    # Body: size state 13–14, Party 14–15 (confirmed secondary). Indent, spacing, line
    # spacing for the Party are SECONDARY ONLY → NĐ 30 values. "./." : state/union only
    # (whether Party documents end with "./." is UNCONFIRMED).
    _r("ND30-BODY-SIZE", "BODY", (STATE,), True), _r("HD36-BODY-SIZE", "BODY", (PARTY,), True),
    _r("ND30-BODY-ALIGN", "BODY", aggregate=True), _r("ND30-BODY-INDENT", "BODY", aggregate=True),
    _r("ND30-BODY-SPACING", "BODY", aggregate=True), _r("ND30-BODY-LINE", "BODY", aggregate=True),
    _r("ND30-BODY-END", "BODY", (STATE,)),
    # Nơi nhận: 12 bold italic, items 11. Party "14 underlined / 12" is SECONDARY ONLY → NĐ 30.
    _r("ND30-NOINHAN-FORM", "NOINHAN"), _r("ND30-NOINHAN-SIZE", "NOINHAN"),
    _r("ND30-NOINHAN-BOLD", "NOINHAN"), _r("ND30-NOINHAN-ITALIC", "NOINHAN"),
    _r("ND30-NOINHAN-LIST-SIZE", "NOINHAN"), _r("ND30-NOINHAN-PUNCT", "NOINHAN"),
    _r("ND30-NOINHAN-LUU", "NOINHAN", (STATE,)),  # "- Lưu: VT, XX."
    _r("HD36-NOINHAN-LUU", "NOINHAN", (PARTY,)),  # "- Lưu …." (no colon/VT in practice)
    # Signature: TM./KT./Q./TL./TUQ. (NĐ 30 II.7.b) vs T/M, K/T, T/L (HD 36 1.7.1). Sizes and
    # bold: Party values (14) are SECONDARY ONLY → NĐ 30 13–14. Party chức vụ lines under a
    # T/M line are not bold in practice (secondary), so only prefixed lines must be bold there.
    _r("ND30-KY-PREFIX", "KY", (STATE,)), _r("HD36-KY-PREFIX", "KY", (PARTY,)),
    _r("ND30-KY-CASE", "KY"), _r("ND30-KY-BOLD", "KY"), _r("ND30-KY-SIZE", "KY"),
    _r("ND30-KYTEN-BOLD", "KYTEN"), _r("ND30-KYTEN-SIZE", "KYTEN"),
    _r("ND30-KYTEN-HONORIFIC", "KYTEN"),
    # Page numbers (NĐ 30 PL I Mục I): header, centred, 13–14, hidden on page 1. Party:
    # SECONDARY ONLY (and identical) → NĐ 30.
    _r("ND30-PAGENUM-HEADER", "PAGENUM"), _r("ND30-PAGENUM-FIRST", "PAGENUM"),
    _r("ND30-PAGENUM-ALIGN", "PAGENUM"), _r("ND30-PAGENUM-SIZE", "PAGENUM"),
)
RULE_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


@lru_cache(maxsize=4)
def _element_names(lang: str) -> dict[str, str]:
    return {
        "DOCX": _("Tệp văn bản"),
        "PAGE": _("Định dạng trang"),
        "FONT": _("Phông chữ"),
        "QUOCHIEU": _("Quốc hiệu"),
        "TIEUNGU": _("Tiêu ngữ"),
        "TIEUDE": _("Tiêu đề Đảng Cộng sản Việt Nam"),
        "COQUAN": _("Tên cơ quan, tổ chức ban hành"),
        "SO": _("Số, ký hiệu văn bản"),
        "DATE": _("Ngày tháng ban hành"),
        "TENLOAI": _("Tên loại văn bản"),
        "TRICHYEU": _("Trích yếu nội dung"),
        "VV": _("Trích yếu công văn"),
        "KINHGUI": _("Kính gửi"),
        "CANCU": _("Căn cứ ban hành"),
        "BODY": _("Nội dung văn bản"),
        "NOINHAN": _("Nơi nhận"),
        "KY": _("Quyền hạn, chức vụ người ký"),
        "KYTEN": _("Họ tên người ký"),
        "PAGENUM": _("Số trang"),
    }


def rule_name(rule_id: str) -> str:
    """Return the Vietnamese (or translated) name of a rule."""
    return _element_names(current_language())[RULE_BY_ID[rule_id].element]


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    where: str
    expected: str
    found: str
    pos: int = -1  # line index, for document-order sorting (-1: page-level)


# ---------------------------------------------------------------------------------------
# Text helpers

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_RULE_LINE = re.compile(r"^[\s\-_=*~.·…–—]+$")
_UPPER_WORD = re.compile(r"[^\W\d_]{2}")  # a word of capitals, not a lone letter ("A" as a trích yếu)


# Every combining mark a decomposed Latin letter can carry (U+0300–U+036F), and đ/Đ, which
# do not decompose: str.translate drops them in C, where a loop over characters cost ~15 %
# of a lint.
_PLAIN = str.maketrans({**{chr(c): None for c in range(0x300, 0x370)}, "đ": "d", "Đ": "D"})


@functools.lru_cache(maxsize=8192)
def canon(text: str) -> str:
    """Upper case without tone marks or other diacritics (Đ → D): for matching only."""
    return unicodedata.normalize("NFD", text).translate(_PLAIN).upper()


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tail(text: str, limit: int = 20) -> str:
    """The end of ``text`` (about ``limit`` characters, whole words) after "…"."""
    if len(text) <= limit:
        return text
    end = text[-limit:]
    if not text[-limit - 1].isspace() and " " in end:
        end = end.split(" ", 1)[1]
    return "…" + end.lstrip()


def num(x: float) -> str:
    """13.0 → '13', 13.5 → '13,5' (Vietnamese decimal comma)."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


def is_rule_line(line: Line) -> bool:
    return bool(_RULE_LINE.match(line.text))


def is_upper(line: Line) -> bool:
    runs = line.text_runs()
    if not _UPPER_WORD.search(line.text):
        return False
    return line.text == line.text.upper() or bool(runs) and all(r.fmt.caps for r in runs)


TEN_LOAI = frozenset(canon(t) for t in (
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
    "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI",
    "PHIẾU CHUYỂN", "PHIẾU BÁO", "THÔNG TRI", "KẾT LUẬN", "QUY CHẾ", "ĐIỀU LỆ",
))
QUOC_HIEU = canon("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_DE = canon("ĐẢNG CỘNG SẢN VIỆT NAM")
TIEU_NGU = re.compile(rf"^(Độc lập)(\s*[{_DASHES}]\s*)(Tự do)(\s*[{_DASHES}]\s*)(Hạnh phúc)$",
                      re.I)
SO_LINE = re.compile(r"^SO\s*[:.]?\s*[\d._…]*\s*[/-]\s*\w")
SO_PARTS = re.compile(r"^(?P<so>\w+)(?P<colon>\s*[:.]?)(?P<gap>\s*)(?P<num>[\d]*)"
                      r"(?P<blank>[\s._…]*)(?P<sep>[/-]?)(?P<kh>.*)$")
# Day and month may be left blank in a draft ("ngày      tháng      năm 2025").
DATE_LINE = re.compile(r"^(?P<place>[^,]{0,60}?)(?P<sep>\s*,\s*|\s+|)ngày(?:\s+(?P<d>[^\s]+?))?"
                       r"\s+tháng(?:\s+(?P<m>[^\s]+?))?\s+năm\s+(?P<y>\S*)$", re.I)
PREFIX = re.compile(r"^(?P<p>T\s*[./]?\s*U\s*[./]?\s*Q|T\s*[./]?\s*M|K\s*[./]?\s*T|"
                    r"T\s*[./]?\s*L|Q)(?P<dot>[.:]?)(?=\s)")
HONORIFIC = re.compile(r"^(GS\.?\s*TS|PGS\.?\s*TS|TS|ThS|PGS|GS|KS|BS|NGƯT|NGND|Ông|Bà|"
                       r"Đ/c|Đồng chí)\.?(?=\s)")
PARTY_PREFIX = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}
CANCU_TAIL = ("THEO DE NGHI", "XET DE NGHI")


# ---------------------------------------------------------------------------------------
# Identification: where is each element?


@dataclass(slots=True)
class Layout:
    system: str = STATE
    quoc_hieu: Line | None = None
    tieu_ngu: Line | None = None
    tieu_de: Line | None = None
    so: Line | None = None
    date: Line | None = None
    co_quan: list[Line] = field(default_factory=list)
    vv: list[Line] = field(default_factory=list)
    ten_loai: Line | None = None
    trich_yeu: list[Line] = field(default_factory=list)
    kinh_gui: list[Line] = field(default_factory=list)  # the "Kính gửi:" line, then items
    can_cu: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    noi_nhan: list[Line] = field(default_factory=list)  # the heading, then the items
    titles: list[Line] = field(default_factory=list)
    signer: Line | None = None


def identify(doc: Document) -> Layout:
    """Find the elements of an administrative document by their text and position."""
    lay = Layout()
    lines = [ln for ln in doc.lines if ln.text]
    keys = [canon(ln.text[:160]) for ln in lines]  # prefixes and short lines only
    n = len(lines)
    stop = min(n, 30)
    for i in range(stop):  # the header block ends at the tên loại, Kính gửi or long text
        k = keys[i]
        if k in TEN_LOAI or k.startswith(("KINH GUI", "KINH TRINH")) or (
                len(k) > 150 and not k.startswith("V/V")):
            stop = i
            break
    used: list[int] = []
    for i in range(stop):
        ln, k = lines[i], keys[i]
        if k == QUOC_HIEU and lay.quoc_hieu is None:
            lay.quoc_hieu = ln
        elif k == TIEU_DE and lay.tieu_de is None:
            lay.tieu_de = ln
        elif TIEU_NGU.match(ln.text) and lay.tieu_ngu is None:
            lay.tieu_ngu = ln
        elif SO_LINE.match(k) and len(k) < 60 and lay.so is None:
            lay.so = ln
        elif k.startswith("V/V") and not lay.vv:
            lay.vv = [ln] + [x for x in lines[i + 1:stop]
                             if ln.para.cell and x.para.cell == ln.para.cell]
        elif DATE_LINE.match(ln.text) and len(k) < 90 and lay.date is None:
            lay.date = ln
        else:
            continue
        used.append(i)
    lay.system = PARTY if lay.tieu_de is not None else STATE
    pos = {id(x): i for i, x in enumerate(lines)}
    if lay.so is not None:
        lay.co_quan = _co_quan(lay, lines[:pos[id(lay.so)]])
    used += [pos[id(x)] for x in lay.co_quan + lay.vv]
    # Everything in the table(s) that hold the header belongs to the header.
    tables = {lines[i].para.row[0] for i in used if lines[i].para.row}
    used += [i for i in range(stop) if lines[i].para.row and lines[i].para.row[0] in tables]
    start = max(used) + 1 if used else 0
    if stop < n and keys[stop] in TEN_LOAI:
        lay.ten_loai = lines[stop]
        start = max(start, stop + 1)
        start = _trich_yeu(lay, lines, start)
    j = start
    while j < n and is_rule_line(lines[j]):
        j += 1
    if j < n and keys[j].startswith(("KINH GUI", "KINH TRINH")):
        lay.kinh_gui = [lines[j]]
        j += 1
        while j < n and lines[j].text[0] in _DASHES + "+•":
            lay.kinh_gui.append(lines[j])
            j += 1
    start = j
    _footer(lay, lines, keys, start)
    return lay


def _co_quan(lay: Layout, above: list[Line]) -> list[Line]:
    """The left header block above "Số": its cell, else its table column, else all."""
    special = {id(x) for x in (lay.quoc_hieu, lay.tieu_de, lay.tieu_ngu, lay.date)}
    cands = [x for x in above if not is_rule_line(x) and id(x) not in special]
    so = lay.so.para
    same = [x for x in cands if x.para.cell == so.cell]
    if not same and so.row is not None:
        same = [x for x in cands if x.para.row and x.para.row[0] == so.row[0]
                and x.para.column == so.column]
    return same


def _trich_yeu(lay: Layout, lines: list[Line], start: int) -> int:
    """Take the trích yếu: the centred or bold lines right under the tên loại."""
    first = None
    j = start
    while j < len(lines) and len(lay.trich_yeu) < 4:
        ln = lines[j]
        bold = any(r.fmt.bold for r in ln.text_runs())
        centred = ln.para.fmt.align == "center"
        # Body openings end the trích yếu, unless centred: "Thực hiện phong trào…" can be its first words.
        if is_rule_line(ln) or is_upper(ln) or not centred and canon(ln.text).startswith(
                ("CAN CU", "KINH GUI", "THUC HIEN", "DIEU ", "THEO ")):
            break
        if first is None:
            if not (bold or centred):
                break
            first = bold
        elif not centred or bold != first:
            break
        lay.trich_yeu.append(ln)
        j += 1
    while j < len(lines) and is_rule_line(lines[j]):
        j += 1
    return j


def _footer(lay: Layout, lines: list[Line], keys: list[str], start: int) -> None:
    """Split what follows the header into body, Nơi nhận and signature block."""
    n = len(lines)
    noi = next((i for i in range(start, n) if keys[i].startswith("NOI NHAN")), None)
    auth = next((i for i in range(start, n)
                 if PREFIX.match(lines[i].text) and is_upper(lines[i])), None)
    footer = min((i for i in (noi, auth) if i is not None), default=n)
    end = next((i for i in range(footer - 1, start - 1, -1)
                if lines[i].text.endswith("./.")), None)
    body_end = end if end is not None else footer - 1
    lay.body = lines[start:body_end + 1]
    # Căn cứ: two or more consecutive "Căn cứ" paragraphs opening the body.
    k = 0
    while k < len(lay.body) and (is_rule_line(lay.body[k]) or _heading(lay.body[k])):
        k += 1
    group = []
    while k < len(lay.body) and canon(lay.body[k].text).startswith("CAN CU"):
        group.append(lay.body[k])
        k += 1
    while group and k < len(lay.body) and canon(lay.body[k].text).startswith(CANCU_TAIL):
        group.append(lay.body[k])
        k += 1
    lay.can_cu = group if len(group) >= 2 else []
    if noi is not None:
        head = lines[noi]
        lay.noi_nhan = [head]
        for ln in lines[noi + 1:]:
            if head.para.cell:
                if ln.para.cell != head.para.cell:
                    break
            elif not (ln.text[0] in _DASHES + "+•" or canon(ln.text).startswith("LUU")):
                break
            lay.noi_nhan.append(ln)
            if canon(ln.text.lstrip(_DASHES + "+• ")).startswith("LUU"):
                break
    taken = {id(x) for x in lay.noi_nhan}
    head_cell = lay.noi_nhan[0].para.cell if lay.noi_nhan else None
    rest = [ln for ln in lines[body_end + 1:] if id(ln) not in taken
            and (head_cell is None or ln.para.cell != head_cell)]
    i = next((i for i, ln in enumerate(rest) if is_upper(ln) and not is_rule_line(ln)), None)
    if i is None:
        return
    while i < len(rest) and is_upper(rest[i]):
        lay.titles.append(rest[i])
        i += 1
    table = lay.titles[0].para.row[0] if lay.titles[0].para.row else None
    for ln in rest[i:i + 12]:
        if ln.text.startswith("(") or canon(ln.text).startswith(("DA KY", "KY TEN")):
            continue
        if table is None or (ln.para.row and ln.para.row[0] == table):
            lay.signer = ln
        break


_HEADING = re.compile(r"^(PHAN|CHUONG|MUC|TIEU MUC)\s+\S+$")


def _heading(line: Line) -> bool:
    """Centred headings inside the body (QUYẾT ĐỊNH:, Chương I, thẩm quyền…)."""
    return line.para.fmt.align == "center" and (
        is_upper(line) or bool(_HEADING.match(canon(line.text))))


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
    if spec.upper and _UPPER_WORD.search(text) and text != text.upper() and not all(
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
    core = line.text.lstrip(_DASHES + "+•* ").rstrip(";.,: ")
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
        if p.cell is None and id(p) not in seen and not is_rule_line(ln) and not _heading(ln) \
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
    core = text.lstrip(_DASHES + "+•* ")
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
