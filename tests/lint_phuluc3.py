"""A compilation of templates like NĐ 30's own Phụ lục III, typed with python-docx.

The decree's file is not available offline; this one follows its text and layout (read
from a Markdown conversion of the decree's Phuluc3.docx, and the renderings in
reference/mau/): the annex's title, the table of tên loại abbreviations, the list of
templates, then Mẫu 1.1 (nghị quyết), 1.2 (quyết định), 1.4 (văn bản có tên loại) and 1.5
(công văn), each under its caption "Mẫu 1.x - …", with dotted blanks to fill, the blanks'
footnote numbers in superscript, rules typed as underscores, the italic note about the
signature under the signer's title, and the template's "Ghi chú:" in a box under it.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from lint_fixtures import (
    CENTER,
    JUSTIFY,
    LEFT,
    add_page_number,
    layout_table,
    new_document,
    para,
)

ABBREVIATIONS = (
    ("Nghị quyết (cá biệt)", "NQ"), ("Quyết định (cá biệt)", "QĐ"), ("Chỉ thị", "CT"),
    ("Quy chế", "QC"), ("Quy định", "QyĐ"), ("Thông cáo", "TC"), ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"), ("Chương trình", "CTr"), ("Kế hoạch", "KH"), ("Phương án", "PA"),
    ("Đề án", "ĐA"), ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"),
    ("Tờ trình", "TTr"), ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"), ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"), ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"), ("Bản sao y", "SY"), ("Bản trích sao", "TrS"),
    ("Bản sao lục", "SL"),
)
TEMPLATES = (
    ("Mẫu 1.1", "Nghị quyết (cá biệt)"), ("Mẫu 1.2", "Quyết định (cá biệt) quy định trực tiếp"),
    ("Mẫu 1.3", "Quyết định (cá biệt) quy định gián tiếp"), ("Mẫu 1.4", "Văn bản có tên loại"),
    ("Mẫu 1.5", "Công văn"), ("Mẫu 1.6", "Công điện"), ("Mẫu 1.7", "Giấy mời"),
    ("Mẫu 1.8", "Giấy giới thiệu"), ("Mẫu 1.9", "Biên bản"), ("Mẫu 1.10", "Giấy nghỉ phép"),
)
NOTE_SIGNATURE = ("(Chữ ký của người có thẩm quyền,", "dấu/chữ ký số của cơ quan, tổ chức)")


def blanks(container, pieces, *, size: float, bold: bool = False, italic: bool = False,
           align=CENTER, first: bool = False):
    """A paragraph of text and blanks; an int in ``pieces`` is a footnote number."""
    p = container.paragraphs[0] if first else container.add_paragraph()
    p.alignment = align
    for piece in pieces:
        r = p.add_run(str(piece))
        r.font.size = Pt(size)
        r.bold, r.italic = bold, italic
        r.font.superscript = isinstance(piece, int)
    return p


def body(doc, pieces, *, italic: bool = False):
    p = blanks(doc, pieces, size=14, italic=italic, align=JUSTIFY)
    pf = p.paragraph_format
    pf.first_line_indent, pf.space_before, pf.line_spacing = Cm(1), Pt(6), 1.15
    return p


def header(doc, widths, number, place: int, *, quoc_hieu_size: float = 13, summary=None):
    left, right = layout_table(doc, widths)
    blanks(left, ["TÊN CQ, TC CHỦ QUẢN", 1], size=13, first=True)
    blanks(left, ["TÊN CƠ QUAN, TỔ CHỨC", 2], size=13, bold=True)
    para(left, "_" * 11, size=9, align=CENTER)
    blanks(left, number, size=13)
    if summary:
        blanks(left, summary, size=12)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=quoc_hieu_size, bold=True,
         align=CENTER, first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    para(right, "_" * 28, size=13, align=CENTER)
    blanks(right, ["…", place, "..., ngày …… tháng …… năm ……"], size=14, italic=True)


def footer(doc, widths, recipients):
    left, right = layout_table(doc, widths)
    para(left, "Nơi nhận:", size=12, bold=True, italic=True, first=True)
    for item in recipients:
        blanks(left, item, size=11, align=LEFT)
    para(right, "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", size=14, bold=True, align=CENTER,
         first=True)
    para(right, "", align=CENTER)
    note = para(right, NOTE_SIGNATURE[0], size=14, italic=True, align=CENTER)
    note.runs[0].add_break()
    r = note.add_run(NOTE_SIGNATURE[1])
    r.italic, r.font.size = True, Pt(14)
    for _ in range(2):
        para(right, "", align=CENTER)
    para(right, "Họ và tên", size=14, bold=True, align=CENTER)


def notes(doc, lines):
    """The template's "Ghi chú:", boxed under it (a one-cell table)."""
    cell = doc.add_table(rows=1, cols=1).rows[0].cells[0]
    para(cell, "Ghi chú:", size=12, bold=True, italic=True, first=True)
    for number, text in enumerate(lines, 1):
        blanks(cell, [number, f" {text}"], size=11, align=LEFT)


