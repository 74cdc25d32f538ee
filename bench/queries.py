"""Canned-query latency at one client, over HTTP, as a user of `kg serve` sees it.

    python bench/queries.py --store STORE [--repeats 5] [--out bench/queries.json]
    python bench/queries.py --url http://127.0.0.1:8000      # a server already running

Each canned query is asked `--repeats` times in turn with its header's example parameters (and
`evidence` with a statement of the store), one request at a time, as the web UI asks it; then
`timeline` and `disagreements` with no topic, as the home page asks the first. It prints and
writes per query the median (p50) and worst time, the rows of the answer and its status; a query
that fails (a 503 after the server's timeout) is not asked again.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import start_server  # noqa: E402 - the load benchmark's launcher of kg serve

ROOT = Path(__file__).resolve().parent.parent
JSON = {"Accept": "application/sparql-results+json"}
A_STATEMENT = "SELECT ?s WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 1"


def cases(url: str) -> list[tuple[str, str, dict]]:
    """(label, query name, parameters) for each request of the run."""
    catalogue = requests.get(url + "/queries", headers={"Accept": "application/json"}, timeout=30).json()["queries"]
    statement = requests.get(url + "/sparql", params={"query": A_STATEMENT}, headers=JSON,
                             timeout=60).json()["results"]["bindings"][0]["s"]["value"]
    out = []
    for query in catalogue:
        params = {p["name"]: p["example"] for p in query["parameters"] if p.get("example")}
        if query["name"] == "evidence":
            params = {"statement": statement}
        label = ", ".join(params.values()) if query["name"] != "evidence" else "one IRI"
        out.append((f"{query['name']} ({label})" if label else query["name"], query["name"], params))
        if query["name"] in ("timeline", "disagreements"):
            out.append((f"{query['name']} (all)", query["name"], {}))
    return out


def measure(url: str, name: str, params: dict, repeats: int) -> dict:
    times, rows, status = [], None, None
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            answer = requests.get(f"{url}/queries/{name}", params=params, headers=JSON, timeout=120)
            status = answer.status_code
        except requests.RequestException:
            status = 0
        times.append(time.perf_counter() - started)
        if status != 200:
            break
        rows = len(answer.json()["results"]["bindings"])
    return {"p50_s": round(statistics.median(times), 4), "max_s": round(max(times), 4), "rows": rows,
            "status": status, "requests": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", default="data/store")
    parser.add_argument("--url", help="a server already running (else kg serve is started on --store)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "queries.json")
    args = parser.parse_args()
    proc, url = (None, args.url) if args.url else start_server(args.store)
    try:
        results = {label: measure(url, name, params, args.repeats) for label, name, params in cases(url)}
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    for label, row in results.items():
        print(f"{label}: p50 {row['p50_s'] * 1000:.0f} ms, max {row['max_s'] * 1000:.0f} ms, "
              f"{row['rows']} rows, status {row['status']}")
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
