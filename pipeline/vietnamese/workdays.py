"""Working days of Vietnamese public bodies, and dates written relative to another date.

A clerk may write a deadline as "5 ngày làm việc trước han_cha" instead of counting
on a wall calendar. A working day (ngày làm việc) is a Monday to Friday that is not a
public holiday or a day off in lieu, or a Saturday the government has declared a
working day in exchange for a day off ("làm bù").

The holidays are not kept by hand here: they come from the maintained ``holidays``
package (country VN), which computes Tết from the Vietnamese lunar calendar, adds the
days off in lieu when a holiday falls on a weekend ("nghỉ bù": Bộ luật Lao động 2019,
Điều 111.3, 112) and carries the swaps the government decides year by year
("Ngày nghỉ (thay cho ngày 26/04/2025)"). A day the government adds by a later
decision reaches this module with the next release of that package.

Every function is pure (no I/O, no clock): the package computes from the date alone.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

# Speed: ``holidays`` loads every country's calendar (a fifth of a second), so it is imported
# when a working day is first counted, not by every build that reads a date.
if TYPE_CHECKING:
    import holidays

# --- dates written relative to another date ----------------------------------------

# What a relative date may count from: this document's own date or deadline, or its parent's.
ANCHORS = ("ngay", "han", "ngay_cha", "han_cha")
ANCHOR_MEANING = {
    "ngay": "ngày ban hành của văn bản này",
    "han": "hạn của văn bản này",
    "ngay_cha": "ngày ban hành của văn bản cha",
    "han_cha": "hạn của văn bản cha",
}
MAX_DAYS = 999
RELATIVE_EXAMPLE = "5 ngày làm việc trước han_cha"

# <N> ngày [làm việc] (trước|sau) (ngay|han|ngay_cha|han_cha). Written so that Python and
# ECMA-262 (the JSON Schema editors use) read it alike: the schema and the loader agree.
RELATIVE_PATTERN = (
    r"^\s*([1-9][0-9]{0,2})\s+ngày(\s+làm\s+việc)?\s+(trước|sau)\s+(ngay_cha|han_cha|ngay|han)\s*$"
)
_RELATIVE_RE = re.compile(RELATIVE_PATTERN)


@dataclass(frozen=True)
class RelativeDate:
    """A date written as a count of days before or after another date (an anchor)."""

    days: int          # as written: 1 to MAX_DAYS
    working: bool      # "ngày làm việc" (True) or calendar days "ngày" (False)
    before: bool       # "trước" (True) or "sau" (False)
    anchor: str        # one of ANCHORS

    def __str__(self) -> str:
        unit = "ngày làm việc" if self.working else "ngày"
        return f"{self.days} {unit} {'trước' if self.before else 'sau'} {self.anchor}"

    @property
    def on_parent(self) -> bool:
        """True when the anchor is a date of the parent document (ngay_cha, han_cha)."""
        return self.anchor.endswith("_cha")

    def apply(self, anchor_date: _dt.date) -> _dt.date:
        """Return the date this names, counted from ``anchor_date``."""
        n = -self.days if self.before else self.days
        return add_working_days(anchor_date, n) if self.working else add_days(anchor_date, n)


def parse_relative(text: str) -> RelativeDate | None:
    """Return the RelativeDate written in ``text``, or None if it is not of that form.

    >>> parse_relative("5 ngày làm việc trước han_cha")
    RelativeDate(days=5, working=True, before=True, anchor='han_cha')
    >>> parse_relative("10 ngày sau ngay")
    RelativeDate(days=10, working=False, before=False, anchor='ngay')
    """
    match = _RELATIVE_RE.match(text)
    if not match:
        return None
    days, working, direction, anchor = match.groups()
    return RelativeDate(int(days), working is not None, direction == "trước", anchor)


def looks_relative(text: str) -> bool:
    """True when ``text`` seems meant as a relative date, to explain the form in the error."""
    return bool(re.search(r"\b(trước|sau)\b|ngày\s|_cha\b", text))


# --- working days --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    import holidays

    # Vietnamese names; years are added as they are asked for.
    return holidays.country_holidays("VN", language="vi")


def _ready(day: _dt.date) -> holidays.HolidayBase:
    cal = _calendar()
    # A swap is filed under the year of its day off, which may be the year next to the
    # Saturday worked in exchange (02/01/2015 off, 27/12/2014 worked): load both sides.
    for year in (day.year - 1, day.year, day.year + 1):
        if _dt.MINYEAR < year < _dt.MAXYEAR and year not in cal.years:
            _dt.date(year, 1, 1) in cal  # noqa: B015 - a lookup loads the year's holidays
    return cal


def is_working_day(day: _dt.date) -> bool:
    """True for a day public bodies work: not a weekend (unless a declared make-up day),
    not a public holiday, not a day off in lieu."""
    return _ready(day).is_working_day(day)


def add_days(day: _dt.date, n: int) -> _dt.date:
    """Return the date ``n`` calendar days after ``day`` (before it when ``n`` is negative)."""
    return day + _dt.timedelta(days=n)


def add_working_days(day: _dt.date, n: int) -> _dt.date:
    """Return the ``n``-th working day after ``day`` (before it when ``n`` is negative).

    ``day`` itself is not counted, whether it is a working day or not; ``n`` = 0
    returns ``day`` unchanged.
    """
    step = _dt.timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not is_working_day(day):
            day += step
    return day


def days_off(year: int) -> dict[_dt.date, str]:
    """Return the public days off falling in ``year``, Monday to Friday, with their names.

    Holidays on a weekend are left out: their day off in lieu is listed instead.
    """
    cal = _ready(_dt.date(year, 7, 1))
    return {d: name for d, name in sorted(cal.items())
            if d.year == year and d.weekday() < 5 and not is_working_day(d)}


def compensatory_days_off(year: int) -> dict[_dt.date, str]:
    """Return the days off in lieu of ``year`` as the library provides them.

    Two kinds: "nghỉ bù" for a holiday falling on a weekend (Tết 2025: Saturday
    01/02 → Monday 27/01, named by the library "29 Tết"), and the swaps decided by
    the government ("Ngày nghỉ (thay cho ngày 26/04/2025)": Friday 02/05/2025 off,
    Saturday 26/04/2025 worked; see make_up_working_days).
    """
    import holidays
    from holidays.countries.vietnam import VietnamStaticHolidays

    observed = _ready(_dt.date(year, 7, 1))
    legal = holidays.country_holidays("VN", years=year, observed=False, language="vi")
    # "Ngày nghỉ (thay cho ngày %s)": the library's Vietnamese name of a swapped day off.
    swap_prefix = VietnamStaticHolidays.substituted_label.split("%")[0]
    return {d: name for d, name in sorted(observed.items())
            if d.year == year and (d not in legal or name.startswith(swap_prefix))}


def make_up_working_days(year: int) -> tuple[_dt.date, ...]:
    """Return the weekend days of ``year`` declared working days in exchange for a day off."""
    cal = _ready(_dt.date(year, 7, 1))
    return tuple(sorted(d for d in cal.weekend_workdays if d.year == year))


def holiday_name(day: _dt.date) -> str | None:
    """Return the name of the holiday or day off on ``day`` (Vietnamese), or None."""
    return _ready(day).get(day)
