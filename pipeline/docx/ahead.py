"""The default template prepared and compiled ahead of time, kept with the program.

Speed: every build began by preparing the template with docxtpl (which joins the Jinja tags
Word splits across runs; importing it and python-docx alone took ~50 ms) and compiling the
result with Jinja (~45 ms): a tenth of a one-leaf edit of the 100k bench. What they make
depends only on the template's bytes, on docxtpl's and Jinja's versions and on the Jinja
environment (``make_jinja_env``). So ``make template`` writes it once into
``pipeline/docx/compiled/`` as Python (``write``), and a build whose template and libraries
are the ones it was written for takes the code from there (``load``), through Python's own
bytecode cache, in well under a millisecond. Any other template, or other versions, is
prepared and compiled as before (``prepare``); ``tests/docx/test_ahead.py`` holds the two
ways to the same bytes.

The compiled code is Python: it is kept where the program's own modules are, never in an
output folder (where anyone may have written a file for the build to run).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import io
import zipfile
from pathlib import Path

import jinja2

from pipeline.installed import installed_versions

COMPILED = Path(__file__).resolve().parent / "compiled"
PACKAGE = "pipeline.docx.compiled"
PARTS = {"body": "word/document.xml", "core": "docProps/core.xml"}  # compiled part → the template's part it is of
LIBRARIES = ("docxtpl", "python-docx", "jinja2")  # those that prepare and compile it
ENVIRONMENT = "autoescape StrictUndefined keep_trailing_newline"  # make_jinja_env's: say here if it changes


def make_jinja_env() -> jinja2.Environment:
    """Return the strict environment every template renders in: escaping on, no silent blanks."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def key(template: bytes) -> str:
    """Return what the compiled code depends on: the template's bytes, the libraries, the environment."""
    digest = hashlib.sha256(template)
    versions = installed_versions(LIBRARIES)
    for library in LIBRARIES:
        digest.update(f"\n{library} {versions.get(library)}".encode())
    digest.update(f"\n{ENVIRONMENT}".encode())
    return digest.hexdigest()


def prepare(template: bytes) -> dict[str, str]:
    """Return the Jinja source of each part ``PARTS`` names, as docxtpl prepares the body.

    Raises OSError, zipfile.BadZipFile or KeyError for a file that is no template.
    """
    from docxtpl import DocxTemplate  # imported only here: with python-docx, ~50 ms

    prepared = DocxTemplate(io.BytesIO(template))
    prepared.init_docx()
    with zipfile.ZipFile(io.BytesIO(template)) as package:
        core = package.read(PARTS["core"]).decode("utf-8")
    return {"body": prepared.patch_xml(prepared.get_xml()), "core": core}


def load(env: jinja2.Environment, template: bytes, folder: Path = COMPILED) -> dict[str, jinja2.Template] | None:
    """Return the compiled templates of ``template`` kept in ``folder`` (the program's own), or None if they are
    of another template or other libraries, or not there."""
    code = {}
    for name in ("__init__", *PARTS):
        path = folder / f"{name}.py"
        if not path.is_file():
            return None
        # Through Python's bytecode cache beside it (__pycache__), as the program's own modules are read.
        code[name] = importlib.machinery.SourceFileLoader(f"{PACKAGE}.{name}", str(path)).get_code(None)
    recorded: dict = {}
    exec(code["__init__"], recorded)  # KEY and VERSIONS: constants written by ``write``
    if recorded.get("KEY") != key(template):
        return None
    return {name: jinja2.Template.from_code(env, code[name], env.make_globals(None)) for name in PARTS}


def write(env: jinja2.Environment, template: bytes, folder: Path = COMPILED) -> None:
    """Write the compiled templates of ``template`` into ``folder``: one module per part, and its key."""
    folder.mkdir(exist_ok=True)
    note = "# Written by `make template` (pipeline/docx/ahead.py) from templates/van-ban.docx: do not edit.\n"
    for name, source in prepare(template).items():
        (folder / f"{name}.py").write_text(note + env.compile(source, raw=True) + "\n", encoding="utf-8")
    (folder / "__init__.py").write_text(
        f'"""The default template, prepared and compiled ahead (``pipeline.docx.ahead``)."""\n\n{note}'
        f'KEY = "{key(template)}"\nVERSIONS = {dict(sorted(installed_versions(LIBRARIES).items()))!r}\n', encoding="utf-8")


if __name__ == "__main__":  # make template: python -m pipeline.docx.ahead templates/van-ban.docx
    import sys

    write(make_jinja_env(), Path(sys.argv[1]).read_bytes())
