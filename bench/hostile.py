"""Time ``vanban check`` on hostile sizes: is every step linear? ``python -m bench.hostile [--bodies N]``.

Data sets, generated into a temporary folder (never into the repository):

- ``flat``: N bodies directly under one province (one "Kính gửi" line grouping N
  subordinates: the step that was quadratic), the registry split over files of at most
  5,000 bodies (a file is at most 2 MB), and a campaign whose root plan is addressed to
  all of them and fans out to the first 100;
- ``chain``: N bodies each under the one before (cap_tren and chu_quan walked to the top
  for every body: the cycle checks were quadratic on such a chain).

For each, ``vanban check`` runs at N/4, N/2 and N, and the table shows its CPU seconds (the
command and the processes reading the sources; wall time on a shared machine is noise) and
the ratio to the run at N/4: about 2 and 4 for linear work, 4 and 16 for quadratic.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

VANBAN = Path(sys.executable).with_name("vanban")
PER_FILE = 5_000

PROVINCE = """  - ma: ubnd-tinh
    he_thong: nha_nuoc
    ten: [ỦY BAN NHÂN DÂN, TỈNH SỐ MỘT]
    ten_day_du: Ủy ban nhân dân tỉnh Số Một
    ten_ngan: UBND tỉnh
    cap: tinh
    dia_ban: tỉnh Số Một
    dia_danh: Số Một
    ky_hieu: UBND
    nguoi_ky:
      - {ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch, quyen_han: TM. Ủy ban nhân dân}
"""


def body(i: int, above: str, header: str | None) -> str:
    head = f"    chu_quan: {header}\n" if header else ""
    return (f"  - ma: xa-so-{i}\n    he_thong: nha_nuoc\n    ten: [ỦY BAN NHÂN DÂN, XÃ SỐ {i}]\n"
            f"    ten_day_du: Ủy ban nhân dân xã Số {i}\n    ten_ngan: UBND xã Số {i}\n    cap_tren: {above}\n{head}"
            f"    cap: xa\n    dia_ban: xã Số {i}\n    dia_danh: Xã {i}\n    ky_hieu: UBND\n"
            f"    nguoi_ky:\n      - {{ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch}}\n")


CAMPAIGN = """ma: lon
ten: Chiến dịch cỡ lớn
van_ban:
  - ma: kh-tinh
    loai: ke_hoach
    co_quan: ubnd-tinh
    ngay: 02/01/2025
    trich_yeu: Triển khai công tác năm 2025
    noi_dung:
      - doan: [Các xã triển khai.]
  - ma: kh-xa
    van_ban_cha: kh-tinh
    trien_khai: {danh_sach: [%s]}
    ngay: 10/01/2025
"""


def generate(data: Path, n: int, shape: str) -> None:
    (data / "to-chuc").mkdir(parents=True)
    (data / "chien-dich").mkdir()
    bodies = [PROVINCE]
    for i in range(1, n + 1):
        if shape == "flat":
            bodies.append(body(i, "ubnd-tinh", None))
        else:
            above = "ubnd-tinh" if i == 1 else f"xa-so-{i - 1}"
            bodies.append(body(i, above, above))
    for start in range(0, len(bodies), PER_FILE):
        chunk = bodies[start:start + PER_FILE]
        (data / "to-chuc" / f"phan-{start // PER_FILE:03d}.yaml").write_text("co_quan:\n" + "".join(chunk),
                                                                            encoding="utf-8")
    chosen = ", ".join(f"xa-so-{i}" for i in range(1, min(n, 100) + 1))
    (data / "chien-dich" / "lon.yaml").write_text(CAMPAIGN % chosen, encoding="utf-8")


def time_check(n: int, shape: str) -> float:
    """Return the CPU seconds of ``vanban check`` (and its readers): the machine is shared, wall time is noise."""
    with tempfile.TemporaryDirectory(prefix="vanban-hostile-") as work:
        generate(Path(work) / "data", n, shape)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([str(VANBAN), "--data", "data", "--register", "so.sqlite3", "check"], cwd=work,
                              capture_output=True, text=True, timeout=3600)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"vanban check failed on {shape} {n}:\n{done.stderr[-2000:]}")
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'shape':<6} {'bodies':>8} {'check, CPU s':>13} {'÷ first':>8}")
    summary = []
    for shape in ("flat", "chain"):
        first = None
        for n in (args.bodies // 4, args.bodies // 2, args.bodies):
            seconds = time_check(n, shape)
            first = first or seconds
            print(f"{shape:<6} {n:>8} {seconds:>13.2f} {seconds / first:>8.2f}", flush=True)
        summary.append(f"{shape}_{args.bodies}_s={seconds:.2f} {shape}_ratio={seconds / first:.2f}")
    print("hostile: " + " ".join(summary))


if __name__ == "__main__":
    main()
