"""Build test documents the way a clerk types them in Word, with python-docx.

Each builder returns a python-docx ``Document`` that passes every lint rule; the corpus
(tests/lint/test_corpus.py) breaks one rule at a time with the small editing helpers below
and saves the result. The builders vary what a clerk varies: formatting written on the runs
or in styles and document defaults, headers as a 1×2 or a 2×2 table, and the four ways
Word users draw the short rules under the header lines and the trích yếu — an empty
paragraph with a border, a line shape (DrawingML with its VML fallback, or VML alone as
older Word saves it), a line of underscores, or underlined text.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from itertools import count
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
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
         first: bool = False, underline: bool | None = None):
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
        if underline is not None:
            r.underline = underline
    return p


def body_para(doc, text: str, *, style: str | None = None):
    """A body paragraph with direct formatting: justified, indent 1 cm, 6 pt before, 1.15."""
    p = doc.add_paragraph(text, style=style)
    if style is None:
        p.alignment = JUSTIFY
        pf = p.paragraph_format
        pf.first_line_indent, pf.space_before, pf.line_spacing = Cm(1), Pt(6), 1.15
    return p


def article(doc, number: int, text: str):
    """"Điều 1. …": the label in bold, the rest upright, as the decree's templates set it."""
    p = body_para(doc, "")
    p.add_run(f"Điều {number}.").bold = True
    p.add_run(f" {text}")
    return p


def layout_table(doc, widths: tuple[int, int]):
    """A borderless 1×2 table, as clerks use for the header and the signature block."""
    table = doc.add_table(rows=1, cols=2)
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths):
        column.width = cell.width = Twips(width)  # w:gridCol and w:tcW agree, as Word saves
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


# -- rules under the header lines and the trích yếu ---------------------------------------

_SHAPE_IDS = count(1)
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')


def rule_border(container, indent_cm: float, *, side: str = "bottom"):
    """An empty paragraph with a border, shortened by equal left and right indents: what
    Home ▸ Borders gives on a blank line under the text."""
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.left_indent = pf.right_indent = Cm(indent_cm)
    pf.space_before = pf.space_after = Pt(0)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        edge.set(qn(f"w:{attr}"), value)
    border.append(edge)
    ppr.insert_element_before(border, "w:spacing", "w:ind", "w:jc", "w:rPr")
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)
    return p


def rule_shape(paragraph, length_cm: float, column_cm: float, *, vml_only: bool = False) -> None:
    """A line drawn with Insert ▸ Shapes ▸ Line, anchored in ``paragraph`` a little under
    its text, centred in a column ``column_cm`` wide. Word 2010+ saves DrawingML with a VML
    fallback; older Word, VML alone."""
    n = next(_SHAPE_IDS)
    emu = int(length_cm * 360000)
    x0, x1 = ((column_cm - length_cm) / 2 * 72 / 2.54, (column_cm + length_cm) / 2 * 72 / 2.54)
    vml = (f'<w:pict><v:line id="Line {n}" style="position:absolute;z-index:{n}" '
           f'from="{x0:.1f}pt,16pt" to="{x1:.1f}pt,16pt" strokeweight=".5pt"/></w:pict>')
    if vml_only:
        inner = vml
    else:
        inner = (
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            f'relativeHeight="{251659264 + n}" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>203200</wp:posOffset>'
            f'</wp:positionV><wp:extent cx="{emu}" cy="0"/>'
            '<wp:effectExtent l="0" t="0" r="19050" b="19050"/><wp:wrapNone/>'
            f'<wp:docPr id="{n}" name="Straight Connector {n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{emu}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/>'
            '</a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            '</a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback>{vml}</mc:Fallback>'
            '</mc:AlternateContent>')
    paragraph._p.append(parse_xml(f'<w:r {_NS}><w:rPr><w:noProof/></w:rPr>{inner}</w:r>'))


def rule_typed(container, chars: str, size: float):
    """A rule typed as characters, centred: the decree's own template uses underscores."""
    return para(container, chars, size=size, align=CENTER)


# -- the correct documents --------------------------------------------------------------


