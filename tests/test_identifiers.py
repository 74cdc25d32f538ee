"""Stable identifiers: statement and event IRIs from what they are, graph IRIs from the path in
the corpus, and the migration of a store written before either."""
import shutil
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from kg.build import add, build
from kg.store import open_store

DATA = Path(__file__).parent / "data"
BASE = "http://127.0.0.1:8000/"
WS = "https://w3id.org/whosaid/ontology#"

TALKS = ("Border talks\n\n"
         "Karl Mertens, a German diplomat, said Berlin supports the new border commission.\n\n"
         "Karl Mertens met Lavrov in Geneva on May 7, 2011.\n\n"
         "Lavrov said that Moscow rejects the new tariff regime.\n")
UNRELATED = "Wang Yi said China welcomes the new fishing accord.\n\n"
# The texts of tests/data/store-before-stable-iris.nq: a.txt built from a corpus, b.txt added.
OLD_A = "Border talks\n\nKarl Mertens, a German diplomat, said Berlin supports the new border commission.\n"
OLD_B = ("More talks\n\nKarl Mertens said that Germany opposes the new tariff regime. Lavrov said Moscow rejects "
         "the new tariff regime.\n\nKarl Mertens met Lavrov in Geneva on May 7, 2011.\n")


def minted(store) -> dict[str, str]:
    """{statement or event IRI: its evidence's words}."""
    rows = store.query(f"""SELECT ?x ?exact WHERE {{ ?x <{WS}evidence> ?ev . ?ev <http://www.w3.org/ns/oa#hasSelector> ?sel .
                           ?sel <http://www.w3.org/ns/oa#exact> ?exact }}""")
    return {r["x"].value: r["exact"].value for r in rows}


def built(tmp_path, name, **files) -> object:
    corpus = tmp_path / name
    for path, text in files.items():
        (corpus / path).parent.mkdir(parents=True, exist_ok=True)
        (corpus / path).write_text(text)
    store = open_store(tmp_path / f"{name}-store")
    build(corpus, store, infer=False)
    return store


def test_iris_stay_when_other_statements_appear_before_between_or_after(tmp_path):
    first = minted(built(tmp_path, "one", **{"a.txt": TALKS}))
    assert len(first) == 3 and sum("/id/event/" in iri for iri in first) == 1
    assert all(iri.startswith(BASE + "id/statement/a-txt-") or iri.startswith(BASE + "id/event/a-txt-")
               for iri in first)
    head, lede, rest = TALKS.partition("Karl Mertens, a German")
    for n, text in enumerate([head + UNRELATED + lede + rest,                       # before every statement
                              TALKS.replace("Karl Mertens met", UNRELATED + "Karl Mertens met"),
                              TALKS + "\n" + UNRELATED]):
        again = minted(built(tmp_path, f"edited{n}", **{"a.txt": text}))
        assert {iri: again[iri] for iri in first} == first          # every earlier IRI, for the same words
        (new,) = set(again) - set(first)
        assert again[new] == "Wang Yi said China welcomes the new fishing accord."


def test_one_graph_per_path_with_its_extension(tmp_path):
    page = (DATA / "html" / "full_metadata.html").read_text()
    files = {"a.txt": "Talks\n\nKarl Mertens said Berlin supports the new border commission.\n",
             "a.md": "# Talks\n\nLavrov said that Moscow rejects the new tariff regime.\n",
             "x/a.txt": "Talks\n\nWang Yi said China welcomes the new fishing accord.\n",
             "y/a.txt": "Talks\n\nKarl Mertens said that Germany opposes the new tariff regime.\n",
             "esper/index.html": page, "sudan/index.html": page}
    store = built(tmp_path, "corpus", **files)
    assert sorted(g for g in store.graphs() if g.startswith(BASE)) == sorted(BASE + "graph/" + p for p in files)
    documents = store.query(f"SELECT ?d ?source WHERE {{ ?d <{WS}sourceFile> ?source }}")
    assert sorted((r["d"].value, r["source"].value) for r in documents) == sorted(
        (BASE + "id/document/" + p, p) for p in files)
    speakers = store.query(f"SELECT ?source ?who WHERE {{ ?s <{WS}speaker>/<http://www.w3.org/2000/01/rdf-schema#label> ?who ;"
                           f" <http://www.w3.org/ns/prov#wasDerivedFrom>/<{WS}sourceFile> ?source }}")
    got = {(r["source"].value, r["who"].value) for r in speakers}
    assert {("a.txt", "Karl Mertens"), ("a.md", "Sergey Lavrov"), ("x/a.txt", "Wang Yi"),
            ("y/a.txt", "Karl Mertens")} <= got


