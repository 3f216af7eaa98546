"""The one place that reads the clock: stages take ``today`` as an argument (builds stay reproducible).

``VANBAN_TODAY=YYYY-MM-DD`` stands for today (tests that check what "after today" means, a
day's work done again): it only ever moves the day the clerk could also give with ``--date``.
"""

from __future__ import annotations

import datetime as _dt
import os

TODAY_ENV = "VANBAN_TODAY"


def today() -> _dt.date:
    """Return today's date: the CLI's default issue date, and the date a new document proposes."""
    fixed = os.environ.get(TODAY_ENV, "")
    if fixed:
        try:
            return _dt.date.fromisoformat(fixed)
        except ValueError:
            pass  # not a date: the real day
    return _dt.date.today()
