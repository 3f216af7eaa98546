"""Properties (hypothesis): the loader never raises, Vietnamese formatting keeps its laws,
text stays text in a DOCX, and any valid registry and document build into a document that lints clean.

Builds run the CLI's ``main()`` in this process (one document: no worker is forked), in a
fresh folder per example. Example counts are kept small: each test here takes a few seconds.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import docx_lines
from hostile.runner import run_in_process
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.build.progress import format_seconds
from pipeline.errors import Problem
from pipeline.sources.fields import CAMPAIGN, REGISTRY
from pipeline.sources.load import load_file, parse_text
from pipeline.sources.schema import Context
from pipeline.vietnamese.format import (
    DRAFT_NUMBER,
    VIETNAMESE_LETTERS,
    code_number,
    forbidden_character,
    format_date_long,
    format_date_short,
    letter,
    lower_first,
    number_line,
    place_date_line,
    roman,
    section_label,
    upper_first,
    upper_vi,
)

# PROPERTY_SCALE=10 runs ten times as many examples (a deeper search than the suite's few seconds allow).
SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
FAST = settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(max_examples=25 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
VIETNAMESE = "bcdđghklmnpqrstvx" + VOWELS
YAML_TOKENS = [": ", "- ", "-", ":", "[", "]", "{", "}", ",", "&a ", "*a", "!!", "!x ", "|", ">", "'", '"', "#",
               "%", "@", "`", "?", "\n", "\n  ", "\n    ", "\t", " ", "~", "null", "true", "0x1F", "1e9", "188",
               "30/02/2025", "ma", "van_ban", "trich_yeu", "Ủy ban", "{{ dia_ban }}", "<<", "---", "...", "\\",
               "\ufeff", "\x00", "\u202e", "\u0301"]


# --- the loader: arbitrary text in, problems out, never an exception -----------------------------------


def _assert_answer(source, problems) -> None:
    assert all(isinstance(p, Problem) for p in problems)
    assert source is not None or problems, "refused without saying why"
    for p in problems:
        assert p.location.line >= 1 and p.location.column >= 1, p
        assert p.message and "Traceback" not in p.message


@FAST
@given(st.text(max_size=400))
def test_the_loader_answers_any_text(text):
    _assert_answer(*parse_text(text, "nguon.yaml"))


@FAST
@given(st.lists(st.sampled_from(YAML_TOKENS) | st.text(alphabet=VIETNAMESE + "_ ", max_size=8), max_size=60))
def test_the_loader_and_the_checks_answer_yaml_like_text(pieces):
    """Text made of YAML's own punctuation: parsed, then checked as a campaign and as a registry."""
    source, problems = parse_text("".join(pieces), "nguon.yaml")
    _assert_answer(source, problems)
    if source is not None and not problems:
        for root in (CAMPAIGN, REGISTRY):
            ctx = Context(source)
            root.check(source.data, (), ctx)  # never raises: every mistake is a problem
            _assert_answer(source, ctx.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_the_loader_answers_any_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nguon.yaml"
        path.write_bytes(data)
        _assert_answer(*load_file(path))


# --- Vietnamese formatting ---------------------------------------------------------------------------


def _from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


@FAST
@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_read_back_and_are_canonical(n):
    text = roman(n)
    assert _from_roman(text) == n
    assert not re.search(r"(.)\1\1\1", text)  # never IIII, XXXX…
    assert re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text)


@FAST
@given(st.integers(min_value=1, max_value=23 * 24), st.integers(min_value=1, max_value=23 * 24))
def test_point_letters_are_vietnamese_and_one_to_one(a, b):
    assert set(letter(a)) <= set("".join(VIETNAMESE_LETTERS))
    assert (letter(a) == letter(b)) == (a == b)
    assert len(letter(a)) == (1 if a <= len(VIETNAMESE_LETTERS) else 2)


@FAST
@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=6))
def test_section_labels_follow_the_level(path):
    path = tuple(path)
    depth, last = len(path), path[-1]
    # kế hoạch: I. / 1. / a) / -      công văn: 1. / 2.1. / a) / -
    expected_muc = [f"{roman(last)}.", f"{last}.", f"{letter(last)})"][depth - 1] if depth <= 3 else "-"
    assert section_label("muc", path) == expected_muc
    expected_cap = [f"{last}.", ".".join(map(str, path)) + ".", f"{letter(last)})"][depth - 1] if depth <= 3 else "-"
    assert section_label("phan_cap", path) == expected_cap


