"""What the SPARQL editor completes from: the data's prefixes and the ontology's terms, from this
server alone and bounded (`server/editor.py`; the editor itself is tried in `test_browser.py`)."""
import pytest
from pyoxigraph import NamedNode, Triple

from kg.store import open_store
from kg.vocab import ONTOLOGY_GRAPH
from server import create_app, editor

WS = "https://w3id.org/whosaid/ontology#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def client(seed_location):
    return create_app({"STORE": seed_location, "TESTING": True}).test_client()


def test_prefixes_are_the_datas_in_prefix_cc_shape(client):
    r = client.get("/editor/prefixes")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.json["ws"] == WS and r.json["stance"] == "https://w3id.org/whosaid/stance/"
    assert r.json["prov"] == "http://www.w3.org/ns/prov#" and len(r.json) == 15
    assert r.headers["Cache-Control"] == "max-age=300"


def test_terms_are_the_ontologys_classes_and_properties_and_nothing_else(client):
    r = client.get("/editor/terms")
    assert r.status_code == 200
    classes, properties = r.json["classes"], r.json["properties"]
    assert WS + "Statement" in classes and WS + "Actor" in classes and "http://www.w3.org/ns/prov#Agent" in classes
    assert WS + "speaker" in properties and WS + "stance" in properties
    assert "http://www.w3.org/2000/01/rdf-schema#label" in properties      # built in, never declared
    assert classes == sorted(classes) and properties == sorted(properties)
    assert not set(classes) & set(properties)
    # individuals are neither: a curated actor, a stance, a topic
    everything = set(classes) | set(properties)
    assert "https://w3id.org/whosaid/id/sergey-lavrov" not in everything
    assert "https://w3id.org/whosaid/stance/opposes" not in everything
    assert not [t for t in everything if t.startswith("https://w3id.org/whosaid/id/")]


def test_terms_are_bounded_however_large_the_ontology(tmp_path):
    store = open_store(tmp_path / "store")
    many = [Triple(NamedNode(f"{WS}Class{i:05d}"), RDF_TYPE, NamedNode(OWL + "Class"))
            for i in range(editor.MAX_TERMS + 5)]
    store.add_triples(ONTOLOGY_GRAPH, many)
    store.flush()
    del store
    r = create_app({"STORE": str(tmp_path / "store"), "TESTING": True}).test_client().get("/editor/terms")
    assert len(r.json["classes"]) == editor.MAX_TERMS
    assert r.json["classes"][-1] == f"{WS}Class{editor.MAX_TERMS - 1:05d}"
    assert len(r.json["properties"]) == len(editor.BUILT_IN_PROPERTIES)


def test_examples_are_the_canned_queries_as_they_run_for_their_examples(client):
    from kg import queries
    r = client.get("/editor/examples")
    assert r.status_code == 200 and set(r.json) == set(queries.catalogue())
    lavrov = r.json["positions-of-actor"]
    assert lavrov.startswith("PREFIX") and "#+" not in lavrov
    assert "<https://w3id.org/whosaid/id/sergey-lavrov>" in lavrov and "LIMIT 100" in lavrov
