"""Worker processes that end with the command that forked them.

The build and the loading of sources fork workers (``concurrent.futures.ProcessPoolExecutor``).
A worker waits for work on a queue whose writing end it inherited: when the command is
killed, nothing ever tells the worker, and it would wait for ever, holding the output
folder's lock it inherited. So each worker asks the kernel to kill it when its parent
dies (Linux ``prctl(PR_SET_PDEATHSIG)``), and checks that the parent is still the one
that forked it (it may have died before the request).
"""

from __future__ import annotations

import gc
import os
import signal

PR_SET_PDEATHSIG = 1  # linux/prctl.h
COLLECTOR = (100_000, 10, 10)  # a worker's garbage collector thresholds (start_worker says why)


def start_worker(parent: int, collect: bool = True) -> None:
    """Initializer of a forked worker: die with ``parent`` (its PID); ``collect``: the garbage collector on, else off."""
    # A worker makes and drops objects by the million, nearly all freed as soon as dropped: the
    # lint reading's lines hold their paragraph weakly (lint.read.Line), so the paragraphs a lint
    # session drops are no cycles. The collector is left only the rare cycle (an exception and
    # its frames), and a collection every 100,000 new objects finds them. Every 3,000, when each
    # dropped paragraph was a cycle, a build worker at 10k spent 0.9-1.1 CPU-s of ~9 collecting;
    # then 0.13-0.15 s, with nothing more held (the garbage it would find is not there). The build's
    # workers now make no cycle at all and run without it (``collect=False``: pipeline.build.workers).
    gc.set_threshold(*COLLECTOR)
    if collect:
        gc.enable()
    else:
        gc.disable()
    try:
        import ctypes  # here: only workers need it, and the command starts faster without it

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the check below still catches a parent gone before the fork ended
        pass
    if os.getppid() != parent:
        os._exit(1)


def end_child(pid: int) -> None:
    """Stop a child this process forked, if it still runs, and reap it (no zombie left behind)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
