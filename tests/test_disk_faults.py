"""A full disk and read-only folders, for real: a small tmpfs, or a read-only bind mount, in a mount namespace.

Each test runs a bash script under ``unshare --mount`` (with ``--map-root-user`` when the
tests do not run as root): the mounts it makes are its own and vanish with it, and the
disk is really full (ENOSPC from the kernel, SQLite's own full-disk path), not simulated.
The script writes what each command printed into files of the work folder (outside the
mounts), and copies out what the assertions need.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from conftest import MINI
from hostile.bigdata import districts, set_variant
from hostile.runner import VANBAN, environment

DISK_FULL = ("Hết chỗ trống trên đĩa khi ghi {path}; việc đang làm đã dừng, các tệp đã ghi xong giữ nguyên, "
             "không tệp nào bị ghi dở. Hãy giải phóng chỗ trống rồi chạy lại.\n")
READ_ONLY = "Không ghi được {path}: ổ đĩa hoặc thư mục này chỉ cho đọc. Hãy chọn một thư mục ghi được (--output) rồi chạy lại.\n"

# run NAME ARGS…: vanban ARGS, its output in NAME.out, NAME.err and NAME.code; never stops the script
PRELUDE = f"""
run() {{ local name=$1; shift; set +e; timeout 120 {VANBAN} "$@" > "$name.out" 2> "$name.err"; echo $? > "$name.code"; set -e; }}
fill() {{ dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null || true; }}
"""


def in_namespace(work: Path, script: str, timeout: float = 300) -> None:
    """Run ``script`` (bash) in ``work``, in a mount namespace of its own."""
    unshare = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        unshare.insert(1, "--map-root-user")  # a user namespace: mounts without being root
    done = subprocess.run([*unshare, "bash", "-euo", "pipefail", "-c", PRELUDE + script], cwd=work,
                          env=environment(VANBAN_LOCK_WAIT="5"), capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"the namespace could not be set up (unshare, mount):\n{done.stderr}"


def result(work: Path, name: str) -> tuple[int, str, str]:
    read = lambda suffix: (work / f"{name}.{suffix}").read_text(encoding="utf-8")  # noqa: E731
    return int(read("code")), read("out"), read("err")


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        found = db.execute("SELECT * FROM issued ORDER BY series, number").fetchall()
    db.close()
    return found


def built(work: Path, data: Path | None = None, output: str = "out", register: str = "so.sqlite3") -> Path:
    if data is None:
        data = work / "data"
        subprocess.run(["cp", "-r", str(MINI), str(data)], check=True)
    done = subprocess.run([str(VANBAN), "--data", data.name, "--output", output, "--register", register, "build"],
                          cwd=work, env=environment(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return data


def test_an_issue_on_a_full_disk_gives_no_number_and_loses_none(tmp_path):
    built(tmp_path)
    before = rows(tmp_path / "so.sqlite3")
    (tmp_path / "disk").mkdir()
    in_namespace(tmp_path, """
mount -t tmpfs -o size=512k tmpfs disk
cp so.sqlite3 disk/
fill disk
run full --data data --output out --register disk/so.sqlite3 issue cv-ldld --date 2025-03-12
cp disk/so.sqlite3 after-full.sqlite3
rm disk/fill
run freed --data data --output out --register disk/so.sqlite3 issue cv-ldld --date 2025-03-12
cp disk/so.sqlite3 after-freed.sqlite3
""")
    assert result(tmp_path, "full") == (1, "", "đĩa chứa sổ đăng ký disk/so.sqlite3 đã đầy; không có số nào được cấp, "
                                              "sổ vẫn như trước. Hãy giải phóng chỗ trống rồi chạy lại.\n")
    assert rows(tmp_path / "after-full.sqlite3") == before  # no row, and no half of one
    assert result(tmp_path, "freed") == (0, "Đã cấp số 01/LĐLĐ ngày 12/03/2025 cho cv-ldld.\n", "")  # none lost
    assert len(rows(tmp_path / "after-freed.sqlite3")) == len(before) + 1


def test_a_build_on_a_full_disk_ends_with_a_message_and_leaves_the_last_build_whole(tmp_path):
    """The output on a 1 MB tmpfs: the first build fills it (workers and all); a rebuild on a full disk
    leaves the previous build as it was (verify agrees); with room again, the next build completes."""
    data = districts(tmp_path / "data", 110)
    (tmp_path / "disk").mkdir()
    started = time.monotonic()
    in_namespace(tmp_path, """
