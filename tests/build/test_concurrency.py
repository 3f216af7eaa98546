"""Concurrency: builds and issues at once on one output folder and one register end consistent.

``vanban build`` holds output/.vanban.lock exclusively and ``vanban issue`` holds it shared
(pipeline/build/lock.py): a second build waits for the first, then gives up after
$VANBAN_LOCK_WAIT seconds naming the PID that holds the folder; issues run together
(SQLite orders their numbers) but never during a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from hostile.bigdata import districts, set_variant, with_letters
from hostile.runner import command, environment

from pipeline.archive.verify import series_problems
from pipeline.build.lock import LOCK_NAME, output_lock, remove_stale_temporaries
from pipeline.errors import PipelineError
from pipeline.register.store import Register


def start(work: Path, *args: str, wait: str = "60") -> subprocess.Popen:
    return subprocess.Popen(command(*args), cwd=work, env=environment(VANBAN_LOCK_WAIT=wait), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=work, env=environment(), capture_output=True, text=True, timeout=120)


def wait_for_lock_held_by(work: Path, process: subprocess.Popen, timeout: float = 30) -> None:
    path = work / "out" / LOCK_NAME
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if path.read_text(encoding="ascii").strip() == str(process.pid):
                return
        except OSError:
            pass
        time.sleep(0.005)
    raise AssertionError(f"the build never held {path} (exit {process.poll()})")


def assert_consistent(work: Path) -> dict[str, str]:
    """The manifest lists exactly the DOCX files there, with their hashes; nothing half-done; verify agrees."""
    campaign = work / "out" / "mau"
    manifest = json.loads((campaign / "manifest.json").read_text(encoding="utf-8"))
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in campaign.glob("*.docx")}
    assert {d["file"]: d["sha256"] for d in manifest["documents"]} == files
    assert [p.name for p in (work / "out").rglob("*") if p.name.endswith(".tmp")] == []
    assert not (work / "out" / LOCK_NAME).exists()
    verify = run(work, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    return files


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """Data with 60 more districts (a build of about half a second), as data/ of a folder."""
    work = tmp_path_factory.mktemp("big")
    districts(work / "data", 60, "A")
    return work / "data"


def fresh(tmp_path: Path, big: Path, variant: str = "A") -> Path:
    import shutil

    shutil.copytree(big, tmp_path / "data")
    set_variant(tmp_path / "data", variant)
    return tmp_path


def test_a_second_build_waits_for_the_first_and_both_succeed(tmp_path, big):
    work = fresh(tmp_path, big)
    first = start(work, "build")
    wait_for_lock_held_by(work, first)
    second = start(work, "build")
    (out1, err1), (out2, err2) = first.communicate(timeout=120), second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), err1 + err2
    assert "Đã tạo" in out1 and "Đã tạo" in out2
    assert_consistent(work)


def test_a_second_build_that_cannot_wait_says_who_runs_and_writes_nothing(tmp_path, big):
    work = fresh(tmp_path, big)
    assert run(work, "build").returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in (work / "out" / "mau").iterdir()}
    with output_lock(work / "out"):  # this process is "the other build", for as long as it takes
        second = start(work, "build", wait="0.3")
        out, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert out == ""
    assert err == f"Một lần tạo văn bản khác đang chạy trong out/ (PID {os.getpid()}); hãy chờ nó xong.\n"
    assert {p.name: p.stat().st_mtime_ns for p in (work / "out" / "mau").iterdir()} == before
    assert_consistent(work)


def test_two_builds_of_different_sources_at_once_end_as_one_of_them(tmp_path, big):
    """Two working copies building into one folder: the result is one complete build, never a mix."""
    work = fresh(tmp_path, big, "A")
    other = tmp_path / "other"
    other.mkdir()
    fresh(other, big, "B")
    (work / "out").mkdir()
    os.symlink(work / "out", other / "out")  # the same output folder
    os.symlink(work / "so-dang-ky.sqlite3", other / "so-dang-ky.sqlite3")  # and the same register
    builds = [start(work, "build"), start(other, "build")]
    results = [b.communicate(timeout=120) for b in builds]
    assert [b.returncode for b in builds] == [0, 0], [r[1] for r in results]
    files = assert_consistent(work)
    references = []
    for variant in ("A", "B"):
        ref = tmp_path / f"ref-{variant}"
        ref.mkdir()
        fresh(ref, big, variant)
        assert run(ref, "build").returncode == 0
        references.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ref / "out" / "mau").glob("*.docx")})
    assert files in references


def test_many_issues_at_once_with_builds_between_take_unique_consecutive_numbers(tmp_path):
    with_letters(tmp_path / "data", 12)
    assert run(tmp_path, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0
    processes = [start(tmp_path, "build")]
    for i in range(1, 13):
        processes.append(start(tmp_path, "issue", f"dot/cv-{i:03d}", "--date", "2025-01-06"))
        if i % 4 == 0:
            processes.append(start(tmp_path, "build"))  # a build now and then, while the issues run
    results = [p.communicate(timeout=180) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(processes), [r[1] for r in results if r[1]]
    printed = []
    for p, (out, _err) in zip(processes, results):
        if "issue" in p.args:
            match = re.fullmatch(r"Đã cấp số (\d+)/UBND-VX ngày 06/01/2025 cho cv-\d{3}\.\n", out)
            assert match, out
            printed.append(int(match.group(1)))
    assert sorted(printed) == list(range(2, 14))  # 01 is kh-goc: no gap, no repeat
    with Register(tmp_path / "so-dang-ky.sqlite3") as register:
        entries = register.entries()
    assert series_problems(entries) == []
    assert sorted(e.number for e in entries if e.series == "ubnd-tinh/2025") == list(range(1, 14))
    assert run(tmp_path, "build").returncode == 0  # shows every number issued meanwhile
    assert_consistent(tmp_path)


# --- the lock itself ------------------------------------------------------------------------------------------


def test_the_lock_file_and_a_folder_it_made_are_gone_afterwards(tmp_path):
    with output_lock(tmp_path / "out") as path:
        assert path.read_text(encoding="ascii") == f"{os.getpid()}\n"
    assert not (tmp_path / "out").exists()
    (tmp_path / "kept").mkdir()
    with output_lock(tmp_path / "kept"):
        pass
    assert list((tmp_path / "kept").iterdir()) == []


def test_issues_share_the_lock_and_a_build_waits_for_them(tmp_path):
    with output_lock(tmp_path, shared=True), output_lock(tmp_path, shared=True):
        with pytest.raises(PipelineError) as refused:
            with output_lock(tmp_path, wait=0.1):
                pass
    assert refused.value.format_message() == (
        f"Đang cấp số văn bản (vanban issue) trong {tmp_path}/; hãy chờ xong rồi chạy lại.")
    with output_lock(tmp_path, wait=0.1):  # free again
        pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_workers_of_a_killed_build_still_hold_it_in_its_name(tmp_path):
    """A build killed alone leaves its workers finishing their share: they hold the lock they inherited."""
    with output_lock(tmp_path) as path:
        path.write_text("999999\n", encoding="ascii")  # the build's PID: it is gone, its workers are not
        for shared in (False, True):  # a build, then an issue, arriving now
            with pytest.raises(PipelineError) as refused:
                with output_lock(tmp_path, shared=shared, wait=0.1):
                    pass
            assert refused.value.format_message() == (
                f"Một lần tạo văn bản khác đang chạy trong {tmp_path}/ (PID 999999); hãy chờ nó xong.")


def test_a_lock_file_left_by_a_killed_build_does_not_block(tmp_path):
    (tmp_path / LOCK_NAME).write_text("999999\n", encoding="ascii")  # no such process holds anything
    with output_lock(tmp_path, wait=0):
        pass


def test_temporaries_of_a_killed_build_are_removed_and_nothing_else(tmp_path):
    campaign = tmp_path / "mau"
    campaign.mkdir()
    left = [campaign / ".kh-tinh.docx.k3j_x9a2.tmp", campaign / ".manifest.json.a8b2c1d0.tmp",
            campaign / "..vanban-cache.json.4242.tmp", tmp_path / "..vanban-stamp.json.4242.tmp"]
    kept = [campaign / ".kh-tinh.pdf.k3j_x9a2.tmp", campaign / "kh-tinh.docx", campaign / ".ghi-chu.txt",
            tmp_path / "README.md"]
    for path in left + kept:
        path.write_bytes(b"PK\x03\x04 half")
    with output_lock(tmp_path):
        pass
    assert [p for p in left if p.exists()] == []
    assert all(p.exists() for p in kept)
    assert remove_stale_temporaries(tmp_path) == []


def test_a_build_leaves_the_campaigns_temporaries_to_its_survey_and_takes_those_of_output(tmp_path):
    campaign = tmp_path / "mau"
    campaign.mkdir()
    top, inside = tmp_path / "..vanban-stamp.json.4242.tmp", campaign / ".kh-tinh.docx.k3j_x9a2.tmp"
    for path in (top, inside):
        path.write_bytes(b"PK\x03\x04 half")
    with output_lock(tmp_path, campaigns=False):  # as a build takes it (build.survey cleans the campaigns)
        assert not top.exists()
        assert inside.exists()


# A killed build's temporaries are removed by the next build whether its survey looked at the campaign
# (nothing changed, an edit) or did not run at all (no stamp: the first build was killed before writing it).
@pytest.mark.parametrize("after", ["nothing changed", "an edit", "no stamp"])
def test_the_next_build_removes_what_a_killed_one_left(tmp_path, big, after):
    work = fresh(tmp_path, big)
    assert run(work, "build").returncode == 0
    out = work / "out"
    left = [out / "mau" / ".kh-tinh.docx.zz_half1.tmp", out / "mau" / ".manifest.json.a8b2c1d0.tmp",
            out / "..vanban-stamp.json.4242.tmp"]
    for path in left:
        path.write_bytes(b"PK\x03\x04 half a document")
    outside = tmp_path / "nguoi-khac"  # not the build's: neither a link named like a temporary nor a linked folder
    outside.mkdir()
    (outside / "dich.txt").write_bytes(b"someone else's")
    (outside / ".kh-tinh.docx.zz_half1.tmp").write_bytes(b"someone else's")
    link = out / "mau" / ".kh-huyen.docx.zz_link1.tmp"
    link.symlink_to(outside / "dich.txt")
    (out / "lien-ket").symlink_to(outside, target_is_directory=True)
    (out / LOCK_NAME).write_text("999999\n", encoding="ascii")
    if after == "an edit":
        set_variant(work / "data", "B")
    if after == "no stamp":
        (out / ".vanban-stamp.json").unlink()
    built = run(work, "build")
    assert built.returncode == 0, built.stderr
    assert [p for p in left if p.exists()] == []
    assert link.is_symlink() and (outside / "dich.txt").read_bytes() == b"someone else's"
    assert sorted(p.name for p in outside.iterdir()) == [".kh-tinh.docx.zz_half1.tmp", "dich.txt"]
    link.unlink()
    (out / "lien-ket").unlink()
    assert_consistent(work)


def test_a_build_that_cannot_have_the_lock_leaves_the_temporaries_of_the_build_holding_it(tmp_path, big):
    work = fresh(tmp_path, big)
    assert run(work, "build").returncode == 0
    with output_lock(work / "out", campaigns=False):  # this process is the other build, writing a document
        own = work / "out" / "mau" / ".kh-tinh.docx.ab12cd34.tmp"
        own.write_bytes(b"PK\x03\x04 being written")
        second = start(work, "build", wait="0.3")
        second.communicate(timeout=60)
        assert second.returncode == 1
        assert own.read_bytes() == b"PK\x03\x04 being written"
        own.unlink()
