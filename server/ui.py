"""The web UI: forms for the canned queries, the network, the timeline and a SPARQL editor whose
examples are the canned queries themselves (`/editor/examples`)."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from kg import queries

from .linked_data import base_iri
from .query_pages import editor_text, form_values

bp = Blueprint("ui", __name__)

EXAMPLE_QUERY = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speakerLabel (COUNT(?statement) AS ?statements) WHERE {
  ?statement a ws:Statement ; ws:speaker ?speaker .
  ?speaker rdfs:label ?speakerLabel .
} GROUP BY ?speakerLabel ORDER BY DESC(?statements)"""


@bp.get("/")
def index():
    return render_template("index.html", queries=list(queries.catalogue().values()), example=EXAMPLE_QUERY,
                           base=base_iri())


@bp.get("/editor/examples")
def examples():
    """Each canned query as it runs for its examples, by name. Asked for by the page once it has
    drawn, since preparing every query (names resolved, the text parsed to place its page) takes a
    moment the page must not wait for."""
    return jsonify({q.name: editor_text(q, form_values(q, {})) for q in queries.catalogue().values()})
