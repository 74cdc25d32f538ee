"""The store contract, run on every backend (embedded Oxigraph and a real Fuseki): graph writes,
queries with bound parameters, errors, incremental ingest and the inference graph."""
import json

import pytest
from pyoxigraph import Literal, NamedNode, QueryResultsFormat, Triple, Variable

from kg.bindings import where_brace, with_values
from kg.build import add, build, remove
from kg.inference import closure, entailments
from kg.remote import Endpoints, RemoteStore
from kg.store import StoreError, open_store
from kg.vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, SHARED_GRAPH

from .conftest import free_port
from .test_build_and_queries import dump, run

G = "urn:test:graph"
A, B = NamedNode("urn:test:a"), NamedNode("urn:test:b")
ARTICLES = {
    "a.txt": "Border talks\n\nKarl Mertens, a German diplomat, said Berlin supports the new border commission.\n",
    "b.txt": "More talks\n\nKarl Mertens said that Germany opposes the new tariff regime.\n",
}
KARL = "http://127.0.0.1:8000/id/actor/karl-mertens"


def triple(value: str) -> Triple:
    return Triple(A, B, Literal(value))


def write_articles(directory, **texts):
    directory.mkdir(exist_ok=True)
    for name, text in texts.items():
        (directory / name).write_text(text)
    return [directory / name for name in texts]


def statements(store) -> list[tuple[str, str, str]]:
    rows = run(store, "statements")["results"]["bindings"]
    return [(r["source"]["value"], r["speakerLabel"]["value"], r["topicLabel"]["value"]) for r in rows]


# ---------------------------------------------------------------- graphs

def test_replace_graph_swaps_the_whole_graph(empty_store):
    empty_store.replace_graph(G, [triple("one"), triple("two")])
    empty_store.replace_graph(G, [triple("three")])
    assert empty_store.triples(G) == [triple("three")]
    assert empty_store.graphs() == [G] and len(empty_store) == 1


def test_add_drop_and_the_default_graph(empty_store):
    empty_store.add_triples(G, [triple("one")])
    empty_store.add_triples(G, [triple("two")])
    empty_store.add_triples(None, [triple("in default")])
    assert sorted(t.object.value for t in empty_store.triples(G)) == ["one", "two"]
    empty_store.drop_graph(G)
    empty_store.drop_graph("urn:test:never-there")
    assert empty_store.triples(G) == [] and G not in empty_store.graphs()
    empty_store.drop_graph(None)
    assert empty_store.triples(None) == []


def test_named_graphs_are_the_default_graph_of_queries(empty_store):
    empty_store.replace_graph(G, [triple("x")])
    assert bool(empty_store.query('ASK { <urn:test:a> <urn:test:b> "x" }'))
    empty_store.check_union_default_graph(G)


def test_update_and_its_errors(empty_store):
    empty_store.update(f'INSERT DATA {{ GRAPH <{G}> {{ <urn:test:a> <urn:test:b> "u" }} }}')
    assert empty_store.triples(G) == [triple("u")]
    with pytest.raises(SyntaxError):
        empty_store.update("INSERT DATA { <urn:a> }")
    with pytest.raises(SyntaxError):
        empty_store.query("SELECT ?s WHERE { ?s ?p }")


def test_parameters_are_typed_terms_on_every_backend(empty_store):
    hostile = 'x" } UNION { ?s ?p ?o } #'
    empty_store.replace_graph(G, [triple("plain"), triple(hostile)])
    query = "SELECT ?s ?value WHERE { ?s <urn:test:b> ?value }"   # Oxigraph binds projected variables only
    for value in ("plain", hostile):
        rows = list(empty_store.query(query, substitutions={Variable("value"): Literal(value)}))
        assert [r["s"] for r in rows] == [A]
    assert list(empty_store.query(query, substitutions={Variable("value"): Literal("none")})) == []


def test_construct_gives_triples(empty_store):
    empty_store.replace_graph(G, [triple("c")])
    assert list(empty_store.query("CONSTRUCT WHERE { ?s ?p ?o }")) == [triple("c")]


# ---------------------------------------------------------------- incremental ingest

