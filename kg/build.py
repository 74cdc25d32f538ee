"""Articles -> store: extract, write one named graph per document, keep the ontology and the
inference graph in step.

`build` makes the store hold the corpus: its articles' graphs are written, graphs of corpus files
that are gone are dropped, and documents `add` brought in from elsewhere are kept (and listed)
unless `prune` is asked. `add` and `remove` change single documents without touching the
others. Each document graph is replaced in one step, so a reader (or a crash) never leaves half
a document, and documents share entities by IRI (minted IRIs depend only on names), so an actor
named in two articles stays one node however the articles come and go.

A run marks the inference graph stale before its first write and clears the mark once the
inference graph is right again: a run killed on the way leaves every document whole, old or new,
and the next run, seeing the mark, recomputes the inference graph in full.

A store written before identifiers were stable (graphs named by file stem, statements numbered
by position, no `ws:addedWith`) is migrated by the next build: each such graph is replaced by the
new graph of the corpus file of its name, and one whose file is not in the corpus is kept as an
added document with its IRIs rewritten to the new scheme.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pyoxigraph import Literal, NamedNode, Triple, parse

from .documents import Document, UnreadableDocument, read_corpus, read_document, source_name
from .executors import extract
from .fingerprint import extractor_digest, fingerprint, ontology_digest
from .inference import Pending, Reasoner, forget_asserted, forget_document, forget_nodes, inferred_count
from .nlp import MODEL
from .ontology import ONTOLOGY_DIR, SHAPES_FILE, Ontology
from .rdf import DEFAULT_BASE_IRI, GraphWriter
from .shared import forget_unnamed
from .store import RDF_FORMATS, GraphStore, StoreError
from .vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, RDFS, SHARED_GRAPH, WS

Progress = Callable[[Iterable, int], Iterable]

BUILT, ADDED = "kg build", "kg add"
DOCUMENT_GRAPHS = f"""SELECT DISTINCT ?graph ?source ?added ?fingerprint WHERE {{
  GRAPH ?graph {{ ?document a <{WS.Document}> ; <{WS.sourceFile}> ?source
                  OPTIONAL {{ ?document <{WS.addedWith}> ?added }}
                  OPTIONAL {{ ?document <{WS.fingerprint}> ?fingerprint }} }}
}}"""
# The statements of the graphs a run kept as they were, for its report.
KEPT_STATEMENTS = f"""SELECT (COUNT(?statement) AS ?n) WHERE {{
  VALUES ?graph {{ %s }} GRAPH ?graph {{ ?statement a <{WS.Statement}> }}
}}"""
# While a run writes, this graph says the inference graph may be stale (see the module's docstring).
RUN_GRAPH = "https://w3id.org/whosaid/graph/run"
STALE = Triple(NamedNode(INFERENCE_GRAPH), NamedNode(str(RDFS.comment)),
               Literal("stale: a kg build, add or remove is writing, or was stopped before it finished"))


@dataclass(frozen=True)
class Held:
    """A document graph the store holds: its source file, the command that added it (None in a
    store written before identifiers were stable) and what it was made from (`kg.fingerprint`;
    None before fingerprints were written)."""

    graph: str
    source: str
    added_with: str | None
    fingerprint: str | None = None

    @property
    def name(self) -> str:
        return PurePosixPath(self.source).name


@dataclass
class BuildReport:
    documents: int = 0
    statements: int = 0
    unchanged: int = 0                                  # of the documents, those kept as they were, not extracted
    removed: int = 0
    migrated: int = 0                                   # graphs of an older store moved to stable IRIs
    kept: list[str] = field(default_factory=list)       # documents not in the corpus that a build kept
    inferred: int | None = None
    inference_seconds: float = 0.0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    read: list[dict] = field(default_factory=list)      # per document read: its reader, fields and their sources

    def summary(self) -> str:
        parts = [f"{self.documents} documents" + (f" ({self.unchanged} unchanged, not extracted again)"
                                                  if self.unchanged else ""), f"{self.statements} statements"]
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.migrated:
            parts.append(f"{self.migrated} migrated to stable identifiers")
        if self.inferred is not None:
            parts.append(f"{self.inferred} inferred")
        lines = [", ".join(parts) + f", {self.triples} triples in {self.seconds:.1f} s"]
        if self.kept:
            lines.append(f"kept {len(self.kept)} documents this build did not read (added with kg add, or "
                         f"skipped now): {', '.join(self.kept)}; kg build --prune drops them")
        lines += [f"skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report `kg build --report FILE.json` writes: counts, each document read with the
        metadata fields found and where from, and each file skipped with the reason."""
        counts = {name: getattr(self, name)
                  for name in ("documents", "unchanged", "statements", "removed", "migrated", "kept", "inferred",
                               "triples")}
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
    executor: str = "local"         # where extraction runs (`kg.executors`): here, or on a Dask cluster
    scheduler: str | None = None    # the Dask scheduler's address; None: a local cluster of `workers`
    infer: bool = True
    progress: Progress = lambda items, total: items
    incremental: bool = False       # add/remove: look only at the shared nodes the changed documents named
    force: bool = False             # extract every document, even one whose graph is made from the same

    def __post_init__(self):
        self.started = time.perf_counter()
        self.ontology = Ontology.load(self.ontology_dir)
        self.writer = GraphWriter(self.ontology, self.base_iri)
        self.report = BuildReport()
        self.named_before: set = set()      # shared nodes the documents changed by this run named before
        self.written: set[str] = set()      # document graphs written by this run
        self.ontology_changed = False
        self.interrupted = False
        self.pending: Pending | None = None      # document graphs written, to reason over
        self.recompute = False              # the inference graph is rebuilt from every document graph
        self.inference_seconds = 0.0
        self.ontology_digest: str | None = None     # of the ontology loaded, for the documents' fingerprints

    def begin(self) -> None:
        """Mark the inference graph stale before the first write; a mark left by a run that was
        stopped makes this one recompute the graph in full."""
        self.interrupted = RUN_GRAPH in self.store.graphs()
        self.store.replace_graph(RUN_GRAPH, [STALE])       # committed before any document is written

    def load_ontology(self) -> None:
        """The ontology files (T-box, reference individuals, stance scheme) into one named graph;
        rewritten only when they changed."""
        triples = [quad.triple for path in sorted(Path(self.ontology_dir).iterdir())
                   if path.suffix.lower() in RDF_FORMATS and path.name != SHAPES_FILE
                   for quad in parse(path=str(path), format=RDF_FORMATS[path.suffix.lower()])]
        self.ontology_changed = self.store.replace_graph_if_changed(ONTOLOGY_GRAPH, triples)
        self.ontology_digest = ontology_digest(triples)

    def prepare_inference(self) -> None:
        """Reason over the ontology once. The inference graph is recomputed, from the ontology
        alone and then document by document, when it is missing, the ontology changed, or a run
        was stopped; else it is kept and changed with the documents."""
        if not self.infer:
            return
        started = time.perf_counter()
        reasoner = Reasoner(self.store.triples(ONTOLOGY_GRAPH))
        self.pending = Pending(self.store, reasoner)
        self.recompute = self.ontology_changed or self.interrupted or INFERENCE_GRAPH not in self.store.graphs()
        if self.recompute:
            self.store.replace_graph(INFERENCE_GRAPH, sorted(reasoner.entailed, key=str))
        self.inference_seconds += time.perf_counter() - started

    def _replace(self, graph: str, triples: list[Triple]) -> None:
        if self.incremental:
            self.named_before |= {t.object for t in self.store.triples(graph) if self.writer.is_shared(t.object)}
        if self.pending and not self.recompute:
            self._timed(forget_document, self.store, graph)
        if triples:
            self.store.replace_graph(graph, triples)
            self.written.add(graph)
            if self.pending:
                self._timed(self.pending.add, triples)
        else:
            self.store.drop_graph(graph)

    def _timed(self, step, *args) -> None:
        started = time.perf_counter()
        step(*args)
        self.inference_seconds += time.perf_counter() - started

    def _write(self, graph: str, own: list[Triple], shared: list[Triple]) -> None:
        """A document's graph, after the facts it gives about shared nodes: no document names a
        node the shared graph does not describe."""
        if shared:
            self.store.add_triples(SHARED_GRAPH, shared)
        self._replace(graph, own)

    def held(self) -> list[Held]:
        """The document graphs the store holds."""
        return [Held(row["graph"].value, row["source"].value, row["added"].value if row["added"] else None,
                     row["fingerprint"].value if row["fingerprint"] else None)
                for row in self.store.query(DOCUMENT_GRAPHS)]

    def ingest(self, documents: list[Document], added_with: str) -> list[str]:
        """Extract and write `documents`, less those whose graph the store holds made from the
        same (`kg.fingerprint`), which are kept as they are; a graph the store holds for the same
        file under other IRIs (an older store's) is dropped right after the new one is written, so
        a crash between the two leaves a duplicate that the next run drops. The graphs the store
        now holds for `documents`."""
        held = self.held()
        graph_of = {document.source: self.writer.graph_iri(document.source).value for document in documents}
        made_from = {document.source: fingerprint(
            document, extractor=extractor_digest(MODEL), ontology=self.ontology_digest, base_iri=self.base_iri,
            added_with=added_with) for document in documents}
        unchanged = set() if self.force else {
            h.graph for h in held if h.fingerprint is not None and h.fingerprint == made_from.get(h.source)
            and h.graph == graph_of.get(h.source)}
        changed = [d for d in documents if graph_of[d.source] not in unchanged]
        if unchanged:
            rows = self.store.query(KEPT_STATEMENTS % " ".join(f"<{graph}>" for graph in sorted(unchanged)))
            self.report.statements += int(next(iter(rows))["n"].value)
            self.report.documents += len(unchanged)
            self.report.unchanged += len(unchanged)
        written = sorted(unchanged)
        extractions = extract(changed, self.ontology, self.executor, self.workers, self.scheduler) if changed else []
        for extraction in self.progress(extractions, len(changed)):
            source = extraction.document.source
            graph = graph_of[source]
            own, shared = self.writer.triples(extraction, added_with)
            document = self.writer.document_iri(source)
            own.append(Triple(document, NamedNode(str(WS.fingerprint)), Literal(made_from[source])))
            self._write(graph, own, shared)
            written.append(graph)
            self._drop_superseded(held, graph, source)
            self.report.documents += 1
            self.report.statements += len(extraction.statements)
        for source, graph in sorted(graph_of.items(), key=lambda item: item[1]):
            if graph in unchanged:
                self._drop_superseded(held, graph, source)
        return written

    def _drop_superseded(self, held: list[Held], graph: str, source: str) -> None:
        """Drop the graphs `held` has for the file of `graph` under other IRIs (an older store's)."""
        superseded = [old for old in held if old.graph != graph and (
            old.source == source or (old.added_with is None and old.name == PurePosixPath(source).name))]
        for old in superseded:
            self._replace(old.graph, [])
            self.report.migrated += old.added_with is None
            held.remove(old)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self._replace(graph, [])
            self.report.removed += 1

    def migrate(self, old: Held) -> None:
        """Move a graph of an older store to stable identifiers, as a document added with kg add."""
        graph, triples = self.writer.migrated(self.store.triples(old.graph), ADDED)
        self._write(graph, *self.writer.split(triples))
        self._replace(old.graph, [])
        self.report.migrated += 1

    def finish(self) -> BuildReport:
        dropped = forget_unnamed(self.store, self.named_before if self.incremental and not self.interrupted else None)
        if not self.pending:
            self.store.drop_graph(INFERENCE_GRAPH)      # stale now: the next run with inference rebuilds it
        else:
            if self.recompute:                          # the documents this run did not write
                for held in self.held():
                    if held.graph not in self.written:
                        self._timed(self.pending.add, self.store.triples(held.graph))
            self._timed(self.pending.flush)
            self._timed(forget_nodes, self.store, {t.subject for t in dropped})
            self._timed(forget_asserted, self.store)
            self.report.inferred = inferred_count(self.store)
        self.report.inference_seconds = self.inference_seconds
        self.store.drop_graph(RUN_GRAPH)
        self.store.flush()
        self.store.check_union_default_graph(ONTOLOGY_GRAPH)
        self.report.triples = len(self.store)
        self.report.seconds = time.perf_counter() - self.started
        return self.report


