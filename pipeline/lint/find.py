"""Find the elements of a document by their TEXT and POSITION (never by style names).

``identify`` reads the lines of any .docx (generated, or typed by hand in Word) and says
which is the Quốc hiệu, the Số, the date, the tên loại, the căn cứ, the body, the Nơi nhận,
the signature…; the checks then judge each one. Each element is found by what it is — its
words, where it stands, what surrounds it — so one element typed wrongly does not hide the
next: căn cứ lines are căn cứ lines whether or not the thẩm quyền line above them was
recognised. ``split`` cuts a file that holds several documents (the decree's own compilation
of templates, two letters pasted together) into one part per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lint.doctypes import BY_KEY, DocType
from pipeline.lint.read import Document, Line
from pipeline.lint.regime import party_rules
from pipeline.lint.rulers import UNKNOWN, rule_under
from pipeline.lint.rules import PARTY, STATE
from pipeline.lint.text import (
    BULLETS,
    CAPTION,
    DATE_LINE,
    DIEU,
    PREFIX,
    QUOC_HIEU,
    SO_LINE,
    TIEU_DE,
    TIEU_NGU,
    YOUTH_TITLE,
    canon,
    is_rule_line,
    is_upper,
)

CANCU_HEAD = ("CAN CU",)
CANCU_TAIL = ("THEO DE NGHI", "XET DE NGHI", "XET ")
MARKS = frozenset(canon(m) for m in ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "MẬT", "TỐI MẬT",
                                     "TUYỆT MẬT", "DỰ THẢO"))


@dataclass(slots=True)
class Layout:
    system: str = STATE
    kind: DocType | None = None  # from the tên loại; None for a công văn
    label: str | None = None  # "Mẫu 1.2" when the file holds several documents
    attached: bool = False  # sent with another document ("(Kèm theo …)"): no Số, no signature
    lines: list[Line] = field(default_factory=list)  # the document's lines with text
    quoc_hieu: Line | None = None
    tieu_ngu: Line | None = None
    tieu_de: Line | None = None
    youth: Line | None = None  # the Đoàn's "ĐOÀN TNCS HỒ CHÍ MINH" in place of the Quốc hiệu
    party_rules: object = None  # a Party document's rules of its date (rulebook.party.PartyRules; lint.regime)
    so: Line | None = None
    date: Line | None = None
    co_quan: list[Line] = field(default_factory=list)
    vv: list[Line] = field(default_factory=list)  # a công văn's trích yếu, under the Số
    ten_loai: Line | None = None
    trich_yeu: list[Line] = field(default_factory=list)
    kinh_gui: list[Line] = field(default_factory=list)  # the "Kính gửi:" line, then items
    tham_quyen: list[Line] = field(default_factory=list)
    can_cu: list[Line] = field(default_factory=list)
    enacting: Line | None = None  # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"
    body: list[Line] = field(default_factory=list)
    dieu: list[Line] = field(default_factory=list)  # body lines opening with "Điều N."
    noi_nhan: list[Line] = field(default_factory=list)  # the heading, then the items
    titles: list[Line] = field(default_factory=list)
    signer: Line | None = None
    several_signatures: bool = False  # blocks side by side (a joint document, a biên bản): Nơi nhận under them


# ---------------------------------------------------------------------------------------
# Several documents in one file


@dataclass(frozen=True, slots=True)
class Part:
    lines: list[Line]
    label: str | None  # the caption ("Mẫu 1.4"), else None


def split(doc: Document) -> tuple[list[Line], list[Part]]:
    """Return (lines before the first document, one Part per document) of a file.

    A document starts at its Quốc hiệu (Party: tiêu đề), or rather at the header table
    holding it, with the caption above it when the file is a compilation of templates.
    """
    lines = [ln for ln in doc.lines if ln.text]
    heads = [i for i, ln in enumerate(lines) if len(ln.text) < 40 and _heads_a_document(lines, i)]
    if len(heads) < 2:
        return [], [Part(lines, None)]
    starts = []
    for h in heads:
        row = lines[h].para.row
        s = h
        if row is not None:  # the left cell of the header table is read first
            while s > 0 and lines[s - 1].para.row and lines[s - 1].para.row[0] == row[0]:
                s -= 1
        k = s
        while k > 0 and s - k < 3 and not lines[k - 1].para.row:
            k -= 1
            if CAPTION.match(canon(lines[k].text)):
                s = k
                break
        starts.append(s)
    parts = []
    for a, b in zip(starts, starts[1:] + [len(lines)]):
        first = canon(lines[a].text)
        label = lines[a].text.split(" - ")[0].split(" – ")[0].strip() if CAPTION.match(first) \
            else None
        parts.append(Part(lines[a:b], label))
    return lines[:starts[0]], parts


def _heads_a_document(lines: list[Line], i: int) -> bool:
    """A Quốc hiệu with its tiêu ngữ under it, or a Party tiêu đề in a header table: not
    the same words as a trích yếu or a sentence of the body."""
    ln = lines[i]
    if ln.para.data_table or len(ln.text) >= 40:
        return False
    key = canon(ln.text)
    if key == QUOC_HIEU:
        return any(TIEU_NGU.match(x.text) for x in lines[i + 1:i + 3])
    return key in (TIEU_DE, YOUTH_TITLE) and ln.para.cell is not None


# ---------------------------------------------------------------------------------------
# One document


def identify(doc: Document, lines: list[Line] | None = None) -> Layout:
    """Find the elements of one administrative document by their text and position."""
    lines = _columns([ln for ln in (doc.lines if lines is None else lines) if ln.text])
    lay = Layout(lines=lines)
    keys = [canon(ln.text[:160]) for ln in lines]  # prefixes and short lines only
    n = len(lines)
    skip = 1 if n and CAPTION.match(keys[0]) else 0
    stop = min(n, 40)
    for i in range(skip, stop):  # the header block ends at the tên loại, Kính gửi or long text
        k = keys[i]
        if k in BY_KEY and not lines[i].para.data_table or k.startswith(
                ("KINH GUI", "KINH TRINH")) or (len(k) > 150 and not k.startswith("V/V")):
            stop = i
            break
    used = _header(lay, lines, keys, skip, stop)
    lay.system = PARTY if lay.tieu_de is not None else STATE
    if lay.system == PARTY:
        lay.party_rules = party_rules(lay.date)
    pos = {id(x): i for i, x in enumerate(lines)}
    lay.co_quan = _co_quan(lay, lines[skip:stop])
    used += [pos[id(x)] for x in lay.co_quan + lay.vv]
    # Everything in the table(s) that hold the header belongs to the header.
    tables = {lines[i].para.row[0] for i in used if lines[i].para.row}
    used += [i for i in range(stop) if lines[i].para.row and lines[i].para.row[0] in tables]
    start = max(used) + 1 if used else skip
    if stop < n and keys[stop] in BY_KEY:
        lay.ten_loai = lines[stop]
        lay.kind = BY_KEY[keys[stop]]
        start = max(start, stop + 1)
        start = _trich_yeu(lay, doc, lines, keys, start)
    j = start
    while j < n and is_rule_line(lines[j]):
        j += 1
    dispatch = lay.kind is not None and lay.kind.dispatch and j < n and keys[j].rstrip().endswith("DIEN:")
    if j < n and (keys[j].startswith(("KINH GUI", "KINH TRINH")) or dispatch):
        lay.kinh_gui = [lines[j]]
        j += 1
        while j < n and lines[j].text[0] in BULLETS:
            lay.kinh_gui.append(lines[j])
            j += 1
    _preamble(lay, lines, keys, j)
    _footer(lay, lines, keys, j)
    return lay


def _columns(lines: list[Line]) -> list[Line]:
    """Lines that hold both columns of a layout made with tabs ("Nơi nhận:⇥GIÁM ĐỐC",
    "UBND TỈNH…⇥CỘNG HÒA…") stand for their pieces; a body line with a dotted tab leader
    does not."""
    out: list[Line] = []
    for ln in lines:
        if ln.pieces and len({p.col for p in ln.pieces}) > 1 and any(map(_anchor, ln.pieces)):
            out.extend(ln.pieces)
        else:
            out.append(ln)
    return out


def _anchor(piece: Line) -> bool:
    key = canon(piece.text[:100])
    return bool(key in (QUOC_HIEU, TIEU_DE, YOUTH_TITLE) or TIEU_NGU.match(piece.text) or SO_LINE.match(key)
                or key.startswith("NOI NHAN") or DATE_LINE.match(piece.text) and len(key) < 90
                or piece.col == 1 and len(key) < 60 and is_upper(piece))


def _header(lay: Layout, lines: list[Line], keys: list[str], skip: int, stop: int) -> list[int]:
    """Take the header's elements by their words; return the positions taken."""
    used: list[int] = []
    for i in range(skip, stop):
        ln, k = lines[i], keys[i]
        if ln.para.data_table:
            continue
        if k == QUOC_HIEU and lay.quoc_hieu is None:
            lay.quoc_hieu = ln
        elif k == TIEU_DE and lay.tieu_de is None:
            lay.tieu_de = ln
        elif k == YOUTH_TITLE and lay.youth is None and lay.quoc_hieu is None:
            lay.youth = ln
        elif TIEU_NGU.match(ln.text) and lay.tieu_ngu is None:
            lay.tieu_ngu = ln
        elif SO_LINE.match(k) and len(k) < 60 and lay.so is None:
            lay.so = ln
        elif k.startswith("V/V") and not lay.vv:
            lay.vv = [ln] + [x for x in lines[i + 1:stop]
                             if ln.para.cell and x.para.cell == ln.para.cell and not is_upper(x)]
        elif DATE_LINE.match(ln.text) and len(k) < 90 and lay.date is None:
            lay.date = ln
        else:
            continue
        used.append(i)
    if lay.so is not None and not lay.vv and lay.so.para.cell is not None:
        # A công văn's trích yếu sits under the Số in its cell, "V/v" or not (Party: "về …").
        at = lines.index(lay.so)
        lay.vv = [x for x in lines[at + 1:stop] if x.para.cell == lay.so.para.cell
                  and x is not lay.date and not is_upper(x) and not is_rule_line(x)]
    return used