def test_add_then_remove_keeps_shared_entities_merged(tmp_path, empty_store):
    a, b = write_articles(tmp_path / "in", **ARTICLES)
    report = add([a], empty_store)
    assert (report.documents, report.statements) == (1, 1)
    add([b], empty_store)
    assert statements(empty_store) == [("a.txt", "Karl Mertens", "new border commission"),
                                       ("b.txt", "Karl Mertens", "new tariff regime")]
    speakers = "SELECT DISTINCT ?s WHERE { ?x <https://w3id.org/whosaid/ontology#speaker> ?s }"
    assert [r["s"].value for r in empty_store.query(speakers)] == [KARL]      # one node for both articles

    report = remove([str(a)], empty_store)
    assert report.removed == 1
    assert statements(empty_store) == [("b.txt", "Karl Mertens", "new tariff regime")]
    assert bool(empty_store.query(f"ASK {{ <{KARL}> a ?type }}"))              # still known from b.txt
    # nothing inferred from a.txt outlives it
    assert not bool(empty_store.query('ASK { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "http://127.0.0.1:8000/id/statement/a-txt-")) }'))


def test_adding_a_changed_file_replaces_its_graph(tmp_path, empty_store):
    (path,) = write_articles(tmp_path / "in", **{"a.txt": ARTICLES["a.txt"]})
    add([path], empty_store)
    path.write_text("Border talks\n\nKarl Mertens said Berlin rejects the new border commission.\n")
    add([path], empty_store)
    stances = run(empty_store, "statements")["results"]["bindings"]
    assert [r["stance"]["value"].rsplit("/", 1)[-1] for r in stances] == ["rejects"]


def test_add_skips_unreadable_files_and_remove_names_unknown_ones(tmp_path, empty_store):
    (good,) = write_articles(tmp_path / "in", **{"a.txt": ARTICLES["a.txt"]})
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    report = add([good, bad, tmp_path / "missing.txt"], empty_store)
    assert report.documents == 1
    assert [name for name, _ in report.skipped] == ["bad.txt", "missing.txt"]
    with pytest.raises(StoreError, match="no document built from nothing.txt"):
        remove(["nothing.txt"], empty_store)


def test_build_keeps_what_add_brought_in_unless_pruned(tmp_path, empty_store):
    corpus = tmp_path / "corpus"
    write_articles(corpus, **{"a.txt": ARTICLES["a.txt"], "c.txt": ARTICLES["b.txt"].replace("tariff", "visa")})
    (extra,) = write_articles(tmp_path / "elsewhere", **{"b.txt": ARTICLES["b.txt"]})
    build(corpus, empty_store)
    add([extra], empty_store)
    (corpus / "c.txt").unlink()                     # gone from the corpus: its graph goes
    report = build(corpus, empty_store)
    assert (report.removed, report.kept) == (1, ["b.txt"])
    assert [s[0] for s in statements(empty_store)] == ["a.txt", "b.txt"]
    assert report.summary().splitlines()[1] == ("kept 1 documents this build did not read (added with kg add, "
                                                "or skipped now): b.txt; kg build --prune drops them")
    report = build(corpus, empty_store, prune=True)
    assert (report.removed, report.kept) == (1, []) and [s[0] for s in statements(empty_store)] == ["a.txt"]


def test_build_keeps_the_graph_of_a_corpus_file_it_cannot_read_now(tmp_path, empty_store):
    corpus = tmp_path / "corpus"
    (a, b) = write_articles(corpus, **ARTICLES)
    build(corpus, empty_store)
    b.write_bytes(b"\x00\x01")
    report = build(corpus, empty_store)
    assert report.skipped == [("b.txt", "binary file (NUL bytes)")] and report.kept == ["b.txt"]
    assert [s[0] for s in statements(empty_store)] == ["a.txt", "b.txt"]


# ---------------------------------------------------------------- inference

INFERRED = "https://w3id.org/whosaid/graph/inferred"


