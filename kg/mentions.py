"""Who a mention of an actor refers to, within one document.

Curated names carry their IRI from the EntityRuler. Other names found by the statistical NER
become new actors; a bare surname ("Lavrov") resolves to the person named in full earlier in the
same document; "he"/"she" and "it" resolve to the last compatible actor, preferring one that was
a grammatical subject; "Russian officials" or "Russia's leadership" stand for the government of
the country they qualify; a country that speaks is represented by its government.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .model import ActorRef
from .ontology import Ontology

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
INCLUDING = {"including", "like"}
SENTENCE_WINDOW = 2


@dataclass(frozen=True)
class Mention:
    start: int                    # token index in the Doc
    end: int
    actor: ActorRef
    subject: bool
    sentence: int


class MentionResolver:
    def __init__(self, ontology: Ontology, doc: Doc, government_nouns: set[str], date: dt.date | None = None):
        self.ontology = ontology
        self.doc = doc
        self.date = date
        self.government_nouns = government_nouns
        self._sentence_of = {}
        for n, sent in enumerate(doc.sents):
            for tok in sent:
                self._sentence_of[tok.i] = n
        self.mentions: list[Mention] = []
        self._by_token: dict[int, Mention] = {}
        topic_tokens = {i for span in doc.spans.get("topics", []) for i in range(span.start, span.end)}
        for ent in doc.ents:
            if not ent.ent_id_ and topic_tokens.intersection(range(ent.start, ent.end)):
                continue                      # a named treaty or policy, not an actor
            actor = self._resolve_entity(ent)
            if actor is None:
                continue
            mention = Mention(ent.start, ent.end, actor, ent.root.dep_ in SUBJECTS, self._sentence_of[ent.start])
            self.mentions.append(mention)
            for i in range(ent.start, ent.end):
                self._by_token[i] = mention

    # ------------------------------------------------------------------ entities

    def _curated(self, iri: str) -> ActorRef:
        return self.ontology.actor_ref(iri)

    def _resolve_entity(self, ent: SpacySpan) -> ActorRef | None:
        if ent.ent_id_ and ent.ent_id_ in self.ontology.actors:
            return self._curated(ent.ent_id_)
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            return None
        tokens = [t for t in ent if t.tag_ != "POS" and t.lower_ not in ("the", "'s", "’s")]
        if not tokens or not any(t.pos_ == "PROPN" for t in tokens):
            return None
        label = self.doc[tokens[0].i:tokens[-1].i + 1].text
        if kind != "Person" and len(tokens) == 1 and not tokens[0].text.isupper():
            return None               # a lone capitalised word ("State" of "Secretary of State")
        if kind == "Person":
            earlier = self._person_by_surname(tokens[-1].text, ent.start)
            if earlier is not None:
                return earlier
            if len(tokens) == 1:
                return None           # a lone unknown surname: not enough to mint a person
        return ActorRef(label, kind)

    def _person_by_surname(self, surname: str, before: int) -> ActorRef | None:
        for mention in reversed(self.mentions):
            if mention.start < before and mention.actor.kind == "Person" and mention.actor.label.split()[-1] == surname:
                return mention.actor
        return None

    # ------------------------------------------------------------------ speakers

    def speaker(self, actor: ActorRef) -> ActorRef:
        """The actor a position is attributed to: a curated country speaks through its government."""
        if actor.iri and actor.iri in self.ontology.actors:
            return self._curated(self.ontology.speaking_actor(actor.iri).iri)
        return actor

    def speakers_of(self, cue) -> list[ActorRef]:
        tok = cue.token
        if cue.kind == "noun":
            heads = self._noun_owner(tok)
        elif cue.kind == "according":
            heads = [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        elif cue.kind == "adjective":
            verb = tok.head if tok.dep_ in ("acomp", "xcomp") else tok
            # "Russia is opposed to ...": the passive subject holds the view
            heads = self._subjects(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            heads = self._subjects(tok)
        speakers: list[ActorRef] = []
        for head in heads:
            for t in [head, *head.conjuncts]:
                for actor in self.actors_at(t):
                    ref = self.speaker(actor)
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

    def _noun_owner(self, noun: Token) -> list[Token]:
        """Who owns "message", "goal", "proposals": a possessive, a demonym, or an "of" phrase."""
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound") and self.actors_at(c):
                return [c]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    if self.actors_at(pobj):
                        return [pobj]
                    owners = [g for g in pobj.children if g.dep_ in ("poss",) and self.actors_at(g)]
                    if owners:
                        return owners
        return []

    def actors_at(self, tok: Token) -> list[ActorRef]:
        """The actors a subject-like token stands for (several for "officials, including A and B")."""
        mention = self._by_token.get(tok.i)
        if mention is not None:
            return [mention.actor]
        lower = tok.lower_
        if tok.pos_ == "ADJ" and tok.text in self.ontology.demonyms:      # "Russian thinking"
            return [self._curated(self.ontology.demonyms[tok.text])]
        if tok.pos_ == "PRON":
            found = self._antecedent(tok, person=lower in PERSON_PRONOUNS) if lower in PERSON_PRONOUNS | THING_PRONOUNS else None
            return [found] if found else []
        if tok.pos_ in ("NOUN", "PROPN"):
            named = [m.actor for c in self._apposed(tok)
                     if (m := self._by_token.get(c.i)) and m.actor.kind == "Person"]
            if named:                          # "Russia's envoy in Vienna, Mikhail Ulyanov, said"
                return named
            included = [m.actor for c in tok.children if c.dep_ == "prep" and c.lower_ in INCLUDING
                        for t in c.subtree if (m := self._by_token.get(t.i)) and m.actor.kind == "Person"]
            if included:
                return list(dict.fromkeys(included))
            holder = self._title_holder(tok)
            if holder is not None:
                return [holder]
            if tok.lower_ in self.government_nouns or tok.lemma_.lower() in self.government_nouns:
                country = self._qualifying_country(tok)
                if country is not None:
                    return [country]
        return []

    @staticmethod
    def _apposed(noun: Token) -> list[Token]:
        """Appositions naming `noun`, also where the parser hangs them on its prepositional
        phrase ("the envoy in Vienna, Mikhail Ulyanov")."""
        phrases = [noun] + [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return [c for p in phrases for c in p.children if c.dep_ == "appos"]

    def _title_holder(self, noun: Token) -> ActorRef | None:
        """"the Russian Prime Minister" -> who held that post at the document's date; "the minister"
        -> the last person named in the document who held such a post."""
        words = [t for t in noun.lefts if t.dep_ in ("compound", "amod")] + [noun]
        country = next((self.ontology.demonyms[t.text] for t in words if t.text in self.ontology.demonyms), None)
        government = self.ontology.actors[country].government if country else None
        title = " ".join(t.text for t in words if t.text not in self.ontology.demonyms)
        if not self.ontology.holders(title, government):
            return None
        if self.date is not None:
            person = self.ontology.holder(title, government, self.date)
            if person:
                return self._curated(person)
        holders = self.ontology.holders(title, government)
        earlier = [m for m in self.mentions if m.start < noun.i and m.actor.iri in holders]
        return earlier[-1].actor if earlier else None

    def _qualifying_country(self, noun: Token) -> ActorRef | None:
        for c in noun.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            mention = self._by_token.get(c.i)
            if mention is not None and mention.actor.kind in ("Country", "Government"):
                return mention.actor
            iri = self.ontology.demonyms.get(c.text)
            if iri:
                return self._curated(iri)
        return None

    def _antecedent(self, pronoun: Token, person: bool) -> ActorRef | None:
        sentence = self._sentence_of[pronoun.i]
        candidates = [m for m in self.mentions
                      if m.start < pronoun.i and sentence - m.sentence <= SENTENCE_WINDOW
                      and (m.actor.kind == "Person") == person]
        if not candidates:
            return None
        subjects = [m for m in candidates if m.subject]
        return (subjects or candidates)[-1].actor
