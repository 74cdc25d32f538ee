"""Writes: SPARQL Update (`/sparql`, `/update`) and Graph Store Protocol writes (`/data`).

Read-only by default: every write is refused with 403 unless a token is configured
(`KG_UPDATE_TOKEN`) and the request presents it as a Bearer token. Even then `LOAD` and
`SERVICE` are refused, since they would make the server fetch from the network or the disk;
`LOAD SILENT`, whose failure is to be ignored, applies as a load that failed: nothing.
A write opens the store for writing, applies the change and flushes it; the read-only handles
(the app's and the query workers') see that the store changed and reopen it for the next query.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable

from flask import Blueprint, Response, current_app, g, request
from pyoxigraph import NamedNode, parse, serialize

from kg.store import GraphStore, StoreError, open_store

from . import safety
from .db import get_store
from .describe import endpoint_iri
from .errors import ApiError
from .negotiation import GRAPH_TYPES, choose, in_worker, media_response

bp = Blueprint("update", __name__)

READ_ONLY = ("this endpoint is read-only: writes need the token configured in KG_UPDATE_TOKEN, "
             "sent as 'Authorization: Bearer <token>'")


def require_token() -> None:
    token = current_app.config.get("UPDATE_TOKEN")
    given = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise ApiError(403, READ_ONLY)


def write(change: Callable[[GraphStore], int | None]) -> Response:
    """Apply `change` to the store opened for writing, then close it whatever happened: a failed
    write leaves no handle (and so no lock) behind, and the store as it was (an Oxigraph update is
    one transaction; see `run_update`). `change` may return the success status (201 when it
    created a graph); None means 204."""
    status, problem = _apply(change, current_app.config["STORE"])
    if problem is not None:
        raise ApiError(status, problem)
    return Response(status=status)


def _apply(change: Callable[[GraphStore], int | None], location: str) -> tuple[int, str | None]:
    """Run the write; its status, and what went wrong (None when nothing did), decided after the
    store is closed. Nothing raised here keeps the store alive in a traceback."""
    try:
        store = open_store(location)
    except StoreError as err:
        current_app.logger.warning("store not writable: %s", err)
        return 503, "the store is busy (another write, kg build or kg add) or cannot be opened for writing; retry"
    try:
        status = change(store) or 204
        store.flush()
    except ApiError as err:
        return err.code, err.description
    except (SyntaxError, ValueError, RuntimeError) as err:   # the engine's verdict on the client's write
        return 400, str(err)
    except (StoreError, OSError) as err:
        current_app.logger.error("store write failed: %s", err)
        return 503, "the store could not be written now; nothing was changed, retry"
    finally:
        del store
    return status, None


def run_update(text: str) -> Response:
    """Apply a client's update: inspected in a worker (400, 403 for LOAD and SERVICE), with the
    protocol's `using-graph-uri` / `using-named-graph-uri` written in as USING clauses."""
    require_token()
    using = tuple(request.values.getlist("using-graph-uri")), tuple(request.values.getlist("using-named-graph-uri"))
    to_apply = in_worker(lambda runner: runner.check_update(text, g.arrived, *using))
    if to_apply is None:                      # only LOAD SILENT: nothing to fetch, nothing to change
        return Response(status=204)

    def change(store: GraphStore) -> None:
        try:
            store.update(to_apply, base_iri=endpoint_iri())
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


def _holds(store: GraphStore, graph: str) -> bool:
    """Whether named graph `graph` has a triple: the Graph Store's test of existence, the same for
    a PUT (201 when it creates the graph) as for a GET (404 when there is none)."""
    return bool(store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))


MULTIPART = "multipart/form-data"


def _read_rdf(body: bytes, media: str) -> list:
    """The triples of one uploaded document in `media`: 415 for a media type not offered, 400
    (or 413) for a document the parsers may not or cannot read."""
    fmt = GRAPH_TYPES.get(media)
    if fmt is None:
        raise ApiError(415, f"send one of {', '.join(GRAPH_TYPES)}" + (f" (or {MULTIPART} of them, by POST)"
                                                                        if request.method == "POST" else ""))
    try:
        body = safety.readable_rdf(body, fmt, current_app.config["MAX_CONTENT_LENGTH"])
    except safety.Refused as err:
        raise ApiError(err.status, err.detail) from None
    try:
        return [quad.triple for quad in parse(body, format=fmt)]
    except SyntaxError as err:
        raise ApiError(400, f"malformed RDF: {err}") from None


def _uploaded_triples() -> list:
    """The triples a PUT or POST sends: one document, or for a POST of multipart/form-data (the
    Graph Store protocol's way to send several) every file part, each read by its own media type.
    werkzeug parses the form, within the request's size limit."""
    if request.method != "POST" or request.mimetype != MULTIPART:
        return _read_rdf(request.get_data(), request.mimetype)
    parts = [part for name in request.files for part in request.files.getlist(name)]
    if not parts or request.form:
        raise ApiError(400, f"a {MULTIPART} POST carries RDF documents as file parts (with a filename and a "
                            "Content-Type), and nothing else")
    return [triple for part in parts for triple in _read_rdf(part.read(), part.mimetype)]


@bp.route("/data", methods=["GET", "PUT", "POST", "DELETE"])
def data():
    graph = _graph()
    if request.method in ("GET", "HEAD"):         # a read: Flask answers HEAD as GET, without the body
        media = choose(GRAPH_TYPES)
        triples = get_store().triples(graph)
        if not triples and graph is not None:     # the default graph always exists, empty or not
            raise ApiError(404, "no such graph")
        return media_response(serialize(triples, format=GRAPH_TYPES[media]), media)
    require_token()
    if request.method == "DELETE":
        return write(lambda store: store.drop_graph(graph))
    triples = _uploaded_triples()
    if request.method == "PUT" and graph is not None:
        def replace(store: GraphStore) -> int:
            created = not _holds(store, graph)
            store.replace_graph(graph, triples)
            return 201 if created else 204
        return write(replace)

    def change(store: GraphStore) -> None:
        if request.method == "PUT":
            store.drop_graph(graph)
        store.add_triples(graph, triples)
    return write(change)
