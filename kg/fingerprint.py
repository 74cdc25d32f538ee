"""Whether a document's graph is still what extraction would make of it.

A document graph depends on the document as its reader made it (text and metadata), the ontology,
the extractor (this package's code, lexicons and name lists, spaCy and its model), the base IRI
and the command that wrote it. The fingerprint is a digest of all of them, written in the graph
(`ws:fingerprint`); a build that computes the same one for a file keeps its graph instead of
extracting it again, so rebuilding a large corpus costs the documents that changed. Any edit to
the code counts as a change: a rebuild after one extracts everything, which is always right.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import spacy
from pyoxigraph import Triple

from .documents import Document

PACKAGE = Path(__file__).resolve().parent
SOURCE_SUFFIXES = {".py", ".yaml", ".tsv", ".json", ".txt"}


@cache
def extractor_digest(model: str) -> str:
    """This package's files (code and data) and the versions of spaCy and of `model`: computed
    once per process, the files being what was imported."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        model_version = version(model)
    except PackageNotFoundError:
        model_version = "not installed"
    digest.update(f"spacy {spacy.__version__}; {model} {model_version}".encode())
    return digest.hexdigest()


def ontology_digest(triples: Iterable[Triple]) -> str:
    """The ontology as loaded, whatever the order of its files' statements."""
    digest = hashlib.sha256()
    for line in sorted(str(t) for t in triples):
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def fingerprint(document: Document, *, extractor: str, ontology: str, base_iri: str, added_with: str) -> str:
    """The digest of what the document's graph is made from."""
    made_from = {"document": dataclasses.asdict(document), "extractor": extractor, "ontology": ontology,
                 "base_iri": base_iri, "added_with": added_with}
    payload = json.dumps(made_from, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()