NOTATIONS = st.from_regex(r"[A-ZĐ]{1,4}(-[A-ZĐ]{1,4})?(/[A-ZĐ]{1,4})?", fullmatch=True)


@FAST
@given(st.integers(min_value=1, max_value=99_999), NOTATIONS, st.booleans())
def test_number_lines_read_back(n, notation, party):
    line, code = number_line(n, notation, party), code_number(n, notation, party)
    assert line == ("Số " if party else "Số: ") + code
    match = re.fullmatch(r"(\d+)" + ("-" if party else "/") + re.escape(notation), code)
    assert match and int(match.group(1)) == n
    assert len(match.group(1)) == max(2, len(str(n)))  # below 10 with a leading zero
    # a draft leaves the number blank for the văn thư to fill in by hand
    assert number_line(None, notation, party) == ("Số " if party else "Số: ") + DRAFT_NUMBER + \
        ("-" if party else "/") + notation


DATES = st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2100, 12, 31))
PLACES = st.text(alphabet=VIETNAMESE.upper() + VIETNAMESE + " ", min_size=1, max_size=20).map(str.strip) \
    .filter(bool)


@FAST
@given(DATES, PLACES)
def test_dates_read_back_from_every_printed_form(date, place):
    long = format_date_long(date)
    match = re.fullmatch(r"ngày (\d\d) tháng (\d{1,2}) năm (\d{4})", long)
    assert match and _dt.date(int(match[3]), int(match[2]), int(match[1])) == date
    assert match[2] == (f"{date.month:02d}" if date.month <= 2 else str(date.month))  # 01, 02 padded; 3–12 not
    short = re.fullmatch(r"(\d\d)/(\d{1,2})/(\d{4})", format_date_short(date))
    assert short and _dt.date(int(short[3]), int(short[2]), int(short[1])) == date
    assert place_date_line(place, date) == f"{place}, {long}"


@FAST
@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " -,.", max_size=40), st.sampled_from(["NFC", "NFD"]))
def test_upper_vi_is_idempotent_and_reverses_to_lower(text, form):
    upper = upper_vi(unicodedata.normalize(form, text))
    assert upper_vi(upper) == upper
    assert upper.lower() == unicodedata.normalize("NFC", text).lower()
    assert not any(c.islower() for c in upper)


@FAST
@given(st.text(max_size=30))
def test_lower_first_changes_the_first_letter_only(text):
    out = lower_first(text)
    assert out[1:] == text[1:]
    assert out[:1] == text[:1].lower()


@FAST
@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_seconds_in_vietnamese_use_a_decimal_comma(seconds):
    shown = format_seconds(seconds, "vi")
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d\d", shown), shown
    assert float(shown.replace(".", "").replace(",", ".")) == pytest.approx(round(seconds, 2), abs=0.006)


# --- text stays text: any trích yếu builds into a DOCX that holds it ---------------------------------------

ONE_BODY = """co_quan:
  - ma: ubnd-tinh
    he_thong: nha_nuoc
    ten: [ỦY BAN NHÂN DÂN, TỈNH YÊN BÁI]
    ten_day_du: Ủy ban nhân dân tỉnh Yên Bái
    ten_ngan: UBND tỉnh
    dia_ban: tỉnh Yên Bái
    dia_danh: Yên Bái
    ky_hieu: UBND
    don_vi_soan_thao:
      - {ma: VX, ten: Phòng Văn hóa - Xã hội}
    nguoi_ky:
      - {ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch, quyen_han: TM. Ủy ban nhân dân}
"""
# The characters Text refuses, \r (XML reads it as \n) and the marks of emphasis (* is markup).
REFUSED = {chr(c) for c in range(0x10000) if forbidden_character(chr(c))} | {"\r", "*"}
SUBJECT_CHARS = st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",),
                              blacklist_characters="".join(sorted(REFUSED)))
# Written as escapes: line breaks (YAML folds them), the quote and the backslash, and what the YAML
# reader refuses raw (DEL and the C1 controls); everything else is written as is, so NFC applies.
ESCAPES = {"\n": "\\n", "\t": "\\t", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", '"': '\\"', "\\": "\\\\",
           **{chr(c): f"\\x{c:02x}" for c in range(0x7F, 0xA0) if c != 0x85}}


def double_quoted(text: str) -> str:
    """Write ``text`` as a YAML double-quoted scalar (see ESCAPES)."""
    return '"' + "".join(ESCAPES.get(c, c) for c in text) + '"'


