"""Run ``vanban`` as a clerk does (a real process) or, for speed, its ``main()`` in this process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

VANBAN = Path(sys.executable).with_name("vanban")
ARGS = ("--data", "data", "--output", "out", "--register", "so-dang-ky.sqlite3")


@dataclass(frozen=True)
class Run:
    code: int | None  # None: timed out
    out: str
    err: str
    seconds: float


def environment(**extra: str) -> dict[str, str]:
    """The environment of a clerk's shell: no VANBAN_* setting inherited from the test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    env.update(extra)
    return env


def command(*args: str, base: tuple[str, ...] = ARGS) -> list[str]:
    return [str(VANBAN), *base, *args]


def run_process(work: Path, *args: str, timeout: float = 20.0, base: tuple[str, ...] = ARGS) -> Run:
    start = time.monotonic()
    try:
        done = subprocess.run(command(*args, base=base), cwd=work, env=environment(), capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(None, "", "", time.monotonic() - start)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def run_in_process(work: Path, *args: str, base: tuple[str, ...] = ARGS) -> Run:
    """Run the CLI's main() here, in ``work`` (for cases that cannot hang and fork nothing)."""
    from pipeline import i18n
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    saved_env = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("VANBAN_")}
    sys.argv = ["vanban", *base, *args]
    os.chdir(work)
    start = time.monotonic()
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.update(saved_env)
        i18n.set_language("vi")
    return Run(code, out.getvalue(), err.getvalue(), time.monotonic() - start)
