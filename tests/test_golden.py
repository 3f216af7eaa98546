"""Built documents match the reviewed golden files, and every one of them opens in LibreOffice.

A change in the output shows as a diff of canonical XML and of plain text. After
reviewing it, rewrite the goldens with ``make golden`` (``pytest --update-golden``).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from conftest import SAMPLE_SETS

ROOT = Path(__file__).resolve().parent.parent

# (name under tests/golden/, data set). A campaign of data/ joins as ("<campaign>", ROOT / "data").
GOLDEN_CASES = [
    ("mini", ROOT / "tests" / "data" / "mini"),
    # The seed campaign: cv-cdvc reads as seed 000, kh-huyen--ubnd-huyen-tram-tau as seed 003.
    ("thi-dua-dac-biet-2024", ROOT / "data"),
    # The 2025 map: a national plan from outside → two provinces sharing blocks → their communes,
    # a union and a Party branch.
    ("binh-dan-hoc-vu-so-2025", ROOT / "data"),
    # One document of every kind in each system (issue 13): state, union, Party before and after
    # 27/5/2026 (HD 36, HD 05), the Mặt trận (and the Đoàn's header); a joint document.
    *((name, ROOT / "tests" / "data" / "loai") for name in
      ("loai-nha-nuoc", "loai-cong-doan", "loai-dang-hd36", "loai-dang-hd05", "loai-mat-tran", "lien-tich")),
]


@pytest.mark.parametrize("name, data_dir", GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_built_documents_match_golden_files(golden_case, name, data_dir):
    golden_case(data_dir, name, campaign=None if name == "mini" else name)


def test_golden_text_shows_what_a_reader_sees(docx_text, built):
    # A check on the goldens' own reader: the provincial plan's number, date line and
    # signature stand where a reader looks for them.
    lines = docx_text(built(GOLDEN_CASES[0][1]) / "mau" / "kh-tinh.docx")
    assert "[2.1] Số: 188/KH-UBND" in lines
    assert "[2.2] Yên Bái, ngày 30 tháng 8 năm 2024" in lines
    assert lines.index("KẾ HOẠCH") < lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert lines[-1].endswith("Nguyễn Văn A")


def test_seed_documents_read_as_the_seeds(docx_text, built):
    # Seed 000 (union công văn 38/CĐVC) and seed 003 (Trạm Tấu's plan), regenerated from data/.
    folder = built(ROOT / "data") / "thi-dua-dac-biet-2024"
    cdvc = docx_text(folder / "cv-cdvc.docx")
    assert "[2.1] Số: 38/CĐVC" in cdvc
    assert "[2.2] Yên Bái, ngày 07 tháng 11 năm 2024" in cdvc
    assert "Kính gửi: Công đoàn cơ sở trực thuộc." in cdvc
    assert any(line.startswith("Căn cứ Kế hoạch số 188/KH-UBND ngày 30/8/2024") and
               "Kế hoạch số 277-KH/ĐUK ngày 18/9/2024" in line and
               line.endswith("Công văn số 262/LĐLĐ-CSPL&QHLĐ ngày 24/10/2024 của Liên đoàn Lao động tỉnh Yên Bái "
                             "V/v Phát động phong trào thi đua đặc biệt lập thành tích chào mừng đại hội Đảng bộ các "
                             "cấp, Đại hội Đảng bộ tỉnh lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV "
                             "của Đảng.") for line in cdvc)
    assert "[1.2] TM. BAN THƯỜNG VỤ" in cdvc and cdvc[-1] == "[1.2] Nguyễn Thị Phương Thúy"
    tram_tau = docx_text(folder / "kh-huyen--ubnd-huyen-tram-tau.docx")
    assert "DỰ THẢO" in tram_tau and "[2.1] Số:       /KH-UBND" in tram_tau
    assert tram_tau[tram_tau.index("KẾ HOẠCH") + 1].startswith("Phát động phong trào thi đua đặc biệt")
    assert not any("Trạm Tàu" in line or "Trầm Bái" in line for line in tram_tau)  # the seed's misspellings
    assert "[1.2] CHỦ TỊCH" in tram_tau and tram_tau[-1] == "[1.2] Vũ Lê Chung Anh"


SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of /work/shared/seeds, the real documents


def seed_lines(name: str) -> list[str]:
    """The seed's paragraphs, its Markdown emphasis marks ("*…*") left out."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [" ".join(line.replace("*", "").split()) for line in text.split("\n") if line.strip()]


def printed_lines(lines: list[str]) -> list[str]:
    """A built document's paragraphs as the seed's text shows them: no cell marks, title lines joined."""
    return [" ".join(re.sub(r"^\[\d+\.\d+\] ", "", line).replace("↵", " ").split()) for line in lines]


