"""The store handle, opened lazily.

Unlike flaskr's SQLite connection, an Oxigraph store is safe to share between threads and
costly to open (it is a RocksDB database), so one read-only handle is kept per app in
`app.extensions` rather than opened per request; `g` only records that this request used it.
With a remote store (`KG_STORE=http://…`) the handle is an HTTP client to the SPARQL server.

A read-only Oxigraph handle sees the store as it was when opened, so a handle is reopened when
another process (`kg add`, `kg remove`, `kg build`) has written since (`store_generation`); the
query workers do the same.
"""
from __future__ import annotations

from flask import current_app, g

from kg.store import GraphStore, open_store, store_generation

from .runner import QueryRunner


def get_store() -> GraphStore:
    stores = current_app.extensions.setdefault("kg_store", {})
    location = current_app.config["STORE"]
    generation = store_generation(location)
    if location not in stores or stores[location][0] != generation:
        stores[location] = (generation, open_store(location, read_only=True))
    g.kg_store = stores[location][1]
    return g.kg_store


def close_store(_exc=None) -> None:
    g.pop("kg_store", None)


def get_runner() -> QueryRunner:
    """The worker processes that run clients' queries (started on first use, one pool per app)."""
    runners = current_app.extensions.setdefault("kg_runner", {})
    location = current_app.config["STORE"]
    if location not in runners:
        runners[location] = QueryRunner(location, workers=current_app.config["QUERY_WORKERS"],
                                        timeout=current_app.config["QUERY_TIMEOUT"],
                                        max_bytes=current_app.config["MAX_RESULT_BYTES"])
    return runners[location]
