"""Pick a results format from the Accept header (or a `format` parameter) and serialize with
Oxigraph's own writers."""
from __future__ import annotations

from flask import Response, g, request
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize
from rdflib import Graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import dump_options_header, parse_options_header

from kg.vocab import PREFIXES

from .db import get_runner
from .describe import endpoint_iri
from .errors import ApiError
from .runner import Busy, QueryFailed, QueryRequest, QueryTimeout, encode_bindings

# Media type -> the name of pyoxigraph's format constant (a name can cross to a worker process).
RESULT_FORMATS = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPH_FORMATS = {
    "text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML", "application/ld+json": "JSON_LD",
}
RESULT_TYPES = {media: getattr(QueryResultsFormat, name) for media, name in RESULT_FORMATS.items()}
GRAPH_TYPES = {media: getattr(RdfFormat, name) for media, name in GRAPH_FORMATS.items()}
SHORT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
               "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
               "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


def acceptable(offered: dict) -> str | None:
    """The media type of `offered` the client prefers (the `format` parameter first), or None."""
    fmt = request.values.get("format")
    if fmt:
        media = SHORT_NAMES.get(fmt, fmt)
        return media if media in offered else None
    accepted = _accepted()
    if not accepted or accepted.best == "*/*":
        return next(iter(offered))
    return accepted.best_match(list(offered))


def _accepted() -> MIMEAccept:
    """The Accept header less its `charset=utf-8` parameters: every answer is UTF-8, so
    `text/turtle; charset=utf-8` asks for what `text/turtle` gives, but werkzeug matches
    parameters exactly and would answer it 406."""
    values = []
    for value, quality in request.accept_mimetypes:
        media, params = parse_options_header(value)
        if params.get("charset", "utf-8").lower() == "utf-8":
            params.pop("charset", None)
        values.append((dump_options_header(media, params), quality))
    return MIMEAccept(values)


def prefers_page(offered: dict) -> bool:
    """Whether the client names text/html and wants it more than any media type of `offered`: a
    browser (`text/html, …, application/xml;q=0.9, */*;q=0.8`), not a machine asking for results
    (`*/*`, no Accept, a tie, or a `format` parameter), which keeps getting them as before."""
    if request.values.get("format"):
        return False
    accepted = _accepted()
    page = max((quality for value, quality in accepted if value == "text/html"), default=0)
    return page > 0 and all(page > accepted.quality(media) for media in offered)


def choose(offered: dict) -> str:
    """The media type to answer with; 406 when the client accepts none we offer."""
    media = acceptable(offered)
    if media is None:
        wanted = request.values.get("format") or request.headers.get("Accept")
        raise ApiError(406, f"cannot answer with {wanted}; available: {', '.join(offered)}")
    return media


def media_response(body: bytes, media: str) -> Response:
    charset = "; charset=utf-8" if not media.endswith("json") else ""
    return Response(body, content_type=media + charset, headers={"Vary": "Accept"})


NAMESPACES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} | {
    "wd": "http://www.wikidata.org/entity/"}


def graph_body(triples, media: str) -> bytes:
    """A graph in `media`, readable by people too: Turtle and RDF/XML with the ontology's prefixes,
    JSON-LD compacted against an `@context` of the same prefixes (Oxigraph writes JSON-LD only
    expanded, so rdflib compacts it). Sorted, so that Oxigraph's streaming Turtle writer says each
    subject once. For bounded graphs only: descriptions and the ontology."""
    triples = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if media != "application/ld+json":
        return serialize(triples, format=GRAPH_TYPES[media], prefixes=NAMESPACES)
    graph = Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return graph.serialize(format="json-ld", context=NAMESPACES, auto_compact=True, encoding="utf-8")


def results_response(results) -> Response:
    """Serialize results computed in this process (bounded queries: descriptions, the ontology)."""
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        media = choose(RESULT_TYPES)
        return media_response(results.serialize(format=RESULT_TYPES[media]), media)
    media = choose(GRAPH_TYPES)
    return media_response(graph_body(results, media), media)


def run_user_query(sparql: str, bindings: dict | None = None, inspect: bool = True) -> Response:
    """Run a query in a worker process (inspection of a client's text, timeout, size limits) and
    answer by Accept. `inspect=False` is for the canned queries, whose text is our own."""
    results_media, graph_media = acceptable(RESULT_TYPES), acceptable(GRAPH_TYPES)
    if results_media is None and graph_media is None:
        choose(RESULT_TYPES)                                   # raises the 406
    request_ = QueryRequest(
        sparql, media={"results": RESULT_FORMATS.get(results_media, "JSON"),
                       "graph": GRAPH_FORMATS.get(graph_media, "TURTLE")},
        bindings=encode_bindings(bindings or {}),
        default_graphs=tuple(request.values.getlist("default-graph-uri")),
        named_graphs=tuple(request.values.getlist("named-graph-uri")), inspect=inspect,
        base_iri=endpoint_iri())
    answer = in_worker(lambda runner: runner.run(request_, arrived=g.arrived))
    media = results_media if answer.kind == "results" else graph_media
    if media is None:
        kind = "solutions" if answer.kind == "results" else "a graph"
        raise ApiError(406, f"this query gives {kind}, which cannot be sent as {request.headers.get('Accept')}")
    return media_response(answer.body, media)


def in_worker(task):
    """`task(runner)`, with the runner's failures as the one error shape: the client's mistakes
    4xx, a busy or broken pool and an unavailable store 503."""
    try:
        return task(get_runner())
    except SyntaxError as err:
        raise ApiError(400, f"malformed query: {err}") from None
    except (QueryTimeout, Busy) as err:
        raise ApiError(503, str(err)) from None
    except QueryFailed as err:
        raise ApiError(err.status, err.detail) from None
