"""Extraction over one long document: N short paragraphs, each with a dated statement on a
curated topic, so every stage meets a document that grows (issue #13: 2,000 paragraphs took 63 s
and 10,000 did not finish in 15 minutes, from steps whose cost grew with the square of the
document's length). Prints seconds per paragraph count; linear extraction keeps s/paragraph flat.

    python bench/long_document.py [--paragraphs 1000 10000] [--out bench/long_document.json]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kg.documents import make_document
from kg.ontology import Ontology
from kg.pipeline import Pipeline

SENTENCES = (
    "On May {day}, Sergey Lavrov said that Moscow opposes the sanctions against Iran.",
    "Karl Mertens, a German diplomat, said Berlin supports the new border commission number {n}.",
    "Hillary Clinton urged Russia to ratify New START before {month}.",
    "The Kremlin rejected the plan for missile defense in Europe on Thursday.",
)
MONTHS = ("January", "March", "June", "October")


def long_text(paragraphs: int) -> str:
    lines = ["Talks, again and again", ""]
    for n in range(paragraphs):
        lines += [SENTENCES[n % len(SENTENCES)].format(day=n % 28 + 1, n=n, month=MONTHS[n % 4]), ""]
    return "\n".join(lines)


def run(pipeline: Pipeline, paragraphs: int) -> dict:
    document = make_document(f"long-{paragraphs}.txt", long_text(paragraphs), {"date": ("2011-07-18", "sidecar")},
                             "text 1")
    started = time.perf_counter()
    extraction = pipeline.extract(document)
    seconds = time.perf_counter() - started
    return {"paragraphs": paragraphs, "characters": len(document.text), "statements": len(extraction.statements),
            "seconds": round(seconds, 2), "ms_per_paragraph": round(1000 * seconds / paragraphs, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("long_document.json"))
    args = parser.parse_args()
    pipeline = Pipeline(Ontology.load())
    results = []
    for paragraphs in args.paragraphs:
        results.append(run(pipeline, paragraphs))
        print(json.dumps(results[-1]), flush=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
