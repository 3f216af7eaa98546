"""What each kind of document prints beyond a kế hoạch's parts: preambles, meetings, proposals, signatures.

The layout of a kind comes from ``rulebook.kinds`` (after NĐ 30's Mẫu 1.1–1.9); the Party's
rules of the document's own date from ``rulebook.party``. This module turns a resolved
document into the pieces the template and ``layout`` print; it knows nothing of XML but the
runs ``layout.runs`` makes (passed in), so ``layout`` may use it without a cycle.

- preamble: a state quyết định or nghị quyết (Mẫu 1.2, 1.1): the thẩm quyền line, "Căn cứ …;"
  in italics, the last ".", "Theo đề nghị của …", "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:". A Party
  quyết định: "- Căn cứ …;", the last ",", then "<TẬP THỂ> QUYẾT ĐỊNH:" (QĐ 399's own text,
  §11.1, CONFIRMED (secondary); rulebook.party.PARTY_BASES);
- a Party nghị quyết: its opening, "QUYẾT NGHỊ:", then its points (rulebook.kinds.Kind.layout_for);
- a biên bản (Mẫu 1.9): time, place, participants, chủ trì, thư ký, then the record and the time
  it closed; thư ký and chủ tọa sign side by side;
- a giấy giới thiệu (Mẫu 1.8): whom, to whom, about what, until when;
- a tờ trình (Mẫu 1.4, NĐ 30 PL I II.9.b): its proposals as the last part, then "… kính trình …
  xem xét, quyết định.";
- a công điện (Mẫu 1.6): "<NGƯỜI, CƠ QUAN> điện:" over its recipients;
- signatures: one block, or a grid of blocks two a row (a joint document's issuers, a bloc's
  members) with Nơi nhận under them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Document, Section
from pipeline.rulebook.kinds import WRITTEN
from pipeline.rulebook.party import PARTY_BASES, rules_on
from pipeline.rulebook.systems import PARTY, header_style
from pipeline.vietnamese.format import format_date_long, upper_vi


@dataclass(frozen=True)
class Para:
    """A body paragraph a kind adds: its text, bold or not, centred or not."""

    text: str
    bold: bool = False
    centered: bool = False


def layout_of(doc: Document) -> str:
    return WRITTEN[doc.type].layout_for(doc.system)


def numbering(doc: Document) -> str:
    """Parts I. / 1. / a) ("muc"), or points 1. / 1.1. / a) ("phan_cap"): see rulebook.kinds."""
    return "muc" if layout_of(doc) == "muc" else "phan_cap"


def party(doc: Document):
    """The Party's rules in force on the document's date (rulebook.party), None for other systems."""
    return rules_on(doc.issued_date or doc.date) if doc.system == PARTY else None


def has_preamble(doc: Document) -> bool:
    """A quyết định (any system) or a state nghị quyết: its căn cứ stand in a preamble, not in the body."""
    kind = WRITTEN[doc.type]
    return kind.enacting is not None and layout_of(doc) == "dieu"


def cites(doc: Document) -> bool:
    """A biên bản records a meeting and a giấy giới thiệu introduces someone: neither opens citing what it
    implements (Mẫu 1.8, 1.9 have no such line)."""
    return layout_of(doc) not in ("bien_ban", "gioi_thieu")


def collective(doc: Document) -> str:
    """Who decides in a Party quyết định: the clerk's 'tham_quyen_ban_hanh', else the T/M line's collective,
    an organ named with its committee ("Ban Thường vụ Tỉnh ủy", as Party decisions print it)."""
    if doc.authority_line:
        return doc.authority_line
    for line in doc.signer.authority:
        if line.upper().startswith("T/M "):
            body = line[4:].strip()
            return f"{body} {doc.issuer.short_name}" if body.lower().startswith("ban ") else body
    return doc.issuer.full_name


def preamble_lines(doc: Document, bases: list[str]) -> tuple[list[str], str]:
    """Return (the căn cứ lines as printed, the enacting line) of a document with a preamble.

    ``bases``: the căn cứ, each "Căn cứ …" (docx.layout.decision_bases orders them).
    """
    kind = WRITTEN[doc.type]
    if doc.system == PARTY:
        dash, middle, last = PARTY_BASES.value
        lines = [b if b.startswith("Căn cứ") else f"Căn cứ {b}" for b in bases]
        if doc.proposer:
            lines.append(f"Xét đề nghị của {doc.proposer.rstrip('.,;')}")
        out = [f"{dash}{_strip_end(line)}{last if i == len(lines) - 1 else middle}" for i, line in enumerate(lines)]
        return out, f"{upper_vi(collective(doc))} {kind.enacting}"
    out = []
    for i, line in enumerate(bases):
        # The preamble ends at the last line: "Theo đề nghị của …." when there is one (Mẫu 1.2).
        end = "." if i == len(bases) - 1 and not doc.proposer else ";"
        out.append(_strip_end(line) + end)
    return out, kind.enacting


def authority_line(doc: Document) -> str | None:
    """The thẩm quyền line of a state quyết định or nghị quyết (Mẫu 1.1–1.3); the Party has none."""
    if doc.system == PARTY:
        return None
    return upper_vi(doc.authority_line or doc.issuer.full_name)


def enacting_after_opening(doc: Document) -> list[Para]:
    """A Party nghị quyết: "QUYẾT NGHỊ:" between what the committee met about and its points."""
    kind = WRITTEN[doc.type]
    if kind.enacting and layout_of(doc) != "dieu":
        return [Para(kind.enacting, bold=True, centered=True)]
    return []


def lead_paragraphs(doc: Document) -> list[Para]:
    """Paragraphs that open the body before the clerk's own: a biên bản's meeting, a giấy giới thiệu's person."""
    if doc.meeting is not None:
        m = doc.meeting
        out = [Para(f"Thời gian bắt đầu: {_strip_end(m.start)}."), Para(f"Địa điểm: {_strip_end(m.place)}."),
               Para("Thành phần tham dự:")]
        out += [Para(f"- {_strip_end(p)}{'.' if i == len(m.participants) - 1 else ';'}")
                for i, p in enumerate(m.participants)]
        out += [Para(f"Chủ trì (chủ tọa): {_person(m.chair)}."),
                Para(f"Thư ký (người ghi biên bản): {_person(m.secretary)}."),
                Para("Nội dung (theo diễn biến cuộc họp):")]
        return out
    if doc.introduction is not None:
        i = doc.introduction
        out = [Para(f"{doc.issuer.full_name} trân trọng giới thiệu:"), Para(f"Ông (bà): {i.person.name}")]
        if i.person.title:
            out.append(Para(f"Chức vụ: {i.person.title}"))
        out += [Para(f"Được cử đến: {i.to}"), Para(f"Về việc: {_strip_end(i.about)}.")]
        return out
    return []


