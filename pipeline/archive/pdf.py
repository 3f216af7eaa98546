"""Convert the built DOCX files to PDF/A-2b with LibreOffice, in parallel batches.

PDF/A is the form kept in archives: fonts embedded, no external content.
Starting LibreOffice costs far more than converting one document, so each
core gets one ``soffice`` process converting a whole batch in one call; each
process has its own private profile, since two processes sharing one would
hand their work to each other or fail on its lock. Within a batch, documents
of one kind are joined sixteen at a time into one DOCX (``join``) and the PDF
made of it cut back into one PDF per document (``split``): LibreOffice spends
more on opening a document than on laying out its pages. Each PDF's printed pages are
checked (``lint.printed``) as soon as its soffice has finished it, in groups, by
checker processes beside the conversions. A PDF is made again only
when its DOCX changed (``pdf/sources.json`` keeps the DOCX sha256 it was made
from), so repeated runs, and the archives built from them, stay the same.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pipeline.archive.join import Member, join, read_member
from pipeline.archive.split import SplitError, split
from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError, relative
from pipeline.files import atomic_write, claimed_folders, is_own_file, own_folder, read_json_file
from pipeline.i18n import _
from pipeline.lint.linter import Violation
from pipeline.lint.printed import check_pdfs, printed_lines_in
from pipeline.lint.session import Session
from pipeline.processes import start_worker

# JSON filter options need LibreOffice 7.4 or later; SelectPdfVersion 2 is PDF/A-2b.
PDFA_FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
               '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
GROUP = 16  # documents joined into one DOCX (join.py): 45 → 14 CPU-ms a document in LibreOffice
PDF_DIR = "pdf"
STAMP = "sources.json"
CHECK_GROUP = 16  # PDFs read by one pdfunite + pdftotext (printed.printed_lines_of): fewer starts, short waits
POLL = 0.05  # seconds between looks at what soffice has finished
PROFILES = "libreoffice-pdf"  # <private folder>/libreoffice-pdf/<n>: one profile per soffice, the user's own


@dataclass(frozen=True)
class Job:
    source: Path  # output/<campaign>/<id>.docx
    target: Path  # output/<campaign>/pdf/<id>.pdf
    sha256: str  # of the source, as the manifest records it


@dataclass(frozen=True)
class PdfReport:
    converted: int
    up_to_date: int
    seconds: float
    warnings: tuple[str, ...] = ()  # files in pdf/ this tool did not make, left alone
    page_faults: tuple[Violation, ...] = ()  # the printed-page check of each PDF made (lint/printed.py)

    def message(self) -> str:
        from pipeline.build.progress import (
            format_seconds,  # numbers as the build prints them (0,84 in Vietnamese)
        )

        rate = self.converted / self.seconds if self.converted and self.seconds else 0
        return _("Đã chuyển {n} tệp sang PDF/A trong {s} giây ({rate} văn bản/giây); {m} tệp không đổi.").format(
            n=self.converted, s=format_seconds(self.seconds), rate=format_seconds(rate), m=self.up_to_date)


def pdf_path(campaign_dir: Path, doc_id: str) -> Path:
    return campaign_dir / PDF_DIR / f"{doc_id}.pdf"


def plan(campaign_dirs: list[Path], force: bool = False) -> tuple[list[Job], int]:
    """Return the conversions needed and the number of PDFs already up to date."""
    jobs, fresh = [], 0
    for campaign_dir in campaign_dirs:
        manifest = read_json_file(campaign_dir / MANIFEST)
        stamp = _read_stamp(campaign_dir)
        for doc in manifest["documents"]:
            job = Job(campaign_dir / doc["file"], pdf_path(campaign_dir, doc["id"]), doc["sha256"])
            if not force and job.target.exists() and stamp.get(doc["id"]) == job.sha256:
                fresh += 1
            else:
                jobs.append(job)
    return jobs, fresh


def convert_campaigns(campaign_dirs: list[Path], jobs_count: int | None = None, force: bool = False,
                      register_path: Path | None = None) -> PdfReport:
    """Make every PDF of the given campaign folders up to date; drop PDFs no DOCX owns any more.

    With ``register_path``, the register records the PDF of each issued document (``verify``
    then compares the file with that record, not only with files beside it).
    """
    started = time.monotonic()
    for campaign_dir in campaign_dirs:  # written into: never through a symbolic link
        own_folder(campaign_dir / PDF_DIR, campaign_dir.parent)
    jobs, fresh = plan(campaign_dirs, force)
    processes = jobs_count or os.cpu_count() or 1
    # Every PDF made is checked on its pages (while the others are made); one that fails is not
    # stamped as done, so it is made and checked again next time.
    faults = convert_and_check(jobs, processes) if jobs else {}
    warnings: list[str] = []
    for campaign_dir in campaign_dirs:
        mine = [j for j in jobs if j.target.parent.parent == campaign_dir]
        warnings += _write_stamp(campaign_dir, [j for j in mine if not faults[j]],
                                 {j.target.stem for j in mine if faults[j]})
    if register_path is not None and register_path.exists():
        _record_issued_pdfs(campaign_dirs, register_path)  # stamped ones only: a PDF with page faults is made again
    return PdfReport(len(jobs), fresh, time.monotonic() - started, tuple(warnings),
                     tuple(v for j in jobs for v in faults[j]))


def pdf_made_from(campaign_dir: Path, doc_id: str) -> str | None:
    """Return the sha256 of the DOCX the document's PDF was made from, or None."""
    return _read_stamp(campaign_dir).get(doc_id) or None


