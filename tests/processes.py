"""What the tests read about processes, from Linux's /proc (psutil is not a dependency)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the command name (state, ppid, ...), None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and fields[1] == str(pid):
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    return found


def start_time(pid: int) -> str | None:
    """When the process started (clock ticks after boot): tells it from a later one given its pid."""
    fields = _stat(pid)
    return fields[19] if fields else None


def running(pid: int, started: str) -> bool:
    """Whether that process (the one started at `started`) still runs; a zombie has ended."""
    fields = _stat(pid)
    return fields is not None and fields[19] == started and fields[0] != "Z"


def cpu_ticks(pid: int) -> int:
    """CPU time the process has used, user and system, in clock ticks (0 once it is gone)."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0


def survivors(started: dict[int, str], within: float) -> list[int]:
    """Those of the processes `started` (pid: start time) that still run after up to `within` s."""
    deadline = time.monotonic() + within
    while (left := [pid for pid, at in started.items() if running(pid, at)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
