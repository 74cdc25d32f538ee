"""Writes that stop half-way or meet another writer: `kg build` and `kg add` killed with SIGKILL
while they write documents leave every document whole (as before the run or as after it), the
store opens, and the next run completes with the inference graph right; a second writer is told
the store is busy."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

import kg.build
from kg.build import RUN_GRAPH, add, build
from kg.cli import main
from kg.inference import entailments
from kg.store import StoreError, open_store
from kg.vocab import INFERENCE_GRAPH

from .conftest import CORPUS

KG = Path(sys.executable).with_name("kg")
COPIES = 2
EDIT = "\n\nKarl Mertens said that Germany opposes the new tariff regime.\n"


def corpus_of(folder: Path, edited: bool) -> list[Path]:
    """The seed articles `COPIES` times; `edited` adds a statement to each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(COPIES):
        for seed in sorted(CORPUS.glob("*.txt")):
            path = folder / f"{n}_{seed.name}"
            path.write_text(seed.read_text(encoding="utf-8") + (EDIT if edited else ""), encoding="utf-8")
            paths.append(path)
    return paths


def document_graphs(location: Path) -> dict[str, frozenset]:
    store = Store.read_only(str(location))
    return {g.value: frozenset(q.triple for q in store.quads_for_pattern(None, None, None, g))
            for g in store.named_graphs() if "/graph/" in g.value and "w3id.org" not in g.value}


def edited_count(location: Path) -> int:
    """How many documents the running process has written in their edited form so far (0 while
    a compaction of the writer moves files under a reader)."""
    try:
        store = Store.read_only(str(location))
    except (OSError, RuntimeError):
        return 0
    return int(next(iter(store.query(
        'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d <https://w3id.org/whosaid/ontology#text> ?t '
        'FILTER(CONTAINS(?t, "new tariff regime")) } }')))["n"].value)


def kill_while_writing(args: list[str], location: Path, total: int) -> None:
    """Run `kg ARGS`, SIGKILL it once it has written some documents and not all."""
    proc = subprocess.Popen([str(KG), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if 0 < edited_count(location) < total:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed half-way"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()


def assert_whole(after_kill: dict, before: dict, complete: dict) -> None:
    """Every document graph is the one before the run or the one a completed run writes."""
    assert set(after_kill) == set(complete)
    for graph, triples in after_kill.items():
        assert triples in (before.get(graph), complete[graph]), graph
    changed = sum(after_kill[g] == complete[g] != before.get(g) for g in after_kill)
    assert 0 < changed < len(complete)


@pytest.fixture(scope="module")
def before_the_run(tmp_path_factory):
    """A store built from the seed articles (repeated), and a copy of its documents' graphs."""
    folder = tmp_path_factory.mktemp("crash")
    corpus_of(folder / "corpus", edited=False)
    location = folder / "store"
    build(folder / "corpus", open_store(location))
    return location


def test_a_build_killed_while_writing_leaves_whole_documents(tmp_path, before_the_run):
    location = tmp_path / "store"
    shutil.copytree(before_the_run, location)
    before = document_graphs(location)
    corpus_of(tmp_path / "corpus", edited=True)
    kill_while_writing(["build", "--corpus", str(tmp_path / "corpus"), "--store", str(location)], location, len(before))
    after_kill = document_graphs(location)
    store = open_store(location)                       # no lock is left behind
    assert RUN_GRAPH in store.graphs()                 # the inference graph is known to be stale
    report = build(tmp_path / "corpus", store)
    assert report.documents == len(before) and RUN_GRAPH not in store.graphs()
    assert_whole(after_kill, before, {g: frozenset(store.triples(g)) for g in before})
    assert set(store.triples(INFERENCE_GRAPH)) == set(entailments(store))


def test_an_add_killed_while_writing_leaves_whole_documents_and_the_next_add_recomputes(tmp_path, before_the_run,
                                                                                       monkeypatch):
    location = tmp_path / "store"
    shutil.copytree(before_the_run, location)
    before = document_graphs(location)
    paths = corpus_of(tmp_path / "corpus", edited=True)
    kill_while_writing(["add", *map(str, paths), "--corpus", str(tmp_path / "corpus"), "--store", str(location)],
                       location, len(paths))
    after_kill = document_graphs(location)
    store = open_store(location)
    recomputed = []
    prepare = kg.build.Builder.prepare_inference
    monkeypatch.setattr(kg.build.Builder, "prepare_inference", lambda self: prepare(self) or recomputed.append(self.recompute))
    add(paths, store, corpus=tmp_path / "corpus")      # finds the mark: the full computation, not an update
    assert recomputed == [True]
    assert set(store.triples(INFERENCE_GRAPH)) == set(entailments(store)) and RUN_GRAPH not in store.graphs()
    assert_whole(after_kill, before, {g: frozenset(store.triples(g)) for g in before})


def test_a_second_writer_is_told_the_store_is_busy(tmp_path):
    location = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", f"from pyoxigraph import Store; s = Store({str(location)!r}); "
                               "print('open', flush=True); import sys; sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(StoreError, match=f"^store busy: another process is writing to {location} "):
            open_store(location)
        article = tmp_path / "a.txt"
        article.write_text("Talks\n\nKarl Mertens said Berlin supports the new border commission.\n")
        result = CliRunner().invoke(main, ["add", str(article), "--store", str(location)])
        assert result.exit_code == 1
        assert result.output == (f"Error: store busy: another process is writing to {location} (a kg build, add "
                                 "or remove); retry when it has finished\n")
    finally:
        holder.communicate("")
    assert open_store(location) is not None            # free again once the other has finished
