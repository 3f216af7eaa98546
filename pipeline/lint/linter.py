"""Check the thể thức of ANY .docx (NĐ 30/2020/NĐ-CP; Party HD 36-HD/VPTW): entry points.

Clerks run ``vanban lint FILE.docx…`` on documents typed by hand in Word as well as on
generated ones, so nothing here depends on how a template builds a document:

- ``read`` reads the package, splitting paragraphs into lines at manual line breaks, and
  ``styles`` resolves the EFFECTIVE formatting of every run and paragraph (direct →
  character style → paragraph style → table style → document defaults);
- ``find`` finds the elements (Quốc hiệu, Số, date, tên loại, body, Nơi nhận, signature…)
  by their text and position, and cuts a file holding several documents into parts;
  ``checks``, ``bodytext``, ``placement``, ``presence`` and ``pagesetup`` judge them
  against the rule table in ``rules``;
- this module runs the checks on each part, turns findings into ``Violation`` records and
  formats them.

Example line: ``a.docx: ND30-DATE-PAD: Ngày tháng ban hành: tại "Yên Bái, ngày 7 tháng 11
năm 2024": cần "ngày 07", thấy "ngày 7"``.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.files import kind_of
from pipeline.i18n import _
from pipeline.lint.bodytext import check_articles, check_body
from pipeline.lint.checks import (
    check_can_cu,
    check_footer,
    check_header,
    check_preamble,
    check_title,
)
from pipeline.lint.find import Layout, identify, split
from pipeline.lint.pagesetup import check_fonts, check_page, check_page_numbers
from pipeline.lint.placement import check_recipients, check_rules, check_vv
from pipeline.lint.presence import check_presence
from pipeline.lint.read import Document, read_document
from pipeline.lint.rules import RULE_BY_ID, RULES, Finding, named_for, rule_name
from pipeline.lint.tables import check_tables

__all__ = ["RULES", "Violation", "format_violation", "lint_docx", "lint_paths"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97–2003 .doc
# A part beyond these is refused before it is parsed (zip bombs). A 300-page report is
# about 10 MB and 400,000 elements in word/document.xml.
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_PART_ELEMENTS = 1_000_000


@dataclass(frozen=True, slots=True)
class Violation:
    """One breach of a format rule in one file."""

    path: str
    rule_id: str  # stable id, e.g. "ND30-DATE-PAD"
    rule_name: str  # Vietnamese name of the element, e.g. "Ngày tháng ban hành"
    where: str  # the paragraph text (≈60 characters), or "trang" / "toàn văn bản"
    expected: str
    found: str


def format_violation(v: Violation) -> str:
    """Return the one-line form shown to clerks."""
    return _('{path}: {rule_id}: {rule_name}: tại "{where}": cần "{expected}", thấy "{found}"'
             ).format(path=v.path, rule_id=v.rule_id, rule_name=v.rule_name, where=v.where,
                      expected=v.expected, found=v.found)


def _open_error(path: str, found: str) -> list[Violation]:
    return [Violation(path, "DOCX-OPEN", rule_name("DOCX-OPEN"), _("toàn văn bản"),
                      _("tệp Word .docx hợp lệ"), found)]


def lint_docx(path: str | os.PathLike) -> list[Violation]:
    """Check one .docx file; a file that cannot be read gives one DOCX-OPEN violation."""
    doc, refused = open_document(path)
    if doc is None:
        return refused
    return violations(str(path), run_checks(doc))


def open_document(path: str | os.PathLike, reader: Callable[..., Document] = read_document
                  ) -> tuple[Document | None, list[Violation]]:
    """Read a .docx into lines; a file that cannot be read gives None and one DOCX-OPEN violation.

    ``reader`` turns the package's ``read(name)`` into the Document: ``read_document``, or a
    ``lint.session.Session``'s ``read`` for many documents of one template (the same Document).

    The file is opened without blocking and checked to be a regular file before a byte is
    read (a FIFO would hang, a link to /dev/zero never ends); each XML part is checked for
    its size and its number of elements before it is parsed (a zip bomb of empty
    paragraphs would otherwise take minutes and gigabytes).
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, _open_error(shown, _("không tìm thấy tệp"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, _open_error(shown, _("vòng liên kết tượng trưng (liên kết trỏ về chính nó)"))
        return None, _open_error(shown, _("không mở được tệp: {error}").format(error=exc.strerror))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        return None, _open_error(shown, _("không phải tệp thường mà là {kind}").format(kind=kind_of(mode)))
    with os.fdopen(fd, "rb") as fh:
        magic = fh.read(4)
        if magic == _OLE_MAGIC:
            return None, _open_error(shown, _("tệp Word 97–2003 (.doc); hãy lưu lại dạng .docx"))
        fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as zf:
                names = set(zf.namelist())
                if "word/document.xml" not in names:
                    return None, no_body(shown)

                def read(name: str) -> bytes | None:
                    if name not in names:
                        return None
                    return _read_part(zf, name)

                return reader(read), []
        except zipfile.BadZipFile:
            return None, _open_error(shown, _("không phải tệp .docx (không đọc được dạng ZIP)"))
        except _PartTooLarge as exc:
            return None, _open_error(shown, str(exc))
        except Exception as exc:  # noqa: BLE001 - a damaged file must give a message, not a traceback
            return None, damaged(shown, exc)


def no_body(shown: str) -> list[Violation]:
    """The violation of a package without its main part."""
    return _open_error(shown, _("không có phần word/document.xml"))


def damaged(shown: str, exc: Exception) -> list[Violation]:
    """The violation of a package whose parts could not be read."""
    return _open_error(shown, _("nội dung hỏng ({error})").format(error=type(exc).__name__))


class _PartTooLarge(Exception):
    """A part of the package beyond what a real document holds: refused before it is parsed."""


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """Return a part's bytes, read at most to the limit, refused if it holds too many XML elements."""
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise _PartTooLarge(_("phần {name} quá lớn: {size} byte khi giải nén, tối đa {limit}").format(
            name=name, size=info.file_size, limit=MAX_PART_BYTES))
    with zf.open(info) as part:  # the declared size could lie: read no more than the limit
        data = part.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise _PartTooLarge(_("phần {name} quá lớn: hơn {limit} byte khi giải nén").format(
            name=name, limit=MAX_PART_BYTES))
    if name.endswith(".xml"):
        # Every element starts with "<" (text holds "&lt;", never "<"): a count of the
        # opening marks that are not end tags bounds the elements, at C speed.
        elements = data.count(b"<") - data.count(b"</")
        if elements > MAX_PART_ELEMENTS:
            raise _PartTooLarge(_("phần {name} có khoảng {n} phần tử XML, tối đa {limit}: quá lớn để kiểm tra "
                                  "(một văn bản hành chính thật ít hơn nhiều)").format(
                name=name, n=elements, limit=MAX_PART_ELEMENTS))
    return data


Check = Callable[[Document, Layout], Iterable[Finding]]
FILE_CHECKS: tuple[Check, ...] = (check_page, check_fonts, check_page_numbers)
DOCUMENT_CHECKS: tuple[Check, ...] = (
    check_presence, check_header, check_title, check_preamble, check_can_cu, check_body,
    check_articles, check_footer, check_rules, check_recipients, check_vv, check_tables)


def run_checks(doc: Document) -> list[Finding]:
    """Identify the elements, run every check, keep the rules that apply to the system.

    A file holding several documents (the decree's compilation of templates) is said to be
    so, and each document in it is checked on its own, its findings named after it.
    """
    _prelude, parts = split(doc)
    layouts = [identify(doc, part.lines) for part in parts]
    documents = [lay for lay in layouts if not lay.attached]
    out = []
    if len(documents) > 1:
        labels = [part.label for part, lay in zip(parts, layouts) if not lay.attached]
        if all(labels):
            found = _("{n} mẫu văn bản ({labels}), mỗi mẫu được kiểm tra riêng").format(
                n=len(labels), labels=", ".join(labels))
        else:
            found = _("{n} văn bản, mỗi văn bản được kiểm tra riêng").format(n=len(labels))
        out.append(Finding("DOCX-MULTI", _("toàn văn bản"), _("một văn bản trong một tệp"),
                           found, -1))
        number = 0
        for part, lay in zip(parts, layouts):
            number += not lay.attached
            lay.label = part.label or _("văn bản {n}").format(n=number)
    first = layouts[0]
    out += [f for check in FILE_CHECKS for f in check(doc, first)
            if first.system in RULE_BY_ID[f.rule_id].systems]
    for lay in layouts:
        found = [f for check in DOCUMENT_CHECKS for f in check(doc, lay)
                 if lay.system in RULE_BY_ID[f.rule_id].systems]
        if lay.party_rules is not None:  # named after the guideline of the document's date (lint.regime)
            guideline = lay.party_rules.guideline.short
            found = [replace(f, rule_id=named_for(f.rule_id, guideline)) for f in found]
        if lay.label:
            found = [replace(f, where=f"{lay.label}: {f.where}") for f in found]
        out += found
    out.sort(key=lambda f: f.pos)
    return out


def violations(path: str, findings: Iterable[Finding]) -> list[Violation]:
    """Turn findings into violations; repeated body findings become one counted line."""
    first: dict[tuple[str, str, str], Finding] = {}
    counts: dict[tuple[str, str, str], int] = {}
    order: list[tuple[str, str, str] | Finding] = []
    for f in findings:
        key = (f.rule_id, f.expected, f.found)
        if not RULE_BY_ID[f.rule_id].aggregate:
            order.append(f)
        elif key in first:
            counts[key] += 1
        else:
            first[key], counts[key] = f, 0
            order.append(key)
    out = []
    for item in order:
        f = item if isinstance(item, Finding) else first[item]
        where = f.where
        if not isinstance(item, Finding) and counts[item]:
            where += " " + _("(+{n} chỗ khác)").format(n=counts[item])
        out.append(Violation(path, f.rule_id, rule_name(f.rule_id), where, f.expected,
                             f.found))
    return out


def lint_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Violation], int]:
    """Check files; return the violations and the number of files checked.

    A folder stands for every .docx below it (Word lock files skipped); a folder whose
    own name ends in .docx was meant as a file, and is reported as not one.
    """
    out: list[Violation] = []
    checked = 0
    for p in paths:
        p = Path(p)
        if p.is_dir() and not p.name.lower().endswith(".docx"):
            files = sorted(f for f in p.rglob("*.docx") if not f.name.startswith("~$"))
            for f in files:
                out.extend(lint_docx(f))
            checked += len(files)
        else:
            out.extend(lint_docx(p))
            checked += 1
    return out, checked
