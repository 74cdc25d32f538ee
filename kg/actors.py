"""Who a mention of an actor refers to, within one document.

The actor linker component marks every named actor in `doc.spans["actors"]`: curated names carry
their IRI from the EntityRuler; other names found by the statistical NER become new actors; a bare
surname ("Lavrov") resolves to the person named in full earlier in the same document. A name that
is the subject of a verb of saying is an actor whatever the NER made of it, or if it missed it; a
dateline is not.

`Actors` answers, for any token the later stages point at, which actors it stands for: a named
mention; "he"/"she" and "it" the last compatible actor outside quotations, preferring one that
was a grammatical subject; "who" the one its clause is about; "Russian officials" or "Russia's
leadership" the government of the country they qualify; a title ("the Russian Prime Minister")
its holder on the document's date; an apposition its name; "X's office" or "a spokesman for X"
X; "an official" in a lede the person the next sentence introduces with a role.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import quotes, resources
from .annotations import ACTORS, SpeakerBasis
from .cues import hung_on_subject, named_after_quotation
from .given_names import FEMALE, MALE, is_given_name, name_gender
from .lexicon import Lexicon
from .model import ActorRef
from .ontology import Ontology

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
SUBORDINATE = ("advcl", "ccomp", "relcl", "xcomp", "conj")     # clauses hung on another clause
NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
# Labels the small model gives a person's name it does not know ("Roman Smbatyan" as NORP): a
# name of two or more capitalised words that speaks is a person whatever the label.
MISLABELLED_NAMES = ("NORP", "WORK_OF_ART", "FAC", "PRODUCT", "LOC", "EVENT", "LAW", "LANGUAGE")
SENTENCE_WINDOW = 2
# What an unnamed speaker's description keeps: its own words ("a senior Ruritanian official",
# "a spokeswoman for the ministry"), not the clauses about it.
UNNAMED_MODIFIERS = ("det", "amod", "compound", "poss", "nummod", "nmod", "advmod")
UNNAMED_PREPS = ("for", "of", "at", "with", "from", "in")
# How many sentences back a pronoun finds the actor it stands for: a reported interview runs on
# through paragraphs of "he said" after one naming.
PRONOUN_WINDOW = 4
PLACES = ("GPE", "LOC", "ORG", "NORP")
NOT_NAME_POS = ("ADV", "VERB", "AUX", "DET", "PUNCT", "NUM", "CCONJ", "SCONJ", "PRON", "SPACE")


# The party and state a US legislator's name is followed by ("R-Kan.", "D-Calif."): never a name.
PARTY_TAG = re.compile(r"[A-Z]-[A-Z][A-Za-z.]*")


class ActorLinker:
    """Writes `doc.spans["actors"]`, each span's `_.actor` the actor it names."""

    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.lexicon = lexicon
        self.titles = lexicon.words("person_titles")
        self.institutions = lexicon.words("institution_roles")
        self.name_particles = lexicon.words("name_particles")
        self.name_suffixes = lexicon.words("name_suffixes")
        self.organization_words = lexicon.words("organization_words") | self.institutions
        self.person_roles = lexicon.words("person_roles")

    def __call__(self, doc: Doc) -> Doc:
        topic_tokens = {i for span in doc.spans.get("topics", []) for i in range(span.start, span.end)}
        mentions: list[SpacySpan] = []
        for ent in doc.ents:
            if not ent.ent_id_ and topic_tokens.intersection(range(ent.start, ent.end)):
                continue                      # a named treaty or policy, not an actor
            if dateline(ent):
                continue                      # "GENEVA, Jan 29 (Agency) —": where the story was filed
            actor = self._resolve(ent, mentions)
            if actor is not None:
                span = SpacySpan(doc, ent.start, ent.end, label=ACTORS)
                span._.actor = actor
                mentions.append(span)
        mentions = self._one_kind_per_name(self._named_in_full_later(mentions))
        mentions += self._repeated_names(doc, mentions)
        doc.spans[ACTORS] = sorted(mentions + self._speaking_names(doc, mentions), key=lambda m: m.start)
        return doc

    def _speaking_names(self, doc: Doc, mentions: list[SpacySpan]) -> list[SpacySpan]:
        """A name the NER did not mark at all, as the subject of a verb of saying or its apposition
        ("Halloran said", "the head of the church, Bishop Tomas Vell, said"): a person, with the
        proper nouns compounded before it, titles aside."""
        taken = {i for span in [*doc.ents, *mentions] for i in range(span.start, span.end)}
        found = []
        for tok in doc:
            if tok.i in taken or not capitalised(tok):
                continue
            # "“...?” Hannity pressed", "M. Dane Waters predicted": a capitalised word after a closing
            # quotation or a given name is a name, however tagged
            given = any(c.dep_ == "compound" and c.is_title and is_given_name(c.text) and c.i not in taken
                        for c in tok.lefts)
            named = tok.pos_ == "PROPN" or name_like_noun(tok) and (given or quotes.reporting_after(tok)
                                                                    and not quotes.inside_quotation(tok))
            speaks = self._speaks(tok) or tok.dep_ == "appos" and self._speaks(tok.head) or heads_a_quotation(tok)
            if not named or not speaks:
                continue
            if tok.lower_.rstrip(".") in self.name_suffixes:
                continue                      # "Joseph R. Biden Jr. warned": the end of a name found
            words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and capitalised(c)
                     and c.i not in taken] + [tok]
            while words and words[0].lower_.rstrip(".") in self.titles:
                words = words[1:]             # "Bishop Tomas Vell": the title is not the name
            if not words or any(t.lower_ in self.titles or t.text in self.ontology.demonyms for t in words):
                continue                      # "the Russian Prime Minister": a title, not a name
            span = SpacySpan(doc, words[0].i, tok.i + 1, label=ACTORS)
            if PARTY_TAG.fullmatch(written_word(doc.text, span.start_char, span.end_char)):
                continue                      # "Sen. Pat Roberts, R-Kan., said": a party and state, no name
            owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.i < span.start]
            if tok.lower_ in self.institutions:     # "Pakistan's Foreign Office claimed"
                span._.actor = self._ministry_of(owners + words) or ActorRef(span.text, "Organization")
            else:
                span._.actor = ActorRef(span.text, "Person")
            found.append(span)
        return found

    def _one_kind_per_name(self, mentions: list[SpacySpan]) -> list[SpacySpan]:
        """A minted name the NER took for an organization here and for a person there ("Nikki
        Haley" as ORG, "Haley said" as PERSON) is one person: a name of two or three words ending
        in a family name a person goes by, with no word of an institution's name, and the family
        name alone is that person."""
        family = {a.label.split()[-1] for m in mentions if (a := m._.actor).kind == "Person" and a.iri is None}
        for m in mentions:
            words = m._.actor.label.split()
            if m._.actor.iri is None and m._.actor.kind == "Organization" and 2 <= len(words) <= 3 \
                    and words[-1] in family and all(w[0].isupper() and w.lower() not in self.organization_words
                                                    for w in words):
                m._.actor = ActorRef(m._.actor.label, "Person")
        full = {a.label.split()[-1]: a for m in mentions
                if (a := m._.actor).kind == "Person" and a.iri is None and " " in a.label}
        for m in mentions:
            if m._.actor.iri is None and m._.actor.kind == "Person" and m._.actor.label in full:
                m._.actor = full[m._.actor.label]
        return mentions

    @staticmethod
    def _named_in_full_later(mentions: list[SpacySpan]) -> list[SpacySpan]:
        """A family name alone before the full name ("Kovac says ..." in a headline, "Anna Kovac"
        in the lede) is that person, whatever the NER took the lone word for."""
        people = [m for m in mentions if m._.actor.kind == "Person"]
        for m in mentions:
            if m._.actor.iri is None and len(m) == 1 and m[0].is_title and " " not in m._.actor.label:
                person = first_family_named([p for p in people if p.start > m.start], m.text)
                if person is not None:
                    m._.actor = person
        return mentions

    @staticmethod
    def _repeated_names(doc: Doc, mentions: list[SpacySpan]) -> list[SpacySpan]:
        """A person's family name written again where the NER did not mark it ("Kovac said"), or
        before the full name ("Kovac says" heading an article on Anna Kovac)."""
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        people = [m for m in mentions if m._.actor.kind == "Person"]
        found = []
        for tok in doc:
            if tok.i in taken or not (tok.pos_ == "PROPN" and capitalised(tok) or name_like_noun(tok)):
                continue
            person = family_named([m for m in people if m.start < tok.i], tok.text) \
                or first_family_named([m for m in people if m.start > tok.i], tok.text)
            if person is not None and not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
                span = SpacySpan(doc, tok.i, tok.i + 1, label=ACTORS)
                span._.actor = person
                found.append(span)
        return found

    def _resolve(self, ent: SpacySpan, earlier: list[SpacySpan]) -> ActorRef | None:
        if ent.ent_id_ and ent.ent_id_ in self.ontology.actors:
            return self._relative(ent) or self.ontology.actor_ref(ent.ent_id_)
        if len(ent) == 1 and capitalised(ent[0]):     # "Novak" again, whatever label the NER gave it
            person = family_named([m for m in earlier if m._.actor.kind == "Person"], ent.text)
            if person is not None:
                return person
        tokens = [t for t in ent if t.tag_ != "POS" and t.lower_ not in ("the", "'s", "’s")]
        # "Later de Mistura": the NER took in the adverb; "Carly Fiorina" tagged as one is a name
        while tokens and tokens[0].pos_ in NOT_NAME_POS and not (tokens[0].is_title and is_given_name(tokens[0].text)
                                                                 and len(tokens) > 1 and tokens[1].pos_ == "PROPN"):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:                  # "the United States.": one actor, no full stop
            tokens = tokens[:-1]
        # the tagger takes a sentence-initial plural-looking name for a noun ("Fields says")
        if not tokens or not any(t.pos_ == "PROPN" or name_like_noun(t) for t in tokens):
            return None
        speaks = any(self._speaks(t) for t in tokens)     # "Will Estrada": the root may be the given name
        kind = NER_KINDS.get(ent.label_)
        if kind == "Organization" and (self._particled_name(tokens) or self._given_named(tokens)
                                       or self._described_as_person(ent.root)):
            kind = "Person"
        if kind is None and speaks and ent.label_ == "FAC":
            kind = "Organization"         # "the Vatican says", "Downing Street said": a building for who works there
        # "Will Estrada said": a given name the tagger took for another word may open the name
        if kind is None and speaks and ent.label_ in MISLABELLED_NAMES and len(tokens) > 1 \
                and all((t.pos_ == "PROPN" or t.i == tokens[0].i and is_given_name(t.text)) and t.is_title
                        for t in tokens) and ent.text not in self.ontology.demonyms:
            kind = "Person"
        if kind is None:
            return None
        label = ent.doc[tokens[0].i:tokens[-1].i + 1].text.lstrip("".join(DASHES))     # "-Philip Bump" in a list
        if len(tokens) > 1:                   # "de Mistura" again, as "De Mistura": one actor, whatever the label
            again = ending_name([m for m in earlier if len(m._.actor.label.split()) >= len(tokens)], label)
            if again is not None:
                return again
        if kind != "Person" and len(tokens) == 1:     # "the Taliban" after "the Afghan Taliban"
            again = ending_name([m for m in earlier if m._.actor.kind != "Person"], label)
            if again is not None:
                return again
        if kind != "Person" and len(tokens) == 1 and not tokens[0].text.isupper() and not speaks:
            return None               # a lone capitalised word ("State" of "Secretary of State")
        if kind == "Person":
            people = [m for m in earlier if m._.actor.kind == "Person"]
            person = family_named(people, tokens[-1].text) if len(tokens) == 1 else \
                next((m._.actor for m in reversed(people) if same_person(m._.actor.label, label)), None)
            person = person or self._full_name(label, ent)
            if person is not None:
                return person
            if len(tokens) == 1 and not (self._titled(ent) or speaks):
                return None           # a lone unknown name: not enough to mint a person, unless titled or speaking
        elif kind == "Organization":
            owner = [c for c in ent.root.children if c.dep_ in ("poss", "compound", "amod") and c.i < ent.start]
            government = self._ministry_of(owner + tokens)
            if government is not None:
                return government
        return ActorRef(label, kind)

    def _relative(self, ent: SpacySpan) -> ActorRef | None:
        """"Eric Trump" where the gazetteer knows "Trump" as Donald Trump's family name: a given
        name of another initial before it (also one the NER split off as a name of its own) makes
        another person of that family."""
        given = ent.doc[ent.start - 1] if ent.start else None
        known = self.ontology.actors[ent.ent_id_]
        name = [t for t in ent if t.tag_ != "POS"]                  # "Bush's": the name without its "'s"
        if len(name) != 1 or given is None or known.kind != "Person" or given.pos_ != "PROPN" \
                or not given.is_title or given.ent_type_ not in ("", "PERSON") or given.dep_ != "compound" \
                or given.head.i != ent.root.i \
                or given.lower_.rstrip(".") in self.titles or given.text[0] == known.label[0]:
            return None
        return ActorRef(f"{given.text} {name[0].text}", "Person")

    def _particled_name(self, tokens: list[Token]) -> bool:
        """"de Mistura", "Staffan de Mistura", "van Rompuy": a name particle before a family name
        makes a person's name, whatever the NER took it for; "Banco de Portugal" names a place."""
        for n, t in enumerate(tokens[:-1]):
            after = tokens[n + 1]
            if t.lower_ in self.name_particles and n <= 1 and after.is_title \
                    and not self.ontology.country_named(after.text) and after.ent_type_ != "GPE":
                return all(w.is_title for w in tokens[:n])
        return False

    def _described_as_person(self, name: Token) -> bool:
        """"Nikki Haley, who delivered ...", "Haley, the governor, said": a name the NER took for an
        organization is a person's when a relative "who" or a person's role describes it."""
        return any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in c.children)
                   or c.dep_ == "appos" and c.lemma_.lower() in self.person_roles for c in name.children)

    def _given_named(self, tokens: list[Token]) -> bool:
        """"Carly Fiorina" taken for an organization: two or three capitalised names opening with a
        given name that nearly always goes with one gender (whatever the tagger took it for) are a
        person's, unless an article stands before them ("the Carly Fund") or a word of an
        institution's name is among them ("Charles Schwab Corp")."""
        before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i else None
        return 2 <= len(tokens) <= 3 and all(t.is_title for t in tokens) \
            and all(t.pos_ == "PROPN" for t in tokens[1:]) \
            and name_gender(" ".join(t.text for t in tokens)) is not None \
            and not any(t.lower_.rstrip(".") in self.organization_words for t in tokens) \
            and not (before is not None and before.lower_ == "the")

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

    def _speaks(self, name: Token) -> bool:
        """The name is the subject of a verb of saying ("Verizon said", "said Halloran", "Rubio railed
        against") or the source of an "according to": whoever speaks is an actor, even with one word
        the NER was unsure of."""
        if name.dep_ == "pobj" and name.head.lower_ == "to" and name.head.head.lemma_.lower() == "accord":
            return True
        hung = next((c for c in name.children if hung_on_subject(c)), None)
        verb = hung or name.head
        lemma = self.lexicon.verb_lemma(verb)
        entries = [self.lexicon.verbs.get(key) for key in (lemma, *(f"{lemma} {c.lower_}" for c in verb.children))]
        # "“...,” Kovac replies": the parser compounds the name onto the verb
        subject = hung is not None or name.dep_ == "nsubj" and verb.pos_ == "VERB" \
            or name.dep_ == "compound" and named_after_quotation(verb)
        return subject and any(e and e["speech"] for e in entries)

    def _titled(self, ent: SpacySpan) -> bool:
        """"Minister Tanaka", "Mr. Novak": a title or honorific right before the name."""
        before = ent.doc[ent.start - 1] if ent.start else None
        return before is not None and before.lower_.rstrip(".") in self.titles


CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*")


def capitalised(tok: Token) -> bool:
    """Written as a name is: title case, or with an inner capital ("McCain", "DeSantis")."""
    return tok.is_title or CAPITALISED.fullmatch(tok.text) is not None


def written_word(text: str, start: int, end: int) -> str:
    """The text from `start` to `end` with what is written onto it without a space or a bracket
    ("D" of "(D-Calif.)" is "D-Calif."), less a trailing comma."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([":
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in ")]":
        end += 1
    return text[start:end].rstrip(",;")


def noun_phrases(noun: Token) -> list[Token]:
    """The noun and the objects of its prepositional phrases, nested ones too ("the head of the
    Church of Greece"): where the parser may hang an apposition or a name."""
    phrases = [noun]
    for phrase in phrases:
        phrases += [g for c in phrase.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return phrases


DASHES = ("—", "–", "-", "--")


def heads_a_quotation(name: Token) -> bool:
    """The name ends a run of proper nouns that opens its paragraph, or follows a dash in a
    round-up line, before a colon and a quotation ("Polls were early - Anna Kovac: “...”"): whoever
    is quoted so is a speaker, whatever the NER made of the name."""
    doc = name.doc
    if name.i + 2 >= len(doc) or doc[name.i + 1].text != ":":
        return False
    after = next((t for t in doc[name.i + 2:] if not t.is_space), None)
    if after is None or not quotes.is_mark(after):
        return False
    start = name.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and capitalised(doc[start - 1]):
        start -= 1
    return quotes.paragraph_start(doc, start) == start or start > 0 and doc[start - 1].text in DASHES


def relative_antecedent(tok: Token) -> Token:
    """What a relative pronoun stands for ("Republicans who say": Republicans), else the token."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return tok.head.head
    return tok


def dateline(ent: SpacySpan) -> bool:
    """A place in capitals, or one followed by an agency in brackets, opening a paragraph and
    followed, before any verb, by a dash ("GENEVA, Jan 29 (Agency) —", "New York (Agency) -"):
    the dateline of a wire story."""
    doc = ent.doc
    opens = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws
    bracketed = ent.end < len(doc) and doc[ent.end].text == "("
    if not opens or not (ent.text.isupper() or bracketed) or ent.label_ not in ("GPE", "LOC", "ORG"):
        return False
    for tok in doc[ent.end:ent.end + 10]:
        if tok.text in DASHES:
            return True
        if tok.pos_ in ("VERB", "AUX") or "\n" in tok.text:
            return False
    return False


def same_person(known: str, name: str) -> bool:
    """Two full names of one person: the same family name and given names that agree ("Joseph R.
    Biden" and "Joseph Biden", "J. Biden"); "Freddy Ortega" is not "German Ortega"."""
    a, b = known.split(), name.split()
    if a[-1] != b[-1]:
        return False
    first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
    initial = len(first_a) == 1 or len(first_b) == 1
    return first_a == first_b or initial and first_a[0] == first_b[0]


def _said_before(subject: Token) -> set[int]:
    """The tokens of what the subject's verb reports before it ("X is a force, the board writes"),
    also where the parser hung the verb on the clause it reports."""
    verb = subject.head
    said = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < subject.i for t in c.subtree}
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
        own = {t.i for t in verb.subtree}
        said |= {t.i for t in verb.head.subtree if t.i < subject.i and t.i not in own}
    return said


def _outside_own(tok: Token, clause: Token) -> bool:
    """`tok` lies in a relative clause or a noun's modifier within `clause` ("he told Hannity, to
    cheers from the crowd at the event where Trump spoke": Trump is not one of the clause's own),
    or in a clause conjoined to it with a subject of its own ("He admits ..., but Prager thinks")."""
    while tok.i != clause.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl") or tok.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in tok.children):
            return True
        tok = tok.head
    return False


def narrative_sentences(doc: Doc) -> dict[int, int]:
    """Each token's sentence number, counting only sentences with a word outside quotation marks:
    a quotation of many sentences is one step of the telling ("Obama said, “A. B. C. D.” | “E,”
    he continued": he is Obama), so it does not push the speaker out of a pronoun's reach."""
    quoted = quotes.quoted_tokens(doc)
    numbers: dict[int, int] = {}
    n = -1
    for sent in doc.sents:
        if n < 0 or any(not (t.is_punct or t.is_space) and t.i not in quoted for t in sent):
            n += 1
        numbers.update((t.i, n) for t in sent)
    return numbers


def family_named(people: list[SpacySpan], name: str) -> ActorRef | None:
    """The person named earlier whose family name `name` is: the last word of a full name, or the
    first word of one written family name first ("Yoon Suk Yeol" ... "Yoon said"). Of two who share
    it, the one introduced first: news style gives the other a given name ("Tom Lund" becomes
    "Tom")."""
    by_last = [m._.actor for m in people if len(m._.actor.label.split()) > 1 and m._.actor.label.split()[-1] == name]
    by_first = [m._.actor for m in people if len(m._.actor.label.split()) > 1 and m._.actor.label.split()[0] == name]
    return (by_last or by_first or [None])[0]


def name_like_noun(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun where a name stands: a subject ("Fields
    said", "Sanders says"), before the colon of a headline ("Sanders: ...") or an owner ("Sanders’
    campaign")."""
    after = tok.doc[tok.i + 1].text if tok.i + 1 < len(tok.doc) else ""
    headline = after == ":" and quotes.paragraph_start(tok.doc, tok.i) == tok.i
    owner = tok.dep_ in ("poss", "nmod") and after in ("'", "’", "'s", "’s")     # "Sanders’ campaign"
    return tok.pos_ == "NOUN" and (tok.dep_ in SUBJECTS or headline or owner) and tok.is_title


def first_family_named(people: list[SpacySpan], name: str) -> ActorRef | None:
    """The first of `people` (named after the word `name`) whose family name it is."""
    return next((m._.actor for m in people if len(m._.actor.label.split()) > 1
                 and name in (m._.actor.label.split()[-1], m._.actor.label.split()[0])), None)


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
        self.plural_pronouns = lexicon.words("plural_pronouns")
        self.including = lexicon.words("including_preps")
        self.person_roles = lexicon.words("person_roles")
        self.institution_roles = lexicon.words("institution_roles")
        self.principal_nouns = lexicon.words("principal_nouns")
        self.unnamed_groups = lexicon.words("unnamed_groups")
        self._gendered_words = {FEMALE: lexicon.words("female_words"), MALE: lexicon.words("male_words")}
        self._sentence_of = {tok.i: n for n, sent in enumerate(doc.sents) for tok in sent}
        self._told_of = narrative_sentences(doc)
        self.mentions: list[SpacySpan] = list(doc.spans.get(ACTORS, []))
        self._by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self._titled_genders = self._genders_by_title()

    def _genders_by_title(self) -> dict[ActorRef, str]:
        """The persons a title of gender names somewhere in the text ("Mrs. Kovac", "Mr. Reed")."""
        genders: dict[ActorRef, str] = {}
        for m in self.mentions:
            if m._.actor.kind != "Person":
                continue
            words = [t.lower_.rstrip(".") for t in m.doc[max(0, m.start - 1):m.start + 1]]
            for gender, titles in self._gendered_words.items():
                if any(w in titles for w in words):
                    genders.setdefault(m._.actor, gender)
        return genders

    def gender(self, actor: ActorRef) -> str | None:
        """FEMALE or MALE when a title in the text or the person's given name says so, else None."""
        return self._titled_genders.get(actor) or name_gender(actor.label) if actor.kind == "Person" else None

    def pronoun_gender(self, pronoun: str) -> str | None:
        return next((g for g, words in self._gendered_words.items() if pronoun.lower() in words), None)

    def agrees(self, actor: ActorRef, pronoun: str) -> bool:
        """False only when the pronoun's gender and the person's are both known and differ."""
        wanted, known = self.pronoun_gender(pronoun), self.gender(actor)
        return wanted is None or known is None or wanted == known

    def _curated(self, iri: str) -> ActorRef:
        return self.ontology.actor_ref(iri)

    def sentence_index(self, i: int) -> int:
        """The number of the sentence holding token `i`, counted from the start of the document
        over the sentences the writer tells (`narrative_sentences`)."""
        return self._told_of[i]

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
        return self.resolution(tok)[0]

    def resolution(self, tok: Token) -> tuple[list[ActorRef], SpeakerBasis | None]:
        """The actors a subject-like token stands for, and how they were found: named, resolved
        from a description, or from a pronoun (None when it stands for none)."""
        named = self.mention_at(tok) or self._name_part(tok)
        if named is not None:
            return [named], SpeakerBasis.NAME
        lower = tok.lower_
        if tok.pos_ == "ADJ" and tok.text in self.ontology.demonyms:      # "Russian thinking"
            return [self._curated(self.ontology.demonyms[tok.text])], SpeakerBasis.NAME
        if (country := self._side_of(tok)) is not None:                  # "the Russians insisted"
            return [country], SpeakerBasis.DESCRIPTION
        if (antecedent := relative_antecedent(tok)) is not tok:
            return self.resolution(antecedent)         # "Barkley, who said ...": the one the clause is about
        if tok.pos_ == "PRON" and lower in self.plural_pronouns:
            group = self._group_antecedent(tok)
            return ([group], SpeakerBasis.PRONOUN) if group else ([], None)
        if tok.pos_ == "PRON":
            pronouns = self.person_pronouns | self.thing_pronouns
            found = self._antecedent(tok, person=lower in self.person_pronouns) if lower in pronouns else None
            return ([found], SpeakerBasis.PRONOUN) if found else ([], None)
        if tok.pos_ in ("NOUN", "PROPN"):
            apposed = [a for c in self._apposed(tok) if (a := self.mention_at(c)) and a.kind == "Person"] \
                or self._named_before(tok)
            if apposed:                        # "Russia's envoy in Vienna, Mikhail Ulyanov, said"
                return apposed, SpeakerBasis.NAME
            included = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in self.including
                        for t in c.subtree if (a := self.mention_at(t)) and a.kind == "Person"]
            if included:
                return list(dict.fromkeys(included)), SpeakerBasis.NAME
            # the name it is known by, whom it speaks for, who holds the title, the person the
            # next sentences introduce, the government of its country, the person or institution it
            # refers back to: the first that answers
            for resolve in (self._known_as, self._principal, self._title_holder, self._named_next,
                            self._government_of, self._role_antecedent):
                actor = resolve(tok)
                if actor is not None:
                    return [actor], SpeakerBasis.DESCRIPTION
        return [], None

    def _side_of(self, tok: Token) -> ActorRef | None:
        """"The Russians said", "the Iranians rejected": a people named by its demonym in the plural
        with the article is the country's side in the talks (and speaks through its government);
        "Iranians voted", with no article, are its people, and stand for nobody."""
        if tok.tag_ != "NNPS" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        iri = self._plural_demonym(tok.text)
        return self._curated(iri) if iri else None

    def _plural_demonym(self, word: str) -> str | None:
        """The country a demonym in the plural names ("Russians", "the Chinese"), or None."""
        demonyms = self.ontology.demonyms
        return demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)

    def unnamed(self, noun: Token) -> ActorRef | None:
        """A speaker the text describes by a role and never names ("a witness said", "police
        said", "the commission said" with no commission named before): that description, as an
        actor of its own document. Only a role noun of the lexicon qualifies, a person's in the
        singular; a pronoun or any other noun ("the car") stands for nobody."""
        if noun.tag_ == "NNPS" and noun.ent_type_ == "NORP" and self._plural_demonym(noun.text) is None:
            return ActorRef(noun.text, "Group", unnamed=True)      # "Democrats say": a party's people
        forms = {noun.lemma_.lower(), noun.lower_}
        group = bool(forms & self.unnamed_groups)
        person = bool(forms & self.person_roles)
        if noun.pos_ not in ("NOUN", "PROPN") or not (group or person or forms & self.institution_roles):
            return None
        if person and not group and noun.tag_ in ("NNS", "NNPS"):
            return None                  # "officials said", "reporters asked": a crowd, no one in particular
        words = [t for c in noun.lefts if c.dep_ in UNNAMED_MODIFIERS for t in c.subtree] + [noun]
        for c in noun.rights:                # "the group for the Acme plans" (", which ..." aside)
            if c.dep_ == "prep" and c.lower_ in UNNAMED_PREPS:
                words += takewhile(lambda t: not t.is_punct, c.subtree)
        words.sort(key=lambda t: t.i)
        if any(quotes.is_mark(t) for t in words):
            return None
        label = noun.doc[words[0].i:words[-1].i + 1].text
        if words[0].i == noun.sent.start and words[0].pos_ != "PROPN":
            label = words[0].lower_ + label[len(words[0].text):]        # "A witness said" -> "a witness"
        kind = "Group" if group else "Person" if person else "Organization"
        return ActorRef(label, kind, unnamed=True)

    def _named_next(self, noun: Token) -> ActorRef | None:
        """"An Egyptian official said ..." in a lede, then "Hossam Farid, a spokesman for the
        ministry, told ...": an unnamed official is the person the next sentences introduce with
        a role in apposition."""
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        lemma = noun.lemma_.lower()
        if not dets & {"a", "an"} or noun.dep_ not in SUBJECTS or noun.tag_ != "NN" \
                or lemma not in self.person_roles | self.government_nouns:
            return None
        sentence = self._sentence_of[noun.i]
        for m in self.mentions:
            if m.start <= noun.i or m._.actor.kind != "Person":
                continue
            if self._sentence_of[m.start] - sentence > SENTENCE_WINDOW:
                return None
            if self._sentence_of[m.start] > sentence and any(
                    c.dep_ == "appos" and c.pos_ == "NOUN" for c in m.root.children):
                return m._.actor
        return None

    def _government_of(self, noun: Token) -> ActorRef | None:
        """"Russian officials", "Russia's leadership": the government of the country qualifying them;
        "EU officials": the organization; "Obama's administration": the government its head led."""
        if noun.lower_ not in self.government_nouns and noun.lemma_.lower() not in self.government_nouns:
            return None
        country = self._qualifying_country(noun)
        if country is not None:
            return country
        # "EU officials", "G7 leaders", "leaders of the African Union": the organization they speak for
        owners = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod")]
        owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        organization = next((a for o in owners if (a := self.mention_at(o)) is not None
                             and a.kind in ("InternationalOrganization", "Organization")), None)
        if organization is not None:
            return organization
        for c in noun.children:
            head = self.mention_at(c) if c.dep_ in ("poss", "compound") else None
            if head is not None and head.kind == "Person" and head.iri:
                led = [t.organization for t in self.ontology.tenures if t.person == head.iri
                       and t.organization in self.ontology.actors
                       and self.ontology.actors[t.organization].kind == "Government"]
                if led:
                    return self._curated(led[-1])
        return None

    def _name_part(self, tok: Token) -> ActorRef | None:
        """The name the parser made a modifier of the word after it ("Joseph R. Biden Jr."): a
        proper noun whose compound is a named actor stands for that actor."""
        if tok.pos_ != "PROPN":
            return None
        return next((a for c in tok.lefts if c.dep_ == "compound" and (a := self.mention_at(c))), None)

    def _known_as(self, noun: Token) -> ActorRef | None:
        """"the group of industrialized nations known as the G7": the name it is known by."""
        for acl in (c for p in noun_phrases(noun) for c in p.children
                    if c.dep_ == "acl" and c.lemma_ in ("know", "call", "name")):
            named = [g for p in acl.children if p.dep_ in ("prep", "oprd") for g in p.subtree if self.mention_at(g)]
            if named:
                return self.mention_at(named[0])
        return None

    def _principal(self, noun: Token) -> ActorRef | None:
        """"Trump's campaign", "the Clinton campaign", "a spokesman for the ministry", "his
        campaign": who the campaign, office or spokesman speaks for, when it has no name of its
        own (for "his" and "her", the person they refer to; "its", the institution)."""
        if noun.lemma_.lower() not in self.principal_nouns and noun.lower_ not in self.principal_nouns:
            return None
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and c.i < noun.i]
        owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                   for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            if owner.pos_ == "PRON":
                actor = self._owning_pronoun(owner)
                if actor is not None:
                    return actor
                continue
            actors = self.actors_at(owner)
            # "Pakistan's foreign office spokesman": the owner's own owner
            actors = actors or [a for c in owner.children if c.dep_ == "poss" for a in self.actors_at(c)]
            if actors:
                return actors[0]
        return None

    def _owning_pronoun(self, owner: Token) -> ActorRef | None:
        """Whom "his", "her" or "its" before a campaign or an office stands for; "their" is a
        group's, and none is resolved."""
        if owner.lower_ in ("his", "her"):
            return self._antecedent(owner, person=True)
        if owner.lower_ == "its":
            return self._antecedent(owner, person=False, kinds=("Government", "Organization",
                                                               "InternationalOrganization"))
        return None

    @staticmethod
    def _quotation_start(tok: Token) -> int:
        """Where the quotation closing before `tok` in its sentence opened ("“A. B,” he said"), so
        that a quotation of several sentences does not push the antecedent out of reach."""
        opening = quotes.opening_before(tok.doc, tok.sent.start)
        return opening.i if opening is not None else tok.i

    def _role_antecedent(self, noun: Token) -> ActorRef | None:
        """"the spokesman added", "the senator insisted", "the ministry said": a definite role with
        no name of its own is the person named by that title next ("its foreign minister said ...
        Foreign Minister Elias Jaua"), else the unnamed speaker it introduced ("a senior
        official"), else, like a pronoun, the last person (or institution) named before it; but a
        role qualified further ("the Florida senator", "the Democratic nominee") that no title
        matches is someone the text does not name here."""
        lemma = noun.lemma_.lower()
        if lemma not in self.person_roles | self.institution_roles or noun.dep_ not in SUBJECTS:
            return None
        dets = [c for c in noun.children if c.dep_ in ("det", "poss")]
        if any(d.lower_ in ("a", "an", "some", "any", "no", "every", "each") for d in dets):
            return None                  # "a spokesman": someone new, not named
        if lemma in self.person_roles and any(d.dep_ == "poss" for d in dets):
            return None                  # "her friend said", "Reed's son said": someone of theirs, not them
        if lemma in self.institution_roles:
            if any(self.actors_at(t) for c in noun.children if c.dep_ == "prep"
                   for g in c.children if g.dep_ == "pobj" for t in (g, *g.lefts)):
                return None              # "the trade group for the Acme plans": theirs, not the last one named
            return self._antecedent(noun, person=False, kinds=("Government", "Organization",
                                                                "InternationalOrganization"))
        if noun.tag_ not in ("NN", "NNP"):
            return None                  # "the lawmakers said": a group, not the last person named
        titled = [m for m in self.mentions if m._.actor.kind == "Person" and self._titled_as(m, noun)]
        before = [m for m in titled if m.start < noun.i]
        after = [m for m in titled if m.start > noun.i
                 and self._sentence_of[m.start] - self._sentence_of[noun.i] <= SENTENCE_WINDOW]
        if before or after:
            return (before[-1] if before else after[0])._.actor
        introduced = self._introduced_as(noun)
        if introduced is not None or any(c.dep_ in ("amod", "compound", "nmod") for c in noun.lefts):
            return introduced                  # "the Florida senator": not whoever was named last
        return self._antecedent(noun, person=True)

    def _introduced_as(self, noun: Token) -> ActorRef | None:
        """"A senior official said ... The official added", "according to a senior official ... The
        official said": a definite role refers back to the unnamed speaker introduced by the same
        noun shortly before, not to the last person named."""
        sentence = self._sentence_of[noun.i]
        lemma = noun.lemma_.lower()
        for tok in reversed(noun.doc[:noun.i]):
            if sentence - self._sentence_of[tok.i] > SENTENCE_WINDOW:
                return None
            speaks = tok.dep_ in SUBJECTS or tok.dep_ == "pobj" and tok.head.head.lower_ == "according"
            if tok.lemma_.lower() == lemma and tok.tag_ == "NN" and speaks \
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
                return self.unnamed(tok)
        return None

    @staticmethod
    def _titled_as(mention: SpacySpan, noun: Token) -> bool:
        """The role words stand right before the name ("Foreign Ministry spokesman Wang Wei") or
        are its apposition ("Wang Wei, the ministry's spokesman"); "the vice president" is not
        "President X"."""
        phrase = {t.i for t in mention.root.subtree}      # not "the nominee explained that Comey ..."
        before = {t.lower_ for t in mention.doc[max(0, mention.start - 3):mention.start] if t.i in phrase}
        apposed = [c for c in mention.root.children if c.dep_ == "appos"] + \
            ([mention.root.head] if mention.root.dep_ == "appos" else [])
        words = {noun.lower_} | {t.lower_ for t in noun.lefts if t.dep_ == "compound"}
        # "Sanders, the senator from Vermont" is not "the Florida senator"
        return words <= before or any(a.lower_ == noun.lower_ and words <= {t.lower_ for t in a.subtree}
                                      for a in apposed)

    def _named_before(self, noun: Token) -> list[ActorRef]:
        """"Deborah Tamargo, the chairwoman of ..., recalled", parsed with the role as the subject
        and the name left as an adverbial: the person named right before the role's phrase."""
        i = noun.left_edge.i
        mention = self._by_token.get(i - 2) if i >= 2 and noun.doc[i - 1].text == "," else None
        if mention is None or mention._.actor.kind != "Person" or mention.root.dep_ not in ("npadvmod", "dep") \
                or mention.root.head.i != noun.head.i:
            return []
        return [mention._.actor]

    @staticmethod
    def _apposed(noun: Token) -> list[Token]:
        """Appositions naming `noun`, also where the parser hangs them on its prepositional
        phrases ("the envoy in Vienna, Mikhail Ulyanov")."""
        phrases = noun_phrases(noun)
        # "UN envoy to Syria Staffan de Mistura": the parser takes the name into the place's phrase
        named_objects = [p for p in phrases[1:] if any(c.dep_ in ("compound", "nmod") and c.ent_type_ in PLACES
                                                       for c in p.lefts)]
        return [c for p in phrases for c in p.children if c.dep_ == "appos"] + named_objects

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
        # "the president": of those named before, one who held such a post when the text was written
        current = self.ontology.holders(title, government, self.date) if self.date is not None else holders
        earlier = [m._.actor for m in self.mentions if m.start < noun.i and m._.actor.iri in current]
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

    def named_in_clause_of(self, pronoun: Token) -> set[ActorRef]:
        """The actors named after the pronoun (or role) in its own clause, and for a role in what its
        verb says before it or as the subject of the verb its clause is adverbial to, none of whom
        it can stand for ("He insisted Curiel had a conflict":
        he is not Curiel; "Curiel had a conflict, the board said"); not those a quotation names
        ("He says ... “it's not Bernie Sanders”" may be Sanders on himself)."""
        clause = pronoun.head
        # "Haley is a conservative, the board writes": what was said before the verb names no
        # institution or role that says it (a pronoun may: "is Trump's favourite plane, he said")
        said_before = set() if pronoun.pos_ == "PRON" else _said_before(pronoun)
        # a family name written there again, which the NER left unmarked ("Haley, who ..., is")
        names = {pronoun.doc[i].text for i in said_before if pronoun.doc[i].pos_ == "PROPN"}
        # "Kovac replied when the host said ...": a role in a clause that sets the scene of another's
        # verb is not that verb's subject (a pronoun may be: "Kovac smiled when she said")
        scene = clause.head if pronoun.pos_ != "PRON" and clause.dep_ == "advcl" else None
        return {m._.actor for m in self.mentions if not quotes.inside_quotation(m.root)
                and (m.start in said_before or m._.actor.label.split()[-1] in names
                     or m.start > pronoun.i and m.start <= clause.right_edge.i and not _outside_own(m.root, clause)
                     or scene is not None and m.root.head == scene and m.root.dep_ in SUBJECTS)}

    def governing_subject(self, pronoun: Token) -> ActorRef | None:
        """The person named as the subject of the clause the pronoun's clause depends on ("Trump
        rode the crowd's mood as he replied": he is Trump, whoever spoke last), or of a clause
        leading the pronoun's own ("When Trump used the words, he was echoing Ryan")."""
        clause = pronoun.head
        leading = [c for c in clause.children if c.dep_ == "advcl" and c.i < pronoun.i]
        for c in [*leading, *self._governing(clause)]:
            subjects = [a for g in c.children if g.dep_ in SUBJECTS and g.i < pronoun.i
                        and (a := self.mention_at(g)) is not None]
            if subjects:
                return subjects[0] if subjects[0].kind == "Person" and self.agrees(subjects[0], pronoun.lower_) \
                    else None
        return None

    @staticmethod
    def _governing(clause: Token) -> Iterator[Token]:
        """The clauses `clause` depends on, nearest first."""
        while clause.dep_ in SUBORDINATE and clause.head.i != clause.i:
            clause = clause.head
            yield clause

    def _group_antecedent(self, pronoun: Token) -> ActorRef | None:
        """"Republicans attacked the plan. They say ...": "they" as the last group the narrative made
        the subject of a clause close before it ("Republicans", "critics"), unnamed as groups are."""
        sentence = self._told_of[pronoun.i]
        for tok in reversed(pronoun.doc[:pronoun.i]):
            if sentence - self._told_of[tok.i] > PRONOUN_WINDOW:
                return None
            if tok.dep_ in SUBJECTS and tok.tag_ in ("NNS", "NNPS") and not quotes.inside_quotation(tok) \
                    and (group := self.unnamed(tok)) is not None and group.kind == "Group":
                return group
        return None

    def _antecedent(self, pronoun: Token, person: bool, kinds: tuple[str, ...] = ()) -> ActorRef | None:
        # a pronoun reaches back over the sentences told, past a long quotation; "the official",
        # close by, over the sentences as written
        if pronoun.pos_ == "PRON":
            number, window = self._told_of, PRONOUN_WINDOW
        else:
            number, window = self._sentence_of, SENTENCE_WINDOW
        sentence = number[self._quotation_start(pronoun)]
        quoted = quotes.inside_quotation(pronoun)     # outside a quotation, the names quoted are not who speaks
        others = {a.label for a in self.named_in_clause_of(pronoun)}     # by name: the NER may vary the kind
        candidates = [m for m in self.mentions
                      if m.start < pronoun.i and sentence - number[m.start] <= window
                      and m._.actor.label not in others
                      and (m._.actor.kind == "Person") == person and (not kinds or m._.actor.kind in kinds)
                      and (quoted or not quotes.inside_quotation(m.root))
                      and (not person or self.agrees(m._.actor, pronoun.lower_))]
        if not candidates:
            return None
        subjects = [m for m in candidates if m.root.dep_ in SUBJECTS]
        return (subjects or candidates)[-1]._.actor


@Language.factory("actor_linker", assigns=["doc.spans", "span._.actor"], requires=["doc.ents", "token.dep"],
                  default_config=resources.DEFAULTS)
def make_actor_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> ActorLinker:
    return ActorLinker(ontology, lexicon)