def state_ke_hoach() -> Document:
    """UBND huyện kế hoạch (Mẫu 1.4), two pages, căn cứ lines, page number in the header;
    rules drawn as bordered empty paragraphs."""
    doc = new_document()
    left, right = layout_table(doc, (3829, 5670))
    para(left, "UBND TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    para(left, "ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU", size=13, bold=True, align=CENTER)
    rule_border(left, 1.9)  # under the name: 3613 − 2 × 1077 twips ≈ 40 % of the cell
    para(left, "Số: 05/KH-UBND", size=13, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    rule_border(right, 1.8)  # 5454 − 2 × 1021 twips: the tiêu ngữ's 3415
    para(right, "Trạm Tấu, ngày 05 tháng 3 năm 2025", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "KẾ HOẠCH", size=14, bold=True, align=CENTER)
    para(doc, "Phát động phong trào thi đua đặc biệt năm 2025", size=14, bold=True,
         align=CENTER)
    rule_border(doc, 6.1)  # 9355 − 2 × 3459 twips ≈ 42 % of the trích yếu
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
    """Union công văn (Mẫu 1.5), one page, formatting from styles and document defaults;
    rules drawn as line shapes (DrawingML with a VML fallback)."""
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
    rule_shape(para(left, "CÔNG ĐOÀN VIÊN CHỨC TỈNH", size=13, bold=True, align=CENTER), 2.6,
               6.4)
    para(left, "Số: 38/CĐVC", size=13, align=CENTER)
    para(left, "V/v phát động phong trào thi đua đặc biệt", size=12, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="QuocHieu", first=True)
    rule_shape(para(right, "Độc lập - Tự do - Hạnh phúc", style="TieuNgu"), 5.6, 9.1)
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


def party_cong_van() -> Document:
    """Chi bộ công văn (HD 36): the trích yếu "về …" 12 italic under the Số, no "V/v"."""
    doc = new_document()
    left, right = layout_table(doc, (4300, 5200))
    para(left, "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", size=14, align=CENTER, first=True)
    para(left, "CHI BỘ SỞ XÂY DỰNG", size=14, bold=True, align=CENTER)
    para(left, "*", size=14, align=CENTER)
    para(left, "Số 12-CV/CB", size=14, align=CENTER)
    para(left, "về triển khai đợt thi đua đặc biệt", size=12, italic=True, align=CENTER)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, align=CENTER, first=True)
    para(right, "Yên Bái, ngày 02 tháng 10 năm 2024", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "Kính gửi: Các tổ đảng, đảng viên trong Chi bộ.", align=CENTER)
    for text in (BODY_TEXT + ".", "Chi bộ đề nghị các tổ đảng triển khai thực hiện."):
        body_para(doc, text)
    left, right = layout_table(doc, (3300, 6200))
    noi_nhan(left, ["- Như trên;", "- Đảng ủy Khối (để b/c);", "- Lưu Văn phòng Chi bộ."])
    signature(right, [("T/M CHI BỘ", True), ("BÍ THƯ", False)], "Nguyễn Văn A")
    return doc


def state_quyet_dinh() -> Document:
    """Sở quyết định (Mẫu 1.2): thẩm quyền line, căn cứ + "Theo đề nghị", "QUYẾT ĐỊNH:",
    header typed as a 2×2 table (the number in the second row), signature with KT; rules
    typed as underscores (as the decree's own template does) and the tiêu ngữ underlined."""
    doc = new_document()
    table = doc.add_table(rows=2, cols=2)
    (a, b), (c, d) = ((cell for cell in row.cells) for row in table.rows)
    para(a, "UBND TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    para(a, "SỞ NỘI VỤ", size=13, bold=True, align=CENTER)
    rule_typed(a, "_" * 5, 13)  # 650 twips under a 1344-twip name: 48 %
    para(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    para(b, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER, underline=True)
    para(c, "Số: 112/QĐ-SNV", size=13, align=CENTER, first=True)
    para(d, "Yên Bái, ngày 09 tháng 02 năm 2025", size=14, italic=True, align=CENTER,
         first=True)
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, align=CENTER)
    para(doc, "Về việc khen thưởng phong trào thi đua đặc biệt", size=14, bold=True,
         align=CENTER)
    rule_typed(doc, "_" * 17, 13)  # 2210 twips: 38 % of 5749
    para(doc, "GIÁM ĐỐC SỞ NỘI VỤ", size=14, bold=True, align=CENTER)
    for text in ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Quyết định số 20/2024/QĐ-UBND của Ủy ban nhân dân tỉnh;",
                 "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng."):
        body_para(doc, text).runs[0].italic = True
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align=CENTER)
    article(doc, 1, "Tặng Giấy khen cho 05 tập thể có thành tích xuất sắc.")
    article(doc, 2, "Quyết định này có hiệu lực kể từ ngày ký./.")
    left, right = layout_table(doc, (3276, 6072))
    noi_nhan(left, ["- Như Điều 2;", "- Lưu: VT, TĐKT."])
    signature(right, [("KT. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True)], "Hoàng Thị Lan")
    return doc


def state_to_trinh() -> Document:
    """Sở tờ trình to the provincial committee (Mẫu 1.4 with "Kính gửi"), ký hiệu "TTr";
    rules drawn as VML lines, as documents from older Word keep them."""
    doc = new_document()
    left, right = layout_table(doc, (3829, 5670))
    para(left, "UBND TỈNH YÊN BÁI", size=13, align=CENTER, first=True)
    rule_shape(para(left, "SỞ NỘI VỤ", size=13, bold=True, align=CENTER), 1.0, 6.4,
               vml_only=True)
    para(left, "Số: 27/TTr-SNV", size=13, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    rule_shape(para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER),
               6.0, 9.6, vml_only=True)
    para(right, "Yên Bái, ngày 20 tháng 11 năm 2024", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "TỜ TRÌNH", size=14, bold=True, align=CENTER)
    rule_shape(para(doc, "Đề nghị tặng Bằng khen cho tập thể, cá nhân", size=14, bold=True,
                    align=CENTER), 4.0, 16.5, vml_only=True)
    para(doc, "")
    para(doc, "Kính gửi: Ủy ban nhân dân tỉnh Yên Bái.", size=14, align=CENTER)
    for text in (BODY_TEXT + ".", "Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, "
                 "quyết định./."):
        body_para(doc, text)
    left, right = layout_table(doc, (2994, 6290))
    noi_nhan(left, ["- Như trên;", "- Lưu: VT, TĐKT."])
    signature(right, [("GIÁM ĐỐC", True)], "Nguyễn Văn A")
    return doc


def state_nghi_quyet() -> Document:
    """HĐND tỉnh nghị quyết (Mẫu 1.1): two thẩm quyền lines, "QUYẾT NGHỊ:", "Xét …"."""
    doc = new_document()
    left, right = layout_table(doc, (3936, 5846))
    para(left, "HỘI ĐỒNG NHÂN DÂN", size=13, bold=True, align=CENTER, first=True)
    para(left, "TỈNH YÊN BÁI", size=13, bold=True, align=CENTER)
    rule_border(left, 2.2, side="top")  # 3720 − 2 × 1247 twips: 44 % of 2809
    para(left, "Số: 45/NQ-HĐND", size=13, align=CENTER)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER,
         first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    rule_border(right, 1.8, side="top")
    para(right, "Yên Bái, ngày 10 tháng 12 năm 2024", size=14, italic=True, align=CENTER)
    para(doc, "")
    para(doc, "NGHỊ QUYẾT", size=14, bold=True, align=CENTER)
    para(doc, "Về khen thưởng phong trào thi đua đặc biệt", size=14, bold=True, align=CENTER)
    rule_border(doc, 6.0, side="top")
    para(doc, "HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI", size=14, bold=True, align=CENTER)
    para(doc, "KHÓA XVIII, KỲ HỌP THỨ 19", size=14, bold=True, align=CENTER)
    for text in ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Xét Tờ trình số 27/TTr-UBND của Ủy ban nhân dân tỉnh; ý kiến thảo luận của "
                 "đại biểu Hội đồng nhân dân tỉnh tại kỳ họp."):
        body_para(doc, text).runs[0].italic = True
    para(doc, "QUYẾT NGHỊ:", size=14, bold=True, align=CENTER)
    article(doc, 1, "Thông qua danh sách khen thưởng kèm theo Nghị quyết này.")
    article(doc, 2, "Nghị quyết này có hiệu lực kể từ ngày thông qua./.")
    left, right = layout_table(doc, (3276, 6072))
    noi_nhan(left, ["- Như Điều 2;", "- Lưu: VT."])
    signature(right, [("CHỦ TỊCH", True)], "Nguyễn Văn A")
    return doc


def tabs(paragraph, pieces) -> None:
    """Runs separated by tabs, as a clerk lines up two columns without a table: ``pieces``
    are (text, size, bold, italic), a tab between each two (an empty first piece: the line
    starts with a tab)."""
    for i, (text, size, bold, italic) in enumerate(pieces):
        if i:
            paragraph.add_run().add_tab()
        if text:
            r = paragraph.add_run(text)
            r.font.size, r.bold, r.italic = Pt(size), bold, italic


def state_cong_van_tabs() -> Document:
    """Sở công văn typed without tables: header and signature lined up with tabs (centred
    tab stops at 3.5 and 12 cm), the rules drawn as shapes."""
    doc = new_document()

    def line(*pieces):
        p = doc.add_paragraph()
        stops = p.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(3.5), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Cm(12), WD_TAB_ALIGNMENT.CENTER)
        tabs(p, pieces)
        return p

    line(("", 0, False, False), ("UBND TỈNH YÊN BÁI", 13, False, False),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False))
    p = line(("", 0, False, False), ("SỞ NỘI VỤ", 13, True, False),
             ("Độc lập - Tự do - Hạnh phúc", 13, True, False))
    rule_shape(p, 1.2, 7.0)
    rule_shape(p, 5.6, 24.0)
    doc.add_paragraph()
    line(("", 0, False, False), ("Số: 15/SNV-VP", 13, False, False),
         ("Yên Bái, ngày 05 tháng 01 năm 2025", 14, False, True))
    line(("", 0, False, False), ("V/v hướng dẫn thi đua năm 2025", 12, False, False))
    para(doc, "")
    para(doc, "Kính gửi: Các phòng, đơn vị thuộc Sở.", align=CENTER)
    for text in (BODY_TEXT + ".", "Sở Nội vụ đề nghị các phòng, đơn vị triển khai thực hiện./."):
        body_para(doc, text)
    line(("Nơi nhận:", 12, True, True), ("", 0, False, False), ("GIÁM ĐỐC", 14, True, False))
    for item in ("- Như trên;", "- Lưu: VT, VP."):
        line((item, 11, False, False))
    for _ in range(3):
        doc.add_paragraph()
    line(("", 0, False, False), ("", 0, False, False), ("Nguyễn Văn A", 14, True, False))
    return doc


