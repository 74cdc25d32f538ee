"""Events from a parsed document: interviews, talks, visits, speeches, decisions and the steps
of treaties, with participants, place and a date resolved against the document's date.

A trigger (`lexicon.yaml`: event_nouns, event_verbs, treaty_verbs) makes an event when the
sentence gives it something to stand on: a date, a participant, or (for treaty verbs) an
agreement the ontology knows.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import annotations, dates, resources  # noqa: F401 (annotations declares doc._.events)
from .actors import Actors
from .lexicon import Lexicon
from .model import ActorRef, Event, TopicRef, as_span
from .ontology import Ontology
from .topic_linker import topics_within

AGREEMENT_KINDS = {"Treaty", "Agreement"}
PLACE_PREPS = {"in", "to", "at"}
NESTED = ("relcl", "advcl", "ccomp", "acl", "xcomp", "conj")


class EventFinder:
    """Writes `doc._.events`, dated against `doc._.date`."""

    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.lexicon = lexicon
        self.nouns = lexicon.event_nouns
        self.verbs = lexicon.event_verbs
        self.treaty_verbs = lexicon.treaty_verbs

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.events(doc, Actors(doc, self.ontology, self.lexicon), doc._.date)
        return doc

    def events(self, doc: Doc, actors: Actors, base: str | None) -> list[Event]:
        found = []
        for sent in doc.sents:
            if sent.text.rstrip().endswith("?"):
                continue
            for tok in sent:
                event = self._event(tok, actors, base)
                if event is not None:
                    found.append(event)
        return found

    def _event(self, tok: Token, actors: Actors, base: str | None) -> Event | None:
        lemma = tok.lemma_.lower()
        lifecycle, about = None, None
        if tok.pos_ == "NOUN" and lemma in self.nouns:
            kind = self.nouns[lemma]
        elif tok.pos_ == "VERB" and lemma in self.verbs:
            kind = self.verbs[lemma]
        elif tok.pos_ == "VERB" and lemma in self.treaty_verbs:
            kind, lifecycle = "TreatyEvent", self.treaty_verbs[lemma]
        else:
            return None
        scope = self._scope(tok)
        if kind == "TreatyEvent":
            about = self._agreement(tok, scope)
            if about is None:
                return None
        participants = self._participants(tok, scope, actors)
        date = self._date(tok, scope, base)
        if not participants and date is None and about is None:
            return None
        place = self._place(tok, scope)
        if about is not None:
            label = f"{about.label} {lifecycle}"
        else:
            label = " — ".join(filter(None, [tok.lemma_.capitalize(), ", ".join(p.label for p in participants)]))
        return Event(kind=kind, label=label, evidence=as_span(tok.sent), participants=tuple(participants),
                     date=date, place=place, about=about, lifecycle=lifecycle)

    @staticmethod
    def _scope(tok: Token) -> list[Token]:
        """The trigger's own phrase (without clauses nested in it), plus for a noun its governing
        verb's subject, and the noun a relative clause trigger hangs from ("the treaty, which expires")."""
        nested = {t.i for c in tok.children if c.dep_ in NESTED for t in c.subtree}
        tokens = [t for t in tok.subtree if t.i not in nested]
        if tok.dep_ == "relcl":
            tokens.append(tok.head)
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj", "nsubj"):
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            tokens += [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
            tokens += [t for c in verb.children if c.dep_ == "npadvmod" or (c.dep_ == "prep" and c.lower_ in ("on", "in"))
                       for t in c.subtree]
        return tokens

    @staticmethod
    def _is_place(t: Token, trigger: Token) -> bool:
        """A named place: "in/to/at X", or what is visited. Metonyms count ("talks in Washington")."""
        if t.ent_type_ not in ("GPE", "LOC", "ORG") or (t.ent_type_ == "ORG" and not t.ent_id_):
            return False
        head = t.doc[t.i]
        while head.dep_ == "compound" or (head.ent_iob_ == "I" and head.head.ent_iob_ != "O" and head.head.i != head.i
                                          and head.head.ent_type_ == t.ent_type_):
            head = head.head
        return (head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS) or \
            (trigger.lemma_ == "visit" and head.dep_ == "dobj" and head.head.i == trigger.i)

    def _participants(self, tok: Token, scope: list[Token], actors: Actors) -> list[ActorRef]:
        found: list[ActorRef] = []
        for t in scope:
            if t.i == tok.i or self._is_place(t, tok) or (t.pos_ == "ADJ" and t.head.i != tok.i):
                continue          # "Japanese news agency": no participant
            for actor in actors.actors_at(t):
                ref = actors.speaker(actor) if actor.kind == "Country" else actor
                if ref not in found:
                    found.append(ref)
        return found

    @staticmethod
    def _date(tok: Token, scope: list[Token], base) -> str | None:
        ids = {t.i for t in scope}
        # "the treaty, which expires in December": present or future tense looks ahead
        ahead = tok.tag_ in ("VBZ", "VBP") or any(c.lower_ in ("will", "shall") for c in tok.children if c.dep_ == "aux")
        for ent in dates.date_entities(tok.sent):
            if ent.start in ids or ent.root.head.i == tok.i:
                resolved = dates.resolve(ent.text, base, prefer="future" if ahead else "past")
                if resolved:
                    return resolved
        return None

    def _place(self, tok: Token, scope: list[Token]) -> str | None:
        for t in scope:
            if t.ent_iob_ == "B" and self._is_place(t, tok):
                end = t.i + 1           # the entity it opens, read off the tokens (doc.ents builds them all)
                while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                    end += 1
                return t.doc[t.i:end].text
        return None

    def _agreement(self, tok: Token, scope: list[Token]) -> TopicRef | None:
        """The agreement the treaty verb acts on: named in its own phrase, not elsewhere in the sentence."""
        ids = {t.i for t in scope}
        for span in topics_within(tok.sent):
            topic = self.ontology.topics.get(span.id_)
            if topic and topic.kind in AGREEMENT_KINDS and span.root.i in ids:
                return TopicRef(topic.label, topic.iri)
        return None


@Language.factory("event_finder", assigns=["doc._.events"], requires=["doc.spans", "span._.actor"],
                  default_config=resources.DEFAULTS)
def make_event_finder(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> EventFinder:
    return EventFinder(ontology, lexicon)

