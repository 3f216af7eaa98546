"""One build at a time in an output folder: a lock file ``<output>/.vanban.lock`` held with flock.

``vanban build`` holds it exclusively; ``vanban issue`` holds it shared, so any
number of issues run together (the register orders them) but never while a
build reads the register and writes documents, which would leave a build that
shows as a draft a document issued meanwhile. A process that finds the lock
taken tries again for up to ``VANBAN_LOCK_WAIT`` seconds (30 by default), then
says who holds it and stops with status 1; it never breaks the lock.

The kernel drops a flock when its process ends, however it ends: a build killed
with SIGKILL leaves no lock behind, at most the lock file itself and the
temporary files it was writing (``.<name>.<random>.tmp``, see write.atomic_write).
The next command holding the lock exclusively (so nothing else can be writing
them) removes those temporaries as it takes the lock; a build takes only output/'s own
there and removes the campaign folders' as its survey reads each folder, before it
writes anything (``survey.Survey``: a campaign folder holds one DOCX per document, and
reading it again here cost 60 ms at 100k). A clean exit removes the lock file, and the output
folder too if this run created it and left nothing in it (a build refused by
``check`` writes nothing at all).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from pipeline.build.write import campaign_folders, recover
from pipeline.errors import PipelineError, relative
from pipeline.files import kind_of, named
from pipeline.i18n import _

LOCK_NAME = ".vanban.lock"
WAIT_ENV = "VANBAN_LOCK_WAIT"
DEFAULT_WAIT = 30.0
POLL_SECONDS = 0.05
NOTICE_AFTER = 1.0  # say that we are waiting once it is more than a blink
# What a killed build leaves half-written beside the files it writes: ".<file>.<random or pid>.tmp"
# (write.atomic_write for documents and manifests, cache.write_atomic for the build's records).
STALE_TEMPORARY = re.compile(r"^\.(?:.+\.docx|manifest\.json|\.vanban-(?:stamp|cache)\.json)\.[A-Za-z0-9_]+\.tmp$")


def lock_wait() -> float:
    """Return how long to wait for the lock: $VANBAN_LOCK_WAIT seconds, 30 by default."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def output_lock(folder: Path, shared: bool = False, wait: float | None = None,
                campaigns: bool = True) -> Iterator[Path]:
    """Hold the lock of ``folder`` (exclusive for a build, ``shared`` for issue) for the ``with`` block.

    ``campaigns`` False: the stale temporaries of the campaign folders are left to the caller, a
    build, which removes them before it writes anything (``survey.Survey``); those of ``folder`` go here.
    """
    path = folder / LOCK_NAME
    created = not folder.exists()
    fd = _acquire(folder, path, shared, lock_wait() if wait is None else wait)
    if fd is None:  # an issue where no output folder can be made: no build can run there either
        yield path
        return
    try:
        if not shared:
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            except OSError as exc:  # a full disk: said with the file's name
                raise named(exc, path) from None
            remove_stale_temporaries(folder, campaigns)
            recover(folder)  # a killed build's stage: finished if it was committed, dropped if not
        yield path
    finally:
        _release(fd, folder, path, shared, created)


def _acquire(folder: Path, path: Path, shared: bool, wait: float) -> int | None:
    deadline = time.monotonic() + wait
    noticed = False
    started = time.monotonic()
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # O_NOFOLLOW: a link planted at the lock's name would have the build truncate and
            # write its PID into whatever the link leads to.
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except FileNotFoundError:  # the folder was removed by the holder we waited for: start again
            if time.monotonic() < deadline + 1:
                continue
            raise PipelineError(_("không tạo được tệp khóa {path} ({reason})").format(
                path=relative(path), reason=os.strerror(2))) from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise PipelineError(_not_a_lock_file(path, _("một liên kết tượng trưng"))) from None
            if exc.errno == errno.EISDIR:
                raise PipelineError(_not_a_lock_file(path, _("một thư mục"))) from None
            if shared:
                return None
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT):
                raise  # said by the command as every read-only folder or full disk is (cli.system_error_message)
            raise PipelineError(_("không tạo được tệp khóa {path} ({reason})").format(
                path=relative(path), reason=exc.strerror)) from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise PipelineError(_not_a_lock_file(path, kind_of(mode)))
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            now = time.monotonic()
            if now >= deadline:
                raise PipelineError(_busy_message(folder, path, shared)) from None
            if not noticed and now - started >= NOTICE_AFTER:
                click.echo(_("Đang chờ: {message}").format(message=_busy_message(folder, path, shared)), err=True)
                noticed = True
            time.sleep(min(POLL_SECONDS, max(0.0, deadline - now)))
            continue
        # The holder we waited for removes the file as it leaves: a lock on a removed file locks nothing.
        try:
            current = os.stat(path)
            held = os.fstat(fd)
            same = (current.st_ino, current.st_dev) == (held.st_ino, held.st_dev)
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _not_a_lock_file(path: Path, kind: str) -> str:
    return _("{path} là {kind}, không phải tệp khóa của vanban; vanban không mở nó (nó sẽ ghi vào nơi khác). "
             "Hãy xóa nó (rm {path}) rồi chạy lại.").format(path=relative(path), kind=kind)


