"""``vanban backup -o FILE``: a consistent copy of the register, taken while others issue numbers."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import time
from pathlib import Path

from hostile.bigdata import with_letters
from hostile.runner import command, environment

from pipeline.archive.verify import series_problems
from pipeline.register.store import Register

LETTERS = 12


def run(work: Path, *args: str, base: tuple[str, ...] | None = None) -> subprocess.CompletedProcess:
    argv = command(*args) if base is None else command(*args, base=base)
    return subprocess.run(argv, cwd=work, env=environment(), capture_output=True, text=True, timeout=120)


def rows(path: Path) -> list[tuple]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT * FROM issued ORDER BY series, number").fetchall()
    finally:
        db.close()


def test_backups_taken_while_numbers_are_issued_are_consistent_registers(tmp_path):
    with_letters(tmp_path / "data", LETTERS)
    assert run(tmp_path, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0
    issues = []
    backups = []
    for i in range(1, LETTERS + 1):
        issues.append(subprocess.Popen(command("issue", f"dot/cv-{i:03d}", "--date", "2025-01-06"), cwd=tmp_path,
                                       env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        if i % 3 == 0:  # a backup now and then, while the issues run
            backups.append((tmp_path / f"sao-luu-{i}.sqlite3", subprocess.Popen(
                command("backup", "-o", f"sao-luu-{i}.sqlite3"), cwd=tmp_path, env=environment(),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        time.sleep(0.05)
    for process in issues:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    final = rows(tmp_path / "so-dang-ky.sqlite3")
    for copy, process in backups:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        match = re.fullmatch(rf"Đã sao lưu sổ đăng ký vào {re.escape(copy.name)}: (\d+) số\.\n", out)
        assert match, out
        copied = rows(copy)
        assert int(match.group(1)) == len(copied)
        assert set(copied) <= set(final)  # each row whole, as the register has it
        with Register(copy) as register:
            assert series_problems(register.entries()) == []  # a moment of the register: no gap
        assert not Path(f"{copy}-wal").exists()  # one self-contained file
    # the last copy is a register to work from: build from it, and verify agrees
    copy = backups[-1][0]
    base = ("--data", "data", "--output", "out-copy", "--register", copy.name)
    assert run(tmp_path, "build", base=base).returncode == 0
    verify = run(tmp_path, "verify", base=base)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_backup_after_the_issues_holds_every_row(tmp_path):
    with_letters(tmp_path / "data", 3)
    for doc in ("kh-goc", "cv-001", "cv-002"):
        assert run(tmp_path, "issue", doc, "--date", "2025-01-06").returncode == 0
    result = run(tmp_path, "backup", "-o", "luu/so.sqlite3")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Đã sao lưu sổ đăng ký vào luu/so.sqlite3: 5 số.\n"  # 188 and 277 of mini, and three
    assert rows(tmp_path / "luu" / "so.sqlite3") == rows(tmp_path / "so-dang-ky.sqlite3")
    kept = run(tmp_path, "backup", "-o", "luu/so.sqlite3")  # an older copy, outside output/: kept
    assert kept.returncode == 1
    assert kept.stderr == "luu/so.sqlite3 đã có và nằm ngoài thư mục out/; vanban không ghi đè nếu không có --overwrite.\n"
    again = run(tmp_path, "backup", "-o", "luu/so.sqlite3", "--overwrite")  # replaces it when told so
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "luu").iterdir()) == ["so.sqlite3"]  # no temporary left


def test_backup_refusals_are_vietnamese_and_write_nothing(tmp_path):
    missing = run(tmp_path, "backup", "-o", "sao-luu.sqlite3")
    assert missing.returncode == 1
    assert missing.stderr == "không có sổ đăng ký so-dang-ky.sqlite3 để sao lưu\n"
    (tmp_path / "so-dang-ky.sqlite3").write_bytes(b"not a database, typed by hand " * 100)
    itself = run(tmp_path, "backup", "-o", "so-dang-ky.sqlite3")
    assert itself.returncode == 1
    assert itself.stderr == "tệp sao lưu so-dang-ky.sqlite3 chính là sổ đăng ký; hãy chọn tệp khác\n"
    broken = run(tmp_path, "backup", "-o", "sao-luu.sqlite3")
    assert broken.returncode == 1
    assert broken.stderr == (
        "sổ đăng ký so-dang-ky.sqlite3 bị hỏng (file is not a database); không có số nào được cấp hay ghi. "
        "Hãy khôi phục sổ từ bản sao lưu gần nhất (tệp do vanban backup tạo): chép bản đó về so-dang-ky.sqlite3 "
        "rồi chạy lại.\n")
    assert "Traceback" not in broken.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["so-dang-ky.sqlite3"]
