"""Spread a build's rendering, writing and linting over one forked process per core.

The workers are forked once the trees are resolved and numbered, so each inherits them
(read-only mappings, which do not pickle) with the template compiled and the linter
imported, and is sent only (campaign, document) indexes; each returns the sha256, size,
time and lint findings of the files it wrote, never their bytes.

A ProcessPoolExecutor, not a multiprocessing.Pool: a worker that dies (killed, out of
memory) breaks the executor, and the build stops with a message instead of waiting for
ever for the chunk that worker held. An error in a worker (a full disk) reaches the build
the same way, and no further chunk is started.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from pipeline.errors import PipelineError
from pipeline.i18n import N_, _
from pipeline.processes import start_worker

CHUNK = 16  # documents per task sent to a worker: few enough messages, a short tail
WORKER_DIED = N_("một tiến trình tạo văn bản đã dừng đột ngột (hết bộ nhớ, hoặc bị dừng từ bên ngoài); lần tạo "
                 "này dừng lại, không có chiến dịch nào bị ghi dở. Hãy chạy lại vanban build.")

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
        work.linter  # noqa: B018 - imported once here, inherited by every worker (each fills its own)
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
        pool = ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context, initializer=start_worker,
                                   initargs=(os.getpid(),))
        try:
            # A worker may die while chunks are still being handed out: submit then raises too.
            futures = [pool.submit(_render_chunk_in_worker, chunk) for chunk in chunks]
            meanwhile()
            for future in as_completed(futures):
                yield from future.result()
        except BrokenProcessPool:
            raise PipelineError(_(WORKER_DIED)) from None
        finally:  # on any error (a full disk, a dead worker, Ctrl-C): no chunk is started any more
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _WORK = None


def _render_chunk_in_worker(chunk):
    return _WORK.render_chunk(chunk)