def test_inference_graph_holds_only_what_is_not_asserted(seed_store):
    assert INFERENCE_GRAPH == INFERRED and INFERRED in seed_store.graphs()
    overlap = f"""ASK {{ GRAPH <{INFERRED}> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED}>) }}"""
    assert not bool(seed_store.query(overlap))
    # identity links to Wikidata are not reasoned over: no statement gets a Wikidata speaker
    assert not bool(seed_store.query("ASK { ?x <https://w3id.org/whosaid/ontology#speaker> ?s "
                                     "FILTER(STRSTARTS(STR(?s), 'http://www.wikidata.org/')) }"))


def test_class_hierarchy_and_inverse_properties_answer_without_a_reasoner(seed_store):
    actors = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/whosaid/ontology#Actor> }"
    people = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/whosaid/ontology#Person> }"
    count = lambda q: int(next(iter(seed_store.query(q)))["n"].value)  # noqa: E731
    assert count(actors) > count(people) > 0
    governs = ("SELECT ?g WHERE { ?g <https://w3id.org/whosaid/ontology#governs> "
               "<https://w3id.org/whosaid/id/russia> }")
    assert [r["g"].value for r in seed_store.query(governs)] == ["https://w3id.org/whosaid/id/russian-government"]
    # a speaker is, by the ontology, who a statement is attributed to in PROV terms
    attributed = ("ASK { <http://127.0.0.1:8000/id/statement/000_7e2b9972726f95d0-txt-957fa235dc70> "
                  "<http://www.w3.org/ns/prov#wasAttributedTo> <https://w3id.org/whosaid/id/sergey-lavrov> }")
    assert bool(seed_store.query(attributed))


def test_no_inference_leaves_the_graph_out(tmp_path, empty_store):
    a, b = write_articles(tmp_path / "in", **ARTICLES)
    add([a], empty_store)
    assert INFERRED in empty_store.graphs()
    report = add([b], empty_store, infer=False)      # the graph would be stale: it goes
    assert report.inferred is None and INFERRED not in empty_store.graphs()


def inferred_now(store) -> set[str]:
    return set(map(str, store.triples(INFERRED)))


def recomputed(store) -> set[str]:
    return set(map(str, entailments(store)))


def test_add_and_remove_keep_the_inference_graph_as_a_full_recomputation_would(tmp_path, empty_store):
    third = "Talks\n\nKarl Mertens told Lavrov that Berlin supports sanctions against Iran.\n"
    a, b, c = write_articles(tmp_path / "in", **ARTICLES, **{"c.txt": third})
    add([a], empty_store)
    for step in (lambda: add([b, c], empty_store),                # Karl Mertens now in three documents
                 lambda: remove(["a.txt"], empty_store),
                 lambda: c.write_text(third.replace("supports", "opposes")) and add([c], empty_store),
                 lambda: remove(["b.txt", "c.txt"], empty_store)):
        report = step()
        assert inferred_now(empty_store) == recomputed(empty_store)
        assert report.inferred == len(inferred_now(empty_store))


def test_no_rule_joins_two_documents(seed_store_path):
    """What incremental inference relies on: the seed store entails nothing beyond what the
    ontology and the shared graph entail with each document alone."""
    store = open_store(seed_store_path, read_only=True)
    ontology = store.triples(ONTOLOGY_GRAPH) + store.triples(SHARED_GRAPH)
    documents = [g for g in store.graphs() if g not in (ONTOLOGY_GRAPH, SHARED_GRAPH, INFERRED)]
    one_by_one = set().union(*(closure(ontology + store.triples(g)) for g in documents))
    asserted = {t for g in documents for t in store.triples(g)}
    assert one_by_one - asserted == set(entailments(store))


# ---------------------------------------------------------------- the two backends agree

def test_fuseki_gives_exactly_the_statements_of_the_embedded_store(seed_store_path, seed_fuseki_url):
    embedded, remote = open_store(seed_store_path, read_only=True), open_store(seed_fuseki_url, read_only=True)
    as_json = lambda s: json.loads(s.query(__import__("kg.queries").queries.get("statements").sparql)  # noqa: E731
                                   .serialize(format=QueryResultsFormat.JSON))
    assert as_json(remote) == as_json(embedded)
    assert len(as_json(remote)["results"]["bindings"]) >= 30