def _co_quan(lay: Layout, header: list[Line]) -> list[Line]:
    """The left header block above "Số": its cell, else its table column; without a Số,
    the capitals of the header's first column (or above the Quốc hiệu)."""
    special = {id(x) for x in (lay.quoc_hieu, lay.tieu_de, lay.youth, lay.tieu_ngu, lay.date, *lay.vv)}
    cands = [x for x in header if not is_rule_line(x) and id(x) not in special
             and canon(x.text) not in MARKS]
    so = lay.so
    if so is not None:
        above = cands[:cands.index(so)] if so in cands else cands
        same = [x for x in above if x.para.cell == so.para.cell and x.col == so.col
                and x is not so]
        if not same and so.para.row is not None:
            same = [x for x in above if x.para.row and x.para.row[0] == so.para.row[0]
                    and x.para.column == so.para.column]
        return same
    head = lay.quoc_hieu or lay.tieu_de or lay.youth
    if head is not None and head.para.row is not None:
        return [x for x in cands if x.para.row and x.para.row[0] == head.para.row[0]
                and x.para.column == 0 and is_upper(x)]
    cut = header.index(head) if head is not None and head in header else len(header)
    return [x for x in cands[:cut] if is_upper(x)] if head is not None else []


def _trich_yeu(lay: Layout, doc: Document, lines: list[Line], keys: list[str],
               start: int) -> int:
    """Take the trích yếu: the lines between the tên loại and the rule drawn under them,
    whatever they say; without such a rule, the centred or bold lines under the tên loại."""
    for k in range(start, min(len(lines), start + 6)):
        ln = lines[k]
        if ln.para.cell is not None:
            break
        if rule_under(doc, ln) not in (None, UNKNOWN):
            lay.trich_yeu = lines[start:k + 1]
            return _after_subject(lay, lines, keys, k + 1)
        if is_rule_line(ln):
            break
    first = None
    j = start
    while j < len(lines) and len(lay.trich_yeu) < 4:
        ln = lines[j]
        bold = any(r.fmt.bold for r in ln.text_runs())
        centred = ln.para.fmt.align == "center"
        # Body openings end the trích yếu, unless centred: "Thực hiện phong trào…" can be its first words.
        if is_rule_line(ln) or is_upper(ln) or keys[j].startswith("(KEM THEO") or (
                not centred and keys[j].startswith(("CAN CU", "KINH GUI", "THUC HIEN", "DIEU ",
                                                    "THEO "))):
            break
        if first is None:
            if not (bold or centred):
                break
            first = bold
        elif not centred or bold != first:
            break
        lay.trich_yeu.append(ln)
        j += 1
    return _after_subject(lay, lines, keys, j)