mount -t tmpfs -o size=1m tmpfs disk
run first --data data --output disk/out --register so.sqlite3 build
mount -o remount,size=64m disk
run roomy --data data --output disk/out --register so.sqlite3 build
cp -r disk/out out-before
sed -i 's/Lần tạo A/Lần tạo B/' data/chien-dich/mau.yaml
fill disk
truncate -s -300k disk/fill  # room for the lock and some documents, not for all of them
run rebuild --data data --output disk/out --register so.sqlite3 build
run verify-after-full --data data --output disk/out --register so.sqlite3 verify
diff -r out-before/mau disk/out/mau > diff.txt || true
rm disk/fill
run again --data data --output disk/out --register so.sqlite3 build
run verify --data data --output disk/out --register so.sqlite3 verify
""")
    assert time.monotonic() - started < 240  # no hang (it once hung for 11 minutes, workers defunct)
    code, out, err = result(tmp_path, "first")
    assert (code, out) == (1, "") and err.startswith(DISK_FULL.split("{path}")[0] + "disk/out/mau/"), err
    assert err.endswith(DISK_FULL.split("{path}")[1])
    assert result(tmp_path, "roomy")[0] == 0
    code, out, err = result(tmp_path, "rebuild")
    assert (code, out) == (1, "") and err.startswith(DISK_FULL.split("{path}")[0] + "disk/out/"), err
    assert result(tmp_path, "verify-after-full") == (0, "Khớp: 120 tệp, 2 số trong sổ đăng ký.\n", "")
    assert (tmp_path / "diff.txt").read_text() == ""  # the last build's files and manifest, as they were
    assert result(tmp_path, "again")[0] == 0, result(tmp_path, "again")[2]
    assert result(tmp_path, "verify") == (0, "Khớp: 120 tệp, 2 số trong sổ đăng ký.\n", "")
    set_variant(data, "A")


def test_read_only_folders_are_each_said_in_words(tmp_path):
    (tmp_path / "reg").mkdir()
    built(tmp_path, output="out", register="reg/so.sqlite3")
    in_namespace(tmp_path, """
mount --bind reg reg && mount -o remount,bind,ro reg
run issue --data data --output out --register reg/so.sqlite3 issue cv-ldld --date 2025-03-12
run check --data data --output out --register reg/so.sqlite3 check
run verify --data data --output out --register reg/so.sqlite3 verify
mount --bind out out && mount -o remount,bind,ro out
run review --data data --output out --register reg/so.sqlite3 review
run pdf --data data --output out --register reg/so.sqlite3 pdf
run build --data data --output out --register reg/so.sqlite3 build
""")
    assert result(tmp_path, "issue") == (1, "", "không ghi được sổ đăng ký reg/so.sqlite3: tệp hoặc thư mục của nó chỉ "
                                               "cho đọc; không có số nào được cấp. Hãy cho phép ghi rồi chạy lại.\n")
    assert result(tmp_path, "check")[:2] == (0, "Nguồn hợp lệ: 2 tệp, 1 chiến dịch, 10 văn bản (8 dự thảo).\n")
    assert result(tmp_path, "verify") == (0, "Khớp: 10 tệp, 2 số trong sổ đăng ký.\n", "")  # reading still works
    assert result(tmp_path, "review") == (1, "", READ_ONLY.format(path="out/mau/review"))
    assert result(tmp_path, "pdf") == (1, "", READ_ONLY.format(path="out/mau/pdf"))
    assert result(tmp_path, "build") == (1, "", READ_ONLY.format(path="out/.vanban.lock"))


def test_a_worker_that_dies_ends_the_build_with_a_message(tmp_path):
    """A worker killed (the kernel's OOM killer does the same) breaks the build at once, never a hang."""
    districts(tmp_path / "data", 400)
    process = subprocess.Popen([str(VANBAN), "--data", "data", "--output", "out", "--register", "so.sqlite3",
                                "build", "--jobs", "2"], cwd=tmp_path, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    killed = None
    while killed is None and time.monotonic() < deadline and process.poll() is None:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        if pids:
            os.kill(int(pids[0]), 9)
            killed = pids[0]
        time.sleep(0.005)
    out, err = process.communicate(timeout=60)
    assert killed, "the build ended before a worker could be killed"
    assert process.returncode == 1
    assert err == ("một tiến trình tạo văn bản đã dừng đột ngột (hết bộ nhớ, hoặc bị dừng từ bên ngoài); lần tạo "
                   "này dừng lại, không có chiến dịch nào bị ghi dở. Hãy chạy lại vanban build.\n")
    again = subprocess.run([str(VANBAN), "--data", "data", "--output", "out", "--register", "so.sqlite3", "build"],
                           cwd=tmp_path, env=environment(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
