"""Spread a build's rendering, writing and linting over one forked process per core.

The workers are forked once the trees are resolved and numbered, so each inherits them
(read-only mappings, which do not pickle) with the template compiled and the linter
imported, and is sent only (campaign, document) indexes; each returns the sha256, size,
time and lint findings of the files it wrote, never their bytes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable

CHUNK = 16  # documents per task sent to a worker: few enough messages, a short tail

# The work of one build, set as a module global before the workers are forked, so that
# each inherits it (trees hold read-only mappings, which do not pickle) and is sent indexes.
_WORK = None  # a pipeline.build.work.Work while the workers run


def results(work, todo: list[tuple[int, int]], jobs: int | None, meanwhile: Callable[[], None]):
    """Yield the results of ``work.render_chunk`` for every document of ``todo``, over one process per core.

    ``meanwhile`` runs once the workers are started (or before the work, when there are none).
    """
    jobs = jobs or os.cpu_count() or 1
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        meanwhile()
        for chunk in chunks:
            yield from work.render_chunk(chunk)
        return
    global _WORK
    _WORK = work
    work.renderer  # noqa: B018 - compiled once here, inherited by every worker
    if work.lint:
        import pipeline.lint.linter  # noqa: F401 - imported once here, inherited by every worker
    try:
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this system: one process does it all
            context = None
        if context is None:
            meanwhile()
            for chunk in chunks:
                yield from work.render_chunk(chunk)
            return
        with context.Pool(min(jobs, len(chunks)), initializer=gc.enable) as pool:
            done = pool.imap_unordered(_render_chunk_in_worker, chunks)
            meanwhile()
            for chunk_results in done:
                yield from chunk_results
    finally:
        _WORK = None


def _render_chunk_in_worker(chunk):
    return _WORK.render_chunk(chunk)
