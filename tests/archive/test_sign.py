"""``vanban sign`` and the signature checks of ``vanban verify``, with real cryptography.

A throw-away CA, signer, seal and RFC 3161 time-stamp server are made by the test
(pipeline.archive.throwaway, on the ``cryptography`` package); the time stamps come over HTTP
from 127.0.0.1. The signer signs with a PKCS#12 file and, in one test, with a PKCS#11 token
served by SoftHSM2. Each tampering (a byte of the signed PDF, a DOCX with its manifest
rewritten, an archive entry, the archive's manifest) must be caught.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import VANBAN

from pipeline.archive.stamps import POINTS_PER_MM, find_signature_block, text_lines
from pipeline.archive.throwaway import make_pki, tsa_server

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
PASSWORD = "mat-khau-thu"
TIME = r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00"
SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


def run(work: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``vanban`` in ``work`` with the password in the environment, as a văn thư's script would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    clean.update({"VANBAN_MAT_KHAU": PASSWORD, **(env or {})})
    return subprocess.run([str(VANBAN), "--data", "data", "--output", "out", "--register", "so.sqlite3", *args],
                          cwd=work, env=clean, capture_output=True, text=True, encoding="utf-8", timeout=300,
                          stdin=subprocess.DEVNULL)


def configure(work: Path, tsa_url: str, signer_key: str, body_key: str = "{tep_p12: ../pki/seal.p12}") -> None:
    """Give the LĐLĐ tỉnh and its signer (and UBND tỉnh, for the order test) their images and keys."""
    path = work / "data" / "to-chuc.yaml"
    text = path.read_text(encoding="utf-8")
    signer = "      - {ma: pho-chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Phó Chủ tịch, quyen_han: TM. Ban Thường vụ}\n"
    assert signer in text
    text = text.replace(signer, (
        "      - ma: pho-chu-tich\n        ho_ten: Nguyễn Văn A\n        chuc_vu: Phó Chủ tịch\n"
        "        quyen_han: TM. Ban Thường vụ\n"
        f"        ky_so: {{anh_chu_ky: ../pki/chu-ky.png, khoa: {signer_key}}}\n"
        f"    ky_so: {{anh_dau: ../pki/dau.png, khoa: {body_key}}}\n"), 1)
    text += (f"ky_so:\n  goc_tin_cay: ../pki/root.pem\n  tem_thoi_gian: {tsa_url}\n"
             "  danh_sach_thu_hoi: ../pki/root.crl\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki")
    made = make_pki(folder / "pki", "Nguyễn Văn A", "Liên đoàn Lao động tỉnh Yên Bái", PASSWORD)
    with tsa_server(made) as url:
        yield made, url


def prepared(folder: Path, pki) -> Path:
    """mini with cv-ldld issued, built and converted to PDF/A, and the signing set-up in the registry."""
    made, url = pki
    work = folder / "work"
    shutil.copytree(MINI, work / "data")
    shutil.copytree(made.folder, work / "pki")
    configure(work, url, "{tep_p12: ../pki/signer.p12}")
    for args in (("issue", "cv-ldld", "--date", "2024-10-24"), ("build",), ("pdf",)):
        result = run(work, *args)
        assert result.returncode == 0, result.stderr
    return work


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory, pki) -> Path:
    return prepared(tmp_path_factory.mktemp("unsigned"), pki)


@pytest.fixture
def fresh(unsigned, tmp_path) -> Path:
    """A copy of the prepared work folder, nothing signed yet."""
    return copy_of(unsigned, tmp_path)


@pytest.fixture(scope="module")
def signed(tmp_path_factory, unsigned) -> Path:
    """cv-ldld signed by its signer, then by the LĐLĐ tỉnh; archived."""
    work = copy_of(unsigned, tmp_path_factory.mktemp("signed"))
    first = run(work, "sign", "cv-ldld", "--vai", "nguoi-ky")
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(rf"Đã ký số cv-ldld \(người ký: Nguyễn Văn A, {TIME}, PAdES-B-LT\): out/mau/ky-so/cv-ldld.pdf\n",
                        first.stdout), first.stdout
    second = run(work, "sign", "cv-ldld", "--vai", "co-quan")
    assert second.returncode == 0, second.stderr
    assert re.fullmatch(rf"Đã ký số cv-ldld \(cơ quan: Liên đoàn Lao động tỉnh Yên Bái, {TIME}, PAdES-B-LT\): "
                        r"out/mau/ky-so/cv-ldld.pdf\n", second.stdout), second.stdout
    archived = run(work, "archive")
    assert archived.returncode == 0, archived.stderr
    return work


def copy_of(work: Path, folder: Path) -> Path:
    target = folder / "copy"
    shutil.copytree(work, target)
    return target


def signatures(work: Path) -> list[tuple]:
    with sqlite3.connect(work / "so.sqlite3") as db:
        return db.execute("SELECT document, part, role, signed_by, signed_at, certificate_sha256, level "
                          "FROM signatures ORDER BY part, role = 'co-quan'").fetchall()


def certificate_sha256(p12: Path) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    loaded = pkcs12.load_pkcs12(p12.read_bytes(), PASSWORD.encode())
    return hashlib.sha256(loaded.cert.certificate.public_bytes(Encoding.DER)).hexdigest()


# --- signing -----------------------------------------------------------------------------------------------------


def test_the_register_records_who_signed_when_and_with_which_certificate(signed, pki):
    made, _url = pki
    rows = signatures(signed)
    assert [(r[0], r[1], r[2], r[3], r[6]) for r in rows] == [
        ("cv-ldld", "", "nguoi-ky", "Nguyễn Văn A", "PAdES-B-LT"),
        ("cv-ldld", "", "co-quan", "Liên đoàn Lao động tỉnh Yên Bái", "PAdES-B-LT")]
    assert [r[5] for r in rows] == [certificate_sha256(made.signer_p12), certificate_sha256(made.seal_p12)]
    assert all(re.fullmatch(TIME, r[4]) for r in rows)
    assert rows[0][4] <= rows[1][4]
    manifest = json.loads((signed / "out" / "mau" / "ky-so" / "manifest.json").read_text(encoding="utf-8"))
    data = (signed / "out" / "mau" / "ky-so" / "cv-ldld.pdf").read_bytes()
    assert manifest["files"][0]["file"] == "ky-so/cv-ldld.pdf"
    assert manifest["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert [s["role"] for s in manifest["files"][0]["signatures"]] == ["nguoi-ky", "co-quan"]


def test_the_signed_pdf_begins_with_the_unsigned_pdf_a(signed):
    unsigned = (signed / "out" / "mau" / "pdf" / "cv-ldld.pdf").read_bytes()
    data = (signed / "out" / "mau" / "ky-so" / "cv-ldld.pdf").read_bytes()
    assert data[:len(unsigned)] == unsigned  # incremental updates only: the PDF/A bytes are untouched


def fields(data: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    out = {}
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page = reader.find_page_for_modification(index)[0].get_object()
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            out[str(annotation["/T"])] = (index, tuple(float(v) for v in annotation["/Rect"]), int(annotation["/F"]))
    return out


def test_the_signature_sits_between_title_and_name_and_the_seal_covers_its_left_third(signed):
    path = signed / "out" / "mau" / "ky-so" / "cv-ldld.pdf"
    block = find_signature_block(text_lines(signed / "out" / "mau" / "pdf" / "cv-ldld.pdf"), "Nguyễn Văn A")
    assert (block.title.text, block.name.text) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn A")
    found = fields(path.read_bytes())
    page, (x0, y0, x1, y1), flags = found["nguoi-ky"]
    assert page == block.page == 0
    assert block.name.box.y1 < y0 < y1 < block.title.box.y0  # between the name and the title line above it
    assert abs((x0 + x1) / 2 - (block.name.box.x0 + block.name.box.x1) / 2) < 0.5  # centred on the name
    _page, (sx0, sy0, sx1, sy1), seal_flags = found["co-quan"]
    assert abs(sx1 - (x0 + (x1 - x0) / 3)) < 0.5  # the seal's right edge a third into the signature
    assert abs(sx1 - sx0 - 36 * POINTS_PER_MM) < 1  # 36 mm: its real size, from the PNG's resolution
    assert flags & 4 and seal_flags & 4  # printed (PDF/A: annotations must be)
    # what the page shows: blue ink of the signature, red ink of the seal, the seal's caption
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "Liên đoàn Lao động tỉnh Yên Bái" in text.split("Nguyễn Văn A")[-1]
    assert re.search(TIME, text)
    right = x0 + (x1 - x0) / 3 + 2  # the part of the signature the seal leaves uncovered
    colours = page_colours(path, (right, y0, x1, y1)), page_colours(path, (sx0, sy0, sx1, sy1))
    assert colours[0]["blue"] > 50 and colours[0]["red"] == 0
    assert colours[1]["red"] > 200


def page_colours(pdf: Path, box: tuple[float, ...], dpi: int = 72) -> dict[str, int]:
    """Count strongly blue and strongly red pixels of page 1 inside ``box`` (PDF points)."""
    from PIL import Image

    prefix = pdf.parent / f"colours-{os.getpid()}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)],
                   check=True)
    with Image.open(f"{prefix}.png") as image:
        rgb = image.convert("RGB")
        height = rgb.size[1]
        x0, y0, x1, y1 = box
        crop = rgb.crop((int(x0), int(height - y1), int(x1), int(height - y0)))
        pixels = [crop.getpixel((x, y)) for y in range(crop.size[1]) for x in range(crop.size[0])]
    os.unlink(f"{prefix}.png")
    return {"blue": sum(1 for r, g, b in pixels if b > 120 and r < 90),
            "red": sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)}


def test_pdf_a_markers_survive_signing(signed):
    """No PDF/A validator installs offline here (veraPDF is not in the package registries this
    machine reaches); these are the PDF/A-2b requirements a signature could break."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    path = signed / "out" / "mau" / "ky-so" / "cv-ldld.pdf"
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    xmp = reader.root["/Metadata"].data.decode("utf-8")
    assert re.search(r'pdfaid:part="2"', xmp) and re.search(r'pdfaid:conformance="B"', xmp)
    assert reader.root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert "/NeedAppearances" not in reader.root["/AcroForm"]
    assert "/Encrypt" not in reader.trailer and "/ID" in reader.trailer
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    assert any("LiberationSerif" in line and "CID TrueType" in line for line in fonts)  # the caption's, embedded
    for name, (_page, _box, flags) in fields(path.read_bytes()).items():
        assert flags & 4 and not flags & 2, name  # printed, not hidden


