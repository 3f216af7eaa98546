"""The printed-page check (pipeline/lint/printed.py): documents printed by LibreOffice, read back by position.

First the check alone, on lines placed by hand; then on real pages: every sample document
passes, documents typed the plain Word way (a signature table that may split, a name left to
wrap) fail where the issue saw them fail, and documents of growing length, swept across
the end of a page, always keep their end whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, vanban_in
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lint_fixtures import body_para, find, save, set_text, state_ke_hoach

from pipeline.lint.linter import format_violation, open_document, violations
from pipeline.lint.office import print_to_pdf, private_profile, user_folder
from pipeline.lint.printed import (
    Printed,
    PrintedLine,
    lint_printed,
    locate,
    page_findings,
    parse_bbox,
    printed_lines,
)
from pipeline.model import DOCUMENT_TYPES

# --- reading poppler's boxes ---------------------------------------------------------------

BBOX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><doc>
<page width="595.3" height="841.9"><flow><block>
<line xMin="126.7" yMin="80.95" xMax="248.9" yMax="97.85"><word xMin="126.7" yMin="80.95" xMax="145.4" yMax="97.85">ỦY</word><word xMin="148.6" yMin="80.95" xMax="248.9" yMax="97.85">BAN</word></line>
<line xMin="296.6" yMin="81.0" xMax="546.7" yMax="96.6"><word xMin="296.6" yMin="81.0" xMax="546.7" yMax="96.6">CỘNG</word></line>
<line xMin="136.1" yMin="122.65" xMax="153.4" yMax="139.55"><word xMin="136.1" yMin="122.65" xMax="153.4" yMax="139.55">Số:</word></line>
<line xMin="176.1" yMin="122.65" xMax="239.5" yMax="139.55"><word xMin="176.1" yMin="122.65" xMax="239.5" yMax="139.55">/KH-UBND</word></line>
</block></flow></page>
<page width="595.3" height="841.9"><flow><block>
<line xMin="85.2" yMin="56.5" xMax="300.0" yMax="74.7"><word xMin="85.2" yMin="56.5" xMax="300.0" yMax="74.7">thực&amp;hiện./.</word></line>
</block></flow></page></doc></body></html>""".encode()


def test_poppler_boxes_become_lines_with_page_and_position():
    lines = parse_bbox(BBOX)
    assert [(ln.page, ln.text) for ln in lines] == [
        (1, "CỘNG"), (1, "ỦY BAN"),  # two cells on one line stay apart (≈ 48 pt between them)
        (1, "Số: /KH-UBND"),  # a draft's blank number: two pieces on one baseline, one line
        (2, "thực&hiện./."),
    ]
    so = lines[2]
    assert (so.x0, so.y0, so.x1, so.y1) == (136.1, 122.65, 239.5, 139.55)


# --- the checks, on lines placed by hand ----------------------------------------------------


def at(page: int, y: float, text: str, x: float = 85.0) -> PrintedLine:
    return PrintedLine(page, x, y, x + 6 * len(text), y + 16, text)


def shown(printed: Printed) -> list[str]:
    return [format_violation(v) for v in violations("a.docx", page_findings(printed))]


SIGNATURE = (at(3, 700, "TM. ỦY BAN NHÂN DÂN", 320), at(3, 716, "CHỦ TỊCH", 320), at(3, 780, "Nguyễn Văn A", 320))
CLOSING = (at(3, 640, "Trên đây là Kế hoạch của Ủy ban nhân dân huyện; đề nghị các cơ quan"),
           at(3, 660, "triển khai thực hiện./."))
NOI_NHAN = (at(3, 700, "Nơi nhận:"), at(3, 716, "- Lưu: VT, PNV."))


def whole(**changes) -> Printed:
    fields = dict(lines=(), signature=SIGNATURE, closing=CLOSING, noi_nhan=NOI_NHAN)
    fields.update(changes)
    return Printed(**fields)


def test_a_whole_end_passes():
    assert shown(whole()) == []


def test_a_signature_split_over_two_pages():
    split = SIGNATURE[:1] + tuple(at(4, 60 + 16 * i, ln.text, 320) for i, ln in enumerate(SIGNATURE[1:]))
    assert shown(whole(signature=split)) == [
        'a.docx: PRINT-SIGN-PAGE: Quyền hạn, chức vụ người ký: tại "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Nguyễn '
        'Văn A": cần "khối chữ ký trên một trang", thấy "trang 3: TM. ỦY BAN NHÂN DÂN; trang 4: CHỦ TỊCH, '
        'Nguyễn Văn A"']


