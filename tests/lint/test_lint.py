"""Tests of pipeline.lint.linter: correct documents pass, each broken rule is reported exactly."""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lint_fixtures import (
    BUILDERS,
    LEFT,
    add_page_number,
    find,
    landscape,
    new_document,
    para,
    save,
    set_format,
    set_runs,
    set_text,
    state_cong_van,
    state_ke_hoach,
)

from pipeline.lint.linter import (
    RULES,
    Violation,
    format_violation,
    lint_docx,
    lint_paths,
)
from pipeline.lint.rules import RULE_BY_ID


def triples(violations: list[Violation]) -> list[tuple[str, str, str]]:
    return [(v.rule_id, v.expected, v.found) for v in violations]


def lint(doc, tmp_path: Path, name: str = "doc.docx") -> list[Violation]:
    return lint_docx(save(doc, tmp_path, name))


# -- correct documents ---------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_correct_documents_pass(kind, tmp_path):
    assert [format_violation(v) for v in lint(BUILDERS[kind](), tmp_path)] == []


def test_cong_van_with_kinh_gui_list_passes(tmp_path):
    doc = state_cong_van(kinh_gui=["- Công đoàn cơ sở A;", "- Công đoàn cơ sở B."])
    assert lint(doc, tmp_path) == []


def test_signature_typed_with_line_breaks_passes(tmp_path):
    """Shift+Enter inside one paragraph: each line is judged on its own."""
    doc = state_ke_hoach()
    p = find(doc, "TM. ỦY BAN")
    for line in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        p.runs[-1].add_break()
        r = p.add_run(line)
        r.bold, r.font.size = True, Pt(14)
    for start in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        q = find(doc, start)
        q._p.getparent().remove(q._p)
    assert lint(doc, tmp_path) == []
    set_text(doc, "TM. ỦY BAN", "TM ỦY BAN NHÂN DÂN")
    assert triples(lint(doc, tmp_path)) == [("ND30-KY-PREFIX", "TM.", "TM")]


