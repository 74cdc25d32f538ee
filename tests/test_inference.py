"""Inference one batch of documents at a time: what the reasoner is given (the schema's part that
the data uses, the facts about the nodes it names, literals only where a rule reads them) and
that reasoning so gives exactly the closure of the whole store."""
import owlrl
import pytest
from pyoxigraph import Literal, NamedNode, Triple

import kg.build
from kg.build import add, build
from kg.convert import from_rdflib, to_rdflib
from kg.inference import INFERENCE_GRAPH, Pending, Reasoner, _informative, closure, entailments, reasoner_input
from kg.store import open_store
from kg.vocab import ONTOLOGY_GRAPH, SHARED_GRAPH

from .test_store import ARTICLES, write_articles

EX = "http://example.org/"
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
SUBPROPERTY = NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
DOMAIN = NamedNode("http://www.w3.org/2000/01/rdf-schema#domain")
CLASS = NamedNode("http://www.w3.org/2002/07/owl#Class")
DATATYPE_PROPERTY = NamedNode("http://www.w3.org/2002/07/owl#DatatypeProperty")


def ex(name: str) -> NamedNode:
    return NamedNode(EX + name)


# quote has a domain, title a super-property, note neither
TBOX = [Triple(ex("Statement"), TYPE, CLASS), Triple(ex("Statement"), SUBCLASS, ex("Entity")),
        Triple(ex("Entity"), TYPE, CLASS), Triple(ex("Other"), TYPE, CLASS), Triple(ex("Other"), SUBCLASS, ex("Thing2")),
        Triple(ex("quote"), TYPE, DATATYPE_PROPERTY), Triple(ex("quote"), DOMAIN, ex("Statement")),
        Triple(ex("title"), TYPE, DATATYPE_PROPERTY), Triple(ex("title"), SUBPROPERTY, ex("name"))]
DATA = [Triple(ex("s"), ex("quote"), Literal("one")), Triple(ex("s"), ex("quote"), Literal("two")),
        Triple(ex("s"), ex("title"), Literal("A")), Triple(ex("s"), ex("title"), Literal("B")),
        Triple(ex("s"), ex("note"), Literal("n"))]


def owlrl_output(triples) -> list[tuple]:
    """owlrl's output on everything, literals included, unfiltered (rdflib terms)."""
    graph = to_rdflib(t for t in triples if t.predicate.value != "http://www.w3.org/2002/07/owl#sameAs")
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return [t for t in graph if t not in asserted]


def owlrl_closure(triples) -> set[Triple]:
    """What `closure` must equal: owlrl on everything, literals included, its output filtered alike."""
    return set(from_rdflib(t for t in owlrl_output(triples) if _informative(*t)))


def test_literals_reach_the_reasoner_only_where_a_rule_reads_them():
    kept = reasoner_input(TBOX + DATA)
    assert [t for t in kept if t in DATA] == [DATA[0], DATA[2], DATA[3]]   # one quote, every title, no note


def test_leaving_literals_out_loses_nothing():
    entailed = closure(TBOX + DATA)
    assert entailed == owlrl_closure(TBOX + DATA)
    assert {t for t in entailed if t.subject == ex("s")} == {
        Triple(ex("s"), TYPE, ex("Statement")), Triple(ex("s"), TYPE, ex("Entity")),
        Triple(ex("s"), ex("name"), Literal("A")), Triple(ex("s"), ex("name"), Literal("B"))}


def test_leaving_literals_out_loses_nothing_on_the_seed_store(seed_store_path):
    asserted = list(open_store(seed_store_path, read_only=True).query(kg.inference.ASSERTED))
    assert closure(asserted) == owlrl_closure(asserted)


def test_an_inconsistency_is_no_entailment():
    """Statements of one article make a node a Person, of another a Country (disjoint classes):
    owlrl's message about it is not written as if it were a triple the ontology entails."""
    disjoint = NamedNode("http://www.w3.org/2002/07/owl#disjointWith")
    triples = [Triple(ex("Person"), TYPE, CLASS), Triple(ex("Country"), TYPE, CLASS),
               Triple(ex("Person"), disjoint, ex("Country")),
               Triple(ex("x"), TYPE, ex("Person")), Triple(ex("x"), TYPE, ex("Country"))]
    assert any(str(predicate).endswith("agent-ont#error") for _, predicate, _ in owlrl_output(triples))
    assert not any("agent-ont" in str(t) for t in closure(triples))


