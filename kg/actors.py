"""Who a mention of an actor refers to, within one document.

The actor linker component marks every named actor in `doc.spans["actors"]`: curated names carry
their IRI from the EntityRuler; other names found by the statistical NER become new actors; a bare
surname ("Lavrov") resolves to the person named in full earlier in the same document.

`Actors` answers, for any token the later stages point at, which actors it stands for: a named
mention; "he"/"she" and "it" the last compatible actor, preferring one that was a grammatical
subject; "Russian officials" or "Russia's leadership" the government of the country they qualify;
a title ("the Russian Prime Minister") its holder on the document's date; an apposition its name.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import annotations, resources
from .annotations import ACTORS
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
SENTENCE_WINDOW = 2


class ActorLinker:
    """Writes `doc.spans["actors"]`, each span's `_.actor` the actor it names."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology

    def __call__(self, doc: Doc) -> Doc:
        topic_tokens = {i for span in doc.spans.get("topics", []) for i in range(span.start, span.end)}
        mentions: list[SpacySpan] = []
        for ent in doc.ents:
            if not ent.ent_id_ and topic_tokens.intersection(range(ent.start, ent.end)):
                continue                      # a named treaty or policy, not an actor
            actor = self._resolve(ent, mentions)
            if actor is not None:
                span = SpacySpan(doc, ent.start, ent.end, label=ACTORS)
                span._.actor = actor
                mentions.append(span)
        doc.spans[ACTORS] = mentions
        return doc

    def _resolve(self, ent: SpacySpan, earlier: list[SpacySpan]) -> ActorRef | None:
        if ent.ent_id_ and ent.ent_id_ in self.ontology.actors:
            return self.ontology.actor_ref(ent.ent_id_)
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            return None
        tokens = [t for t in ent if t.tag_ != "POS" and t.lower_ not in ("the", "'s", "’s")]
        if not tokens or not any(t.pos_ == "PROPN" for t in tokens):
            return None
        label = ent.doc[tokens[0].i:tokens[-1].i + 1].text
        if kind != "Person" and len(tokens) == 1 and not tokens[0].text.isupper():
            return None               # a lone capitalised word ("State" of "Secretary of State")
        if kind == "Person":
            surname = tokens[-1].text
            person = next((m._.actor for m in reversed(earlier) if m._.actor.kind == "Person"
                           and m._.actor.label.split()[-1] == surname), None)
            if person is not None:
                return person
            if len(tokens) == 1:
                return None           # a lone unknown surname: not enough to mint a person
        return ActorRef(label, kind)


class Actors:
    """The actors of one annotated Doc, and what a token stands for (read by the speaker linker
    and the event finder)."""

    def __init__(self, doc: Doc, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.doc = doc
        self.date = doc._.reference_date
        self.government_nouns = lexicon.words("government_nouns")
        self.person_pronouns = lexicon.words("person_pronouns")
        self.thing_pronouns = lexicon.words("thing_pronouns")
        self.including = lexicon.words("including_preps")
        self._sentence_of = {tok.i: n for n, sent in enumerate(doc.sents) for tok in sent}
        self.mentions: list[SpacySpan] = list(doc.spans.get(ACTORS, []))
        self._by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}

    def _curated(self, iri: str) -> ActorRef:
        return self.ontology.actor_ref(iri)

    def mention_at(self, tok: Token) -> ActorRef | None:
        mention = self._by_token.get(tok.i)
        return mention._.actor if mention is not None else None

    def speaker(self, actor: ActorRef) -> ActorRef:
        """The actor a position is attributed to: a curated country speaks through its government."""
        if actor.iri and actor.iri in self.ontology.actors:
            return self._curated(self.ontology.speaking_actor(actor.iri).iri)
        return actor

    def actors_at(self, tok: Token) -> list[ActorRef]:
        """The actors a subject-like token stands for (several for "officials, including A and B")."""
        named = self.mention_at(tok)
        if named is not None:
            return [named]
        lower = tok.lower_
        if tok.pos_ == "ADJ" and tok.text in self.ontology.demonyms:      # "Russian thinking"
            return [self._curated(self.ontology.demonyms[tok.text])]
        if tok.pos_ == "PRON":
            pronouns = self.person_pronouns | self.thing_pronouns
            found = self._antecedent(tok, person=lower in self.person_pronouns) if lower in pronouns else None
            return [found] if found else []
        if tok.pos_ in ("NOUN", "PROPN"):
            apposed = [a for c in self._apposed(tok) if (a := self.mention_at(c)) and a.kind == "Person"]
            if apposed:                        # "Russia's envoy in Vienna, Mikhail Ulyanov, said"
                return apposed
            included = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in self.including
                        for t in c.subtree if (a := self.mention_at(t)) and a.kind == "Person"]
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
        holders = self.ontology.holders(title, government)
        if not holders:
            return None
        if self.date is not None:
            person = self.ontology.holder(title, government, self.date)
            if person:
                return self._curated(person)
        earlier = [m._.actor for m in self.mentions if m.start < noun.i and m._.actor.iri in holders]
        return earlier[-1] if earlier else None

    def _qualifying_country(self, noun: Token) -> ActorRef | None:
        for c in noun.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            actor = self.mention_at(c)
            if actor is not None and actor.kind in ("Country", "Government"):
                return actor
            iri = self.ontology.demonyms.get(c.text)
            if iri:
                return self._curated(iri)
        return None

    def _antecedent(self, pronoun: Token, person: bool) -> ActorRef | None:
        sentence = self._sentence_of[pronoun.i]
        candidates = [m for m in self.mentions
                      if m.start < pronoun.i and sentence - self._sentence_of[m.start] <= SENTENCE_WINDOW
                      and (m._.actor.kind == "Person") == person]
        if not candidates:
            return None
        subjects = [m for m in candidates if m.root.dep_ in SUBJECTS]
        return (subjects or candidates)[-1]._.actor


@Language.factory("actor_linker", assigns=["doc.spans", "span._.actor"], requires=["doc.ents", "token.dep"],
                  default_config={"ontology": resources.DEFAULTS["ontology"]})
def make_actor_linker(nlp: Language, name: str, ontology: Ontology) -> ActorLinker:
    return ActorLinker(ontology)


annotations.register()