@contextmanager
def data_folder(registry: str, campaign: str):
    folder = Path(tempfile.mkdtemp(prefix="vanban-prop-"))
    try:
        (folder / "data" / "chien-dich").mkdir(parents=True)
        (folder / "data" / "to-chuc.yaml").write_text(registry, encoding="utf-8")
        (folder / "data" / "chien-dich" / "p.yaml").write_text(campaign, encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build(folder: Path) -> list[Path]:
    run = run_in_process(folder, "build")
    assert run.code == 0, run.err
    return sorted((folder / "out").glob("*/*.docx"))


def read_docx(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        for part in zf.namelist():
            if part.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(part))
    # a title's manual line breaks ("↵", the balanced lines) read as the spaces they replace
    return [re.sub(r"^(\[\d+\.\d+\] )+", "", line).replace("↵", " ") for line in docx_lines(path)]


@BUILDS
@given(st.text(alphabet=SUBJECT_CHARS, min_size=1, max_size=120), st.sampled_from(["ke_hoach", "cong_van"]))
def test_any_subject_builds_and_reads_back_nfc(text, kind):
    # a tab pasted inside a value reads as one space (with a warning: sources/load.py)
    expected = re.sub(r"[ ]*\t[ \t]*", " ", unicodedata.normalize("NFC", text)).strip()
    assume(expected and "{{" not in expected and "{%" not in expected)
    addressee = "    kinh_gui: [Sở Nội vụ]\n" if kind == "cong_van" else ""
    campaign = (f"ma: p\nten: Thử\nvan_ban:\n  - ma: vb\n    co_quan: ubnd-tinh\n    loai: {kind}\n"
                f"    ngay: 05/03/2025\n{addressee}    trich_yeu: {double_quoted(text)}\n"
                f"    noi_dung:\n      - doan: [Nội dung.]\n")
    with data_folder(ONE_BODY, campaign) as folder:
        check = run_in_process(folder, "check")
        if check.code != 0:  # the only refusals allowed: a subject too long once its marks are composed
            assert "quá dài" in check.err, check.err
            return
        (docx,) = build(folder)
        lines = read_docx(docx)
        with zipfile.ZipFile(docx) as zf:
            assert unicodedata.is_normalized("NFC", zf.read("word/document.xml").decode("utf-8"))
    # A trích yếu under the tên loại is a sentence: its first letter is set in capitals.
    shown = f"V/v {expected}" if kind == "cong_van" else upper_first(expected)
    assert any(shown in line for line in lines), (shown, lines)


def test_an_escaped_combining_mark_comes_out_composed():
    campaign = ('ma: p\nten: Thử\nvan_ban:\n  - ma: vb\n    co_quan: ubnd-tinh\n    loai: ke_hoach\n'
                '    ngay: 05/03/2025\n    trich_yeu: "Ke\\u0302\\u0301 hoa\\u0323ch"\n    noi_dung:\n      - doan: [x.]\n')
    with data_folder(ONE_BODY, campaign) as folder:
        (docx,) = build(folder)
        with zipfile.ZipFile(docx) as zf:
            assert unicodedata.is_normalized("NFC", zf.read("word/document.xml").decode("utf-8"))


# --- registry → document → lint: whatever a clerk may validly write lints clean ---------------------------------

SYLLABLES = ["an", "bình", "châu", "duy", "đông", "giang", "hà", "hải", "hòa", "hưng", "khánh", "lâm", "long",
             "minh", "nam", "nghĩa", "ngọc", "phú", "phúc", "quang", "sơn", "tân", "thái", "thành", "thủy", "tiến",
             "trung", "tuyên", "văn", "việt", "xuân", "yên", "lục", "mường", "nậm", "ấm", "ổn", "ứng"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
WORDS = SYLLABLES + ["phong", "trào", "thi", "đua", "triển", "khai", "kế", "hoạch", "công", "tác", "năm", "đợt",
                     "cán", "bộ", "nhân", "dân", "địa", "phương", "chào", "mừng", "đại", "hội", "các", "cấp"]
TYPES_BY_SYSTEM = {
    "nha_nuoc": ["ke_hoach", "cong_van", "quyet_dinh", "thong_bao", "bao_cao", "huong_dan", "giay_moi"],
    "cong_doan": ["ke_hoach", "cong_van", "thong_bao", "huong_dan"],
    "dang": ["ke_hoach", "cong_van", "thong_bao", "bao_cao", "chuong_trinh"],
}
AUTHORITY = {"nha_nuoc": ["TM. Ủy ban nhân dân", "KT. Chủ tịch", ""], "cong_doan": ["TM. Ban Thường vụ", ""],
             "dang": ["T/M Ban Thường vụ", "K/T Bí thư"]}


def capitalised(words: list[str]) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def words(n_min: int, n_max: int, pool=WORDS):
    return st.lists(st.sampled_from(pool), min_size=n_min, max_size=n_max)


@st.composite
def registry_and_campaign(draw):
    system = draw(st.sampled_from(sorted(TYPES_BY_SYSTEM)))
    place = capitalised(draw(words(1, 3, SYLLABLES)))
    kind_of_body = {"nha_nuoc": "Ủy ban nhân dân", "cong_doan": "Công đoàn", "dang": "Đảng ủy"}[system]
    full = f"{kind_of_body} {draw(st.sampled_from(['tỉnh', 'huyện', 'xã', 'khối']))} {place}"
    lines = [upper_vi(full)] if draw(st.booleans()) else [upper_vi(kind_of_body), upper_vi(full[len(kind_of_body) + 1:])]
    signer = " ".join([draw(st.sampled_from(SURNAMES))] + [capitalised([w]) for w in draw(words(1, 3, SYLLABLES))])
    authority = draw(st.sampled_from(AUTHORITY[system]))
    title = draw(st.sampled_from(["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc"]))
    body = {
        "ma": "co-quan", "he_thong": system, "ten": lines, "ten_day_du": full, "ten_ngan": full[:60],
        "dia_ban": place, "dia_danh": place, "ky_hieu": draw(st.sampled_from(["UBND", "CĐ", "ĐU", "TU", "LĐLĐ"])),
        "don_vi_soan_thao": [{"ma": "VP", "ten": "Văn phòng"}],
        "nguoi_ky": [{"ma": "ky", "ho_ten": signer, "chuc_vu": title, **({"quyen_han": authority} if authority else {})}],
    }
    if system == "dang":
        body["nhiem_ky_tu"] = "15/10/2020"
    kind = draw(st.sampled_from(TYPES_BY_SYSTEM[system]))
    date = draw(st.dates(min_value=_dt.date(2021, 1, 1), max_value=_dt.date(2030, 12, 31)))
    sentence = lambda ws: capitalised(ws[:1]) + (" " + " ".join(ws[1:]) if ws[1:] else "")  # noqa: E731
    sections = [{"tieu_de": sentence(draw(words(1, 5))), "doan": [sentence(draw(words(3, 25))) + "."
                                                                  for _ in range(draw(st.integers(1, 2)))]}
                for _ in range(draw(st.integers(1, 3)))]
    document = {"ma": "vb", "co_quan": "co-quan", "loai": kind, "ngay": date.strftime("%d/%m/%Y"),
                "trich_yeu": sentence(draw(words(3, 14))), "noi_dung": sections,
                "kinh_gui": [capitalised(draw(words(1, 4, SYLLABLES)))]}
    registry = yaml.safe_dump({"co_quan": [body]}, allow_unicode=True, sort_keys=False)
    campaign = yaml.safe_dump({"ma": "p", "ten": "Thử", "van_ban": [document]}, allow_unicode=True, sort_keys=False)
    return registry, campaign


@BUILDS
@given(registry_and_campaign())
def test_any_valid_registry_and_document_lint_clean(sources):
    from pipeline.lint.linter import format_violation, lint_docx

    registry, campaign = sources
    with data_folder(registry, campaign) as folder:
        check = run_in_process(folder, "check")
        assert check.code == 0, check.err + "\n" + registry + campaign
        (docx,) = build(folder)
        read_docx(docx)
        violations = lint_docx(docx)
        assert violations == [], "\n".join(format_violation(v) for v in violations) + "\n" + registry + campaign


def test_a_one_letter_subject_with_an_addressee_builds():
    campaign = ("ma: p\nten: Thử\nvan_ban:\n  - ma: vb\n    co_quan: ubnd-tinh\n    loai: ke_hoach\n"
                "    ngay: 05/03/2025\n    kinh_gui: [Sở Nội vụ]\n    trich_yeu: A\n    noi_dung:\n      - doan: [x.]\n")
    with data_folder(ONE_BODY, campaign) as folder:
        build(folder)


def test_subject_alphabet_leaves_out_only_what_text_refuses():
    assert {"\x00", "\u200b", "\u202e", "\ufeff", "\ufffe", "\r", "*"} <= REFUSED
    assert not {"&", "<", ">", '"', "'", "\t", "\n", "đ", "\u0301"} & REFUSED
    sample = 'a"b\\c\nd\u2028e\x85f\tg\x7fh\x9fi'
    assert yaml.safe_load(double_quoted(sample)) == sample
