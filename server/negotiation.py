"""Pick a results format from the Accept header (or a `format` parameter) and serialize with
Oxigraph's own writers."""
from __future__ import annotations

from flask import Response, request
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize

from .errors import ApiError

RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}
SHORT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
               "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
               "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


def choose(offered: dict) -> str:
    """The media type to answer with; 406 when the client accepts none we offer."""
    fmt = request.values.get("format")
    if fmt:
        media = SHORT_NAMES.get(fmt, fmt)
        if media not in offered:
            raise ApiError(406, f"format {fmt!r} is not available here; use one of {', '.join(sorted(offered))}")
        return media
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return next(iter(offered))
    best = request.accept_mimetypes.best_match(list(offered))
    if best is None:
        raise ApiError(406, f"cannot answer with {request.headers.get('Accept')}; available: {', '.join(offered)}")
    return best


def results_response(results) -> Response:
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        media = choose(RESULT_TYPES)
        body = results.serialize(format=RESULT_TYPES[media])
    else:
        media = choose(GRAPH_TYPES)
        body = serialize(results, format=GRAPH_TYPES[media])
    charset = "; charset=utf-8" if not media.endswith("json") else ""
    return Response(body, content_type=media + charset, headers={"Access-Control-Allow-Origin": "*", "Vary": "Accept"})
