"""``vanban archive``: the issued documents of a campaign packed for keeping, the same bytes every time."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import vanban_in as vanban
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
NS = {"e": "http://www.mic.gov.vn/TBT/QCVN_102_2016"}
ISSUED = ["cv-ldld", "kh-duk", "kh-tinh"]




@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> Path:
    """mini with cv-ldld issued besides 188/KH-UBND and 277-KH/ĐUK, built and archived."""
    work = tmp_path_factory.mktemp("archive")
    shutil.copytree(MINI, work / "data")
    for args in (("issue", "cv-ldld", "--date", "2024-10-24"), ("build",)):
        assert vanban(work, *args).returncode == 0
    result = vanban(work, "archive")
    assert (result.returncode, result.stdout) == (0, "Đã ghi out/mau/archive.zip\n"), result.stderr
    return work


def entries(work: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(work / "out" / "mau" / "archive.zip") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_archive_holds_each_issued_document_and_nothing_else(archived):
    names = list(entries(archived))
    expected = sorted(["manifest.json", "so-dang-ky.csv"] + [f"van-ban/{d}.docx" for d in ISSUED] +
                      [f"pdf/{d}.pdf" for d in ISSUED] + [f"edxml/{d}.xml" for d in ISSUED])
    assert names == expected  # sorted, drafts left out
    with zipfile.ZipFile(archived / "out" / "mau" / "archive.zip") as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_archive_manifest_hashes_match_the_files(archived):
    files = entries(archived)
    manifest = json.loads(files["manifest.json"])
    assert [f["path"] for f in manifest["files"]] == sorted(set(files) - {"manifest.json"})
    for item in manifest["files"]:
        assert hashlib.sha256(files[item["path"]]).hexdigest() == item["sha256"], item["path"]
    for doc in ISSUED:  # the very files of the build
        assert files[f"van-ban/{doc}.docx"] == (archived / "out" / "mau" / f"{doc}.docx").read_bytes()
        assert files[f"pdf/{doc}.pdf"] == (archived / "out" / "mau" / "pdf" / f"{doc}.pdf").read_bytes()
    assert [(d["id"], d["number"], d["notation"]) for d in manifest["documents"]] == [
        ("kh-tinh", 188, "KH-UBND"), ("cv-ldld", 1, "LĐLĐ"), ("kh-duk", 277, "KH/ĐUK")]


def test_archive_register_rows_are_those_of_the_campaign_issuers(archived):
    rows = list(csv.reader(io.StringIO(entries(archived)["so-dang-ky.csv"].decode("utf-8-sig"))))
    assert rows[0][:3] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản"]
    assert [r[:2] for r in rows[1:]] == [["277-KH/ĐUK", "18/09/2024"], ["01/LĐLĐ", "24/10/2024"],
                                         ["188/KH-UBND", "30/08/2024"]]


def test_edxml_carries_code_subject_signer_and_the_document_answered(archived):
    root = etree.fromstring(entries(archived)["edxml/kh-duk.xml"])
    assert root.tag == "{http://www.mic.gov.vn/TBT/QCVN_102_2016}edXMLEnvelope"
    header = root.find("e:edXMLHeader/e:MessageHeader", NS)

    def text(path: str) -> str:
        return header.findtext(path, namespaces=NS)

    assert (text("e:Code/e:CodeNumber"), text("e:Code/e:CodeNotation")) == ("277", "KH/ĐUK")
    assert text("e:Subject") == ("về việc phát động đợt thi đua đặc biệt lập thành tích chào mừng đại hội "
                                 "Đảng bộ các cấp nhiệm kỳ 2025 - 2030")
    assert text("e:From/e:OrganName") == "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh"
    assert (text("e:PromulgationInfo/e:Place"), text("e:PromulgationInfo/e:PromulgationDate")) == ("Yên Bái", "2024-09-18")
    assert text("e:DocumentType/e:TypeName") == "Kế hoạch"
    assert [text(f"e:SignerInfo/e:{f}") for f in ("Competence", "Position", "FullName")] == [
        "T/M Ban Thường vụ", "Phó Bí thư", "Nguyễn Văn A"]
    assert [p.text for p in header.iterfind("e:ToPlaces/e:Place", NS)] == ["Tỉnh ủy (để b/c)", "Lưu: VT, ĐUK"]
    assert (text("e:ResponseFor/e:Code"), text("e:ResponseFor/e:PromulgationDate")) == ("188/KH-UBND", "2024-08-30")
    names = [r.findtext("e:AttachmentName", namespaces=NS) for r in root.iterfind(".//e:Reference", NS)]
    assert names == ["kh-duk.docx", "kh-duk.pdf"]
    state = etree.fromstring(entries(archived)["edxml/cv-ldld.xml"]).find("e:edXMLHeader/e:MessageHeader", NS)
    assert [t.findtext("e:OrganName", namespaces=NS) for t in state.iterfind("e:To", NS)] == [
        "Công đoàn Viên chức tỉnh", "Các LĐLĐ huyện, thị xã, thành phố", "UBND tỉnh (để b/c)"]
    assert state.findtext("e:Code/e:CodeNumber", namespaces=NS) == "01"


def test_archiving_again_gives_the_same_bytes(archived, tmp_path):
    shutil.copytree(archived, tmp_path, dirs_exist_ok=True)
    first = (tmp_path / "out" / "mau" / "archive.zip").read_bytes()
    assert vanban(tmp_path, "archive", "mau").returncode == 0
    assert (tmp_path / "out" / "mau" / "archive.zip").read_bytes() == first


def test_verify_archive_finds_a_changed_entry(archived, tmp_path):
    path = archived / "out" / "mau" / "archive.zip"
    result = vanban(archived, "verify", "--archive", str(path))
    assert (result.returncode, result.stdout) == (0, f"Khớp: 10 tệp trong {path}.\n")
    files = entries(archived)
    files["pdf/kh-tinh.pdf"] += b"%"
    files["thua.txt"] = b"x"
    broken = tmp_path / "archive.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    result = vanban(archived, "verify", "--archive", str(broken))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken}: pdf/kh-tinh.pdf khác với manifest (sha256)",
        f"{broken}: thua.txt không có trong manifest",
        f"{broken}: pdf/kh-tinh.pdf khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)",
        f"{broken}: thua.txt không có trong sổ đăng ký"]
    assert result.stderr == "4 chỗ không khớp.\n"


def test_verify_archive_refuses_what_it_cannot_safely_read(archived, tmp_path):
    """An archive from elsewhere: a FIFO is refused before it is opened (never a hang), a manifest that is no
    JSON is said to be damaged (never a traceback)."""
    import os

    fifo = tmp_path / "ong.zip"
    os.mkfifo(fifo)
    result = vanban(archived, "verify", "--archive", str(fifo))
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"{fifo} không phải tệp thường mà là một ống FIFO\n")
    broken = tmp_path / "hong.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("manifest.json", b"{khong phai json")
    result = vanban(archived, "verify", "--archive", str(broken))
    assert result.returncode == 1
    assert (result.stdout, result.stderr) == (f"{broken}: manifest.json hỏng\n", "1 chỗ không khớp.\n")


def test_archive_refuses_a_campaign_not_built(archived):
    result = vanban(archived, "archive", "khac")
    assert (result.returncode, result.stderr) == (
        1, "chiến dịch 'khac' chưa được tạo trong out; hãy chạy vanban build trước\n")