def _after_subject(lay: Layout, lines: list[Line], keys: list[str], j: int) -> int:
    """Step over the "(Kèm theo …)" line of an attached document and the rules."""
    if j < len(lines) and keys[j].startswith("(KEM THEO"):
        lay.attached = True
        j += 1
    while j < len(lines) and is_rule_line(lines[j]):
        j += 1
    return j


def _is_cancu(key: str) -> bool:
    return key.startswith(CANCU_HEAD + CANCU_TAIL)


def _preamble(lay: Layout, lines: list[Line], keys: list[str], j: int) -> None:
    """Take the thẩm quyền line, the căn cứ lines and the enacting line, each by its words
    and place (they open the body, from line ``j``)."""
    n = len(lines)
    kind = lay.kind
    if kind is not None and kind.authority:
        enact_key = canon(kind.enacting.rstrip(":"))
        enact = next((i for i in range(j, min(n, j + 60))
                      if keys[i].rstrip(" :") == enact_key and len(keys[i]) < 30
                      or _party_enacting(lay, lines[i], keys[i], enact_key)), None)
        end = enact if enact is not None else next(
            (i for i in range(j, min(n, j + 60)) if DIEU.match(lines[i].text)), j)
        first = next((i for i in range(j, end) if _is_cancu(keys[i])), None)
        if first is None and enact is None:  # neither: the capitals under the title
            k = j
            while k < n and is_upper(lines[k]) and len(keys[k]) < 120:
                k += 1
            lay.tham_quyen = lines[j:k]
            return
        lay.tham_quyen = [x for x in lines[j:first if first is not None else end]
                          if not is_rule_line(x)]
        if first is not None:
            last = end
            if enact is None:
                last = first
                while last < n and _is_cancu(keys[last]):
                    last += 1
            lay.can_cu = [x for x in lines[first:last] if not is_rule_line(x)]
        if enact is not None:
            lay.enacting = lines[enact]
        return
    # Other kinds: two or more "Căn cứ" lines opening the body are the căn cứ ban hành,
    # whatever stands above them (a heading, a thẩm quyền line typed like the body).
    k = j
    while k < n and k < j + 4 and (is_rule_line(lines[k]) or is_upper(lines[k])):
        k += 1
    group = []
    while k < n and keys[k].startswith(CANCU_HEAD):
        group.append(lines[k])
        k += 1
    while group and k < n and keys[k].startswith(CANCU_TAIL):
        group.append(lines[k])
        k += 1
    lay.can_cu = group if len(group) >= 2 else []


