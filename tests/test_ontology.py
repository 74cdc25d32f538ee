import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.build import build
from kg.ontology import Ontology, OntologyError
from kg.pipeline import Pipeline
from kg.store import open_store
from kg.vocab import WS

ROOT = Path(__file__).resolve().parent.parent


def test_every_term_we_declare_has_a_label_and_a_definition(ontology):
    ours = {s for s in ontology.graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(str(WS))}
    assert ours
    for term in ours:
        assert (term, RDFS.label, None) in ontology.graph, term
        assert (term, SKOS.definition, None) in ontology.graph, term


def test_every_ws_term_used_by_code_and_queries_is_declared(ontology):
    used = set()
    for path in [*ROOT.glob("kg/*.py"), *ROOT.glob("server/*.py")]:
        used |= set(re.findall(r"\bWS\.([A-Za-z]+)", path.read_text()))
        used |= set(re.findall(r'\bWS\["([A-Za-z]+)"\]', path.read_text()))
    for path in ROOT.glob("queries/*.rq"):
        used |= set(re.findall(r"\bws:([A-Za-z]+)", path.read_text()))
    declared = {str(s)[len(str(WS)):] for s in ontology.graph.subjects(RDF.type, None) if str(s).startswith(str(WS))}
    assert used and used <= declared, sorted(used - declared)


def test_stance_scheme_is_read_from_the_ontology(ontology):
    assert sorted(ontology.stances) == sorted(
        ["supports", "opposes", "demands", "rejects", "links", "claims", "proposes", "warns", "other"])
    assert ontology.stance_negation["supports"] == "opposes"


def test_opposite_stances_are_the_ones_that_disagree(ontology):
    """ws:opposite, what `disagreements`, `actor-network` and actor pages pair, is not the negation:
    "does not link" claims, yet a link and a claim do not disagree."""
    WS_OPPOSITE = WS["opposite"]
    pairs = {frozenset(str(x).rsplit("/", 1)[-1] for x in pair)
             for pair in ontology.graph.subject_objects(WS_OPPOSITE)}
    assert pairs == {frozenset(p) for p in [("supports", "opposes"), ("supports", "rejects"),
                                            ("demands", "rejects"), ("proposes", "rejects")]}
    assert (WS_OPPOSITE, RDF.type, OWL.SymmetricProperty) in ontology.graph


def test_gazetteer_knows_metonyms_and_posts(ontology):
    government = ontology.actors["https://w3id.org/whosaid/id/russian-government"]
    assert {"the Kremlin", "Moscow"} <= set(government.aliases)
    import datetime as dt
    assert ontology.holder("Prime Minister", government.iri, dt.date(2009, 5, 7)).endswith("vladimir-putin")
    assert ontology.holder("President", government.iri, dt.date(2009, 5, 7)).endswith("dmitry-medvedev")
    assert ontology.holder("President", government.iri, dt.date(2016, 11, 1)).endswith("vladimir-putin")


def test_malformed_edit_names_file_and_line(ontology_copy):
    path = ontology_copy / "reference.ttl"
    lines = path.read_text().splitlines()
    assert lines[34] == ""
    lines[34] = "id:broken a ws:Person ; rdfs:label ."
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(OntologyError, match=r"reference\.ttl:35: Bad syntax"):
        Ontology.load(ontology_copy)


def test_every_module_parses_and_declares_its_ontology():
    for path in ROOT.glob("ontology/*.ttl"):
        g = Graph().parse(path)
        if path.name != "shapes.ttl":
            assert any(g.subjects(RDF.type, OWL.Ontology)), path


