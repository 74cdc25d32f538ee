"""The Flask app: SPARQL 1.1 Protocol endpoint, canned-query API and web UI over the graph.

`create_app(test_config=None)` layers configuration: defaults, then an optional file named by
`KG_SETTINGS`, then `KG_*` environment variables, then `test_config`.

Cross-origin reads are off unless `CORS_ORIGINS` names the origins allowed ("*" for any): a page
on another site must not read this server's answers by default.
"""
from __future__ import annotations

import time

from flask import Flask, Response, current_app, g, request

from kg.rdf import DEFAULT_BASE_IRI

from . import api, describe, editor, errors, linked_data, ontology, sparql, stats, ui, update, vendor
from .db import close_store

DEFAULTS = {
    "STORE": "data/store",       # a directory (embedded Oxigraph) or a SPARQL server dataset URL
    "UPDATE_TOKEN": None,        # writes (SPARQL Update, Graph Store) are refused unless this is set
    "BASE_IRI": DEFAULT_BASE_IRI,  # the public address, as `kg build` mints; never taken from a request's Host
    "MAX_QUERY_BYTES": 100_000,
    "MAX_CONTENT_LENGTH": 1_000_000,
    "QUERY_TIMEOUT": 30.0,       # seconds; a query running longer is stopped and answered 503
    "QUERY_WORKERS": 2,          # processes that run clients' queries, each one query at a time
    "MAX_RESULT_BYTES": 50_000_000,  # a result past either limit is answered 413, never cut short
    "MAX_RESULT_ROWS": 100_000,  # solutions of a SELECT, triples of a CONSTRUCT or DESCRIBE
    "QUERY_QUEUE": 16,           # requests that may wait for a worker; the next is answered 503 at once
    "QUERY_MEMORY_BYTES": 2_000_000_000,  # address space a query may add to its worker; 0: no cap
    "CORS_ORIGINS": None,        # None: no cross-origin reads; "*" or a list of origins to allow them
}


def _arrival() -> None:
    """The time a query's timeout counts from."""
    g.arrived = time.monotonic()


def _cors(response: Response) -> Response:
    """Access-Control-* headers for an allowed Origin (configured in `CORS_ORIGINS`), none otherwise."""
    allowed, origin = current_app.config["CORS_ORIGINS"], request.headers.get("Origin")
    if not allowed or not origin:
        return response
    origins = allowed.split() if isinstance(allowed, str) else list(allowed)
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return response
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, Authorization"
    return response


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_envvar("KG_SETTINGS", silent=True)
    app.config.from_prefixed_env("KG")
    if test_config:
        app.config.from_mapping(test_config)
    app.register_blueprint(errors.bp)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(ui.bp)
    app.register_blueprint(editor.bp)
    app.register_blueprint(ontology.bp)
    app.register_blueprint(vendor.bp)
    app.register_blueprint(describe.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(stats.bp)
    app.register_blueprint(update.bp)
    app.before_request(_arrival)
    app.after_request(_cors)
    app.teardown_appcontext(close_store)
    return app
