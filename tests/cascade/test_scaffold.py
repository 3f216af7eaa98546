"""``vanban new`` adds skeletons as text to copies of tests/data/mini; builds show their progress.

A skeleton is appended where the list ends, with the clerk's comments, modeline
and layout untouched; the sources are checked afterwards and a refused result
puts the file back. The build tests read what ``vanban build`` prints: one
summary line when stdout is not a terminal, a bar that wipes itself when it is.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import i18n
from pipeline.build.progress import BuildProgress
from pipeline.cascade import scaffold
from pipeline.cli import cli
from pipeline.sources.fields import BODY, DOCUMENT
from pipeline.sources.load import parse_text

CAMPAIGN = "chien-dich/mau.yaml"
MODELINE = "# yaml-language-server: $schema=../../../../schemas/chien-dich.schema.json"
SUMMARY = re.compile(r"^Đã tạo (\d+) văn bản \((\d+) dự thảo\) trong \d+,\d\d giây\.$")


@pytest.fixture(autouse=True)
def vietnamese():
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


@pytest.fixture
def data(mini_copy) -> Path:
    return mini_copy.root


def vanban(data: Path, *args: str):
    """Run the CLI in-process (CliRunner: stdout is not a terminal) on ``data``."""
    work = data.parent
    return CliRunner().invoke(cli, ["--lang", "vi", "--data", str(data), "--output", str(work / "out"),
                                    "--register", str(work / "so-dang-ky.sqlite3"), *args], catch_exceptions=False)


def new_document(data: Path, *args: str):
    return vanban(data, "new", "van-ban", "--chien-dich", str(data / CAMPAIGN), *args)


def manifest(data: Path, campaign: str = "mau") -> dict:
    return {d["id"]: d for d in json.loads((data.parent / "out" / campaign / "manifest.json").read_text())["documents"]}


def item_lines(text: str, doc_id: str) -> list[str]:
    """The lines of the new item: from its header comment to the end of the file."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"- ma: {doc_id}"))
    return lines[start - 1:]


# --- documents ------------------------------------------------------------------------------------------


def counts(data: Path) -> tuple[int, int]:
    """(documents, drafts) of the sources in ``data``, as ``vanban check`` counts them."""
    check = vanban(data, "check")
    assert check.exit_code == 0, check.output
    docs, drafts = re.search(r"(\d+) văn bản \((\d+) dự thảo\)", check.output).groups()
    return int(docs), int(drafts)


def test_new_document_is_appended_as_text_checked_and_built(data):
    docs, drafts = counts(data)
    before = (data / CAMPAIGN).read_text(encoding="utf-8")
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau")
    assert result.exit_code == 0, result.output
    after = (data / CAMPAIGN).read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n")  # every byte the clerk wrote is still there
    assert after.splitlines()[0] == MODELINE
    line = int(re.search(r"mau\.yaml:(\d+)\.", result.output).group(1))
    assert after.splitlines()[line - 1].startswith("  - ma: kh-ubnd-huyen-tram-tau ")
    assert "Đã thêm văn bản 'kh-ubnd-huyen-tram-tau' vào" in result.output

    assert counts(data) == (docs + 1, drafts + 1)
    build = vanban(data, "build")
    assert build.exit_code == 0, build.output
    doc = manifest(data)["kh-ubnd-huyen-tram-tau"]
    assert (doc["parent"], doc["issuer"], doc["type"], doc["number"]) == ("kh-tinh", "ubnd-huyen-tram-tau",
                                                                          "ke_hoach", None)
    assert (data.parent / "out" / "mau" / "kh-ubnd-huyen-tram-tau.docx").exists()


