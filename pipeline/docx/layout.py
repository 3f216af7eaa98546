"""Lay a document's content out as paragraphs: numbering, citations, closing mark.

Runs are WordprocessingML built here from clerks' text, so this is the one
place where text becomes XML: every piece goes through ``escape`` first.
Emphasis written ``*nghiêng*`` and ``**đậm**`` becomes italic and bold runs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Mapping

from markupsafe import Markup, escape

from pipeline.docx import kinds
from pipeline.docx.tables import table_text, table_xml
from pipeline.model import (
    DOCUMENT_TYPES,
    PARTY,
    CitationStyle,
    Document,
    OutsideDocument,
    Section,
    Table,
)
from pipeline.vietnamese.format import (
    NUMBERING_STYLES,
    code_number,
    continue_sentence,
    format_date_long,
    format_date_short,
    level_label,
    lower_first,
    pad_month,
    roman,
    section_label,
    upper_vi,
)
from pipeline.vietnamese.linebreak import title_lines
from pipeline.vietnamese.textwidth import text_width

_EMPHASIS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")

BODY_SIZE = 28  # 14 pt (NĐ 30: 13–14; HD 36: 14–15)


def runs(text: str, size: int = BODY_SIZE, bold: bool = False, italic: bool = False,
         underline: bool = False) -> Markup:
    """Return WordprocessingML runs for ``text``, honouring *italic* and **bold** marks."""
    # Speed: a fan-out prints the same inherited paragraphs, headers and recipient lines in
    # thousands of documents; the runs of a plain ``str`` are remembered (a Markup argument,
    # which escape() leaves as it is, or a non-int size, are always built afresh).
    if type(text) is str and type(size) is int:
        return _remembered_runs(text, size, bool(bold), bool(italic), bool(underline))
    return _build_runs(text, size, bold, italic, underline)


def line_runs(lines, size: int = BODY_SIZE, bold: bool = False, italic: bool = False) -> Markup:
    """Return the runs of a paragraph set in the given lines, a manual line break between them."""
    return _line_break(size).join(runs(line, size, bold, italic) for line in lines)


@functools.lru_cache(maxsize=16)
def _line_break(size: int) -> Markup:
    return Markup(f'<w:r><w:rPr><w:sz w:val="{int(size)}"/><w:szCs w:val="{int(size)}"/></w:rPr><w:br/></w:r>')


def _build_runs(text: str, size: int, bold: bool, italic: bool, underline: bool) -> Markup:
    out = []
    for piece in _EMPHASIS.split(text):
        if not piece:
            continue
        b, i = bold, italic
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            piece, b = piece[2:-2], True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            piece, i = piece[1:-1], not italic
        out.append(_run(piece, size, b, i, underline))
    return Markup("".join(out))


_remembered_runs = functools.lru_cache(maxsize=8192)(_build_runs)


def _run(text: str, size: int, bold: bool, italic: bool, underline: bool) -> str:
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    props += '<w:u w:val="single"/>' if underline else ""
    return (f'<w:r><w:rPr>{props}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def plain(markup: str) -> str:
    """Return the text of runs, for tests and previews."""
    return re.sub(r"<[^>]+>", "", str(markup))


@dataclass(frozen=True)
class Block:
    """One body paragraph: its runs, whether it is centred (Phần, QUYẾT ĐỊNH), whether it is kept
    with the next paragraph on its page (a heading; the last lines before the signature); or a
    table (``table``: its whole WordprocessingML, ``text``: its cells' text)."""

    runs: Markup
    text: str
    centered: bool = False
    keep: bool = False
    table: Markup | None = None


def _block(parts: list[tuple[str, bool, bool]], centered: bool = False, keep: bool = False) -> Block:
    # Speed: the same paragraph (inherited text, the same numbering) recurs in thousands of
    # documents; a Block is frozen, so one made from the same plain-str parts is shared.
    key = tuple(parts)
    if all(type(t) is str for t, _b, _i in key):
        return _remembered_block(key, centered, keep)
    return _build_block(key, centered, keep)


def _build_block(parts: tuple[tuple[str, bool, bool], ...], centered: bool, keep: bool = False) -> Block:
    markup = Markup("").join(runs(t, bold=b, italic=i) for t, b, i in parts if t)
    text = "".join(_plain_runs(t) if type(t) is str else plain(runs(t)) for t, _b, _i in parts if t)
    return Block(markup, text, centered, keep)


_remembered_block = functools.lru_cache(maxsize=8192)(_build_block)


@functools.lru_cache(maxsize=8192)
def _plain_runs(text: str) -> str:
    """Return ``plain(runs(text))``; remembered for the same reason as ``runs``."""
    return plain(runs(text))


def citation(cited: Document | OutsideDocument, style: CitationStyle = CitationStyle()) -> str:
    """Return the full first citation of a document: type, number, date, issuer, subject (PL I, II.6.b).

    A document of the campaign is cited with the number the register gave it; one issued
    elsewhere exactly as the clerk wrote it. ``style``: "về" before the subject or not, the
    date short (30/8/2024, as the seeds cite) or long (ngày 30 tháng 8 năm 2024).
    """
    if isinstance(cited, OutsideDocument):
        type_name, code, date, issuer = cited.type_name, cited.code, cited.date, cited.issuer
        is_letter = type_name.lower() == "công văn"
    else:
        type_name = DOCUMENT_TYPES[cited.type][0]
        code = code_number(cited.number, cited.notation, cited.system == "party", cited.issuer.number_width)
        date, issuer, is_letter = cited.issued_date or cited.date, cited.issuer.full_name, cited.type == "cong_van"
    subject = cited.subject
    if is_letter:
        about = f"V/v {subject}"
    elif not style.about or subject.lower().startswith("về"):
        about = subject if style.about else lower_first(subject)
    else:
        about = f"về {lower_first(subject)}"
    when = format_date_long(date) if style.long_date else f"ngày {format_date_short(date)}"
    return f"{type_name} số {code} {when} của {issuer} {about}"


def cited_bases(doc: Document, parent: Document | None, cited: Mapping[str, Document] | None = None) -> list[str]:
    """Return the bases as printed: the parent (or the outside document a root implements) first unless
    the clerk placed it, ids as full citations."""
    cited = cited or {}
    above = parent if parent is not None else doc.implements
    bases = [] if above is None or above.id in doc.bases else [citation(above, doc.citation_style)]
    for base in doc.bases:
        if base in cited:
            bases.append(citation(cited[base], doc.citation_style))
        elif base in doc.outside:
            bases.append(citation(doc.outside[base], doc.citation_style))
        else:
            bases.append(base)
    return bases


def body_blocks(doc: Document, parent: Document | None, cited: Mapping[str, Document] | None = None) -> list[Block]:
    """Return every body paragraph of ``doc`` in order, the last one closed with "./."."""
    blocks: list[Block] = []
    opening = list(doc.opening)
    if not kinds.has_preamble(doc) and kinds.cites(doc):
        bases = cited_bases(doc, parent, cited or {})
        if bases:
            verb = "Căn cứ" if doc.type == "cong_van" or not (parent or doc.implements) else "Thực hiện"
            cites = f"{verb} " + "; ".join(_strip_end(b) for b in bases)
            if doc.citation_style.merged and opening:
                # "Thực hiện Quyết định số …, UBND tỉnh ban hành Kế hoạch …": one sentence, as many agencies write it.
                opening[0] = f"{cites}, {continue_sentence(opening[0])}"
            else:
                blocks.append(_block([(cites + ".", False, False)]))
    blocks += _paras(kinds.lead_paragraphs(doc))  # a biên bản's meeting, a giấy giới thiệu's person
    blocks += [_block([(p, False, False)]) for p in opening]
    blocks += _paras(kinds.enacting_after_opening(doc))  # a Party nghị quyết's "QUYẾT NGHỊ:"
    sections = doc.sections + kinds.extra_sections(doc)  # a tờ trình's proposals
    if kinds.layout_of(doc) == "dieu":
        blocks += _articles(sections)
    else:
        blocks += _sections(sections, (), scheme(doc), _table_size(doc))
    after = kinds.closing_paragraphs(doc)  # a biên bản's closing time, a giấy giới thiệu's request…
    # The clerk's closing paragraphs end with "./." when last; followed by the kind's, with a full stop.
    blocks += [_block([(_end_sentence(p) if after else p, False, False)]) for p in doc.closing]
    blocks += _paras(after)
    if blocks and blocks[-1].table is not None:
        blocks.append(_block([("./.", False, False)]))  # after a table, the mark on a line of its own (Mẫu 1.4)
    elif blocks:
        last = blocks[-1]
        closed = _strip_end(last.text) + "./."
        blocks[-1] = Block(_close_runs(last.runs), closed, last.centered)
    return keep_end(blocks)


def table_blocks(table: Table, size: int) -> list[Block]:
    """Return a table as blocks: its title (bold, centred, kept with it), then the table itself."""
    blocks = []
    if table.title:
        blocks.append(_block([(table.title, True, False)], centered=True, keep=True))
    blocks.append(Block(Markup(""), table_text(table), table=table_xml(table, size, runs)))
    return blocks


def scheme(doc: Document) -> tuple[str, ...]:
    """Return how ``doc`` numbers its sections: its own scheme, else its kind's (NĐ 30 PL I II.6.đ)."""
    return doc.numbering or NUMBERING_STYLES[kinds.numbering(doc)]


TABLE_SIZES = {PARTY: 28}  # HD 36: nội dung 14–15


def _table_size(doc: Document) -> int:
    """Table text: NĐ 30 gives no size of its own for tables, which are nội dung (13–14): 13, the
    smaller, so that a table holds more; Party nội dung 14–15 (HD 36 Phụ lục 3): 14."""
    return TABLE_SIZES.get(doc.system, 26)


END_LINES = 2  # body lines that go with the signature block to its page, at least
BODY_LINE_TWIPS = 9355  # the text width (templates/make_template.py TEXT_W)


def keep_end(blocks: list[Block]) -> list[Block]:
    """Keep the last body paragraphs with the signature block: at least ``END_LINES`` lines of text.

    The template keeps each such paragraph with the next, and the signature block's row never
    splits, so a page break before the signature carries the closing lines over with it
    (widow control keeps two lines of a long closing paragraph together). A one-line closing
    paragraph takes the paragraph before it along.
    """
    out = list(blocks)
    lines = 0
    for i in range(len(out) - 1, -1, -1):
        if lines >= END_LINES or out[i].table is not None:  # a table's rows keep to themselves
            break
        block = out[i]
        if not block.keep:
            out[i] = Block(block.runs, block.text, block.centered, True)
        lines += estimated_lines(block.text)
    return out


@functools.lru_cache(maxsize=8192)
def estimated_lines(text: str) -> int:
    """How many lines a justified 14 pt body paragraph takes (first line indented 1 cm)."""
    return 1 + (text_width(text, BODY_SIZE / 2) + 567) // BODY_LINE_TWIPS


def appendix_blocks(doc: Document) -> list[dict]:
    """Return each phụ lục: heading, title, "(Kèm theo …)" line and body (NĐ 30 PL I, III.1)."""
    out = []
    several = len(doc.appendices) > 1
    type_name = DOCUMENT_TYPES[doc.type][0]
    number = code_number(doc.number, doc.notation, doc.system == "party",
                         doc.issuer.number_width).replace("…", "      ")
    date = doc.issued_date or doc.date
    when = f"ngày {date.day:02d} tháng {pad_month(date.month)} năm {date.year}" if not doc.is_draft else \
        f"ngày      tháng      năm {date.year}"
    for i, appendix in enumerate(doc.appendices, 1):
        blocks: list[Block] = table_blocks(appendix.table, _table_size(doc)) if appendix.table else []
        blocks += _sections(appendix.sections, (), scheme(doc), _table_size(doc))
        reference = f"(Kèm theo {type_name} số {number} {when} của {doc.issuer.full_name})"
        out.append({
            "heading_runs": runs(f"Phụ lục {roman(i)}" if several else "Phụ lục", bold=True),
            # The title and the reference line in balanced lines, as the trích yếu (a long title
            # would otherwise leave a word or two on its last line).
            "title_runs": line_runs(title_lines(upper_vi(appendix.title), BODY_LINE_TWIPS, BODY_SIZE / 2, True),
                                    bold=True),
            "reference_runs": line_runs(title_lines(reference, BODY_LINE_TWIPS, BODY_SIZE / 2, False), italic=True),
            "blocks": blocks,
        })
    return out


def decision_bases(doc: Document, parent: Document | None, cited: Mapping[str, Document] | None = None) -> list[Markup]:
    """Return the căn cứ lines of a quyết định: italic, ";" after each, "." after the last (Party: "- …;", the
    last "," and the proposal among them: docx.kinds.preamble_lines)."""
    bases = cited_bases(doc, parent, cited or {})
    if bases and parent is not None and parent.id not in doc.bases:
        bases.append(bases.pop(0))  # a decision cites laws first, the plan it implements last
    lines = [b if b.startswith("Căn cứ") else f"Căn cứ {b}" for b in bases]
    return [runs(line, italic=True) for line in kinds.preamble_lines(doc, lines)[0]]


def _paras(paras: list[kinds.Para]) -> list[Block]:
    return [_block([(p.text, p.bold, False)], centered=p.centered, keep=p.centered) for p in paras]


def _end_sentence(text: str) -> str:
    return text if text.rstrip()[-1:] in ".!?:;…" else text.rstrip() + "."


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;,:").rstrip("/").rstrip(".")


def _close_runs(markup: Markup) -> Markup:
    """Put "./." at the end of the last run (NĐ 30 templates end the body so)."""
    text = str(markup)
    index = text.rfind("</w:t>")
    before = text[:index]
    stripped = re.sub(r"[.;,:]*/?[.]*\s*$", "", before)
    return Markup(stripped + "./." + text[index:])


def _sections(sections: tuple[Section, ...], above: tuple[int, ...], kinds: tuple[str, ...],
              table_size: int) -> list[Block]:
    """Return the blocks of sibling sections under the numbers ``above``; ``kinds`` is the scheme
    from their level down. A section may keep the number its clerk gave it: those after it count on."""
    blocks: list[Block] = []
    number = 0
    for section in sections:
        number = section.number or number + 1
        blocks += _section(section, above + (number,), kinds, table_size)
    return blocks


def _section(section: Section, path: tuple[int, ...], kinds: tuple[str, ...], table_size: int) -> list[Block]:
    kind = kinds[0]
    label = level_label(kind, path)
    depth = len(path)
    blocks: list[Block] = []
    paragraphs = list(section.paragraphs)
    if section.title:
        # A mục numbered in Roman numerals has its title IN HOA (NĐ 30 Mục V: "I. NHỮNG KẾT QUẢ…").
        title = upper_vi(section.title) if kind == "I." else section.title
        parts = [(f"{label} {title}", depth <= 2, False)]
        if section.inline:
            parts = [(f"{label} {title}: ", depth <= 2, False), (section.inline, False, False)]
        # A heading stays on the page of what it heads.
        blocks.append(_block(parts, keep=not section.inline and bool(paragraphs or section.children
                                                                      or section.table)))
    elif section.inline:
        blocks.append(_block([(f"{label} {section.inline}", False, False)]))
    elif paragraphs and kind != "I.":
        # An untitled part takes its number on its first paragraph ("2.1. Tiếp tục…", seed 000);
        # no document puts "I." before plain text, so none is added at the level of the mục.
        blocks.append(_block([(f"{label} {paragraphs.pop(0)}", False, False)]))
    blocks += [_block([(p, False, False)]) for p in paragraphs]
    if section.table is not None:
        if blocks and not blocks[-1].keep:  # "…, gồm:" stays on the page of the table it opens
            last = blocks[-1]
            blocks[-1] = Block(last.runs, last.text, last.centered, True, last.table)
        blocks += table_blocks(section.table, table_size)
    below = section.numbering or kinds[1:] or kinds
    blocks += _sections(section.children, path, below, table_size)
    return blocks


def _articles(sections: tuple[Section, ...]) -> list[Block]:
    """Return a quyết định's articles: "Điều 1." bold, then khoản 1., điểm a) (PL I, II.6.c)."""
    blocks: list[Block] = []
    for n, section in enumerate(sections, 1):
        paragraphs = list(section.paragraphs)
        if section.title:
            blocks.append(_block([(f"Điều {n}. {section.title}", True, False)],
                                 keep=bool(paragraphs or section.children)))
        else:
            first = paragraphs.pop(0) if paragraphs else (section.inline or "")
            blocks.append(_block([(f"Điều {n}. ", True, False), (first, False, False)]))
        blocks += [_block([(p, False, False)]) for p in paragraphs]
        for i, child in enumerate(section.children, 1):
            blocks += _clause(child, (i,))
    return blocks


def _clause(section: Section, path: tuple[int, ...]) -> list[Block]:
    # khoản "1.", điểm "a)", below that "-": the "muc" style one level down
    label = section_label("muc", (1,) + path)
    text = section.title or (section.paragraphs[0] if section.paragraphs else section.inline or "")
    if section.title and section.inline:
        text = f"{section.title}: {section.inline}"
    rest = section.paragraphs[1:] if not section.title else section.paragraphs
    blocks = [_block([(f"{label} {text}", False, False)])]
    blocks += [_block([(p, False, False)]) for p in rest]
    for i, child in enumerate(section.children, 1):
        blocks += _clause(child, path + (i,))
    return blocks
