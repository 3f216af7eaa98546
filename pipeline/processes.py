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
COLLECTOR = (3_000, 10, 10)  # a worker's garbage collector thresholds (start_worker says why)


def start_worker(parent: int, collect: bool = True) -> None:
    """Initializer of a forked worker: die with ``parent`` (its PID); ``collect``: turn the garbage collector on."""
    # A worker makes and drops objects by the million (a document's tree, its lint reading, with
    # cycles between paragraphs and their lines). Collected every 700 new objects, as by default,
    # a build worker spent 14 % of its time collecting (2.6 CPU-s of 18 at 10k); every 3,000,
    # 5 % (0.75 of 15). Every 10,000 cost less still (3 %), but with the lint session's caches
    # four times larger a worker held ~90 MB more at 100k: summed PSS 1,622 MB, over the
    # bench's bound; 1,425 MB as now.
    gc.set_threshold(*COLLECTOR)
    if collect:
        gc.enable()
    try:
        import ctypes  # here: only workers need it, and the command starts faster without it

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the check below still catches a parent gone before the fork ended
        pass
    if os.getppid() != parent:
        os._exit(1)