def test_skeleton_has_every_key_of_a_document_each_with_a_vietnamese_comment(data):
    new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau")
    lines = item_lines((data / CAMPAIGN).read_text(encoding="utf-8"), "kh-ubnd-huyen-tram-tau")
    assert lines[0].startswith("  # Kế hoạch của UBND huyện Trạm Tấu, triển khai 'kh-tinh' — khung do 'vanban new'")
    keys = {}
    for line in lines[1:]:
        m = re.match(r"^\s*(?:- )?(?:# )?([a-z_]+):(.*)$", line)
        if m and not line.strip().startswith("#   "):
            keys[m.group(1)] = m.group(2)
    expected = [f.key for f in DOCUMENT.fields if f.key not in scaffold.FAN_OUT_KEYS]
    assert sorted(keys) == sorted(expected)
    for key, rest in keys.items():
        assert re.search(r"\s# \S", rest), f"{key} has no comment: {rest!r}"
    active = [line.split(":")[0].strip(" -") for line in lines[1:] if not line.lstrip().startswith("#")]
    assert active == ["ma", "van_ban_cha", "co_quan", "ngay"]
    assert "# trich_yeu: Phát động phong trào thi đua đặc biệt" in "\n".join(lines)  # what it inherits, to edit
    assert "Có: chu-tich (Vũ Lê Chung Anh, Chủ tịch)" in "\n".join(lines)


def test_uncommented_lines_of_the_skeleton_are_valid_yaml_and_pass_the_check(data):
    new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ma", "kh-tram-tau")
    path = data / CAMPAIGN
    text = path.read_text(encoding="utf-8")
    for key in ("loai", "trich_yeu", "thoi_gian", "han", "nguoi_ky", "don_vi_soan_thao"):
        text = re.sub(rf"^(\s*)# ({key}:)", r"\1\2", text, count=1, flags=re.M)
    text = text.replace("    # noi_dung:", "    noi_dung:").replace("    #   - tieu_de: …\n    #     doan:\n"
                                                                   "    #       - …",
                                                                   "      - tieu_de: Mục đích\n        doan:\n"
                                                                   "          - Riêng huyện Trạm Tấu.")
    path.write_text(text, encoding="utf-8")
    assert vanban(data, "check").exit_code == 0
    build = vanban(data, "build")
    assert build.exit_code == 0, build.output
    assert manifest(data)["kh-tram-tau"]["signer"] == "Vũ Lê Chung Anh"


def test_date_is_today_unless_the_parent_is_later(data, monkeypatch):
    monkeypatch.setattr("pipeline.clock.today", lambda: _dt.date(2024, 9, 1))
    new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--loai", "cong_van")
    new_document(data, "--cha", "kh-huyen", "--co-quan", "ubnd-huyen-tram-tau", "--loai", "thong_bao")
    text = (data / CAMPAIGN).read_text(encoding="utf-8")
    assert re.search(r"- ma: cv-ubnd-huyen-tram-tau\s.*\n(.*\n){2}    loai: cong_van .*\n    ngay: 01/09/2024 ", text)
    assert re.search(r"- ma: tb-ubnd-huyen-tram-tau\s.*\n.*\n.*\n    loai: thong_bao .*\n    ngay: 10/10/2024 ", text)


def test_under_a_fan_out_the_body_cites_its_own_copy(data):
    result = new_document(data, "--cha", "kh-huyen", "--co-quan", "ubnd-huyen-van-yen", "--loai", "cong_van")
    assert result.exit_code == 0, result.output
    assert "    van_ban_cha: kh-huyen--ubnd-huyen-van-yen " in (data / CAMPAIGN).read_text(encoding="utf-8")
    vanban(data, "build")
    assert manifest(data)["cv-ubnd-huyen-van-yen"]["parent"] == "kh-huyen--ubnd-huyen-van-yen"


