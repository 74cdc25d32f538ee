"""Writes: SPARQL Update (`/sparql`, `/update`) and Graph Store Protocol writes (`/data`).

Read-only by default: every write is refused with 403 unless a token is configured
(`KG_UPDATE_TOKEN`) and the request presents it as a Bearer token. Even then `LOAD` and
`SERVICE` are refused, since they would make the server fetch from the network or the disk.
A write opens the store for writing, applies the change and flushes it; the read-only handles
(the app's and the query workers') see that the store changed and reopen it for the next query.
"""
from __future__ import annotations

import hmac
import re
from collections.abc import Callable

from flask import Blueprint, Response, current_app, request
from pyoxigraph import NamedNode, parse, serialize

from kg.store import GraphStore, StoreError, open_store

from . import safety
from .errors import ApiError
from .db import get_store
from .negotiation import GRAPH_TYPES, choose, media_response

bp = Blueprint("update", __name__)

_FETCHING = re.compile(r"\b(LOAD|SERVICE)\b", re.I)
READ_ONLY = ("this endpoint is read-only: writes need the token configured in KG_UPDATE_TOKEN, "
             "sent as 'Authorization: Bearer <token>'")


def require_token() -> None:
    token = current_app.config.get("UPDATE_TOKEN")
    given = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise ApiError(403, READ_ONLY)


def write(change: Callable[[GraphStore], None]) -> Response:
    try:
        store = open_store(current_app.config["STORE"])
    except StoreError as err:
        raise ApiError(503, f"the store cannot be opened for writing now: {err}") from None
    try:
        change(store)
        store.flush()
    except StoreError as err:
        raise ApiError(502, str(err)) from None
    finally:
        del store
    return Response(status=204)


def run_update(text: str) -> Response:
    require_token()
    if _FETCHING.search(safety.keywords_only(text)):
        raise ApiError(403, "LOAD and SERVICE are disabled: this server fetches nothing")

    def change(store: GraphStore) -> None:
        try:
            store.update(text)
        except SyntaxError as err:
            raise ApiError(400, f"malformed update: {err}") from None
    return write(change)


@bp.post("/update")
def update():
    text = request.get_data(as_text=True) if request.mimetype == "application/sparql-update" else request.form.get("update")
    if text is None:
        raise ApiError(400, "missing update (form field 'update' or an application/sparql-update body)")
    return run_update(text)


def _graph() -> str | None:
    """The graph a Graph Store request names: an IRI, or None for the default graph."""
    if "default" in request.args:
        return None
    iri = request.args.get("graph")
    if not iri:
        raise ApiError(400, "name the graph: ?graph=IRI or ?default")
    try:
        return NamedNode(iri).value
    except ValueError:
        raise ApiError(400, f"not an IRI: {iri!r}") from None


@bp.route("/data", methods=["GET", "PUT", "POST", "DELETE"])
def data():
    graph = _graph()
    if request.method == "GET":
        media = choose(GRAPH_TYPES)
        triples = get_store().triples(graph)
        if not triples:
            raise ApiError(404, "no such graph")
        return media_response(serialize(triples, format=GRAPH_TYPES[media]), media)
    require_token()
    if request.method == "DELETE":
        return write(lambda store: store.drop_graph(graph))
    fmt = next((f for m, f in GRAPH_TYPES.items() if m == request.mimetype), None)
    if fmt is None:
        raise ApiError(415, f"send one of {', '.join(GRAPH_TYPES)}")
    try:
        triples = [quad.triple for quad in parse(request.get_data(), format=fmt)]
    except SyntaxError as err:
        raise ApiError(400, f"malformed RDF: {err}") from None
    if request.method == "PUT" and graph is not None:
        return write(lambda store: store.replace_graph(graph, triples))

    def change(store: GraphStore) -> None:
        if request.method == "PUT":
            store.drop_graph(graph)
        store.add_triples(graph, triples)
    return write(change)
