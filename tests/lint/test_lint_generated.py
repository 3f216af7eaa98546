"""Documents the build makes pass the linter, whatever words their trích yếu starts with."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.lint.linter import lint_docx

ROOT = Path(__file__).resolve().parents[2]
VANBAN = Path(sys.executable).with_name("vanban")
SUBJECT = "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n"


@pytest.mark.parametrize("opening", ["Thực hiện", "Căn cứ", "Theo", "Kính gửi"])
def test_a_subject_opening_like_body_text_still_lints_clean(tmp_path, opening):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data" / "mini", data)
    campaign = data / "chien-dich" / "mau.yaml"
    text = campaign.read_text(encoding="utf-8")
    assert text.count(SUBJECT) == 1
    campaign.write_text(text.replace(SUBJECT, f"    trich_yeu: {opening} đăng ký công trình chào mừng Đại hội\n"),
                        encoding="utf-8")
    result = subprocess.run([str(VANBAN), "--data", str(data), "--output", str(tmp_path / "out"),
                             "--register", str(tmp_path / "so.sqlite3"), "build"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr  # the build lints every document it writes
    assert lint_docx(tmp_path / "out" / "mau" / "tb-huyen-van-yen.docx") == []
