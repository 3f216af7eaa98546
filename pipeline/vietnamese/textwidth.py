"""Measure printed text: advance widths of Times New Roman, for rules drawn under text.

NĐ 30 wants the rule under the tiêu ngữ as long as the tiêu ngữ, and the rule under the
organisation name and the trích yếu 1/3–1/2 of the line, so their length follows the
text. The widths are Liberation Serif 2's (metric-compatible with Times New Roman, the
face every document uses) in 1/2048 em, read once from the font with Pillow. A
Vietnamese letter is as wide as its base letter: tone marks do not advance.
"""

from __future__ import annotations

import unicodedata

UNITS_PER_EM = 2048

REGULAR = {
    ' ': 512, '!': 682, '"': 836, '#': 1024, '$': 1024, '%': 1706, '&': 1593, "'": 369, '(': 682, ')': 682,
    '*': 1024, '+': 1155, ',': 512, '-': 682, '.': 512, '/': 569, '0': 1024, '1': 1024, '2': 1024, '3': 1024,
    '4': 1024, '5': 1024, '6': 1024, '7': 1024, '8': 1024, '9': 1024, ':': 569, ';': 569, '<': 1155,
    '=': 1155, '>': 1155, '?': 909, '@': 1886, 'A': 1479, 'B': 1366, 'C': 1366, 'D': 1479, 'E': 1251,
    'F': 1139, 'G': 1479, 'H': 1479, 'I': 682, 'J': 797, 'K': 1479, 'L': 1251, 'M': 1821, 'N': 1479,
    'O': 1479, 'P': 1139, 'Q': 1479, 'R': 1366, 'S': 1139, 'T': 1251, 'U': 1479, 'V': 1479, 'W': 1933,
    'X': 1479, 'Y': 1479, 'Z': 1251, '[': 682, '\\': 569, ']': 682, '^': 961, '_': 1024, '`': 682, 'a': 909,
    'b': 1024, 'c': 909, 'd': 1024, 'e': 909, 'f': 682, 'g': 1024, 'h': 1024, 'i': 569, 'j': 569, 'k': 1024,
    'l': 569, 'm': 1593, 'n': 1024, 'o': 1024, 'p': 1024, 'q': 1024, 'r': 682, 's': 797, 't': 569, 'u': 1024,
    'v': 1024, 'w': 1479, 'x': 1024, 'y': 1024, 'z': 909, '{': 983, '|': 410, '}': 983, '~': 1108, 'Đ': 1479,
    'đ': 1024, '“': 909, '”': 909, '–': 1024, '…': 2048,
}

BOLD = {
    ' ': 512, '!': 682, '"': 1137, '#': 1024, '$': 1024, '%': 2048, '&': 1706, "'": 569, '(': 682, ')': 682,
    '*': 1024, '+': 1167, ',': 512, '-': 682, '.': 512, '/': 569, '0': 1024, '1': 1024, '2': 1024, '3': 1024,
    '4': 1024, '5': 1024, '6': 1024, '7': 1024, '8': 1024, '9': 1024, ':': 682, ';': 682, '<': 1167,
    '=': 1167, '>': 1167, '?': 1024, '@': 1905, 'A': 1479, 'B': 1366, 'C': 1479, 'D': 1479, 'E': 1366,
    'F': 1251, 'G': 1593, 'H': 1593, 'I': 797, 'J': 1024, 'K': 1593, 'L': 1366, 'M': 1933, 'N': 1479,
    'O': 1593, 'P': 1251, 'Q': 1593, 'R': 1479, 'S': 1139, 'T': 1366, 'U': 1479, 'V': 1479, 'W': 2048,
    'X': 1479, 'Y': 1479, 'Z': 1366, '[': 682, '\\': 569, ']': 682, '^': 1190, '_': 1024, '`': 682,
    'a': 1024, 'b': 1139, 'c': 909, 'd': 1139, 'e': 909, 'f': 682, 'g': 1024, 'h': 1139, 'i': 569, 'j': 682,
    'k': 1139, 'l': 569, 'm': 1706, 'n': 1139, 'o': 1024, 'p': 1139, 'q': 1139, 'r': 909, 's': 797, 't': 682,
    'u': 1139, 'v': 1024, 'w': 1479, 'x': 1024, 'y': 1024, 'z': 909, '{': 807, '|': 451, '}': 807, '~': 1065,
    'Đ': 1479, 'đ': 1139, '“': 1024, '”': 1024, '–': 1024, '…': 2048,
}


class _Widths(dict):
    """Advance widths by character, the marked letters added as they are met (as wide as their base)."""

    def __init__(self, table: dict[str, int]):
        super().__init__(table)
        self.table = table

    def __missing__(self, char: str) -> int:
        base = unicodedata.normalize("NFD", char)[0]
        width = self[char] = self.table.get(base, self.table["n"])
        return width


# Speed: a title is measured for every document; summing looked-up widths in C (map over a
# dict that remembers each marked letter) is several times faster than normalising each one.
_REGULAR_WIDTHS, _BOLD_WIDTHS = _Widths(REGULAR), _Widths(BOLD)


def text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """Return the printed width of a line of text in twips (1/20 pt)."""
    widths = _BOLD_WIDTHS if bold else _REGULAR_WIDTHS
    units = sum(map(widths.__getitem__, text))
    return round(units * size_pt * 20 / UNITS_PER_EM)
