"""Each extraction component alone, on a Doc built by hand: words, heads, dependencies, parts of
speech and lemmas are given, so the expected output does not depend on the statistical model."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import nlp as nlp_module
from kg.actors import ActorLinker
from kg.annotations import ACTORS, CONTENTS, CUES, Cue, CueKind, QuoteType
from kg.content import ContentFinder
from kg.cues import CueFinder
from kg.documents import Document
from kg.lexicon import Lexicon
from kg.model import ActorRef, TopicRef
from kg.speakers import SpeakerLinker
from kg.stance import StanceTagger
from kg.statements import statements
from kg.topic_linker import TopicLinker

ID = "https://w3id.org/whosaid/id/"
LAVROV = ActorRef("Sergey Lavrov", "Person", ID + "sergey-lavrov")
RUSSIA_GOV = ActorRef("Russian Government", "Government", ID + "russian-government")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def parsed(vocab, rows: str, ents: dict[tuple[int, int], tuple[str, str]] = {}) -> Doc:
    """A Doc from lines "word head dep POS lemma" (head: the index of the head word; a root is its
    own head), with entities {(start, end): (label, IRI or "")}."""
    table = [line.split() for line in rows.strip().splitlines()]
    doc = Doc(vocab, words=[r[0] for r in table], heads=[int(r[1]) for r in table], deps=[r[2] for r in table],
              pos=[r[3] for r in table], lemmas=[r[4] for r in table])
    for tok, row in zip(doc, table):
        tok.tag_ = row[5] if len(row) > 5 else ""
    doc.ents = [Span(doc, s, e, label=label, span_id=iri) for (s, e), (label, iri) in ents.items()]
    doc._.date = "2010-06-01"
    return doc


LAVROV_REJECTED = """
Lavrov 1 nsubj PROPN Lavrov NNP
rejected 1 ROOT VERB reject VBD
the 3 det DET the DT
treaty 1 dobj NOUN treaty NN
. 1 punct PUNCT . .
"""

MOSCOW_WILL_VIEW = """
Moscow 2 nsubj PROPN Moscow NNP
will 2 aux AUX will MD
view 2 ROOT VERB view VB
the 4 det DET the DT
treaty 2 dobj NOUN treaty NN
as 2 prep ADP as IN
a 7 det DET a DT
problem 5 pobj NOUN problem NN
. 2 punct PUNCT . .
"""

LAVROV_SAID_THAT = """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
that 4 mark SCONJ that IN
Moscow 4 nsubj PROPN Moscow NNP
opposes 1 ccomp VERB oppose VBZ
sanctions 4 dobj NOUN sanction NNS
. 1 punct PUNCT . .
"""


def through(ontology, lexicon, doc: Doc, last: type) -> Doc:
    """`doc` annotated by the stages in pipeline order, up to and including the stage `last`."""
    stages = [ActorLinker(ontology, lexicon), CueFinder(lexicon), SpeakerLinker(ontology, lexicon),
              ContentFinder(lexicon), StanceTagger(ontology, lexicon), TopicLinker(ontology, lexicon)]
    for stage in stages:
        doc = stage(doc)
        if isinstance(stage, last):
            return doc
    raise ValueError(f"no stage {last.__name__}")


def linked(ontology, lexicon, doc: Doc) -> Doc:
    return through(ontology, lexicon, doc, SpeakerLinker)


def test_actor_linker_names_curated_and_new_actors_and_mends_surnames(ontology, lexicon, vocab):
    doc = parsed(vocab, """
Anna 1 compound PROPN Anna NNP
Kovac 2 nsubj PROPN Kovac NNP
met 2 ROOT VERB meet VBD
Lavrov 2 dobj PROPN Lavrov NNP
and 5 cc CCONJ and CC
Kovac 3 conj PROPN Kovac NNP
. 2 punct PUNCT . .
""", {(0, 2): ("PERSON", ""), (3, 4): ("PERSON", ID + "sergey-lavrov"), (5, 6): ("PERSON", "")})
    ActorLinker(ontology, lexicon)(doc)
    assert [(m.text, m._.actor) for m in doc.spans[ACTORS]] == [
        ("Anna Kovac", ActorRef("Anna Kovac", "Person")), ("Lavrov", LAVROV), ("Kovac", ActorRef("Anna Kovac", "Person"))]


def test_actor_linker_mints_no_lone_unknown_surname_and_no_lone_word_organization(ontology, lexicon, vocab):
    doc = parsed(vocab, """
