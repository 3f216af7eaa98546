"""Hostile surroundings (tests/hostile/scenes.py): each scene prints exactly what is expected and leaves alone what it must.

The expected file of a scene holds the command, its exit status, its stdout and its stderr
(``pytest --update-golden`` rewrites it; review the diff). Scenes run as real processes, two
at a time, each in a copy of one base work folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINI
from hostile.runner import ARGS, VANBAN, environment
from hostile.scenes import REGISTER, SCENES, TODAY, Scene

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "hostile" / "expected" / "scenes"
BY_NAME = {scene.name: scene for scene in SCENES}
TIMEOUT = 120
SECONDS = re.compile(r"\d+,\d+ giây")


def run_scene_command(work: Path, args: tuple[str, ...], env: dict | None = None,
                      encoding: str = "utf-8") -> subprocess.CompletedProcess:
    return subprocess.run([str(VANBAN), *ARGS[:4], "--register", REGISTER, *args], cwd=work,
                          env=environment(VANBAN_TODAY=TODAY, VANBAN_LOCK_WAIT="5", **(env or {})),
                          capture_output=True, text=True, encoding=encoding, errors="replace", timeout=TIMEOUT)


def snapshot(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` (or ``root`` itself): its bytes' sha256, or where the link leads."""
    out = {}
    if not os.path.lexists(root):
        return out
    paths = [root] if not root.is_dir() or root.is_symlink() else [root, *root.rglob("*")]
    for path in paths:
        key = str(path.relative_to(root.parent))
        if path.is_symlink():
            out[key] = "-> " + os.readlink(path)
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[key] = "folder"
        else:
            out[key] = "special"
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """tests/data/mini built, hd-ldld issued as 01/HD-LĐLĐ on 10/03/2025, built again."""
    work = tmp_path_factory.mktemp("scene-base")
    shutil.copytree(MINI, work / "data", ignore=shutil.ignore_patterns("*.sqlite3*"))
    (work / "elsewhere").mkdir()
    for args in (("build",), ("issue", "hd-ldld", "--date", "2025-03-10"), ("build",)):
        done = run_scene_command(work, args)
        assert done.returncode == 0, done.stderr
    return work


@dataclass(frozen=True)
class SceneRun:
    text: str  # what the expected file holds
    code: int
    stderr: str
    changed: list[str]  # paths that should have been left alone and were not


def play(scene: Scene, base: Path, work: Path) -> SceneRun:
    shutil.copytree(base, work, symlinks=True)
    for step in scene.steps:
        step(work)
    watched = [work / p for p in scene.untouched] + [work / "elsewhere"]
    before = {str(p): snapshot(p) for p in watched}
    done = run_scene_command(work, scene.command, scene.env, scene.encoding)
    after = {str(p): snapshot(p) for p in watched}
    changed = [p for p in before if before[p] != after[p]]
    stdout = SECONDS.sub("… giây", done.stdout)  # the build's time: the one thing that differs from run to run
    text = (f"$ vanban {' '.join(scene.command)}\n[exit {done.returncode}]\n--- stdout\n{stdout}"
            f"--- stderr\n{done.stderr}")
    return SceneRun(text, done.returncode, done.stderr, changed)


@pytest.fixture(scope="module")
def played(base, tmp_path_factory) -> dict[str, SceneRun]:
    root = tmp_path_factory.mktemp("scenes")
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda s: play(s, base, root / s.name), SCENES)
        return dict(zip([s.name for s in SCENES], runs))


def test_every_scene_has_an_expected_file_and_no_file_is_stale(update_golden):
    if update_golden:
        pytest.skip("the expected files are being rewritten")
    assert {p.stem for p in EXPECTED.glob("*.txt")} == set(BY_NAME)


@pytest.mark.parametrize("name", list(BY_NAME))
def test_the_scene_prints_exactly_what_is_expected(name, played, update_golden):
    run, scene = played[name], BY_NAME[name]
    expected = EXPECTED / f"{name}.txt"
    if update_golden:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        expected.write_text(run.text, encoding="utf-8")
    assert "Traceback" not in run.stderr
    assert "Lỗi không mong đợi" not in run.stderr
    assert run.code == scene.code, run.stderr
    assert run.text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(BY_NAME))
def test_the_scene_leaves_alone_what_is_not_its_own(name, played):
    assert played[name].changed == []
