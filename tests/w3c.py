"""The W3C SPARQL 1.1 test suites (`../shared/w3c-sparql11`) run through our HTTP endpoint.

Nothing here calls the engine directly: one real server (the app factory on a loopback port, with
an update token) answers every test. Each test's data is loaded by Graph Store `PUT`, queries and
updates are sent by the SPARQL 1.1 Protocol, and answers are compared by the suite's rules:
solutions as a bag (a sequence when the query has ORDER BY), blank nodes up to a bijection,
graphs up to isomorphism, numeric literals by value, language tags without case.

The manifests are read with rdflib. Suites covered, each counted as the issue's table does:
query evaluation (with the CSV/TSV result format tests), query syntax, update syntax (the `.ru`
syntax tests wherever they sit), update evaluation, protocol, Graph Store protocol and service
description. Left out: entailment regimes, `service/` and `syntax-fed/` (federation: the server
refuses SERVICE by design) and the deprecated `http-rdf-update/` tests. Withdrawn, rejected and
deprecated tests are left out too.

A query-evaluation test is asked on the plain dataset the test describes: the default graph by
its Jena name (`default-graph-uri=urn:x-arq:DefaultGraph`, which names the store's own default
graph) and each named graph by `named-graph-uri`, unless the query states its dataset itself
(FROM / FROM NAMED, read from rdflib's parse). Relative IRIs are resolved against the test file,
by a BASE put before the query. A syntax test sends the text as it is. "Refused by the parser"
means a 400 whose detail starts with "malformed": an update that parses but cannot be applied
(DROP of a graph that does not exist, LOAD, which the server refuses by policy) passes a
positive syntax test. A protocol test's dataset that names a graph the suite ships no data for
is created empty beforehand (see `_dataset_graphs`).

`python -m tests.w3c` prints the table of figures per suite and the tests that failed.
"""
from __future__ import annotations

import csv
import io
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import requests
import yaml
from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, RdfFormat,
                        parse, parse_query_results, serialize)
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql.parser import parseQuery
from werkzeug.serving import make_server

from kg.store import STORE_DEFAULT_GRAPH, open_store

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT.parent / "shared" / "w3c-sparql11"
KNOWN_FAILURES = Path(__file__).resolve().parent / "data" / "w3c-known-failures.yaml"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")

TOKEN = "w3c-suite-token"
SUITES = ("query evaluation", "query syntax", "update syntax", "update evaluation", "protocol",
          "Graph Store protocol", "service description")
LEFT_OUT = {"entailment", "service", "syntax-fed", "http-rdf-update"}
NOT_RUN = {DAWGT.Withdrawn, DAWGT.Rejected, DAWGT.Deprecated}
SYNTAX = {MF.PositiveSyntaxTest11: True, MF.NegativeSyntaxTest11: False,
          MF.PositiveUpdateSyntaxTest11: True, MF.NegativeUpdateSyntaxTest11: False}
RESULT_FORMATS = {".srx": QueryResultsFormat.XML, ".srj": QueryResultsFormat.JSON,
                  ".tsv": QueryResultsFormat.TSV}
GRAPH_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".rdf": RdfFormat.RDF_XML}
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                              "unsignedShort", "unsignedByte")}
FLOATS = {XSD + "float", XSD + "double"}
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


class Mismatch(AssertionError):
    """The endpoint's answer is not the one the test expects; the message says how."""


@dataclass(frozen=True)
class Case:
    """One test of the suite: its id (`folder/name`), suite, and where the manifest describes it."""
    id: str
    suite: str
    kind: URIRef
    node: URIRef
    manifest: Graph = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        return str(self.manifest.value(self.node, MF.name) or self.id)


def load_cases(root: Path = SUITE) -> list[Case]:
    """Every test of the covered suites, in manifest order."""
    top = Graph().parse(root / "manifest-all.ttl")
    cases = []
    for include in _items(top, top.value(next(top.subjects(RDF.type, MF.Manifest)), MF.include)):
        path = _path(include)
        if path.parent.name in LEFT_OUT:
            continue
        cases.extend(_manifest_cases(path))
    return cases


