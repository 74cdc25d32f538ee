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

from . import resources
from .annotations import ACTORS
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
SENTENCE_WINDOW = 2
NOT_NAME_POS = ("ADV", "VERB", "AUX", "DET", "PUNCT", "NUM", "CCONJ", "SCONJ", "PRON", "SPACE")


class ActorLinker:
    """Writes `doc.spans["actors"]`, each span's `_.actor` the actor it names."""

    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.titles = lexicon.words("person_titles")
        self.institutions = lexicon.words("institution_roles")

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
        doc.spans[ACTORS] = sorted(mentions + self._repeated_names(doc, mentions), key=lambda m: m.start)
        return doc

    @staticmethod
    def _repeated_names(doc: Doc, mentions: list[SpacySpan]) -> list[SpacySpan]:
        """A person's family name written again where the NER did not mark it ("Kovac said")."""
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        found = []
        for tok in doc:
            if tok.i in taken or tok.pos_ != "PROPN" or not tok.is_title:
                continue
            earlier = [m for m in mentions if m.start < tok.i and m._.actor.kind == "Person"]
            person = family_named(earlier, tok.text)
            if person is not None and not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
                span = SpacySpan(doc, tok.i, tok.i + 1, label=ACTORS)
                span._.actor = person
                found.append(span)
        return found

    def _resolve(self, ent: SpacySpan, earlier: list[SpacySpan]) -> ActorRef | None:
        if ent.ent_id_ and ent.ent_id_ in self.ontology.actors:
            return self.ontology.actor_ref(ent.ent_id_)
        if len(ent) == 1 and ent[0].is_title:         # "Novak" again, whatever label the NER gave it
            person = family_named([m for m in earlier if m._.actor.kind == "Person"], ent.text)
            if person is not None:
                return person
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            return None
        tokens = [t for t in ent if t.tag_ != "POS" and t.lower_ not in ("the", "'s", "’s")]
        while tokens and tokens[0].pos_ in NOT_NAME_POS:       # "Later de Mistura": the NER took in the adverb
            tokens = tokens[1:]
        if not tokens or not any(t.pos_ == "PROPN" for t in tokens):
            return None
        label = ent.doc[tokens[0].i:tokens[-1].i + 1].text
        if len(tokens) > 1:                   # "de Mistura" again, as "De Mistura": one actor, whatever the label
            again = ending_name([m for m in earlier if len(m._.actor.label.split()) >= len(tokens)], label)
            if again is not None:
                return again
        if kind != "Person" and len(tokens) == 1 and not tokens[0].text.isupper():
            return None               # a lone capitalised word ("State" of "Secretary of State")
        if kind == "Person":
            people = [m for m in earlier if m._.actor.kind == "Person"]
            person = family_named(people, tokens[-1].text) if len(tokens) == 1 else \
                next((m._.actor for m in reversed(people) if m._.actor.label.split()[-1] == tokens[-1].text), None)
            person = person or self._full_name(label, ent)
            if person is not None:
                return person
            if len(tokens) == 1 and not self._titled(ent):
                return None           # a lone unknown name: not enough to mint a person, unless titled
        elif kind == "Organization":
            owner = [c for c in ent.root.children if c.dep_ in ("poss", "compound", "amod") and c.i < ent.start]
            government = self._ministry_of(owner + tokens)
            if government is not None:
                return government
        return ActorRef(label, kind)

    @staticmethod
    def _full_name(label: str, ent: SpacySpan) -> ActorRef | None:
        """"De Mistura" or "de Mistura" in a headline, "Staffan de Mistura" in the body: a name that
        ends a longer person's name written anywhere in the text is that person (case aside)."""
        words = label.lower().split()
        for other in ent.doc.ents:
            full = other.text.split()
            if other.label_ == "PERSON" and len(full) > len(words) and [w.lower() for w in full[-len(words):]] == words:
                return ActorRef(other.text, "Person")
        return None

    def _ministry_of(self, tokens: list[Token]) -> ActorRef | None:
        """"the Russian Foreign Ministry", "Pakistan's Foreign Office": a country's ministry speaks
        for its government."""
        if tokens[-1].lower_ not in self.institutions:
            return None
        for t in tokens[:-1]:
            iri = self.ontology.demonyms.get(t.text) or self.ontology.country_named(t.text)
            if iri:
                return self.ontology.actor_ref(self.ontology.speaking_actor(iri).iri)
        return None

    def _titled(self, ent: SpacySpan) -> bool:
        """"Minister Tanaka", "Mr. Novak": a title or honorific right before the name."""
        before = ent.doc[ent.start - 1] if ent.start else None
        return before is not None and before.lower_.rstrip(".") in self.titles


