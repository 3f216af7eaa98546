"""Show how a build is going: a bar on a terminal, one summary line everywhere else.

A clerk who runs ``make`` in a terminal sees a bar move while the documents are
written; in CI and in make logs (stdout is not a terminal) nothing is drawn and
the build ends with a single line such as
"Đã tạo 120 văn bản (45 dự thảo) trong 0,84 giây." — numbers in the clerk's
language (a decimal comma in Vietnamese).

``run_build`` says how many documents it will write (``progress.start(total)``),
then calls the progress object once per document written; a bar never told its
length is a counter.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import IO, Any

from pipeline.i18n import _, current_language, ngettext

BAR_WIDTH = 24
REDRAW_SECONDS = 0.05  # at most 20 redraws a second, however fast documents come


# (thousands, decimal) separators of the languages the tool speaks, as CLDR gives them. Speed: Babel
# loaded its locale data (a tenth of a second of a build after an edit) for this one number.
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def format_seconds(seconds: float, lang: str | None = None) -> str:
    """Return ``seconds`` with two decimals in the language's notation: 1.234,50 and 0,84 (vi), 0.84 (en)."""
    group, point = _SEPARATORS.get(lang or current_language(), _SEPARATORS["en"])
    return f"{round(seconds, 2):,.2f}".replace(",", "\0").replace(".", point).replace("\0", group)


def summary_line(count: int, drafts: int, seconds: float) -> str:
    """Return the one line that ends a build: how many documents, how many drafts, how long."""
    documents = ngettext("{n} văn bản", "{n} văn bản", count).format(n=count)
    draft_text = ngettext("{n} dự thảo", "{n} dự thảo", drafts).format(n=drafts)
    return _("Đã tạo {documents} ({drafts}) trong {seconds} giây.").format(
        documents=documents, drafts=draft_text, seconds=format_seconds(seconds))


class BuildProgress:
    """The ``progress`` callback of run_build: counts documents and, on a terminal, draws a bar.

    Use it as a context manager so the bar is wiped even when the build stops
    on an error, and the error starts on a clean line.
    """

    def __init__(self, total: int | None = None, stream: IO[str] | None = None, tty: bool | None = None):
        self.stream = stream if stream is not None else sys.stdout
        self.tty = _is_tty(self.stream) if tty is None else tty
        self.total = total
        self.count = 0
        self.drafts = 0
        self.started = time.perf_counter()
        self._drawn_at = 0.0
        self._drawn = False

    def __enter__(self) -> "BuildProgress":
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self, total: int) -> None:
        """Set the bar's length once the number of documents to write is known."""
        self.total = total

    def __call__(self, document: Any) -> None:
        """Called by run_build after each document is written."""
        self.count += 1
        if getattr(document, "is_draft", False):
            self.drafts += 1
        if self.tty:
            now = time.perf_counter()
            if now - self._drawn_at >= REDRAW_SECONDS or self.count == self.total:
                self._draw(getattr(document, "id", ""))
                self._drawn_at = now

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def close(self) -> None:
        """Wipe the bar, leaving the cursor at the start of an empty line."""
        if self._drawn:
            self.stream.write("\r" + " " * _width() + "\r")
            self.stream.flush()
            self._drawn = False

    def summary(self, report: Any = None) -> str:
        """The summary line; from the build report when given (it knows every document written)."""
        if report is not None:
            documents = [w.document for w in report.written]
            return summary_line(len(documents), sum(1 for d in documents if d.is_draft), self.seconds)
        return summary_line(self.count, self.drafts, self.seconds)

    def line(self, current: str = "") -> str:
        """The bar as drawn: label, bar (or counter), count, and the document just written."""
        label = _("Đang tạo văn bản")
        if self.total and self.count <= self.total:
            filled = BAR_WIDTH * self.count // self.total
            text = f"{label} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.count}/{self.total}"
        else:
            text = f"{label}: {self.count}"
        if current:
            text += f"  {current}"
        width = _width() - 1
        return text if len(text) <= width else text[: max(width - 1, 0)] + "…"

    def _draw(self, current: str) -> None:
        text = self.line(current)
        self.stream.write("\r" + text.ljust(_width() - 1))
        self.stream.flush()
        self._drawn = True


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 20)
