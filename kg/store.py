"""Where the graph lives: one small interface, two backends.

`open_store` gives the embedded Oxigraph store for a directory (the default: nothing to install)
and a `RemoteStore` for the URL of a SPARQL 1.1 server (Apache Jena Fuseki, GraphDB, Virtuoso,
Neptune) once a corpus outgrows one machine. Every other module talks to the `GraphStore`
interface only, and gets pyoxigraph terms and results back from both, so that the queries, the
server and the tests run unchanged on either.

Graphs are named by IRI strings; `None` names the default graph where a method accepts it.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, serialize

RDF_FORMATS = {".ttl": RdfFormat.TURTLE, ".owl": RdfFormat.RDF_XML, ".rdf": RdfFormat.RDF_XML,
               ".nt": RdfFormat.N_TRIPLES, ".jsonld": RdfFormat.JSON_LD}


#: Jena's name for a store's own default graph. In a dataset (`FROM`, the protocol's
#: `default-graph-uri`) it names that graph here as it does in Fuseki, so a client can ask for the
#: plain dataset instead of the union of the named graphs that queries get by default.
STORE_DEFAULT_GRAPH = "urn:x-arq:DefaultGraph"


class StoreError(Exception):
    """The store cannot be opened or used; the message says why."""


class GraphStore(Protocol):
    """What the build, the queries and the server need from a store."""

    def query(self, sparql: str, substitutions: dict | None = None, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        """SELECT and ASK give pyoxigraph `QuerySolutions` / `QueryBoolean`, CONSTRUCT and DESCRIBE
        an iterable of `Triple`. The default graph is the union of the named graphs unless
        `default_graphs` names some (`STORE_DEFAULT_GRAPH` for the store's own default graph).
        Relative IRIs resolve against `base_iri` (a text's own BASE wins). A malformed query
        raises SyntaxError."""

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Apply a SPARQL 1.1 Update in one transaction; a malformed one raises SyntaxError."""

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Make `graph` hold exactly `triples`, atomically: readers see the old graph or the new."""

    def replace_graph_if_changed(self, graph: str, triples: list[Triple]) -> bool:
        """`replace_graph` unless the graph holds these triples already, as this store keeps them;
        whether it replaced."""

    def add_triples(self, graph: str | None, triples: Iterable[Triple]) -> None: ...

    def drop_graph(self, graph: str | None) -> None:
        """Remove a named graph (no error if absent), or empty the default graph."""

    def triples(self, graph: str | None) -> list[Triple]: ...

    def graphs(self) -> list[str]: ...

    def __len__(self) -> int:
        """The number of quads stored."""

    def flush(self) -> None: ...

    def check_union_default_graph(self, graph: str) -> None:
        """Raise StoreError unless named graph `graph` shows in the default graph, as the canned
        queries expect."""


def _graph_term(graph: str | None) -> NamedNode | DefaultGraph:
    return DefaultGraph() if graph is None else NamedNode(graph)


def _dataset_graph(graph: str) -> NamedNode | DefaultGraph:
    """A graph named in a query's dataset, the store's own default graph by its Jena name."""
    return DefaultGraph() if graph == STORE_DEFAULT_GRAPH else NamedNode(graph)


def insert_data(graph: str, triples: Iterable[Triple]) -> str:
    """The SPARQL Update that puts `triples` into `graph` (N-Triples is valid SPARQL triple syntax)."""
    body = serialize(list(triples), format=RdfFormat.N_TRIPLES).decode("utf-8")
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}"


class OxigraphStore:
    """The embedded default: an on-disk Oxigraph store, queried directly (no rdflib layer)."""

    def __init__(self, path: Path | None, read_only: bool = False):
        self.path = path
        try:
            if path is None:
                self._store = Store()
            elif read_only:
                self._store = Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = Store(str(path))
        except OSError as err:
            if "lock" in str(err).lower():      # RocksDB's LOCK file: one writing process at a time
                raise StoreError(f"store busy: another process is writing to {path} (a kg build, add or "
                                 "remove); retry when it has finished") from err
            raise StoreError(f"cannot open the store at {path}: {err}") from err

    def query(self, sparql: str, substitutions: dict | None = None, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        options = {"substitutions": substitutions, "base_iri": base_iri}
        if default_graphs:
            options["default_graph"] = [_dataset_graph(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **options)

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        self._store.update(sparql, base_iri=base_iri)

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        # One update is one transaction in Oxigraph, so the drop and the insert land together.
        self._store.update(f"DROP SILENT GRAPH <{graph}> ;\n" + insert_data(graph, triples))

    def replace_graph_if_changed(self, graph: str, triples: list[Triple]) -> bool:
        # Oxigraph keeps some literals in another form (xsd:dateTimeStamp as xsd:dateTime): compare
        # with what it would keep.
        scratch = Store()
        scratch.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
        if {q.triple for q in scratch} == set(self.triples(graph)):
            return False
        self.replace_graph(graph, triples)
        return True

    def add_triples(self, graph: str | None, triples: Iterable[Triple]) -> None:
        target = _graph_term(graph)
        self._store.extend(Quad(t.subject, t.predicate, t.object, target) for t in triples)

    def drop_graph(self, graph: str | None) -> None:
        target = _graph_term(graph)
        if isinstance(target, DefaultGraph):
            self._store.clear_graph(target)
        elif self._store.contains_named_graph(target):
            self._store.remove_graph(target)

    def triples(self, graph: str | None) -> list[Triple]:
        return [q.triple for q in self._store.quads_for_pattern(None, None, None, _graph_term(graph))]

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()
        self._store.optimize()

    def check_union_default_graph(self, graph: str) -> None:
        """Always true here: every query is run with the union of the named graphs as default."""


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def store_generation(location: str | Path) -> int | None:
    """A number that changes whenever a process commits a write to the embedded store at
    `location`: every flush adds or removes files in its directory, which moves the directory's
    modification time. None for a server, whose answers are always current."""
    if is_remote(location):
        return None
    try:
        return Path(location).stat().st_mtime_ns
    except OSError:
        return None


def open_store(location: str | Path, read_only: bool = False) -> GraphStore:
    """The store at `location`: a directory (embedded Oxigraph) or the URL of a SPARQL server's
    dataset, e.g. http://localhost:3030/kg for Fuseki (see `kg.remote`)."""
    if is_remote(location):
        from .remote import RemoteStore
        return RemoteStore.from_env(str(location), read_only=read_only)
    return OxigraphStore(Path(location), read_only=read_only)