def _party_enacting(lay: Layout, line: Line, key: str, enact_key: str) -> bool:
    """The Party's enacting line names who decides: "BAN THƯỜNG VỤ QUYẾT ĐỊNH:" (QĐ 399's own text)."""
    return (lay.system == PARTY and len(key) < 90 and key.rstrip(" :").endswith(" " + enact_key)
            and is_upper(line))


def _footer(lay: Layout, lines: list[Line], keys: list[str], start: int) -> None:
    """Split what follows the header into body, Nơi nhận and signature block."""
    n = len(lines)
    noi = next((i for i in range(start, n) if keys[i].startswith("NOI NHAN")
                and len(keys[i]) <= 40), None)
    auth = next((i for i in range(start, n)
                 if PREFIX.match(lines[i].text) and is_upper(lines[i])), None)
    footer = min((i for i in (noi, auth) if i is not None), default=n)
    end = next((i for i in range(footer - 1, start - 1, -1)
                if lines[i].text.endswith("./.")), None)
    if end is None:  # no "./." to end the body: the signature's own look does
        footer = next((i for i in range(start + 1, footer) if _signature_like(lines[i])), footer)
    body_end = end if end is not None else footer - 1
    # The căn cứ lines are laid out as body text; the thẩm quyền and enacting lines are not.
    preamble = {id(x) for x in (*lay.tham_quyen, lay.enacting)}
    # keys[i] is canon of the line's first 160 characters: a line whose key does not start "MAU" is no
    # caption, and the long lines of a body are not put into canonical form again. Unless the key is
    # shorter than "MAU": canon drops combining marks, and 160 of them may stand before "ẪU 1".
    lay.body = [lines[i] for i in range(start, body_end + 1) if id(lines[i]) not in preamble
                and not ((keys[i].startswith("MAU") or len(keys[i]) < 3) and CAPTION.match(canon(lines[i].text)))]
    lay.dieu = [ln for ln in lay.body if DIEU.match(ln.text)]
    if noi is not None:
        head = lines[noi]
        lay.noi_nhan = [head]
        for ln in lines[noi + 1:]:
            if head.para.cell:
                if ln.para.cell != head.para.cell:
                    break
            elif ln.col != head.col:  # the signature's column of a layout made with tabs
                continue
            elif not (ln.text[0] in BULLETS or canon(ln.text).startswith("LUU")):
                break
            lay.noi_nhan.append(ln)
            if canon(ln.text.lstrip(BULLETS + " ")).startswith("LUU"):
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
    # A chức vụ typed in small letters right under them ("Chủ tịch") is a title too, when
    # a name follows after the space left for signing.
    k = i
    while (k < len(rest) and rest[k].index == rest[k - 1].index + 1
           and rest[k].para.cell == rest[k - 1].para.cell and _title_like(rest[k])):
        k += 1
    signer = _signer(lay.titles, rest[k:k + 12]) if k > i else None
    if signer is not None:
        lay.titles += rest[i:k]
        lay.signer = signer
    else:
        lay.signer = _signer(lay.titles, rest[i:i + 12])
    first = lay.titles[0].para
    # Another cell of the titles' table holding capitals: blocks side by side (table, row, column).
    lay.several_signatures = first.cell is not None and any(
        ln.para.cell is not None and ln.para.cell[0] == first.cell[0] and ln.para.cell != first.cell
        and is_upper(ln) for ln in rest)


