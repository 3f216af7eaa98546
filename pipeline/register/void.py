"""Void a number given by mistake (hủy số): the row leaves the issued numbers, with its reason, for good.

A number once given belongs to the register for ever: voiding it moves its row, unchanged,
from ``issued`` to ``voided`` with the reason and the day, in one transaction. The document
is a draft again at the next build (or is issued anew, with the next number); the voided
number is never given again (``Register.next_number`` counts both tables), and it stays in
the Sổ đăng ký and in ``verify``'s count, marked as voided. A document signed digitally
(``vanban sign``) went out under its number: its number is never voided.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from pipeline.errors import RegisterError
from pipeline.i18n import _
from pipeline.register import integrity
from pipeline.register.store import Entry, Register, entry_from_row, failures, rollback
from pipeline.vietnamese.format import clean_text, forbidden_character

MAX_REASON = 500  # characters: one or two sentences in the Sổ's "Ghi chú"


@dataclass(frozen=True)
class Voided:
    """A voided number: the row as it was issued, why, and when it was voided."""

    entry: Entry
    reason: str
    voided_on: _dt.date


def voided_entries(register: Register) -> list[Voided]:
    """Return every voided number, in register order (series, number)."""
    if "voided" not in register.tables:
        return []
    with failures(register.path):
        rows = register.db.execute("SELECT * FROM voided ORDER BY series, number, campaign, document").fetchall()
        recorded = register.checks()
    return [Voided(entry_from_row(row, recorded), row[14], _dt.date.fromisoformat(row[15])) for row in rows]


def voided_number(register: Register, series: str, number: int) -> Voided | None:
    """Return the voided number ``number`` of ``series``, if it was voided."""
    if "voided" not in register.tables:
        return None
    with failures(register.path):
        row = register.db.execute("SELECT * FROM voided WHERE series = ? AND number = ?", (series, number)).fetchone()
    return Voided(entry_from_row(row), row[14], _dt.date.fromisoformat(row[15])) if row else None


def clean_reason(reason: str) -> str:
    """Return the reason as it is recorded: NFC, one line, not empty, not too long; RegisterError otherwise."""
    text = " ".join(clean_text(reason or "").split())
    if not text:
        raise RegisterError(_("cần lý do hủy số (--ly-do \"…\"), ví dụ: cấp nhầm số cho văn bản chưa ký"))
    hidden = forbidden_character(text)
    if hidden is not None:
        raise RegisterError(_("lý do hủy số có ký tự ẩn U+{code:04X}; hãy gõ lại lý do").format(code=ord(hidden)))
    if len(text) > MAX_REASON:
        raise RegisterError(_("lý do hủy số dài {n} ký tự, tối đa {limit}").format(n=len(text), limit=MAX_REASON))
    return text


def void_number(register: Register, campaign: str, document: str, reason: str, today: _dt.date) -> Voided:
    """Void the number of ``campaign/document`` in one transaction; return what was voided."""
    reason = clean_reason(reason)
    with failures(register.path):
        register.db.execute("BEGIN IMMEDIATE")
        try:
            row = register.db.execute("SELECT * FROM issued WHERE campaign = ? AND document = ?",
                                      (campaign, document)).fetchone()
            if row is None:
                raise RegisterError(_("văn bản {campaign}/{id} chưa được cấp số (hoặc số đã bị hủy); không có số nào "
                                      "để hủy").format(campaign=campaign, id=document))
            if "signatures" in register.tables and register.db.execute(
                    "SELECT 1 FROM signatures WHERE campaign = ? AND document = ? LIMIT 1",
                    (campaign, document)).fetchone() is not None:
                # Signed, it went out under that number (ban hành điện tử): a new document corrects it.
                raise RegisterError(_("không thể hủy số của '{id}': văn bản đã được ký số với số này; văn bản đã ký "
                                      "chỉ được sửa bằng một văn bản mới (đính chính hoặc thay thế)").format(
                    id=document))
            register.db.execute("INSERT INTO voided VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                (*row[:integrity.ROW_FIELDS], reason, today.isoformat()))
            register.db.execute("DELETE FROM issued WHERE campaign = ? AND document = ?", (campaign, document))
            register.db.execute("COMMIT")
        except BaseException:
            rollback(register.db)
            raise
    return Voided(entry_from_row(row), reason, today)

