"""Hostile surroundings: the register, output/, exports and special files, as an attacker (or an accident) leaves them.

The corpus in ``cases.py`` edits the sources; these scenes change what lies around them.
Each starts from the same work folder (``base``: tests/data/mini built, hd-ldld issued as
01/HD-LĐLĐ on 10/03/2025, built again), applies its ``steps``, runs one ``vanban`` command
as a real process and must print exactly ``tests/hostile/expected/scenes/<name>.txt``
(``pytest --update-golden`` rewrites it; review the diff). Every file under the paths in
``untouched``, and everything under ``elsewhere/`` (where planted links lead), must be
byte for byte as before the command.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REGISTER = "so-dang-ky.sqlite3"
CAMPAIGN = "data/chien-dich/mau.yaml"
TODAY = "2026-12-05"  # VANBAN_TODAY of every scene: "after today" means the same on any day
Step = Callable[[Path], None]


@dataclass(frozen=True)
class Scene:
    name: str
    why: str
    steps: tuple[Step, ...]
    command: tuple[str, ...]
    code: int = 1
    untouched: tuple[str, ...] = ()  # paths (files or folders) the command must leave as they were
    env: dict = field(default_factory=dict)
    encoding: str = "utf-8"  # how the command's output is read (a latin-1 console)


# --- steps ----------------------------------------------------------------------------------------------------------


def vanban(*args: str) -> Step:
    """Run ``vanban ARGS`` as a step: it must succeed."""
    def step(work: Path) -> None:
        from test_hostile_scenes import run_scene_command

        done = run_scene_command(work, args)
        assert done.returncode == 0, (args, done.stderr)
    return step


def move(source: str, target: str) -> Step:
    return lambda work: os.replace(work / source, work / target)


def copy(source: str, target: str) -> Step:
    return lambda work: shutil.copyfile(work / source, work / target)


def remove(path: str) -> Step:
    def step(work: Path) -> None:
        target = work / path
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    return step


def write(path: str, data: bytes) -> Step:
    def step(work: Path) -> None:
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_bytes(data)
    return step


def link(path: str, target: str) -> Step:
    return lambda work: os.symlink(target, work / path)


def fifo(path: str) -> Step:
    return lambda work: os.mkfifo(work / path)


def folder(path: str) -> Step:
    return lambda work: (work / path).mkdir(parents=True)


def truncate(path: str, keep: float) -> Step:
    """Cut ``path`` to ``keep`` of its size (0: empty)."""
    def step(work: Path) -> None:
        target = work / path
        os.truncate(target, int(target.stat().st_size * keep))
    return step


def sql(statement: str) -> Step:
    """Change the register behind vanban's back (an editor, a script, a faulty disk)."""
    def step(work: Path) -> None:
        with sqlite3.connect(work / REGISTER) as db:
            db.execute(statement)
        db.close()
    return step


def other_database(path: str) -> Step:
    def step(work: Path) -> None:
        (work / path).unlink(missing_ok=True)
        with sqlite3.connect(work / path) as db:
            db.execute("CREATE TABLE danh_ba (ten TEXT)")
        db.close()
    return step


def new_register(path: str) -> Step:
    """Put a new, empty register where the register was (made by vanban itself, for another output)."""
    def step(work: Path) -> None:
        from pipeline.register.store import Register

        (work / path).unlink()
        Register(work / path).close()
    return step


def edit(path: str, old: str, new: str) -> Step:
    def step(work: Path) -> None:
        text = (work / path).read_text(encoding="utf-8")
        assert text.count(old) == 1, (path, old)
        (work / path).write_text(text.replace(old, new), encoding="utf-8")
    return step


SUBJECT = "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n"  # tb-huyen-van-yen, a draft leaf
NEW_SUBJECT = "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội (bổ sung)\n"

