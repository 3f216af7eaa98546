"""What the linter reads as a rule typed in characters (pipeline/lint/text.py): a table."""

from __future__ import annotations

import pytest

from pipeline.lint.text import is_rule_line, is_rule_text


@pytest.mark.parametrize("text, rule", [
    ("_____", True),
    ("-----", True),
    ("-------000-------", True),
    ("---ooo---", True),
    ("---  ---", True),
    ("———", True),
    ("–—_", True),
    ("===", True),
    ("~~~", True),
    ("---\n", True),  # a rule the line ends after
    ("--", False),  # two marks are no rule
    ("-- -", False),
    ("-\n---", False),  # the three marks on a line of their own, not this one
    ("- Lưu: VT.", False),  # a bullet
    ("--- Hết ---", False),
    ("---a", False),
    ("", False),
])
def test_a_rule_is_only_rule_marks_three_in_a_row_among_them(text, rule):
    assert is_rule_text(text) is rule


@pytest.mark.parametrize("text, rule", [("*", True), ("* * *", True), ("***", True), ("-----", True),
                                        ("- Các sở, ngành;", False), ("* Ghi chú", False)])
def test_a_rule_line_may_also_be_the_partys_stars(text, rule):
    class Line:  # what is_rule_line reads of a line: its text
        pass
    line = Line()
    line.text = text
    assert is_rule_line(line) is rule
