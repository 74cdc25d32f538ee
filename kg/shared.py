"""The shared graph: what is known about a node many documents name (a minted actor's or topic's
type and label), written once, and kept while some document still names the node.

Documents name shared nodes from their own graphs (`ws:speaker`, `ws:topic`, `ws:mentions` ...)
but do not describe them (`kg.rdf`). A build adds what each document says about them to the
shared graph; when documents go or change, a node that no document graph names any more loses
its facts here, so it no longer shows up as an actor or topic of the corpus. A node that some
document still names keeps every fact any document gave it (a second label, a second type),
since the shared graph does not record which document gave which.
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Triple

from .store import GraphStore
from .vocab import INFERENCE_GRAPH, ONTOLOGY_GRAPH, SHARED_GRAPH

BATCH = 500                         # nodes per VALUES block
UNNAMED = f"""CONSTRUCT {{ ?node ?p ?o }} WHERE {{
  %s
  GRAPH <{SHARED_GRAPH}> {{ ?node ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?node }}
                      FILTER (?g NOT IN (<{SHARED_GRAPH}>, <{ONTOLOGY_GRAPH}>, <{INFERENCE_GRAPH}>)) }}
}}"""


def forget_unnamed(store: GraphStore, nodes: Iterable | None = None) -> list[Triple]:
    """Drop the shared facts about those of `nodes` (every shared node when None) that no document
    graph names any more; the facts dropped."""
    nodes = None if nodes is None else sorted(set(nodes), key=str)
    blocks = [""] if nodes is None else [f"VALUES ?node {{ {' '.join(map(str, nodes[i:i + BATCH]))} }}"
                                         for i in range(0, len(nodes), BATCH)]
    dropped = [t for block in blocks for t in store.query(UNNAMED % block)]
    for start in range(0, len(dropped), BATCH):
        body = "".join(f"{t} .\n" for t in dropped[start:start + BATCH])
        store.update(f"DELETE DATA {{ GRAPH <{SHARED_GRAPH}> {{\n{body}}} }}")
    return dropped