def test_a_signature_with_no_line_of_text_above_it():
    moved = tuple(at(4, 60 + 16 * i, ln.text, 320) for i, ln in enumerate(SIGNATURE))
    alone = whole(signature=moved, noi_nhan=tuple(at(4, 60 + 16 * i, ln.text) for i, ln in enumerate(NOI_NHAN)))
    assert shown(alone) == [
        'a.docx: PRINT-SIGN-ALONE: Nội dung văn bản: tại "triển khai thực hiện./.": cần "ít nhất 2 dòng cuối '
        'của nội dung trên trang có chữ ký (trang 4)", thấy "0 dòng trên trang 4"']
    # one line of a two-line closing paragraph is not enough; a one-line paragraph is
    one = whole(signature=moved, closing=(CLOSING[0], at(4, 40, "triển khai thực hiện./.")),
                noi_nhan=alone.noi_nhan)
    assert [v.split(": ")[1] for v in shown(one)] == ["PRINT-SIGN-ALONE"]
    assert shown(whole(signature=moved, closing=(at(4, 40, "triển khai thực hiện./."),),
                       noi_nhan=alone.noi_nhan)) == []


def test_noi_nhan_left_on_the_page_before():
    assert shown(whole(noi_nhan=(NOI_NHAN[0], at(4, 60, "- Lưu: VT, PNV.")))) == [
        'a.docx: PRINT-NOINHAN-PAGE: Nơi nhận: tại "Nơi nhận:": cần "Nơi nhận cùng trang với chữ ký (trang 3)", '
        'thấy "trang 3: Nơi nhận:; trang 4: - Lưu: VT, PNV."']


def test_a_recipient_wrapped_inside_a_word():
    items = (at(3, 716, "- Sở Nội vụ (Ban Thi đua - Khen"), at(3, 730, "thưởng);"),
             at(3, 744, "- Ban Thi đua - Khen thưởng"), at(3, 758, "Trung ương;"), at(3, 772, "- Lưu: VT, PNV."))
    assert shown(whole(noi_nhan=(NOI_NHAN[0], *items))) == [
        'a.docx: PRINT-NOINHAN-BREAK: Nơi nhận: tại "- Sở Nội vụ (Ban Thi đua - Khen / thưởng);": '
        'cần "xuống dòng ở ranh giới cụm từ", thấy "ngắt giữa một từ: "Khen / thưởng);""']


@pytest.mark.parametrize("lines, set_breaks, found, faults_if_set", [
    (("SỞ TÀI NGUYÊN VÀ MÔI", "TRƯỜNG"), {0}, 'ngắt giữa một từ: "MÔI / TRƯỜNG"', 1),
    (("ĐẢNG BỘ KHỐI CƠ QUAN VÀ", "DOANH NGHIỆP TỈNH"), {0}, 'dòng kết thúc bằng "VÀ"', 0),
    (("BAN CHẤP HÀNH TRUNG", "ƯƠNG"), {0}, 'ngắt giữa một từ: "TRUNG / ƯƠNG"', 1),
])
def test_a_header_name_wrapped_mid_phrase(lines, set_breaks, found, faults_if_set):
    name = tuple(at(1, 80 + 15 * i, text) for i, text in enumerate(lines))
    assert shown(Printed(lines=(), co_quan=(name,), co_quan_set=(frozenset(set_breaks),))) == [
        f'a.docx: PRINT-COQUAN-BREAK: Tên cơ quan, tổ chức ban hành: tại "{" / ".join(lines)}": '
        f'cần "xuống dòng ở ranh giới cụm từ", thấy "{found}"']
    # the same break where the clerk began a line is the clerk's choice, unless it splits a word
    kept = shown(Printed(lines=(), co_quan=(name,), co_quan_set=(frozenset({0, 1}),)))
    assert len(kept) == faults_if_set


def test_a_title_line_of_one_word():
    title = (at(1, 200, "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng"),
             at(1, 216, "bộ các cấp, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV"), at(1, 232, "của Đảng"))
    assert shown(Printed(lines=(), trich_yeu=title)) == [
        'a.docx: PRINT-TRICHYEU-WORD: Trích yếu nội dung: tại "Phát động phong trào thi đua đặc biệt lập thành '
        'tích chào m…": cần "không dòng nào chỉ có một từ", thấy "dòng 3: "của Đảng""']
    vv = (at(1, 140, "V/v Phát động phong trào thi đua đặc biệt"), at(1, 154, "thuật"))
    assert [v.split(": ")[1] for v in shown(Printed(lines=(), vv=vv))] == ["PRINT-VV-WORD"]


