"""A real Apache Jena Fuseki for the tests, in memory, on a free loopback port.

The server runs `deploy/fuseki.ttl`, the configuration users are given, with its TDB2 database
moved into memory and served under several names, so that tests which rebuild or clear a
dataset do not disturb the seed build that others read. The jar comes from Maven Central
through `make fuseki-jar` (cached under .cache/); Java 17 runs it.
"""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import requests
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / ".cache" / "fuseki" / "jena-fuseki-server-5.6.0.jar"
CONFIG = ROOT / "deploy" / "fuseki.ttl"
FUSEKI = Namespace("http://jena.apache.org/fuseki#")
TDB2 = Namespace("http://jena.apache.org/2016/tdb#")
JA = Namespace("http://jena.hpl.hp.com/2005/11/Assembler#")


QUERY_TIMEOUT_MS = 5000


def config_for(names: list[str], without_union: tuple[str, ...] = ()) -> Graph:
    """deploy/fuseki.ttl with its dataset in memory, once under each of `names`; the datasets
    in `without_union` keep the default graph apart from the named graphs (as a user might).
    Queries are stopped after QUERY_TIMEOUT_MS rather than a minute, so that a test of a
    runaway query does not hold a core for long."""
    template = Graph().parse(CONFIG)
    service = template.value(predicate=RDF.type, object=FUSEKI.Service)
    dataset = template.value(service, FUSEKI.dataset)
    config = Graph()
    for name in names:
        renamed = {service: URIRef(f"urn:test:service:{name}"), dataset: URIRef(f"urn:test:dataset:{name}")}
        for s, p, o in template:
            if (s, p) == (service, FUSEKI.name):
                o = Literal(name)
            elif p == TDB2.location:
                o = Literal("--mem--")
            elif p == TDB2.unionDefaultGraph:
                o = Literal(name not in without_union)
            elif p == JA.cxtValue:
                o = Literal(str(QUERY_TIMEOUT_MS))
            config.add((renamed.get(s, s), p, renamed.get(o, o)))
    return config


class Fuseki:
    def __init__(self, workdir: Path, port: int, names: list[str], without_union: tuple[str, ...] = ()):
        if not JAR.exists():
            subprocess.run(["make", "-s", "fuseki-jar"], cwd=ROOT, check=True)
        config = workdir / "fuseki.ttl"
        config_for(names, without_union).serialize(config, format="turtle")
        self.base = f"http://127.0.0.1:{port}"
        self.log = (workdir / "fuseki.log").open("wb")
        self.process = subprocess.Popen(
            ["java", "-Xmx1g", "-jar", str(JAR), f"--config={config}", "--localhost", "--port", str(port)],
            cwd=workdir, env={**os.environ, "FUSEKI_BASE": str(workdir / "run")},
            stdout=self.log, stderr=subprocess.STDOUT)
        self._wait(names[0])

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def _wait(self, name: str) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.url(name) + "/query", params={"query": "ASK {}"}, timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("Fuseki did not start:\n" + Path(self.log.name).read_text()[-3000:])

    def clear(self, name: str) -> None:
        requests.post(self.url(name) + "/update", data={"update": "DROP ALL"}, timeout=30).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
