"""Attributed statements from a parsed document: who, with which cue, said or holds what.

The rules read the dependency parse. A *cue* is a reporting or position verb ("said",
"called on", "wants"), an adjective ("keen on") or an owned noun ("Putin's message was that");
its subject gives the speakers (coordinated subjects give one statement each), its complement
the content, and the lexicon (`lexicon.yaml`) plus negation give the stance. A sentence ending in
a colon after a cue ("Putin responded:") opens a quoted block that runs over the following
paragraphs while they stay in the speaker's voice.

What is deliberately *not* a statement: questions, clauses under "if"/"whether", held positions
under a modal ("Russia will view ..." is the writer's prediction), and positions nested inside
another statement's content (they belong to the outer speaker's claim).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import dates
from .mentions import SUBJECTS, MentionResolver
from .model import ActorRef, Span, Statement, TopicRef
from .ontology import Ontology

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
BLOCK_MAX_PARAGRAPHS = 6
FIRST_PERSON = {"i", "we", "me", "us", "our", "my", "ours"}
THIRD_PERSON = {"he", "she", "his", "her", "him"}
ANAPHORIC_OPENERS = {"this", "that", "these", "those", "it", "and", "so"}


WORD_LISTS = ("negative_words", "positive_words", "linkage_words", "government_nouns",
              "hypothetical_marks", "speculative_modals", "addressee_preps")


class Lexicon:
    """The cue, stance and word lists of `lexicon.yaml`."""

    def __init__(self, data: dict):
        self.verbs: dict[str, dict] = data["verbs"]
        self.adjectives: dict[str, str] = data["adjectives"]
        self.nouns: dict[str, str | None] = data["nouns"]
        self.stance_objects: dict[str, str] = data["stance_objects"]
        self.event_nouns: dict[str, str] = data["event_nouns"]
        self.event_verbs: dict[str, str] = data["event_verbs"]
        self.treaty_verbs: dict[str, str] = data["treaty_verbs"]
        self.word_sets = {k: {w.lower() for w in data[k]} for k in WORD_LISTS}

    def verb_lemma(self, tok: Token) -> str:
        """The token's lemma, checked against the lexicon: the small model's lemmatizer slips on
        some inflections ("hoped" -> "hop"), so the word's own regular stems are tried too."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or tok.pos_ not in ("VERB", "AUX"):
            return lemma
        word = tok.lower_
        stems = [word[:-len(end)] + extra for end in ("ing", "ed", "es", "d", "s") if word.endswith(end)
                 for extra in ("", "e")]
        return next((stem for stem in stems if stem in self.verbs), lemma)

    @classmethod
    def load(cls, path: Path = LEXICON_FILE) -> "Lexicon":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Cue:
    token: Token                 # the head word of the cue
    words: str                   # the cue as written, e.g. "called on"
    stance: str | None           # None: read from the content
    speech: bool
    kind: str                    # verb | adjective | noun | according | block


