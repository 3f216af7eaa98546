"""Pieces of a body that differ only in their words: read one, fill in the others.

Documents of one level of a campaign hold the same paragraphs with other names in them
("Đảng ủy xã Số 17" here, "Đảng ủy xã Số 34" there), so the session (``lint.session``)
meets a piece whose bytes it has not seen, but whose *skeleton* — the bytes with the text of
every ``w:t`` taken out — it has. What a piece reads to depends on its text in three ways
only: a run's text is the join of its ``w:t`` texts (and tabs, breaks, hyphens, which are
elements, so part of the skeleton); a line's text is that, normalised; a superscript run
whose text looks like a footnote mark is left out. So:

- the skeleton's *slots* (the texts) are numbered, and a copy of the piece with slot *i*
  replaced by one private-use character (``MARK + i``) is read like any piece: every run's
  text then says which slots, in what order, with what else between them, make it up;
- a piece of that skeleton is then read by putting its own texts where the marks are, and
  normalising each line as the reader does. No parse, no styles resolved again.

Filled in only when that cannot differ from reading: a template with a superscript run that
holds a w:t is not kept (whether it is read, with its breaks, depends on that text, and a
text box's words count though they make none of the run's own: ``Reader``); nor one whose
skeleton could hold a mark itself (a text the slots do not take, as in ``<w:t>…</w:t >``,
written with a character of the marks' range or a numeric reference); nor one of a document
not in UTF-8 (``in_utf8``: its marks, and its texts, are other characters to the parser).
A slot whose bytes are not character data the parser would give back as ``texts`` does (a
literal carriage return, a character XML forbids, even by number, an entity it does not
define, "]]>") is not filled in: the piece is read. A template is kept only if filling it
with the texts of the piece it was made from gives exactly what reading that piece gave
(``model``, compared by the session).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lint.properties import RPR, T
from pipeline.lint.read import Line, Para, Run, _Reader, _tab_pieces, normalize

# A w:t element's text: its start tag (with attributes or none, never self-closing: the text
# is followed by the end tag), then character data up to the end tag.
_SLOT = re.compile(rb"(<w:t(?:\s[^>]*)?>)([^<]*)(?=</w:t>)")
MARK = 0xF0000  # Supplementary Private Use Area-A: slot i is chr(MARK + i)
MAX_SLOTS = 0xFFFD
_MARKS = re.compile("([\U000F0000-\U000FFFFD])")
# What in a skeleton could read as a mark: a character of their range (U+F0000–U+FFFFF in
# UTF-8 begins F3 B0–BF), or a numeric reference (to one of them or not: rare outside texts).
_MARK_IN_SKELETON = re.compile(rb"\xf3[\xb0-\xbf]|&#")
# The encoding an XML declaration names (the parser reads the document in it).
_ENCODING = re.compile(rb"<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"']*)[\"']")
# A reference in a text: one of XML's five entities, or a character by number (the renderer
# writes a straight quote as "&#34;").
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Characters XML 1.0 forbids (\r is refused too: the parser turns it into \n).
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def in_utf8(head: bytes) -> bool:
    """Whether the document whose opening bytes are ``head`` is read as UTF-8 (what ``texts`` and the marks are)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"<?xml"):
        return True  # no declaration: UTF-8 (a UTF-16 body is not cut into pieces at all)
    declaration = head[:head.find(b"?>")]
    if b"encoding" not in declaration:
        return True
    named = _ENCODING.match(declaration + b"?>")
    return named is not None and named.group(1).lower() == b"utf-8"


def split(chunk: bytes) -> tuple[bytes, list[bytes]]:
    """The piece's skeleton (its bytes with the text of every w:t taken out), and those texts as bytes."""
    parts = _SLOT.split(chunk)  # before, start tag, text, before, start tag, text, …, after
    raw = parts[2::3]
    del parts[2::3]
    return b"".join(parts), raw


def texts(raw: list[bytes]) -> list[str] | None:
    """The texts of w:t elements (``split``) as the parser gives them, or None if one is not plain character data."""
    out = []
    for data in raw:
        if b"]]>" in data:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if _REFUSED.search(text):
            return None
        if "&" in text:
            text = _references(text)
            if text is None:
                return None
        out.append(text)
    return out


def _references(text: str) -> str | None:
    """``text`` with its references replaced as the parser replaces them; None for one it refuses (or unknown)."""
    found = _REFERENCE.findall(text)
    if text.count("&") != len(found):  # an entity XML does not define, or a malformed reference
        return None
    for _name, decimal, hexadecimal in found:
        if decimal or hexadecimal:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                    or 0x10000 <= code <= 0x10FFFF):  # not a character XML allows, even by number
                return None

    def replaced(m: re.Match) -> str:
        name, decimal, hexadecimal = m.groups()
        return _ENTITIES[name] if name else chr(int(decimal) if decimal else int(hexadecimal, 16))

    return _REFERENCE.sub(replaced, text)


