"""Where extraction runs: in this process (spaCy's own worker processes for `--workers N`), or on
a Dask cluster (`kg build --executor dask`), a `LocalCluster` of N processes here or the cluster
whose scheduler `--scheduler` names.

On Dask, documents go out in batches and come back as Extractions in the order they were given,
so the store is written as a single-process build writes it; at most `IN_FLIGHT` batches per
worker are out at once, so memory stays bounded however large the corpus. Workers need this
package and the spaCy model installed, but not the ontology on disk: its files travel with the
tasks, and each worker builds its pipeline once per ontology (`_worker_pipeline`).
"""
from __future__ import annotations

import hashlib
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from .ontology import Ontology

if TYPE_CHECKING:       # the CLI imports this module for its choices; spaCy loads only to extract
    from .documents import Document
    from .model import Extraction
    from .pipeline import Pipeline

EXECUTORS = ("local", "dask")
BATCH = 8           # documents per Dask task: enough to hide a task's overhead, few enough to balance
IN_FLIGHT = 2       # batches per worker submitted ahead of the one being written
CONNECT_TIMEOUT = "30s"     # to reach a running cluster's scheduler


class ExecutorError(Exception):
    """The executor cannot run: Dask not installed, or its scheduler not reached."""


def extract(documents: Sequence[Document], ontology: Ontology, executor: str = "local", workers: int = 1,
            scheduler: str | None = None) -> Iterator[Extraction]:
    """The documents' Extractions, in their order."""
    if executor == "local":
        from .pipeline import Pipeline
        return Pipeline(ontology).extract_all(documents, n_process=workers)
    if executor == "dask":
        return _on_dask(documents, ontology, workers, scheduler)
    raise ExecutorError(f"no executor named {executor!r}: choose one of {', '.join(EXECUTORS)}")


def ontology_files(directory: Path) -> tuple[str, tuple[tuple[str, bytes], ...]]:
    """(a digest, the files) of an ontology directory, to send to workers that may not share its disk."""
    files = tuple((p.name, p.read_bytes()) for p in sorted(Path(directory).iterdir()) if p.is_file())
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data for name, data in files)).hexdigest()
    return digest, files


@cache
def _worker_pipeline(digest: str, files: tuple[tuple[str, bytes], ...]) -> tuple[Pipeline, tempfile.TemporaryDirectory]:
    """A worker's pipeline for one ontology, made on its first task and kept for the next ones,
    with the directory its files were written to (removed when the worker exits)."""
    from .pipeline import Pipeline

    directory = tempfile.TemporaryDirectory(prefix=f"kg-ontology-{digest[:12]}-")
    for name, data in files:
        (Path(directory.name) / name).write_bytes(data)
    return Pipeline(Ontology.load(Path(directory.name))), directory


def _extract_batch(digest: str, files: tuple[tuple[str, bytes], ...], batch: list[Document]) -> list[Extraction]:
    pipeline, _ = _worker_pipeline(digest, files)
    return list(pipeline.extract_all(batch))


def _on_dask(documents: Sequence[Document], ontology: Ontology, workers: int,
             scheduler: str | None) -> Iterator[Extraction]:
    """Checked before the first document goes out, so that a missing package fails the run at once."""
    if find_spec("distributed") is None:
        raise ExecutorError("--executor dask needs Dask's distributed package: pip install 'whosaid-kg[dask]'")
    return _batches_on_dask(documents, ontology_files(ontology.directory), workers, scheduler)


def _batches_on_dask(documents: Sequence[Document], ontology: tuple[str, tuple], workers: int,
                     scheduler: str | None) -> Iterator[Extraction]:
    from distributed import Client, LocalCluster

    digest, files = ontology
    batches = [list(documents[i:i + BATCH]) for i in range(0, len(documents), BATCH)]
    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            else:
                cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                           dashboard_address="127.0.0.1:0"))
                client = stack.enter_context(Client(cluster))
        except OSError as err:
            where = f"reach the Dask scheduler {scheduler}" if scheduler else "start a local Dask cluster"
            raise ExecutorError(f"cannot {where}: {err}") from err
        [shared] = client.scatter([files], broadcast=True)
        ahead = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(_extract_batch, digest, shared, batch, pure=False))
            if len(pending) > ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
