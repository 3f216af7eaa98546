"""``vanban register`` (the Sổ đăng ký văn bản đi of NĐ 30 Phụ lục IV) and ``vanban verify``.

Each test runs the real command and reads the file or the lines a clerk gets.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from conftest import vanban_in as vanban

from pipeline.register.export import vietnamese_key

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
COLUMNS = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
           "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"]
SUBJECT = "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp"




@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """mini built (188/KH-UBND and 277-KH/ĐUK recorded), then two drafts issued, one in 2025."""
    folder = tmp_path_factory.mktemp("register")
    shutil.copytree(MINI, folder / "data")
    for args in (("build",), ("issue", "kh-huyen--ubnd-huyen-tram-tau", "--date", "2024-10-11"),
                 ("issue", "qd-khen-thuong", "--date", "2025-01-06"), ("build",)):
        result = vanban(folder, *args)
        assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def work(prepared, tmp_path) -> Path:
    """A copy of ``prepared`` that a test may change."""
    shutil.copytree(prepared, tmp_path, dirs_exist_ok=True)
    return tmp_path


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs need for Vietnamese
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_the_ten_columns_and_the_rows_in_register_order(work):
    result = vanban(work, "register", "--format", "csv", "-o", "so.csv")
    assert result.stdout == "Đã ghi 4 văn bản vào so.csv\n"
    header, *rows = read_csv(work / "so.csv")
    assert header == COLUMNS
    assert rows == [  # one book per issuer (in Vietnamese order) and year, each in number order
        ["277-KH/ĐUK", "18/09/2024", "Kế hoạch về việc phát động đợt thi đua đặc biệt lập thành tích chào mừng "
         "đại hội Đảng bộ các cấp nhiệm kỳ 2025 - 2030", "Nguyễn Văn A", "Tỉnh ủy (để b/c)", "VT, ĐUK", "", "", "",
         "Số cấp trước khi lập sổ"],
        ["01/KH-UBND", "11/10/2024", f"Kế hoạch {SUBJECT}", "Vũ Lê Chung Anh", "UBND tỉnh (để b/c)", "VT, PNV",
         "", "", "", ""],
        ["01/QĐ-UBND", "06/01/2025", "Quyết định Về việc khen thưởng các tập thể có thành tích xuất sắc trong phong "
         "trào thi đua đặc biệt", "Vũ Lê Chung Anh", "UBND tỉnh (để b/c)", "VT, PNV", "", "", "", ""],
        ["188/KH-UBND", "30/08/2024", f"Kế hoạch {SUBJECT}", "Nguyễn Văn A",
         "UBND các huyện, thị xã, thành phố; LĐLĐ tỉnh", "VT, VX", "", "", "", "Số cấp trước khi lập sổ"],
    ]


def test_issuer_and_year_filters(work):
    assert vanban(work, "register", "--issuer", "ubnd-huyen-tram-tau", "--year", "2025", "--format", "csv",
                  "-o", "huyen.csv").stdout == "Đã ghi 1 văn bản vào huyen.csv\n"
    assert [r[0] for r in read_csv(work / "huyen.csv")[1:]] == ["01/QĐ-UBND"]
    vanban(work, "register", "--year", "2024", "--format", "csv", "-o", "2024.csv")
    assert [r[0] for r in read_csv(work / "2024.csv")[1:]] == ["277-KH/ĐUK", "01/KH-UBND", "188/KH-UBND"]


def test_xlsx_is_set_up_to_be_printed_and_bound(work):
    result = vanban(work, "register", "--issuer", "ubnd-tinh", "--format", "xlsx", "-o", "so.xlsx")
    assert result.stdout == "Đã ghi 1 văn bản vào so.xlsx\n", result.stderr
    sheet = openpyxl.load_workbook(work / "so.xlsx").active
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [c.value for c in sheet[2]] == ["188/KH-UBND", dt.datetime(2024, 8, 30), f"Kế hoạch {SUBJECT}",
                                           "Nguyễn Văn A", "UBND các huyện, thị xã, thành phố; LĐLĐ tỉnh", "VT, VX",
                                           None, None, None, "Số cấp trước khi lập sổ"]
    assert sheet["B2"].number_format == "dd/mm/yyyy"  # shown 30/08/2024
    assert sheet.max_row == 2 and sheet.max_column == 10
    assert (int(sheet.page_setup.paperSize), sheet.page_setup.orientation) == (9, "landscape")  # 9: A4
    assert sheet.print_title_rows == "$1:$1"  # the header on every printed page
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert all(sheet.cell(r, c).alignment.wrap_text for r in (1, 2) for c in range(1, 11))
    widths = [sheet.column_dimensions[chr(64 + c)].width for c in range(1, 11)]
    assert widths[2] == max(widths) and all(w >= 8 for w in widths)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in sheet.oddHeader.center.text


def test_the_whole_register_is_one_book_per_issuer_and_year(work):
    # A văn thư keeps one sổ per issuer and year (NĐ 30, Điều 15; Phụ lục IV): one sheet each,
    # named and titled for it, in number order.
    result = vanban(work, "register", "--format", "xlsx", "-o", "so.xlsx")
    assert result.stdout == "Đã ghi 4 văn bản vào so.xlsx\n", result.stderr
    book = openpyxl.load_workbook(work / "so.xlsx")
    assert [(s.title, s.oddHeader.center.text, [r[0].value for r in s.iter_rows(min_row=2)]) for s in book] == [
        ("Đảng ủy khối CQ&DN tỉnh 2024", "SỔ ĐĂNG KÝ VĂN BẢN ĐI - Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh - NĂM 2024",
         ["277-KH/ĐUK"]),
        ("UBND huyện Trạm Tấu 2024", "SỔ ĐĂNG KÝ VĂN BẢN ĐI - Ủy ban nhân dân huyện Trạm Tấu - NĂM 2024",
         ["01/KH-UBND"]),
        ("UBND huyện Trạm Tấu 2025", "SỔ ĐĂNG KÝ VĂN BẢN ĐI - Ủy ban nhân dân huyện Trạm Tấu - NĂM 2025",
         ["01/QĐ-UBND"]),
        ("UBND tỉnh 2024", "SỔ ĐĂNG KÝ VĂN BẢN ĐI - Ủy ban nhân dân tỉnh Yên Bái - NĂM 2024",
         ["188/KH-UBND"]),
    ]
    assert all(s.print_title_rows == "$1:$1" and [c.value for c in s[1]] == COLUMNS for s in book)


def test_vietnamese_alphabetical_order():
    names = ["Đặng", "Dương", "Ánh", "Bình"]
    assert sorted(names) == ["Bình", "Dương", "Ánh", "Đặng"]  # code points: wrong
    assert sorted(names, key=vietnamese_key) == ["Ánh", "Bình", "Dương", "Đặng"]
    # ă and â are letters after a, ê after e, ô ơ after o, ư after u; tones: huyền, hỏi, ngã, sắc, nặng
    assert sorted(["ăn", "ân", "anh", "az", "ba"], key=vietnamese_key) == ["anh", "az", "ăn", "ân", "ba"]
    assert sorted(["ơn", "ôm", "oz", "ưa", "uy"], key=vietnamese_key) == ["oz", "ôm", "ơn", "uy", "ưa"]
    assert sorted(["má", "mạ", "mà", "mả", "mã", "ma"], key=vietnamese_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["Ủy", "đê", "Dê", "ê"], key=vietnamese_key) == ["Dê", "đê", "ê", "Ủy"]


SIGNERS = {"xa-a": "Đặng Văn Em", "xa-b": "Dương Thị Hoa", "xa-c": "Ánh Ngọc Lan", "xa-d": "Bình Minh Tú"}
PLACES = {"xa-a": "Đông Cuông", "xa-b": "Bảo Hưng", "xa-c": "Ân Phú", "xa-d": "Dương Quỳ"}


@pytest.fixture(scope="module")
def communes(tmp_path_factory) -> Path:
    """mini plus four communes whose names and signers sort differently by code point and in Vietnamese."""
    tmp_path = tmp_path_factory.mktemp("communes")
    shutil.copytree(MINI, tmp_path / "data")
    bodies, docs = [], ["ma: xa\nten: Các xã\nvan_ban:"]
    for n, (body, signer) in enumerate(SIGNERS.items(), start=1):
        place = PLACES[body]
        bodies.append(f"  - ma: {body}\n    he_thong: nha_nuoc\n    ten: [ỦY BAN NHÂN DÂN, XÃ {place.upper()}]\n"
                      f"    ten_day_du: Ủy ban nhân dân xã {place}\n    ten_ngan: UBND xã {place}\n"
                      f"    dia_ban: xã {place}\n    dia_danh: {place}\n    ky_hieu: UBND\n"
                      f"    nguoi_ky:\n      - {{ma: chu-tich, ho_ten: {signer}, chuc_vu: Chủ tịch}}\n")
        parent = "" if n == 1 else "    van_ban_cha: tb-xa-a\n"
        docs.append(f"  - ma: tb-{body}\n{parent}    co_quan: {body}\n    loai: thong_bao\n    so: {n}\n"
                    f"    ngay: 0{n}/03/2025\n    trich_yeu: Về việc thông báo số {n}\n"
                    f"    noi_dung:\n      - doan: [Nội dung {n}.]")
    with (tmp_path / "data" / "to-chuc.yaml").open("a", encoding="utf-8") as registry:
        registry.write("".join(bodies))
    (tmp_path / "data" / "chien-dich" / "xa.yaml").write_text("\n".join(docs) + "\n", encoding="utf-8")
    result = vanban(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_sort_by_signer_in_vietnamese_order(communes):
    assert vanban(communes, "register", "--sort", "nguoi-ky", "--format", "csv", "-o", "ky.csv").returncode == 0
    signers = [r[3] for r in read_csv(communes / "ky.csv")[1:]]
    assert signers == ["Ánh Ngọc Lan", "Bình Minh Tú", "Dương Thị Hoa", "Đặng Văn Em", "Nguyễn Văn A", "Nguyễn Văn A"]


def test_an_unknown_issuer_lists_the_issuers_by_vietnamese_name(communes):
    result = vanban(communes, "register", "--issuer", "xa-z", "--format", "csv", "-o", "z.csv")
    assert result.returncode == 1 and not (communes / "z.csv").exists()
    assert result.stderr == (
        "sổ đăng ký không có văn bản nào của 'xa-z'; các cơ quan có trong sổ: "
        "dang-uy-khoi (Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh); ubnd-tinh (Ủy ban nhân dân tỉnh Yên Bái); "
        "xa-c (Ủy ban nhân dân xã Ân Phú); xa-b (Ủy ban nhân dân xã Bảo Hưng); "
        "xa-d (Ủy ban nhân dân xã Dương Quỳ); xa-a (Ủy ban nhân dân xã Đông Cuông)\n")


def test_register_needs_a_register_file(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    result = vanban(tmp_path, "register", "--format", "csv", "-o", "so.csv")
    assert (result.returncode, result.stderr) == (
        1, "chưa có sổ đăng ký so.sqlite3; hãy chạy vanban build hoặc vanban issue trước\n")


# --- vanban verify ------------------------------------------------------------------------------


def test_verify_accepts_a_consistent_output(work):
    result = vanban(work, "verify")
    built = len(json.loads((work / "out" / "mau" / "manifest.json").read_text(encoding="utf-8"))["documents"])
    assert (result.returncode, result.stdout, result.stderr) == (0, f"Khớp: {built} tệp, 4 số trong sổ đăng ký.\n", "")


def test_verify_finds_a_changed_file(work):
    docx = work / "out" / "mau" / "kh-tinh.docx"
    docx.write_bytes(docx.read_bytes() + b"\0")
    (work / "out" / "mau" / "cv-ldld.docx").unlink()
    result = vanban(work, "verify")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "out/mau/kh-tinh.docx: nội dung khác với out/mau/manifest.json (sha256); tệp đã bị sửa sau khi tạo",
        "out/mau/cv-ldld.docx: thiếu tệp ghi trong out/mau/manifest.json",
    ]
    assert result.stderr == "2 chỗ không khớp.\n"


def sql(work: Path, statement: str) -> None:
    db = sqlite3.connect(work / "so.sqlite3")
    with db:
        db.execute(statement)
    db.close()


def test_verify_finds_a_deleted_register_row(work):
    assert vanban(work, "issue", "kh-huyen--ubnd-huyen-van-yen", "--date", "2024-10-12").returncode == 0
    assert vanban(work, "issue", "cv-ldld", "--date", "2024-10-24").returncode == 0
    assert vanban(work, "build").returncode == 0
    sql(work, "DELETE FROM issued WHERE document = 'kh-huyen--ubnd-huyen-van-yen'")
    result = vanban(work, "verify")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "out/mau/manifest.json: kh-huyen--ubnd-huyen-van-yen: có số 01/KH-UBND ngày 12/10/2024 "
        "nhưng sổ đăng ký không có dòng nào cho văn bản này",
    ]


def test_verify_finds_a_gap_and_a_duplicate_in_a_series(work):
    # 01/KH-UBND of Trạm Tấu was issued; a second row takes number 01 again, another skips to 03
    sql(work, "INSERT INTO issued SELECT campaign, 'ban-sao', series, number, 'QĐ-UBND', issuer, date, type, subject, "
              "signer, recipients, keep, content_sha256, 0 FROM issued WHERE document = 'kh-huyen--ubnd-huyen-tram-tau'")
    sql(work, "INSERT INTO issued SELECT campaign, 'nhay-so', series, 3, 'TB-UBND', issuer, date, type, subject, "
              "signer, recipients, keep, content_sha256, 0 FROM issued WHERE document = 'kh-huyen--ubnd-huyen-tram-tau'")
    result = vanban(work, "verify")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "sổ đăng ký: 01/QĐ-UBND (mau/ban-sao) không có trong out/mau/manifest.json",
        "sổ đăng ký: 03/TB-UBND (mau/nhay-so) không có trong out/mau/manifest.json",
        "sổ đăng ký, dãy số ubnd-huyen-tram-tau/2024: số 01 được cấp 2 lần: "
        "01/QĐ-UBND (mau/ban-sao), 01/KH-UBND (mau/kh-huyen--ubnd-huyen-tram-tau)",
        "sổ đăng ký, dãy số ubnd-huyen-tram-tau/2024: thiếu số 02 (trước số 03)",
    ]
    assert result.stderr == "4 chỗ không khớp.\n"


def test_verify_finds_a_manifest_that_disagrees_with_the_register(work):
    manifest = work / "out" / "mau" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["documents"][0]["date"] = "2024-08-31"
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = vanban(work, "verify")
    assert result.stdout.splitlines() == [
        "out/mau/manifest.json: kh-tinh: manifest ghi 188/KH-UBND ngày 31/08/2024, "
        "sổ đăng ký ghi 188/KH-UBND ngày 30/08/2024"]
    assert result.returncode == 1


# --- voided numbers (hủy số) --------------------------------------------------------------------------------------


def test_a_voided_number_keeps_its_line_in_the_so_and_is_never_given_again(work):
    before = dt.date.today()
    voided = vanban(work, "void", "qd-khen-thuong", "--ly-do", "  Cấp nhầm:\n văn bản  chưa ký ")
    assert voided.returncode == 0, voided.stderr
    days = {f"{d:%d/%m/%Y}" for d in (before, dt.date.today())}  # the day it was voided (the clock may pass midnight)
    assert voided.stdout == ("Đã hủy số 01/QĐ-UBND ngày 06/01/2025 của qd-khen-thuong (lý do: Cấp nhầm: văn bản chưa "
                             "ký). Số này không bao giờ được cấp lại; lần build sau in văn bản thành dự thảo, hoặc cấp "
                             "số mới bằng vanban issue qd-khen-thuong.\n")
    assert vanban(work, "build").returncode == 0
    manifest = json.loads((work / "out" / "mau" / "manifest.json").read_text(encoding="utf-8"))
    assert next(d for d in manifest["documents"] if d["id"] == "qd-khen-thuong")["number"] is None  # a draft again
    again = vanban(work, "issue", "qd-khen-thuong", "--date", "2025-01-07")
    assert again.stdout == "Đã cấp số 02/QĐ-UBND ngày 07/01/2025 cho qd-khen-thuong.\n"  # 01 is never given again
    assert vanban(work, "build").returncode == 0
    assert vanban(work, "verify").stdout == "Khớp: 10 tệp, 4 số trong sổ đăng ký, 1 số đã hủy.\n"
    vanban(work, "register", "--issuer", "ubnd-huyen-tram-tau", "--year", "2025", "--format", "csv", "-o", "out/so.csv")
    rows = [(r[0], r[1], r[9]) for r in read_csv(work / "out" / "so.csv")[1:]]
    assert rows[0][:2] == ("01/QĐ-UBND", "06/01/2025") and rows[1] == ("02/QĐ-UBND", "07/01/2025", "")
    assert rows[0][2] in {f"Đã hủy số ngày {day}: Cấp nhầm: văn bản chưa ký" for day in days}


def test_a_voided_number_is_not_a_gap_and_no_number_may_repeat_it(work):
    assert vanban(work, "void", "qd-khen-thuong", "--ly-do", "Nhầm").returncode == 0
    sql(work, "INSERT INTO issued SELECT campaign, 'lap-so', series, number, notation, issuer, date, type, subject, "
              "signer, recipients, keep, content_sha256, 0 FROM voided WHERE document = 'qd-khen-thuong'")
    result = vanban(work, "verify")
    assert "sổ đăng ký, dãy số ubnd-huyen-tram-tau/2025: số 01 được cấp 2 lần: 01/QĐ-UBND (mau/lap-so), " \
           "01/QĐ-UBND (mau/qd-khen-thuong)" in result.stdout.splitlines()
    assert "thiếu số" not in result.stdout


@pytest.mark.parametrize("reason, message", [
    ("x" * 501, "lý do hủy số dài 501 ký tự, tối đa 500"),
    ("Nhầm\u202e", "lý do hủy số có ký tự ẩn U+202E; hãy gõ lại lý do"),
])
def test_a_void_reason_is_checked_and_nothing_changes(work, reason, message):
    before = (work / "so.sqlite3").read_bytes()
    result = vanban(work, "void", "qd-khen-thuong", "--ly-do", reason)
    assert (result.returncode, result.stderr) == (1, message + "\n")
    assert (work / "so.sqlite3").read_bytes() == before


# --- text in the exports is text --------------------------------------------------------------------------------


def test_exports_never_turn_a_signer_or_a_recipient_into_a_formula(work):
    """A signer written "=1+2" and an addressee "=HYPERLINK(…)": text in the csv (quoted) and in the xlsx."""
    data = work / "data"
    registry = (data / "to-chuc.yaml").read_text(encoding="utf-8")
    registry = registry.replace("{ma: pho-chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Phó Chủ tịch, quyen_han: TM. Ban "
                                "Thường vụ}", "{ma: pho-chu-tich, ho_ten: '=1+2', chuc_vu: Phó Chủ tịch, quyen_han: "
                                "TM. Ban Thường vụ}", 1)
    (data / "to-chuc.yaml").write_text(registry, encoding="utf-8")
    campaign = (data / "chien-dich" / "mau.yaml").read_text(encoding="utf-8")
    link = '=HYPERLINK("http://x.invalid","bấm")'
    campaign = campaign.replace('    kinh_gui: [Công đoàn Viên chức tỉnh, "Các LĐLĐ huyện, thị xã, thành phố"]\n',
                                f"    kinh_gui: ['{link}', '@SUM(1)']\n")
    (data / "chien-dich" / "mau.yaml").write_text(campaign, encoding="utf-8")
    assert vanban(work, "issue", "cv-ldld", "--date", "2025-02-03").returncode == 0
    vanban(work, "register", "--issuer", "ldld-tinh", "--format", "csv", "-o", "out/so.csv")
    row = read_csv(work / "out" / "so.csv")[1]
    assert (row[3], row[4]) == ("'=1+2", f"'{link}; @SUM(1); UBND tỉnh (để b/c)")
    vanban(work, "register", "--issuer", "ldld-tinh", "--format", "xlsx", "-o", "out/so.xlsx")
    sheet = openpyxl.load_workbook(work / "out" / "so.xlsx").active
    assert (sheet["D2"].value, sheet["E2"].value) == ("=1+2", f"{link}; @SUM(1); UBND tỉnh (để b/c)")
    assert (sheet["D2"].data_type, sheet["E2"].data_type) == ("s", "s")  # text, not a formula