def _manifest_cases(path: Path) -> list[Case]:
    graph = Graph().parse(path)
    out = []
    for manifest in graph.subjects(RDF.type, MF.Manifest):
        for include in _items(graph, graph.value(manifest, MF.include)):
            out.extend(_manifest_cases(_path(include)))
        for node in _items(graph, graph.value(manifest, MF.entries)):
            if graph.value(node, DAWGT.approval) in NOT_RUN:
                continue
            kind = graph.value(node, RDF.type)
            suite = _suite(graph, node, kind)
            if suite:
                out.append(Case(f"{path.parent.name}/{str(node).rsplit('#', 1)[-1]}", suite, kind, node, graph))
    return out


def _suite(graph: Graph, node: URIRef, kind: URIRef) -> str | None:
    if kind in SYNTAX:
        action = str(graph.value(node, MF.action))
        return "update syntax" if action.endswith(".ru") or "Update" in str(kind) else "query syntax"
    return {MF.QueryEvaluationTest: "query evaluation", MF.CSVResultFormatTest: "query evaluation",
            MF.UpdateEvaluationTest: "update evaluation", MF.ProtocolTest: "protocol",
            MF.GraphStoreProtocolTest: "Graph Store protocol",
            MF.ServiceDescriptionTest: "service description"}.get(kind)


def _items(graph: Graph, head) -> list:
    return list(Collection(graph, head)) if head is not None else []


def _path(iri) -> Path:
    return Path(str(iri).removeprefix("file://"))


def known_failures() -> dict[str, str]:
    """Test id -> why the endpoint fails it (an upstream issue, or the issue that will fix it)."""
    return yaml.safe_load(KNOWN_FAILURES.read_text(encoding="utf-8")) or {}


# --- the endpoint ---------------------------------------------------------------------------

class Endpoint:
    """The real server on a free loopback port over an empty store of its own, with writes
    allowed by a token that every request carries."""

    def __init__(self, store: Path):
        from server import create_app            # the server's modules load only when a run starts
        open_store(store).flush()                 # the store exists before the first request
        self.app = create_app({"STORE": str(store), "UPDATE_TOKEN": TOKEN, "QUERY_WORKERS": 1,
                               "QUERY_TIMEOUT": 30})
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {TOKEN}"
        self._clean = False

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join()
        for runner in self.app.extensions.get("kg_runner", {}).values():
            runner.close()
        self.http.close()

    def send(self, method: str, path: str, **kwargs) -> requests.Response:
        if method not in ("GET", "HEAD"):
            self._clean = False
        return self.http.request(method, self.url + path, timeout=60, **kwargs)

    def update(self, text: str) -> requests.Response:
        return self.send("POST", "/sparql", data=text.encode("utf-8"),
                         headers={"Content-Type": "application/sparql-update"})

    def query(self, text: str, params: list[tuple[str, str]] = (), accept: str = ACCEPT) -> requests.Response:
        return self.http.post(self.url + "/sparql", params=list(params), data=text.encode("utf-8"), timeout=60,
                              headers={"Content-Type": "application/sparql-query", "Accept": accept})

    def reset(self, default: list[Path] = (), named: dict[str, Path] | None = None) -> None:
        """Empty the store, then load the test's graphs by Graph Store PUT."""
        if not self._clean:
            _expect_success(self.update("DROP ALL"), "emptying the store")
        graphs = [(None, path) for path in default] + list((named or {}).items())
        loaded = set()
        for graph, path in graphs:       # PUT makes a graph, POST adds a second file to it
            body = serialize(_read_graph(path), format=RdfFormat.N_TRIPLES)
            target = "/data?default" if graph is None else "/data?graph=" + quote(graph, safe="")
            _expect_success(self.send("POST" if graph in loaded else "PUT", target, data=body,
                                      headers={"Content-Type": "application/n-triples"}), f"loading {path.name}")
            loaded.add(graph)
        self._clean = not graphs

    def graph(self, name: str | None) -> list:
        """The triples the Graph Store gives for a graph (None: the default graph); [] when none."""
        target = "/data?default" if name is None else "/data?graph=" + quote(name, safe="")
        r = self.send("GET", target, headers={"Accept": "application/n-triples"})
        if r.status_code == 404:
            return []
        _expect_success(r, f"reading graph {name or 'default'}")
        return list(parse(r.content, format=RdfFormat.N_TRIPLES))

    def named_graphs(self) -> list[str]:
        r = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        _expect_success(r, "listing the named graphs")
        return [row["g"].value for row in parse_query_results(r.content, format=QueryResultsFormat.JSON)]


def _expect_success(r: requests.Response, what: str) -> None:
    if not r.ok:
        raise Mismatch(f"{what}: {r.status_code} {r.text[:300]}")


