"""Vietnamese formatting rules: dates, numbers, notations, numbering of sections.

Every function here is pure (no I/O, no locale, no clock) so it can be tested
from a table. The rules come from Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức
văn bản hành chính), and for Party documents from Hướng dẫn 36-HD/VPTW; the
section of the rule is cited next to each function.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

# --- dates -------------------------------------------------------------------

_DATE_RE = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")  # ASCII digits, as the schema: not "２０２４"


class DateFormatError(ValueError):
    """A text that is not a real date in the dd/mm/yyyy form."""


def parse_date(text: str) -> _dt.date:
    """Return the date written ``dd/mm/yyyy`` (or ``d/m/yyyy``) as clerks write it.

    Raises DateFormatError with a Vietnamese reason when the form is wrong or the
    day does not exist (30/02/2025).
    """
    match = _DATE_RE.match(text)
    if not match:
        raise DateFormatError("form")
    day, month, year = (int(g) for g in match.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise DateFormatError("day") from None


def pad_day(day: int) -> str:
    """Return the day as printed: below 10 with a leading zero (NĐ 30, PL I, II.4.b)."""
    return f"{day:02d}"


def pad_month(month: int) -> str:
    """Return the month as printed: 01 and 02 padded, 3–12 not (NĐ 30, PL I, II.4.b)."""
    return f"{month:02d}" if month <= 2 else str(month)


def format_date_long(date: _dt.date) -> str:
    """Return "ngày 05 tháng 3 năm 2025", the form of the place-date line."""
    return f"ngày {pad_day(date.day)} tháng {pad_month(date.month)} năm {date.year}"


def format_date_short(date: _dt.date) -> str:
    """Return "30/8/2024", the form used when citing a document (seeds 000, 003)."""
    return f"{pad_day(date.day)}/{pad_month(date.month)}/{date.year}"


def format_date_input(date: _dt.date) -> str:
    """Return "30/08/2024", the form clerks type in YAML sources."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def place_date_line(place: str, date: _dt.date | None) -> str:
    """Return "Yên Bái, ngày 07 tháng 11 năm 2024"; blanks for an undated draft."""
    if date is None:
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, {format_date_long(date)}"


# --- numbers and notations ---------------------------------------------------


def pad_number(number: int, width: int = 2) -> str:
    """Return a document number as printed: below 10 with a leading zero (PL I, II.3.c).

    ``width``: the issuer's own minimum number of digits ("0124" with 4); the register keeps
    the number itself (124), the width is how that body prints it. Never fewer than NĐ 30's 2.
    """
    return f"{number:0{max(2, width)}d}"


DRAFT_NUMBER = "      "  # the blank a văn thư fills in by hand after signing (Điều 15)


def number_line(number: int | None, notation: str, party: bool, width: int = 2) -> str:
    """Return the "Số" line.

    State and union: "Số: 05/KH-UBND" (colon, slash; NĐ 30 PL I, II.3.c).
    Party: "Số 277-KH/ĐUK" (no colon, hyphen; HD 36, 1.3.1).
    A draft (number None) leaves the number blank. ``width``: see pad_number.
    """
    shown = DRAFT_NUMBER if number is None else pad_number(number, width)
    if party:
        return f"Số {shown}-{notation}"
    return f"Số: {shown}/{notation}"


def code_number(number: int | None, notation: str, party: bool, width: int = 2) -> str:
    """Return "188/KH-UBND" or "277-KH/ĐUK" as cited in other documents (``width``: see pad_number)."""
    shown = "…" if number is None else pad_number(number, width)
    return f"{shown}-{notation}" if party else f"{shown}/{notation}"


# --- names -------------------------------------------------------------------