def test_a_file_name_outside_the_iri_alphabet_is_percent_encoded(tmp_path):
    store = built(tmp_path, "corpus", **{"talks 1.txt": "Talks\n\nKarl Mertens said Berlin supports the new border commission.\n"})
    assert BASE + "graph/talks%201.txt" in store.graphs()


def load_old_store(store) -> None:
    graphs: dict[str, list] = {}
    for quad in parse(path=str(DATA / "store-before-stable-iris.nq"), format=RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    for graph, triples in graphs.items():
        store.add_triples(graph, triples)


def iris(store, graph: str) -> set[str]:
    return {term.value for t in store.triples(graph) for term in (t.subject, t.object) if hasattr(term, "value")
            and term.value.startswith(BASE)}


def test_a_build_migrates_a_store_written_before_stable_identifiers(tmp_path, empty_store):
    load_old_store(empty_store)
    assert sorted(g for g in empty_store.graphs()) == [BASE + "graph/a", BASE + "graph/b"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(OLD_A)
    report = build(corpus, empty_store, infer=False)
    assert (report.documents, report.migrated, report.removed, report.kept) == (1, 2, 0, ["b.txt"])
    assert "2 migrated to stable identifiers" in report.summary()
    assert sorted(empty_store.graphs()) == [BASE + "graph/a.txt", BASE + "graph/b.txt",
                                            "https://w3id.org/whosaid/graph/ontology",
                                            "https://w3id.org/whosaid/graph/shared"]
    # b.txt, whose file the build never saw, now has the IRIs an add of that file gives
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(OLD_B)
    fresh = open_store(tmp_path / "fresh")
    add([elsewhere / "b.txt"], fresh, infer=False)
    assert iris(empty_store, BASE + "graph/b.txt") == iris(fresh, BASE + "graph/b.txt")
    assert len([i for i in iris(fresh, BASE + "graph/b.txt") if "/id/statement/b-txt-" in i and "#" not in i]) == 2
    added = f"SELECT ?source ?how WHERE {{ ?d <{WS}sourceFile> ?source ; <{WS}addedWith> ?how }}"
    assert sorted((r["source"].value, r["how"].value) for r in empty_store.query(added)) == [
        ("a.txt", "kg build"), ("b.txt", "kg add")]
    # migrated once: the next build finds nothing to migrate and still keeps b.txt
    again = build(corpus, empty_store, infer=False)
    assert (again.migrated, again.removed, again.kept) == (0, 0, ["b.txt"])


def test_add_names_a_file_under_the_corpus_by_its_path_there(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "x").mkdir(parents=True)
    shutil.copy(DATA / "html" / "full_metadata.html", corpus / "x" / "page.html")
    store = open_store(tmp_path / "store")
    add([corpus / "x" / "page.html"], store, corpus=corpus, infer=False)
    assert BASE + "graph/x/page.html" in store.graphs()
    report = build(corpus, store, infer=False)          # the same document: replaced, not doubled
    assert (report.documents, report.kept, report.removed) == (1, [], 0)
    assert [g for g in store.graphs() if g.startswith(BASE)] == [BASE + "graph/x/page.html"]


def test_documents_in_folders_and_with_encoded_names_are_answered_at_their_paths(tmp_path):
    from server import create_app

    text = "Talks\n\nKarl Mertens said Berlin supports the new border commission.\n"
    store = built(tmp_path, "corpus", **{"x/a.txt": text, "talks 1.txt": text})
    del store
    client = create_app({"STORE": str(tmp_path / "corpus-store"), "BASE_IRI": BASE}).test_client()
    for path, source in (("/id/document/x/a.txt", "x/a.txt"), ("/id/document/talks%201.txt", "talks 1.txt")):
        page = client.get(path, headers={"Accept": "text/turtle"})
        assert page.status_code == 200 and f'"{source}"' in page.get_data(as_text=True), path