def _record_issued_pdfs(campaign_dirs: list[Path], register_path: Path) -> None:
    from pipeline.register.store import Register, record_files

    rows = []
    for campaign_dir in campaign_dirs:
        manifest = read_json_file(campaign_dir / MANIFEST)
        stamp = _read_stamp(campaign_dir)
        for doc in manifest["documents"]:
            target = pdf_path(campaign_dir, doc["id"])
            if doc["number"] is not None and stamp.get(doc["id"]) == doc["sha256"] and is_own_file(target):
                rows.append((manifest["campaign"], doc["id"], "pdf", hashlib.sha256(target.read_bytes()).hexdigest()))
    with Register(register_path, create=False, write=True) as register:
        record_files(register, rows)


def convert(jobs: list[Job], processes: int, group: int | None = None) -> None:
    """Convert all jobs with up to ``processes`` soffice processes at once, one batch each.

    ``group``: documents joined into one conversion at most (1: each converted alone); GROUP by default.
    """
    _convert(jobs, processes, lambda made, joined=None: None, group)


def convert_and_check(jobs: list[Job], processes: int) -> dict[Job, list[Violation]]:
    """Convert all jobs (as ``convert``) and check each PDF's pages while the others are made.

    A PDF is checked as soon as LibreOffice has finished it, in groups (``printed.check_pdfs``
    reads a group with two poppler processes, not one a PDF), by up to ``processes`` checker
    processes; so the checks run beside the conversions instead of after them all.
    """
    if len(jobs) < 2 or processes < 2:
        faults: dict[Job, list[Violation]] = {}
        _convert(jobs, processes, lambda made, joined=None: faults.update(zip(made, _check_group(made))))
        return faults
    pending: list[Job] = []
    futures = []
    try:
        with tempfile.TemporaryDirectory(prefix="vanban-check-") as scratch, \
                concurrent.futures.ProcessPoolExecutor(processes, initializer=start_worker,
                                                       initargs=(os.getpid(),)) as pool:  # workers die with vanban pdf
            def made(done: list[Job], joined: Joined | None = None, last: bool = False) -> None:
                if joined is not None:  # read as LibreOffice made it, not its pieces joined again
                    path = Path(scratch) / f"{len(futures):05d}.pdf"
                    path.write_bytes(joined.pdf)
                    futures.append((done, pool.submit(_check_joined, done, path, joined.pages)))
                    return
                pending.extend(done)
                while len(pending) >= CHECK_GROUP or (last and pending):
                    group = pending[:CHECK_GROUP] if not last else pending[:max(1, -(-len(pending) // processes))]
                    del pending[:len(group)]
                    futures.append((group, pool.submit(_check_group, group)))

            _convert(jobs, processes, made)
            made([], last=True)
            return {job: found for group, future in futures for job, found in zip(group, future.result())}
    except BrokenProcessPool:  # a checker killed (out of memory, or from outside): said, never a traceback
        raise PipelineError(_("một tiến trình kiểm tra trang in đã dừng đột ngột (hết bộ nhớ, hoặc bị dừng từ bên "
                              "ngoài); các tệp PDF chưa kiểm tra sẽ được tạo và kiểm tra lại. Hãy chạy lại "
                              "vanban pdf.")) from None


def _convert(jobs: list[Job], processes: int, made: Callable[..., None], group: int | None = None) -> None:
    """Make every job's PDF; hand ``made`` each list of jobs whose PDF has just been written to its target
    (and, for the documents of a group, the ``Joined`` PDF they were cut from).

    Documents are converted in groups (``join``, ``split``); whatever is missing after that (a
    group that does not split, a document LibreOffice could not convert, or never reached before
    its soffice was stopped) is converted again one document at a time, and a document missing
    then is said to have failed (one that soffice never reached in that second round, because one
    before it hung, too: it is named, and the next run tries it again).

    ``made(jobs, joined=None)``: ``joined`` the ``Joined`` PDF a group's documents were cut from.
    """
    again = _round(jobs, processes, made, GROUP if group is None else group)
    failed = [job.source for job in _round(again, processes, made, 1)] if again else []
    if failed:
        names = ", ".join(str(p) for p in failed)
        raise PipelineError(_("LibreOffice không chuyển được {n} tệp sang PDF: {names}").format(n=len(failed), names=names))


def _round(jobs: list[Job], processes: int, made: Callable[..., None], group: int) -> list[Job]:
    """Run the soffice batches; return the jobs whose PDF was not made.

    LibreOffice converts a batch's files one after another in the order given, so once a
    file's PDF appears, the PDFs before it are whole; when soffice has ended, all are (when
    it was stopped, only those).
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PipelineError(_("không tìm thấy LibreOffice (lệnh soffice); hãy chạy scripts/install-system-deps.sh"))
    missing: list[Job] = []
    with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as work, \
            claimed_folders(PROFILES, min(processes, len(jobs))) as profiles:
        if not profiles:
            raise PipelineError(_("mọi hồ sơ LibreOffice của vanban đang được dùng; hãy thử lại sau"))
        batches = [jobs[i::len(profiles)] for i in range(len(profiles))]
        running: list[_Batch] = []
        try:
            for profile, batch in zip(profiles, batches):
                running.append(_start(soffice, profile, Path(work) / profile.name, batch, group))
            while any(b.next < len(b.units) for b in running):
                now = time.monotonic()
                for b in running:
                    ended, stopped = b.process.poll() is not None, False
                    if not ended and now > b.deadline:
                        os.killpg(b.process.pid, signal.SIGKILL)
                        b.process.wait()
                        ended = stopped = True
                    whole = len(b.units) if ended and not stopped else b.appeared()
                    done = []
                    for i in range(b.next, len(b.units) if ended else whole):
                        pdf, unit = b.out / f"{i:05d}.pdf", b.units[i]
                        dealt = i < whole and pdf.exists() and pdf.stat().st_size > 0 and _deal(pdf, unit)
                        if isinstance(dealt, Joined):
                            made(list(unit.jobs), dealt)
                        elif dealt:
                            done += unit.jobs
                        else:  # the last PDF of a stopped soffice may be cut short: made again too
                            missing += unit.jobs
                    b.next = len(b.units) if ended else max(b.next, whole)
                    if done:
                        made(done)
                time.sleep(POLL)
        finally:  # on a timeout, an error or Ctrl-C, stop every soffice before its profile is released
            for b in running:
                if b.process.poll() is None:
                    os.killpg(b.process.pid, signal.SIGKILL)
                    b.process.wait()
                b.log.close()
    return missing


@dataclass(frozen=True)
class Joined:
    """The PDF LibreOffice made of a group (``join``), and the pages of each document in it."""

    pdf: bytes
    pages: tuple[int, ...]


@dataclass(frozen=True)
class _Unit:
    """What one input file of a batch makes: one job's PDF, or a group's (``members``, joined)."""

    jobs: tuple[Job, ...]
    members: tuple[Member, ...] = ()


def _units(batch: list[Job], group: int) -> list[_Unit]:
    """The batch's jobs in order, consecutive members of one kind joined, up to ``group`` at a time."""
    units: list[_Unit] = []
    pending: list[tuple[Job, Member]] = []

    def flush() -> None:
        if len(pending) == 1:
            units.append(_Unit((pending[0][0],)))
        elif pending:
            units.append(_Unit(tuple(j for j, _m in pending), tuple(m for _j, m in pending)))
        pending.clear()

    for job in batch:
        member = read_member(job.source) if group > 1 else None
        if member is None:
            flush()
            units.append(_Unit((job,)))
            continue
        if pending and (pending[0][1].kind != member.kind or len(pending) == group):
            flush()
        pending.append((job, member))
    flush()
    return units


def _deal(pdf: Path, unit: _Unit) -> Joined | bool:
    """Write the unit's PDF, or its documents' PDFs cut from it, to the jobs' targets.

    Returns what a group was cut from (``Joined``), True for one document, False when it does not split.
    """
    data = pdf.read_bytes()
    if not unit.members:
        atomic_write(unit.jobs[0].target, data)
        return True
    try:
        pieces = split(data, [(m.title, m.author) for m in unit.members])
    except SplitError:
        return False
    for job, (piece, _pages) in zip(unit.jobs, pieces):
        atomic_write(job.target, piece)
    return Joined(data, tuple(pages for _piece, pages in pieces))


@dataclass
class _Batch:
    """One soffice converting its units' input files into ``out``; ``next``: the first unit not yet handed on."""

    process: subprocess.Popen
    log: object
    out: Path
    units: list[_Unit]
    deadline: float
    next: int = 0
    seen: int = 0  # files seen in ``out`` so far

    def appeared(self) -> int:
        """The number of leading PDFs known whole: those before the last one to appear."""
        names = {e.name for e in os.scandir(self.out)}
        while self.seen < len(self.units) and f"{self.seen:05d}.pdf" in names:
            self.seen += 1
        later = [i for i in range(self.seen, len(self.units)) if f"{i:05d}.pdf" in names]  # after a failed one
        return max([self.seen - 1, *later]) if self.seen or later else 0


def _start(soffice: str, profile: Path, folder: Path, batch: list[Job], group: int) -> _Batch:
    (folder / "out").mkdir(parents=True)
    units = _units(batch, group)
    inputs = []
    for i, unit in enumerate(units):  # numbered files: two campaigns may hold the same document id
        source = folder / f"{i:05d}.docx"
        if unit.members:
            source.write_bytes(join(unit.members))
        else:
            shutil.copyfile(unit.jobs[0].source, source)
        inputs.append(str(source))
    # The marks join() puts at each document's start are exported as named destinations, which
    # split() reads; a document converted alone has none (vanban's bodies hold no bookmark).
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", PDFA_FILTER, "--outdir", str(folder / "out"), *inputs]
    log = (folder / "log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env=_soffice_env(), start_new_session=True)  # its own group: a timeout ends soffice.bin too
    return _Batch(process, log, folder / "out", units, time.monotonic() + 120 + 20 * len(batch))


def _soffice_env() -> dict[str, str]:
    # Speed: starting, soffice allocates and frees large blocks over and over; glibc gives the
    # top of the heap back to the kernel each time and the pages are faulted in again (about
    # 290,000 page faults, 0.4 s of CPU a start here). Keeping 256 MB of free heap halves the
    # start; what is converted is the same (memory kept, not content changed).
    return {**os.environ, "MALLOC_TOP_PAD_": str(256 * 1024 * 1024)}


def _check_group(jobs: list[Job], lines: list | None = None) -> list[list[Violation]]:
    """The printed-page check of each job's PDF (``lines``: its printed lines, read already)."""
    return check_pdfs([(job.source, job.target, relative(job.source)) for job in jobs], _session(), lines)


def _check_joined(jobs: list[Job], joined: Path, pages: tuple[int, ...]) -> list[list[Violation]]:
    """``_check_group`` of a group's documents, read from the PDF they were cut from (the same page objects).

    The PDF is this check's (written for it in the scratch folder): removed once read, so that what
    waits to be checked, not every group of the run, is what the folder holds.
    """
    try:
        data = joined.read_bytes()
    finally:
        joined.unlink(missing_ok=True)
    return _check_group(jobs, printed_lines_in(data, pages))  # None: each PDF read as it was cut


@functools.cache
def _session() -> Session:
    """One a process: a checker reads many documents of one template."""
    return Session()


def _read_stamp(campaign_dir: Path) -> dict[str, str]:
    path = campaign_dir / PDF_DIR / STAMP
    try:
        return read_json_file(path, follow=False)
    except (OSError, ValueError, PipelineError):
        return {}


def _write_stamp(campaign_dir: Path, done: list[Job], unchecked: set[str] = frozenset()) -> list[str]:
    """Record what each PDF was made from; remove the PDFs this tool made whose document is gone.

    ``unchecked``: documents whose PDF failed the page check: still recorded as made here
    (so this tool may remove it later), but with no source, so never taken as up to date.
    Only a PDF the stamp records (made here) is removed; any other file in pdf/ is reported
    and left alone. Returns the warnings.
    """
    manifest = read_json_file(campaign_dir / MANIFEST)
    ids = {d["id"]: d["sha256"] for d in manifest["documents"]}
    recorded = _read_stamp(campaign_dir)
    stamp = {k: v for k, v in recorded.items() if k in ids}
    stamp.update({stem: "" for stem in unchecked})
    stamp.update({j.target.stem: j.sha256 for j in done})
    folder = campaign_dir / PDF_DIR
    warnings = []
    for pdf in sorted(folder.glob("*.pdf")):
        if pdf.stem in ids:
            continue
        if pdf.stem in recorded and is_own_file(pdf):
            pdf.unlink()
        else:
            warnings.append(_("Cảnh báo: {path} không do vanban pdf tạo; vanban để nguyên tệp này.").format(path=pdf))
    if folder.exists():
        atomic_write(folder / STAMP, (json.dumps(dict(sorted(stamp.items())), indent=2) + "\n").encode("utf-8"))
    return warnings


def campaign_dirs(output_dir: Path) -> list[Path]:
    dirs = sorted(p.parent for p in output_dir.glob(f"*/{MANIFEST}"))
    if not dirs:
        raise PipelineError(_("không có manifest nào trong {path}; hãy chạy vanban build trước").format(path=output_dir))
    return dirs
