"""Benchmarks: extraction throughput (words/s, one worker and several) and canned-query latency.

    python bench/run.py [--copies 20] [--workers 2] [--store data/store]

The corpus is the seed corpus copied `--copies` times (file names differ, texts do not), so the
figures measure the pipeline, not caching. Numbers are printed, and written to bench/results.json.
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
from kg.store import open_store

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


def query_latency(store_path: str, repeats: int = 5) -> dict:
    store = open_store(store_path, read_only=True)
    out = {}
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
    args = parser.parse_args()
    results = {"extraction": [extraction(args.copies, 1), extraction(args.copies, args.workers)],
               "queries": query_latency(args.store)}
    for row in results["extraction"]:
        print(f"extraction, {row['workers']} worker(s): {row['documents']} documents, {row['words']} words "
              f"in {row['seconds']} s = {row['words_per_second']} words/s")
    for name, row in results["queries"].items():
        print(f"query {name}: {row['median_ms']} ms median, {row['rows']} rows")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