@pytest.mark.parametrize("args, message", [
    (["--cha", "kh-tinhh", "--co-quan", "ubnd-huyen-tram-tau"],
     "chiến dịch {path} không có văn bản nào mã 'kh-tinhh'\n    Gợi ý: có phải ý bạn là 'kh-tinh'?"),
    (["--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tao"],
     "không có cơ quan nào mã 'ubnd-huyen-tram-tao' trong danh mục\n    Gợi ý: có phải ý bạn là 'ubnd-huyen-tram-tau'?"),
    (["--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--loai", "ke-hoach"],
     "không có loại văn bản 'ke-hoach'\n    Gợi ý: có phải ý bạn là 'ke_hoach'?"),
    (["--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ma", "kh-huyen"],
     "chiến dịch {path} đã có văn bản mã 'kh-huyen'; hãy chọn mã khác bằng --ma"),
    (["--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ma", "KH Trạm Tấu"],
     "mã 'KH Trạm Tấu' không hợp lệ: cần chữ thường không dấu, số và dấu '-' (ví dụ ubnd-huyen-tram-tau)"),
    (["--co-quan", "ubnd-tinh"],
     "chiến dịch {path} đã có văn bản gốc 'kh-tinh'; hãy cho biết văn bản cha bằng --cha"),
    (["--cha", "kh-huyen", "--co-quan", "ldld-tinh"],
     "cơ quan 'ldld-tinh' không trực thuộc cơ quan nào ban hành 'kh-huyen'\n"
     "    Gợi ý: chọn một văn bản cha cụ thể, ví dụ --cha kh-huyen--ubnd-huyen-tram-tau"),
])
def test_refusals_are_clear_and_change_nothing(data, args, message):
    before = (data / CAMPAIGN).read_bytes()
    result = new_document(data, *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message.format(path=str(data / CAMPAIGN))
    assert (data / CAMPAIGN).read_bytes() == before


def test_campaign_file_outside_the_data_folder_is_refused(data, tmp_path):
    result = vanban(data, "new", "van-ban", "--cha", "kh-tinh", "--co-quan", "ubnd-tinh",
                    "--chien-dich", str(tmp_path / "khac.yaml"))
    assert result.exit_code == 1
    assert "tệp chiến dịch phải là" in result.stderr and not (tmp_path / "khac.yaml").exists()


def test_a_skeleton_that_fails_the_check_is_taken_back(data, monkeypatch):
    before = (data / CAMPAIGN).read_bytes()
    real = scaffold.document_skeleton
    monkeypatch.setattr(scaffold, "document_skeleton", lambda *a: real(*a) + ["  trich_yue: sai chính tả"])
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau")
    assert result.exit_code == 1
    assert "khóa không hợp lệ 'trich_yue'" in result.stderr
    assert "Gợi ý: có phải ý bạn là 'trich_yeu'?" in result.stderr
    assert result.stderr.strip().endswith(f"Khung mới không qua được kiểm tra; đã trả {data / CAMPAIGN} về như cũ.")
    assert (data / CAMPAIGN).read_bytes() == before


def test_sources_with_errors_are_not_touched(data, mini_copy):
    mini_copy.edit(CAMPAIGN, "    trich_yeu: Phát động", "    trich_yue: Phát động")
    before = (data / CAMPAIGN).read_bytes()
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau")
    assert result.exit_code == 1
    assert "khóa không hợp lệ 'trich_yue'" in result.stderr
    assert (data / CAMPAIGN).read_bytes() == before


def test_new_campaign_file_starts_with_the_modeline_and_a_root(data):
    path = data / "chien-dich" / "dot-moi.yaml"
    result = vanban(data, "new", "van-ban", "--co-quan", "ubnd-tinh", "--loai", "huong_dan",
                    "--chien-dich", "dot-moi")
    assert result.exit_code == 0, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/chien-dich.schema.json"
    assert lines[1].startswith("ma: dot-moi ") and lines[3].startswith("van_ban: ")
    assert "  - ma: hd-ubnd-tinh " in lines[5]
    source, problems = parse_text("\n".join(lines), str(path))
    assert problems == [] and source.data["van_ban"][0]["trich_yeu"] == "…"
    assert vanban(data, "build").exit_code == 0
    assert manifest(data, "dot-moi")["hd-ubnd-tinh"]["type"] == "huong_dan"


def test_the_list_may_be_followed_by_other_keys_and_written_with_crlf(data):
    path = data / CAMPAIGN
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("van_ban:\n", 1)
    moved = head.replace("ten: Chiến dịch mẫu cho kiểm thử\n", "")
    path.write_bytes((moved + "van_ban:\n" + rest + "\n# Tên để cuối tệp.\nten: Chiến dịch mẫu cho kiểm thử\n")
                     .replace("\n", "\r\n").encode("utf-8"))
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-van-yen")
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    tail = raw.decode("utf-8").split("\r\n")[-6:]
    assert tail[-3:] == ["# Tên để cuối tệp.", "ten: Chiến dịch mẫu cho kiểm thử", ""]
    assert vanban(data, "check").exit_code == 0


# --- bodies -----------------------------------------------------------------------------------------------


def test_new_body_copies_what_its_siblings_share_then_issues_a_document(data):
    before = (data / "to-chuc.yaml").read_text(encoding="utf-8")
    result = vanban(data, "new", "co-quan", "--ma", "ubnd-huyen-mu-cang-chai", "--cap-tren", "ubnd-tinh",
                    "--he-thong", "nha_nuoc")
    assert result.exit_code == 0, result.output
    text = (data / "to-chuc.yaml").read_text(encoding="utf-8")
    assert text.startswith(before.rstrip("\n") + "\n\n")
    lines = item_lines(text, "ubnd-huyen-mu-cang-chai")
    block = "\n".join(lines)
    for expected in ("    ten: [ỦY BAN NHÂN DÂN, HUYỆN …] ", "    ten_ngan: UBND huyện … ", "    cap: huyen ",
                     "    nhom_nhan: UBND các huyện, thị xã, thành phố ", "    ky_hieu: UBND ",
                     "      - {ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch}"):
        assert expected in block
    keys = {m.group(1) for line in lines[1:] if (m := re.match(r"^\s*(?:- )?(?:# )?([a-z_]+):", line))
            and not line.strip().startswith("#   ")}
    assert keys == {f.key for f in BODY.fields}
    assert vanban(data, "check").exit_code == 0

    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-mu-cang-chai")
    assert result.exit_code == 0, result.output
    assert vanban(data, "build").exit_code == 0
    assert manifest(data)["kh-ubnd-huyen-mu-cang-chai"]["signer"] == "Nguyễn Văn A"


def test_new_body_in_a_new_registry_file(data):
    result = vanban(data, "new", "co-quan", "--ma", "ubnd-xa-ban-cong", "--cap-tren", "ubnd-huyen-tram-tau",
                    "--he-thong", "nha_nuoc", "--file", str(data / "to-chuc" / "xa.yaml"))
    assert result.exit_code == 0, result.output
    lines = (data / "to-chuc" / "xa.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/to-chuc.schema.json"
    assert lines[1].startswith("co_quan: ")
    assert "  - ma: ubnd-xa-ban-cong " in lines[3]
    assert "    ten: [ỦY BAN NHÂN DÂN, XÃ …] " in "\n".join(lines)
    assert vanban(data, "check").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["--ma", "ubnd-tinh", "--cap-tren", "ubnd-tinh", "--he-thong", "nha_nuoc"], "danh mục đã có cơ quan mã 'ubnd-tinh'"),
    (["--ma", "ubnd-xa-a", "--cap-tren", "ubnd-huyen", "--he-thong", "nha_nuoc"],
     "không có cơ quan nào mã 'ubnd-huyen' trong danh mục"),
    (["--ma", "ubnd-xa-a", "--cap-tren", "ubnd-tinh", "--he-thong", "nhanuoc"],
     "không có hệ thống 'nhanuoc'\n    Gợi ý: có phải ý bạn là 'nha_nuoc'?"),
])
def test_new_body_refusals(data, args, message):
    before = (data / "to-chuc.yaml").read_bytes()
    result = vanban(data, "new", "co-quan", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert (data / "to-chuc.yaml").read_bytes() == before


# --- build progress ------------------------------------------------------------------------------------------


def test_build_off_a_terminal_prints_one_summary_line(data):
    docs, drafts = counts(data)
    result = vanban(data, "build")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"Đã ghi {data.parent / 'out' / 'mau' / 'manifest.json'}"]
    assert SUMMARY.match(lines[-1]).groups() == (str(docs), str(drafts))
    assert "\r" not in result.stdout and "#" not in result.stdout


