"""One error shape: the client's mistakes 4xx, ours 5xx, JSON for machines and a page for
browsers, never a stack trace or a path; and nothing of a request's Host in what the server says
about itself."""
import pytest

from server import create_app

EVIL = {"Host": "evil.example"}


@pytest.fixture(scope="module")
def client(seed_store_path):
    app = create_app({"STORE": str(seed_store_path), "QUERY_WORKERS": 1, "BASE_IRI": "https://kg.example/"})
    yield app.test_client()
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def test_json_for_machines_and_a_page_for_browsers(client):
    bad = {"query": "SELECT ?s WHERE { ?s ?p }"}
    machine = client.get("/sparql", query_string=bad, headers={"Accept": "application/sparql-results+json"})
    assert machine.status_code == 400 and machine.json["error"]["status"] == 400
    assert set(machine.json["error"]) == {"status", "title", "detail"}
    browser = client.get("/queries/nope", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    page = browser.get_data(as_text=True)
    assert browser.status_code == 404 and browser.mimetype == "text/html"
    assert "<h1>404 Not Found</h1>" in page and "nope" in page


def test_markup_in_a_detail_is_escaped_on_the_page(client):
    r = client.get("/queries/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "<script>alert" not in r.get_data(as_text=True)


def test_host_is_never_reflected(client):
    for path in ("/.well-known/void", "/sparql", "/openapi.json"):
        body = client.get(path, headers=EVIL).get_data(as_text=True)
        assert "evil.example" not in body and "https://kg.example" in body, path


def test_our_faults_are_5xx_without_traces_or_paths(tmp_path):
    missing = tmp_path / "gone"
    (missing / "not-a-store").mkdir(parents=True)
    app = create_app({"STORE": str(missing / "not-a-store" / "x"), "QUERY_WORKERS": 1})
    client = app.test_client()
    r = client.get("/.well-known/void")                      # the app's own handle cannot open it
    assert r.status_code == 503 and r.json["error"]["detail"] == "the store is not available now; retry in a moment"
    q = client.get("/sparql", query_string={"query": "ASK {}"})   # nor can a worker's
    assert q.status_code == 503 and str(tmp_path) not in q.get_data(as_text=True)
    for runner in app.extensions.get("kg_runner", {}).values():
        runner.close()


def test_an_unexpected_error_is_500_with_no_trace(seed_store_path):
    app = create_app({"STORE": str(seed_store_path)})

    @app.get("/boom")
    def boom():
        raise KeyError("/secret/path")
    r = app.test_client().get("/boom")
    assert r.status_code == 500 and "secret" not in r.get_data(as_text=True)
    assert r.json["error"]["detail"] == "the server failed to answer this request; the fault is ours, not the request's"
