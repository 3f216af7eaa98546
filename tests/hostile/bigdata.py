"""Data sets for the crash, concurrency and backup tests, made from tests/data/mini.

``districts(n)``: the mini data with ``n`` more districts under the province, so the
district plan (kh-huyen, a fan-out) becomes n + 2 documents: a build that takes a
second or two. ``variant`` gives every district plan an opening paragraph of its own,
so switching variant changes every one of those documents (all drafts: nothing issued
changes). ``letters(n)``: a campaign "dot" of a root plan and ``n`` công văn of the
province below it, all in one numbering series, for ``vanban issue``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests" / "data" / "mini"
PLAN_DEADLINE = "    han: 25/10/2024\n"  # kh-huyen's own line in mini/chien-dich/mau.yaml


def district(i: int) -> str:
    return (f"  - ma: ubnd-huyen-so-{i:03d}\n    he_thong: nha_nuoc\n    ten: [ỦY BAN NHÂN DÂN, HUYỆN SỐ {i}]\n"
            f"    ten_day_du: Ủy ban nhân dân huyện số {i}\n    ten_ngan: UBND huyện số {i}\n"
            f"    cap_tren: ubnd-tinh\n    cap: huyen\n    nhom_nhan: UBND các huyện, thị xã, thành phố\n"
            f"    dia_ban: huyện số {i}\n    dia_danh: Huyện {i}\n    ky_hieu: UBND\n"
            f"    nguoi_ky:\n      - {{ma: chu-tich, ho_ten: Nguyễn Văn {i}, chuc_vu: Chủ tịch}}\n")


def districts(target: Path, n: int, variant: str = "A") -> Path:
    """Write the mini data with ``n`` more districts into ``target`` (data/); return it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("*.sqlite3*"))
    registry = target / "to-chuc.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "".join(district(i) for i in range(1, n + 1)),
                        encoding="utf-8")
    set_variant(target, variant)
    return target


def set_variant(data: Path, variant: str) -> None:
    """Give every district plan the opening paragraph of ``variant``."""
    path = data / "chien-dich" / "mau.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(PLAN_DEADLINE) + len(PLAN_DEADLINE)
    if text[start:].startswith("    mo_dau:"):
        end = text.index("\n", start) + 1
        text = text[:start] + text[end:]
    text = text[:start] + f"    mo_dau: [\"Lần tạo {variant}: các huyện triển khai ngay.\"]\n" + text[start:]
    path.write_text(text, encoding="utf-8")


def letters(n: int) -> str:
    """A campaign "dot": a root plan of the province and ``n`` of its công văn (series ubnd-tinh/2025)."""
    out = ["ma: dot\nten: Đợt cấp số\nvan_ban:\n  - ma: kh-goc\n    co_quan: ubnd-tinh\n    loai: ke_hoach\n"
           "    ngay: 02/01/2025\n    trich_yeu: Triển khai công tác năm 2025\n    noi_dung:\n      - doan: [Nội dung gốc.]"]
    for i in range(1, n + 1):
        out.append(f"  - ma: cv-{i:03d}\n    van_ban_cha: kh-goc\n    co_quan: ubnd-tinh\n    loai: cong_van\n"
                   f"    don_vi_soan_thao: VX\n    ngay: 03/01/2025\n    trich_yeu: Về việc thứ {i}\n"
                   f"    kinh_gui: [Sở Nội vụ]\n    noi_dung:\n      - doan: [Nội dung thứ {i}.]")
    return "\n".join(out) + "\n"


def with_letters(target: Path, n: int) -> Path:
    """Write the mini data plus the campaign of ``letters(n)`` into ``target`` (data/); return it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("*.sqlite3*"))
    (target / "chien-dich" / "dot.yaml").write_text(letters(n), encoding="utf-8")
    return target
