"""The Protégé round trip: the ontology modules as the OWL API writes them (`robot convert`; Protégé
saves through the same library) build the seed corpus into the same graph as the files as written
by hand: the same statements and canned-query answers, the same aliases, the same Wikidata links on
the actor pages, and no type the OWL API adds (owl:NamedIndividual) as a row of a page.

The OWL API writes every owl:sameAs link to Wikidata the other way round (Wikidata's item as the
subject) and declares every individual an owl:NamedIndividual; the first test checks that it
still does, so that the others test what they mean to."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg import queries
from kg.build import build
from kg.ontology import MODULES, Ontology
from kg.store import open_store
from kg.vocab import REF
from server import create_app

from .conftest import CORPUS, ROOT
from .test_build_and_queries import run

ROBOT_LIB = ROOT / ".cache" / "robot" / "lib"
WIKIDATA = "http://www.wikidata.org/entity/"
BASE = "http://127.0.0.1:8000/"


def robot(*args: str) -> None:
    """ROBOT's command line; the jars come from Maven Central via `make robot`."""
    if not ROBOT_LIB.is_dir():
        subprocess.run(["make", "robot"], cwd=ROOT, check=True)
    result = subprocess.run(["java", "-cp", f"{ROBOT_LIB}/*", "org.obolibrary.robot.CommandLineInterface", *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    """ontology/ with each module saved by the OWL API, in Turtle as Protégé keeps a Turtle file;
    the catalogue and the SHACL shapes, which Protégé does not edit, copied as they are."""
    target = tmp_path_factory.mktemp("owl-api") / "ontology"
    target.mkdir()
    for path in (ROOT / "ontology").iterdir():
        if path.stem not in MODULES:
            shutil.copy(path, target / path.name)
    for module in MODULES:
        robot("convert", "--catalog", str(ROOT / "ontology/catalog-v001.xml"),
              "--input", str(ROOT / "ontology" / f"{module}.ttl"), "--output", str(target / f"{module}.ttl"))
    return target


@pytest.fixture(scope="module")
def converted_store_path(converted, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("owl-api-store") / "store"
    build(CORPUS, open_store(path), ontology_dir=converted)
    return path


def wikidata_links(directory: Path) -> set[tuple[str, str]]:
    """(our IRI, Wikidata's) for each owl:sameAs in the modules, whichever way round it is stated."""
    graph = Graph()
    for module in MODULES:
        graph.parse(directory / f"{module}.ttl")
    pairs = set()
    for s, o in graph.subject_objects(OWL.sameAs):
        ours, theirs = (str(s), str(o)) if str(o).startswith(WIKIDATA) else (str(o), str(s))
        assert ours.startswith(str(REF)) and theirs.startswith(WIKIDATA), (s, o)
        pairs.add((ours, theirs))
    return pairs


def test_the_owl_api_still_reverses_same_as_and_declares_named_individuals(converted):
    written = Graph().parse(ROOT / "ontology/reference.ttl")
    saved = Graph().parse(converted / "reference.ttl")
    ours = set(written.subject_objects(OWL.sameAs))
    assert len(ours) >= 20 and all(str(o).startswith(WIKIDATA) for _, o in ours)
    assert set(saved.subject_objects(OWL.sameAs)) == {(o, s) for s, o in ours}
    assert (URIRef(REF + "sergey-lavrov"), RDF.type, OWL.NamedIndividual) in saved
    assert (URIRef(REF + "sergey-lavrov"), RDF.type, OWL.NamedIndividual) not in written


def test_the_same_wikidata_links_are_stated(converted):
    assert wikidata_links(converted) == wikidata_links(ROOT / "ontology")


def test_the_same_actors_aliases_topics_stances_and_offices(converted):
    written, saved = Ontology.load(ROOT / "ontology"), Ontology.load(converted)
    assert saved.actors == written.actors and any(actor.aliases for actor in saved.actors.values())
    assert saved.topics == written.topics
    assert saved.stances == written.stances and saved.stance_negation == written.stance_negation
    assert saved.tenures == written.tenures


def example_runs():
    """Each canned query with its example parameters."""
    return [(name, {p.name: p.example for p in query.parameters if p.example})
            for name, query in sorted(queries.catalogue().items())]


@pytest.mark.parametrize("name, params", example_runs(), ids=[name for name, _ in example_runs()])
def test_every_canned_query_answers_the_same(name, params, seed_store_path, converted_store_path):
    answers = []
    for path in (seed_store_path, converted_store_path):
        store = open_store(path, read_only=True)
        answers.append(run(store, name, **params))
        del store
    assert answers[0] == answers[1]
    if name == "statements":
        assert len(answers[0]["results"]["bindings"]) >= 25


ROW = re.compile(r"<tr><th>(.*?)</th>\s*<td>(.*?)</td></tr>", re.S)


def description(page: str) -> list[tuple[str, str]]:
    """The rows of a page's Description table, as (heading, cell HTML)."""
    return ROW.findall(page.split("<h2>Description</h2>", 1)[1].split("</table>", 1)[0])


def actor_pages() -> list[str]:
    """The curated actors with a Wikidata link, and Sergey Lavrov (who has offices and aliases)."""
    return sorted({ours for ours, _ in wikidata_links(ROOT / "ontology")} | {REF + "sergey-lavrov"})


def test_actor_pages_show_the_same_rows_with_the_wikidata_link_and_no_named_individual(
        seed_store_path, converted_store_path):
    clients = [create_app({"STORE": str(path), "BASE_IRI": BASE}).test_client()
               for path in (seed_store_path, converted_store_path)]
    links = dict(wikidata_links(ROOT / "ontology"))
    for iri in actor_pages():
        pages = [client.get("/id/" + iri[len(REF):], headers={"Accept": "text/html"}).get_data(as_text=True)
                 for client in clients]
        rows = [description(page) for page in pages]
        assert rows[0] == rows[1], iri
        headings = [heading for heading, _ in rows[1]]
        assert headings.count("type") == 1 and "NamedIndividual" not in pages[1], iri
        if iri in links:
            wikidata = links[iri]
            assert f'<a class="external" href="{wikidata}" title="{wikidata}">wd:{wikidata[len(WIKIDATA):]}</a>' \
                in dict(rows[1])["same as"], iri


def test_the_turtle_of_an_actor_states_its_wikidata_link_from_it(seed_store_path, converted_store_path):
    for path in (seed_store_path, converted_store_path):
        client = create_app({"STORE": str(path), "BASE_IRI": BASE}).test_client()
        turtle = client.get("/id/russia", headers={"Accept": "text/turtle"}).get_data(as_text=True)
        graph = Graph().parse(data=turtle, format="turtle")
        assert (URIRef(REF + "russia"), OWL.sameAs, URIRef(WIKIDATA + "Q159")) in graph, path
