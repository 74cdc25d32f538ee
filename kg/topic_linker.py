"""The topic linker: what each content is about.

The ontology's topics named inside the content (marked by the topic matcher in
`doc.spans["topics"]`) come first, in order; when none is named, a topic is minted from the
content's main noun phrase. For "sees X as Y" the topic is X, not the judgement Y. A linkage
("ties X to Y") also names its second topic. Writes `span._.topics` and `span._.linked_topic` on
every content.

A mention of a broad topic by its generic name ("nuclear program", "sanctions", "missile
defense") is resolved against the narrower topics keyed by an actor (`ws:owner`, `ws:target`,
`ws:between` in the ontology):

- when the parse attaches actors to the mention in a keying role (a possessive, a modifier or "of
  X" for an owner, "against/on Y" for a target, "with Y" for a party), it links to the narrower
  topic keyed by exactly those actors; when there is none, a topic is minted with the actor the
  text names ("North Korea's nuclear program", "sanctions against Belarus"), narrower than the
  broad topic;
- when none is attached, it links to the one narrower topic whose actors the document mentions;
- else a mention with content of its own ("summit of South American leaders") is minted with
  the broad topic as its broader, and a bare one links to the broad topic.

A minted topic is a noun phrase of the content, never a pronoun, a time or quantity, a reporting
noun ("statement", "video address") or a noun with no content of its own ("year", "the move");
"the treaty" stands for the agreement named last before it. The word lists are the lexicon's.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from rdflib.namespace import SKOS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import resources
from .annotations import ACTORS, CONTENTS
from .lexicon import Lexicon
from .model import TopicRef
from .ontology import Ontology, Topic
from .stance import is_linkage

MAX_LABEL_WORDS = 10
LABEL_STRIP = " ,.;:!?-–—\"'“”‘’«»()[]"
QUOTES = re.compile(r"[\"“”«»„]|(?<!\w)['‘’]|(?<=[^\Ws])['‘’](?!\w)")
NAMED_KINDS = ("Treaty", "Agreement", "Legislation", "Project", "Initiative")
AGREEMENT_KINDS = ("Treaty", "Agreement")
NOT_TOPICS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
ACTOR_ENTS = {"PERSON", "GPE", "ORG", "NORP"}
LEFT_MODIFIERS = {"det", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "advmod", "npadvmod", "case"}
CONTENT_MODIFIERS = {"poss", "compound", "amod", "nmod", "prep", "acl"}


class TopicLinker:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.linkage_words = lexicon.words("linkage_words")
        self.reporting = lexicon.words("topic_reporting_nouns")
        self.empty = lexicon.words("topic_empty_nouns")
        self.treaty_nouns = lexicon.words("topic_treaty_nouns")
        self.roles = {"target": lexicon.words("topic_target_prepositions"),
                      "owner": lexicon.words("topic_owner_prepositions"),
                      "between": lexicon.words("topic_party_prepositions")}
        # broad topics: those with narrower ones, and the scheme's top concepts; a mention of one
        # is resolved against its keyed narrower topics or minted under it
        self.broad = set(ontology.narrower_topics) | {
            str(s) for s in ontology.graph.subjects(SKOS.topConceptOf, None) if str(s) in ontology.topics}
        self.country_of: dict[str, str] = {}
        for actor in ontology.actors.values():
            if actor.kind == "Country":
                self.country_of[actor.iri] = actor.iri
                if actor.government:
                    self.country_of[actor.government] = actor.iri

    def __call__(self, doc: Doc) -> Doc:
        mentioned = {self.country_of.get(m._.actor.iri, m._.actor.iri)
                     for m in doc.spans.get(ACTORS, []) if m._.actor is not None and m._.actor.iri}
        previous = None
        named = actor_tokens(doc)
        for content in sorted(doc.spans.get(CONTENTS, []), key=lambda c: (c.start, c.end)):
            topics = self.curated(content, mentioned) or [self.minted(self._judged(content), previous, content, named)]
            content._.topics = tuple(topics)
            links = content._.stance == "links" or is_linkage(content, self.linkage_words)
            content._.linked_topic = topics[1] if links and len(topics) > 1 else None
            previous = topics[0]
        return doc

    # ------------------------------------------------------------------ curated topics

    def curated(self, content: SpacySpan, mentioned: set[str] = frozenset()) -> list[TopicRef]:
        topics = []
        for s in topics_within(content):
            if s.end <= content.end:
                topic = self.ontology.topics.get(s.id_)
                ref = self.resolve(s, topic, mentioned) if topic else TopicRef(s.text, s.id_)
                if ref not in topics:
                    topics.append(ref)
        return topics

    def resolve(self, mention: SpacySpan, topic: Topic, mentioned: set[str]) -> TopicRef:
        """The topic a mention of `topic` stands for: itself, a narrower topic keyed by the actors
        the text attaches to it, or a topic minted with them."""
        own = TopicRef(topic.label, topic.iri)
        if topic.keys or topic.kind in NAMED_KINDS or topic.iri not in self.broad:
            return own
        keyed = [self.ontology.topics[n] for n in self.ontology.narrower_topics.get(topic.iri, ())
                 if self.ontology.topics[n].keys]
        head = self._head(mention)
        attached = self._attached(head, mention)
        roles = {key for n in keyed for key, _ in n.keys} or set(self.roles)
        named = [(dep, c) for dep, c, _ in attached if c and any(self._in_role(dep, r) for r in roles)]
        if named:
            for narrower in keyed:
                wanted = {self.country_of.get(a, a) for _, a in narrower.keys}
                found = {c for dep, c in named if any(self._in_role(dep, key) for key, _ in narrower.keys)}
                if found and found <= wanted:
                    return TopicRef(narrower.label, narrower.iri)
            return self._minted_with_owner(topic, keyed, named[0][1], head)
        if keyed:   # none named: the one keyed topic whose owners or parties the document mentions
            candidates = [n for n in keyed if all(key != "target" and self.country_of.get(a, a) in mentioned
                                                  for key, a in n.keys)]
            if len(candidates) == 1:
                return TopicRef(candidates[0].label, candidates[0].iri)
        if self._has_content(head, mention):
            label = self._label(head)
            if label and label.lower() not in {topic.label.lower(), *map(str.lower, topic.aliases)}:
                return TopicRef(label, None, topic.iri)
        return own

    def _minted_with_owner(self, topic: Topic, keyed: list[Topic], country: str, head: Token) -> TopicRef:
        """A topic for the owner the text names: from a keyed sibling's label where it names its one
        actor ("sanctions against Iran" -> "sanctions against Belarus"), else the text's phrase."""
        name = self.ontology.actors[country].label if country in self.ontology.actors else None
        for narrower in keyed:
            if name and len(narrower.keys) == 1:
                own = self.ontology.actors.get(narrower.keys[0][1])
                if own and narrower.label.count(own.label) == 1:
                    return TopicRef(narrower.label.replace(own.label, name), None, topic.iri)
        return TopicRef(self._label(head) or topic.label, None, topic.iri)

    def _in_role(self, dep: str, role: str) -> bool:
        if dep.startswith("prep:"):
            return dep[5:] in self.roles[role]
        return role != "target" and dep in ("poss", "mod")

    @staticmethod
    def _head(mention: SpacySpan) -> Token:
        """The noun a mention names: its root, or the noun it modifies ("missile defense plans")."""
        head = mention.root
        while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        return head

    def _attached(self, head: Token, mention: SpacySpan) -> list[tuple[str, str | None, Token]]:
        """(role, country IRI or None, token) of each actor the parse attaches to the mention."""
        out = []
        for tok in sorted({head, *mention}, key=lambda t: t.i):
            for child in tok.children:
                if mention.start <= child.i < mention.end:
                    continue
                if child.dep_ == "poss" and child.pos_ != "PRON":
                    out.append(("poss", self._country(child), child))
                elif child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
                    country = self._country(child)
                    if country or child.pos_ == "PROPN":
                        out.append(("mod", country, child))
                elif child.dep_ == "prep":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            out.append((f"prep:{child.lower_}", self._country(obj), obj))
        return out

    def _country(self, tok: Token) -> str | None:
        """The country a token names (as an actor mention, a place name or a demonym), if any."""
        for m in tok.doc.spans.get(ACTORS, []):
            if m.start <= tok.i < m.end and m._.actor is not None and m._.actor.iri:
                return self.country_of.get(m._.actor.iri)
        text = tok.doc[tok.left_edge.i:tok.i + 1].text if tok.ent_type_ else tok.text
        text = re.sub(r"['’]s$", "", text)
        found = self.ontology.country_named(text) or self.ontology.country_named(tok.text)
        return found or self.ontology.demonyms.get(tok.text)

    @staticmethod
    def _has_content(head: Token, mention: SpacySpan) -> bool:
        """Whether the phrase says more than the mention: an owner, a name, a prepositional phrase."""
        return any(c.dep_ in CONTENT_MODIFIERS and not (mention.start <= c.i < mention.end)
                   and c.ent_type_ not in NOT_TOPICS for tok in {head, *mention} for c in tok.children) \
            or head.i >= mention.end

    # ------------------------------------------------------------------ minted topics

    @staticmethod
    def _judged(content: SpacySpan) -> SpacySpan:
        """What "sees X as Y" is about: X, not the judgement Y."""
        cue = content._.cue_span.root
        cut = [c.i for c in cue.children if c.lower_ == "as" and content.start < c.i < content.end]
        return content.doc[content.start:cut[0]] if cut else content

    def minted(self, content: SpacySpan, previous: TopicRef | None = None, whole: SpacySpan | None = None,
               named: frozenset[int] | None = None) -> TopicRef:
        """A readable topic from the content's main noun phrase when no ontology topic is named
        (of what "sees X as Y" is about, else of the whole content): else its main verb with its
        object, else the topic of the content before (a pronoun's), else an actor it names."""
        heads = self._heads(content)
        if whole is not None and whole != content:
            heads += [h for h in self._heads(whole) if h not in heads]
        named = actor_tokens(content.doc) if named is None else named
        for head in [h for h in heads if not self._actor_only(h, named)]:
            if head.lemma_.lower() in self.treaty_nouns and not self._has_content(head, head.doc[head.i:head.i + 1]):
                antecedent = self._agreement_before(content)
                if antecedent:
                    return antecedent
            label = self._label(head, content.end)
            if label:
                return TopicRef(label)
        verb = self._verb_phrase(content)
        if verb:
            return TopicRef(verb)
        if previous is not None:
            return previous
        for head in heads + [c.root for c in noun_chunks(content)]:
            label = self._label(head, content.end)
            if label:
                return TopicRef(label)
        return TopicRef(" ".join(self._clean(content.text).split()[:MAX_LABEL_WORDS]) or content.text.strip())

    def _heads(self, content: SpacySpan) -> list[Token]:
        """The heads of the content's noun phrases that can name an issue, best first: by words of
        content among the first four, then by position."""
        heads = []
        for chunk in noun_chunks(content):
            head = self._of_head(chunk.root)
            if head is None or not (content.start <= head.i < content.end):
                continue
            words = len([t for t in chunk if not ((t.is_stop and t.pos_ != "PROPN") or t.is_punct)])
            heads.append((head.lemma_.lower() in self.empty, -min(words, 4), len(heads), head))
        ranked = sorted(heads[:4], key=lambda h: h[:3]) + heads[4:]
        return [h for *_, h in ranked]

    @staticmethod
    def _actor_only(head: Token, named: frozenset[int]) -> bool:
        """Whether the phrase is only an actor's name ("Russia", "the Syrian Government"); `named`
        holds the tokens of the document's actor mentions."""
        words = [t for t in head.subtree if not (t.is_stop or t.is_punct)] if head.n_rights == 0 else \
            [t for t in head.doc[head.left_edge.i:head.i + 1] if not (t.is_stop or t.is_punct)]
        return bool(words) and all(t.ent_type_ in ACTOR_ENTS or t.i in named for t in words)

    def _of_head(self, head: Token) -> Token | None:
        """The head itself when it can name an issue; for an empty noun with "of X", X's head."""
        for _ in range(3):
            if head.pos_ == "PRON" or head.ent_type_ in NOT_TOPICS or head.like_num:
                return None
            lemma = head.lemma_.lower()
            if lemma in self.reporting or head.lower_ in self.reporting:
                return None
            if lemma in self.empty or head.lower_ in self.empty:
                of = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                      if o.dep_ == "pobj"]
                if of:
                    head = of[0]
                    continue
                if not any(c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and c.pos_ == "PROPN")
                           or (c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                           for c in head.children):
                    return None
            return head if head.pos_ in ("NOUN", "PROPN") else None
        return None

    def _agreement_before(self, content: SpacySpan) -> TopicRef | None:
        """The treaty or agreement named last before (or in) the content: a curated one, else one
        the text describes ("an agreement with X on plutonium disposal")."""
        before = [s for s in content.doc.spans.get("topics", []) if s.start < content.end
                  and (t := self.ontology.topics.get(s.id_)) and t.kind in AGREEMENT_KINDS]
        if before:
            topic = self.ontology.topics[before[-1].id_]
            return TopicRef(topic.label, topic.iri)
        doc = content.doc
        for tok in reversed(doc[:content.start]):
            if tok.lemma_.lower() in self.treaty_nouns and tok.pos_ == "NOUN" \
                    and (label := self._label(tok)) and len(label.split()) > 1:
                return TopicRef(label)
        return None

    def _verb_phrase(self, content: SpacySpan) -> str | None:
        """For a content with no noun phrase to name: its main verb with its object ("challenge
        China at the WTO"), the verb in its base form."""
        verbs = [t for t in content if t.pos_ == "VERB" and t.lemma_.lower() not in self.reporting
                 and any(c.dep_ in ("dobj", "prep") and c.pos_ != "PRON" for c in t.children)]
        if not verbs:
            return None
        verb = min(verbs, key=lambda t: (abs(t.head.i - t.i) if t.head != t else 0, t.i))
        end = verb.i + 1
        for child in verb.rights:
            if child.dep_ not in ("dobj", "prep", "prt", "dative") or child.i >= content.end:
                break
            if child.right_edge.i + 1 - verb.i > MAX_LABEL_WORDS:
                break
            end = child.right_edge.i + 1
        if end == verb.i + 1:
            return None
        words = [verb.lemma_.lower()] + [t.text for t in verb.doc[verb.i + 1:end]]
        label = self._clean(" ".join(words))
        return label if len(label.split()) >= 2 else None

    # ------------------------------------------------------------------ labels

    def _label(self, head: Token, limit: int | None = None) -> str | None:
        """The noun phrase of `head`: its modifiers on the left, and on the right its prepositional
        phrases and an infinitive saying what it is for ("a way to support Kyiv"), as many as fit in
        MAX_LABEL_WORDS words; never past `limit`."""
        doc = head.doc
        start = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in LEFT_MODIFIERS])
        limit = limit if limit is not None else len(doc)
        end = self._right_end(head, start, limit)
        following = doc[end] if end < limit else None     # "criticized the withdrawal | from the pact"
        if following is not None and following.dep_ == "prep" and following.head == head.head \
                and head.dep_ == "dobj" and following.lower_ in self.roles["target"] | self.roles["between"] | {"from"}:
            objects = [o for o in following.children if o.dep_ == "pobj"]
            if objects and (obj_end := self._right_end(objects[0], start, limit)) - start <= MAX_LABEL_WORDS:
                end = obj_end
        tokens = list(doc[start:end])
        while tokens and (tokens[0].dep_ in ("det", "predet", "case", "cc", "punct", "advmod", "quantmod")
                          or tokens[0].pos_ in ("PRON", "DET", "PUNCT", "CCONJ", "ADP")
                          or (tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON")):
            tokens.pop(0)
        while tokens and tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "PRON"):
            tokens.pop()
        if not tokens or all(t.is_stop or t.is_punct for t in tokens):
            return None
        text = "".join(t.text_with_ws for t in tokens)
        first = tokens[0]
        if first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_ and not first.is_upper \
                and first.text[:1].isupper():
            text = first.text[:1].lower() + text[1:]
        return self._clean(text) or None

    def _right_end(self, head: Token, start: int, limit: int) -> int:
        end = head.i + 1
        for child in head.rights:
            if child.i >= limit:
                break
            infinitive = child.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
            if child.dep_ == "prep":
                objects = [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
                if not objects:
                    break
                obj_end = self._right_end(objects[0], start, limit)
                obj_start = min([objects[0].i] + [c.left_edge.i for c in objects[0].lefts])
                if obj_start != child.i + 1 or obj_end - start > MAX_LABEL_WORDS:
                    break
                end = obj_end
            elif infinitive and child.right_edge.i + 1 - start <= MAX_LABEL_WORDS and child.right_edge.i < limit:
                end = child.right_edge.i + 1
            elif child.dep_ in ("compound", "nummod", "amod") and child.i == end:
                end = child.i + 1
            else:
                break
        return end

    @staticmethod
    def _clean(text: str) -> str:
        """A label as one line: no quotation marks, straight apostrophes, no trailing punctuation."""
        text = QUOTES.sub("", text).replace("’", "'").replace("‘", "'")
        return " ".join(text.split()).strip(LABEL_STRIP)


@Language.factory("topic_linker", assigns=["span._.topics", "span._.linked_topic"],
                  requires=["doc.spans", "span._.stance"], default_config=resources.DEFAULTS)
def make_topic_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> TopicLinker:
    return TopicLinker(ontology, lexicon)


def actor_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the document's actor mentions, gathered once: testing each phrase against
    every mention made a long document cost the square of its length."""
    return frozenset(i for m in doc.spans.get(ACTORS, []) for i in range(m.start, m.end))


def topics_within(span: SpacySpan) -> list[SpacySpan]:
    """The topic mentions (`doc.spans["topics"]`, sorted and apart: `filter_spans`) that start
    inside `span`, found by bisection rather than by walking all of them for each span."""
    group = span.doc.spans.get("topics", [])
    found = []
    for n in range(bisect_left(group, span.start, key=lambda s: s.start), len(group)):
        if group[n].start >= span.end:
            break
        found.append(group[n])
    return found


def noun_chunks(span: SpacySpan) -> list[SpacySpan]:
    """`span.noun_chunks`, found in the span's own sentences. spaCy's Span.noun_chunks walks every
    chunk of the document for each span, which made a long document's topics cost the square of
    its length; chunks never cross a sentence (they are subtrees of its parse), so these are the same."""
    if not len(span):
        return []
    doc = span.doc
    sentences = doc[span[0].sent.start:span[-1].sent.end]
    return [SpacySpan(doc, start, end, label=label) for start, end, label in doc.noun_chunks_iterator(sentences)
            if start >= span.start and end <= span.end]
