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

import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

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
from pipeline.lint.rules import RULE_BY_ID, RULES, Finding, rule_name

__all__ = ["RULES", "Violation", "format_violation", "lint_docx", "lint_paths"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97–2003 .doc
_MAX_PART = 64 * 1024 * 1024  # refuse absurd (zip-bomb) parts


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


def open_document(path: str | os.PathLike) -> tuple[Document | None, list[Violation]]:
    """Read a .docx into lines; a file that cannot be read gives None and one DOCX-OPEN violation."""
    shown = str(path)
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except FileNotFoundError:
        return None, _open_error(shown, _("không tìm thấy tệp"))
    except OSError as exc:
        return None, _open_error(shown, _("không mở được tệp: {error}").format(error=exc.strerror))
    if magic == _OLE_MAGIC:
        return None, _open_error(shown, _("tệp Word 97–2003 (.doc); hãy lưu lại dạng .docx"))
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                return None, _open_error(shown, _("không có phần word/document.xml"))

            def read(name: str) -> bytes | None:
                if name not in names:
                    return None
                if zf.getinfo(name).file_size > _MAX_PART:
                    raise ValueError(name)
                return zf.read(name)

            return read_document(read), []
    except zipfile.BadZipFile:
        return None, _open_error(shown, _("không phải tệp .docx (không đọc được dạng ZIP)"))
    except Exception as exc:  # noqa: BLE001 - a damaged file must give a message, not a traceback
        return None, _open_error(shown, _("nội dung hỏng ({error})").format(
            error=type(exc).__name__))


Check = Callable[[Document, Layout], Iterable[Finding]]
FILE_CHECKS: tuple[Check, ...] = (check_page, check_fonts, check_page_numbers)
DOCUMENT_CHECKS: tuple[Check, ...] = (
    check_presence, check_header, check_title, check_preamble, check_can_cu, check_body,
    check_articles, check_footer, check_rules, check_recipients, check_vv)


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


def lint_paths(paths: Iterable[str | os.PathLike]) -> list[Violation]:
    """Check files; a directory stands for every .docx below it (Word lock files skipped)."""
    out: list[Violation] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*.docx") if not f.name.startswith("~$"))
            for f in files:
                out.extend(lint_docx(f))
        else:
            out.extend(lint_docx(p))
    return out
