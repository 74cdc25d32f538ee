"""Documents -> Extractions: the spaCy pass, mention resolution and attribution, together."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from . import nlp as nlp_module
from .attribution import Attributor
from .documents import Document
from .mentions import MentionResolver
from .model import Extraction
from .ontology import Ontology


class Pipeline:
    def __init__(self, ontology: Ontology, nlp: Language | None = None):
        self.ontology = ontology
        self.nlp = nlp or nlp_module.build(ontology)
        self.attributor = Attributor(ontology)

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_all([document]))

    def extract_all(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[Extraction]:
        documents = list(documents)
        docs = self.nlp.pipe((d.body for d in documents), n_process=n_process)
        for document, doc in zip(documents, docs):
            resolver = MentionResolver(self.ontology, doc, self.attributor.words["government_nouns"])
            statements = self.attributor.statements(doc, resolver)
            yield Extraction(document, statements, [m.actor for m in resolver.mentions])
