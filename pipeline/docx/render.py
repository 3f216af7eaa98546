"""Render documents into DOCX bytes with the docxtpl template, compiled once per build.

docxtpl prepares the template (it joins Jinja tags that Word splits across
runs and turns ``{%p %}``/``{{r }}`` tags into plain Jinja); we compile that
once and, per document, render the body XML and zip it with the template's
other parts. Re-reading and re-saving a whole package per document (docxtpl's
own ``render``/``save``) costs 10–20 times more for the same bytes. The default template
comes prepared and compiled with the program (``pipeline.docx.ahead``).
"""

from __future__ import annotations

import io
import math
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, TypedDict

import jinja2
from markupsafe import Markup

from pipeline.docx import ahead, kinds
from pipeline.docx.ahead import make_jinja_env
from pipeline.docx.header import HEADER_LEFT_CELL, issuing_name, parent_name
from pipeline.docx.layout import (
    Block,
    appendix_blocks,
    body_blocks,
    decision_bases,
    line_runs,
    runs,
)
from pipeline.errors import RenderError
from pipeline.files import read_regular
from pipeline.i18n import _
from pipeline.model import PARTY, Body, Document
from pipeline.rulebook.kinds import WRITTEN
from pipeline.rulebook.systems import PARTY_TITLE, YOUTH_TITLE
from pipeline.vietnamese.format import (
    lower_first,
    number_line,
    place_date_line,
    upper_first,
    upper_vi,
)
from pipeline.vietnamese.linebreak import FIT_MARGIN, bound, name_lines, title_lines
from pipeline.vietnamese.textwidth import text_width

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "van-ban.docx"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # overwritten per document with its own date
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024  # ours is 20 KB
BODY_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"

# Sizes in half-points (NĐ 30 PL I, II; HD 36 Phụ lục 3 for the Party).
SIZES = {
    "state": {"parent": 26, "name": 26, "number": 26, "summary": 24, "type": 28, "subject": 28, "mark": 26},
    # HD 36 Phụ lục 3: cấp trên 14, tên cơ quan 14 đậm, số 14, tên loại 15–16, trích yếu 14–15,
    # công văn trích yếu 12 nghiêng.
    "party": {"parent": 28, "name": 28, "number": 28, "summary": 24, "type": 32, "subject": 28, "mark": 28},
}
CELL_MARGINS = 56  # the template's cell margins, 28 twips a side
HEADER_RIGHT_CELL = 5244 - CELL_MARGINS
TEXT_WIDTH = 9355
NOI_NHAN_CELL = 3402 - CELL_MARGINS  # the signature table's left column (templates/make_template.py SIGN_LEFT)
NOI_NHAN_SIZE = 11  # pt: "- …;" lines under "Nơi nhận:" (NĐ 30 PL I, ô 9b)
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class DocumentContext(TypedDict):
    """Everything the template sees; built only by ``template_context``."""

    draft: bool
    party: bool
    header: dict[str, Any]
    title: dict[str, Any] | None
    addressees: dict[str, Any]
    decision: dict[str, Any] | None
    blocks: list[Block]
    recipients: list[Markup]
    appendices: list[dict[str, Any]]
    signature: dict[str, Any] | None
    signature_rows: list[list[dict[str, Any]]]
    properties: dict[str, str]


