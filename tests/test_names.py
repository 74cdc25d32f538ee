"""The name index on the seed build (both backends): resolution as the canned queries matched
names before, suggestions as the search box asks for them, and the page written after ORDER BY."""
import pytest

from kg import queries
from kg.names import NameIndex
from server import create_app

LAVROV = "https://w3id.org/whosaid/id/sergey-lavrov"


@pytest.fixture(scope="module")
def index(seed_store):
    return NameIndex.from_store(seed_store)


def test_resolution_is_case_insensitive_and_by_the_ways_asked(index):
    assert index.resolve("LAVROV") == [LAVROV]                       # a family name
    assert index.resolve("sergei lavrov") == [LAVROV]                # an alias
    assert index.resolve("Lavrov", ("label", "alias")) == []         # not a label or an alias
    assert index.resolve("Lavr") == [] and index.resolve("") == []


@pytest.mark.parametrize("text, first", [("lavr", "Sergey Lavrov"), ("Sergey", "Sergey Lavrov"),
                                         ("Lavrow", "Sergey Lavrov"), ("missle defense", "missile defense"),
                                         ("NATO", "NATO")])
def test_suggestions_by_prefix_word_and_near_spelling(index, text, first):
    assert index.suggest(text)[0].label == first


def test_no_suggestion_for_nothing_like_a_name(index):
    assert index.suggest("zzzzqq") == [] and index.suggest("   ") == []


def test_suggest_endpoint(seed_location):
    client = create_app({"STORE": seed_location, "TESTING": True}).test_client()
    got = client.get("/api/suggest", query_string={"q": "lavr"}).json
    assert got == {"suggestions": [{"label": "Sergey Lavrov", "iri": LAVROV, "kind": "actor", "matched": "Lavrov"}]}
    assert client.get("/api/suggest", query_string={"q": "Iran", "limit": "2"}).json["suggestions"][0]["kind"] == "actor"
    assert len(client.get("/api/suggest", query_string={"q": "Iran", "limit": "2"}).json["suggestions"]) == 2
    assert client.get("/api/suggest", query_string={"q": "x", "limit": "many"}).status_code == 400


def test_page_is_written_after_the_order_and_checked(seed_store, index):
    assert queries.get("issue-linkages").prepare({"limit": "5"}).endswith("\nLIMIT 5\nOFFSET 0\n")
    canned = queries.get("statements")             # a core: the page is cut there, labels joined after
    page = canned.prepare({"limit": "5", "offset": "30"})
    assert "\nLIMIT 5\nOFFSET 30\n}\n  OPTIONAL" in page
    assert len(list(seed_store.query(page))) == 5
    assert "LIMIT" not in canned.prepare({}, paged=False)
    total = len(list(seed_store.query(canned.prepare({}, paged=False))))
    assert len(list(seed_store.query(canned.prepare({"offset": str(total - 2)})))) == 2     # the last page
    with pytest.raises(queries.QueryError, match="parameter 'limit'"):
        canned.prepare({"limit": "1001"})
    with pytest.raises(queries.QueryError, match="parameter 'offset'"):
        canned.prepare({"offset": "-1"})


def test_a_name_that_names_nothing_gives_no_rows(seed_store, index):
    sparql = queries.get("positions-of-actor").prepare({"actor": "Nobody Known"}, index)
    assert "VALUES (?actor ?who) {  }" in sparql and list(seed_store.query(sparql)) == []
