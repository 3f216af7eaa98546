"""Problems found in the sources, and the errors that stop a run.

A Problem is what a clerk reads: where (file:line:column), which field, what
was expected and what was found, plus an optional hint. Stages collect every
problem they can find before the run stops, so one pass fixes everything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click

from pipeline.i18n import _, ngettext


@dataclass(frozen=True)
class SourceLocation:
    """A place in a YAML source: file path, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """One mistake in the sources, located and explained.

    A ``warning`` does not stop a run by itself (``--strict``, which ``make`` uses, makes
    it one that does): the text reads as a clerk meant it, but probably not as it should.
    """

    location: SourceLocation
    field: str
    message: str
    hint: str = ""
    warning: bool = False

    def format(self) -> str:
        head = f"{self.location}: {self.field}: " if self.field else f"{self.location}: "
        text = head + (_("cảnh báo: ") if self.warning else "") + self.message
        if self.hint:
            text += "\n    " + _("Gợi ý: {hint}").format(hint=self.hint)
        return text


def expected_found(expected: str, found: object) -> str:
    """Return the standard "cần …, nhận được …" sentence."""
    return _("cần {expected}, nhận được {found}").format(
        expected=expected, found=describe(found)
    )


def describe(value: object) -> str:
    """Describe a YAML value for a clerk, never as a Python repr of a type."""
    if value is None:
        return _("giá trị rỗng")
    if isinstance(value, bool):
        return _("giá trị đúng/sai ({value})").format(value="true" if value else "false")
    if isinstance(value, dict):
        return _("một nhóm khóa")
    if isinstance(value, list):
        return _("một danh sách")
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"'{text}'"


class PipelineError(click.ClickException):
    """Root of every error the pipeline reports to the user (exit status 1)."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: D401 - click API
        click.echo(self.format_message(), err=True)


class SourceErrors(PipelineError):
    """The sources hold one or more problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted_problems(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [p.format() for p in self.problems]
        files = {p.location.path for p in self.problems}
        errors, warnings = split_warnings(self.problems)
        counted = []
        if errors:
            counted.append(ngettext("{n} lỗi", "{n} lỗi", len(errors)).format(n=len(errors)))
        if warnings:  # raised only under --strict
            counted.append(ngettext("{n} cảnh báo (--strict)", "{n} cảnh báo (--strict)", len(warnings)).format(
                n=len(warnings)))
        lines.append(
            _("{errors} trong {files}; không có tệp nào được ghi.").format(
                errors=", ".join(counted),
                files=ngettext("{m} tệp", "{m} tệp", len(files)).format(m=len(files)),
            )
        )
        return "\n".join(lines)


def split_warnings(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Return (errors, warnings) of ``problems``, each in its order."""
    return [p for p in problems if not p.warning], [p for p in problems if p.warning]


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Return problems in the order a clerk reads them: by file, line, column."""
    return sorted(problems, key=lambda p: (p.location.path, p.location.line, p.location.column, p.field))


class RenderError(PipelineError):
    """A template could not be rendered for a document."""


class RegisterError(PipelineError):
    """The register of outgoing documents refused an operation."""


def relative(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    # The path as written, made relative without following links: a file that is a link is
    # named by its own name (a link to nothing, or a loop of links, has no other).
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, here)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # elsewhere; or a loop of links (RuntimeError before Python 3.13)
        return str(path)