def build(corpus: Path, store: GraphStore, prune: bool = False, **options) -> BuildReport:
    """Make the store hold the articles under `corpus`: their graphs are written and the graphs
    of corpus files no longer there dropped. Documents `add` brought in from elsewhere are kept
    and listed in the report, or dropped too with `prune`."""
    builder = Builder(store, **options)
    documents, builder.report.skipped = read_corpus(corpus)
    builder.report.read = [document.report() for document in documents]
    builder.begin()
    builder.load_ontology()
    builder.prepare_inference()
    written = set(builder.ingest(documents, BUILT))
    held = [h for h in builder.held() if h.graph not in written]
    skipped = {name for name, _ in builder.report.skipped}
    for old in held:
        if old.source in skipped and not prune:      # unreadable now: what it gave before is not lost
            builder.report.kept.append(old.source)
        elif old.added_with == BUILT or prune:
            builder.drop_graphs([old.graph])
        elif old.added_with is None:
            builder.migrate(old)
            builder.report.kept.append(old.name)
        else:
            builder.report.kept.append(old.source)
    return builder.finish()


def document_sources(store: GraphStore) -> set[str]:
    """The source names of the documents the store holds."""
    return {row["source"].value for row in store.query(DOCUMENT_GRAPHS)}


def add(paths: Iterable[Path], store: GraphStore, corpus: Path | None = None, **options) -> BuildReport:
    """Extract `paths` into the store next to what it holds; a file added again replaces its graph.
    A file under `corpus` is named by its path there, as `build` names it; any other by its name."""
    builder = Builder(store, incremental=True, **options)
    documents, named = [], {}
    for path in map(Path, paths):
        source = source_name(path, corpus)
        if source in named:
            builder.report.skipped.append((str(path), f"named {source} in the store, as {named[source]} is: "
                                                       "put files of one name under the corpus folder to keep both"))
            continue
        try:
            documents.append(read_document(path, source))
            named[source] = str(path)
        except UnreadableDocument as err:
            builder.report.skipped.append((source, str(err)))
    builder.report.read = [document.report() for document in documents]
    builder.begin()
    builder.load_ontology()
    builder.prepare_inference()
    builder.ingest(documents, ADDED)
    return builder.finish()


def remove(names: Iterable[str], store: GraphStore, corpus: Path | None = None, **options) -> BuildReport:
    """Drop the graphs built from these files: a path (under `corpus`, or the name it was added
    by) or a bare file name when one document has it; the file itself may be gone."""
    builder = Builder(store, incremental=True, **options)
    held = builder.held()
    graphs, unknown = [], []
    for name in names:
        source = source_name(Path(name), corpus)
        matches = [h for h in held if h.source == source] or [h for h in held if h.name == Path(name).name]
        if len({h.source for h in matches}) > 1:
            raise StoreError(f"{name} names {len(matches)} documents ({', '.join(sorted(h.source for h in matches))}): "
                             "give its path under the corpus folder")
        if not matches:
            unknown.append(name)
        graphs += [h.graph for h in matches if h.graph not in graphs]
    if unknown:
        raise StoreError(f"no document built from {', '.join(sorted(unknown))} in this store")
    builder.begin()
    builder.prepare_inference()
    builder.drop_graphs(graphs)
    return builder.finish()
