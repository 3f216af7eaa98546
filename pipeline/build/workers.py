"""Spread a build's rendering, writing and linting over one forked process per core.

Memory: a forked worker shares its parent's pages only until one of them writes to a page,
and merely reading a Python object writes to it (its reference count). Workers forked once
the documents were resolved each ended up holding a private copy of most of them (460 MB
each for 100,000 documents). So the workers are forked before the documents are resolved
(``start``), while the build process is small, and each is sent, with every chunk of
documents, all that making them needs (``Work.prepare``: the document, its parent, its
body, the documents it cites), pickled; each returns the sha256, size, time and lint
findings of the files it wrote, never their bytes. A few chunks at a time are in flight,
so what is pickled for them stays small. The registry's bodies (issuers, chủ quản) are
valid by then, and the workers inherit them: a body is sent as its id (``dumps``), which
halved the time a worker spent unpickling its chunks (46 to 23 µs a document).

A ProcessPoolExecutor, not a multiprocessing.Pool: a worker that dies (killed, out of
memory) breaks the executor, and the build stops with a message instead of waiting for
ever for the chunk that worker held. An error in a worker (a full disk) reaches the build
the same way, and no further chunk is started.
"""

from __future__ import annotations

import copyreg
import gc
import io
import multiprocessing
import os
import pickle
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Mapping
from types import MappingProxyType
from typing import Callable

from pipeline.errors import PipelineError
from pipeline.i18n import N_, _
from pipeline.model import Body
from pipeline.processes import start_worker

# Documents per task sent to a worker: few enough messages, a short tail, and enough for each of
# DocumentMaker.make_all's stages to run long in the processor's caches (10k build: 16 a chunk
# 12.3-12.6 s, 32 12.0-12.1 s; summed PSS at 100k 1,468 MB with 32).
CHUNK = 32
WORKER_DIED = N_("một tiến trình tạo văn bản đã dừng đột ngột (hết bộ nhớ, hoặc bị dừng từ bên ngoài); lần tạo "
                 "này dừng lại, không có chiến dịch nào bị ghi dở. Hãy chạy lại vanban build.")

# Chunks sent ahead per worker: enough that none waits while the build process is busy with something
# else (a campaign's commit, 0.5 s at 10k; the registry's cache, 0.3 s), little held pickled (~90 kB a
# chunk). With 4, each worker ran dry during those.
IN_FLIGHT = 16

_MAKER = None  # in a worker: its pipeline.build.work.DocumentMaker
_BODIES: Mapping[str, Body] = MappingProxyType({})  # in a worker: the registry's bodies when it was forked


class _Pool(ProcessPoolExecutor):
    """The build's workers, and the bodies they inherited (``bodies``: sent to them by id)."""

    bodies: Mapping[str, Body] = MappingProxyType({})


def start(jobs: int | None, maker, bodies: Mapping[str, Body] = MappingProxyType({})) -> _Pool | None:
    """Fork the build's workers now (one per core, or ``jobs``); None when there are to be none.

    Called before the documents are resolved: see the module's note. The modules that render
    and lint are imported first, so that each worker inherits them, and so are ``bodies`` (the
    registry's, valid and never changed afterwards: a body of them is sent by id).
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        return None
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system: one process does it all
        return None
    import pipeline.docx.render  # noqa: F401 - inherited by every worker
    import pipeline.lint.session  # noqa: F401

    # What the workers inherit is frozen first: a collection in a worker (they run without the
    # collector, but a library may ask for one) never scans it (a scan writes to each object it
    # reads, and the page, shared until then, is copied into the worker), and costs only what the
    # worker made. Frozen here, not in the worker: freezing also writes to every object. Until
    # the workers end, the build process leaves it frozen too.
    gc.freeze()
    pool = _Pool(jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), maker, bodies))
    pool.bodies = bodies
    try:
        pool.submit(int).result()  # with "fork" the first task forks every worker
    except BrokenProcessPool:
        stop(pool)
        raise PipelineError(_(WORKER_DIED)) from None
    return pool


def stop(pool: ProcessPoolExecutor | None) -> None:
    """End the workers; on any error (a full disk, a dead worker, Ctrl-C) no chunk is started any more."""
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()  # the workers are gone: what the build made may be collected again


def results(work, todo: list[tuple[int, int]], pool: _Pool | None, meanwhile: Callable[[], None]):
    """Yield the results of ``DocumentMaker.make`` for every document of ``todo``, over the workers of ``pool``.

    ``meanwhile`` runs once the first chunks are sent (or before the work, when there are no workers).
    """
    chunks = iter([todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)])
    if pool is None or len(todo) <= CHUNK:
        meanwhile()
        for chunk in chunks:
            yield from work.render_chunk(chunk)
        return
    in_flight = set()

    def send() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            in_flight.add(pool.submit(_make_in_worker, dumps([work.prepare(ci, di) for ci, di in chunk],
                                                             pool.bodies)))

    try:
        for _i in range(IN_FLIGHT * pool._max_workers):
            send()
        meanwhile()
        while in_flight:
            done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                in_flight.discard(future)
                send()
                yield from future.result()
    except BrokenProcessPool:
        raise PipelineError(_(WORKER_DIED)) from None


def _mapping(values: dict) -> MappingProxyType:
    return MappingProxyType(values)


# Read-only mappings do not pickle: sent as dicts, read back as read-only mappings.
_SENT_AS = {**copyreg.dispatch_table, MappingProxyType: lambda m: (_mapping, (dict(m),))}


def dumps(items: list, inherited: Mapping[str, Body] | None = None) -> bytes:
    """Return ``items`` pickled for a worker (``_SENT_AS``); a body of ``inherited`` (the very object) by its id."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**_SENT_AS, Body: _by_id(inherited)} if inherited else _SENT_AS
    pickler.dump(items)
    return buffer.getvalue()


def _by_id(inherited: Mapping[str, Body]):
    def reduce(body: Body):
        if inherited.get(body.id) is body:
            return _inherited_body, (body.id,)
        return body.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # another (a test's, a copy): whole
    return reduce


def _inherited_body(body_id: str) -> Body:
    return _BODIES[body_id]


def loads(data: bytes, inherited: Mapping[str, Body]) -> object:
    """Unpickle what ``dumps(…, inherited)`` pickled in another process, in one that holds ``inherited`` too."""
    global _BODIES
    before, _BODIES = _BODIES, inherited
    try:
        return pickle.loads(data)  # noqa: S301 - this build's own processes'
    finally:
        _BODIES = before


def _start_worker(parent: int, maker, bodies: Mapping[str, Body] = MappingProxyType({})) -> None:
    global _MAKER, _BODIES
    # Without the garbage collector: what a worker makes is freed as soon as it is dropped, and the
    # collections it ran (two or three a worker at 10k, 0.08-0.11 s of processor time a 3,456-document
    # sample) found nothing once lint.skeleton's one cycle was gone (tests/build/test_incremental.py).
    start_worker(parent, collect=False)
    _MAKER, _BODIES = maker, bodies


def _make_in_worker(data: bytes) -> list:
    try:
        return _MAKER.make_all(pickle.loads(data))
    finally:  # the next chunk is sent objects of its own: the digests kept would only hold these alive
        _MAKER.keyer.forget()
