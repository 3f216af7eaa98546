"""Copy the register (sổ đăng ký) while others use it: ``vanban backup -o FILE``.

Copying the SQLite file with ``cp`` while a ``vanban issue`` writes can catch
half a transaction, and misses what still sits in the ``-wal`` file. SQLite's
online backup (``Connection.backup``) copies every page inside one read
transaction: the copy is the register exactly as it was at one instant, and
issuing goes on meanwhile (WAL readers do not block writers). The copy is a
single self-contained file (rollback journal, not WAL), checked with
``PRAGMA integrity_check`` before it replaces FILE, so a backup stopped
midway leaves FILE as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError, RegisterError
from pipeline.files import FILE_MODE, check_target, register_files
from pipeline.i18n import _
from pipeline.register.store import SQLITE_CORRUPT, SQLITE_NOTADB, register_failure


@dataclass(frozen=True)
class BackupResult:
    path: Path
    entries: int


def backup_register(source: Path, target: Path, data_dir: Path | None = None, output_dir: Path = Path("output"),
                    overwrite: bool = False) -> BackupResult:
    """Write a consistent copy of the register ``source`` to ``target``; return it and its row count.

    Never over the register (or its -wal, -shm) or a source file; over another file outside
    ``output_dir`` only with ``overwrite``.
    """
    if not source.is_file():
        raise RegisterError(_("không có sổ đăng ký {path} để sao lưu").format(path=source))
    if target.exists() and target.resolve() == source.resolve():
        raise PipelineError(_("tệp sao lưu {path} chính là sổ đăng ký; hãy chọn tệp khác").format(path=target))
    sources = [] if data_dir is None else [(p, _("tệp nguồn")) for p in data_dir.rglob("*.yaml")]
    check_target(target, output_dir, [*register_files(source), *sources], overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Made exclusively (mkstemp, O_EXCL): a link planted at a name known in advance would be followed.
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.fchmod(fd, FILE_MODE)  # as SQLite would have made it
    os.close(fd)
    tmp = Path(name)
    try:
        src = sqlite3.connect(str(source), timeout=60)
        try:
            src.execute("PRAGMA busy_timeout = 60000")
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)  # all pages in one step: one read transaction, one instant
                dst.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
                checked = dst.execute("PRAGMA integrity_check").fetchone()[0]
                if checked != "ok":
                    raise RegisterError(_("bản sao sổ đăng ký bị lỗi ({detail}); chưa ghi {path}").format(
                        detail=checked, path=target))
                entries = _count(dst)
            finally:
                dst.close()
        finally:
            src.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise register_failure(source, exc) from None
        raise RegisterError(_("không sao lưu được sổ đăng ký {path}: {reason}").format(path=source, reason=exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return BackupResult(target, entries)


def _count(db: sqlite3.Connection) -> int:
    try:
        return db.execute("SELECT COUNT(*) FROM issued").fetchone()[0]
    except sqlite3.OperationalError:  # a register no build or issue has written to yet
        return 0
