"""Bad input: each file problem is one line naming the file and the reason, the file is skipped and
the rest builds (inference included); a missing or empty ontology module stops the build; the
helpers that keep extraction linear in a document's length give what spaCy's own walks give."""

import pytest
from click.testing import CliRunner

from kg import dates
from kg.build import build
from kg.cli import main
from kg.documents import Document, UnreadableDocument, read_document
from kg.ontology import OntologyError
from kg.store import open_store
from kg.topic_linker import noun_chunks, topics_within

GOOD = "Talks\n\nKarl Mertens said Berlin supports the new border commission.\n"
BAD = {  # file: (its bytes, its sidecar or None, the reason the build gives)
    "words.txt": (GOOD, 'date: "not a date"\n',
                  "bad sidecar words.meta.yaml: date 'not a date' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "number.txt": (GOOD, "date: 12345\n",
                   "bad sidecar number.meta.yaml: date 12345 is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "month.txt": (GOOD, "date: 2011-13\n",
                  "bad sidecar month.meta.yaml: date '2011-13' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "authors.txt": (GOOD, "authors: [{name: Jane}]\n",
                    "bad sidecar authors.meta.yaml: authors [{'name': 'Jane'}] is not a name or a list of names"),
    "long.txt": ("Talks\n\n" + "word " * 240_000 + "\n", None,
                 "a line of 1,200,000 characters (the limit is 100,000): not article prose"),
    "front.md": ("---\ntitle: [unclosed\n---\nKarl Mertens said Berlin supports it.\n", None,
                 "bad front matter: while parsing a flow sequence in \"<unicode string>\", line 2, column 8 did not "
                 "find expected ',' or ']' in \"<unicode string>\", line 3, column 1"),
    "binary.txt": ("Talks\x00\x01", None, "binary file (NUL bytes)"),
}


def corpus_with_bad_files(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    for name, (text, sidecar, _) in BAD.items():
        (folder / name).write_text(text)
        if sidecar:
            (folder / name).with_suffix(".meta.yaml").write_text(sidecar)
    return folder


def test_every_bad_file_is_one_line_and_the_rest_builds_with_inference(tmp_path):
    corpus = corpus_with_bad_files(tmp_path / "corpus")
    store = open_store(tmp_path / "store")
    build(corpus, store)                                   # over an existing store, as the issue found it
    report = build(corpus, store)
    assert (report.documents, report.statements) == (1, 1) and report.inferred > 0
    assert sorted(report.skipped) == sorted((name, reason) for name, (_, _, reason) in BAD.items())
    lines = report.summary().splitlines()
    assert sorted(lines[1:]) == sorted(f"skipped {name}: {reason}" for name, (_, _, reason) in BAD.items())


@pytest.mark.parametrize("written, kept", [
    ("date: 2011-07-18\n", "2011-07-18"), ("date: 2011-07-18 10:30:00\n", "2011-07-18"),
    ("date: '2011-07'\n", "2011-07"), ("date: 2011\n", "2011"), ("date: '2011'\n", "2011"),
    ("title: 1984\n", None),
])
def test_sidecar_dates_in_every_form_yaml_gives(tmp_path, written, kept):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.yaml").write_text(written)
    document = read_document(tmp_path / "a.txt")
    assert document.date == kept
    if kept is None:
        assert document.title == "1984"


def test_a_bad_sidecar_is_an_unreadable_document(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.yaml").write_text("date: true\n")
    with pytest.raises(UnreadableDocument, match=r"^bad sidecar a.meta.yaml: date True is not a date"):
        read_document(tmp_path / "a.txt")


@pytest.mark.parametrize("module", ["reference.ttl", "topics.ttl"])
def test_a_missing_ontology_module_stops_the_build(tmp_path, ontology_copy, module):
    (ontology_copy / module).unlink()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(GOOD)
    stem = module.removesuffix(".ttl")
    with pytest.raises(OntologyError, match=f"^{ontology_copy}: ontology module {stem} missing "):
        build(tmp_path / "corpus", open_store(tmp_path / "store"), ontology_dir=ontology_copy)
    result = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path / "corpus"), "--store",
                                       str(tmp_path / "s"), "--ontology", str(ontology_copy)])
    assert result.exit_code == 1 and result.output == (
        f"Error: {ontology_copy}: ontology module {stem} missing (a .ttl, .owl or .rdf file of that name); "
        "without it the build would find a part of what it should\n")
    assert not (tmp_path / "store").exists() or open_store(tmp_path / "store").graphs() == []


def test_an_empty_ontology_module_stops_the_build(tmp_path, ontology_copy):
    (ontology_copy / "reference.ttl").write_text("")
    result = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path), "--store", str(tmp_path / "s"),
                                       "--ontology", str(ontology_copy)])
    assert result.exit_code == 1
    assert result.output == f"Error: {ontology_copy / 'reference.ttl'}: the ontology module is empty (no triples)\n"


def test_a_module_saved_as_rdf_xml_counts(tmp_path, ontology_copy):
    from rdflib import Graph
    Graph().parse(ontology_copy / "stances.ttl").serialize(ontology_copy / "stances.owl", format="xml")
    (ontology_copy / "stances.ttl").unlink()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(GOOD)
    report = build(tmp_path / "corpus", open_store(tmp_path / "store"), ontology_dir=ontology_copy, infer=False)
    assert report.statements == 1


TEXT = ("On May 7, 2011, Karl Mertens said Berlin supports the new border commission and New START. "
        "Lavrov rejected the sanctions against Iran in March.\n"
        "The treaty was signed in Prague on April 8, 2010, and the talks went on until December.\n")


def test_the_linear_helpers_give_what_spacys_walks_give(pipeline):
    text = TEXT * 3
    doc = pipeline.annotate(Document("t.txt", text, text, date="2011-07-18"))
    spans = list(doc.sents) + [doc[2:9], doc[10:30], doc[0:len(doc)]]
    assert any(dates.date_entities(s) for s in spans) and any(noun_chunks(s) for s in spans)
    for span in spans:
        assert [(e.start, e.end) for e in dates.date_entities(span)] == [
            (e.start, e.end) for e in span.ents if e.label_ == "DATE"]
        assert [(c.start, c.end) for c in noun_chunks(span)] == [(c.start, c.end) for c in span.noun_chunks]
        assert [(t.start, t.end) for t in topics_within(span)] == [
            (t.start, t.end) for t in doc.spans["topics"] if span.start <= t.start < span.end]
    assert topics_within(doc[0:len(doc)])          # the text names curated topics
