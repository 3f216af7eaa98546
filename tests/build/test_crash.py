"""Crash safety: real ``vanban build`` and ``vanban issue`` processes killed with SIGKILL at many points.

A build writes each file under a temporary name (".<name>.<random>.tmp") and renames it into
place, the manifest last; ``vanban issue`` records a number in one SQLite transaction. So after
a kill at any instant:

- every DOCX in output/ is a complete package (its zip reads back, its XML parses), and is the
  document of the sources before or after the change, never a mix;
- a manifest is absent or complete (valid JSON, byte for byte the manifest of one of the two);
- temporary files may remain, but no command takes them for documents, and the next build
  (under the output lock, see pipeline/build/lock.py) removes them;
- the next build and ``vanban verify`` succeed;
- the register holds whole rows only, and each numbering series runs on without gap or repeat.

Builds are killed at times spread over a whole run, half of them with their worker processes
(the process group), half alone (the workers, orphaned, finish their chunk: the output lock they
inherited keeps the next build out until they are gone).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hostile.bigdata import districts, set_variant, with_letters
from hostile.runner import command, environment
from lxml import etree

from pipeline.archive.verify import series_problems
from pipeline.register.store import Register

DISTRICTS = 110  # the district plan fans out to 112 documents: a build of about a second
FIRST_BUILD_KILLS = 3  # into an empty output folder
REBUILD_KILLS = 19  # while every district plan changes
CHECK_EVERY = 5  # after every 5th kill, the next build runs to its end, then verify
ISSUE_ROUNDS, ISSUERS = 6, 4
ENV = environment(VANBAN_LOCK_WAIT="20")
TEMPORARY = re.compile(r"^\..+\.tmp$")


@dataclass(frozen=True)
class Reference:
    """What a complete build of one variant leaves: each DOCX's sha256 and the manifest's bytes."""

    docs: dict
    manifest: bytes


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(work: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=work, env=ENV, capture_output=True, text=True, timeout=timeout)


def complete_build(work: Path) -> Reference:
    result = run(work, "build")
    assert result.returncode == 0, result.stderr
    out = work / "out"
    return Reference({p.name: sha256(p) for p in (out / "mau").glob("*.docx")}, (out / "mau" / "manifest.json").read_bytes())


def start(work: Path, *args: str) -> subprocess.Popen:
    """Start ``vanban ARGS`` in a process group of its own (its workers join it); remember when."""
    log = work / f"stderr-{time.monotonic_ns()}.txt"
    with log.open("wb") as err:
        process = subprocess.Popen(command(*args), cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=err,
                                   start_new_session=True)
    process.started, process.log = time.monotonic(), log  # type: ignore[attr-defined]
    return process


def kill_at(process: subprocess.Popen, seconds: float, whole_group: bool) -> bool:
    """SIGKILL ``process`` (and its workers) ``seconds`` after it started; return True if it was still running."""
    deadline = process.started + seconds  # type: ignore[attr-defined]
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.002)
    alive = process.poll() is None
    if alive:
        (os.killpg if whole_group else os.kill)(process.pid, signal.SIGKILL)
    process.wait()
    wait_until_gone(process.pid)
    if not alive:  # it ended before its time: then it must have succeeded
        assert process.returncode == 0, process.log.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    return alive


def kill_build(work: Path, at: float, whole_group: bool, reset) -> bool:
    """Start a build and kill it ``at`` seconds in; a build that ended sooner (a busy machine runs
    faster or slower than the first measure) is reset with ``reset()`` and tried again, sooner."""
    for _attempt in range(4):
        if kill_at(start(work, "build"), at, whole_group):
            return True
        reset()
        at *= 0.6
    return False


def running_in_group(group: int) -> list[int]:
    """Return the processes of ``group`` still running (a zombie has closed its files: it is done)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != "Z":
            alive.append(int(stat.parent.name))
    return alive


