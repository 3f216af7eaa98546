"""Where a Vietnamese line may break: names at phrase boundaries, titles in balanced lines.

Vietnamese writes a word of several syllables as separate syllables ("tài nguyên", "môi
trường"), so a line that wraps at any space can split a word: "SỞ TÀI NGUYÊN VÀ MÔI /
TRƯỜNG", "BAN CHẤP HÀNH TRUNG / ƯƠNG". A text is cut here into *units* a line never splits:

- the words of ``COMPOUNDS`` (the vocabulary of organisation names and of trích yếu),
- a place designator with the place's name ("tỉnh Yên Bái", "THỊ XÃ NGHĨA LỘ"),
- a number with the word it counts ("lần thứ XX", "năm 2024"), and both sides of a
  spaced dash ("Kinh tế - Kỹ thuật", "2025 - 2030"),

then the units are set in the fewest lines that fit a measured width (``textwidth``),
balanced, each break chosen where a clerk would choose it. A word not in the table is
one syllable to this module: the table is what a clerk would add to.

- ``name_lines``: a header name (NĐ 30 PL I ô 2; HD 36 Phụ lục 3): break before "VÀ",
  "CỦA", "CÁC" or a place; never a line of one syllable.
- ``title_lines``: a trích yếu, tên loại or "V/v …" line: balanced lines, none of them a
  single word ("thuật", "của Đảng").
- ``bound``: a line for a narrow column (Nơi nhận) with no-break spaces inside its units.
- ``name_break_faults``, ``splits_a_word`` and ``is_one_word``: the same rules, for judging
  printed lines.

Pure: no I/O.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Collection, Sequence

from pipeline.vietnamese.textwidth import text_width

# Words of more than one syllable met in organisation names and trích yếu (NĐ 30 PL I ô 2, 5).
# Matched without diacritics, so "uỷ ban" and "ủy ban" are one entry.
COMPOUNDS_TEXT = """
ủy ban|nhân dân|hội đồng|cộng hòa|xã hội|chủ nghĩa|việt nam|độc lập|tự do|hạnh phúc
đảng bộ|đảng ủy|chi bộ|đảng viên|đảng đoàn|cộng sản|trung ương|chấp hành|thường vụ|thường trực
bí thư|chủ tịch|giám đốc|trưởng ban|văn phòng|tổ chức|tuyên giáo|dân vận|kiểm tra|nội chính
mặt trận|tổ quốc|liên đoàn|lao động|công đoàn|viên chức|công chức|cán bộ|thanh niên
hồ chí minh|phụ nữ|nông dân|cựu chiến binh|chữ thập đỏ|tài nguyên|môi trường|nông nghiệp
phát triển|nông thôn|công thương|giao thông|vận tải|xây dựng|khoa học|công nghệ|quản lý
dự án|đầu tư|khu công nghiệp|công nghiệp|doanh nghiệp|cơ quan|kinh tế|kỹ thuật|kĩ thuật
tài chính|kế hoạch|nội vụ|tư pháp|thanh tra|y tế|giáo dục|đào tạo|văn hóa|thể thao|du lịch
thông tin|truyền thông|ngoại vụ|dân tộc|tôn giáo|thương binh|hạ tầng|đô thị|ngân hàng
kho bạc|bảo hiểm|công an|quân sự|biên phòng|hải quan|thống kê|khen thưởng|thi đua|ban quản lý
hành chính|công cộng|dịch vụ|sự nghiệp|trung tâm|bệnh viện|trường học|đại học|cao đẳng
phát thanh|truyền hình|báo chí|xuất bản|chính sách|pháp luật|quan hệ|đối ngoại|kiểm sát
tòa án|thi hành án|phòng cháy|chữa cháy|cứu nạn|cứu hộ|lâm nghiệp|thủy lợi|thủy sản|chăn nuôi
trồng trọt|kiểm lâm|đất đai|khoáng sản|nhà nước|chính phủ|quốc hội|bộ trưởng|thứ trưởng
phát động|phong trào|đặc biệt|lập thành tích|thành tích|chào mừng|đại hội|đại biểu|toàn quốc
tiến tới|triển khai|thực hiện|tập thể|cá nhân|xuất sắc|sơ kết|tổng kết|kết quả|đăng ký|đăng kí
công trình|phần việc|danh mục|nhiệm kỳ|hội nghị|chương trình|hành động|hướng dẫn|báo cáo
thông báo|quyết định|công văn|về việc|các cấp|lần thứ|năm học|giai đoạn|tình hình|công tác
nhiệm vụ|giải pháp|trọng tâm|chỉ thị|nghị quyết|nghị định|thông tư|quy định|quy chế|ban hành
sửa đổi|bổ sung|tăng cường|nâng cao|hiệu quả|chất lượng|phòng chống|tham gia|đẩy mạnh
tuyên truyền|học tập|làm theo|tư tưởng|đạo đức|phong cách|chính trị|chính quyền|đoàn thể
đơn vị|địa phương|trực thuộc|liên quan|trách nhiệm|tổng hợp|theo dõi|đánh giá|biểu dương
điển hình|tiên tiến|gương mẫu|người tốt|việc tốt|an ninh|quốc phòng|trật tự|an toàn|dân chủ
cải cách|chuyển đổi số|chuyển đổi|số hóa|giảm nghèo|bền vững|nông thôn mới|ngân sách
đầu tư công|cấp tỉnh|cấp huyện|cấp xã|cơ sở|thị trấn|thành phố|thị xã|đặc khu|yêu nước
kỷ niệm|thành lập|ngày lễ|lễ hội|mừng xuân|tết nguyên đán|chỉ đạo|điều hành|lãnh đạo|thủ trưởng
người đứng đầu|phối hợp|kiểm điểm|khắc phục|hạn chế|tồn tại|nguyên nhân|bài học|kinh nghiệm
đề nghị|tờ trình|phê duyệt|dự toán|quyết toán|kinh phí|mua sắm|tài sản|thiết bị|vật tư
thời gian|địa điểm|thành phần|nội dung|mục đích|yêu cầu|đối tượng|phạm vi|tiêu chuẩn|tiêu chí
mttq việt nam|tỉnh ủy|huyện ủy|thành ủy|thị ủy|quận ủy|hồ sơ|thủ tục|hội viên|đoàn viên|công nhân|người lao động|học sinh|sinh viên|giáo viên
""".replace("\n", "|")

# Place designators (NĐ 30 PL I ô 2: local bodies add the tỉnh/huyện/xã name); the longest first.
DESIGNATORS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
# A name breaks best before these (a conjunction, a preposition, a plural marker): "SỞ NÔNG
# NGHIỆP / VÀ PHÁT TRIỂN NÔNG THÔN", "BAN QUẢN LÝ / CÁC KHU CÔNG NGHIỆP".
PHRASE_STARTS = frozenset(("và", "của", "các", "cho", "về", "trong", "tại", "thuộc", "với", "đối với",
                           "tiến tới", "nhằm", "để", "theo", "trên", "những"))
# Words that carry no content alone: a line holding only these and one word is "one word".
FUNCTION_WORDS = frozenset(("và", "của", "các", "những", "cho", "về", "trong", "tại", "với", "để", "đến",
                            "từ", "theo", "là", "thì", "mà", "ở", "trên", "dưới", "được", "bị", "có",
                            "này", "đó", "một", "nhằm", "thuộc", "đối", "v/v", "-", "–"))
# A line should not end on these: "… chào mừng Đại hội Đảng bộ của / Đảng".
NO_END = frozenset(("và", "của", "các", "những", "cho", "về", "trong", "tại", "với", "để", "từ",
                    "theo", "v/v", "nhằm", "thuộc", "đối"))
DASHES = frozenset(("-", "–", "—"))
_WORD = re.compile(r"[^ ]+")  # words are parted by spaces; a no-break space joins them
_NUMBER = re.compile(r"^[(\[]?(\d[\d./-]*|[IVXL]+)[).,;:\]]*$")

# Costs, in squared twips: balance is the square of each line's distance from the mean width,
# so 1,000,000 weighs as much as a line 1,000 twips (1.8 cm) off the mean.
_NAME_OFF_PHRASE = 4_000_000  # a name broken elsewhere than before a phrase
_NAME_LONE_UNIT = 2_500_000  # a name line of one word ("TRUNG ƯƠNG")
_TITLE_BAD_END = 1_500_000  # a title line ending "… của", "… và"
_TITLE_NO_COMMA = 200_000  # a title broken elsewhere than after a comma
_TITLE_ONE_WORD = 10_000_000  # a title line of one word, when no setting avoids it
FIT_MARGIN = 20  # twips kept free at the end of a line (1 pt): rounding in the word processor


# Every combining mark a decomposed Latin letter can carry, and đ/Đ, which do not decompose.
_STRIP = str.maketrans({**{chr(c): None for c in range(0x300, 0x370)}, "đ": "d", "Đ": "d"})


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """Lower case without tone marks (đ kept as d): "Ủy ban" and "uỷ ban" match."""
    return unicodedata.normalize("NFD", text).translate(_STRIP).lower()


@functools.lru_cache(maxsize=65536)
def _key(token: str) -> str:
    """A word as the tables know it: without the punctuation around it, plain."""
    return _plain(token.strip(",;:.()“”\""))


COMPOUNDS = frozenset(_plain(w.strip()) for w in COMPOUNDS_TEXT.split("|") if w.strip())
# Speed: the lengths of the compounds each first syllable starts, longest first.
_COMPOUND_LENGTHS: dict[str, tuple[int, ...]] = {}
for _word in COMPOUNDS:
    _first = _word.split()[0]
    _COMPOUND_LENGTHS[_first] = tuple(sorted({*_COMPOUND_LENGTHS.get(_first, ()), len(_word.split())},
                                             reverse=True))
_DESIGNATORS = tuple(tuple(_plain(d).split()) for d in DESIGNATORS)
_PHRASE_STARTS = tuple(tuple(_plain(p).split()) for p in PHRASE_STARTS)
_FIRSTS = frozenset(entry[0] for entry in _DESIGNATORS + _PHRASE_STARTS)
_FUNCTION = frozenset(_plain(w) for w in FUNCTION_WORDS)
_NO_END = frozenset(_plain(w) for w in NO_END)


@functools.lru_cache(maxsize=16384)
def units(text: str) -> tuple[str, ...]:
    """Return ``text`` cut into the pieces a line never splits (each holds its own spaces)."""
    return tuple(text[a:b] for a, b in _unit_spans(text))


@functools.lru_cache(maxsize=16384)
def _unit_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The units of ``text`` as (start, end) offsets: what lies between them is whitespace."""
    found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    tokens = [text[a:b] for a, b in found]
    keys = [_key(t) for t in tokens]
    spans: list[list[int]] = []  # [start, end) token indexes
    i = 0
    while i < len(tokens):
        end = i + 1
        for length in _COMPOUND_LENGTHS.get(keys[i], ()):
            if i + length <= len(tokens) and " ".join(keys[i:i + length]) in COMPOUNDS and all(
                    not tokens[k].endswith((",", ";", ":")) for k in range(i, i + length - 1)):
                end = i + length
                break
        designator = _match(keys, i, _DESIGNATORS)
        if end == i + 2 and designator == 1 and keys[i + 1] == "uy":
            designator = 2  # "TỈNH ỦY YÊN BÁI": the committee of a place takes the place's name too
        if (end == i + 1 or designator == 2) and designator:
            # A place: the designator and the capitalised name after it ("tỉnh Yên Bái").
            end = i + designator
            if not tokens[end - 1].endswith((",", ";", ":")):
                while end < len(tokens) and tokens[end][:1].isupper() and not _match(keys, end, _PHRASE_STARTS) \
                        and not _match(keys, end, _DESIGNATORS):
                    end += 1
                    if tokens[end - 1].endswith((",", ";", ":")):
                        break
            if end == i + designator and end == len(tokens) and spans:
                spans[-1][1] = end  # "DOANH NGHIỆP TỈNH": a trailing designator qualifies the word before
                i = end
                continue
        spans.append([i, end])
        i = end
    merged: list[list[int]] = []
    for span in spans:
        first = tokens[span[0]]
        if merged and (first in DASHES or tokens[merged[-1][1] - 1] in DASHES or _NUMBER.match(first)
                       or _plain(tokens[merged[-1][1] - 1]) == "v/v"):
            merged[-1][1] = span[1]  # "- Xã hội", "thứ XX", "V/v triển khai"
        else:
            merged.append(span)
    merged = _quoted_together(tokens, merged)
    return tuple((found[a][0], found[b - 1][1]) for a, b in merged)


