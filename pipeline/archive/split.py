"""Cut the PDF/A LibreOffice made of joined documents (``join``) into one PDF/A per document.

Each document's pages start at its mark (a named destination: LibreOffice exports the marks
so when asked) and end before the next one's. A document's PDF gets its pages as they are (the
same objects: content, fonts, images), its share of the structure tree (the tags of its pages
under a Document element of its own), the catalogue's PDF/A entries (output intent, language,
XMP) and its own title and author in both the Info dictionary and the XMP, as LibreOffice would
have written them for it alone. Anything unexpected raises ``SplitError`` and the group's
documents are converted one by one instead: a split is exact or not made.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

from pipeline.archive.join import MARK

_TITLE = re.compile(r'(<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">)([^<]*)(</rdf:li>)')
_AUTHOR = re.compile(r"(<dc:creator>\s*<rdf:Seq>\s*<rdf:li>)([^<]*)(</rdf:li>)")
_CATALOGUE = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents")  # copied as they are


class SplitError(Exception):
    """The joined PDF is not what ``split`` expects: its documents are converted one by one."""


def split(pdf: bytes, properties: Sequence[tuple[str, str]]) -> list[tuple[bytes, int]]:
    """Return one PDF per document of ``properties`` ((title, author) each, in the joined order), with its pages."""
    try:
        joined = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError as exc:
        raise SplitError(f"unreadable: {exc}") from None
    with joined:
        try:
            return _split(joined, properties)
        except (KeyError, AttributeError, TypeError, ValueError, IndexError, pikepdf.PdfError) as exc:
            raise SplitError(f"{type(exc).__name__}: {exc}") from None


def _split(joined: pikepdf.Pdf, properties: Sequence[tuple[str, str]]) -> list[tuple[bytes, int]]:
    pages = list(joined.pages)
    ranges = _ranges(joined, pages, len(properties))
    tree = joined.Root.StructTreeRoot
    top = tree.K[0] if isinstance(tree.K, Array) else tree.K
    if top.S != Name.Document:
        raise SplitError("structure tree without a Document element")
    elements: dict[tuple[int, int], list] = {}
    for element in top.K:
        elements.setdefault(element.Pg.objgen, []).append(element)
    numbers = tree.ParentTree.Nums
    parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    xmp = joined.Root.Metadata.read_bytes().decode("utf-8")
    _check_properties(xmp, joined.docinfo, properties[0])
    made = []
    for i, ((start, end), (title, author)) in enumerate(zip(ranges, properties)):
        own = pages[start:end]
        kids = [element for page in own for element in elements.get(page.objgen, [])]
        while i < len(ranges) - 1 and kids and "/K" not in kids[-1]:
            kids.pop()  # the empty paragraph that holds the section break (join: the last of a body is a table)
        if elements and not kids:  # a tagged PDF with no tag on this document's pages
            raise SplitError("a document without tags")
        made.append((_one(joined, own, kids, tree, parents, xmp, (title, author)), len(own)))
    return made


def _ranges(joined: pikepdf.Pdf, pages: list, count: int) -> list[tuple[int, int]]:
    index = {page.objgen: i for i, page in enumerate(pages)}
    destinations = joined.Root.get("/Dests", Dictionary())
    starts = []
    for i in range(count):
        target = destinations.get(Name("/" + MARK.format(i)))
        if target is None:
            raise SplitError(f"mark {i} missing")
        starts.append(index[target[0].objgen])
    if starts[0] != 0 or any(a >= b for a, b in itertools.pairwise(starts)):
        raise SplitError(f"marks out of order: {starts}")
    return list(zip(starts, starts[1:] + [len(pages)]))


def _check_properties(xmp: str, info: pikepdf.Dictionary, first: tuple[str, str]) -> None:
    """The joined PDF carries the first document's title and author where ``_one`` replaces them.

    The Info dictionary must hold them exactly; the XMP, once each. (LibreOffice 7.4 escapes a
    title's "&" twice in the XMP, "&amp;amp;": so the XMP's copy is not compared, and each PDF's
    XMP is written with the title escaped once, the same words as its Info dictionary.)
    """
    for pattern, value, key in ((_TITLE, first[0], "/Title"), (_AUTHOR, first[1], "/Author")):
        if len(pattern.findall(xmp)) != 1 or str(info.get(key, "")) != value:
            raise SplitError(f"{key} is not where it is replaced")


def _one(joined: pikepdf.Pdf, own: list, kids: list, tree, parents: dict, xmp: str,
         properties: tuple[str, str]) -> bytes:
    out = pikepdf.new()
    out.pages.extend(own)
    # The elements are re-parented in the joined PDF (thrown away after) before they are copied:
    # copied with their old parent, they would bring the whole group's tree along.
    document = joined.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array(kids)))
    for kid in kids:
        kid.P = document
    keys = [int(page.StructParents) for page in own if "/StructParents" in page]
    root = Dictionary(Type=Name.StructTreeRoot, K=Array([document]),
                      ParentTree=Dictionary(Nums=Array([x for key in sorted(keys) for x in (key, parents[key])])))
    if "/RoleMap" in tree:
        root.RoleMap = tree.RoleMap
    out.Root.StructTreeRoot = out.copy_foreign(joined.make_indirect(root))
    for key in _CATALOGUE:
        if key in joined.Root:
            value = joined.Root[key]
            out.Root[key] = value if not isinstance(value, (Dictionary, Array)) else out.copy_foreign(
                value if value.is_indirect else joined.make_indirect(value))
    out.Root.OpenAction = Array([out.pages[0].obj, Name.XYZ, None, None, 0])
    title, author = properties
    text = _TITLE.sub(lambda m: m.group(1) + escape(title) + m.group(3), xmp)
    text = _AUTHOR.sub(lambda m: m.group(1) + escape(author) + m.group(3), text)
    out.Root.Metadata = out.make_stream(text.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
    info = out.copy_foreign(joined.make_indirect(Dictionary(joined.docinfo)))
    info.Title, info.Author = pikepdf.String(title), pikepdf.String(author)
    out.trailer.Info = info
    buffer = io.BytesIO()
    # As LibreOffice wrote them: streams not compressed anew (the XMP must not be), nor the XMP rewritten.
    out.save(buffer, min_version=joined.pdf_version, compress_streams=False, fix_metadata_version=False)
    return buffer.getvalue()
