"""What the ontology entails about the data, materialized into one named graph, one document at a
time.

owlrl applies the OWL 2 RL rules; what they add is written to `INFERENCE_GRAPH`, apart from the
asserted graphs. Queries then see superclasses, superproperties and inverse properties as plain
triples, on Oxigraph and on any SPARQL server alike, with no reasoner in the query path.

A `Reasoner` reasons over the ontology once; then each document is reasoned over with only what
can combine with it: the ontology's schema (its classes and properties), the facts the ontology
and the shared graph hold about the nodes the document names, and the document's own triples.
A build's cost and memory then grow with one document, not with the corpus. That rests on two
properties of this ontology and extractor, which `tests/test_inference.py` checks against a
closure of the whole store: no rule joins two documents' triples, and none needs facts about a
node two steps away from the document.

The inference graph is kept right as documents come and go at the cost of those documents:
what was inferred about a document's own nodes (its statements, positions, evidence, events)
goes with its old graph, what was inferred about a shared node goes when the shared graph
forgets the node (`kg.shared`), and a document written adds what it entails.

Left out on purpose:
- owl:sameAs links are not reasoned over: they point at Wikidata, and OWL's equality rules would
  copy every statement onto the Wikidata IRI, giving each quote a second speaker.
- Triples that say nothing about the data: reflexive sameAs/equivalence/subclass axioms,
  `x a owl:Thing`, what owlrl concludes about XML Schema datatypes from the literals it meets,
  and rule outputs that are not RDF (literals as subjects).
- owlrl's messages about inconsistencies (a blank node of its `ErrorMessage` class: "Disjoint
  classes Person and Country have a common individual ..."): they are not entailments, and each
  call of the reasoner names its message with a new blank node.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import owlrl
from pyoxigraph import BlankNode, NamedNode, Triple
from pyoxigraph import Literal as OxLiteral
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .convert import from_rdflib, to_rdflib
from .store import GraphStore
from .vocab import INFERENCE_GRAPH, SHARED_GRAPH

ASSERTED = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g != <{INFERENCE_GRAPH}> && ?p != <{OWL.sameAs}>)
}}"""
REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
VACUOUS_TYPES = {OWL.Thing, RDFS.Resource}
SAME_AS = NamedNode(str(OWL.sameAs))
OWLRL_MESSAGES = "http://www.daml.org/2002/03/agents/agent-ont#"      # owlrl's ErrorMessage and error
TYPE = NamedNode(str(RDF.type))
# The types of the ontology's own terms: a subject with one of them is schema, not data.
SCHEMA_TYPES = {NamedNode(str(t)) for t in (
    OWL.Class, RDFS.Class, OWL.Restriction, RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty,
    OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty,
    OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty, OWL.IrreflexiveProperty,
    OWL.Ontology, RDFS.Datatype, OWL.AllDisjointClasses, OWL.AllDifferent)}
# Axioms under which a literal value itself is carried over (to a super- or equivalent property).
CARRY_VALUES = {NamedNode(str(p)) for p in (RDFS.subPropertyOf, OWL.equivalentProperty)}
DOMAIN = NamedNode(str(RDFS.domain))
SHARED_FACTS = f"""CONSTRUCT {{ ?node ?p ?o }} WHERE {{ %s GRAPH <{SHARED_GRAPH}> {{ ?node ?p ?o }} }}"""
BATCH = 500                          # nodes per VALUES block
BATCH_TRIPLES = 10000                # document triples reasoned over at once


def _informative(subject, predicate, obj) -> bool:
    if isinstance(subject, Literal) or subject.startswith(XSD):   # owlrl's facts about datatypes
        return False
    if predicate.startswith(OWLRL_MESSAGES) or obj.startswith(OWLRL_MESSAGES):
        return False
    if predicate in REFLEXIVE and subject == obj:
        return False
    return not (predicate == RDF.type and obj in VACUOUS_TYPES)


def reasoner_input(triples: Iterable[Triple]) -> list[Triple]:
    """`triples` less what no rule concludes anything from: owl:sameAs links, and literal values
    (a quote, a label, a document's text) but for those a rule reads. A literal's value is read
    when its property has a super- or equivalent property (the value is carried over); its
    presence alone when the property has a domain (the subject gets the type), so one value per
    subject and property is kept. Literals are most of a document's triples: reasoning without
    them takes half the time and gives the same closure."""
    triples = [t for t in triples if t.predicate != SAME_AS]
    carried = {t.subject for t in triples if t.predicate in CARRY_VALUES} | {
        t.object for t in triples if t.predicate == NamedNode(str(OWL.equivalentProperty))}
    typed = {t.subject for t in triples if t.predicate == DOMAIN}
    kept, seen = [], set()
    for t in triples:
        if not isinstance(t.object, OxLiteral) or t.predicate in carried:
            kept.append(t)
        elif t.predicate in typed and (t.subject, t.predicate) not in seen:
            seen.add((t.subject, t.predicate))
            kept.append(t)
    return kept


def closure(triples: Iterable[Triple]) -> set[Triple]:
    """The OWL 2 RL entailments of `triples` that they do not state themselves."""
    graph = to_rdflib(reasoner_input(triples))
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return set(from_rdflib(t for t in graph if t not in asserted and _informative(*t)))


