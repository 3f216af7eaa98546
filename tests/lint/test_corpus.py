"""The corpus of foreign documents: typed with python-docx the way Word saves them.

One correct document per kind (tests/lint_fixtures.py), the decree's own compilation of
templates (tests/lint_phuluc3.py), and one copy per rule with only that rule broken, each
with its exact findings — no more, no fewer. Every rule of the table is caught alone by at
least one copy. The second table holds what a văn thư met in documents from another
generator (issue 19), with the findings each now gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from lint_fixtures import (
    BUILDERS,
    LEFT,
    add_page_number,
    all_paragraphs,
    append_document,
    find,
    landscape,
    para,
    remove,
    save,
    set_format,
    set_runs,
    set_text,
    state_cong_van,
    state_ke_hoach,
)
from lint_phuluc3 import phu_luc_iii

from pipeline.lint.linter import RULES, format_violation, lint_docx
from pipeline.lint.rules import rule_name

Triple = tuple[str, str, str]


def triples(path: Path) -> list[Triple]:
    return [(v.rule_id, v.expected, v.found) for v in lint_docx(path)]


def build(kind, mutate, tmp_path: Path) -> Path:
    doc = kind() if callable(kind) else BUILDERS[kind]()
    after = mutate(doc)
    path = save(doc, tmp_path)
    if callable(after):  # a change to the saved file itself
        after(path)
    return path


# -- mutations --------------------------------------------------------------------------


def _runs(start, **props):
    return lambda d: set_runs(d, start, **props)


def _text(start, text):
    return lambda d: set_text(d, start, text)


def _fmt(start, **props):
    return lambda d: set_format(d, start, **props)


def _both(*mutations):
    def mutate(d):
        for m in mutations:
            m(d)
    return mutate


def _remove(*starts):
    def mutate(d):
        for start in starts:
            remove(d, start)
    return mutate


def _section(**props):
    def mutate(d):
        for key, value in props.items():
            setattr(d.sections[0], key, value)
    return mutate


def _page_number(**kwargs):
    def mutate(d):
        sec = d.sections[0]
        for p in sec.header.paragraphs:
            p._p.getparent().remove(p._p)
        sec.header.add_paragraph()
        add_page_number(sec, **kwargs)
    return mutate


def _remove_header(d):
    d.sections[0].header.is_linked_to_previous = True


def _rule_after(start, indent_cm):
    """Re-indent the bordered paragraph under the one starting with ``start``."""
    def mutate(d):
        p = find(d, start)._p.getnext()
        pf = Paragraph(p, None).paragraph_format
        pf.left_indent = pf.right_indent = Cm(indent_cm)
    return mutate


def _cell_paragraph(row, column, index, text, *, size):
    """Retype one paragraph of the header table's cell (row, column)."""
    def mutate(d):
        p = d.tables[0].cell(row, column).paragraphs[index]
        p.runs[0].text = text
        p.runs[0].font.size = Pt(size)
    return mutate


def _run(start, **props):
    """Change the one run whose text starts with ``start`` (a column of a tab layout)."""
    def mutate(d):
        run = next(r for p in all_paragraphs(d) for r in p.runs if r.text.startswith(start))
        for key, value in props.items():
            setattr(run.font, key, Pt(value) if key == "size" else value)
    return mutate


def _recipients_a_line_lower(d):
    """"Nơi nhận:" moved from the title's line, laid out with tabs, to a line of its own."""
    p = find(d, "Nơi nhận:")
    p.runs[0].text = ""
    below = para(d, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    p._p.addnext(below._p)


def _blank_line_above(start):
    def mutate(d):
        p = find(d, start)
        p.insert_paragraph_before("")
    return mutate


def _truncate(d):
    def after(path: Path):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return after


def _recipients_below(d):
    """Nơi nhận typed as full-width paragraphs under the signature table."""
    table = d.tables[-1]
    cell = table.rows[0].cells[0]
    items = [(p.text, p.runs[0].font.size, p.runs[0].bold, p.runs[0].italic)
             for p in cell.paragraphs]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].runs[0].text = ""
    anchor = table._tbl
    for text, size, bold, italic in items:
        p = para(d, text, size=size.pt, bold=bold, italic=italic, align=LEFT)
        anchor.addnext(p._p)
        anchor = p._p


def _vv_across_the_page(text):
    """The V/v moved out of the header table: centred under it, across the page."""
    def mutate(d):
        set_text(d, "V/v", text)
        p = find(d, "V/v")._p
        d.tables[0]._tbl.addnext(p)
    return mutate


def _no_recipients(d):
    cell = d.tables[-1].rows[0].cells[0]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].runs[0].text = ""


def _both(*mutations):
    def mutate(d):
        for m in mutations:
            m(d)
    return mutate


def _shape_removed(start):
    """Delete the line shape anchored in the paragraph starting with ``start``."""
    def mutate(d):
        p = find(d, start)
        for r in p.runs:
            if not r.text:
                r._r.getparent().remove(r._r)
    return mutate


def _all_fonts(name):
    def mutate(d):
        d.styles["Normal"].font.name = name
    return mutate


def _kinh_gui_list(items):
    return lambda: state_cong_van(kinh_gui=items)


def _twice(d):
    append_document(d, state_ke_hoach())


def _no_header_row(d):
    """The table's first row no longer repeats at the top of each page."""
    for mark in d.tables[-2]._tbl.iter(qn("w:tblHeader")):
        mark.getparent().remove(mark)


def _column_width(index, twips):
    """Widen one column of the table of data (its grid and its cells)."""
    def mutate(d):
        table = d.tables[-2]
        table.columns[index].width = Twips(twips)
        for cell in table.columns[index].cells:
            cell.width = Twips(twips)
    return mutate


