"""`/ontology`: the ontology by content negotiation, HTML documentation (pyLODE) for browsers.

The RDF comes from the store's ontology graph, so it is exactly what the build loaded; the HTML
is generated once per app from the same files, since pyLODE takes about half a second.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

from flask import Blueprint, Response, current_app
from rdflib import Graph

from kg.ontology import ONTOLOGY_DIR, Ontology
from kg.vocab import ONTOLOGY_GRAPH

from .db import get_store
from .negotiation import GRAPH_TYPES, choose, results_response


@contextmanager
def root_logger_kept():
    """The root logger as it was before: pyLODE calls `logging.basicConfig(level=DEBUG)` when it is
    imported (pylode/profiles/supermodel/loader.py), which would write every library's debug
    messages (markdown-it's, a few per line of a document page) to the server's stderr."""
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    try:
        yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


with root_logger_kept():
    from pylode import OntPub

bp = Blueprint("ontology", __name__)

DOCUMENTED_MODULES = ("core.ttl", "stances.ttl")


def ontology_html() -> str:
    cache = current_app.extensions.setdefault("kg_ontology_html", {})
    if "html" not in cache:
        directory = current_app.config.get("ONTOLOGY_DIR", ONTOLOGY_DIR)
        Ontology.load(directory)             # fails with file and line on a broken module
        graph = Graph()
        for name in DOCUMENTED_MODULES:
            graph.parse(f"{directory}/{name}")
        cache["html"] = OntPub(ontology=graph).make_html()
    return cache["html"]


@bp.get("/ontology")
def ontology():
    if choose({"text/html": None, **GRAPH_TYPES}) == "text/html":
        return Response(ontology_html(), content_type="text/html; charset=utf-8")
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    return results_response(get_store().query(query))
