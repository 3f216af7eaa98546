"""Lint many documents made from one template, reading what they share only once.

A build lints every document it writes, and its documents come from one template: the same
styles, theme, numbering, header and footer parts byte for byte, and bodies that repeat whole
paragraphs and tables (the sentences a fan-out inherits, the signature block, "Nơi nhận").
A ``Session`` reads each shared part once, and each distinct piece of a body once:

- the body of word/document.xml is cut, as bytes, into its top-level elements (a paragraph,
  a table, the section properties). A piece is parsed on its own between the document's own
  opening bytes (declaration, root and body tags with their namespaces) and closing bytes,
  so it means exactly what it means in the whole document — well-formed pieces that add up
  to the body parse to the body's elements, in order — and it is read by ``read``'s reader
  as the whole body would be;
- a piece met again (the same bytes after the same opening, with the same style sheet) is
  neither parsed nor read again: its paragraphs are copied, their numbers (paragraph,
  section, table) moved to where the piece now stands;
- a new piece whose skeleton — its bytes less the text of its ``w:t`` elements — was met
  before (the same paragraph of a sibling document, with another commune's name in it) is
  filled in from that skeleton's template with its own texts, not parsed (``lint.skeleton``).

So ``Session.read`` gives the Document ``read.read_document`` gives, and the checks the same
findings (tests/lint/test_session.py holds them equal on built documents). A body that cannot
be cut so — a comment, CDATA, a DOCTYPE or a processing instruction in it, or a piece that is
not well-formed alone — is read whole by ``read.read_document``, as ``vanban lint`` reads
any file.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from lxml import etree

from pipeline.lint import skeleton
from pipeline.lint.linter import Violation, damaged, no_body, run_checks, violations
from pipeline.lint.properties import SECT_PR, TBL, parse_xml, w
from pipeline.lint.read import (
    TOP,
    Document,
    Line,
    Para,
    Parts,
    Section,
    Table,
    _Reader,
    assemble,
    read_document,
    stylesheet,
)

_BODY_START = re.compile(rb"<w:body(?:\s[^>]*)?>")
_BODY_END = b"</w:body>"
# The tags that open and close the body's paragraphs and tables (w:pPr, w:pict, w:tblPr… do
# not match); a self-closing one ends in "/>".
_TAG = re.compile(rb"<(/?)w:(?:p|tbl)(?:\s[^>]*?)?(/?)>")
_BODY = w("body")


class _Whole(Exception):
    """The body cannot be read in pieces: read it whole."""


@dataclass(slots=True)
class _Piece:
    """What a run of the body's top-level elements reads to, numbered from 0 as if it began the body."""

    paras: list[Para]
    tables: int  # tables it holds (nested ones too): the reader numbers them in order
    sections: int  # section breaks inside it (a w:sectPr in a paragraph's properties)
    sect_prs: list[etree._Element]
    table_sections: set[int]
    final: etree._Element | None  # a w:sectPr child of the body, if it is one
    table_list: list[Table]  # the tables it holds, numbered from 0


