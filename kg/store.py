"""Where the graph lives. `open_store` gives the embedded Oxigraph store for a directory.

The interface is small on purpose (replace a graph, query, count) so that a remote SPARQL 1.1
backend can stand beside it.
"""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

RDF_FORMATS = {".ttl": RdfFormat.TURTLE, ".owl": RdfFormat.RDF_XML, ".rdf": RdfFormat.RDF_XML,
               ".nt": RdfFormat.N_TRIPLES, ".jsonld": RdfFormat.JSON_LD}


class StoreError(Exception):
    """The store cannot be opened or used; the message says why."""


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
            raise StoreError(f"cannot open the store at {path}: {err}") from err

    def replace_graph(self, graph: str, quads: list[Quad]) -> None:
        """Drop `graph` and write `quads` into it in one transaction."""
        name = NamedNode(graph)
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        self._store.bulk_extend(quads)

    def query(self, sparql: str, substitutions: dict | None = None, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None):
        """Run a SPARQL query; raises SyntaxError on a bad query. The default graph is the union of
        all graphs unless `default_graphs` names some (the protocol's default-graph-uri)."""
        options = {"substitutions": substitutions}
        if default_graphs:
            options["default_graph"] = [NamedNode(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **options)

    def quads(self, graph) -> list[Quad]:
        """Every quad of one graph (a NamedNode, or DefaultGraph)."""
        return list(self._store.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()
        self._store.optimize()


def open_store(location: str | Path, read_only: bool = False) -> OxigraphStore:
    text = str(location)
    if text.startswith(("http://", "https://")):
        raise StoreError(f"{text}: remote SPARQL stores are not supported yet; use a directory")
    return OxigraphStore(Path(text), read_only=read_only)

