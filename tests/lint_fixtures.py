"""Build test documents the way a clerk types them in Word, with python-docx.

Each builder returns a python-docx ``Document`` that passes every lint rule; tests then break
one rule at a time with the small editing helpers below and save the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

CENTER, JUSTIFY, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                         WD_ALIGN_PARAGRAPH.LEFT)

BODY_TEXT = (
    "Nhằm động viên, khích lệ cán bộ, công chức, viên chức, người lao động, lực lượng vũ trang "
    "và Nhân dân trên địa bàn huyện tiếp tục phát huy truyền thống thi đua yêu nước, tinh thần "
    "đoàn kết, phấn đấu hoàn thành các mục tiêu phát triển kinh tế - xã hội của huyện năm 2025, "
    "lập thành tích chào mừng đại hội đảng bộ các cấp, tiến tới Đại hội đại biểu toàn quốc lần "
    "thứ XIV của Đảng"
)
LAST_STATE = "Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị triển khai thực hiện./."


# -- low-level helpers ------------------------------------------------------------------


def new_document(font_in_defaults: bool = False) -> Document:
    """A4 portrait, margins 20/20/30/15 mm, Normal = Times New Roman 14 single-spaced."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    if font_in_defaults:  # the font comes from w:docDefaults only
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
            qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        fonts.set(qn("w:ascii"), "Times New Roman")
        fonts.set(qn("w:hAnsi"), "Times New Roman")
    else:
        normal.font.name = "Times New Roman"
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0
    return doc


def para(container, text: str = "", *, size: float | None = None, bold: bool | None = None,
         italic: bool | None = None, align=None, style: str | None = None,
         first: bool = False):
    """Add a paragraph with one run (``first``: reuse a table cell's empty paragraph)."""
    p = container.paragraphs[0] if first else container.add_paragraph(style=style)
    if style and first:
        p.style = style
    if align is not None:
        p.alignment = align
    if text:
        r = p.add_run(text)
        if size is not None:
            r.font.size = Pt(size)
        if bold is not None:
            r.bold = bold
        if italic is not None:
            r.italic = italic
    return p


def body_para(doc, text: str, *, style: str | None = None):
    """A body paragraph with direct formatting: justified, indent 1 cm, 6 pt before, 1.15."""
    p = doc.add_paragraph(text, style=style)
    if style is None:
        p.alignment = JUSTIFY
        pf = p.paragraph_format
        pf.first_line_indent, pf.space_before, pf.line_spacing = Cm(1), Pt(6), 1.15
    return p


def layout_table(doc, widths: tuple[int, int]):
    """A borderless 1×2 table, as clerks use for the header and the signature block."""
    table = doc.add_table(rows=1, cols=2)
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = Twips(width)
    return table.rows[0].cells


def add_page_number(section, *, size: float = 14, align=CENTER, footer: bool = False,
                    hide_first: bool = True) -> None:
    """Put a PAGE field in the header (or footer), as Insert ▸ Page Number does."""
    part = section.footer if footer else section.header
    p = part.paragraphs[0]
    p.alignment = align
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        r = p.add_run()
        r.font.size = Pt(size)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            r.text = text
    section.different_first_page_header_footer = hide_first


def signature(cell, titles: Iterable[tuple[str, bool]], name: str, *, name_style=None,
              first: bool = True) -> None:
    for i, (title, bold) in enumerate(titles):
        para(cell, title, size=14, bold=bold, align=CENTER, first=first and i == 0)
    for _ in range(3):
        para(cell, "", align=CENTER)
    p = para(cell, "", align=CENTER)
    r = p.add_run(name, style=name_style)
    if name_style is None:
        r.bold = True


def noi_nhan(cell, items: list[str]) -> None:
    para(cell, "Nơi nhận:", size=12, bold=True, italic=True, first=True)
    for item in items:
        para(cell, item, size=11)


# -- the three correct documents --------------------------------------------------------