def wait_until_gone(group: int, timeout: float = 30) -> None:
    """Wait for every process of the group (orphaned workers too) to end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running_in_group(group):
            return
        time.sleep(0.01)
    raise AssertionError(f"processes of group {group} still running {timeout} s after the kill")


@dataclass
class Seen:
    documents: int = 0
    temporaries: int = 0
    manifests: int = 0
    behind: int = 0  # documents newer than the manifest: only while a committed stage is being moved in


def inspect(out: Path, references: list[Reference], seen: Seen, manifests: set | None = None) -> None:
    """Check what a kill left in ``out`` against the complete builds it must be made of.

    ``manifests``: the manifests a kill may leave (by default those of ``references``).
    """
    campaign = out / "mau"
    for path in sorted(campaign.glob("*.docx")) if campaign.is_dir() else []:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None, path.name
            etree.fromstring(zf.read("word/document.xml"))
        assert sha256(path) in {r.docs.get(path.name) for r in references}, f"{path.name} is neither old nor new"
        seen.documents += 1
    temporaries = [p for p in out.rglob("*") if TEMPORARY.match(p.name)]
    seen.temporaries += len(temporaries)
    assert not any(p.name.endswith(".docx") for p in temporaries)  # never taken for a document by a glob
    manifest = campaign / "manifest.json"
    if manifest.exists():
        data = manifest.read_bytes()
        assert data in (manifests or {r.manifest for r in references}), "a manifest neither old nor new"
        listed = json.loads(data)["documents"]
        seen.manifests += 1
        seen.behind += sum(1 for d in listed if (campaign / d["file"]).exists() and sha256(campaign / d["file"]) != d["sha256"])
    stamp = out / ".vanban-stamp.json"
    if stamp.exists():
        json.loads(stamp.read_text(encoding="utf-8"))


def assert_clean_and_verified(work: Path, reference: Reference) -> None:
    """The build that just ran to its end left exactly ``reference``, nothing half-done, and verify agrees."""
    out = work / "out"
    assert [p.name for p in out.rglob("*") if TEMPORARY.match(p.name)] == []
    assert not (out / ".vanban.lock").exists()
    assert {p.name: sha256(p) for p in (out / "mau").glob("*.docx")} == reference.docs
    assert (out / "mau" / "manifest.json").read_bytes() == reference.manifest
    verify = run(work, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def spread(total: float, n: int) -> list[float]:
    """``n`` kill times spread over a run of ``total`` seconds, from its first moments to its last."""
    return [total * (0.03 + 0.87 * i / (n - 1)) for i in range(n)]


def test_builds_killed_at_many_points_leave_whole_files_and_the_next_build_completes(tmp_path, record_property):
    work = tmp_path
    districts(work / "data", DISTRICTS, "A")
    reference_work = tmp_path / "reference"
    reference_work.mkdir()
    districts(reference_work / "data", DISTRICTS, "B")
    started = time.monotonic()
    reference_b = complete_build(reference_work)
    duration = time.monotonic() - started
    seen, kills = Seen(), 0

    # 1. The first build, into an empty folder: killed again and again, each starting from what the last left.
    provisional, manifests = Reference({}, b""), set()
    for i, at in enumerate(spread(duration, FIRST_BUILD_KILLS)):
        kills += kill_build(work, at, i % 2 == 0, reset=lambda: shutil.rmtree(work / "out"))
        for path in (work / "out" / "mau").glob("*.docx") if (work / "out" / "mau").is_dir() else []:
            provisional.docs.setdefault(path.name, sha256(path))  # the same bytes from one kill to the next
        if (work / "out" / "mau" / "manifest.json").exists():  # the build had written everything
            manifests.add((work / "out" / "mau" / "manifest.json").read_bytes())
        inspect(work / "out", [provisional], seen, manifests)
    reference_a = complete_build(work)
    assert all(reference_a.docs[name] == sha for name, sha in provisional.docs.items())
    assert manifests <= {reference_a.manifest}
    assert_clean_and_verified(work, reference_a)

    # 2. Rebuilds after every district plan changed (B, A, B…), killed across the run.
    references = {"A": reference_a, "B": reference_b}
    variant = "A"

    def switch() -> None:
        nonlocal variant
        variant = "B" if variant == "A" else "A"
        set_variant(work / "data", variant)

    for i, at in enumerate(spread(duration, REBUILD_KILLS)):
        switch()
        kills += kill_build(work, at, i % 2 == 1, reset=switch)
        inspect(work / "out", [reference_a, reference_b], seen)
        if (i + 1) % CHECK_EVERY == 0:
            assert complete_build(work) == references[variant]
            assert_clean_and_verified(work, references[variant])
    assert complete_build(work) == references[variant]
    assert_clean_and_verified(work, references[variant])

    assert kills >= 20, f"only {kills} builds were still running when killed (build takes {duration:.2f} s)"
    assert seen.documents > 0
    record_property("build_kill_points", kills)
    record_property("temporaries_left_by_kills", seen.temporaries)
    print(f"\n{kills} build kill points over a build of {duration:.2f} s; {seen.temporaries} temporary files left by kills, all removed by the next "
          f"build; {seen.behind} documents found newer than their manifest")


def test_a_build_killed_between_documents_and_manifest_leaves_verify_agreeing(tmp_path):
    # The first document changes in place only after the build has committed its stage (write.py):
    # killed then, the folder is finished by verify (or the next build), never left half old.
    districts(tmp_path / "data", 30, "A")
    complete_build(tmp_path)
    watched = tmp_path / "out" / "mau" / "kh-huyen--ubnd-huyen-so-001.docx"
    before = watched.stat().st_mtime_ns
    set_variant(tmp_path / "data", "B")
    process = start(tmp_path, "build")
    deadline = time.monotonic() + 60
    while watched.stat().st_mtime_ns == before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    wait_until_gone(process.pid)
    assert process.returncode == -signal.SIGKILL, "the build ended before the first document changed"
    verify = run(tmp_path, "verify")
    assert verify.returncode == 0, verify.stdout


# --- vanban issue ------------------------------------------------------------------------------------------------


def register_rows(path: Path) -> list[tuple]:
    db = sqlite3.connect(str(path))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT * FROM issued ORDER BY series, number").fetchall()
    finally:
        db.close()


def assert_register_whole(path: Path) -> dict[str, int]:
    """Every row complete, every series consecutive; return {document: number}."""
    for row in register_rows(path):
        campaign, document, series, number, notation, issuer, date, type_, subject, signer, recipients, keep, \
            digest, preissued = row
        assert all(v not in (None, "") for v in row[:13]), row
        assert number > 0 and re.fullmatch(r"\d{4}-\d\d-\d\d", date) and re.fullmatch(r"[0-9a-f]{64}", digest)
        assert isinstance(json.loads(recipients), list)
    with Register(path) as register:
        entries = register.entries()
    assert series_problems(entries) == []
    return {f"{e.campaign}/{e.document}": e.number for e in entries}


def test_issue_processes_killed_at_many_points_leave_whole_rows_and_consecutive_numbers(tmp_path, record_property):
    with_letters(tmp_path / "data", ISSUE_ROUNDS * ISSUERS + 1)
    register = tmp_path / "so-dang-ky.sqlite3"
    assert run(tmp_path, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0
    started = time.monotonic()
    assert run(tmp_path, "issue", "cv-001", "--date", "2025-01-03").returncode == 0
    duration = time.monotonic() - started
    kills, waiting = 0, [f"cv-{i:03d}" for i in range(2, ISSUE_ROUNDS * ISSUERS + 2)]
    times = spread(duration, ISSUE_ROUNDS * ISSUERS)
    for round_ in range(ISSUE_ROUNDS):
        batch = waiting[round_ * ISSUERS:(round_ + 1) * ISSUERS]
        processes = [start(tmp_path, "issue", f"dot/{doc}", "--date", "2025-01-03") for doc in batch]
        alive = [kill_at(process, times[round_ * ISSUERS + k], whole_group=True)  # all four run at once,
                 for k, process in enumerate(processes)]  # each is killed at its own time
        kills += sum(alive)
        issued = assert_register_whole(register)
        for doc, was_alive in zip(batch, alive):
            if not was_alive:
                assert f"dot/{doc}" in issued  # it finished before its kill time
        again = [start(tmp_path, "issue", f"dot/{doc}", "--date", "2025-01-03") for doc in batch]
        for process in again:  # a killed issue can simply be run again
            assert process.wait(timeout=120) == 0
        issued = assert_register_whole(register)
        assert all(f"dot/{doc}" in issued for doc in batch)
    numbers = sorted(n for key, n in assert_register_whole(register).items() if key.startswith("dot/cv-"))
    assert numbers == list(range(2, ISSUE_ROUNDS * ISSUERS + 3))  # 01 is kh-goc; no gap, no repeat
    assert run(tmp_path, "build").returncode == 0
    verify = run(tmp_path, "verify")
    assert verify.returncode == 0, verify.stdout
    assert kills >= 12, f"only {kills} issue processes were still running when killed"
    record_property("issue_kill_points", kills)
    print(f"\n{kills} issue kill points")



def test_void_processes_killed_at_many_points_leave_each_number_issued_or_voided_never_both(tmp_path):
    """Hủy số killed at any instant: a number is in the issued rows or the voided ones, whole, never both or
    neither; a killed void can be run again; a voided number is never given again."""
    letters = 8
    with_letters(tmp_path / "data", letters + 1)
    register = tmp_path / "so-dang-ky.sqlite3"
    for doc in ["kh-goc"] + [f"cv-{i:03d}" for i in range(1, letters + 1)]:
        assert run(tmp_path, "issue", doc, "--date", "2025-01-03").returncode == 0
    db = sqlite3.connect(register)
    before = {f"{c}/{d}": n for c, d, n in db.execute("SELECT campaign, document, number FROM issued")}
    db.close()
    started = time.monotonic()
    assert run(tmp_path, "void", "cv-001", "--ly-do", "Cấp nhầm").returncode == 0
    duration = time.monotonic() - started
    kills = 0
    for doc, at in zip([f"cv-{i:03d}" for i in range(2, letters + 1)], spread(duration, letters - 1)):
        kills += kill_at(start(tmp_path, "void", f"dot/{doc}", "--ly-do", "Cấp nhầm"), at, whole_group=True)
        db = sqlite3.connect(register)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            issued = {f"{c}/{d}": n for c, d, n in db.execute("SELECT campaign, document, number FROM issued")}
            voided = {f"{c}/{d}": n for c, d, n in db.execute("SELECT campaign, document, number FROM voided")}
            assert all(v not in (None, "") for row in db.execute("SELECT * FROM voided") for v in row)
        finally:
            db.close()
        assert not set(issued) & set(voided) and {**issued, **voided} == before  # each number in one place, as given
        if f"dot/{doc}" in issued:  # killed before its commit: run again
            assert run(tmp_path, "void", f"dot/{doc}", "--ly-do", "Cấp nhầm").returncode == 0
    again = run(tmp_path, "issue", "cv-001", "--date", "2025-01-04")
    assert again.stdout == f"Đã cấp số {letters + 2:02d}/UBND-VX ngày 04/01/2025 cho cv-001.\n"  # above every voided one
    assert kills >= 3, f"only {kills} void processes were still running when killed"
