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

from kg.names import NameCache, NameIndex
from kg.store import GraphStore, open_store, store_generation

from .runner import Limits, QueryRunner


def get_store() -> GraphStore:
    stores = current_app.extensions.setdefault("kg_store", {})
    location = current_app.config["STORE"]
    generation = store_generation(location)
    if location not in stores or stores[location][0] != generation:
        stores[location] = (generation, open_store(location, read_only=True))
    g.kg_store = stores[location][1]
    return g.kg_store


def get_names() -> NameIndex:
    """The name index of the store (`kg.names`), built again once the store has changed."""
    cache = current_app.extensions.setdefault("kg_names", NameCache())
    return cache.index(get_store(), current_app.config["STORE"])


def close_store(_exc=None) -> None:
    g.pop("kg_store", None)


def get_runner() -> QueryRunner:
    """The worker processes that run clients' queries (started on first use, one pool per app)."""
    runners = current_app.extensions.setdefault("kg_runner", {})
    location = current_app.config["STORE"]
    if location not in runners:
        config = current_app.config
        limits = Limits(timeout=float(config["QUERY_TIMEOUT"]), max_bytes=int(config["MAX_RESULT_BYTES"]),
                        max_rows=int(config["MAX_RESULT_ROWS"]),
                        max_query_bytes=int(config["MAX_QUERY_BYTES"]),
                        max_update_bytes=int(config["MAX_CONTENT_LENGTH"]),
                        memory_bytes=int(config["QUERY_MEMORY_BYTES"]))
        runners[location] = QueryRunner(location, workers=int(config["QUERY_WORKERS"]), limits=limits,
                                        queue=int(config["QUERY_QUEUE"]))
    return runners[location]