QUOTED_MAX = 6  # syllables of a quoted name kept on one line: “Bình dân học vụ số”


def _quoted_together(tokens: list[str], spans: list[list[int]]) -> list[list[int]]:
    """Join the units of a short quoted name ("“Bình dân học vụ số”"): a movement's name is one phrase."""
    out: list[list[int]] = []
    opened: int | None = None  # the index in ``out`` where a quotation opened
    for span in spans:
        first, last = tokens[span[0]], tokens[span[1] - 1]
        if opened is None and first.startswith(("“", '"')):
            opened = len(out)
        out.append(list(span))
        if opened is not None and last.rstrip(".,;:)").endswith(("”", '"')) and \
                not (len(out) - 1 == opened and first == last and len(first) == 1):
            if out[-1][1] - out[opened][0] <= QUOTED_MAX:
                out[opened:] = [[out[opened][0], out[-1][1]]]
            opened = None
        elif opened is not None and span[1] - out[opened][0] > QUOTED_MAX:
            opened = None  # too long to keep on one line: a quoted sentence breaks as any text
    return out


def _match(keys: Sequence[str], i: int, table: tuple[tuple[str, ...], ...]) -> int:
    """Return the length of the entry of ``table`` that starts at ``keys[i]``, or 0."""
    first = keys[i]
    if first not in _FIRSTS:  # speed: most words start no entry at all
        return 0
    for entry in table:
        if entry[0] == first and tuple(keys[i:i + len(entry)]) == entry:
            return len(entry)
    return 0


