"""The gazetteer of UN member states (ontology/countries.ttl, made by tools/make_countries.py):
the checked-in file is the generator's output, every member has a country and a government,
the hand-curated entries keep their IRIs and aliases, the names resolve in text, and the names
the ambiguity rules leave out do not."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.documents import Document
from kg.vocab import WS

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/whosaid/id/"
ROBOT_LIB = ROOT / ".cache" / "robot" / "lib"

_spec = importlib.util.spec_from_file_location("make_countries", ROOT / "tools" / "make_countries.py")
make_countries = sys.modules.setdefault("make_countries", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_countries)


def extract(pipeline, text: str, date: str | None = None):
    doc = Document(source="t.txt", text=text, body=text, date=date)
    return [(s.speaker.label, s.cue, s.stance, s.topic.label) for s in pipeline.extract(doc).statements]


def speakers(pipeline, text: str) -> list[str]:
    return [got[0] for got in extract(pipeline, text)]


def entity_ids(pipeline, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.ent_id_.removeprefix(ID)) for e in pipeline.nlp(text).ents if e.ent_id_]


# ---------------------------------------------------------------------------- the file

def test_checked_in_file_is_the_generator_output():
    assert (ROOT / "ontology" / "countries.ttl").read_text(encoding="utf-8") == make_countries.generate()


def test_generator_writes_the_file_it_is_given(tmp_path):
    out = tmp_path / "countries.ttl"
    make_countries.main(["--out", str(out)])
    assert out.read_text(encoding="utf-8") == (ROOT / "ontology" / "countries.ttl").read_text(encoding="utf-8")


def test_the_module_is_an_ontology_that_imports_the_core_and_the_catalog_finds_it():
    graph = Graph().parse(ROOT / "ontology" / "countries.ttl")
    module = URIRef("https://w3id.org/whosaid/countries")
    assert (module, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in graph
    assert list(graph.objects(module, URIRef("http://www.w3.org/2002/07/owl#imports"))) == [
        URIRef("https://w3id.org/whosaid/ontology")]
    catalog = (ROOT / "ontology" / "catalog-v001.xml").read_text()
    assert 'name="https://w3id.org/whosaid/countries" uri="countries.ttl"' in catalog


def test_countries_module_is_in_the_owl2_dl_profile(tmp_path):
    """ROBOT (OWL API) validate-profile, as tests/test_ontology.py runs it on the other modules."""
    if not ROBOT_LIB.is_dir():
        subprocess.run(["make", "robot"], cwd=ROOT, check=True)
    report = tmp_path / "profile.txt"
    result = subprocess.run(["java", "-cp", f"{ROBOT_LIB}/*", "org.obolibrary.robot.CommandLineInterface",
                             "validate-profile", "--profile", "DL", "--catalog", str(ROOT / "ontology/catalog-v001.xml"),
                             "--input", str(ROOT / "ontology" / "countries.ttl"), "--output", str(report)],
                            capture_output=True, text=True)
    assert result.returncode == 0, report.read_text() if report.exists() else result.stderr
    assert "in profile" in report.read_text() and "NOT in profile" not in report.read_text()


# ---------------------------------------------------------------------------- every member

SHARED_DEMONYMS = {"COD", "COG", "DMA", "DOM"}        # "Congolese", "Dominican": a demonym of neither


def country_of(ontology, member) -> str:
    names = {member.short, member.info["name"]}
    found = [a.iri for a in ontology.actors.values()
             if a.kind == "Country" and names & {a.label, *a.aliases}]
    assert len(found) == 1, (member.iso3, found)
    return found[0]


def test_every_un_member_has_a_country_and_a_government_with_a_demonym(ontology):
    members = make_countries.un_members()
    assert len(members) == 193
    countries = {country_of(ontology, m): m for m in members}
    assert len(countries) == 193
    assert {a.iri for a in ontology.actors.values() if a.kind == "Country"} == set(countries)
    for iri, member in countries.items():
        country = ontology.actors[iri]
        assert ontology.actors[country.government].kind == "Government", iri
        assert bool(country.demonyms) == (member.iso3 not in SHARED_DEMONYMS), iri
    labels = [a.label for a in ontology.actors.values()]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("country, government", [
    ("nigeria", "Nigerian Government"),
    ("south-korea", "South Korean Government"),
    ("new-zealand", "New Zealand Government"),
    ("bosnia-and-herzegovina", "Bosnian and Herzegovinian Government"),
    ("dominican-republic", "Government of the Dominican Republic"),
    ("dr-congo", "Government of DR Congo"),
    ("united-states", "United States Government"),
    ("russia", "Russian Government"),
])
def test_a_government_is_labelled_by_its_demonym(ontology, country, government):
    assert ontology.actors[ontology.actors[ID + country].government].label == government


def test_a_generated_country_and_government_have_exactly_their_names(ontology):
    korea = ontology.actors[ID + "south-korea"]
    assert (korea.label, korea.aliases, korea.demonyms) == (
        "South Korea", ("Republic of Korea", "the Republic of Korea"), ("South Korean",))
    assert korea.government == ID + "south-korean-government"
    assert ontology.actors[korea.government].aliases == (
        "Government of South Korea", "Seoul", "the South Korean government")
    ivory = ontology.actors[ID + "cote-d-ivoire"]
    assert ivory.label == "Côte d'Ivoire"
    assert {"Ivory Coast", "Cote d'Ivoire", "the Republic of Côte d'Ivoire"} <= set(ivory.aliases)


def test_a_curated_country_gains_the_packages_names_and_keeps_its_own(ontology):
    germany = ontology.actors[ID + "germany"]
    assert (germany.label, germany.aliases) == ("Germany", ("Federal Republic of Germany",
                                                            "the Federal Republic of Germany"))
    assert ontology.actors[ID + "german-government"].aliases == (
        "Berlin", "Government of Germany", "the German government")


def test_hand_curated_iris_labels_and_aliases_are_all_still_there(ontology):
    reference = Graph().parse(ROOT / "ontology" / "reference.ttl")
    curated = {s for cls in ("Country", "Government") for s in reference.subjects(RDF.type, WS[cls])}
    assert len(curated) == 38
    for iri in curated:
        actor = ontology.actors[str(iri)]
        assert actor.label == str(reference.value(iri, RDFS.label)), iri
        assert {str(o) for o in reference.objects(iri, SKOS.altLabel)} <= set(actor.aliases), iri
    kremlin = ontology.actors[ID + "russian-government"]
    assert {"the Kremlin", "Kremlin", "Moscow"} <= set(kremlin.aliases)
    washington = ontology.actors[ID + "united-states-government"]
    assert {"Washington", "White House", "the White House"} <= set(washington.aliases)
    assert ontology.actors[ID + "russia"].government == kremlin.iri


def test_the_names_left_out_and_why():
    _, dropped = make_countries.gazetteer(Graph().parse(ROOT / "ontology" / "reference.ttl"))
    assert dropped == {
        "Brussels": "names belgian-government and european-union",
        "Congo": "part of DR Congo",
        "the Congo": "part of DR Congo",
        "Congolese": "the demonym of COD and COG",
        "Dominican": "the demonym of DMA and DOM",
        "Djibouti": "names djibouti and djibouti-government",
        "Luxembourg": "names luxembourg and luxembourg-government",
        "Monaco": "names monaco and monegasque-government",
        "Singapore": "names singapore and singaporean-government",
        "Island": "an ordinary English word",
        "Male": "an ordinary English word",
        "Dominique": "a common given name",
        "Santiago": "a common given name",
        "Sofia": "a common given name",
        "Victoria": "a common given name",
        "Montenegrin": "a demonym",
        "Thai": "a demonym",
        "Togolese": "a demonym",
    }


# ---------------------------------------------------------------------------- in text

@pytest.mark.parametrize("text, speaker", [
    ("Abuja rejected the proposal on Tuesday.", "Nigerian Government"),
    ("Nigeria said on Tuesday that it opposes the new tariffs.", "Nigerian Government"),
    ("Nigeria's government said the sanctions were unjust.", "Nigerian Government"),
    ("Seoul rejected the proposal on Monday.", "South Korean Government"),
    ("Kenyan officials said the election had been fair.", "Kenyan Government"),
    ("The Ivorian government said it would not accept the deal.", "Ivorian Government"),
    ("Ivory Coast said it would not accept the deal.", "Ivorian Government"),
    ("The Government of Peru rejected the proposal.", "Peruvian Government"),
    ("Bogota rejected the proposal.", "Colombian Government"),
])
def test_a_member_speaks_through_its_government(pipeline, text, speaker):
    assert speakers(pipeline, text) == [speaker]


def test_a_capital_is_a_metonym_for_the_government(pipeline):
    assert entity_ids(pipeline, "Seoul protested the decision on Monday.") == [("Seoul", "south-korean-government")]


def test_a_demonym_of_two_words_names_its_country(ontology):
    """What the gazetteer gives for "South Korean officials said": the demonym of one country."""
    assert ontology.demonyms["South Korean"] == ID + "south-korea"
    assert ontology.demonyms["Nigerian"] == ID + "nigeria"


@pytest.mark.parametrize("text, not_ids", [
    ("Male voters said the new tariffs were unfair.", {"maldives", "maldivan-government"}),
    ("Victoria Nuland said the pipeline should be stopped.", {"seychelles", "seychellois-government"}),
    ("Sofia Coppola said the film was finished.", {"bulgaria", "bulgarian-government"}),
    ("Santiago Pena said the vote had been fair.", {"chile", "chilean-government"}),
    ("Island nations said the new rules were unfair.", {"iceland", "iceland-government"}),
    ("Congo said it would not accept the deal.", {"congo-republic", "government-of-the-congo-republic"}),
])
def test_an_ambiguous_name_does_not_resolve_to_a_member(ontology, pipeline, text, not_ids):
    assert not {iri for _, iri in entity_ids(pipeline, text)} & not_ids
    labels = {a.label for iri, a in ontology.actors.items() if iri.removeprefix(ID) in not_ids}
    assert not set(speakers(pipeline, text)) & labels


def test_a_person_named_chad_does_not_speak_for_chad(pipeline):
    assert "Chadian Government" not in speakers(pipeline, "Chad Miller, a farmer in Iowa, said the tariffs hurt him.")


def test_a_demonym_of_two_members_resolves_to_neither(pipeline):
    assert speakers(pipeline, "Dominican officials said the deal was fair.") == []