class Session:
    """Lint documents that share a template: each shared part read once, each repeated piece of a body once.

    ``pieces`` bounds how many distinct pieces are kept (the least recently met go first), so
    memory does not grow with the number of documents.
    """

    def __init__(self, pieces: int = 4096):
        self.limit = pieces
        self._pieces: OrderedDict[tuple, _Piece] = OrderedDict()
        self._beside: dict[int, tuple] = {}  # style sheet → (it, the parts beside the body, read once)
        # A piece's paragraphs and tables as they read where it stands (its index, sections and
        # tables before it) → (the piece, them): sibling documents hold the same pieces at the same
        # places. Documents are linted one after the other, so the next one may use the same
        # objects (``assemble`` numbers their lines again); no check changes what it reads.
        # This and the next keep a quarter of ``pieces`` entries: memory at 100k (the bench).
        self._placed: dict[tuple, tuple] = {}
        self._paragraphs: dict[tuple, Para] = {}  # a table's paragraph as read (_Remembering)
        # A piece's skeleton (lint.skeleton) → the first piece met (_First), then its template
        # (_Shaped), or 0 when its pieces must be read. A quarter of ``pieces`` entries, as above.
        self._skeletons: OrderedDict[tuple, _First | _Shaped | int] = OrderedDict()
        self.hits = self.misses = self.whole = 0
        self.placed = 0  # pieces whose paragraphs were taken as placed for an earlier document
        self.remembered = 0  # paragraphs of new tables taken as read before (_Remembering)
        self.filled = 0  # new pieces filled in from their skeleton's template, not read

    def lint(self, shown: str, read) -> list[Violation]:
        """Check one package read through ``read(name) → bytes | None``; name it ``shown`` in the violations."""
        if read("word/document.xml") is None:
            return no_body(shown)
        try:
            doc = self.read(read)
        except Exception as exc:  # noqa: BLE001 - a damaged file must give a message, not a traceback
            return damaged(shown, exc)
        return violations(shown, run_checks(doc))

    def read(self, read) -> Document:
        """Return ``read.read_document(read)``, reading only the pieces not met before."""
        styles = stylesheet(read)
        data = read("word/document.xml")
        try:
            pieces = self._pieces_of(styles, data)
        except _Whole:
            self.whole += 1
            return read_document(read)
        paras: list[Para] = []
        sect_prs: list = []
        table_sections: set[int] = set()
        final = None
        tables = sections = 0
        table_list: list[Table] = []
        placed = self._placed
        for piece in pieces:
            where = (id(piece), len(paras), sections, tables)
            found = placed.get(where)
            if found is not None and found[0] is piece:
                self.placed += 1
            else:
                if len(placed) > self.limit // 4:
                    placed.clear()
                found = placed[where] = (piece, _moved(piece.paras, *where[1:]),
                                         _moved_tables(piece.table_list, *where[1:]) if piece.table_list else [])
            paras += found[1]
            if found[2]:
                table_list += found[2]
            sect_prs += piece.sect_prs
            table_sections.update(s + sections for s in piece.table_sections)
            if final is None:
                final = piece.final
            tables += piece.tables
            sections += piece.sections
        beside = self._beside.get(id(styles))
        if beside is None or beside[0] is not styles:
            if len(self._beside) > 8:  # a few style sheets a build; more means documents of many origins
                self._beside.clear()
            beside = self._beside[id(styles)] = (styles, _SharedParts())
        return assemble(read, styles, paras, sect_prs + [final], table_sections, beside[1], table_list)

    # -- pieces --------------------------------------------------------------------------
    def _pieces_of(self, styles, data: bytes | None) -> list[_Piece]:
        if data is None:
            raise _Whole
        start = _BODY_START.search(data)
        end = data.rfind(_BODY_END)
        if start is None or end < start.end() or _holds(data, b"<!", 0) or _holds(data, b"<?", start.end()):
            raise _Whole  # a comment, CDATA or DOCTYPE anywhere; a processing instruction after the declaration
        head, tail = data[:start.end()], data[end:]
        out = []
        for chunk in _cut(data, start.end(), end):
            key = (styles, head, chunk)
            piece = self._pieces.get(key)
            if piece is None:
                piece = self._new_piece(styles, head, chunk, tail)
                self._pieces[key] = piece
                if len(self._pieces) > self.limit:
                    self._pieces.popitem(last=False)
            else:
                self.hits += 1
                self._pieces.move_to_end(key)
            out.append(piece)
        return out

    def _new_piece(self, styles, head: bytes, chunk: bytes, tail: bytes) -> _Piece:
        """A piece not met before: filled in from its skeleton's template if there is one, else read.

        A skeleton met once keeps that piece as read, and its texts; met again, its template is
        made and held to that reading (``_shaped``), and fills this piece and those after.
        """
        bones, raw = skeleton.split(chunk)
        key = (styles, head, bones)
        known = self._skeletons.get(key)
        if known is not None:
            self._skeletons.move_to_end(key)
            if known.__class__ is _First:
                known = self._skeletons[key] = self._shaped(styles, head, bones, tail, known) or 0  # 0: never filled in
            if known:
                slots = skeleton.texts(raw)
                if slots is not None:
                    self.filled += 1
                    return known.piece(slots)
        self.misses += 1
        piece = self._read_piece(styles, head + chunk + tail)
        if known is None:
            self._skeletons[key] = _First(chunk, raw, piece)
            if len(self._skeletons) > self.limit // 4:
                self._skeletons.popitem(last=False)
        return piece

    def _shaped(self, styles, head: bytes, bones: bytes, tail: bytes, first: _First) -> _Shaped | None:
        """The template of skeleton ``bones``, if filling it with the texts of the piece first met gives that
        piece's reading."""
        chunk, piece = first.chunk, first.piece
        marked, slots = skeleton.marked(chunk, bones), skeleton.texts(first.raw)
        if marked is None or slots is None or not skeleton.in_utf8(head):
            return None
        try:
            root = parse_xml(head + marked + tail)
        except etree.XMLSyntaxError:
            return None
        body = root.find(_BODY)
        if body is None:
            return None
        reader = skeleton.Reader(styles)
        reader.blocks(body, TOP)
        template = skeleton.Template.of(reader)
        if template is None:
            return None
        shaped = _Shaped(template, piece)
        if skeleton.model(shaped.piece(slots).paras) != skeleton.model(piece.paras):
            return None
        return shaped

    def _read_piece(self, styles, document: bytes) -> _Piece:
        try:
            root = parse_xml(document)
        except etree.XMLSyntaxError:
            raise _Whole from None
        body = root.find(_BODY)
        if body is None:
            raise _Whole
        # A table met for the first time (the header's, with this document's name and date in
        # it) mostly holds paragraphs met before: those are taken as read (_Remembering).
        reader = _Remembering(styles, self._paragraphs) if body.find(TBL) is not None else _Reader(styles)
        reader.blocks(body, TOP)
        self.remembered += getattr(reader, "taken", 0)
        if len(self._paragraphs) > self.limit // 4:
            self._paragraphs.clear()
        return _Piece(reader.paras, reader.tables, reader.section, reader.sect_prs, reader.table_sections,
                      body.find(SECT_PR), reader.table_list)