def test_verify_says_a_signed_file_is_good(signed):
    result = run(signed, "verify")
    assert (result.returncode, result.stdout) == (0, (
        "Khớp: 10 tệp, 3 số trong sổ đăng ký.\n"
        "Chữ ký số hợp lệ: 1 tệp đã ký khớp sổ đăng ký, chuỗi về chứng thư gốc tin cậy, có dấu thời gian.\n")), \
        result.stdout + result.stderr
    archive = signed / "out" / "mau" / "archive.zip"
    result = run(signed, "verify", "--archive", str(archive))
    assert (result.returncode, result.stdout) == (0, (
        f"Khớp: 10 tệp trong {archive}.\n"
        "Chữ ký số hợp lệ: 1 tệp đã ký khớp sổ đăng ký, chuỗi về chứng thư gốc tin cậy, có dấu thời gian.\n"))


def test_the_archive_carries_the_signed_pdf_and_edxml_references_it(signed):
    with zipfile.ZipFile(signed / "out" / "mau" / "archive.zip") as zf:
        names = zf.namelist()
        assert zf.read("ky-so/cv-ldld.pdf") == (signed / "out" / "mau" / "ky-so" / "cv-ldld.pdf").read_bytes()
        envelope = zf.read("edxml/cv-ldld.xml").decode("utf-8")
        manifest = json.loads(zf.read("manifest.json"))
    assert "pdf/cv-ldld.pdf" not in names and "pdf/kh-tinh.pdf" in names
    assert "<edXML:ContentId>cid:ky-so/cv-ldld.pdf</edXML:ContentId>" in envelope
    entry = next(d for d in manifest["documents"] if d["id"] == "cv-ldld")
    assert (entry["pdf"], entry["signed"]) == ("ky-so/cv-ldld.pdf", ["ky-so/cv-ldld.pdf"])


