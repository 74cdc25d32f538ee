"""The topic linker: what each content is about.

The ontology's topics named inside the content (marked by the topic matcher in
`doc.spans["topics"]`) come first, in order; when none is named, a topic is minted from the
content's main noun phrase. For "sees X as Y" the topic is X, not the judgement Y. A linkage
("ties X to Y") also names its second topic. Writes `span._.topics` and `span._.linked_topic` on
every content.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from . import resources
from .annotations import CONTENTS
from .lexicon import Lexicon
from .model import TopicRef
from .ontology import Ontology
from .stance import is_linkage

MAX_LABEL_WORDS = 12
LABEL_STRIP = " ,.;:\"'“”‘’"


class TopicLinker:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.linkage_words = lexicon.words("linkage_words")

    def __call__(self, doc: Doc) -> Doc:
        for content in doc.spans.get(CONTENTS, []):
            topics = self.curated(content) or [self.minted(self._judged(content))]
            content._.topics = tuple(topics)
            links = content._.stance == "links" or is_linkage(content, self.linkage_words)
            content._.linked_topic = topics[1] if links and len(topics) > 1 else None
        return doc

    def curated(self, content: SpacySpan) -> list[TopicRef]:
        topics = []
        for s in content.doc.spans.get("topics", []):
            if s.start >= content.start and s.end <= content.end:
                topic = self.ontology.topics.get(s.id_)
                ref = TopicRef(topic.label if topic else s.text, s.id_)
                if ref not in topics:
                    topics.append(ref)
        return topics

    @staticmethod
    def _judged(content: SpacySpan) -> SpacySpan:
        """What "sees X as Y" is about: X, not the judgement Y."""
        cue = content._.cue_span.root
        cut = [c.i for c in cue.children if c.lower_ == "as" and content.start < c.i < content.end]
        return content.doc[content.start:cut[0]] if cut else content

    @staticmethod
    def minted(content: SpacySpan) -> TopicRef:
        """A readable topic from the content's main noun phrase when no ontology topic is named."""
        chunks = [c for c in content.noun_chunks if c.root.pos_ != "PRON" and not c.root.ent_id_]
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
            label = "".join(t.text_with_ws for t in tokens).strip(LABEL_STRIP)
        else:
            label = content.text.strip(LABEL_STRIP)
        return TopicRef(" ".join(label.split()[:MAX_LABEL_WORDS]))


@Language.factory("topic_linker", assigns=["span._.topics", "span._.linked_topic"],
                  requires=["doc.spans", "span._.stance"], default_config=resources.DEFAULTS)
def make_topic_linker(nlp: Language, name: str, ontology: Ontology, lexicon: Lexicon) -> TopicLinker:
    return TopicLinker(ontology, lexicon)

