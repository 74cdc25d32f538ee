"""The speaker linker: who each cue attributes to.

The subject of a verb cue gives the speakers (coordinated subjects give one each); an agent
("was rejected by Moscow") counts as the subject; a participle or a conjoined verb takes its main
clause's subject ("defended the plan, saying ...", "said ... and added"); "according to X" gives
X; an owned noun its owner ("Putin's message", "proposals of the ministry"); an adjective the
subject of its copula. A verb whose subject is an utterance noun ("Clinton's remarks suggested")
speaks for the noun's owner. A country speaks through its government. Writes `span._.speakers`
on every cue of `doc.spans["cues"]`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import resources
from .actors import Actors
from .annotations import CUES, CueKind
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology


class SpeakerLinker:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        actors = Actors(doc, self.ontology, self.lexicon)
        for cue in doc.spans.get(CUES, []):
            cue._.speakers = tuple(self.speakers(cue, actors) or self._utterance_owners(cue, actors))
        return doc

    def speakers(self, cue: SpacySpan, actors: Actors) -> list[ActorRef]:
        return self._speakers_at(self._heads(cue.root, cue._.cue.kind, actors), actors)

    def _heads(self, tok: Token, kind: CueKind, actors: Actors) -> list[Token]:
        if kind == CueKind.NOUN:
            return self._noun_owner(tok, actors)
        if kind == CueKind.ACCORDING:
            return [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        if kind == CueKind.ADJECTIVE:
            verb = tok.head if tok.dep_ in ("acomp", "xcomp") else tok
            # "Russia is opposed to ...": the passive subject holds the view
            return self._subjects(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        return self._subjects(tok)

    @staticmethod
    def _speakers_at(heads: list[Token], actors: Actors) -> list[ActorRef]:
        speakers: list[ActorRef] = []
        for head in heads:
            for t in [head, *head.conjuncts]:
                for actor in actors.actors_at(t):
                    ref = actors.speaker(actor)
                    if ref not in speakers:
                        speakers.append(ref)
        return speakers

    def _subjects(self, verb: Token) -> list[Token]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or agents:
            return subjects + agents
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return []                          # "is considered to be": no one is named
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            return self._subjects(verb.head)   # "wants to spend", "said ... and added"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ in ("ROOT", "conj"):
            return self._subjects(verb.head)   # "defended the plan, saying ...": the main clause's subject
        return []

    @staticmethod
    def _noun_owner(noun: Token, actors: Actors) -> list[Token]:
        """Who owns "message", "goal", "proposals": a possessive, a demonym, or an "of" phrase."""
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound") and actors.actors_at(c):
                return [c]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    if actors.actors_at(pobj):
                        return [pobj]
                    owners = [g for g in pobj.children if g.dep_ == "poss" and actors.actors_at(g)]
                    if owners:
                        return owners
        return []

    def _utterance_owners(self, cue: SpacySpan, actors: Actors) -> list[ActorRef]:
        """"Clinton's remarks suggested that ...": the speaker of a verb whose subject is an
        utterance noun is the noun's owner."""
        if cue._.cue.kind != CueKind.VERB:
            return []
        nouns = [c for c in cue.root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                 and c.lemma_.lower() in self.lexicon.nouns]
        return [actor for n in nouns for actor in self._speakers_at(self._noun_owner(n, actors), actors)]


@Language.factory("speaker_linker", assigns=["span._.speakers"], requires=["doc.spans", "span._.cue", "span._.actor"],
                  default_config=resources.DEFAULTS)
def make_speaker_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> SpeakerLinker:
    return SpeakerLinker(ontology, lexicon)

