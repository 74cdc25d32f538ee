"""The statistics page: counts that agree with the graph, rankings in order and bounded, labels
linking to the entity pages, linked from every page's navigation (the home page's included)."""
import re

import pytest

from server import create_app
from server.stats import TOP

WS = "PREFIX ws: <https://w3id.org/whosaid/ontology#> "


@pytest.fixture(scope="module")
def client(seed_location):
    return create_app({"STORE": seed_location, "BASE_IRI": "http://127.0.0.1:8000/"}).test_client()


def count(store, pattern: str) -> int:
    return int(next(iter(store.query(WS + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")))["n"].value)


def test_the_counts_are_the_graphs(client, seed_store):
    data = client.get("/stats", headers={"Accept": "application/json"}).json
    assert data["counts"] == {
        "documents": 5, "statements": count(seed_store, "?x a ws:Statement"),
        "speakers": count(seed_store, "[] ws:speaker ?x"), "actors": count(seed_store, "?x a ws:Actor"),
        "topics": count(seed_store, "[] ws:expresses/ws:topic ?x")}
    assert data["counts"]["statements"] >= 25


def test_rankings_are_in_order_bounded_and_add_up(client):
    data = client.get("/stats", headers={"Accept": "application/json"}).json
    for name, rows in data["rankings"].items():
        counts = [row["statements"] for row in rows]
        assert 0 < len(rows) <= TOP and counts == sorted(counts, reverse=True), name
    assert data["rankings"]["speakers"][0]["label"] == "Russian Government"
    assert sum(row["statements"] for row in data["rankings"]["stances"]) == data["counts"]["statements"]


def test_the_page_shows_labels_linking_to_entity_pages(client):
    r = client.get("/stats", headers={"Accept": "text/html"})
    assert (r.status_code, r.mimetype) == (200, "text/html")
    page = r.get_data(as_text=True)
    assert "<h1>Statistics</h1>" in page and "<h2>Top speakers</h2>" in page and "<h2>Top topics</h2>" in page
    assert '<a href="/id/sergey-lavrov">Sergey Lavrov</a>' in page
    assert re.search(r'<a class="badge stance-opposes" href="[^"]+">opposes</a>', page)
    assert "http" not in re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1])


def test_the_home_page_links_to_it(client):
    assert 'href="/stats"' in client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
