"""Clients' queries run in worker processes, so that a runaway query can really be stopped.

pyoxigraph has no timeout or cancellation, and a thread cannot be killed: a query that joins
everything with everything would hold a core until it ends. The workers are a pebble
`ProcessPool`: a query that outlives its time has its process killed (the operating system frees
its CPU and memory), and any worker that dies, busy or idle, is replaced by the pool. An error
inside a query is an exception sent back, never a dead worker.

The time counts from the request's arrival, not from when a worker took it, and at most
`workers + queue` requests are admitted at once: the next is answered 503 at once rather than
left waiting. Inspection (`server.safety`) happens in the worker too, within the same time and
memory: the server's own threads never parse a client's text. Each worker caps the address space
a task may add to it (`memory_bytes`) and streams the serialized result into a buffer that stops the query as soon as
it passes `max_bytes` or `max_rows`, so no result is built whole before it is measured. Either limit is
answered 413 naming it, never a truncated result: a client must not take part of an answer for all of it.
"""
from __future__ import annotations

import multiprocessing
import resource
import sys
import threading
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import pebble
from pyoxigraph import (Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat,
                        Variable, parse_query_results, serialize)

from kg.store import StoreError, open_store, store_generation

from . import lifeline, safety

CONTEXT = "spawn"                     # no fork of a threaded server
STARTUP_SECONDS = 120                 # a fresh worker imports pyoxigraph, rdflib and kg first
INSPECTION_STACK = 512 * 1024 * 1024  # parsing is recursive descent: deep texts need a deep stack
RECURSION_LIMIT = 200_000


class QueryTimeout(Exception):
    """The query ran longer than the configured timeout, counted from its arrival, and was stopped."""


class Busy(Exception):
    """Every worker is busy and the queue is full: retry later."""


class QueryFailed(Exception):
    """The query could not run: `status` says whose fault (400 the query's, 503 the store's)."""

    def __init__(self, detail: str, status: int = 400):
        super().__init__(detail)
        self.detail, self.status = detail, status

    def __reduce__(self):             # rebuilt with both arguments on the server's side
        return type(self), (self.detail, self.status)


class ResultTooLarge(QueryFailed):
    """The serialized result is over the configured size or number of rows."""

    def __init__(self, detail: str, status: int = 413):
        super().__init__(detail, status)


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0
    max_bytes: int = 50_000_000       # serialized result
    max_rows: int = 100_000           # solutions of a SELECT, triples of a CONSTRUCT or DESCRIBE
    max_query_bytes: int = 100_000
    max_update_bytes: int = 1_000_000
    memory_bytes: int = 2_000_000_000  # address space a task may add to its worker; 0: no cap


@dataclass(frozen=True)
class QueryRequest:
    sparql: str
    media: dict                                  # {"results": format name, "graph": format name}
    bindings: tuple = ()                         # (name, kind, value, datatype, language)
    default_graphs: tuple[str, ...] = ()         # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()           # and named-graph-uri
    inspect: bool = True                         # a client's text; canned queries are our own
    base_iri: str | None = None                  # what relative IRIs resolve against: the endpoint


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


