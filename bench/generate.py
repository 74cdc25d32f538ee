"""A large, realistic store for the query benchmarks, made in seconds from a small built one.

    python bench/generate.py --source data/store --out /tmp/big --triples 1000000

Extraction at 1M triples would take hours, so the source store's document graphs are copied
until the store holds about `--triples`, each copy under new IRIs for what a document mints
(statements, positions, documents, events, the graph itself, the source file's name), so that:

- curated actors and topics (`https://w3id.org/whosaid/id/...`) recur in every copy, as Lavrov
  and missile defense recur across a real corpus;
- minted actors and topics are renamed per cohort of about five copies (IRI and label), so the
  store holds many distinct minted names, each named by a few documents, their facts once in
  the shared graph as `kg build` writes them;
- dates are spread: each copy moves its dates by its own number of days (whole years for a year
  or a month), over about twenty years.

The ontology graph is copied once, and the inference graph's triples follow the renaming (the
closure of the copies is the copies of the closure: nothing is inferred across documents).
It writes with Oxigraph's bulk loader and prints what it made as JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.store import open_store
from kg.vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, SHARED_GRAPH, WS, XSD

PER_DOCUMENT = ("/id/statement/", "/id/position/", "/id/document/", "/id/event/", "/graph/")
MINTED = ("/id/actor/", "/id/topic/")
CURATED = "https://w3id.org/whosaid/"
COHORT = 5                     # copies that share one set of minted actors and topics
DAYS = 7301                    # dates spread over about twenty years
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SOURCE_FILE = str(WS.sourceFile)


class Copier:
    """The renaming of one copy: `n` names the copy, `n // COHORT` its minted names."""

    def __init__(self, n: int):
        self.n, self.cohort = n, n // COHORT
        self.days = (n * 379) % DAYS - DAYS // 2

    def iri(self, term):
        if not isinstance(term, NamedNode) or term.value.startswith(CURATED):
            return term
        if any(part in term.value for part in PER_DOCUMENT):
            return NamedNode(f"{term.value}-c{self.n}")
        if self.cohort and any(part in term.value for part in MINTED):
            return NamedNode(f"{term.value}-m{self.cohort}")
        return term

    def literal(self, predicate: NamedNode, term):
        if not isinstance(term, Literal):
            return self.iri(term)
        if predicate.value == SOURCE_FILE:
            return Literal(f"c{self.n:05d}/{term.value}")
        datatype = term.datatype.value if term.datatype else ""
        try:
            if datatype == str(XSD.date):
                moved = dt.date.fromisoformat(term.value) + dt.timedelta(days=self.days)
                return Literal(moved.isoformat(), datatype=term.datatype)
            if datatype in (str(XSD.gYearMonth), str(XSD.gYear), str(XSD.dateTime), str(XSD.dateTimeStamp)):
                year = int(term.value[:4]) + round(self.days / 365.25)
                return Literal(f"{year:04d}{term.value[4:]}", datatype=term.datatype)
        except ValueError:
            return term
        return term

    def minted_label(self, subject, predicate: NamedNode, term):
        """A renamed minted node's label says its cohort, so that names differ as IRIs do."""
        if self.cohort and predicate.value == LABEL and isinstance(term, Literal) and subject.value.endswith(f"-m{self.cohort}"):
            return Literal(f"{term.value} {self.cohort}", language=term.language) if term.language else \
                Literal(f"{term.value} {self.cohort}")
        return term

    def triple(self, t, graph: NamedNode) -> Quad:
        subject = self.iri(t.subject)
        obj = self.minted_label(subject, t.predicate, self.literal(t.predicate, t.object))
        return Quad(subject, t.predicate, obj, graph)


def generate(source: str, out: Path, triples: int) -> dict:
    started = time.perf_counter()
    seed = open_store(source, read_only=True)
    fixed = {g: seed.triples(g) for g in (ONTOLOGY_GRAPH, SHARED_GRAPH, INFERENCE_GRAPH) if g in seed.graphs()}
    documents = {g: seed.triples(g) for g in seed.graphs() if g not in fixed}
    store = Store(str(out))
    store.bulk_extend(Quad(t.subject, t.predicate, t.object, NamedNode(ONTOLOGY_GRAPH)) for t in fixed.get(ONTOLOGY_GRAPH, ()))
    shared, inferred = NamedNode(SHARED_GRAPH), NamedNode(INFERENCE_GRAPH)

    def copy(n: int) -> set[Quad]:
        copier = Copier(n)
        quads = {copier.triple(t, copier.iri(NamedNode(g))) for g, ts in documents.items() for t in ts}
        quads |= {copier.triple(t, inferred) for t in fixed.get(INFERENCE_GRAPH, ())}
        if n % COHORT == 0:
            quads |= {copier.triple(t, shared) for t in fixed.get(SHARED_GRAPH, ())}
        return quads

    first = copy(0)
    # what a copy adds beyond the first: the inferred facts about curated nodes are the same in all
    per_copy = max(1, len(copy(1) - first))
    copies = max(1, (triples - len(store) - len(first)) // per_copy + 1)
    for n in range(copies):
        store.bulk_extend(first if n == 0 else copy(n))
    store.flush()
    store.optimize()
    return {"copies": copies, "documents": copies * len(documents), "quads": len(store),
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default="data/store", help="a built store (kg build) to copy from")
    parser.add_argument("--out", type=Path, required=True, help="a new store directory")
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many quads to make")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty")
    print(json.dumps(generate(args.source, args.out, args.triples)))


if __name__ == "__main__":
    main()
