"""The package's layers: a stage imports only what lies below it, and no module imports itself back.

Every ``import pipeline…`` in every module counts, those inside functions too: an import
made late to dodge a cycle is still an import that runs back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"

# Bottom to top. A unit (a subpackage, or a module at the top of pipeline/) may import itself
# and the units of lower ranks, never a unit of its own rank or above. Units of one rank
# (docx and lint; archive and review) know nothing of each other.
LAYERS = (
    ("pipeline", "pipeline.i18n"),  # the version; the messages' language
    ("pipeline.errors", "pipeline.clock", "pipeline.processes", "pipeline.installed", "pipeline.vietnamese"),
    ("pipeline.files",),  # reads and writes safely; its refusals are PipelineErrors
    ("pipeline.rulebook",),  # the kinds of document, the systems, the Party's rules by date
    ("pipeline.model",),
    ("pipeline.sources",),
    ("pipeline.register",),
    ("pipeline.cascade",),
    ("pipeline.docx", "pipeline.lint"),
    ("pipeline.build",),
    ("pipeline.archive", "pipeline.review"),
    ("pipeline.cli",),
    ("pipeline.__main__",),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unit_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def imports_of(source: str) -> list[tuple[int, str]]:
    """Return (line, module) for every import of a pipeline module in ``source``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("pipeline"):
            out.append((node.lineno, node.module))
            # "from pipeline.build import cache" imports the module pipeline.build.cache
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                    if (PACKAGE / Path(*f"{node.module}.{a.name}".split(".")[1:])).with_suffix(".py").exists()]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("pipeline")]
    return out


def graph() -> dict[str, list[tuple[int, str]]]:
    return {module_name(p): imports_of(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def upward(edges: dict[str, list[tuple[int, str]]]) -> list[str]:
    """Return "importer:line imports target" for every import that does not run down."""
    found = []
    for importer, imported in edges.items():
        for line, target in imported:
            a, b = unit_of(importer), unit_of(target)
            if a != b and RANK[b] >= RANK[a]:
                found.append(f"{importer}:{line} imports {target}")
    return found


def cycles(edges: dict[str, list[tuple[int, str]]]) -> list[list[str]]:
    """Return the import cycles between modules (each found once, from its first module)."""
    names = set(edges)
    out, state = [], {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for _line, target in edges.get(module, ()):
            target = target if target in names else None
            if target is None:
                continue
            if state.get(target) == "open":
                out.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[module] = "done"

    for module in sorted(names):
        if module not in state:
            visit(module, [module])
    return out


def test_every_unit_has_a_layer():
    assert sorted({unit_of(m) for m in graph()} - set(RANK)) == []


def test_imports_run_down_the_layers():
    assert upward(graph()) == []


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_every_subpackage_says_what_it_holds_and_may_import():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Holds" in doc and "May import" in doc, init


@pytest.mark.parametrize("importer, source, expected", [
    ("pipeline.docx.render", "from pipeline.build.write import MANIFEST\n",
     ["pipeline.docx.render:1 imports pipeline.build.write"]),
    ("pipeline.lint.checks", "def f():\n    from pipeline.docx import layout\n",
     ["pipeline.lint.checks:2 imports pipeline.docx", "pipeline.lint.checks:2 imports pipeline.docx.layout"]),
    ("pipeline.vietnamese.format", "import pipeline.model\n", ["pipeline.vietnamese.format:1 imports pipeline.model"]),
    ("pipeline.build.build", "from pipeline.docx.render import Renderer\nfrom pipeline.build import cache\n", []),
])
def test_the_check_catches_an_import_that_runs_back_up(importer, source, expected):
    assert upward({importer: imports_of(source)}) == expected


def test_the_check_catches_a_cycle():
    edges = {"pipeline.review.review": [(1, "pipeline.review.page")],
             "pipeline.review.page": [(3, "pipeline.review.review")]}
    assert cycles(edges) == [["pipeline.review.page", "pipeline.review.review", "pipeline.review.page"]]


def test_every_test_folder_is_collected():
    # Tests mirror the packages (tests/<package>/test_<module>.py); pytest's default norecursedirs
    # holds "build", which silently left tests/build/ out of every run until pyproject.toml said
    # otherwise. No folder holding tests may match a pattern pytest skips.
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[1]
    skipped = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"][
        "norecursedirs"]
    folders = sorted({p.parent.relative_to(root / "tests") for p in (root / "tests").rglob("test_*.py")} - {Path(".")})
    assert folders and Path("build") in folders
    assert [f for f in folders for part in f.parts for pattern in skipped if fnmatch.fnmatch(part, pattern)] == []
