"""Linked data: curated IRIs dereference at /id/NAME, Turtle with prefixes, JSON-LD with an
@context, and links from each page to its RDF versions."""
import json
import re

import pytest
from pyoxigraph import Literal, NamedNode, Triple
from rdflib import Graph, URIRef

from kg.store import open_store
from server import create_app

LAVROV = "https://w3id.org/whosaid/id/sergey-lavrov"
FAMILY_NAME = (URIRef(LAVROV), URIRef("http://xmlns.com/foaf/0.1/familyName"))
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def client(seed_store_path):
    return create_app({"STORE": str(seed_store_path), "BASE_IRI": "http://127.0.0.1:8000/"}).test_client()


def test_curated_iri_dereferences_at_its_name_in_turtle_with_prefixes(client):
    r = client.get("/id/sergey-lavrov", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle" and r.headers["Vary"] == "Accept"
    body = r.get_data(as_text=True)
    assert "@prefix ref: <https://w3id.org/whosaid/id/> ." in body
    assert "@prefix foaf: <http://xmlns.com/foaf/0.1/> ." in body
    assert 'foaf:familyName "Lavrov"' in body and "<https://w3id.org/whosaid/id/sergey-lavrov>" not in body
    assert body.count("\nref:sergey-lavrov ") == 1               # the subject is written once
    graph = Graph().parse(data=body, format="turtle")
    assert (*FAMILY_NAME, None) in graph
    same = client.get("/resource", query_string={"iri": LAVROV}, headers={"Accept": "text/turtle"})
    assert Graph().parse(data=same.get_data(as_text=True), format="turtle").isomorphic(graph)


def test_json_ld_is_compacted_against_an_at_context(client):
    r = client.get("/id/sergey-lavrov", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.mimetype == "application/ld+json"
    doc = json.loads(r.get_data(as_text=True))
    assert doc["@context"]["ref"] == "https://w3id.org/whosaid/id/"
    assert doc["@context"]["ws"] == "https://w3id.org/whosaid/ontology#"
    lavrov = next(node for node in doc["@graph"] if node["@id"] == "ref:sergey-lavrov")
    assert lavrov["foaf:familyName"] == "Lavrov"
    assert lavrov["ws:tenure"] == {"@id": "ref:lavrov-foreign-minister"}
    assert (*FAMILY_NAME, None) in Graph().parse(data=r.get_data(as_text=True), format="json-ld")


def test_ontology_turtle_and_json_ld_use_the_prefixes_too(client):
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert turtle.startswith("@prefix ") and "ws:Statement a owl:Class" in turtle
    doc = json.loads(client.get("/ontology", headers={"Accept": "application/ld+json"}).get_data(as_text=True))
    assert doc["@context"]["owl"] == "http://www.w3.org/2002/07/owl#"
    assert any(node["@id"] == "ws:Statement" for node in doc["@graph"])


def test_actor_page_at_id_links_rdf_versions_and_curated_names_at_id(client):
    r = client.get("/id/sergey-lavrov", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert "<h1>Sergey Lavrov</h1>" in page
    links = re.findall(r'href="([^"]+)"', page)
    assert {"/id/sergey-lavrov?format=turtle", "/id/sergey-lavrov?format=jsonld", "/id/sergey-lavrov?format=nt",
            "/id/sergey-lavrov?format=rdfxml"} <= set(links)
    assert "/id/foreign-minister-of-russia" in links and "/id/lavrov-foreign-minister" in links
    assert not [link for link in links if "w3id.org%2Fwhosaid%2Fid" in link or "iri=https://w3id.org/whosaid/id/" in link]
    for link in {link for link in links if link.startswith("/id/") and "format=" not in link}:
        answer = client.get(link, headers={"Accept": "text/html"})
        assert (link, answer.status_code, answer.mimetype) == (link, 200, "text/html")
    for fmt, media in [("turtle", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
                       ("rdfxml", "application/rdf+xml")]:
        answer = client.get(f"/id/sergey-lavrov?format={fmt}", headers={"Accept": "text/html"})
        assert (fmt, answer.status_code, answer.mimetype) == (fmt, 200, media)


def test_unknown_names_and_formats(client):
    r = client.get("/id/no-such-name")
    assert r.status_code == 404 and r.json["error"]["detail"] == (
        "nothing is known about <http://127.0.0.1:8000/id/no-such-name> or <https://w3id.org/whosaid/id/no-such-name>")
    # two segments are a minted IRI's shape: never read as a curated name
    r = client.get("/id/actor/sergey-lavrov")
    assert r.status_code == 404 and r.json["error"]["detail"] == (
        "nothing is known about <http://127.0.0.1:8000/id/actor/sergey-lavrov>")
    r = client.get("/id/sergey-lavrov?format=yaml")
    assert r.status_code == 406 and "yaml" in r.json["error"]["detail"]


def test_a_minted_iri_wins_over_a_curated_one_of_the_same_name(tmp_path):
    store = open_store(tmp_path / "store")
    store.add_triples("http://127.0.0.1:8000/graph/t", [
        Triple(NamedNode("http://127.0.0.1:8000/id/x"), NamedNode(LABEL), Literal("minted x")),
        Triple(NamedNode("https://w3id.org/whosaid/id/x"), NamedNode(LABEL), Literal("curated x")),
        Triple(NamedNode("https://w3id.org/whosaid/id/y"), NamedNode(LABEL), Literal("curated y"))])
    del store
    client = create_app({"STORE": str(tmp_path / "store"), "BASE_IRI": "http://127.0.0.1:8000/"}).test_client()
    x = client.get("/id/x", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert x == '<http://127.0.0.1:8000/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "minted x" .\n'
    y = client.get("/id/y", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert y == '<https://w3id.org/whosaid/id/y> <http://www.w3.org/2000/01/rdf-schema#label> "curated y" .\n'