# --- every sample document, printed ----------------------------------------------------------


def test_every_sample_document_passes_the_printed_page_check(printed_samples):
    kinds, faults = set(), []
    for docx, pdf in printed_samples.items():
        assert pdf is not None, docx
        doc, refused = open_document(docx)
        assert refused == []
        printed = locate(doc, printed_lines(pdf))
        # the check saw what it judges: the end of the text, the signature, the names
        assert printed.missing == () and printed.closing and printed.signature and printed.co_quan, docx.name
        faults += [format_violation(v) for v in violations(docx.name, page_findings(printed))]
        entry = next(d for d in json.loads((docx.parent / "manifest.json").read_text(encoding="utf-8"))["documents"]
                     if d["file"] == docx.name)
        kinds.add((entry["type"], entry["system"]))
    assert faults == []
    # one document of every type, and of every system
    assert {t for t, _s in kinds} == set(DOCUMENT_TYPES)
    assert {s for _t, s in kinds} == {"state", "union", "party", "front"}


# --- documents typed the plain Word way fail where the issue saw them fail -------------------

LONG_TITLE = ("Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp, Đại hội Đảng "
              "bộ tỉnh Yên Bái lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng trong Khối thi "
              "đua các cơ quan Kinh tế - Kỹ thuật")


def plain_word_document(extra: int, whole_rows: bool = False):
    """The fixtures' kế hoạch with ``extra`` one-line paragraphs before the closing one.

    Its header name wraps in its cell ("… DÂN HUYỆN / TRẠM TẤU": the unit word parted from its
    name; the columns are set as Word saves them, w:gridCol agreeing with w:tcW), its long trích yếu wraps to a last
    line "thuật", and its signature table may split; ``whole_rows`` forbids that (w:cantSplit)
    but, as a clerk would, keeps nothing with it.
    """
    doc = state_ke_hoach()
    set_text(doc, "Phát động phong trào", LONG_TITLE)
    closing = find(doc, "Ủy ban nhân dân huyện đề nghị")
    for i in range(extra):
        closing._p.addprevious(body_para(doc, f"{i + 1}. Nội dung ngắn thứ {i + 1}.")._p)
    if whole_rows:
        row = doc.tables[-1].rows[0]._tr
        props = row.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
    return doc


def test_the_check_finds_what_a_plain_word_layout_gets_wrong(tmp_path):
    paths = [save(plain_word_document(k), tmp_path, f"tach-{k:02d}.docx") for k in range(5, 12)]
    paths += [save(plain_word_document(k, whole_rows=True), tmp_path, f"nguyen-{k:02d}.docx") for k in range(5, 12)]
    found = lint_printed(paths)
    rules = {(Path(v.path).name.split("-")[0], v.rule_id) for v in found}
    # a table row that may split leaves part of the signature, or of Nơi nhận, on the next page
    assert {("tach", "PRINT-SIGN-PAGE"), ("tach", "PRINT-NOINHAN-PAGE")} <= rules
    # a row that may not split goes to the next page alone, the text above it staying behind
    assert ("nguyen", "PRINT-SIGN-ALONE") in rules and ("nguyen", "PRINT-SIGN-PAGE") not in rules
    # and in every one of them, the name wrapped by the word processor and the title's last word
    for path in paths:
        mine = [v for v in found if v.path == str(path)]
        assert ("PRINT-COQUAN-BREAK", 'ngắt giữa một từ: "HUYỆN / TRẠM"') in [(v.rule_id, v.found) for v in mine]
        assert ("PRINT-TRICHYEU-WORD", 'dòng 4: "thuật"') in [(v.rule_id, v.found) for v in mine]


# --- vanban's own documents, swept across the end of a page -----------------------------------