def seed_differences(seed: list[str], printed: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """Return (the seed's lines printed word for word, in order; each difference left, as (seed's words,
    printed words)). Lines that differ are compared word by word, several at once where a page break
    split one of the seed's paragraphs."""
    lines = difflib.SequenceMatcher(a=seed, b=printed, autojunk=False)
    same = sum(block.size for block in lines.get_matching_blocks())
    out = []
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        a, b = " ".join(seed[i1:i2]).split(), " ".join(printed[j1:j2]).split()
        words = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        out += [(" ".join(a[x1:x2]), " ".join(b[y1:y2])) for t, x1, x2, y1, y2 in words.get_opcodes() if t != "equal"]
    return same, out


HEADER_000 = "LĐLĐ TỈNH YÊN BÁI CÔNG ĐOÀN VIÊN CHỨC TỈNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
SUBJECT_000 = ("V/v Phát động phong trào thi đua đặc biệt lập thành tích chào mừng đại hội Đảng bộ các cấp, Đại hội "
               "Đảng bộ tỉnh lần thứ XX, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")
HEADER_003 = ("DỰ THẢO ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
              "Số: /KH-UBND Trạm Tấu, ngày tháng năm 2024")

# Every difference left between a seed and its regenerated document, and why. Anything else that
# differs (a number, a recipient, a label) fails the test.
SEED_DIFFERENCES = {
    ("000_e63894cb612532a6.txt", "cv-cdvc"): (25, [
        ("", HEADER_000),  # the header, which the seed's text leaves out
        ("", SUBJECT_000), (SUBJECT_000 + ".", ""),  # "V/v …" under the Số (Mẫu 1.5), not after the date
        # the first căn cứ as NĐ 30 cites (PL I II.6.b): full name, the subject as it goes on
        ("tỉnh", ""), ("UBND", "Ủy ban nhân dân"), ("Phát", "phát"),
        ("", "Yên Bái"), ("18 tháng 9 năm 2024", "18/9/2024"), ("việc", ""), ("–", "-"),  # the second
        ("262- LĐLĐ- CSPL&QHLĐ", "262/LĐLĐ-CSPL&QHLĐ"), ("", "của Liên đoàn Lao động tỉnh Yên Bái"),  # the third
        ("", "đoàn"),  # the seed's "Mỗi công cơ sở"
        ("viên", "Viên"), ("viên", "Viên"), ("lao", "Lao"), ("", "Yên Bái"),  # names as the registry has them
        ("Vt", "VT,"),  # "- Lưu: VT, CĐVC." (NĐ 30 PL I II.9)
    ]),
    ("003_807c251701cf063e.txt", "kh-huyen--ubnd-huyen-tram-tau"): (98, [
        ("", HEADER_003),  # a draft's header, which the seed's text leaves out
        ("188/KH-UBND,", "188/KH-UBND"), ("Phát", "phát"),  # the citation as NĐ 30 writes it
        ("Đề", "Để"), ("Trầm Bái", "Trạm Tấu"), ("Trầm Bái", "Trạm Tấu"), ("", "dân"),  # the seed's
        ("Tàu", "Tấu"),  # misspellings ("Trầm Bái", "Ủy ban nhân huyện", "Trạm Tàu")
        ("hiện./", "hiện./."), ("me", ""),  # the seed's "./" and a stray word after "Nơi nhận:"
    ]),
}


@pytest.mark.parametrize("seed, doc", list(SEED_DIFFERENCES), ids=[d for _s, d in SEED_DIFFERENCES])
def test_seeds_regenerate_line_by_line(seed, doc, docx_text, built):
    # Seed 000 (its recipients: "Như kính gửi", "Thường trực LĐLĐ tỉnh (B.c)") and seed 003 (its own
    # numbering: "7.1." under "7.", a) … e) g) without đ; its own recipients in its own order).
    printed = printed_lines(docx_text(built(ROOT / "data") / "thi-dua-dac-biet-2024" / f"{doc}.docx"))
    assert seed_differences(seed_lines(seed), printed) == SEED_DIFFERENCES[(seed, doc)]


def test_every_built_docx_opens_in_libreoffice(printed_samples):
    assert {data for _name, data in GOLDEN_CASES} == set(SAMPLE_SETS)  # the documents printed are these
    # All printed in one LibreOffice run with a private profile (conftest.printed_samples), so a
    # running LibreOffice or a locked user profile cannot interfere.
    assert printed_samples
    missing = [d.name for d, pdf in printed_samples.items() if pdf is None]
    assert missing == [], f"LibreOffice could not open: {missing}"
    for document, pdf in printed_samples.items():
        assert pdf.read_bytes().startswith(b"%PDF-"), document.name


# --- the kinds, systems and joint documents of issue 13, as a reader sees them ---------------------------

LOAI = ROOT / "tests" / "data" / "loai"


def _xml(path: Path) -> str:
    import zipfile
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def _bold_line(path: Path, text: str) -> bool:
    """Whether the run printing ``text`` is bold."""
    xml = _xml(path)
    at = xml.index(f'<w:t xml:space="preserve">{text}</w:t>')
    return "<w:b/>" in xml[xml.rindex("<w:rPr>", 0, at):at]


def test_the_front_numbers_and_signs_as_its_guideline_says(docx_text, built):
    # the-thuc-van-ban.md §11.2: "Số: 12/KH-MTTQ-BTT", "TM. BAN THƯỜNG TRỰC", "- Lưu: VT, MTTQ."
    lines = docx_text(built(LOAI) / "loai-mat-tran" / "kh-mttq-tinh.docx")
    assert "[1.1] ỦY BAN MTTQ VIỆT NAM" in lines and "[1.2] CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "[2.1] Số: 13/KH-MTTQ-BTT" in lines
    assert lines[-3:] == ["[1.2] TM. BAN THƯỜNG TRỰC", "[1.2] CHỦ TỊCH", "[1.2] Nguyễn Văn A"]
    assert "[1.1] - Lưu: VT, MTTQ." in lines
    assert "[2.1] Số: 19/MTTQ-BTT" in docx_text(built(LOAI) / "loai-mat-tran" / "cv-mttq-tinh.docx")
    # The Đoàn: its own tiêu đề instead of the Quốc hiệu, "***" under its name (HD 29-HD/TWĐTN-VP)
    doan = docx_text(built(LOAI) / "loai-mat-tran" / "kh-tinh-doan.docx")
    assert doan[:3] == ["[1.1] BCH ĐOÀN TỈNH LÀO CAI", "[1.1] ***", "[1.2] ĐOÀN TNCS HỒ CHÍ MINH"]
    assert not any("CỘNG HÒA" in line for line in doan)


def test_a_party_document_follows_the_guideline_of_its_date(docx_text, built):
    before, after = built(LOAI) / "loai-dang-hd36", built(LOAI) / "loai-dang-hd05"
    # A công văn's trích yếu: as written under HD 36 ("Chế độ hội nghị…"), "về …" under HD 05.
    assert "[2.1] Đôn đốc báo cáo kết quả↵phong trào “Bình dân học vụ số”" in docx_text(before / "cv-tinh-uy.docx")
    assert "[2.1] về đôn đốc báo cáo kết quả↵phong trào “Bình dân học vụ số”" in docx_text(after / "cv-tinh-uy.docx")
    # The chức vụ under "T/M …": bold under HD 36 (NĐ 30's value, HD 36's being unknown), upright under HD 05.
    assert _bold_line(before / "kh-tinh-uy.docx", "PHÓ BÍ THƯ")
    assert not _bold_line(after / "kh-tinh-uy.docx", "PHÓ BÍ THƯ")
    assert _bold_line(after / "kh-tinh-uy.docx", "T/M BAN THƯỜNG VỤ")
    # A Party quyết định: "- Căn cứ …;", the last ",", then who decides (QĐ 399's own text)
    decision = docx_text(after / "qd-tinh-uy.docx")
    at = decision.index("BAN THƯỜNG VỤ TỈNH ỦY QUYẾT ĐỊNH:")
    assert decision[at - 1] == "- Xét đề nghị của Ban Tuyên giáo và Dân vận Tỉnh ủy,"
    assert all(line.startswith("- ") and line.endswith(";") for line in decision[at - 4:at - 1])
    assert "[2.1] Số 42-QĐ/TU" in decision and "[2.1] Số 46-QĐ/TU" in docx_text(after / "qyd-tinh-uy.docx")


def test_kinds_lay_out_what_they_hold(docx_text, built):
    state = built(LOAI) / "loai-nha-nuoc"
    minutes = docx_text(state / "bb-ubnd-tinh.docx")  # Mẫu 1.9: no date in the header
    assert not any(line.startswith("[2.2]") for line in minutes)
    assert minutes[minutes.index("BIÊN BẢN") + 2] == "Thời gian bắt đầu: 08 giờ 00, ngày 20/3/2026."
    assert minutes[-9] == "Cuộc họp kết thúc vào 11 giờ 00 cùng ngày./."
    assert minutes[-8:-4] == ["[1.1] [1.1] THƯ KÝ", "[1.1] [1.1] Nguyễn Văn B", "[1.1] [1.2] CHỦ TỌA",
                               "[1.1] [1.2] Nguyễn Văn A"]
    proposal = docx_text(state / "ttr-so-noi-vu.docx")  # sent up: "Kính gửi", ends asking for a decision
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lào Cai." in proposal and "III. ĐỀ XUẤT, KIẾN NGHỊ" in proposal
    assert "Sở Nội vụ tỉnh Lào Cai kính trình Ủy ban nhân dân tỉnh Lào Cai xem xét, quyết định./." in proposal
    dispatch = docx_text(state / "cd-ubnd-tinh.docx")  # Mẫu 1.6
    assert dispatch[dispatch.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:") + 1] == \
        "- Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh;"
    directive = docx_text(state / "ct-ubnd-tinh.docx")  # points, no parts
    assert any(line.startswith("1. Tổ chức phổ cập") for line in directive) and not any(
        line.startswith("I. ") for line in directive)
    letter = docx_text(state / "ggt-so-noi-vu.docx")  # Mẫu 1.8: no trích yếu
    assert letter[letter.index("GIẤY GIỚI THIỆU") + 1] == "Sở Nội vụ tỉnh Lào Cai trân trọng giới thiệu:"
    resolution = docx_text(state / "nq-hdnd-tinh.docx")  # Mẫu 1.1
    assert "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI" in resolution and "QUYẾT NGHỊ:" in resolution


def test_a_joint_document_names_every_issuer_once_numbered(docx_text, built):
    # read as a reader does: the no-break spaces inside the recipients' words (linebreak.bound) as spaces
    lines = [line.replace("\u00a0", " ") for line in docx_text(built(LOAI) / "lien-tich" / "khlt-ubnd-mttq.docx")]
    assert lines[:4] == ["[1.1] ỦY BAN NHÂN DÂN", "[1.1] TỈNH LÀO CAI", "[1.1] ỦY BAN MTTQ VIỆT NAM", "[1.1] TỈNH LÀO CAI"]
    assert "[2.1] Số: 21/KH-UBND-MTTQ" in lines
    blocks = [line for line in lines if line.startswith("[1.1] [1.")]
    assert blocks == ["[1.1] [1.1] TM. ỦY BAN NHÂN DÂN", "[1.1] [1.1] CHỦ TỊCH", "[1.1] [1.1] Nguyễn Văn A",
                      "[1.1] [1.2] TM. BAN THƯỜNG TRỰC", "[1.1] [1.2] ỦY BAN MTTQ VIỆT NAM", "[1.1] [1.2] TỈNH LÀO CAI",
                      "[1.1] [1.2] CHỦ TỊCH", "[1.1] [1.2] Nguyễn Văn A"]
    # recipients merged: each issuer's level above and the bodies below, one Lưu line for both
    assert "[1.1] - Ủy ban Trung ương MTTQ Việt Nam (để b/c);" in lines and "[1.1] - UBND các xã, phường;" in lines
    assert "[1.1] - Các tổ chức chính trị - xã hội tỉnh;" in lines and lines[-1] == "[1.1] - Lưu: VT, KGVX, MTTQ."


def test_the_blocs_covenant_is_signed_by_every_member_on_one_page(docx_text, built, printed_samples):
    import subprocess
    docx = built(ROOT / "data") / "thi-dua-dac-biet-2024" / "gu-khoi.docx"
    lines = docx_text(docx)
    members = ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SỞ TÀI NGUYÊN", "SỞ GIAO THÔNG VẬN TẢI", "SỞ XÂY DỰNG", "SỞ CÔNG THƯƠNG",
               "SỞ NÔNG NGHIỆP", "BAN QUẢN LÝ DỰ ÁN", "BAN QUẢN LÝ"]
    heads = [line.split("] ")[-1] for line in lines if line.startswith("[1.1] [")]
    assert [h for h in heads if h.startswith(("SỞ", "BAN QUẢN LÝ"))] == members  # in the bloc's order
    assert heads.count("Nguyễn Văn A") == 8 and lines[-1] == "[1.1] - Lưu: VT, KTĐKTKT."
    # every block and Nơi nhận in one row that never splits (templates/make_template.py signature_grid)
    xml = _xml(docx)
    grid = xml[xml.rindex("<w:cantSplit/>", 0, xml.index("SỞ KHOA HỌC VÀ CÔNG NGHỆ")):]
    assert "Nơi nhận:" in grid[:grid.index("</w:tc></w:tr></w:tbl>", grid.index("Nơi nhận:"))]
    # printed: the last page holds every signature and the Nơi nhận, with the closing line
    pdf = printed_samples[docx]
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    last = [page for page in pages if page.strip()][-1]
    assert last.count("Nguyễn Văn A") == 8 and "Nơi nhận:" in last and "Trưởng Khối./." in last
