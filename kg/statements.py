"""Statements from an annotated Doc: one pure function over what the components wrote on it.

Cues are taken in the cue finder's order. A cue inside the content of one taken earlier is not
a statement of its own: "Lavrov said that Moscow opposes X" is Lavrov's claim, and Moscow's
position inside it belongs to that claim. Each content gives one statement per speaker; repeats
(a pull quote restating the body) are dropped once, at the end.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from . import dates
from .annotations import CONTENTS, CUES, CueKind
from .confidence import confidence
from .model import Statement, as_span


def statements(doc: Doc) -> list[Statement]:
    contents: dict[int, list[SpacySpan]] = {}
    for content in doc.spans.get(CONTENTS, []):
        contents.setdefault(content._.cue_span.start, []).append(content)
    found: list[Statement] = []
    claimed: list[tuple[int, int]] = []          # token ranges of contents taken
    for cue in doc.spans.get(CUES, []):
        if not cue._.speakers or any(s <= cue.start < e for s, e in claimed):
            continue
        own = contents.get(cue.start, [])
        block = [c for c in own if c.label_ == CueKind.BLOCK.value]
        if block:
            claimed.append((block[0].start, block[-1].end))
        for content in own:
            found.extend(_statements_of(cue, content))
            if content.label_ != CueKind.BLOCK.value:
                claimed.append((content.start, content.end))
    return unique(found)


def _statements_of(cue: SpacySpan, content: SpacySpan) -> list[Statement]:
    block = content.label_ == CueKind.BLOCK.value
    topics = content._.topics
    date = None if block else sentence_date(cue.sent, cue.doc._.date)
    score = confidence(cue._.speaker_basis, CueKind(content.label_), cue._.cue.speech, content._.stance_basis,
                       topics[0].iri is not None)
    return [Statement(speaker=speaker, cue=cue._.cue.words, stance=content._.stance, topic=topics[0],
                      linked_topic=content._.linked_topic, evidence=as_span(content._.evidence),
                      content=as_span(content), quote_type=content._.quote_type.value, cue_kind=content.label_,
                      confidence=score, date=date)
            for speaker in cue._.speakers]


def sentence_date(sent: SpacySpan, base: str | None) -> str | None:
    """The first date the sentence gives that resolves ("On May 7, ... Putin linked ...")."""
    return next((d for ent in dates.date_entities(sent) if (d := dates.resolve(ent.text, base))), None)


def unique(found: list[Statement]) -> list[Statement]:
    """Drop repeats: the same speaker, cue and words said again (pull quotes repeat the body)."""
    seen, out = set(), []
    for s in found:
        key = (s.speaker, s.cue, " ".join(s.content.text.split()[-8:]).lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out

