"""Query safety decided on the parsed form (`server.safety`), and proof that no query makes the
server connect anywhere: a listener on another loopback port records every connection."""
import socket
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Variable

from kg.bindings import where_brace, with_values
from server import create_app
from server.safety import Dataset, Refused, inspect_query, inspect_update, parse_query


def refusal(check, text):
    with pytest.raises(Refused) as info:
        check(text)
    return info.value.status, info.value.detail


# ---------------------------------------------------------------- the inspector alone

def test_a_plain_query_names_no_dataset():
    assert inspect_query("SELECT * WHERE { ?s ?p ?o }") == Dataset()


def test_from_clauses_are_read_with_prefixes_and_base():
    q = "BASE <http://x/> PREFIX e: <http://e/> SELECT * FROM e:g FROM <rel> FROM NAMED <urn:n> WHERE { ?s ?p ?o }"
    assert inspect_query(q) == Dataset(("http://e/g", "http://x/rel"), ("urn:n",))


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { { sErViCe ?endpoint { ?a ?b ?c } } } }",
    "ASK { FILTER EXISTS { SERVICE <urn:x> { ?s ?p ?o } } }",
])
def test_service_anywhere_is_403(text):
    assert refusal(inspect_query, text) == (403, "SERVICE is disabled: this endpoint makes no outbound requests")


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { BIND("SERVICE <http://127.0.0.1:9/> { }" AS ?x) }',
    "SELECT * WHERE { ?s <http://e/SERVICE> ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "PREFIX SERVICE: <http://e/> SELECT * WHERE { ?s SERVICE:x ?o }",
])
def test_the_word_elsewhere_is_no_service(text):
    assert inspect_query(text) == Dataset()


@pytest.mark.parametrize("text", [
    "LOAD <http://127.0.0.1:9/data>",
    "LOAD <http://127.0.0.1:9/data> INTO GRAPH <urn:g>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; LOAD <file:///etc/passwd>",
    "LOAD SILENT <http://127.0.0.1:9/a> ; LOAD <http://127.0.0.1:9/b>",
])
def test_load_is_403(text):
    assert refusal(inspect_update, text) == (403, "LOAD is disabled: this server fetches nothing")


@pytest.mark.parametrize("text, applied", [
    ("LOAD SILENT <http://127.0.0.1:9/data>", None),
    ("load silent <http://127.0.0.1:9/data> INTO GRAPH <urn:g> ; LOAD SILENT <file:///etc/passwd>", None),
    ("PREFIX : <urn:> LOAD SILENT <http://127.0.0.1:9/x> ; INSERT DATA { :a :b :c }",
     "PREFIX : <urn:> INSERT DATA { } ; INSERT DATA { :a :b :c }"),
    ('INSERT DATA { <urn:a> <urn:b> "LOAD SILENT <http://x>" } # LOAD SILENT <http://y>\n; LOAD SILENT <http://z>',
     'INSERT DATA { <urn:a> <urn:b> "LOAD SILENT <http://x>" } # LOAD SILENT <http://y>\n; INSERT DATA { } '),
])
def test_load_silent_applies_as_a_load_that_failed(text, applied):
    """SILENT: a failure is ignored. Nothing is fetched, so the load fails and changes nothing;
    the rest of the request runs (None: nothing is left to run)."""
    assert inspect_update(text) == applied


USING = {"using_graphs": ["urn:g1", "urn:g2"], "using_named_graphs": ["urn:n"]}


@pytest.mark.parametrize("text, applied", [
    ("INSERT { <urn:a> <urn:b> ?o } WHERE { ?s ?p ?o }",
     "INSERT { <urn:a> <urn:b> ?o } USING <urn:g1> USING <urn:g2> USING NAMED <urn:n>  WHERE { ?s ?p ?o }"),
    ('PREFIX : <urn:> DELETE { ?s :p "} WHERE {" } # WHERE {\n INSERT { ?s :q 1 } WHERE { ?s :p ?o } ; CLEAR ALL',
     'PREFIX : <urn:> DELETE { ?s :p "} WHERE {" } # WHERE {\n INSERT { ?s :q 1 } USING <urn:g1> USING <urn:g2> '
     'USING NAMED <urn:n>  WHERE { ?s :p ?o } ; CLEAR ALL'),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> } ; CLEAR GRAPH <urn:g1>",
     "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; CLEAR GRAPH <urn:g1>"),      # no WHERE, nothing to write in
])
def test_the_protocols_update_dataset_is_written_as_using_clauses(text, applied):
    assert inspect_update(text, **USING) == applied