def state_ke_hoach() -> Document:
    """UBND huyện kế hoạch (Mẫu 1.4), two pages, căn cứ lines, page number in the header."""
    doc = new_document()
    left, right = layout_table(doc, (3829, 5670))
    para(left, "UBND TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    para(left, "ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU", size=13, bold=True, align=CENTER)
    para(left, "Số: 05/KH-UBND", size=13, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    para(right, "Trạm Tấu, ngày 05 tháng 3 năm 2025", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "KẾ HOẠCH", size=14, bold=True, align=CENTER)
    para(doc, "Phát động phong trào thi đua đặc biệt năm 2025", size=14, bold=True,
         align=CENTER)
    for text in ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Kế hoạch số 188/KH-UBND ngày 30/8/2024 của Ủy ban nhân dân tỉnh."):
        body_para(doc, text).runs[0].italic = True
    body_para(doc, "I. MỤC ĐÍCH, YÊU CẦU").runs[0].bold = True
    for i in range(5):
        body_para(doc, f"{i + 1}. {BODY_TEXT}; {BODY_TEXT.lower()}.")
    body_para(doc, LAST_STATE)
    left, right = layout_table(doc, (2994, 6290))
    noi_nhan(left, ["- Sở Nội vụ;", "- Thường trực Huyện ủy;", "- Lưu: VT, PNV."])
    signature(right, [("TM. ỦY BAN NHÂN DÂN", True), ("KT. CHỦ TỊCH", True),
                      ("PHÓ CHỦ TỊCH", True)], "Vũ Lê Chung Anh")
    add_page_number(doc.sections[0])
    return doc


def state_cong_van(*, kinh_gui: list[str] | None = None) -> Document:
    """Union công văn (Mẫu 1.5), one page, formatting from styles and document defaults."""
    doc = new_document(font_in_defaults=True)
    styles = doc.styles
    qh = styles.add_style("QuocHieu", WD_STYLE_TYPE.PARAGRAPH)
    qh.base_style = styles["Normal"]
    qh.font.bold, qh.font.size = True, Pt(12)
    qh.paragraph_format.alignment = CENTER
    tn = styles.add_style("TieuNgu", WD_STYLE_TYPE.PARAGRAPH)
    tn.base_style = qh  # bold is inherited through w:basedOn
    tn.font.size = Pt(13)
    nd = styles.add_style("NoiDung", WD_STYLE_TYPE.PARAGRAPH)
    nd.base_style = styles["Normal"]
    pf = nd.paragraph_format
    pf.alignment, pf.first_line_indent = JUSTIFY, Twips(720)
    pf.space_before, pf.space_after, pf.line_spacing = Pt(3), Pt(3), 1.0
    ten = styles.add_style("TenNguoiKy", WD_STYLE_TYPE.CHARACTER)
    ten.font.bold = True

    left, right = layout_table(doc, (3852, 5402))
    para(left, "LĐLĐ TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    para(left, "CÔNG ĐOÀN VIÊN CHỨC TỈNH", size=13, bold=True, align=CENTER)
    para(left, "Số: 38/CĐVC", size=13, align=CENTER)
    para(left, "V/v phát động phong trào thi đua đặc biệt", size=12, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="QuocHieu", first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", style="TieuNgu")
    para(right, "Yên Bái, ngày 07 tháng 11 năm 2024", size=14, italic=True, align=CENTER)
    para(doc, "")
    if kinh_gui:
        para(doc, "Kính gửi:", align=CENTER)
        for item in kinh_gui:
            para(doc, item, align=CENTER)
    else:
        para(doc, "Kính gửi: Công đoàn cơ sở trực thuộc.", align=CENTER)
    for text in (BODY_TEXT + ".", "Công đoàn Viên chức tỉnh đề nghị công đoàn cơ sở tổ chức "
                 "tuyên truyền, vận động cán bộ, viên chức ra sức thi đua./."):
        para(doc, text, style="NoiDung")
    left, right = layout_table(doc, (3510, 5812))
    noi_nhan(left, ["- Như kính gửi;", "- Thường trực LĐLĐ tỉnh (b/c);", "- Lưu: VT, CĐVC."])
    signature(right, [("TM. BAN THƯỜNG VỤ", True), ("PHÓ CHỦ TỊCH", True)],
              "Nguyễn Thị Phương Thúy", name_style="TenNguoiKy")
    return doc


def party_ke_hoach() -> Document:
    """Đảng ủy khối kế hoạch (HD 36): tiêu đề, "*", "Số 277-KH/ĐUK", T/M signature."""
    doc = new_document()
    left, right = layout_table(doc, (4300, 5200))
    para(left, "ĐẢNG BỘ TỈNH YÊN BÁI", size=14, align=CENTER, first=True)
    para(left, "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP", size=14, bold=True, align=CENTER)
    para(left, "*", size=14, align=CENTER)
    para(left, "Số 277-KH/ĐUK", size=14, align=CENTER)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, align=CENTER, first=True)
    para(right, "Yên Bái, ngày 18 tháng 9 năm 2024", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "KẾ HOẠCH", size=16, bold=True, align=CENTER)
    para(doc, "về việc phát động đợt thi đua đặc biệt", size=14, bold=True, align=CENTER)
    para(doc, "-----", size=14, align=CENTER)
    for text in (BODY_TEXT + ".", "Ban Thường vụ Đảng ủy Khối đề nghị các tổ chức cơ sở đảng "
                 "triển khai thực hiện."):
        body_para(doc, text)
    left, right = layout_table(doc, (3300, 6200))
    noi_nhan(left, ["- Ban Thường vụ Tỉnh ủy (b/c);", "- Các chi, đảng bộ cơ sở;",
                    "- Lưu Văn phòng Đảng ủy."])
    signature(right, [("T/M BAN THƯỜNG VỤ", True), ("PHÓ BÍ THƯ", False)],
              "Nguyễn Văn Hùng")
    return doc


def state_quyet_dinh() -> Document:
    """Sở quyết định (Mẫu 1.2): thẩm quyền line, căn cứ + "Theo đề nghị", "QUYẾT ĐỊNH:",
    header typed as a 2×2 table (the number in the second row), signature with KT."""
    doc = new_document()
    table = doc.add_table(rows=2, cols=2)
    (a, b), (c, d) = ((cell for cell in row.cells) for row in table.rows)
    para(a, "UBND TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    para(a, "SỞ NỘI VỤ", size=13, bold=True, align=CENTER)
    para(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    para(b, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    para(c, "Số: 112/QĐ-SNV", size=13, align=CENTER, first=True)
    para(d, "Yên Bái, ngày 09 tháng 02 năm 2025", size=14, italic=True, align=CENTER,
         first=True)
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, align=CENTER)
    para(doc, "Về việc khen thưởng phong trào thi đua đặc biệt", size=14, bold=True,
         align=CENTER)
    para(doc, "GIÁM ĐỐC SỞ NỘI VỤ", size=14, bold=True, align=CENTER)
    for text in ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Quyết định số 20/2024/QĐ-UBND của Ủy ban nhân dân tỉnh;",
                 "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng."):
        body_para(doc, text).runs[0].italic = True
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align=CENTER)
    body_para(doc, "Điều 1. Tặng Giấy khen cho 05 tập thể có thành tích xuất sắc.")
    body_para(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    left, right = layout_table(doc, (3276, 6072))
    noi_nhan(left, ["- Như Điều 2;", "- Lưu: VT, TĐKT."])
    signature(right, [("KT. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True)], "Hoàng Thị Lan")
    return doc


BUILDERS = {"ke_hoach": state_ke_hoach, "cong_van": state_cong_van, "party": party_ke_hoach,
            "quyet_dinh": state_quyet_dinh}


# -- editing helpers used by the table-driven tests --------------------------------------


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def find(doc, start: str):
    """Return the first paragraph (body or table cell) whose text starts with ``start``."""
    for p in all_paragraphs(doc):
        if p.text.startswith(start):
            return p
    raise LookupError(start)


def set_text(doc, start: str, text: str) -> None:
    p = find(doc, start)
    p.runs[0].text = text
    for r in p.runs[1:]:
        r.text = ""


def set_runs(doc, start: str, **props) -> None:
    """Set font properties (size, bold, italic, name) on every run of a paragraph."""
    for r in find(doc, start).runs:
        for key, value in props.items():
            setattr(r.font, key, Pt(value) if key == "size" else value)


def set_format(doc, start: str, **props) -> None:
    """Set paragraph_format properties (alignment, first_line_indent, line_spacing…)."""
    pf = find(doc, start).paragraph_format
    for key, value in props.items():
        setattr(pf, key, value)


def landscape(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width


def save(doc, directory: Path, name: str = "doc.docx") -> Path:
    path = directory / name
    doc.save(str(path))
    return path
