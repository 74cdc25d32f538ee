"""The statement confidence: each component's basis, the score built from them, and the
`min_confidence` filter of the canned queries (texts written for these tests)."""
import pytest

from kg import confidence, queries
from kg.annotations import CONTENTS, CUES, CueKind, SpeakerBasis, StanceBasis
from kg.documents import Document
from kg.queries import QueryError
from kg.statements import statements

from .test_build_and_queries import run


def test_the_most_direct_statement_scores_the_base_and_every_weaker_basis_less():
    top = confidence.confidence(SpeakerBasis.NAME, CueKind.VERB, True, StanceBasis.CUE, True)
    assert top == confidence.DIRECT == 0.95
    weaker = [confidence.confidence(SpeakerBasis.PRONOUN, CueKind.VERB, True, StanceBasis.CUE, True),
              confidence.confidence(SpeakerBasis.NAME, CueKind.VERB, False, StanceBasis.CUE, True),
              confidence.confidence(SpeakerBasis.NAME, CueKind.NOUN, True, StanceBasis.CUE, True),
              confidence.confidence(SpeakerBasis.NAME, CueKind.VERB, True, StanceBasis.DEFAULT, True),
              confidence.confidence(SpeakerBasis.NAME, CueKind.VERB, True, StanceBasis.CUE, False)]
    assert weaker == [0.84, 0.85, 0.84, 0.87, 0.9]


def test_the_factors_multiply():
    # a description (0.8), a held view (0.9), the default stance (0.92), a minted topic (0.95)
    assert confidence.confidence(SpeakerBasis.DESCRIPTION, CueKind.VERB, False, StanceBasis.DEFAULT, False) == \
        round(0.95 * 0.8 * 0.9 * 0.92 * 0.95, 2) == 0.6


def test_a_component_that_does_not_say_how_it_knew_counts_as_unstated():
    # a stance classifier put in by configuration writes no stance basis
    assert confidence.confidence(SpeakerBasis.NAME, CueKind.VERB, True, None, True) == round(0.95 * 0.9, 2)
    assert confidence.confidence(None, CueKind.VERB, True, StanceBasis.CUE, True) == round(0.95 * 0.9, 2)


def test_every_basis_has_a_factor_no_higher_than_the_most_direct():
    assert set(confidence.SPEAKER) == set(SpeakerBasis) and set(confidence.STANCE) == set(StanceBasis)
    assert set(confidence.CUE) == set(CueKind)
    factors = [*confidence.SPEAKER.values(), *confidence.CUE.values(), *confidence.STANCE.values(),
               confidence.HELD_VIEW, confidence.MINTED_TOPIC]
    assert all(0 < f <= 1 for f in factors)
    assert [b.rank for b in SpeakerBasis] == sorted(b.rank for b in SpeakerBasis)


def annotated(pipeline, text):
    doc = pipeline.annotate(Document(source="t.txt", text=text, body=text, date="2010-06-01"))
    by_offsets = {(c.start_char, c.end_char): c for c in doc.spans[CONTENTS]}
    out = []
    for st in statements(doc):
        content = by_offsets[st.content.start, st.content.end]
        out.append((st.speaker.label, content._.cue_span._.speaker_basis, content.label_, content._.stance_basis,
                    st.confidence))
    return doc, out