def family_named(people: list[SpacySpan], name: str) -> ActorRef | None:
    """The person named earlier whose family name `name` is: the last word of a full name, or the
    first word of one written family name first ("Yoon Suk Yeol" ... "Yoon said")."""
    by_last = [m._.actor for m in people if len(m._.actor.label.split()) > 1 and m._.actor.label.split()[-1] == name]
    by_first = [m._.actor for m in people if len(m._.actor.label.split()) > 1 and m._.actor.label.split()[0] == name]
    return (by_last or by_first or [None])[-1]


def ending_name(people: list[SpacySpan], label: str) -> ActorRef | None:
    """The person named earlier whose name ends with `label`, case aside ("De Mistura" and "de
    Mistura" are "Staffan de Mistura")."""
    words = label.lower().split()
    for m in reversed(people):
        if m._.actor.label.lower().split()[-len(words):] == words:
            return m._.actor
    return None


class Actors:
    """The actors of one annotated Doc, and what a token stands for (read by the speaker linker
    and the event finder)."""

    def __init__(self, doc: Doc, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.date = doc._.reference_date
        self.government_nouns = lexicon.words("government_nouns")
        self.person_pronouns = lexicon.words("person_pronouns")
        self.thing_pronouns = lexicon.words("thing_pronouns")
        self.including = lexicon.words("including_preps")
        self.person_roles = lexicon.words("person_roles")
        self.institution_roles = lexicon.words("institution_roles")
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
            role = self._role_antecedent(tok)
            if role is not None:
                return [role]
        return []

    def _role_antecedent(self, noun: Token) -> ActorRef | None:
        """"the spokesman added", "the senator insisted", "the ministry said": a definite role with
        no name of its own is the person named by that title next ("its foreign minister said ...
        Foreign Minister Elias Jaua"), else, like a pronoun, the last person (or institution)
        named before it."""
        lemma = noun.lemma_.lower()
        if lemma not in self.person_roles | self.institution_roles or noun.dep_ not in SUBJECTS:
            return None
        dets = [c for c in noun.children if c.dep_ in ("det", "poss")]
        if any(d.lower_ in ("a", "an", "some", "any", "no", "every", "each") for d in dets):
            return None                  # "a spokesman": someone new, not named
        if lemma in self.institution_roles:
            return self._antecedent(noun, person=False, kinds=("Government", "Organization",
                                                                "InternationalOrganization"))
        titled = [m for m in self.mentions if m._.actor.kind == "Person" and self._titled_as(m, noun)]
        before = [m for m in titled if m.start < noun.i]
        after = [m for m in titled if m.start > noun.i
                 and self._sentence_of[m.start] - self._sentence_of[noun.i] <= SENTENCE_WINDOW]
        if before or after:
            return (before[-1] if before else after[0])._.actor
        return self._antecedent(noun, person=True)

    @staticmethod
    def _titled_as(mention: SpacySpan, noun: Token) -> bool:
        """The role word stands right before the name ("Foreign Ministry spokesman Wang Wei") or
        is its apposition ("Wang Wei, the ministry's spokesman")."""
        before = {t.lower_ for t in mention.doc[max(0, mention.start - 3):mention.start]}
        apposed = {c.lower_ for c in mention.root.children if c.dep_ == "appos"} | \
            ({mention.root.head.lower_} if mention.root.dep_ == "appos" else set())
        return noun.lower_ in before | apposed

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
        if self.date is not None and government is not None:    # "the minister" alone names no country
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

    def _antecedent(self, pronoun: Token, person: bool, kinds: tuple[str, ...] = ()) -> ActorRef | None:
        sentence = self._sentence_of[pronoun.i]
        candidates = [m for m in self.mentions
                      if m.start < pronoun.i and sentence - self._sentence_of[m.start] <= SENTENCE_WINDOW
                      and (m._.actor.kind == "Person") == person and (not kinds or m._.actor.kind in kinds)]
        if not candidates:
            return None
        subjects = [m for m in candidates if m.root.dep_ in SUBJECTS]
        return (subjects or candidates)[-1]._.actor


@Language.factory("actor_linker", assigns=["doc.spans", "span._.actor"], requires=["doc.ents", "token.dep"],
                  default_config=resources.DEFAULTS)
def make_actor_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> ActorLinker:
    return ActorLinker(ontology, lexicon)

