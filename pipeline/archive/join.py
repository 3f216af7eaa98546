"""Join built DOCX files into one for LibreOffice: one section per document, a mark at each start.

LibreOffice spends most of a conversion on what every document costs, not on its pages:
measured here on the bench's documents, 45 CPU-ms a document converted one by one against 14 in
groups of twenty (same pages, pixel for pixel). The documents vanban builds share every part
but their body and their properties (styles, settings, fonts, headers, relationships: the same
bytes), so a group of them can be one DOCX: each body followed by its own section break (its
page size, margins, headers, numbering from 1, a first page without a number), a bookmark on
its first paragraph. ``split`` cuts the PDF LibreOffice makes of it back into one per document.

Only what surely lays out as it would alone is joined (``read_member``): a package whose parts
are those of the group's first, within bounds (size, parts); a body ending with a table (after
which LibreOffice lays out an empty paragraph alone too, so the one that carries the section
break adds nothing), whose first section starts a new page numbered 1, with no ``w:id`` and no
bookmark of its own (which could collide with the marks); properties LibreOffice would print as
nothing but a title and an author, without control characters. Anything else is converted
alone, as it is. A document's PDF carries the fonts of its whole group (one set of subsets,
shared by the pages LibreOffice made): 5-10 % larger than alone.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

MAX_FILE = 8 * 1024 * 1024  # a built document is tens of kilobytes; a larger one is converted alone
MAX_PART = 8 * 1024 * 1024
MAX_UNPACKED = 16 * 1024 * 1024  # all its parts together
MAX_PARTS = 64
MARK = "vanbandoc{:04d}"  # letters and digits: LibreOffice writes other characters of a name as hex
_END = "</w:body></w:document>"
_NESTED = re.compile(r"</?w:body")  # a body in the body: not one document's
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REFERENCES = (f"{{{_W}}}headerReference", f"{{{_W}}}footerReference")
_FIRST_PARAGRAPH = re.compile(r"(?s)<w:p>(?:<w:pPr>(?:(?!</w:pPr>).)*</w:pPr>)?")
_CORE = {"dc": "http://purl.org/dc/elements/1.1/",
         "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
_PRINTED_BESIDES = ("dc:subject", "cp:keywords", "dc:description")  # what LibreOffice would also put in the PDF
# Any w:id, any bookmark whatever its prefix: what could collide with the marks (evaluated in C).
_OWN_MARKS = etree.XPath("boolean(//@w:id | //*[starts-with(local-name(), 'bookmark')])", namespaces={"w": _W})
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Member:
    """One built document as a group takes it."""

    kind: str  # the digest of everything it shares: only members of one kind are joined
    head: str  # document.xml up to and with <w:body>
    body: str  # the body without its section break
    section: str  # its closing <w:sectPr>
    mark_at: int  # where in the body its mark goes: inside its first paragraph, after the paragraph's properties
    title: str  # its dc:title and dc:creator, which LibreOffice prints as the PDF's Title and Author
    author: str
    core: tuple[zipfile.ZipInfo, bytes]  # docProps/core.xml: the joined DOCX has the first member's
    shared: tuple[tuple[zipfile.ZipInfo, bytes], ...]  # every other part, in the package's order


def read_member(path: str | os.PathLike) -> Member | None:
    """Read a built DOCX for joining; None when it should be converted alone (never an error)."""
    try:
        parts = _read_package(path)
        if parts is None:
            return None
        document = parts.pop("word/document.xml")[1].decode("utf-8")
        core = parts.pop("docProps/core.xml")
    except (OSError, ValueError, zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return None
    pieces = _pieces(document)
    if pieces is None:
        return None
    head, body, section, mark_at, references = pieces
    properties = _title_and_author(core[1])
    if properties is None:
        return None
    shared = tuple(parts.values())
    digest = hashlib.sha256(head.encode("utf-8") + repr(sorted(references, key=repr)).encode("utf-8"))
    for info, data in shared:
        digest.update(b"\0" + info.filename.encode("utf-8") + b"\0" + data)
    return Member(digest.hexdigest(), head, body, section, mark_at, *properties, core=core, shared=shared)


def join(members: Sequence[Member]) -> bytes:
    """One DOCX of the members in order, each a section starting on a new page with its mark."""
    pieces = [members[0].head]
    for i, member in enumerate(members):
        mark = f'<w:bookmarkStart w:id="{i}" w:name="{MARK.format(i)}"/><w:bookmarkEnd w:id="{i}"/>'
        pieces += [member.body[:member.mark_at], mark, member.body[member.mark_at:]]
        # A section ends with the paragraph that holds its break; the member's body ends with a
        # table, after which LibreOffice lays out an empty paragraph alone too (_pieces).
        pieces.append(member.section if i == len(members) - 1 else f"<w:p><w:pPr>{member.section}</w:pPr></w:p>")
    pieces.append("</w:body></w:document>")
    document = "".join(pieces).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", document)
        for info, data in (members[0].core, *members[0].shared):  # split() gives each PDF its own title and author
            package.writestr(info.filename, data)
    return buffer.getvalue()


def _pieces(document: str) -> tuple[str, str, str, int, frozenset] | None:
    """The head (to <w:body>), the body, the closing section break of a body that may be joined, where
    its mark goes, and the header and footer references every one of its sections has (``kind``)."""
    start, end = document.find("<w:body>") + len("<w:body>"), document.rfind(_END)
    if start < len("<w:body>") or end < start or document[end + len(_END):].strip():
        return None
    inner = document[start:end]
    cut = inner.rfind("<w:sectPr>")
    body, section = inner[:cut], inner[cut:]
    if cut < 0 or section.count("<w:sectPr") != 1 or not section.endswith("</w:sectPr>"):
        return None
    first = _FIRST_PARAGRAPH.search(body)
    if "xmlns" in body or _NESTED.search(body) or first is None:
        return None  # no prefix bound anew inside the body: "w:" there is the root's, as _sections reads it
    references = _sections(document)
    return None if references is None else (document[:start], body, section, first.end(), references)


def _sections(document: str) -> frozenset | None:
    """Read as XML: what the text checks of ``_pieces`` cannot see (a comment, another prefix, an empty
    element). The body ends with a table and its section break; no bookmark and no ``w:id`` anywhere;
    the first section starts a new page numbered 1; every section names the same kinds of header and
    footer (a section naming none takes the one before it: in a group, another document's)."""
    try:
        root = etree.fromstring(document.encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.nsmap.get("w") != _W or sum(uri == _W for uri in root.nsmap.values()) != 1:
        return None
    body = root.find(f"{{{_W}}}body")
    blocks = [] if body is None else [child for child in body if isinstance(child.tag, str)]
    if len(blocks) < 2 or blocks[-1].tag != f"{{{_W}}}sectPr" or blocks[-2].tag != f"{{{_W}}}tbl":
        return None
    if _OWN_MARKS(root):
        return None
    sections = list(body.iter(f"{{{_W}}}sectPr"))
    first = sections[0]
    numbering = first.find(f"{{{_W}}}pgNumType")
    kind = first.find(f"{{{_W}}}type")
    if numbering is None or numbering.get(f"{{{_W}}}start") != "1" or (
            kind is not None and kind.get(f"{{{_W}}}val") != "nextPage"):
        return None
    references = {frozenset((etree.QName(r).localname, r.get(f"{{{_W}}}type"))
                            for r in section if r.tag in _REFERENCES) for section in sections}
    return references.pop() if len(references) == 1 else None


def _read_package(path: str | os.PathLike) -> dict[str, tuple[zipfile.ZipInfo, bytes]] | None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE:
            return None
        with zipfile.ZipFile(io.BytesIO(fh.read(MAX_FILE + 1))) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS or "word/document.xml" not in {i.filename for i in infos}:
                return None
            parts, unpacked = {}, 0
            for info in infos:
                with package.open(info) as part:  # the declared sizes could lie: read no more than the limits
                    data = part.read(min(MAX_PART, MAX_UNPACKED - unpacked) + 1)
                unpacked += len(data)
                if len(data) > MAX_PART or unpacked > MAX_UNPACKED or info.filename in parts:
                    return None
                parts[info.filename] = (info, data)
    return parts if "docProps/core.xml" in parts else None


def _title_and_author(core: bytes) -> tuple[str, str] | None:
    try:
        root = etree.fromstring(core, _PARSER)
    except etree.XMLSyntaxError:
        return None
    if any((root.findtext(name, namespaces=_CORE) or "").strip() for name in _PRINTED_BESIDES):
        return None
    title, author = root.findtext("dc:title", namespaces=_CORE), root.findtext("dc:creator", namespaces=_CORE)
    for value in (title, author):  # LibreOffice's way with an empty, padded or odd property is its own
        if not value or value != value.strip() or any(unicodedata.category(c).startswith("C") for c in value):
            return None
    return title, author
