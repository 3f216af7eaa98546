"""Loading YAML (pipeline/sources/load.py): YAML 1.2 core values, every refusal located and worded for a clerk."""

from __future__ import annotations

import time
import unicodedata

import pytest

from pipeline.sources.load import (
    MAX_FILE_BYTES,
    MAX_SCALAR_CHARS,
    load_file,
    parse_text,
)


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Return ``load(content) -> (data, [formatted problems])`` for a file named ``nguon.yaml``."""
    monkeypatch.chdir(tmp_path)  # paths in messages are shown relative to the working folder

    def run(content: str | bytes):
        path = tmp_path / "nguon.yaml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        source, problems = load_file(path)
        return (source.data if source else None), [p.format() for p in problems]

    return run


# --- YAML 1.2 core, as the clerk's editor reads it -------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("2024-11-07", "2024-11-07"),  # a date is text, not a datetime.date (YAML 1.1 would convert it)
    ("30/08/2024", "30/08/2024"),
    ("no", "no"),  # the Norway problem: YAML 1.1 reads False
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("true", True),
    ("false", False),
    ("True", True),
    ('"012"', "012"),  # quoted: text, the leading zero kept
    ("'012'", "012"),
    ("012", 12),  # YAML 1.2: decimal, not octal
    ("0o17", 15),
    ("0x1F", 31),
    ("188", 188),
    ("-5", -5),
    ("1.5", 1.5),
    ("1e3", 1000.0),
    ("~", None),
    ("null", None),
    ("", None),
    ("12:30", "12:30"),  # YAML 1.1 sexagesimal 750
    ("1_000", "1_000"),  # YAML 1.1 reads 1000
    ("!!str 2024", "2024"),
    ("Ủy ban nhân dân", "Ủy ban nhân dân"),
    ("'Phát động A & B <c>'", "Phát động A & B <c>"),
])
def test_scalars_follow_yaml_1_2_core(load, text, value):
    data, problems = load(f"gia_tri: {text}\n")
    assert problems == []
    assert data == {"gia_tri": value}
    assert type(data["gia_tri"]) is type(value)


def test_block_scalars_keep_their_lines(load):
    data, problems = load("doan: |\n  dòng 1\n  dòng 2\ngap: >\n  một\n  dòng\n")
    assert problems == []
    assert data == {"doan": "dòng 1\ndòng 2\n", "gap": "một dòng\n"}


def test_windows_line_ends_and_byte_order_mark_are_accepted(load):
    data, problems = load("\ufeffma: mau\r\nten: Chiến dịch\r\n".encode("utf-8"))
    assert problems == []
    assert data == {"ma": "mau", "ten": "Chiến dịch"}


def test_values_are_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nguon.yaml").write_text("ma: mau\nvan_ban:\n  - ma: kh-tinh\n    ngay: 30/08/2024\n",
                                         encoding="utf-8")
    source, problems = load_file(tmp_path / "nguon.yaml")
    assert problems == []
    assert str(source.where(("van_ban", 0, "ngay"))) == "nguon.yaml:4:11"
    assert str(source.where_key(("van_ban", 0, "ngay"))) == "nguon.yaml:4:5"
    assert str(source.where(("van_ban", 0, "khong_co"))) == "nguon.yaml:3:5"  # nearest known parent


# --- refusals: exact message, file:line:column ----------------------------------------------------------


def test_duplicate_key_names_both_lines(load):
    data, problems = load("ma: kh-tinh\nngay: 30/08/2024\nngay: 31/08/2024\n")
    assert problems == [
        "nguon.yaml:3:1: ngay: khóa 'ngay' bị lặp (đã có ở dòng 2)\n"
        "    Gợi ý: xóa một trong hai dòng"
    ]
    assert data == {"ma": "kh-tinh", "ngay": "30/08/2024"}


def test_duplicate_key_deep_inside_is_located(load):
    _data, problems = load("van_ban:\n  - ma: a\n    thoi_gian: {tu: 01/01/2024, tu: 02/01/2024}\n")
    assert problems == [
        "nguon.yaml:3:33: van_ban[0].thoi_gian.tu: khóa 'tu' bị lặp (đã có ở dòng 3)\n"
        "    Gợi ý: xóa một trong hai dòng"
    ]


@pytest.mark.parametrize("content, where", [
    ("ma: mau\nvan_ban:\n\t- ma: a\n", "nguon.yaml:3:1"),
    ("ma: mau\nthoi_gian:\n  tu: 01/01/2024\n\tden: 02/01/2024\n", "nguon.yaml:4:1"),
])
def test_tab_indentation(load, content, where):
    data, problems = load(content)
    assert data is None
    assert problems == [
        f"{where}: lỗi cú pháp YAML: có ký tự Tab ở đầu dòng\n"
        "    Gợi ý: YAML chỉ thụt lề bằng dấu cách; thay mỗi Tab bằng 2 dấu cách"
    ]


ALIAS_MESSAGE = "không dùng neo và bí danh YAML (&tên, *tên): giá trị này được dùng lại ở chỗ khác; hãy viết đầy đủ giá trị ở từng chỗ"


def test_alias_is_refused(load):
    data, problems = load("mac_dinh: &md {tu: 01/01/2024, den: 31/12/2024}\nthoi_gian: *md\n")
    assert data is None
    assert problems == [f"nguon.yaml:2:1: {ALIAS_MESSAGE}"]


def test_undefined_alias_is_refused(load):
    data, problems = load("ma: mau\nthoi_gian: *khong_co\n")
    assert data is None
    assert problems == [f"nguon.yaml:2:12: {ALIAS_MESSAGE}"]


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
) + "\n"


def test_billion_laughs_is_refused_quickly(load):
    started = time.perf_counter()
    data, problems = load(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    assert data is None
    assert len(problems) == 1 and problems[0].endswith(ALIAS_MESSAGE)
    assert elapsed < 0.5  # expanded, it would be 9**9 strings


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object:builtins.dict",
    "!!python/name:os.system",
    "!!binary",
    "!custom",
])
def test_tags_are_refused_never_constructed(load, tag, tmp_path):
    data, problems = load(f"ma: mau\ntrich_yeu: {tag} [\"touch pwned\"]\n")
    assert problems == [
        f"nguon.yaml:2:12: trich_yeu: không chấp nhận thẻ YAML '{tag}'\n"
        "    Gợi ý: xóa thẻ bắt đầu bằng '!' trước giá trị"
    ]
    assert data == {"ma": "mau", "trich_yeu": None}
    assert not (tmp_path / "pwned").exists()


def test_merge_key_is_refused(load):
    _data, problems = load("ma: mau\n<<: {ten: x}\n")
    assert problems == ["nguon.yaml:2:1: không dùng khóa gộp '<<' của YAML"]


def test_non_text_key_is_refused(load):
    _data, problems = load("? [a, b]\n: 1\n")
    assert problems == ["nguon.yaml:1:3: tên khóa phải là một chữ"]


@pytest.mark.parametrize("encoding, where", [
    ("cp1252", "nguon.yaml:2:1"),  # the first byte that is not UTF-8 is on line 2
    ("utf-16", "nguon.yaml:1:1"),  # "Unicode" in Notepad
])
def test_file_that_is_not_utf8(load, encoding, where):
    data, problems = load("ma: mau\nten: Chiến dịch Hòa Bình\n".encode(encoding, errors="replace"))
    assert data is None
    assert problems == [f"{where}: tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8"]


def test_oversize_file_is_refused_before_parsing(load):
    data, problems = load(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert data is None
    assert problems == [f"nguon.yaml:1:1: tệp quá lớn: {MAX_FILE_BYTES + 4} byte, tối đa {MAX_FILE_BYTES} byte"]


def test_oversize_value_is_refused(load):
    data, problems = load("ma: mau\ndoan: " + "x" * (MAX_SCALAR_CHARS + 1) + "\n")
    assert problems == [f"nguon.yaml:2:7: doan: giá trị quá dài: {MAX_SCALAR_CHARS + 1} ký tự, tối đa {MAX_SCALAR_CHARS}"]
    assert data == {"ma": "mau", "doan": ""}


@pytest.mark.parametrize("character, column", [("\x00", 16), ("\x07", 16), ("\x1b", 16)])
def test_raw_control_character_is_located(load, character, column):
    data, problems = load(f"ma: mau\ntrich_yeu: Phát{character} động\n")
    assert data is None
    assert problems == [
        f"nguon.yaml:2:{column}: có ký tự ẩn hoặc ký tự điều khiển U+{ord(character):04X}\n"
        "    Gợi ý: xóa ký tự đó (thường do sao chép từ trang web hoặc tệp PDF)"
    ]


def test_missing_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, problems = load_file(tmp_path / "khong-co.yaml")
    assert source is None
    assert [p.format() for p in problems] == ["khong-co.yaml: không đọc được tệp (No such file or directory)"]


@pytest.mark.parametrize("content, expected", [
    ("ma: a: b\n",
     "nguon.yaml:1:6: lỗi cú pháp YAML: dấu ':' không đúng chỗ\n"
     "    Gợi ý: nếu giá trị có dấu ':' hãy đặt cả giá trị trong dấu ngoặc kép \"…\""),
    ("trich_yeu: 'chưa đóng\n",  # named where the quote opens, not at the end of the file
     "nguon.yaml:1:12: lỗi cú pháp YAML: dấu ' mở giá trị ở đây nhưng không có dấu đóng trên dòng này\n"
     "    Gợi ý: thêm dấu ' ở cuối giá trị, hoặc bỏ dấu ' ở đầu"),
    ("ma: mau\nten: x\n den: y\n",
     "nguon.yaml:3:5: lỗi cú pháp YAML: dấu ':' không đúng chỗ\n"
     "    Gợi ý: nếu giá trị có dấu ':' hãy đặt cả giá trị trong dấu ngoặc kép \"…\""),
    ("thoi_gian:\n  tu: 01/01/2024\n den: 02/01/2024\n",
     "nguon.yaml:3:2: lỗi cú pháp YAML: thụt lề không khớp với các dòng trên\n"
     "    Gợi ý: các khóa cùng cấp phải thẳng cột với nhau"),
    ("kinh_gui: [UBND huyện, UBND xã\n",
     "nguon.yaml:2:1: lỗi cú pháp YAML: danh sách […] thiếu dấu ',' hoặc ']'\n"
     "    Gợi ý: nếu một mục có dấu phẩy hãy đặt mục đó trong dấu ngoặc kép"),
])
def test_syntax_errors_in_the_clerks_words(load, content, expected):
    data, problems = load(content)
    assert data is None
    assert problems == [expected]


# --- text normalisation ----------------------------------------------------------------------------------------


def test_decomposed_input_is_normalised_to_nfc(load):
    written = unicodedata.normalize("NFD", "ten_day_du: Ủy ban nhân dân huyện Trạm Tấu\ncap: huyện\n")
    assert written != unicodedata.normalize("NFC", written)
    data, problems = load(written)
    assert problems == []
    assert data == {"ten_day_du": "Ủy ban nhân dân huyện Trạm Tấu", "cap": "huyện"}
    assert all(unicodedata.is_normalized("NFC", v) for v in data.values())


def test_decomposed_keys_are_normalised_too(load):
    data, _problems = load(unicodedata.normalize("NFD", "rieng:\n  ghi_chú: x\n"))
    assert list(data["rieng"]) == ["ghi_chú"]
    assert unicodedata.is_normalized("NFC", list(data["rieng"])[0])


def test_parse_text_names_the_file_it_is_given():
    source, problems = parse_text("a: 1\na: 2\n", "data/chien-dich/x.yaml")
    assert [p.format().splitlines()[0] for p in problems] == [
        "data/chien-dich/x.yaml:2:1: a: khóa 'a' bị lặp (đã có ở dòng 1)"]
    assert source.data == {"a": 1}
