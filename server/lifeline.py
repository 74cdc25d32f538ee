"""Query workers end with their server, however it ends (`kill -9` included).

An idle pebble worker sees its pool's pipe close and exits, but a worker busy with a runaway
query reads no pipe: left alone it runs on, orphaned, at full CPU. A worker calls
`die_with_parent()` once, at its start, which sets two ways out:

- on Linux, the kernel's parent-death signal (`prctl(PR_SET_PDEATHSIG, SIGKILL)`): no thread and
  no interpreter lock are needed, so it also stops a task stuck in C code that holds the lock (a
  regular expression backtracking). The kernel sends it when the *thread* that started the worker
  ends, not the process, so the pool is started from a thread that lives as long as the pool
  (`server.runner.QueryRunner`);
- everywhere, the standard library's own link to the parent (`multiprocessing.parent_process()`:
  a pipe the parent holds open, on Windows its process handle), which the operating system closes
  when the parent ends; a thread waits on it and ends the process. It also covers a parent that
  ended before the signal was asked for.

The signal is one ctypes call: the prctl wrappers on the package index need a C build
(python-prctl) or have not been released since 2021 (pyprctl), for a call they would only wrap.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1     # <linux/prctl.h>
ORPHANED = 70            # the exit status of a worker whose server ended (EX_SOFTWARE)


def die_with_parent() -> None:
    """End this process when the process that started it ends (a multiprocessing child only)."""
    if sys.platform.startswith("linux"):
        signal_on_parent_death()
    watch_parent()


def signal_on_parent_death() -> None:
    """Linux: have the kernel send this process SIGKILL when the thread that started it ends."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG): {os.strerror(errno)}")


def watch_parent() -> None:
    """Any platform: a daemon thread that ends this process once its parent has ended."""
    parent = multiprocessing.parent_process()
    if parent is None:
        raise RuntimeError("watch_parent() is for a process started by multiprocessing")
    threading.Thread(target=_end_with, args=(parent,), name="kg-lifeline", daemon=True).start()


def _end_with(parent) -> None:
    parent.join()                    # returns when the parent's end of the link is closed
    os._exit(ORPHANED)               # no clean-up: nobody is left to answer, and a task may be running
