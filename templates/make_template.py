"""Write templates/van-ban.docx, the docxtpl template of every document.

The template is a real DOCX (it opens in Word; the Jinja tags show as text) and
this script is its readable source: run ``make template`` after changing it.
Sizes are half-points and lengths twips, with the rule they come from:
NĐ 30/2020/NĐ-CP Phụ lục I (state, and union bodies, which keep the state
header and numbering) and HD 36-HD/VPTW Phụ lục 3 (Party).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("van-ban.docx")
FIXED_TIME = (2020, 3, 5, 0, 0, 0)  # NĐ 30's date; any constant keeps the file reproducible

# Page (NĐ 30 PL I, I): A4; top/bottom 20–25 mm, left 30–35, right 15–20.
# 20/20/30/15 mm is inside every range and is also the Party value (HD 36, secondary sources).
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1134, 1134, 1701, 850
HEADER_DISTANCE = 567  # the page number sits in the top margin, 10 mm from the edge
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9355
# Header columns: the left one must hold "CÔNG ĐOÀN VIÊN CHỨC TỈNH" at 13 pt bold (3886 twips
# measured), which leaves 5244 for the Quốc hiệu: 12 pt there (5007), as in Mẫu 1.5 (3852|5402).
HEADER_LEFT, HEADER_RIGHT = 4111, TEXT_W - 4111
SIGN_LEFT, SIGN_RIGHT = 3402, TEXT_W - 3402  # ≈ 36/64, as Mẫu 1.4 (2994|6290)

# Rules under header lines start 3 pt below the line above: clear of its descenders ("lập",
# "Hạnh phúc", "TRẠM TẤU"), so a rule never reads as an underline.
RULE_GAP = 60
MARK_HEIGHT = 454  # 8 mm: the frames of the marks (NĐ 30 PL I ô 10b)

BODY_INDENT = 567  # first-line indent 1 cm (NĐ 30: 1 cm or 1.27 cm)
BODY_BEFORE = 120  # 6 pt between paragraphs (NĐ 30: at least 6 pt)
BODY_LINE = 288  # 1.2 lines (NĐ 30: single to 1.5 lines)


def run(text: str, size: int, bold=False, italic=False, underline=False) -> str:
    props = "<w:b/><w:bCs/>" * bold + "<w:i/><w:iCs/>" * italic + '<w:u w:val="single"/>' * underline
    return (f'<w:r><w:rPr>{props}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def para(content: str, align="center", before=0, after=0, line=240, ind="", border="", keep=False) -> str:
    if content.startswith("{{r "):  # docxtpl rich-text tag: it must sit in a run of its own
        content = f'<w:r><w:t xml:space="preserve">{content}</w:t></w:r>'
    spacing = f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
    keep_next = "<w:keepNext/>" * keep
    return f'<w:p><w:pPr>{keep_next}{border}{spacing}{ind}<w:jc w:val="{align}"/></w:pPr>{content}</w:p>'


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %})."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def rule(indent_expr: str, before=0, after="0") -> str:
    """A solid rule: the top border of an empty 2 pt paragraph, its width set by indents."""
    border = '<w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>'
    ind = f'<w:ind w:left="{indent_expr}" w:right="{indent_expr}"/>'
    return (f'<w:p><w:pPr>{border}<w:spacing w:before="{before}" w:after="{after}" w:line="60" w:lineRule="exact"/>'
            f'{ind}<w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>')


def cell(width: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def table(left: int, right: int, rows: list[tuple[str, str]], whole=False) -> str:
    """A borderless two-column table; ``whole`` rows never split across pages (w:cantSplit)."""
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    row_props = "<w:trPr><w:cantSplit/></w:trPr>" if whole else ""
    body = "".join(f"<w:tr>{row_props}{cell(left, a)}{cell(right, b)}</w:tr>" for a, b in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{left + right}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>{body}</w:tbl>')


def body_para(content: str, keep=False) -> str:
    return para(content, align="both", before=BODY_BEFORE, line=BODY_LINE,
                ind=f'<w:ind w:firstLine="{BODY_INDENT}"/>', keep=keep)


def header_left() -> str:
    return "".join([
        # Names in lines broken at phrases by pipeline/docx/header.py, one paragraph a line.
        tag("{%p for line in header.parent_lines %}"),
        # Tên cơ quan chủ quản: IN HOA, 12–13, upright (NĐ 30); Party cấp trên 14 (HD 36)
        para("{{r line }}"),
        tag("{%p endfor %}"),
        tag("{%p for line in header.name_lines %}"),
        tag("{%p if line %}"),
        # Tên cơ quan ban hành: IN HOA, 12–13, bold (NĐ 30); Party 14 bold (HD 36)
        para("{{r line }}"),
        tag("{%p else %}"),
        spacer(80),  # between the issuers of a joint document
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        tag("{%p if party %}"),
        para(run("*", 28)),  # HD 36: an asterisk under the issuing body
        tag("{%p elif header.style == 'youth' %}"),
        para(run("***", 28)),  # the Đoàn: three (HD 29-HD/TWĐTN-VP; the size, UNCONFIRMED, as the Party's)
        tag("{%p else %}"),
        rule("{{ header.name_rule_indent }}", before=RULE_GAP),  # 1/3–1/2 of the name
        tag("{%p endif %}"),
    ])


def header_right() -> str:
    return "".join([
        tag("{%p if party %}"),
        para(run("ĐẢNG CỘNG SẢN VIỆT NAM", 30, bold=True)),  # HD 36: 15 pt bold
        rule("{{ header.motto_rule_indent }}", before=RULE_GAP),
        tag("{%p elif header.style == 'youth' %}"),
        # The Đoàn (HD 29-HD/TWĐTN-VP): no Quốc hiệu. Size and rule UNCONFIRMED: the Quốc hiệu's 13 bold,
        # a rule as long as the line, as under the Party's tiêu đề.
        para(run("ĐOÀN TNCS HỒ CHÍ MINH", 26, bold=True)),
        rule("{{ header.motto_rule_indent }}", before=RULE_GAP),
        tag("{%p else %}"),
        para(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold=True)),  # 12–13 bold; 12 as Mẫu 1.5
        para(run("Độc lập - Tự do - Hạnh phúc", 28, bold=True)),  # 13–14 bold
        rule("{{ header.motto_rule_indent }}", before=RULE_GAP),  # as long as the tiêu ngữ
        tag("{%p endif %}"),
    ])


def number_cell() -> str:
    return "".join([
        para("{{r header.number_runs }}", before=120),  # "Số: 05/KH-UBND", 13 (Party 14)
        tag("{%p if header.summary_runs %}"),
        # Công văn trích yếu: 12–13 upright, 6 pt under the number (NĐ 30); Party 12 italic
        para("{{r header.summary_runs }}", before=120),
        tag("{%p endif %}"),
        tag("{%p if header.marks %}"),
        tag("{%p for mark in header.marks %}"),
        spacer(120),
        mark_frame(),
        tag("{%p endfor %}"),
        spacer(40),  # a table cell ends with a paragraph
        tag("{%p endif %}"),
    ])


def spacer(height: int) -> str:
    """An empty paragraph exactly ``height`` twips high."""
    return (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{height}" w:lineRule="exact"/>'
            f'<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def mark_frame() -> str:
    """A mark (MẬT, KHẨN…) in a single-line frame of exact size, centred: a one-cell table.

    NĐ 30 PL I ô 10b: "KHẨN" 20 × 8 mm, "THƯỢNG KHẨN" 40 × 8, "HỎA TỐC" 30 × 8, single-line
    frame; the width comes from the context (pipeline/docx/render.py MARK_WIDTHS). A table,
    not a paragraph border: Word and LibreOffice draw paragraph borders at different
    distances from the text, while a fixed cell is the same size in both.
    """
    border = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right"))
    margins = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{{{{ mark.width }}}}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{{{{ mark.width }}}}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{MARK_HEIGHT}" w:hRule="exact"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{{{{ mark.width }}}}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'{para("{{r mark.runs }}")}</w:tc></w:tr></w:tbl>')


def date_cell() -> str:
    return "".join([
        tag("{%p if header.date_runs %}"),
        para("{{r header.date_runs }}", before=120),  # italic 13–14, same line as Số
        tag("{%p else %}"),
        para(""),  # a biên bản (Mẫu 1.9): no date in the header; a cell still holds a paragraph
        tag("{%p endif %}"),
    ])


def title_block() -> str:
    return "".join([
        tag("{%p if title %}"),
        para("{{r title.type_runs }}", before=360, keep=True),  # tên loại IN HOA bold 13–14 (Party 15–16)
        tag("{%p if title.subject_runs %}"),  # a giấy giới thiệu has none (Mẫu 1.8)
        para("{{r title.subject_runs }}", keep=True),  # trích yếu bold 13–14, centred
        tag("{%p endif %}"),
        tag("{%p if party %}"),
        para(run("-----", 28), keep=True),  # Party: five hyphens under the trích yếu
        tag("{%p else %}"),
        rule("{{ title.rule_indent }}", before=RULE_GAP),
        tag("{%p endif %}"),
        tag("{%p endif %}"),
    ])


def decision_preamble() -> str:
    return "".join([
        tag("{%p if decision %}"),
        tag("{%p if decision.authority_runs %}"),  # the Party's quyết định has none: its collective enacts
        para("{{r decision.authority_runs }}", before=240),  # THẨM QUYỀN BAN HÀNH, 14 bold, centred
        tag("{%p endif %}"),
        tag("{%p for line in decision.bases %}"),
        body_para("{{r line }}"),  # căn cứ: italic, ";" and the last "."
        tag("{%p endfor %}"),
        tag("{%p if decision.proposer_runs %}"),
        body_para("{{r decision.proposer_runs }}"),
        tag("{%p endif %}"),
        # "QUYẾT ĐỊNH:" (Mẫu 1.2), "QUYẾT NGHỊ:" (1.1), Party "BAN THƯỜNG VỤ QUYẾT ĐỊNH:": 14 bold, centred
        para("{{r decision.enacting_runs }}", before=240, after=120),
        tag("{%p endif %}"),
    ])


def addressees() -> str:
    # Mẫu 1.5: "Kính gửi:" indented 3.5 cm; several recipients one per line, dashes under the colon.
    return "".join([
        # A công điện (Mẫu 1.6): "<NGƯỜI, CƠ QUAN> điện:" centred, bold, its recipients under it.
        tag("{%p if addressees.heading %}"),
        para("{{r addressees.heading }}", before=240, line=BODY_LINE, keep=True),
        tag("{%p for line in addressees.lines %}"),
        body_para("{{r line }}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        tag("{%p if addressees.single %}"),
        para("{{r addressees.single }}", align="left", before=240, line=BODY_LINE,
             ind='<w:ind w:left="1985" w:hanging="0"/>'),
        tag("{%p endif %}"),
        tag("{%p if addressees.lines %}"),
        para(run("Kính gửi:", 28), align="left", before=240, line=BODY_LINE, ind='<w:ind w:left="1985"/>'),
        tag("{%p for line in addressees.lines %}"),
        para("{{r line }}", align="left", line=BODY_LINE, ind='<w:ind w:left="2552"/>'),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p endif %}"),
    ])


def body() -> str:
    # A block kept with the next one: a heading, and the last lines of the body, which go to the
    # page of the signature block (layout.keep_end), never leaving it alone on a page.
    return "".join([
        tag("{%p for block in blocks %}"),
        tag("{%p if block.table %}"),
        tag("{{p block.table }}"),  # a table (pipeline/docx/tables.py): the whole w:tbl, in place of a paragraph
        tag("{%p elif block.centered %}"),
        para("{{r block.runs }}", before=BODY_BEFORE, line=BODY_LINE, keep=True),
        tag("{%p elif block.keep %}"),
        body_para("{{r block.runs }}", keep=True),
        tag("{%p else %}"),
        body_para("{{r block.runs }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ])


def signature_block() -> str:
    left = "".join([
        para(run("Nơi nhận:", 24, bold=True, italic=True), align="left"),  # 12 bold italic, level with 7a
        tag("{%p for line in recipients %}"),
        para("{{r line }}", align="left"),  # 11, "- …;" and "- Lưu: VT, XX."
        tag("{%p endfor %}"),
    ])
    # One row that never splits: the signature block stays whole and Nơi nhận beside it.
    return "".join([
        tag("{%p if signature %}"),
        table(SIGN_LEFT, SIGN_RIGHT, [(left, one_signature("signature"))], whole=True),
        tag("{%p else %}"),
        signature_grid(),
        tag("{%p endif %}"),
    ])


def one_signature(name: str, keep: bool = False) -> str:
    """The paragraphs of one signature block, from the context's ``name`` (signature, or a grid cell)."""
    return "".join([
        tag(f"{{%p for line in {name}.authority %}}"),
        para("{{r line }}", before=0, keep=keep),  # TM./KT./… IN HOA bold 13–14
        tag("{%p endfor %}"),
        para(f"{{{{r {name}.title_runs }}}}", keep=keep),
        # room for the hand signature and the seal (NĐ 30 PL I, 7c and 8): four lines, more in a block
        # whose neighbour has more title lines, so the names of a row stand level
        tag(f"{{%p for _ in range({name}.room) %}}"),
        para(run("", 28), keep=keep),
        tag("{%p endfor %}"),
        para(f"{{{{r {name}.name_runs }}}}", keep=keep),  # họ tên 13–14 bold
    ])


