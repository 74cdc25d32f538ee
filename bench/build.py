"""Benchmark of a build with inference: time, inference time and peak memory, for the seeds and
for synthetic corpora of N articles.

    python bench/build.py [--articles 100 300] [--sources corpus ../shared/dev/articles]

A synthetic article is a title and 6 to 12 paragraphs drawn (seeded, so every run gets the same
texts) from the `.txt` files under `--sources`: actors and topics recur across articles as in a
real corpus. The texts are written to a temporary folder and never kept. Each build runs in a
fresh process, once with inference and once without, so that the difference of their peak
resident memory is what inference holds. Results are printed and written to bench/build.json.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_BUILD = """
import json, resource, sys, time
from pathlib import Path
from kg.build import build
from kg.store import open_store
started = time.perf_counter()
report = build(Path(sys.argv[1]), open_store(sys.argv[2]), infer=sys.argv[3] == "1")
print(json.dumps({"documents": report.documents, "triples": report.triples, "inferred": report.inferred,
                  "seconds": round(time.perf_counter() - started, 2),
                  "inference_seconds": round(report.inference_seconds, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def paragraphs(sources: list[Path]) -> list[str]:
    found = []
    for source in sources:
        for path in sorted(source.glob("*.txt")):
            found += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 12]
    return found


def synthetic_corpus(target: Path, count: int, pool: list[str]) -> int:
    """`count` articles recombined from `pool`; the number of words written."""
    rng = random.Random(count)
    target.mkdir(parents=True)
    words = 0
    for n in range(count):
        body = rng.sample(pool, rng.randint(6, 12))
        text = f"Synthetic article {n}\n\n" + "\n\n".join(body) + "\n"
        (target / f"bench_{n:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def one_build(corpus: Path, store: Path, infer: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", ONE_BUILD, str(corpus), str(store), "1" if infer else "0"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(name: str, corpus: Path, words: int, tmp: Path) -> dict:
    with_inference = one_build(corpus, tmp / f"{name}-infer", True)
    without = one_build(corpus, tmp / f"{name}-plain", False)
    return {"corpus": name, "words": words, **with_inference,
            "words_per_second": round(words / with_inference["seconds"]),
            "without_inference": {"seconds": without["seconds"], "peak_mb": without["peak_mb"]},
            "inference_share": round(with_inference["inference_seconds"] / with_inference["seconds"], 3),
            "inference_peak_mb": with_inference["peak_mb"] - without["peak_mb"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="*", default=[100, 300])
    parser.add_argument("--sources", type=Path, nargs="*", default=[ROOT / "corpus", ROOT.parent / "shared" / "dev" / "articles"])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "build.json")
    args = parser.parse_args()
    pool = paragraphs([s for s in args.sources if s.is_dir()])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds = ROOT / "corpus"
        results.append(measure("seeds", seeds, sum(len(p.read_text().split()) for p in seeds.glob("*.txt")), tmp))
        for count in args.articles:
            corpus = tmp / f"synthetic-{count}"
            results.append(measure(f"{count} articles", corpus, synthetic_corpus(corpus, count, pool), tmp))
    for row in results:
        print(f"{row['corpus']}: {row['documents']} documents, {row['words']} words, {row['triples']} triples "
              f"({row['inferred']} inferred) in {row['seconds']} s = {row['words_per_second']} words/s; inference "
              f"{row['inference_seconds']} s ({row['inference_share']:.0%}); peak {row['peak_mb']} MB, "
              f"{row['inference_peak_mb']} MB of it for inference")
    args.output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
