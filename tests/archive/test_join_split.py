"""Documents converted to PDF in groups (archive/join.py, archive/split.py): each PDF as if made alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import vanban_in as vanban

from pipeline.archive import pdf
from pipeline.archive.join import Member, join, read_member
from pipeline.archive.split import SplitError, split

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[Path]:
    work = tmp_path_factory.mktemp("join")
    shutil.copytree(MINI, work / "data")
    assert vanban(work, "build").returncode == 0
    manifest = json.loads((work / "out" / "mau" / "manifest.json").read_text(encoding="utf-8"))
    return [work / "out" / "mau" / d["file"] for d in manifest["documents"]]


def with_properties(source: Path, target: Path, title: str, author: str) -> Path:
    """A copy of a built DOCX with another title and author (every other part as built)."""
    import re
    from xml.sax.saxutils import escape

    def change(parts: dict[str, bytes]) -> None:
        core = parts["docProps/core.xml"].decode("utf-8")
        core = re.sub(r"<dc:title>[^<]*</dc:title>", lambda m: f"<dc:title>{escape(title)}</dc:title>", core)
        core = re.sub(r"<dc:creator>[^<]*</dc:creator>", lambda m: f"<dc:creator>{escape(author)}</dc:creator>", core)
        parts["docProps/core.xml"] = core.encode("utf-8")
    return package(source, target, change)


def converted(jobs: list[pdf.Job], group: int, monkeypatch) -> None:
    monkeypatch.setattr(pdf, "GROUP", group)
    pdf.convert(jobs, 1)


def seen(path: Path) -> dict:
    """What a reader of the PDF sees: text, pages as pixels, document information, tags, PDF/A."""
    def run(*args: str) -> bytes:
        return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout

    pixels = path.parent / f"{path.stem}-px"
    shutil.rmtree(pixels, ignore_errors=True)
    pixels.mkdir()
    run("pdftoppm", "-r", "40", "-gray", str(path), str(pixels / "p"))
    info = run("pdfinfo", str(path)).decode().splitlines()
    with pikepdf.open(path) as opened:
        xmp = opened.open_metadata()
        xmp_title, xmp_author, part = xmp.get("dc:title"), xmp.get("dc:creator"), xmp.get("pdfaid:part")
        top = opened.Root.StructTreeRoot.K[0]  # the Document element: its children, what each holds
        tags = [(str(kid.S), len(kid.K) if isinstance(kid.get("/K"), pikepdf.Array) else "/K" in kid) for kid in top.K]
    return {"text": run("pdftotext", "-layout", str(path), "-"),
            "pages": [p.read_bytes() for p in sorted(pixels.iterdir())],
            "info": [line for line in info if not line.startswith(("CreationDate", "File size"))], "tags": tags,
            "xmp": (xmp_title, xmp_author, part)}


def test_each_document_of_a_group_is_the_pdf_it_would_be_alone(built, tmp_path, monkeypatch):
    sources = built[:3] + [with_properties(built[3], tmp_path / "odd.docx", title="Về A & B <C> \"D\" 'E'",
                                           author="Ủy ban nhân dân & Mặt trận")]
    assert all(read_member(s) for s in sources) and len({read_member(s).kind for s in sources}) == 1
    alone = [pdf.Job(s, tmp_path / "alone" / f"{i}.pdf", "") for i, s in enumerate(sources)]
    grouped = [pdf.Job(s, tmp_path / "grouped" / f"{i}.pdf", "") for i, s in enumerate(sources)]
    for folder in ("alone", "grouped"):
        (tmp_path / folder).mkdir()
    converted(alone, 1, monkeypatch)
    converted(grouped, 16, monkeypatch)
    for one, other in zip(alone, grouped):
        member, mine, theirs = read_member(one.source), seen(other.target), seen(one.target)
        assert mine.pop("xmp") == (member.title, [member.author], "2")  # the same words as in Info
        theirs.pop("xmp")  # LibreOffice alone writes "&" in a title's XMP as "&amp;amp;" (7.4)
        assert mine == theirs
    last = seen(grouped[-1].target)
    assert "Title:           Về A & B <C> \"D\" 'E'" in last["info"]
    assert "Author:          Ủy ban nhân dân & Mặt trận" in last["info"] and "Tagged:          yes" in last["info"]
    assert last["xmp"] == ("Về A & B <C> \"D\" 'E'", ["Ủy ban nhân dân & Mặt trận"], "2")
    assert read_member(sources[-1]).title == "Về A & B <C> \"D\" 'E'"  # as the DOCX says it


def test_a_group_that_does_not_split_is_made_one_by_one(built, tmp_path, monkeypatch):
    calls = []

    def broken(data, properties):
        calls.append(len(properties))
        raise SplitError("as if LibreOffice had left a mark out")

    monkeypatch.setattr(pdf, "split", broken)
    jobs = [pdf.Job(s, tmp_path / f"{i}.pdf", "") for i, s in enumerate(built[:3])]
    made = []
    monkeypatch.setattr(pdf, "GROUP", 16)
    pdf._convert(jobs, 1, lambda done, joined=None: made.append(done))
    assert calls == [3]  # tried once as a group, then each alone
    assert [job for done in made for job in done] == jobs and all(job.target.read_bytes().startswith(b"%PDF-") for job in jobs)


def test_what_a_stopped_libreoffice_left_undone_is_made_one_by_one(built, tmp_path, monkeypatch):
    started = pdf._start

    def stopped_at_once(soffice, profile, folder, batch, group):
        batch_started = started(soffice, profile, folder, batch, group)
        if group > 1:
            batch_started.deadline = 0  # as if it hung: stopped at the first look, its PDFs not trusted
        return batch_started

    monkeypatch.setattr(pdf, "_start", stopped_at_once)
    monkeypatch.setattr(pdf, "GROUP", 16)
    jobs = [pdf.Job(s, tmp_path / f"{i}.pdf", "") for i, s in enumerate(built[:3])]
    made = []
    pdf._convert(jobs, 1, lambda done, joined=None: made.append(done))
    assert [job for done in made for job in done] == jobs and all(job.target.read_bytes().startswith(b"%PDF-") for job in jobs)


def test_split_refuses_a_pdf_without_the_marks(built, tmp_path, monkeypatch):
    job = pdf.Job(built[0], tmp_path / "alone.pdf", "")
    converted([job], 1, monkeypatch)
    member = read_member(built[0])
    with pytest.raises(SplitError, match="mark 0 missing"):
        split(job.target.read_bytes(), [(member.title, member.author)])
    with pytest.raises(SplitError, match="unreadable"):
        split(b"%PDF-1.6\nkhong phai PDF\n", [(member.title, member.author)])


def package(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    change(parts)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


def replaced(name: str, old: bytes, new: bytes):
    def change(parts: dict[str, bytes]) -> None:
        assert old in parts[name]
        parts[name] = parts[name].replace(old, new, 1)
    return change


@pytest.mark.parametrize("case, change", [
    ("a bookmark of its own", replaced("word/document.xml", b"</w:pPr>",
                                       b'</w:pPr><w:bookmarkStart w:id="0" w:name="a"/><w:bookmarkEnd w:id="0"/>')),
    ("a body cut short", lambda parts: parts.update({"word/document.xml": parts["word/document.xml"][:-40]})),
    ("no properties", lambda parts: parts.pop("docProps/core.xml")),
    ("a subject LibreOffice would print", replaced("docProps/core.xml", b"</dc:title>",
                                                   b"</dc:title><dc:subject>Thi \xc4\x91ua</dc:subject>")),
    ("an empty title", lambda parts: parts.update({"docProps/core.xml": parts["docProps/core.xml"].replace(
        parts["docProps/core.xml"].split(b"<dc:title>")[1].split(b"</dc:title>")[0], b"")})),
    ("properties that are not XML", lambda parts: parts.update({"docProps/core.xml": b"<cp:coreProperties"})),
    ("a title with a control character", replaced("docProps/core.xml", b"</dc:title>", b"\t</dc:title>")),
    ("a first page not numbered 1", replaced("word/document.xml", b'<w:pgNumType w:start="1"/>', b"")),
    ("a section that does not start a new page", replaced("word/document.xml", b"<w:pgSz",
                                                          b'<w:type w:val="continuous"/><w:pgSz')),
    ("a bookmark whose id follows a tab", replaced("word/document.xml", b"</w:pPr>",
                                                   b'</w:pPr><w:bookmarkStart\tw:id="7" w:name="b"/>')),
    ("a body ending with a paragraph", replaced("word/document.xml", b"</w:tbl><w:sectPr>",
                                                b"</w:tbl><w:p/><w:sectPr>")),
    ("a head repeated (once quadratic to read)", replaced("word/document.xml", b"<w:body>",
                                                          b"<w:body>" * 100_000)),
    ("a bookmark under a second prefix of the same namespace", replaced(
        "word/document.xml", b"</w:pPr>",
        b'</w:pPr><x:bookmarkStart xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        b'x:id="77" x:name="&#118;anbandoc0002"/>')),
    ("that prefix declared on the document", lambda parts: [
        replaced("word/document.xml", b"<w:document ",
                 b'<w:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ')(parts),
        replaced("word/document.xml", b"</w:pPr>", b'</w:pPr><x:bookmarkStart x:id="77" x:name="b"/>')(parts)]),
    ("a first section written as an empty element", replaced("word/document.xml", b"<w:body>",
                                                             b"<w:body><w:p><w:pPr><w:sectPr/></w:pPr></w:p>")),
    ("its numbering from 1 inside a comment", replaced("word/document.xml", b'<w:pgNumType w:start="1"/>',
                                                       b'<!--<w:pgNumType w:start="1"/>-->')),
    ("a section naming no header, after one that names them", replaced(
        "word/document.xml", b"<w:body>", b'<w:body><w:p><w:pPr><w:sectPr><w:pgNumType w:start="1"/>'
        b"</w:sectPr></w:pPr></w:p>")),
    ("too many parts", lambda parts: parts.update({f"x/{i}.xml": b"<x/>" for i in range(64)})),
    ("parts too large together", lambda parts: parts.update({f"x/{i}.bin": bytes(7 << 20) for i in range(3)})),
])
def test_what_might_not_lay_out_as_alone_is_converted_alone(built, tmp_path, case, change):
    assert read_member(package(built[0], tmp_path / "x.docx", change)) is None, case


def test_only_files_it_can_trust_are_joined(built, tmp_path):
    link = tmp_path / "link.docx"
    link.symlink_to(built[0])
    assert read_member(link) is None  # never through a link
    assert read_member(tmp_path) is None and read_member(tmp_path / "missing.docx") is None
    (tmp_path / "not.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert read_member(tmp_path / "not.docx") is None
    big = tmp_path / "big.docx"
    with open(big, "wb") as fh:
        fh.truncate(9 * 1024 * 1024)
    assert read_member(big) is None
    os.mkfifo(tmp_path / "fifo.docx")
    assert read_member(tmp_path / "fifo.docx") is None  # not waited on


def test_documents_whose_sections_name_other_headers_are_of_another_kind(built, tmp_path):
    import re

    def no_headers(parts: dict[str, bytes]) -> None:
        parts["word/document.xml"] = re.sub(rb"<w:headerReference [^>]*/>", b"", parts["word/document.xml"])

    bare = read_member(package(built[1], tmp_path / "bare.docx", no_headers))
    assert bare is not None and bare.kind != read_member(built[1]).kind  # alone it is sound; joined, it would
    # print the header of the document before it (a section naming none takes the one before)


def test_documents_of_another_kind_are_not_joined(built, tmp_path):
    other = package(built[1], tmp_path / "other.docx", replaced("word/styles.xml", b"<w:style", b"<w:style "))
    first, second = read_member(built[0]), read_member(other)
    assert first.kind != second.kind
    jobs = [pdf.Job(built[0], tmp_path / "a.pdf", ""), pdf.Job(built[2], tmp_path / "b.pdf", ""),
            pdf.Job(other, tmp_path / "c.pdf", ""), pdf.Job(built[3], tmp_path / "d.pdf", "")]
    units = pdf._units(jobs, 16)
    assert [len(u.jobs) for u in units] == [2, 1, 1] and [bool(u.members) for u in units] == [True, False, False]
    assert [len(u.jobs) for u in pdf._units(jobs[:2] + jobs[3:], 2)] == [2, 1]  # at most a group's size


def test_joined_docx_has_one_section_and_one_mark_per_document(built):
    members: list[Member] = [read_member(p) for p in built[:3]]
    with zipfile.ZipFile(__import__("io").BytesIO(join(members))) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
        names = set(zf.namelist())
    assert body.count("<w:sectPr>") == 3 and body.count("<w:bookmarkStart") == 3
    assert [f'w:name="vanbandoc000{i}"' in body for i in range(3)] == [True] * 3
    assert names == {info.filename for info, _data in (members[0].core, *members[0].shared)} | {"word/document.xml"}


def test_a_group_is_checked_on_the_pdf_it_was_cut_from_as_its_pieces_would_be(built, tmp_path, monkeypatch):
    from pipeline.lint.printed import printed_lines, printed_lines_in

    monkeypatch.setattr(pdf, "GROUP", 16)
    jobs = [pdf.Job(s, tmp_path / f"{i}.pdf", "") for i, s in enumerate(built[:4])]
    handed = []
    pdf._convert(jobs, 1, lambda done, joined=None: handed.append((done, joined)))
    [(done, joined)] = handed
    assert done == jobs and joined.pages == tuple(len(pikepdf.open(j.target).pages) for j in jobs)
    assert printed_lines_in(joined.pdf, joined.pages) == [printed_lines(j.target) for j in jobs]
    assert printed_lines_in(joined.pdf, joined.pages[:-1]) is None  # pages that do not add up: read piece by piece
    (tmp_path / "joined.pdf").write_bytes(joined.pdf)
    assert pdf._check_joined(jobs, tmp_path / "joined.pdf", joined.pages) == pdf._check_group(jobs)