def test_build_summary_in_english(data):
    docs, drafts = counts(data)
    result = CliRunner().invoke(cli, ["--lang", "en", "--data", str(data), "--output", str(data.parent / "out"),
                                      "--register", str(data.parent / "r.sqlite3"), "build"])
    assert re.fullmatch(rf"Built {docs} documents \({drafts} drafts\) in \d+\.\d\d seconds\.",
                        result.stdout.splitlines()[-1])


class Doc:
    def __init__(self, id: str, is_draft: bool):
        self.id, self.is_draft = id, is_draft


def test_on_a_terminal_a_bar_moves_and_wipes_itself():
    stream = io.StringIO()
    with BuildProgress(total=4, stream=stream, tty=True) as progress:
        for i in range(4):
            progress._drawn_at = 0.0  # draw every document, however fast
            progress(Doc(f"kh-{i}", is_draft=i % 2 == 0))
    drawn = stream.getvalue()
    assert "Đang tạo văn bản [######------------------] 1/4  kh-0" in drawn
    assert "Đang tạo văn bản [########################] 4/4  kh-3" in drawn
    assert drawn.endswith("\r" + " " * (len(drawn.rsplit("\r", 2)[-2])) + "\r")
    assert (progress.count, progress.drafts) == (4, 2)
    assert SUMMARY.match(progress.summary()).groups() == ("4", "2")