def test_cong_hoa_with_old_tone_placement_passes(tmp_path):
    doc = state_ke_hoach()
    set_text(doc, "CỘNG HÒA", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lint(doc, tmp_path) == []


def test_draft_with_blank_number_and_date_passes(tmp_path):
    doc = state_ke_hoach()
    set_text(doc, "Số:", "Số:      /KH-UBND")
    set_text(doc, "Trạm Tấu,", "Trạm Tấu, ngày      tháng      năm 2025")
    assert lint(doc, tmp_path) == []
    set_runs(doc, "Trạm Tấu,", italic=False)  # the blank date line is still recognised
    assert triples(lint(doc, tmp_path)) == [("ND30-DATE-ITALIC", "chữ nghiêng", "chữ đứng")]


# -- style resolution ----------------------------------------------------------------


def test_formatting_inherited_from_styles_passes(tmp_path):
    """cong_van gets bold from QuocHieu (and TieuNgu through w:basedOn), the signer's bold
    from a character style, body layout from a paragraph style, the font from docDefaults."""
    doc = state_cong_van()
    assert find(doc, "CỘNG HÒA").runs[0].bold is None
    assert find(doc, "Độc lập").style.font.bold is None
    assert lint(doc, tmp_path) == []


def test_style_change_reaches_paragraphs_through_basedon(tmp_path):
    doc = state_cong_van()
    doc.styles["QuocHieu"].font.bold = False
    assert triples(lint(doc, tmp_path)) == [
        ("ND30-QUOCHIEU-BOLD", "chữ đậm", "chữ không đậm"),
        ("ND30-TIEUNGU-BOLD", "chữ đậm", "chữ không đậm"),
    ]


def test_direct_formatting_beats_style(tmp_path):
    doc = state_cong_van()
    find(doc, "CỘNG HÒA").runs[0].bold = False
    assert triples(lint(doc, tmp_path)) == [("ND30-QUOCHIEU-BOLD", "chữ đậm", "chữ không đậm")]


def test_bold_in_character_style_toggles_bold_paragraph_style(tmp_path):
    """ECMA-376 17.7.3: bold set in a character style flips a bold paragraph style."""
    doc = state_cong_van()
    strong = doc.styles.add_style("Dam", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    find(doc, "CỘNG HÒA").runs[0].style = strong
    assert triples(lint(doc, tmp_path)) == [("ND30-QUOCHIEU-BOLD", "chữ đậm", "chữ không đậm")]


def test_theme_font_is_resolved_through_the_theme(tmp_path):
    doc = new_document()
    normal = doc.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in list(normal.attrib):
        del normal.attrib[attr]
    para(doc, "Văn bản thử")  # the python-docx theme's minor font is Cambria
    found = {v.found for v in lint(doc, tmp_path) if v.rule_id == "ND30-FONT"}
    assert found == {"Cambria"}


# -- one broken rule at a time --------------------------------------------------------


def _runs(start, **props):
    return lambda d: set_runs(d, start, **props)


def _text(start, text):
    return lambda d: set_text(d, start, text)


def _fmt(start, **props):
    return lambda d: set_format(d, start, **props)


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


def _all_fonts(name):
    def mutate(d):
        d.styles["Normal"].font.name = name
    return mutate


CASES = [
    # page
    ("margin-left", "ke_hoach", _section(left_margin=Mm(25)), "ND30-PAGE-MARGIN",
     "lề trái 30–35 mm", "lề trái 25 mm"),
    ("margin-top", "cong_van", _section(top_margin=Mm(30)), "ND30-PAGE-MARGIN",
     "lề trên 20–25 mm", "lề trên 30 mm"),
    ("margin-right", "party", _section(right_margin=Mm(25)), "ND30-PAGE-MARGIN",
     "lề phải 15–20 mm", "lề phải 25 mm"),
    ("letter-paper", "cong_van", _section(page_width=Twips(12240), page_height=Twips(15840)),
     "ND30-PAGE-A4", "khổ A4 (210 × 297 mm)", "216 × 279 mm"),
    ("landscape", "cong_van", landscape, "ND30-PAGE-ORIENT", "khổ dọc", "khổ ngang"),
    # font
    ("font-arial-run", "ke_hoach", _runs("Phát động", name="Arial"), "ND30-FONT",
     "Times New Roman", "Arial"),
    # header
    ("quoc-hieu-size", "ke_hoach", _runs("CỘNG HÒA", size=11), "ND30-QUOCHIEU-SIZE",
     "cỡ chữ 12–13", "cỡ chữ 11"),
    ("quoc-hieu-bold", "ke_hoach", _runs("CỘNG HÒA", bold=False), "ND30-QUOCHIEU-BOLD",
     "chữ đậm", "chữ không đậm"),
    ("quoc-hieu-case", "ke_hoach", _text("CỘNG HÒA", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
     "ND30-QUOCHIEU-CASE", "IN HOA", "có chữ thường"),
    ("tieu-ngu-en-dash", "ke_hoach", _text("Độc lập", "Độc lập – Tự do – Hạnh phúc"),
     "ND30-TIEUNGU-DASH", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"),
    ("tieu-ngu-no-spaces", "ke_hoach", _text("Độc lập", "Độc lập-Tự do-Hạnh phúc"),
     "ND30-TIEUNGU-DASH", "Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc"),
    ("tieu-ngu-size", "ke_hoach", _runs("Độc lập", size=12), "ND30-TIEUNGU-SIZE",
     "cỡ chữ 13–14", "cỡ chữ 12"),
    ("co-quan-bold", "ke_hoach", _runs("ỦY BAN NHÂN DÂN HUYỆN", bold=False),
     "ND30-COQUAN-BOLD", "chữ đậm", "chữ không đậm"),
    ("co-quan-size", "cong_van", _runs("CÔNG ĐOÀN", size=14), "ND30-COQUAN-SIZE",
     "cỡ chữ 12–13", "cỡ chữ 14"),
    ("so-pad", "ke_hoach", _text("Số:", "Số: 5/KH-UBND"), "ND30-SO-PAD", "Số: 05", "Số: 5"),
    ("so-no-colon", "ke_hoach", _text("Số:", "Số 05/KH-UBND"), "ND30-SO-FORM",
     "Số: 05/KH-UBND", "Số 05/KH-UBND"),
    ("so-space-in-kyhieu", "ke_hoach", _text("Số:", "Số: 05/KH - UBND"), "ND30-SO-FORM",
     "Số: 05/KH-UBND", "Số: 05/KH - UBND"),
    ("so-size", "ke_hoach", _runs("Số:", size=14), "ND30-SO-SIZE", "cỡ chữ 13", "cỡ chữ 14"),
    ("date-month-03", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu, ngày 05 tháng 03 năm 2025"),
     "ND30-DATE-PAD", "tháng 3", "tháng 03"),
    ("date-day-7", "cong_van", _text("Yên Bái,", "Yên Bái, ngày 7 tháng 11 năm 2024"),
     "ND30-DATE-PAD", "ngày 07", "ngày 7"),
    ("date-month-1", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu, ngày 15 tháng 1 năm 2025"),
     "ND30-DATE-PAD", "tháng 01", "tháng 1"),
    ("date-no-comma", "ke_hoach", _text("Trạm Tấu,", "Trạm Tấu ngày 05 tháng 3 năm 2025"),
     "ND30-DATE-FORM", "Trạm Tấu, ngày", "Trạm Tấu ngày"),
    ("date-upright", "ke_hoach", _runs("Trạm Tấu,", italic=False), "ND30-DATE-ITALIC",
     "chữ nghiêng", "chữ đứng"),
    ("date-size", "cong_van", _runs("Yên Bái,", size=12), "ND30-DATE-SIZE", "cỡ chữ 13–14",
     "cỡ chữ 12"),
    ("vv-bold", "cong_van", _runs("V/v", bold=True), "ND30-VV-BOLD", "chữ không đậm",
     "chữ đậm"),
    ("vv-size", "cong_van", _runs("V/v", size=14), "ND30-VV-SIZE", "cỡ chữ 12–13",
     "cỡ chữ 14"),
    # title
    ("ten-loai-size", "ke_hoach", _runs("KẾ HOẠCH", size=12), "ND30-TENLOAI-SIZE",
     "cỡ chữ 13–14", "cỡ chữ 12"),
    ("ten-loai-left", "ke_hoach", _fmt("KẾ HOẠCH", alignment=LEFT), "ND30-TENLOAI-ALIGN",
     "căn giữa", "căn trái"),
    ("ten-loai-case", "ke_hoach", _text("KẾ HOẠCH", "Kế hoạch"), "ND30-TENLOAI-CASE",
     "IN HOA", "có chữ thường"),
    ("trich-yeu-bold", "ke_hoach", _runs("Phát động", bold=False), "ND30-TRICHYEU-BOLD",
     "chữ đậm", "chữ không đậm"),
    ("trich-yeu-left", "ke_hoach", _fmt("Phát động", alignment=LEFT), "ND30-TRICHYEU-ALIGN",
     "căn giữa", "căn trái"),
    ("can-cu-comma", "ke_hoach",
     _text("Căn cứ Luật", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022,"),
     "ND30-CANCU-PUNCT", "kết thúc bằng dấu ;", "…15 tháng 6 năm 2022,"),
    ("can-cu-last-semicolon", "ke_hoach",
     _text("Căn cứ Kế hoạch", "Căn cứ Kế hoạch số 188/KH-UBND của tỉnh;"),
     "ND30-CANCU-PUNCT", "kết thúc bằng dấu .", "…của tỉnh;"),
    ("theo-de-nghi-semicolon", "quyet_dinh",
     _text("Theo đề nghị", "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng;"),
     "ND30-CANCU-PUNCT", "kết thúc bằng dấu .", "…đua - Khen thưởng;"),
    ("quyet-dinh-month-2", "quyet_dinh", _text("Yên Bái,", "Yên Bái, ngày 09 tháng 2 năm 2025"),
     "ND30-DATE-PAD", "tháng 02", "tháng 2"),
    ("quyet-dinh-co-quan-2x2", "quyet_dinh", _runs("SỞ NỘI VỤ", bold=False),
     "ND30-COQUAN-BOLD", "chữ đậm", "chữ không đậm"),
    ("quyet-dinh-dieu-indent", "quyet_dinh", _fmt("Điều 1.", first_line_indent=Cm(0.5)),
     "ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 0,5 cm"),
    ("can-cu-upright", "ke_hoach", _runs("Căn cứ Luật", italic=False), "ND30-CANCU-ITALIC",
     "chữ nghiêng", "chữ đứng"),
    # body
    ("body-left", "ke_hoach", _fmt("1. Nhằm", alignment=LEFT), "ND30-BODY-ALIGN",
     "căn đều hai bên", "căn trái"),
    ("body-indent-2cm", "ke_hoach", _fmt("2. Nhằm", first_line_indent=Cm(2)),
     "ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 2 cm"),
    ("body-no-indent", "cong_van", _fmt("Nhằm", first_line_indent=Cm(0)),
     "ND30-BODY-INDENT", "thụt đầu dòng 1–1,27 cm", "thụt đầu dòng 0 cm"),
    ("body-size-12", "ke_hoach", _runs("3. Nhằm", size=12), "ND30-BODY-SIZE", "cỡ chữ 13–14",
     "cỡ chữ 12"),
    ("body-no-spacing", "ke_hoach", _fmt("4. Nhằm", space_before=Pt(0)), "ND30-BODY-SPACING",
     "cách đoạn ≥ 6 pt", "cách đoạn 0 pt"),
    ("body-spacing-5pt", "cong_van", _fmt("Công đoàn Viên", space_before=Pt(2)),
     "ND30-BODY-SPACING", "cách đoạn ≥ 6 pt", "cách đoạn 5 pt"),
    ("body-double", "ke_hoach", _fmt("5. Nhằm", line_spacing=2.0), "ND30-BODY-LINE",
     "giãn dòng từ 1 dòng đến 1,5 dòng", "giãn dòng 2 dòng"),
    ("body-exact-12pt", "ke_hoach", _fmt("5. Nhằm", line_spacing=Pt(12)), "ND30-BODY-LINE",
     "giãn dòng từ 1 dòng đến 1,5 dòng", "giãn dòng chính xác 12 pt"),
    ("body-no-end-mark", "ke_hoach", _text("Ủy ban nhân dân huyện đề nghị",
                                           "Ủy ban nhân dân huyện đề nghị thực hiện."),
     "ND30-BODY-END", "kết thúc bằng dấu ./.", "…đề nghị thực hiện."),
    # Nơi nhận
    ("noi-nhan-italic", "ke_hoach", _runs("Nơi nhận", italic=False), "ND30-NOINHAN-ITALIC",
     "chữ nghiêng", "chữ đứng"),
    ("noi-nhan-size", "ke_hoach", _runs("Nơi nhận", size=14), "ND30-NOINHAN-SIZE",
     "cỡ chữ 12", "cỡ chữ 14"),
    ("noi-nhan-colon", "cong_van", _text("Nơi nhận", "Nơi nhận"), "ND30-NOINHAN-FORM",
     "Nơi nhận:", "Nơi nhận"),
    ("noi-nhan-item-size", "ke_hoach", _runs("- Sở Nội vụ", size=12), "ND30-NOINHAN-LIST-SIZE",
     "cỡ chữ 11", "cỡ chữ 12"),
    ("noi-nhan-no-semicolon", "ke_hoach", _text("- Sở Nội vụ", "- Sở Nội vụ"),
     "ND30-NOINHAN-PUNCT", "- Sở Nội vụ;", "- Sở Nội vụ"),
    ("noi-nhan-no-dash", "cong_van", _text("- Như kính gửi", "Như kính gửi;"),
     "ND30-NOINHAN-PUNCT", "- Như kính gửi;", "Như kính gửi;"),
    ("luu-no-colon", "ke_hoach", _text("- Lưu", "- Lưu VT, PNV."), "ND30-NOINHAN-LUU",
     "- Lưu: VT, PNV.", "- Lưu VT, PNV."),
    ("luu-seed-000", "cong_van", _text("- Lưu", "- Lưu: Vt CĐVC."), "ND30-NOINHAN-LUU",
     "- Lưu: VT, CĐVC.", "- Lưu: Vt CĐVC."),
    ("luu-missing", "ke_hoach", _text("- Lưu", "- Các phòng chuyên môn."), "ND30-NOINHAN-LUU",
     "dòng cuối là - Lưu: VT, ….", "- Các phòng chuyên môn."),
    # signature
    ("prefix-no-dot", "ke_hoach", _text("TM. ỦY BAN", "TM ỦY BAN NHÂN DÂN"), "ND30-KY-PREFIX",
     "TM.", "TM"),
    ("prefix-party-form", "cong_van", _text("TM. BAN", "T/M BAN THƯỜNG VỤ"), "ND30-KY-PREFIX",
     "TM.", "T/M"),
    ("title-not-bold", "ke_hoach", _runs("KT. CHỦ TỊCH", bold=False), "ND30-KY-BOLD",
     "chữ đậm", "chữ không đậm"),
    ("title-size", "ke_hoach", _runs("PHÓ CHỦ TỊCH", size=12), "ND30-KY-SIZE", "cỡ chữ 13–14",
     "cỡ chữ 12"),
    ("honorific-ts", "ke_hoach", _text("Vũ Lê", "TS. Vũ Lê Chung Anh"),
     "ND30-KYTEN-HONORIFIC", "họ tên không kèm học hàm, học vị, danh xưng", "TS."),
    ("honorific-ong", "cong_van", _text("Nguyễn Thị", "Bà Nguyễn Thị Phương Thúy"),
     "ND30-KYTEN-HONORIFIC", "họ tên không kèm học hàm, học vị, danh xưng", "Bà"),
    ("signer-not-bold", "ke_hoach", _runs("Vũ Lê", bold=False), "ND30-KYTEN-BOLD", "chữ đậm",
     "chữ không đậm"),
    # page numbers
    ("page-number-in-footer", "ke_hoach", lambda d: (_remove_header(d),
                                                     add_page_number(d.sections[0], footer=True)),
     "ND30-PAGENUM-HEADER", "số trang ở đầu trang (header)", "số trang ở chân trang (footer)"),
    ("page-number-missing", "ke_hoach", _remove_header, "ND30-PAGENUM-HEADER",
     "số trang ở đầu trang (header)", "không có số trang"),
    ("page-number-on-page-1", "ke_hoach", _page_number(hide_first=False), "ND30-PAGENUM-FIRST",
     "trang 1 không hiện số trang", "trang 1 hiện số trang"),
    ("page-number-left", "ke_hoach", _page_number(align=LEFT), "ND30-PAGENUM-ALIGN",
     "căn giữa", "căn trái"),
    ("page-number-size", "ke_hoach", _page_number(size=10), "ND30-PAGENUM-SIZE",
     "cỡ chữ 13–14", "cỡ chữ 10"),
    # Party (HD 36)
    ("party-so-colon", "party", _text("Số", "Số: 277-KH/ĐUK"), "HD36-SO-FORM",
     "Số 277-KH/ĐUK", "Số: 277-KH/ĐUK"),
    ("party-so-state-form", "party", _text("Số", "Số 277/KH-ĐUK"), "HD36-SO-FORM",
     "Số 277-KH-ĐUK", "Số 277/KH-ĐUK"),
    ("party-so-pad", "party", _text("Số", "Số 7-KH/ĐUK"), "ND30-SO-PAD", "Số 07", "Số 7"),
    ("party-so-size", "party", _runs("Số", size=13), "HD36-SO-SIZE", "cỡ chữ 14",
     "cỡ chữ 13"),
    ("party-tieu-de-size", "party", _runs("ĐẢNG CỘNG SẢN", size=14), "HD36-TIEUDE-SIZE",
     "cỡ chữ 15", "cỡ chữ 14"),
    ("party-co-quan-size", "party", _runs("ĐẢNG ỦY KHỐI", size=13), "HD36-COQUAN-SIZE",
     "cỡ chữ 14", "cỡ chữ 13"),
    ("party-date-size", "party", _runs("Yên Bái,", size=13), "HD36-DATE-SIZE", "cỡ chữ 14",
     "cỡ chữ 13"),
    ("party-ten-loai-size", "party", _runs("KẾ HOẠCH", size=14), "HD36-TENLOAI-SIZE",
     "cỡ chữ 15–16", "cỡ chữ 14"),
    ("party-trich-yeu-size", "party", _runs("về việc", size=13), "HD36-TRICHYEU-SIZE",
     "cỡ chữ 14–15", "cỡ chữ 13"),
    ("party-body-size", "party", _runs("Nhằm", size=13), "HD36-BODY-SIZE", "cỡ chữ 14–15",
     "cỡ chữ 13"),
    ("party-prefix-state-form", "party", _text("T/M", "TM. BAN THƯỜNG VỤ"), "HD36-KY-PREFIX",
     "T/M", "TM."),
    ("party-luu-no-period", "party", _text("- Lưu", "- Lưu Văn phòng Đảng ủy"),
     "HD36-NOINHAN-LUU", "- Lưu Văn phòng Đảng ủy.", "- Lưu Văn phòng Đảng ủy"),
]


@pytest.mark.parametrize("case,kind,mutate,rule_id,expected,found", CASES,
                         ids=[c[0] for c in CASES])
def test_one_broken_rule(case, kind, mutate, rule_id, expected, found, tmp_path):
    doc = BUILDERS[kind]()
    mutate(doc)
    violations = lint(doc, tmp_path)
    assert triples(violations) == [(rule_id, expected, found)]
    assert violations[0].rule_name == rule_name_of(rule_id)


def rule_name_of(rule_id: str) -> str:
    from pipeline.lint.rules import rule_name
    return rule_name(rule_id)


def test_kinh_gui_list_punctuation(tmp_path):
    doc = state_cong_van(kinh_gui=["- Công đoàn cơ sở A;", "- Công đoàn cơ sở B;"])
    assert triples(lint(doc, tmp_path)) == [
        ("ND30-KINHGUI-PUNCT", "- Công đoàn cơ sở B.", "- Công đoàn cơ sở B;")]


def test_party_rules_do_not_apply_state_values(tmp_path):
    """Party: no "./." demanded, T/M accepted, a non-bold chức vụ line under T/M accepted."""
    doc = BUILDERS["party"]()
    assert not find(doc, "PHÓ BÍ THƯ").runs[0].bold
    assert find(doc, "Ban Thường vụ Đảng ủy Khối").text.endswith("thực hiện.")
    assert lint(doc, tmp_path) == []


def test_font_in_every_paragraph_is_reported_once_with_a_count(tmp_path):
    doc = state_ke_hoach()
    _all_fonts("Arial")(doc)
    violations = lint(doc, tmp_path)
    assert [v.rule_id for v in violations] == ["ND30-FONT"]
    assert violations[0].found == "Arial"
    assert violations[0].where.startswith("UBND TỈNH YÊN BÁI (+")
    assert violations[0].where.endswith(" chỗ khác)")


def test_body_rules_repeated_in_many_paragraphs_are_counted(tmp_path):
    doc = state_ke_hoach()
    for start in ("1. Nhằm", "2. Nhằm", "3. Nhằm"):
        set_runs(doc, start, size=12)
    violations = lint(doc, tmp_path)
    assert triples(violations) == [("ND30-BODY-SIZE", "cỡ chữ 13–14", "cỡ chữ 12")]
    assert violations[0].where.endswith("(+2 chỗ khác)")


def test_landscape_section_with_a_data_table_is_allowed(tmp_path):
    doc = state_cong_van()
    landscape(doc)
    table = doc.add_table(rows=2, cols=4)
    table.cell(0, 0).text = "TT"
    assert "ND30-PAGE-ORIENT" not in {v.rule_id for v in lint(doc, tmp_path)}


def test_short_left_aligned_heading_counts_as_justified(tmp_path):
    doc = state_ke_hoach()
    set_format(doc, "I. MỤC ĐÍCH", alignment=LEFT)
    assert lint(doc, tmp_path) == []


def test_contextual_spacing_cancels_space_between_same_style_paragraphs(tmp_path):
    doc = state_cong_van()
    doc.styles["NoiDung"].paragraph_format.space_before = Pt(6)
    assert lint(doc, tmp_path) == []
    ppr = doc.styles["NoiDung"].element.get_or_add_pPr()
    ppr.append(OxmlElement("w:contextualSpacing"))
    assert triples(lint(doc, tmp_path)) == [
        ("ND30-BODY-SPACING", "cách đoạn ≥ 6 pt", "cách đoạn 0 pt")]


def test_single_page_document_needs_no_page_number(tmp_path):
    doc = state_cong_van()
    assert not doc.sections[0].header.paragraphs[0].text
    assert lint(doc, tmp_path) == []


def test_page_break_makes_a_document_multi_page(tmp_path):
    doc = state_cong_van()
    from docx.enum.text import WD_BREAK
    find(doc, "Nhằm").runs[0].add_break(WD_BREAK.PAGE)
    assert triples(lint(doc, tmp_path)) == [
        ("ND30-PAGENUM-HEADER", "số trang ở đầu trang (header)", "không có số trang")]


# -- reporting -------------------------------------------------------------------------


def test_format_violation_line():
    v = Violation("đường/dẫn.docx", "ND30-DATE-PAD", "Ngày tháng ban hành",
                  "Yên Bái, ngày 7 tháng 11 năm 2024", "ngày 07", "ngày 7")
    assert format_violation(v) == (
        'đường/dẫn.docx: ND30-DATE-PAD: Ngày tháng ban hành: tại "Yên Bái, ngày 7 tháng 11 '
        'năm 2024": cần "ngày 07", thấy "ngày 7"')


def test_reported_line_for_a_real_finding(tmp_path):
    doc = state_cong_van()
    set_text(doc, "Yên Bái,", "Yên Bái, ngày 7 tháng 11 năm 2024")
    path = save(doc, tmp_path, "cv.docx")
    assert [format_violation(v) for v in lint_docx(path)] == [
        f'{path}: ND30-DATE-PAD: Ngày tháng ban hành: tại "Yên Bái, ngày 7 tháng 11 năm 2024": '
        'cần "ngày 07", thấy "ngày 7"']


def test_where_is_shortened_to_about_60_characters(tmp_path):
    doc = state_ke_hoach()
    set_runs(doc, "1. Nhằm", size=12)
    (v,) = lint(doc, tmp_path)
    assert len(v.where) == 60 and v.where.endswith("…")
    assert v.where.startswith("1. Nhằm động viên")


def test_rule_table_ids_are_unique_and_named():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == len(RULE_BY_ID)
    assert all(rule_name_of(i) for i in ids)
    assert {i.split("-")[0] for i in ids} == {"DOCX", "ND30", "HD36", "PRINT"}  # PRINT: on the printed page


# -- files that are not DOCX -----------------------------------------------------------


def _corrupt_zip(path: Path) -> None:
    data = save(state_cong_van(), path.parent, "src.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _no_document_part(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")


def _bad_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><w:body>")


@pytest.mark.parametrize("make,found", [
    (lambda p: p.write_text("không phải docx", encoding="utf-8"),
     "không phải tệp .docx (không đọc được dạng ZIP)"),
    (_corrupt_zip, "không phải tệp .docx (không đọc được dạng ZIP)"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100)),
     "tệp Word 97–2003 (.doc); hãy lưu lại dạng .docx"),
    (_no_document_part, "không có phần word/document.xml"),
    (_bad_xml, "nội dung hỏng (XMLSyntaxError)"),
    (lambda p: None, "không tìm thấy tệp"),
], ids=["text", "truncated-zip", "doc-97", "no-document-part", "bad-xml", "missing"])
def test_unreadable_file_gives_one_docx_open_violation(make, found, tmp_path):
    path = tmp_path / "x.docx"
    make(path)
    assert lint_docx(path) == [Violation(str(path), "DOCX-OPEN", "Tệp văn bản", "toàn văn bản",
                                         "tệp Word .docx hợp lệ", found)]


def test_lint_paths_walks_directories_and_skips_word_lock_files(tmp_path):
    save(state_cong_van(), tmp_path, "a.docx")
    sub = tmp_path / "sub"
    sub.mkdir()
    bad = state_cong_van()
    set_text(bad, "Số:", "Số: 5/CĐVC")
    save(bad, sub, "b.docx")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    violations = lint_paths([tmp_path])
    assert [(Path(v.path).name, v.rule_id) for v in violations] == [("b.docx", "ND30-SO-PAD")]


# -- robustness and speed --------------------------------------------------------------


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                        max_size=80), max_size=12))
def test_any_text_is_linted_without_crashing(tmp_path, texts):
    doc = new_document()
    for text in texts:
        para(doc, text)
    violations = lint(doc, tmp_path)
    assert all(v.rule_id in RULE_BY_ID and v.rule_id != "DOCX-OPEN" for v in violations)


def test_lint_is_fast(tmp_path):
    paths = [save(BUILDERS[k](), tmp_path, f"{k}.docx") for k in sorted(BUILDERS)]
    lint_paths(paths)  # warm the caches of the shared style parts
    start = time.perf_counter()
    for _ in range(10):
        lint_paths(paths)
    per_doc = (time.perf_counter() - start) / (10 * len(paths))
    assert per_doc < 0.1, f"{per_doc * 1000:.1f} ms per document"


# -- LibreOffice opens the fixtures, and agrees with the page estimate -----------------


def test_libreoffice_opens_fixtures(tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) must be installed"
    docs = [save(BUILDERS[k](), tmp_path, f"{k}.docx") for k in ("ke_hoach", "cong_van")]
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, docs)], check=True, capture_output=True, timeout=180)
    pages = {}
    for name in ("ke_hoach", "cong_van"):
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages[name] = int(next(l.split()[1] for l in info.splitlines()
                               if l.startswith("Pages:")))
    # The linter's estimate says ke_hoach needs a page number and cong_van does not.
    assert pages["ke_hoach"] >= 2 and pages["cong_van"] == 1
