"""Shared fixtures: copies of the mini data set, the real ``vanban`` command, DOCX text and golden files.

Golden files (tests/golden/<case>/…, tests/cases/<name>/expected.txt) are rewritten with
``pytest --update-golden`` (``make golden``); review the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
GOLDEN = ROOT / "tests" / "golden"
VANBAN = Path(sys.executable).with_name("vanban")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# No example database in the working tree, no deadline on a slow CI machine.
settings.register_profile("vanban", database=None, deadline=None)
settings.load_profile("vanban")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/** and tests/cases/*/expected.txt from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))


# --- the real command -------------------------------------------------------------------------


def run_vanban(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``.venv/bin/vanban ARGS`` in ``cwd`` as a clerk would, with no VANBAN_* settings inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    return subprocess.run([str(VANBAN), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def vanban_in(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``vanban ARGS`` in a work folder laid out as data/, out/ and so.sqlite3."""
    return run_vanban("--data", "data", "--output", "out", "--register", "so.sqlite3", *args, cwd=cwd, timeout=600)


@pytest.fixture(scope="session")
def vanban():
    """Return the function that runs the real ``vanban`` command: ``vanban(*args, cwd=…)``."""
    assert VANBAN.exists(), f"{VANBAN} is missing: run `make install`"
    return run_vanban


# --- source data ----------------------------------------------------------------------------------


@dataclass
class DataCopy:
    """A writable copy of a data set under ``root`` (``<tmp>/data``)."""

    root: Path

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in ``name`` by ``new``; fail if it is not there exactly once."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: expected exactly one {old!r}, found {text.count(old)}"
        path.write_text(text.replace(old, new), encoding="utf-8", newline="")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path


def copy_data(source: Path, target: Path) -> DataCopy:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return DataCopy(target)


@pytest.fixture
def mini_copy(tmp_path) -> DataCopy:
    """A copy of tests/data/mini in ``tmp_path/data``, ready for edits."""
    return copy_data(MINI, tmp_path / "data")


def resolved_documents(data_dir: Path) -> dict:
    """Return every document of a data set by id, numbered as ``vanban check`` numbers them (no problems allowed)."""
    from pipeline.cascade.number import assign_numbers
    from pipeline.cascade.resolve import resolve_campaigns
    from pipeline.sources.validate import validate_sources

    sources, problems = validate_sources(data_dir)
    assert [p.format() for p in problems] == []
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    assert [p.format() for p in problems if not p.warning] == []  # warnings have tests of their own
    trees, problems = assign_numbers(trees, None, record=False)
    assert [p.format() for p in problems] == []
    return {d.id: d for t in trees for d in t.documents}


@pytest.fixture
def write_yaml(tmp_path):
    """Return ``write(name, text) -> Path``: a YAML file under ``tmp_path``."""
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write


# --- one build per data set and session ----------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory, vanban):
    """Return ``build(data_dir) -> output dir``: the data set built once per session, fresh register."""
    cache: dict[Path, Path] = {}

    def build(data_dir: Path) -> Path:
        data_dir = data_dir.resolve()
        if data_dir not in cache:
            work = tmp_path_factory.mktemp(f"build-{data_dir.name}")
            result = vanban("--data", str(data_dir), "--output", "out", "--register", "so-dang-ky.sqlite3", "build",
                            cwd=work)
            assert result.returncode == 0, result.stderr
            cache[data_dir] = work / "out"
        return cache[data_dir]

    return build


# The data sets every test that prints reads: the mini set, data/, and every kind in every system.
SAMPLE_SETS = (MINI, ROOT / "data", ROOT / "tests" / "data" / "loai")


@pytest.fixture(scope="session")
def printed_samples(built, tmp_path_factory) -> dict[Path, Path | None]:
    """Every built document of ``SAMPLE_SETS`` printed to PDF by LibreOffice, once: {docx: pdf}.

    One LibreOffice run for all (pipeline/lint/office.py); None for a document it could not print.
    """
    from pipeline.lint.office import print_to_pdf

    documents = sorted(p for data in SAMPLE_SETS for p in built(data).glob("*/*.docx"))
    assert documents
    made = print_to_pdf(documents, tmp_path_factory.mktemp("printed"))
    return {d: made.get(d) for d in documents}


# --- reading DOCX ------------------------------------------------------------------------------------------


