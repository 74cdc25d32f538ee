"""The typed records that flow between stages: extraction produces them, `rdf` serializes them."""
from __future__ import annotations

from dataclasses import dataclass, field

from .documents import Document


@dataclass(frozen=True)
class ActorRef:
    """An actor as the text names it: a curated IRI, or None for a newly found one. An unnamed one
    ("a witness", "police") is only described: it is minted inside its document, since the
    witnesses of two articles are not one person."""

    label: str
    kind: str                     # ontology class local name: Person, Government, Organization, ...
    iri: str | None = None
    unnamed: bool = False


@dataclass(frozen=True)
class TopicRef:
    label: str
    iri: str | None = None        # None: a topic minted from the text's own words
    broader: str | None = None    # a minted topic's broader curated topic ("sanctions" for "sanctions against Belarus")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def as_span(span) -> Span:
    """The character offsets and text of a spaCy span."""
    return Span(span.start_char, span.end_char, span.text)


@dataclass(frozen=True)
class Statement:
    speaker: ActorRef
    cue: str
    stance: str                   # a stance name of the ontology's scheme
    topic: TopicRef
    evidence: Span                # the sentence part that makes the attribution
    content: Span                 # what was said, without the attribution
    quote_type: str               # a QuoteType value: direct | indirect | mixed | held
    confidence: float
    cue_kind: str = "verb"        # a CueKind value: verb | adjective | noun | according | block | colon
    linked_topic: TopicRef | None = None
    date: str | None = None       # when it was said, if the sentence says; else the document's date applies
    from_headline: bool = False   # read from the document's headline: an editor's summary of the body


@dataclass(frozen=True)
class Event:
    kind: str                     # ontology event class: Meeting, Interview, Speech, Visit, Decision, TreatyEvent
    label: str
    evidence: Span
    participants: tuple[ActorRef, ...] = ()
    date: str | None = None       # ISO date, year-month or year
    place: str | None = None
    about: TopicRef | None = None
    lifecycle: str | None = None  # for a treaty event: signed, extended, expired, abandoned, ratified


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    statements: list[Statement] = field(default_factory=list)
    mentions: list[ActorRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    publisher: ActorRef | None = None
