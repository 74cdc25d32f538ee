"""`/sparql`: the SPARQL 1.1 Protocol query operation (GET, POST form, POST sparql-query)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from .describe import endpoint_iri
from .errors import ApiError
from .negotiation import run_user_query
from .update import run_update

bp = Blueprint("sparql", __name__)

SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML , formats:SPARQL_Results_CSV ,
        formats:SPARQL_Results_TSV , formats:Turtle , formats:N-Triples , formats:RDF_XML , formats:JSON-LD ;
    sd:feature sd:UnionDefaultGraph .
"""


FORM = "application/x-www-form-urlencoded"
BODY_TYPES = {"application/sparql-query": "query", "application/sparql-update": "update"}


def _single(values, name: str) -> str:
    """The one value of a protocol parameter: the protocol allows one query or update a request."""
    given = values.getlist(name)
    if len(given) > 1:
        raise ApiError(400, f"one '{name}' parameter per request, not {len(given)}")
    return given[0]


def _operation() -> tuple[str, str] | None:
    """("query" or "update", its text), sent by one of the protocol's ways: GET with `query`, POST
    of a form (`query` or `update`), or POST of the text as application/sparql-query or
    application/sparql-update. None for a GET without a query (the service description). Any
    other POST is the client's mistake: 415 for a body of another media type, 400 otherwise."""
    if "update" in request.args:
        raise ApiError(403, "SPARQL Update is accepted by POST only")
    if request.method == "GET":
        return ("query", _single(request.args, "query")) if "query" in request.args else None
    if request.mimetype in BODY_TYPES:
        kind = BODY_TYPES[request.mimetype]
        if "query" in request.args:
            raise ApiError(400, f"an {request.mimetype} body and a 'query' parameter: send one operation")
        return kind, request.get_data(as_text=True)
    if request.mimetype == FORM:
        present = [name for name in ("query", "update") if name in request.form]
        if len(present) != 1:
            raise ApiError(400, "a form POST carries one 'query' or one 'update' field")
        return present[0], _single(request.form, present[0])
    raise ApiError(415, f"POST a query as application/sparql-query, an update as application/sparql-update, "
                        f"or either as a form ({FORM}); got {request.mimetype or 'no Content-Type'}")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":               # a CORS preflight: the headers are added by the app if enabled
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
    operation = _operation()
    if operation is None:
        return Response(SERVICE_DESCRIPTION.format(endpoint=endpoint_iri()), content_type="text/turtle")
    kind, query = operation
    if kind == "update":
        return run_update(query)
    if len(query.encode("utf-8", "surrogatepass")) > current_app.config["MAX_QUERY_BYTES"]:
        raise ApiError(413, f"query longer than {current_app.config['MAX_QUERY_BYTES']} bytes")
    return run_user_query(query)          # inspected (SERVICE, updates, FROM) in the worker that runs it
