"""What the extraction components write on a spaCy Doc, in one place.

The stages of `kg.nlp.ANNOTATORS` hand their results to each other through the Doc alone:

| where | written by | holds |
| --- | --- | --- |
| `doc._.date`, `doc._.reference_date` | the pipeline, before the stages | the document's date (ISO, maybe partial) and the day it stands for |
| `doc.spans["actors"]`, `span._.actor` | actor linker | every mention of an actor, with its `ActorRef` |
| `doc.spans["cues"]`, `span._.cue` | cue finder | one span per attribution cue (its head word), with its `Cue` |
| `span._.speakers`, `span._.speaker_basis` on a cue | speaker linker | who the cue attributes to (empty: nobody named), and how they were found |
| `doc.spans["contents"]`, `span._.cue_span`, `span._.quote_type`, `span._.evidence` | content finder | what was said, the cue span it belongs to, how it is quoted, and the clause that attributes it |
| `span._.stance`, `span._.stance_basis` on a content | stance tagger | a stance name of the ontology's scheme, and what it was read from |
| `span._.topics`, `span._.linked_topic` on a content | topic linker | what it is about (the first is the topic) and, for a linkage, the other issue |
| `doc._.events` | event finder | the events the text reports |

A content span's label is the `CueKind` it is attributed by (`block` for the sentences of a quoted
block, else its cue's kind); its `id` is its cue's token index, so contents of two cues over the same words keep
their own attributes (spaCy keys a span's extension values by its offsets, label and id).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Doc, Span

ACTORS, CUES, CONTENTS = "actors", "cues", "contents"


class CueKind(str, Enum):
    """What kind of words make the attribution; the values are those of `ws:cueKind`."""

    VERB = "verb"              # "said", "called on", "rejected"
    ADJECTIVE = "adjective"    # "keen on", "opposed to"
    NOUN = "noun"              # "Putin's message was that ..."
    ACCORDING = "according"    # "according to X"
    BLOCK = "block"            # "X replied:" opening quoted paragraphs
    COLON = "colon"            # "Kovac: talks must resume" heading a paragraph (a headline's speaker)


class QuoteType(str, Enum):
    """How the content is given; the values are those of `ws:quoteType`."""

    DIRECT = "direct"          # in quotation marks, or a quoted block
    INDIRECT = "indirect"      # reported speech
    MIXED = "mixed"            # reported speech with quoted words in it
    HELD = "held"              # a position stated without a verb of saying


class SpeakerBasis(str, Enum):
    """How the speaker linker found who speaks, from the most direct to the least; a cue with
    several speakers has the least direct of theirs. The confidence of a statement starts here."""

    NAME = "name"                  # the cue's subject names the actor ("Lavrov said", "Russia's envoy, Ulyanov, said")
    DESCRIPTION = "description"    # a title, post or description resolved ("the foreign minister said")
    PRONOUN = "pronoun"            # a pronoun resolved to an actor named before ("he said")
    CONTINUED = "continued"        # the last speaker goes on ("it said", "the statement said")
    UNPARSED = "unparsed"          # the parser left the verb without a subject; the name opening its clause
    UNNAMED = "unnamed"            # a role no name stands for ("a witness said", "police said"): described only

    @property
    def rank(self) -> int:
        return list(SpeakerBasis).index(self)


class StanceBasis(str, Enum):
    """What the stance tagger read a stance from."""

    CUE = "cue"                    # the cue names the act ("urged", "rejected", "announced")
    WORDS = "words"                # what was said: a rule on its clauses, a label, a position word
    DEFAULT = "default"            # nothing said more than a claim: the scheme's default


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    words: str                 # the cue as written, e.g. "called on"
    stance: str | None         # the stance the cue itself carries; None: read it from the content
    speech: bool               # a verb of saying, not of holding a view


DOC_EXTENSIONS = {"date": None, "reference_date": None, "events": None}
SPAN_EXTENSIONS = {"actor": None, "cue": None, "speakers": (), "speaker_basis": None, "cue_span": None,
                   "quote_type": None, "evidence": None, "stance": None, "stance_basis": None, "topics": (),
                   "linked_topic": None}


def register() -> None:
    """Declare the extensions (idempotent; spaCy keeps them per class, once per process)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def content_span(cue: Span, start: int, end: int, kind: CueKind) -> Span:
    """A content span of `cue` over tokens [start, end), labelled with how it is attributed (the
    cue's kind, or `block` for a sentence of a quoted block)."""
    return Span(cue.doc, start, end, label=kind.value, span_id=str(cue.start))


register()
