"""The Flask app through its test client, and a real `kg serve` through SPARQLWrapper."""
import json
import re
import socket
import time

import pytest
import requests
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from server import create_app

STATEMENTS = "PREFIX ws: <https://w3id.org/whosaid/ontology#> SELECT ?s WHERE { ?s a ws:Statement } LIMIT 3"


@pytest.fixture(scope="module")
def client(seed_location):
    """The app over the seed build, on each backend: with Fuseki it proxies every request."""
    return create_app({"STORE": seed_location, "TESTING": True}).test_client()


def test_ask_get(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 200 and r.json == {"head": {}, "boolean": True}
    assert "Access-Control-Allow-Origin" not in r.headers        # no cross-origin reads unless configured


def test_cross_origin_reads_only_for_configured_origins(seed_store_path):
    app = create_app({"STORE": str(seed_store_path), "CORS_ORIGINS": ["https://ui.example"], "QUERY_WORKERS": 1})
    client = app.test_client()
    allowed = client.get("/queries", headers={"Origin": "https://ui.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://ui.example" and "Origin" in allowed.headers["Vary"]
    assert "Access-Control-Allow-Origin" not in client.get("/queries", headers={"Origin": "https://evil.example"}).headers
    preflight = client.options("/sparql", headers={"Origin": "https://ui.example"})
    assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Methods"] == "GET, POST"


@pytest.mark.parametrize("accept, media, start", [
    ("application/sparql-results+json", "application/sparql-results+json", '{"head"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ("text/csv", "text/csv", "s\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?s\n"),
])
def test_select_negotiates_result_formats(client, accept, media, start):
    r = client.post("/sparql", data={"query": STATEMENTS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == media
    assert r.get_data(as_text=True).startswith(start)


@pytest.mark.parametrize("accept, marker", [
    ("text/turtle", "<https://w3id.org/whosaid/ontology#Statement>"),
    ("application/n-triples", "<https://w3id.org/whosaid/ontology#Statement> ."),
    ("application/rdf+xml", "rdf:RDF"),
    ("application/ld+json", "@id"),
])
def test_construct_negotiates_rdf_formats(client, accept, marker):
    q = "CONSTRUCT WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 2"
    r = client.post("/sparql", data=q, content_type="application/sparql-query", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    assert marker in r.get_data(as_text=True)


def test_format_parameter_is_a_fallback(client):
    r = client.get("/sparql", query_string={"query": STATEMENTS, "format": "csv"})
    assert r.mimetype == "text/csv"


def test_malformed_query_is_400_with_the_parser_message(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert r.status_code == 400
    detail = r.json["error"]["detail"]        # the inspector's parser, with the position
    assert detail.startswith("malformed query: ") and re.search(r"\(line:1, col:\d+\)", detail)


def test_unacceptable_accept_is_406(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_service_description_without_query(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and "sd:Service" in r.get_data(as_text=True)


def test_a_request_carries_one_operation_by_one_of_the_protocols_ways(client):
    ask = "ASK {}"
    assert client.get("/sparql", query_string=[("query", ask)]).status_code == 200
    r = client.get("/sparql", query_string=[("query", ask), ("query", "SELECT * {}")])
    assert (r.status_code, r.json["error"]["detail"]) == (400, "one 'query' parameter per request, not 2")
    r = client.post("/sparql", data={"update": ["CLEAR NAMED", "CLEAR DEFAULT"]})
    assert (r.status_code, r.json["error"]["detail"]) == (400, "one 'update' parameter per request, not 2")
    both = client.post("/sparql", data={"query": ask, "update": "CLEAR NAMED"})
    assert both.status_code == 400 and "one 'query' or one 'update'" in both.json["error"]["detail"]
    assert client.post("/sparql", data={"other": "x"}).status_code == 400     # a form without either: no description
    wrong = client.post("/sparql", data=ask, content_type="text/plain")
    assert wrong.status_code == 415 and wrong.json["error"]["detail"].endswith("got text/plain")
    untyped = client.post("/sparql", data=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert untyped.status_code == 415 and untyped.json["error"]["detail"].endswith("got no Content-Type")
    assert client.post("/sparql", data=ask, content_type="application/sparql-query").json["boolean"] is True
    assert client.post("/sparql", data={"query": ask}).json["boolean"] is True


@pytest.mark.parametrize("kwargs", [
    {"data": {"update": "DROP ALL"}},
    {"data": "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "content_type": "application/sparql-update"},
    {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
])
def test_updates_are_refused(client, kwargs):
    assert client.post("/sparql", **kwargs).status_code == 403


def test_service_is_refused_but_the_word_in_a_string_is_not(client):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 403
    ok = client.get("/sparql", query_string={"query": 'SELECT * WHERE { BIND("SERVICE" AS ?x) }'})
    assert ok.status_code == 200


def test_canned_query_over_http_matches_the_cli(client, seed_store):
    from kg import queries
    r = client.get("/queries/positions-of-actor", query_string={"actor": "Lavrov"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    from kg.names import NameIndex
    canned = queries.get("positions-of-actor")
    direct = json.loads(seed_store.query(canned.prepare({"actor": "Lavrov"}, NameIndex.from_store(seed_store)))
                        .serialize(format=__import__("pyoxigraph").QueryResultsFormat.JSON))
    assert r.json == direct and len(r.json["results"]["bindings"]) == 3


def test_canned_query_errors(client):
    assert client.get("/queries/positions-of-actor").status_code == 400
    assert "actor" in client.get("/queries/positions-of-actor").json["error"]["detail"]
    assert client.get("/queries/nope").status_code == 404
    empty = client.get("/queries/positions-of-actor", query_string={"actor": "Nobody"})
    assert empty.status_code == 200 and empty.json["results"]["bindings"] == []


@pytest.mark.parametrize("name", ["positions-of-actor", "actor-profile"])
@pytest.mark.parametrize("actor", ["http", "https", "https://example.org/not an iri", "http://example.org/nobody"])
def test_canned_actor_queries_over_http_find_no_one_for_what_is_not_in_the_store(client, name, actor):
    r = client.get(f"/queries/{name}", query_string={"actor": actor}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json["results"]["bindings"] == []


def test_canned_actor_query_over_http_by_iri(client):
    r = client.get("/queries/positions-of-actor", query_string={"actor": "https://w3id.org/whosaid/id/sergey-lavrov"},
                   headers={"Accept": "application/sparql-results+json"})
    assert {b["speakerLabel"]["value"] for b in r.json["results"]["bindings"]} == {"Sergey Lavrov"}
    assert len(r.json["results"]["bindings"]) == 3


def test_query_listing_in_json_and_html(client):
    listing = client.get("/queries", headers={"Accept": "application/json"}).json["queries"]
    assert {"statements", "positions-of-actor"} <= {q["name"] for q in listing}
    html = client.get("/queries", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and "positions-of-actor" in html.get_data(as_text=True)


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("accept, query, media", [
    (BROWSER, {}, "text/html"),                                        # the page, even without its parameter
    (BROWSER, {"actor": "Lavrov"}, "text/html"),
    ("text/html", {"actor": "Lavrov"}, "text/html"),
    (BROWSER, {"actor": "Lavrov", "format": "csv"}, "text/csv"),       # a format asked for is what comes
    ("application/xml", {"actor": "Lavrov"}, "application/xml"),
    ("application/sparql-results+json", {"actor": "Lavrov"}, "application/sparql-results+json"),
    ("*/*", {"actor": "Lavrov"}, "application/sparql-results+json"),
    (None, {"actor": "Lavrov"}, "application/sparql-results+json"),
    ("text/html, application/sparql-results+xml", {"actor": "Lavrov"}, "application/sparql-results+xml"),  # a tie
    ("application/sparql-results+json, text/html;q=0.5", {"actor": "Lavrov"}, "application/sparql-results+json"),
])
def test_a_canned_query_is_a_page_for_browsers_and_results_for_machines(client, accept, query, media):
    r = client.get("/queries/positions-of-actor", query_string=query, headers={"Accept": accept} if accept else {})
    assert (r.status_code, r.mimetype) == (200, media) and "Accept" in r.headers["Vary"]
    if media != "text/html":
        assert "Sergey Lavrov" in r.get_data(as_text=True)


def test_a_canned_query_page_has_the_form_the_sparql_and_the_editor_link(client):
    from urllib.parse import parse_qs, unquote
    page = client.get("/queries/positions-of-actor", query_string={"actor": "the Kremlin"},
                      headers={"Accept": BROWSER}).get_data(as_text=True)
    assert '<input name="actor" value="the Kremlin" required' in page
    assert "SELECT DISTINCT ?actor ?speaker" in page and "#+ summary:" in page       # the file, header and all
    assert 'href="/queries/positions-of-actor?actor=the+Kremlin&amp;format=csv" type="text/csv"' in page
    editor = unquote(re.search(r'href="/#([^"]+)" id="open-in-editor"', page).group(1))
    (query,) = parse_qs(editor.replace("&amp;", "&"))["query"]
    assert "<https://w3id.org/whosaid/id/russian-government>" in query and "#+" not in query
    bare = client.get("/queries/positions-of-actor", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert '<input name="actor" value="Lavrov" required' in bare                     # the example, to run at once


def test_index_page_offers_editor_and_canned_forms(client):
    page = client.get("/").get_data(as_text=True)
    assert 'id="yasgui"' in page and 'id="network"' in page and 'data-name="positions-of-actor"' in page


# ---------------------------------------------------------------- a real server

@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select(live_server, fmt, method):
    sw = SPARQLWrapper(live_server + "/sparql")
    sw.setMethod(method)
    sw.setQuery(STATEMENTS)
    sw.setReturnFormat(fmt)
    result = sw.query().convert()
    if fmt == JSON:
        assert len(result["results"]["bindings"]) == 3
    elif fmt == XML:
        assert len(result.getElementsByTagName("result")) == 3
    else:
        assert len(result.decode().strip().splitlines()) == 4


def test_sparqlwrapper_ask_construct_and_malformed(live_server):
    sw = SPARQLWrapper(live_server + "/sparql")
    sw.setQuery("ASK { ?s a <https://w3id.org/whosaid/ontology#Statement> }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 2")
    sw.setReturnFormat("turtle")
    assert b"ontology#Statement" in sw.query().convert()
    sw.setQuery("SELECT ?s WHERE { ?s ?p }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        sw.query()


def test_concurrent_requests(live_server):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: requests.get(live_server + "/queries/statements",
                                                     headers={"Accept": "application/json"}, timeout=30).status_code,
                              range(24)))
    assert codes == [200] * 24


def test_ontology_documentation_and_rdf(client):
    html = client.get("/ontology", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and "Statement" in html.get_data(as_text=True)
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.mimetype == "text/turtle" and "\nws:Statement a owl:Class" in ttl.get_data(as_text=True)
    jsonld = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and "@id" in jsonld.get_data(as_text=True)


def test_ui_loads_its_libraries_from_this_server(client):
    import re
    page = client.get("/").get_data(as_text=True)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith(("/vendor/", "/static/")) for s in sources), sources
    for src in sources:
        assert client.get(src).status_code == 200, src
    assert client.get("/vendor/nope.js").status_code == 404


def test_void_counts_the_dataset(client, seed_store):
    from rdflib import Graph, URIRef
    r = client.get("/.well-known/void")
    graph = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    triples = next(graph.objects(None, URIRef("http://rdfs.org/ns/void#triples")))
    assert int(triples) == len(seed_store)


def test_void_uri_space_is_where_the_data_minted_not_where_it_is_served(seed_location, tmp_path):
    from rdflib import Graph, Literal, URIRef
    from kg.build import build
    from kg.store import open_store
    void = "http://rdfs.org/ns/void#"
    served = create_app({"STORE": seed_location, "BASE_IRI": "http://127.0.0.1:8001/", "QUERY_WORKERS": 1})
    graph = Graph().parse(data=served.test_client().get("/.well-known/void").get_data(as_text=True), format="turtle")
    assert set(graph.objects(None, URIRef(void + "uriSpace"))) == {Literal("http://127.0.0.1:8000/id/")}
    assert set(graph.objects(None, URIRef(void + "sparqlEndpoint"))) == {URIRef("http://127.0.0.1:8001/sparql")}
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Talks\n\nLavrov said that Moscow opposes the sanctions against Iran.\n")
    build(corpus, open_store(tmp_path / "store"), base_iri="https://kg.example.org/", infer=False)
    other = create_app({"STORE": str(tmp_path / "store"), "QUERY_WORKERS": 1})
    graph = Graph().parse(data=other.test_client().get("/.well-known/void").get_data(as_text=True), format="turtle")
    assert set(graph.objects(None, URIRef(void + "uriSpace"))) == {Literal("https://kg.example.org/id/")}


def test_openapi_is_generated_from_the_query_headers(client):
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.")
    params = {p["name"]: p for p in spec["paths"]["/queries/positions-of-actor"]["get"]["parameters"]}
    assert params["actor"]["required"] is True and params["actor"]["example"] == "Lavrov"
    canned = {f"/queries/{n}" for n in __import__("kg.queries").queries.catalogue()}
    assert set(spec["paths"]) == canned | {"/id/{name}", "/resource", "/queries", "/stats", "/editor/prefixes",
                                           "/editor/terms", "/editor/examples"}


def test_openapi_lists_the_html_pages_beside_the_machine_formats(client):
    from server.describe import RDF_MEDIA
    from server.negotiation import GRAPH_FORMATS
    assert set(RDF_MEDIA) == set(GRAPH_FORMATS)
    paths = client.get("/openapi.json").json["paths"]
    media = {path: set(op["get"]["responses"]["200"]["content"]) for path, op in paths.items()}
    assert media["/queries/positions-of-actor"] >= {"text/html", "application/sparql-results+json", "text/csv"}
    assert media["/id/{name}"] == media["/resource"] == {"text/html", *GRAPH_FORMATS}
    assert media["/stats"] == media["/queries"] == {"text/html", "application/json"}
    assert media["/editor/prefixes"] == media["/editor/terms"] == media["/editor/examples"] == {"application/json"}
    for path, expected in [("/queries/positions-of-actor", "text/html"), ("/id/sergey-lavrov", "text/html"),
                           ("/stats", "text/html"), ("/queries", "text/html")]:
        r = client.get(path, headers={"Accept": "text/html"})
        assert (path, r.status_code, r.mimetype) == (path, 200, expected)


# ---------------------------------------------------------------- linked data

@pytest.fixture(scope="module")
def ld_client(seed_location):
    return create_app({"STORE": seed_location, "BASE_IRI": "http://127.0.0.1:8000/"}).test_client()


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"])
def test_actor_iri_dereferences_in_every_rdf_format(ld_client, accept):
    from rdflib import Graph, URIRef
    r = ld_client.get("/resource", query_string={"iri": "https://w3id.org/whosaid/id/sergey-lavrov"}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}[accept]
    graph = Graph().parse(data=r.get_data(as_text=True), format=fmt)
    lavrov = URIRef("https://w3id.org/whosaid/id/sergey-lavrov")
    assert (lavrov, URIRef("http://xmlns.com/foaf/0.1/familyName"), None) in graph
    # labels of what it links to come along
    tenure_post = URIRef("https://w3id.org/whosaid/id/lavrov-foreign-minister")
    assert (lavrov, URIRef("https://w3id.org/whosaid/ontology#tenure"), tenure_post) in graph


def test_actor_page_shows_aliases_and_statements_with_quotes_in_their_sentence(ld_client):
    page = ld_client.get("/resource", query_string={"iri": "https://w3id.org/whosaid/id/sergey-lavrov"},
                         headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Sergei Lavrov" in page
    assert "Foreign Minister of Russia</a>, 2004-03-09 – now" in page
    assert "<mark>Russian Foreign Minister Sergey Lavrov has repeatedly said, flatly, that Russia opposes harsher sanctions against Iran.</mark>" in page
    assert page.count("<mark>") == 3


def test_minted_iri_is_answered_at_its_own_path(ld_client):
    r = ld_client.get("/id/statement/000_7e2b9972726f95d0-txt-957fa235dc70", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "sergey-lavrov" in r.get_data(as_text=True)
    html = ld_client.get("/id/document/001_eee35c6c9a9bc775.txt", headers={"Accept": "text/html"}).get_data(as_text=True)
    marked = set(re.findall(r'<mark title="[^"]+"><a href="(/id/statement/[^"]+)"', html))
    assert len(marked) == 6                  # every statement of 001 highlighted in the text


def test_unknown_or_bad_iris(ld_client):
    assert ld_client.get("/id/nothing/here").status_code == 404
    assert ld_client.get("/resource", query_string={"iri": "not an iri"}).status_code == 400
    assert ld_client.get("/resource").status_code == 400


def test_default_and_named_graph_uris(client):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> }"
    whole = client.get("/sparql", query_string={"query": q}).json["results"]["bindings"][0]["n"]["value"]
    one = client.get("/sparql", query_string={"query": q, "default-graph-uri": "http://127.0.0.1:8000/graph/001_eee35c6c9a9bc775.txt"})
    assert int(one.json["results"]["bindings"][0]["n"]["value"]) == 6 < int(whole)
    named = client.get("/sparql", query_string={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "named-graph-uri": ["http://127.0.0.1:8000/graph/000_7e2b9972726f95d0.txt", "https://w3id.org/whosaid/graph/ontology"]})
    assert {b["g"]["value"] for b in named.json["results"]["bindings"]} == {
        "http://127.0.0.1:8000/graph/000_7e2b9972726f95d0.txt", "https://w3id.org/whosaid/graph/ontology"}


def test_no_request_leaves_the_server(client):
    """A listener on another port sees nothing, whatever the query asks to fetch."""
    import threading
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    seen, done = [], threading.Event()

    def accept():
        while not done.is_set():
            try:
                seen.append(listener.accept())
            except OSError:
                continue

    thread = threading.Thread(target=accept)
    thread.start()
    for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                  f"SELECT * FROM <http://127.0.0.1:{port}/data> WHERE {{ ?s ?p ?o }} LIMIT 1",
                  f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1",
                  f"LOAD <http://127.0.0.1:{port}/data>"):
        client.get("/sparql", query_string={"query": query})
        client.post("/sparql", data={"update": query})
    time.sleep(0.5)
    done.set()
    thread.join()
    listener.close()
    assert seen == []


# ---------------------------------------------------------------- runaway queries

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_runaway_query_is_stopped_its_cpu_freed_and_the_server_keeps_answering(seed_store_path):
    from multiprocessing import active_children
    others = set(active_children())
    app = create_app({"STORE": str(seed_store_path), "QUERY_TIMEOUT": 1.0, "QUERY_WORKERS": 1})
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    runner = next(iter(app.extensions["kg_runner"].values()))
    before = set(active_children()) - others              # this app's one worker
    assert len(before) == 1
    started = time.monotonic()
    r = client.get("/sparql", query_string={"query": RUNAWAY})
    assert r.status_code == 503 and "stopped" in r.json["error"]["detail"]
    assert time.monotonic() - started < 10
    time.sleep(0.5)
    assert not [p for p in before if p.is_alive()]        # the process that ran it is gone
    deadline = time.monotonic() + 30                      # and a fresh one, once started, answers
    while (after := client.get("/sparql", query_string={"query": "ASK {}"})).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert after.json["boolean"] is True
    runner.close()


def test_result_size_is_limited(seed_store_path):
    app = create_app({"STORE": str(seed_store_path), "MAX_RESULT_BYTES": 1000, "QUERY_WORKERS": 1})
    r = app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "larger than 1000 bytes" in r.json["error"]["detail"]
    next(iter(app.extensions["kg_runner"].values())).close()


# ---------------------------------------------------------------- writes need the token

@pytest.fixture(params=["oxigraph", "fuseki"])
def writable(request, tmp_path):
    """An app that accepts writes with the token: over a copy of the seed build, or over the
    scratch Fuseki dataset."""
    if request.param == "oxigraph":
        import shutil
        location = str(tmp_path / "store")
        shutil.copytree(request.getfixturevalue("seed_store_path"), location)
    else:
        fuseki = request.getfixturevalue("fuseki")
        fuseki.clear("scratch")
        location = fuseki.url("scratch")
    app = create_app({"STORE": location, "UPDATE_TOKEN": "s3cret", "QUERY_WORKERS": 1})
    yield app.test_client()
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


INSERT = "INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> \"added\" } }"
ASK_ADDED = 'ASK { <urn:a> <urn:b> "added" }'
BEARER = {"Authorization": "Bearer s3cret"}


def test_writes_are_refused_without_the_token(client, writable):
    for c in (client, writable):
        assert c.post("/update", data={"update": INSERT}).status_code == 403
        assert c.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert c.put("/data?graph=urn:g", data="<urn:a> <urn:b> <urn:c> .", content_type="application/n-triples").status_code == 403
    assert writable.get("/sparql", query_string={"query": ASK_ADDED}).json["boolean"] is False


def test_update_with_the_token_is_applied_and_seen_by_the_next_query(writable):
    assert writable.get("/sparql", query_string={"query": ASK_ADDED}).json["boolean"] is False
    r = writable.post("/sparql", data=INSERT, content_type="application/sparql-update", headers=BEARER)
    assert r.status_code == 204
    assert writable.get("/sparql", query_string={"query": ASK_ADDED}).json["boolean"] is True
    assert writable.post("/update", data={"update": "INSERT DATA { <urn:a> }"}, headers=BEARER).status_code == 400


def test_load_and_service_are_refused_even_with_the_token(writable):
    for text in ("LOAD <http://127.0.0.1:9/data>", "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"):
        assert writable.post("/update", data={"update": text}, headers=BEARER).status_code == 403


def test_graph_store_protocol(writable, client):
    assert client.get("/data", query_string={"graph": "http://127.0.0.1:8000/graph/001_eee35c6c9a9bc775.txt"},
                      headers={"Accept": "application/n-triples"}).status_code == 200
    def put(body):
        return writable.put("/data?graph=urn:g", data=body, content_type="application/n-triples", headers=BEARER)
    assert put("<urn:a> <urn:b> <urn:x> .").status_code == 201           # created
    assert put("<urn:a> <urn:b> <urn:c> .").status_code == 204           # replaced
    got = writable.get("/data?graph=urn:g", headers={"Accept": "application/n-triples"})
    assert got.get_data(as_text=True).strip() == "<urn:a> <urn:b> <urn:c> ."
    assert writable.delete("/data?graph=urn:g", headers=BEARER).status_code == 204
    assert writable.get("/data?graph=urn:g").status_code == 404


def test_graph_store_head_is_a_read_without_a_body_or_a_token(writable):
    writable.put("/data?graph=urn:g", data="<urn:a> <urn:b> <urn:c> .", content_type="application/n-triples",
                 headers=BEARER)
    nt = {"Accept": "application/n-triples"}
    got, head = writable.get("/data?graph=urn:g", headers=nt), writable.head("/data?graph=urn:g", headers=nt)
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["Content-Type"] == got.headers["Content-Type"]
    assert head.headers["Content-Length"] == got.headers["Content-Length"] == str(len(got.get_data()))
    utf8 = writable.head("/data?graph=urn:g", headers={"Accept": "text/turtle; charset=utf-8"})
    assert utf8.status_code == 200 and utf8.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert writable.head("/data?graph=urn:g", headers={"Accept": "text/turtle; charset=latin-1"}).status_code == 406
    missing = writable.head("/data?graph=urn:nothing-here")
    assert missing.status_code == 404 and missing.get_data() == b""
    assert writable.head("/data").status_code == 400             # a graph must be named, for HEAD as for GET


def test_the_plain_dataset_is_asked_for_by_the_default_graphs_jena_name(writable):
    """Queries see the union of the named graphs; `default-graph-uri=urn:x-arq:DefaultGraph`
    gives the store's own default graph instead, as in Fuseki."""
    update = ('INSERT DATA { <urn:s> <urn:p> "in the default graph" . '
              'GRAPH <urn:g> { <urn:s> <urn:p> "in urn:g" } }')
    assert writable.post("/update", data={"update": update}, headers=BEARER).status_code == 204
    q = "SELECT ?o WHERE { <urn:s> <urn:p> ?o }"

    def objects(**params):
        r = writable.get("/sparql", query_string={"query": q, **params})
        assert r.status_code == 200, r.get_data(as_text=True)
        return sorted(b["o"]["value"] for b in r.json["results"]["bindings"])
    assert "in urn:g" in objects()
    assert objects(**{"default-graph-uri": "urn:x-arq:DefaultGraph"}) == ["in the default graph"]
    assert objects(**{"default-graph-uri": "urn:g"}) == ["in urn:g"]
    own = writable.get("/sparql", query_string={"query": "SELECT ?o FROM <urn:x-arq:DefaultGraph> WHERE { <urn:s> <urn:p> ?o }"})
    assert [b["o"]["value"] for b in own.json["results"]["bindings"]] == ["in the default graph"]
    assert writable.get("/sparql", query_string={"query": q, "default-graph-uri": "urn:not-here"}).status_code == 403


def test_relative_iris_resolve_against_the_endpoint(writable):
    """The protocol lets a service choose the base IRI; ours is the endpoint's configured address
    (KG_BASE_IRI + "sparql"), and a text's own BASE still wins."""
    r = writable.get("/sparql", query_string={"query": "SELECT (STR(<people/ana>) AS ?i) WHERE {}"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.json["results"]["bindings"][0]["i"]["value"] == "http://127.0.0.1:8000/people/ana"
    own = writable.get("/sparql", query_string={"query": "BASE <http://example.org/a/> SELECT (STR(<y>) AS ?i) WHERE {}"})
    assert own.json["results"]["bindings"][0]["i"]["value"] == "http://example.org/a/y"
    update = "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <people/ana> } }"
    assert writable.post("/update", data={"update": update}, headers=BEARER).status_code == 204
    ask = writable.get("/sparql", query_string={"query": "ASK { <urn:s> <urn:p> <http://127.0.0.1:8000/people/ana> }"})
    assert ask.json["boolean"] is True
    assert writable.post("/update", data={"update": "INSERT DATA { <urn:s> <urn:p> <bad iri> }"},
                         headers=BEARER).status_code == 400


def test_graph_store_default_graph_exists_when_empty(writable):
    nt = {"Accept": "application/n-triples"}
    empty = writable.get("/data?default", headers=nt)
    assert (empty.status_code, empty.get_data()) == (200, b"")
    assert writable.get("/data?graph=urn:nothing-here", headers=nt).status_code == 404
    writable.put("/data?default", data="<urn:a> <urn:b> <urn:c> .", content_type="application/n-triples",
                 headers=BEARER)
    assert writable.get("/data?default", headers=nt).get_data(as_text=True).strip() == "<urn:a> <urn:b> <urn:c> ."


def test_oversized_query_is_refused(seed_store_path):
    small = create_app({"STORE": str(seed_store_path), "MAX_QUERY_BYTES": 100}).test_client()
    r = small.post("/sparql", data={"query": "ASK { " + "?s ?p ?o . " * 20 + "}"})
    assert r.status_code == 413 and "longer than 100 bytes" in r.json["error"]["detail"]


def test_a_running_server_sees_articles_added_and_removed_by_another_process(seed_store_path, tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    store = tmp_path / "store"
    shutil.copytree(seed_store_path, store)
    app = create_app({"STORE": str(store), "QUERY_WORKERS": 1})
    client = app.test_client()
    kg = [str(Path(sys.executable).with_name("kg")), "--store", str(store)]

    def statements() -> int:
        return len(client.get("/queries/statements", headers={"Accept": "application/sparql-results+json"})
                   .json["results"]["bindings"])

    lavrov_page = lambda: client.get("/resource", query_string={"iri": "https://w3id.org/whosaid/id/sergey-lavrov"},  # noqa: E731
                                     headers={"Accept": "text/html"}).get_data(as_text=True)
    before = statements()
    assert "new tariff regime" not in lavrov_page()
    article = tmp_path / "late.txt"
    article.write_text("Talks\n\nLavrov said that Moscow opposes the new tariff regime.\n")
    subprocess.run([kg[0], "add", str(article), *kg[1:]], check=True, capture_output=True)
    assert statements() == before + 1                     # the query workers reopened the store
    assert "new tariff regime" in lavrov_page()           # and so did the app's own handle
    subprocess.run([kg[0], "remove", "late.txt", *kg[1:]], check=True, capture_output=True)
    assert statements() == before
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def test_runaway_query_on_a_sparql_server_is_answered_503_and_stopped_there_too(seed_fuseki_url):
    from .fuseki import QUERY_TIMEOUT_MS
    app = create_app({"STORE": seed_fuseki_url, "QUERY_TIMEOUT": 1.0, "QUERY_WORKERS": 1})
    client = app.test_client()
    started = time.monotonic()
    r = client.get("/sparql", query_string={"query": RUNAWAY})
    assert r.status_code == 503 and time.monotonic() - started < 10
    deadline = time.monotonic() + 30                      # the killed worker's replacement starts up
    while (after := client.get("/sparql", query_string={"query": "ASK {}"})).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert after.json.get("boolean") is True, after.json
    # the server's own limit (arq:queryTimeout in the configuration) ends the query on its side
    direct = requests.post(seed_fuseki_url + "/query", data={"query": RUNAWAY}, timeout=60)
    assert direct.status_code == 503 and time.monotonic() - started < QUERY_TIMEOUT_MS / 1000 + 20
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def test_the_protocols_update_dataset_is_the_where_clauses_dataset(writable):
    """using-graph-uri / using-named-graph-uri (query string of a direct POST, or form fields) give
    the dataset of each DELETE/INSERT ... WHERE, as USING / USING NAMED would; given with an
    update that names its own dataset they are the client's mistake (400)."""
    setup = ("INSERT DATA { GRAPH <urn:d1> { <urn:x1> a <urn:Doc> } GRAPH <urn:d2> { <urn:x2> a <urn:Doc> } "
             "GRAPH <urn:d3> { <urn:x3> a <urn:Doc> } }")
    assert writable.post("/update", data={"update": setup}, headers=BEARER).status_code == 204
    copy = "INSERT { GRAPH <urn:out> { ?s a <urn:Copied> } } WHERE { ?s a <urn:Doc> }"
    r = writable.post("/sparql?using-graph-uri=urn:d1&using-graph-uri=urn:d2", data=copy,
                      content_type="application/sparql-update", headers=BEARER)
    assert r.status_code == 204, r.get_data(as_text=True)

    def copied() -> list[str]:
        q = "SELECT ?s WHERE { GRAPH <urn:out> { ?s a <urn:Copied> } } ORDER BY ?s"
        return [b["s"]["value"] for b in writable.get("/sparql", query_string={"query": q}).json["results"]["bindings"]]
    assert copied() == ["urn:x1", "urn:x2"]
    named = "INSERT { GRAPH <urn:out> { ?s a <urn:Copied> } } WHERE { GRAPH ?g { ?s a <urn:Doc> } }"
    r = writable.post("/sparql", data={"update": named, "using-named-graph-uri": "urn:d3"}, headers=BEARER)
    assert r.status_code == 204, r.get_data(as_text=True)
    assert copied() == ["urn:x1", "urn:x2", "urn:x3"]
    conflict = writable.post("/sparql?using-named-graph-uri=urn:d1", data=named.replace("WHERE", "USING <urn:d2> WHERE"),
                             content_type="application/sparql-update", headers=BEARER)
    assert conflict.status_code == 400 and conflict.json["error"]["detail"] == (
        "using-graph-uri and using-named-graph-uri may not be given with an update whose operations name their "
        "own dataset (USING, USING NAMED or WITH)")


def test_load_silent_succeeds_and_changes_nothing(writable):
    before = writable.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}).json
    for text in ("LOAD SILENT <http://127.0.0.1:9/data>", "LOAD SILENT <http://127.0.0.1:9/data> INTO GRAPH <urn:g>"):
        assert writable.post("/update", data={"update": text}, headers=BEARER).status_code == 204
    mixed = "LOAD SILENT <http://127.0.0.1:9/data> ; " + INSERT
    assert writable.post("/sparql", data=mixed, content_type="application/sparql-update", headers=BEARER).status_code == 204
    assert writable.get("/sparql", query_string={"query": ASK_ADDED}).json["boolean"] is True
    assert writable.get("/sparql", query_string={"query": "ASK { GRAPH <urn:g> { ?s ?p ?o } }"}).json["boolean"] is False
    after = writable.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}).json
    count = lambda answer: int(answer["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    assert count(after) == count(before) + 1                     # the one triple INSERT added
    assert writable.post("/update", data={"update": "LOAD <http://127.0.0.1:9/data>"}, headers=BEARER).status_code == 403


MULTIPART = ("--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n"
             "<urn:a> <urn:b> \"from turtle\" .\r\n--b\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n"
             "Content-Type: application/n-triples\r\n\r\n<urn:a> <urn:b> \"from n-triples\" .\r\n--b--\r\n")


def test_graph_store_post_of_multipart_form_data_adds_every_part(writable):
    writable.put("/data?graph=urn:g", data='<urn:a> <urn:b> "first" .', content_type="application/n-triples",
                 headers=BEARER)
    r = writable.post("/data?graph=urn:g", data=MULTIPART, content_type="multipart/form-data; boundary=b",
                      headers=BEARER)
    assert r.status_code == 204, r.get_data(as_text=True)
    got = writable.get("/data?graph=urn:g", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert sorted(got.strip().splitlines()) == ['<urn:a> <urn:b> "first" .', '<urn:a> <urn:b> "from n-triples" .',
                                                '<urn:a> <urn:b> "from turtle" .']


@pytest.mark.parametrize("method, body, status, detail", [
    ("post", MULTIPART.replace("application/n-triples", "text/plain"), 415,
     "send one of text/turtle, application/n-triples, application/rdf+xml, application/ld+json "
     "(or multipart/form-data of them, by POST)"),
    ("post", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n<urn:a> <urn:b> <urn:c> .\r\n--b--\r\n", 400,
     "a multipart/form-data POST carries RDF documents as file parts (with a filename and a Content-Type), "
     "and nothing else"),
    ("post", MULTIPART.replace("\"from turtle\" .", "\"unterminated ."), 400, None),
    ("put", MULTIPART, 415, "send one of text/turtle, application/n-triples, application/rdf+xml, application/ld+json"),
])
def test_graph_store_multipart_mistakes_change_nothing(writable, method, body, status, detail):
    r = getattr(writable, method)("/data?graph=urn:g", data=body, content_type="multipart/form-data; boundary=b",
                                  headers=BEARER)
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.json["error"]["detail"] == detail if detail else r.json["error"]["detail"].startswith("malformed RDF: ")
    assert writable.get("/data?graph=urn:g").status_code == 404
