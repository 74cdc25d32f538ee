"""Consistency check with HermiT (through owlready2; needs Java).

HermiT accepts only the OWL 2 datatype map, which has no type for a calendar day, month or
year. Extracted dates keep xsd:date / xsd:gYearMonth / xsd:gYear in the graph, since SPARQL
users compare them; for the reasoner they are handed over as plain strings, which changes no
class or property inference. Imports are dropped because the graph given is already the closure.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import owlready2
from rdflib import Graph, Literal
from rdflib.namespace import OWL, XSD

NOT_IN_OWL2_MAP = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.time, XSD.duration, XSD.gMonth, XSD.gDay}


class Inconsistent(Exception):
    """The ontology and data together are inconsistent; the message is the reasoner's."""


def reasoner_view(graph: Graph) -> Graph:
    view = Graph()
    for s, p, o in graph:
        if p == OWL.imports:
            continue
        if isinstance(o, Literal) and o.datatype in NOT_IN_OWL2_MAP:
            o = Literal(str(o))
        view.add((s, p, o))
    return view


def unsatisfiable_classes(graph: Graph) -> list[str]:
    """Run HermiT over `graph`; the IRIs of unsatisfiable classes, or Inconsistent."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "closure.nt"
        reasoner_view(graph).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as err:
            raise Inconsistent(str(err)) from err
        return sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
