"""Body extraction on scrapinghub's article-extraction-benchmark, scored by the benchmark's own
method (its `evaluate.py`: 4-gram shingle precision and recall per page, averaged): our reader's
text as analysed (`Document.body`, furniture masked) beside trafilatura alone with the same
settings. `make eval-input` runs it on the copy in tests/data/article-extraction-benchmark.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "article-extraction-benchmark"


def load_scorer(directory: Path):
    spec = importlib.util.spec_from_file_location("benchmark_evaluate", directory / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(directory: Path, keys) -> tuple[dict, dict, list[str]]:
    """({key: {"articleBody": ours}}, {key: {"articleBody": trafilatura's}}, keys we refused)."""
    import trafilatura

    from kg import readers
    from kg.documents import UnreadableDocument

    ours, alone, refused = {}, {}, []
    for key in keys:
        data = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())
        try:
            body = readers.read(data, f"{key}.html").body
        except UnreadableDocument:
            body = ""
            refused.append(key)
        ours[key] = {"articleBody": "\n".join(line.strip() for line in body.splitlines() if line.strip())}
        alone[key] = {"articleBody": trafilatura.extract(data, include_comments=False, include_tables=False) or ""}
    return ours, alone, refused


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmark", type=Path, default=DEFAULT, help="the benchmark's folder")
    parser.add_argument("--n-bootstrap", type=int, default=200)
    parser.add_argument("--output", type=Path, help="write both sets of metrics here as JSON")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.benchmark)
    truth = json.loads((args.benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    ours, alone, refused = predictions(args.benchmark, truth)
    results = {}
    print(f"{len(truth)} pages; our reader refused {len(refused)}")
    print(f'{"":<22} {"F1":<13}  {"precision":<13}  {"recall":<13}')
    for name, prediction in (("trafilatura alone", alone), ("kg reader (body)", ours)):
        metrics = scorer.evaluate(truth, prediction, args.n_bootstrap)
        metrics.pop("tp_fp_fns")
        results[name] = metrics
        print("{name:<22} {f1:.3f} ± {f1_std:.3f}  {precision:.3f} ± {precision_std:.3f}  "
              "{recall:.3f} ± {recall_std:.3f}".format(name=name, **metrics))
    if args.output:
        args.output.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0 if results["kg reader (body)"]["f1"] >= results["trafilatura alone"]["f1"] else 1


if __name__ == "__main__":
    sys.exit(main())