@pytest.mark.parametrize("text", [
    "INSERT { <urn:a> <urn:b> ?o } USING <urn:x> WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING NAMED <urn:x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; WITH <urn:w> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_the_protocols_update_dataset_with_one_of_the_texts_own_is_400(text):
    assert refusal(lambda t: inspect_update(t, using_graphs=["urn:g"]), text) == (
        400, "using-graph-uri and using-named-graph-uri may not be given with an update whose operations name "
             "their own dataset (USING, USING NAMED or WITH)")
    assert inspect_update(text) == text                                      # without the parameters it runs


def test_the_protocols_update_dataset_takes_iris():
    assert refusal(lambda t: inspect_update(t, using_named_graphs=["not an iri"]), "CLEAR ALL") == (
        400, "using-graph-uri and using-named-graph-uri take IRIs, not 'not an iri'")


def test_service_in_an_update_is_403():
    text = "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert refusal(inspect_update, text)[0] == 403


def test_an_update_sent_as_a_query_is_403_and_garbage_is_400():
    assert refusal(inspect_query, "DELETE WHERE { ?s ?p ?o }")[0] == 403
    status, detail = refusal(inspect_query, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and detail.startswith("malformed query: ") and "line:1, col:" in detail
    assert refusal(inspect_query, "SELECT * FROM nope:g WHERE { }") == (400, "malformed query: Unknown namespace prefix : nope")


def test_text_over_the_size_limit_is_413_before_parsing():
    assert refusal(lambda t: inspect_query(t, max_bytes=100), "ASK { " + "?s ?p ?o . " * 20 + "}") == (
        413, "query longer than 100 bytes")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", ['"\\' * 50_000, "SELECT * WHERE { ?s ?p '''" + "''a" * 30_000,
                                  "SELECT * WHERE { ?s ?p " + "<" * 90_000, "ASK { " + '"' * 90_000])
def test_pathological_texts_are_refused_without_backtracking(text):
    assert refusal(inspect_query, text)[0] == 400


def test_deep_nesting_is_refused_not_crashed():
    """Without the workers' deep stack the parser gives up; either way it is a 400, never a crash."""
    status, detail = refusal(inspect_query, "SELECT * WHERE " + "{ " * 3000 + "}" * 3000)
    assert status == 400 and "nested too deeply" in detail


# ---------------------------------------------------------------- bindings use the same reader

@pytest.mark.parametrize("text, offset", [
    ('SELECT * WHERE { BIND("{" AS ?x) }', 15),
    ('CONSTRUCT { ?s ?p "}{" } WHERE { ?s ?p ?o }', 31),
    ('# { a comment\nSELECT (CONCAT("{", ?a) AS ?b) { ?a ?p ?o }', 45),
    ("SELECT * WHERE { { SELECT ?s { ?s ?p ?o } } }", 15),
])
def test_where_brace_is_found_by_parsing(text, offset):
    assert where_brace(text) == offset and text[offset] == "{"


def test_with_values_binds_typed_terms_in_the_where_group():
    bound = with_values("SELECT ?o WHERE { ?s ?p ?o }", {Variable("s"): NamedNode("urn:a"), Variable("o"): Literal('x"y')})
    assert bound == 'SELECT ?o WHERE {\n  VALUES (?s ?o) { (<urn:a> "x\\"y") } ?s ?p ?o }'
    assert parse_query(bound)                                   # still one valid query
    with pytest.raises(ValueError, match="no WHERE clause"):
        where_brace("SELECT * WHERE ?s")


# ---------------------------------------------------------------- nothing leaves the server

class Listener:
    """A loopback port that records every connection made to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.05)
        self.port = self.socket.getsockname()[1]
        self.seen, self._done = [], threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._done.is_set():
            try:
                connection, address = self.socket.accept()
            except OSError:
                continue
            self.seen.append(address)
            connection.close()

    def close(self):
        self._done.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def app(seed_store_path, tmp_path_factory):
    import shutil
    store = tmp_path_factory.mktemp("safety") / "store"
    shutil.copytree(seed_store_path, store)
    app = create_app({"STORE": str(store), "QUERY_WORKERS": 1, "UPDATE_TOKEN": "s3cret", "QUERY_TIMEOUT": 10})
    yield app
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def test_the_listener_sees_what_the_engine_fetches():
    """The harness can fail: the engine, asked directly, does connect to a listener."""
    from pyoxigraph import Store
    listener = Listener()
    with pytest.raises(OSError):
        list(Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"))
    deadline = time.monotonic() + 5
    while not listener.seen and time.monotonic() < deadline:
        time.sleep(0.05)
    listener.close()
    assert len(listener.seen) == 1


def bypasses(port):
    """The two texts a regex lexer read differently from the engine (issue #13)."""
    return [f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:a\\# AS ?z) SERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?w }} }}",
            f"SELECT ?s WHERE {{ OPTIONAL {{ ?s ?p <http://a\u00A0#x> }} SERVICE <http://127.0.0.1:{port}/admin> {{ ?x ?y ?s }} }}",
            f"SELECT ?s WHERE {{ OPTIONAL {{ ?s ?p <http://a\u2000#x> }} SERVICE <http://127.0.0.1:{port}/admin> {{ ?x ?y ?s }} }}"]


def test_the_known_bypasses_are_refused_and_fetch_nothing(app, listener):
    client = app.test_client()
    for text in bypasses(listener.port):
        r = client.get("/sparql", query_string={"query": text})
        assert r.status_code in (400, 403), r.json
        assert r.headers.get("Access-Control-Allow-Origin") is None
        update = text.replace("SELECT ?s WHERE", "INSERT { <urn:a> <urn:b> ?s } WHERE").replace(
            "SELECT * WHERE", "INSERT { <urn:a> <urn:b> ?z } WHERE")
        assert client.post("/update", data={"update": update}, headers={"Authorization": "Bearer s3cret"}).status_code in (400, 403)
    load = f"LOAD <http://127.0.0.1:{listener.port}/data>"
    assert client.post("/update", data={"update": load}, headers={"Authorization": "Bearer s3cret"}).status_code == 403
    silent = f"LOAD SILENT <http://127.0.0.1:{listener.port}/data> INTO GRAPH <urn:loaded>"
    assert client.post("/update", data={"update": silent}, headers={"Authorization": "Bearer s3cret"}).status_code == 204
    assert client.get("/sparql", query_string={"query": "ASK { GRAPH <urn:loaded> { ?s ?p ?o } }"}).json["boolean"] is False
    for text in (f"SELECT * FROM <http://127.0.0.1:{listener.port}/data> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <http://127.0.0.1:{listener.port}/d> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        r = client.get("/sparql", query_string={"query": text})
        assert r.status_code == 403 and "not a graph of this store" in r.json["error"]["detail"]
    time.sleep(0.3)
    assert listener.seen == []


SPACES = st.sampled_from([" ", "\t", "\n", "\r\n", "  ", " # a comment }\n", "#\u00a0{ ' \" <\n"])
KEYWORD = st.sampled_from(["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service silent"])
BEFORE = st.lists(st.sampled_from([
    "BIND(ex:a\\# AS ?z)", "BIND(ex:a\\#\\~ AS ?y)", "?s ?p <http://a\u00a0#x> .", "?s ?p <http://a\u2000#x> .",
    "?s ?p <http://a\u3000#x> .", 'BIND("\\"#{" AS ?q1)', "BIND('\\'#' AS ?q2)", 'BIND("""#\n"{""" AS ?q3)',
    "BIND('''x''#''' AS ?q4)", "?s ?p \"\u00a0#\"@en .", "FILTER(?s != <urn:x#y>)", "# SERVICE ignored\n",
    "?s ex:p\\.x ?o .", "BIND(ex:\\%41 AS ?w)",
]), max_size=3, unique=True)
WRAP = st.lists(st.sampled_from(["{ %s }", "OPTIONAL { %s }", "{ %s } UNION { ?u ?v ?w }", "MINUS { %s }",
                                 "FILTER EXISTS { %s }", "FILTER NOT EXISTS { %s }", "GRAPH ?g { %s }",
                                 "{ SELECT * WHERE { %s } }"]), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keyword=KEYWORD, space=SPACES, before=BEFORE, wrap=WRAP, update=st.booleans())
def test_no_wrapping_of_service_makes_a_connection(app, listener, keyword, space, before, wrap, update):
    pattern = f"{keyword}{space}<http://127.0.0.1:{listener.port}/p>{space}{{ ?x ?y ?s }}"
    for layer in wrap:
        pattern = layer % pattern
    body = " ".join(before) + space + pattern
    client = app.test_client()
    if update:
        text = f"PREFIX ex: <http://e/> INSERT {{ <urn:a> <urn:b> ?s }} WHERE {{ {body} }}"
        r = client.post("/update", data={"update": text}, headers={"Authorization": "Bearer s3cret"})
    else:
        r = client.get("/sparql", query_string={"query": f"PREFIX ex: <http://e/> SELECT * WHERE {{ {body} }}"})
    assert r.status_code in (400, 403), (r.status_code, r.get_data(as_text=True))
    assert listener.seen == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(space=SPACES, before=BEFORE)
def test_service_only_in_strings_iris_and_comments_is_answered(app, listener, space, before):
    decoys = (f'BIND("SERVICE <http://127.0.0.1:{listener.port}/> {{ }}" AS ?d)'
              f"{space}?s <http://127.0.0.1:{listener.port}/SERVICE> ?o"
              f"\n# SERVICE <http://127.0.0.1:{listener.port}/> {{ ?a ?b ?c }}\n")
    text = f"PREFIX ex: <http://e/> SELECT * WHERE {{ {' '.join(before)} {decoys} }} LIMIT 1"
    r = app.test_client().get("/sparql", query_string={"query": text})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert listener.seen == []


def test_queries_parsed_in_many_threads_at_once_all_parse():
    # rdflib's grammar keeps state on shared elements: unguarded, parses running side by side
    # fail with errors that would be reported as the client's malformed query
    from pathlib import Path
    texts = [p.read_text() for p in sorted((Path(__file__).parent.parent / "queries").glob("*.rq"))]
    failures: list[str] = []

    def parse_all():
        for _ in range(2):
            for text in texts:
                try:
                    parse_query(text)
                except Refused as err:
                    failures.append(err.detail)

    threads = [threading.Thread(target=parse_all) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
