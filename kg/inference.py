"""What the ontology entails about the data, materialized into one named graph.

owlrl applies the OWL 2 RL rules to everything asserted (the ontology and every document graph);
what it adds is written to `INFERENCE_GRAPH`, apart from the asserted graphs. Queries then see
superclasses, superproperties and inverse properties as plain triples, on Oxigraph and on any
SPARQL server alike, with no reasoner in the query path.

Left out on purpose:
- owl:sameAs links are not reasoned over: they point at Wikidata, and OWL's equality rules would
  copy every statement onto the Wikidata IRI, giving each quote a second speaker.
- Triples that say nothing: reflexive sameAs/equivalence/subclass axioms, `x a owl:Thing`, and
  rule outputs that are not RDF (literals as subjects).
"""
from __future__ import annotations

import owlrl
from pyoxigraph import Triple
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS

from .convert import from_rdflib, to_rdflib
from .store import GraphStore
from .vocab import INFERENCE_GRAPH

ASSERTED = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g != <{INFERENCE_GRAPH}> && ?p != <{OWL.sameAs}>)
}}"""
REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
VACUOUS_TYPES = {OWL.Thing, RDFS.Resource}


def _informative(subject, predicate, obj) -> bool:
    if isinstance(subject, Literal):
        return False
    if predicate in REFLEXIVE and subject == obj:
        return False
    return not (predicate == RDF.type and obj in VACUOUS_TYPES)


def entailments(store: GraphStore) -> list[Triple]:
    """The OWL 2 RL entailments of the store's asserted graphs that none of them states."""
    graph = to_rdflib(store.query(ASSERTED))
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return from_rdflib(t for t in graph if t not in asserted and _informative(*t))


def materialize(store: GraphStore) -> int:
    """Recompute the inference graph from what the store asserts now; the number of triples."""
    triples = entailments(store)
    store.replace_graph(INFERENCE_GRAPH, triples)
    return len(triples)