def upper_vi(text: str) -> str:
    """Return Vietnamese text in capitals, keeping every tone mark ("Ủy" → "ỦY")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


def unit_word(locality: str) -> str:
    """Return the generic word of an administrative unit: "huyện" for "huyện Trạm Tấu", "" when none.

    NĐ 30 PL II, II.4: the generic word of a unit is written in lower case and its proper
    name capitalised ("tỉnh Yên Bái", "thị trấn Trạm Tấu"), so the generic word is what
    comes before the first capitalised word. A locality that is not a unit ("Đảng bộ Sở
    Công Thương", "cả nước") has none.
    """
    words = locality.split()
    for i, word in enumerate(words):
        if word[:1].isupper():
            return " ".join(words[:i])
    return ""


# Words that open a sentence only: after "Thực hiện …," they go on in lower case. Anything
# else (a body's name, "UBND", "Ủy ban nhân dân tỉnh …", a title) keeps its capital.
_SENTENCE_OPENERS = ("Để", "Nhằm", "Với", "Trên cơ sở", "Theo đó", "Qua đó", "Đồng thời", "Nay")


def continue_sentence(text: str) -> str:
    """Return ``text`` as it reads after a comma: "Để động viên …" → "để động viên …", names unchanged."""
    for opener in _SENTENCE_OPENERS:
        if text.startswith(opener) and text[len(opener):len(opener) + 1] in (" ", ","):
            return lower_first(text)
    return text


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """Return group names as one phrase: "UBND các huyện, thị xã, thành phố; các sở, ban, ngành tỉnh".

    The names hold commas themselves, so they are joined by ";"; a name after the first that
    begins with a common word ("Các sở…") goes on in lower case, a body's name keeps its capital.
    """
    return "; ".join(n if i == 0 or not n.startswith(("Các ", "Những ")) else lower_first(n)
                     for i, n in enumerate(names))


def lower_first(text: str) -> str:
    """Return text with its first letter in lower case ("Về việc" → "về việc")."""
    return text[:1].lower() + text[1:] if text else text


_OPENING = "“\"'‘«([ "


def starts_lower(text: str) -> bool:
    """Whether the first letter (after opening quotes and brackets) is a small letter that has
    a capital: a sentence, such as a state trích yếu, must not start so (NĐ 30 Mục V)."""
    rest = text.lstrip(_OPENING)
    return bool(rest) and rest[0].islower() and rest[0].upper() != rest[0]


def upper_first(text: str) -> str:
    """Return text with its first letter in capitals, after any opening quote or bracket
    ("phát động …" → "Phát động …", "“xanh” …" → "“Xanh” …")."""
    if not starts_lower(text):
        return text
    lead = len(text) - len(text.lstrip(_OPENING))
    return unicodedata.normalize("NFC", text[:lead] + text[lead].upper() + text[lead + 1:])


# --- numbering of sections -----------------------------------------------------

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]

# NĐ 30 lists the points of a khoản with the Vietnamese alphabet: a, b, c, d, đ, e, g…
# (PL I, II.6.đ) — no f, j, w, z.
VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def roman(number: int) -> str:
    """Return the Roman numeral of a positive integer (mục of a kế hoạch: "I.")."""
    if number < 1:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, symbol in _ROMAN:
        while number >= value:
            out.append(symbol)
            number -= value
    return "".join(out)


def letter(number: int) -> str:
    """Return the n-th point letter, "a" for 1, "đ" for 5; past "y" it doubles ("aa")."""
    if number < 1:
        raise ValueError("points start at 1")
    count = len(VIETNAMESE_LETTERS)
    if number <= count:
        return VIETNAMESE_LETTERS[number - 1]
    return letter((number - 1) // count) + VIETNAMESE_LETTERS[(number - 1) % count]


# A numbering scheme is written as clerks write it: the label of the first item of each level,
# from the top down, "I. / 1. / a) / -" (a list, or one text with " / " between the labels).
# Each label stands for a kind of label (SCHEME_KINDS); below the last level the last kind
# goes on. NĐ 30 PL I II.6.đ fixes only mục "I.", khoản "1." and điểm "a)"; the dotted
# "1.1." (seed 000, seed 003's "7.1." under "7."), "(1)", "1)", "a." and "+" are common practice.
SCHEME_KINDS = {
    "I.": "mục, số La Mã: I., II., III.",
    "1.": "khoản, số Ả Rập: 1., 2., 3.",
    "1.1.": "số ghép với số của mục trên: 1.1., 1.2. (1.1.1. cho ba cấp)",
    "1)": "số Ả Rập và ngoặc: 1), 2)",
    "(1)": "số Ả Rập trong ngoặc: (1), (2)",
    "a)": "điểm, chữ cái tiếng Việt: a), b), c), d), đ), e)",
    "a.": "chữ cái tiếng Việt và dấu chấm: a., b.",
    "-": "gạch đầu dòng",
    "+": "dấu cộng đầu dòng",
}
_SCHEME_LABEL = re.compile(r"(?P<roman>[IVXLCDM]+\.)|(?P<dotted>\d+(?:\.\d+)+\.)|(?P<arabic>\d+\.)"
                           r"|(?P<close>\d+\))|(?P<paren>\(\d+\))|(?P<letter>[a-zđ]\))|(?P<letter_dot>[a-zđ]\.)"
                           r"|(?P<dash>-)|(?P<plus>\+)")
_KIND_OF_GROUP = {"roman": "I.", "arabic": "1.", "close": "1)", "paren": "(1)", "letter": "a)",
                  "letter_dot": "a.", "dash": "-", "plus": "+"}

# How each kind of document numbers its sections when it does not choose (NĐ 30 PL I II.6.đ):
# kế hoạch, báo cáo…: I. MỤC / 1. khoản / a) điểm / - (below điểm: practice, not in NĐ 30);
# công văn (seed 000): 1. / 2.1. / a) / -.
NUMBERING_STYLES = {
    "muc": ("I.", "1.", "a)", "-"),
    "phan_cap": ("1.", "1.1.", "a)", "-"),
}


class NumberingError(ValueError):
    """A label that is no kind of SCHEME_KINDS; ``args[0]`` is the label as written."""


def scheme_kind(label: str) -> str:
    """Return the kind of a label as written: "IV." → "I.", "7.1." → "1.1.", "(3)" → "(1)", "c)" → "a)".

    Raises NumberingError when the label is of no known kind.
    """
    written = " ".join(str(label).split())
    match = _SCHEME_LABEL.fullmatch(written)
    if match is None:
        raise NumberingError(written)
    group = match.lastgroup
    if group == "dotted":
        return ".".join(["1"] * written.count(".")) + "."  # "7.1." → "1.1.", "2.1.3." → "1.1.1."
    return _KIND_OF_GROUP[group]


def parse_scheme(written) -> tuple[str, ...]:
    """Return the kinds of a scheme written as labels: "I. / 1. / a) / -" or ["1.", "1.1."].

    Raises NumberingError naming the first label of no known kind (an empty scheme is one).
    """
    items = [written] if isinstance(written, str) else list(written)
    labels = [part.strip() for item in items for part in str(item).split(" / ") if part.strip()]
    if not labels:
        raise NumberingError("")
    return tuple(scheme_kind(label) for label in labels)


def _scheme_of(style) -> tuple[str, ...]:
    """Return a scheme's kinds from a style name ("muc", "phan_cap") or from kinds already parsed."""
    return NUMBERING_STYLES[style] if isinstance(style, str) else tuple(style)


def level_label(kind: str, path: tuple[int, ...]) -> str:
    """Return the label of the item at ``path`` (its numbers, 1-based, from the top) of ``kind``.

    A dotted kind takes as many numbers from the end of the path as it has parts: "1.1." at
    (2, 7, 1) is "7.1.".
    """
    index = path[-1]
    if kind == "I.":
        return f"{roman(index)}."
    if kind == "1.":
        return f"{index}."
    if kind == "1)":
        return f"{index})"
    if kind == "(1)":
        return f"({index})"
    if kind == "a)":
        return f"{letter(index)})"
    if kind == "a.":
        return f"{letter(index)}."
    if kind in ("-", "+"):
        return kind
    parts = kind.count(".")  # "1.1.", "1.1.1."…
    return ".".join(str(i) for i in path[-parts:]) + "."


def section_label(style, path: tuple[int, ...]) -> str:
    """Return the label of the section at ``path`` (1-based indexes per level) in a style or scheme.

    >>> section_label("muc", (2, 1))
    '1.'
    >>> section_label("phan_cap", (2, 1))
    '2.1.'
    >>> section_label(("I.", "1.", "1.1."), (2, 7, 1))
    '7.1.'
    """
    kinds = _scheme_of(style)
    return level_label(kinds[min(len(path), len(kinds)) - 1], path)


def parse_ordinal(written) -> int:
    """Return the number a clerk gave an item, written as its label shows it: 7 or "7." → 7,
    "IV" or "IV." → 4, "e" or "e)" → 6 (a, b, c, d, đ, e), "7.3" or "7.3." → 3, "(2)" → 2.

    Raises NumberingError when ``written`` is no such number.
    """
    text = " ".join(str(written).split())
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    text = text.rstrip(".)")
    if re.fullmatch(r"\d{1,4}(?:\.\d{1,4})*", text) and int(text.split(".")[-1]) > 0:
        return int(text.split(".")[-1])
    if re.fullmatch(r"[IVXLCDM]+", text):
        value = _roman_value(text)
        if value and roman(value) == text:
            return value
    if text in _LETTER_INDEX:
        return _LETTER_INDEX[text]
    raise NumberingError(str(written))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total


_LETTER_INDEX = {letter(n): n for n in range(1, 24 * 24)}


# --- text hygiene --------------------------------------------------------------

# Characters that XML 1.0 cannot carry at all; a DOCX holding one does not open.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # C0, DEL, C1
# Invisible characters that change what a reader sees without showing themselves:
# zero-width spaces and joiners, and bidirectional overrides ("Trojan source").
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Return text normalised to NFC with its line ends unified."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def forbidden_character(text: str) -> str | None:
    """Return the first control or invisible character in ``text``, or None."""
    match = _XML_FORBIDDEN.search(text) or _INVISIBLE.search(text)
    return match.group(0) if match else None
