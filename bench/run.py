"""Benchmarks: extraction throughput (words/s, one worker and several) and canned-query latency.

    python bench/run.py [--copies 20] [--workers 2] [--store data/store] [--scale 300]

Extraction runs on the seed corpus copied `--copies` times (file names differ, texts do not).
Query latency is measured on the seed graph and on a graph with its documents repeated
`--scale` times. Numbers are printed, and written to bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from kg import queries
from kg.build import build
from kg.documents import read_corpus
from pyoxigraph import NamedNode, Quad

from kg.store import open_store
from kg.vocab import ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parent.parent


def extraction(copies: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for n in range(copies):
            for path in sorted((ROOT / "corpus").glob("*.txt")):
                (corpus / f"{n:03d}_{path.name}").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        documents, _ = read_corpus(corpus)
        words = sum(len(d.body.split()) for d in documents)
        store = open_store(Path(tmp) / "store")
        report = build(corpus, store, workers=workers)
        return {"workers": workers, "documents": report.documents, "words": words, "seconds": round(report.seconds, 2),
                "words_per_second": round(words / report.seconds), "triples": report.triples}


PER_DOCUMENT = ("id/statement/", "id/position/", "id/document/", "id/event/", "graph/")


def scaled_store(seed_path: str, copies: int, target: Path):
    """The seed graph's documents repeated `copies` times under new IRIs (actors, topics and the
    ontology shared, as they are across a real corpus): a large graph without hours of extraction."""
    seed = open_store(seed_path, read_only=True)._store
    store = open_store(target)
    ontology = [q for q in seed if q.graph_name.value == ONTOLOGY_GRAPH]
    documents = [q for q in seed if q.graph_name.value != ONTOLOGY_GRAPH]

    def renamed(term, n):
        if isinstance(term, NamedNode) and any(part in term.value for part in PER_DOCUMENT):
            return NamedNode(f"{term.value}-c{n}")
        return term

    store._store.bulk_extend(ontology)
    for n in range(copies):
        store._store.bulk_extend(Quad(renamed(q.subject, n), q.predicate, renamed(q.object, n), renamed(q.graph_name, n))
                                 for q in documents)
    store.flush()
    return store


def query_latency(store, repeats: int = 5) -> dict:
    out = {"triples": len(store)}
    for name, canned in queries.catalogue().items():
        params = canned.bindings({p.name: p.example for p in canned.parameters if p.example})
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            rows = list(store.query(canned.sparql, substitutions=params))
            times.append(time.perf_counter() - start)
        out[name] = {"median_ms": round(statistics.median(times) * 1000, 2), "rows": len(rows)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", default="data/store")
    parser.add_argument("--scale", type=int, default=20, help="copies of the seed documents for query timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = scaled_store(args.store, args.scale, Path(tmp) / "scaled")
        results = {"extraction": [extraction(args.copies, 1), extraction(args.copies, args.workers)],
                   "queries_seed": query_latency(open_store(args.store, read_only=True)),
                   f"queries_x{args.scale}": query_latency(big)}
    for row in results["extraction"]:
        print(f"extraction, {row['workers']} worker(s): {row['documents']} documents, {row['words']} words "
              f"in {row['seconds']} s = {row['words_per_second']} words/s")
    for key in ("queries_seed", f"queries_x{args.scale}"):
        timings = dict(results[key])
        print(f"{key}: {timings.pop('triples')} triples")
        for name, row in timings.items():
            print(f"  {name}: {row['median_ms']} ms median, {row['rows']} rows")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