class Attributor:
    """Finds statements in a spaCy Doc built by `kg.nlp`."""

    def __init__(self, ontology: Ontology, lexicon: Lexicon | None = None):
        self.ontology = ontology
        self.lexicon = lexicon or Lexicon.load()
        self.words = self.lexicon.word_sets
        for name in self._lexicon_stances():
            if name not in ontology.stances:
                raise ValueError(f"{LEXICON_FILE}: stance {name!r} is not in the ontology's stance scheme")

    def _lexicon_stances(self) -> set[str]:
        lx = self.lexicon
        return ({v["stance"] for v in lx.verbs.values() if v["stance"]} | set(lx.adjectives.values())
                | {v for v in lx.nouns.values() if v} | set(lx.stance_objects.values()))

    # ------------------------------------------------------------------ entry point

    def statements(self, doc: Doc, resolver: MentionResolver, document_date: str | None = None) -> list[Statement]:
        found: list[Statement] = []
        claimed: list[tuple[int, int]] = []          # content spans (token indices): nested cues are skipped
        for sent in doc.sents:
            if not sent.text.strip() or sent.text.rstrip().endswith("?"):
                continue
            for cue in self._cues(sent):
                if any(s <= cue.token.i < e for s, e in claimed) or self._hypothetical(cue):
                    continue
                speakers = resolver.speakers_of(cue) or self._utterance_owners(cue, resolver)
                if not speakers:
                    continue
                if cue.kind == "verb" and not cue.speech and self._speculative(cue.token):
                    continue
                if sent.text.rstrip().endswith(":") and cue.speech and cue.kind == "verb":
                    block = self._quote_block(doc, sent, cue, speakers)
                    found.extend(block)
                    if block:
                        claimed.append((sent.end, self._block_end(doc, block)))
                content = self._content(cue)
                if content is None:
                    continue
                found.extend(self._make(cue, speakers, content, sent, sentence_date(sent, document_date)))
                claimed.append((content.start, content.end))
        return unique(found)

    # ------------------------------------------------------------------ cues

    def _cues(self, sent: SpacySpan) -> list[Cue]:
        cues = []
        for tok in sent:
            cue = self._according_cue(tok) or self._adjective_cue(tok) or self._verb_cue(tok) or self._noun_cue(tok)
            if cue:
                cues.append(cue)
        # "X opposes Y, according to Z": the attribution frames the clause, so it goes first
        return sorted(cues, key=lambda c: c.kind != "according")

    @staticmethod
    def _according_cue(tok: Token) -> Cue | None:
        """"according to X": X is the source of the clause it attaches to."""
        if tok.lemma_.lower() == "accord" and tok.dep_ == "prep" and any(c.lower_ == "to" for c in tok.children):
            return Cue(tok, "according to", None, True, "according")
        return None

    def _verb_cue(self, tok: Token) -> Cue | None:
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
            return None
        verbs = self.lexicon.verbs
        lemma = self.lexicon.verb_lemma(tok)
        children = {c.lower_: c for c in tok.children}
        if lemma == "like" and any(c.lower_ == "would" for c in tok.children if c.dep_ == "aux"):
            entry, words = verbs["would like"], "would like"
        else:
            entry, words = None, tok.text
            for c in tok.children:
                key = f"{lemma} {c.lower_}"
                if key in verbs and c.dep_ in ("prt", "prep", "ccomp", "acomp", "oprd", "dobj", "advmod"):
                    entry, words = verbs[key], f"{tok.text} {c.text}"
                    break
            if entry is None:
                if lemma == "make":
                    return None
                entry = verbs.get(lemma)
        if entry is None:
            return None
        if any(n not in children for n in entry.get("needs", [])):
            return None
        if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBN" and tok.dep_ in ("acl",):
            return None
        return Cue(tok, words, entry["stance"], entry["speech"], "verb")

    def _utterance_owners(self, cue: Cue, resolver: MentionResolver) -> list[ActorRef]:
        """"Clinton's remarks suggested that ...": the speaker of a verb whose subject is an
        utterance noun is the noun's owner."""
        if cue.kind != "verb":
            return []
        nouns = [c for c in cue.token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                 and c.lemma_.lower() in self.lexicon.nouns]
        return [actor for n in nouns for actor in resolver.speakers_of(Cue(n, n.text, None, True, "noun"))]

    def _adjective_cue(self, tok: Token) -> Cue | None:
        stance = self.lexicon.adjectives.get(tok.lemma_.lower()) or self.lexicon.adjectives.get(tok.lower_)
        # "is opposed to", "is committed to": a participle used as an adjective, with no agent
        adjectival = tok.pos_ == "ADJ" or tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)
        if stance and adjectival and tok.dep_ in ("acomp", "ROOT", "ccomp", "xcomp"):
            return Cue(tok, tok.text, stance, False, "adjective")
        return None

    def _noun_cue(self, tok: Token) -> Cue | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in self.lexicon.nouns:
            return None
        return Cue(tok, tok.text, self.lexicon.nouns[lemma], True, "noun")

    # ------------------------------------------------------------------ filters

    def _hypothetical(self, cue: Cue) -> bool:
        """True when the cue sits in a conditional or an embedded question ("if", "whether")."""
        marks = self.words["hypothetical_marks"]
        tok = cue.token
        while True:
            if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
                return True
            if tok.head.i == tok.i:
                return False
            tok = tok.head

    def _speculative(self, tok: Token) -> bool:
        modals = self.words["speculative_modals"]
        return any(c.dep_ == "aux" and c.lower_ in modals and not (c.lower_ == "would" and tok.lemma_ == "like")
                   for c in tok.children)

    # ------------------------------------------------------------------ content

    def _content(self, cue: Cue) -> SpacySpan | None:
        """The tokens that say what was said or held; None when the cue has no content."""
        tok, doc = cue.token, cue.token.doc
        if cue.kind == "noun":
            return self._noun_content(tok)
        if cue.kind == "according":
            own = {t.i for t in tok.subtree}
            tokens = [t.i for t in tok.head.subtree if t.i not in own and not t.is_punct and not t.is_space]
            return doc[tokens[0]:tokens[-1] + 1] if tokens else None
        if cue.kind == "adjective":
            parts = [c for c in tok.children if c.dep_ in ("prep", "xcomp", "ccomp")]
        else:
            addressee = self.words["addressee_preps"]
            parts = [c for c in tok.children
                     if c.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "attr", "advcl", "dative", "acomp")
                     or (c.dep_ == "prep" and (c.lower_ not in addressee or cue.stance == "links"))
                     or (c.dep_ == "prt" and cue.words.endswith(c.text))]
            cue_words = cue.words.split()[1:]                      # "clear" of "made clear" is the cue's
            parts = [c for c in parts if not (c.dep_ == "advcl" and self._is_frame(c))
                     and not (c.dep_ == "prep" and c.i < tok.i)    # "In a statement, X said ..." frames it
                     and not (c.dep_ != "prt" and c.text in cue_words and not any(c.children))]
            if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in parts):
                # "opposed the office, arguing that ...": the participle gives reasons, not the object
                parts = [c for c in parts if not (c.dep_ == "advcl" and c.tag_ == "VBG")]
            if not parts and any(c.dep_ == "agent" for c in tok.children):
                parts = [c for c in tok.children if c.dep_ == "nsubjpass"]     # "the plan was rejected by X"
            clauses = [c.i for c in parts if c.dep_ in ("ccomp", "xcomp")]
            if clauses:              # "told reporters that ...", "urged senators to ...": the object is the addressee
                parts = [c for c in parts if not (c.dep_ in ("dobj", "dative") and c.i < clauses[0])]
            if cue.words.split()[-1] in ("on",) or cue.stance in ("demands",):
                parts += [c for c in tok.children if c.dep_ == "prep"]
                parts += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        tokens = sorted({t.i for p in parts for t in p.subtree})
        if not tokens:
            quoted = self._quoted_clause(tok)
            return quoted
        if len(tokens) < 2 and self.lexicon.verbs.get(self.lexicon.verb_lemma(tok), {}).get("needs_content"):
            return None
        return doc[tokens[0]:tokens[-1] + 1]

    def _is_frame(self, clause: Token) -> bool:
        """An adverbial clause that frames the cue ("While X hailed ...", "When asked ...")."""
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in ("while", "when", "although", "though", "because", "as", "after", "before", "since")
                   for c in clause.children) or clause.i < clause.head.i

    def _quoted_clause(self, tok: Token) -> SpacySpan | None:
        """For "'...', he said": the sentence part before the cue, inside quotation marks."""
        sent = tok.sent
        before = [t for t in sent if t.i < tok.i and not t.is_punct and t.dep_ not in SUBJECTS]
        return sent.doc[before[0].i:tok.i] if len(before) > 3 and any(t.is_quote for t in sent) else None

    def _noun_content(self, tok: Token) -> SpacySpan | None:
        doc = tok.doc
        # "X's message was that ...", "the goal has been to ...": the copula's complement
        if tok.dep_ in ("nsubj", "pobj") and self._copula_head(tok) is not None:
            head = self._copula_head(tok)
            comps = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "attr", "acomp") and c.i > tok.i]
            if comps:
                idx = sorted({t.i for c in comps for t in c.subtree})
                return doc[idx[0]:idx[-1] + 1]
        # "the statement that ...", "proposals on the use of ..."
        comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)]
        if self.lexicon.nouns.get(tok.lemma_.lower()) in ("proposes", "demands"):
            comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "for", "to", "about")]
        if comps:
            idx = sorted({t.i for c in comps for t in c.subtree})
            return doc[idx[0]:idx[-1] + 1]
        return None

    @staticmethod
    def _copula_head(tok: Token) -> Token | None:
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ == "prep":       # "One of the key goals ... has been"
            head = head.head.head if head.head.dep_ in SUBJECTS else None
            if head is None:
                return None
        return head if head.lemma_ == "be" else None

    # ------------------------------------------------------------------ stance and topic

    def stance_of(self, cue: Cue, content: SpacySpan) -> str:
        stance = cue.stance
        # "labeled it the greatest irritant", "views missile defense as a threat": the words judge
        if cue.kind == "verb" and (cue.token.lemma_ in ("label", "call", "describe")
                                   or any(c.lower_ == "as" for c in cue.token.children)):
            stance = self._evaluation(content) or stance
        if stance is None or (stance == "supports" and cue.kind == "noun"):
            stance = self._content_stance(content) or stance
        if stance is None:
            stance = "claims"
        if stance != "links" and self._linkage(content):
            stance = "links" if cue.stance in (None, "claims") else stance
        if self._negated(cue.token):
            stance = self._negate(cue, stance)
        return stance

    def _negate(self, cue: Cue, stance: str) -> str:
        """"not interested", "does not want": a refusal; otherwise the scheme's negation."""
        if cue.kind == "adjective" or (cue.kind == "verb" and not cue.speech and stance == "demands"):
            return "rejects"
        return self.ontology.stance_negation.get(stance, stance)

    def _negated(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        return tok.dep_ in ("acomp", "xcomp") and any(c.dep_ == "neg" for c in tok.head.children)

    def _evaluation(self, content: SpacySpan) -> str | None:
        words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
        if words & self.words["negative_words"]:
            return "opposes"
        if words & self.words["positive_words"]:
            return "supports"
        return None

    def _linkage(self, content: SpacySpan) -> bool:
        return any(t.lower_ in self.words["linkage_words"] and t.pos_ in ("NOUN", "ADJ") for t in content)

    def _content_stance(self, content: SpacySpan) -> str | None:
        """The stance a neutral cue takes from what was said: its main verb, object or negation."""
        root = content.root
        if root.pos_ == "NOUN" and root.lemma_.lower() in self.lexicon.stance_objects:
            return self.lexicon.stance_objects[root.lemma_.lower()]
        for tok in [root, *[c for c in root.children if c.dep_ in ("xcomp", "ccomp")]]:
            entry = self.lexicon.verbs.get(self.lexicon.verb_lemma(tok))
            if entry and entry["stance"] and tok.pos_ == "VERB":
                stance = entry["stance"]
                return self.ontology.stance_negation.get(stance, stance) if self._negated(tok) else stance
            for c in tok.children:
                if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in self.lexicon.stance_objects:
                    return self.lexicon.stance_objects[c.lemma_.lower()]
        verbs = [t for t in content if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "advcl", "xcomp", "conj")]
        for v in verbs:
            if any(c.dep_ == "neg" for c in v.children) and any(c.lower_ in ("should", "must") for c in v.children):
                return "rejects"
        if any(t.dep_ == "det" and t.lower_ == "no" and t.head.pos_ == "NOUN" for t in content):
            return "rejects"
        return None

    def topics_of(self, content: SpacySpan) -> list[TopicRef]:
        doc = content.doc
        spans = [s for s in doc.spans.get("topics", []) if s.start >= content.start and s.end <= content.end]
        topics = []
        for s in spans:
            topic = self.ontology.topics.get(s.id_)
            ref = TopicRef(topic.label if topic else s.text, s.id_)
            if ref not in topics:
                topics.append(ref)
        return topics

    def minted_topic(self, content: SpacySpan) -> TopicRef:
        """A readable topic from the content's main noun phrase when no ontology topic is named."""
        chunks = [c for c in content.noun_chunks if c.root.pos_ not in ("PRON",) and not c.root.ent_id_]
        chunks = chunks or [c for c in content.noun_chunks if c.root.pos_ != "PRON"]
        if chunks:
            chunk = max(chunks[:3], key=lambda c: (len([t for t in c if not (t.is_stop or t.is_punct)]), -c.start))
            head = chunk.root
            # extend with the chunk's prepositional modifiers ("flexibility in Moscow's position")
            # and an infinitive that says what the noun is for ("a way to support Kyiv")
            modifiers = [c for c in head.children if c.dep_ == "prep" or (c.dep_ in ("acl", "relcl") and c.i > head.i
                         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
            end = max([t.i for c in modifiers for t in c.subtree] + [chunk.end - 1])
            leading = chunk.doc[chunk.start]
            drop_first = leading.dep_ == "det" or leading.dep_ == "poss" and leading.pos_ == "PRON"   # "the", "its"
            tokens = content.doc[chunk.start + drop_first:min(end + 1, content.end)]
            label = "".join(t.text_with_ws for t in tokens).strip(" ,.;:\"'“”‘’")
        else:
            label = content.text.strip(" ,.;:\"'“”‘’")
        words = label.split()
        return TopicRef(" ".join(words[:12]))

    # ------------------------------------------------------------------ statements

    def _make(self, cue: Cue, speakers: list[ActorRef], content: SpacySpan, sent: SpacySpan,
              date: str | None) -> list[Statement]:
        stance = self.stance_of(cue, content)
        topics = self.topics_of(content) or [self.minted_topic(self._judged(cue, content))]
        linked = topics[1] if (stance == "links" or self._linkage(content)) and len(topics) > 1 else None
        evidence = self._evidence(cue, content, sent)
        quote_type = self._quote_type(cue, content)
        confidence = 0.9 if cue.speech and cue.kind == "verb" else 0.75
        return [Statement(speaker=s, cue=cue.words, stance=stance, topic=topics[0], linked_topic=linked,
                          evidence=evidence, content=as_span(content), quote_type=quote_type,
                          confidence=confidence, date=date) for s in speakers]

    @staticmethod
    def _judged(cue: Cue, content: SpacySpan) -> SpacySpan:
        """What "sees X as Y" is about: X, not the judgement Y."""
        cut = [c.i for c in cue.token.children if c.lower_ == "as" and content.start < c.i < content.end]
        return content.doc[content.start:cut[0]] if cut else content

    def _evidence(self, cue: Cue, content: SpacySpan, sent: SpacySpan) -> Span:
        """The clause that attributes: from the speaker to the end of the content, within the sentence."""
        tok = cue.token
        head = tok
        if cue.kind == "noun":
            head = self._copula_head(tok) or tok
        elif cue.kind == "according":
            head = tok.head
        elif cue.kind == "adjective" and tok.dep_ in ("acomp", "xcomp"):
            head = tok.head
        idx = [t.i for t in head.subtree if not (t.dep_ == "advcl" and t.head.i == head.i and self._is_frame(t))]
        frames = {t.i for c in head.children if c.dep_ == "advcl" and self._is_frame(c) for t in c.subtree}
        idx = sorted(i for i in idx if i not in frames and sent.start <= i < sent.end)
        start, end = min(idx + [content.start]), max(idx + [content.end - 1]) + 1
        doc = sent.doc
        while start < end and (doc[start].is_punct and not doc[start].is_quote or doc[start].is_space):
            start += 1
        return as_span(trim(doc[start:end]) or doc[start:end])

    @staticmethod
    def _quote_type(cue: Cue, content: SpacySpan) -> str:
        if not cue.speech:
            return "held"
        quotes = sum(1 for t in content if t.is_quote)
        if quotes and content.text.strip()[:1] in "\"“‘'" and content.text.strip()[-1:] in "\"”’'":
            return "direct"
        return "mixed" if quotes >= 2 else "indirect"

    @staticmethod
    def _block_end(doc: Doc, block: list[Statement]) -> int:
        last = max(s.content.end for s in block)
        return next((t.i for t in doc if t.idx >= last), len(doc))

    def _quote_block(self, doc: Doc, sent: SpacySpan, cue: Cue, speakers: list[ActorRef]) -> list[Statement]:
        """Paragraphs after "X responded:" in X's voice, one statement per sentence; sentences that
        only continue the previous one ("This was always the case") join it."""
        names = {w.lower() for s in speakers for w in s.label.split()}
        units: list[list[SpacySpan]] = []
        paragraphs = 0
        last_line_end = sent.end
        for nxt in doc.sents:
            if nxt.start < sent.end or not nxt.text.strip():
                continue
            gap = doc[last_line_end:nxt.start].text if nxt.start > last_line_end else ""
            if "\n" in gap or "\n" in doc[nxt.start - 1].text_with_ws:
                paragraphs += 1
                words = {t.lower_ for t in nxt}
                speaks_of_speaker = bool(words & (names | THIRD_PERSON))
                if paragraphs > BLOCK_MAX_PARAGRAPHS or (speaks_of_speaker and not words & FIRST_PERSON):
                    break
            last_line_end = nxt.end
            first = next((t for t in nxt if not t.is_space), None)
            if units and first is not None and first.lower_ in ANAPHORIC_OPENERS and first.i == nxt.start + (nxt[0].is_space):
                units[-1].append(nxt)
            else:
                units.append([nxt])
        statements = []
        for unit in units:
            span = doc[unit[0].start:unit[-1].end]
            trimmed = trim(span)
            if trimmed is None:
                continue
            block_cue = Cue(cue.token, cue.words, None, True, "block")
            stance = self.stance_of(block_cue, trimmed)
            topics = self.topics_of(trimmed) or [self.minted_topic(trimmed)]
            linked = topics[1] if stance == "links" and len(topics) > 1 else None
            for speaker in speakers:
                statements.append(Statement(speaker=speaker, cue=cue.words, stance=stance, topic=topics[0],
                                            linked_topic=linked, evidence=as_span(trimmed), content=as_span(trimmed),
                                            quote_type="direct", confidence=0.8))
        return statements


def sentence_date(sent: SpacySpan, base: str | None) -> str | None:
    """The first date the sentence gives that resolves ("On May 7, ... Putin linked ...")."""
    for ent in sent.ents:
        if ent.label_ == "DATE":
            resolved = dates.resolve(ent.text, base)
            if resolved:
                return resolved
    return None


def unique(statements: list[Statement]) -> list[Statement]:
    """Drop repeats: the same speaker, cue and words said again (pull quotes repeat the body)."""
    seen, out = set(), []
    for s in statements:
        key = (s.speaker, s.cue, " ".join(s.content.text.split()[-8:]).lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def trim(span: SpacySpan) -> SpacySpan | None:
    tokens = [t for t in span if not t.is_space]
    return span.doc[tokens[0].i:tokens[-1].i + 1] if tokens else None


def as_span(span: SpacySpan) -> Span:
    return Span(span.start_char, span.end_char, span.text)
