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
import errno
import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from pipeline.errors import RegisterError
from pipeline.files import FILE_MODE, is_disk_full
from pipeline.i18n import _
from pipeline.model import PARTY, Document, Section
from pipeline.register import integrity
from pipeline.rulebook.kinds import abbreviation as abbreviation_of
from pipeline.vietnamese.format import code_number, format_date_input

AS_ABOVE = "Như trên"  # the first "Nơi nhận" line of a document that has addressees (NĐ 30 PL I, II.9)

# The columns an issued number carries, shared by the issued and voided tables (a voided row
# is the issued row moved, with why and when).
_ROW = """
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
    preissued  INTEGER NOT NULL DEFAULT 0,"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS issued ({_ROW}
    PRIMARY KEY (campaign, document),
    UNIQUE (series, number, notation)
);
CREATE INDEX IF NOT EXISTS issued_series ON issued (series, number);
"""
# Numbers voided (hủy số, ``pipeline.register.void``): the issued row moved here with why and
# when. A voided number is never given again: the next number of a series is above both tables.
VOIDED_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS voided ({_ROW}
    reason     TEXT NOT NULL,
    voided_on  TEXT NOT NULL,
    PRIMARY KEY (series, number, notation)
);
"""
ISSUED_COLUMNS = ("campaign", "document", "series", "number", "notation", "issuer", "date", "type", "subject",
                  "signer", "recipients", "keep", "content_sha256", "preissued")


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
    damaged: bool = False  # the row differs from the check written with it (pipeline.register.integrity)


def series_of(doc: Document) -> str:
    """Return the numbering series of a document (see module docstring)."""
    year = (doc.issued_date or doc.date).year
    if doc.system == PARTY:
        term = doc.issuer.term_start.isoformat() if doc.issuer.term_start else "nhiem-ky"
        # The Party's abbreviation: quyết định and quy định share "QĐ", and so one series, or
        # "12-QĐ/TU" could be given twice (rulebook.kinds).
        abbreviation = abbreviation_of(doc.type, doc.system) or "CV"
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
    """A connection to the register file; use as a context manager.

    ``create``: make the file when it does not exist (the build and ``vanban issue``; they
    first make sure output/ holds no issued document a new register would not know,
    ``pipeline.build.claims``). ``write`` (by default as ``create``): open it to be written;
    a register made before the voided numbers and row checks gets their tables then.
    Every SQLite or disk failure becomes a RegisterError naming the file and what to do.
    """

    def __init__(self, path: Path, create: bool = True, write: bool | None = None):
        self.path = path
        write = create if write is None else write
        if not os.path.exists(path):  # a link to where no register is yet counts as none
            if not create:
                raise RegisterError(_("chưa có sổ đăng ký {path}; hãy chạy vanban build hoặc vanban issue trước").format(
                    path=path))
            with failures(path):
                _create(path)
        with failures(path):
            if os.path.isfile(path) and os.path.getsize(path) == 0:
                raise sqlite3.DatabaseError("file is empty")
            if _read_only(path):
                if write:
                    raise _readonly_error()
                # SQLite opens a WAL register only where it can make the -shm file beside it; on a
                # read-only disk nobody writes, so the file is read as it is (vanban leaves no -wal).
                uri = f"{Path(os.path.abspath(path)).as_uri()}?mode=ro&immutable=1"
                self.db = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None)
            else:
                self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            try:
                self._open(write)
            except BaseException:
                self.db.close()
                raise

    def _open(self, write: bool) -> None:
        self.db.execute("PRAGMA busy_timeout = 60000")
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "issued" not in tables or \
                tuple(r[1] for r in self.db.execute("PRAGMA table_info(issued)")) != ISSUED_COLUMNS:
            raise NotARegister()
        checked = self.db.execute("PRAGMA quick_check").fetchone()[0]
        if checked != "ok":
            raise sqlite3.DatabaseError(checked)
        if write and self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")  # an official record: survive power loss
        if write:
            if not {"voided", integrity.CHECK_TABLE, *EVIDENCE_TABLES} <= tables:  # a register made before these
                self.db.executescript(VOIDED_SCHEMA + integrity.SCHEMA + EVIDENCE_SCHEMA)
            integrity.add_missing_checks(self.db, ("issued", "voided"))
        self.tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def get(self, campaign: str, document: str) -> Entry | None:
        with failures(self.path):
            row = self.db.execute("SELECT * FROM issued WHERE campaign = ? AND document = ?",
                                  (campaign, document)).fetchone()
            if row is None:
                return None
            return entry_from_row(row, integrity.check_of(self.db, row) if integrity.CHECK_TABLE in self.tables else {})

    def checks(self) -> dict[tuple, str]:
        return integrity.checks(self.db) if integrity.CHECK_TABLE in self.tables else {}

    def entries(self, issuer: str | None = None, year: int | None = None) -> list[Entry]:
        with failures(self.path):
            rows = self.db.execute("SELECT * FROM issued ORDER BY series, number, campaign, document").fetchall()
            recorded = self.checks()
        out = [entry_from_row(r, recorded) for r in rows]
        return [e for e in out if (issuer is None or e.issuer == issuer) and (year is None or e.date.year == year)]

    def issue(self, doc: Document, date: _dt.date, number: int | None = None) -> tuple[Entry, bool]:
        """Give ``doc`` its number in one transaction; return (entry, newly issued).

        ``number`` records a document issued before the register existed.
        Issuing an issued document again returns its entry unchanged.
        """
        with failures(self.path):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                existing = self.get(doc.campaign, doc.id)
                if existing is not None:
                    self.db.execute("COMMIT")
                    return existing, False
                issued = _replace_date(doc, date)
                series = series_of(issued)
                if number is None:
                    number = self.next_number(series)
                else:
                    _refuse_taken(self.db, doc, series, number)
                keep = doc.drafting_unit or doc.issuer.notation
                signer = doc.signer.name
                row = (doc.campaign, doc.id, series, number, doc.notation, doc.issuer.id, date.isoformat(), doc.type,
                       doc.subject, signer, json.dumps(list(places_sent(doc)), ensure_ascii=False), keep,
                       content_digest(doc), int(doc.preissued_number is not None))
                self.db.execute("INSERT INTO issued VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
                integrity.record_check(self.db, row)
                self.db.execute("COMMIT")
            except BaseException:
                rollback(self.db)
                raise
            return self.get(doc.campaign, doc.id), True

    def next_number(self, series: str) -> int:
        """Return the next number of ``series``: above every number issued or voided in it (never one reused)."""
        row = self.db.execute("SELECT MAX(number) FROM issued WHERE series = ?", (series,)).fetchone()
        highest = row[0] or 0
        if "voided" in self.tables:
            row = self.db.execute("SELECT MAX(number) FROM voided WHERE series = ?", (series,)).fetchone()
            highest = max(highest, row[0] or 0)
        return highest + 1


def rollback(db: sqlite3.Connection) -> None:
    """Roll back the transaction in progress, if SQLite has not already (it does on a full disk)."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