def _title_like(line: Line) -> bool:
    runs = line.text_runs()
    return (len(line.text) < 60 and not line.text.startswith("(")
            and not (runs and all(r.fmt.italic for r in runs)))


_NUMBERED = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]\s")


def _signature_like(line: Line) -> bool:
    """A quyền hạn or chức vụ line: short capitals set in a layout table or far right."""
    p = line.para
    return (is_upper(line) and len(line.text) < 60 and not p.data_table
            and not _NUMBERED.match(line.text)
            and (p.cell is not None or p.fmt.left >= 2000 or p.fmt.align == "right"))


_NOT_A_NAME = ("DA KY", "KY TEN", "KY, GHI RO", "KY VA GHI")


def _signer(titles: list[Line], after: list[Line]) -> Line | None:
    """The signer's name: the first line under the titles that is not a note about the
    signature ("(Chữ ký của người có thẩm quyền, …)", italic), in the titles' table."""
    table = titles[0].para.row[0] if titles[0].para.row else None
    in_note = False
    for ln in after:
        text = ln.text
        if in_note or text.startswith("("):
            in_note = not text.endswith(")")
            continue
        runs = ln.text_runs()
        if runs and all(r.fmt.italic for r in runs) or canon(text).startswith(_NOT_A_NAME):
            continue
        if table is None or (ln.para.row and ln.para.row[0] == table):
            return ln
        return None
    return None


_HEADING = re.compile(r"^(PHAN|CHUONG|MUC|TIEU MUC)\s+\S+$")


def is_heading(line: Line) -> bool:
    """Centred headings inside the body (Chương I, section titles in capitals…)."""
    return line.para.fmt.align == "center" and (
        is_upper(line) or bool(_HEADING.match(canon(line.text))))
