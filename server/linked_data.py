"""Dereferenceable IRIs. Minted IRIs live under the base (`BASE_IRI`, default the server's own
address) and are answered at the same path, `/id/...`; curated actors and topics
(`https://w3id.org/whosaid/id/NAME`) at `/id/NAME` too, so the persistent-IRI service can redirect
`https://w3id.org/whosaid/id/…` to this server's `/id/…`; any other IRI in the graph at
`/resource?iri=...`. Browsers get an HTML page, RDF clients the resource's concise bounded
description plus the labels of what it links to, by Accept."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request, url_for
from pyoxigraph import NamedNode

from kg.rdf import path_iri
from kg.vocab import REF, WS

from .db import get_store
from .errors import ApiError
from .negotiation import GRAPH_TYPES, NAMESPACES, choose, results_response

bp = Blueprint("linked_data", __name__)

DESCRIPTION = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?r ?p ?o . ?o rdfs:label ?label . ?o ?bp ?bo }
WHERE {
  VALUES ?r { %s }
  ?r ?p ?o .
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo }
}"""

# What the page lists of a resource, each query bounded: a page is read, not downloaded.
PAGE_ROWS = 500

# The types a page shows: the most specific ones (the inference graph adds every superclass; a
# class equivalent to another is kept), less owl:NamedIndividual, the declaration the OWL API
# (Protégé, `robot convert`) adds to every individual it writes.
TYPES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?type (SAMPLE(?label) AS ?typeLabel) WHERE {
  VALUES ?r { %s }
  ?r a ?type .
  FILTER(?type NOT IN (owl:NamedIndividual, owl:Thing))
  FILTER NOT EXISTS { ?r a ?narrower . ?narrower rdfs:subClassOf ?type .
                      FILTER(?narrower != ?type) FILTER NOT EXISTS { ?type rdfs:subClassOf ?narrower } }
  OPTIONAL { ?type rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }
} GROUP BY ?type ORDER BY ?type LIMIT 20"""

# The other properties. A symmetric property is read in both directions: the OWL API writes
# owl:sameAs and owl:disjointWith the way round it likes (a Wikidata IRI as the subject of the
# link to it). ?oKnown says whether the store says more of the object than that it is the same as
# something (and, after the OWL API, an owl:NamedIndividual); else the page links to the IRI
# itself (Wikidata's).
PROPERTIES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?p ?pLabel ?o ?oLabel ?oKnown WHERE {
  VALUES ?r { %s }
  { ?r ?p ?o . FILTER(?p != rdf:type) }
  UNION {
    { VALUES ?p { owl:sameAs owl:disjointWith owl:equivalentClass owl:equivalentProperty } }
    UNION { ?p a owl:SymmetricProperty }
    ?o ?p ?r . FILTER(?o != ?r)
  }
  OPTIONAL { ?p rdfs:label ?pLabel }
  OPTIONAL { ?o rdfs:label ?oLabel }
  BIND(EXISTS { ?o ?said ?value FILTER(?said != owl:sameAs && ?value != owl:NamedIndividual) } AS ?oKnown)
} ORDER BY ?p ?o LIMIT %d"""

OFFICES = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT DISTINCT ?post ?postLabel ?from ?until WHERE {
  VALUES ?r { %s }
  ?tenure org:member ?r ; ws:post ?post .
  ?post rdfs:label ?postLabel .
  OPTIONAL { ?tenure org:memberDuring/time:hasBeginning/time:inXSDDateTimeStamp ?start }
  OPTIONAL { ?tenure org:memberDuring/time:hasEnd/time:inXSDDateTimeStamp ?end }
  BIND(SUBSTR(STR(?start), 1, 10) AS ?from)
  BIND(SUBSTR(STR(?end), 1, 10) AS ?until)
} ORDER BY ?from"""

STATEMENTS = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?statement ?speaker ?speakerLabel ?cue ?stance ?stanceLabel ?topic ?topicLabel ?date ?document ?title ?text ?start ?end WHERE {
  VALUES ?r { %s }
  { ?r ws:government? ?speaker . ?statement ws:speaker ?speaker . }
  UNION { ?statement prov:wasDerivedFrom ?r . ?statement ws:speaker ?speaker . }
  ?statement a ws:Statement ; ws:cue ?cue ; ws:expresses ?position ; prov:wasDerivedFrom ?document ;
             ws:evidence/oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  ?position ws:stance ?stance ; ws:topic ?topic .
  ?stance rdfs:label ?stanceLabel .
  ?document ws:text ?text .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?statement ws:date ?date }
  OPTIONAL { ?speaker rdfs:label ?speakerLabel }
  OPTIONAL { ?topic rdfs:label ?topicLabel }
} ORDER BY DESC(?date) ?document ?start"""


def base_iri() -> str:
    base = current_app.config.get("BASE_IRI") or request.host_url
    return base if base.endswith("/") else base + "/"


