"""Descriptions of the service itself: a VoID dataset description with counts, and an OpenAPI 3
document generated from the canned queries' headers, with the pages (HTML for browsers, RDF or
JSON for programs) beside them."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from kg import queries
from kg.vocab import WS

from .db import get_store
from .editor import MAX_TERMS

bp = Blueprint("describe", __name__)


def base_iri() -> str:
    """The server's public address, from configuration (`BASE_IRI`), never from the request's
    `Host` header, which any client sets as it likes."""
    base = current_app.config["BASE_IRI"]
    return base if base.endswith("/") else base + "/"


def endpoint_iri() -> str:
    """The SPARQL endpoint's address: the base IRI of clients' queries and updates, which the
    protocol lets a service choose ("MAY be the service endpoint")."""
    return base_iri() + "sparql"


COUNTS = f"""SELECT
  (COUNT(*) AS ?triples)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = <{WS.Statement}>, 1, 0)) AS ?statements)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = <{WS.Document}>, 1, 0)) AS ?documents)
  (COUNT(DISTINCT ?s) AS ?entities)
WHERE {{ ?s ?p ?o }}"""


# The bases the graph's IRIs were minted under (`kg build --base-iri`), read off its documents'.
MINTED_BASES = f"""SELECT DISTINCT ?base WHERE {{
  ?document a <{WS.Document}> .
  BIND(STRBEFORE(STR(?document), "id/document/") AS ?base)
  FILTER(?base != "")
}} ORDER BY ?base"""


def uri_spaces(store) -> list[str]:
    """Where the data's minted IRIs are, as the data says: the build's base, which need not be the
    address serving it (`kg serve --port`, `--base-iri`); the configured base for a store with no
    document yet."""
    return [row["base"].value + "id/" for row in store.query(MINTED_BASES)] or [base_iri() + "id/"]


@bp.get("/.well-known/void")
def void():
    store = get_store()
    row = next(iter(store.query(COUNTS)))
    root = base_iri()
    spaces = " , ".join(f'"{space}"' for space in uri_spaces(store))
    body = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{root}.well-known/void#dataset> a void:Dataset ;
    dcterms:title "Who said what in international politics" ;
    void:sparqlEndpoint <{root}sparql> ;
    void:uriSpace {spaces} ;
    void:vocabulary <{WS}> ;
    void:triples {row['triples'].value} ;
    void:entities {row['entities'].value} ;
    void:classPartition [ void:class <{WS.Statement}> ; void:entities {row['statements'].value} ] ,
                        [ void:class <{WS.Document}> ; void:entities {row['documents'].value} ] .
"""
    return Response(body, content_type="text/turtle; charset=utf-8")


SCHEMAS = {"iri": {"type": "string", "format": "uri"}, "literal": {"type": "string"},
           "date": {"type": "string", "format": "date"}, "integer": {"type": "integer"},
           "decimal": {"type": "number"}}
RESULT_MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
# The RDF a resource is described in (negotiation.GRAPH_FORMATS, which imports this module).
RDF_MEDIA = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
HTML = {"text/html": {"schema": {"type": "string"}}}


def page_paths() -> dict:
    """The addresses a browser reads as HTML pages and a program as RDF or JSON, by Accept."""
    iri = {"name": "iri", "in": "query", "required": True, "schema": {"type": "string", "format": "uri"},
           "example": "https://w3id.org/whosaid/id/sergey-lavrov"}
    name = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"},
            "description": "a curated name (`sergey-lavrov`) or a minted IRI's path under /id/ (`statement/…`)",
            "example": "sergey-lavrov"}
    described = {"200": {"description": "an HTML page for a browser (Accept: text/html), else the resource's "
                                        "concise bounded description in RDF",
                         "content": HTML | {m: {} for m in RDF_MEDIA}},
                 "404": {"description": "nothing is known about the IRI"}}
    return {
        "/id/{name}": {"get": {"operationId": "dereference", "summary": "A resource of the graph by its IRI's path",
                               "parameters": [name], "responses": described}},
        "/resource": {"get": {"operationId": "resource", "summary": "Any resource of the graph by its IRI",
                              "parameters": [iri], "responses": described | {"400": {"description": "not an IRI"}}}},
        "/queries": {"get": {"operationId": "list_queries", "summary": "The canned queries",
                             "responses": {"200": {"description": "a page for a browser, else a JSON list",
                                                   "content": HTML | {"application/json": {}}}}}},
        "/stats": {"get": {"operationId": "statistics", "summary": "Counts, top speakers, topics and stances",
                           "responses": {"200": {"description": "a page for a browser, else JSON",
                                                 "content": HTML | {"application/json": {}}}}}},
        "/editor/prefixes": {"get": {"operationId": "editor_prefixes",
                                     "summary": "The data's prefixes, as prefix.cc gives them (prefix to namespace)",
                                     "responses": {"200": {"description": "a JSON object",
                                                           "content": {"application/json": {}}}}}},
        "/editor/examples": {"get": {"operationId": "editor_examples",
                                     "summary": "Each canned query's SPARQL as it runs for its examples, by name",
                                     "responses": {"200": {"description": "a JSON object",
                                                           "content": {"application/json": {}}}}}},
        "/editor/terms": {"get": {"operationId": "editor_terms",
                                  "summary": f"The ontology's classes and properties (at most {MAX_TERMS:,} of each)",
                                  "responses": {"200": {"description": "JSON: {classes: [IRI], properties: [IRI]}",
                                                        "content": {"application/json": {}}}}}},
    }


@bp.get("/openapi.json")
def openapi():
    paths = {}
    for q in queries.catalogue().values():
        parameters = [{"name": p.name, "in": "query", "required": p.required, "description": p.description,
                       "schema": dict(SCHEMAS[p.type], **{key: value for key, value in (
                           ("default", p.default), ("minimum", p.minimum), ("maximum", p.maximum))
                           if value is not None}),
                       **({"example": p.example} if p.example else {})} for p in q.parameters]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": ["json", "xml", "csv", "tsv"]}})
        paths[f"/queries/{q.name}"] = {"get": {
            "operationId": q.name.replace("-", "_"), "summary": q.summary, "description": q.description,
            "parameters": parameters,
            "responses": {"200": {"description": "SPARQL results; for a browser (Accept: text/html) the query's page: "
                                                 "its form, results, SPARQL and a link to the editor",
                                  "content": {m: {} for m in RESULT_MEDIA} | HTML},
                          "400": {"description": "a missing or ill-typed parameter"}}}}
    return jsonify(openapi="3.0.3", info={"title": "Who said what: canned queries and pages", "version": "0.1.0"},
                   servers=[{"url": base_iri().rstrip("/")}], paths=paths | page_paths())