def entailments(store: GraphStore) -> list[Triple]:
    """The OWL 2 RL entailments of the store's asserted graphs that none of them states: the
    closure of the whole store at once, which the inference graph equals."""
    return sorted(closure(store.query(ASSERTED)), key=str)


class Reasoner:
    """The ontology reasoned over once; then what it entails with one document."""

    def __init__(self, ontology: list[Triple]):
        self.asserted = set(ontology)
        self.entailed = closure(ontology)           # what the ontology entails alone
        known = self.asserted | self.entailed
        schema = {t.subject for t in known if t.predicate == TYPE and t.object in SCHEMA_TYPES}
        schema |= {t.subject for t in known if isinstance(t.subject, BlankNode)}
        self.axioms: dict = defaultdict(list)       # the schema's triples about each class and property
        self.about: dict = defaultdict(list)        # the ontology's facts about each of its individuals
        for t in known:
            (self.axioms if t.subject in schema else self.about)[t.subject].append(t)

    def schema_for(self, triples: list[Triple]) -> list[Triple]:
        """The axioms about the classes and properties `triples` use, and about those they lead to
        (superclasses, domains, inverses ...): the part of the schema a rule can read. The schema
        holds its own closure, so a rule never needs an axiom further away."""
        todo = {n for t in triples for n in (t.subject, t.predicate, t.object)}
        seen, out = set(), []
        while todo:
            term = todo.pop()
            if term in seen:
                continue
            seen.add(term)
            for t in self.axioms.get(term, ()):
                out.append(t)
                if not isinstance(t.object, OxLiteral) and t.object not in SCHEMA_TYPES:
                    todo.add(t.object)
        return out

    def document(self, triples: list[Triple]) -> set[Triple]:
        """What the ontology entails with `triples` (some documents' own, and the shared graph's
        facts about the nodes they name) beyond what it entails alone and what it states."""
        named = {n for t in triples for n in (t.subject, t.object) if not isinstance(n, OxLiteral)}
        data = [t for node in named for t in self.about.get(node, ())] + triples
        return closure(self.schema_for(data) + data) - self.asserted - self.entailed


def shared_facts(store: GraphStore, triples: list[Triple]) -> list[Triple]:
    """What the shared graph holds about the nodes `triples` name."""
    nodes = sorted({t.object for t in triples if isinstance(t.object, NamedNode)}, key=str)
    return [t for start in range(0, len(nodes), BATCH)
            for t in store.query(SHARED_FACTS % f"VALUES ?node {{ {' '.join(map(str, nodes[start:start + BATCH]))} }}")]


class Pending:
    """Document graphs as written, reasoned over a few at a time: every call of the reasoner reads
    the schema and the facts about the nodes named, which for one article is more than the
    article; a batch of articles shares them. Memory stays bounded by one batch's closure."""

    def __init__(self, store: GraphStore, reasoner: Reasoner, size: int = BATCH_TRIPLES):
        self.store, self.reasoner, self.size = store, reasoner, size
        self.triples: list[Triple] = []

    def add(self, triples: list[Triple]) -> None:
        self.triples += triples
        if len(self.triples) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Add what the pending documents entail to the inference graph."""
        if self.triples:
            entailed = self.reasoner.document(self.triples + shared_facts(self.store, self.triples))
            self.store.add_triples(INFERENCE_GRAPH, sorted(entailed, key=str))
            self.triples = []


def forget_document(store: GraphStore, graph: str) -> None:
    """Drop what was inferred about the nodes of a document's graph (its subjects), before the
    graph is replaced or dropped: nothing inferred about them came from anything else."""
    store.update(f"""
      DELETE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?n ?p ?o }} }}
      WHERE {{ {{ SELECT DISTINCT ?n WHERE {{ GRAPH <{graph}> {{ ?n ?x ?y }} }} }} GRAPH <{INFERENCE_GRAPH}> {{ ?n ?p ?o }} }} ;
      DELETE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?n }} }}
      WHERE {{ {{ SELECT DISTINCT ?n WHERE {{ GRAPH <{graph}> {{ ?n ?x ?y }} }} }} GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?n }} }}""")


def forget_nodes(store: GraphStore, nodes: Iterable) -> None:
    """Drop what was inferred about `nodes` (shared nodes the shared graph no longer describes)."""
    nodes = sorted(set(nodes), key=str)
    for start in range(0, len(nodes), BATCH):
        values = f"VALUES ?n {{ {' '.join(map(str, nodes[start:start + BATCH]))} }}"
        store.update(f"""
          DELETE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?n ?p ?o }} }} WHERE {{ {values} GRAPH <{INFERENCE_GRAPH}> {{ ?n ?p ?o }} }} ;
          DELETE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?n }} }} WHERE {{ {values} GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?n }} }}""")


def forget_asserted(store: GraphStore) -> None:
    """Drop inferred triples the shared graph now states (a type one document gives a node that
    another document's statements entailed)."""
    store.update(f"""DELETE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}
      WHERE {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}""")


def inferred_count(store: GraphStore) -> int:
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(count)))["n"].value)
