"""The web UI: forms for the canned queries, the network, the timeline and a SPARQL editor whose
examples are the canned queries themselves."""
from __future__ import annotations

from flask import Blueprint, render_template

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
    catalogue = list(queries.catalogue().values())
    examples = [{"name": q.name, "summary": q.summary, "sparql": editor_text(q, form_values(q, {}))}
                for q in catalogue]
    return render_template("index.html", queries=catalogue, examples=examples, example=EXAMPLE_QUERY,
                           base=base_iri())
