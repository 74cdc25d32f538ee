"""The stance tagger: which stance of the ontology's scheme each content takes.

The cue's own stance comes first ("urged" demands, "rejected" rejects); a labelling verb ("called
it a threat", "sees X as Y") is judged by the words of its judgement; a neutral cue ("said") takes
the stance of what was said: its main verb, its object noun ("announced their intention") or a
refusal ("should not", "no ..."). A clause that makes one thing depend on another is a linkage.
Negating the cue turns the stance by the scheme's `ws:negation`; a negated wish or adjective is a
refusal. Writes `span._.stance` on every content.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import resources
from .annotations import CONTENTS, Cue, CueKind
from .lexicon import Lexicon
from .ontology import Ontology

DEFAULT_STANCE = "claims"


class StanceTagger:
    def __init__(self, ontology: Ontology, lexicon: Lexicon):
        self.negation = ontology.stance_negation
        self.lexicon = lexicon
        self.negative_words = lexicon.words("negative_words")
        self.positive_words = lexicon.words("positive_words")
        self.linkage_words = lexicon.words("linkage_words")
        self.evaluative_verbs = lexicon.words("evaluative_verbs")

    def __call__(self, doc: Doc) -> Doc:
        for content in doc.spans.get(CONTENTS, []):
            cue = content._.cue_span
            content._.stance = self.stance(cue.root, cue._.cue, CueKind(content.label_), content)
        return doc

    def stance(self, tok: Token, cue: Cue, kind: CueKind, content: SpacySpan) -> str:
        own = cue.stance if kind != CueKind.BLOCK else None     # a block's sentences speak for themselves
        stance = own
        # "labeled it the greatest irritant", "views missile defense as a threat": the words judge
        if kind == CueKind.VERB and (tok.lemma_ in self.evaluative_verbs or any(c.lower_ == "as" for c in tok.children)):
            stance = self._evaluation(content) or stance
        if stance is None or (stance == "supports" and kind == CueKind.NOUN):
            stance = self._content_stance(content) or stance
        if stance is None:
            stance = DEFAULT_STANCE
        if stance != "links" and is_linkage(content, self.linkage_words):
            stance = "links" if own in (None, "claims") else stance
        if negated(tok):
            stance = self._negate(cue, kind, stance)
        return stance

    def _negate(self, cue: Cue, kind: CueKind, stance: str) -> str:
        """"not interested", "does not want": a refusal; otherwise the scheme's negation."""
        if kind == CueKind.ADJECTIVE or (kind == CueKind.VERB and not cue.speech and stance == "demands"):
            return "rejects"
        return self.negation.get(stance, stance)

    def _evaluation(self, content: SpacySpan) -> str | None:
        words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
        if words & self.negative_words:
            return "opposes"
        if words & self.positive_words:
            return "supports"
        return None


    def _content_stance(self, content: SpacySpan) -> str | None:
        """The stance a neutral cue takes from what was said: its main verb, object or negation."""
        objects = self.lexicon.stance_objects
        root = content.root
        if root.pos_ == "NOUN" and root.lemma_.lower() in objects:
            return objects[root.lemma_.lower()]
        for tok in [root, *[c for c in root.children if c.dep_ in ("xcomp", "ccomp")]]:
            entry = self.lexicon.verbs.get(self.lexicon.verb_lemma(tok))
            if entry and entry["stance"] and tok.pos_ == "VERB":
                stance = entry["stance"]
                return self.negation.get(stance, stance) if negated(tok) else stance
            for c in tok.children:
                if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in objects:
                    return objects[c.lemma_.lower()]
        verbs = [t for t in content if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "advcl", "xcomp", "conj")]
        for v in verbs:
            if any(c.dep_ == "neg" for c in v.children) and any(c.lower_ in ("should", "must") for c in v.children):
                return "rejects"
        if any(t.dep_ == "det" and t.lower_ == "no" and t.head.pos_ == "NOUN" for t in content):
            return "rejects"
        return None


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