Kovac 1 nsubj PROPN Kovac NNP
met 1 ROOT VERB meet VBD
State 1 dobj PROPN State NNP
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ""), (2, 3): ("ORG", "")})
    ActorLinker(ontology, lexicon)(doc)
    assert list(doc.spans[ACTORS]) == []


SPEAKING_NAMES = """
Halloran 1 nsubj PROPN Halloran NNP
said 1 ROOT VERB say VBD
Anna 3 compound PROPN Anna NNP
Kovac 4 nsubj PROPN Kovac NNP
left 1 ccomp VERB leave VBD
. 1 punct PUNCT . .
"""


def test_actor_linker_mints_a_name_that_speaks_whatever_the_ner_made_of_it(ontology, lexicon, vocab):
    doc = ActorLinker(ontology, lexicon)(parsed(vocab, SPEAKING_NAMES, {(2, 4): ("NORP", "")}))
    assert [(m.text, m._.actor) for m in doc.spans[ACTORS]] == [("Halloran", ActorRef("Halloran", "Person"))]
    # a two-word name mislabelled NORP speaks when it is the subject of a verb of saying
    doc = ActorLinker(ontology, lexicon)(parsed(vocab, SPEAKING_NAMES.replace("left 1 ccomp VERB leave VBD",
                                                                              "said 1 ccomp VERB say VBD"),
                                                {(2, 4): ("NORP", "")}))
    assert [(m.text, m._.actor) for m in doc.spans[ACTORS]] == [
        ("Halloran", ActorRef("Halloran", "Person")), ("Anna Kovac", ActorRef("Anna Kovac", "Person"))]


def test_cue_finder_marks_a_verb_cue_with_its_lexicon_entry(lexicon, vocab):
    doc = CueFinder(lexicon)(parsed(vocab, LAVROV_REJECTED))
    assert [(c.text, c.label_, c._.cue) for c in doc.spans[CUES]] == [
        ("rejected", "verb", Cue(CueKind.VERB, "rejected", "rejects", True))]


def test_cue_finder_skips_questions_conditions_and_predictions(lexicon, vocab):
    question = parsed(vocab, LAVROV_REJECTED.replace(". 1 punct PUNCT . .", "? 1 punct PUNCT ? ."))
    condition = parsed(vocab, "If 2 mark SCONJ if IN\n" + "\n".join(
        f"{w} {int(h) + 1 if w != 'rejected' else 3} {d} {p} {l} {t}" for w, h, d, p, l, t in
        (line.split() for line in LAVROV_REJECTED.strip().splitlines()[:4])) + "\n, 3 punct PUNCT , ,\n"
        "it 6 nsubj PRON it PRP\nfailed 6 ROOT VERB fail VBD\n. 6 punct PUNCT . .")
    prediction = parsed(vocab, MOSCOW_WILL_VIEW)
    finder = CueFinder(lexicon)
    assert [list(finder(d).spans[CUES]) for d in (question, condition, prediction)] == [[], [], []]


