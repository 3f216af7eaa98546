"""Messages: every one is extracted and translated, English on request, Vietnamese by default.

The source strings are Vietnamese (``_()``, ``N_()``, ``ngettext()`` in pipeline/);
``make i18n`` extracts them into pipeline/locale/vanban.pot and merges them into
the English catalog pipeline/locale/en/LC_MESSAGES/vanban.po, which is
translated by hand. These tests extract afresh into a temporary file, so a
message added without ``make i18n`` and a translation fails here, naming it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pipeline import i18n
from pipeline.build.progress import format_seconds, summary_line

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "pipeline" / "locale"
POT = LOCALE / "vanban.pot"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "vanban.po"
EN_MO = EN_PO.with_suffix(".mo")
PYBABEL = Path(sys.executable).with_name("pybabel")
VANBAN = Path(sys.executable).with_name("vanban")
# {name}, {s:.2f}, and the literal {{ … }} / {…} a message prints: a translation keeps each one.
BRACES = re.compile(r"\{\{.*?\}\}|\{[^{}]*\}")
MISSPELT = ("    trich_yeu: Phát động phong trào", "    trich_yue: Phát động phong trào")


@pytest.fixture(scope="session", autouse=True)
def english_catalog():
    """Compile en.po into en.mo when it is missing or older (``make install`` does it too)."""
    if not EN_MO.exists() or EN_MO.stat().st_mtime < EN_PO.stat().st_mtime:
        with EN_PO.open("rb") as handle:
            catalog = read_po(handle, locale="en")
        tmp = EN_MO.with_name(f".vanban.mo.{os.getpid()}")
        with tmp.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(tmp, EN_MO)
    yield EN_MO


@pytest.fixture(autouse=True)
def vietnamese_afterwards():
    """A test that switches to English must not leave the rest of the session in English."""
    yield
    i18n.set_language("vi")


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """The messages of the code now: {msgid: message}, extracted as `make i18n` does."""
    out = tmp_path_factory.mktemp("i18n") / "vanban.pot"
    result = subprocess.run([str(PYBABEL), "-q", "extract", "-F", "babel.cfg", "-k", "_", "-k", "N_",
                             "--add-location=file", "-o", str(out), "pipeline"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return {m.id: m for m in read_catalog(out) if m.id}


def text_of(msgid) -> str:
    return msgid if isinstance(msgid, str) else " | ".join(msgid)


def test_extraction_finds_the_messages_of_every_kind(extracted):
    ids = {text_of(k) for k in extracted}
    assert "khóa không hợp lệ '{key}'" in ids  # _() in schema.py
    assert "lỗi cú pháp YAML: thiếu dấu ':' sau tên khóa" in ids  # N_() in a table of load.py
    assert "{n} văn bản | {n} văn bản" in ids  # ngettext() in progress.py
    assert len(extracted) > 100


def test_every_message_is_in_the_template(extracted):
    template = {m.id for m in read_catalog(POT) if m.id}
    missing = [text_of(k) for k in extracted if k not in template]
    assert not missing, "run `make i18n` (messages not in pipeline/locale/vanban.pot):\n" + "\n".join(missing)


def test_every_message_is_translated_into_english(extracted):
    catalog = {m.id: m for m in read_catalog(EN_PO) if m.id}
    untranslated = []
    for msgid in extracted:
        entry = catalog.get(msgid)
        strings = [] if entry is None else ([entry.string] if isinstance(entry.string, str) else list(entry.string))
        if entry is None or "fuzzy" in entry.flags or not strings or not all(s.strip() for s in strings):
            untranslated.append(text_of(msgid))
    assert not untranslated, ("run `make i18n`, then translate in pipeline/locale/en/LC_MESSAGES/vanban.po:\n"
                              + "\n".join(untranslated))


def test_the_english_catalog_has_no_fuzzy_entry():
    fuzzy = [text_of(m.id) for m in read_catalog(EN_PO) if m.id and "fuzzy" in m.flags]
    assert fuzzy == [], "check these translations and remove their '#, fuzzy' line:\n" + "\n".join(fuzzy)


def test_translations_keep_every_placeholder():
    wrong = []
    for m in read_catalog(EN_PO):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = sorted(BRACES.findall(ids[0]))
        for string in strings:
            if string and sorted(BRACES.findall(string)) != expected:
                wrong.append(f"{text_of(m.id)!r} → {string!r}")
    assert wrong == [], "placeholders must stay as in the Vietnamese:\n" + "\n".join(wrong)


def test_english_and_vietnamese_in_process():
    i18n.set_language("en")
    assert i18n._("khóa không hợp lệ '{key}'") == "invalid key '{key}'"
    assert i18n.ngettext("{n} văn bản", "{n} văn bản", 1) == "{n} document"
    assert i18n.ngettext("{n} văn bản", "{n} văn bản", 2) == "{n} documents"
    i18n.set_language("vi")
    assert i18n._("khóa không hợp lệ '{key}'") == "khóa không hợp lệ '{key}'"


def test_without_a_compiled_catalog_messages_stay_vietnamese(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)  # a clone where `make install` never compiled anything
    i18n.set_language("en")
    assert i18n._("khóa không hợp lệ '{key}'") == "khóa không hợp lệ '{key}'"
    assert i18n.ngettext("{n} văn bản", "{n} văn bản", 2) == "{n} văn bản"


def test_summary_line_numbers_in_the_clerks_language():
    i18n.set_language("vi")
    assert summary_line(120, 45, 0.8449) == "Đã tạo 120 văn bản (45 dự thảo) trong 0,84 giây."
    assert format_seconds(1234.5) == "1.234,50"
    i18n.set_language("en")
    assert summary_line(1, 1, 2.5) == "Built 1 document (1 draft) in 2.50 seconds."
    assert summary_line(120, 0, 0.84) == "Built 120 documents (0 drafts) in 0.84 seconds."


# --- the real command on a broken copy of tests/data/mini ---------------------------------------------


def run(args: list[str], cwd: Path, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    if lang:
        env["VANBAN_LANG"] = lang
    return subprocess.run([str(VANBAN), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.fixture
def misspelt(mini_copy):
    """tests/data/mini with 'trich_yeu' misspelt 'trich_yue' in the first document."""
    mini_copy.edit("chien-dich/mau.yaml", *MISSPELT)
    return mini_copy.root


def where_misspelt(data: Path) -> str:
    lines = (data / "chien-dich" / "mau.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "trich_yue" in text)
    return f"data/chien-dich/mau.yaml:{line}:5: kh-tinh: trich_yue: "


def test_check_in_english_with_lang(misspelt):
    result = run(["--lang", "en", "check"], cwd=misspelt.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [where_misspelt(misspelt) + "invalid key 'trich_yue'", "    Hint: did you mean 'trich_yeu'?"]
    assert lines[2:] == ["1 error in 1 file; nothing was written."]
    assert result.stdout == ""


def test_check_in_english_with_the_environment(misspelt):
    result = run(["check"], cwd=misspelt.parent, lang="en")
    assert result.returncode == 1
    assert where_misspelt(misspelt) + "invalid key 'trich_yue'" in result.stderr
    assert "Hint: did you mean 'trich_yeu'?" in result.stderr


def test_lang_option_wins_over_the_environment(misspelt):
    result = run(["--lang", "vi", "check"], cwd=misspelt.parent, lang="en")
    assert "Gợi ý: có phải ý bạn là 'trich_yeu'?" in result.stderr


def test_check_in_vietnamese_by_default(misspelt):
    result = run(["check"], cwd=misspelt.parent)
    assert result.returncode == 1
    assert result.stderr == (where_misspelt(misspelt) + "khóa không hợp lệ 'trich_yue'\n"
                             "    Gợi ý: có phải ý bạn là 'trich_yeu'?\n"
                             "1 lỗi trong 1 tệp; không có tệp nào được ghi.\n")


def test_valid_sources_in_english(mini_copy):
    result = run(["--lang", "en", "check"], cwd=mini_copy.root.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sources are valid: 2 files, 1 campaigns, ")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_seconds_are_written_as_babels_cldr_data_writes_them(lang):
    from babel.numbers import format_decimal

    for seconds in (0, 0.004, 0.005, 0.015, 0.8449, 2.5, 999.995, 1234.5, 12345678.125):
        assert format_seconds(seconds, lang) == format_decimal(round(seconds, 2), format="#,##0.00", locale=lang)
