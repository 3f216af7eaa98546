"""A check digest for every row of the register, written in the same transaction as the row.

A row edited outside vanban (its content hash, its date, its number) would otherwise make
the build blame the sources ("the text changed after it was signed"). Each row's fields
are hashed when it is written, into a table of their own (``row_check``, keyed by the
number: series, number, notation), so ``verify`` and the build can tell a damaged row
from an edited source. A voided number (``pipeline.register.void``) keeps its row's
check: voiding moves the row, it does not change it.

This is damage detection, not a signature: whoever edits the file can recompute a check.
Registers made before these checks get them the first time they are opened for writing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

CHECK_TABLE = "row_check"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {CHECK_TABLE} (
    series   TEXT NOT NULL,
    number   INTEGER NOT NULL,
    notation TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (series, number, notation)
);
"""
ROW_FIELDS = 14  # the columns of an ``issued`` row, in order (``voided`` rows start with the same)


def row_digest(row) -> str:
    """Return the check of one register row (its first ROW_FIELDS columns)."""
    text = json.dumps(list(row[:ROW_FIELDS]), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_check(db: sqlite3.Connection, row) -> None:
    """Write the check of ``row``; call inside the transaction that writes the row."""
    db.execute(f"INSERT OR REPLACE INTO {CHECK_TABLE} VALUES (?, ?, ?, ?)", (row[2], row[3], row[4], row_digest(row)))


def checks(db: sqlite3.Connection) -> dict[tuple, str]:
    """Return (series, number, notation) → recorded check; {} on a register that has none yet."""
    try:
        return {(s, n, t): sha for s, n, t, sha in db.execute(f"SELECT * FROM {CHECK_TABLE}")}
    except sqlite3.OperationalError:  # no table: a register from before the checks, opened read-only
        return {}


def check_of(db: sqlite3.Connection, row) -> dict[tuple, str]:
    """Return the recorded check of ``row``'s number alone, in the form of ``checks``."""
    found = db.execute(f"SELECT sha256 FROM {CHECK_TABLE} WHERE series = ? AND number = ? AND notation = ?",
                       (row[2], row[3], row[4])).fetchone()
    return {(row[2], row[3], row[4]): found[0]} if found else {}


def damaged(row, recorded: dict[tuple, str]) -> bool:
    """Tell whether ``row`` differs from the check recorded for its number (no check recorded: not damaged)."""
    check = recorded.get((row[2], row[3], row[4]))
    return check is not None and check != row_digest(row)


def add_missing_checks(db: sqlite3.Connection, tables: tuple[str, ...]) -> None:
    """Give every row of ``tables`` that has no check one (registers made before the checks); one transaction."""
    recorded = checks(db)
    rows = [row for table in tables for row in db.execute(f"SELECT * FROM {table}")
            if (row[2], row[3], row[4]) not in recorded]
    if not rows:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            db.execute(f"INSERT OR IGNORE INTO {CHECK_TABLE} VALUES (?, ?, ?, ?)",
                       (row[2], row[3], row[4], row_digest(row)))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