def sweep_campaign(counts: range) -> str:
    """A campaign of plans with ``n`` one-line paragraphs each, for every ``n`` in ``counts``."""
    lines = ["ma: trang", "ten: Kế hoạch dài dần qua cuối trang", "van_ban:",
             "  - ma: kh-goc", "    loai: ke_hoach", "    co_quan: ubnd-tinh", "    ngay: 30/08/2024",
             "    trich_yeu: Kiểm tra trang in", "    noi_dung:", "      - tieu_de: Nội dung", "        doan: [Một đoạn.]"]
    for n in counts:
        lines += [f"  - ma: kh-{n:02d}", "    van_ban_cha: kh-goc", "    loai: ke_hoach", "    co_quan: ubnd-tinh",
                  "    ngay: 05/09/2024", "    trich_yeu: Kiểm tra trang in", "    noi_dung:",
                  "      - tieu_de: Nội dung", "        doan:"]
        lines += [f"          - Nội dung ngắn thứ {i + 1} của kế hoạch." for i in range(n)]
        lines += ["    ket_thuc:", '      - "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị triển khai thực hiện."']
    return "\n".join(lines) + "\n"


def test_documents_ending_at_a_page_boundary_keep_their_end_whole(mini_copy, tmp_path):
    """Plans one line longer each, from a whole first page to a body running onto page 2.

    Somewhere in the sweep the body ends exactly at the foot of page 1, the signature block
    with no room left: the last lines of the body must go over with it, in every document.
    """
    counts = range(10, 25)
    mini_copy.write("chien-dich/trang.yaml", sweep_campaign(counts))
    result = vanban_in(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    paths = [tmp_path / "out" / "trang" / f"kh-{n:02d}.docx" for n in counts]
    made = print_to_pdf(paths, tmp_path / "pdf")
    body_pages, faults = [], []
    for path in paths:
        doc, _refused = open_document(path)
        printed = locate(doc, printed_lines(made[path]))
        assert printed.missing == ()
        faults += [format_violation(v) for v in violations(path.name, page_findings(printed))]
        body_pages.append(sorted({ln.page for ln in printed.lines if "Nội dung ngắn" in ln.text}))
        # the closing paragraph, the line before it and the whole signature block share a page
        closing_page = printed.closing[-1].page
        assert {ln.page for ln in printed.signature + printed.noi_nhan} == {closing_page}, path.name
        before = [ln for ln in printed.lines if ln.page == closing_page and ln.y1 <= printed.closing[0].y0]
        assert any("Nội dung ngắn" in ln.text or "đề nghị" in ln.text for ln in before), path.name
    assert faults == []
    assert body_pages[0] == [1] and body_pages[-1] == [1, 2]  # the sweep crossed the end of page 1


# --- the commands ---------------------------------------------------------------------------


def test_vanban_lint_trang_checks_any_docx(tmp_path, built):
    bad = save(plain_word_document(8), tmp_path, "ke-hoach.docx")
    good = built(ROOT / "data") / "thi-dua-dac-biet-2024" / "kh-ubnd-tinh.docx"
    result = vanban_in(tmp_path, "lint", "--trang", str(bad), str(good))
    assert result.returncode == 1
    printed = [line for line in result.stdout.splitlines() if ": PRINT-" in line]
    assert printed and all(line.startswith(f"{bad}: PRINT-") for line in printed)
    assert {line.split(": ")[1] for line in printed} >= {"PRINT-COQUAN-BREAK", "PRINT-TRICHYEU-WORD"}
    assert {line.split(": ")[1] for line in printed} & {"PRINT-SIGN-PAGE", "PRINT-SIGN-ALONE", "PRINT-NOINHAN-PAGE"}
    assert f'{bad}: PRINT-TRICHYEU-WORD: Trích yếu nội dung: tại "Phát động phong trào thi đua đặc biệt lập ' \
           f'thành tích chào m…": cần "không dòng nào chỉ có một từ", thấy "dòng 4: "thuật""' in printed
    assert str(good) not in result.stdout
    assert vanban_in(tmp_path, "lint", "--trang", str(good)).returncode == 0


def test_a_folder_named_docx_is_refused_as_a_file_on_the_printed_page_too(tmp_path):
    """As `vanban lint` says of it (issue 15): a folder named x.docx is not a document, nor a folder to walk."""
    folder = tmp_path / "x.docx"
    folder.mkdir()
    save(plain_word_document(8), folder, "ben-trong.docx")
    assert [(v.path, v.rule_id, v.found) for v in lint_printed([folder])] == [
        (str(folder), "DOCX-OPEN", "không phải tệp thường mà là một thư mục")]


def test_libreoffice_profiles_are_private_to_the_user():
    folder = user_folder()
    assert folder is not None and folder.stat().st_mode & 0o777 == 0o700
    with private_profile() as first, private_profile() as second:
        assert first != second  # two conversions at once never share a profile
        assert first.parent == second.parent == folder
