"""The file system as a hostile place: every stage reads, writes and cleans through here.

- ``atomic_write``: readers see the old file or the new one, never half of it.
- ``read_regular``: a file is opened without blocking, checked to be a regular file and
  read up to a limit, so a FIFO, a link to /dev/zero or a directory named ``x.yaml`` is
  refused before a byte is read.
- ``own_folder``: a folder the tool writes into (and may clean) is made or checked
  without following a symbolic link, at every level below the folder the user named.
- ``private_folder``: a per-user folder (0700, owned by the caller) for what must not be
  shared with other local users, such as LibreOffice profiles; refused when it is not.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import PipelineError, relative
from pipeline.i18n import _

FILE_MODE = 0o644  # readable by the other users of a shared office machine (mkstemp makes 0600)


class NotRegularFile(PipelineError):
    """A path that should name a regular file names something else (a folder, a FIFO, a device…)."""

    def __init__(self, path: Path, kind: str):
        self.path, self.kind = path, kind
        super().__init__(_("{path} không phải tệp thường mà là {kind}").format(path=relative(path), kind=kind))


class FileTooLarge(PipelineError):
    """A file larger than what the stage reading it accepts."""

    def __init__(self, path: Path, size: int, limit: int):
        self.path, self.size, self.limit = path, size, limit
        super().__init__(_("{path}: tệp quá lớn: {size} byte, tối đa {limit} byte").format(
            path=relative(path), size=size, limit=limit))


class UnsafeFolder(PipelineError):
    """A folder the tool would write into (or clean) is a symbolic link or not a folder."""


def kind_of(mode: int) -> str:
    """Name what a file is, for a clerk: "một thư mục", "một ống FIFO", "một thiết bị"…"""
    if stat.S_ISDIR(mode):
        return _("một thư mục")
    if stat.S_ISFIFO(mode):
        return _("một ống FIFO")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("một thiết bị")
    if stat.S_ISSOCK(mode):
        return _("một socket")
    if stat.S_ISLNK(mode):
        return _("một liên kết tượng trưng")
    return _("một tệp đặc biệt")


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
    """Return the bytes of the regular file ``path``, refusing anything else or more than ``limit`` bytes.

    The file is opened with O_NONBLOCK (a FIFO would otherwise block the open), its type
    and size are taken from the open descriptor (no race with a rename), and at most
    ``limit`` + 1 bytes are read, so a file that grows meanwhile is still refused.
    Symbolic links are followed (what counts is what they lead to), unless ``follow`` is False:
    then a link is refused (OSError), as for a file the tool wrote itself.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, kind_of(st.st_mode))
        if st.st_size > limit:
            raise FileTooLarge(path, st.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_json(data: bytes | str, **options):
    """``json.loads``; JSON nested deeper than the parser goes (a planted file) is a ValueError like any other."""
    import json

    try:
        return json.loads(data, **options)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


MAX_JSON_BYTES = 256 * 1024 * 1024  # a manifest of 30,000 documents is 18 MB


def read_json_file(path: Path, limit: int = MAX_JSON_BYTES, follow: bool = True, **options):
    """Return the parsed JSON of the regular file ``path`` (``read_regular``: never a FIFO, a device or more
    than ``limit`` bytes; ``options`` as ``json.loads``'s). Raises OSError, PipelineError (not a regular file,
    too large) or ValueError."""
    return parse_json(read_regular(path, limit, follow), **options)


def regular_size(path: Path) -> int | None:
    """Return the size of ``path`` if it is a regular file (links followed), else None; never opens it."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def is_own_file(path: Path) -> bool:
    """Tell whether ``path`` itself (not what a link leads to) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def own_folder(folder: Path, base: Path, create: bool = True) -> Path:
    """Make (or check) ``folder`` below ``base`` so that no part of it below ``base`` is a symbolic link.

    ``base`` is the folder the user named (``output/``): it may itself be a link to another
    disk. Every level below it is checked with lstat; a link or a file where a folder
    should be is refused (UnsafeFolder), so nothing is written or cleaned through it.
    """
    folder = Path(folder)
    parts = folder.relative_to(base).parts
    if create:
        Path(base).mkdir(parents=True, exist_ok=True)  # the user's own path: links in it are the user's
    current = Path(base)
    for part in parts:
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            if not create:
                return folder
            try:
                os.mkdir(current)
            except FileExistsError:
                pass
            st = os.lstat(current)
        if stat.S_ISLNK(st.st_mode):
            raise UnsafeFolder(_("{path} là một liên kết tượng trưng; vanban không ghi hay xóa gì qua liên kết. "
                                 "Hãy xóa liên kết (rm {path}) rồi chạy lại.").format(path=relative(current)))
        if not stat.S_ISDIR(st.st_mode):
            raise UnsafeFolder(_("{path} phải là một thư mục, nhưng là {kind}; hãy đổi tên hoặc xóa nó rồi chạy lại.").format(
                path=relative(current), kind=kind_of(st.st_mode)))
    return folder


def private_folder(name: str) -> Path:
    """Return a folder only the caller can use: ``<tmp>/vanban-<uid>/<name>``, made 0700 and checked before use.

    A fixed path in /tmp could be made in advance by another local user (and hold, say, a
    LibreOffice profile whose macros would then run as the caller). The per-user folder is
    refused unless it is a real folder owned by the caller that no one else can write to.
    """
    top = Path(tempfile.gettempdir()) / f"vanban-{os.getuid()}"
    for folder in (top, top / name):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        st = os.lstat(folder)
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() \
                or st.st_mode & 0o077:
            raise UnsafeFolder(_("thư mục riêng {path} không an toàn (là liên kết, không thuộc người dùng này, "
                                 "hoặc người khác ghi được); vanban không dùng nó. Hãy xóa nó, hoặc đặt TMPDIR sang "
                                 "một thư mục riêng, rồi chạy lại.").format(path=folder))
    return top / name


@contextlib.contextmanager
def claimed_folders(name: str, count: int) -> Iterator[list[Path]]:
    """Claim up to ``count`` folders ``<private>/<name>-<n>`` that no other process holds; yield them.

    For LibreOffice profiles: each soffice needs a profile of its own (two sharing one hand
    their work to each other or fail on its lock), kept between runs (a warm profile starts
    faster), and private to the user (``private_folder``). A flock on ``<name>-<n>.lock``
    marks a profile in use; the kernel drops it when the process ends, however it ends.
    """
    base = private_folder(name)
    claimed: list[tuple[Path, int]] = []
    try:
        for n in range(256):
            if len(claimed) == count:
                break
            fd = os.open(base / f"{n}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            claimed.append((base / str(n), fd))
        yield [path for path, _fd in claimed]
    finally:
        for _path, fd in claimed:
            os.close(fd)  # closing releases the lock


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, nothing between.

    ``durable``: force the bytes to disk before the rename (else see ``sync_to_disk``).
    A symbolic link at ``path`` is replaced, never followed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise named(exc, path) from None


def holds(path: Path, data: bytes) -> bool:
    """Tell whether ``path`` itself is a regular file holding exactly ``data``.

    Read as ``read_regular`` reads (no link followed, no FIFO opened for ever), and never
    more than ``data`` and one byte: a larger file differs without being read whole.
    """
    try:
        return read_regular(path, len(data), follow=False) == data
    except (OSError, PipelineError):
        return False


def write_if_changed(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` atomically unless ``path`` already holds it (its time then stays); return True if written."""
    if holds(path, data):
        return False
    atomic_write(path, data, durable)
    return True


def named(exc: BaseException, path: Path) -> BaseException:
    """Return ``exc`` with the file it is about: a write on a full disk raises OSError(28) with no file name."""
    if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
        return type(exc)(exc.errno, exc.strerror, str(path))
    return exc


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _real(path: Path) -> str:
    """The path with every link resolved, for a file that may not exist yet (its folder is resolved)."""
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError):  # a loop of links
        return os.path.abspath(path)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_target(target: Path, output_dir: Path, protected: list[tuple[Path, str]], overwrite: bool) -> None:
    """Refuse to write ``target`` over something that is not the tool's to replace.

    ``protected``: (file or folder, what it is) never written: the register and its -wal and
    -shm files, the sources folder. A file that exists outside ``output_dir`` is replaced
    only with ``overwrite`` (an explicit --overwrite); what is not a regular file never is.
    """
    real = _real(target)
    for path, what in protected:
        if os.path.isdir(path) and _within(real, _real(path)):
            raise PipelineError(_("{target} nằm trong {what} {path}; vanban không ghi vào đó. Hãy chọn tệp khác, "
                                  "ví dụ trong {output}/.").format(target=target, what=what, path=path,
                                                                  output=output_dir))
        if real == _real(path) or (os.path.exists(target) and os.path.exists(path) and os.path.samefile(target, path)):
            raise PipelineError(_("{target} là {what} ({path}); vanban không bao giờ ghi đè lên đó. Hãy chọn tệp "
                                  "khác, ví dụ trong {output}/.").format(target=target, what=what, path=path,
                                                                        output=output_dir))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise PipelineError(_("không ghi được {target} ({reason})").format(target=target, reason=exc.strerror)) from None
    if not stat.S_ISREG(st.st_mode):
        raise PipelineError(_("{target} đã có và là {kind}; vanban không ghi lên đó. Hãy chọn tệp khác.").format(
            target=target, kind=kind_of(st.st_mode)))
    if not overwrite and not _within(real, _real(output_dir)):
        raise PipelineError(_("{target} đã có và nằm ngoài thư mục {output}/; vanban không ghi đè nếu không có "
                              "--overwrite.").format(target=target, output=output_dir))


def register_files(register: Path) -> list[tuple[Path, str]]:
    """The register and the files SQLite keeps beside it, each with what it is (for ``check_target``)."""
    return [(register, _("sổ đăng ký"))] + [(register.with_name(register.name + suffix), _("tệp đi kèm sổ đăng ký"))
                                             for suffix in ("-wal", "-shm", "-journal")]
