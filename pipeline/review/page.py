"""The review page: output/<campaign>/review/index.html, from templates/review.html.j2.

One static file that opens from disk: relative links only, CSS inline, no
script, nothing fetched. It shows the cascade as a tree (each document under
the one it implements, from the manifest's "parent"), and for each document its
status, number, date, issuer, type, subject, the first page, links to the DOCX,
the PDF and the text, and what changed, word by word.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.files import atomic_write
from pipeline.model import DOCUMENT_TYPES
from pipeline.review.campaign import (
    CHANGES,
    PDF_DIR,
    THUMBS,
    CampaignReview,
    document_number,
    fresh_pdf,
)
from pipeline.vietnamese.format import format_date_input

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PAGE = "review.html.j2"
TEXT_PAGE = "review-text.html.j2"
THUMB_WIDTH = 200  # CSS pixels; the PNG is 331 px wide (A4 at 40 dpi), so it stays sharp
THUMB_HEIGHT = 283
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]<>()#+\-.!|~\"'])")


@dataclass
class DiffRow:
    kind: str  # "hunk" (a gap between changes), "ctx", "del" or "add"
    parts: list[tuple[bool, str]]  # (changed word?, text)


@dataclass
class DocView:
    id: str
    subject: str
    type_name: str
    issued: bool
    number: str
    date: str
    issuer: str
    signer: str
    docx: str
    pdf: str | None
    pdf_stale: bool
    text: str  # review/<id>.html: the text, rendered
    markdown: str  # review/<id>.md: the same as Markdown, for diffs and tools
    thumb: str | None
    change: str | None  # "changed", "added" or None
    diff: list[DiffRow] = field(default_factory=list)
    children: list["DocView"] = field(default_factory=list)


def write_page(review: CampaignReview, body_names: dict[str, str]) -> Path:
    """Write review/index.html for one campaign; return its path."""
    roots = document_tree(review, body_names)
    manifest = review.manifest
    issued = sum(1 for doc in review.documents if doc.get("number") is not None)
    removed = [{"id": e["id"], "subject": e.get("subject", ""),
                "type_name": _type_name(e), "number": document_number(e)} for e in review.removed]
    order = [doc["id"] for doc in review.documents]  # the summary links them in the page's order
    html = _environment().get_template(PAGE).render(
        name=manifest.get("name") or manifest["campaign"], campaign=manifest["campaign"],
        total=len(review.documents), issued=issued, drafts=len(review.documents) - issued,
        baseline=review.baseline, changed=[i for i in order if i in review.diffs],
        added=[i for i in order if i in review.added], removed=removed,
        roots=roots, changes_href=CHANGES, thumb_width=THUMB_WIDTH, thumb_height=THUMB_HEIGHT)
    atomic_write(review.index, html.encode("utf-8"))
    return review.index


def text_page(review: CampaignReview, doc: dict, markdown: str) -> str:
    """review/<id>.html: the text of the DOCX (pandoc's Markdown) rendered for reading, not as markup.

    Pandoc escapes what the text holds (a '<' in a trích yếu is written \\<); the only HTML in its
    Markdown is its own (the header and signature tables), which is kept.
    """
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(markdown)
    return _environment().get_template(TEXT_PAGE).render(
        campaign=review.manifest.get("name") or review.manifest["campaign"], id=doc["id"],
        title=f"{_type_name(doc)} {document_number(doc)}".strip(), subject=doc.get("subject", ""), body=body,
        markdown=f"{doc['id']}.md")


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def document_tree(review: CampaignReview, body_names: dict[str, str]) -> list[DocView]:
    """Every document as a DocView under its parent, in manifest order; orphans become roots."""
    views = {doc["id"]: document_view(review, doc, body_names) for doc in review.documents}
    roots = []
    for doc in review.documents:
        parent = views.get(doc.get("parent") or "")
        (parent.children if parent is not None else roots).append(views[doc["id"]])
    return roots


def document_view(review: CampaignReview, doc: dict, body_names: dict[str, str]) -> DocView:
    doc_id = doc["id"]
    pdf = review.campaign_dir / PDF_DIR / f"{doc_id}.pdf"
    thumb = review.thumbs.get(doc_id)
    change = "changed" if doc_id in review.diffs else "added" if doc_id in review.added else None
    return DocView(
        id=doc_id, subject=doc.get("subject", ""), type_name=_type_name(doc),
        issued=doc.get("number") is not None, number=document_number(doc), date=_date(doc.get("date")),
        issuer=body_names.get(doc.get("issuer", ""), doc.get("issuer", "")), signer=doc.get("signer") or "",
        docx=f"../{doc['file']}", pdf=f"../{PDF_DIR}/{doc_id}.pdf" if pdf.exists() else None,
        pdf_stale=pdf.exists() and fresh_pdf(review.campaign_dir, doc) is None,
        text=f"{doc_id}.html", markdown=f"{doc_id}.md", thumb=f"{THUMBS}/{thumb.name}" if thumb is not None else None, change=change,
        diff=diff_rows(review.diffs.get(doc_id, [])))


def _type_name(entry: dict) -> str:
    kind = entry.get("type", "")
    return DOCUMENT_TYPES[kind][0] if kind in DOCUMENT_TYPES else (kind or "Văn bản")


def _date(iso: str | None) -> str:
    import datetime as _dt

    try:
        return format_date_input(_dt.date.fromisoformat(iso or ""))
    except ValueError:
        return iso or ""


# --- the diff, word by word -----------------------------------------------------------------------------


def diff_rows(lines: list[str]) -> list[DiffRow]:
    """Turn unified diff lines into rows of visible text; a run of removed lines followed by
    added ones is compared word by word, so a changed word stands out in a long paragraph.

    Lines with nothing to read (blank lines, table tags) are left out; a diff left with no
    change at all becomes one note (the formatting changed, not the words).
    """
    body = [("@", "") if line.startswith("@@") else (line[:1], plain(line[1:]))
            for line in lines if not line.startswith(("--- ", "+++ "))]
    body = [(sign, text) for sign, text in body if sign == "@" or text.strip()]
    rows: list[DiffRow] = []
    i = 0
    while i < len(body):
        sign, text = body[i]
        if sign == "@":
            if rows and rows[-1].kind != "hunk":  # a gap between two changes
                rows.append(DiffRow("hunk", [(False, "…")]))
            i += 1
        elif sign == "-":
            dels = _run(body, i, "-")
            adds = _run(body, i + len(dels), "+")
            for n in range(max(len(dels), len(adds))):
                old = dels[n] if n < len(dels) else None
                new = adds[n] if n < len(adds) else None
                if old is not None and new is not None and old != new:
                    old_parts, new_parts = word_diff(old, new)
                    rows += [DiffRow("del", old_parts), DiffRow("add", new_parts)]
                elif old is not None and new is not None:  # only the formatting changed
                    rows.append(DiffRow("ctx", [(False, new)]))
                elif old is not None:
                    rows.append(DiffRow("del", [(False, old)]))
                else:
                    rows.append(DiffRow("add", [(False, new)]))
            i += len(dels) + len(adds)
        else:
            rows.append(DiffRow("add" if sign == "+" else "ctx", [(False, text)]))
            i += 1
    while rows and rows[-1].kind == "hunk":
        rows.pop()
    if lines and not any(r.kind in ("del", "add") for r in rows):
        return [DiffRow("note", [(False, "Chỉ đổi định dạng, chữ không đổi (chi tiết trong changes.md).")])]
    return rows


def plain(line: str) -> str:
    """A line of the Markdown text as a reader sees it: no bold marks, escapes or HTML tags."""
    if line.lstrip().startswith("<"):  # a line of an HTML table pandoc writes for cells with paragraphs
        return html.unescape(_TAG.sub("", line))
    return _ESCAPE.sub(r"\1", line.replace("**", ""))


def _run(lines: list[tuple[str, str]], start: int, sign: str) -> list[str]:
    out = []
    while start + len(out) < len(lines) and lines[start + len(out)][0] == sign:
        out.append(lines[start + len(out)][1])
    return out


def word_diff(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Split two lines into (changed?, text) parts, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_parts: list[tuple[bool, str]] = []
    new_parts: list[tuple[bool, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            _append(old_parts, tag != "equal", "".join(a[i1:i2]))
        if j2 > j1:
            _append(new_parts, tag != "equal", "".join(b[j1:j2]))
    return old_parts, new_parts


def _append(parts: list[tuple[bool, str]], changed: bool, text: str) -> None:
    if parts and parts[-1][0] == changed:
        parts[-1] = (changed, parts[-1][1] + text)
    else:
        parts.append((changed, text))
