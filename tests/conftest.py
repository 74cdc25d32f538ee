"""Shared fixtures. The spaCy pipeline and the seed builds are made once per session: they are
the slow parts (about 2 s and 5 s).

`seed_store` is the seed corpus built into each backend in turn (embedded Oxigraph, then a real
Fuseki), so every test that takes it is one contract test run on both."""
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

from .fuseki import Fuseki

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
def fuseki(tmp_path_factory):
    """One Fuseki for the session, with datasets "seed" (read by the query tests), "scratch"
    (cleared by each test that writes) and "plain" (no union default graph)."""
    server = Fuseki(tmp_path_factory.mktemp("fuseki"), free_port(), ["seed", "scratch", "plain"],
                    without_union=("plain",))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def seed_fuseki_url(fuseki) -> str:
    build(CORPUS, open_store(fuseki.url("seed")))
    return fuseki.url("seed")


@pytest.fixture(scope="session", params=["oxigraph", "fuseki"])
def seed_location(request) -> str:
    """Where the seed build is: a directory, then a Fuseki dataset URL."""
    if request.param == "oxigraph":
        return str(request.getfixturevalue("seed_store_path"))
    return request.getfixturevalue("seed_fuseki_url")


@pytest.fixture(scope="session")
def seed_store(seed_location):
    return open_store(seed_location, read_only=True)


@pytest.fixture(params=["oxigraph", "fuseki"])
def empty_store(request, tmp_path):
    """A writable store with nothing in it, on each backend."""
    if request.param == "oxigraph":
        return open_store(tmp_path / "store")
    fuseki = request.getfixturevalue("fuseki")
    fuseki.clear("scratch")
    return open_store(fuseki.url("scratch"))


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
