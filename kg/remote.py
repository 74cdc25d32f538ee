"""A SPARQL 1.1 server as the store: queries and updates through SPARQLWrapper, graph writes
through the Graph Store HTTP Protocol (one request per graph, never one INSERT per triple).

Endpoints default to Fuseki's layout under the dataset URL (`…/query`, `…/update`, `…/data`)
and can be set one by one for other servers; credentials come from the environment:

    KG_STORE_QUERY_URL, KG_STORE_UPDATE_URL, KG_STORE_DATA_URL   full URLs, or paths under the dataset
    KG_STORE_USER, KG_STORE_PASSWORD                             HTTP basic authentication
    KG_STORE_TIMEOUT                                             seconds per request (default 60)

The queries assume that the dataset's default graph is the union of its named graphs, as it is
in Oxigraph, GraphDB, Virtuoso and Neptune; Fuseki needs `tdb2:unionDefaultGraph true` (see
`deploy/fuseki.ttl`). `check_union_default_graph` tells a user whose server is set up otherwise.

Answers are parsed into pyoxigraph terms, so callers cannot tell the backends apart.
"""
from __future__ import annotations

import ast
import os
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urljoin

import requests
from pyoxigraph import (QueryResultsFormat, RdfFormat, Triple, parse, parse_query_results,
                        serialize)
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from .bindings import with_values
from .store import StoreError

GRAPH_MEDIA = "application/n-triples"
RESULTS_MEDIA = "application/sparql-results+json"


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    data: str
    auth: tuple[str, str] | None = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls, dataset: str, env: dict | None = None) -> Endpoints:
        env = os.environ if env is None else env
        base = dataset.rstrip("/") + "/"

        def url(name: str, default: str) -> str:
            return urljoin(base, env.get(f"KG_STORE_{name}_URL", default))

        user = env.get("KG_STORE_USER")
        return cls(query=url("QUERY", "query"), update=url("UPDATE", "update"), data=url("DATA", "data"),
                   auth=(user, env.get("KG_STORE_PASSWORD", "")) if user else None,
                   timeout=float(env.get("KG_STORE_TIMEOUT", "60")))


def _message(err: SPARQLWrapperException) -> str:
    """The server's own words: SPARQLWrapper keeps the response body only as the repr of bytes at
    the end of its message."""
    _, _, body = str(err).partition("Response:\n")
    try:
        return ast.literal_eval(body).decode("utf-8", "replace").strip() if body else str(err)
    except (ValueError, SyntaxError):
        return str(err)


def _media_type(headers) -> str:
    return headers.get("Content-Type", "").split(";")[0].strip()


def _triples(body: bytes, headers) -> list[Triple]:
    """An RDF answer in whatever syntax the server chose (N-Triples asked for)."""
    fmt = RdfFormat.from_media_type(_media_type(headers)) or RdfFormat.N_TRIPLES
    return [quad.triple for quad in parse(body, format=fmt)]