def test_on_a_terminal_without_a_previous_build_the_bar_counts():
    stream = io.StringIO()
    with BuildProgress(total=None, stream=stream, tty=True) as progress:
        progress(Doc("kh-tinh", False))
    assert "Đang tạo văn bản: 1  kh-tinh" in stream.getvalue()


def test_the_build_may_say_how_many_documents_it_will_write():
    stream = io.StringIO()
    with BuildProgress(total=33, stream=stream, tty=True) as progress:
        progress.start(2)
        progress(Doc("kh-tinh", False))
    assert "Đang tạo văn bản [############------------] 1/2  kh-tinh" in stream.getvalue()


def test_off_a_terminal_nothing_is_drawn():
    stream = io.StringIO()
    with BuildProgress(total=3, stream=stream) as progress:  # StringIO is not a terminal
        for i in range(3):
            progress(Doc(f"kh-{i}", False))
    assert stream.getvalue() == "" and progress.count == 3


def test_bar_length_is_the_number_of_documents_to_write(data):
    from pipeline.build.build import BuildOptions, run_build

    n = counts(data)[0]
    stream = io.StringIO()
    options = BuildOptions(data, data.parent / "out", data.parent / "so-dang-ky.sqlite3", jobs=1)
    with BuildProgress(stream=stream, tty=True) as progress:
        run_build(options, progress=progress)
    assert f"] {n}/{n}  " in stream.getvalue() and f"] 1/{n}  " in stream.getvalue()


def test_date_given_as_written_even_counted_from_the_parent(data):
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ngay",
                          "3 ngày làm việc sau ngay_cha")
    assert result.exit_code == 0, result.output
    assert '    ngay: 3 ngày làm việc sau ngay_cha ' in (data / CAMPAIGN).read_text(encoding="utf-8")
    vanban(data, "build")
    assert manifest(data)["kh-ubnd-huyen-tram-tau"]["date"] == "2024-09-06"  # after Fri 30/8: 2/9, 3/9 are holidays


def test_relative_dates_the_parent_wrote_are_shown_as_written(data, mini_copy):
    mini_copy.edit(CAMPAIGN, "    han: 25/10/2024\n", "    han: \"5 ngày làm việc trước han_cha\"\n")
    result = new_document(data, "--cha", "kh-huyen--ubnd-huyen-tram-tau", "--co-quan", "ubnd-huyen-tram-tau",
                          "--loai", "cong_van")
    assert result.exit_code == 0, result.output
    assert '    # han: 5 ngày làm việc trước han_cha ' in (data / CAMPAIGN).read_text(encoding="utf-8")