def test_speaker_linker_gives_the_subject_through_its_government(ontology, lexicon, vocab):
    doc = linked(ontology, lexicon, parsed(vocab, LAVROV_SAID_THAT, {
        (0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("ORG", ID + "russian-government")}))
    assert [(c.text, c._.speakers) for c in doc.spans[CUES]] == [("said", (LAVROV,)), ("opposes", (RUSSIA_GOV,))]


def test_speaker_linker_names_nobody_for_an_unresolved_subject(ontology, lexicon, vocab):
    doc = linked(ontology, lexicon, parsed(vocab, LAVROV_REJECTED.replace("Lavrov 1 nsubj PROPN Lavrov NNP",
                                                                          "He 1 nsubj PRON he PRP")))
    assert [c._.speakers for c in doc.spans[CUES]] == [()]        # no one named before "he"


def test_content_finder_takes_the_clause_and_the_attributing_evidence(ontology, lexicon, vocab):
    doc = ContentFinder(lexicon)(linked(ontology, lexicon, parsed(vocab, LAVROV_SAID_THAT, {
        (0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("ORG", ID + "russian-government")})))
    got = [(c.text, c.label_, c._.cue_span.text, c._.quote_type, c._.evidence.text) for c in doc.spans[CONTENTS]]
    assert got == [("that Moscow opposes sanctions", "verb", "said", QuoteType.INDIRECT, "Lavrov said that Moscow opposes sanctions ."),
                   ("sanctions", "verb", "opposes", QuoteType.HELD, "that Moscow opposes sanctions")]


def test_stance_tagger_reads_a_neutral_cue_from_what_was_said(ontology, lexicon, vocab):
    doc = parsed(vocab, LAVROV_SAID_THAT, {(0, 1): ("PERSON", ID + "sergey-lavrov"),
                                           (3, 4): ("ORG", ID + "russian-government")})
    doc = through(ontology, lexicon, doc, StanceTagger)
    assert [(c._.cue_span.text, c._.stance) for c in doc.spans[CONTENTS]] == [("said", "opposes"), ("opposes", "opposes")]


def test_stance_tagger_turns_a_negated_cue(ontology, lexicon, vocab):
    doc = parsed(vocab, """
Lavrov 3 nsubj PROPN Lavrov NNP
did 3 aux AUX do VBD
not 3 neg PART not RB
support 3 ROOT VERB support VB
the 5 det DET the DT
treaty 3 dobj NOUN treaty NN
. 3 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")})
    doc = through(ontology, lexicon, doc, StanceTagger)
    assert [c._.stance for c in doc.spans[CONTENTS]] == ["opposes"]


def test_topic_linker_prefers_a_curated_topic_and_mints_one_otherwise(ontology, lexicon, vocab):
    doc = parsed(vocab, LAVROV_REJECTED, {(0, 1): ("PERSON", ID + "sergey-lavrov")})
    minted = through(ontology, lexicon, doc, TopicLinker)
    assert [c._.topics for c in minted.spans[CONTENTS]] == [(TopicRef("treaty"),)]
    doc = parsed(vocab, LAVROV_REJECTED, {(0, 1): ("PERSON", ID + "sergey-lavrov")})
    doc.spans["topics"] = [Span(doc, 3, 4, label="TOPIC", span_id=ID + "new-start")]
    curated = through(ontology, lexicon, doc, TopicLinker)
    assert [c._.topics for c in curated.spans[CONTENTS]] == [(TopicRef("New START", ID + "new-start"),)]


def test_statements_leave_out_a_position_nested_in_another_statement(ontology, lexicon, vocab):
    doc = parsed(vocab, LAVROV_SAID_THAT, {(0, 1): ("PERSON", ID + "sergey-lavrov"),
                                           (3, 4): ("ORG", ID + "russian-government")})
    doc = through(ontology, lexicon, doc, TopicLinker)
    got = [(s.speaker, s.cue, s.stance, s.topic.label, s.content.text, s.quote_type) for s in statements(doc)]
    assert got == [(LAVROV, "said", "opposes", "sanctions", "that Moscow opposes sanctions", "indirect")]


@Language.factory("test_every_content_warns", assigns=["span._.stance"])
def make_warning_tagger(nlp, name):
    def tag(doc):
        for content in doc.spans[CONTENTS]:
            content._.stance = "warns"
        return doc
    return tag


def test_a_stage_is_replaced_by_configuration_alone(ontology):
    from kg.pipeline import Pipeline
    text = "Lavrov rejected the treaty on missile defense."
    pipeline = Pipeline(ontology, replace={"stance_tagger": {"factory": "test_every_content_warns"}})
    got = [(s.speaker.label, s.cue, s.stance) for s in pipeline.extract(Document("t.txt", text, text)).statements]
    assert got == [("Sergey Lavrov", "rejected", "warns")]
    assert pipeline.annotator.pipe_names == list(nlp_module.ANNOTATORS)


def test_an_unknown_stage_is_an_error_naming_it(pipeline):
    with pytest.raises(ValueError, match="no stage 'stance'"):
        nlp_module.annotator(pipeline.nlp.vocab, replace={"stance": {"factory": "test_every_content_warns"}})


def test_every_stage_requires_only_what_an_earlier_stage_or_the_parse_assigns(pipeline):
    assigned = {attr for name in pipeline.nlp.pipe_names for attr in pipeline.nlp.get_pipe_meta(name).assigns}
    assigned |= {"token.dep", "token.lemma"}          # the parser and the lemmatizer declare these loosely
    for name in pipeline.annotator.pipe_names:
        meta = pipeline.annotator.get_pipe_meta(name)
        assert set(meta.requires) <= assigned, (name, set(meta.requires) - assigned)
        assigned |= set(meta.assigns)


def test_lexicon_stances_are_the_ontologys(ontology, lexicon):
    assert lexicon.stances() <= set(ontology.stances)
    with pytest.raises(ValueError, match="stance 'sides' is not in the ontology"):
        Lexicon(**{**lexicon.__dict__, "adjectives": {"partial": "sides"}}).check_stances(ontology.stances)


@pytest.mark.parametrize("prop, enum", [("quoteType", QuoteType), ("cueKind", CueKind)])
def test_enums_are_the_values_the_shapes_allow(prop, enum):
    from rdflib import Graph, Namespace
    from rdflib.collection import Collection

    from kg.ontology import ONTOLOGY_DIR, SHAPES_FILE
    from kg.vocab import WS
    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph().parse(ONTOLOGY_DIR / SHAPES_FILE)
    (shape,) = shapes.subjects(sh.path, WS[prop])
    allowed = [str(v) for v in Collection(shapes, shapes.value(shape, sh["in"]))]
    assert allowed == [member.value for member in enum]


def test_actor_linker_finds_a_family_name_written_again_without_an_entity(ontology, lexicon, vocab):
    doc = parsed(vocab, """
Anna 1 compound PROPN Anna NNP
Kovac 2 nsubj PROPN Kovac NNP
spoke 2 ROOT VERB speak VBD
. 2 punct PUNCT . .
Kovac 5 nsubj PROPN Kovac NNP
left 5 ROOT VERB leave VBD
. 5 punct PUNCT . .
""", {(0, 2): ("PERSON", "")})
    ActorLinker(ontology, lexicon)(doc)
    assert [(m.start, m._.actor.label) for m in doc.spans[ACTORS]] == [(0, "Anna Kovac"), (4, "Anna Kovac")]


def test_actor_linker_reads_a_countrys_ministry_as_its_government(ontology, lexicon, vocab):
    doc = parsed(vocab, """
Russian 2 amod ADJ Russian JJ
Foreign 2 compound PROPN Foreign NNP
Ministry 3 nsubj PROPN Ministry NNP
spoke 3 ROOT VERB speak VBD
. 3 punct PUNCT . .
""", {(0, 3): ("ORG", "")})
    ActorLinker(ontology, lexicon)(doc)
    assert [m._.actor for m in doc.spans[ACTORS]] == [RUSSIA_GOV]


def test_speaker_linker_reads_the_subject_of_a_first_predicate_the_parser_hung_on_the_second(
        ontology, lexicon, vocab):
    # "Lavrov summed up the deal as bad, denounced the treaty and said Moscow opposes sanctions",
    # parsed as the small model does: the first predicate, subject and all, a ccomp of the second
    doc = linked(ontology, lexicon, parsed(vocab, """
Lavrov 1 nsubj PROPN Lavrov NNP
summed 8 ccomp VERB sum VBD
up 1 prt ADP up RP
the 4 det DET the DT
deal 1 dobj NOUN deal NN
as 1 prep ADP as IN
bad 5 pobj ADJ bad JJ
, 8 punct PUNCT , ,
denounced 8 ROOT VERB denounce VBD
the 10 det DET the DT
treaty 8 dobj NOUN treaty NN
and 8 cc CCONJ and CC
said 8 conj VERB say VBD
Moscow 14 nsubj PROPN Moscow NNP
opposes 12 ccomp VERB oppose VBZ
sanctions 14 dobj NOUN sanction NNS
. 8 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (13, 14): ("ORG", ID + "russian-government")}))
    assert [(c.text, c._.speakers) for c in doc.spans[CUES]] == [
        ("denounced", (LAVROV,)), ("said", (LAVROV,)), ("opposes", (RUSSIA_GOV,))]
    # a clause with a mark of its own frames the verb and lends it no subject
    framed = linked(ontology, lexicon, parsed(vocab, """
When 2 mark SCONJ when WRB
Lavrov 2 nsubj PROPN Lavrov NNP
arrived 3 advcl VERB arrive VBD
denounced 3 ROOT VERB denounce VBD
the 5 det DET the DT
treaty 3 dobj NOUN treaty NN
and 3 cc CCONJ and CC
said 3 conj VERB say VBD
Moscow 9 nsubj PROPN Moscow NNP
opposes 7 ccomp VERB oppose VBZ
sanctions 9 dobj NOUN sanction NNS
. 3 punct PUNCT . .
""", {(1, 2): ("PERSON", ID + "sergey-lavrov"), (8, 9): ("ORG", ID + "russian-government")}))
    assert [(c.text, c._.speakers) for c in framed.spans[CUES]][:2] == [("denounced", ()), ("said", ())]


