"""The Makefile a clerk meets first: `make help` in their language, each target one line, the set-up in two commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGET = re.compile(r"^([a-z0-9-]+):[^=\n]*?## (.+?) ## (.+)$", re.MULTILINE)


def make(*args: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("VANBAN_LANG", "MAKEFLAGS", "MAKELEVEL")}
    if lang:
        env["VANBAN_LANG"] = lang
    done = subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def targets() -> list[tuple[str, str, str]]:
    return TARGET.findall((ROOT / "Makefile").read_text(encoding="utf-8"))


def test_every_target_is_described_in_vietnamese_and_english():
    names = [name for name, _vi, _en in targets()]
    phony = re.search(r"^\.PHONY: (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1).split()
    assert sorted(names) == sorted(phony)
    for name, vi, en in targets():
        assert re.search(r"[ạảãáàâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]", vi, re.IGNORECASE), (name, vi)
        assert en.isascii() or "…" in en, (name, en)


@pytest.mark.parametrize("lang, column", [(None, 1), ("en", 2)])
def test_make_help_speaks_the_clerks_language(lang, column):
    lines = make("help", lang=lang).splitlines()
    expected = [f"  make {t[0]:<9} {t[column]}" for t in targets()]
    assert lines == expected
    assert lines[0].startswith("  make all       " + ("Cài đặt (lần đầu)" if lang is None else "Install (the first time)"))


def test_each_target_is_one_line():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name, _vi, _en in targets():
        body = re.search(rf"^{name}:.*\n((?:\t.*\n)*)", text, re.MULTILINE).group(1)
        assert body.count("\n") <= 1, name


def test_make_builds_strictly_and_review_builds_first():
    assert make("-n", "all").splitlines()[-1] == ".venv/bin/vanban build --strict"
    assert make("-n", "check").splitlines()[-1] == ".venv/bin/vanban check --strict"
    review = make("-n", "review").splitlines()
    assert review[-2:] == [".venv/bin/vanban build --strict", ".venv/bin/vanban review "]
    assert make("-n", "issue", "DOC=kh-tinh", "DATE=15/10/2024").splitlines()[-1] == \
        ".venv/bin/vanban issue kh-tinh --date 15/10/2024"


def test_make_test_installs_what_the_tests_need_outside_python_first():
    assert make("-n", "test").splitlines()[-1] == "bash scripts/install-system-deps.sh && .venv/bin/pytest"
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    for tool in ("soffice", "pdftoppm", "pandoc", "chromium", "uno"):
        assert f"command -v {tool} " in script or f'"import {tool}"' in script
    assert 'SUDO="sudo"' in script and "echo \"Cài các gói hệ thống" in script
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == "make test" and "install-system-deps" not in "".join(ci)  # no third step


def test_the_first_install_is_quiet():
    """setuptools warns (some 90 lines) on a license written as a table; pip speaks only of errors."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"  # an SPDX expression, not {text = …}
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])
    install = make("-n", "-B", ".venv/bin/vanban").splitlines()
    assert [line for line in install if "pip install" in line] == [
        ".venv/bin/pip install -qq --upgrade pip", ".venv/bin/pip install -qq -e '.[test]'"]
    assert install[0].startswith('echo "Đang cài vanban vào .venv/')


# --- two `make` at once in a fresh clone (issue 15): the set-up runs once, one after the other ---------------------
# The real Makefile and make, with a stand-in for the Python that makes the venv (PYTHON=): its
# `-m venv` makes a pip that takes a second and fails, as pip did with a traceback, when another pip
# runs in the same venv at the same time.

FAKE_PYTHON = """#!/bin/sh
# stand-in for `python3 -m venv DIR`: a venv whose pip refuses to run twice at once
[ "$1" = "-m" ] && [ "$2" = "venv" ] || exit 2
mkdir -p "$3/bin"
echo venv >> setup.log
cat > "$3/bin/pip" <<'EOF'
#!/bin/sh
dir=$(dirname "$0")
mkdir "$dir/../pip-running" 2>/dev/null || { echo "Traceback: another pip in this venv" >&2; exit 1; }
echo "pip $*" >> setup.log
sleep 1
rmdir "$dir/../pip-running"
EOF
printf '#!/bin/sh\\necho pybabel >> setup.log\\n' > "$3/bin/pybabel"
printf '#!/bin/sh\\necho "python $*" >> setup.log\\n' > "$3/bin/python"
chmod +x "$3/bin/pip" "$3/bin/pybabel" "$3/bin/python"
"""


def test_two_makes_at_once_set_up_the_venv_once(tmp_path):
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    python = tmp_path / "fake-python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)

    def make(_):
        env = {k: v for k, v in os.environ.items() if k not in ("VANBAN_LANG", "MAKEFLAGS", "MAKELEVEL")}
        return subprocess.run(["make", "install", f"PYTHON={python}"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, env=env)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(make, range(2)))
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert "Traceback" not in "".join(r.stderr for r in results)
    log = (tmp_path / "setup.log").read_text().splitlines()
    assert log == ["venv", "pip install -qq --upgrade pip", "pip install -qq -e .[test]", "pybabel",
                   "python -m compileall -q pipeline"]  # once
    assert (tmp_path / ".venv" / "bin" / "vanban").exists()