class NotARegister(sqlite3.DatabaseError):
    """An SQLite file without the register's table: another database given as the register."""


def _create(path: Path) -> None:
    """Make a new, empty register at ``path`` in one step: built beside it, then linked into place.

    A register is never half made (a kill while making it leaves only the temporary file), and
    of two processes making it at once, the second opens the one the first made.
    """
    shown = path
    path = Path(os.path.realpath(path))  # a link to where the register is to be: made there
    path.parent.mkdir(parents=True, exist_ok=True)
    wal = path.with_name(path.name + "-wal")
    if os.path.exists(wal) and os.path.getsize(wal) > 0:  # the last changes of a register moved away without it
        raise RegisterError(_("không có sổ đăng ký {path} nhưng còn tệp {wal} của nó (những số cấp sau cùng); "
                              "vanban không lập sổ mới bên cạnh. Hãy chép sổ về {path} (tệp -wal để nguyên), hoặc "
                              "khôi phục từ bản sao lưu (vanban backup) và xóa {wal}.").format(
            path=shown, wal=shown.with_name(shown.name + "-wal")))
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)  # exclusive: no planted link
    os.fchmod(fd, FILE_MODE)  # as SQLite would have made it
    os.close(fd)
    tmp = Path(name)
    try:
        db = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(SCHEMA + VOIDED_SCHEMA + integrity.SCHEMA + EVIDENCE_SCHEMA)
        finally:
            db.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