def test_a_date_before_the_parent_is_refused_after_the_check(data):
    before = (data / CAMPAIGN).read_bytes()
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ngay", "01/08/2024")
    assert result.exit_code == 1
    assert "văn bản con ngày 01/8/2024 trước văn bản cha 'kh-tinh' ngày 30/8/2024" in result.stderr
    assert (data / CAMPAIGN).read_bytes() == before


def test_after_the_parents_deadline_the_date_is_proposed_from_the_parent(data, monkeypatch):
    # Dated today, the plan would print kh-tinh's deadline (31/10/2024), long passed: an error now.
    monkeypatch.setattr("pipeline.clock.today", lambda: _dt.date(2026, 12, 5))
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau")
    assert result.exit_code == 0, result.output
    assert ("Ngày: hôm nay (05/12/2026) đã qua hạn 31/10/2024 của văn bản cha, nên ngày đề xuất lấy theo "
            "văn bản cha: 04/09/2024; sửa 'ngay' nếu cần.\n") in result.output  # Fri 30/8, then 2/9 and 3/9 off
    assert "    ngay: 04/09/2024 " in (data / CAMPAIGN).read_text(encoding="utf-8")


def test_a_date_written_today_after_the_parents_deadline_is_refused(data):
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ngay", "05/12/2026")
    assert result.exit_code == 1
    assert ("kh-ubnd-huyen-tram-tau: ngay: văn bản ngày 05/12/2026 in hạn 31/10/2024 ({{ han }}) kế thừa từ "
            "văn bản cha, đã qua trước ngày ban hành\n") in result.output


def test_date_given_in_iso_form_is_written_as_clerks_write_it(data):
    result = new_document(data, "--cha", "kh-tinh", "--co-quan", "ubnd-huyen-tram-tau", "--ngay", "2024-10-15")
    assert result.exit_code == 0, result.output
    assert "    ngay: 15/10/2024 " in (data / CAMPAIGN).read_text(encoding="utf-8")


def test_under_a_plan_whose_tasks_name_roles_the_level_lacks_the_skeleton_writes_its_own(tmp_path):
    # The 2024 district plan gives work to the district's Ban Tuyên giáo; a commune has none. The
    # skeleton cannot inherit that part, so it writes its own "Tổ chức thực hiện" to fill in, says
    # why in the file and on the screen, and the sources still pass the check.
    from conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    campaign = data / "chien-dich" / "thi-dua-dac-biet-2024.yaml"
    before = campaign.read_text(encoding="utf-8")
    result = vanban(data, "new", "van-ban", "--chien-dich", str(campaign), "--cha", "kh-huyen--ubnd-huyen-tram-tau",
                    "--co-quan", "ubnd-xa-ban-cong", "--ma", "kh-xa-ban-cong-moi", "--ngay", "15/10/2024")
    assert result.exit_code == 0, result.output
    assert ("Viết riêng: phần Tổ chức thực hiện của văn bản cha giao việc cho vai trò mà cấp này không có, nên "
            "khung có phần to_chuc_thuc_hien riêng để điền.") in result.output
    after = campaign.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n")
    lines = item_lines(after, "kh-xa-ban-cong-moi")
    at = next(i for i, line in enumerate(lines) if line.startswith("    to_chuc_thuc_hien:"))
    assert lines[at - 2:at] == [
        "    # Viết riêng cho cấp này: văn bản cha giao việc mà cấp này không nhận được:",
        "    #   - vai trò 'tuyen_giao' không có cơ quan nào ở cấp 'xa' (văn bản của UBND xã Bản Công)"]
    assert lines[at + 1:at + 4] == ["      - tieu_de: …", "        doan:", "          - …"]
    check = vanban(data, "check")
    assert check.exit_code == 0, check.output