def caption(doc, label: str, title: str) -> None:
    p = para(doc, label, size=14, bold=True, align=LEFT)
    p.add_run(f" - {title}").font.size = Pt(14)
    p.paragraph_format.space_before = Pt(12)


COMMON = ["Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có).",
          "Tên cơ quan, tổ chức hoặc chức danh nhà nước ban hành văn bản."]


def mau_1_1(doc) -> None:
    caption(doc, "Mẫu 1.1", "Nghị quyết (cá biệt)")
    header(doc, (3936, 5846), ["Số:         /NQ-…", 3, "..."], 4)
    para(doc, "NGHỊ QUYẾT", size=14, bold=True, align=CENTER)
    blanks(doc, ["………................. ", 5, " ................................"], size=14,
           bold=True)
    para(doc, "_" * 13, size=13, align=CENTER)
    para(doc, "THẨM QUYỀN BAN HÀNH", size=14, bold=True, align=CENTER)
    for text in ("Căn cứ ...........................................................;",
                 "Căn cứ ...........................................................;",
                 "..................................................................... ."):
        body(doc, [text], italic=True)
    para(doc, "QUYẾT NGHỊ:", size=14, bold=True, align=CENTER)
    body(doc, ["...........................................", 6,
               "................................................................................"
               "..................................................../."])
    footer(doc, (3276, 6072), [["- Như Điều.....;"], ["- ................;"],
                               ["- Lưu: VT, ...", 7, ". …", 8, "."]])
    notes(doc, COMMON + ["Chữ viết tắt tên cơ quan, tổ chức ban hành nghị quyết.", "Địa danh.",
                         "Trích yếu nội dung nghị quyết.", "Nội dung nghị quyết.",
                         "Chữ viết tắt tên đơn vị soạn thảo văn bản và số lượng bản lưu (nếu "
                         "cần).", "Ký hiệu người soạn thảo văn bản và số lượng bản phát hành "
                         "(nếu cần)."])


def mau_1_2(doc) -> None:
    caption(doc, "Mẫu 1.2", "Quyết định (cá biệt) quy định trực tiếp")
    header(doc, (3829, 5670), ["Số:         /QĐ-…", 3, "..."], 4)
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, align=CENTER)
    blanks(doc, ["Về việc ...............", 5, " ............................."], size=14,
           bold=True)
    para(doc, "_" * 12, size=13, align=CENTER)
    blanks(doc, ["THẨM QUYỀN BAN HÀNH", 6], size=14, bold=True)
    for pieces in (["Căn cứ ................................................", 7,
                    " ....................................;"],
                   ["Căn cứ ...........................................................;"],
                   ["Theo đề nghị của ...................................................... ."]):
        body(doc, pieces, italic=True)
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align=CENTER)
    p = body(doc, ["Điều 1.", "............................................", 8,
                   ".............................................................."])
    p.runs[0].bold = True
    body(doc, ["Điều …...................................................................."
               "............................................"])
    body(doc, ["..................................................................................."
               "................................../."])
    footer(doc, (3276, 6072), [["- Như Điều....;"], ["- ................;"],
                               ["- Lưu: VT, ...", 9, ". …", 10, "."]])
    notes(doc, COMMON + ["Chữ viết tắt tên cơ quan, tổ chức ban hành quyết định.", "Địa danh.",
                         "Trích yếu nội dung quyết định.", "Thẩm quyền ban hành quyết định.",
                         "Các căn cứ để ban hành quyết định.", "Nội dung quyết định."])


