"""Documents -> Extractions: the line parse, the document annotators, and the statements
assembled from what they wrote on the Doc.

Each line is parsed on its own and the parses are joined back into one Doc whose text is the
document body, character for character. Parsing a whole article at once lets the parser run
sentences across line breaks (a title without a full stop swallows the next line, and it
sometimes splits "Moscow | rejected ..." after a heading); lines are the paragraphs of a
plain-text article, so nothing is lost by parsing them apart. A title-case line is parsed in
sentence case and its parse put back on its own words (`kg.headlines`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from . import headlines
from . import nlp as nlp_module
from .annotations import ACTORS
from .documents import Document, paragraphs
from .model import ActorRef, Extraction, Statement
from .ontology import Ontology
from .statements import statements

PUBLISHER_KINDS = ("MediaOrganization", "ThinkTank")
TRAILER = re.compile(r"^More from (.+)$", re.I)


class Pipeline:
    def __init__(self, ontology: Ontology, nlp: Language | None = None,
                 replace: Mapping[str, Mapping] | None = None):
        self.ontology = ontology
        self.nlp = nlp or nlp_module.build(ontology)
        self.annotator = nlp_module.annotator(self.nlp.vocab, ontology.directory, replace=replace)
        self.publishers = {name.lower(): ontology.actor_ref(a.iri) for a in ontology.actors.values()
                           if a.kind in PUBLISHER_KINDS for name in (a.label, *a.aliases)}
        # words of the ontology's names keep their capitals in a title-case line
        self.known_names = {headlines.bare(w) for a in ontology.actors.values() for name in (a.label, *a.aliases)
                            for w in headlines.WORD.findall(name) if w[0].isupper()}

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_all([document]))

    def annotate(self, document: Document) -> Doc:
        """The document's Doc with every annotator's result on it."""
        return next(self._annotated([document]))[1]

    def extract_all(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[Extraction]:
        for document, doc in self._annotated(documents, n_process):
            yield Extraction(document, marked_headline(statements(doc), document),
                             [m._.actor for m in doc.spans[ACTORS]], doc._.events, self.publisher(document))

    def _annotated(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[tuple[Document, Doc]]:
        documents = list(documents)
        parsed = self.nlp.pipe(self._lines(documents), as_tuples=True, n_process=n_process)
        for n, group in groupby(parsed, key=lambda pair: pair[1][0]):
            document = documents[n]
            lines = [headlines.restore(line, written) if written is not None else line
                     for line, (_, written) in group]
            doc = Doc.from_docs(lines, ensure_whitespace=False)
            doc._.date = document.date
            doc._.reference_date = document.reference_date()
            yield document, self.annotator(doc)

    def _lines(self, documents: list[Document]) -> Iterator[tuple[str, tuple[int, str | None]]]:
        """Each document's lines to parse, with the document's number and, for a title-case line
        parsed in sentence case, the line as written."""
        for n, document in enumerate(documents):
            lines = split_lines(document.body)
            names = self.known_names | headlines.names_in(lines)
            for line in lines:
                cased = headlines.sentence_case(line, names)
                yield (line, (n, None)) if cased is None else (cased, (n, line))

    def publisher(self, document: Document) -> ActorRef | None:
        """The sidecar's publisher, else a known publisher named on a line of its own near the top
        ("The Moscow Times") or in a "More from ..." trailer."""
        if document.publisher:
            return self.publishers.get(document.publisher.lower(), ActorRef(document.publisher, "MediaOrganization"))
        lines = [" ".join(re.sub(r"[*_#]", " ", line).split()) for line in document.text.splitlines()]
        candidates = [line for line in lines[:15] if line] + [m.group(1) for line in lines
                                                              if (m := TRAILER.match(line))]
        return next((self.publishers[line.lower()] for line in candidates if line.lower() in self.publishers), None)


def marked_headline(found: list[Statement], document: Document) -> list[Statement]:
    """The statements read from the headline, marked: the first paragraph, when it is the title."""
    first = next(iter(paragraphs(document.body)), None)
    if first is None or not document.title or words(document.body[slice(*first)]) != words(document.title):
        return found
    return [replace(s, from_headline=True) if s.evidence.start < first[1] else s for s in found]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def split_lines(text: str) -> list[str]:
    """Lines with their trailing line breaks; joined, they give `text` back exactly."""
    return [chunk for chunk in re.split(r"(?<=\n)(?=[^\n])", text) if chunk]