def marked(chunk: bytes, bones: bytes) -> bytes | None:
    """The piece with the text of slot i replaced by chr(MARK + i); None if it has too many slots,
    or if its skeleton ``bones`` (``split``) could hold a mark of its own (it would be read as a slot)."""
    if _MARK_IN_SKELETON.search(bones):
        return None
    count = 0

    def mark(m: re.Match) -> bytes:
        nonlocal count
        count += 1
        return m.group(1) + chr(MARK + count - 1).encode("utf-8")

    out = _SLOT.sub(mark, chunk)
    return out if count <= MAX_SLOTS else None


class Reader(_Reader):
    """The reader of a marked piece, noting a superscript run that holds a w:t.

    The reader leaves such a run out, breaks and all, when its text looks like a footnote
    mark, and judges that by every w:t in it (a text box's too, though it makes none of the
    run's words): what the piece reads to then depends on its texts. A superscript run with
    no w:t reads the same whatever they are.
    """

    def __init__(self, styles):
        super().__init__(styles)
        self.by_text = False  # a superscript run that may be read or left out by its texts

    def _run(self, r, para: Para, tstyle, pieces: list) -> None:
        fmt = self.styles.run(r.find(RPR), para.fmt.style_id, tstyle)
        if fmt.superscript and not fmt.hidden and next(r.iter(T), None) is not None:
            self.by_text = True
        super()._run(r, para, tstyle, pieces)


Segments = tuple  # of str (text the elements give: a tab, a hyphen) and int (a slot)


@dataclass(slots=True, frozen=True)
class Template:
    """The paragraphs of a piece read with marks for its texts: each line's runs as formats and segments."""

    paras: tuple[Para, ...]  # read from the marked piece: everything but their lines is theirs
    lines: tuple[tuple[tuple[tuple, ...], ...], ...]  # per paragraph, per line: (RunFormat, Segments) per run

    @classmethod
    def of(cls, reader: Reader) -> Template | None:
        """A template of the paragraphs ``reader`` read from the marked piece, or None if what they
        read to can depend on their text (``Reader.by_text``: the only way it can, besides the
        texts themselves)."""
        if reader.by_text:
            return None
        lines = tuple(tuple(tuple((r.fmt, _segments(r.text)) for r in ln.runs) for ln in p.lines)
                      for p in reader.paras)
        return cls(tuple(reader.paras), lines)

    def fill(self, slots: list[str]) -> list[Para]:
        """The paragraphs the piece with these texts reads to (the reader's own ``Para`` and ``Line``)."""
        out = []
        for p, shaped in zip(self.paras, self.lines):
            para = Para(p.fmt, p.mark_size, p.cell, p.row, p.column, p.section, p.width, p.index, [],
                        p.page_breaks, p.data_table, p.drawn[:] if p.drawn else [])
            for runs in shaped:
                made = [Run(_join(segments, slots), fmt) for fmt, segments in runs]
                line = Line(normalize("".join(r.text for r in made)), made, para)
                if any("\t" in r.text for r in made):
                    _tab_pieces(line)
                para.lines.append(line)
            out.append(para)
        return out


def _segments(text: str) -> Segments:
    out = []
    for k, part in enumerate(_MARKS.split(text)):
        if k % 2:
            out.append(ord(part) - MARK)
        elif part:
            out.append(part)
    return tuple(out)


def _join(segments: Segments, slots: list[str]) -> str:
    if len(segments) == 1:
        s = segments[0]
        return slots[s] if s.__class__ is int else s
    return "".join(slots[s] if s.__class__ is int else s for s in segments)


def model(paras: list[Para]) -> tuple:
    """Everything the checks read of paragraphs, as plain values (to hold a filled template to a reading)."""
    return tuple((p.fmt, p.mark_size, p.cell, p.row, p.column, p.section, p.width, p.index, p.page_breaks,
                  p.data_table, tuple(p.drawn), tuple(_line_model(ln) for ln in p.lines)) for p in paras)


def _line_model(ln: Line) -> tuple:
    # Not a function nested in ``model``: one that calls itself is a cycle (function, cell), left to the
    # garbage collector at each call, and the build's workers run without it (pipeline.build.workers).
    return (ln.text, tuple((r.text, r.fmt) for r in ln.runs), ln.index, ln.col, ln.tabbed,
            None if ln.pieces is None else tuple(_line_model(x) for x in ln.pieces))
