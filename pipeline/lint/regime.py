"""The Party's rules a document is judged by: those in force on the date its header prints.

HD 36-HD/VPTW until 26/5/2026, HD 05-HD/VPTW from 27/5/2026 (QĐ 399-QĐ/TW's list of kinds from
09/01/2026): ``pipeline.rulebook.party`` holds the table of what differs. A draft whose day or
month is still blank ("ngày      tháng      năm 2026") is judged by its year when the whole year
is under one guideline; in 2026 it is not, and the rules that differ are left unjudged (None):
vanban lays a draft out by its planned date, which the page does not show. A document with no
readable date line is judged by today's rules (pipeline.clock).
"""

from __future__ import annotations

import datetime as _dt

from pipeline.clock import today as clock_today
from pipeline.lint.text import DATE_LINE
from pipeline.rulebook.party import PartyRules, rules_on



def document_date(date_line) -> _dt.date | None:
    """The date a header's place and date line prints; for a draft, a date of its year when the whole
    year is under one guideline; else None."""
    if date_line is None:
        return None
    m = DATE_LINE.match(date_line.text)
    if not m:
        return None
    year = m.group("y") or ""
    if not (year.isdigit() and len(year) == 4):
        return None
    day, month = m.group("d") or "", m.group("m") or ""
    if day.isdigit() and month.isdigit():
        try:
            return _dt.date(int(year), int(month), int(day))
        except ValueError:  # "ngày 31 tháng 02": the date check says so
            pass
    first, last = _dt.date(int(year), 1, 1), _dt.date(int(year), 12, 31)
    return last if rules_on(first) == rules_on(last) else None


def party_rules(date_line, today: _dt.date | None = None) -> PartyRules | None:
    """The Party's rules in force on the date ``date_line`` prints; today's when it prints no date;
    None when it is a draft of a year under two guidelines."""
    if date_line is not None and DATE_LINE.match(date_line.text):
        date = document_date(date_line)
        return rules_on(date) if date else None
    return rules_on(today or clock_today())