def test_the_reasoner_reads_the_schema_the_data_uses_and_no_more():
    reasoner = Reasoner(TBOX)
    thing = NamedNode("http://www.w3.org/2002/07/owl#Thing")
    quote = [Triple(ex("s"), ex("quote"), Literal("one"))]
    assert set(reasoner.schema_for(quote)) == {                          # the schema's own closure included
        Triple(ex("quote"), TYPE, DATATYPE_PROPERTY), Triple(ex("quote"), DOMAIN, ex("Statement")),
        Triple(ex("quote"), DOMAIN, ex("Entity")), Triple(ex("quote"), DOMAIN, thing),
        Triple(ex("Statement"), TYPE, CLASS), Triple(ex("Statement"), SUBCLASS, ex("Entity")),
        Triple(ex("Statement"), SUBCLASS, thing), Triple(ex("Entity"), TYPE, CLASS),
        Triple(ex("Entity"), SUBCLASS, thing), Triple(thing, TYPE, CLASS)}      # nothing about Other or title
    assert reasoner.document(quote) == {Triple(ex("s"), TYPE, ex("Statement")), Triple(ex("s"), TYPE, ex("Entity"))}
    assert reasoner.document([Triple(ex("s"), ex("note"), Literal("n"))]) == set()


@pytest.mark.parametrize("size", [1, 10000])
def test_documents_reasoned_over_apart_give_the_closure_of_the_whole_store(seed_store_path, size):
    """One document at a time (size 1) and a batch of them alike."""
    store = open_store(seed_store_path, read_only=True)
    reasoner = Reasoner(store.triples(ONTOLOGY_GRAPH))
    written = []
    recorder = type("Recorder", (), {"add_triples": lambda self, graph, triples: written.extend(triples),
                                     "query": lambda self, *a, **k: store.query(*a, **k)})()
    pending = Pending(recorder, reasoner, size)
    for graph in store.graphs():
        if graph.startswith("http://127.0.0.1:8000/graph/"):
            pending.add(store.triples(graph))
    pending.flush()
    asserted = set(store.query(kg.inference.ASSERTED))
    assert (set(written) | reasoner.entailed) - asserted == set(entailments(store))


def test_pending_documents_are_reasoned_over_once_a_batch_is_full(tmp_path):
    store = open_store(tmp_path / "store")
    pending = Pending(store, Reasoner(TBOX), size=3)
    pending.add(DATA[:2])
    assert (len(pending.triples), store.triples(INFERENCE_GRAPH)) == (2, [])
    pending.add(DATA[2:3])
    assert pending.triples == [] and set(store.triples(INFERENCE_GRAPH)) == {
        Triple(ex("s"), TYPE, ex("Statement")), Triple(ex("s"), TYPE, ex("Entity")),
        Triple(ex("s"), ex("name"), Literal("A"))}


def test_a_build_recomputes_inference_only_when_it_must(tmp_path, empty_store, monkeypatch):
    recomputed = []
    prepare = kg.build.Builder.prepare_inference
    monkeypatch.setattr(kg.build.Builder, "prepare_inference",
                        lambda self: prepare(self) or (self.pending and recomputed.append(self.recompute)))
    corpus = tmp_path / "corpus"
    _, b = write_articles(corpus, **ARTICLES)
    build(corpus, empty_store)                       # no inference graph yet
    b.write_text(ARTICLES["b.txt"].replace("tariff", "visa"))
    build(corpus, empty_store)                       # kept, and changed with the one document
    (extra,) = write_articles(tmp_path / "elsewhere", **{"c.txt": ARTICLES["a.txt"]})
    add([extra], empty_store, infer=False)           # drops the inference graph
    build(corpus, empty_store)
    assert recomputed == [True, False, True]
    assert set(empty_store.triples(INFERENCE_GRAPH)) == set(entailments(empty_store))
    assert SHARED_GRAPH in empty_store.graphs()