def _read_graph(path: Path) -> list:
    return [q.triple for q in parse(path=str(path), format=GRAPH_FORMATS[path.suffix], base_iri=path.as_uri())]


# --- comparison by the suite's rules --------------------------------------------------------

def term_key(term) -> tuple:
    """What decides whether two terms are the same answer: IRIs by text, literals by value
    (numbers and booleans) or by lexical form, datatype and language tag (without case); blank
    nodes are kept apart for the bijection. The integer types derived from xsd:integer share its
    value space, so "-3"^^xsd:negativeInteger and -3 are one value (the engine keeps the value,
    not the derived type: cast-* and tsv03 give "0"^^xsd:boolean back as false and
    xsd:negativeInteger as xsd:integer)."""
    if isinstance(term, BlankNode):
        return ("b", term.value)
    if isinstance(term, NamedNode):
        return ("i", term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value if term.datatype else None
        value: object = term.value
        try:
            if datatype in INTEGERS:
                value, datatype = int(term.value), XSD + "integer"
            elif datatype == XSD + "boolean" and term.value in BOOLEANS:
                value = BOOLEANS[term.value]
            elif datatype == XSD + "decimal":
                value = Decimal(term.value).normalize()
            elif datatype in FLOATS:
                value = float(term.value)
        except (ValueError, InvalidOperation):
            pass
        return ("l", value, datatype, (term.language or "").lower())
    return ("t", str(term))


def same_rows(expected: list[tuple], actual: list[tuple], ordered: bool = False) -> bool:
    """Whether two lists of rows of term keys are equal up to a renaming of blank nodes (a
    bijection), as bags, or as sequences when `ordered`."""
    if len(expected) != len(actual):
        return False
    if not any(k and k[0] == "b" for row in expected + actual for k in row):
        return expected == actual if ordered else Counter(expected) == Counter(actual)
    order = list(range(len(expected)))
    if not ordered:        # rows with fewer blank nodes first: they fix the mapping early
        order.sort(key=lambda i: sum(1 for k in expected[i] if k and k[0] == "b"))
    used: set[int] = set()

    def extend(row, other, forward, backward):
        forward, backward = dict(forward), dict(backward)
        for a, b in zip(row, other):
            if a is None or b is None or a[0] != "b" or b[0] != "b":
                if a != b:
                    return None
            elif forward.setdefault(a, b) != b or backward.setdefault(b, a) != a:
                return None
        return forward, backward

    def search(n, forward, backward):
        if n == len(order):
            return True
        i = order[n]
        for j in ([i] if ordered else range(len(actual))):
            if j in used:
                continue
            mapped = extend(expected[i], actual[j], forward, backward)
            if mapped:
                used.add(j)
                if search(n + 1, *mapped):
                    return True
                used.discard(j)
        return False
    return search(0, {}, {})


def graph_rows(triples) -> list[tuple]:
    """A graph as rows for `same_rows`: a set, so a triple given twice counts once."""
    return sorted({(term_key(t.subject), term_key(t.predicate), term_key(t.object)) for t in triples})


def normal(answer) -> tuple:
    """An answer as ("boolean", value), ("solutions", variables, rows) or ("graph", triples)."""
    if isinstance(answer, tuple):
        return answer
    if isinstance(answer, QueryBoolean):
        return ("boolean", bool(answer))
    if isinstance(answer, list):
        return ("graph", answer)
    variables = sorted(v.value for v in answer.variables)
    rows = [tuple(term_key(s[v]) if s[v] is not None else None for v in variables) for s in answer]
    return ("solutions", variables, rows)


def compare_answer(expected, actual, ordered: bool) -> None:
    """Raise Mismatch unless `actual` (parsed from the endpoint) matches `expected` (the suite's)."""
    expected, actual = normal(expected), normal(actual)
    if expected[0] != actual[0]:
        raise Mismatch(f"expected {expected[0]}, got {actual[0]}")
    if expected[0] == "boolean" and expected != actual:
        raise Mismatch(f"expected {expected[1]}, got {actual[1]}")
    if expected[0] == "graph" and not same_rows(graph_rows(expected[1]), graph_rows(actual[1])):
        raise Mismatch("graphs differ:\nexpected\n" + _nt(expected[1]) + "\ngot\n" + _nt(actual[1]))
    if expected[0] == "solutions":
        if expected[1] != actual[1]:
            raise Mismatch(f"expected variables {expected[1]}, got {actual[1]}")
        if not same_rows(expected[2], actual[2], ordered):
            raise Mismatch(f"solutions differ ({'ordered' if ordered else 'bag'}):\n"
                           f"expected {expected[2]}\ngot      {actual[2]}")


def _nt(triples) -> str:
    return serialize(list(triples), format=RdfFormat.N_TRIPLES).decode()


def read_expected(path: Path):
    """The suite's expected answer: solutions, a boolean, or a graph (a list of triples)."""
    if path.suffix in RESULT_FORMATS:
        return parse_query_results(path=str(path), format=RESULT_FORMATS[path.suffix])
    triples = _read_graph(path)
    result_set = [t.subject for t in triples if t.predicate.value == str(RDF.type) and t.object.value == str(RS.ResultSet)]
    return _result_set(triples, result_set[0]) if result_set else triples


def _result_set(triples: list, node) -> tuple:
    """Solutions written in RDF with the DAWG result-set vocabulary (rs:ResultSet)."""
    def values(subject, predicate) -> list:
        return [t.object for t in triples if t.subject == subject and t.predicate.value == str(predicate)]
    boolean = values(node, RS.boolean)
    if boolean:
        return ("boolean", boolean[0].value == "true")
    variables = sorted(v.value for v in values(node, RS.resultVariable))
    rows = []
    for solution in values(node, RS.solution):
        bound = {values(b, RS.variable)[0].value: values(b, RS.value)[0] for b in values(solution, RS.binding)}
        rows.append(tuple(term_key(bound[v]) if v in bound else None for v in variables))
    return ("solutions", variables, rows)


def read_answer(r: requests.Response):
    if not r.ok:
        raise Mismatch(f"{r.status_code} {r.text[:500]}")
    media = r.headers.get("Content-Type", "").split(";")[0].strip()
    if media == "application/sparql-results+json":
        return parse_query_results(r.content, format=QueryResultsFormat.JSON)
    if media == "application/n-triples":
        return [q.triple for q in parse(r.content, format=RdfFormat.N_TRIPLES)]
    raise Mismatch(f"unexpected media type {media!r}")


def parsed_query(text: str):
    """rdflib's parse of a query (its form's clauses), or None when rdflib cannot parse it."""
    try:
        return parseQuery(text)[1]
    except Exception:      # rdflib's parser lags the standard on a few forms: treat as no clauses
        return None


# --- one function per kind of test ----------------------------------------------------------

def run_case(case: Case, endpoint: Endpoint) -> None:
    """Run one test; raise Mismatch (with what differed) when the endpoint fails it."""
    if case.suite in ("query syntax", "update syntax"):
        return _syntax(case, endpoint)
    return {"query evaluation": _query_evaluation, "update evaluation": _update_evaluation,
            "protocol": _http_exchange, "Graph Store protocol": _http_exchange,
            "service description": _service_description}[case.suite](case, endpoint)


def _syntax(case: Case, endpoint: Endpoint) -> None:
    path = _path(case.manifest.value(case.node, MF.action))
    text = path.read_bytes().decode("utf-8", errors="replace")
    endpoint.reset()
    r = endpoint.update(text) if case.suite == "update syntax" else endpoint.query(text)
    refused = r.status_code == 400 and _detail(r).startswith("malformed")
    if SYNTAX[case.kind] and refused:
        raise Mismatch(f"a valid {case.suite.split()[0]} was refused: {_detail(r)}")
    if SYNTAX[case.kind] and r.status_code >= 500:
        raise Mismatch(f"{r.status_code} {r.text[:300]}")
    if not SYNTAX[case.kind] and not refused:
        raise Mismatch(f"an invalid {case.suite.split()[0]} was answered {r.status_code}: {r.text[:300]}")


def _detail(r: requests.Response) -> str:
    try:
        return r.json()["error"]["detail"]
    except (ValueError, KeyError, TypeError):
        return ""


def _query_evaluation(case: Case, endpoint: Endpoint) -> None:
    m, action = case.manifest, case.manifest.value(case.node, MF.action)
    default = [_path(d) for d in m.objects(action, QT.data)]
    named = {str(g): _path(g) for g in m.objects(action, QT.graphData)}
    endpoint.reset(default, named)
    query_path = _path(m.value(action, QT.query))
    text = query_path.read_text(encoding="utf-8")
    parsed = parsed_query(text)
    params = []
    if parsed is None or "datasetClause" not in parsed:
        params = [("default-graph-uri", STORE_DEFAULT_GRAPH)] + [("named-graph-uri", g) for g in named]
    query = f"BASE <{query_path.as_uri()}>\n{text}"
    result = _path(m.value(case.node, MF.result))
    if case.kind == MF.CSVResultFormatTest:
        return _compare_csv(result, endpoint.query(query, params, accept="text/csv"))
    ordered = parsed is not None and "orderby" in parsed
    compare_answer(read_expected(result), read_answer(endpoint.query(query, params)), ordered)


def _csv_cell(value: str) -> tuple:
    """A CSV cell as a key: blank node labels kept apart for the bijection, numbers by value
    (CSV keeps no datatype, and the engine writes 1.0E6 as 1000000), anything else as text."""
    if value.startswith("_:"):
        return ("b", value)
    try:
        return ("n", Decimal(value)) if value else ("v", value)
    except InvalidOperation:
        return ("v", value)


def _compare_csv(expected: Path, r: requests.Response) -> None:
    """CSV is compared as text rows (it is lossy), with blank node labels up to a bijection and
    numbers by value. Columns are matched by name: the order of `SELECT *` is not defined."""
    if not r.ok:
        raise Mismatch(f"{r.status_code} {r.text[:300]}")

    def rows(text: str) -> tuple[list, list[tuple]]:
        table = list(csv.reader(io.StringIO(text)))
        order = sorted(range(len(table[0])), key=lambda i: table[0][i])
        keyed = [tuple(_csv_cell(row[i]) for i in order) for row in table[1:]]
        return sorted(table[0]), keyed
    eh, er = rows(expected.read_text(encoding="utf-8"))
    ah, ar = rows(r.content.decode("utf-8"))
    if eh != ah or not same_rows(er, ar):
        raise Mismatch(f"CSV differs:\nexpected {[eh] + er}\ngot      {[ah] + ar}")


def _update_evaluation(case: Case, endpoint: Endpoint) -> None:
    m = case.manifest
    action, result = m.value(case.node, MF.action), m.value(case.node, MF.result)
    endpoint.reset([_path(d) for d in m.objects(action, UT.data)], _labelled_graphs(m, action, UT.graphData))
    request = _path(m.value(action, UT.request))
    r = endpoint.update(f"BASE <{request.as_uri()}>\n" + request.read_text(encoding="utf-8"))
    if not r.ok:
        raise Mismatch(f"the update was answered {r.status_code}: {r.text[:300]}")
    expected_default = [t for d in m.objects(result, UT.data) for t in _read_graph(_path(d))]
    compare_answer(expected_default, endpoint.graph(None), ordered=False)
    expected_named = {name: _read_graph(path) for name, path in _labelled_graphs(m, result, UT.graphData).items()}
    expected_named = {name: triples for name, triples in expected_named.items() if triples}
    actual = sorted(endpoint.named_graphs())
    if actual != sorted(expected_named):
        raise Mismatch(f"expected named graphs {sorted(expected_named)}, got {actual}")
    for name, triples in expected_named.items():
        try:
            compare_answer(triples, endpoint.graph(name), ordered=False)
        except Mismatch as err:
            raise Mismatch(f"graph <{name}>: {err}") from None


def _labelled_graphs(m: Graph, node, prop) -> dict[str, Path]:
    return {str(m.value(g, RDFS.label)): _path(m.value(g, UT.graph)) for g in m.objects(node, prop)}


# The protocol suites address the endpoint as /sparql/ and the Graph Store as /gsp.
PATHS = (("/sparql/", "/sparql"), ("/sparql", "/sparql"), ("/gsp", "/data"))


def _http_exchange(case: Case, endpoint: Endpoint) -> None:
    """Protocol and Graph Store tests: each ht:Request sent in order, each ht:Response checked."""
    m = case.manifest
    named = _labelled_graphs(m, case.node, UT.graphData)
    endpoint.reset(named=named)
    connection = m.value(case.node, MF.action)
    requests_ = _items(m, m.value(connection, HT.requests))
    for graph in sorted(_dataset_graphs(m, requests_) - set(named)):
        _expect_success(endpoint.update(f"CREATE GRAPH <{graph}>"), f"creating {graph}")
    templates: dict[str, str] = {}
    for n, request in enumerate(requests_, 1):
        method = str(m.value(request, HT.methodName))
        path = _fill(str(m.value(request, HT.absolutePath)), templates)
        for theirs, ours in PATHS:
            if path.startswith(theirs):
                path = ours + path[len(theirs):]
                break
        headers = {str(m.value(h, HT.fieldName)): str(m.value(h, HT.fieldValue))
                   for h in _items(m, m.value(request, HT.headers))}
        body = m.value(request, HT.body)
        data = None
        if body is not None:
            encoding = str(m.value(body, CNT.characterEncoding) or "UTF-8")
            data = _fill(str(m.value(body, CNT.chars)), templates).encode(encoding)
        r = endpoint.send(method, path, headers=headers, data=data, allow_redirects=False)
        try:
            _check_response(m, m.value(request, HT.resp), r, endpoint.url + path, templates)
        except Mismatch as err:
            raise Mismatch(f"request {n} ({method} {path}): {err}") from None


DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


def _dataset_graphs(m: Graph, requests_: list) -> set[str]:
    """The graphs the requests name as a query's dataset. A protocol test whose dataset names a
    graph on the web that the suite ships no data for (data0.rdf: every query that names it, ASK {},
    SELECT (1 AS ?value) {}, a DESCRIBE and a CONSTRUCT of no pattern, answers the same whatever the
    graph holds) gets that graph created empty beforehand, as the test's setup: the server fetches
    nothing and refuses a graph the store does not hold, as it should."""
    graphs = set()
    for request in requests_:
        query = urlsplit(str(m.value(request, HT.absolutePath))).query
        graphs.update(value for name, value in parse_qsl(query) if name in DATASET_PARAMETERS)
    return graphs


def _fill(text: str, templates: dict[str, str]) -> str:
    for name, value in templates.items():
        text = text.replace(name, value)
    return text


def _check_response(m: Graph, resp, r: requests.Response, url: str, templates: dict[str, str]) -> None:
    allowed = [_status_range(s) for s in m.objects(resp, MF.expectedStatus)]
    if allowed and not any(low <= r.status_code <= high for low, high in allowed):
        raise Mismatch(f"status {r.status_code}, expected {sorted(str(s).rsplit('#')[-1] for s in m.objects(resp, MF.expectedStatus))}: {r.text[:300]}")
    location = m.value(resp, MF.expectedLocation)
    if location is not None:
        if "Location" not in r.headers:
            raise Mismatch("no Location header")
        templates[str(location)] = r.headers["Location"]
    media = r.headers.get("Content-Type", "").split(";")[0].strip().lower()
    fmt = m.value(resp, MF.expectedFormat)
    answer = None
    if fmt is not None or m.value(resp, MF.expectedBoolean) is not None:
        answer = normal(_parse_any(r, media))
        kind = {"graph": "RDF", "boolean": "boolean", "solutions": "tabular"}[answer[0]]
        if fmt is not None and kind != str(fmt):
            raise Mismatch(f"expected {fmt} results, got {kind} ({media})")
    expected_boolean = m.value(resp, MF.expectedBoolean)
    if expected_boolean is not None and answer != ("boolean", expected_boolean.toPython()):
        raise Mismatch(f"expected {expected_boolean}, got {answer}: {r.text[:200]}")
    for header in _items(m, m.value(resp, HT.headers)):
        name, value = str(m.value(header, HT.fieldName)), str(m.value(header, HT.fieldValue))
        if _normal_header(r.headers.get(name, "")) != _normal_header(value):
            raise Mismatch(f"header {name}: expected {value!r}, got {r.headers.get(name)!r}")
    body = m.value(resp, HT.body)
    if body is not None:
        expected = [q.triple for q in parse(str(m.value(body, CNT.chars)).encode(), format=RdfFormat.TURTLE,
                                            base_iri=url)]
        compare_answer(expected, _parse_any(r, media, base=url), ordered=False)


STATUS_BY_NAME = {s.phrase.replace(" ", "").lower(): s.value for s in HTTPStatus}   # hts:NoContent -> 204


def _status_range(status) -> tuple[int, int]:
    name = str(status).rsplit("#", 1)[-1]
    match = re.fullmatch(r"StatusCode(\d)xx", name)
    if match:
        low = int(match.group(1)) * 100
        return low, low + 99
    code = STATUS_BY_NAME[name.lower()]
    return code, code


def _normal_header(value: str) -> list[str]:
    return [part.strip().lower().replace('"', "") for part in value.split(";")]


def _parse_any(r: requests.Response, media: str, base: str | None = None):
    results = {"application/sparql-results+json": QueryResultsFormat.JSON,
               "application/sparql-results+xml": QueryResultsFormat.XML,
               "text/tab-separated-values": QueryResultsFormat.TSV}
    graphs = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES,
              "application/rdf+xml": RdfFormat.RDF_XML, "application/ld+json": RdfFormat.JSON_LD}
    try:
        if media in results:
            return parse_query_results(r.content, format=results[media])
        if media in graphs:
            return [q.triple for q in parse(r.content, format=graphs[media], base_iri=base)]
    except SyntaxError as err:
        raise Mismatch(f"the {media} answer does not parse: {err}") from None
    raise Mismatch(f"an answer in {media or 'no media type'}: {r.text[:200]}")