def extra_sections(doc: Document) -> tuple[Section, ...]:
    """A tờ trình's proposals, as its last part ("ĐỀ XUẤT, KIẾN NGHỊ")."""
    if doc.proposal:
        return (Section(title="Đề xuất, kiến nghị", paragraphs=doc.proposal),)
    return ()


def closing_paragraphs(doc: Document) -> list[Para]:
    """Lines that close the body after the clerk's own, when the kind has them."""
    if doc.meeting is not None:
        return [Para(f"Cuộc họp kết thúc vào {_strip_end(doc.meeting.end)}.")]
    if doc.introduction is not None:
        out = [Para("Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ.")]
        if doc.introduction.valid_until:
            out.append(Para(f"Giấy này có giá trị đến hết {format_date_long(doc.introduction.valid_until)}."))
        return out
    if doc.type == "to_trinh" and not doc.closing and doc.addressees:
        # NĐ 30 PL I II.9.b: a tờ trình goes up "Kính gửi"; it ends asking for a decision.
        return [Para(f"{doc.issuer.full_name} kính trình {doc.addressees[0]} xem xét, quyết định.")]
    return []


def dispatch_heading(doc: Document) -> str | None:
    """A công điện's "<NGƯỜI, CƠ QUAN> điện:" (Mẫu 1.6), from 'tham_quyen_ban_hanh' or the issuer."""
    if doc.type != "cong_dien":
        return None
    return f"{upper_vi(doc.authority_line or doc.issuer.full_name)} điện:"


@dataclass(frozen=True)
class SignatureBlock:
    """The lines of one signature block: authority lines and titles (IN HOA, bold), then the name."""

    lines: tuple[str, ...]
    name: str
    plain_title: bool = False  # the last of ``lines`` is a chức vụ set upright (HD 05, rulebook.party)


def signature_blocks(doc: Document) -> list[SignatureBlock]:
    """Every signature block in order: one for most documents; a joint document's issuers; a bloc's members;
    a biên bản's thư ký and chủ tọa (Mẫu 1.9)."""
    if doc.meeting is not None:
        return [SignatureBlock(("THƯ KÝ",), doc.meeting.secretary.name),
                SignatureBlock(("CHỦ TỌA",), doc.meeting.chair.name)]
    rules = party(doc)
    plain = rules is not None and not rules.signer_title_bold
    if not doc.signatures:
        return [SignatureBlock((*doc.signer.authority, doc.signer.title), doc.signer.name, plain)]
    out = []
    for co in doc.signatures:
        signer, name = co.signer, " ".join(upper_vi(x) for x in co.body.name_lines)  # broken to fit by render
        # Blocks side by side say whose they are. "TM. ỦY BAN NHÂN DÂN" names its body; "TM. BAN THƯỜNG
        # TRỰC" names an organ of it, whose body's name follows; with no "TM." the body's name stands over
        # the title (a bloc member's director signs as head of his department).
        collective = next((upper_vi(line)[3:].strip() for line in signer.authority
                           if upper_vi(line).startswith(("TM.", "T/M"))), None)
        if collective is None:
            lines = (name, *signer.authority, signer.title)
        elif name.startswith(collective):
            lines = (*signer.authority, signer.title)
        else:
            lines = (*signer.authority, name, signer.title)
        out.append(SignatureBlock(lines, signer.name, co.body.system == PARTY and plain))
    return out


def header_style_of(doc: Document) -> str:
    return header_style(doc.system, doc.issuer.organisation)


def _person(person) -> str:
    return f"{person.name}, {person.title}" if person.title else person.name


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;,:").rstrip()