def signature_grid() -> str:
    """Several signature blocks, two a row in order (a joint document's issuers, a bloc's members, a biên
    bản's thư ký and chủ tọa, Mẫu 1.9), then Nơi nhận under them, flush left.

    All in the one cell of a one-row table whose row never splits: the blocks and Nơi nhận stay on
    one page, in Word and LibreOffice alike (a row's paragraphs kept with the next do not keep rows
    together in LibreOffice). Inside it, a borderless table of two equal columns.
    """
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    props = (f'<w:tblPr><w:tblW w:w="{TEXT_W - 56}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
             f'<w:tblLook w:val="0000"/></w:tblPr>')
    inner_w = (TEXT_W - 56) // 2
    cell_pr = f'<w:tcPr><w:tcW w:w="{inner_w}" w:type="dxa"/></w:tcPr>'
    row = "".join([
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
        # 12 pt between a row's names and the titles of the next
        f"<w:tc>{cell_pr}{spacer(240)}{one_signature('row[0]')}</w:tc>",
        f"<w:tc>{cell_pr}{spacer(240)}",
        tag("{%p if row|length > 1 %}"),
        one_signature("row[1]"),
        tag("{%p else %}"),
        para(""),
        tag("{%p endif %}"),
        "</w:tc></w:tr>",
    ])
    inner = (f'<w:tbl>{props}<w:tblGrid><w:gridCol w:w="{inner_w}"/><w:gridCol w:w="{inner_w}"/></w:tblGrid>'
             f'<w:tr><w:tc>{cell_pr}{tag("{%tr for row in signature_rows %}")}</w:tc><w:tc>{cell_pr}{para("")}</w:tc></w:tr>'
             f"{row}"
             f'<w:tr><w:tc>{cell_pr}{tag("{%tr endfor %}")}</w:tc><w:tc>{cell_pr}{para("")}</w:tc></w:tr>'
             "</w:tbl>")
    recipients = "".join([
        para(run("Nơi nhận:", 24, bold=True, italic=True), align="left", before=240),  # 12 bold italic
        tag("{%p for line in recipients %}"),
        para("{{r line }}", align="left"),  # 11, "- …;" and "- Lưu: VT, XX."
        tag("{%p endfor %}"),
    ])
    outer = "".join(
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="{TEXT_W}"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TEXT_W}" w:type="dxa"/></w:tcPr>'
        f"{inner}{recipients}</w:tc></w:tr></w:tbl>")
    return outer


