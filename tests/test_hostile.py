"""Hostile and broken sources (tests/hostile/cases.py): refused exactly, located, all at once, nothing written.

Every case runs ``vanban check`` then ``vanban build``. Cases that could hang,
crash or run something (placeholders, tags, aliases, huge or deep values, known
bugs) are checked by a real process, so a hang or a crash is seen as a clerk
would see it; the other cases are checked by the CLI's ``main()`` in this
process, which keeps 140 cases fast. Once ``check`` has refused a case (so it
cannot hang), its ``build`` runs here too; cases that must build, and known
bugs, are built by a real process. A refused case must
print exactly ``tests/hostile/expected/<name>.txt`` (``pytest --update-golden``
rewrites it; review the diff), exit 1, never show a traceback, name the
file:line:column of every problem, and leave the work folder holding nothing
but ``data/``: no output folder, no register, no file made by a payload.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINI, docx_lines
from hostile.cases import APPEND, CASES, Case, billion_laughs
from hostile.runner import Run, run_in_process, run_process
from lxml import etree

from pipeline.sources.load import parse_text

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "hostile" / "expected"
BY_NAME = {case.name: case for case in CASES}
REFUSED = [c.name for c in CASES if not c.builds]
BUILT = [c.name for c in CASES if c.shows]
CHECK_TIMEOUT = 20.0
LOCATED = re.compile(r"^data/[^:\n]+\.yaml:\d+:\d+: ")
# Problems about the file as a whole (its bytes, its YAML syntax) have a place but no field.
FILE_LEVEL = ("lỗi cú pháp YAML", "tệp ", "có ký tự ẩn", "không dùng neo", "không dùng bí danh",
              "cần một nhóm khóa", "tên khóa phải là một chữ", "thiếu khóa bắt buộc")  # the last three: at the top
ISOLATED = ("jinja-", "tag-", "alias-", "placeholder-", "sections-", "flow-", "file-", "value-", "list-", "number-",
            "ten-thousand-")


def isolated(case: Case) -> bool:
    """Run this case in a process of its own: it could hang, crash or run a payload if a guard failed."""
    return case.name.startswith(ISOLATED) or bool(case.bug or case.fast or case.builds)


def param(names: list[str]):
    """Parametrize over case names; a case with a known bug elsewhere is a strict xfail."""
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=BY_NAME[n].bug)) if BY_NAME[n].bug else n
            for n in names]


def prepare(case: Case, work: Path) -> None:
    """Copy the mini data set into ``work/data`` and apply the case's edits."""
    data = work / "data"
    shutil.copytree(MINI, data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    for e in case.edits:
        path = data / e.file
        if isinstance(e.new, bytes):
            assert e.old is None, f"{case.name}: bytes replace a whole file"
            path.write_bytes(e.new)
            continue
        if e.old is None:
            text = e.new
        elif e.old == APPEND:
            text = path.read_text(encoding="utf-8") + e.new
        else:
            text = path.read_text(encoding="utf-8")
            assert text.count(e.old) == 1, f"{case.name}: {e.old[:60]!r} is not in {e.file} exactly once"
            text = text.replace(e.old, e.new)
        path.write_text(text, encoding="utf-8", newline="")
    for special in case.special:
        path = data / special.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if special.kind == "fifo":
            os.mkfifo(path)
        elif special.kind == "link":
            os.symlink(special.target, path)
        else:
            path.mkdir()


@dataclass(frozen=True)
class CaseRun:
    check: Run
    build: Run | None
    after: tuple[str, ...]  # what the work folder holds after check and build
    work: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, CaseRun]:
    """Check and build every case (see the module docstring); real processes two at a time."""
    works = {}
    for case in CASES:
        works[case.name] = tmp_path_factory.mktemp(case.name)
        prepare(case, works[case.name])

    def in_processes(case: Case) -> tuple[Run, Run | None]:
        work = works[case.name]
        checked = run_process(work, "check", timeout=CHECK_TIMEOUT)
        build = run_process(work, "build", timeout=60) if case.shows or (case.bug and checked.code is not None) else None
        return checked, build

    isolated_cases = [c for c in CASES if isolated(c)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(zip([c.name for c in isolated_cases], pool.map(in_processes, isolated_cases)))
    out = {}
    for case in CASES:
        work = works[case.name]
        checked, build = done.get(case.name) or (run_in_process(work, "check"), None)
        if build is None and not case.builds and checked.code == 1:
            # refused by `check` (so it cannot hang): the build, which must refuse the same way, runs here
            build = run_in_process(work, "build")
        out[case.name] = CaseRun(checked, build, tuple(sorted(os.listdir(work))), work)
    return out


def test_the_corpus_is_large():
    assert len(CASES) >= 60
    assert len(REFUSED) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


def test_every_refused_case_has_a_golden_file_and_no_golden_is_stale(update_golden):
    if update_golden:
        pytest.skip("the golden files are being rewritten")
    wanted = {f"{n}.txt" for n in REFUSED if not BY_NAME[n].bug}
    present = {p.name for p in EXPECTED.glob("*.txt")}
    assert present - wanted == set(), "golden files of no case"
    assert wanted - present == set(), "run pytest tests/test_hostile.py --update-golden, review, commit"


@pytest.mark.parametrize("name", param(REFUSED))
def test_check_refuses_with_exactly_the_expected_problems(name, runs, update_golden):
    run = runs[name].check
    assert run.code is not None, f"vanban check did not answer within {CHECK_TIMEOUT} s"
    expected = EXPECTED / f"{name}.txt"
    if update_golden and not BY_NAME[name].bug:
        expected.write_text(run.err, encoding="utf-8")
    assert "Traceback" not in run.err
    assert "Lỗi không mong đợi" not in run.err, run.err
    assert run.code == 1, run.err
    assert run.out == ""
    assert run.err == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", param(REFUSED))
def test_every_problem_is_located_and_counted(name, runs):
    lines = runs[name].check.err.splitlines()
    summary = re.fullmatch(r"(\d+) lỗi trong (\d+) tệp; không có tệp nào được ghi\.", lines[-1])
    assert summary, lines[-1]
    messages = [line for line in lines[:-1] if not line.startswith("    ")]  # hints are indented
    assert int(summary.group(1)) == len(messages) >= 1
    for message in messages:
        assert LOCATED.match(message), message  # file:line:column, as compilers write it
        text = LOCATED.sub("", message)
        if not text.startswith(FILE_LEVEL):
            assert re.match(r"^[\w.\[\]()…-]+(?: \(và \d+ văn bản khác\))?: ", text) or \
                re.match(r"^[a-z0-9-]+(?:--[a-z0-9-]+)?(?: \(và \d+ văn bản khác\))?: \S", text), \
                f"no field named: {message}"


@pytest.mark.parametrize("name", param(REFUSED))
def test_a_refused_build_writes_nothing(name, runs):
    run = runs[name]
    assert run.build is not None, "check did not refuse the case, so it was not built"
    if run.build is not None:
        assert run.build.code == 1, run.build.err
        assert run.build.out == ""
        assert run.build.err == run.check.err
    # no output folder, no register, no file made by a payload ("touch pwned"): only the sources
    assert run.after == ("data",)


@pytest.mark.parametrize("name", [c.name for c in CASES if c.fast])
def test_answers_quickly(name, runs):
    assert runs[name].check.code is not None
    assert runs[name].check.seconds < BY_NAME[name].fast


def test_every_check_answers_within_ten_seconds(runs):
    slow = {n: round(r.check.seconds, 1) for n, r in runs.items() if r.check.code is None or r.check.seconds > 10}
    assert slow == {}


@pytest.mark.parametrize("name", [c.name for c in CASES if c.checks_only])
def test_big_but_valid_sources_pass_the_check(name, runs):
    run = runs[name].check
    assert run.code == 0, run.err
    assert run.out.startswith("Nguồn hợp lệ: ")


@pytest.mark.parametrize("name", param(BUILT))
def test_builds_and_shows_the_text_as_text(name, runs):
    run = runs[name]
    assert run.check.code == 0, run.check.err
    assert run.build.code == 0, run.build.err
    out = run.work / "out" / "mau"
    for doc, texts in BY_NAME[name].shows.items():
        path = out / f"{doc}.docx"
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            for part in zf.namelist():
                if part.endswith(".xml"):
                    etree.fromstring(zf.read(part))  # every XML part parses: nothing was injected
            xml = zf.read("word/document.xml").decode("utf-8")
        assert unicodedata.normalize("NFC", xml) == xml, "the document holds decomposed (NFD) text"
        # A title set in balanced lines reads as one text: its manual breaks ("↵") as spaces.
        lines = [re.sub(r"^(\[\d+\.\d+\] )+", "", line).replace("↵", " ") for line in docx_lines(path)]
        for text in texts:
            assert any(text in line for line in lines), f"{doc}: {text!r} not in {lines}"


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    start = time.perf_counter()
    source, problems = parse_text(billion_laughs(), "bom.yaml")
    assert time.perf_counter() - start < 0.2
    assert source is None and len(problems) == 1
    assert problems[0].location.line in (1, 2)  # the anchor or the first alias


def test_no_payload_ran_anywhere(runs):
    """The payloads all try `touch pwned` (in the work folder, where the command runs)."""
    assert [n for n, r in runs.items() if (r.work / "pwned").exists()] == []
