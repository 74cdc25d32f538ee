"""Benchmark of reading saved pages: the share of a build spent decoding, parsing, cleaning and
language detection, against issue #19's bar (at most 15 % of build time).

    python bench/reading.py [--pages 40] [--profile FILE]

The corpus is the first `--pages` saved HTML pages of scrapinghub's article-extraction-benchmark
(tests/data/article-extraction-benchmark, in its order; the pages not in English are read and
skipped, as a build skips them). The build runs cold in a fresh process, as `kg build` does, so
the readers' one-time imports and the language model's load count; the pages are then read once
more in that process, warm. `--profile` writes a cProfile of a cold read of the pages (pstats
format) to see where reading goes. Results are printed and written to bench/reading.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "article-extraction-benchmark" / "html"
BAR = 0.15
# A cold `kg build` in a fresh process, its read_corpus timed from outside (wall clock and CPU:
# on a shared machine the CPU seconds are the steadier measure), then the pages read once more, warm.
ONE_BUILD = """
import json, sys, time
from pathlib import Path
import kg.build
from kg.store import open_store
spent = {"wall": 0.0, "cpu": 0.0}
read_corpus = kg.build.read_corpus
def timed(corpus):
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return read_corpus(corpus)
    finally:
        spent["wall"] += time.perf_counter() - wall
        spent["cpu"] += time.process_time() - cpu
kg.build.read_corpus = timed
wall, cpu = time.perf_counter(), time.process_time()
report = kg.build.build(Path(sys.argv[1]), open_store(sys.argv[2]))
build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
cold = dict(spent)
timed(Path(sys.argv[1]))
print(json.dumps({"documents": report.documents, "skipped": len(report.skipped), "statements": report.statements,
                  "build_seconds": build_wall, "build_cpu_seconds": build_cpu,
                  "reading_seconds": cold["wall"], "reading_cpu_seconds": cold["cpu"],
                  "warm_reading_seconds": spent["wall"] - cold["wall"],
                  "warm_reading_cpu_seconds": spent["cpu"] - cold["cpu"]}))
"""
PROFILE = """
import cProfile, sys
from pathlib import Path
from kg.documents import read_corpus
cProfile.run("read_corpus(Path(sys.argv[1]))", sys.argv[2])
"""


def write_pages(target: Path, count: int) -> None:
    target.mkdir(parents=True)
    for page in sorted(PAGES.glob("*.html.gz"))[:count]:
        (target / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))


def run(script: str, *args) -> str:
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], check=True, capture_output=True,
                          text=True, cwd=ROOT).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3, help="cold builds to run; the medians are reported")
    parser.add_argument("--profile", type=Path, help="write a cProfile of a cold read of the pages here")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "reading.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "pages"
        write_pages(corpus, args.pages)
        runs = [json.loads(run(ONE_BUILD, corpus, Path(tmp) / f"store-{n}").strip().splitlines()[-1])
                for n in range(args.repeats)]
        if args.profile:
            run(PROFILE, corpus, args.profile.resolve())
    row = {"pages": args.pages, "repeats": args.repeats,
           **{key: runs[0][key] for key in ("documents", "skipped", "statements")},
           **{key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0] if key.endswith("seconds")}}
    for clock in ("", "cpu_"):
        row[f"reading_{clock}share"] = round(row[f"reading_{clock}seconds"] / row[f"build_{clock}seconds"], 3)
        row[f"warm_reading_{clock}share"] = round(row[f"warm_reading_{clock}seconds"] / row[f"build_{clock}seconds"], 3)
    print(f"{row['pages']} saved pages: {row['documents']} read, {row['skipped']} skipped, {row['statements']} "
          f"statements; median of {row['repeats']} cold builds:")
    for clock, name in (("", "wall clock"), ("cpu_", "CPU")):
        print(f"  {name}: build {row[f'build_{clock}seconds']} s, reading {row[f'reading_{clock}seconds']} s "
              f"({row[f'reading_{clock}share']:.1%}), warm {row[f'warm_reading_{clock}seconds']} s "
              f"({row[f'warm_reading_{clock}share']:.1%})")
    print(f"  the bar: reading at most {BAR:.0%} of the build")
    args.output.write_text(json.dumps(row, indent=2) + "\n")
    return 0 if row["reading_share"] <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
