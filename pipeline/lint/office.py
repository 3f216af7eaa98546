"""Print DOCX files to PDF with LibreOffice, as a reader would print them, for the page checks.

LibreOffice keeps its settings in a profile folder that must not be shared by two running
processes (the second hands its work to the first, or fails on the lock) nor by two users
(anyone who can write a shared /tmp folder can plant files or symlinks in another's
profile). Each user gets one folder of their own, ``$TMPDIR/vanban-lo-<uid>``, created 0700
and used only when it is a real folder owned by that user and closed to others; in it,
profile ``<n>`` is claimed with a lock while a conversion runs, and kept for the next one
(a new profile costs LibreOffice seconds to set up). Anything else found at that path is
left alone and a throw-away profile is used instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.i18n import _

SLOTS = 32  # profiles a user may run at once
TIMEOUT_BASE, TIMEOUT_PER_FILE = 120, 20  # seconds


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PipelineError(_("không tìm thấy LibreOffice (lệnh soffice); hãy chạy scripts/install-system-deps.sh"))
    return found


def user_folder() -> Path | None:
    """Return this user's private folder for profiles, made 0700 if missing; None if unsafe."""
    folder = Path(tempfile.gettempdir()) / f"vanban-lo-{os.getuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = os.lstat(folder)  # never follow a symlink someone else left there
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


@contextlib.contextmanager
def private_profile() -> Iterator[Path]:
    """Yield a LibreOffice profile folder no other process is using, this user's own."""
    folder = user_folder()
    if folder is not None:
        for n in range(SLOTS):
            try:
                fd = os.open(folder / f"{n}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            try:
                yield folder / f"profile-{n}"
                return
            finally:
                os.close(fd)  # closing releases the lock
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as throwaway:  # made 0700 by mkdtemp
        yield Path(throwaway) / "profile"


def print_to_pdf(sources: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
    """Convert DOCX files to PDF in ``out_dir``, in one LibreOffice run; return source → PDF.

    A source LibreOffice could not convert is missing from the result. Sources are copied
    under numbered names first: two folders may hold files of the same name.
    """
    program = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = []
    for i, source in enumerate(sources):
        copy = out_dir / f"{i:05d}.docx"
        shutil.copyfile(source, copy)
        inputs.append(copy)
    with private_profile() as profile:
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, inputs)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait(timeout=TIMEOUT_BASE + TIMEOUT_PER_FILE * len(inputs))
        except subprocess.TimeoutExpired:
            pass
        finally:  # on a timeout or Ctrl-C, stop soffice (and soffice.bin) before the profile is released
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    made = {}
    for source, copy in zip(sources, inputs):
        pdf = copy.with_suffix(".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            made[source] = pdf
    return made
