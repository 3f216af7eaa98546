"""Issuing numbers with real ``vanban issue`` processes: at once, again, out of order, killed midway.

The register is the legal record of each number (NĐ 30 Điều 15, HD 36 1.3.1):
these tests run the command as clerks do, several at a time, and read what
they print and what the register then holds.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.register.store import Register

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
VANBAN = Path(sys.executable).with_name("vanban")
DRAFTS = [f"cv-{i:02d}" for i in range(1, 9)]


def campaign_yaml() -> str:
    """A campaign "dot": a root plan of ubnd-tinh, eight of its công văn and three Party drafts below it."""
    docs = ["ma: dot\nten: Đợt cấp số\nvan_ban:\n  - ma: kh-goc\n    co_quan: ubnd-tinh\n    loai: ke_hoach\n"
            "    ngay: 20/12/2024\n    trich_yeu: Triển khai công tác cuối năm\n    noi_dung:\n      - doan: [Nội dung gốc.]"]
    for i, doc in enumerate(DRAFTS, start=1):
        docs.append(f"  - ma: {doc}\n    van_ban_cha: kh-goc\n    co_quan: ubnd-tinh\n    loai: cong_van\n"
                    f"    don_vi_soan_thao: VX\n    ngay: 20/12/2024\n    trich_yeu: Về việc thứ {i}\n"
                    f"    kinh_gui: [Sở Nội vụ]\n    noi_dung:\n      - doan: [Nội dung thứ {i}.]")
    for doc, kind in (("kh-d1", "ke_hoach"), ("kh-d2", "ke_hoach"), ("cv-d1", "cong_van")):
        docs.append(f"  - ma: {doc}\n    van_ban_cha: kh-goc\n    co_quan: dang-uy-khoi\n    loai: {kind}\n"
                    f"    ngay: 20/12/2024\n    trich_yeu: Về việc {doc}\n    kinh_gui: [Các chi bộ]\n"
                    f"    noi_dung:\n      - doan: [Nội dung {doc}.]")
    return "\n".join(docs) + "\n"


@pytest.fixture
def work(tmp_path) -> Path:
    """A folder with data/ (mini + campaign "dot"), built once so the register holds the preissued numbers."""
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / "data" / "chien-dich" / "dot.yaml").write_text(campaign_yaml(), encoding="utf-8")
    assert vanban(tmp_path, "build").returncode == 0
    return tmp_path


def command(*args: str) -> list[str]:
    return [str(VANBAN), "--data", "data", "--output", "out", "--register", "so.sqlite3", *args]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}


def vanban(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=cwd, env=environment(), capture_output=True, text=True, timeout=120)


def start(cwd: Path, *args: str, program: list[str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(program or command(*args), cwd=cwd, env=environment(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def rows(cwd: Path) -> list[tuple]:
    with Register(cwd / "so.sqlite3") as register:
        return [(e.campaign, e.document, e.series, e.number, e.notation, e.date.isoformat()) for e in register.entries()]


def numbers(cwd: Path, series: str) -> list[int]:
    return [r[3] for r in rows(cwd) if r[2] == series]


class HeldLock:
    """Hold the register's write lock from this process, as a clerk's slow transaction would."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.db.execute("ROLLBACK")
        self.db.close()


def wait_until_opened(processes: list[subprocess.Popen], path: Path, timeout: float = 30) -> None:
    """Wait until every process has the register open (so each is about to ask for the lock)."""
    deadline = time.monotonic() + timeout
    target = str(path.resolve())
    for process in processes:
        while time.monotonic() < deadline:
            fds = Path(f"/proc/{process.pid}/fd")
            try:
                if any(os.readlink(fd) == target for fd in fds.iterdir()):
                    break
            except OSError:
                pass
            time.sleep(0.02)
    time.sleep(0.3)


