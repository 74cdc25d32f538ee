"""The web UI: a SPARQL editor page and forms for the canned queries."""
from __future__ import annotations

from flask import Blueprint, render_template

from kg import queries

from .linked_data import base_iri

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
