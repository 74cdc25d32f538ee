"""Shared fixtures. The spaCy pipeline and the seed build are made once per session: they are
the slow parts (about 2 s and 4 s)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.ontology import Ontology
from kg.pipeline import Pipeline
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return Ontology.load()


@pytest.fixture(scope="session")
def pipeline(ontology) -> Pipeline:
    return Pipeline(ontology)


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "store"
    store = open_store(path)
    build(CORPUS, store)
    del store
    return path


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    return open_store(seed_store_path, read_only=True)


@pytest.fixture
def ontology_copy(tmp_path) -> Path:
    """A writable copy of ontology/ for tests that edit it."""
    target = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", target)
    return target
