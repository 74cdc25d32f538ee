"""Triples between pyoxigraph (the stores) and rdflib (owlrl, pySHACL, owlready2's input).

Both sides go through N-Triples, which each library reads and writes exactly; a triple that is
not RDF (owlrl's rules give literals as subjects) raises ValueError rather than being mangled.
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import RdfFormat, Triple, parse, serialize
from rdflib import Graph, Literal, URIRef


def to_rdflib(triples: Iterable[Triple]) -> Graph:
    data = serialize(list(triples), format=RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def from_rdflib(triples: Iterable[tuple]) -> list[Triple]:
    graph = Graph()
    for subject, predicate, obj in triples:
        if isinstance(subject, Literal) or not isinstance(predicate, URIRef):
            raise ValueError(f"not an RDF triple: {subject!r} {predicate!r} {obj!r}")
        graph.add((subject, predicate, obj))
    data = graph.serialize(format="nt", encoding="utf-8")
    return [quad.triple for quad in parse(data, format=RdfFormat.N_TRIPLES)]