def template_context(doc: Document, parent: Document | None, chu_quan: Body | None,
                     cited: Mapping[str, Document] | None = None) -> DocumentContext:
    """Return the template context of one numbered document.

    ``cited`` holds the campaign's documents by id, for bases written as an id.
    """
    party = doc.system == PARTY
    rules = kinds.party(doc)  # the Party's rules of the document's own date (HD 36, HD 05)
    style = kinds.header_style_of(doc)  # state, party or youth (the Đoàn)
    size = SIZES["party" if party else "state"]
    kind = WRITTEN[doc.type]
    type_name = kind.name
    is_letter = kind.is_letter
    # Lines broken at phrases, at an allowed size; a joint document's issuers one under another.
    names = [issuing_name(body.name_lines, doc.system) for body in (doc.issuer, *doc.co_issuers)]
    name_size = min(n.size for n in names)
    name_lines = [line for n in names for line in n.lines]
    parent_name_set = None
    if chu_quan is not None and not doc.co_issuers:
        parent_name_set = parent_name(chu_quan.header_parent_name or " ".join(chu_quan.name_lines), doc.system)

    summary = None
    if is_letter:
        # Công văn trích yếu under the number, in balanced lines of the left column (NĐ 30 ô 5b);
        # the Party's without "V/v", and from HD 05 on starting "về …" (rulebook.party).
        text = (_party_subject(doc.subject) if rules.cong_van_subject_ve else doc.subject) if party \
            else f"V/v {doc.subject}"
        lines = title_lines(text, HEADER_LEFT_CELL, size["summary"] / 2, False)
        summary = line_runs(lines, size["summary"], italic=party)
    date_shown = None if doc.is_draft else (doc.issued_date or doc.date)
    date_line = place_date_line(doc.issuer.place, date_shown)
    if date_shown is None:
        date_line = date_line.rstrip() + f" {doc.date.year}"

    header = {
        "style": style,
        "parent_lines": [runs(line, round(parent_name_set.size * 2)) for line in parent_name_set.lines]
        if parent_name_set else [],
        # None: the space between two issuers of a joint document.
        "name_lines": [runs(line, round(name_size * 2), bold=True) if line is not None else None
                       for n, set_ in enumerate(names) for line in ((None,) if n else ()) + set_.lines],
        # NĐ 30: the rule under the name is 1/3–1/2 of it; under the tiêu ngữ (Party: tiêu đề) as long as it.
        "name_rule_indent": _rule_indent(HEADER_LEFT_CELL, max(text_width(x, name_size, True) for x in name_lines), 0.4),
        "motto_rule_indent": _rule_indent(HEADER_RIGHT_CELL, text_width(PARTY_TITLE, 15, True) if party
                                          else text_width(YOUTH_TITLE, 13, True) if style == "youth"
                                          else text_width(MOTTO, 14, True), 1.0),
        "number_runs": runs(number_line(doc.number, doc.notation, party, doc.issuer.number_width), size["number"]),
        "summary_runs": summary,
        # Độ mật (ô 10a) above độ khẩn (ô 10b), each in its frame.
        "marks": [{"runs": runs(m, size["mark"], bold=True), "width": mark_width(m, size["mark"] / 2)}
                  for m in (doc.secrecy, doc.urgency) if m],
        # A biên bản has no date in its header (Mẫu 1.9): its time opens the body.
        "date_runs": runs(date_line, 28, italic=True) if kind.dated else None,
    }
    title = None
    if not is_letter:
        # Tên loại and trích yếu in balanced lines, none of one word (NĐ 30 ô 5a); the trích yếu is a
        # sentence, its first letter a capital (NĐ 30 Mục V; Party: "về …"). A giấy giới thiệu has none.
        type_lines = title_lines(upper_vi(type_name), TEXT_WIDTH, size["type"] / 2, True)
        title = {"type_runs": line_runs(type_lines, size["type"], bold=True), "subject_runs": None,
                 "rule_indent": _rule_indent(TEXT_WIDTH, text_width(type_lines[-1], size["type"] / 2, True), 1 / 3)}
        if kind.subject:
            subject = _party_subject(doc.subject) if party else upper_first(doc.subject)
            subject_lines = title_lines(subject, TEXT_WIDTH, size["subject"] / 2, True)
            widest = max(text_width(line, size["subject"] / 2, True) for line in subject_lines)
            title["subject_runs"] = line_runs(subject_lines, size["subject"], bold=True)
            title["rule_indent"] = _rule_indent(TEXT_WIDTH, widest, 1 / 3)
    decision = None
    if kinds.has_preamble(doc):
        authority = kinds.authority_line(doc)
        bases = decision_bases(doc, parent, cited)
        proposer = None
        if doc.proposer and not party:  # the Party's stands among its căn cứ ("- Xét đề nghị của …,")
            proposer = runs(f"Theo đề nghị của {doc.proposer.rstrip('.')}.", italic=True)
        decision = {
            "authority_runs": runs(authority, 28, bold=True) if authority else None,
            "bases": bases,
            "proposer_runs": proposer,
            "enacting_runs": runs(kinds.preamble_lines(doc, [])[1], 28, bold=True),
        }
    heading = kinds.dispatch_heading(doc)
    blocks = kinds.signature_blocks(doc)
    return DocumentContext(
        draft=doc.is_draft,
        party=party,
        header=header,
        title=title,
        addressees=_addressees(doc.addressees, heading, doc.issuer.list_end),
        decision=decision,
        blocks=body_blocks(doc, parent, cited),
        recipients=recipient_lines(doc),
        appendices=appendix_blocks(doc),
        signature=_signature(blocks[0]) if len(blocks) == 1 else None,
        # Several blocks (a joint document, a bloc's covenant, a biên bản): two a row, in order, the
        # names of a row level, all of them and Nơi nhận under them kept on one page (Mẫu 1.9).
        signature_rows=[_signature_row(blocks[i:i + 2]) for i in range(0, len(blocks), 2)]
        if len(blocks) > 1 else [],
        properties={
            "title": f"{type_name} {doc.subject}"[:250],
            "creator": doc.issuer.full_name,
            "date": f"{doc.date.isoformat()}T00:00:00Z",
        },
    )


