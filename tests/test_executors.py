"""Extraction on a Dask cluster (`kg/executors.py`): a real `LocalCluster`, the store it builds
the same, triple for triple, as the single-process build's."""
import distributed
import pytest
from click.testing import CliRunner

from kg import executors
from kg.build import build
from kg.cli import main
from kg.executors import ExecutorError, extract, ontology_files
from kg.ontology import ONTOLOGY_DIR, Ontology
from kg.store import open_store

from .conftest import CORPUS, free_port
from .test_build_and_queries import dump


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0") as c:
        yield c


def test_a_build_on_a_running_cluster_is_the_single_process_build(tmp_path, cluster, seed_store_path):
    store = open_store(tmp_path / "store")
    report = build(CORPUS, store, executor="dask", scheduler=cluster.scheduler_address)
    assert (report.documents, report.statements) == (5, 37)
    assert dump(store) == dump(open_store(seed_store_path, read_only=True))


def test_kg_build_starts_its_own_local_cluster(tmp_path, seed_store_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", "--corpus", str(CORPUS), "--store", str(store),
                                       "--executor", "dask", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "5 documents, 37 statements" in result.output
    assert dump(open_store(store, read_only=True)) == dump(open_store(seed_store_path, read_only=True))


def test_extractions_come_back_in_the_documents_order(cluster, monkeypatch):
    """Batches of one, four workers' worth in flight: the order is still the documents'."""
    from kg.documents import read_corpus
    documents, _ = read_corpus(CORPUS)
    monkeypatch.setattr(executors, "BATCH", 1)
    got = extract(documents, Ontology.load(ONTOLOGY_DIR), "dask", scheduler=cluster.scheduler_address)
    assert [e.document.source for e in got] == [d.source for d in documents]


def test_an_unreachable_scheduler_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "2s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["build", "--corpus", str(CORPUS), "--store", str(tmp_path / "store"),
                                       "--executor", "dask", "--scheduler", address])
    assert result.exit_code == 1
    assert f"Error: cannot reach the Dask scheduler {address}:" in result.output


def test_an_unknown_executor_is_refused():
    with pytest.raises(ExecutorError, match="no executor named 'spark': choose one of local, dask"):
        extract([], Ontology.load(ONTOLOGY_DIR), "spark")
    result = CliRunner().invoke(main, ["build", "--executor", "spark"])
    assert result.exit_code == 2 and "'spark' is not one of 'local', 'dask'" in result.output


def test_the_ontology_travels_as_its_files():
    digest, files = ontology_files(ONTOLOGY_DIR)
    names = [name for name, _ in files]
    assert names == sorted(p.name for p in ONTOLOGY_DIR.iterdir() if p.is_file()) and "core.ttl" in names
    assert dict(files)["core.ttl"] == (ONTOLOGY_DIR / "core.ttl").read_bytes()
    assert ontology_files(ONTOLOGY_DIR)[0] == digest and len(digest) == 64
