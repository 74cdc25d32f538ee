"""The W3C SPARQL 1.1 suites through our HTTP endpoint (`tests/w3c.py`): every test passes, or
fails for the reason `tests/data/w3c-known-failures.yaml` gives; a known failure that passes
fails too, so that the list stays true. The comparison rules are tested on their own first."""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from . import w3c

CASES = w3c.load_cases() if w3c.SUITE.exists() else []
KNOWN = w3c.known_failures()
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_the_suite_is_there():
    if not w3c.SUITE.exists():
        pytest.skip(f"{w3c.SUITE} is absent: the W3C SPARQL 1.1 suites are not run")
    assert Counter(case.suite for case in CASES) == {
        "query evaluation": 235, "query syntax": 103, "update syntax": 63, "update evaluation": 94,
        "protocol": 34, "Graph Store protocol": 13, "service description": 3}
    assert len({case.id for case in CASES}) == len(CASES)


def test_known_failures_name_tests_with_a_reason():
    if not w3c.SUITE.exists():
        pytest.skip(f"{w3c.SUITE} is absent")
    assert set(KNOWN) <= {case.id for case in CASES}
    assert all(isinstance(reason, str) and reason.strip() for reason in KNOWN.values())


def _key(term):
    return w3c.term_key(term)


def test_rows_match_up_to_a_blank_node_bijection():
    a, b, c = (_key(BlankNode(n)) for n in "abc")
    one = _key(NamedNode("http://example.org/1"))
    assert w3c.same_rows([(a, one), (b, one)], [(c, one), (a, one)])
    assert not w3c.same_rows([(a, a)], [(b, c)])                  # one node on one side, two on the other
    assert not w3c.same_rows([(a, one), (b, one)], [(c, one), (c, one)])
    assert not w3c.same_rows([(one,), (one,)], [(one,)])           # bags: a duplicate counts


def test_ordered_rows_keep_their_order():
    one, two = _key(Literal("1", datatype=NamedNode(XSD + "integer"))), _key(Literal("2"))
    assert w3c.same_rows([(one,), (two,)], [(two,), (one,)])
    assert not w3c.same_rows([(one,), (two,)], [(two,), (one,)], ordered=True)


def test_literals_compare_by_value_and_language_without_case():
    integer, decimal = NamedNode(XSD + "integer"), NamedNode(XSD + "decimal")
    assert _key(Literal("01", datatype=integer)) == _key(Literal("1", datatype=integer))
    assert _key(Literal("1.50", datatype=decimal)) == _key(Literal("1.5", datatype=decimal))
    assert _key(Literal("1", datatype=integer)) != _key(Literal("1", datatype=decimal))
    assert _key(Literal("chat", language="en-GB")) == _key(Literal("chat", language="en-gb"))
    assert _key(Literal("01")) != _key(Literal("1"))


def test_booleans_and_the_derived_integer_types_compare_by_value():
    boolean, integer = NamedNode(XSD + "boolean"), NamedNode(XSD + "integer")
    assert _key(Literal("0", datatype=boolean)) == _key(Literal("false", datatype=boolean))
    assert _key(Literal("1", datatype=boolean)) == _key(Literal("true", datatype=boolean))
    assert _key(Literal("1", datatype=boolean)) != _key(Literal("false", datatype=boolean))
    assert _key(Literal("-3", datatype=NamedNode(XSD + "negativeInteger"))) == _key(Literal("-3", datatype=integer))
    assert _key(Literal("3", datatype=NamedNode(XSD + "byte"))) != _key(Literal("3", datatype=NamedNode(XSD + "decimal")))


def test_csv_matches_columns_by_name_and_numbers_by_value(tmp_path):
    expected = tmp_path / "expected.csv"
    expected.write_text("s,o\r\nurn:a,1.0E6\r\n_:x,foo\r\n", encoding="utf-8")
    w3c._compare_csv(expected, SimpleNamespace(ok=True, content=b"o,s\r\n1000000,urn:a\r\nfoo,_:b7\r\n"))
    for wrong in (b"o,s\r\n1000001,urn:a\r\nfoo,_:b7\r\n", b"o,s\r\n1000000,urn:a\r\nFoo,_:b7\r\n",
                  b"o,p\r\n1000000,urn:a\r\nfoo,_:b7\r\n"):
        with pytest.raises(w3c.Mismatch, match="CSV differs"):
            w3c._compare_csv(expected, SimpleNamespace(ok=True, content=wrong))


def test_answers_of_another_kind_or_value_are_mismatches():
    s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    graph = [Triple(s, p, BlankNode("x")), Triple(BlankNode("x"), p, s)]
    w3c.compare_answer(graph, [Triple(s, p, BlankNode("y")), Triple(BlankNode("y"), p, s)], ordered=False)
    with pytest.raises(w3c.Mismatch, match="graphs differ"):
        w3c.compare_answer(graph, [Triple(s, p, BlankNode("y")), Triple(BlankNode("z"), p, s)], ordered=False)
    with pytest.raises(w3c.Mismatch, match="expected boolean, got graph"):
        w3c.compare_answer(("boolean", True), graph, ordered=False)
    with pytest.raises(w3c.Mismatch, match="expected True, got False"):
        w3c.compare_answer(("boolean", True), ("boolean", False), ordered=False)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """One server for the whole run."""
    server = w3c.Endpoint(tmp_path_factory.mktemp("w3c") / "store")
    yield server
    server.close()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_w3c(case, endpoint):
    reason = KNOWN.get(case.id)
    try:
        w3c.run_case(case, endpoint)
    except w3c.Mismatch:
        if reason:
            pytest.xfail(reason)
        raise
    if reason:
        pytest.fail(f"{case.id} passes now: take it out of {w3c.KNOWN_FAILURES.name} (it said: {reason})")
