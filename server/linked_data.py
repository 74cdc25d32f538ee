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
from .negotiation import GRAPH_TYPES, choose, results_response

bp = Blueprint("linked_data", __name__)

DESCRIPTION = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?r ?p ?o . ?o rdfs:label ?label . ?o ?bp ?bo }
WHERE {
  VALUES ?r { %s }
  ?r ?p ?o .
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo }
}"""

PROPERTIES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?p ?pLabel ?o ?oLabel WHERE {
  VALUES ?r { %s }
  ?r ?p ?o .
  OPTIONAL { ?p rdfs:label ?pLabel }
  OPTIONAL { ?o rdfs:label ?oLabel }
} ORDER BY ?p ?o"""

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
    properties = [{k: (s[k].value if s[k] is not None else None) for k in ("p", "pLabel", "o", "oLabel")}
                  | {"isIri": isinstance(s["o"], NamedNode)} for s in store.query(PROPERTIES % term)]
    statements = [_statement(s) for s in store.query(STATEMENTS % term)]
    offices = [{k: (s[k].value if s[k] is not None else "") for k in ("post", "postLabel", "from", "until")}
               for s in store.query(OFFICES % term)]
    kinds = {p["o"] for p in properties if p["p"].endswith("22-rdf-syntax-ns#type")}
    document = next(({"text": s["text"], "statements": statements} for s in statements), None) \
        if str(WS.Document) in kinds else None
    label = next((p["o"] for p in properties if p["p"].endswith("rdf-schema#label")), iri)
    return Response(render_template("resource.html", iri=iri, label=label, properties=properties,
                                    offices=offices, statements=statements, document=document, link=link,
                                    highlight=highlight, rdf_link=rdf_link(iri)),
                    content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})


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
