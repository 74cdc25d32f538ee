"""SHACL validation of a built graph against `ontology/shapes.ttl` (pySHACL).

The ontology is given as the ontology graph with RDFS inference, so a ws:Government speaker
satisfies `sh:class ws:Actor`.
"""
from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from .convert import to_rdflib
from .ontology import ONTOLOGY_DIR, SHAPES_FILE, Ontology

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def store_graph(store) -> Graph:
    """Every triple of the store (all named graphs together) as an rdflib Graph."""
    return to_rdflib(store.query(ALL_TRIPLES))


def validate(data: Graph, ontology_dir: Path = ONTOLOGY_DIR) -> tuple[bool, str]:
    """(conforms, the report as text)."""
    shapes = Graph().parse(Path(ontology_dir) / SHAPES_FILE, format="turtle")
    ontology = Ontology.load(ontology_dir).graph
    conforms, _, text = shacl_validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs",
                                       allow_warnings=True)
    return bool(conforms), text