# --- what may be signed ---------------------------------------------------------------------------------------------


def test_a_document_is_signed_once_per_role_and_never_before_it_is_issued(signed, tmp_path):
    work = copy_of(signed, tmp_path)
    for args, message in (
        (("cv-ldld", "--vai", "nguoi-ky"), "cv-ldld: đã có chữ ký số của người ký; không ký lần thứ hai\n"),
        (("cv-ldld", "--vai", "co-quan"), "cv-ldld: đã có chữ ký số của cơ quan; không ký lần thứ hai\n"),
        (("kh-huyen--ubnd-huyen-van-yen", "--vai", "nguoi-ky"),
         "kh-huyen--ubnd-huyen-van-yen chưa được cấp số: chỉ ký văn bản đã ban hành (vanban issue)\n"),
    ):
        result = run(work, "sign", *args)
        assert (result.returncode, result.stderr) == (1, message)
    assert len(signatures(work)) == 2


def test_a_signed_document_s_number_is_never_voided(signed, tmp_path):
    """Signed, it went out under its number (issue 15's hủy số meets issue 18's signing): a new document corrects it."""
    work = copy_of(signed, tmp_path)
    before = (work / "so.sqlite3").read_bytes()
    result = run(work, "void", "cv-ldld", "--ly-do", "Cấp nhầm số")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", (
        "không thể hủy số của 'cv-ldld': văn bản đã được ký số với số này; văn bản đã ký chỉ được sửa bằng một "
        "văn bản mới (đính chính hoặc thay thế)\n"))
    assert (work / "so.sqlite3").read_bytes() == before
    assert run(work, "verify").returncode == 0


