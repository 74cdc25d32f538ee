"""Benchmarks: extraction throughput (words/s, one worker and several), the inference step,
bulk loading (triples/s into Oxigraph and, through the Graph Store Protocol, into a real Fuseki)
and canned-query latency on both.

    python bench/run.py [--copies 20] [--workers 2] [--store data/store] [--scale 20]

Extraction runs on the seed corpus copied `--copies` times (file names differ, texts do not);
its words/s leave the inference step out, which the build times as it reasons over each batch of
documents (`bench/build.py` measures a build with inference as a whole).
Loading and query latency use the seed graph and a graph with its documents repeated `--scale`
times. Numbers are printed, and written to bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode, Triple

from kg import queries
from kg.build import add, build
from kg.documents import read_corpus
from kg.store import open_store
from kg.vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, SHARED_GRAPH

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.fuseki import Fuseki  # noqa: E402 - the tests' launcher of a real Fuseki


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
        extraction_seconds = report.seconds - report.inference_seconds
        extra = Path(tmp) / "extra" / "one-more.txt"          # one article more, as `kg add` takes it
        extra.parent.mkdir()
        extra.write_text(next((ROOT / "corpus").glob("*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
        added = add([extra], store)
        return {"workers": workers, "documents": report.documents, "words": words,
                "seconds": round(extraction_seconds, 2), "words_per_second": round(words / extraction_seconds),
                "triples": report.triples,
                "inference": {"seconds": round(report.inference_seconds, 2), "triples_inferred": report.inferred,
                              "add_one_seconds": round(added.inference_seconds, 2)}}


PER_DOCUMENT = ("id/statement/", "id/position/", "id/document/", "id/event/", "graph/")


def scaled_store(seed_path: str, copies: int, target: Path):
    """The seed graph's documents repeated `copies` times under new IRIs (actors, topics, the
    shared graph and the ontology shared, as they are across a real corpus): a large graph without hours of extraction."""
    seed = open_store(seed_path, read_only=True)
    store = open_store(target)

    def renamed(term, n):
        if isinstance(term, NamedNode) and any(part in term.value for part in PER_DOCUMENT):
            return NamedNode(f"{term.value}-c{n}")
        return term

    def copy(triples, n):
        return [Triple(renamed(t.subject, n), t.predicate, renamed(t.object, n)) for t in triples]

    for graph in seed.graphs():
        triples = seed.triples(graph)
        if graph in (ONTOLOGY_GRAPH, SHARED_GRAPH):
            store.replace_graph(graph, triples)
        elif graph == INFERENCE_GRAPH:
            store.replace_graph(graph, list(dict.fromkeys(t for n in range(copies) for t in copy(triples, n))))
        else:
            for n in range(copies):
                store.replace_graph(renamed(NamedNode(graph), n).value, copy(triples, n))
    store.flush()
    return store


def bulk_load(source, target) -> dict:
    """Copy every graph of `source` into `target`, one replace (a Graph Store PUT on a server) per graph."""
    graphs = {g: source.triples(g) for g in source.graphs()}
    started = time.perf_counter()
    for graph, triples in graphs.items():
        target.replace_graph(graph, triples)
    seconds = time.perf_counter() - started
    total = sum(map(len, graphs.values()))
    return {"graphs": len(graphs), "triples": total, "seconds": round(seconds, 2),
            "triples_per_second": round(total / seconds)}


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
    scaled = f"x{args.scale}"
    with tempfile.TemporaryDirectory() as tmp:
        big = scaled_store(args.store, args.scale, Path(tmp) / "scaled")
        results = {"extraction": [extraction(args.copies, 1), extraction(args.copies, args.workers)],
                   "queries_seed": query_latency(open_store(args.store, read_only=True)),
                   f"queries_{scaled}": query_latency(big)}
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        fuseki = Fuseki(Path(tmp), port, ["seed", scaled])
        try:
            results["load"] = {"oxigraph": bulk_load(big, open_store(Path(tmp) / "copy")),
                               "fuseki": bulk_load(big, open_store(fuseki.url(scaled)))}
            bulk_load(open_store(args.store, read_only=True), open_store(fuseki.url("seed")))
            results["queries_seed_fuseki"] = query_latency(open_store(fuseki.url("seed")))
            results[f"queries_{scaled}_fuseki"] = query_latency(open_store(fuseki.url(scaled)))
        finally:
            fuseki.stop()
    for row in results["extraction"]:
        print(f"extraction, {row['workers']} worker(s): {row['documents']} documents, {row['words']} words "
              f"in {row['seconds']} s = {row['words_per_second']} words/s; inference "
              f"{row['inference']['triples_inferred']} triples in {row['inference']['seconds']} s, "
              f"kept up to date by `add` of one more article in {row['inference']['add_one_seconds']} s")
    for backend, row in results["load"].items():
        print(f"bulk load into {backend}: {row['triples']} triples in {row['graphs']} graphs, "
              f"{row['seconds']} s = {row['triples_per_second']} triples/s")
    for key in ("queries_seed", f"queries_{scaled}", "queries_seed_fuseki", f"queries_{scaled}_fuseki"):
        timings = dict(results[key])
        print(f"{key}: {timings.pop('triples')} triples")
        for name, row in timings.items():
            print(f"  {name}: {row['median_ms']} ms median, {row['rows']} rows")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
