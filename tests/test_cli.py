"""The ``vanban`` command as a clerk runs it: help everywhere, a summary, readable failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
COMMANDS = sorted(cli.commands)


def test_main_help_lists_every_command(vanban, tmp_path):
    result = vanban("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: vanban [OPTIONS] COMMAND [ARGS]...")
    listed = re.findall(r"^  ([a-z-]+)\s{2,}\S", result.stdout.split("Commands:")[1], flags=re.M)
    assert listed == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(vanban, tmp_path, command):
    result = vanban(command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: vanban {command}")
    description = result.stdout.split("\n\n")[1].strip()
    assert description and not description.startswith("Options:")  # a sentence saying what it does
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []  # asking for help writes nothing


def test_version(vanban, tmp_path):
    result = vanban("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert re.fullmatch(r"vanban, version \d+\.\d+\.\d+\n", result.stdout)


def test_check_on_mini_prints_the_summary(vanban, tmp_path, built):
    result = vanban("--data", str(MINI), "--register", str(tmp_path / "so.sqlite3"), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    match = re.fullmatch(r"Nguồn hợp lệ: 2 tệp, 1 chiến dịch, (\d+) văn bản \((\d+) dự thảo\)\.", summary)
    assert match, summary
    documents = sorted(built(MINI).glob("*/*.docx"))
    assert int(match.group(1)) == len(documents)  # as many as `build` writes
    assert 0 < int(match.group(2)) < len(documents)  # kh-tinh and kh-duk were issued before the project
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # check writes nothing, not even the register


@pytest.mark.parametrize("data, code", [(str(MINI), 0), ("khong-co", 1)])
def test_lang_en_is_accepted(vanban, tmp_path, data, code):
    result = vanban("--lang", "en", "--data", data, "--register", str(tmp_path / "so.sqlite3"), "check",
                    cwd=tmp_path)
    assert result.returncode == code
    assert "Traceback" not in result.stderr


def test_lang_must_be_known(vanban, tmp_path):
    result = vanban("--lang", "fr", "check", cwd=tmp_path)
    assert result.returncode == 1  # a usage mistake is a clerk's mistake: status 1
    assert result.stderr == "vanban: --lang: cần một trong: vi, en; nhận được 'fr'\nXem: vanban --help\n"


@pytest.mark.parametrize("command", ["check", "build"])
def test_wrong_data_path_is_a_vietnamese_message(vanban, tmp_path, command):
    result = vanban("--data", "khong-co", "--output", "out", "--register", "so.sqlite3", command, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "khong-co: không có thư mục nguồn 'khong-co'\n"
        "    Gợi ý: chạy lệnh trong thư mục dự án, hoặc chỉ đúng thư mục bằng --data\n"
        "1 lỗi trong 1 tệp; không có tệp nào được ghi.\n"
    )
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_data_path_that_is_a_file(vanban, tmp_path):
    (tmp_path / "to-chuc.yaml").write_text("co_quan: []\n", encoding="utf-8")
    result = vanban("--data", "to-chuc.yaml", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "không có thư mục nguồn 'to-chuc.yaml'" in result.stderr
    assert "Traceback" not in result.stderr


def test_misspelt_command_suggests_the_right_one(vanban, tmp_path):
    result = vanban("chek", cwd=tmp_path)
    assert result.returncode == 1  # a usage mistake is a clerk's mistake: status 1
    assert result.stderr == "vanban: không có lệnh 'chek'; có phải ý bạn là 'check', 'schema'?\nXem: vanban --help\n"


@pytest.mark.parametrize("args, expected", [
    (("check", "--bogus"), "vanban check: không có tùy chọn --bogus\nXem: vanban check --help\n"),
    (("new", "van-ban", "--cha", "kh-tinh"), "vanban new van-ban: thiếu --co-quan\nXem: vanban new van-ban --help\n"),
    (("issue",), "vanban issue: thiếu MÃ-VĂN-BẢN\nXem: vanban issue --help\n"),
    # click's own types said again in Vietnamese ("'abc' is not a valid integer.")
    (("register", "--year", "abc"), "vanban register: --year: cần một số nguyên, nhận được 'abc'\n"
                                    "Xem: vanban register --help\n"),
    (("sign", "kh-tinh", "--vai", "ai"), "vanban sign: --vai: cần một trong: nguoi-ky, co-quan, ca-hai; nhận được "
                                         "'ai'\nXem: vanban sign --help\n"),
    (("issue", "kh-tinh", "--days-ahead", "999"), "vanban issue: --days-ahead: 999 ngoài khoảng cho phép 0<=x<=366\n"
                                                   "Xem: vanban issue --help\n"),
    (("new", "van-ban", "--co-quan", "x", "--chien-dich", "mau", "--ngay", "15-10-2024"),
     "vanban new van-ban: --ngay: cần ngày dạng dd/mm/yyyy (ví dụ 15/10/2024) hoặc yyyy-mm-dd, nhận được "
     "'15-10-2024'\nXem: vanban new van-ban --help\n"),
])
def test_usage_mistakes_are_said_in_vietnamese(vanban, tmp_path, args, expected):
    result = vanban(*args, cwd=tmp_path)
    assert result.returncode == 1  # a usage mistake is a clerk's mistake: status 1
    assert result.stderr == expected


def test_build_writes_every_document_and_the_manifest(built):
    out = built(MINI)
    visible = [p.name for p in (out / "mau").iterdir() if p.suffix != ".docx" and not p.name.startswith(".")]
    assert visible == ["manifest.json"]  # hidden files are the build's own cache
    assert "kh-tinh.docx" in {p.name for p in (out / "mau").glob("*.docx")}
