"""The Flask app: SPARQL 1.1 Protocol endpoint, canned-query API and web UI over the graph.

`create_app(test_config=None)` layers configuration: defaults, then an optional file named by
`KG_SETTINGS`, then `KG_*` environment variables, then `test_config`.
"""
from __future__ import annotations

from flask import Flask

from . import api, describe, errors, linked_data, ontology, sparql, ui, update, vendor
from .db import close_store

DEFAULTS = {
    "STORE": "data/store",       # a directory (embedded Oxigraph) or a SPARQL server dataset URL
    "UPDATE_TOKEN": None,        # writes (SPARQL Update, Graph Store) are refused unless this is set
    "BASE_IRI": None,            # None: the server's own address, as `kg build` mints by default
    "MAX_QUERY_BYTES": 100_000,
    "MAX_CONTENT_LENGTH": 1_000_000,
    "QUERY_TIMEOUT": 30.0,       # seconds; a query running longer is stopped and answered 503
    "QUERY_WORKERS": 2,          # processes that run clients' queries, each one query at a time
    "MAX_RESULT_BYTES": 50_000_000,
}


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
    app.register_blueprint(ontology.bp)
    app.register_blueprint(vendor.bp)
    app.register_blueprint(describe.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(update.bp)
    app.teardown_appcontext(close_store)
    return app
