"""The cue finder: the words that attribute a position to someone.

A cue is a reporting or position verb ("said", "called on", "wants"), an adjective ("keen on"),
an owned noun ("Putin's message was that"), "according to", or the colon after a name heading
a paragraph ("Kovac: talks must resume", as headlines attribute). Each becomes a span of
`doc.spans["cues"]` over its head word, labelled with its `CueKind`, with the `Cue` in `_.cue`.

What is deliberately *not* a cue of a statement: anything in a question, a cue inside a clause
under "if"/"whether", a cue whose object is a relative word ("what he said"), and a held
(non-speech) position under a modal ("Russia will view ..." is the writer's prediction).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import quotes, resources
from .annotations import ACTORS, CUES, Cue, CueKind
from .lexicon import Lexicon
from .ontology import Ontology

PARTICLE_DEPS = ("prt", "prep", "ccomp", "acomp", "oprd", "dobj", "advmod")
ADJECTIVE_DEPS = ("acomp", "ROOT", "ccomp", "xcomp")
MIN_COLON_WORDS = 3           # "Kovac: No" is a caption; "Kovac: talks must resume" says something
DASHES = frozenset({"-", "--", "–", "—"})


class CueFinder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.hypothetical_marks = lexicon.words("hypothetical_marks")
        self.denial_adverbs = lexicon.words("denial_adverbs")
        self.speculative_modals = lexicon.words("speculative_modals")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for sent in doc.sents:
            if not sent.text.strip() or asked(sent):
                continue
            found = [(tok, cue) for tok in sent if (cue := self.cue(tok)) and self._counts(tok, cue)]
            # "X opposes Y, according to Z": the attribution frames the clause, so it goes first
            for tok, cue in sorted(found, key=lambda pair: pair[1].kind != CueKind.ACCORDING):
                span = SpacySpan(doc, tok.i, tok.i + 1, label=cue.kind.value)
                span._.cue = cue
                spans.append(span)
        doc.spans[CUES] = spans
        return doc

    def cue(self, tok: Token) -> Cue | None:
        return self._according(tok) or self._adjective(tok) or self._verb(tok) or self._noun(tok) or self._colon(tok)

    def _counts(self, tok: Token, cue: Cue) -> bool:
        if self._hypothetical(tok):
            return False
        if quotes.inside_quotation(tok):
            return False          # "“We regard it as a threat,” the office said": the quotation is what was said
        # "what he said", "whom she accused": a relative clause names no position, unless it says
        # what of its antecedent ("the vote, which she said was a mistake") or takes it as its
        # object ("the plan, which Moscow rejected")
        if any(c.dep_ in ("dobj", "oprd", "ccomp") and c.tag_ in ("WP", "WDT") for c in tok.children) \
                and not any(c.dep_ == "ccomp" and c.tag_ not in ("WP", "WDT") for c in tok.children) \
                and relative_object(tok) is None:
            return False
        if any(c.dep_ in ("dobj", "ccomp") and c.left_edge.lower_ in ("what", "whatever") and self._said(c)
               for c in tok.children):
            return False          # "repeated what she said": the words are not given ("which he says" are)
        return not (cue.kind == CueKind.VERB and not cue.speech and self._speculative(tok))

    @staticmethod
    def _according(tok: Token) -> Cue | None:
        """"according to X": X is the source of the clause it attaches to."""
        if tok.lemma_.lower() == "accord" and tok.dep_ == "prep" and any(c.lower_ == "to" for c in tok.children):
            return Cue(CueKind.ACCORDING, "according to", None, True)
        return None

    @staticmethod
    def _colon(tok: Token) -> Cue | None:
        """"Kovac: talks must resume", "Ruritanian Foreign Ministry: ...": a colon right after the
        name of a person or an institution that opens a paragraph (or follows a dash before a
        quotation), before words of their own. Not a place ("Norland: what we know", "GENEVA:")
        and not a name inside a sentence."""
        if tok.text != ":":
            return None
        doc = tok.doc
        speaker = next((m for m in doc.spans.get(ACTORS, []) if m.end == tok.i), None)
        if speaker is None or speaker.text.isupper() or speaker._.actor.kind in ("Country", "Group"):
            return None
        after = paragraph_after(tok)
        # "Anna Kovac and Tom Reed: ...": the names coordinated before the colon open it together
        conjoined = {c.i for c in speaker.root.conjuncts if c.i < speaker.start}
        start = min([speaker.start, *(m.start for m in doc.spans[ACTORS] if conjoined & set(range(m.start, m.end)))])
        # "Polls were early - Anna Kovac: “...”": in a round-up, a dash sets the name off
        # from the line's own words, and the quotation says it is hers
        dashed = start > 0 and doc[start - 1].text in DASHES \
            and bool(after) and quotes.is_mark(next((t for t in after if not t.is_space), after[0]))
        if quotes.paragraph_start(doc, tok.i) != start and not dashed:
            return None
        words = [t for t in after if t.is_alpha]
        return Cue(CueKind.COLON, ":", None, True) if len(words) >= MIN_COLON_WORDS else None

    def _verb(self, tok: Token) -> Cue | None:
        if tok.pos_ not in ("VERB", "AUX") \
                and not (tok.pos_ == "NOUN" and (tok.tag_ == "VBZ" or named_after_quotation(tok))):
            return None
        verbs = self.lexicon.verbs
        lemma = self.lexicon.verb_lemma(tok)
        if lemma == "like" and any(c.lower_ == "would" for c in tok.children if c.dep_ == "aux"):
            entry, words = verbs["would like"], "would like"
        else:
            entry, words = verbs.get(lemma), tok.text
            for c in tok.children:
                key = f"{lemma} {c.lower_}"
                if key in verbs and c.dep_ in PARTICLE_DEPS and not _dated(c):
                    entry, words = verbs[key], f"{tok.text} {c.text}"
                    break
                # "came out against": a particle and a preposition
                preps = [p for p in tok.children if p.dep_ == "prep" and f"{key} {p.lower_}" in verbs]
                if preps and c.dep_ == "prt":
                    entry, words = verbs[f"{key} {preps[0].lower_}"], f"{tok.text} {c.text} {preps[0].text}"
                    break
                # "voted in favor of": a preposition and its object as the particle
                objects = [g for g in c.children if g.dep_ == "pobj" and f"{key} {g.lower_}" in verbs]
                if objects and c.dep_ == "prep":
                    entry, words = verbs[f"{key} {objects[0].lower_}"], f"{tok.text} {c.text} {objects[0].lower_}"
                    break
            else:
                # "called for the minister to resign": the parser takes "for" for the clause's mark
                marks = [m for c in tok.children if c.dep_ == "advcl" for m in c.children
                         if m.dep_ == "mark" and f"{lemma} {m.lower_}" in verbs]
                if marks:
                    entry, words = verbs[f"{lemma} {marks[0].lower_}"], f"{tok.text} {marks[0].text}"
        if entry is None:
            return None
        needs = entry.get("needs")
        if needs and not has_needed(tok, needs):
            return None
        # a participle modifying a noun says nothing ("the plan announced on Friday"), unless its
        # agent says it ("a call echoed by Japan")
        if tok.dep_ in ("amod", "compound") and not (reporting_after_quotation(tok) or modifier_subject(tok)) \
                or tok.tag_ == "VBN" and tok.dep_ == "acl" and not (hung_on_subject(tok) or agented(tok)):
            return None
        if entry["speech"] and entry["stance"] is None and self._unsaid(tok):
            return None                 # "did not say the talks failed": no one said they did
        if set_off_participle(tok) and inverted_name(tok) is None:
            return None
        return Cue(CueKind.VERB, words, entry["stance"], entry["speech"])

    def _unsaid(self, tok: Token) -> bool:
        """A verb of saying that carries no stance, negated before it ("did not say", "never told",
        "cannot say"; not a quotation's own "Never," parsed onto it): what follows was not said. A
        stance verb negated is still a position ("did not oppose"), which the stance tagger turns."""
        return any((c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in self.denial_adverbs)
                   and c.i < tok.i and not quotes.inside_quotation(c) for c in tok.children)

    def _adjective(self, tok: Token) -> Cue | None:
        stance = self.lexicon.adjectives.get(tok.lemma_.lower()) or self.lexicon.adjectives.get(tok.lower_)
        # "is opposed to", "is committed to": a participle used as an adjective, with no agent
        adjectival = tok.pos_ == "ADJ" or tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)
        if stance and adjectival and tok.dep_ in ADJECTIVE_DEPS:
            return Cue(CueKind.ADJECTIVE, tok.text, stance, False)
        return None

    def _noun(self, tok: Token) -> Cue | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in self.lexicon.nouns:
            return None
        return Cue(CueKind.NOUN, tok.text, self.lexicon.nouns[lemma], True)

    def _said(self, tok: Token) -> bool:
        entry = self.lexicon.verbs.get(self.lexicon.verb_lemma(tok))
        return tok.pos_ == "VERB" and bool(entry) and entry["speech"]

    def _hypothetical(self, tok: Token) -> bool:
        """True when the cue sits in a conditional or an embedded question ("if", "whether")."""
        while True:
            if any(c.dep_ == "mark" and c.lower_ in self.hypothetical_marks for c in tok.children):
                return True
            if tok.head.i == tok.i:
                return False
            tok = tok.head

    def _speculative(self, tok: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in self.speculative_modals
                   and not (c.lower_ == "would" and tok.lemma_ == "like") for c in tok.children)


def reporting_after_quotation(tok: Token) -> bool:
    """"“...,” mused radio host Tom Reed": a past-tense verb right after a quotation, which the
    parser takes for a modifier of the name that follows it."""
    return tok.tag_ == "VBD" and quotes.follows_quotation(tok)


def has_needed(verb: Token, needs: list[str]) -> bool:
    """The verb has one of the child words or dependencies it needs to be a cue, or the object has
    the preposition ("portrayed the migrants as criminals": the parser may hang "as" on the
    object), or an object predicate stands quoted after the object."""
    return any(c.lower_ in needs or c.dep_ in needs for c in verb.children) \
        or any(p.dep_ == "prep" and p.lower_ in needs for o in verb.children if o.dep_ == "dobj" for p in o.children) \
        or "oprd" in needs and quoted_predicate(verb)


def quoted_predicate(verb: Token) -> bool:
    """"called the plan “a trap”": a quoted predicate right after the object, which the parser makes
    the object's apposition (not one set off by a comma: "called the minister, “a friend”, ...")."""
    doc = verb.doc
    return any(a.dep_ == "appos" and quotes.inside_quotation(a) and not quotes.inside_quotation(o)
               and (mark := quotes.opening_before(doc, a.i)) is not None and mark.i > 0 and doc[mark.i - 1].text != ","
               for o in verb.children if o.dep_ == "dobj" for a in o.children)


def agented(verb: Token) -> bool:
    """"a call echoed by Japan": a passive participle with its agent."""
    return any(c.dep_ == "agent" for c in verb.children)


def relative_object(verb: Token) -> Token | None:
    """"the plan, which Moscow rejected": the noun a relative clause takes as its verb's object
    through "which" or "that" (not "what", nor "whom"), else None."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in verb.children) \
            or any(c.dep_ == "ccomp" for c in verb.children):     # "which she said was a mistake"
        return None
    return verb.head


def modifier_subject(verb: Token) -> Token | None:
    """"He implied immigrants were to blame", "Trump described families playing in the park": the
    subject of a past verb the parser took for a modifier of the noun after it ("implied
    immigrants"), hanging the subject on it (a name it may call an adverbial noun); None when the
    verb is no such modifier."""
    if verb.tag_ not in ("VBD", "VBN") or verb.dep_ != "amod" or verb.head.i != verb.i + 1:
        return None
    return next((c for c in verb.children if c.i < verb.i and (c.dep_ == "nsubj" or c.dep_ == "npadvmod"
                                                              and c.pos_ == "PROPN")
                 and not any(t.text in DASHES for t in verb.doc[c.i + 1:verb.i])), None)     # "Reed-linked"


def hung_on_subject(verb: Token) -> bool:
    """"Kovac called Monday for ...", "Kovac, the head of the party, tweeted on Friday": a finite
    past verb the parser hung on its subject, the name that is the sentence's root, as a modifier."""
    head = verb.head
    finite = verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
    return finite and verb.dep_ == "acl" and head.dep_ == "ROOT" and head.i < verb.i and head.pos_ == "PROPN"


def inverted_name(verb: Token) -> SpacySpan | None:
    """"The plan, said Anna Kovac, will fail", "..., said Kovac.": the actor named right after a
    verb that follows a comma, the name then set off by punctuation: an inverted reporting clause,
    whose name is who speaks whatever the parser made the subject."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    mentions = doc.spans.get(ACTORS, [])
    name = next((m for m in mentions if m.start == verb.i + 1), None)
    if name is None or name.root.dep_ in ("dobj", "dative", "pobj", "attr") \
            or name.end >= len(doc) or not doc[name.end].is_punct:
        return None
    subjects = [c.i for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if any(m.start <= i < m.end for m in mentions for i in subjects):
        return None                   # "Kovac, the minister, told Reuters": Reuters is told
    return name


def named_after_quotation(verb: Token) -> bool:
    """"“...,” Kovac replies": a present-tense verb right after a name that follows a quotation,
    which the parser compounds the name onto (and the tagger may take for a plural noun)."""
    name = verb.doc[verb.i - 1] if verb.i else None
    return name is not None and name.dep_ == "compound" and name.head.i == verb.i and name.pos_ == "PROPN" \
        and verb.tag_ in ("VBZ", "NNS") and quotes.follows_quotation(name)


def asked(sent: SpacySpan) -> bool:
    """The sentence is a question the writer asks; one it quotes ("..., saying, “Is he going to
    resign?”") reports what was asked."""
    words = [t for t in sent if not t.is_space]
    return bool(words) and words[-1].text == "?" and not quotes.inside_quotation(words[-1])


def set_off_participle(tok: Token) -> bool:
    """"Carson, asked about his claims, ...": a past form set off by a comma right after the name
    the parser makes its subject is a participle, said to the person, not by them (a finite verb
    follows its subject with no comma)."""
    return tok.tag_ in ("VBD", "VBN") and tok.i >= 2 and tok.doc[tok.i - 1].text == "," \
        and any(c.dep_ == "nsubj" and c.i == tok.i - 2 for c in tok.children)


def paragraph_after(tok: Token) -> SpacySpan:
    """The rest of `tok`'s paragraph after it."""
    return tok.doc[tok.i + 1:quotes.paragraph_end(tok.doc, tok.i)]


def _dated(particle: Token) -> bool:
    """"called the minister on Monday": a preposition governing a date is no particle of the verb."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in particle.children)


@Language.factory("cue_finder", assigns=["doc.spans", "span._.cue"], requires=["token.dep", "token.lemma"],
                  default_config=resources.DEFAULTS)
def make_cue_finder(nlp: Language, name: str, lexicon: Lexicon, ontology: Ontology) -> CueFinder:
    lexicon.check_stances(ontology.stances)
    return CueFinder(lexicon)