# The terms of the Service Description vocabulary (https://www.w3.org/TR/sparql11-service-description/).
SD_PROPERTIES = {SD[p] for p in (
    "endpoint feature defaultEntailmentRegime entailmentRegime defaultSupportedEntailmentProfile "
    "supportedEntailmentProfile extensionFunction extensionAggregate languageExtension supportedLanguage "
    "propertyFeature defaultDataset availableGraphs resultFormat inputFormat defaultGraph namedGraph name "
    "graph").split()}
SD_LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
SD_FEATURES = {SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset, SD.EmptyGraphs,
               SD.BasicFederatedQuery}


def _service_description(case: Case, endpoint: Endpoint) -> None:
    url = endpoint.url + "/sparql"
    r = endpoint.send("GET", "/sparql", headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"})
    if not r.ok:
        raise Mismatch(f"GET /sparql answered {r.status_code}")
    media = r.headers.get("Content-Type", "").split(";")[0].strip().lower()
    triples = _parse_any(r, media, base=url)
    if normal(triples)[0] != "graph" or not triples:
        raise Mismatch("the service description is not RDF")
    description = Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES).decode(), format="nt")
    local = case.id.rsplit("/", 1)[-1]
    if local == "has-endpoint-triple" and (None, SD.endpoint, URIRef(url)) not in description:
        raise Mismatch(f"no sd:endpoint <{url}>")
    if local == "conforms-to-schema":
        services = set(description.subjects(RDF.type, SD.Service))
        if not services:
            raise Mismatch("no sd:Service")
        unknown = {p for p in description.predicates() if str(p).startswith(str(SD)) and p not in SD_PROPERTIES}
        languages = set(description.objects(None, SD.supportedLanguage))
        features = set(description.objects(None, SD.feature))
        if unknown or not languages or not languages <= SD_LANGUAGES or not features <= SD_FEATURES \
                or any(not isinstance(s, URIRef) for s in description.objects(None, SD.resultFormat)):
            raise Mismatch(f"not by the schema: unknown {unknown}, languages {languages}, features {features}")


