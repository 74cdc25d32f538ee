"""Articles -> store: extract, write one named graph per document, keep the ontology and the
inference graph in step.

`build` makes the store hold exactly a corpus; `add` and `remove` change single documents
without touching the others. Each document graph is replaced in one step, so a reader never
sees half a document, and documents share entities by IRI (minted IRIs depend only on names),
so an actor named in two articles stays one node however the articles come and go.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Triple, parse

from .documents import Document, UnreadableDocument, read_corpus, read_document
from .inference import materialize, update
from .ontology import ONTOLOGY_DIR, SHAPES_FILE, Ontology
from .pipeline import Pipeline
from .rdf import DEFAULT_BASE_IRI, GraphWriter
from .store import RDF_FORMATS, GraphStore, StoreError
from .vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, WS

Progress = Callable[[Iterable, int], Iterable]

DOCUMENT_GRAPHS = f"""SELECT DISTINCT ?graph ?source WHERE {{
  GRAPH ?graph {{ ?document a <{WS.Document}> ; <{WS.sourceFile}> ?source }}
}}"""


@dataclass
class BuildReport:
    documents: int = 0
    statements: int = 0
    removed: int = 0
    inferred: int | None = None
    inference_seconds: float = 0.0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    read: list[dict] = field(default_factory=list)      # per document read: its reader, fields and their sources

    def summary(self) -> str:
        parts = [f"{self.documents} documents", f"{self.statements} statements"]
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.inferred is not None:
            parts.append(f"{self.inferred} inferred")
        lines = [", ".join(parts) + f", {self.triples} triples in {self.seconds:.1f} s"]
        lines += [f"skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report `kg build --report FILE.json` writes: counts, each document read with the
        metadata fields found and where from, and each file skipped with the reason."""
        counts = {name: getattr(self, name) for name in ("documents", "statements", "removed", "inferred", "triples")}
        return json.dumps({**counts, "seconds": round(self.seconds, 2), "read": self.read,
                           "skipped": [{"file": name, "reason": reason} for name, reason in self.skipped]},
                          indent=2, ensure_ascii=False)


@dataclass
class Builder:
    """One ontology, one pipeline, one store: the shared set-up of build, add and remove."""

    store: GraphStore
    ontology_dir: Path = ONTOLOGY_DIR
    base_iri: str = DEFAULT_BASE_IRI
    workers: int = 1
    infer: bool = True
    progress: Progress = lambda items, total: items
    incremental: bool = False       # add/remove: update the inference graph for the changed documents only

    def __post_init__(self):
        self.started = time.perf_counter()
        self.ontology = Ontology.load(self.ontology_dir)
        self.report = BuildReport()
        self.changed: dict[str, tuple[list[Triple], list[Triple]]] = {}    # graph: (before, now)
        self.ontology_changed = False

    def load_ontology(self) -> None:
        """The ontology files (T-box, reference individuals, stance scheme) into one named graph;
        rewritten only when they changed."""
        triples = [quad.triple for path in sorted(Path(self.ontology_dir).iterdir())
                   if path.suffix.lower() in RDF_FORMATS and path.name != SHAPES_FILE
                   for quad in parse(path=str(path), format=RDF_FORMATS[path.suffix.lower()])]
        self.ontology_changed = self.store.replace_graph_if_changed(ONTOLOGY_GRAPH, triples)

    def _replace(self, graph: str, triples: list[Triple]) -> None:
        if self.incremental:
            before = self.changed[graph][0] if graph in self.changed else self.store.triples(graph)
            self.changed[graph] = (before, triples)
        if triples:
            self.store.replace_graph(graph, triples)
        else:
            self.store.drop_graph(graph)

    def ingest(self, documents: list[Document]) -> None:
        writer = GraphWriter(self.ontology, self.base_iri)
        pipeline = Pipeline(self.ontology)
        for extraction in self.progress(pipeline.extract_all(documents, n_process=self.workers), len(documents)):
            graph = writer.graph_iri(extraction.document.slug).value
            self._replace(graph, [quad.triple for quad in writer.quads(extraction)])
            self.report.documents += 1
            self.report.statements += len(extraction.statements)

    def document_graphs(self) -> dict[str, list[str]]:
        """{source file name: the graphs built from it}."""
        graphs: dict[str, list[str]] = {}
        for row in self.store.query(DOCUMENT_GRAPHS):
            graphs.setdefault(row["source"].value, []).append(row["graph"].value)
        return graphs

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self._replace(graph, [])
            self.report.removed += 1

    def finish(self) -> BuildReport:
        started = time.perf_counter()
        if not self.infer:
            self.store.drop_graph(INFERENCE_GRAPH)      # stale now: the next run with inference rebuilds it
        elif self.incremental and not self.ontology_changed and INFERENCE_GRAPH in self.store.graphs():
            self.report.inferred = update(self.store, self.changed)
        else:
            self.report.inferred = materialize(self.store)
        self.report.inference_seconds = time.perf_counter() - started
        self.store.flush()
        self.store.check_union_default_graph(ONTOLOGY_GRAPH)
        self.report.triples = len(self.store)
        self.report.seconds = time.perf_counter() - self.started
        return self.report


def build(corpus: Path, store: GraphStore, **options) -> BuildReport:
    """Make the store hold exactly the articles under `corpus`: their graphs are written and the
    graphs of documents no longer in it (say, ones `add` brought in) are dropped."""
    builder = Builder(store, **options)
    documents, builder.report.skipped = read_corpus(corpus)
    builder.report.read = [document.report() for document in documents]
    builder.load_ontology()
    builder.ingest(documents)
    corpus_sources = {d.source for d in documents}
    builder.drop_graphs(graph for source, graphs in builder.document_graphs().items()
                        if source not in corpus_sources for graph in graphs)
    return builder.finish()


def document_sources(store: GraphStore) -> set[str]:
    """The file names of the documents the store holds."""
    return {row["source"].value for row in store.query(DOCUMENT_GRAPHS)}


def add(paths: Iterable[Path], store: GraphStore, **options) -> BuildReport:
    """Extract `paths` into the store next to what it holds; a file added again replaces its graph."""
    builder = Builder(store, incremental=True, **options)
    documents = []
    for path in paths:
        try:
            documents.append(read_document(Path(path)))
        except UnreadableDocument as err:
            builder.report.skipped.append((Path(path).name, str(err)))
    builder.report.read = [document.report() for document in documents]
    builder.load_ontology()
    builder.ingest(documents)
    return builder.finish()


def remove(names: Iterable[str], store: GraphStore, **options) -> BuildReport:
    """Drop the graphs built from these files (a path or a bare file name; the file may be gone)."""
    builder = Builder(store, incremental=True, **options)
    sources = {Path(name).name for name in names}
    built = builder.document_graphs()
    unknown = sorted(sources - set(built))
    if unknown:
        raise StoreError(f"no document built from {', '.join(unknown)} in this store")
    builder.drop_graphs(graph for source in sources for graph in built[source])
    return builder.finish()
