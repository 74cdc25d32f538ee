"""The speaker linker: who each cue attributes to.

The subject of a verb cue gives the speakers (coordinated subjects give one each); an agent
("was rejected by Moscow") counts as the subject; a participle or a conjoined verb takes its main
clause's subject ("defended the plan, saying ...", "said ... and added"); "according to X" gives
X, "Kovac: ..." heading a paragraph Kovac; an owned noun its owner ("Putin's message", "proposals of the ministry"); an adjective the
subject of its copula. A verb whose subject is an utterance noun ("Clinton's remarks suggested")
speaks for the noun's owner. A country speaks through its government. A verb the parser left
without a subject takes the name that opens its clause; names inside a quotation never speak for
the verb outside it. "The statement said", "it said", "they said", "he said" and "the ministry
said" continue whoever spoke just before (`_spoken_on`, `_issued`). Writes `span._.speakers` on
every cue of `doc.spans["cues"]`, and `span._.speaker_basis`: how directly they were found (by a
name, a description, a pronoun, continuing, or with no subject parsed), the least direct of them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import quotes, resources
from .actors import Actors
from .annotations import CUES, CueKind, SpeakerBasis
from .cues import hung_on_subject, inverted_name, modifier_subject, named_after_quotation, reporting_after_quotation
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology

# How many sentences back "the statement said" looks for who issued the statement; "a resolution
# said" continues only the sentence before it.
CARRIER_WINDOW = {"definite": 6, "indefinite": 1}
# "it said", "they said" and "the ministry said" continue a group, an organization or a government
# speaking this many sentences before.
PRONOUN_WINDOW = {"it": 1, "they": 2, "the institution": 2, "he": 2, "she": 2}
# "said X", "mused Blaze co-host X": how many tokens after a subjectless verb its speaker may start.
AFTER_VERB = 8

Found = tuple[tuple[ActorRef, ...], SpeakerBasis]     # who speaks, and how directly that was found


class SpeakerLinker:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.lexicon = lexicon
        self.carrier_nouns = lexicon.words("carrier_nouns")
        self.institution_roles = lexicon.words("institution_roles")
        self.sending_verbs = lexicon.words("sending_verbs")
        self.occasion_nouns = lexicon.words("occasion_nouns")
        # a person's role, or those who speak for them ("the campaign said")
        self.speaking_roles = lexicon.words("person_roles") | lexicon.words("principal_nouns")

    def __call__(self, doc: Doc) -> Doc:
        actors = Actors(doc, self.ontology, self.lexicon)
        last: tuple[ActorRef, ...] = ()
        last_sentence = -max(CARRIER_WINDOW.values()) - 1
        last_cue: SpacySpan | None = None
        speaking: set[int] = set()          # the roots of the cues given a speaker
        for cue in doc.spans.get(CUES, []):
            sentence = actors.sentence_index(cue.start)
            distance = sentence - last_sentence
            speakers, basis = self._spoken_on(cue, last, distance, actors) or self._named(cue, actors) \
                or self._issued(cue, last, distance) or ((), None)
            if basis in (SpeakerBasis.UNNAMED, None) and distance <= 1 \
                    and self._same_role(cue, last, last_cue, actors):
                speakers, basis = last, SpeakerBasis.CONTINUED
            cue._.speakers, cue._.speaker_basis = speakers, basis
            if speakers:
                speaking.add(cue.root.i)
            # a quotation's own verbs are not who speaks next, nor a noun inside another's saying
            # ("Trump tweeted, quoting Comey's statement. He added ...": he is Trump)
            if speakers and not quotes.inside_quotation(cue.root) and not self._within_saying(cue, speaking):
                last, last_sentence, last_cue = speakers, sentence, cue
        return doc

    def _same_role(self, cue: SpacySpan, last: tuple[ActorRef, ...], last_cue: SpacySpan | None,
                   actors: Actors) -> bool:
        """"Clinton said ... | The former secretary of state said", "... the campaign said": a
        definite role no title resolves, or those who speak for someone, the subject of a verb of
        saying right after one person spoke, is that person,
        unless the sentence they spoke in named another ("Trump attacked Kasich. The Ohio
        governor said": the governor may be Kasich), or the role's verb is in a clause that sets
        the scene of that person's saying ("Kovac added when the host objected": someone else)."""
        if last_cue is None or len(last) != 1 or last[0].kind != "Person" or not cue._.cue.speech \
                or cue._.cue.kind != CueKind.VERB or in_adverbial_clause(cue.root, last_cue.root):
            return False
        # "the former minister", "the front-runner and former minister": the article on the first
        definite = [c for c in cue.root.children if c.dep_ == "nsubj"
                    and [d.lower_ for d in c.children if d.dep_ in ("det", "poss")] == ["the"]
                    and any(t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in self.speaking_roles
                            for t in (c, *c.conjuncts))]
        owned = [t for c in definite for o in c.children if o.dep_ in ("prep", "poss") for t in o.subtree]
        if not definite or any(actors.mention_at(t) for t in owned):
            return False             # "the deputy head of China's delegation" is China's, whoever spoke
        named = {m._.actor for m in actors.mentions if last_cue.sent.start <= m.start < last_cue.sent.end
                 and m._.actor.kind == "Person" and not quotes.inside_quotation(m.root)}
        return named <= set(last)

    @staticmethod
    def _within_saying(cue: SpacySpan, speaking: set[int]) -> bool:
        """A cue in the clause of a verb of saying that has its own speaker ("He said X, who invoked
        his rights, is cooperating"): reported, so not who speaks next."""
        return any(a.i in speaking for a in cue.root.ancestors)

    def _named(self, cue: SpacySpan, actors: Actors) -> Found | None:
        return self.speakers(cue, actors) or self._utterance_owners(cue, actors) or self._carrier_source(cue, actors)

    def _spoken_on(self, cue: SpacySpan, last: tuple[ActorRef, ...], distance: int, actors: Actors) -> Found | None:
        """"he said", "it said", "they said", "the ministry said" right after someone spoke: the
        one who spoke (a person of the pronoun's gender for he and she, else a group, an
        organization or a government)."""
        found = self._pronoun_subject(cue)
        if found is None or not last or distance > PRONOUN_WINDOW[found[0]]:
            return None
        pronoun, subject = found
        if set(last) & actors.named_in_clause_of(subject):
            return None              # "Lund ruled. He insisted Lund had a conflict": he is someone else
        if actors.governing_subject(subject) not in (None, *last):
            return None              # "Trump smiled as he replied": he is the one the sentence is about
        person = len(last) == 1 and last[0].kind == "Person" and actors.agrees(last[0], pronoun)
        group = len(last) > 1 or not any(a.kind == "Person" for a in last)
        return (last, SpeakerBasis.CONTINUED) if (person if pronoun in ("he", "she") else group) else None

    def _issued(self, cue: SpacySpan, last: tuple[ActorRef, ...], distance: int) -> Found | None:
        """"the statement said", "a resolution said": whoever issued it, the last to speak."""
        carrier = self._carrier_subject(cue)
        return (last, SpeakerBasis.CONTINUED) if last and carrier is not None \
            and distance <= CARRIER_WINDOW[carrier] else None

    def _pronoun_subject(self, cue: SpacySpan) -> tuple[str, Token] | None:
        """The pronoun subject of a verb of saying, or "the institution" for a bare definite one
        ("the office said", "the ministry added"), with the subject itself."""
        if cue._.cue.kind != CueKind.VERB or not cue._.cue.speech:
            return None
        for c in cue.root.children:
            if c.dep_ != "nsubj":
                continue
            if c.lower_ in PRONOUN_WINDOW:
                return c.lower_, c
            # "the office", "the presidential office"; not "Chile's office", "the Chilean ministry"
            dets = [m.lower_ for m in c.children if m.dep_ == "det"]
            qualified = any(m.dep_ in ("poss", "compound", "prep", "nmod") or m.text in self.ontology.demonyms
                            for m in c.children)
            if c.lemma_.lower() in self.institution_roles and dets == ["the"] and not qualified:
                return "the institution", c
        return None

    def _carrier_source(self, cue: SpacySpan, actors: Actors) -> Found | None:
        """The actor a statement subject comes from ("a statement from the ministry said", "a
        letter of the envoys said", "a document sent by the delegation indicated", "the
        ministry's website notes")."""
        if cue._.cue.kind != CueKind.VERB:
            return None
        carriers = [c for c in cue.root.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.carrier_nouns]
        return self._speakers_at([s for c in carriers for s in self._issuers(c, actors)], actors)

    @staticmethod
    def _issuers(carrier: Token, actors: Actors) -> list[Token]:
        """Who a statement, letter or interview comes from: "from", "of" or "by" them, "sent by"
        them, theirs ("the ministry's website"), or given by them ("an interview X gave")."""
        sources = [g for p in carrier.children if p.dep_ == "prep" and p.lower_ in ("from", "of", "by")
                   for g in p.children if g.dep_ == "pobj"]
        sources += [g for a in carrier.children if a.dep_ == "acl"
                    for p in a.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
        sources += [g for r in carrier.children if r.dep_ == "relcl" for g in r.children if g.dep_ == "nsubj"]
        return sources + SpeakerLinker._noun_owner(carrier, actors)

    def _carrier_subject(self, cue: SpacySpan) -> str | None:
        """"definite" when the cue's subject is the statement, letter or resolution named before
        ("the statement said"), "indefinite" for "a resolution said", else None."""
        if cue._.cue.kind != CueKind.VERB:
            return None
        for c in cue.root.children:
            if c.dep_ == "nsubj" and c.lemma_.lower() in self.carrier_nouns:
                dets = {d.lower_ for d in c.children if d.dep_ == "det"}
                return "definite" if dets & {"the", "this", "that"} else "indefinite" if dets & {"a", "an"} else None
        return None

    def speakers(self, cue: SpacySpan, actors: Actors) -> Found | None:
        inverted = inverted_name(cue.root) if cue._.cue.kind == CueKind.VERB and cue._.cue.speech else None
        if inverted is not None:
            return self._speakers_at([inverted.root], actors)
        heads = self._heads(cue.root, cue._.cue.kind, actors)
        if not quotes.inside_quotation(cue.root):    # "“... Or Ferguson,” Trump said": the quotation is said, not saying
            heads = [h for h in heads if not quotes.inside_quotation(h)]
        if not heads and cue._.cue.kind == CueKind.VERB and cue._.cue.speech:
            found = self._speakers_at(self._unparsed_subject(cue.root, actors), actors)
            return (found[0], SpeakerBasis.UNPARSED) if found else None
        return self._speakers_at(heads, actors)

    def _heads(self, tok: Token, kind: CueKind, actors: Actors) -> list[Token]:
        if kind == CueKind.NOUN:
            return self._noun_owner(tok, actors) or self._headline_subject(tok, actors)
        if kind == CueKind.ACCORDING:
            named = [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            # "according to a statement from the ministry", "according to an interview X gave"
            return named + [s for g in named if g.lemma_.lower() in self.carrier_nouns
                            for s in self._issuers(g, actors)]
        if kind == CueKind.COLON:
            return [tok.doc[tok.i - 1]]       # "Kovac: ...": the name the colon follows
        if kind == CueKind.ADJECTIVE:
            verb = tok.head if tok.dep_ in ("acomp", "xcomp") else tok
            # "Russia is opposed to ...": the passive subject holds the view
            return self._subjects(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        return self._subjects(tok)

    @staticmethod
    def _headline_subject(noun: Token, actors: Actors) -> list[Token]:
        """"Trump calls for ...", "Kovac warns of ...": a headline's verb the tagger took for a
        plural noun, the object of the name opening the line: the name is its subject."""
        head = noun.head
        if noun.tag_ != "NNS" or noun.dep_ != "dobj" or head.dep_ != "ROOT" or head.i != noun.i - 1 \
                or quotes.paragraph_start(noun.doc, head.i) != head.left_edge.i or actors.mention_at(head) is None:
            return []
        return [head]

    @staticmethod
    def _speakers_at(heads: list[Token], actors: Actors) -> Found | None:
        """The speakers the subject-like tokens (and their conjuncts) stand for, None if none."""
        speakers: list[ActorRef] = []
        bases: list[SpeakerBasis] = []
        for head in heads:
            conjoined = [head, *head.conjuncts]
            named = any((m := actors.mention_at(t)) is not None and m.kind == "Person" for t in conjoined)
            for t in conjoined:
                found, basis = actors.resolution(t)
                if not found and named and t.tag_ == "NN" and not any(c.dep_ == "det" for c in t.children):
                    continue           # "Former prosecutor and Mayor Rudy Giuliani": his titles, not another speaker
                if not found and (unnamed := actors.unnamed(t)) is not None:
                    found, basis = [unnamed], SpeakerBasis.UNNAMED
                for actor in found:
                    ref = actors.speaker(actor)
                    if ref not in speakers:
                        speakers.append(ref)
                        bases.append(basis)
        return (tuple(speakers), max(bases, key=lambda b: b.rank)) if speakers else None

    def _subjects(self, verb: Token) -> list[Token]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or agents:
            return subjects + agents
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return []                          # "is considered to be": no one is named
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            return self._subjects(verb.head)   # "wants to spend", "said ... and added"
        if verb.dep_ == "ROOT" and any(c.dep_ == "conj" and c.pos_ == "VERB" for c in verb.children):
            # "X summed up A, denounced B and said C": the parser hung the first of three
            # predicates, subject and all, on the second
            led = [g for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.i < verb.i
                   and not any(m.dep_ == "mark" for m in c.children) for g in c.children if g.dep_ == "nsubj"]
            if led:
                return led[:1]
        if named_after_quotation(verb):
            return [verb.doc[verb.i - 1]]      # "“...,” Kovac replies": the name compounded onto the verb
        if (subject := modifier_subject(verb)) is not None and subject.dep_ != "nsubj":
            return [subject]                   # "Trump described families ...": a name hung on it as an adverb
        if verb.dep_ in ("amod", "compound") and reporting_after_quotation(verb):
            head = verb.head                   # "“...,” mused radio host Tom Reed": the name it "modifies"
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            return [head]
        if hung_on_subject(verb):
            return [verb.head]
        if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.lemma_.lower() in self.occasion_nouns \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return self._subjects(verb.head.head)  # "took a moment to point out": who took it
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lemma_.lower() in self.carrier_nouns:
            host = participle_host(verb)       # "Seoul issued a statement criticizing ...": the issuer
            return self._subjects(host) if host is not None else []
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and (sender := self._sender(verb.head)) is not None:
            return self._subjects(sender)      # "emailed supporters saying ...": the sender
        perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children)
        if (verb.tag_ == "VBG" or perfect) and verb.dep_ in ("advcl", "pcomp"):   # "..., having said"
            host = participle_host(verb)
            if host is None:
                return []
            if host.lemma_ == "quote":    # "X was quoted as saying", "the agency quoted X as saying"
                return [c for c in host.children if c.dep_ in ("nsubjpass", "dobj")]
            return self._clause_subject(host)   # "defended the plan, saying ...": the main clause's subject
        return []

    def _sender(self, addressee: Token) -> Token | None:
        """The verb sending words to `addressee` ("emailed supporters", "sent a message to
        voters"), if it is one."""
        verb = addressee.head.head if addressee.dep_ == "pobj" and addressee.head.lower_ == "to" else addressee.head
        if addressee.dep_ not in ("dobj", "dative", "pobj") or verb.pos_ != "VERB":
            return None
        carried = any(c.dep_ == "dobj" and c.lemma_.lower() in self.carrier_nouns for c in verb.children)
        return verb if carried or self.lexicon.verb_lemma(verb) in self.sending_verbs else None

    def _clause_subject(self, verb: Token) -> list[Token]:
        """The subject of the main clause a participle hangs on. On a reported clause it continues
        the report ("X said Iran had expanded ..., warning that ..." is X's warning), so it takes
        the reporting clause's subject."""
        for _ in range(3):
            if verb.dep_ != "ccomp" or verb.head.i == verb.i:
                break
            verb = verb.head
        return self._subjects(verb) if verb.dep_ in ("ROOT", "conj") else []

    @staticmethod
    def _unparsed_subject(verb: Token, actors: Actors) -> list[Token]:
        """A verb of saying the parser left without a subject, as it does after a long one ("X, who
        has ... for years, said", "“...,” X, a former aide, said"): the speaker is the first actor
        named after the last quotation mark before the verb whose name is followed by a comma
        (the head of a subject with an apposition or a relative clause), outside
        prepositional phrases; else one named right after the verb ("said X"); else a described
        speaker whose relative clause the parser hung the verb on the phrase before; else someone's
        office or campaign right before the verb ("X's office announced")."""
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children) \
                or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
            return []
        doc, sent = verb.doc, verb.sent
        marks = [t.i for t in sent if t.i < verb.i and quotes.is_mark(t)]
        # after "“...,” said X", what the parser hangs on the verb is the name's apposition or a
        # participle ("said X, asked about ..."), not what was said
        said = set() if reporting_after_quotation(verb) else \
            {t.i for c in verb.children if c.dep_ in ("ccomp", "dobj") and c.i > verb.i for t in c.subtree}
        start = marks[-1] + 1 if marks else sent.start
        before = [m.root for m in actors.mentions if start <= m.start and m.end < verb.i and doc[m.end].text == ","
                  and not (m.start > sent.start and doc[m.start - 1].pos_ == "ADP")]
        # "said Blaze co-host Tom Reed": the name after the verb and the words of the role before it
        after = [m.root for m in actors.mentions if verb.i < m.start < min(verb.i + AFTER_VERB, sent.end)
                 and m.start not in said and all(role_word(t) for t in doc[verb.i + 1:m.start])]
        # "a White House official who spoke anonymously said": a described speaker whose phrase,
        # relative clause and all, ends at the verb, which the parser hung on the phrase before
        described = [t for t in doc[start:verb.i] if t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == verb.i - 1
                     and t.dep_ in ("appos", "nsubj", "dep", "npadvmod", "ROOT") and t.left_edge.i > start
                     and any(c.dep_ == "relcl" for c in t.children) and actors.actors_at(t)]
        # "After a day of tensions, House Speaker Paul Ryan's office announced": a possessed noun
        # right before the verb, which the parser joined to the phrase before
        owned = [t for t in doc[verb.i - 1:verb.i] if t.pos_ == "NOUN" and t.i > start
                 and any(c.dep_ == "poss" and actors.actors_at(c) for c in t.children)]
        return (before or after or described or owned)[:1]

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

    def _utterance_owners(self, cue: SpacySpan, actors: Actors) -> Found | None:
        """"Clinton's remarks suggested that ...": the speaker of a verb whose subject is an
        utterance noun is the noun's owner."""
        if cue._.cue.kind != CueKind.VERB:
            return None
        nouns = [c for c in cue.root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                 and c.lemma_.lower() in self.lexicon.nouns]
        return self._speakers_at([owner for n in nouns for owner in self._noun_owner(n, actors)], actors)


def in_adverbial_clause(verb: Token, of: Token) -> bool:
    """Whether `verb` heads, or lies in, an adverbial clause of `of` ("when ...", "as ...")."""
    tok = verb
    while tok.head != tok and tok != of:
        if tok.dep_ == "advcl" and tok.head == of:
            return True
        tok = tok.head
    return False


def role_word(tok: Token) -> bool:
    """A word of a role or title before a name ("the Norland deputy minister", "radio co-host"),
    not a preposition, verb, pronoun or possessive that would make the name another phrase's."""
    return tok.text == "-" or not tok.is_punct and (tok.pos_ not in ("ADP", "VERB", "AUX", "PART", "PRON")
                                                    or tok.dep_ in ("amod", "compound"))     # "retired general"


def participle_host(participle: Token) -> Token | None:
    """The verb a participle's phrase hangs on, through the prepositions and adverbial phrases
    between them ("voted ..., while at the same time urging", "was quoted as saying")."""
    tok = participle
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


@Language.factory("speaker_linker", assigns=["span._.speakers"], requires=["doc.spans", "span._.cue", "span._.actor"],
                  default_config=resources.DEFAULTS)
def make_speaker_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> SpeakerLinker:
    return SpeakerLinker(ontology, lexicon)