def mau_1_4(doc) -> None:
    caption(doc, "Mẫu 1.4", "Văn bản có tên loại")
    header(doc, (3829, 5670), ["Số:         /...", 3, "...-...", 4, "..."], 5)
    blanks(doc, ["TÊN LOẠI VĂN BẢN", 6], size=14, bold=True)
    blanks(doc, ["......... ", 7, " ........"], size=14, bold=True)
    para(doc, "_" * 8, size=13, align=CENTER)
    body(doc, ["..................................................", 8,
               " ......................................................................."
               "............................................................./."])
    footer(doc, (2994, 6290), [["- ...............;"], ["- ................;"],
                               ["- Lưu: VT, ...", 9, ". … ", 10, "."]])
    notes(doc, COMMON + ["Chữ viết tắt tên loại văn bản.",
                         "Chữ viết tắt tên cơ quan, tổ chức ban hành văn bản.", "Địa danh.",
                         "Tên loại văn bản.", "Trích yếu nội dung văn bản.",
                         "Nội dung văn bản."])


def mau_1_5(doc) -> None:
    caption(doc, "Mẫu 1.5", "Công văn")
    header(doc, (3852, 5402), ["Số:         /...", 3, "...-...", 4, "..."], 5, quoc_hieu_size=12,
           summary=["V/v …...…", 6, "……….."])
    p = para(doc, "Kính gửi:", size=14, align=LEFT)
    p.paragraph_format.first_line_indent = Cm(3.5)
    p.paragraph_format.space_before = Pt(12)
    for item in ("- ……………………….......…………;", "- …………………………......……….."):
        p = para(doc, item, size=14, align=LEFT)
        p.paragraph_format.left_indent = Cm(4.5)
    body(doc, ["..................................................", 7,
               " ......................................................................."
               "............................................................./."])
    footer(doc, (3510, 5812), [["- Như trên;"], ["- ................;"],
                               ["- Lưu: VT, ...", 8, ". …", 9, "."]])
    cell = doc.add_table(rows=1, cols=1).rows[0].cells[0]
    blanks(cell, ["…………………….............................. ", 10,
                  "..............................................................."], size=11,
           first=True)
    notes(doc, COMMON + ["Chữ viết tắt tên cơ quan, tổ chức ban hành công văn.",
                         "Chữ viết tắt tên đơn vị soạn thảo công văn.", "Địa danh.",
                         "Trích yếu nội dung công văn.", "Nội dung công văn."])


def phu_luc_iii():
    """The compilation: the annex's opening, the abbreviations, the list, four templates."""
    doc = new_document()
    para(doc, "Phụ lục III", size=14, bold=True, align=CENTER)
    para(doc, "BẢNG CHỮ VIẾT TẮT TÊN LOẠI, MẪU TRÌNH BÀY VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO VĂN "
              "BẢN", size=14, bold=True, align=CENTER)
    para(doc, "(Kèm theo Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ)",
         size=14, italic=True, align=CENTER)
    para(doc, "_" * 12, size=13, align=CENTER)
    para(doc, "I. BẢNG CHỮ VIẾT TẮT TÊN LOẠI VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO VĂN BẢN", size=14,
         bold=True, align=LEFT)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("STT", "Tên loại văn bản hành chính",
                                                 "Chữ viết tắt")):
        para(cell, text, size=13, bold=True, align=CENTER, first=True)
    for n, (name, abbr) in enumerate(ABBREVIATIONS, 1):
        cells = table.add_row().cells
        for cell, text, align in ((cells[0], str(n), CENTER), (cells[1], name, LEFT),
                                  (cells[2], abbr, CENTER)):
            para(cell, text, size=13, align=align, first=True)
    para(doc, "II. MẪU TRÌNH BÀY VĂN BẢN HÀNH CHÍNH, PHỤ LỤC VÀ BẢN SAO VĂN BẢN", size=14,
         bold=True, align=LEFT)
    listing = doc.add_table(rows=0, cols=2)
    listing.style = "Table Grid"
    for label, title in TEMPLATES:
        cells = listing.add_row().cells
        para(cells[0], label, size=13, first=True)
        para(cells[1], title, size=13, first=True)
    for build in (mau_1_1, mau_1_2, mau_1_4, mau_1_5):
        build(doc)
    add_page_number(doc.sections[0])
    return doc
