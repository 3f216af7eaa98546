"""The program's fingerprint: the versions of the libraries that shape a DOCX, read as importlib.metadata reads them."""

import subprocess
import sys
from importlib import metadata

import pytest

from pipeline import installed
from pipeline.build import cache

NAMES = ("docxtpl", "jinja2", "markup-safe", "nothing-here", "absent")


def _dist(folder, name, text, file=None):
    path = folder / name
    if file is None:
        path.write_text(text, encoding="utf-8")  # an old .egg-info that is a file
    else:
        path.mkdir()
        (path / file).write_text(text, encoding="utf-8")


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """Two folders on sys.path holding distributions named as installers of every age named them."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _dist(first, "Jinja2-3.1.4.dist-info", "Metadata-Version: 2.1\nName: Jinja2\nVersion: 3.1.4\n\nVersion: 0\n", "METADATA")
    _dist(first, "docxtpl-0.1.post2-py3.11.egg-info", "Metadata-Version: 1.0\nName: docxtpl\nversion: 0.1.post2\n")
    _dist(second, "jinja2-9.9.dist-info", "Name: jinja2\nVersion: 9.9\n\n", "METADATA")  # behind the first
    _dist(second, "Markup.Safe-2.0.0.dist-info", "Name: Markup.Safe\nVersion: 2.0.0 \n\tfolded\n\n", "PKG-INFO")
    _dist(second, "nothing_here-1.0.dist-info", "Name: nothing-here\n\nVersion: 1.0\n", "METADATA")  # in the body
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    return first


_by_importlib = installed._asked  # what importlib.metadata says: the versions read without it must be the same


def test_the_versions_are_those_importlib_metadata_gives(site):
    assert cache.installed_versions(NAMES) == _by_importlib(NAMES) == {
        "docxtpl": "0.1.post2", "jinja2": "3.1.4", "markup-safe": "        2.0.0 \n\tfolded", "nothing-here": None}


def test_the_installed_libraries_versions_are_those_importlib_metadata_gives():
    assert cache.installed_versions(cache.LIBRARIES) == _by_importlib(cache.LIBRARIES)
    assert set(cache.installed_versions(cache.LIBRARIES)) == set(cache.LIBRARIES)


def test_the_fingerprint_changes_when_a_librarys_version_does(tmp_path, monkeypatch):
    cache.program_fingerprint.cache_clear()
    try:
        before = cache.program_fingerprint()
        _dist(tmp_path, "DocxTpl-99.0.dist-info", "Name: docxtpl\nVersion: 99.0\n\n", "METADATA")
        monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
        cache.program_fingerprint.cache_clear()
        assert cache.program_fingerprint() != before
        assert cache.installed_versions(("docxtpl",)) == {"docxtpl": metadata.version("docxtpl")} == {"docxtpl": "99.0"}
        monkeypatch.undo()
        cache.program_fingerprint.cache_clear()
        assert cache.program_fingerprint() == before
    finally:
        cache.program_fingerprint.cache_clear()


def test_a_command_finds_them_without_importing_importlib_metadata():
    script = ("import sys\nfrom pipeline.build import cache\ncache.program_fingerprint()\n"
              "print('importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\n", "")