def test_signing_never_writes_through_a_planted_link(fresh, tmp_path):
    """out/<campaign>/ky-so planted as a link to another folder: nothing is signed, nothing written there."""
    work = fresh
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (work / "out" / "mau" / "ky-so").symlink_to(elsewhere)
    result = run(work, "sign", "cv-ldld", "--vai", "nguoi-ky")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", (
        "out/mau/ky-so là một liên kết tượng trưng; vanban không ghi hay xóa gì qua liên kết. Hãy xóa liên kết "
        "(rm out/mau/ky-so) rồi chạy lại.\n"))
    assert list(elsewhere.iterdir()) == [] and signatures(work) == []


def test_verify_refuses_a_fifo_where_a_signed_file_should_be(signed, tmp_path):
    """Never a hang: what is not a regular file is said so, before it is opened."""
    work = copy_of(signed, tmp_path)
    path = work / "out" / "mau" / "ky-so" / "cv-ldld.pdf"
    path.unlink()
    os.mkfifo(path)
    result = run(work, "verify")
    assert result.returncode == 1
    assert "out/mau/ky-so/cv-ldld.pdf: tệp PDF đã ký không phải tệp thường" in result.stdout.splitlines()


def test_the_organisation_signs_after_the_signer(fresh):
    work = fresh
    result = run(work, "sign", "cv-ldld", "--vai", "co-quan")
    assert (result.returncode, result.stderr) == (1, "cv-ldld: người ký chưa ký số; cơ quan ký sau người ký\n")
    assert signatures(work) == []
    assert not (work / "out" / "mau" / "ky-so").exists()