@contextlib.contextmanager
def failures(path: Path):
    """Turn an SQLite or disk failure on the register at ``path`` into a RegisterError saying what to do."""
    try:
        yield
    except RegisterError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise register_failure(path, exc) from None


def register_failure(path: Path, exc: BaseException) -> RegisterError:
    """Return the message for a register that cannot be used: damaged, read-only, on a full disk…"""
    restore = _("Hãy khôi phục sổ từ bản sao lưu gần nhất (tệp do vanban backup tạo): chép bản đó về {path} "
                "rồi chạy lại.").format(path=path)
    if isinstance(exc, NotARegister):
        return RegisterError(_("{path} không phải sổ đăng ký của vanban (không có bảng số đã cấp); không có gì được "
                               "ghi. Hãy chỉ đúng tệp sổ bằng --register, hoặc khôi phục sổ từ bản sao lưu "
                               "(vanban backup).").format(path=path))
    if isinstance(exc, OSError):
        if is_disk_full(exc):
            return RegisterError(_("đĩa chứa sổ đăng ký {path} đã đầy; không có số nào được cấp, sổ vẫn như trước. "
                                   "Hãy giải phóng chỗ trống rồi chạy lại.").format(path=path))
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return RegisterError(_("không ghi được sổ đăng ký {path}: tệp hoặc thư mục của nó chỉ cho đọc; không có "
                                   "số nào được cấp. Hãy cho phép ghi rồi chạy lại.").format(path=path))
        return RegisterError(_("không dùng được sổ đăng ký {path} ({reason}); không có số nào được cấp.").format(
            path=path, reason=exc.strerror or exc))
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(exc)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN) and _disk_full(path):  # a full disk is an I/O error to SQLite
        code = SQLITE_FULL
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or (code == 0 and isinstance(exc, sqlite3.DatabaseError)
                                                    and type(exc) is sqlite3.DatabaseError):
        return RegisterError(_("sổ đăng ký {path} bị hỏng ({detail}); không có số nào được cấp hay ghi.").format(
            path=path, detail=detail) + " " + restore)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return RegisterError(_("không ghi được sổ đăng ký {path}: tệp hoặc thư mục của nó chỉ cho đọc; không có "
                               "số nào được cấp. Hãy cho phép ghi rồi chạy lại.").format(path=path))
    if code == SQLITE_FULL:
        return RegisterError(_("đĩa chứa sổ đăng ký {path} đã đầy; không có số nào được cấp, sổ vẫn như trước. "
                               "Hãy giải phóng chỗ trống rồi chạy lại.").format(path=path))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return RegisterError(_("sổ đăng ký {path} đang bị một tiến trình khác giữ quá lâu; hãy thử lại sau.").format(
            path=path))
    if code == SQLITE_IOERR:
        return RegisterError(_("lỗi đọc ghi đĩa với sổ đăng ký {path} ({detail}); không có số nào được cấp. Hãy kiểm "
                               "tra ổ đĩa rồi chạy lại; nếu sổ hỏng, hãy khôi phục từ bản sao lưu (vanban backup).").format(
            path=path, detail=detail))
    if code == SQLITE_CANTOPEN:
        return RegisterError(_("không mở được sổ đăng ký {path} ({detail}); hãy kiểm tra thư mục chứa nó và quyền "
                               "đọc ghi.").format(path=path, detail=detail))
    return RegisterError(_("không dùng được sổ đăng ký {path} ({detail}); không có số nào được cấp.").format(
        path=path, detail=detail) + " " + restore)


