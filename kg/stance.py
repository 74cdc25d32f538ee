"""The stance tagger: which stance of the ontology's scheme each content takes.

A cue that names the act gives the stance ("urged" demands, "rejected" rejects); a labelling verb
("called it a threat", "sees X as Y") is judged by its label; a position stated in what was said
wins over the manner of saying it ("insisting that Pristina is keen on ..." supports). A neutral
cue ("said", "stressed") takes the stance of what was said, read from the content's top clauses
(of each sentence, and the clauses coordinated with them) by one small set of rules on negation,
modality and the speaker's side, the first that fits winning:

0. a remark that commits to nothing (`other`): "had no information", "was unable to comment",
   "I don't know";
1. a consequence held out (`warns`): under a modal of what will or may be, the speaker's side
   answering ("will respond", "could retaliate"), a consequence ("will backfire"), a negative
   judgement ("will be considered a threat"); a refusal or readiness made to depend on a
   condition ("will refuse any deal if ...", "remains ready to impose sanctions if ...");
2. a refusal (`rejects`): the speaker's side negating its act under a modal of will or ability
   ("will not attend"; "could not answer" only reports), or anyone negating a stance verb so
   ("cannot accept"); "no" under such a modal or until something happens ("will make no
   concessions", "no talks until ..."); a negated obligation ("should not"); the speaker's side
   turning down a treaty or process ("is initiating the procedure to withdraw");
3. what another is to do (`demands`): an obligation ("must be removed", "X should", "has to")
   not on the speaker's side, or an expectation of another actor ("expects X to");
4. a meeting put forward (`proposes`): a meeting, summit or talks as the object of an act not
   yet done ("would request a meeting", "wants to convene a summit");
5. a verb of dependence (`links`: "would presuppose"); a position adjective ("is keen on";
   negated, a refusal) or readiness ("ready to continue", `supports`); a goal ("the goal is
   to"); a judgement of the subject by a predicate of clear polarity (`supports` / `opposes`:
   "were a major breakthrough", "it is wrong to"), turned by negation;
6. the stance verb or stance noun of the clause ("said Moscow opposes", "announced their
   intention"; "has no plans to" denies). Another actor's stance, reported, is a claim ("Kerry
   said Moscow opposes it"); a passive subject holds no stance by its verb.

Why the speaker's side matters: "we will not" refuses, "they will not" predicts; "they must"
demands, "we must" does not. The side is the speakers, the governments they speak for, the
organizations of their posts, the first person, and a pronoun that agrees with the speaker ("he"
of a person or a spokesman, "it" or "they" of a government); for a person the ontology has no
post for it is not known, and a refusal is then read from a stance verb only. A question takes
no stance from its words. An announcing cue with nothing else said is `other`; hope of another
actor's act ("hopes X will") demands. Polarity is `kg.polarity`'s (VADER with domain lists). A
clause that makes one thing depend on another is a linkage. Negating the cue turns the stance by
the scheme's `ws:negation`; a negated wish or adjective is a refusal. Writes `span._.stance` on
every content; any other registered factory that writes it (a trained text classifier) can
replace this one by configuration.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import resources
from .actors import Actors
from .annotations import CONTENTS, Cue, CueKind, StanceBasis
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology
from .polarity import Polarity

DEFAULT_STANCE = "claims"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


class StanceTagger:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.negation = ontology.stance_negation
        self.lexicon = lexicon
        self.polarity = Polarity(lexicon)
        self.negative_words = lexicon.words("negative_words")
        self.positive_words = lexicon.words("positive_words")
        self.linkage_words = lexicon.words("linkage_words")
        self.evaluative_verbs = lexicon.words("evaluative_verbs")
        self.first_person = lexicon.words("first_person")
        self.person_pronouns = lexicon.words("person_pronouns")
        self.group_pronouns = lexicon.words("thing_pronouns") | lexicon.words("plural_pronouns")
        self.future_modals = lexicon.words("future_modals")
        self.refusal_modals = lexicon.words("refusal_modals")
        self.obligation_modals = lexicon.words("obligation_modals")
        self.obligation_verbs = lexicon.words("obligation_verbs")
        self.threat_acts = lexicon.words("threat_acts")
        self.consequence_verbs = lexicon.words("consequence_verbs")
        self.refusal_acts = lexicon.words("refusal_acts")
        self.expectation_verbs = lexicon.words("expectation_verbs")
        self.announcement_verbs = lexicon.words("announcement_verbs")
        self.readiness_words = lexicon.words("readiness_words")
        self.noncommittal_words = lexicon.words("noncommittal_words")
        self.linkage_verbs = lexicon.words("linkage_verbs")
        self.copulas = lexicon.words("copulas")
        self.condition_marks = lexicon.words("condition_marks")
        self.until_marks = lexicon.words("until_marks")
        self.meeting_nouns = frozenset(n for n, kind in lexicon.event_nouns.items() if kind == "Meeting")

    def __call__(self, doc: Doc) -> Doc:
        actors = Actors(doc, self.ontology, self.lexicon)
        for content in doc.spans.get(CONTENTS, []):
            cue = content._.cue_span
            side = Side(self, actors, cue._.speakers)
            content._.stance, content._.stance_basis = self.stance(cue.root, cue._.cue, CueKind(content.label_),
                                                                   content, side)
        return doc

    def stance(self, tok: Token, cue: Cue, kind: CueKind, content: SpacySpan,
               side: "Side") -> tuple[str, StanceBasis]:
        """The content's stance, and whether the cue, the words said or the default gave it."""
        own = cue.stance if kind != CueKind.BLOCK else None     # a block's sentences speak for themselves
        stance = own
        # "labeled it the greatest irritant", "views missile defense as a threat": the words judge
        if kind == CueKind.VERB and (tok.lemma_ in self.evaluative_verbs or any(c.lower_ == "as" for c in tok.children)):
            stance = self._label(tok, content) or stance
        if kind == CueKind.VERB and self.lexicon.verb_lemma(tok) in self.expectation_verbs \
                and self._of_another(content.root, side):
            stance = "demands"                                  # "hopes Islamabad will honour ..."
        if own in ("claims", "demands") and kind == CueKind.VERB and cue.speech:
            # "insisting that Pristina is keen on reconciliation": the position stated wins over the
            # manner of stating it
            stance = next((found for clause in clause_heads(content.root)
                           if not side.another(clause) and (found := self._position(clause))), stance)
        if own == "rejects" and content.root.pos_ == "VERB" and content.root.lemma_.lower() in self.noncommittal_words:
            stance = "other"                                    # "declined to comment"
        basis = StanceBasis.CUE if stance is not None and stance == own else StanceBasis.WORDS
        if stance is None or (stance == "supports" and kind == CueKind.NOUN):
            found = self._content_stance(tok, content, side)
            stance, basis = (found, StanceBasis.WORDS) if found else (stance, basis)
        elif stance == "demands" and not cue.speech and self._meeting(content.root, side):
            stance = "proposes"                                 # "wants to convene a summit"
        if stance is None and kind == CueKind.VERB and self.lexicon.verb_lemma(tok) in self.announcement_verbs:
            stance, basis = "other", StanceBasis.CUE            # "announced that the two sides would meet"
        if stance is None:
            stance, basis = DEFAULT_STANCE, StanceBasis.DEFAULT
        if stance != "links" and is_linkage(content, self.linkage_words):
            if own in (None, "claims"):
                stance, basis = "links", StanceBasis.WORDS
        if negated(tok):
            stance = self._negate(cue, kind, stance)
        return stance, basis

    def _negate(self, cue: Cue, kind: CueKind, stance: str) -> str:
        """"not interested", "does not want": a refusal; otherwise the scheme's negation."""
        if kind == CueKind.ADJECTIVE or (kind == CueKind.VERB and not cue.speech and stance == "demands"):
            return "rejects"
        return self.negation.get(stance, stance)

    def _label(self, tok: Token, content: SpacySpan) -> str | None:
        """The stance of a label: its words of judgement, else the polarity of the "as" phrase or
        of the label itself ("saw it as evidence of a sinister plot")."""
        words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
        if words & self.negative_words:
            return "opposes"
        if words & self.positive_words:
            return "supports"
        labels = [g for c in tok.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        labels += [c for c in tok.children if c.dep_ in ("oprd", "attr")]
        value = next((v for v in map(self.polarity.phrase, labels) if v), 0.0)
        return "supports" if value > 0 else "opposes" if value < 0 else None

    # ------------------------------------------------------------------ what was said

    def _content_stance(self, tok: Token, content: SpacySpan, side: "Side") -> str | None:
        """The stance a neutral cue takes from what was said (the module docstring's rules)."""
        if is_question(content):
            return None
        # the content's top clauses: of each of its sentences ("Breaks, definitely. Through or down,
        # I don't know"), and of a content that runs over its own cue ("A, B told journalists") the
        # clause the cue governs
        inside = range(content.start, content.end)
        tops = [t for t in content if (t.head.i == t.i or t.head.i not in inside) and t.pos_ != "PUNCT"]
        roots = [r for t in tops for r in ([c for c in t.children if c.dep_ == "ccomp" and c.i in inside]
                                           if t.i == tok.i else [t])]
        clauses = [clause for root in roots for clause in clause_heads(root)]
        rules = (self._noncommittal, self._consequence, self._refusal, self._obligation, self._meeting,
                 self._judgement, self._stance_word)
        for rule in rules:
            for clause in clauses:
                if found := rule(clause, side):
                    return found
        return None

    def _modal(self, v: Token, modals: frozenset[str] | None = None) -> bool:
        """Whether the clause is put as what will or may be ("will", "could"), or with `modals`."""
        return any(c.dep_ == "aux" and c.lower_ in (modals or self.future_modals) for c in verb_group(v))

    def _noncommittal(self, v: Token, side: "Side") -> str | None:
        """"had no information", "was unable to comment", "declined to comment", "I don't know": a
        remark that commits the speaker to nothing (`other`)."""
        words = self.noncommittal_words
        for act in [v, *[c for c in v.children if c.dep_ == "conj"]]:
            has_none = any(o.dep_ == "dobj" and o.lemma_.lower() in words
                           and any(d.dep_ == "det" and d.lower_ == "no" for d in o.children) for o in act.children)
            held_back = negated(act) or self._stance_verb(act) == "rejects" or any(
                c.dep_ == "acomp" and c.lemma_.lower() in words for c in act.children)
            acts = [act, *[x for c in act.children if c.dep_ in ("xcomp", "acomp")
                           for x in [c, *c.children] if x.dep_ == "xcomp"]]
            of_telling = any(a.pos_ == "VERB" and a.lemma_.lower() in words for a in acts)
            if (has_none or held_back and of_telling) and side.holds(act) is not False:
                return "other"
        return None

    def _consequence(self, v: Token, side: "Side") -> str | None:
        if not self._modal(v) and not self._ready(v) or negated(v):
            return None
        # the condition may hang on the act the subject is ready for, or, as the parser reads a
        # quotation, on the cue ("'we remain ready ..., if Russia continues ...,' the statement said")
        heads = [v, *[x for c in [v, *self._predicates(v)] for x in c.children if x.dep_ == "xcomp"]]
        if v.dep_ == "ccomp":
            heads.append(v.head)
        conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.condition_marks
                                                    for m in c.children) for h in heads for c in h.children)
        if conditional and self._ready(v):
            return "warns"                                      # "ready to intensify sanctions if ..."
        lemma = self.lexicon.verb_lemma(v)
        refusal = self.lexicon.verbs.get(lemma, {}).get("stance") == "rejects" or lemma in self.refusal_acts
        threat = lemma in self.threat_acts and side.holds(v) is not False
        if threat or lemma in self.consequence_verbs or (conditional and refusal) or self._judged(v) < 0:
            return "warns"
        return None

    def _refusal(self, v: Token, side: "Side") -> str | None:
        own = side.holds(v) is True
        willed = self._modal(v, self.refusal_modals)           # "will not", "cannot"; not "could not"
        if negated(v) and (willed and (own or self._stance_verb(v))
                           or any(c.lower_ in self.obligation_modals for c in verb_group(v))):
            return "rejects"                                    # "cannot accept", "will not", "should not"
        parts = [v, *[c for c in v.children if c.dep_ in ("dobj", "attr", *SUBJECTS)]]
        with_no = any(d.dep_ == "det" and d.lower_ == "no" for part in parts for d in part.children)
        until = any(c.dep_ == "prep" and c.lower_ in self.until_marks for c in v.children) or any(
            m.dep_ == "mark" and m.lower_ in self.until_marks for c in v.children for m in c.children)
        if with_no and (willed or until):
            return "rejects"                                    # "will make no compromises", "no talks until"
        acts = [v, *[c for c in v.children if c.dep_ == "xcomp"],
                *[a for o in v.children if o.dep_ == "dobj" for a in o.children if a.dep_ == "acl"]]
        if own and any(self.lexicon.verb_lemma(a) in self.refusal_acts and not negated(a) for a in acts):
            return "rejects"                                    # "is initiating the procedure to withdraw"
        return None

    def _obligation(self, v: Token, side: "Side") -> str | None:
        if negated(v):
            return None
        group = verb_group(v)
        obliged = any(c.dep_ == "aux" and c.lower_ in self.obligation_modals for c in group) or (
            v.lemma_.lower() in self.obligation_verbs and any(c.dep_ == "xcomp" for c in v.children))
        if obliged and side.holds(v) is not True:
            return "demands"                                    # "must be removed", "they should"
        if self.lexicon.verb_lemma(v) in self.expectation_verbs:
            expected = [c for c in v.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
            if any(self._of_another(c, side) for c in expected):
                return "demands"                                # "expects Islamabad to honour"
        return None

    def _meeting(self, v: Token, side: "Side") -> str | None:
        for act in [v, *[c for c in v.children if c.dep_ == "xcomp"]]:
            wanted = act.dep_ == "xcomp" and self._stance_verb(act.head) in (None, "demands", "supports", "proposes")
            pending = self._modal(act) or (wanted and not negated(act.head))
            meets = any(c.dep_ == "dobj" and c.lemma_.lower() in self.meeting_nouns for c in act.children)
            if pending and meets and not negated(act) and act.pos_ == "VERB":
                return "proposes"                               # "would request a meeting"
        return None

    def _ready(self, v: Token) -> bool:
        """"is ready to", "remains open to": readiness the subject declares."""
        return any(p.lemma_.lower() in self.readiness_words and any(
            c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "to" for c in p.children) for p in self._predicates(v))

    def _position(self, v: Token) -> str | None:
        """The position a predicate adjective states ("is keen on"; "is not interested": a refusal),
        or readiness ("ready to continue", "open to dialogue")."""
        for p in self._predicates(v):
            stance = self.lexicon.adjectives.get(p.lemma_.lower())
            if not stance and self._ready(v):
                stance = "supports"
            if stance:
                return "rejects" if negated(v) else stance
        return None

    def _judgement(self, v: Token, side: "Side") -> str | None:
        if self.lexicon.verb_lemma(v) in self.linkage_verbs and not negated(v):
            return "links"                                      # "would presuppose recognition"
        if position := self._position(v):
            return position
        goal = any(c.dep_ in SUBJECTS and self.lexicon.nouns.get(c.lemma_.lower()) == "supports" for c in v.children)
        if goal and self._predicates(v) + [c for c in v.children if c.dep_ == "xcomp"] and not negated(v):
            return "supports"                                   # "Turkey's goal is to act as a mediator"
        value = self._judged(v)
        return "supports" if value > 0 else "opposes" if value < 0 else None

    def _judged(self, v: Token) -> float:
        """The polarity with which the clause judges its subject: "the talks were a breakthrough",
        "it is wrong to", "will be considered a threat"; turned by "not"; none for "there is"."""
        if any(c.dep_ == "expl" or (c.dep_ in SUBJECTS and c.lower_ == "there") for c in v.children):
            return 0.0
        judged = self._predicates(v) + [c for c in v.children if c.dep_ == "oprd"] \
            + [g for c in v.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        value = next((x for x in map(self.polarity.phrase, judged) if x), 0.0)
        return -value if negated(v) else value

    def _stance_word(self, v: Token, side: "Side") -> str | None:
        """The stance of a stance verb ("Moscow opposes", "enlargement threatens"), else of an
        object noun ("announced their intention"), in the clause or the clause it governs. Another
        actor's stance verb is reported, a claim ("Kerry said Moscow opposes it"); an object noun
        is the stance of the speaker's side only ("has no plans to" denies; "the deal will face
        opposition" is no one's stance)."""
        objects = self.lexicon.stance_objects
        if v.pos_ == "NOUN" and v.lemma_.lower() in objects:
            return objects[v.lemma_.lower()]
        if passive(v):
            return None                                         # "was encouraged by", "was told not to ask"
        governed = [] if self._predicates(v) else [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]  # "is hard to"
        for tok in [v, *governed]:
            if passive(tok):
                continue
            held = side.holds(tok)
            if side.another(tok):
                continue
            if stance := self._stance_verb(tok):
                return self.negation.get(stance, stance) if negated(tok) else stance
            if held is False:
                continue
            for c in tok.children:
                if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in objects:
                    denied = any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                    return "rejects" if denied else objects[c.lemma_.lower()]
        return None

    def _predicates(self, v: Token) -> list[Token]:
        """What a copula says its subject is ("were a breakthrough", "remains ready"); the parser
        reads a curly "it’s wrong" as a verb with an adjective object, which is the same."""
        copula = v.lemma_ in self.copulas or v.pos_ == "AUX" or v.lower_ in ("'s", "’s")
        return [c for c in v.children if c.dep_ in ("attr", "acomp", "oprd") or c.dep_ == "dobj" and c.pos_ == "ADJ"] \
            if copula else []

    def _stance_verb(self, tok: Token) -> str | None:
        entry = self.lexicon.verbs.get(self.lexicon.verb_lemma(tok))
        return entry["stance"] if entry and tok.pos_ == "VERB" else None

    def _of_another(self, tok: Token, side: "Side") -> bool:
        """Whether the clause at `tok` has a subject of its own, named and not the speaker's side
        ("hopes Islamabad will", "expects Delhi to"; not "hopes there will be", "hopes to")."""
        subject = tok if tok.dep_ == "dobj" else next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        return subject is not None and side.names_actor(subject) and side.holds_subject(subject) is not True


class Side:
    """The speaker's side: the speakers, the governments they speak for, the organizations their
    posts are in, and the first person ("we", "I"). Whether a clause's subject is of it can be
    unknown (None): a person the ontology has no post for may speak for any government."""

    def __init__(self, tagger: StanceTagger, actors: Actors, speakers: tuple[ActorRef, ...]):
        self.actors = actors
        self.first_person = tagger.first_person
        self.members = {ref.iri or ref.label for ref in speakers}
        persons = {ref.iri for ref in speakers if ref.iri}
        posts = {t.organization for t in tagger.ontology.tenures if t.person in persons and t.organization}
        self.members |= posts
        # a speaker that is a government, or a person with a post, has a known side
        self.known = bool(posts) or any(ref.kind != "Person" for ref in speakers)
        # in reported speech a pronoun that agrees with the speaker is the speaker ("they said they
        # would not attend", "he said he would request"; a group speaks through a person too)
        groups = any(ref.kind != "Person" for ref in speakers)
        self.pronouns = tagger.person_pronouns | (tagger.group_pronouns if groups else frozenset())

    def holds(self, v: Token) -> bool | None:
        """Whether the clause's subject is of the speaker's side; a clause with no subject at all
        is the speaker's own act."""
        subject = self.subject(v)
        return True if subject is None else self.holds_subject(subject)

    @staticmethod
    def subject(v: Token) -> Token | None:
        """The clause's subject; a clause with none of its own takes its head's ("Russia is
        initiating the procedure to withdraw")."""
        subject = next((c for c in verb_group(v) if c.dep_ in SUBJECTS), None)
        while subject is None and v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
            v = v.head
            subject = next((c for c in v.children if c.dep_ in SUBJECTS), None)
        return subject

    def holds_subject(self, subject: Token) -> bool | None:
        if subject.lower_ in self.first_person or subject.lower_ in self.pronouns:
            return True
        refs = self._refs(subject)
        if refs & self.members:
            return True
        return False if self.known or not refs else None

    def another(self, v: Token) -> bool:
        """Whether the clause's subject names an actor of another side ("Kerry said Moscow opposes")."""
        return self.holds(v) is False and self.names_actor(self.subject(v))

    def names_actor(self, tok: Token | None) -> bool:
        return tok is not None and tok.lower_ not in self.first_person and bool(self._refs(tok))

    def _refs(self, tok: Token) -> set[str]:
        return {ref.iri or ref.label for ref in map(self.actors.speaker, self.actors.actors_at(tok))}


def clause_heads(root: Token) -> list[Token]:
    """The content's clauses: its root and the verbs coordinated with it ("A and that B"); for a
    small clause ("made it clear that X") the clauses it holds."""
    if root.pos_ not in ("VERB", "AUX"):
        return [root, *[c for c in root.children if c.dep_ in ("ccomp", "advcl")]]
    return [root, *[c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]]


def passive(v: Token) -> bool:
    """A passive verb's subject undergoes the act ("they are not wanted"): it holds no stance by it."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)


def verb_group(v: Token) -> list[Token]:
    """The verb's own children, and the auxiliaries and negation of the verb it is coordinated
    with when it has none of its own ("will not sign or ratify": "ratify" is negated too)."""
    own = list(v.children)
    if v.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in own):
        own += [c for c in v.head.children if c.dep_ in ("aux", "neg")]
    return own


def is_question(content: SpacySpan) -> bool:
    """Whether the content ends in a question mark, its own or the one right after it."""
    after = content.doc[content.end] if content.end < len(content.doc) else content[-1]
    return content[-1].text == "?" or after.text == "?"


def is_linkage(content: SpacySpan, linkage_words: frozenset[str]) -> bool:
    """"X as a prerequisite for Y", "contingent on": the clause makes one thing depend on another."""
    return any(t.lower_ in linkage_words and t.pos_ in ("NOUN", "ADJ") for t in content)


def negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ in ("acomp", "xcomp") and any(c.dep_ == "neg" for c in tok.head.children)


@Language.factory("stance_tagger", assigns=["span._.stance"], requires=["doc.spans", "span._.cue_span"],
                  default_config=resources.DEFAULTS)
def make_stance_tagger(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> StanceTagger:
    return StanceTagger(ontology, lexicon)