def test_a_signed_file_changed_before_the_seal_is_refused(fresh):
    work = fresh
    assert run(work, "sign", "cv-ldld", "--vai", "nguoi-ky").returncode == 0
    path = work / "out" / "mau" / "ky-so" / "cv-ldld.pdf"
    path.write_bytes(path.read_bytes() + b"\n%")
    result = run(work, "sign", "cv-ldld", "--vai", "co-quan")
    assert (result.returncode, result.stderr) == (1, (
        "out/mau/ky-so/cv-ldld.pdf: tệp đã bị sửa sau khi người ký ký số (khác sổ đăng ký); không ký tiếp\n"))


def test_a_wrong_password_is_said_plainly(fresh):
    work = fresh
    result = run(work, "sign", "cv-ldld", "--vai", "nguoi-ky", env={"VANBAN_MAT_KHAU": "sai"})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.endswith("/pki/signer.p12: không mở được tệp khóa PKCS#12 (sai mật khẩu hoặc tệp hỏng)\n")


def test_a_key_file_inside_the_data_folder_is_refused(fresh):
    work = fresh
    path = work / "data" / "to-chuc.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tep_p12: ../pki/signer.p12", "tep_p12: khoa.p12"),
                    encoding="utf-8")
    result = run(work, "check")
    line, column = next((n, text.index("khoa.p12") + 1)
                        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "khoa.p12" in text)
    assert (result.returncode, result.stderr) == (1, (
        f"data/to-chuc.yaml:{line}:{column}: co_quan[3].nguoi_ky[0].ky_so.khoa.tep_p12: tệp khóa bí mật 'khoa.p12' "
        "nằm trong thư mục nguồn data; hãy để nó ngoài thư mục này (thư mục nguồn được sao chép và đưa vào kho mã)\n"
        "1 lỗi trong 1 tệp; không có tệp nào được ghi.\n"))


def test_an_attachment_in_a_separate_file_is_signed_top_right_without_an_image(fresh):
    work = fresh
    registry = work / "data" / "to-chuc.yaml"  # no revocation data at hand: PAdES B-T
    registry.write_text(registry.read_text(encoding="utf-8").replace("  danh_sach_thu_hoi: ../pki/root.crl\n", ""),
                        encoding="utf-8")
    attachment = work / "phu-luc.pdf"
    shutil.copyfile(work / "out" / "mau" / "pdf" / "kh-duk.pdf", attachment)
    result = run(work, "sign", "cv-ldld", "--vai", "ca-hai", "--dinh-kem", "phu-luc.pdf")
    assert result.returncode == 0, result.stderr
    assert [(r[2], r[1], r[6]) for r in signatures(work)] == [("nguoi-ky", "", "PAdES-B-T"), ("co-quan", "", "PAdES-B-T"),
                                                 ("co-quan", "phu-luc.pdf", "PAdES-B-T")]
    assert re.fullmatch(rf"Đã ký số phụ lục phu-luc.pdf của cv-ldld \(Liên đoàn Lao động tỉnh Yên Bái, {TIME}\): "
                        r"out/mau/ky-so/cv-ldld/phu-luc.pdf", result.stdout.splitlines()[2])
    signed_attachment = work / "out" / "mau" / "ky-so" / "cv-ldld" / "phu-luc.pdf"
    data = signed_attachment.read_bytes()
    (page, (x0, y0, x1, y1), _flags), = fields(data).values()
    assert page == 0
    assert abs(x1 - (595.3 - 15 * POINTS_PER_MM)) < 1.5 and y1 > 841.9 - 20 * POINTS_PER_MM  # top right, in the margin
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(signed_attachment), "-"],
                          capture_output=True, text=True).stdout.splitlines()
    assert text[0].strip() == "Số, ký hiệu: 01/LĐLĐ"
    assert re.fullmatch(rf"Thời gian ký: {TIME}", text[1].strip())
    assert page_colours(signed_attachment, (x0, y0, x1, y1)) == {"blue": 0, "red": 0}  # no image, black text
    fonts = subprocess.run(["pdffonts", "-f", "1", "-l", "1", str(signed_attachment)], capture_output=True,
                           text=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts
    result = run(work, "verify")
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("Chữ ký số hợp lệ: 2 tệp đã ký khớp sổ đăng ký, chuỗi về chứng thư gốc tin cậy, "
                                  "có dấu thời gian.\n")


# --- tampering -----------------------------------------------------------------------------------------------------


def test_one_byte_changed_in_the_signed_pdf_is_caught(signed, tmp_path):
    work = copy_of(signed, tmp_path)
    path = work / "out" / "mau" / "ky-so" / "cv-ldld.pdf"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01  # inside the PDF/A bytes both signatures cover
    path.write_bytes(bytes(data))
    result = run(work, "verify")
    where = "out/mau/ky-so/cv-ldld.pdf"
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{where}: khác với tệp sổ đăng ký ghi nhận sau khi ký (sha256); tệp đã bị sửa",
        f"{where}: phần trước chữ ký đầu tiên không phải tệp PDF đã được ký (theo sổ đăng ký)",
        f"{where}: chữ ký của người ký không còn nguyên vẹn: nội dung đã bị sửa sau khi ký",
        f"{where}: chữ ký của cơ quan không còn nguyên vẹn: nội dung đã bị sửa sau khi ký",
    ]
    assert result.stderr == "4 chỗ không khớp.\n"


