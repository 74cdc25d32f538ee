"""What the SPARQL editor completes from, so that it needs no outside service (YASGUI would ask
prefix.cc and Linked Open Vocabularies): `/editor/prefixes`, the prefixes the data uses, in
prefix.cc's shape; `/editor/terms`, the classes and properties the ontology declares. (The
examples it offers, `/editor/examples`, are the UI's: `server.ui`.)

Terms come from the store's ontology graph, so an ontologist's new class completes after the next
build; the answer is bounded (`MAX_TERMS` of each kind) however large the ontology grows."""
from __future__ import annotations

from flask import Blueprint, jsonify
from rdflib.namespace import OWL, RDF, RDFS

from kg.vocab import ONTOLOGY_GRAPH, PREFIXES

from .db import get_store

bp = Blueprint("editor", __name__)

MAX_TERMS = 2000

#: Properties every query may use that OWL does not ask an ontology to declare.
BUILT_IN_PROPERTIES = (RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.subClassOf,
                       RDFS.subPropertyOf, OWL.sameAs)

TERMS = f"""PREFIX owl: <{OWL}>
SELECT DISTINCT ?term WHERE {{
  GRAPH <{ONTOLOGY_GRAPH}> {{ ?term a ?kind . FILTER(isIRI(?term)) }}
  VALUES ?kind {{ %s }}
}} ORDER BY ?term LIMIT {MAX_TERMS}"""

CLASSES = TERMS % "owl:Class"
PROPERTIES = TERMS % "owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty"

# Answers change only with a build; a browser may keep them for a few minutes.
CACHING = {"Cache-Control": "max-age=300"}


@bp.get("/editor/prefixes")
def prefixes():
    return jsonify({prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}), CACHING


@bp.get("/editor/terms")
def terms():
    store = get_store()
    classes = [row["term"].value for row in store.query(CLASSES)]
    declared = [row["term"].value for row in store.query(PROPERTIES)]
    properties = sorted(set(declared) | {str(p) for p in BUILT_IN_PROPERTIES})[:MAX_TERMS]
    return jsonify({"classes": classes, "properties": properties}), CACHING

