"""Each canned query on the seed corpus, asserting the exact answer, hand-checked against the
texts (and, for statements, ../shared/gold)."""
import pytest

from kg import queries
from kg.queries import QueryError

from .conftest import CORPUS
from .test_build_and_queries import run


def rows(store, name, **params):
    return run(store, name, **params)["results"]["bindings"]


def val(row, key):
    value = row.get(key, {}).get("value", "")
    return value.rsplit("/", 1)[-1] if value.startswith("https://w3id.org/whosaid/stance/") else value


def test_actors_on_topic_by_alias_and_stance(seed_store):
    got = {(val(r, "speakerLabel"), val(r, "source")[:3]) for r in
           rows(seed_store, "actors-on-topic", topic="Missile Defense", stance="opposes")}
    # 001: Lavrov "labeled missile defense as the greatest irritant"; Russia "refutes the need" for it
    assert got == {("Sergey Lavrov", "001"), ("Russian Government", "001")}


def test_actors_on_topic_sanctions_against_iran(seed_store):
    got = {(val(r, "speakerLabel"), val(r, "stanceName")) for r in rows(seed_store, "actors-on-topic", topic="sanctions against Iran")}
    assert got == {("Sergey Lavrov", "opposes"), ("United States Government", "supports")}


def test_actors_on_topic_takes_in_narrower_topics(seed_store):
    got = {(val(r, "speakerLabel"), val(r, "statedTopicLabel")) for r in rows(seed_store, "actors-on-topic", topic="arms control")}
    assert got == {("Vladimir Putin", "START"), ("Vladimir Putin", "Anti-Ballistic Missile Treaty"),
                   ("Russian Government", "START")}


def test_issue_linkages(seed_store):
    got = {(val(r, "holderLabel"), val(r, "topicLabel"), val(r, "linkedTopicLabel")) for r in rows(seed_store, "issue-linkages")}
    assert got == {
        ("Vladimir Putin", "START", "missile defense in Europe"),            # "explicitly linked ..."
        ("Vladimir Putin", "missile defense in Europe", "START"),            # "Russia will, of course, link ..."
        ("United States Government", "missile defense in Europe", "Iran's nuclear program"),  # pressure on Iran
        ("Russian Government", "missile defense in Europe", "START"),        # scrap missile defense for START
    }


def test_disagreements_on_a_topic(seed_store):
    got = [(val(r, "subjectLabel"), val(r, "actorALabel"), val(r, "stanceA"), val(r, "actorBLabel"), val(r, "stanceB"))
           for r in rows(seed_store, "disagreements", topic="Iran sanctions")]
    assert got == [("sanctions against Iran", "Sergey Lavrov", "opposes", "United States Government", "supports")]
    everything = rows(seed_store, "disagreements")
    assert all(r["quoteA"]["value"] and r["quoteB"]["value"] for r in everything)
    # opposite stances only: not a claim beside a link or a warning (whose negations are claims)
    assert sorted((val(r, "subjectLabel"), val(r, "actorALabel"), val(r, "stanceA"), val(r, "actorBLabel"),
                   val(r, "stanceB")) for r in everything) == [
        ("US–Russia reset", "Dmitry Medvedev", "demands", "Russian Government", "rejects"),
        ("US–Russia reset", "Vladimir Putin", "demands", "Russian Government", "rejects"),
        ("radar stations in Russia", "Russian Government", "proposes", "Dmitry Medvedev", "rejects"),
        ("sanctions against Iran", "Sergey Lavrov", "opposes", "United States Government", "supports")]
    assert rows(seed_store, "disagreements", topic="no such topic") == []


def test_timeline_of_a_treaty(seed_store):
    got = [(val(r, "date"), val(r, "kind"), val(r, "label")[:40]) for r in rows(seed_store, "timeline", topic="START")]
    assert got == [
        ("1991-07-31", "treaty event", "START signed"),                              # reference data
        ("2009-05-07", "statement", "On May 7, in an interview with the Japan"),     # 003, dated May 2009
        ("2009-12", "event", "START expired"),                                      # 003: "expires in December"
        ("2009-12-05", "treaty event", "START expired"),                            # reference data
    ]


