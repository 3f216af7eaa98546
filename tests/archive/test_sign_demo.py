"""make sign-demo's set-up of the registry copy: the body's keys go in the file that holds it.

A body written in data/to-chuc/*.yaml (the 2025 map) made the demo stop with a traceback
(it looked in data/to-chuc.yaml only).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("sign_demo", ROOT / "scripts" / "sign_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "DEMO", tmp_path / "sign-demo")
    data = tmp_path / "sign-demo" / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return module, data


@pytest.mark.parametrize("body, signer, where, pki", [
    ("ubnd-tinh-yen-bai", "chu-tich", "to-chuc.yaml", "../pki"),
    ("ubnd-tinh-tuyen-quang", "chu-tich", "to-chuc/ban-do-2025.yaml", "../../pki"),
])
def test_the_keys_go_where_the_body_is_written(demo, body, signer, where, pki):
    module, data = demo
    before = {p: p.read_text(encoding="utf-8") for p in [data / "to-chuc.yaml", *(data / "to-chuc").glob("*.yaml")]}
    module._configure(data, body, signer, "http://127.0.0.1:9/tsa")
    changed = sorted(str(p.relative_to(data)) for p, text in before.items() if p.read_text(encoding="utf-8") != text)
    assert changed == sorted({where, "to-chuc.yaml"})
    text = (data / where).read_text(encoding="utf-8")
    assert f"ky_so: {{anh_dau: {pki}/dau.png, khoa: {{tep_p12: {pki}/seal.p12}}}}" in text
    assert f"ky_so: {{anh_chu_ky: {pki}/chu-ky.png, khoa: {{tep_p12: {pki}/signer.p12}}}}" in text
    assert (data / "to-chuc.yaml").read_text(encoding="utf-8").endswith(
        "ky_so:\n  goc_tin_cay: ../pki/root.pem\n  tem_thoi_gian: http://127.0.0.1:9/tsa\n"
        "  danh_sach_thu_hoi: ../pki/root.crl\n")


def test_an_unknown_body_is_said_in_vietnamese(demo):
    module, data = demo
    with pytest.raises(SystemExit, match="không tìm thấy cơ quan 'khong-co'"):
        module._configure(data, "khong-co", "chu-tich", "http://127.0.0.1:9/tsa")
