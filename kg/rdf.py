"""Extractions -> RDF quads, one named graph per document, and the facts about shared nodes.

A document's graph holds what the document says: its own nodes (the document, its statements,
positions, evidence, events, unnamed actors) and their links to the actors and topics they name.
What it would say about a node that other documents name too (a minted actor's or topic's type,
label and broader topic) is handed out apart (`GraphWriter.shared`), to be written once into the
shared graph: restated in every document graph, such a triple is a thousand copies in the union
default graph of a thousand articles, and every query that joins on a label scans them all.

IRIs are minted under one base (`KG_BASE_IRI`, default the server's own address) from what
each thing is, so that they stay put when the extractor or the text around them changes:

- a document and its graph from the file's path relative to the corpus root, extension included
  (`x/a.txt` and `y/a.md` are two documents);
- a statement (and its position and evidence) from a short hash of the document, the speaker,
  the cue, the evidence and the content's words; an event from the document, its class, its
  label and its sentence. A second statement identical in all of these is told apart by its
  occurrence (0, 1, ...), so a statement keeps its IRI when others appear or vanish, and when
  text is added before it (offsets move, words do not).

All term construction for extracted data happens here.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, Triple

from . import __version__
from .documents import Document
from .model import ActorRef, Event, Extraction, Statement, TopicRef
from .ontology import Ontology
from .vocab import DCTERMS, OA, PROV, RDF, RDFS, SCHEMA, SKOS, WS, XSD

DEFAULT_BASE_IRI = "http://127.0.0.1:8000/"
BUILT = "kg build"
CONTEXT_CHARS = 32


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "x"


def topic_slug(label: str) -> str:
    """The IRI slug of a minted topic: labels that differ only in case, punctuation, a leading
    article or dotted abbreviations ("the U.S. withdrawal", "US withdrawal") give one node."""
    text = re.sub(r"[\u2018\u2019\u02bc]", "'", label)
    text = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", text)          # "U.S." -> "US."
    text = re.sub(r"\b([A-Z])\.(?=\W|$)", r"\1", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return slugify(text)


def path_iri(source: str) -> str:
    """A document's path (relative to the corpus, "/"-separated) as an IRI path: letters, digits,
    "/", "-", ".", "_" and "~" as they are, anything else percent-encoded."""
    return quote(source, safe="/-._~")


def source_slug(source: str) -> str:
    """A readable prefix for the IRIs of a document's statements and events ("x/a.txt" -> "x-a-txt")."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", source).strip("-")[:80] or "document"


def statement_key(source: str, speaker: str, cue: str, evidence: str, content: str, occurrence: int) -> str:
    """The IRI key of a statement: what it is, never where it falls in the extractor's output."""
    return _key(source, "statement", speaker, cue, evidence, content, occurrence)


def event_key(source: str, kind: str, label: str, evidence: str, occurrence: int) -> str:
    return _key(source, "event", kind, label, evidence, occurrence)


def _key(source: str, *parts) -> str:
    digest = hashlib.blake2b("\x1f".join(map(str, (source, *parts))).encode("utf-8"), digest_size=6).hexdigest()
    return f"{source_slug(source)}-{digest}"


def keyed(source: str, identities: Iterable[tuple], make) -> list[str]:
    """Keys for things identified by `identities` (tuples), in order: `make(source, *identity,
    occurrence)`, the occurrence counting earlier things with the same identity."""
    seen: Counter = Counter()
    keys = []
    for identity in identities:
        keys.append(make(source, *identity, seen[identity]))
        seen[identity] += 1
    return keys


def _n(term) -> NamedNode:
    return NamedNode(str(term))


def _date_literal(value: str) -> Literal:
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=_n(kind))