def test_alias_added_as_protege_would_flows_into_the_next_build(ontology_copy, tmp_path):
    """Add an alias in RDF/XML with owlready2 (as an ontologist would with Protégé) and rebuild."""
    import owlready2

    g = Graph()
    g.parse(ontology_copy / "reference.ttl")
    g.serialize(ontology_copy / "reference.owl", format="xml")
    (ontology_copy / "reference.ttl").unlink()
    world = owlready2.World()
    core = tmp_path / "core.owl"          # owlready2 reads RDF/XML, not Turtle: give it the import
    Graph().parse(ontology_copy / "core.ttl").serialize(core, format="xml")
    world.get_ontology("https://w3id.org/whosaid/ontology").load(fileobj=open(core, "rb"))
    onto = world.get_ontology((ontology_copy / "reference.owl").as_uri()).load()
    lavrov = world["https://w3id.org/whosaid/id/sergey-lavrov"]
    lavrov.altLabel.append(owlready2.locstr("Russia's top diplomat", "en"))
    onto.save(file=str(ontology_copy / "reference.owl"), format="rdfxml")

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia's top diplomat said that Moscow rejects the new sanctions.\n")
    store = open_store(tmp_path / "store")
    build(corpus, store, ontology_dir=ontology_copy)
    rows = list(store.query("PREFIX ws: <https://w3id.org/whosaid/ontology#> "
                            "SELECT ?s WHERE { ?st ws:speaker ?s }"))
    assert [r["s"].value for r in rows] == ["https://w3id.org/whosaid/id/sergey-lavrov"]


def test_pipeline_uses_the_edited_ontology(ontology_copy):
    path = ontology_copy / "reference.ttl"
    path.write_text(path.read_text().replace('skos:altLabel "Sergei Lavrov"@en', 'skos:altLabel "Sergei Lavrov"@en , "the top diplomat"@en'))
    from kg.documents import Document
    text = "The top diplomat rejected the proposal."
    statements = Pipeline(Ontology.load(ontology_copy)).extract(Document("t.txt", text, text)).statements
    assert [s.speaker.label for s in statements] == ["Sergey Lavrov"]


# ---------------------------------------------------------------- SHACL, HermiT, OWL 2 DL profile

def test_seed_build_conforms_to_the_shapes(seed_store):
    from kg.validate import store_graph, validate
    conforms, report = validate(store_graph(seed_store))
    assert conforms, report


def test_statement_without_speaker_is_a_violation(seed_store):
    from kg.validate import store_graph, validate
    graph = store_graph(seed_store)
    statement = next(graph.subjects(RDF.type, WS.Statement))
    graph.remove((statement, WS.speaker, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "A statement needs exactly one speaker" in report and str(statement) in report


def test_hermit_finds_tbox_reference_and_seed_graph_consistent(seed_store):
    from kg.reasoning import unsatisfiable_classes
    from kg.validate import store_graph
    assert unsatisfiable_classes(store_graph(seed_store)) == []


def test_hermit_reports_an_inconsistent_edit(ontology):
    from kg.reasoning import Inconsistent, unsatisfiable_classes
    graph = Graph() + ontology.graph
    graph.add((URIRef("https://w3id.org/whosaid/id/vladimir-putin"), RDF.type, WS.Government))
    with pytest.raises(Inconsistent):
        unsatisfiable_classes(graph)


def test_hermit_reports_an_unsatisfiable_class(ontology):
    from kg.reasoning import unsatisfiable_classes
    graph = Graph() + ontology.graph
    hybrid = URIRef("https://w3id.org/whosaid/ontology#PersonOrganization")
    graph.add((hybrid, RDF.type, OWL.Class))
    graph.add((hybrid, RDFS.subClassOf, WS.Person))
    graph.add((hybrid, RDFS.subClassOf, WS.Organization))
    assert unsatisfiable_classes(graph) == [str(hybrid)]


ROBOT_LIB = ROOT / ".cache" / "robot" / "lib"


@pytest.mark.parametrize("module", ["core.ttl", "stances.ttl", "reference.ttl"])
def test_owl2_dl_profile_with_the_owl_api(module, tmp_path):
    """ROBOT (OWL API) validate-profile; the jars come from Maven Central via `make robot`."""
    import subprocess
    if not ROBOT_LIB.is_dir():
        subprocess.run(["make", "robot"], cwd=ROOT, check=True)
    report = tmp_path / "profile.txt"
    result = subprocess.run(["java", "-cp", f"{ROBOT_LIB}/*", "org.obolibrary.robot.CommandLineInterface",
                             "validate-profile", "--profile", "DL", "--catalog", str(ROOT / "ontology/catalog-v001.xml"),
                             "--input", str(ROOT / "ontology" / module), "--output", str(report)],
                            capture_output=True, text=True)
    assert result.returncode == 0, report.read_text() if report.exists() else result.stderr
    assert "in profile" in report.read_text() and "NOT in profile" not in report.read_text()
