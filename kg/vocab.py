"""Namespaces of the ontology and of the vocabularies it reuses.

The terms themselves are declared in `ontology/`; `tests/test_ontology.py` checks that every
`WS` term the code or the canned queries use is declared there, so this module cannot drift.
"""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

WS = Namespace("https://w3id.org/whosaid/ontology#")
STANCE = Namespace("https://w3id.org/whosaid/stance/")
REF = Namespace("https://w3id.org/whosaid/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_GRAPH = "https://w3id.org/whosaid/graph/ontology"
INFERENCE_GRAPH = "https://w3id.org/whosaid/graph/inferred"
#: The facts about nodes many documents share (a minted actor's or topic's type and label), once.
SHARED_GRAPH = "https://w3id.org/whosaid/graph/shared"

PREFIXES = {
    "ws": WS, "stance": STANCE, "ref": REF, "oa": OA, "schema": SCHEMA, "dcterms": DCTERMS,
    "foaf": FOAF, "org": ORG, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
    "time": TIME, "xsd": XSD,
}