def _release(fd: int, folder: Path, path: Path, shared: bool, created: bool) -> None:
    try:
        if shared:  # other issues may hold it too: remove the file only when alone
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        if created:
            with contextlib.suppress(OSError):  # not empty: the build wrote its documents
                folder.rmdir()
    finally:
        os.close(fd)


def _busy_message(folder: Path, path: Path, shared: bool) -> str:
    """Say who holds ``folder``: issues (shared holders only) or a build (its PID, from the lock file)."""
    shown = relative(folder).rstrip("/") + "/"
    if not shared and _only_shared_holders(path):
        return _("Đang cấp số văn bản (vanban issue) trong {folder}; hãy chờ xong rồi chạy lại.").format(folder=shown)
    # An exclusive holder is a build, or the workers of a build killed a moment ago (they inherited its
    # lock and finish their share): either way the PID is the build's.
    return _("Một lần tạo văn bản khác đang chạy trong {folder} (PID {pid}); hãy chờ nó xong.").format(
        folder=shown, pid=_recorded_pid(path) or "?")


def _only_shared_holders(path: Path) -> bool:
    """Return True when a shared lock can be had at once: whoever holds the file holds it shared."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def _recorded_pid(path: Path) -> int | None:
    """Return the PID the last build wrote into the lock file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            pid = int(os.read(fd, 32).decode("ascii").strip() or 0)
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 else None


def remove_stale_in(folder_fd: int, names: Iterable[str]) -> list[str]:
    """Remove, of ``names`` in the folder open as ``folder_fd``, what killed builds left half-written; return them.

    Only names of ``STALE_TEMPORARY`` that are regular files themselves, never a link (looked at
    and removed through the folder's descriptor: never through a link put in the folder's place
    meanwhile). Call only under the exclusive lock and before this build writes in the folder.
    """
    removed = []
    for name in names:
        if not STALE_TEMPORARY.match(name):
            continue
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_mode):
                os.unlink(name, dir_fd=folder_fd)
                removed.append(name)
    return removed


def remove_stale_in_folder(folder: Path, follow: bool = False) -> list[Path]:
    """Remove what killed builds left half-written in ``folder`` itself (``remove_stale_in``); return it.

    ``follow``: ``folder`` may be a link (output/, named by the user); a campaign's folder never is.
    Speed: a campaign folder holds one DOCX per document (25,000 at 100k); the names are read
    with scandir and only the few hidden ones looked at (pathlib's glob took 21 ms against 14).
    """
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW))
    except OSError:
        return []
    try:
        try:
            with os.scandir(fd) as entries:
                names = [e.name for e in entries if e.name[:1] == "." and e.name.endswith(".tmp")]
        except OSError:
            return []
        return [folder / name for name in remove_stale_in(fd, names)]
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, campaigns: bool = True) -> list[Path]:
    """Remove what killed builds left half-written in ``folder`` and (``campaigns``) its campaigns; call only under
    the lock. The campaigns' folders themselves, never a link to a folder elsewhere."""
    removed = remove_stale_in_folder(folder, follow=True)
    for campaign_dir in campaign_folders(folder) if campaigns else ():
        removed += remove_stale_in_folder(campaign_dir)
    return removed
