"""`/sparql`: the SPARQL 1.1 Protocol query operation (GET, POST form, POST sparql-query)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from . import safety
from .errors import ApiError
from .negotiation import run_user_query

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
        ctype = request.mimetype
        if ctype == "application/sparql-update" or "update" in request.form:
            raise ApiError(403, "this endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/sparql-query":
            return request.get_data(as_text=True)
        return request.form.get("query")
    if "update" in request.args:
        raise ApiError(403, "this endpoint is read-only: SPARQL Update is refused")
    return request.args.get("query")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Access-Control-Allow-Origin": "*",
                                             "Access-Control-Allow-Methods": "GET, POST",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept"})
    query = _query_text()
    if query is None:
        return Response(SERVICE_DESCRIPTION.format(endpoint=request.base_url), content_type="text/turtle")
    if len(query.encode()) > current_app.config["MAX_QUERY_BYTES"]:
        raise ApiError(413, f"query longer than {current_app.config['MAX_QUERY_BYTES']} bytes")
    if safety.looks_like_update(query):
        raise ApiError(403, "this endpoint is read-only: SPARQL Update is refused")
    reason = safety.refusal(query)
    if reason:
        raise ApiError(403, reason)
    return run_user_query(query)
