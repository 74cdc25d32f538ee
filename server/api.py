"""`/queries`: the canned queries, listed and run with typed parameters."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from kg import queries
from kg.queries import QueryError

from .errors import ApiError
from .negotiation import run_user_query

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
    try:
        bindings = canned.bindings(values)
    except QueryError as err:
        raise ApiError(400, str(err)) from None
    return run_user_query(canned.sparql, bindings, inspect=False)
