"""User queries run in worker processes, so that a runaway query can really be stopped.

pyoxigraph has no timeout or cancellation, and a thread cannot be killed: a query that joins
everything with everything would hold a core until it ends. Each worker process opens the store
read-only and answers one query at a time; when a query outlives the timeout its worker is
killed (the operating system frees its CPU and memory) and a fresh one takes its place.
Serialization happens in the worker too, so the response size can be bounded there.
"""
from __future__ import annotations

import multiprocessing
import queue
from dataclasses import dataclass, field

from pyoxigraph import (Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat,
                        Variable, serialize)

from kg.store import StoreError, open_store, store_generation

CONTEXT = multiprocessing.get_context("spawn")      # no fork of a threaded server
STARTUP_SECONDS = 120                               # a fresh worker imports pyoxigraph and kg first


class QueryTimeout(Exception):
    """The query ran longer than the configured timeout and was stopped."""


class QueryFailed(Exception):
    """The query could not run (a bad graph IRI, a store error); the message says why."""


class ResultTooLarge(QueryFailed):
    """The serialized result is over the configured size."""


@dataclass(frozen=True)
class QueryRequest:
    sparql: str
    media: dict                                  # {"results": format name, "graph": format name}
    bindings: tuple = ()                         # (name, kind, value, datatype, language)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryAnswer:
    kind: str                                    # "results" or "graph"
    body: bytes = field(repr=False)


def encode_bindings(bindings: dict) -> tuple:
    """Substitutions as plain tuples: pyoxigraph terms do not cross process boundaries."""
    out = []
    for variable, term in bindings.items():
        if isinstance(term, NamedNode):
            out.append((variable.value, "iri", term.value, None, None))
        else:
            out.append((variable.value, "literal", term.value, term.datatype.value,
                        term.language))
    return tuple(out)


def _decode(bindings: tuple) -> dict:
    out = {}
    for name, kind, value, datatype, language in bindings:
        if kind == "iri":
            out[Variable(name)] = NamedNode(value)
        elif language:
            out[Variable(name)] = Literal(value, language=language)
        else:
            out[Variable(name)] = Literal(value, datatype=NamedNode(datatype))
    return out


def _answer(store, request: QueryRequest, max_bytes: int) -> QueryAnswer:
    results = store.query(request.sparql, substitutions=_decode(request.bindings),
                          default_graphs=list(request.default_graphs), named_graphs=list(request.named_graphs))
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        kind, body = "results", results.serialize(format=getattr(QueryResultsFormat, request.media["results"]))
    else:
        kind, body = "graph", serialize(results, format=getattr(RdfFormat, request.media["graph"]))
    if len(body) > max_bytes:
        raise ResultTooLarge(f"the result is larger than {max_bytes} bytes; narrow the query or add a LIMIT")
    return QueryAnswer(kind, body)


def _worker(conn, store_path: str, max_bytes: int) -> None:
    conn.send("ready")              # imports are done: from here on only queries count against the timeout
    generation, store = None, None
    while True:
        try:
            request = conn.recv()
        except EOFError:                                    # the server closed its end: stop quietly
            return
        if store is None or store_generation(store_path) != generation:   # written by another process
            generation = store_generation(store_path)
            store = open_store(store_path, read_only=True)
        try:
            conn.send(("ok", _answer(store, request, max_bytes)))
        except SyntaxError as err:
            conn.send(("syntax", str(err)))
        except ResultTooLarge as err:
            conn.send(("too large", str(err)))
        except (ValueError, QueryFailed, StoreError, OSError) as err:
            conn.send(("failed", str(err)))


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object


class QueryRunner:
    def __init__(self, store_path: str, workers: int = 2, timeout: float = 30.0, max_bytes: int = 50_000_000):
        self.store_path, self.timeout, self.max_bytes = store_path, timeout, max_bytes
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for worker in [self._start() for _ in range(workers)]:
            self._idle.put(self._ready(worker))

    def _start(self) -> _Worker:
        parent, child = CONTEXT.Pipe()
        process = CONTEXT.Process(target=_worker, args=(child, self.store_path, self.max_bytes), daemon=True)
        process.start()
        return _Worker(process, parent)

    @staticmethod
    def _ready(worker: _Worker) -> _Worker:
        """Wait until a started worker can take queries, so that its start-up is not taken out of
        the first query's time."""
        try:
            if worker.conn.poll(STARTUP_SECONDS) and worker.conn.recv() == "ready":
                return worker
        except EOFError:
            pass
        worker.process.kill()
        raise QueryFailed("a query worker process did not start")

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join()
        return self._ready(self._start())

    def run(self, request: QueryRequest) -> QueryAnswer:
        worker = self._idle.get()                 # waits while every worker is busy
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self.timeout):
                worker = self._replace(worker)
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            try:
                status, payload = worker.conn.recv()
            except EOFError:                      # the worker died (out of memory, say)
                worker = self._replace(worker)
                raise QueryFailed("the query stopped its worker process") from None
        finally:
            self._idle.put(worker)
        if status == "syntax":
            raise SyntaxError(payload)
        if status == "too large":
            raise ResultTooLarge(payload)
        if status == "failed":
            raise QueryFailed(payload)
        return payload

    def close(self) -> None:
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            worker.process.kill()
            worker.process.join()
