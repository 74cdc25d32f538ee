"""Each of `server.lifeline`'s two ways out, alone, in a real child whose real parent is killed with
SIGKILL while the child is busy; and a child with neither, which runs on orphaned."""
import os
import signal
import subprocess
import sys
import time

import pytest

from server import lifeline

from . import processes
from .conftest import ROOT

# The parent: starts a child that sets up the way out named on the command line, then spins; says
# the child's pid, then waits to be killed.
PARENT = """
import multiprocessing, sys, time
from tests.test_lifeline import spin
child = multiprocessing.get_context("spawn").Process(target=spin, args=(sys.argv[1],))
child.start()
print(child.pid, flush=True)
time.sleep(120)
"""


def spin(way_out: str) -> None:
    """A child's busy life, after `lifeline.<way_out>()` ("" for none)."""
    if way_out:
        getattr(lifeline, way_out)()
    print("ready", flush=True)
    while True:
        pass


def orphan_after_parent_killed(way_out: str, within: float) -> list[int]:
    """Kill the parent of a busy child set up with `way_out`; the child's pid if it still runs
    `within` seconds later (it is then killed), else []."""
    parent = subprocess.Popen([sys.executable, "-c", PARENT, way_out], cwd=ROOT, stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True)
    started = {}
    try:
        child = int(parent.stdout.readline())
        started = {child: processes.start_time(child)}
        assert parent.stdout.readline() == "ready\n"
        before = processes.cpu_ticks(child)
        time.sleep(0.5)
        assert processes.cpu_ticks(child) > before                      # busy, not waiting on a pipe
        parent.kill()
        parent.wait(10)
        return processes.survivors(started, within)
    finally:
        parent.kill()
        for pid in processes.survivors(started, within=0):
            os.kill(pid, signal.SIGKILL)


@processes.needs_proc
def test_without_a_way_out_a_busy_child_outlives_its_killed_parent():
    assert len(orphan_after_parent_killed("", within=2)) == 1


@processes.needs_proc
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_parent_death_signal_alone_ends_the_child():
    assert orphan_after_parent_killed("signal_on_parent_death", within=5) == []


@processes.needs_proc
def test_the_watch_on_the_parent_alone_ends_the_child():
    assert orphan_after_parent_killed("watch_parent", within=5) == []


def test_watching_a_parent_needs_a_multiprocessing_child():
    with pytest.raises(RuntimeError, match="started by multiprocessing"):
        lifeline.watch_parent()