def test_processes_at_once_take_consecutive_numbers(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0  # 01 of 2025
    lock = HeldLock(work / "so.sqlite3")  # all eight wait on it, then race when it is released
    processes = [start(work, "issue", f"dot/{doc}", "--date", "2025-01-05") for doc in DRAFTS]
    wait_until_opened(processes, work / "so.sqlite3")
    lock.release()
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(DRAFTS), [o[1] for o in outputs]
    printed = {}
    for doc, (out, _err) in zip(DRAFTS, outputs):
        match = re.fullmatch(rf"Đã cấp số (\d+)/UBND-VX ngày 05/01/2025 cho {doc}\.\n", out)
        assert match, out
        printed[doc] = int(match.group(1))
    assert sorted(printed.values()) == list(range(2, 10))  # no gap, no duplicate
    assert numbers(work, "ubnd-tinh/2025") == list(range(1, 10))
    registered = {r[1]: r[3] for r in rows(work) if r[0] == "dot"}
    assert all(registered[doc] == n for doc, n in printed.items())


def test_one_document_issued_by_several_processes_gets_one_number(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0
    lock = HeldLock(work / "so.sqlite3")
    processes = [start(work, "issue", "cv-03", "--date", "2025-01-06") for _ in range(4)]
    wait_until_opened(processes, work / "so.sqlite3")
    lock.release()
    outputs = sorted(p.communicate(timeout=120)[0] for p in processes)
    assert outputs == sorted(["Đã cấp số 02/UBND-VX ngày 06/01/2025 cho cv-03.\n"] +
                             ["cv-03 đã có số 02/UBND-VX ngày 06/01/2025; không thay đổi.\n"] * 3)
    assert [r for r in rows(work) if r[1] == "cv-03"] == [("dot", "cv-03", "ubnd-tinh/2025", 2, "UBND-VX", "2025-01-06")]


def test_issuing_again_prints_the_same_number_and_changes_nothing(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2024-12-20").returncode == 0
    first = vanban(work, "issue", "cv-01", "--date", "2024-12-30")
    assert first.stdout == "Đã cấp số 190/UBND-VX ngày 30/12/2024 cho cv-01.\n"  # after 188 (mau) and 189 (kh-goc)
    before = rows(work)
    again = vanban(work, "issue", "cv-01", "--date", "2025-03-01")
    assert (again.returncode, again.stdout, again.stderr) == (
        0, "cv-01 đã có số 190/UBND-VX ngày 30/12/2024; không thay đổi.\n",
        "Cảnh báo: ngày 01/03/2025 không được dùng: cv-01 đã có số 190/UBND-VX ngày 30/12/2024. Muốn đổi ngày ban "
        "hành, hãy hủy số (vanban void cv-01 --ly-do \"…\") rồi cấp số mới.\n")  # the clerk's date was not used: said
    same_day = vanban(work, "issue", "cv-01", "--date", "2024-12-30")
    assert (same_day.returncode, same_day.stderr) == (0, "")
    assert rows(work) == before


def test_a_child_is_not_issued_before_its_parent(work):
    result = vanban(work, "issue", "cv-04", "--date", "2025-01-05")
    assert result.returncode == 1
    assert result.stderr == "chưa thể cấp số cho 'cv-04': văn bản cha 'kh-goc' chưa được cấp số\n"
    assert not [r for r in rows(work) if r[0] == "dot"]


def test_a_preissued_document_keeps_its_number_on_a_fresh_register(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    result = vanban(tmp_path, "issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-11")
    assert result.stdout == "Đã cấp số 01/KH-UBND ngày 11/10/2024 cho kh-huyen--ubnd-huyen-tram-tau.\n", result.stderr
    assert vanban(tmp_path, "issue", "kh-tinh").stdout == "kh-tinh đã có số 188/KH-UBND ngày 30/08/2024; không thay đổi.\n"


def test_state_numbers_restart_at_01_in_a_new_year(work):
    out = [vanban(work, "issue", doc, "--date", day).stdout for doc, day in
           (("kh-goc", "2024-12-20"), ("cv-01", "2024-12-31"), ("cv-02", "2025-01-02"), ("cv-03", "2025-01-02"))]
    assert out == ["Đã cấp số 189/KH-UBND ngày 20/12/2024 cho kh-goc.\n",
                   "Đã cấp số 190/UBND-VX ngày 31/12/2024 cho cv-01.\n",
                   "Đã cấp số 01/UBND-VX ngày 02/01/2025 cho cv-02.\n",
                   "Đã cấp số 02/UBND-VX ngày 02/01/2025 cho cv-03.\n"]


def test_party_series_run_per_term_and_per_type(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2024-12-20").returncode == 0
    out = [vanban(work, "issue", doc, "--date", day).stdout for doc, day in
           (("kh-d1", "2024-12-30"), ("cv-d1", "2024-12-30"))]
    # kế hoạch continue after 277-KH/ĐUK (mau); công văn have their own series; no reset on 1 January
    assert out == ["Đã cấp số 278-KH/ĐUK ngày 30/12/2024 cho kh-d1.\n", "Đã cấp số 01-CV/ĐUK ngày 30/12/2024 cho cv-d1.\n"]
    registry = work / "data" / "to-chuc.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("nhiem_ky_tu: 15/10/2020", "nhiem_ky_tu: 01/01/2025"),
                        encoding="utf-8")  # a new term of the Party committee
    assert vanban(work, "issue", "kh-d2", "--date", "2025-01-03").stdout == "Đã cấp số 01-KH/ĐUK ngày 03/01/2025 cho kh-d2.\n"
    assert numbers(work, "dang-uy-khoi/2020-10-15/KH") == [277, 278]
    assert numbers(work, "dang-uy-khoi/2025-01-01/KH") == [1]


PAUSE_BEFORE_COMMIT = """
import os, sys, time
from pathlib import Path
import pipeline.register.store as register

class PausingConnection:
    '''Run statements as usual, but stop for good just before committing an issuance.'''
    def __init__(self, db):
        self._db, self._inserted = db, False
    def execute(self, sql, *args):
        if sql.startswith("INSERT"):
            self._inserted = True
        if sql == "COMMIT" and self._inserted:
            Path(os.environ["PAUSED"]).write_text("inserted, not committed")
            time.sleep(600)
        return self._db.execute(sql, *args)
    def __getattr__(self, name):
        return getattr(self._db, name)

opened = register.Register.__init__
def __init__(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.db = PausingConnection(self.db)
register.Register.__init__ = __init__

from pipeline.cli import main
sys.argv = ["vanban"] + sys.argv[1:]
main()
"""


def test_a_process_killed_in_the_middle_of_an_issuance_leaves_nothing_half_recorded(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2025-01-02").returncode == 0
    before = rows(work)
    paused = work / "paused"
    program = [sys.executable, "-c", PAUSE_BEFORE_COMMIT, *command("issue", "cv-01", "--date", "2025-01-05")[1:]]
    env = {**environment(), "PAUSED": str(paused)}
    process = subprocess.Popen(program, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not paused.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert paused.exists(), process.communicate()
    process.send_signal(signal.SIGKILL)  # the row is written inside the open transaction, not committed
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert rows(work) == before
    result = vanban(work, "issue", "cv-02", "--date", "2025-01-05")
    assert result.stdout == "Đã cấp số 02/UBND-VX ngày 05/01/2025 cho cv-02.\n", result.stderr
    assert numbers(work, "ubnd-tinh/2025") == [1, 2]


def test_a_process_killed_while_waiting_for_the_register_changes_nothing(work):
    before = rows(work)
    lock = HeldLock(work / "so.sqlite3")
    process = start(work, "issue", "kh-goc", "--date", "2025-01-02")
    wait_until_opened([process], work / "so.sqlite3")
    process.send_signal(signal.SIGKILL)
    process.communicate()
    lock.release()
    assert rows(work) == before
    assert vanban(work, "issue", "kh-goc", "--date", "2025-01-02").stdout == \
        "Đã cấp số 01/KH-UBND ngày 02/01/2025 cho kh-goc.\n"


def test_editing_an_issued_document_stops_the_build(work):
    assert vanban(work, "issue", "kh-goc", "--date", "2024-12-20").returncode == 0
    source = work / "data" / "chien-dich" / "dot.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Triển khai công tác cuối năm",
                                                                 "Triển khai công tác cuối năm 2024"), encoding="utf-8")
    result = vanban(work, "build")
    assert result.returncode == 1
    assert result.stderr == (
        "data/chien-dich/dot.yaml:4:5: kh-goc: văn bản đã ban hành số 189/KH-UBND nhưng nội dung nguồn đã thay đổi; "
        "không thể in lại nội dung mới dưới số cũ\n"
        "    Gợi ý: giữ nguyên nguồn như khi ký; muốn sửa thì ban hành văn bản đính chính hoặc văn bản thay thế "
        "với mã mới (vanban new), rồi cấp số cho văn bản đó\n"
        "1 lỗi trong 1 tệp; không có tệp nào được ghi.\n")


def test_a_preissued_number_already_in_the_register_is_refused(work):
    copy = work / "data" / "chien-dich" / "mau-2.yaml"
    text = (work / "data" / "chien-dich" / "mau.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("ma: mau\n", "ma: mau-2\n"), encoding="utf-8")  # so: 188 a second time
    result = vanban(work, "build")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("không thể ghi số 188/KH-UBND cho mau-2/kh-tinh: sổ đăng ký đã ghi số này cho "
                             "mau/kh-tinh (188/KH-UBND); hãy sửa 'so' trong nguồn\n")


@pytest.mark.parametrize("written", ["11/10/2024", "2024-10-11", "11/10/2024 "])
def test_the_date_is_taken_as_clerks_write_it_or_in_iso_form(tmp_path, written):
    shutil.copytree(MINI, tmp_path / "data")
    result = vanban(tmp_path, "issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", written)
    assert result.stdout == "Đã cấp số 01/KH-UBND ngày 11/10/2024 cho kh-huyen--ubnd-huyen-tram-tau.\n", result.stderr


@pytest.mark.parametrize("written, message", [
    ("2024-13-45", "ngày '2024-13-45' không có trong lịch"),
    ("31/02/2025", "ngày '31/02/2025' không có trong lịch"),
    ("hôm qua", "cần ngày dạng dd/mm/yyyy (ví dụ 15/10/2024) hoặc yyyy-mm-dd, nhận được 'hôm qua'"),
])
def test_a_wrong_date_is_said_in_vietnamese_and_nothing_is_issued(tmp_path, written, message):
    shutil.copytree(MINI, tmp_path / "data")
    result = vanban(tmp_path, "issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", written)
    assert result.returncode == 1  # a usage mistake is a clerk's mistake: status 1
    assert result.stderr == f"vanban issue: --date: {message}\nXem: vanban issue --help\n"
    assert not (tmp_path / "so-dang-ky.sqlite3").exists() and not (tmp_path / "data" / "so-dang-ky.sqlite3").exists()