def _starts_phrase(unit: str) -> bool:
    keys = [_plain(t) for t in unit.split()]
    return bool(_match(keys, 0, _PHRASE_STARTS) or _match(keys, 0, _DESIGNATORS))


def _content_units(pieces: Sequence[str]) -> int:
    return sum(1 for u in pieces if _plain(u) not in _FUNCTION)


def is_one_word(line: str) -> bool:
    """True when a line of a title holds at most one word besides little words ("của Đảng")."""
    return _content_units(units(line)) <= 1


@functools.lru_cache(maxsize=16384)
def name_lines(text: str, width: int, size: float, bold: bool) -> tuple[str, ...] | None:
    """Return a header name set in the fewest lines of ``width`` twips, broken between phrases.

    None when one unit alone is wider than ``width``: no break can make the name fit.
    """
    spans = _unit_spans(text)
    pieces = [text[a:b] for a, b in spans]
    # A break before "VÀ", "CÁC", a place…; never after them.
    breaks = [0.0] + [(0 if _starts_phrase(pieces[j]) else _NAME_OFF_PHRASE)
                      + (_NAME_OFF_PHRASE if _ends_badly(pieces[j - 1]) else 0) for j in range(1, len(pieces))]
    # A line of one unit: never one syllable ("ƯƠNG"), rather not one word ("TRUNG ƯƠNG").
    alone = [math.inf if len(p.split()) < 2 else _NAME_LONE_UNIT for p in pieces]
    return _set(text, spans, size, bold, width, breaks, alone, [0] * (len(pieces) + 1), 0.0)