class RemoteStore:
    """A dataset on a SPARQL 1.1 server, behind the same interface as `OxigraphStore`."""

    def __init__(self, endpoints: Endpoints, read_only: bool = False):
        self.endpoints = endpoints
        self.read_only = read_only
        self._http = requests.Session()
        self._http.auth = endpoints.auth

    @classmethod
    def from_env(cls, dataset: str, read_only: bool = False) -> RemoteStore:
        return cls(Endpoints.from_env(dataset), read_only=read_only)

    def _wrapper(self, text: str, update: bool = False) -> SPARQLWrapper:
        sparql = SPARQLWrapper(self.endpoints.query, updateEndpoint=self.endpoints.update)
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
        sparql.setTimeout(int(self.endpoints.timeout))
        if self.endpoints.auth:
            sparql.setCredentials(*self.endpoints.auth)
        sparql.setQuery(text)
        if not update:
            graph = sparql.queryType in ("CONSTRUCT", "DESCRIBE")
            sparql.setReturnFormat(TURTLE if graph else JSON)
            sparql.addCustomHttpHeader("Accept", GRAPH_MEDIA if graph else RESULTS_MEDIA)
        return sparql

    def _send(self, sparql: SPARQLWrapper):
        try:
            return sparql.query().response
        except QueryBadFormed as err:
            raise SyntaxError(_message(err)) from None
        except SPARQLWrapperException as err:
            raise StoreError(f"{sparql.endpoint}: {_message(err)}") from None
        except (URLError, OSError) as err:
            raise StoreError(f"{sparql.endpoint}: {getattr(err, 'reason', err)}") from None

    def query(self, sparql: str, substitutions: dict | None = None, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        text = with_values(sparql, substitutions) if substitutions else sparql
        wrapper = self._wrapper(_based(text, base_iri))
        for graph in default_graphs or ():
            wrapper.addDefaultGraph(graph)
        for graph in named_graphs or ():
            wrapper.addNamedGraph(graph)
        response = self._send(wrapper)
        body = response.read()
        if wrapper.queryType in ("CONSTRUCT", "DESCRIBE"):
            return _triples(body, response.headers)
        media = _media_type(response.headers)
        return parse_query_results(body, format=QueryResultsFormat.from_media_type(media) or QueryResultsFormat.JSON)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("this store was opened read-only")

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        self._writable()
        self._send(self._wrapper(_based(sparql, base_iri), update=True))

    def _graph_request(self, method: str, graph: str | None, triples: Iterable[Triple] | None = None,
                       ok_missing: bool = False) -> requests.Response:
        params = {"default": ""} if graph is None else {"graph": graph}
        body = None if triples is None else serialize(list(triples), format=RdfFormat.N_TRIPLES)
        try:
            response = self._http.request(method, self.endpoints.data, params=params, data=body,
                                          headers={"Content-Type": GRAPH_MEDIA, "Accept": GRAPH_MEDIA},
                                          timeout=self.endpoints.timeout)
        except requests.RequestException as err:
            raise StoreError(f"{self.endpoints.data}: {err}") from None
        if response.status_code == 404 and ok_missing:
            return response
        if response.status_code >= 400:
            raise StoreError(f"{method} {self.endpoints.data}?graph={graph}: HTTP {response.status_code} "
                             f"{response.text.strip()[:500]}")
        return response

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Graph Store PUT: the server swaps the graph in one transaction."""
        self._writable()
        self._graph_request("PUT", graph, triples)

    def replace_graph_if_changed(self, graph: str, triples: list[Triple]) -> bool:
        if set(triples) == set(self.triples(graph)):
            return False
        self.replace_graph(graph, triples)
        return True

    def add_triples(self, graph: str | None, triples: Iterable[Triple]) -> None:
        self._writable()
        self._graph_request("POST", graph, triples)

    def drop_graph(self, graph: str | None) -> None:
        self._writable()
        self._graph_request("DELETE", graph, ok_missing=True)

    def triples(self, graph: str | None) -> list[Triple]:
        response = self._graph_request("GET", graph, ok_missing=True)
        if response.status_code == 404:
            return []
        return _triples(response.content, response.headers)

    def graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row["g"].value for row in rows)

    def __len__(self) -> int:
        row = next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))
        return int(row["n"].value)

    def flush(self) -> None:
        """Nothing to do: the server commits every request."""

    def check_union_default_graph(self, graph: str) -> None:
        """Raise StoreError unless the triples of named graph `graph` are visible in the default
        graph, which is what every canned query expects."""
        visible = self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER EXISTS {{ ?s ?p ?o }} }}")
        if not bool(visible):
            raise StoreError(f"{self.endpoints.query}: the dataset's default graph does not include its named "
                             "graphs; configure it as their union (Fuseki/TDB2: tdb2:unionDefaultGraph true, "
                             "see deploy/fuseki.ttl)")


def _based(text: str, base_iri: str | None) -> str:
    """The text with a leading BASE, the protocol's way to give a server the base IRI (SPARQL
    allows BASE anywhere in the prologue, and a later one of the text's own wins)."""
    return text if base_iri is None else f"BASE <{base_iri}>\n{text}"
