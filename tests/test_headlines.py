"""Title-case lines parsed in sentence case (kg/headlines.py), and what the pipeline reads from them."""
import pytest
import spacy

from kg import headlines
from kg.documents import Document


@pytest.mark.parametrize("line, expected", [
    ("Kovac Endorses Reed With Party's Blessing", True),
    ("Reed Warns of New Tariffs on Steel", True),             # short words may stay in lower case
    ("Kovac endorses Reed with the party's blessing", False),  # sentence case
    ("KOVAC ENDORSES REED WITH PARTY BLESSING", False),       # capitals: another way of writing
    ("Talks Resume", False),                                   # too short to tell from two names
])
def test_title_case_lines(line, expected):
    assert headlines.title_case(line) is expected


def test_names_are_the_words_capitalized_inside_sentences():
    lines = ["Kovac Endorses Reed For Governor\n", "\n", "The mayor, Anna Kovac, met Tom Reed's staff. Talks went on.\n"]
    # "The" and "Talks" open sentences; the title-case line says nothing of names
    assert headlines.names_in(lines) == {"Anna", "Kovac", "Tom", "Reed"}


@pytest.mark.parametrize("line, expected", [
    ("Kovac Endorses Tom Reed's Plan For Governor\n", "Kovac endorses Tom Reed's plan for governor\n"),
    ("Carly Lund Backs Reed: I Am 'Horrified' By NATO Move", "Carly Lund backs Reed: I am 'horrified' by NATO move"),
    ("Kovac endorses Reed for governor", None),               # not title case
    ("Anna Kovac Tom Reed Carly Lund", None),                 # names only: nothing changes
])
def test_sentence_case_keeps_names_acronyms_and_the_first_word(line, expected):
    names = {"Kovac", "Tom", "Reed", "Carly", "Lund", "Anna"}
    assert headlines.sentence_case(line, names) == expected


def test_restore_puts_the_parse_on_the_words_as_written():
    nlp = spacy.blank("en")
    line = "Kovac Endorses Reed"
    parsed = nlp("Kovac endorses Reed")
    parsed[1].lemma_ = "endorse"
    parsed.spans["topics"] = [parsed[2:3]]
    restored = headlines.restore(parsed, line)
    assert restored.text == line
    assert [t.lemma_ for t in restored] == ["", "endorse", ""]
    assert [s.text for s in restored.spans["topics"]] == ["Reed"]


def statements(pipeline, text):
    doc = Document(source="t.txt", text=text, body=text)
    return [(s.speaker.label, s.cue, s.content.text) for s in pipeline.extract(doc).statements]


@pytest.mark.parametrize("text, expected", [
    ("Kovac Endorses Tom Reed For Governor\n\nTom Reed met the mayor, Anna Kovac, on Monday.\n",
     [("Anna Kovac", "Endorses", "Tom Reed For Governor")]),
    ("Anna Kovac Slams Reed Over Border Plan\n\nIn the city, Anna Kovac spoke with Tom Reed.\n",
     [("Anna Kovac", "Slams", "Reed Over Border Plan")]),
])
def test_a_title_case_headline_says_what_its_speaker_said(pipeline, text, expected):
    assert statements(pipeline, text) == expected


def test_a_title_case_headline_names_no_one_by_its_verb(pipeline):
    text = "Anna Kovac Slams Reed Over Border Plan\n\nIn the city, Anna Kovac spoke with Tom Reed.\n"
    doc = pipeline.annotate(Document(source="t.txt", text=text, body=text))
    assert doc.text == text
    assert sorted({m._.actor.label for m in doc.spans["actors"]}) == ["Anna Kovac", "Tom Reed"]
