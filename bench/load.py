"""The normal load: clients mixing canned queries, SPARQL and pages against a real `kg serve`.

    python bench/load.py [--store data/store] [--clients 16] [--seconds 60] [--url URL]

Without `--url` it starts `kg serve` on the store (a free loopback port) and stops it at the end.
Each client loops over the mix below, one request at a time, for `--seconds`. It prints and writes
to bench/load.json the requests made, the errors (any status but 200, or no answer within 30 s),
and the latency percentiles per kind and overall.
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
JSON = {"Accept": "application/sparql-results+json"}
MIX = [
    ("canned", "/queries/statements", {}, JSON),
    ("canned", "/queries/positions-of-actor", {"actor": "Lavrov"}, JSON),
    ("canned", "/queries/actors-on-topic", {"topic": "missile defense"}, JSON),
    ("canned", "/queries/timeline", {}, {"Accept": "text/csv"}),
    ("sparql", "/sparql", {"query": "SELECT ?s WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 10"}, JSON),
    ("sparql", "/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, JSON),
    ("sparql", "/sparql", {"query": "CONSTRUCT WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 20"},
     {"Accept": "text/turtle"}),
    ("page", "/", {}, {"Accept": "text/html"}),
    ("page", "/queries", {}, {"Accept": "text/html"}),
    ("page", "/resource", {"iri": "https://w3id.org/whosaid/id/sergey-lavrov"}, {"Accept": "text/html"}),
    ("page", "/health", {}, {}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("kg")), "serve", "--store", store, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200:
                return proc, url                   # the query workers are up too
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("kg serve did not start")


def client(url: str, until: float, seed: int) -> list[tuple[str, float, int]]:
    rng, session, seen = random.Random(seed), requests.Session(), []
    while time.monotonic() < until:
        kind, path, params, headers = rng.choice(MIX)
        started = time.monotonic()
        try:
            status = session.get(url + path, params=params, headers=headers, timeout=30).status_code
        except requests.RequestException:
            status = 0
        seen.append((kind, time.monotonic() - started, status))
    return seen


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(p * 10) - 1] if len(values) > 1 else values[0]


def summary(samples: list[tuple[str, float, int]], seconds: float) -> dict:
    def stats(rows):
        times = sorted(t for _, t, _ in rows)
        return {"requests": len(rows), "errors": sum(1 for *_, s in rows if s != 200),
                "p50_s": round(percentile(times, 50), 4), "p99_s": round(percentile(times, 99), 4),
                "max_s": round(times[-1], 4)}
    out = {"seconds": seconds, "per_second": round(len(samples) / seconds, 1), **stats(samples)}
    out["by_kind"] = {kind: stats([r for r in samples if r[0] == kind]) for kind in sorted({r[0] for r in samples})}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", default="data/store")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="a server already running (else kg serve is started on --store)")
    args = parser.parse_args()
    proc, url = (None, args.url) if args.url else start_server(args.store)
    try:
        until = time.monotonic() + args.seconds
        with ThreadPoolExecutor(args.clients) as pool:
            runs = list(pool.map(lambda i: client(url, until, i), range(args.clients)))
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    result = {"clients": args.clients, **summary([row for run in runs for row in run], args.seconds)}
    print(json.dumps(result, indent=2))
    (ROOT / "bench" / "load.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
