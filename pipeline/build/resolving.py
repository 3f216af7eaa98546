"""Resolve the campaigns on two cores: the build's second core is otherwise idle until there are documents.

Loading and validating use every core (forked readers), and the documents are made by a worker
per core; between the two, the campaigns are resolved one after the other, and one core of two
waited (1.2 s of a 10,680-document build). Campaigns resolve independently
(``cascade.resolve.resolve_campaign``), so a child forked once the sources are valid takes
campaigns from the last one back while this process takes them from the first one on, each
claiming the next under a lock until they meet. The child sends its trees and problems back
pickled when it has no more to claim (never while this process might still want one of them),
and leaves. The result is what ``resolve_campaigns`` gives, in the campaigns' order.

The largest campaign often takes this process longer than all the others take the child, and
the child would then wait. So it may be given ``Spare`` work for that time (the build gives it
the registry's cache, which this process made while the workers rendered: 0.3 s of its processor
time at 10,680 documents, taken from them): after its last campaign it does it and sends the
bytes, which this process reads only when it needs them (``Spare.result``), the child kept
alive until then.

The child writes nothing anywhere but its pipe. When it cannot be forked, dies, or sends
something cut short, this process resolves what it did not receive, and does the spare work
itself: the answer is the same, only slower.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import struct
from typing import Callable

from pipeline.build.workers import dumps, loads
from pipeline.cascade.resolve import resolve_campaign
from pipeline.errors import Problem
from pipeline.model import Campaign, DocumentTree, Registry
from pipeline.processes import end_child, start_worker

_LENGTH = struct.Struct("<Q")
CLAIM_WAIT = 10.0  # seconds: the lock is held for a few instructions at a time


class Spare:
    """Work for the child once it has no campaign left to resolve: ``compute(registry) → bytes``.

    ``result()`` gives what the child sent, or what ``compute`` gives in this process when the
    child did not send it (there was none, it died, it sent something cut short); either way once.
    """

    def __init__(self, compute: Callable[[Registry], bytes]):
        self.compute = compute
        self._registry: Registry | None = None
        self._helper: _Helper | None = None

    def result(self) -> bytes:
        if self._registry is None:
            raise RuntimeError("Spare.result() before a Resolution was given it")
        helper, self._helper = self._helper, None
        data = helper.spare() if helper is not None else None
        return data if data is not None else self.compute(self._registry)

    def _forget(self) -> None:
        """Drop the child of an earlier resolution (a build that resolves again): its work is not this one's."""
        if self._helper is not None:
            self._helper.close()
            self._helper = None