def test_timeline_of_the_resets(seed_store):
    got = [(val(r, "date"), val(r, "source")[:3]) for r in rows(seed_store, "timeline", topic="reset")]
    assert got == [("2009-09", "000")] * 4 + [("2021-02", "002")]


def test_timeline_is_in_date_order(seed_store):
    dates = [val(r, "date") for r in rows(seed_store, "timeline")]
    assert dates == sorted(dates) and len(dates) >= 10


def test_treaties_with_lifecycle_and_statements(seed_store):
    got = {(val(r, "kind"), val(r, "step"), val(r, "date"), val(r, "actorLabel")) for r in rows(seed_store, "treaties")
           if val(r, "treatyLabel") == "New START"}
    assert got == {
        ("event", "signed", "2010-04-08", "Barack Obama"), ("event", "signed", "2010-04-08", "Dmitry Medvedev"),
        ("event", "extended", "2021-02-03", "United States Government"),
        ("event", "extended", "2021-02-03", "Russian Government"),
        # 002: "the US and Russia just extended the New Strategic Arms Reduction Treaty" (undated text)
        ("event", "extended", "", "United States Government"), ("event", "extended", "", "Russian Government"),
    }
    start = {(val(r, "kind"), val(r, "actorLabel")) for r in rows(seed_store, "treaties") if val(r, "treatyLabel") == "START"}
    assert ("statement", "Vladimir Putin") in start and ("statement", "Russian Government") in start


def test_actor_profile(seed_store):
    profile = rows(seed_store, "actor-profile", actor="Putin")
    by = lambda aspect: [r for r in profile if val(r, "aspect") == aspect]  # noqa: E731
    assert {val(r, "valueLabel") for r in by("type")} == {"person"}
    assert sorted((val(r, "valueLabel"), val(r, "from"), val(r, "until")) for r in by("office")) == [
        ("President of Russia", "2000-05-07", "2008-05-07"), ("President of Russia", "2012-05-07", ""),
        ("Prime Minister of Russia", "2008-05-07", "2012-05-07")]
    assert {val(r, "valueLabel"): int(val(r, "count")) for r in by("stance")} == {
        "claims": 4, "links": 3, "rejects": 2, "demands": 1, "supports": 1}
    assert {val(r, "valueLabel") for r in by("alias")} == {"Vladimir Vladimirovich Putin"}


def test_evidence_points_into_the_file(seed_store):
    statement = next(r["statement"]["value"] for r in rows(seed_store, "positions-of-actor", actor="Lavrov")
                     if r["source"]["value"].startswith("000"))
    (row,) = rows(seed_store, "evidence", statement=statement)
    text = (CORPUS / val(row, "source")).read_text(encoding="utf-8")
    start, end = int(val(row, "start")), int(val(row, "end"))
    assert text[start:end] == val(row, "exact") == val(row, "quote")
    assert val(row, "quote").startswith("Russian Foreign Minister Sergey Lavrov has repeatedly said")
    assert text[:start].endswith(val(row, "prefix")) and text[end:].startswith(val(row, "suffix"))
    assert val(row, "publisherLabel") == "Foreign Policy"


def test_actor_network(seed_store):
    net = {(val(r, "actorALabel"), val(r, "actorBLabel")): (int(val(r, "weight")), int(val(r, "agree")), int(val(r, "disagree")))
           for r in rows(seed_store, "actor-network")}
    # sanctions against Iran (opposes vs supports) and missile defense (opposes vs demands)
    assert net[("Sergey Lavrov", "United States Government")] == (2, 0, 1)
    # both support "transparent and consistent communication" (002)
    assert net[("Joe Biden", "Vladimir Putin")] == (1, 1, 0)
    # both claim something of missile defense in Europe; Putin's link on it beside Merkel's claim
    # is no disagreement (a negated link claims, but the two are not opposite)
    assert net[("Angela Merkel", "Vladimir Putin")] == (1, 1, 0)


@pytest.mark.parametrize("name", [n for n, q in queries.catalogue().items() if any(p.required for p in q.parameters)])
def test_required_parameters_are_enforced(name):
    with pytest.raises(QueryError, match="missing required parameter"):
        queries.get(name).bindings({})


def test_ill_typed_parameter_names_it():
    with pytest.raises(QueryError, match="parameter 'statement'"):
        queries.get("evidence").bindings({"statement": "not an iri"})
