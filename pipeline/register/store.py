"""The register of outgoing documents (sổ đăng ký văn bản đi), kept in SQLite.

Nghị định 30, Điều 15: the number and date are given by the văn thư after the
document is signed, from a series that starts at 01 on 1 January of each year
(state and union bodies). Party bodies number per committee term and per
document type (HD 36, 1.3.1). số + ký hiệu is unique within its series.

Each issuance is one ``BEGIN IMMEDIATE`` transaction: SQLite lets one writer
in at a time, so any number of ``vanban issue`` processes at once take
consecutive numbers, never the same one twice and never skipping one.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import sqlite3
from dataclasses import astuple, dataclass
from pathlib import Path

from pipeline.errors import RegisterError
from pipeline.i18n import _
from pipeline.model import DOCUMENT_TYPES, PARTY, Document, Section
from pipeline.vietnamese.format import code_number

AS_ABOVE = "Như trên"  # the first "Nơi nhận" line of a document that has addressees (NĐ 30 PL I, II.9)

SCHEMA = """
CREATE TABLE IF NOT EXISTS issued (
    campaign   TEXT NOT NULL,
    document   TEXT NOT NULL,
    series     TEXT NOT NULL,
    number     INTEGER NOT NULL CHECK (number > 0),
    notation   TEXT NOT NULL,
    issuer     TEXT NOT NULL,
    date       TEXT NOT NULL,
    type       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    signer     TEXT NOT NULL,
    recipients TEXT NOT NULL,
    keep       TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    preissued  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign, document),
    UNIQUE (series, number, notation)
);
CREATE INDEX IF NOT EXISTS issued_series ON issued (series, number);
"""


@dataclass(frozen=True)
class Entry:
    """One line of the register."""

    campaign: str
    document: str
    series: str
    number: int
    notation: str
    issuer: str
    date: _dt.date
    type: str
    subject: str
    signer: str
    recipients: tuple[str, ...]
    keep: str
    content_sha256: str
    preissued: bool


def series_of(doc: Document) -> str:
    """Return the numbering series of a document (see module docstring)."""
    year = (doc.issued_date or doc.date).year
    if doc.system == PARTY:
        term = doc.issuer.term_start.isoformat() if doc.issuer.term_start else "nhiem-ky"
        abbreviation = DOCUMENT_TYPES[doc.type][1] or "CV"
        return f"{doc.issuer.id}/{term}/{abbreviation}"
    return f"{doc.issuer.id}/{year}"


def is_party_series(series: str) -> bool:
    """Tell a Party series ("body/term/type") from a state or union one ("body/year")."""
    return series.count("/") == 2


def places_sent(doc: Document) -> tuple[str, ...]:
    """Return where the document goes, for the register's "Nơi nhận" column.

    "Như trên" stands for the addressees on paper; the register names them.
    """
    others = [r for r in doc.recipients if r != AS_ABOVE and r not in doc.addressees]
    return tuple(doc.addressees) + tuple(others)


def content_digest(doc: Document) -> str:
    """Return the sha256 of what a signer approves: everything but the number and date."""
    def section(s: Section):
        return [s.title, s.inline, list(s.paragraphs), [section(c) for c in s.children]]

    content = {
        "parent": doc.parent, "issuer": doc.issuer.id, "type": doc.type, "subject": doc.subject,
        "signer": [doc.signer.name, doc.signer.title, list(doc.signer.authority)],
        "notation": doc.notation, "unit": doc.drafting_unit,
        "period": [doc.period.start.isoformat(), doc.period.end.isoformat()] if doc.period else None,
        "deadline": doc.deadline.isoformat() if doc.deadline else None,
        "bases": list(doc.bases), "addressees": list(doc.addressees), "recipients": list(doc.recipients),
        "opening": list(doc.opening), "sections": [section(s) for s in doc.sections],
        "closing": list(doc.closing),
        "appendices": [[a.title, [section(s) for s in a.sections]] for a in doc.appendices],
        "authority": doc.authority_line, "proposer": doc.proposer,
        "urgency": doc.urgency, "secrecy": doc.secrecy,
    }
    # Empty fields are left out, so a later version that adds an optional field does not
    # change the digest of documents already issued without it.
    content = {k: v for k, v in content.items() if v not in (None, [], "")}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Register:
    """A connection to the register file; use as a context manager."""

    def __init__(self, path: Path, create: bool = True):
        self.path = path
        if not create and not path.exists():
            raise FileNotFoundError(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA busy_timeout = 60000")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")  # an official record: survive power loss
        self.db.executescript(SCHEMA)
        self.db.executescript(EVIDENCE_SCHEMA)

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def get(self, campaign: str, document: str) -> Entry | None:
        row = self.db.execute("SELECT * FROM issued WHERE campaign = ? AND document = ?",
                              (campaign, document)).fetchone()
        return _entry(row) if row else None

    def entries(self, issuer: str | None = None, year: int | None = None) -> list[Entry]:
        rows = self.db.execute("SELECT * FROM issued ORDER BY series, number, campaign, document").fetchall()
        out = [_entry(r) for r in rows]
        return [e for e in out if (issuer is None or e.issuer == issuer) and (year is None or e.date.year == year)]

    def issue(self, doc: Document, date: _dt.date, number: int | None = None) -> tuple[Entry, bool]:
        """Give ``doc`` its number in one transaction; return (entry, newly issued).

        ``number`` records a document issued before the register existed.
        Issuing an issued document again returns its entry unchanged.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            existing = self.get(doc.campaign, doc.id)
            if existing is not None:
                self.db.execute("COMMIT")
                return existing, False
            issued = _replace_date(doc, date)
            series = series_of(issued)
            if number is None:
                row = self.db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM issued WHERE series = ?",
                                      (series,)).fetchone()
                number = row[0]
            else:
                _refuse_taken(self.db, doc, series, number)
            keep = doc.drafting_unit or doc.issuer.notation
            signer = doc.signer.name
            self.db.execute(
                "INSERT INTO issued VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.campaign, doc.id, series, number, doc.notation, doc.issuer.id, date.isoformat(), doc.type,
                 doc.subject, signer, json.dumps(list(places_sent(doc)), ensure_ascii=False), keep,
                 content_digest(doc), int(doc.preissued_number is not None)),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return self.get(doc.campaign, doc.id), True


