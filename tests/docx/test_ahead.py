"""The default template compiled ahead (pipeline/docx/ahead.py): the program's own, and the same documents."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

from pipeline.cascade.check import check_sources
from pipeline.docx import ahead
from pipeline.docx.render import TEMPLATE, Renderer, make_jinja_env, template_context
from pipeline.installed import installed_versions

DATA = ROOT / "data"


def test_the_compiled_template_kept_with_the_program_is_what_make_template_writes_now(tmp_path):
    # Fails after a change of templates/van-ban.docx without `make template`.
    from pipeline.docx import compiled

    ahead.write(make_jinja_env(), TEMPLATE.read_bytes(), tmp_path)
    same = [(tmp_path / name).read_text(encoding="utf-8") == (ahead.COMPILED / name).read_text(encoding="utf-8")
            for name in ("__init__.py", "body.py", "core.py")]
    loaded = ahead.load(make_jinja_env(), TEMPLATE.read_bytes())
    if installed_versions(ahead.LIBRARIES) == compiled.VERSIONS:
        assert same == [True] * 3 and loaded is not None
    else:  # installed with other versions of the libraries: every build prepares and compiles the template itself
        assert loaded is None


def test_a_build_with_it_imports_neither_docxtpl_nor_python_docx():
    import subprocess

    from pipeline.docx import compiled

    code = "import sys; from pipeline.docx.render import Renderer; Renderer(); " \
           "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docxtpl', 'docx')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    if installed_versions(ahead.LIBRARIES) == compiled.VERSIONS:
        assert out.stdout == "[]\n"
    else:  # other versions installed: the template is prepared by docxtpl, as before
        assert "docxtpl" in out.stdout


@pytest.fixture(scope="module")
def contexts():
    from pipeline.build.work import template_args

    sources, trees = check_sources(DATA)
    out = []
    for tree in trees:
        by_id = tree.by_id()
        out += [template_context(*template_args(doc, by_id, sources.registry)) for doc in tree.documents]
    assert len(out) > 10
    return out


def test_every_document_of_data_is_the_same_whether_the_template_was_compiled_ahead_or_now(contexts, tmp_path,
                                                                                          monkeypatch):
    ahead.write(make_jinja_env(), TEMPLATE.read_bytes(), tmp_path)  # with the libraries installed, whatever they are
    monkeypatch.setattr(ahead.load, "__defaults__", (tmp_path,))
    ahead_made = Renderer()
    assert ahead_made._body.root_render_func.__code__.co_filename == str(tmp_path / "body.py")
    monkeypatch.setattr(ahead, "load", lambda env, template: None)
    made_now = Renderer()
    assert made_now._body.root_render_func.__code__.co_filename == "<template>"
    for context in contexts:
        assert ahead_made.render_parts(context) == made_now.render_parts(context)


def test_another_template_is_prepared_and_compiled_as_before(tmp_path, contexts):
    other = tmp_path / "mau-khac.docx"
    other.write_bytes(TEMPLATE.read_bytes() + b"\0")  # a zip read from its end: the same parts, other bytes
    assert ahead.load(make_jinja_env(), other.read_bytes()) is None
    assert Renderer(other).render_parts(contexts[0]) == Renderer().render_parts(contexts[0])