def link(iri: str) -> str:
    """Where this server shows an IRI: its own path under the base; a curated name at /id/NAME
    (curated names are one path segment, minted ones always two or more, `actor/…`, `statement/…`,
    so the two never meet at one path); anything else at /resource."""
    base = base_iri()
    if iri.startswith(base + "id/"):
        return "/" + iri[len(base):]
    name = iri[len(REF):] if iri.startswith(str(REF)) else ""
    if name and "/" not in name:
        return "/id/" + name
    return url_for("linked_data.resource", iri=iri)


def _term(iri: str) -> str:
    try:
        return str(NamedNode(iri))     # validated IRI in SPARQL syntax: never raw user text
    except ValueError:
        raise ApiError(400, f"not an IRI: {iri!r}") from None


def _answer(iri: str) -> Response:
    store = get_store()
    term = _term(iri)
    if not _known(iri):
        raise ApiError(404, f"nothing is known about <{iri}>")
    if choose({"text/html": None, **GRAPH_TYPES}) != "text/html":
        return results_response(store.query(DESCRIPTION % term))
    types = [{"type": s["type"].value, "label": s["typeLabel"].value if s["typeLabel"] else short_name(s["type"].value)}
             for s in store.query(TYPES % term)]
    properties = [{k: (s[k].value if s[k] is not None else None) for k in ("p", "pLabel", "o", "oLabel")}
                  | {"isIri": isinstance(s["o"], NamedNode), "known": s["oKnown"].value == "true"}
                  for s in store.query(PROPERTIES % (term, PAGE_ROWS))]
    statements = [_statement(s) for s in store.query(STATEMENTS % term)]
    offices = [{k: (s[k].value if s[k] is not None else "") for k in ("post", "postLabel", "from", "until")}
               for s in store.query(OFFICES % term)]
    document = next(({"text": s["text"], "statements": statements} for s in statements), None) \
        if str(WS.Document) in {t["type"] for t in types} else None
    label = next((p["o"] for p in properties if p["p"].endswith("rdf-schema#label")), iri)
    return Response(render_template("resource.html", iri=iri, label=label, types=types, properties=properties,
                                    offices=offices, statements=statements, document=document, link=link,
                                    local_name=local_name, short_name=short_name, highlight=highlight, rdf_link=rdf_link(iri)),
                    content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})


def local_name(iri: str) -> str:
    """What a page shows for an IRI with no label: its last segment (`sameAs`,
    `lavrov-foreign-minister`)."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


OWN_PREFIXES = ("ws", "ref")


def short_name(iri: str) -> str:
    """A value with no label: another vocabulary's term by its prefixed name, so that
    `foaf:Agent` and `prov:Agent` stay apart and Wikidata's items read `wd:Q159`; our own by
    its last segment."""
    for prefix, namespace in NAMESPACES.items():
        if prefix not in OWN_PREFIXES and iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return local_name(iri)


def rdf_link(iri: str):
    """The page's own address with `format=…`, for the links to its RDF versions."""
    here = link(iri)
    return lambda fmt: here + ("&" if "?" in here else "?") + "format=" + fmt


def _statement(solution) -> dict:
    row = {k: (solution[k].value if solution[k] is not None else None) for k in
           ("statement", "speaker", "speakerLabel", "cue", "stance", "stanceLabel", "topic", "topicLabel", "date", "document",
            "title", "text")}
    row["start"], row["end"] = int(solution["start"].value), int(solution["end"].value)
    text = row["text"]
    start, end = sentence_bounds(text, row["start"], row["end"])
    row["before"], row["quote"], row["after"] = text[start:row["start"]], text[row["start"]:row["end"]], text[row["end"]:end]
    return row


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around [start, end): from after the previous full stop or line
    break to the next one."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    after = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i != -1]
    return (before + 1 if before != -1 else 0), (min(after) + 1 if after else len(text))


def highlight(text: str, statements: list[dict]) -> list[tuple[str, dict | None]]:
    """The document's text cut into plain and highlighted pieces, one per statement's evidence."""
    pieces, position = [], 0
    for s in sorted({(s["start"], s["end"]): s for s in statements}.values(), key=lambda s: s["start"]):
        if s["start"] < position:
            continue
        pieces.append((text[position:s["start"]], None))
        pieces.append((text[s["start"]:s["end"]], s))
        position = s["end"]
    pieces.append((text[position:], None))
    return pieces


@bp.get("/id/<path:rest>")
def minted(rest: str):
    """A minted IRI at its own path, else the curated IRI of that name (`ref:NAME`)."""
    # the path arrives percent-decoded ("talks 1.txt"); the IRI keeps it encoded, as kg.rdf minted it
    own = base_iri() + "id/" + path_iri(rest)
    curated = str(REF) + path_iri(rest)
    if own == curated or "/" in rest or _known(own):
        return _answer(own)
    if _known(curated):
        return _answer(curated)
    raise ApiError(404, f"nothing is known about <{own}> or <{curated}>")


def _known(iri: str) -> bool:
    return bool(get_store().query(f"ASK {{ {_term(iri)} ?p ?o }}"))


@bp.get("/resource")
def resource():
    iri = request.args.get("iri")
    if not iri:
        raise ApiError(400, "missing parameter 'iri'")
    return _answer(iri)
