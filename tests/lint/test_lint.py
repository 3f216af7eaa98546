"""Tests of pipeline.lint.linter: correct documents pass, each broken rule is reported exactly."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lint_fixtures import (
    BUILDERS,
    LEFT,
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
from pipeline.lint.rules import RULE_BY_ID, rule_name


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


# -- rules that hold across documents -------------------------------------------------


def test_party_rules_do_not_apply_state_values(tmp_path):
    """Party: no "./." demanded, T/M accepted, a non-bold chức vụ line under T/M accepted."""
    doc = BUILDERS["party"]()
    assert not find(doc, "PHÓ BÍ THƯ").runs[0].bold
    assert find(doc, "Ban Thường vụ Đảng ủy Khối").text.endswith("thực hiện.")
    assert lint(doc, tmp_path) == []


def test_font_in_every_paragraph_is_reported_once_with_a_count(tmp_path):
    doc = state_ke_hoach()
    doc.styles["Normal"].font.name = "Arial"
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


def test_a_caption_is_no_body_text_whatever_combining_marks_stand_in_its_first_letters(tmp_path):
    # "Mẫu 1.1" over a body is a template's caption, not body text. Matching drops combining marks:
    # a caption whose "M" carries 200 of them is still one, though its first 160 characters hold no "U".
    for i, caption in enumerate(["Mẫu 1.1", "M" + "\u0301" * 200 + "ẫu 1.1"]):
        doc = state_ke_hoach()
        set_text(doc, "2. Nhằm", caption)
        set_runs(doc, caption[:3], size=12)  # as body text it would be too small
        assert "ND30-BODY-SIZE" not in [v.rule_id for v in lint(doc, tmp_path, f"caption-{i}.docx")], caption[:9]


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
    # Besides the table: each HD36 rule named after HD 05 for documents dated from 27/5/2026.
    twins = [i for i in RULE_BY_ID if i not in ids]
    assert len(ids) == len(set(ids)) and sorted(twins) == sorted(
        "HD05-" + i[5:] for i in ids if i.startswith("HD36-"))
    assert all(rule_name(i) for i in RULE_BY_ID)
    # PRINT: on the printed page; HD05: the one rule HD 05 adds (a công văn's "về …");
    # BANG: practice for tables, in neither NĐ 30 nor HD 36
    assert {i.split("-")[0] for i in ids} == {"DOCX", "ND30", "HD36", "HD05", "PRINT", "BANG"}


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


def _empty_paragraphs(megabytes: int):
    """A package of ~100 kB whose word/document.xml is ``megabytes`` MB of empty paragraphs (a zip bomb)."""
    def make(path: Path) -> None:
        head, tail = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>', \
            b"</w:body></w:document>"
        count = megabytes * 1_000_000 // 6
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("word/document.xml", head + b"<w:p/>" * count + tail)
    return make


def _symlink_to(target: str):
    return lambda p: p.symlink_to(target)


@pytest.mark.parametrize("make,found", [
    (lambda p: os.mkfifo(p), "không phải tệp thường mà là một ống FIFO"),  # opened, it would block for ever
    (_symlink_to("/dev/zero"), "không phải tệp thường mà là một thiết bị"),  # read, it would never end
    (lambda p: p.mkdir(), "không phải tệp thường mà là một thư mục"),
    (_symlink_to("x.docx"), "vòng liên kết tượng trưng (liên kết trỏ về chính nó)"),
    (_empty_paragraphs(60), "phần word/document.xml quá lớn: 60000113 byte khi giải nén, tối đa 33554432"),
    (_empty_paragraphs(20), "phần word/document.xml có khoảng 3333335 phần tử XML, tối đa 1000000: quá lớn để "
                            "kiểm tra (một văn bản hành chính thật ít hơn nhiều)"),
    (lambda p: p.write_text("không phải docx", encoding="utf-8"),
     "không phải tệp .docx (không đọc được dạng ZIP)"),
    (_corrupt_zip, "không phải tệp .docx (không đọc được dạng ZIP)"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100)),
     "tệp Word 97–2003 (.doc); hãy lưu lại dạng .docx"),
    (_no_document_part, "không có phần word/document.xml"),
    (_bad_xml, "nội dung hỏng (XMLSyntaxError)"),
    (lambda p: None, "không tìm thấy tệp"),
], ids=["fifo", "link-to-dev-zero", "folder", "link-loop", "60-mb-of-empty-paragraphs", "3-million-elements", "text", "truncated-zip", "doc-97", "no-document-part", "bad-xml", "missing"])
def test_unreadable_file_gives_one_docx_open_violation(make, found, tmp_path):
    path = tmp_path / "x.docx"
    make(path)
    start = time.perf_counter()
    assert lint_docx(path) == [Violation(str(path), "DOCX-OPEN", "Tệp văn bản", "toàn văn bản",
                                         "tệp Word .docx hợp lệ", found)]
    assert time.perf_counter() - start < 2  # refused before it is parsed (it took 226 s and 7 GB)


def test_lint_paths_walks_directories_and_skips_word_lock_files(tmp_path):
    save(state_cong_van(), tmp_path, "a.docx")
    sub = tmp_path / "sub"
    sub.mkdir()
    bad = state_cong_van()
    set_text(bad, "Số:", "Số: 5/CĐVC")
    save(bad, sub, "b.docx")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    violations, checked = lint_paths([tmp_path])
    assert [(Path(v.path).name, v.rule_id) for v in violations] == [("b.docx", "ND30-SO-PAD")]
    assert checked == 2


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