def _refuse_taken(db: sqlite3.Connection, doc: Document, series: str, number: int) -> None:
    """Refuse to record a number given before the register when its series already holds it."""
    row = db.execute("SELECT campaign, document, notation FROM issued WHERE series = ? AND number = ?",
                     (series, number)).fetchone()
    if row is not None:
        party = doc.system == PARTY
        raise RegisterError(_("không thể ghi số {code} cho {campaign}/{id}: sổ đăng ký đã ghi số này cho {other} "
                              "({other_code}); hãy sửa 'so' trong nguồn").format(
            code=code_number(number, doc.notation, party), campaign=doc.campaign, id=doc.id,
            other=f"{row[0]}/{row[1]}", other_code=code_number(number, row[2], party)))


def open_existing(path: Path) -> Register:
    """Open a register that must already exist (commands that only read it)."""
    if not path.exists():
        raise RegisterError(_("chưa có sổ đăng ký {path}; hãy chạy vanban build hoặc vanban issue trước").format(path=path))
    return Register(path, create=False)


def _replace_date(doc: Document, date: _dt.date) -> Document:
    from dataclasses import replace

    return replace(doc, issued_date=date)


def _entry(row) -> Entry:
    (campaign, document, series, number, notation, issuer, date, type_, subject, signer, recipients, keep,
     digest, preissued) = row
    return Entry(campaign, document, series, number, notation, issuer, _dt.date.fromisoformat(date), type_, subject,
                 signer, tuple(json.loads(recipients)), keep, digest, bool(preissued))


def entries_for_campaign(register: Register, campaign: str) -> dict[str, Entry]:
    """Return document id → entry for every document of ``campaign`` in the register, in one query.

    The build numbers thousands of documents per campaign; one query instead of one per
    document (``Register.get``) gives the same entries.
    """
    rows = register.db.execute("SELECT * FROM issued WHERE campaign = ?", (campaign,)).fetchall()
    return {row[1]: _entry(row) for row in rows}


# --- what was issued, signed and archived: the register's own record of each file ------------------------------
#
# The manifests travel beside the files and can be rewritten with them; these tables are the
# register's record, so ``vanban verify`` finds a changed file even under a rewritten manifest.
# ``issued_files``: the DOCX and PDF of each issued document as the build and ``vanban pdf``
# made them. ``signatures``: each digital signature, in order (the signer, then the
# organisation), never twice. ``archive_files``: every entry of a campaign's last archive.

EVIDENCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS issued_files (
    campaign TEXT NOT NULL,
    document TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('docx', 'pdf')),
    sha256   TEXT NOT NULL,
    PRIMARY KEY (campaign, document, kind)
);
CREATE TABLE IF NOT EXISTS signatures (
    campaign    TEXT NOT NULL,
    document    TEXT NOT NULL,
    part        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('nguoi-ky', 'co-quan')),
    signed_by   TEXT NOT NULL,
    signed_at   TEXT NOT NULL,
    certificate_sha256  TEXT NOT NULL,
    certificate_subject TEXT NOT NULL,
    level       TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_size INTEGER NOT NULL,
    signed_sha256 TEXT NOT NULL,
    PRIMARY KEY (campaign, document, part, role)
);
CREATE TABLE IF NOT EXISTS archive_files (
    campaign TEXT NOT NULL,
    path     TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (campaign, path)
);
"""
MAIN_TEXT = ""  # the ``part`` of a document's own PDF; an attachment's part is its file name
SIGNER_ROLE, ORGANISATION_ROLE = "nguoi-ky", "co-quan"


@dataclass(frozen=True)
class SignatureRecord:
    """One digital signature as the register keeps it."""

    campaign: str
    document: str
    part: str
    role: str
    signed_by: str
    signed_at: str  # ISO 8601, +07:00
    certificate_sha256: str
    certificate_subject: str
    level: str  # PAdES-B-T or PAdES-B-LT
    source_sha256: str  # the file that was signed
    source_size: int
    signed_sha256: str  # the file after this signature


def record_files(register: Register, rows: list[tuple[str, str, str, str]]) -> None:
    """Record (campaign, document, kind, sha256) of issued documents' files, replacing earlier records."""
    register.db.execute("BEGIN IMMEDIATE")
    try:
        register.db.executemany(
            "INSERT INTO issued_files SELECT ?1, ?2, ?3, ?4 WHERE EXISTS "
            "(SELECT 1 FROM issued WHERE campaign = ?1 AND document = ?2) "
            "ON CONFLICT (campaign, document, kind) DO UPDATE SET sha256 = excluded.sha256", rows)
        register.db.execute("COMMIT")
    except BaseException:
        register.db.execute("ROLLBACK")
        raise


def recorded_files(register: Register) -> dict[tuple[str, str, str], str]:
    """Return (campaign, document, kind) → sha256 of every file recorded."""
    rows = register.db.execute("SELECT campaign, document, kind, sha256 FROM issued_files").fetchall()
    return {(c, d, k): sha for c, d, k, sha in rows}


def signature_records(register: Register, campaign: str | None = None) -> list[SignatureRecord]:
    """Return the signatures recorded (of one campaign), the signer's before the organisation's."""
    rows = register.db.execute(
        "SELECT * FROM signatures WHERE ?1 IS NULL OR campaign = ?1 "
        "ORDER BY campaign, document, part, role = 'co-quan'", (campaign,)).fetchall()
    return [SignatureRecord(*row) for row in rows]


@contextlib.contextmanager
def recording_signature(register: Register, record: SignatureRecord):
    """Check and record one signature in a transaction that commits only if the ``with`` body succeeds.

    The body writes the signed file: a file is never in place without its record, and a
    document signed twice in the same role, or by the organisation before its signer, is refused.
    """
    db = register.db
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("SELECT 1 FROM issued WHERE campaign = ? AND document = ?",
                      (record.campaign, record.document)).fetchone() is None:
            raise RegisterError(_("{id} chưa được cấp số: chỉ ký văn bản đã ban hành").format(id=record.document))
        done = {row[0] for row in db.execute(
            "SELECT role FROM signatures WHERE campaign = ? AND document = ? AND part = ?",
            (record.campaign, record.document, record.part))}
        if record.role in done:
            raise RegisterError(_("{id}: đã có chữ ký số của {role}; không ký lần thứ hai").format(
                id=_part_name(record), role=role_name(record.role)))
        if record.role == ORGANISATION_ROLE and record.part == MAIN_TEXT and SIGNER_ROLE not in done:
            raise RegisterError(_("{id}: người ký chưa ký số; cơ quan ký sau người ký").format(id=record.document))
        db.execute("INSERT INTO signatures VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", astuple(record))
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def record_archive(register: Register, campaign: str, files: dict[str, str]) -> None:
    """Record path → sha256 of every entry of a campaign's archive, replacing the earlier archive's."""
    register.db.execute("BEGIN IMMEDIATE")
    try:
        register.db.execute("DELETE FROM archive_files WHERE campaign = ?", (campaign,))
        register.db.executemany("INSERT INTO archive_files VALUES (?, ?, ?)",
                                [(campaign, path, sha) for path, sha in sorted(files.items())])
        register.db.execute("COMMIT")
    except BaseException:
        register.db.execute("ROLLBACK")
        raise


def archived_files(register: Register, campaign: str) -> dict[str, str]:
    rows = register.db.execute("SELECT path, sha256 FROM archive_files WHERE campaign = ?", (campaign,)).fetchall()
    return dict(rows)


def role_name(role: str) -> str:
    return _("người ký") if role == SIGNER_ROLE else _("cơ quan")


def _part_name(record: SignatureRecord) -> str:
    return f"{record.document}/{record.part}" if record.part else record.document