# NĐ 30 PL I ô 10b: the urgency stamps are 20 × 8, 40 × 8 and 30 × 8 mm (in twips).
MARK_WIDTHS = {"KHẨN": 1134, "THƯỢNG KHẨN": 2268, "HỎA TỐC": 1701}
MM = 56.7  # twips


def mark_width(mark: str, size: float) -> int:
    """Return the width of a mark's frame in twips.

    The secrecy marks (MẬT, TỐI MẬT, TUYỆT MẬT) are not sized in NĐ 30; their stamp form is set
    by the Ministry of Public Security (TT 24/2020/TT-BCA, not read: UNCONFIRMED). They get
    the rule that gives the urgency stamps their NĐ 30 sizes: the text and 2 mm either side,
    rounded up to whole centimetres, at least 2 cm (which also gives TUYỆT MẬT the 40 × 8 mm
    of the older TT 33/2015/TT-BCA, a secondary source).
    """
    if mark in MARK_WIDTHS:
        return MARK_WIDTHS[mark]
    return max(2, math.ceil((text_width(mark, size, True) + 4 * MM) / (10 * MM))) * round(10 * MM)


def _party_subject(subject: str) -> str:
    """HD 36 Phụ lục 3: a Party trích yếu starts with a lower-case "về" ("về quy hoạch cán bộ…")."""
    if subject[:2].lower() == "về":
        return "v" + subject[1:]
    return f"về {lower_first(subject)}"


SIGNATURE_ROOM = 4  # empty lines for the hand signature and the seal (NĐ 30 PL I, ô 7c and 8)
GRID_CELL = (TEXT_WIDTH - 56) // 2 - 56  # a signature block's cell when two stand side by side


def _signature(block: kinds.SignatureBlock, lines: list[str] | None = None, room: int = SIGNATURE_ROOM) -> dict[str, Any]:
    """One signature block: authority and title lines IN HOA bold (a Party chức vụ upright from HD 05 on),
    room for the signature and seal, the name bold (NĐ 30 ô 7a–7c)."""
    lines = lines if lines is not None else [upper_vi(line) for line in block.lines]
    return {
        "authority": [runs(line, 28, bold=True) for line in lines[:-1]],
        "title_runs": runs(lines[-1], 28, bold=not block.plain_title),
        "name_runs": runs(block.name, 28, bold=True),
        "room": room,
    }


def _signature_row(blocks: list[kinds.SignatureBlock]) -> list[dict[str, Any]]:
    """Two blocks side by side: long lines (a body's name) broken at phrases to fit the half column, and
    the shorter block given more room, so both names stand on one line."""
    sets = [[part for line in b.lines for part in _fit(upper_vi(line))] for b in blocks]
    tallest = max(len(lines) for lines in sets)
    return [_signature(b, lines, SIGNATURE_ROOM + tallest - len(lines)) for b, lines in zip(blocks, sets)]


def _fit(line: str) -> list[str]:
    """A signature line as printed in a half column: whole when it fits, else broken at phrases."""
    if text_width(line, 14, True) <= GRID_CELL - FIT_MARGIN:
        return [line]
    return list(name_lines(line, GRID_CELL, 14, True) or [line])


