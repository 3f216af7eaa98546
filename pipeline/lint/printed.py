"""Check documents on the printed page: where each line lands once LibreOffice lays it out.

The DOCX checks judge what a file says; some faults exist only once the words are set in
lines and pages: a signature block split over two pages, a signature with no line of the
text above it, Nơi nhận left on the page before, a header name wrapped mid-word ("SỞ TÀI
NGUYÊN VÀ MÔI / TRƯỜNG"), a trích yếu ending in a line of one word. Here a document is
printed to PDF (``office``), the position of every printed line is read back with poppler
(``pdftotext -bbox-layout``), and the elements ``find`` identifies in the DOCX are found
among those lines:

- ``printed_lines(pdf)``: every line of a PDF with its page, box and text;
- ``locate(doc, lines)``: which printed lines hold which element (``Printed``), the API for
  checks of placement on the page;
- ``page_findings(printed)``: the checks; ``check_pdf`` and ``lint_printed`` run them on a
  PDF already made and on any DOCX files; ``check_pdfs`` on many PDFs made already, read
  together (``printed_lines_of``: one poppler run for a group, not one a PDF).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.i18n import _
from pipeline.lint.find import Layout, identify
from pipeline.lint.linter import Violation, open_document, violations
from pipeline.lint.office import print_to_pdf
from pipeline.lint.text import canon, shorten
from pipeline.lint.read import Document, Line
from pipeline.lint.rules import Finding, rule_name
from pipeline.lint.session import Session
from pipeline.vietnamese.linebreak import is_one_word, name_break_faults, splits_a_word

END_LINES = 2  # body lines the signature's page holds at least (or the whole closing paragraph)
_MAX_PDF = 256 * 1024 * 1024
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One printed line: page (from 1), box in points from the page's top-left corner, text."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Printed:
    """Where the elements of one document landed; each a tuple of its printed lines in order."""

    lines: tuple[PrintedLine, ...]
    co_quan: tuple[tuple[PrintedLine, ...], ...] = ()  # the chủ quản's name, then the issuing body's
    co_quan_set: tuple[frozenset[int], ...] = ()  # per name: lines that begin a line of the DOCX
    so: tuple[PrintedLine, ...] = ()
    date: tuple[PrintedLine, ...] = ()
    vv: tuple[PrintedLine, ...] = ()
    ten_loai: tuple[PrintedLine, ...] = ()
    trich_yeu: tuple[PrintedLine, ...] = ()
    closing: tuple[PrintedLine, ...] = ()  # the last paragraph of the body
    noi_nhan: tuple[PrintedLine, ...] = ()  # the heading, then every line of the list
    signature: tuple[PrintedLine, ...] = ()  # authority and title lines, then the signer's name
    missing: tuple[str, ...] = field(default=())  # elements found in the DOCX but not on the page


# ---------------------------------------------------------------------------------------
# Reading a PDF


def printed_lines(pdf: Path) -> list[PrintedLine]:
    """Return every line of text of ``pdf`` in reading order (page, top to bottom, left to right).

    Pieces poppler splits on one baseline (a draft's "Số:      /KH-UBND") are joined when the
    gap between them is under two line heights; the two columns of a header or signature
    table stay apart.
    """
    tool = shutil.which("pdftotext")
    if tool is None:
        raise PipelineError(_("không tìm thấy pdftotext (poppler-utils); hãy chạy scripts/install-system-deps.sh"))
    if pdf.stat().st_size > _MAX_PDF:
        raise PipelineError(_("tệp PDF quá lớn: {path}").format(path=pdf))
    xhtml = _bbox(tool, pdf.read_bytes())
    if xhtml is not None:
        try:
            return parse_bbox(xhtml)
        except PipelineError:
            pass
    raise PipelineError(_("pdftotext không đọc được {path}").format(path=pdf))


def _bbox(tool: str, data: bytes) -> bytes | None:
    """``pdftotext -bbox-layout`` of a PDF's bytes, or None when poppler cannot read them."""
    # Speed: poppler builds colour transforms for a PDF/A's output intent (its ICC profile) on
    # every page, 30–60 times the cost of reading the text; positions do not depend on colour,
    # so the key is renamed (same length: the cross-reference offsets still hold) and ignored.
    data = data.replace(b"/OutputIntents", b"/OutputIntentX")
    result = subprocess.run([tool, "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                            timeout=120, check=False)
    return result.stdout if result.returncode == 0 else None


# A page object of a PDF LibreOffice wrote: its dictionaries are plain text (it writes no object
# streams), so each page holds this once; text elsewhere (the XMP title) may add one, never remove one.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9])")


def printed_lines_of(pdfs: Sequence[Path]) -> list[list[PrintedLine]]:
    """``printed_lines`` of each PDF, read with two poppler processes for all, not one each.

    Starting pdftotext costs more than reading a short document's two pages, so the PDFs are
    joined (``pdfunite``), read in one run, and the pages dealt back by each PDF's count of
    page objects. Each page's lines are read on their own, so they are those of the PDF read
    alone. When the counts do not add up to the pages read (a count thrown off by text that
    looks like a page object), or poppler cannot join or read them, each PDF is read alone,
    as ``printed_lines`` reads it (and fails on the one it cannot read).
    """
    tool, unite = shutil.which("pdftotext"), shutil.which("pdfunite")
    if len(pdfs) < 2 or tool is None or unite is None:
        return [printed_lines(pdf) for pdf in pdfs]
    counts = []
    for pdf in pdfs:
        if pdf.stat().st_size > _MAX_PDF:
            raise PipelineError(_("tệp PDF quá lớn: {path}").format(path=pdf))
        counts.append(len(_PAGE_OBJECT.findall(pdf.read_bytes())))
    # The joined PDF goes to pdfunite's standard output (a pipe), not to a file.
    united = subprocess.run([unite, *map(str, pdfs), "/dev/stdout"], capture_output=True, timeout=120, check=False)
    found = printed_lines_in(united.stdout, counts) if united.returncode == 0 else None
    return found if found is not None else [printed_lines(pdf) for pdf in pdfs]


def printed_lines_in(pdf: bytes, counts: Sequence[int]) -> list[list[PrintedLine]] | None:
    """``printed_lines`` of documents printed one after another in one PDF, ``counts[k]`` pages the k-th.

    The PDF ``printed_lines_of`` joins, and the one ``archive.split`` cuts (read as it is, not its
    pieces joined again). None when poppler cannot read it or its pages are not ``sum(counts)``.
    """
    tool = shutil.which("pdftotext")
    xhtml = _bbox(tool, pdf) if tool is not None and len(pdf) <= _MAX_PDF else None
    try:
        pages = parse_bbox_pages(xhtml) if xhtml is not None else None
    except PipelineError:
        pages = None
    if pages is None or min(counts, default=0) < 1 or sum(counts) != len(pages):
        return None
    out, at = [], 0  # each document's pages, numbered from its own first
    for count in counts:
        out.append([ln if ln.page == k else PrintedLine(k, ln.x0, ln.y0, ln.x1, ln.y1, ln.text)
                    for k, page in enumerate(pages[at:at + count], 1) for ln in page])
        at += count
    return out


def parse_bbox(xhtml: bytes) -> list[PrintedLine]:
    """Return the lines of ``pdftotext -bbox-layout`` output (see ``printed_lines``)."""
    return [ln for page in parse_bbox_pages(xhtml) for ln in page]


def parse_bbox_pages(xhtml: bytes) -> list[list[PrintedLine]]:
    """Return the lines of ``pdftotext -bbox-layout`` output, page by page (pages numbered from 1)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(xhtml, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise PipelineError(_("pdftotext không đọc được tệp PDF"))
    out: list[list[PrintedLine]] = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        pieces = []
        for line in page.iter(f"{_XHTML}line"):
            words = [unicodedata.normalize("NFC", w.text or "") for w in line.iter(f"{_XHTML}word")]
            text = " ".join(w for w in words if w)
            if text:
                pieces.append(PrintedLine(number, *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                                          text))
        out.append(_join_baselines(pieces))
    return out


def _join_baselines(pieces: list[PrintedLine]) -> list[PrintedLine]:
    pieces.sort(key=lambda p: (round(p.y1), p.x0))
    joined: list[PrintedLine] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if (last is not None and abs(last.y1 - piece.y1) < 1.0 and 0 <= piece.x0 - last.x1 < 2 * last.height):
            joined[-1] = PrintedLine(last.page, last.x0, min(last.y0, piece.y0), piece.x1, max(last.y1, piece.y1),
                                     f"{last.text} {piece.text}")
        else:
            joined.append(piece)
    return joined


# ---------------------------------------------------------------------------------------
# Finding the elements among the printed lines


def _tokens(text: str) -> list[str]:
    return canon(text).split()


def _find(words: Sequence[str], tokens: Sequence[list[str]], lines: Sequence[PrintedLine], start: int = 0
          ) -> tuple[int, tuple[PrintedLine, ...]]:
    """Find the printed lines that hold ``words`` in order, from ``lines[start]`` on.

    ``tokens[i]`` are the words of ``lines[i]``. Lines of another column may sit between them
    in reading order (a two-column table): up to four are skipped. Returns the index after
    the last line taken, and the lines; (start, ()) when the words are not there.
    """
    if not words:
        return start, ()
    words = list(words)
    stop = len(lines)
    for i in range(start, stop):
        got = tokens[i]
        if not got or got != words[:len(got)]:
            continue
        taken, k, j, skipped = [lines[i]], len(got), i + 1, 0
        while k < len(words) and j < stop and skipped <= 4:
            got = tokens[j]
            if got and got == words[k:k + len(got)]:
                taken.append(lines[j])
                k += len(got)
                skipped = 0
            else:
                skipped += 1
            j += 1
        if k == len(words):
            return j, tuple(taken)
    return start, ()


def _words(lines: Iterable[Line]) -> list[str]:
    return [w for ln in lines for w in _tokens(ln.text)]


def locate(doc: Document, lines: Sequence[PrintedLine], layout: Layout | None = None) -> Printed:
    """Return where the elements ``find.identify`` sees in ``doc`` landed among ``lines``."""
    lay = layout or identify(doc)
    missing: list[str] = []
    tokens = [_tokens(ln.text) for ln in lines]
    first_page = [ln for ln in lines if ln.page == 1]
    first_tokens = tokens[:len(first_page)]  # lines come page by page

    def seek(name: str, words: Sequence[str], start: int = 0, page_one: bool = False):
        if not words:
            return start, ()
        end, found = _find(words, first_tokens if page_one else tokens, first_page if page_one else lines, start)
        if not found:
            missing.append(name)
        return end, found

    groups: list[tuple[PrintedLine, ...]] = []
    set_breaks: list[frozenset[int]] = []
    for group in _name_groups(lay.co_quan):
        _end, found = seek("co_quan", _words(group), 0, page_one=True)
        if found:
            groups.append(found)
            set_breaks.append(_set_breaks(group, found))
    _e, so = seek("so", _words([lay.so]) if lay.so else [], 0, page_one=True)
    _e, date = seek("date", _words([lay.date]) if lay.date else [], 0, page_one=True)
    _e, vv = seek("vv", _words(lay.vv), 0, page_one=True)
    after_title = 0
    ten_loai: tuple[PrintedLine, ...] = ()
    trich_yeu: tuple[PrintedLine, ...] = ()
    if lay.ten_loai is not None:
        after_title, ten_loai = seek("ten_loai", _words([lay.ten_loai]))
        if ten_loai:
            after_title, trich_yeu = seek("trich_yeu", _words(lay.trich_yeu), after_title)
    closing: tuple[PrintedLine, ...] = ()
    after_body = after_title
    if lay.body:
        last = lay.body[-1].para
        after_body, closing = seek("closing", _words([ln for ln in last.lines if ln.text]), after_title)
    noi_nhan: tuple[PrintedLine, ...] = ()
    if lay.noi_nhan:
        _e, noi_nhan = seek("noi_nhan", _words(lay.noi_nhan), after_body)
    signature: tuple[PrintedLine, ...] = ()
    signers = lay.titles + ([lay.signer] if lay.signer is not None else [])
    if signers:
        at = after_body
        for ln in signers:  # one by one: the Nơi nhận column sits between them in reading order
            at, found = seek("signature", _tokens(ln.text), at)
            signature += found
    return Printed(tuple(lines), tuple(groups), tuple(set_breaks), so, date, vv, ten_loai, trich_yeu, closing, noi_nhan, signature,
                   tuple(dict.fromkeys(missing)))


def _set_breaks(written: Sequence[Line], printed: Sequence[PrintedLine]) -> frozenset[int]:
    """Indexes of the printed lines that begin one of the lines as written (not a wrap)."""
    starts, count = set(), 0
    for ln in written:
        starts.add(count)
        count += len(_tokens(ln.text))
    out, count = set(), 0
    for k, ln in enumerate(printed):
        if count in starts:
            out.add(k)
        count += len(_tokens(ln.text))
    return frozenset(out)


def _name_groups(co_quan: Sequence[Line]) -> list[list[Line]]:
    """Split the left header block into names: the chủ quản (upright), the issuing body (bold); the
    issuers of a joint document, each a name of its own, stand apart (an empty paragraph between)."""
    groups: list[list[Line]] = []
    previous, last = None, None
    for ln in co_quan:
        bold = any(r.fmt.bold for r in ln.text_runs())
        if not groups or bold != previous or ln.index > last + 1:
            groups.append([])
        groups[-1].append(ln)
        previous, last = bold, ln.index
    return groups


# ---------------------------------------------------------------------------------------
# The checks


def _pages(lines: Iterable[PrintedLine]) -> str:
    by_page: dict[int, list[str]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln.text)
    return "; ".join(_("trang {n}: {text}").format(n=n, text=", ".join(texts)) for n, texts in by_page.items())


def page_findings(printed: Printed) -> list[Finding]:
    """Judge the printed page: the end whole with text above it, names and titles broken well."""
    out: list[Finding] = []
    sign = printed.signature
    if sign:
        page = sign[0].page
        where = shorten(" / ".join(ln.text for ln in sign))
        if any(ln.page != page for ln in sign):
            out.append(Finding("PRINT-SIGN-PAGE", where, _("khối chữ ký trên một trang"), _pages(sign)))
        closing = printed.closing
        if closing:
            on_page = [ln for ln in closing if ln.page == page and ln.y1 <= sign[0].y0 + 1]
            needed = min(END_LINES, len(closing))
            if len(on_page) < needed:
                out.append(Finding(
                    "PRINT-SIGN-ALONE", shorten(closing[-1].text),
                    _("ít nhất {n} dòng cuối của nội dung trên trang có chữ ký (trang {page})").format(
                        n=needed, page=page),
                    _("{k} dòng trên trang {page}").format(k=len(on_page), page=page)))
        if printed.noi_nhan and any(ln.page != page for ln in printed.noi_nhan):
            out.append(Finding("PRINT-NOINHAN-PAGE", shorten(printed.noi_nhan[0].text),
                               _("Nơi nhận cùng trang với chữ ký (trang {page})").format(page=page),
                               _pages(printed.noi_nhan)))
    for group, set_breaks in zip(printed.co_quan, printed.co_quan_set):
        texts = [ln.text for ln in group]
        for k, why in name_break_faults(texts, set_breaks):
            shown = " / ".join(texts)
            if why == "word":
                found = _("ngắt giữa một từ: \"{a} / {b}\"").format(a=texts[k - 1].split()[-1], b=texts[k].split()[0])
            elif why == "phrase":
                found = _("dòng kết thúc bằng \"{word}\"").format(word=texts[k - 1].split()[-1])
            else:
                found = _("dòng chỉ một tiếng: \"{line}\"").format(line=texts[k])
            out.append(Finding("PRINT-COQUAN-BREAK", shorten(shown), _("xuống dòng ở ranh giới cụm từ"), found))
    items = printed.noi_nhan[1:]  # under "Nơi nhận:", a line not opening with a dash goes on the item above
    for above, line in zip(items, items[1:]):
        if not line.text.lstrip().startswith(("-", "–", "+")) and splits_a_word(above.text, line.text):
            out.append(Finding("PRINT-NOINHAN-BREAK", shorten(f"{above.text} / {line.text}"),
                               _("xuống dòng ở ranh giới cụm từ"),
                               _("ngắt giữa một từ: \"{a} / {b}\"").format(a=above.text.split()[-1],
                                                                          b=line.text.split()[0])))
    for rule, element in (("PRINT-TRICHYEU-WORD", printed.trich_yeu), ("PRINT-VV-WORD", printed.vv)):
        if len(element) < 2:
            continue
        for k, ln in enumerate(element):
            if is_one_word(ln.text):
                out.append(Finding(rule, shorten(" / ".join(x.text for x in element)),
                                   _("không dòng nào chỉ có một từ"),
                                   _("dòng {k}: \"{line}\"").format(k=k + 1, line=ln.text)))
    return out


def check_pdf(docx: str | os.PathLike, pdf: Path, shown: str | None = None) -> list[Violation]:
    """Check a document printed to ``pdf`` already (``make pdf``'s PDF/A)."""
    return check_pdfs([(docx, pdf, shown)])[0]


def check_pdfs(printed: Sequence[tuple[str | os.PathLike, Path, str | None]], session: Session | None = None,
               lines: Sequence[list[PrintedLine]] | None = None) -> list[list[Violation]]:
    """``check_pdf`` of each (DOCX, its PDF, name shown): the PDFs read together (``printed_lines_of``),
    the DOCX files through one ``Session`` (documents of one template share most of what they hold).

    ``lines``: each PDF's printed lines, read already (``printed_lines_in``); its PDF is then not read.
    """
    session = session or Session()
    out: list[list[Violation] | None] = []
    opened = []
    for docx, _pdf, _shown in printed:
        doc, refused = open_document(docx, session.read)
        out.append(refused if doc is None else None)
        opened.append(doc)
    readable = [k for k, doc in enumerate(opened) if doc is not None]
    read = [lines[k] for k in readable] if lines is not None else printed_lines_of([printed[k][1] for k in readable])
    for k, found in zip(readable, read):
        docx, _pdf, shown = printed[k]
        out[k] = violations(shown or str(docx), page_findings(locate(opened[k], found)))
    return out


def lint_printed(paths: Sequence[str | os.PathLike]) -> list[Violation]:
    """Print each DOCX with LibreOffice (one run for all) and check its pages."""
    files = []
    for p in map(Path, paths):
        if p.is_dir() and not p.name.lower().endswith(".docx"):  # a folder named x.docx is refused as a file
            files += sorted(f for f in p.rglob("*.docx") if not f.name.startswith("~$"))
        else:
            files.append(p)
    out: list[Violation] = []
    readable = []
    for f in files:
        doc, refused = open_document(f)
        if doc is None:
            out += refused
        else:
            readable.append((f, doc))
    if not readable:
        return out
    with tempfile.TemporaryDirectory(prefix="vanban-trang-") as work:
        made = print_to_pdf([f for f, _doc in readable], Path(work))
        for f, doc in readable:
            pdf = made.get(f)
            if pdf is None:
                out.append(Violation(str(f), "PRINT-RENDER", rule_name("PRINT-RENDER"), _("toàn văn bản"),
                                     _("tệp LibreOffice in được ra PDF"), _("LibreOffice không in được tệp")))
                continue
            out += violations(str(f), page_findings(locate(doc, printed_lines(pdf))))
    return out
