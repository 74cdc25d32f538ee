"""How sure the extractor is of a statement: a score in [0, 1] from what each component knew.

Each component records how it came to its answer: the speaker linker whether the speaker was
named, resolved from a description ("the foreign minister"), from a pronoun, continued from the
last speaker ("it said") or taken with no subject parsed; the cue finder the kind of cue (a verb
of saying, a verb of holding a view, an adjective, a noun, "according to", a quoted block); the
stance tagger whether the cue named the act, the words said gave the stance, or nothing did; the
topic linker whether the topic is curated or minted from the text's words. The score is the
product of one factor per component, each the chance that this way of knowing gives a right
statement relative to the most direct way (a name, a verb of saying, a stance the cue names, a
curated topic: 1.0 each), times the chance that such a statement is right at all.

The factors are round figures read off the precision of each way of knowing on the seed and dev
sets (`tools/evaluate.py` prints the calibration table these must keep true: statements above
0.8 right at least 90 % of the time). They are few and coarse on purpose: each stands for a kind
of evidence, not for an article.
"""
from __future__ import annotations

from .annotations import CueKind, SpeakerBasis, StanceBasis

# The chance that a statement known in the most direct way on every count is right.
DIRECT = 0.95

SPEAKER = {
    SpeakerBasis.NAME: 1.0,
    SpeakerBasis.CONTINUED: 0.92,     # "it said" right after the same source spoke
    SpeakerBasis.PRONOUN: 0.88,       # the antecedent is the last fitting actor named, which a reader may not take
    SpeakerBasis.UNPARSED: 0.85,      # no subject in the parse: the name that opens the clause
    SpeakerBasis.DESCRIPTION: 0.8,    # a title or description, resolved to its holder or a government
    SpeakerBasis.UNNAMED: 0.75,       # a role with no name: who it is stays open, and it may be someone named far back
}

CUE = {
    CueKind.VERB: 1.0,                # "said", "told", "urged"
    CueKind.ACCORDING: 1.0,
    CueKind.ADJECTIVE: 0.9,           # "keen on", "opposed to"
    CueKind.NOUN: 0.88,               # "Putin's message was that": the owner may be the writer's guess
    CueKind.BLOCK: 0.8,               # a quoted block after "X replied:": where it ends is a guess
    CueKind.COLON: 0.9,               # "Kovac: talks must resume": a headline's words, the speaker's or the editor's
}
HELD_VIEW = 0.9                       # a verb of holding a view ("wants", "supports"): often the writer's paraphrase

STANCE = {
    StanceBasis.CUE: 1.0,
    StanceBasis.WORDS: 0.96,
    StanceBasis.DEFAULT: 0.92,        # nothing said more than a claim: often no position at all
}

CURATED_TOPIC, MINTED_TOPIC = 1.0, 0.95

# A component put in by configuration that does not say how it knew (a trained stance classifier
# writes `span._.stance` alone): its factor is this.
UNSTATED = 0.9


def confidence(speaker: SpeakerBasis | None, cue: CueKind, speech: bool, stance: StanceBasis | None,
               curated_topic: bool) -> float:
    """The statement's score, rounded to two places as `ws:confidence` stores it."""
    held = HELD_VIEW if cue == CueKind.VERB and not speech else 1.0
    score = DIRECT * SPEAKER.get(speaker, UNSTATED) * CUE[cue] * held * STANCE.get(stance, UNSTATED)
    return round(score * (CURATED_TOPIC if curated_topic else MINTED_TOPIC), 2)