@functools.lru_cache(maxsize=16384)
def title_lines(text: str, width: int, size: float, bold: bool) -> tuple[str, ...]:
    """Return a title (trích yếu, tên loại, "V/v …") in balanced lines of at most ``width`` twips.

    The fewest lines that fit, as even as the words allow, none of one word. A title with too
    few words for that gets lines of one word rather than words split; one with a unit wider
    than a line wraps between syllables; one with a syllable wider than a line is left whole.
    Joined with spaces the lines give back ``text``.
    """
    word_spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text))
    for spans, one_word in ((_unit_spans(text), math.inf), (_unit_spans(text), _TITLE_ONE_WORD),
                            (word_spans, _TITLE_ONE_WORD)):
        pieces = [text[a:b] for a, b in spans]
        # Best after a comma; never ending on "của", "và"…
        breaks = [0.0] + [(0 if pieces[j - 1].endswith((",", ";", ":")) else _TITLE_NO_COMMA)
                          + (_TITLE_BAD_END if _ends_badly(pieces[j - 1]) else 0) for j in range(1, len(pieces))]
        content = [0]
        for piece in pieces:
            content.append(content[-1] + (_plain(piece) not in _FUNCTION))
        found = _set(text, spans, size, bold, width, breaks, [0.0] * len(pieces), content, one_word)
        if found is not None:
            return found
    return (text,)