# --- the table ------------------------------------------------------------------------------

def run_all(cases: list[Case], endpoint: Endpoint) -> dict[str, str | None]:
    """Test id -> None when passed, else why it failed."""
    outcome = {}
    for case in cases:
        try:
            run_case(case, endpoint)
            outcome[case.id] = None
        except Mismatch as err:
            outcome[case.id] = str(err)
    return outcome


def table(cases: list[Case], outcome: dict[str, str | None]) -> str:
    lines = ["| suite | passed |", "|---|---|"]
    for suite in SUITES:
        ids = [c.id for c in cases if c.suite == suite]
        lines.append(f"| {suite} | {sum(outcome[i] is None for i in ids)}/{len(ids)} |")
    return "\n".join(lines)


def main() -> None:
    import logging
    import tempfile
    logging.basicConfig(level=logging.WARNING, force=True)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    cases = load_cases()
    with tempfile.TemporaryDirectory() as folder:
        endpoint = Endpoint(Path(folder) / "store")
        try:
            outcome = run_all(cases, endpoint)
        finally:
            endpoint.close()
    known = known_failures()
    for case in cases:
        if outcome[case.id] is not None:
            mark = "known" if case.id in known else "NEW"
            print(f"{mark} {case.id}: {outcome[case.id].splitlines()[0][:200]}")
    for case_id in known:
        if outcome.get(case_id, "") is None:
            print(f"PASSES NOW {case_id}")
    print(table(cases, outcome))


if __name__ == "__main__":
    main()
