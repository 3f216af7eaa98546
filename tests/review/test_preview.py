"""``vanban preview`` in a real headless Chromium: edit a YAML file and the page shows the new text;
break it and the page shows the messages as the terminal does; fix it and the page recovers.

The real command (uvicorn, watchfiles, LibreOffice, poppler) runs in its own process on a copy
of the mini data set; the browser is driven through its DevTools protocol (tests/browser.py).
Every wait polls with a deadline. The time from each save to the page showing it is printed
(``pytest -s``), not asserted: speed is measured, not timed in tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import Browser
from conftest import MINI, vanban_in

VANBAN = Path(sys.executable).with_name("vanban")
CAMPAIGN = Path("data") / "chien-dich" / "mau.yaml"
OLD = "Tiếp tục quán triệt và tổ chức thực hiện tốt các chủ trương của Đảng."
NEW = "Tiếp tục quán triệt và tổ chức thực hiện nghiêm các nghị quyết của Đảng."
PAGE_TEXT = "Array.from(document.querySelectorAll('img.page')).map(i => i.alt).join(' ')"
ERRORS = "(document.querySelector('.errors pre') || {}).textContent || ''"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("preview")
    shutil.copytree(MINI, work / "data", ignore=shutil.ignore_patterns("*.sqlite3*"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    process = subprocess.Popen([str(VANBAN), "--data", "data", "--output", "out", "--register", "so.sqlite3",
                                "preview", "--port", "0"], cwd=work, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        url = None
        deadline = time.monotonic() + 180
        while url is None and time.monotonic() < deadline and process.poll() is None:
            line = process.stdout.readline()
            match = re.search(r"Xem trước tại (http://127\.0\.0\.1:\d+/)", line)
            url = match.group(1) if match else None
        assert url, f"no address printed (status {process.poll()})"
        browser = Browser(work / "chromium", width=1400, height=1000)
        try:
            browser.open(url)
            yield {"work": work, "url": url, "browser": browser, "process": process}
        finally:
            browser.close()
    finally:
        process.terminate()  # as a service manager stops it: LibreOffice and the temporary files go with it
        stopped = process.wait(timeout=60)
        said = process.stdout.read()
        process.stdout.close()
        process.stderr.close()
    assert stopped == 0 and said.endswith("Đã dừng xem trước.\n"), (stopped, said)


def save(work: Path, old: str, new: str) -> float:
    path = work / CAMPAIGN
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return time.monotonic()


def test_listens_on_this_machine_only(preview):
    port = int(preview["url"].rsplit(":", 1)[1].strip("/"))
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"]
    assert listening == [f"0100007F:{port:04X}"]  # 127.0.0.1, nowhere else
    assert not any(line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"
                   for line in Path("/proc/net/tcp6").read_text().splitlines()[1:])


def test_shows_every_document_as_its_pages(preview):
    browser = preview["browser"]
    subjects = browser.value("Array.from(document.querySelectorAll('section.doc h2')).map(h => h.textContent)")
    assert len(subjects) == 10
    assert any("Phát động phong trào thi đua đặc biệt" in s for s in subjects)
    assert browser.wait_for("(() => { const i = document.querySelector('img.page'); "
                            "return i.complete && i.naturalWidth > 700; })()")  # the first page, at 96 dpi
    assert OLD in browser.value(PAGE_TEXT)  # the text LibreOffice laid out, not the YAML's


def test_edit_break_fix(preview):
    browser, work = preview["browser"], preview["work"]
    version = browser.value("document.getElementById('noi-dung').dataset.version")

    saved = save(work, OLD, NEW)
    browser.wait_for(f"{PAGE_TEXT}.includes({NEW!r})", timeout=60)
    shown = time.monotonic() - saved
    assert browser.value("document.getElementById('noi-dung').dataset.version") != version
    assert OLD not in browser.value(PAGE_TEXT)
    assert browser.value("window.scrollY === 0 && document.querySelectorAll('section.doc').length") == 10
    print(f"\nsave → page shows the new text: {shown:.2f} s")

    saved = save(work, "    ngay: 24/10/2024\n", "    ngay: 32/10/2024\n")
    errors = browser.wait_for(ERRORS, timeout=60)
    print(f"save → page shows the error: {time.monotonic() - saved:.2f} s")
    check = vanban_in(work, "check")
    assert check.returncode == 1
    assert errors == check.stderr.rstrip("\n")  # as the terminal prints it: file:line:column
    assert errors.startswith("data/chien-dich/mau.yaml:40:11: cv-ldld: ngay: ngày không có thật: '32/10/2024'\n")
    assert NEW in browser.value(PAGE_TEXT)  # the last pages that were right stay below

    saved = save(work, "    ngay: 32/10/2024\n", "    ngay: 24/10/2024\n")
    browser.wait_for(f"!document.querySelector('.errors') && {PAGE_TEXT}.includes({NEW!r})", timeout=60)
    print(f"save → page recovered: {time.monotonic() - saved:.2f} s")


def test_a_port_in_use_is_said_and_nothing_is_built(tmp_path, monkeypatch):
    import socket

    work, temporary = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = vanban_in(work, "preview", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.startswith(f"không mở được cổng {port} trên 127.0.0.1 (")
    assert result.stderr.endswith("); thử --port khác\n")
    assert list(work.iterdir()) == []
    assert list(temporary.iterdir()) == [], "the preview's temporary folder stays behind"


def test_without_uno_the_preview_starts_a_libreoffice_per_conversion(monkeypatch):
    from pipeline.review import warm_office

    monkeypatch.setattr(warm_office, "SYSTEM_PYTHONS", ("/nonexistent/python3",))
    assert warm_office.WarmOffice.start() is None  # the preview then converts as the review does
