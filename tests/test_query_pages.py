"""A listing query that cuts its page in a core (`core: true`: the rows found and ordered on their
key columns, labels joined to the page only) answers as the plain query it replaced, kept in
tests/data/reference-queries (every row found with its labels, sorted, then cut): the same
columns, the same rows in the same order, on both backends. The plain query's order has ties
(rows equal on its ORDER BY, in no stated order); the core breaks them, so that its pages,
asked one at a time, are the whole answer cut in turn."""
import itertools
import json
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat

from kg import bindings, queries
from kg.names import NameIndex

REFERENCE = Path(__file__).resolve().parent / "data" / "reference-queries"
CASES = [
    ("statements", {}), ("statements", {"min_confidence": "0.8"}),
    ("treaties", {}), ("treaties", {"min_confidence": "0.8"}),
    ("timeline", {}), ("timeline", {"topic": "START"}), ("timeline", {"topic": "reset", "min_confidence": "0.8"}),
    ("actors-on-topic", {"topic": "missile defense"}), ("actors-on-topic", {"topic": "arms control", "stance": "links"}),
]
PAGE = 4
#: the columns of each plain query's ORDER BY, as the answer shows them (statements orders by a
#: statement's offset in its text, which its IRI stands for)
ORDER = {"statements": ("source", "statement"), "treaties": ("treatyLabel", "kind", "date", "label"),
         "timeline": ("date", "kind", "item"), "actors-on-topic": ("stanceName", "speakerLabel", "source", "statement")}


def answer(store, canned, params: dict) -> tuple[list, list]:
    names = NameIndex.from_store(store) if canned.needs_names else None
    data = json.loads(store.query(canned.prepare(params, names)).serialize(format=QueryResultsFormat.JSON))
    return data["head"]["vars"], data["results"]["bindings"]


def in_order(name: str, rows: list[dict]) -> list[tuple]:
    """The rows as runs of equal ORDER BY columns, each run's rows sorted: what the plain query's
    order says, and no more."""
    key = lambda row: tuple(row.get(column, {}).get("value", "") for column in ORDER[name])  # noqa: E731
    return [(k, sorted(json.dumps(row, sort_keys=True) for row in run)) for k, run in itertools.groupby(rows, key)]


def test_every_query_with_a_core_is_checked_here():
    cored = {name for name, canned in queries.catalogue().items() if canned.core}
    assert cored == {name for name, _ in CASES}


@pytest.mark.parametrize("name, params", CASES)
def test_the_core_gives_the_plain_querys_rows_in_its_order(seed_store, name, params):
    canned, plain = queries.get(name), queries.CannedQuery.parse(REFERENCE / f"{name}.rq")
    head, every = answer(seed_store, plain, {**params, "limit": "1000"})
    assert every, "the case should find something"
    columns, rows = answer(seed_store, canned, {**params, "limit": "1000"})
    assert columns == head and in_order(name, rows) == in_order(name, every)
    pages = [answer(seed_store, canned, {**params, "limit": str(PAGE), "offset": str(start)})[1]
             for start in range(0, len(every) + PAGE, PAGE)]
    assert sum(pages, []) == rows


def test_values_written_again_in_union_branches_change_no_answer(seed_store, monkeypatch):
    """The parameters' VALUES block opens each branch of a union in the query's group as well
    (`kg.bindings.branch_braces`): the same answer as the block alone, on every query with one."""
    branched = [canned for canned in queries.catalogue().values()
                if bindings.branch_braces(canned.sparql, bindings.core(canned.sparql)[0] if canned.core
                                          else bindings.where_brace(canned.sparql))]
    assert {canned.name for canned in branched} >= {"actor-profile", "timeline", "treaties"}
    for canned in branched:
        params = {**{p.name: p.example for p in canned.parameters if p.example}, "limit": "1000"}
        _, written = answer(seed_store, canned, params)
        with monkeypatch.context() as patch:
            patch.setattr(bindings, "branch_braces", lambda sparql, group: ())
            _, once = answer(seed_store, canned, params)
        assert written and sorted(map(json.dumps, written)) == sorted(map(json.dumps, once)), canned.name


def test_a_query_that_says_it_has_a_core_must_open_with_one(tmp_path):
    (tmp_path / "flat.rq").write_text("#+ summary: no core\n#+ core: true\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n")
    with pytest.raises(ValueError, match="no subquery"):
        queries.get("flat", tmp_path).prepare({})