def test_a_changed_docx_under_a_rewritten_manifest_is_caught(signed, tmp_path):
    work = copy_of(signed, tmp_path)
    path = work / "out" / "mau" / "kh-tinh.docx"
    data = path.read_bytes() + b"\0"  # still opens as a zip; a clerk's edit would do the same to the hash
    path.write_bytes(data)
    manifest_path = work / "out" / "mau" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        if doc["id"] == "kh-tinh":
            doc["sha256"] = hashlib.sha256(data).hexdigest()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    result = run(work, "verify")
    assert (result.returncode, result.stdout) == (1, (
        "out/mau/kh-tinh.docx: khác với tệp sổ đăng ký ghi nhận khi tạo (sha256); tệp đã bị sửa\n"))


def rewrite_archive(path: Path, change) -> None:
    """Change entries of an archive and rewrite its manifest's hashes to match, as a forger would."""
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    change(files)
    if "manifest.json" in files:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = [{"path": n, "sha256": hashlib.sha256(d).hexdigest()}
                             for n, d in sorted(files.items()) if n != "manifest.json"]
        files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in sorted(files.items()):
            zf.writestr(name, data)


def test_one_byte_changed_in_the_archive_is_caught_under_a_rewritten_manifest(signed, tmp_path):
    archive = tmp_path / "archive.zip"
    shutil.copyfile(signed / "out" / "mau" / "archive.zip", archive)

    def change(files):
        data = bytearray(files["ky-so/cv-ldld.pdf"])
        data[len(data) // 3] ^= 0x01
        files["ky-so/cv-ldld.pdf"] = bytes(data)
        files["van-ban/kh-tinh.docx"] += b"\0"

    rewrite_archive(archive, change)
    result = run(signed, "verify", "--archive", str(archive))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{archive}: ky-so/cv-ldld.pdf khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)",
        f"{archive}: manifest.json khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)",
        f"{archive}: van-ban/kh-tinh.docx khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)",
        f"{archive}: ky-so/cv-ldld.pdf: phần trước chữ ký đầu tiên không phải tệp PDF đã được ký (theo sổ đăng ký)",
        f"{archive}: ky-so/cv-ldld.pdf: chữ ký của người ký không còn nguyên vẹn: nội dung đã bị sửa sau khi ký",
        f"{archive}: ky-so/cv-ldld.pdf: chữ ký của cơ quan không còn nguyên vẹn: nội dung đã bị sửa sau khi ký",
    ]