@dataclass(slots=True, frozen=True)
class _First:
    """The first piece of a skeleton met: its bytes, its texts and its reading (a template is held to it)."""

    chunk: bytes
    raw: list[bytes]
    piece: _Piece


@dataclass(slots=True, frozen=True)
class _Shaped:
    """A skeleton's template, and a piece of it as read (what does not depend on text: tables, sections)."""

    template: skeleton.Template
    read: _Piece

    def piece(self, slots: list[str]) -> _Piece:
        r = self.read
        return _Piece(self.template.fill(slots), r.tables, r.sections, r.sect_prs, r.table_sections, r.final,
                      r.table_list)


class _Remembering(_Reader):
    """A reader that takes a paragraph it met before, in a table of the same style, as read then.

    What a paragraph reads to (its format, runs and lines) depends only on its XML, its
    table's style and the width it has (tabs are placed by it); where it stands (index,
    section, cell) is the reader's, and is set here. A paragraph that ends a section is
    read anew: the reader keeps its section properties.
    """

    def __init__(self, styles, known: dict[tuple, Para]):
        super().__init__(styles)
        self.known = known
        self.taken = 0

    def paragraph(self, p: etree._Element, ctx: tuple) -> Para:
        tstyle, row, column, cell, width, data = ctx
        xml = etree.tostring(p, with_tail=False)
        if b"sectPr" in xml:
            return super().paragraph(p, ctx)
        key = (xml, tstyle, width)
        seen = self.known.get(key)
        if seen is None:
            para = super().paragraph(p, ctx)
            if not para.page_breaks:  # counted where it stands: not one to take as read
                self.known[key] = para
            return para
        para = Para(seen.fmt, seen.mark_size, cell, row, column, self.section, width, len(self.paras),
                    [], 0, data, seen.drawn[:] if seen.drawn else [])
        para.lines = [_line_of(ln, para) for ln in seen.lines]
        self.paras.append(para)
        self.taken += 1
        return para


def _line_of(ln: Line, para: Para) -> Line:
    """``ln`` as a line of ``para``."""
    pieces = ln.pieces
    if pieces is not None:
        pieces = [Line(x.text, x.runs, para, x.index, x.col, None, x.tabbed, x.shown) for x in pieces]
    return Line(ln.text, ln.runs, para, -1, ln.col, pieces, ln.tabbed, ln.shown)


class _SharedParts(Parts):
    """The parts beside the bodies of documents of one style sheet, each read once.

    The checks only read what these hold (parsed parts, relationships, sections), so the
    documents share them; a part's paragraphs are read once for all (``Document.part_paras``).
    """

    LIMIT = 64  # distinct parts: a few per template

    def __init__(self):
        super().__init__()
        self._parts: dict[bytes, etree._Element] = {}
        self._rels: dict[bytes | None, dict[str, str]] = {}
        self._sections: dict[tuple, Section] = {}

    def part(self, data: bytes) -> etree._Element:
        root = self._parts.get(data)
        if root is None:
            if len(self._parts) > self.LIMIT:
                self._parts.clear()
                self.paras.clear()
            root = self._parts[data] = parse_xml(data)
        return root

    def rels(self, data: bytes | None) -> dict[str, str]:
        rels = self._rels.get(data)
        if rels is None:
            if len(self._rels) > self.LIMIT:
                self._rels.clear()
                self._sections.clear()
            rels = self._rels[data] = super().rels(data)
        return rels

    def section(self, sect, rels: dict[str, str], has_table: bool) -> Section:
        # ``sect`` belongs to a piece kept by the session, and ``rels`` to self._rels: both stay
        # the same objects for as long as they are met.
        key = (sect, id(rels), has_table)
        found = self._sections.get(key)
        if found is None or found[0] is not rels:
            if len(self._sections) > self.LIMIT:
                self._sections.clear()
            found = self._sections[key] = (rels, super().section(sect, rels, has_table))
        return found[1]


