"""The one place that reads the clock: stages take ``today`` as an argument (builds stay reproducible)."""

from __future__ import annotations

import datetime as _dt


def today() -> _dt.date:
    """Return today's date: the CLI's default issue date, and the date a new document proposes."""
    return _dt.date.today()
