"""Shared fixtures. The spaCy pipeline and the seed build are made once per session: they are
the slow parts (about 2 s and 4 s)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(seed_store_path):
    port = free_port()
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.Popen([str(kg), "serve", "--store", str(seed_store_path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/sparql", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("kg serve did not start: " + proc.stderr.read().decode())
    yield url
    proc.terminate()
    proc.wait(10)