SCENES: list[Scene] = [
    # --- the register must never lose or repeat a number ----------------------------------------------------------
    Scene("register-made-by-the-first-build", "a fresh clone: no output, no register; `make` just works",
          (remove("out"), remove(REGISTER)), ("build",), code=0),
    Scene("register-moved-away-build", "the register moved away: a build would make an empty one and print drafts",
          (move(REGISTER, "elsewhere/so.sqlite3"),), ("build",), untouched=("out",)),
    Scene("register-moved-away-issue", "the register moved away: the next issue would start again at 01",
          (move(REGISTER, "elsewhere/so.sqlite3"),), ("issue", "cv-ldld", "--date", "2025-03-12"), untouched=("out",)),
    Scene("register-older-copy", "the register replaced by a copy made before the last issue",
          (copy(REGISTER, "elsewhere/cu.sqlite3"), vanban("issue", "cv-ldld", "--date", "2025-03-12"), vanban("build"),
           copy("elsewhere/cu.sqlite3", REGISTER)), ("build",), untouched=("out", REGISTER)),
    Scene("register-new-and-empty", "the register replaced by a new, empty one",
          (new_register(REGISTER),), ("build",), untouched=("out", REGISTER)),
    Scene("register-wal-left-behind", "the register moved away without its -wal file, output/ removed",
          (move(REGISTER, "elsewhere/so.sqlite3"), remove("out"), write(REGISTER + "-wal", b"\x37\x7f\x06\x82" * 64)),
          ("build",), untouched=(REGISTER + "-wal",)),
    Scene("register-truncated", "the register cut in half (a copy stopped midway)",
          (truncate(REGISTER, 0.5),), ("build",), untouched=("out", REGISTER)),
    Scene("register-empty-file", "the register emptied to 0 bytes", (truncate(REGISTER, 0),),
          ("issue", "cv-ldld", "--date", "2025-03-12"), untouched=("out", REGISTER)),
    Scene("register-garbage", "the register overwritten with text", (write(REGISTER, b"khong phai so dang ky " * 200),),
          ("verify",), untouched=("out", REGISTER)),
    Scene("register-another-database", "another SQLite database given as the register", (other_database(REGISTER),),
          ("build",), untouched=("out", REGISTER)),
    Scene("register-row-hash-altered-verify", "a row's content hash edited by hand: verify must blame the row",
          (sql("UPDATE issued SET content_sha256 = '" + "0" * 64 + "' WHERE document = 'hd-ldld'"),), ("verify",),
          untouched=("out", REGISTER)),
    Scene("register-row-hash-altered-build", "the same: the build must blame the register, not the sources",
          (sql("UPDATE issued SET content_sha256 = '" + "0" * 64 + "' WHERE document = 'hd-ldld'"),), ("build",),
          untouched=("out", REGISTER)),
    Scene("register-row-date-altered", "a row's date edited by hand",
          (sql("UPDATE issued SET date = '2025-03-01' WHERE document = 'hd-ldld'"),), ("verify",),
          untouched=("out", REGISTER)),
    Scene("issue-date-2205", "a typo'd issue date: ZIP dates end in 2107",
          (), ("issue", "cv-ldld", "--date", "2205-01-03"), untouched=("out", REGISTER)),
    Scene("issue-date-1979", "an issue date before ZIP dates begin", (), ("issue", "cv-ldld", "--date", "1979-12-31"),
          untouched=("out", REGISTER)),
    Scene("issue-date-after-today", "an issue date two days ahead, none allowed",
          (), ("issue", "cv-ldld", "--date", "2026-12-07"), untouched=("out", REGISTER)),
    Scene("issue-date-after-today-allowed", "the same with two days allowed", (),
          ("issue", "cv-ldld", "--date", "2026-12-07", "--days-ahead", "2"), code=0),
    Scene("issue-back-dated", "number 02 dated before number 01 of the same series: a warning",
          (), ("issue", "cv-ldld", "--date", "2025-03-05"), code=0),
    Scene("issue-after-the-printed-deadline", "a plan printing 'trước ngày 25/10/2024' numbered on 30/10/2024: a warning",
          (), ("issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-30"), code=0),
    Scene("issue-again-on-another-day", "an issued document issued again with another date: the date is not used, said",
          (vanban("issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-20"),),
          ("issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-21"), code=0),
    Scene("void-without-reason", "a void with an empty reason", (), ("void", "hd-ldld", "--ly-do", "   "),
          untouched=("out", REGISTER)),
    Scene("void-a-draft", "a void of a document that has no number", (), ("void", "cv-ldld", "--ly-do", "Nhầm"),
          untouched=("out", REGISTER)),
    Scene("void-a-cited-parent", "a void of a number its issued child cites",
          (vanban("issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2025-01-02"),
           vanban("issue", "qd-khen-thuong", "--date", "2025-12-16")),
          ("void", "kh-huyen--ubnd-huyen-tram-tau", "--ly-do", "Nhầm"), untouched=("out", REGISTER)),
    Scene("void-then-build", "a voided number: the document is a draft again, its number never given again",
          (vanban("void", "hd-ldld", "--ly-do", "Cấp nhầm: văn bản chưa ký"), vanban("build"),
           vanban("issue", "hd-ldld", "--date", "2025-03-11"), vanban("build")), ("verify",), code=0),
    Scene("void-a-preissued-number-still-in-the-sources", "277 voided, but the sources still say so: 277",
          (vanban("void", "kh-duk", "--ly-do", "Số ghi nhầm"),), ("build",), untouched=("out", REGISTER)),

    # --- no command writes over the register, a source, or outside output/ unasked --------------------------------------
    Scene("export-over-the-register", "the Sổ exported over the live register",
          (), ("register", "--format", "csv", "-o", REGISTER), untouched=(REGISTER,)),
    Scene("export-over-the-register-through-a-link", "the same, through a link to it",
          (link("so.csv", REGISTER),), ("register", "--format", "csv", "-o", "so.csv"), untouched=(REGISTER,)),
    Scene("export-into-the-sources", "the Sổ exported into data/", (), ("register", "--format", "xlsx", "-o", "data/so.xlsx"),
          untouched=("data",)),
    Scene("export-over-a-file-outside-output", "the Sổ exported over an existing file outside output/",
          (write("elsewhere/so.csv", b"giu nguyen\n"),), ("register", "--format", "csv", "-o", "elsewhere/so.csv")),
    Scene("backup-over-a-source", "a backup written over the registry", (), ("backup", "-o", "data/to-chuc.yaml"),
          untouched=("data",)),

    # --- nothing outside output/ is written, deleted or followed ----------------------------------------------------------
    Scene("lock-file-is-a-link", "output/.vanban.lock planted as a link: its target would be truncated",
          (write("elsewhere/nan-nhan.txt", b"du lieu quan trong\n"), link("out/.vanban.lock", "../elsewhere/nan-nhan.txt")),
          ("build",), untouched=("out/mau",)),
    Scene("campaign-folder-is-a-link", "output/<campaign> a link to another folder: its files would be replaced or deleted",
          (write("elsewhere/thu-muc/khac.docx", b"cua nguoi khac"), remove("out/mau"), link("out/mau", "../elsewhere/thu-muc")),
          ("build",)),
    Scene("stage-is-a-link", "the build's stage a link to another folder",
          (write("elsewhere/tam/XONG", b""), write("elsewhere/tam/tb-huyen-van-yen.docx", b"cua nguoi khac"),
           link("out/mau/.vanban-moi", "../../elsewhere/tam"), edit(CAMPAIGN, SUBJECT, NEW_SUBJECT)),
          ("build",)),
    Scene("pdf-folder-is-a-link", "output/<campaign>/pdf a link: vanban pdf would write there and delete its files",
          (write("elsewhere/pdf/cu.pdf", b"%PDF cua nguoi khac"), link("out/mau/pdf", "../../elsewhere/pdf")), ("pdf",)),
    Scene("review-folder-is-a-link", "output/<campaign>/review a link: vanban review would write and delete there",
          (write("elsewhere/xem/ghi-chu.md", b"cua nguoi khac"), link("out/mau/review", "../../elsewhere/xem")), ("review",)),
    Scene("a-docx-the-build-did-not-write", "a DOCX in output/<campaign> that no manifest names: reported, kept",
          (write("out/mau/tu-soan.docx", b"van ban soan tay"),), ("build",), code=0, untouched=("out/mau/tu-soan.docx",)),

    # --- special files given to lint ------------------------------------------------------------------------------------
    Scene("lint-a-fifo", "a FIFO named x.docx: opened, it would wait for ever", (fifo("x.docx"),), ("lint", "x.docx")),
    Scene("lint-a-link-to-dev-zero", "a link to /dev/zero named x.docx", (link("x.docx", "/dev/zero"),), ("lint", "x.docx")),
    Scene("lint-a-folder-named-docx", "a folder named x.docx (it was 'Đúng thể thức: 1 tệp')",
          (folder("x.docx"),), ("lint", "x.docx")),

    # --- the console ----------------------------------------------------------------------------------------------------
    Scene("console-latin-1", "a console that cannot show Vietnamese (it exited 2)", (), ("check",), code=0,
          env={"PYTHONIOENCODING": "latin-1"}, encoding="latin-1"),
]