def section_properties() -> str:
    # Every section restarts at page 1 and hides the number on its first page:
    # a phụ lục is numbered separately (NĐ 30 PL I, III.1.đ).
    return (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
            f'<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
            f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
            f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DISTANCE}" w:footer="{HEADER_DISTANCE}" w:gutter="0"/>'
            f'<w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>')


def appendices() -> str:
    return "".join([
        tag("{%p for appendix in appendices %}"),
        f"<w:p><w:pPr>{section_properties()}</w:pPr></w:p>",  # ends the section before it
        para("{{r appendix.heading_runs }}", keep=True),  # "Phụ lục I": 14, bold, centred
        para("{{r appendix.title_runs }}", keep=True),  # IN HOA, bold
        para("{{r appendix.reference_runs }}", keep=True),  # "(Kèm theo … số … ngày … của …)", italic
        # A table straight under the rule would touch it: the gap a paragraph keeps before itself.
        rule("{{ title.rule_indent if title else 3000 }}", before=RULE_GAP,
             after="{{ %d if appendix.blocks and appendix.blocks[0].table else 0 }}" % BODY_BEFORE),
        tag("{%p for block in appendix.blocks %}"),
        tag("{%p if block.table %}"),
        tag("{{p block.table }}"),
        tag("{%p elif block.centered %}"),
        para("{{r block.runs }}", before=BODY_BEFORE, line=BODY_LINE, keep=True),  # a table's title
        tag("{%p else %}"),
        body_para("{{r block.runs }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ])


def document_xml() -> str:
    draft = "".join([
        tag("{%p if draft %}"),
        para(run("DỰ THẢO", 26, bold=True), align="right",
             border='<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/>'
                    '<w:left w:val="single" w:sz="6" w:space="4" w:color="000000"/>'
                    '<w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/>'
                    '<w:right w:val="single" w:sz="6" w:space="4" w:color="000000"/></w:pBdr>',
             ind='<w:ind w:left="7655"/>', after=120),
        tag("{%p endif %}"),
    ])
    header = table(HEADER_LEFT, HEADER_RIGHT, [(header_left(), header_right()), (number_cell(), date_cell())])
    sect = section_properties()
    content = "".join([
        draft, header, title_block(), addressees(), decision_preamble(), body(),
        para("", before=120, line=240, keep=True), signature_block(), appendices(),
    ])
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{content}{sect}</w:body></w:document>"
    )


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
</w:styles>"""

# Page number: Arabic, 13–14, centred in the top margin; page 1 shows none (NĐ 30 PL I, I.5).
HEADER_DEFAULT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"""
HEADER_FIRST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>"""

SETTINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"""

FONT_TABLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

# Core properties are rendered per document (title, date) so a file's bytes
# depend only on its sources: no "now" anywhere.
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{{ properties.title }}</dc:title><dc:creator>{{ properties.creator }}</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{{ properties.date }}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{{ properties.date }}</dcterms:modified></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vanban</Application></Properties>"""

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "docProps/core.xml": CORE,
    "docProps/app.xml": APP,
    "word/document.xml": None,  # made by document_xml()
    "word/styles.xml": STYLES,
    "word/settings.xml": SETTINGS,
    "word/fontTable.xml": FONT_TABLE,
    "word/header1.xml": HEADER_DEFAULT,
    "word/header2.xml": HEADER_FIRST,
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
}


def write(path: Path = OUT) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in PARTS.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, document_xml() if text is None else text)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