LINE = "giãn dòng từ 1 dòng đến 1,5 dòng"
BOLD, NOT_BOLD = "chữ đậm", "chữ không đậm"
RULE_PART = "đường kẻ liền dài 1/3–1/2 dòng chữ"
RULE_FULL = "đường kẻ liền dài bằng tiêu ngữ"
MISSING = "không tìm thấy"

# (case, document, mutation, its findings (rule id, expected, found))
CASES: list[tuple[str, object, Callable, list[Triple]]] = [
    # the file
    ("unreadable", "cong_van", _truncate,
     [("DOCX-OPEN", "tệp Word .docx hợp lệ", "không phải tệp .docx (không đọc được dạng ZIP)")]),
    ("two-documents-pasted", "ke_hoach", _twice,
     [("DOCX-MULTI", "một văn bản trong một tệp",
       "2 văn bản, mỗi văn bản được kiểm tra riêng")]),
    # page
    ("margin-left", "ke_hoach", _section(left_margin=Mm(25)),
     [("ND30-PAGE-MARGIN", "lề trái 30–35 mm", "lề trái 25 mm")]),
    ("margin-top", "cong_van", _section(top_margin=Mm(30)),
     [("ND30-PAGE-MARGIN", "lề trên 20–25 mm", "lề trên 30 mm")]),
    ("margin-right", "party", _section(right_margin=Mm(25)),
     [("ND30-PAGE-MARGIN", "lề phải 15–20 mm", "lề phải 25 mm")]),
    ("letter-paper", "cong_van", _section(page_width=Twips(12240), page_height=Twips(15840)),
     [("ND30-PAGE-A4", "khổ A4 (210 × 297 mm)", "216 × 279 mm")]),
    ("landscape", "cong_van", landscape, [("ND30-PAGE-ORIENT", "khổ dọc", "khổ ngang")]),
    ("font-arial-run", "ke_hoach", _runs("Phát động", name="Arial"),
     [("ND30-FONT", "Times New Roman", "Arial")]),
    # Quốc hiệu, tiêu ngữ
    ("quoc-hieu-size", "ke_hoach", _runs("CỘNG HÒA", size=11),
     [("ND30-QUOCHIEU-SIZE", "cỡ chữ 12–13", "cỡ chữ 11")]),
    ("quoc-hieu-bold", "ke_hoach", _runs("CỘNG HÒA", bold=False),
     [("ND30-QUOCHIEU-BOLD", BOLD, NOT_BOLD)]),
    ("quoc-hieu-case", "ke_hoach", _text("CỘNG HÒA", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
     [("ND30-QUOCHIEU-CASE", "IN HOA", "có chữ thường")]),
    ("quoc-hieu-size-in-a-tab-layout", "cong_van_tabs", _run("CỘNG HÒA", size=14),
     [("ND30-QUOCHIEU-SIZE", "cỡ chữ 12–13", "cỡ chữ 14")]),
    ("quoc-hieu-1.5-lines", "ke_hoach", _fmt("CỘNG HÒA", line_spacing=1.5),
     [("ND30-QUOCHIEU-LINE", "cách dòng đơn", "giãn dòng 1,5 dòng")]),
    ("quoc-hieu-missing", "to_trinh", _remove("CỘNG HÒA"),
     [("ND30-QUOCHIEU-MISSING", "Quốc hiệu ở đầu trang 1, bên phải", MISSING)]),
    ("tieu-ngu-en-dash", "ke_hoach", _text("Độc lập", "Độc lập – Tự do – Hạnh phúc"),
     [("ND30-TIEUNGU-DASH", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")]),
    ("tieu-ngu-no-spaces", "ke_hoach", _text("Độc lập", "Độc lập-Tự do-Hạnh phúc"),
     [("ND30-TIEUNGU-DASH", "Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc")]),
    ("tieu-ngu-size", "ke_hoach", _runs("Độc lập", size=12),
     [("ND30-TIEUNGU-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("tieu-ngu-bold", "ke_hoach", _runs("Độc lập", bold=False),
     [("ND30-TIEUNGU-BOLD", BOLD, NOT_BOLD)]),
    ("tieu-ngu-exactly-24pt", "cong_van", _fmt("Độc lập", line_spacing=Pt(24)),
     [("ND30-TIEUNGU-LINE", "cách dòng đơn", "giãn dòng chính xác 24 pt")]),
    ("tieu-ngu-rule-half", "ke_hoach", _rule_after("Độc lập", 3.3),
     [("ND30-TIEUNGU-RULE", RULE_FULL, "đường kẻ bằng 50 % độ dài dòng chữ")]),
    ("tieu-ngu-not-underlined", "quyet_dinh", _runs("Độc lập", underline=False),
     [("ND30-TIEUNGU-RULE", RULE_FULL, "không có đường kẻ")]),
    ("tieu-ngu-missing", "cong_van", _remove("Độc lập"),
     [("ND30-TIEUNGU-MISSING", "tiêu ngữ dưới Quốc hiệu", MISSING)]),
    # issuing body
    ("co-quan-bold", "ke_hoach", _runs("ỦY BAN NHÂN DÂN HUYỆN", bold=False),
     [("ND30-COQUAN-BOLD", BOLD, NOT_BOLD)]),
    ("co-quan-size", "to_trinh", _runs("SỞ NỘI VỤ", size=14),
     [("ND30-COQUAN-SIZE", "cỡ chữ 12–13", "cỡ chữ 14")]),
    ("co-quan-case", "to_trinh", _text("SỞ NỘI VỤ", "Sở Nội vụ"),
     [("ND30-COQUAN-CASE", "IN HOA", "có chữ thường")]),
    ("co-quan-rule-short", "quyet_dinh", _cell_paragraph(0, 0, 2, "___", size=10),
     [("ND30-COQUAN-RULE", RULE_PART, "đường kẻ bằng 22 % độ dài dòng chữ")]),
    ("co-quan-shape-removed", "cong_van", _shape_removed("CÔNG ĐOÀN"),
     [("ND30-COQUAN-RULE", RULE_PART, "không có đường kẻ")]),
    ("co-quan-missing", "quyet_dinh", _remove("UBND TỈNH", "SỞ NỘI VỤ"),
     [("ND30-COQUAN-MISSING", "tên cơ quan ban hành ở đầu trang 1, bên trái", MISSING)]),
    # Số, ký hiệu
    ("so-pad", "ke_hoach", _text("Số:", "Số: 5/KH-UBND"), [("ND30-SO-PAD", "Số: 05", "Số: 5")]),
    ("so-no-colon", "ke_hoach", _text("Số:", "Số 05/KH-UBND"),
     [("ND30-SO-FORM", "Số: 05/KH-UBND", "Số 05/KH-UBND")]),
    ("so-space-in-kyhieu", "ke_hoach", _text("Số:", "Số: 05/KH - UBND"),
     [("ND30-SO-FORM", "Số: 05/KH-UBND", "Số: 05/KH - UBND")]),
    ("so-size", "ke_hoach", _runs("Số:", size=14), [("ND30-SO-SIZE", "cỡ chữ 13", "cỡ chữ 14")]),
    ("so-TTR", "to_trinh", _text("Số:", "Số: 27/TTR-SNV"), [("ND30-SO-KYHIEU", "TTr", "TTR")]),
    ("so-kyhieu-of-another-kind", "ke_hoach", _text("Số:", "Số: 05/QĐ-UBND"),
     [("ND30-SO-KYHIEU", "KH", "QĐ")]),
    ("so-missing", "ke_hoach", _remove("Số:"),
     [("ND30-SO-MISSING", "số, ký hiệu dưới tên cơ quan", MISSING)]),
    # date
    ("date-month-03", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu, ngày 05 tháng 03 năm 2025"),
     [("ND30-DATE-PAD", "tháng 3", "tháng 03")]),
    ("date-day-7", "cong_van", _text("Yên Bái,", "Yên Bái, ngày 7 tháng 11 năm 2024"),
     [("ND30-DATE-PAD", "ngày 07", "ngày 7")]),
    ("date-month-1", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu, ngày 15 tháng 1 năm 2025"),
     [("ND30-DATE-PAD", "tháng 01", "tháng 1")]),
    ("date-no-comma", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu ngày 05 tháng 3 năm 2025"),
     [("ND30-DATE-FORM", "Trạm Tấu, ngày", "Trạm Tấu ngày")]),
    ("date-upright", "ke_hoach", _runs("Trạm Tấu,", italic=False),
     [("ND30-DATE-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("date-size", "cong_van", _runs("Yên Bái,", size=12),
     [("ND30-DATE-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("date-missing", "ke_hoach", _remove("Trạm Tấu,"),
     [("ND30-DATE-MISSING", "địa danh, ngày tháng năm ngang hàng với số", MISSING)]),
    # a công văn's trích yếu
    ("vv-bold", "cong_van", _runs("V/v", bold=True), [("ND30-VV-BOLD", "chữ không đậm", BOLD)]),
    ("vv-size", "cong_van", _runs("V/v", size=14), [("ND30-VV-SIZE", "cỡ chữ 12–13", "cỡ chữ 14")]),
    ("vv-colon", "cong_van", _text("V/v", "V/v: phát động phong trào thi đua đặc biệt"),
     [("ND30-VV-FORM", "V/v phát động phong trào thi…", "V/v: phát động phong trào thi…")]),
    ("vv-out-of-the-header", "cong_van",
     _vv_across_the_page("V/v phát động phong trào thi đua đặc biệt"),
     [("ND30-VV-PLACE", "dưới số, ký hiệu, cùng cột", "đoạn riêng ngoài bảng tiêu đề")]),
    ("vv-missing", "cong_van", _remove("V/v"),
     [("ND30-TENLOAI-MISSING", "tên loại văn bản, hoặc trích yếu “V/v …” dưới số của công văn",
       MISSING)]),
    # tên loại and trích yếu
    ("ten-loai-size", "ke_hoach", _runs("KẾ HOẠCH", size=12),
     [("ND30-TENLOAI-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("ten-loai-left", "ke_hoach", _fmt("KẾ HOẠCH", alignment=LEFT),
     [("ND30-TENLOAI-ALIGN", "căn giữa", "căn trái")]),
    ("ten-loai-case", "ke_hoach", _text("KẾ HOẠCH", "Kế hoạch"),
     [("ND30-TENLOAI-CASE", "IN HOA", "có chữ thường")]),
    ("ten-loai-bold", "ke_hoach", _runs("KẾ HOẠCH", bold=False),
     [("ND30-TENLOAI-BOLD", BOLD, NOT_BOLD)]),
    ("trich-yeu-bold", "ke_hoach", _runs("Phát động", bold=False),
     [("ND30-TRICHYEU-BOLD", BOLD, NOT_BOLD)]),
    ("trich-yeu-left", "ke_hoach", _fmt("Phát động", alignment=LEFT),
     [("ND30-TRICHYEU-ALIGN", "căn giữa", "căn trái")]),
    ("trich-yeu-size", "ke_hoach", _runs("Phát động", size=12),
     [("ND30-TRICHYEU-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("trich-yeu-lower-case", "ke_hoach",
     _text("Phát động", "phát động phong trào thi đua đặc biệt năm 2025"),
     [("ND30-TRICHYEU-CASE", "Phát", "phát")]),
    ("trich-yeu-rule-20-percent", "ke_hoach", _rule_after("Phát động", 7.23),
     [("ND30-TRICHYEU-RULE", RULE_PART, "đường kẻ bằng 20 % độ dài dòng chữ")]),
    ("trich-yeu-missing", "quyet_dinh", _remove("Về việc"),
     [("ND30-TRICHYEU-MISSING", "trích yếu dưới tên loại", MISSING)]),
    # Kính gửi
    ("kinh-gui-11pt", "cong_van", _runs("Kính gửi", size=11),
     [("ND30-KINHGUI-SIZE", "cỡ chữ 13–14", "cỡ chữ 11")]),
    ("kinh-gui-last-item-semicolon",
     _kinh_gui_list(["- Công đoàn cơ sở A;", "- Công đoàn cơ sở B;"]), lambda d: None,
     [("ND30-KINHGUI-PUNCT", "- Công đoàn cơ sở B.", "- Công đoàn cơ sở B;")]),
    # quyết định, nghị quyết: thẩm quyền, căn cứ, QUYẾT ĐỊNH:, Điều
    ("tham-quyen-case", "quyet_dinh", _text("GIÁM ĐỐC", "Giám đốc Sở Nội vụ"),
     [("ND30-THAMQUYEN-CASE", "IN HOA", "có chữ thường")]),
    ("tham-quyen-bold", "quyet_dinh", _runs("GIÁM ĐỐC", bold=False),
     [("ND30-THAMQUYEN-BOLD", BOLD, NOT_BOLD)]),
    ("tham-quyen-size", "nghi_quyet", _runs("KHÓA XVIII", size=11),
     [("ND30-THAMQUYEN-SIZE", "cỡ chữ 13–14", "cỡ chữ 11")]),
    ("tham-quyen-left", "quyet_dinh", _fmt("GIÁM ĐỐC", alignment=LEFT),
     [("ND30-THAMQUYEN-ALIGN", "căn giữa", "căn trái")]),
    ("tham-quyen-missing", "quyet_dinh", _remove("GIÁM ĐỐC"),
     [("ND30-THAMQUYEN-MISSING", "thẩm quyền ban hành dưới trích yếu", MISSING)]),
    ("quyet-dinh-line-case", "quyet_dinh", _text("QUYẾT ĐỊNH:", "Quyết định:"),
     [("ND30-QUYETDINH-CASE", "IN HOA", "có chữ thường")]),
    ("quyet-dinh-line-bold", "quyet_dinh", _runs("QUYẾT ĐỊNH:", bold=False),
     [("ND30-QUYETDINH-BOLD", BOLD, NOT_BOLD)]),
    ("quyet-nghi-line-size", "nghi_quyet", _runs("QUYẾT NGHỊ:", size=12),
     [("ND30-QUYETDINH-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("quyet-dinh-line-left", "quyet_dinh", _fmt("QUYẾT ĐỊNH:", alignment=LEFT),
     [("ND30-QUYETDINH-ALIGN", "căn giữa", "căn trái")]),
    ("quyet-dinh-line-no-colon", "quyet_dinh", _text("QUYẾT ĐỊNH:", "QUYẾT ĐỊNH"),
     [("ND30-QUYETDINH-FORM", "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH")]),
    ("quyet-nghi-line-missing", "nghi_quyet", _remove("QUYẾT NGHỊ:"),
     [("ND30-QUYETDINH-MISSING", "dòng “QUYẾT NGHỊ:” trước Điều 1", MISSING)]),
    ("can-cu-comma", "ke_hoach",
     _text("Căn cứ Luật", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022,"),
     [("ND30-CANCU-PUNCT", "kết thúc bằng dấu ;", "…15 tháng 6 năm 2022,")]),
    ("can-cu-last-semicolon", "ke_hoach",
     _text("Căn cứ Kế hoạch", "Căn cứ Kế hoạch số 188/KH-UBND của tỉnh;"),
     [("ND30-CANCU-PUNCT", "kết thúc bằng dấu .", "…của tỉnh;")]),
    ("theo-de-nghi-semicolon", "quyet_dinh",
     _text("Theo đề nghị", "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng;"),
     [("ND30-CANCU-PUNCT", "kết thúc bằng dấu .", "…đua - Khen thưởng;")]),
    ("can-cu-upright", "ke_hoach", _runs("Căn cứ Luật", italic=False),
     [("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("xet-upright", "nghi_quyet", _runs("Xét Tờ trình", italic=False),
     [("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("no-can-cu-at-all", "quyet_dinh", _remove("Căn cứ Luật", "Căn cứ Quyết định", "Theo đề nghị"),
     []),  # content, not format: vanban itself writes one when the sources give no căn cứ
    ("dieu-not-bold", "quyet_dinh", _runs("Điều 1.", bold=False),
     [("ND30-DIEU-BOLD", BOLD, NOT_BOLD)]),
    ("quyet-dinh-month-2", "quyet_dinh", _text("Yên Bái,", "Yên Bái, ngày 09 tháng 2 năm 2025"),
     [("ND30-DATE-PAD", "tháng 02", "tháng 2")]),
    ("quyet-dinh-co-quan-2x2", "quyet_dinh", _runs("SỞ NỘI VỤ", bold=False),
     [("ND30-COQUAN-BOLD", BOLD, NOT_BOLD)]),
    ("quyet-dinh-dieu-indent", "quyet_dinh", _fmt("Điều 1.", first_line_indent=Cm(0.5)),
     [("ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 0,5 cm")]),
    # body
    ("body-left", "ke_hoach", _fmt("1. Nhằm", alignment=LEFT),
     [("ND30-BODY-ALIGN", "căn đều hai bên", "căn trái")]),
    ("body-indent-2cm", "ke_hoach", _fmt("2. Nhằm", first_line_indent=Cm(2)),
     [("ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 2 cm")]),
    ("body-no-indent", "cong_van", _fmt("Nhằm", first_line_indent=Cm(0)),
     [("ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 0 cm")]),
    ("body-size-12", "ke_hoach", _runs("3. Nhằm", size=12),
     [("ND30-BODY-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("body-no-spacing", "ke_hoach", _fmt("4. Nhằm", space_before=Pt(0)),
     [("ND30-BODY-SPACING", "cách đoạn ≥ 6 pt", "cách đoạn 0 pt")]),
    ("body-spacing-5pt", "cong_van", _fmt("Công đoàn Viên", space_before=Pt(2)),
     [("ND30-BODY-SPACING", "cách đoạn ≥ 6 pt", "cách đoạn 5 pt")]),
    ("body-double", "ke_hoach", _fmt("5. Nhằm", line_spacing=2.0),
     [("ND30-BODY-LINE", LINE, "giãn dòng 2 dòng")]),
    ("body-exact-12pt", "ke_hoach", _fmt("5. Nhằm", line_spacing=Pt(12)),
     [("ND30-BODY-LINE", LINE, "giãn dòng chính xác 12 pt")]),
    ("body-no-end-mark", "ke_hoach", _text("Ủy ban nhân dân huyện đề nghị",
                                           "Ủy ban nhân dân huyện đề nghị thực hiện."),
     [("ND30-BODY-END", "kết thúc bằng dấu ./.", "…đề nghị thực hiện.")]),
    # Nơi nhận
    ("noi-nhan-italic", "ke_hoach", _runs("Nơi nhận", italic=False),
     [("ND30-NOINHAN-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("noi-nhan-bold", "to_trinh", _runs("Nơi nhận", bold=False),
     [("ND30-NOINHAN-BOLD", BOLD, NOT_BOLD)]),
    ("noi-nhan-size", "ke_hoach", _runs("Nơi nhận", size=14),
     [("ND30-NOINHAN-SIZE", "cỡ chữ 12", "cỡ chữ 14")]),
    ("noi-nhan-colon", "cong_van", _text("Nơi nhận", "Nơi nhận"),
     [("ND30-NOINHAN-FORM", "Nơi nhận:", "Nơi nhận")]),
    ("noi-nhan-item-size", "ke_hoach", _runs("- Sở Nội vụ", size=12),
     [("ND30-NOINHAN-LIST-SIZE", "cỡ chữ 11", "cỡ chữ 12")]),
    ("noi-nhan-no-semicolon", "ke_hoach", _text("- Sở Nội vụ", "- Sở Nội vụ"),
     [("ND30-NOINHAN-PUNCT", "- Sở Nội vụ;", "- Sở Nội vụ")]),
    ("noi-nhan-no-dash", "cong_van", _text("- Như kính gửi", "Như kính gửi;"),
     [("ND30-NOINHAN-PUNCT", "- Như kính gửi;", "Như kính gửi;")]),
    ("luu-no-colon", "ke_hoach", _text("- Lưu", "- Lưu VT, PNV."),
     [("ND30-NOINHAN-LUU", "- Lưu: VT, PNV.", "- Lưu VT, PNV.")]),
    ("luu-seed-000", "cong_van", _text("- Lưu", "- Lưu: Vt CĐVC."),
     [("ND30-NOINHAN-LUU", "- Lưu: VT, CĐVC.", "- Lưu: Vt CĐVC.")]),
    ("luu-missing", "ke_hoach", _text("- Lưu", "- Các phòng chuyên môn."),
     [("ND30-NOINHAN-LUU", "dòng cuối là - Lưu: VT, ….", "- Các phòng chuyên môn.")]),
    ("noi-nhan-below-signature", "ke_hoach", _recipients_below,
     [("ND30-NOINHAN-PLACE", "bên trái, ngang dòng quyền hạn, chức vụ người ký",
       "đoạn riêng dưới chữ ký")]),
    ("noi-nhan-a-line-below-the-title", "cong_van_tabs", _recipients_a_line_lower,
     [("ND30-NOINHAN-PLACE", "bên trái, ngang dòng quyền hạn, chức vụ người ký",
       "không ngang dòng quyền hạn")]),
    ("noi-nhan-a-line-lower-in-its-cell", "ke_hoach", _blank_line_above("Nơi nhận"),
     [("ND30-NOINHAN-PLACE", "bên trái, ngang dòng quyền hạn, chức vụ người ký",
       "không ngang dòng quyền hạn")]),
    ("noi-nhan-missing", "to_trinh", _no_recipients,
     [("ND30-NOINHAN-MISSING", "Nơi nhận ở cuối văn bản, bên trái", MISSING)]),
    # signature
    ("prefix-no-dot", "ke_hoach", _text("TM. ỦY BAN", "TM ỦY BAN NHÂN DÂN"),
     [("ND30-KY-PREFIX", "TM.", "TM")]),
    ("prefix-party-form", "cong_van", _text("TM. BAN", "T/M BAN THƯỜNG VỤ"),
     [("ND30-KY-PREFIX", "TM.", "T/M")]),
    ("title-not-bold", "ke_hoach", _runs("KT. CHỦ TỊCH", bold=False),
     [("ND30-KY-BOLD", BOLD, NOT_BOLD)]),
    ("title-size", "ke_hoach", _runs("PHÓ CHỦ TỊCH", size=12),
     [("ND30-KY-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("title-small-letters", "ke_hoach", _text("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
     [("ND30-KY-CASE", "IN HOA", "có chữ thường")]),
    ("title-missing", "to_trinh", _text("GIÁM ĐỐC", ""),
     [("ND30-KY-MISSING", "quyền hạn, chức vụ người ký", MISSING)]),
    ("honorific-ts", "ke_hoach", _text("Vũ Lê", "TS. Vũ Lê Chung Anh"),
     [("ND30-KYTEN-HONORIFIC", "họ tên không kèm học hàm, học vị, danh xưng", "TS.")]),
    ("honorific-ong", "cong_van", _text("Nguyễn Thị", "Bà Nguyễn Thị Phương Thúy"),
     [("ND30-KYTEN-HONORIFIC", "họ tên không kèm học hàm, học vị, danh xưng", "Bà")]),
    ("signer-not-bold", "ke_hoach", _runs("Vũ Lê", bold=False),
     [("ND30-KYTEN-BOLD", BOLD, NOT_BOLD)]),
    ("signer-size", "to_trinh", _runs("Nguyễn Văn A", size=12),
     [("ND30-KYTEN-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]),
    ("signer-missing", "ke_hoach", _text("Vũ Lê", ""),
     [("ND30-KYTEN-MISSING", "họ tên người ký dưới chức vụ", MISSING)]),
    # page numbers
    ("page-number-in-footer", "ke_hoach",
     lambda d: (_remove_header(d), add_page_number(d.sections[0], footer=True)),
     [("ND30-PAGENUM-HEADER", "số trang ở đầu trang (header)", "số trang ở chân trang (footer)")]),
    ("page-number-missing", "ke_hoach", _remove_header,
     [("ND30-PAGENUM-HEADER", "số trang ở đầu trang (header)", "không có số trang")]),
    ("page-number-on-page-1", "ke_hoach", _page_number(hide_first=False),
     [("ND30-PAGENUM-FIRST", "trang 1 không hiện số trang", "trang 1 hiện số trang")]),
    ("page-number-left", "ke_hoach", _page_number(align=LEFT),
     [("ND30-PAGENUM-ALIGN", "căn giữa", "căn trái")]),
    ("page-number-size", "ke_hoach", _page_number(size=10),
     [("ND30-PAGENUM-SIZE", "cỡ chữ 13–14", "cỡ chữ 10")]),
    # tables of data
    ("bang-size-11", "thong_bao_bang", _runs("Kênh mương", size=11),
     [("ND30-BANG-SIZE", "cỡ chữ 13–14", "cỡ chữ 11")]),
    ("bang-header-not-repeated", "thong_bao_bang", _no_header_row,
     [("BANG-HEADER", "dòng tiêu đề lặp lại ở đầu mỗi trang", "dòng tiêu đề không lặp lại")]),
    ("bang-wider-than-the-page", "thong_bao_bang", _column_width(1, 5600),
     [("ND30-BANG-WIDTH", "bảng rộng không quá vùng trình bày (165 mm)", "bảng rộng 186 mm")]),
    ("party-bang-size", "party_bang", _runs("Kênh mương", size=13),
     [("HD36-BANG-SIZE", "cỡ chữ 14–15", "cỡ chữ 13")]),
    # Party (HD 36)
    ("party-so-colon", "party", _text("Số", "Số: 277-KH/ĐUK"),
     [("HD36-SO-FORM", "Số 277-KH/ĐUK", "Số: 277-KH/ĐUK")]),
    ("party-so-state-form", "party", _text("Số", "Số 277/KH-ĐUK"),
     [("HD36-SO-FORM", "Số 277-KH-ĐUK", "Số 277/KH-ĐUK")]),
    ("party-so-pad", "party", _text("Số", "Số 7-KH/ĐUK"), [("ND30-SO-PAD", "Số 07", "Số 7")]),
    ("party-so-size", "party", _runs("Số", size=13), [("HD36-SO-SIZE", "cỡ chữ 14", "cỡ chữ 13")]),
    ("party-tieu-de-size", "party", _runs("ĐẢNG CỘNG SẢN", size=14),
     [("HD36-TIEUDE-SIZE", "cỡ chữ 15", "cỡ chữ 14")]),
    ("party-tieu-de-case", "party", _text("ĐẢNG CỘNG SẢN", "Đảng Cộng sản Việt Nam"),
     [("HD36-TIEUDE-CASE", "IN HOA", "có chữ thường")]),
    ("party-tieu-de-bold", "party", _runs("ĐẢNG CỘNG SẢN", bold=False),
     [("HD36-TIEUDE-BOLD", BOLD, NOT_BOLD)]),
    ("party-co-quan-size", "party", _runs("ĐẢNG ỦY KHỐI", size=13),
     [("HD36-COQUAN-SIZE", "cỡ chữ 14", "cỡ chữ 13")]),
    ("party-co-quan-case", "party", _text("ĐẢNG ỦY KHỐI", "Đảng ủy Khối Cơ quan và Doanh nghiệp"),
     [("HD36-COQUAN-CASE", "IN HOA", "có chữ thường")]),
    ("party-co-quan-bold", "party", _runs("ĐẢNG ỦY KHỐI", bold=False),
     [("HD36-COQUAN-BOLD", BOLD, NOT_BOLD)]),
    ("party-date-size", "party", _runs("Yên Bái,", size=13),
     [("HD36-DATE-SIZE", "cỡ chữ 14", "cỡ chữ 13")]),
    ("party-date-upright", "party", _runs("Yên Bái,", italic=False),
     [("HD36-DATE-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("party-ten-loai-size", "party", _runs("KẾ HOẠCH", size=14),
     [("HD36-TENLOAI-SIZE", "cỡ chữ 15–16", "cỡ chữ 14")]),
    ("party-ten-loai-case", "party", _text("KẾ HOẠCH", "Kế hoạch"),
     [("HD36-TENLOAI-CASE", "IN HOA", "có chữ thường")]),
    ("party-ten-loai-bold", "party", _runs("KẾ HOẠCH", bold=False),
     [("HD36-TENLOAI-BOLD", BOLD, NOT_BOLD)]),
    ("party-ten-loai-left", "party", _fmt("KẾ HOẠCH", alignment=LEFT),
     [("HD36-TENLOAI-ALIGN", "căn giữa", "căn trái")]),
    ("party-trich-yeu-size", "party", _runs("về việc", size=13),
     [("HD36-TRICHYEU-SIZE", "cỡ chữ 14–15", "cỡ chữ 13")]),
    ("party-trich-yeu-bold", "party", _runs("về việc", bold=False),
     [("HD36-TRICHYEU-BOLD", BOLD, NOT_BOLD)]),
    ("party-trich-yeu-left", "party", _fmt("về việc", alignment=LEFT),
     [("HD36-TRICHYEU-ALIGN", "căn giữa", "căn trái")]),
    # A Party document is judged by the guideline of its date (lint.regime): from 27/5/2026 HD 05,
    # whose findings carry its name, and whose công văn trích yếu starts "về …" (rulebook.party).
    ("party-2026-so-colon", "party", _both(_text("Yên Bái,", "Yên Bái, ngày 02 tháng 6 năm 2026"),
                                            _text("Số", "Số: 277-KH/ĐUK")),
     [("HD05-SO-FORM", "Số 277-KH/ĐUK", "Số: 277-KH/ĐUK")]),
    ("party-2026-cong-van-without-ve", "party_cong_van",
     _both(_text("Yên Bái,", "Yên Bái, ngày 02 tháng 6 năm 2026"),
           _text("về triển khai", "Triển khai đợt thi đua đặc biệt")),
     [("HD05-VV-FORM", "về triển khai đợt thi đua đặc…", "Triển")]),
    ("party-2026-draft-cong-van-unjudged", "party_cong_van",
     _both(_text("Yên Bái,", "Yên Bái, ngày      tháng      năm 2026"),
           _text("về triển khai", "Triển khai đợt thi đua đặc biệt")), []),
    ("party-2025-cong-van-without-ve", "party_cong_van",
     _text("về triển khai", "Triển khai đợt thi đua đặc biệt"), []),
    ("party-cong-van-trich-yeu-size", "party_cong_van", _runs("về triển khai", size=13),
     [("HD36-VV-SIZE", "cỡ chữ 12", "cỡ chữ 13")]),
    ("party-cong-van-trich-yeu-upright", "party_cong_van", _runs("về triển khai", italic=False),
     [("HD36-VV-ITALIC", "chữ nghiêng", "chữ đứng")]),
    ("party-body-size", "party", _runs("Nhằm", size=13),
     [("HD36-BODY-SIZE", "cỡ chữ 14–15", "cỡ chữ 13")]),
    ("party-prefix-state-form", "party", _text("T/M", "TM. BAN THƯỜNG VỤ"),
     [("HD36-KY-PREFIX", "T/M", "TM.")]),
    ("party-luu-no-period", "party", _text("- Lưu", "- Lưu Văn phòng Đảng ủy"),
     [("HD36-NOINHAN-LUU", "- Lưu Văn phòng Đảng ủy.", "- Lưu Văn phòng Đảng ủy")]),
    # HD 36 says nothing of the recipients' ";": Party lists that end every line with "," pass…
    ("party-noi-nhan-commas", "party",
     _both(_text("- Ban Thường vụ", "- Ban Thường vụ Tỉnh ủy (b/c),"), _text("- Các chi", "- Các chi, đảng bộ cơ sở,")),
     []),
    # …but not a list that mixes the two
    ("party-noi-nhan-mixed", "party", _text("- Ban Thường vụ", "- Ban Thường vụ Tỉnh ủy (b/c),"),
     [("ND30-NOINHAN-PUNCT", "- Ban Thường vụ Tỉnh ủy (b/c);", "- Ban Thường vụ Tỉnh ủy (b/c),")]),
]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_correct_document_passes(kind, tmp_path):
    assert [format_violation(v) for v in lint_docx(save(BUILDERS[kind](), tmp_path))] == []


def test_the_decrees_compilation_of_templates_is_said_to_be_one(tmp_path):
    """Phụ lục III: each template is checked on its own, and each is right (abbreviation
    table, captions, dotted blanks, the note under the signature are not findings)."""
    assert triples(save(phu_luc_iii(), tmp_path)) == [
        ("DOCX-MULTI", "một văn bản trong một tệp",
         "4 mẫu văn bản (Mẫu 1.1, Mẫu 1.2, Mẫu 1.4, Mẫu 1.5), mỗi mẫu được kiểm tra riêng")]


@pytest.mark.parametrize("case,kind,mutate,expected", CASES, ids=[c[0] for c in CASES])
def test_one_broken_rule(case, kind, mutate, expected, tmp_path):
    violations = lint_docx(build(kind, mutate, tmp_path))
    assert [(v.rule_id, v.expected, v.found) for v in violations] == expected
    assert all(v.rule_name == rule_name(v.rule_id) for v in violations)


def test_every_rule_is_caught_alone_by_the_corpus():
    """Rules judged on the printed page (PRINT-…) need LibreOffice: their tests are that check's."""
    alone = {expected[0][0] for _, _, _, expected in CASES if len(expected) == 1}
    assert sorted(r.id for r in RULES if r.id not in alone and not r.id.startswith("PRINT-")) == []


# -- what a văn thư saw in documents from another generator (issue 19) -------------------


def _upright_preamble(d):
    for start in ("Căn cứ Luật", "Căn cứ Quyết định", "Theo đề nghị"):
        set_runs(d, start, italic=False)


def _plain(start):
    """Typed like the body: 11 pt, not bold, flush left."""
    return _both(_runs(start, size=11, bold=False), _fmt(start, alignment=LEFT))


SEEN_IN_THE_FIELD: list[tuple[str, object, Callable, list[Triple]]] = [
    ("quoc-hieu-and-tieu-ngu-at-1.5-lines", "ke_hoach",
     _both(_fmt("CỘNG HÒA", line_spacing=1.5), _fmt("Độc lập", line_spacing=1.5)),
     [("ND30-QUOCHIEU-LINE", "cách dòng đơn", "giãn dòng 1,5 dòng"),
      ("ND30-TIEUNGU-LINE", "cách dòng đơn", "giãn dòng 1,5 dòng")]),
    ("rules-half-and-a-fifth", "ke_hoach",
     _both(_rule_after("Độc lập", 3.3), _rule_after("Phát động", 7.23)),
     [("ND30-TIEUNGU-RULE", RULE_FULL, "đường kẻ bằng 50 % độ dài dòng chữ"),
      ("ND30-TRICHYEU-RULE", RULE_PART, "đường kẻ bằng 20 % độ dài dòng chữ")]),
    ("noi-nhan-full-width-under-the-signature", "ke_hoach", _recipients_below,
     [("ND30-NOINHAN-PLACE", "bên trái, ngang dòng quyền hạn, chức vụ người ký",
       "đoạn riêng dưới chữ ký")]),
    ("vv-colon-centred-across-the-page", "cong_van",
     _vv_across_the_page("V/v: phát động phong trào thi đua đặc biệt"),
     [("ND30-VV-FORM", "V/v phát động phong trào thi…", "V/v: phát động phong trào thi…"),
      ("ND30-VV-PLACE", "dưới số, ký hiệu, cùng cột", "đoạn riêng ngoài bảng tiêu đề")]),
    ("kinh-gui-11pt-trich-yeu-lower-case", "to_trinh",
     _both(_runs("Kính gửi", size=11),
           _text("Đề nghị tặng", "đề nghị tặng Bằng khen cho tập thể, cá nhân")),
     [("ND30-TRICHYEU-CASE", "Đề", "đề"), ("ND30-KINHGUI-SIZE", "cỡ chữ 13–14", "cỡ chữ 11")]),
    ("quyet-dinh-preamble-typed-as-body", "quyet_dinh",
     _both(_upright_preamble, _runs("Điều 1.", bold=False), _plain("GIÁM ĐỐC"),
           _plain("QUYẾT ĐỊNH:")),
     [("ND30-THAMQUYEN-BOLD", BOLD, NOT_BOLD),
      ("ND30-THAMQUYEN-SIZE", "cỡ chữ 13–14", "cỡ chữ 11"),
      ("ND30-THAMQUYEN-ALIGN", "căn giữa", "căn trái"),
      ("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng"),
      ("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng"),
      ("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng"),
      ("ND30-QUYETDINH-BOLD", BOLD, NOT_BOLD),
      ("ND30-QUYETDINH-SIZE", "cỡ chữ 13–14", "cỡ chữ 11"),
      ("ND30-QUYETDINH-ALIGN", "căn giữa", "căn trái"),
      ("ND30-DIEU-BOLD", BOLD, NOT_BOLD)]),
    # The căn cứ are found by their words, whatever stands above them.
    ("can-cu-upright-no-tham-quyen", "quyet_dinh", _both(_upright_preamble, _remove("GIÁM ĐỐC")),
     [("ND30-THAMQUYEN-MISSING", "thẩm quyền ban hành dưới trích yếu", MISSING),
      *[("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng")] * 3]),
    ("can-cu-upright-under-a-plain-tham-quyen", "quyet_dinh",
     _both(_upright_preamble, _plain("GIÁM ĐỐC")),
     [("ND30-THAMQUYEN-BOLD", BOLD, NOT_BOLD),
      ("ND30-THAMQUYEN-SIZE", "cỡ chữ 13–14", "cỡ chữ 11"),
      ("ND30-THAMQUYEN-ALIGN", "căn giữa", "căn trái"),
      *[("ND30-CANCU-ITALIC", "chữ nghiêng", "chữ đứng")] * 3]),
    ("to-trinh-TTR", "to_trinh", _text("Số:", "Số: 27/TTR-SNV"),
     [("ND30-SO-KYHIEU", "TTr", "TTR")]),
]


@pytest.mark.parametrize("case,kind,mutate,expected", SEEN_IN_THE_FIELD,
                         ids=[c[0] for c in SEEN_IN_THE_FIELD])
def test_what_was_missed_is_found(case, kind, mutate, expected, tmp_path):
    assert triples(build(kind, mutate, tmp_path)) == expected
