"""``vanban pdf``: PDF/A-2b made by LibreOffice, checked with poppler as an archive would check it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import vanban_in as vanban

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
RESULT = re.compile(r"Đã chuyển (\d+) tệp sang PDF/A trong \d+,\d\d giây \(\d+,\d\d văn bản/giây\); (\d+) tệp không đổi\.\n")




def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    work = tmp_path_factory.mktemp("pdf")
    shutil.copytree(MINI, work / "data")
    assert vanban(work, "build").returncode == 0
    return work, vanban(work, "pdf")


def documents(work: Path) -> list[dict]:
    return json.loads((work / "out" / "mau" / "manifest.json").read_text(encoding="utf-8"))["documents"]


def test_every_document_gets_a_pdf(converted):
    work, result = converted
    assert result.returncode == 0, result.stderr
    assert RESULT.fullmatch(result.stdout).groups() == (str(len(documents(work))), "0")
    folder = work / "out" / "mau" / "pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{d['id']}.pdf" for d in documents(work)] +
                                                             ["sources.json"])  # nothing half-written left


def test_pdfs_are_pdf_a_2b_with_every_font_embedded(converted):
    work, _result = converted
    for doc in documents(work):
        pdf = str(work / "out" / "mau" / "pdf" / f"{doc['id']}.pdf")
        meta = tool("pdfinfo", "-meta", pdf)
        assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
        fonts = tool("pdffonts", pdf).splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
        # every glyph from the Times New Roman substitute: no Vietnamese letter fell back to another font
        assert {line.split()[0].split("+")[-1].split("-")[0] for line in fonts} == {"LiberationSerif"}, fonts


def test_pdf_text_is_nfc_vietnamese_with_the_subject_and_number(converted):
    work, _result = converted
    for doc in documents(work):
        text = tool("pdftotext", "-enc", "UTF-8", str(work / "out" / "mau" / "pdf" / f"{doc['id']}.pdf"), "-")
        assert text == unicodedata.normalize("NFC", text)
        flat = "".join(text.split()).casefold()  # lines wrap where LibreOffice breaks them
        assert "".join(doc["subject"].split()).casefold() in flat, doc["id"]  # a Party title may start "về …"
    kh_tinh = tool("pdftotext", str(work / "out" / "mau" / "pdf" / "kh-tinh.pdf"), "-")
    assert "Số: 188/KH-UBND" in kh_tinh and "Yên Bái, ngày 30 tháng 8 năm 2024" in kh_tinh


def test_only_changed_documents_are_converted_again(converted, tmp_path):
    work, _result = converted
    shutil.copytree(work, tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "out" / "mau" / "pdf"
    before = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    total = len(before)
    assert RESULT.fullmatch(vanban(tmp_path, "pdf").stdout).groups() == ("0", str(total))
    assert vanban(tmp_path, "issue", "cv-ldld", "--date", "2024-10-24").returncode == 0
    assert vanban(tmp_path, "build").returncode == 0  # cv-ldld.docx now has its number
    result = vanban(tmp_path, "pdf")
    assert RESULT.fullmatch(result.stdout).groups() == ("1", str(total - 1)), result.stderr
    after = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    assert [n for n in sorted(after) if after[n] != before[n]] == ["cv-ldld.pdf"]
    assert "Số: 01/LĐLĐ" in tool("pdftotext", str(folder / "cv-ldld.pdf"), "-")


def test_pdf_needs_a_build_first(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    result = vanban(tmp_path, "pdf")
    assert (result.returncode, result.stderr) == (1, "không có manifest nào trong out; hãy chạy vanban build trước\n")


def test_only_pdfs_it_made_are_removed_and_others_are_reported(converted, tmp_path):
    """A document gone from the sources loses the PDF vanban made for it; a PDF put there by hand stays."""
    work, _result = converted
    shutil.copytree(work, tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "out" / "mau" / "pdf"
    stamp = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    stamp["da-bo"] = "0" * 64  # made by an earlier `vanban pdf` for a document since removed
    (folder / "sources.json").write_text(json.dumps(stamp), encoding="utf-8")
    (folder / "da-bo.pdf").write_bytes(b"%PDF-1.4 cu")
    (folder / "tu-quet.pdf").write_bytes(b"%PDF-1.4 ban quet")  # a scan a clerk keeps there
    result = vanban(tmp_path, "pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "Cảnh báo: out/mau/pdf/tu-quet.pdf không do vanban pdf tạo; vanban để nguyên tệp này.\n"
    assert not (folder / "da-bo.pdf").exists()
    assert (folder / "tu-quet.pdf").read_bytes() == b"%PDF-1.4 ban quet"


def test_libreoffice_profiles_are_private_to_the_user(converted):
    """No fixed path in /tmp another local user could plant a profile (and its macros) in."""
    import stat
    import tempfile

    top = Path(tempfile.gettempdir()) / f"vanban-{os.getuid()}"
    st = os.lstat(top)
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()
    assert (top / "libreoffice-pdf" / "0" / "user").is_dir()  # the profile soffice made, inside the private folder
def test_each_pdf_made_is_checked_on_its_pages(converted, tmp_path):
    # A DOCX whose signature block splits, put where a built one was: the PDF is made, the
    # printed-page check (pipeline/lint/printed.py) reports it, and it is not recorded as done,
    # so the next run makes and checks it again.
    from lint_fixtures import body_para, find, save, state_ke_hoach

    work, _result = converted
    shutil.copytree(work, tmp_path, dirs_exist_ok=True)
    doc = state_ke_hoach()
    closing = find(doc, "Ủy ban nhân dân huyện đề nghị")
    for i in range(9):
        closing._p.addprevious(body_para(doc, f"{i + 1}. Nội dung ngắn thứ {i + 1}.")._p)
    target = tmp_path / "out" / "mau" / "kh-tinh.docx"
    save(doc, target.parent, target.name)
    result = vanban(tmp_path, "pdf", "--force", "-j", "2")  # two checkers, each PDF checked as soon as it is made
    assert result.returncode == 1
    faults = [line for line in result.stdout.splitlines()[1:]]
    assert faults and all(line.startswith("out/mau/kh-tinh.docx: PRINT-") for line in faults), result.stdout
    assert any(": PRINT-SIGN-" in line for line in faults), faults  # the block split over two pages
    # one process, checking in line as the PDFs come: the same findings
    alone = vanban(tmp_path, "pdf", "--force", "-j", "1")
    assert alone.returncode == 1 and alone.stdout.splitlines()[1:] == faults
    assert result.stderr == f"{len(faults)} lỗi trình bày trên trang in trong 1 tệp.\n"
    stamp = json.loads((tmp_path / "out" / "mau" / "pdf" / "sources.json").read_text(encoding="utf-8"))
    # recorded as made here (vanban may remove it later) but from no source, so never taken as done
    assert stamp["kh-tinh"] == "" and len([v for v in stamp.values() if v]) == len(documents(work)) - 1
    again = vanban(tmp_path, "pdf")
    assert RESULT.match(again.stdout).groups() == ("1", str(len(documents(work)) - 1)) and again.returncode == 1


def test_pdfs_read_together_give_each_the_lines_it_has_alone(converted, tmp_path):
    """The page check reads a group of PDFs in one poppler run (pdfunite, then pdftotext): each
    PDF gets exactly the lines it gets read alone, one-page and two-page documents alike."""
    from pipeline.lint.printed import printed_lines, printed_lines_of

    work, _result = converted
    pdfs = sorted((work / "out" / "mau" / "pdf").glob("*.pdf"))
    alone = [printed_lines(p) for p in pdfs]
    assert len({max(ln.page for ln in lines) for lines in alone}) > 1  # documents of different lengths
    assert printed_lines_of(pdfs) == alone
    assert printed_lines_of(pdfs[::-1]) == alone[::-1]


def test_a_title_that_looks_like_a_page_object_is_still_read_right(converted, tmp_path):
    """Pages are dealt back by counting page objects; a title holding "/Type/Page" (written as
    text in the PDF/A's metadata) throws the count off, and the group is read PDF by PDF."""
    import docx

    from pipeline.archive.pdf import Job, convert
    from pipeline.lint.printed import _PAGE_OBJECT, printed_lines, printed_lines_of

    work, _result = converted
    source = tmp_path / "odd.docx"
    document = docx.Document(str(work / "out" / "mau" / "kh-tinh.docx"))
    document.core_properties.title = "Về /Type/Page và /Type /Page"
    document.save(str(source))
    odd = tmp_path / "odd.pdf"
    convert([Job(source, odd, "")], 1)
    pages = max(ln.page for ln in printed_lines(odd))
    assert len(_PAGE_OBJECT.findall(odd.read_bytes())) > pages  # the count is off: the case this test is for
    other = sorted((work / "out" / "mau" / "pdf").glob("*.pdf"))[0]
    assert printed_lines_of([odd, other]) == [printed_lines(odd), printed_lines(other)]


def test_a_pdf_poppler_cannot_read_is_named_in_a_group_too(converted, tmp_path):
    from pipeline.errors import PipelineError
    from pipeline.lint.printed import printed_lines_of

    work, _result = converted
    good = sorted((work / "out" / "mau" / "pdf").glob("*.pdf"))[0]
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.6\nkhong phai PDF\n")
    with pytest.raises(PipelineError) as raised:
        printed_lines_of([good, bad])
    assert str(raised.value) == f"pdftotext không đọc được {bad}"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_docx_libreoffice_cannot_load_is_named_and_the_others_are_made(converted, tmp_path, jobs):
    # The first document of the batch is damaged (its body cut in half): soffice goes on with the
    # next ones, whose PDFs appear after a gap; the gap is the failure, and it is said.
    import zipfile

    work, _result = converted
    shutil.copytree(work, tmp_path, dirs_exist_ok=True)
    first = documents(work)[0]["file"]
    source = tmp_path / "out" / "mau" / first
    parts = {}
    with zipfile.ZipFile(source) as package:
        for name in package.namelist():
            parts[name] = package.read(name)
    parts["word/document.xml"] = parts["word/document.xml"][:len(parts["word/document.xml"]) // 2]
    with zipfile.ZipFile(source, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    import time

    started = time.time()
    result = vanban(tmp_path, "pdf", "--force", "-j", jobs)
    assert result.returncode == 1
    assert result.stderr == f"LibreOffice không chuyển được 1 tệp sang PDF: out/mau/{first}\n", result.stderr
    others = [d["id"] for d in documents(work) if d["file"] != first]
    assert all((tmp_path / "out" / "mau" / "pdf" / f"{i}.pdf").stat().st_mtime >= started for i in others)
    stamp = json.loads((tmp_path / "out" / "mau" / "pdf" / "sources.json").read_text(encoding="utf-8"))
    assert stamp == json.loads((work / "out" / "mau" / "pdf" / "sources.json").read_text(encoding="utf-8"))  # not stamped anew