NO_BREAK_SPACE = "\u00a0"
# A short aside in parentheses is read as one: "(để b/c)", "(B.c)", "(để biết)".
_ASIDE = re.compile(r"\([^()]{1,12}\)")


def _aside_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _ASIDE.finditer(text))


@functools.lru_cache(maxsize=16384)
def bound(text: str, width: int, size: float, bold: bool = False) -> str:
    """Return ``text`` with the spaces inside each unit made no-break, for a narrow column.

    A recipient line in the Nơi nhận column wraps wherever the word processor likes, and it
    likes "Ban Thi đua - Khen / thưởng"; with the spaces inside "Khen thưởng" no-break (U+00A0,
    as Ctrl+Shift+Space in Word) it can only wrap between units. The spaces beside a spaced
    dash stay breakable ("Thi đua - / Khen thưởng" is a break a clerk would choose), and so do
    those of a unit wider than ``width`` twips: it has to wrap somewhere.
    """
    out = list(text)
    for a, b in (*_unit_spans(text), *_aside_spans(text)):
        if a == b or _width(text[a:b], size, bold) > width:
            continue
        for m in re.finditer(" ", text[a:b]):
            at = a + m.start()
            before, after = text[a:at].rsplit(" ", 1)[-1], text[at + 1:b].split(" ", 1)[0]
            if before not in DASHES and after not in DASHES:
                out[at] = NO_BREAK_SPACE
    return "".join(out)


def _ends_badly(piece: str) -> bool:
    return _plain(piece.split()[-1]) in _NO_END


@functools.lru_cache(maxsize=65536)
def _width(text: str, size: float, bold: bool) -> int:
    return text_width(text, size, bold)