def test_one_byte_changed_in_the_archive_manifest_is_caught(signed, tmp_path):
    archive = tmp_path / "archive.zip"
    shutil.copyfile(signed / "out" / "mau" / "archive.zip", archive)

    def change(files):
        files["manifest.json"] = files["manifest.json"].replace(b'"number": 188', b'"number": 189')

    with zipfile.ZipFile(signed / "out" / "mau" / "archive.zip") as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    change(files)
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in sorted(files.items()):
            zf.writestr(name, data)
    result = run(signed, "verify", "--archive", str(archive))
    assert (result.returncode, result.stdout) == (1, (
        f"{archive}: manifest.json khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)\n"))


# --- a PKCS#11 token ---------------------------------------------------------------------------------------------


def softhsm_token(folder: Path, p12: Path) -> dict:
    """Make a SoftHSM2 token holding the signer's key and certificate; return the environment to reach it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "vanban", "--so-pin", "5678",
                    "--pin", PASSWORD], env=env, check=True, capture_output=True)
    loaded = pkcs12.load_pkcs12(p12.read_bytes(), PASSWORD.encode())
    key_file = folder / "key.pem"
    key_file.write_bytes(loaded.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    subprocess.run(["softhsm2-util", "--import", str(key_file), "--token", "vanban", "--label", "nguoi-ky",
                    "--id", "01", "--pin", PASSWORD], env=env, check=True, capture_output=True)
    key_file.unlink()
    certificate = loaded.cert.certificate.public_bytes(serialization.Encoding.DER)
    script = (
        "import sys, pkcs11\n"
        "from pkcs11 import Attribute, ObjectClass, CertificateType\n"
        "lib = pkcs11.lib(sys.argv[1])\n"
        "token = lib.get_token(token_label='vanban')\n"
        "from cryptography import x509\n"
        "value = open(sys.argv[3], 'rb').read()\n"
        "subject = x509.load_der_x509_certificate(value).subject.public_bytes()\n"
        "with token.open(rw=True, user_pin=sys.argv[2]) as session:\n"
        "    session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.SUBJECT: subject,\n"
        "        Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True,\n"
        "        Attribute.LABEL: 'nguoi-ky', Attribute.ID: b'\\x01', Attribute.VALUE: value})\n")
    cert_file = folder / "cert.der"
    cert_file.write_bytes(certificate)
    subprocess.run([str(VANBAN.parent / "python"), "-c", script, str(SOFTHSM), PASSWORD, str(cert_file)], env=env,
                   check=True, capture_output=True)
    return {"SOFTHSM2_CONF": str(config)}


def test_the_signer_signs_with_a_pkcs11_token(pki, fresh, tmp_path):
    made, _url = pki
    assert SOFTHSM.exists(), "SoftHSM2 is missing: run scripts/install-system-deps.sh"
    env = softhsm_token(tmp_path / "hsm", made.signer_p12)
    work = fresh
    registry = work / "data" / "to-chuc.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "{tep_p12: ../pki/signer.p12}", f"{{thu_vien_pkcs11: {SOFTHSM}, khe: 0, nhan: nguoi-ky}}"), encoding="utf-8")
    wrong = run(work, "sign", "cv-ldld", "--vai", "nguoi-ky", env={**env, "VANBAN_MAT_KHAU": "sai"})
    assert (wrong.returncode, wrong.stderr) == (
        1, f"không mở được thiết bị ký ở khe 0 ({SOFTHSM}): PinIncorrect\n")
    result = run(work, "sign", "cv-ldld", "--vai", "nguoi-ky", env=env)
    assert result.returncode == 0, result.stderr
    assert [r[5] for r in signatures(work)][0] == certificate_sha256(made.signer_p12)
    result = run(work, "verify", env=env)
    assert (result.returncode, result.stdout.splitlines()[-1]) == (
        0, "Chữ ký số hợp lệ: 1 tệp đã ký khớp sổ đăng ký, chuỗi về chứng thư gốc tin cậy, có dấu thời gian.")