def _holds(data: bytes, mark: bytes, start: int) -> bool:
    """Whether ``data`` holds the two bytes ``mark`` ("<!", "<?") at ``start`` or after.

    Speed: a search for "<!" stops at every "<", in every tag (16 µs in 19 KB); the second
    byte alone is rare and found at memchr speed, and each one is looked behind.
    """
    second = mark[1:]
    at = data.find(second, start + 1)
    while at >= 0:
        if data[at - 1] == mark[0]:
            return True
        at = data.find(second, at + 1)
    return False


_TABLE = re.compile(rb"<w:tbl[\s>]|</w:tbl>")
_P_END = b"</w:p>"


def _cut(data: bytes, start: int, end: int) -> list[bytes]:
    """Cut ``data[start:end]`` (the body's content) into pieces: each top-level table, and each
    paragraph with what lies before it (section properties, bookmarks); blank pieces are left out.

    Outside tables, paragraphs nest only in text boxes, so there a paragraph ends at "</w:p>";
    a body with text boxes is cut tag by tag (``_cut_by_tags``).
    """
    if data.find(b"txbxContent", start, end) >= 0:
        return _cut_by_tags(data, start, end)
    out: list[bytes] = []
    depth, at = 0, start
    for m in _TABLE.finditer(data, start, end):
        if m.group().startswith(b"</"):
            depth -= 1
            if depth == 0:
                out.append(data[at:m.end()])
                at = m.end()
            elif depth < 0:
                raise _Whole
        else:
            if depth == 0:
                _paragraphs(data[at:m.start()], out)
                at = m.start()
            depth += 1
    if depth:
        raise _Whole
    _paragraphs(data[at:end], out)
    return out


def _paragraphs(region: bytes, out: list[bytes]) -> None:
    pieces = region.split(_P_END)
    for piece in pieces[:-1]:
        out.append(piece + _P_END)
    if pieces[-1].strip():
        out.append(pieces[-1])


def _cut_by_tags(data: bytes, start: int, end: int) -> list[bytes]:
    """``_cut`` for a body with text boxes: follow every paragraph and table tag."""
    out = []
    depth = 0
    at = start
    for m in _TAG.finditer(data, start, end):
        if m.group(1):  # a closing tag
            depth -= 1
            if depth == 0:
                out.append(data[at:m.end()])
                at = m.end()
            elif depth < 0:
                raise _Whole
        elif depth == 0:
            gap = data[at:m.start()]
            if gap.strip():
                out.append(gap)
            at = m.start()
            if m.group(2):  # self-closing: a piece by itself
                out.append(data[at:m.end()])
                at = m.end()
            else:
                depth = 1
        elif not m.group(2):
            depth += 1
    if depth:
        raise _Whole
    gap = data[at:end]
    if gap.strip():
        out.append(gap)
    return out


def _moved_tables(found: list[Table], index: int, sections: int, tables: int) -> list[Table]:
    """Copy a piece's tables as they read where the piece now stands."""
    return [Table(t.number + tables, t.section + sections, t.grid, t.width, t.rows, t.header_rows, t.data,
                  t.nested, t.first + index, t.last + index) for t in found]


def _moved(paras: list[Para], index: int, sections: int, tables: int) -> list[Para]:
    """Copy a piece's paragraphs as they read where the piece now stands."""
    out = []
    for p in paras:
        cell, row = p.cell, p.row
        if tables:
            if cell is not None:
                cell = (cell[0] + tables, cell[1], cell[2])
            if row is not None:
                row = (row[0] + tables, row[1])
        q = Para(p.fmt, p.mark_size, cell, row, p.column, p.section + sections, p.width, p.index + index,
                 [], p.page_breaks, p.data_table, p.drawn[:] if p.drawn else [])
        q.lines.extend(_line_of(ln, q) for ln in p.lines)
        out.append(q)
    return out
