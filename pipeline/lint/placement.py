"""Where elements stand, as far as the DOCX tells: the rules under the header lines and the
trích yếu, "Nơi nhận" beside the signature (under them when several stand side by side), "V/v"
under the Số.

NĐ 30 Mục V and the layout grid (Phụ lục I Mục IV): a solid rule under the tiêu ngữ as long
as it, under the issuing body's name and the trích yếu 1/3 to 1/2 of the line; "Nơi nhận:"
flush left, level with the quyền hạn line (ô 9b beside ô 7a); a công văn's "V/v …" under
the Số (ô 5b under ô 3).

The rules are found and measured by ``rulers``. What only the printed page shows is left to it (``vanban lint --trang``): a header not laid
out in a table, an element in a text frame, a line shape anchored away from its text.

Tolerances: the decree's own Phụ lục III template prints its rule under the organisation
name at about a quarter of the name (measured on the rendering in reference/mau/), so 1/3
to 1/2 is checked as 25–60 %; "as long as the tiêu ngữ" as 80–120 %.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.i18n import _
from pipeline.lint.find import Layout
from pipeline.lint.read import Document, Line
from pipeline.lint.rulers import UNKNOWN, printed_width, rule_under
from pipeline.lint.rules import Finding
from pipeline.lint.text import is_placeholder, shorten

FULL = (0.8, 1.2)  # as long as the text
PART = (0.25, 0.6)  # 1/3 to 1/2 of the line


def check_rules(doc: Document, lay: Layout) -> Iterator[Finding]:
    if lay.tieu_ngu is not None:
        yield from _rule("ND30-TIEUNGU-RULE", doc, [lay.tieu_ngu], FULL,
                         _("đường kẻ liền dài bằng tiêu ngữ"))
    name = [x for x in lay.co_quan if all(r.fmt.bold for r in x.text_runs())] or lay.co_quan[-1:]
    if name and lay.youth is None:  # the Đoàn puts "***" under its name (HD 29-HD/TWĐTN-VP)
        yield from _rule("ND30-COQUAN-RULE", doc, name, PART,
                         _("đường kẻ liền dài 1/3–1/2 dòng chữ"))
    if lay.trich_yeu:
        yield from _rule("ND30-TRICHYEU-RULE", doc, lay.trich_yeu, PART,
                         _("đường kẻ liền dài 1/3–1/2 dòng chữ"))


def _rule(rule_id: str, doc: Document, text: list[Line], bounds: tuple[float, float],
          expected: str) -> Iterator[Finding]:
    last = text[-1]
    if any(is_placeholder(x.text) for x in text):  # a blank to fill has no length yet
        return
    length = rule_under(doc, last)
    if length == UNKNOWN:
        return
    where = shorten(last.text)
    if length is None:
        yield Finding(rule_id, where, expected, _("không có đường kẻ"), last.index)
        return
    line = max(printed_width(doc, x) for x in text)
    share = length / line if line else 0
    if not bounds[0] <= share <= bounds[1]:
        found = _("đường kẻ bằng {p} % độ dài dòng chữ").format(p=round(share * 100))
        yield Finding(rule_id, where, expected, found, last.index)


# -- Nơi nhận beside the signature, V/v under the Số -------------------------------------


def check_recipients(doc: Document, lay: Layout) -> Iterator[Finding]:
    """"Nơi nhận:" in the left column, level with the quyền hạn line (ô 9b, ô 7a)."""
    if not lay.noi_nhan or not lay.titles or (lay.kind and not lay.kind.recipients_beside):
        return
    if lay.several_signatures and lay.noi_nhan[0].index > lay.titles[0].index:
        return  # blocks side by side (a joint document's issuers): Nơi nhận stands under them
    head, title = lay.noi_nhan[0], lay.titles[0]
    hp, tp = head.para, title.para
    if hp.fmt.framed or tp.fmt.framed:  # text frames: only the page shows where they print
        return
    if hp.cell is None and head.index == title.index and head.col < title.col:
        return  # one line laid out with tabs: "Nơi nhận:⇥TM. ỦY BAN NHÂN DÂN"
    if hp.cell is None and tp.cell is None and title.col == 1:
        found = _("không ngang dòng quyền hạn")
    elif hp.cell is None:
        found = _("đoạn riêng dưới chữ ký") if head.index > title.index else _(
            "đoạn riêng trên chữ ký")
    elif hp.row != tp.row or hp.cell[0] != tp.cell[0]:
        found = _("hàng khác với dòng quyền hạn")
    elif hp.column is None or tp.column is None or hp.column >= tp.column:
        found = _("không ở cột bên trái chữ ký")
    elif _lines_above(doc, head) != _lines_above(doc, title):
        found = _("không ngang dòng quyền hạn")
    else:
        return
    yield Finding("ND30-NOINHAN-PLACE", shorten(head.text),
                  _("bên trái, ngang dòng quyền hạn, chức vụ người ký"), found, head.index)


def _lines_above(doc: Document, line: Line) -> int:
    """How many lines (empty ones too) stand above ``line`` in its cell."""
    count = 0
    for i in range(line.index - 1, -1, -1):
        if doc.lines[i].para.cell != line.para.cell:
            break
        count += 1
    return count


def check_vv(doc: Document, lay: Layout) -> Iterator[Finding]:
    """A công văn's "V/v …" under the Số, in its column (ô 5b under ô 3)."""
    if not lay.vv or lay.so is None:
        return
    vv, so = lay.vv[0], lay.so
    if so.para.cell is None or vv.para.fmt.framed:  # a header typed without a table
        return
    if vv.para.cell == so.para.cell:
        return
    if vv.para.cell is None:
        found = _("đoạn riêng ngoài bảng tiêu đề")
    elif vv.para.row[0] == so.para.row[0] and vv.para.column == so.para.column \
            and vv.index > so.index:
        return
    else:
        found = _("cột khác với số, ký hiệu")
    yield Finding("ND30-VV-PLACE", shorten(vv.text), _("dưới số, ký hiệu, cùng cột"), found,
                  vv.index)
