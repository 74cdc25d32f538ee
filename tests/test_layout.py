"""The data layout, on both backends: a document's graph holds what the document says; what is
known about a node several documents name (a minted actor's or topic's type and label) is in the
shared graph once, kept while some document names the node and dropped when none does."""
from kg.build import add, build, remove
from kg.vocab import SHARED_GRAPH

from .test_store import ARTICLES, write_articles

BASE = "http://127.0.0.1:8000/"
KARL = f"<{BASE}id/actor/karl-mertens>"
TYPE, LABEL = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>"
ISSUE = "<https://w3id.org/whosaid/ontology#Issue>"


def described(slug: str, label: str) -> set[str]:
    node = f"<{BASE}id/{slug}>"
    kind = "<https://w3id.org/whosaid/ontology#Person>" if slug.startswith("actor/") else ISSUE
    return {f"{node} {TYPE} {kind}", f'{node} {LABEL} "{label}"@en'}


def shared(store) -> set[str]:
    return set(map(str, store.triples(SHARED_GRAPH)))


def test_two_documents_naming_one_actor_describe_it_once_in_the_shared_graph(tmp_path, empty_store):
    a, b = write_articles(tmp_path / "in", **ARTICLES)
    add([a, b], empty_store)
    assert shared(empty_store) == (described("actor/karl-mertens", "Karl Mertens")
                                   | described("topic/new-border-commission", "new border commission")
                                   | described("topic/new-tariff-regime", "new tariff regime"))
    for graph in (f"{BASE}graph/a.txt", f"{BASE}graph/b.txt"):
        own = empty_store.triples(graph)
        assert not [t for t in own if t.subject.value.startswith((f"{BASE}id/actor/", f"{BASE}id/topic/"))]
        assert sum(str(t.object) == KARL for t in own) == 3          # it names him: mentions, speaker, holder
    # the union default graph gives one label however many documents name him
    labels = list(empty_store.query(f"SELECT ?l WHERE {{ {KARL} {LABEL} ?l }}"))
    assert [row["l"].value for row in labels] == ["Karl Mertens"]


def test_a_removed_document_takes_away_the_nodes_only_it_named(tmp_path, empty_store):
    a, b = write_articles(tmp_path / "in", **ARTICLES)
    add([a, b], empty_store)
    remove(["a.txt"], empty_store)
    assert shared(empty_store) == (described("actor/karl-mertens", "Karl Mertens")
                                   | described("topic/new-tariff-regime", "new tariff regime"))
    assert not bool(empty_store.query(f"ASK {{ <{BASE}id/topic/new-border-commission> ?p ?o }}"))
    remove(["b.txt"], empty_store)
    assert shared(empty_store) == set()
    assert not bool(empty_store.query(f"ASK {{ {KARL} ?p ?o }}"))     # nor inferred facts about him


def test_a_changed_document_that_no_longer_names_a_topic_lets_it_go(tmp_path, empty_store):
    (a,) = write_articles(tmp_path / "in", **{"a.txt": ARTICLES["a.txt"]})
    add([a], empty_store)
    a.write_text(ARTICLES["a.txt"].replace("new border commission", "visa agreement"))
    add([a], empty_store)
    topics = {t for t in shared(empty_store) if "/id/topic/" in t}
    assert topics == described("topic/visa-agreement", "visa agreement")


def test_a_build_drops_the_shared_facts_of_a_corpus_file_gone(tmp_path, empty_store):
    corpus = tmp_path / "corpus"
    _, b = write_articles(corpus, **ARTICLES)
    build(corpus, empty_store)
    b.unlink()
    build(corpus, empty_store)
    assert shared(empty_store) == (described("actor/karl-mertens", "Karl Mertens")
                                   | described("topic/new-border-commission", "new border commission"))


def test_a_node_named_by_a_document_that_stays_keeps_its_facts(tmp_path, empty_store):
    third = "Talks\n\nKarl Mertens said that Germany opposes the new tariff regime.\n"
    a, b, c = write_articles(tmp_path / "in", **ARTICLES, **{"c.txt": third})
    add([a, b, c], empty_store)
    remove(["b.txt"], empty_store)          # c.txt names the tariff regime too
    assert described("topic/new-tariff-regime", "new tariff regime") <= shared(empty_store)