def _set(text: str, spans: Sequence[tuple[int, int]], size: float, bold: bool, width: int,
         breaks: Sequence[float], alone: Sequence[float], content: Sequence[int], one_word: float
         ) -> tuple[str, ...] | None:
    """Set the pieces ``spans`` of ``text`` in the fewest lines that fit ``width`` at the least cost.

    Costs: ``breaks[j]`` for a line break before piece ``j``; ``alone[i]`` for a line holding
    piece ``i`` only; ``one_word`` for a line holding at most one piece that counts in
    ``content`` (prefix sums); the rest is balance. A line is the text from its first piece to
    the next line's, less the one space a break replaces. None if no setting fits.
    """
    if not spans:
        return (text,) if text else ()
    limit = width - FIT_MARGIN
    n = len(spans)
    widths = [_width(text[a:b], size, bold) for a, b in spans]
    if max(widths) > limit:
        return None
    gaps = [_width(text[spans[k][1]:spans[k + 1][0]], size, bold) for k in range(n - 1)] + [0]
    starts = [0]  # starts[k]: width from piece 0 to the start of piece k, gaps included
    for k in range(n):
        starts.append(starts[-1] + widths[k] + gaps[k])
    whole = starts[n]
    if whole <= limit:
        return (text[spans[0][0]:spans[-1][1]],)
    inf = math.inf
    for count in range(max(2, math.ceil(whole / limit)), n + 1):
        mean = whole / count
        # best[m][j]: least cost of pieces[:j] in m lines; back[m][j]: where the last line starts
        best = [[inf] * (n + 1) for _ in range(count + 1)]
        back = [[0] * (n + 1) for _ in range(count + 1)]
        best[0][0] = 0.0
        for m in range(1, count + 1):
            previous, row, where = best[m - 1], best[m], back[m]
            for j in range(m, n - (count - m) + 1):
                end_cost = breaks[j] if j < n else 0.0
                tail = starts[j] - gaps[j - 1]
                content_j = content[j]
                for i in range(j - 1, m - 2, -1):
                    w = tail - starts[i]
                    if w > limit:
                        break
                    cost = previous[i]
                    if cost == inf:
                        continue
                    cost += (mean - w) ** 2 + end_cost
                    if i == j - 1:
                        cost += alone[i]
                    if content_j - content[i] <= 1:
                        cost += one_word
                    if cost < row[j]:
                        row[j], where[j] = cost, i
        if best[count][n] < inf:
            cuts, j = [], n
            for m in range(count, 0, -1):
                cuts.append(back[m][j])
                j = back[m][j]
            cuts = sorted(cuts) + [n]
            lines = []
            for a, b in zip(cuts, cuts[1:]):
                end = spans[b][0] - 1 if b < n else spans[-1][1]  # keep all but the space the break takes
                lines.append(text[spans[a][0]:end])
            return tuple(lines)
    return None


def _crossed(before: Sequence[str], after: Sequence[str]) -> bool:
    """True when a line ending with the words ``before`` and going on with ``after`` splits a unit."""
    edge, crossed = 0, False
    for u in units(" ".join([*before, *after])):
        length = len(u.split())
        crossed = crossed or edge < len(before) < edge + length
        edge += length
    return crossed


def splits_a_word(before: str, after: str) -> bool:
    """True when a wrapped line (``before`` / ``after``) breaks inside a unit ("Khen / thưởng").

    A break beside a spaced dash is a clerk's break ("Thi đua - / Khen thưởng"), as ``bound``
    leaves it; one inside a short aside is not ("(để / b/c)").
    """
    first, second = before.split(), after.split()
    if not first or not second or first[-1] in DASHES or second[0] in DASHES:
        return False
    joined = " ".join(first) + " " + " ".join(second)
    edge = len(" ".join(first))
    return _crossed(first, second) or any(a < edge < b for a, b in _aside_spans(joined))


def name_break_faults(lines: Sequence[str], set_breaks: Collection[int] = ()) -> list[tuple[int, str]]:
    """Judge the breaks of a name printed in ``lines``: (index of the line after the break, why).

    Why is "word" when the break splits a word or a place ("MÔI / TRƯỜNG", "TỈNH / YÊN BÁI"),
    "phrase" when a line ends on a word that opens the next phrase ("… CƠ QUAN VÀ / DOANH
    NGHIỆP"), and "orphan" when a line holds one syllable ("ƯƠNG"). One fault per break, the
    first of these that applies. ``set_breaks``: the indexes of lines the clerk began (a new
    line in ``ten``), where "SỞ NÔNG NGHIỆP VÀ / PHÁT TRIỂN NÔNG THÔN" is a choice, not a fault.
    """
    faults: dict[int, str] = {}
    for k in range(1, len(lines)):
        before, after = lines[k - 1].split(), lines[k].split()
        if not before or not after:
            continue
        if _crossed(before, after):
            faults[k] = "word"
        elif _plain(before[-1]) in _NO_END and k not in set_breaks:
            faults[k] = "phrase"
        elif len(after) == 1 or len(before) == 1:
            faults[k if len(after) == 1 else k - 1] = "orphan"
    return sorted(faults.items())