# SQLite's primary result codes (https://www.sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
NEARLY_FULL = 256 * 1024  # bytes left on the register's disk under which an I/O error means a full disk


def _read_only(path: Path) -> bool:
    """Tell whether the register's folder cannot be written (a read-only disk or mount, no permission)."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def _readonly_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = SQLITE_READONLY
    return error


def _disk_full(path: Path) -> bool:
    try:
        st = os.statvfs(os.path.dirname(os.path.abspath(path)) or ".")
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < NEARLY_FULL


def _refuse_taken(db: sqlite3.Connection, doc: Document, series: str, number: int) -> None:
    """Refuse to record a number given before the register when its series already holds it, or voided it."""
    try:
        voided = db.execute("SELECT notation, voided_on, reason FROM voided WHERE series = ? AND number = ?",
                            (series, number)).fetchone()
    except sqlite3.OperationalError:  # no such table: nothing voided yet
        voided = None
    if voided is not None:
        party = doc.system == PARTY
        raise RegisterError(_("không thể ghi số {code} cho {campaign}/{id}: số này đã bị hủy ngày {date} ({reason}) "
                              "và không bao giờ được dùng lại; hãy sửa 'so' trong nguồn").format(
            code=code_number(number, voided[0], party), campaign=doc.campaign, id=doc.id,
            date=format_date_input(_dt.date.fromisoformat(voided[1])), reason=voided[2]))
    row = db.execute("SELECT campaign, document, notation FROM issued WHERE series = ? AND number = ?",
                     (series, number)).fetchone()
    if row is not None:
        party = doc.system == PARTY
        raise RegisterError(_("không thể ghi số {code} cho {campaign}/{id}: sổ đăng ký đã ghi số này cho {other} "
                              "({other_code}); hãy sửa 'so' trong nguồn").format(
            code=code_number(number, doc.notation, party), campaign=doc.campaign, id=doc.id,
            other=f"{row[0]}/{row[1]}", other_code=code_number(number, row[2], party)))


def refuse_damaged(path: Path | None, entries) -> None:
    """Stop when a register row was changed outside vanban: the sources are not to blame, the register is."""
    damaged = sorted((e for e in entries if e.damaged), key=lambda e: (e.series, e.number))
    if not damaged:
        return
    rows = ", ".join(f"{code_number(e.number, e.notation, is_party_series(e.series))} ({e.campaign}/{e.document})"
                     for e in damaged)
    raise RegisterError(_("sổ đăng ký {path} bị hỏng: dòng của số {rows} không khớp mã kiểm tra ghi lúc cấp số "
                          "(dòng đã bị sửa ngoài vanban); nguồn không có lỗi. Hãy khôi phục sổ từ bản sao lưu "
                          "(vanban backup) rồi chạy lại.").format(path=path, rows=rows))


def open_existing(path: Path) -> Register:
    """Open a register that must already exist, to read it (check, verify, export, archive)."""
    return Register(path, create=False)


def _replace_date(doc: Document, date: _dt.date) -> Document:
    from dataclasses import replace

    return replace(doc, issued_date=date)


def entry_from_row(row, recorded: dict[tuple, str] | None = None) -> Entry:
    """Return the entry of an ``issued`` row (or the first columns of a ``voided`` one).

    A row whose fields no longer parse (edited outside vanban) is an entry marked damaged.
    """
    (campaign, document, series, number, notation, issuer, date, type_, subject, signer, recipients, keep,
     digest, preissued) = row[:integrity.ROW_FIELDS]
    damaged = integrity.damaged(row, recorded or {})
    try:
        day = _dt.date.fromisoformat(date)
        sent = tuple(json.loads(recipients))
    except (TypeError, ValueError):
        day, sent, damaged = _dt.date(1980, 1, 1), (), True
    return Entry(campaign, document, series, number, notation, issuer, day, type_, subject,
                 signer, sent, keep, digest, bool(preissued), damaged)


def entries_for_campaign(register: Register, campaign: str) -> dict[str, Entry]:
    """Return document id → entry for every document of ``campaign`` in the register, in one query.

    The build numbers thousands of documents per campaign; one query instead of one per
    document (``Register.get``) gives the same entries.
    """
    with failures(register.path):
        rows = register.db.execute("SELECT * FROM issued WHERE campaign = ?", (campaign,)).fetchall()
        recorded = register.checks()
    return {row[1]: entry_from_row(row, recorded) for row in rows}


# --- what was issued, signed and archived: the register's own record of each file ------------------------------
#
# The manifests travel beside the files and can be rewritten with them; these tables are the
# register's record, so ``vanban verify`` finds a changed file even under a rewritten manifest.
# ``issued_files``: the DOCX and PDF of each issued document as the build and ``vanban pdf``
# made them. ``signatures``: each digital signature, in order (the signer, then the
# organisation), never twice. ``archive_files``: every entry of a campaign's last archive.
# A register made before these tables gets them the first time it is opened for writing;
# read before that (read-only), it has recorded nothing.

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
EVIDENCE_TABLES = ("issued_files", "signatures", "archive_files")
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
    with failures(register.path):
        register.db.execute("BEGIN IMMEDIATE")
        try:
            register.db.executemany(
                "INSERT INTO issued_files SELECT ?1, ?2, ?3, ?4 WHERE EXISTS "
                "(SELECT 1 FROM issued WHERE campaign = ?1 AND document = ?2) "
                "ON CONFLICT (campaign, document, kind) DO UPDATE SET sha256 = excluded.sha256", rows)
            register.db.execute("COMMIT")
        except BaseException:
            rollback(register.db)
            raise


def recorded_files(register: Register) -> dict[tuple[str, str, str], str]:
    """Return (campaign, document, kind) → sha256 of every file recorded."""
    if "issued_files" not in register.tables:
        return {}
    with failures(register.path):
        rows = register.db.execute("SELECT campaign, document, kind, sha256 FROM issued_files").fetchall()
    return {(c, d, k): sha for c, d, k, sha in rows}


def signature_records(register: Register, campaign: str | None = None) -> list[SignatureRecord]:
    """Return the signatures recorded (of one campaign), the signer's before the organisation's."""
    if "signatures" not in register.tables:
        return []
    with failures(register.path):
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
    with failures(register.path):
        db.execute("BEGIN IMMEDIATE")
    try:
        with failures(register.path):
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
        with failures(register.path):
            db.execute("INSERT INTO signatures VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", astuple(record))
        yield
        with failures(register.path):
            db.execute("COMMIT")
    except BaseException:
        rollback(db)
        raise


def record_archive(register: Register, campaign: str, files: dict[str, str]) -> None:
    """Record path → sha256 of every entry of a campaign's archive, replacing the earlier archive's."""
    with failures(register.path):
        register.db.execute("BEGIN IMMEDIATE")
        try:
            register.db.execute("DELETE FROM archive_files WHERE campaign = ?", (campaign,))
            register.db.executemany("INSERT INTO archive_files VALUES (?, ?, ?)",
                                    [(campaign, path, sha) for path, sha in sorted(files.items())])
            register.db.execute("COMMIT")
        except BaseException:
            rollback(register.db)
            raise


def archived_files(register: Register, campaign: str) -> dict[str, str]:
    if "archive_files" not in register.tables:
        return {}
    with failures(register.path):
        rows = register.db.execute("SELECT path, sha256 FROM archive_files WHERE campaign = ?",
                                   (campaign,)).fetchall()
    return dict(rows)


def role_name(role: str) -> str:
    return _("người ký") if role == SIGNER_ROLE else _("cơ quan")


def _part_name(record: SignatureRecord) -> str:
    return f"{record.document}/{record.part}" if record.part else record.document
