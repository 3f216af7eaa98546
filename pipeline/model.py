"""Immutable data passed between the stages: registry, campaigns, documents.

Raw YAML never leaves validate.py; every later stage sees these frozen
dataclasses and returns new ones instead of changing what it was given.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from pipeline.errors import SourceLocation

# The four systems a body can belong to (the manifest's words) and every kind of document
# live in pipeline.rulebook, which the linter reads too.
from pipeline.rulebook.kinds import WRITTEN
from pipeline.rulebook.systems import FRONT, PARTY, STATE, SYSTEM_OF_SOURCE, UNION  # noqa: F401

# Document types: the YAML word → (tên loại printed, NĐ 30 abbreviation in the ký hiệu).
# The Party's own abbreviations (quy định "QĐ", công văn "CV"): rulebook.kinds.abbreviation.
DOCUMENT_TYPES = {key: (kind.name, kind.abbr) for key, kind in WRITTEN.items()}
PARTY_CONG_VAN_ABBREVIATION = "CV"


@dataclass(frozen=True)
class Signer:
    """A person who signs for a body, with the authority lines above the name."""

    id: str
    name: str
    title: str
    authority: tuple[str, ...] = ()


@dataclass(frozen=True)
class Body:
    """An organisation of the state, union or Party system, or a competition bloc."""

    id: str
    system: str
    name_lines: tuple[str, ...]
    full_name: str
    short_name: str
    notation: str
    place: str
    locality: str
    location: SourceLocation
    parent: str | None = None
    header_parent: str | None = None
    header_parent_name: str | None = None
    level: str = ""
    recipient_group: str | None = None
    drafting_units: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    signers: tuple[Signer, ...] = ()
    subordinates_text: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    heads: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    is_bloc: bool = False
    term_start: _dt.date | None = None
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # role → name or body id
    organisation: str | None = None  # rulebook.systems.ORGANISATIONS: a chi bộ, the Đoàn… where forms differ
    number_width: int = 2  # digits a number is printed with at least: 4 gives "Số: 0124/KH-UBND"
    report_line: str | None = None  # how it names its superior in "Nơi nhận": "Thường trực LĐLĐ tỉnh (B.c)"
    list_end: str = ";"  # what ends each line of "Nơi nhận" and "Kính gửi" but the last (Party: "," allowed)

    def signer(self, signer_id: str | None) -> Signer | None:
        if signer_id is None:
            return self.signers[0] if self.signers else None
        return next((s for s in self.signers if s.id == signer_id), None)


@dataclass(frozen=True)
class RoleTable:
    """Who plays which role in the bodies of one level (and system): role → name or body id."""

    level: str
    system: str | None
    roles: Mapping[str, str]
    location: SourceLocation
    scope: tuple[str, ...] = ()  # bodies whose subtrees it serves; () serves the level everywhere


@dataclass(frozen=True)
class KeySource:
    """Where a signing key is: a PKCS#12 file, or a PKCS#11 token (module, slot, label).

    Paths are absolute (resolved from the registry file's folder). The password or PIN is
    never here: ``password_variable`` names the environment variable that holds it.
    """

    pkcs12: str | None = None
    pkcs11_module: str | None = None
    pkcs11_slot: int | None = None
    pkcs11_label: str | None = None
    password_variable: str | None = None


@dataclass(frozen=True)
class PersonalSignature:
    """A signer's digital signature: the image of the handwritten signature (blue PNG) and the key."""

    image: str
    key: KeySource


@dataclass(frozen=True)
class OrganisationSignature:
    """A body's digital signature: the seal image (red PNG), its real diameter if declared, and the key."""

    image: str
    key: KeySource
    diameter_mm: int | None = None


@dataclass(frozen=True)
class SigningPolicy:
    """What the agency trusts and uses when signing: root certificates, a time-stamp server, revocation data."""

    trust_roots: tuple[str, ...]
    timestamp_url: str | None = None
    revocation_lists: tuple[str, ...] = ()
    fetch_revocation: bool = False


@dataclass(frozen=True)
class Signing:
    """Every body's and signer's digital signature set-up; keyed by body id and "body/signer"."""

    policy: SigningPolicy | None = None
    organisations: Mapping[str, OrganisationSignature] = field(default_factory=lambda: MappingProxyType({}))
    persons: Mapping[str, PersonalSignature] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Registry:
    """All bodies by id, in the order the clerk wrote them, and the role tables by level."""

    bodies: Mapping[str, Body]
    role_tables: tuple[RoleTable, ...] = ()
    signing: Signing = field(default_factory=Signing)
    # Ids of bodies left out because their own entry is broken (a registry read with mistakes, never
    # built from): known to the reference checks, so that a document naming one is not told "unknown" too.
    left_out: frozenset[str] = frozenset()

    def subordinates(self, body_id: str) -> tuple[Body, ...]:
        """Return the bodies directly under ``body_id`` (members, for a bloc)."""
        body = self.bodies[body_id]
        if body.is_bloc:
            return tuple(self.bodies[m] for m in body.members)
        return tuple(b for b in self.bodies.values() if b.parent == body_id and not b.is_bloc)


# --- facts derived from a whole registry --------------------------------------------------------------------
# An index that takes a pass over every body (the bodies under each, the names the audit looks
# for…) is made once per registry object, by the stage that first needs it (``derived``). A
# registry the build read back from its cache brings its own (``pipeline.build.keys``), so that
# a one-leaf edit does not decode every body of the country to find the few it needs. The
# facts of one registry are kept at a time: the one in use.
_FACTS: dict[str, object] = {}
_FACTS_OF: list[Registry | None] = [None]


def derived(registry: Registry, name: str, compute):
    """Return the fact ``name`` of ``registry``: ``compute(registry)``, computed once (or as given)."""
    facts = _facts_of(registry)
    if name not in facts:
        facts[name] = compute(registry)
    return facts[name]


def give_derived(registry: Registry, facts: dict[str, object]) -> None:
    """Give ``registry`` facts made from it elsewhere (each exactly what its ``compute`` returns)."""
    _facts_of(registry).update(facts)


def _facts_of(registry: Registry) -> dict[str, object]:
    if _FACTS_OF[0] is not registry:  # another registry in use: the last one's facts are dropped
        _FACTS.clear()
        _FACTS_OF[0] = registry
    return _FACTS


@dataclass(frozen=True)
class TableColumn:
    """A column of a table: its name (the header's text), its width in mm if the clerk gave one,
    and its alignment ("trai", "giua", "phai"; None: centred when every cell is short, else left)."""

    name: str
    width_mm: int | None = None
    align: str | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell as written: its text (lines may be separated by "\n"), and how many columns and
    rows it covers (a merged cell; the rows below leave out the cells it covers)."""

    text: str
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class TableRow:
    """A row of cells, or a group row: one bold cell across every column ("I. CÁC XÃ, THỊ TRẤN")."""

    cells: tuple[TableCell, ...]
    group: bool = False


@dataclass(frozen=True)
class Table:
    """A table of the body or of a phụ lục; its header rows are repeated on every page."""

    columns: tuple[TableColumn, ...]
    header: tuple[TableRow, ...]
    rows: tuple[TableRow, ...]
    title: str | None = None


@dataclass(frozen=True)
class Section:
    """A numbered part of a document's content; numbers are added when rendering.

    ``numbering``: the scheme of its sub-sections, level by level from its children down
    (kinds of vietnamese.format.SCHEME_KINDS), when it has its own; ``number``: the number the
    clerk gave it (its siblings after it count on from there); ``table``: after its paragraphs.
    """

    title: str | None = None
    inline: str | None = None
    paragraphs: tuple[str, ...] = ()
    children: tuple["Section", ...] = ()
    numbering: tuple[str, ...] | None = None
    number: int | None = None
    table: Table | None = None


@dataclass(frozen=True)
class Appendix:
    """A phụ lục: its own pages, heading and page numbers (NĐ 30 PL I, III.1.đ); its table first."""

    title: str
    sections: tuple[Section, ...]
    table: Table | None = None


@dataclass(frozen=True)
class Selector:
    """Which bodies a fan-out document is issued by."""

    level: str | None = None
    bloc: str | None = None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentSpec:
    """One entry of a campaign as the clerk wrote it: unset fields are None.

    ``values`` holds the content fields that a child inherits when it does not
    set them (type, subject, period, content…); ``locations`` says where each
    of them was written, for messages.
    """

    id: str
    campaign: str
    location: SourceLocation
    parent: str | None
    issuer: str | None
    fan_out: Selector | None
    values: Mapping[str, object]
    locations: Mapping[str, SourceLocation]
    overrides: Mapping[str, Mapping[str, object]] = field(default_factory=lambda: MappingProxyType({}))
    source: object = field(default=None, compare=False, repr=False)  # the SourceFile, to locate nested text
    path: tuple = ()  # ("van_ban", 3): where the entry stands in its file
    implements: str | None = None  # a root's van_ban_cha naming an outside document


@dataclass(frozen=True)
class Block:
    """A named piece of text written once and used by many documents (``dung: <ma>``).

    ``kind`` is "muc" (sections), "doan" (paragraphs) or "giao" (assignments); ``items``
    are the raw checked values, filled per document; ``source`` and ``path`` locate them.
    """

    id: str
    kind: str
    items: tuple
    location: SourceLocation
    source: object = field(default=None, compare=False, repr=False)
    path: tuple = ()


@dataclass(frozen=True)
class OutsideDocument:
    """A document issued elsewhere (a Prime Minister's decision, a Tỉnh ủy directive): cited, never built."""

    id: str
    issuer: str
    type_name: str
    code: str  # number and notation exactly as written: "2437/QĐ-TTg"
    date: _dt.date
    subject: str
    location: SourceLocation


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    path: str
    specs: tuple[DocumentSpec, ...]
    blocks: Mapping[str, Block] = field(default_factory=lambda: MappingProxyType({}))
    outside: Mapping[str, OutsideDocument] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple = ()  # Problems with warning=True met reading its file (text pasted from Word): the tree's too
    # Ids of documents left out of a campaign read with mistakes (a broken one and those below it), resolved
    # only to find the other documents' problems: known ids, never "unknown" to a reference.
    left_out: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Period:
    start: _dt.date
    end: _dt.date


@dataclass(frozen=True)
class CitationStyle:
    """How a document cites its parent and bases (the clerk's choice where real documents differ)."""

    merged: bool = False  # "Thực hiện …, <first opening paragraph>" instead of a paragraph of its own
    about: bool = True  # "về <subject>"
    long_date: bool = False  # "ngày 30 tháng 8 năm 2024" instead of "30/8/2024"


@dataclass(frozen=True)
class ComputedDate:
    """A date the clerk wrote relative to another ("5 ngày làm việc trước han_cha"), once computed."""

    field: str       # "ngay", "han", "thoi_gian.tu", "thoi_gian.den"
    written: str     # as written, normalised
    date: _dt.date


@dataclass(frozen=True)
class Person:
    """Someone a document names who is not one of the registry's signers: a meeting's chair, whom it introduces."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class Meeting:
    """What a biên bản records (NĐ 30 Mẫu 1.9): when, where, who; its chair and secretary sign it."""

    start: str
    place: str
    participants: tuple[str, ...]
    chair: Person
    secretary: Person
    end: str


@dataclass(frozen=True)
class Introduction:
    """Whom a giấy giới thiệu introduces (NĐ 30 Mẫu 1.8), to whom, about what, until when."""

    person: Person
    to: str
    about: str
    valid_until: _dt.date | None = None


@dataclass(frozen=True)
class CoSigner:
    """A body that signs beside the issuer: a co-issuer of a joint document, a bloc member of its covenant."""

    body: Body
    signer: Signer


@dataclass(frozen=True)
class Document:
    """A resolved document: every field known, placeholders filled, ready to number."""

    id: str
    campaign: str
    parent: str | None
    issuer: Body
    signer: Signer
    system: str
    type: str
    date: _dt.date
    subject: str
    location: SourceLocation
    notation: str
    drafting_unit: str | None
    period: Period | None = None
    deadline: _dt.date | None = None
    citations: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    opening: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    authority_line: str | None = None
    proposer: str | None = None
    urgency: str | None = None
    secrecy: str | None = None
    preissued_number: int | None = None
    number: int | None = None
    issued_date: _dt.date | None = None
    depth: int = 0
    computed_dates: tuple[ComputedDate, ...] = ()  # shown by `vanban check`; not part of the content
    implements: OutsideDocument | None = None  # a root implementing a document issued elsewhere
    outside: Mapping[str, OutsideDocument] = field(default_factory=lambda: MappingProxyType({}))  # cited bases
    citation_style: CitationStyle = CitationStyle()
    # Kinds and joint documents (pipeline.rulebook.kinds; cascade.kinds).
    co_issuers: tuple[Body, ...] = ()  # the other issuers of a joint document (văn bản liên tịch), in order
    signatures: tuple[CoSigner, ...] = ()  # every signature block in order, when there are several
    meeting: Meeting | None = None  # a biên bản's
    introduction: Introduction | None = None  # a giấy giới thiệu's
    proposal: tuple[str, ...] = ()  # a tờ trình's proposal paragraphs
    numbering: tuple[str, ...] | None = None  # the scheme of its sections when the clerk chose one
    drafter: str | None = None  # the drafter's initials on the Lưu line: "- Lưu: VT, NV (V-10b)."
    copies: int | None = None  # the copies issued, on the same line
    attachments: tuple[str, ...] = ()  # what is sent with it in separate files (dinh_kem)
    # Its deadline is printed (written by the document, or inherited and used in its text): the
    # day it is issued must not come after it (vanban issue).
    deadline_printed: bool = False

    @property
    def is_draft(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class DocumentTree:
    """A campaign's documents in cascade order (every parent before its children)."""

    campaign: Campaign
    documents: tuple[Document, ...]
    warnings: tuple = ()  # Problems with warning=True found while resolving: shown, not stopping (but --strict)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