def test_speaker_linker_reads_a_headline_verb_the_tagger_took_for_a_plural_noun(ontology, lexicon, vocab):
    # "Lavrov calls for new talks", parsed as "Lavrov" the root and "calls" its plural object
    rows = """
Lavrov 0 ROOT PROPN Lavrov NN
calls 0 dobj NOUN call NNS
for 1 prep ADP for IN
new 4 amod ADJ new JJ
talks 2 pobj NOUN talk NNS
"""
    doc = linked(ontology, lexicon, parsed(vocab, rows, {(0, 1): ("PERSON", ID + "sergey-lavrov")}))
    assert [(c.text, c._.speakers) for c in doc.spans[CUES]] == [("calls", (LAVROV,))]
    # the same noun as an object further on ("Lavrov ... his calls") has no speaker by position
    later = linked(ontology, lexicon, parsed(vocab, """
Lavrov 0 ROOT PROPN Lavrov NN
heard 0 acl VERB hear VBD
calls 1 dobj NOUN call NNS
for 2 prep ADP for IN
talks 3 pobj NOUN talk NNS
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}))
    assert [c._.speakers for c in later.spans[CUES]] == [()]


# "After talks, Lavrov's office announced that Moscow will stay", parsed with "office" a conjunct
# of "talks" and the verb left without a subject
OFFICE_ANNOUNCED = """
After 6 prep ADP after IN
talks 0 pobj NOUN talk NNS
, 1 punct PUNCT , ,
Lavrov 5 poss PROPN Lavrov NNP
's 3 case PART 's POS
office 1 conj NOUN office NN
announced 6 ROOT VERB announce VBD
that 10 mark SCONJ that IN
Moscow 10 nsubj PROPN Moscow NNP
will 10 aux AUX will MD
stay 6 ccomp VERB stay VB
. 6 punct PUNCT . .
"""


def test_speaker_linker_reads_an_office_the_parser_joined_to_the_phrase_before(ontology, lexicon, vocab):
    doc = linked(ontology, lexicon, parsed(vocab, OFFICE_ANNOUNCED, {
        (3, 4): ("PERSON", ID + "sergey-lavrov"), (8, 9): ("GPE", ID + "russian-government")}))
    assert [(c.text, c._.speakers) for c in doc.spans[CUES]] == [("announced", (LAVROV,))]
    # the office of no one named is no speaker
    nobody = OFFICE_ANNOUNCED.replace("Lavrov 5 poss PROPN Lavrov NNP\n's 3 case PART 's POS",
                                      "the 5 det DET the DT\nnew 5 amod ADJ new JJ")
    doc = linked(ontology, lexicon, parsed(vocab, nobody, {(8, 9): ("GPE", ID + "russian-government")}))
    assert [(c.text, c._.speakers) for c in doc.spans[CUES]] == [("announced", ())]