def docx_parts(path: Path) -> dict[str, bytes]:
    """Return the parts compared by the goldens: word/document.xml, then headers and footers by name."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist()
                 if n == "word/document.xml" or (n.startswith(("word/header", "word/footer")) and n.endswith(".xml"))]
        return {n: zf.read(n) for n in sorted(names, key=lambda n: (n != "word/document.xml", n))}


def canonical_xml(data: bytes) -> str:
    """Return an XML part canonicalised (C14N), without w:rsid* marks, one element per line."""
    root = etree.fromstring(data)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname
            if local.startswith("rsid") or local in ("paraId", "textId"):
                del element.attrib[name]
    root = etree.fromstring(etree.tostring(root, method="c14n"))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def paragraph_text(paragraph) -> str:
    out = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        else:
            out.append("↵")
    return "".join(out)


def _lines(container, prefix: str = ""):
    for child in container:
        if child.tag == f"{W}p":
            text = paragraph_text(child)
            if text.strip():
                yield prefix + text
        elif child.tag == f"{W}tbl":
            for r, row in enumerate(child.iterfind(f"{W}tr"), 1):
                for c, cell in enumerate(row.iterfind(f"{W}tc"), 1):
                    yield from _lines(cell, f"{prefix}[{r}.{c}] ")
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}body"):
            yield from _lines(child, prefix)


def xml_lines(data: bytes) -> list[str]:
    """Return the non-empty paragraphs of an XML part in order; a table cell's start with "[row.column] "."""
    root = etree.fromstring(data)
    body = root.find(f"{W}body")
    return list(_lines(body if body is not None else root))


def docx_lines(path: Path) -> list[str]:
    """Return the text a reader sees in word/document.xml, paragraph by paragraph (see xml_lines)."""
    with zipfile.ZipFile(path) as zf:
        return xml_lines(zf.read("word/document.xml"))


@pytest.fixture(scope="session")
def docx_text():
    """Return ``docx_lines(path) -> list[str]``, the paragraphs of a DOCX in reading order."""
    return docx_lines


# --- golden files -------------------------------------------------------------------------------------------


def golden_files(output_dir: Path, campaign: str | None = None) -> dict[str, str]:
    """Return {golden file name: expected text} for every DOCX built into ``output_dir``."""
    files: dict[str, str] = {}
    owners: dict[str, Path] = {}
    for docx in sorted(output_dir.glob("*/*.docx")):
        if campaign is not None and docx.parent.name != campaign:
            continue
        doc = docx.stem
        assert doc not in owners, f"{doc} is built by two campaigns ({owners[doc]}, {docx}): pass campaign="
        owners[doc] = docx
        for part, data in docx_parts(docx).items():
            files[f"{doc}.{part.removeprefix('word/')}"] = canonical_xml(data)
        files[f"{doc}.txt"] = "\n".join(docx_lines(docx)) + "\n"
    return files


def compare_or_update(expected_dir: Path, actual: dict[str, str], update: bool) -> list[str]:
    """Compare ``actual`` with the files of ``expected_dir``; return one unified diff per difference.

    With ``update``, rewrite ``expected_dir`` instead (dropping files no document owns any more).
    """
    if update:
        expected_dir.mkdir(parents=True, exist_ok=True)
        for stale in expected_dir.iterdir():
            if stale.is_file() and stale.name not in actual:
                stale.unlink()
        for name, text in actual.items():
            path = expected_dir / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        return []
    problems = []
    expected_names = {p.name for p in expected_dir.iterdir() if p.is_file()} if expected_dir.is_dir() else set()
    for name in sorted(expected_names - set(actual)):
        problems.append(f"{expected_dir.name}/{name}: golden file with no built document (run --update-golden)")
    for name, text in actual.items():
        path = expected_dir / name
        if name not in expected_names:
            problems.append(f"{expected_dir.name}/{name}: no golden file (run pytest --update-golden, review, commit)")
            continue
        expected = path.read_text(encoding="utf-8")
        if expected != text:
            diff = difflib.unified_diff(expected.splitlines(keepends=True), text.splitlines(keepends=True),
                                        f"golden/{expected_dir.name}/{name}", "built", n=2)
            problems.append("".join(diff))
    return problems


@pytest.fixture(scope="session")
def golden_case(built, update_golden):
    """Return ``golden_case(data_dir, name, campaign=None)``: build, then compare with tests/golden/<name>/.

    Each DOCX gives ``<doc>.document.xml``, ``<doc>.header1.xml``… (canonical XML) and
    ``<doc>.txt`` (its paragraphs, table cells marked "[row.column]").
    """
    def check(data_dir: Path, name: str, campaign: str | None = None) -> None:
        actual = golden_files(built(data_dir), campaign)
        assert actual, f"nothing was built from {data_dir}"
        problems = compare_or_update(GOLDEN / name, actual, update_golden)
        assert not problems, "\n".join(problems)

    return check
