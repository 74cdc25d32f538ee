"""`/sparql`: the SPARQL 1.1 Protocol query operation (GET, POST form, POST sparql-query)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from .describe import base_iri
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


def _query_text() -> str | None:
    if request.method == "POST":
        if request.mimetype == "application/sparql-query":
            return request.get_data(as_text=True)
        return request.form.get("query")
    return request.args.get("query")


def _update_text() -> str | None:
    """A SPARQL Update in the request, which the protocol allows only by POST."""
    if "update" in request.args:
        raise ApiError(403, "SPARQL Update is accepted by POST only")
    if request.method == "POST" and request.mimetype == "application/sparql-update":
        return request.get_data(as_text=True)
    return request.form.get("update") if request.method == "POST" else None


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":               # a CORS preflight: the headers are added by the app if enabled
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
    update = _update_text()
    if update is not None:
        return run_update(update)
    query = _query_text()
    if query is None:
        return Response(SERVICE_DESCRIPTION.format(endpoint=base_iri() + "sparql"), content_type="text/turtle")
    if len(query.encode("utf-8", "surrogatepass")) > current_app.config["MAX_QUERY_BYTES"]:
        raise ApiError(413, f"query longer than {current_app.config['MAX_QUERY_BYTES']} bytes")
    return run_user_query(query)          # inspected (SERVICE, updates, FROM) in the worker that runs it
