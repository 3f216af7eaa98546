"""What the linter reads in a line's text: matching keys, the lines' shapes, blanks to fill.

Matching is done on ``canon`` text (capitals, no diacritics), so "Cộng hoà" and "CỘNG HÒA"
are the same line. A run of dots or an ellipsis ("…", "....") is a BLANK: in a template or a
draft it stands for words to be filled in, so no check reads it as punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
BULLETS = DASHES + "+•"
UPPER_WORD = re.compile(r"[^\W\d_]{2}")  # a word of capitals, not a lone letter ("A" as a trích yếu)
BLANK = re.compile(r"(?:\.{2,}|…)[.…]*")
# A rule typed as text: "_____", "-----", "-------000-------"; "*" is the Party's mark: only these
# characters, three rule marks in a row among them. Speed: the characters are looked at first, so a
# bullet line ("- Lưu: VT.") fails at its first letter; asked for three marks first, the whole line
# was read before (a quarter of the time of the body check).
_RULE_TEXT = re.compile(r"^(?=[\s\-_=~–—0o]+$).*[-_=~–—]{3}")
_STARS = re.compile(r"^[*\s]+$")
_PLACEHOLDER_REST = re.compile(r"[\s\d.,;:/()\-…–—_*]+")

# Every combining mark a decomposed Latin letter can carry (U+0300–U+036F), and đ/Đ, which
# do not decompose: str.translate drops them in C, where a loop over characters cost ~15 %
# of a lint.
_PLAIN = str.maketrans({**{chr(c): None for c in range(0x300, 0x370)}, "đ": "d", "Đ": "D"})


@functools.lru_cache(maxsize=8192)
def canon(text: str) -> str:
    """Upper case without tone marks or other diacritics (Đ → D): for matching only."""
    return unicodedata.normalize("NFD", text).translate(_PLAIN).upper()


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tail(text: str, limit: int = 20) -> str:
    """The end of ``text`` (about ``limit`` characters, whole words) after "…"."""
    if len(text) <= limit:
        return text
    end = text[-limit:]
    if not text[-limit - 1].isspace() and " " in end:
        end = end.split(" ", 1)[1]
    return "…" + end.lstrip()


def num(x: float) -> str:
    """13.0 → '13', 13.5 → '13,5' (Vietnamese decimal comma)."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


_RULE_FIRST = frozenset("-_=~–—*")  # a rule starts so; most lines are words, and end here


def is_rule_text(text: str) -> bool:
    """A rule typed as characters ("_____", "-----"), which prints as a line."""
    return text[:1] in _RULE_FIRST and bool(_RULE_TEXT.match(text))


def is_rule_line(line) -> bool:
    """A line that is only a rule or the Party's "*": not words, so never an element."""
    text = line.text
    return text[:1] in _RULE_FIRST and bool(_RULE_TEXT.match(text) or _STARS.match(text))


def is_placeholder(text: str) -> bool:
    """Only blanks to fill ("….. 3 …..", "- ……;"): no words of its own."""
    return bool(BLANK.search(text)) and not _PLACEHOLDER_REST.sub("", text)


def ends_with_blank(text: str) -> bool:
    m = BLANK.search(text.rstrip())
    return m is not None and m.end() == len(text.rstrip())


def is_upper(line) -> bool:
    runs = line.text_runs()
    if not UPPER_WORD.search(line.text):
        return False
    return line.text == line.text.upper() or bool(runs) and all(r.fmt.caps for r in runs)


QUOC_HIEU = canon("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_DE = canon("ĐẢNG CỘNG SẢN VIỆT NAM")
# The Đoàn's tiêu đề, in place of the Quốc hiệu (HD 29-HD/TWĐTN-VP; pipeline.rulebook.systems).
YOUTH_TITLE = canon("ĐOÀN TNCS HỒ CHÍ MINH")
TIEU_NGU = re.compile(rf"^(Độc lập)(\s*[{DASHES}]\s*)(Tự do)(\s*[{DASHES}]\s*)(Hạnh phúc)$",
                      re.I)
SO_LINE = re.compile(r"^SO\s*[:.]?\s*[\d._…]*\s*[/-]\s*\S")
SO_PARTS = re.compile(r"^(?P<so>\w+)(?P<colon>\s*[:.]?)(?P<gap>\s*)(?P<num>[\d]*)"
                      r"(?P<blank>[\s._…]*)(?P<sep>[/-]?)(?P<kh>.*)$")
# Day and month may be left blank in a draft ("ngày      tháng      năm 2025"), or dotted
# in a template ("…, ngày …… tháng …… năm……").
DATE_LINE = re.compile(r"^(?P<place>[^,]{0,60}?)(?P<sep>\s*,\s*|\s+|)ngày(?:\s*(?P<d>[^\s]+?))?"
                       r"\s*tháng(?:\s*(?P<m>[^\s]+?))?\s*năm\s*(?P<y>\S*)$", re.I)
PREFIX = re.compile(r"^(?P<p>T\s*[./]?\s*U\s*[./]?\s*Q|T\s*[./]?\s*M|K\s*[./]?\s*T|"
                    r"T\s*[./]?\s*L|Q)(?P<dot>[.:]?)(?=\s)")
HONORIFIC = re.compile(r"^(GS\.?\s*TS|PGS\.?\s*TS|TS|ThS|PGS|GS|KS|BS|NGƯT|NGND|Ông|Bà|"
                       r"Đ/c|Đồng chí)\.?(?=\s)")
PARTY_PREFIX = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}
# "Điều 1." opening an article (NĐ 30 II.6.đ: "Điều", its number and "." in bold).
DIEU = re.compile(r"^Điều\s+\d+[a-zđ]?\.", re.I)
# A caption over a template of a compilation: "Mẫu 1.4 - Văn bản có tên loại".
CAPTION = re.compile(r"^MAU\s+\d+(\.\d+)*\b")
