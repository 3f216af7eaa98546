"""Built documents match the reviewed golden files, and every one of them opens in LibreOffice.

A change in the output shows as a diff of canonical XML and of plain text. After
reviewing it, rewrite the goldens with ``make golden`` (``pytest --update-golden``).
"""

from __future__ import annotations

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


def test_every_built_docx_opens_in_libreoffice(printed_samples):
    assert {data for _name, data in GOLDEN_CASES} == set(SAMPLE_SETS)  # the documents printed are these
    # All printed in one LibreOffice run with a private profile (conftest.printed_samples), so a
    # running LibreOffice or a locked user profile cannot interfere.
    assert printed_samples
    missing = [d.name for d, pdf in printed_samples.items() if pdf is None]
    assert missing == [], f"LibreOffice could not open: {missing}"
    for document, pdf in printed_samples.items():
        assert pdf.read_bytes().startswith(b"%PDF-"), document.name