def test_both_backends_store_the_same_graphs(seed_store_path, seed_fuseki_url):
    """Every triple agrees, but for one Oxigraph habit: it stores xsd:dateTimeStamp as xsd:dateTime."""
    stamp = lambda d: {g: sorted(t.replace("XMLSchema#dateTimeStamp>", "XMLSchema#dateTime>") for t in ts)  # noqa: E731
                       for g, ts in d.items()}
    assert stamp(dump(open_store(seed_fuseki_url))) == stamp(dump(open_store(seed_store_path, read_only=True)))


# ---------------------------------------------------------------- remote specifics

def test_a_server_without_a_union_default_graph_is_named_in_the_error(tmp_path, fuseki):
    corpus = tmp_path / "corpus"
    write_articles(corpus, **{"a.txt": ARTICLES["a.txt"]})
    with pytest.raises(StoreError, match="unionDefaultGraph"):
        build(corpus, open_store(fuseki.url("plain")), infer=False)


def test_an_unreachable_server_is_a_store_error():
    store = open_store(f"http://127.0.0.1:{free_port()}/kg")
    with pytest.raises(StoreError, match="Connection refused"):
        store.query("ASK {}")
    with pytest.raises(StoreError):
        store.replace_graph(G, [triple("x")])


def test_read_only_remote_store_refuses_writes(seed_fuseki_url):
    with pytest.raises(StoreError, match="read-only"):
        open_store(seed_fuseki_url, read_only=True).drop_graph(ONTOLOGY_GRAPH)


def test_endpoints_and_credentials_from_the_environment():
    fuseki = Endpoints.from_env("http://db:3030/kg", {})
    assert (fuseki.query, fuseki.update, fuseki.data, fuseki.auth) == (
        "http://db:3030/kg/query", "http://db:3030/kg/update", "http://db:3030/kg/data", None)
    graphdb = Endpoints.from_env("http://db:7200/repositories/kg", {
        "KG_STORE_UPDATE_URL": "kg/statements", "KG_STORE_DATA_URL": "http://db:7200/repositories/kg/rdf-graphs/service",
        "KG_STORE_USER": "ana", "KG_STORE_PASSWORD": "pw", "KG_STORE_TIMEOUT": "5"})
    assert graphdb.query == "http://db:7200/repositories/kg/query"
    assert graphdb.update == "http://db:7200/repositories/kg/kg/statements"
    assert graphdb.data.endswith("/rdf-graphs/service") and graphdb.auth == ("ana", "pw") and graphdb.timeout == 5
    assert isinstance(open_store("https://example.org/ds"), RemoteStore)


# ---------------------------------------------------------------- VALUES for servers

@pytest.mark.parametrize("query, opens", [
    ("ASK { ?s ?p ?o }", "{ ?s"),
    ("SELECT * { ?s ?p ?o }", "{ ?s"),
    ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o . ?o ?q ?r }", "{ ?s ?p ?o . ?o"),
    ('PREFIX a: <http://x/> # WHERE {\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ?where WHERE { ?where ?y "WHERE {" }', "{ ?where"),
])
def test_values_open_the_outermost_where_group(query, opens):
    assert query[where_brace(query):].startswith(opens)


def test_construct_where_has_no_group_for_values():
    with pytest.raises(ValueError, match="no WHERE clause"):     # its template may hold triples only
        where_brace("CONSTRUCT WHERE { ?s ?p ?o }")


def test_values_are_written_as_escaped_terms():
    text = with_values("SELECT ?s WHERE { ?s ?p ?v }", {Variable("v"): Literal('a"} #'), Variable("p"): B})
    assert text == 'SELECT ?s WHERE {\n  VALUES (?v ?p) { ("a\\"} #" <urn:test:b>) } ?s ?p ?v }'


def test_replace_if_changed_compares_as_the_store_keeps_literals(empty_store):
    stamp = Triple(A, B, Literal("2000-01-01T00:00:00Z", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#dateTimeStamp")))
    assert empty_store.replace_graph_if_changed(G, [stamp, triple("x")]) is True
    assert empty_store.replace_graph_if_changed(G, [triple("x"), stamp]) is False
    assert empty_store.replace_graph_if_changed(G, [triple("y")]) is True and empty_store.triples(G) == [triple("y")]
