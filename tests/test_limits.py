"""The row cap (`MAX_RESULT_ROWS`) beside the byte cap: a result over either is answered 413 naming
the limit, never cut short; a result at or under both is exactly what it would be without them;
the evaluation stops at the first row over, so a runaway query meets the cap, not the timeout."""
import pytest

from server import create_app

FIVE = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } } ORDER BY ?n"
SIX = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 6 } } ORDER BY ?n"
GRAPH_OF = "CONSTRUCT { ?n <urn:p> 'v' } WHERE { VALUES ?n { %s } }"
FIVE_TRIPLES = GRAPH_OF % "<urn:1> <urn:2> <urn:3> <urn:4> <urn:5>"
SIX_TRIPLES = GRAPH_OF % "<urn:1> <urn:2> <urn:3> <urn:4> <urn:5> <urn:6>"
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
OVER_FIVE = {"status": 413, "title": "Request Entity Too Large",
             "detail": "the result has more than 5 rows; narrow the query or add a LIMIT"}


@pytest.fixture(scope="module")
def apps(seed_store_path):
    """Two apps over the seed store: one capped at 5 rows (and a short timeout), one with the defaults."""
    made = {"capped": create_app({"STORE": str(seed_store_path), "QUERY_WORKERS": 1, "MAX_RESULT_ROWS": 5,
                                  "QUERY_TIMEOUT": 60.0}),
            "default": create_app({"STORE": str(seed_store_path), "QUERY_WORKERS": 1})}
    yield {name: app.test_client() for name, app in made.items()}
    for app in made.values():
        for runner in app.extensions.get("kg_runner", {}).values():
            runner.close()


def test_the_default_cap_is_100_000_rows(apps):
    assert apps["default"].application.config["MAX_RESULT_ROWS"] == 100_000


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_solutions_at_the_cap_are_answered_as_without_it(apps, fmt):
    capped = apps["capped"].get("/sparql", query_string={"query": FIVE, "format": fmt})
    free = apps["default"].get("/sparql", query_string={"query": FIVE, "format": fmt})
    assert capped.status_code == 200 and capped.data == free.data
    assert capped.headers["Content-Type"] == free.headers["Content-Type"]


def test_solutions_at_the_cap_are_all_there(apps):
    r = apps["capped"].get("/sparql", query_string={"query": FIVE, "format": "tsv"})
    assert r.data.decode().splitlines() == ["?n", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_one_solution_over_the_cap_is_413_naming_it(apps, fmt):
    r = apps["capped"].get("/sparql", query_string={"query": SIX, "format": fmt})
    assert r.status_code == 413 and r.json == {"error": OVER_FIVE}


def test_terms_of_every_kind_come_through_the_count_unchanged(apps):
    """Line breaks, tabs and quotes inside literals, languages, datatypes, unbound values and blank
    nodes: one line each in the counted form, and the answer as the engine writes it."""
    query = ('SELECT ?a ?b ?c WHERE { VALUES (?a ?b) { ("x\\ty\\nz\\r\\"q\\\\" "01"^^<http://www.w3.org/2001/XMLSchema#integer>) '
             '(UNDEF "é"@en-GB) (<http://a/b?c#d> 1.50) } BIND(BNODE("k") AS ?c) }')
    for fmt in ("json", "xml", "csv", "tsv"):
        capped = apps["capped"].get("/sparql", query_string={"query": query, "format": fmt})
        free = apps["default"].get("/sparql", query_string={"query": query, "format": fmt})
        assert capped.status_code == 200 and capped.data == free.data, fmt
    assert apps["capped"].get("/sparql", query_string={"query": query}).json["results"]["bindings"] == [
        {"a": {"type": "literal", "value": 'x\ty\nz\r"q\\'},
         "b": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
         "c": {"type": "bnode", "value": "k"}},
        {"b": {"type": "literal", "value": "é", "xml:lang": "en-gb"}, "c": {"type": "bnode", "value": "k"}},
        {"a": {"type": "uri", "value": "http://a/b?c#d"},
         "b": {"type": "literal", "value": "1.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
         "c": {"type": "bnode", "value": "k"}}]


@pytest.mark.parametrize("fmt", ["turtle", "nt", "rdfxml", "jsonld"])
def test_triples_at_the_cap_are_answered_as_without_it_and_one_over_is_413(apps, fmt):
    capped = apps["capped"].get("/sparql", query_string={"query": FIVE_TRIPLES, "format": fmt})
    free = apps["default"].get("/sparql", query_string={"query": FIVE_TRIPLES, "format": fmt})
    assert capped.status_code == 200 and capped.data == free.data
    over = apps["capped"].get("/sparql", query_string={"query": SIX_TRIPLES, "format": fmt})
    assert over.status_code == 413 and over.json == {"error": OVER_FIVE}


def test_ask_and_limited_queries_are_not_counted_against_it(apps):
    assert apps["capped"].get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).json["boolean"] is True
    limited = apps["capped"].get("/sparql", query_string={"query": RUNAWAY + " LIMIT 5", "format": "tsv"})
    assert limited.status_code == 200 and len(limited.data.decode().splitlines()) == 6


def test_a_runaway_query_meets_the_cap_not_the_timeout(apps):
    for query in (RUNAWAY, "CONSTRUCT { ?a ?b ?l } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"):
        r = apps["capped"].get("/sparql", query_string={"query": query})
        assert r.status_code == 413 and r.json == {"error": OVER_FIVE}, query


def test_canned_queries_are_capped_too(apps):
    r = apps["capped"].get("/queries/statements")
    assert r.status_code == 413 and r.json == {"error": OVER_FIVE}
    assert apps["default"].get("/queries/statements").status_code == 200


def test_the_byte_cap_still_applies_under_the_row_cap(seed_store_path):
    app = create_app({"STORE": str(seed_store_path), "QUERY_WORKERS": 1, "MAX_RESULT_ROWS": 5,
                      "MAX_RESULT_BYTES": 60})
    client = app.test_client()
    try:
        r = client.get("/sparql", query_string={"query": FIVE, "format": "json"})
        assert r.status_code == 413
        assert r.json["error"]["detail"] == "the result is larger than 60 bytes; narrow the query or add a LIMIT"
        assert client.get("/sparql", query_string={"query": FIVE, "format": "tsv"}).status_code == 200   # 12 bytes
    finally:
        for runner in app.extensions["kg_runner"].values():
            runner.close()
