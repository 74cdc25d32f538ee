"""Extractions -> RDF quads, one named graph per document.

IRIs are minted under one base (`KG_BASE_IRI`, default the server's own address) from the
document's file name and the statement's position, so the same corpus always gives the same
IRIs and triples. All term construction for extracted data happens here.
"""
from __future__ import annotations

import re
import unicodedata

from pyoxigraph import Literal, NamedNode, Quad

from . import __version__
from .documents import Document
from .model import ActorRef, Event, Extraction, Statement, TopicRef
from .ontology import Ontology
from .vocab import DCTERMS, OA, PROV, RDF, RDFS, SCHEMA, SKOS, WS, XSD

DEFAULT_BASE_IRI = "http://127.0.0.1:8000/"
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

    def graph_iri(self, slug: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{slug}")

    def document_iri(self, slug: str) -> NamedNode:
        return NamedNode(f"{self.base}id/document/{slug}")

    def quads(self, extraction: Extraction) -> list[Quad]:
        doc = extraction.document
        g = self.graph_iri(doc.slug)
        out: list[Quad] = []

        def add(s, p, o):
            out.append(Quad(s, _n(p), o, g))

        d = self.document_iri(doc.slug)
        add(d, RDF.type, _n(WS.Document))
        add(d, WS.sourceFile, Literal(doc.source))
        add(d, WS.text, Literal(doc.text))
        if doc.reader:
            add(d, WS.reader, Literal(doc.reader))
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
            add(d, DCTERMS.publisher, self.actor(extraction.publisher, add))
        for ref in dict.fromkeys(extraction.mentions):
            add(d, WS.mentions, self.actor(ref, add))
        for n, statement in enumerate(extraction.statements, 1):
            self._statement(statement, f"{doc.slug}-{n:03d}", d, doc, add)
        for n, event in enumerate(extraction.events, 1):
            self._event(event, f"{doc.slug}-{n:03d}", d, doc, add)
        return out

    def actor(self, ref: ActorRef, add) -> NamedNode:
        if ref.iri:
            return NamedNode(ref.iri)
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

    def _statement(self, st: Statement, key: str, doc_node: NamedNode, doc: Document, add) -> None:
        s = NamedNode(f"{self.base}id/statement/{key}")
        p = NamedNode(f"{self.base}id/position/{key}")
        ev = NamedNode(f"{self.base}id/statement/{key}#evidence")
        speaker = self.actor(st.speaker, add)
        add(s, RDF.type, _n(WS.Statement))
        add(s, WS.speaker, speaker)
        add(s, WS.cue, Literal(st.cue))
        add(s, WS.quote, Literal(st.evidence.text))
        add(s, WS.content, Literal(st.content.text))
        add(s, WS.quoteType, Literal(st.quote_type))
        add(s, WS.cueKind, Literal(st.cue_kind))
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
            add(e, WS.participant, self.actor(ref, add))
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
