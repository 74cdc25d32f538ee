"""Corpus -> store: read, extract, write one named graph per document, load the ontology."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, parse

from .documents import read_corpus
from .ontology import ONTOLOGY_DIR, SHAPES_FILE, Ontology
from .pipeline import Pipeline
from .rdf import DEFAULT_BASE_IRI, GraphWriter
from .store import RDF_FORMATS, OxigraphStore
from .vocab import ONTOLOGY_GRAPH


@dataclass
class BuildReport:
    documents: int = 0
    statements: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.documents} documents, {self.statements} statements, {self.triples} triples "
                 f"in {self.seconds:.1f} s"]
        lines += [f"skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


def load_ontology(store: OxigraphStore, ontology_dir: Path = ONTOLOGY_DIR) -> None:
    """The ontology files (T-box, reference individuals, stance scheme) into one named graph."""
    graph = NamedNode(ONTOLOGY_GRAPH)
    quads = [Quad(t.subject, t.predicate, t.object, graph)
             for path in sorted(Path(ontology_dir).iterdir())
             if path.suffix.lower() in RDF_FORMATS and path.name != SHAPES_FILE
             for t in parse(path=str(path), format=RDF_FORMATS[path.suffix.lower()])]
    store.replace_graph(ONTOLOGY_GRAPH, quads)


def build(corpus: Path, store: OxigraphStore, *, ontology_dir: Path = ONTOLOGY_DIR,
          base_iri: str = DEFAULT_BASE_IRI, workers: int = 1,
          progress: Callable[[Iterable, int], Iterable] = lambda it, total: it) -> BuildReport:
    started = time.perf_counter()
    ontology = Ontology.load(ontology_dir)
    documents, skipped = read_corpus(corpus)
    report = BuildReport(skipped=skipped)
    load_ontology(store, ontology_dir)
    writer = GraphWriter(ontology, base_iri)
    pipeline = Pipeline(ontology)
    for extraction in progress(pipeline.extract_all(documents, n_process=workers), len(documents)):
        store.replace_graph(writer.graph_iri(extraction.document.slug).value, writer.quads(extraction))
        report.documents += 1
        report.statements += len(extraction.statements)
    store.flush()
    report.triples = len(store)
    report.seconds = time.perf_counter() - started
    return report

