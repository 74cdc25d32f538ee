"""`/stats`: what the graph holds, in figures a reader takes in at a glance: how many documents,
statements, actors and topics; who speaks most, on what, with which stances. An HTML page for
browsers, the same figures as JSON for programs. Each query returns a handful of rows (counts,
or the first TOP of a ranking), however large the graph."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template

from .db import get_store
from .entity_page import short_name
from .linked_data import link
from .negotiation import choose

bp = Blueprint("stats", __name__)

TOP = 10

PREFIXES = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# (name, what it counts, the pattern whose distinct ?x are counted)
COUNTS = [
    ("documents", "documents", "?x a ws:Document ."),
    ("statements", "statements", "?x a ws:Statement ."),
    ("speakers", "actors who made a statement", "[] a ws:Statement ; ws:speaker ?x ."),
    ("actors", "actors known (named in the ontology or found in a text)", "?x a ws:Actor ."),
    ("topics", "topics spoken on", "[] a ws:Statement ; ws:expresses/ws:topic ?x ."),
]

COUNT = PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { %s }"

# (name, heading, the pattern binding ?statement and the ranked ?x)
RANKINGS = [
    ("speakers", "Top speakers", "?statement a ws:Statement ; ws:speaker ?x ."),
    ("topics", "Top topics", "?statement a ws:Statement ; ws:expresses/ws:topic ?x ."),
    ("stances", "Stances", "?statement a ws:Statement ; ws:expresses/ws:stance ?x ."),
]

RANKING = PREFIXES + """SELECT ?x (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  %s
  OPTIONAL { ?x rdfs:label ?name }
} GROUP BY ?x ORDER BY DESC(?n) ?label LIMIT %d"""


def figures(store) -> dict:
    """The counts and the rankings, each ranking's rows as {iri, label, statements}."""
    counts = {name: int(next(iter(store.query(COUNT % pattern)))["n"].value) for name, _, pattern in COUNTS}
    rankings = {name: [{"iri": row["x"].value, "label": row["label"].value if row["label"] else short_name(row["x"].value),
                        "statements": int(row["n"].value)} for row in store.query(RANKING % (pattern, TOP))]
                for name, _, pattern in RANKINGS}
    return {"counts": counts, "rankings": rankings}


@bp.get("/stats")
def stats():
    data = figures(get_store())
    if choose({"text/html": None, "application/json": None}) == "application/json":
        return jsonify(data)
    body = render_template("stats.html", data=data, counts=COUNTS, rankings=RANKINGS, top=TOP, link=link)
    return Response(body, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
