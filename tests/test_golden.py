"""Built documents match the reviewed golden files, and every one of them opens in LibreOffice.

A change in the output shows as a diff of canonical XML and of plain text. After
reviewing it, rewrite the goldens with ``make golden`` (``pytest --update-golden``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (name under tests/golden/, data set). A campaign of data/ joins as ("<campaign>", ROOT / "data").
GOLDEN_CASES = [
    ("mini", ROOT / "tests" / "data" / "mini"),
]


@pytest.mark.parametrize("name, data_dir", GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_built_documents_match_golden_files(golden_case, name, data_dir):
    golden_case(data_dir, name)


def test_golden_text_shows_what_a_reader_sees(docx_text, built):
    # A check on the goldens' own reader: the provincial plan's number, date line and
    # signature stand where a reader looks for them.
    lines = docx_text(built(GOLDEN_CASES[0][1]) / "mau" / "kh-tinh.docx")
    assert "[2.1] Số: 188/KH-UBND" in lines
    assert "[2.2] Yên Bái, ngày 30 tháng 8 năm 2024" in lines
    assert lines.index("KẾ HOẠCH") < lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert lines[-1].endswith("Nguyễn Văn A")


def test_every_built_docx_opens_in_libreoffice(built, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed: sudo bash scripts/install-system-deps.sh"
    documents = sorted(p for _name, data_dir in GOLDEN_CASES for p in built(data_dir).glob("*/*.docx"))
    assert documents
    pdf_dir = tmp_path / "pdf"
    # One call for every document; a private profile so a running LibreOffice or a
    # locked user profile cannot interfere.
    result = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, documents)],
        capture_output=True, text=True, timeout=180,
    )
    missing = [d.name for d in documents if not (pdf_dir / f"{d.stem}.pdf").is_file()]
    assert missing == [], f"LibreOffice could not open: {missing}\n{result.stdout}\n{result.stderr}"
    for document in documents:
        assert (pdf_dir / f"{document.stem}.pdf").read_bytes().startswith(b"%PDF-"), document.name