# -- tables of data ----------------------------------------------------------------------

WORKS = ("Bê tông hóa đường nội thôn", "Sửa chữa nhà văn hóa thôn", "Kênh mương nội đồng",
         "Trồng cây xanh đường vào trung tâm xã", "Xóa nhà tạm cho hộ nghèo")


def data_table(doc, rows: int, *, size: float, header: bool = True, widths=(700, 4400, 2500, 1755)):
    """A bordered table of works, as Insert ▸ Table gives it ("Table Grid"): STT, name, body, time;
    the first row marked "Repeat as header row" when ``header``. Placed before the body's last
    paragraph (the closing one, which stays with the signature block)."""
    table = doc.add_table(rows=rows + 1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
    for c, name in enumerate(("STT", "Tên công trình", "Cơ quan chủ trì", "Thời gian")):
        para(table.rows[0].cells[c], name, size=size, bold=True, align=CENTER, first=True)
    for r in range(1, rows + 1):
        cells = table.rows[r].cells
        for c, text in enumerate((str(r), WORKS[r % len(WORKS)], f"UBND xã Số {r}", "Tháng 6/2025")):
            para(cells[c], text, size=size, align=CENTER if c in (0, 3) else LEFT, first=True)
    if header:
        row_props = table.rows[0]._tr.get_or_add_trPr()
        row_props.append(OxmlElement("w:tblHeader"))
    closing = doc.tables[-2]._tbl.getprevious()
    while closing.tag != qn("w:p") or not "".join(closing.itertext()).strip():
        closing = closing.getprevious()
    closing.addprevious(table._tbl)
    return table


def state_thong_bao_bang() -> Document:
    """UBND huyện thông báo with a table of 30 works in its body, at 13 pt: longer than a page."""
    doc = state_ke_hoach()
    set_text(doc, "KẾ HOẠCH", "THÔNG BÁO")
    set_text(doc, "Số:", "Số: 05/TB-UBND")
    set_text(doc, "Phát động", "Danh mục công trình đăng ký chào mừng Đại hội")
    data_table(doc, 30, size=13)
    return doc


def party_ke_hoach_bang() -> Document:
    """The Party's kế hoạch with a short table at 14 pt (HD 36: nội dung 14–15)."""
    doc = party_ke_hoach()
    data_table(doc, 3, size=14, header=False)
    return doc


BUILDERS = {"ke_hoach": state_ke_hoach, "cong_van": state_cong_van, "party": party_ke_hoach,
            "party_cong_van": party_cong_van, "quyet_dinh": state_quyet_dinh,
            "to_trinh": state_to_trinh, "nghi_quyet": state_nghi_quyet,
            "cong_van_tabs": state_cong_van_tabs, "thong_bao_bang": state_thong_bao_bang,
            "party_bang": party_ke_hoach_bang}


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
        if r.text:  # a run holding a drawn line keeps it
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


def remove(doc, start: str) -> None:
    """Delete the first paragraph whose text starts with ``start``."""
    p = find(doc, start)._p
    p.getparent().remove(p)


def move_after(doc, start: str, anchor) -> None:
    """Move the paragraph starting with ``start`` out of its place, after element ``anchor``."""
    p = find(doc, start)._p
    anchor.addnext(p)


def append_document(doc, other) -> None:
    """Paste the body of ``other`` at the end of ``doc`` (what Ctrl+A, Ctrl+V does)."""
    body = doc.element.body
    last = body[-1]  # w:sectPr stays last
    for el in list(other.element.body):
        if el.tag != qn("w:sectPr"):
            last.addprevious(deepcopy(el))


def landscape(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width


def save(doc, directory: Path, name: str = "doc.docx") -> Path:
    path = directory / name
    doc.save(str(path))
    return path