def recipient_lines(doc: Document) -> list[Markup]:
    """Return the "Nơi nhận" items: "- …;" each, the last "- Lưu: VT, XX." (NĐ 30 PL I, II.9).

    The Party form "- Lưu Văn phòng …" is reported only by secondary sources
    (UNCONFIRMED): the NĐ 30 form is used for every system. A joint document's copies are
    kept by each issuer: "- Lưu: VT, UBND, MTTQ.". Each line ends as the issuer writes it
    (";", or "," for a Party body that does), and wraps in its narrow column only between
    units ("Khen thưởng" is never split: ``linebreak.bound``).
    """
    end = doc.issuer.list_end
    lines = [bound(f"- {name.rstrip(';.,')}{end}", NOI_NHAN_CELL, NOI_NHAN_SIZE) for name in doc.recipients]
    return [runs(line, NOI_NHAN_SIZE * 2) for line in [*lines, keep_line(doc)]]


def keep_line(doc: Document) -> str:
    """Return "- Lưu: VT, NV." and, when the clerk gives them, the drafter's initials and the copies
    issued: "- Lưu: VT, NV (V-10b)." (NĐ 30 PL I ô 12, written on the Lưu line as agencies do)."""
    keep = ", ".join([doc.drafting_unit or doc.issuer.notation, *(b.notation for b in doc.co_issuers)])
    extra = "-".join(part for part in (doc.drafter, f"{doc.copies}b" if doc.copies else None) if part)
    return f"- Lưu: VT, {keep}" + (f" ({extra})" if extra else "") + "."


def _addressees(names: tuple[str, ...], heading: str | None = None, end: str = ";") -> dict[str, Any]:
    """"Kính gửi:" and its recipients (Mẫu 1.5); a công điện's "<NGƯỜI, CƠ QUAN> điện:" over them (Mẫu 1.6).
    Each line but the last ends as the issuer writes it (``end``)."""
    out = {"single": None, "lines": [], "heading": runs(heading, 28, bold=True) if heading else None}
    if heading is not None:
        out["lines"] = [runs(f"- {n.rstrip('.;,')}{'.' if i == len(names) - 1 else end}")
                        for i, n in enumerate(names)]
        return out
    if not names:
        return out
    if len(names) == 1:
        out["single"] = runs(f"Kính gửi: {names[0].rstrip('.;,')}.")
        return out
    lines = [f"- {n.rstrip('.;,')}{'.' if i == len(names) - 1 else end}" for i, n in enumerate(names)]
    out["lines"] = [runs(line) for line in lines]
    return out


