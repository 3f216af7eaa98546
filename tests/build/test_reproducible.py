"""The same sources and register give the same bytes: in another folder, on another day, in another time zone.

An issued document is kept and compared by its sha256 (manifest, archive,
``vanban verify``), so a build must not depend on when or where it runs. The
build reads no clock: ``build.today()`` is only the default date of
``vanban issue``. The "other day" build runs under a clock moved to 2031 that
also records who reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
VANBAN = Path(sys.executable).with_name("vanban")

MOVED_CLOCK = r'''
import datetime, json, os, sys, time, traceback

SHIFT = float(os.environ["CLOCK_SHIFT"])
READS = []
real_time = time.time


def record(name):
    frame = traceback.extract_stack(limit=3)[0]
    READS.append(f"{name} from {os.path.relpath(frame.filename, os.environ['ROOT'])}:{frame.name}")


def moved():
    return real_time() + SHIFT


def clock(name, function):
    def read(*args):
        record(name)
        return function(*args)
    return read


time.time = clock("time.time", moved)
time.time_ns = clock("time.time_ns", lambda: int(moved() * 1e9))
for name in ("localtime", "gmtime", "ctime"):
    real = getattr(time, name)
    setattr(time, name, clock(f"time.{name}", lambda secs=None, real=real: real(moved() if secs is None else secs)))
real_strftime = time.strftime
time.strftime = lambda fmt, *t: real_strftime(fmt, *t) if t else (record("time.strftime"), real_strftime(fmt, time.localtime()))[1]


class MovedDate(datetime.date):
    @classmethod
    def today(cls):
        record("date.today")
        return cls.fromtimestamp(moved())


class MovedDateTime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        record("datetime.now")
        return cls.fromtimestamp(moved(), tz)

    @classmethod
    def utcnow(cls):
        record("datetime.utcnow")
        return cls.utcfromtimestamp(moved())

    @classmethod
    def today(cls):
        record("datetime.today")
        return cls.fromtimestamp(moved())


datetime.date, datetime.datetime = MovedDate, MovedDateTime
from pipeline.cli import main
sys.argv = ["vanban"] + sys.argv[1:]
try:
    main()
finally:
    with open(os.environ["CLOCK_READS"], "w") as handle:
        json.dump(READS, handle)
'''


def vanban(cwd: Path, *args: str, output: str = "out", moved_days: float = 0, tz: str = "Asia/Ho_Chi_Minh"):
    """Run vanban; with ``moved_days`` under a clock moved that many days, returning (result, clock reads)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    env["TZ"] = tz
    options = ["--data", "data", "--output", output, "--register", "so.sqlite3", *args]
    if not moved_days:
        return subprocess.run([str(VANBAN), *options], cwd=cwd, env=env, capture_output=True, text=True, timeout=120), []
    reads = cwd / "clock-reads.json"
    env.update(CLOCK_SHIFT=str(moved_days * 86400), CLOCK_READS=str(reads), ROOT=str(ROOT))
    result = subprocess.run([sys.executable, "-c", MOVED_CLOCK, *options], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=120)
    return result, json.loads(reads.read_text())


def files(folder: Path) -> dict[str, bytes]:
    """The DOCX files and manifests of a build, by path (what is kept and compared by sha256)."""
    paths = sorted(folder.glob("*/*.docx")) + sorted(folder.glob("*/manifest.json"))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


@pytest.fixture
def work(tmp_path) -> Path:
    """mini with one draft issued, so the builds print a number and a date the register gave."""
    shutil.copytree(MINI, tmp_path / "data")
    result, _reads = vanban(tmp_path, "issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-11")
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_two_builds_into_two_folders_are_byte_identical(work):
    for output in ("out-1", "out-2"):
        assert vanban(work, "build", output=output)[0].returncode == 0
    first, second = files(work / "out-1"), files(work / "out-2")
    manifest = json.loads(first["mau/manifest.json"])
    assert sorted(first) == sorted(second) and len(first) == 1 + len(manifest["documents"]) > 5
    assert [name for name in first if first[name] != second[name]] == []


def test_two_working_copies_with_their_own_registers_build_the_same_bytes(work, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(MINI, other / "data")
    assert vanban(other, "issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-11")[0].returncode == 0
    for folder in (work, other):
        assert vanban(folder, "build")[0].returncode == 0
    assert files(work / "out") == files(other / "out")


def test_a_build_on_another_day_in_another_time_zone_is_byte_identical(work):
    assert vanban(work, "build", output="today")[0].returncode == 0
    result, reads = vanban(work, "build", output="later", moved_days=2300.37, tz="Pacific/Kiritimati")
    assert result.returncode == 0, result.stderr
    assert [r for r in reads if " from pipeline/" in r] == []  # a build reads no clock
    today, later = files(work / "today"), files(work / "later")
    assert sorted(today) == sorted(later)
    assert [name for name in today if today[name] != later[name]] == []


def test_the_moved_clock_reaches_the_one_place_that_reads_it(work):
    """The check above means something: ``vanban issue`` without --date does see the moved clock."""
    result, reads = vanban(work, "issue", "qd-khen-thuong", moved_days=2300)
    assert result.returncode == 0, result.stderr
    assert [r for r in reads if " from pipeline/" in r] == ["date.today from pipeline/clock.py:today"]  # once
    issued_year = int(result.stdout.split(" ngày ")[1][6:10])
    assert issued_year >= 2031