class _BoundedBuffer:
    """A binary sink for pyoxigraph's serializers that stops the serialization (and so the query's
    evaluation, which is lazy) once more than `limit` bytes were written."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit} bytes; narrow the query or add a LIMIT")
        self.parts.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        """Nothing buffered here beyond `parts`."""


def _too_many_rows(limit: int) -> ResultTooLarge:
    return ResultTooLarge(f"the result has more than {limit} rows; narrow the query or add a LIMIT")


class _CountedTsv(_BoundedBuffer):
    """TSV results as they are written, which stop past `rows` solutions: TSV is a header line, then
    one line per solution (oxigraph escapes the line breaks inside terms), so lines count rows."""

    def __init__(self, limit: int, rows: int):
        super().__init__(limit)
        self.rows, self.lines = rows, 0

    def write(self, chunk: bytes) -> int:
        self.lines += bytes(chunk).count(b"\n")
        if self.lines > self.rows + 1:
            raise _too_many_rows(self.rows)
        return super().write(chunk)


def _at_most(rows, limit: int):
    """The triples of a graph result, stopping the evaluation at the first one past `limit`."""
    for count, row in enumerate(rows, 1):
        if count > limit:
            raise _too_many_rows(limit)
        yield row


def _solutions_body(solutions: QuerySolutions, format_name: str, limits: Limits) -> bytes:
    """SELECT results within the limits. pyoxigraph's writers take solutions only whole, with no
    count, so they are first written as TSV, where rows are counted as they stream (which stops the
    evaluation at the first row over), then read back and written in the format asked for."""
    counted = _CountedTsv(limits.max_bytes, limits.max_rows)
    solutions.serialize(counted, format=QueryResultsFormat.TSV)
    if format_name == "TSV":
        return b"".join(counted.parts)
    sink = _BoundedBuffer(limits.max_bytes)
    parse_query_results(b"".join(counted.parts), format=QueryResultsFormat.TSV).serialize(
        sink, format=getattr(QueryResultsFormat, format_name))
    return b"".join(sink.parts)


# ---------------------------------------------------------------- inside a worker process

@dataclass
class _WorkerState:
    """What one worker process keeps between tasks: its settings, the thread with a deep stack
    that runs every task, and its read-only store handle with the store generation it saw."""
    store_path: str
    limits: Limits
    thread: ThreadPoolExecutor
    store: object = None
    generation: object = None

    def handle(self):
        generation = store_generation(self.store_path)
        if self.store is None or generation != self.generation:     # written by another process
            _lift_memory_cap()
            self.store = None                                       # the old handle's threads and caches go first
            self.store, self.generation = open_store(self.store_path, read_only=True), generation
            _cap_memory(self.limits.memory_bytes)
        return self.store


_state: _WorkerState | None = None   # set once by _start_worker, in the worker process only


def _address_space() -> int:
    """Bytes of address space this process has mapped now (Linux's /proc/self/statm)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _lift_memory_cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (resource.getrlimit(resource.RLIMIT_AS)[1],) * 2)


def _cap_memory(allowance: int) -> None:
    """Let a task map at most `allowance` bytes beyond what the worker has mapped now.

    The cap is counted over the worker as it stands (interpreter, the deep stack, the store's own
    threads and caches), not absolute: those reservations differ from machine to machine (glibc
    reserves an arena per thread, RocksDB starts threads by core count), and an absolute cap that
    they fill leaves the store no room to start a thread, which ends the process. Only the soft
    limit is set, so that reopening the store can lift it again."""
    if allowance:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        wanted = _address_space() + allowance
        resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _start_worker(store_path: str, limits: Limits) -> None:
    """pebble's initializer: runs once in each fresh worker process."""
    global _state                      # noqa: PLW0603 - per-process state of a worker, set once at its start
    lifeline.die_with_parent()         # busy with a runaway query, it would not notice the server go
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(INSPECTION_STACK)
    thread = ThreadPoolExecutor(1)
    thread.submit(int).result()        # the deep stack is mapped before the cap is counted
    _state = _WorkerState(store_path, limits, thread)
    _cap_memory(limits.memory_bytes)


def _in_worker(expires: float, function, *args):
    """Run a task in the deep-stack thread, unless its time (`expires`, wall clock) ran out while it
    waited in the queue: the server has answered it already, and it must not hold a worker."""
    if time.time() >= expires:
        raise QueryTimeout("the query's time ran out before a worker took it")
    try:
        return _state.thread.submit(_in_thread, function, *args).result()
    except MemoryError:
        raise QueryFailed(f"the query needs more than {_state.limits.memory_bytes} bytes of memory", 413) from None


def _answer(request: QueryRequest) -> QueryAnswer:
    default, named = request.default_graphs, request.named_graphs
    if request.inspect:
        try:
            own = safety.inspect_query(request.sparql, _state.limits.max_query_bytes, request.base_iri)
        except safety.Refused as err:
            raise QueryFailed(err.detail, err.status) from None
        if not default and not named:              # the protocol's dataset overrides the query's own
            default, named = own.default_graphs, own.named_graphs
    try:
        store = _state.handle()
        if default or named:
            try:
                safety.unknown_graphs(default + named, store.graphs())
            except safety.Refused as err:
                raise QueryFailed(err.detail, err.status) from None
        results = store.query(request.sparql, substitutions=_decode(request.bindings),
                              default_graphs=list(default), named_graphs=list(named), base_iri=request.base_iri)
        limits = _state.limits
        if isinstance(results, QuerySolutions):
            return QueryAnswer("results", _solutions_body(results, request.media["results"], limits))
        sink = _BoundedBuffer(limits.max_bytes)
        if isinstance(results, QueryBoolean):
            results.serialize(sink, format=getattr(QueryResultsFormat, request.media["results"]))
            return QueryAnswer("results", b"".join(sink.parts))
        serialize(_at_most(results, limits.max_rows), sink, format=getattr(RdfFormat, request.media["graph"]))
        return QueryAnswer("graph", b"".join(sink.parts))
    except (StoreError, OSError):                  # the reason names the store's location: not for the client
        raise QueryFailed("the store is not available now; retry in a moment", 503) from None
    except (ValueError, RuntimeError) as err:      # a bad IRI in a dataset; the engine's evaluation errors
        raise QueryFailed(str(err)) from None


def _check_update(text: str, using_graphs: tuple[str, ...], using_named_graphs: tuple[str, ...]) -> str | None:
    try:
        return safety.inspect_update(text, _state.limits.max_update_bytes, using_graphs, using_named_graphs)
    except safety.Refused as err:
        raise QueryFailed(err.detail, err.status) from None


def _in_thread(function, *args):
    """`function(*args)`, raising its error without the frames it passed through: those hold
    pyoxigraph's results, which may be dropped only on the thread that made them (elsewhere pyo3
    leaks them, with the store's iterator, and prints an error), and the error is re-raised on
    the worker's main thread."""
    try:
        return function(*args)
    except Exception as err:
        err.__traceback__ = err.__context__ = err.__cause__ = None
        raise err


def answer(expires: float, request: QueryRequest) -> QueryAnswer:
    """The task a worker runs for a query: inspect, evaluate, serialize within the limits."""
    return _in_worker(expires, _answer, request)


def check_update(expires: float, text: str, using_graphs: tuple[str, ...] = (),
                 using_named_graphs: tuple[str, ...] = ()) -> str | None:
    """The task a worker runs to inspect an update before the server applies it: the update to
    apply (with the protocol's dataset written in), None when nothing is left to apply."""
    return _in_worker(expires, _check_update, text, using_graphs, using_named_graphs)


def _ready() -> bool:
    return _state is not None


# ---------------------------------------------------------------- in the server

class QueryRunner:
    """The pool, admission and the arrival-based timeout. pebble replaces a worker that dies while
    another is busy, but gives the whole pool up when the one that died had no task (a worker
    killed while idle); the runner then starts a fresh pool, and the request that found the old
    one broken (which never ran) is scheduled again on it.

    Pools are started from the runner's own thread, never a request's: on Linux a worker is killed
    when the thread that started it ends (`server.lifeline`), and a request's thread may end first
    (a development server's thread per request)."""

    def __init__(self, store_path: str, workers: int = 2, limits: Limits = Limits(), queue: int = 16):
        self.store_path, self.workers, self.limits = store_path, workers, limits
        self._admitted = threading.BoundedSemaphore(workers + queue)
        self._lock = threading.Lock()
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="kg-pool-starter")
        self._pool, ready = self._start_pool()
        # Wait until the workers can take queries, so that start-up is not taken out of the first one's time.
        for future in ready:
            future.result(timeout=STARTUP_SECONDS)
        self.ready_at = time.monotonic()      # a request that arrived while the pool started counts from here

    def _start_pool(self) -> tuple[pebble.ProcessPool, list]:
        """A fresh pool with its workers started, from the runner's own thread, and the futures that
        say when each worker can take a task."""
        return self._starter.submit(self._new_pool).result()

    def _new_pool(self) -> tuple[pebble.ProcessPool, list]:
        pool = pebble.ProcessPool(max_workers=self.workers, initializer=_start_worker,
                                  initargs=(self.store_path, self.limits), context=multiprocessing.get_context(CONTEXT))
        return pool, [pool.schedule(_ready) for _ in range(self.workers)]   # the first schedule starts the workers

    def _live_pool(self, broken: pebble.ProcessPool | None = None) -> pebble.ProcessPool:
        with self._lock:
            if self._pool is broken or not self._pool.active:
                self._pool.stop()
                self._pool, _ = self._start_pool()
            return self._pool

    def _run(self, arrived: float, function, *args):
        if not self._admitted.acquire(blocking=False):
            raise Busy("every query worker is busy and the queue is full; retry in a moment")
        arrived = max(arrived, self.ready_at)
        try:
            pool = self._live_pool()
            for attempt in (1, 2):
                remaining = self.limits.timeout - (time.monotonic() - arrived)
                try:
                    future = pool.schedule(function, args=(time.time() + remaining, *args),
                                           timeout=max(remaining, 0.001))
                    return future.result(timeout=max(remaining, 0))
                except (FutureTimeout, CancelledError):
                    # A running task is cancelled: pebble kills its worker and starts another. A task
                    # still queued is left alone (cancelled, pebble would kill the worker that takes
                    # it up, a fresh one included); the worker drops it as expired.
                    if future.running():
                        future.cancel()
                    raise QueryTimeout(f"the query ran longer than {self.limits.timeout:g} s and was stopped") from None
                except pebble.ProcessExpired as err:
                    raise QueryFailed(f"the query's worker process ended ({err}); it has been replaced", 503) from None
                except BrokenProcessPool:
                    pass
                except RuntimeError:
                    if pool.active:                 # the task's own error, not pebble's "error within the Pool"
                        raise
                if attempt == 2:
                    raise QueryFailed("the query workers could not be started", 503)
                pool = self._live_pool(broken=pool)
        finally:
            self._admitted.release()

    def run(self, request: QueryRequest, arrived: float | None = None) -> QueryAnswer:
        return self._run(time.monotonic() if arrived is None else arrived, answer, request)

    def check_update(self, text: str, arrived: float | None = None, using_graphs: tuple[str, ...] = (),
                     using_named_graphs: tuple[str, ...] = ()) -> str | None:
        return self._run(time.monotonic() if arrived is None else arrived, check_update, text, using_graphs,
                         using_named_graphs)

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()
        self._starter.shutdown()