def _rule_indent(cell: int, text_twips: int, fraction: float) -> int:
    """Return the left/right indent that leaves a centred rule ``fraction`` of the text line's width."""
    rule = int(min(cell, text_twips) * fraction)
    return max(0, (cell - rule) // 2)


@dataclass(frozen=True)
class RenderedDocument:
    document: Document
    data: bytes
    text: str


class Renderer:
    """Compile the template once; render any number of documents from it."""

    def __init__(self, template: Path = TEMPLATE):
        self.template_path = template
        self.env = make_jinja_env()
        try:
            data = read_regular(template, MAX_TEMPLATE_BYTES)  # a FIFO or /dev/zero named as the template: refused
            self._parts = _read_parts(data)
            compiled = ahead.load(self.env, data) or \
                {name: self.env.from_string(source) for name, source in ahead.prepare(data).items()}
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise RenderError(_("không đọc được mẫu {path}: {reason}").format(path=template, reason=exc)) from None
        original = self._parts[BODY_PART].decode("utf-8")
        self._head = original[: original.index("<w:body>")]
        self._tail = original[original.index("</w:body>") + len("</w:body>"):]
        self._body = compiled["body"]
        self._core = compiled["core"]
        self._package = _Package(self._parts)

    def render(self, context: DocumentContext, date_time: tuple) -> bytes:
        """Return the DOCX bytes of one document; the same context gives the same bytes."""
        return self.package(self.render_parts(context), date_time)

    def render_parts(self, context: DocumentContext) -> dict[str, bytes]:
        """Return the parts that differ from one document to the next (its body, its properties)."""
        try:
            body = self._body.render(context)
            core = self._core.render(context)
        except jinja2.TemplateError as exc:
            raise RenderError(_("lỗi khi điền mẫu {path}: {reason}").format(path=self.template_path, reason=exc)) from None
        document = self._head + _strip_body_ns(body) + self._tail
        return {BODY_PART: document.encode("utf-8"), CORE_PART: core.encode("utf-8")}

    def package(self, changed: dict[str, bytes], date_time: tuple) -> bytes:
        """Return the DOCX of a document's own parts (``render_parts``) and the template's others."""
        return self._package.zip(changed, date_time)

    def part(self, changed: dict[str, bytes], name: str) -> bytes | None:
        """Return a part of the package ``package(changed, …)`` makes, as a reader of the DOCX reads it."""
        return changed[name] if name in changed else self._parts.get(name)


def _read_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _strip_body_ns(body: str) -> str:
    """docxtpl serialises <w:body> with its own namespace declarations; the document has them."""
    return re.sub(r"^<w:body[^>]*>", "<w:body>", body.strip(), count=1)


# zlib's fast deflate: a document's 19 KB of XML in 85 µs instead of 145 at zipfile's default
# level 6 (of ~2 ms a document costs in all), for 300 bytes more in a 7 KB file.
DEFLATE_LEVEL = 3


class _Package:
    """Zip a document's parts exactly as ``_zip`` does, deflating the template's fixed parts once.

    Speed: nine of the eleven parts are the same in every document, and setting up a
    deflate stream costs more than deflating a small part. Each fixed part is deflated
    once (same level, same raw stream as zipfile), and every document's archive is laid
    out as zipfile lays it out: local headers from ``ZipInfo.FileHeader``, then the
    central directory and end record. tests/build/test_incremental.py checks the bytes are
    ``_zip``'s.
    """

    def __init__(self, parts: dict[str, bytes]):
        self.names = list(parts)  # the template's order, always the same
        self.fixed = {name: self._deflate(data) for name, data in parts.items()}
        self._fixed_entries: dict[tuple, tuple[bytes, bytes, bytes]] = {}

    @staticmethod
    def _deflate(data: bytes) -> tuple[int, bytes, int]:
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)  # zipfile's ZIP_DEFLATED stream
        return zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data)

    def zip(self, changed: dict[str, bytes], date_time: tuple) -> bytes:
        out = bytearray()
        central = []
        for name in self.names:
            if name in changed:
                entry = self._entry(name, date_time, *self._deflate(changed[name]))
            else:
                key = (name, date_time)  # documents of one day share their fixed parts' entries whole
                entry = self._fixed_entries.get(key)
                if entry is None:
                    if len(self._fixed_entries) > 4096:
                        self._fixed_entries.clear()
                    entry = self._fixed_entries[key] = self._entry(name, date_time, *self.fixed[name])
            local, record, tail = entry
            central.append((record, len(out), tail))
            out += local
        start = len(out)
        for record, offset, tail in central:
            out += record + struct.pack("<L", offset) + tail
        out += struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, len(central), len(central),
                           len(out) - start, start, 0)
        return bytes(out)

    @staticmethod
    def _entry(name: str, date_time: tuple, crc: int, packed: bytes, size: int) -> tuple[bytes, bytes, bytes]:
        """(local header and data, central record up to its offset, the rest of the record) as zipfile writes them."""
        info = zipfile.ZipInfo(name, date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.CRC, info.compress_size, info.file_size = crc, len(packed), size
        local = info.FileHeader(False) + packed
        dt = info.date_time
        dosdate = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
        dostime = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
        filename, flag_bits = info._encodeFilenameFlags()
        record = struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, info.create_version,
                             info.create_system, info.extract_version, info.reserved, flag_bits,
                             info.compress_type, dostime, dosdate, info.CRC, info.compress_size, info.file_size,
                             len(filename), len(info.extra), len(info.comment), 0, info.internal_attr,
                             info.external_attr, 0)
        return local, record[:-4], filename + info.extra + info.comment


def _zip(parts: dict[str, bytes], date_time: tuple) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():  # the template's order, always the same
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=DEFLATE_LEVEL)
    return buffer.getvalue()
