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
from kg.vocab import REF

from . import entity_page
from .db import get_store
from .errors import ApiError
from .negotiation import GRAPH_TYPES, choose, results_response

bp = Blueprint("linked_data", __name__)

# The concise bounded description, with owl:sameAs stated from the resource whichever way round
# the ontology states it (the OWL API writes a link to Wikidata with Wikidata's IRI as subject).
DESCRIPTION = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
CONSTRUCT { ?r ?p ?o . ?o rdfs:label ?label . ?o ?bp ?bo . ?r owl:sameAs ?same }
WHERE {
  VALUES ?r { %s }
  { ?r ?p ?o .
    OPTIONAL { ?o rdfs:label ?label }
    OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo } }
  UNION { ?same owl:sameAs ?r . FILTER(isIRI(?same) && ?same != ?r) }
}"""


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
    return Response(render_template("resource.html", iri=iri, link=link, rdf_link=rdf_link(iri),
                                    **entity_page.contents(store, term, link)),
                    content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})


def rdf_link(iri: str):
    """The page's own address with `format=…`, for the links to its RDF versions."""
    here = link(iri)
    return lambda fmt: here + ("&" if "?" in here else "?") + "format=" + fmt


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
