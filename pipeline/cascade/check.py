"""Check the sources without writing anything: validate, resolve and number.

The front half of every run (``vanban check``, ``vanban issue``, ``vanban new``, the
archive); ``pipeline.build`` runs the same stages with its caches before rendering.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.cascade.number import assign_numbers
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.errors import Problem, SourceErrors, split_warnings
from pipeline.model import DocumentTree
from pipeline.register.store import open_existing
from pipeline.sources.validate import Sources, validate_sources


def check_sources(data_dir: Path, register_path: Path | None = None, strict: bool = False,
                  warnings: list[Problem] | None = None) -> tuple[Sources, list[DocumentTree]]:
    """Validate, resolve and number without writing anything; raise SourceErrors on problems.

    Warnings are added to ``warnings`` when given; ``strict`` makes them errors (``make`` runs so).
    """
    sources, problems = validate_sources(data_dir, partial=True)
    if problems:
        raise SourceErrors(every_problem(sources, problems))
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    errors, found = split_warnings(problems)
    if errors or (strict and found):
        raise SourceErrors(problems)
    if warnings is not None:
        warnings += found
    register = open_existing(register_path) if register_path and register_path.exists() else None
    try:
        trees, problems = assign_numbers(trees, register, record=False)
    finally:
        if register:
            register.close()
    if problems:
        raise SourceErrors(problems)
    return sources, trees


def every_problem(sound: Sources | None, problems: list[Problem]) -> list[Problem]:
    """Return ``problems`` (validate's) with the errors that resolving ``sound`` finds: what validate
    found sound beside its problems (``validate_sources(partial=True)``), so that a clerk is told every
    mistake at once. Not numbered: a document left out would move the numbers of those after it."""
    if sound is None:
        return problems
    _trees, found = resolve_campaigns(sound.campaigns, sound.registry)
    seen = set(problems)
    return problems + [p for p in found if not p.warning and p not in seen]
