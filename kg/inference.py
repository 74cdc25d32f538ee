"""What the ontology entails about the data, materialized into one named graph.

owlrl applies the OWL 2 RL rules to everything asserted (the ontology and every document graph);
what it adds is written to `INFERENCE_GRAPH`, apart from the asserted graphs. Queries then see
superclasses, superproperties and inverse properties as plain triples, on Oxigraph and on any
SPARQL server alike, with no reasoner in the query path.

`materialize` computes the graph from the whole store (what `kg build` does). `update` keeps it
right after some documents changed (`kg add`, `kg remove`) at the cost of those documents only.
It relies on one property of the data, which `tests/test_store.py` checks against `materialize`:
no rule needs triples of two different documents, so whatever the store entails is entailed by
the ontology and the shared graph (`kg.shared`) with a single document. Then a triple belongs in the graph when it is not asserted
and the ontology alone or the ontology with some document entails it; and since OWL RL rules
conclude only about terms of their premises, a triple about a node that no graph mentions any
more cannot come back.

Left out on purpose:
- owl:sameAs links are not reasoned over: they point at Wikidata, and OWL's equality rules would
  copy every statement onto the Wikidata IRI, giving each quote a second speaker.
- Triples that say nothing about the data: reflexive sameAs/equivalence/subclass axioms,
  `x a owl:Thing`, what owlrl concludes about XML Schema datatypes from the literals it meets,
  and rule outputs that are not RDF (literals as subjects).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import owlrl
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, Triple
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .convert import from_rdflib, to_rdflib
from .store import GraphStore
from .vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, SHARED_GRAPH

ASSERTED = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g != <{INFERENCE_GRAPH}> && ?p != <{OWL.sameAs}>)
}}"""
REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
VACUOUS_TYPES = {OWL.Thing, RDFS.Resource}
SAME_AS = NamedNode(str(OWL.sameAs))
MAX_RECHECKED_DOCUMENTS = 200        # past this many, `update` recomputes the whole graph instead
BATCH = 500                          # triples or nodes per VALUES block


def _informative(subject, predicate, obj) -> bool:
    if isinstance(subject, Literal) or subject.startswith(XSD):   # owlrl's facts about datatypes
        return False
    if predicate in REFLEXIVE and subject == obj:
        return False
    return not (predicate == RDF.type and obj in VACUOUS_TYPES)


def closure(triples: Iterable[Triple]) -> set[Triple]:
    """The OWL 2 RL entailments of `triples` that they do not state themselves."""
    graph = to_rdflib(t for t in triples if t.predicate != SAME_AS)
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return set(from_rdflib(t for t in graph if t not in asserted and _informative(*t)))


def entailments(store: GraphStore) -> list[Triple]:
    """The OWL 2 RL entailments of the store's asserted graphs that none of them states."""
    return sorted(closure(store.query(ASSERTED)), key=str)


def materialize(store: GraphStore) -> int:
    """Recompute the inference graph from what the store asserts now; the number of triples."""
    triples = entailments(store)
    store.replace_graph(INFERENCE_GRAPH, triples)
    return len(triples)


def update(store: GraphStore, changed: Mapping[str, tuple[list[Triple], list[Triple]]]) -> int:
    """Bring the inference graph up to date after document graphs changed, given as
    {graph: (its triples before, its triples now)}, with the ontology graph unchanged."""
    ontology = store.triples(ONTOLOGY_GRAPH) + store.triples(SHARED_GRAPH)
    before = [t for old, _ in changed.values() for t in old]
    now = [t for _, new in changed.values() for t in new]
    derivable = closure(ontology + now)
    candidates = derivable | (closure(ontology + before) if before else set()) | set(before) | set(now)
    asserted = _stated(store, candidates, f"GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{INFERENCE_GRAPH}>)")
    unsupported = candidates - derivable - asserted      # what the changed documents no longer entail
    occurrences = _occurrences(store, {n for t in unsupported for n in _nodes(t)})
    alive = {node for node, _ in occurrences}
    lost = [t for t in unsupported if all(n in alive for n in _nodes(t))]
    if lost:
        subjects = {t.subject for t in lost}
        others = {g for node, g in occurrences if node in subjects} - set(changed) - {ONTOLOGY_GRAPH, SHARED_GRAPH}
        if len(others) > MAX_RECHECKED_DOCUMENTS:
            return materialize(store)
        if others:
            derivable |= closure(ontology + [t for g in sorted(others) for t in store.triples(g)])
    should = (candidates & derivable) - asserted
    present = _stated(store, candidates, f"GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }}")
    for batch in _batches(present - should):
        body = "".join(f"{t} .\n" for t in batch)
        store.update(f"DELETE DATA {{ GRAPH <{INFERENCE_GRAPH}> {{\n{body}}} }}")
    if should - present:
        store.add_triples(INFERENCE_GRAPH, sorted(should - present, key=str))
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(count)))["n"].value)


def _batches(items: Iterable) -> Iterable[list]:
    items = sorted(items, key=str)
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


def _nodes(triple: Triple) -> list:
    """The IRIs a triple is about (its subject and, unless a literal, its object)."""
    return [n for n in (triple.subject, triple.object) if not isinstance(n, OxLiteral)]


def _stated(store: GraphStore, triples: set[Triple], pattern: str) -> set[Triple]:
    """Which of `triples` match `pattern` (a graph pattern over ?s ?p ?o)."""
    found = set()
    for batch in _batches(triples):
        rows = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in batch)
        answers = store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} {pattern} }}")
        found |= {Triple(r["s"], r["p"], r["o"]) for r in answers}
    return found


def _occurrences(store: GraphStore, nodes: set) -> list[tuple]:
    """(node, graph) for each asserted graph in which one of `nodes` occurs."""
    found = []
    for batch in _batches(nodes):
        rows = store.query(f"""SELECT DISTINCT ?n ?g WHERE {{
          VALUES ?n {{ {" ".join(map(str, batch))} }}
          GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }}
          FILTER (?g != <{INFERENCE_GRAPH}>) }}""")
        found += [(r["n"], r["g"].value) for r in rows]
    return found