@pytest.mark.parametrize("text, expected", [
    # named subject, a cue that names the act, a curated topic: the most direct
    ("Lavrov rejected the plan to deploy missile defense in Europe.",
     [("Sergey Lavrov", SpeakerBasis.NAME, "verb", StanceBasis.CUE, 0.95)]),
    # a title resolved to its holder; the stance read from what was said
    ("The Russian foreign minister said the sanctions against Iran were counterproductive.",
     [("Sergey Lavrov", SpeakerBasis.DESCRIPTION, "verb", StanceBasis.WORDS, 0.73)]),
    # a pronoun resolved to the person named before
    ("Sergey Lavrov met reporters in Geneva. He said that NATO enlargement threatens the security of Europe.",
     [("Sergey Lavrov", SpeakerBasis.PRONOUN, "verb", StanceBasis.WORDS, 0.8)]),
    # "the statement said" continues whoever spoke last; the topic is minted
    ("Russia's Foreign Ministry said on Monday that the talks were useful. "
     "The statement said Moscow would respond to any deployment.",
     [("Russian Government", SpeakerBasis.NAME, "verb", StanceBasis.WORDS, 0.87),
      ("Russian Government", SpeakerBasis.CONTINUED, "verb", StanceBasis.WORDS, 0.8)]),
    # an adjective cue, a noun cue, "according to"
    ("Tehran is not interested in talks on its nuclear program.",
     [("Iranian Government", SpeakerBasis.NAME, "adjective", StanceBasis.CUE, 0.85)]),
    ("Lavrov's message was that the talks on New START must go on.",
     [("Sergey Lavrov", SpeakerBasis.NAME, "noun", StanceBasis.WORDS, 0.8)]),
    ("According to Lavrov, Moscow opposes the sanctions against Iran.",
     [("Sergey Lavrov", SpeakerBasis.NAME, "according", StanceBasis.WORDS, 0.91)]),
    # a verb of saying with nothing but a claim: the default stance
    ("Lavrov said the talks on New START would resume next week.",
     [("Sergey Lavrov", SpeakerBasis.NAME, "verb", StanceBasis.DEFAULT, 0.87)]),
])
def test_each_component_says_how_it_knew_and_the_score_follows(pipeline, text, expected):
    assert annotated(pipeline, text)[1] == expected


def test_a_cue_with_no_speaker_has_no_basis(pipeline):
    doc, found = annotated(pipeline, "He said the sanctions against Iran were counterproductive.")
    assert found == [] and [c._.speaker_basis for c in doc.spans[CUES]] == [None]


def test_min_confidence_keeps_only_statements_at_or_above_it(seed_store):
    every = run(seed_store, "statements")["results"]["bindings"]
    confident = run(seed_store, "statements", min_confidence="0.9")["results"]["bindings"]
    scores = sorted(float(r["confidence"]["value"]) for r in every)
    assert 0 < len(confident) < len(every)
    assert len(confident) == sum(s >= 0.9 for s in scores)
    assert all(float(r["confidence"]["value"]) >= 0.9 for r in confident)
    assert run(seed_store, "statements", min_confidence="1")["results"]["bindings"] == []


def test_the_query_text_run_as_it_is_filters_nothing(seed_store):
    """Pasted into an editor or sent to another server without parameters, the `.rq` file still
    lists every statement."""
    raw = list(seed_store.query(queries.get("statements").sparql))
    assert len(raw) == len(run(seed_store, "statements")["results"]["bindings"]) > 0


@pytest.mark.parametrize("name", ["positions-of-actor", "actors-on-topic", "timeline", "treaties",
                                  "issue-linkages", "disagreements"])
def test_every_listing_query_takes_min_confidence(seed_store, name):
    canned = queries.get(name)
    params = {p.name: p.example for p in canned.parameters if p.required}
    assert any(p.name == "min_confidence" for p in canned.parameters)
    every = run(seed_store, name, **params)["results"]["bindings"]
    none = run(seed_store, name, **params, min_confidence="1")["results"]["bindings"]
    statements_left = [r for r in none if r.get("kind", {}).get("value", "statement") == "statement"]
    assert every and statements_left == []


@pytest.mark.parametrize("value, message", [("1.5", "from 0 to 1"), ("-0.1", "from 0 to 1"), ("high", "not a number"),
                                            ("nan", "finite")])
def test_an_ill_typed_min_confidence_is_refused_naming_it(value, message):
    with pytest.raises(QueryError, match=f"parameter 'min_confidence': .*{message}"):
        queries.get("statements").bindings({"min_confidence": value})