class GraphWriter:
    """Builds the quads of one document's named graph."""

    def __init__(self, ontology: Ontology, base_iri: str = DEFAULT_BASE_IRI):
        self.ontology = ontology
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"

    def graph_iri(self, source: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{path_iri(source)}")

    def document_iri(self, source: str) -> NamedNode:
        return NamedNode(f"{self.base}id/document/{path_iri(source)}")

    def local(self, iri: str) -> str:
        """An IRI as the keys hash it: relative to the base, so that they do not depend on it."""
        return iri[len(self.base):] if iri.startswith(self.base) else iri

    def is_shared(self, node) -> bool:
        """Whether `node` is a minted actor or topic: a node other documents may name too."""
        return isinstance(node, NamedNode) and node.value.startswith((f"{self.base}id/actor/", f"{self.base}id/topic/"))

    def quads(self, extraction: Extraction, added_with: str = BUILT) -> list[Quad]:
        """The document's graph; `added_with` records the command that brought it in ("kg build"
        for a corpus file, "kg add"), which decides whether a later build keeps it."""
        g = self.graph_iri(extraction.document.source)
        own, _ = self.triples(extraction, added_with)
        return [Quad(t.subject, t.predicate, t.object, g) for t in own]

    def triples(self, extraction: Extraction, added_with: str = BUILT) -> tuple[list[Triple], list[Triple]]:
        """(the triples of the document's graph, the facts about shared nodes it gives, each once)."""
        return self.split(self._facts(extraction, added_with))

    def split(self, triples: Iterable[Triple]) -> tuple[list[Triple], list[Triple]]:
        """(the triples about the document's own nodes, the facts about shared nodes, each once):
        of what a document gives, or of a graph of an older store, where documents restated them."""
        triples = list(triples)
        return ([t for t in triples if not self.is_shared(t.subject)],
                list(dict.fromkeys(t for t in triples if self.is_shared(t.subject))))

    def _facts(self, extraction: Extraction, added_with: str) -> list[Triple]:
        """Everything the document gives, about its own nodes and about shared ones."""
        doc = extraction.document
        out: list[Triple] = []

        def add(s, p, o):
            out.append(Triple(s, _n(p), o))

        d = self.document_iri(doc.source)
        add(d, RDF.type, _n(WS.Document))
        add(d, WS.sourceFile, Literal(doc.source))
        add(d, WS.addedWith, Literal(added_with))
        add(d, WS.text, Literal(doc.text))
        if doc.reader:
            add(d, WS.reader, Literal(doc.reader))
        if doc.language:
            add(d, DCTERMS.language, Literal(doc.language, datatype=_n(XSD.language)))
        if doc.title:
            add(d, DCTERMS.title, Literal(doc.title))
            add(d, RDFS.label, Literal(doc.title))
        for author in doc.authors:
            add(d, WS.author, Literal(author))
        if doc.date:
            add(d, DCTERMS.date, _date_literal(doc.date))
        if doc.url:
            add(d, SCHEMA.url, Literal(doc.url, datatype=_n(XSD.anyURI)))
        if extraction.publisher:
            add(d, DCTERMS.publisher, self.actor(extraction.publisher, add, d))
        for ref in dict.fromkeys(extraction.mentions):
            add(d, WS.mentions, self.actor(ref, add, d))
        speakers = [self.actor(st.speaker, add, d) for st in extraction.statements]
        identities = [(self.local(speaker.value), st.cue, st.evidence.text, st.content.text)
                      for speaker, st in zip(speakers, extraction.statements)]
        for key, speaker, statement in zip(keyed(doc.source, identities, statement_key), speakers,
                                           extraction.statements):
            self._statement(statement, key, speaker, d, doc, add)
        events = [(e.kind, e.label, e.evidence.text) for e in extraction.events]
        for key, event in zip(keyed(doc.source, events, event_key), extraction.events):
            self._event(event, key, d, doc, add)
        return out

    def migrated(self, triples: list[Triple], added_with: str) -> tuple[str, list[Triple]]:
        """A document graph written before identifiers were stable (named by the file's stem,
        statements and events numbered by position) with the IRIs `quads` gives now, recorded as
        brought in by `added_with`: (the new graph IRI, its triples)."""
        about: dict = defaultdict(lambda: defaultdict(list))
        for t in triples:
            about[t.subject][t.predicate.value].append(t.object)
        first = lambda node, p: about[node][str(p)][0].value if about[node][str(p)] else ""  # noqa: E731
        doc = next(s for s, props in about.items() if NamedNode(str(WS.Document)) in props[str(RDF.type)])
        source = first(doc, WS.sourceFile)
        renamed = {doc.value: self.document_iri(source).value}
        numbered = lambda kind: sorted((s for s, props in about.items() if _n(kind) in props[str(RDF.type)]),  # noqa: E731
                                       key=lambda s: int(s.value.rsplit("-", 1)[-1]))
        statements = [s for s in numbered(WS.Statement) if s.value.startswith(f"{self.base}id/statement/")]
        identities = [(self.local(first(s, WS.speaker)), first(s, WS.cue), first(s, WS.quote), first(s, WS.content))
                      for s in statements]
        for node, key in zip(statements, keyed(source, identities, statement_key)):
            renamed[node.value] = f"{self.base}id/statement/{key}"
            renamed[first(node, WS.expresses)] = f"{self.base}id/position/{key}"
        events = [s for s in about if s.value.startswith(f"{self.base}id/event/") and "#" not in s.value]
        events.sort(key=lambda s: int(s.value.rsplit("-", 1)[-1]))
        exact = lambda e: next((first(sel, OA.exact) for sel in about[about[e][str(WS.evidence)][0]][str(OA.hasSelector)]  # noqa: E731
                                if first(sel, OA.exact)), "")
        kinds = [next(o.value[len(str(WS)):] for o in about[e][str(RDF.type)] if o.value.startswith(str(WS)))
                 for e in events]
        identities = [(kind, first(e, RDFS.label), exact(e)) for kind, e in zip(kinds, events)]
        for node, key in zip(events, keyed(source, identities, event_key)):
            renamed[node.value] = f"{self.base}id/event/{key}"

        def rename(term):
            if not isinstance(term, NamedNode):
                return term
            iri, hash_, fragment = term.value.partition("#")
            return NamedNode(renamed[iri] + hash_ + fragment) if iri in renamed else term

        graph = [Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples
                 if t.predicate.value != str(WS.addedWith)]
        graph.append(Triple(NamedNode(renamed[doc.value]), _n(WS.addedWith), Literal(added_with)))
        return self.graph_iri(source).value, graph

    def actor(self, ref: ActorRef, add, document: NamedNode) -> NamedNode:
        """A curated actor's IRI; a minted one's from its name, shared by every document naming
        it; an unnamed one's ("a witness") inside `document`, whose graph alone describes it."""
        if ref.iri:
            return NamedNode(ref.iri)
        if ref.unnamed:
            node = NamedNode(f"{document.value}#{slugify(ref.label)}")
            add(node, RDF.type, _n(WS.UnnamedActor))
        else:
            node = NamedNode(f"{self.base}id/actor/{slugify(ref.label)}")
        add(node, RDF.type, _n(WS[ref.kind]))
        add(node, RDFS.label, Literal(ref.label, language="en"))
        return node

    def topic(self, ref: TopicRef, add) -> NamedNode:
        if ref.iri:
            return NamedNode(ref.iri)
        node = NamedNode(f"{self.base}id/topic/{topic_slug(ref.label)}")
        add(node, RDF.type, _n(WS.Issue))
        add(node, RDFS.label, Literal(ref.label, language="en"))
        if ref.broader:
            add(node, SKOS.broader, NamedNode(ref.broader))
        return node

    def _statement(self, st: Statement, key: str, speaker: NamedNode, doc_node: NamedNode, doc: Document,
                   add) -> None:
        s = NamedNode(f"{self.base}id/statement/{key}")
        p = NamedNode(f"{self.base}id/position/{key}")
        ev = NamedNode(f"{self.base}id/statement/{key}#evidence")
        add(s, RDF.type, _n(WS.Statement))
        add(s, WS.speaker, speaker)
        add(s, WS.cue, Literal(st.cue))
        add(s, WS.quote, Literal(st.evidence.text))
        add(s, WS.content, Literal(st.content.text))
        add(s, WS.quoteType, Literal(st.quote_type))
        add(s, WS.cueKind, Literal(st.cue_kind))
        if st.from_headline:
            add(s, WS.fromHeadline, Literal(True))
        add(s, WS.confidence, Literal(f"{st.confidence:.2f}", datatype=_n(XSD.decimal)))
        add(s, WS.pipelineVersion, Literal(__version__))
        add(s, PROV.wasDerivedFrom, doc_node)
        add(s, WS.expresses, p)
        add(s, WS.evidence, ev)
        if st.date or doc.date:
            add(s, WS.date, _date_literal(st.date or doc.date))
        add(p, RDF.type, _n(WS.IssueLinkage if st.linked_topic else WS.Position))
        add(p, WS.holder, speaker)
        add(p, WS.stance, NamedNode(self.ontology.stances[st.stance]))
        add(p, WS.topic, self.topic(st.topic, add))
        if st.linked_topic:
            add(p, WS.linkedTopic, self.topic(st.linked_topic, add))
        self._evidence(ev, st.evidence, doc_node, doc.text, add)

    def _event(self, event: Event, key: str, doc_node: NamedNode, doc: Document, add) -> None:
        e = NamedNode(f"{self.base}id/event/{key}")
        ev = NamedNode(f"{e.value}#evidence")
        add(e, RDF.type, _n(WS[event.kind]))
        add(e, RDFS.label, Literal(event.label, language="en"))
        add(e, PROV.wasDerivedFrom, doc_node)
        add(e, WS.evidence, ev)
        add(doc_node, WS.reports, e)
        for ref in event.participants:
            add(e, WS.participant, self.actor(ref, add, doc_node))
        if event.date:
            add(e, WS.date, _date_literal(event.date))
        if event.place:
            add(e, WS.place, Literal(event.place))
        if event.about:
            add(e, WS.about, self.topic(event.about, add))
        if event.lifecycle:
            add(e, WS.lifecycle, Literal(event.lifecycle))
        self._evidence(ev, event.evidence, doc_node, doc.text, add)

    @staticmethod
    def _evidence(ev: NamedNode, span, doc_node: NamedNode, text: str, add) -> None:
        """Web Annotation selectors; exact, prefix and suffix are taken from the file as read."""
        position = NamedNode(ev.value + "-position")
        quote = NamedNode(ev.value + "-quote")
        add(ev, RDF.type, _n(OA.SpecificResource))
        add(ev, OA.hasSource, doc_node)
        add(ev, OA.hasSelector, position)
        add(ev, OA.hasSelector, quote)
        add(position, RDF.type, _n(OA.TextPositionSelector))
        add(position, OA.start, Literal(span.start))
        add(position, OA.end, Literal(span.end))
        add(quote, RDF.type, _n(OA.TextQuoteSelector))
        add(quote, OA.exact, Literal(text[span.start:span.end]))
        add(quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT_CHARS):span.start]))
        add(quote, OA.suffix, Literal(text[span.end:span.end + CONTEXT_CHARS]))
