"""Find the elements of a document by their TEXT and POSITION (never by style names).

``identify`` reads the lines of any .docx (generated, or typed by hand in Word) and says
which is the Quốc hiệu, the Số, the date, the tên loại, the body, the Nơi nhận, the
signature…; the checks then judge each one. Matching is done on ``canon`` text (capitals,
no diacritics), so "Cộng hoà" and "CỘNG HÒA" are the same line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.lint.read import Document, Line
from pipeline.lint.rules import PARTY, STATE

# ---------------------------------------------------------------------------------------
# Text helpers

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_RULE_LINE = re.compile(r"^[\s\-_=*~.·…–—]+$")
UPPER_WORD = re.compile(r"[^\W\d_]{2}")  # a word of capitals, not a lone letter ("A" as a trích yếu)


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
    if not UPPER_WORD.search(line.text):
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
TIEU_NGU = re.compile(rf"^(Độc lập)(\s*[{DASHES}]\s*)(Tự do)(\s*[{DASHES}]\s*)(Hạnh phúc)$",
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
        while j < n and lines[j].text[0] in DASHES + "+•":
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
    while k < len(lay.body) and (is_rule_line(lay.body[k]) or is_heading(lay.body[k])):
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
            elif not (ln.text[0] in DASHES + "+•" or canon(ln.text).startswith("LUU")):
                break
            lay.noi_nhan.append(ln)
            if canon(ln.text.lstrip(DASHES + "+• ")).startswith("LUU"):
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


def is_heading(line: Line) -> bool:
    """Centred headings inside the body (QUYẾT ĐỊNH:, Chương I, thẩm quyền…)."""
    return line.para.fmt.align == "center" and (
        is_upper(line) or bool(_HEADING.match(canon(line.text))))
