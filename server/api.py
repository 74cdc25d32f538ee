"""`/queries`: the canned queries, listed and run with typed parameters, a page at a time (a
browser gets each as a page, `query_pages`);
`/api/suggest`: the actors and topics a search text may mean, from the name index."""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify, render_template, request

from kg import queries
from kg.queries import QueryError

from .db import get_names
from .errors import ApiError
from .negotiation import RESULT_TYPES, prefers_page, run_user_query
from .query_pages import page

bp = Blueprint("api", __name__)


def _describe(q: queries.CannedQuery) -> dict:
    return {"name": q.name, "summary": q.summary, "description": q.description,
            "parameters": [p.__dict__ for p in q.parameters], "url": f"/queries/{q.name}"}


@bp.get("/health")
def health():
    """Liveness, answered by the request thread alone: it never waits for a query worker or the store."""
    return jsonify(status="ok")


@bp.get("/queries")
def index():
    listing = [_describe(q) for q in queries.catalogue().values()]
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return render_template("queries.html", queries=listing)
    return jsonify(queries=listing)


@bp.get("/queries/<name>")
def run(name: str):
    try:
        canned = queries.get(name)
    except QueryError as err:
        raise ApiError(404, str(err)) from None
    values = {k: v for k, v in request.args.items() if k != "format"}
    if prefers_page(RESULT_TYPES):
        return page(canned, values)
    try:
        canned.bindings(values)                  # a mistake in the parameters is answered before any lookup
        sparql = canned.prepare(values, get_names() if canned.needs_names else None)
    except QueryError as err:
        raise ApiError(400, str(err)) from None
    return run_user_query(sparql, inspect=False)


SUGGESTIONS = 10


@bp.get("/api/suggest")
def suggest():
    """Up to `limit` (10, at most 50) actors and topics `q` may mean, best first, as JSON:
    [{label, iri, kind, matched}], `matched` being the name or alias that matched."""
    text = request.args.get("q", "")
    try:
        limit = min(max(int(request.args.get("limit", SUGGESTIONS)), 1), 50)
    except ValueError:
        raise ApiError(400, f"limit: {request.args['limit']!r} is not an integer") from None
    return jsonify(suggestions=[asdict(s) for s in get_names().suggest(text, limit)])