class Resolution:
    """``resolve_campaigns(campaigns, registry)``, on two cores where it can: the child forked when made.

    Use it as a context manager (the child is ended and reaped at the end, whatever happened)::

        with Resolution(campaigns, registry, jobs) as resolution:
            ...  # anything else to start now: the child is already at work
            trees, problems = resolution.run()

    With ``spare`` work, the child lives on after ``run`` until its result is read or the
    context ends.
    """

    def __init__(self, campaigns: tuple[Campaign, ...], registry: Registry, jobs: int | None,
                 spare: Spare | None = None):
        self.campaigns, self.registry, self.spare = campaigns, registry, spare
        if spare is not None:
            spare._forget()
            spare._registry = registry
        two = len(campaigns) > 1 and (jobs or os.cpu_count() or 1) > 1
        self.helper = _Helper.fork(campaigns, registry, spare and spare.compute) if two else None

    def run(self) -> tuple[list[DocumentTree], list[Problem]]:
        campaigns, registry, helper = self.campaigns, self.registry, self.helper
        results: dict[int, tuple[DocumentTree | None, list[Problem]]] = {}
        while helper is not None:
            index = helper.claim_front()
            if index is None:
                break
            results[index] = resolve_campaign(campaigns[index], registry)
        if helper is not None:
            results.update(helper.results(registry))
            if self.spare is not None and helper.ended:
                self.spare._helper = helper  # it works on while the caller does: read when asked for
            else:  # no spare work, or the child's messages were not all believed: nothing more is read
                self.close()
        for index, campaign in enumerate(campaigns):  # all of them without a child; else what it never sent
            if index not in results:
                results[index] = resolve_campaign(campaign, registry)
        trees, problems = [], []
        for index in range(len(campaigns)):
            tree, found = results[index]
            problems += found
            if tree is not None:
                trees.append(tree)
        return trees, problems

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None

    def __enter__(self) -> "Resolution":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Helper:
    """The forked child resolving campaigns from the last one back; ``claim_front`` claims for this process."""

    def __init__(self, pid: int, fd: int, bounds, lock):
        self.pid, self.fd, self.bounds, self.lock = pid, fd, bounds, lock
        self.ended = False  # the campaigns' end was read (``results``): what follows is the spare work's

    @classmethod
    def fork(cls, campaigns: tuple[Campaign, ...], registry: Registry,
             spare: Callable[[Registry], bytes] | None = None) -> "_Helper | None":
        try:
            context = multiprocessing.get_context("fork")
            lock = context.Lock()
            bounds = context.RawArray("q", [0, len(campaigns) - 1])  # the next to claim from the front, the back
            read_end, write_end = os.pipe()
        except (ValueError, OSError, ImportError):  # no fork, no semaphores (sem_open) on this system
            return None
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: resolve, write, and leave without running anything of the parent's
            status = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                start_worker(parent, collect=False)  # dies with the build, even one killed outright
                _resolve_from_the_back(campaigns, registry, bounds, lock, write_end)
                if spare is not None:
                    _send(write_end, spare(registry))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, read_end, bounds, lock)

    def claim_front(self) -> int | None:
        # A child killed from outside while it held the lock would hold it for ever: this process
        # then claims no more, and resolves itself what it does not receive.
        if not self.lock.acquire(timeout=CLAIM_WAIT):
            return None
        try:
            index = self.bounds[0]
            if index > self.bounds[1]:
                return None
            self.bounds[0] = index + 1
            return index
        finally:
            self.lock.release()

    def results(self, registry: Registry) -> dict[int, tuple[DocumentTree | None, list[Problem]]]:
        """What the child sent, by campaign index: each campaign it sent whole (one message each, then an empty one).

        The registry's bodies were sent by id (``workers.dumps``): this process holds them too.
        """
        out = {}
        try:
            while True:
                size = _LENGTH.unpack(_read_exactly(self.fd, _LENGTH.size))[0]
                if not size:
                    self.ended = True
                    return out
                index, result = loads(_read_exactly(self.fd, size), registry.bodies)  # its own child's, its own pipe
                out[index] = result
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, KeyError):
            return out

    def spare(self) -> bytes | None:
        """The spare work's bytes, sent after the campaigns' end (``Resolution.run`` asks only a child whose end
        it read); None when they do not come whole. Ends the child."""
        if self.fd is None:  # ended already (the resolution's context closed)
            return None
        try:
            size = _LENGTH.unpack(_read_exactly(self.fd, _LENGTH.size))[0]
            return _read_exactly(self.fd, size)
        except (OSError, EOFError):
            return None
        finally:
            self.close()

    def close(self) -> None:
        """End the child if it still runs (it has sent all it will), and reap it; once."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
            end_child(self.pid)


def _resolve_from_the_back(campaigns, registry, bounds, lock, fd: int) -> None:
    done = []
    while True:
        with lock:
            index = bounds[1]
            if index < bounds[0]:
                break
            bounds[1] = index - 1
        # Pickled at once: the tree's objects go, its bytes wait until this process takes them. The
        # registry's bodies by id: the parent holds them (a copy of each would be more to send and keep).
        done.append(dumps((index, resolve_campaign(campaigns[index], registry)), registry.bodies))
    for data in done + [b""]:
        _send(fd, data)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
