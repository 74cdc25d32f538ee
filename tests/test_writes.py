"""Writes survive errors: a failed update is a 4xx that changes nothing and locks nothing, and the
parsers behind the write endpoints refuse texts built to crash or blow them up."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from server import create_app

BEARER = {"Authorization": "Bearer s3cret"}
ADDED = 'ASK { <urn:x> <urn:y> "z" }'
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture
def store(seed_store_path, tmp_path) -> Path:
    location = tmp_path / "store"
    shutil.copytree(seed_store_path, location)
    return location


@pytest.fixture
def client(store):
    app = create_app({"STORE": str(store), "UPDATE_TOKEN": "s3cret", "QUERY_WORKERS": 1})
    yield app.test_client()
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def ask(client, query=ADDED) -> bool:
    return client.get("/sparql", query_string={"query": query}).json["boolean"]


def test_a_failed_update_changes_nothing_and_the_next_write_succeeds(client, store, tmp_path):
    r = client.post("/update", data={"update": 'INSERT DATA { <urn:x> <urn:y> "z" } ; DROP GRAPH <urn:nope>'}, headers=BEARER)
    assert r.status_code == 400 and r.json["error"]["detail"] == "The graph <urn:nope> does not exist"
    assert ask(client) is False                             # one transaction: the INSERT did not land
    assert client.post("/update", data={"update": 'INSERT DATA { <urn:x> <urn:y> "z" }'}, headers=BEARER).status_code == 204
    assert ask(client) is True
    article = tmp_path / "late.txt"                          # and no lock is left for other writers
    article.write_text("Talks\n\nLavrov said that Moscow opposes the new tariff regime.\n")
    done = subprocess.run([str(Path(sys.executable).with_name("kg")), "add", str(article), "--store", str(store)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("update, status, detail", [
    ("INSERT DATA { <urn:a> }", 400, "malformed update: "),
    ("LOAD <http://127.0.0.1:9/x>", 403, "LOAD is disabled"),
    ("INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{ " * 3000 + "}" * 3000, 400, "update nested too deeply"),
])
def test_bad_updates_are_client_errors_and_the_store_stays_writable(client, update, status, detail):
    r = client.post("/update", data={"update": update}, headers=BEARER)
    assert r.status_code == status and r.json["error"]["detail"].startswith(detail), r.json
    assert client.post("/update", data={"update": 'INSERT DATA { <urn:x> <urn:y> "z" }'}, headers=BEARER).status_code == 204


def put(client, body, media):
    return client.put("/data?graph=urn:g", data=body, content_type=media, headers=BEARER)


def test_json_ld_nested_too_deep_is_refused_not_crashed(client):
    deep = '{"@id": "urn:a", "urn:p": ' * 4000 + '"x"' + "}" * 4000
    r = put(client, deep, "application/ld+json")
    assert r.status_code == 400 and r.json["error"]["detail"] == "JSON-LD nested deeper than 100 levels"
    assert put(client, '{"@id": "urn:a", "urn:p": {"@id": "urn:b", "urn:q": "x"}}', "application/ld+json").status_code == 201
    assert ask(client, 'ASK { GRAPH <urn:g> { <urn:b> <urn:q> "x" } }') is True


def rdf_xml(dtd: str, value: str, about="urn:a") -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{dtd}]><rdf:RDF xmlns:rdf="{RDF}">'
            f'<rdf:Description rdf:about="{about}"><p xmlns="urn:">{value}</p></rdf:Description></rdf:RDF>')


def test_rdf_xml_entity_expansion_is_bounded(client):
    bomb = '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh"))
    r = put(client, rdf_xml(bomb, "&h;&h;"), "application/rdf+xml")
    assert r.status_code == 400 and "amplification" in r.json["error"]["detail"]
    external = put(client, rdf_xml('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"), "application/rdf+xml")
    assert external.status_code == 400 and "Entity 'x' not defined" in external.json["error"]["detail"]
    ok = put(client, rdf_xml('<!ENTITY e "http://e/">', "v", about="&e;a"), "application/rdf+xml")
    assert ok.status_code == 201 and ask(client, 'ASK { GRAPH <urn:g> { <http://e/a> <urn:p> "v" } }') is True


def test_a_body_over_the_limit_is_refused_by_its_length(seed_store_path):
    small = create_app({"STORE": str(seed_store_path), "UPDATE_TOKEN": "s3cret", "MAX_CONTENT_LENGTH": 1000})
    r = small.test_client().put("/data?graph=urn:g", data="<urn:a> <urn:b> <urn:c> .\n" * 100,
                                content_type="application/n-triples", headers=BEARER)
    assert r.status_code == 413


def test_the_memory_cap_counts_over_what_a_worker_holds_and_survives_rewrites(store):
    """256 MB is less than a worker with its store open maps on its own (the deep stack, the store's
    threads and caches): an absolute cap that small would leave no worker able to answer."""
    app = create_app({"STORE": str(store), "UPDATE_TOKEN": "s3cret", "QUERY_WORKERS": 1,
                      "QUERY_MEMORY_BYTES": 256_000_000})
    client = app.test_client()
    try:
        for n in range(5):                                   # each write makes the worker reopen the store
            assert client.post("/update", data={"update": f'INSERT DATA {{ <urn:x> <urn:y> {n} }}'},
                               headers=BEARER).status_code == 204
            assert ask(client, f"ASK {{ <urn:x> <urn:y> {n} }}") is True
        hungry = client.get("/sparql", query_string={"query": 'SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { '
                            '?a ?b ?c . ?d ?e ?f . BIND(CONCAT(STR(?a), STR(?d), STR(RAND())) AS ?w) }'})
        assert hungry.status_code in (413, 503), hungry.data
        assert ask(client, "ASK { <urn:x> <urn:y> 4 }") is True
    finally:
        for runner in app.extensions.get("kg_runner", {}).values():
            runner.close()
