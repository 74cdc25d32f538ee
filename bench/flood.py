"""The attacks of issue #13 against a real `kg serve` on a copy of a store, with what each did.

    python bench/flood.py [--store data/store] [--runaways 10] [--slow 120] [--timeout 10]

Starts `kg serve` (a copy of the store, `KG_QUERY_TIMEOUT=--timeout`, a write token) on a free
loopback port, runs each attack in turn while timing `/health` and `/queries` (which need no
query worker), and prints and writes to bench/flood.json what it measured:

- runaways: `--runaways` concurrent cross-product queries; how long each took to be answered
  and how, and the latency of `/queries` meanwhile;
- slow clients: `--slow` connections that send half a request line and a byte every few seconds;
- backslashes: a 100 KB query of `"\\` (it froze the old regex lexer for a minute);
- SSRF: SERVICE, FROM and LOAD aimed at a listener on another port, the two known lexer bypasses
  included; the connections it saw;
- a 1 GB chunked upload: the status, and how much was sent before the server refused;
- an idle worker killed with SIGKILL, then a query;
- a failed update (`INSERT DATA {…} ; DROP GRAPH <urn:nope>`), then a write;
- rows: a cross product with no LIMIT, as SELECT and as CONSTRUCT, against the row cap;
- the server killed with SIGKILL while every worker runs a runaway: how long its workers outlive it
  (last, as it ends the server).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TOKEN = {"Authorization": "Bearer flood"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, timeout: float) -> tuple[subprocess.Popen, str, int]:
    port = free_port()
    env = {**os.environ, "KG_QUERY_TIMEOUT": str(timeout), "KG_UPDATE_TOKEN": "flood"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("kg")), "serve", "--store", str(store), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200:
                return proc, url, port
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("kg serve did not start")


def timed(method, *args, **kwargs) -> tuple[float, int]:
    started = time.monotonic()
    try:
        status = method(*args, timeout=kwargs.pop("timeout", 30), **kwargs).status_code
    except requests.RequestException:
        status = 0
    return round(time.monotonic() - started, 3), status


class Prober:
    """Times /health and /queries every 0.2 s in the background."""

    def __init__(self, url: str):
        self.url, self.samples, self._stop = url, {"/health": [], "/queries": []}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            for path, samples in self.samples.items():
                samples.append(timed(requests.get, self.url + path, timeout=60))
            time.sleep(0.2)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        out = {}
        for path, samples in self.samples.items():
            times = sorted(t for t, _ in samples)
            out[path] = {"probes": len(samples), "median_s": round(statistics.median(times), 3),
                         "max_s": times[-1], "not_200": sum(1 for _, s in samples if s != 200)}
        return out


def runaways(url: str, count: int) -> dict:
    probe = Prober(url)
    with ThreadPoolExecutor(count) as pool:
        answers = list(pool.map(lambda _: timed(requests.get, url + "/sparql", params={"query": RUNAWAY}, timeout=120),
                                range(count)))
    return {"answers": sorted(answers), "meanwhile": probe.stop()}


def slow_clients(url: str, port: int, count: int, seconds: float = 15) -> dict:
    probe, sockets = Prober(url), []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /queries HTTP/1.1\r\nHost: x\r\n")
        sockets.append(s)
    until, dropped = time.monotonic() + seconds, 0
    while time.monotonic() < until:
        time.sleep(3)
        for s in sockets:
            try:
                s.sendall(b"X")
            except OSError:
                dropped += 1
    for s in sockets:
        s.close()
    return {"connections": count, "seconds": seconds, "sends_refused": dropped, "meanwhile": probe.stop()}


def backslashes(url: str) -> dict:
    probe = Prober(url)
    answer = timed(requests.post, url + "/sparql", data={"query": '"\\' * 50_000})
    time.sleep(1)
    return {"answer": answer, "meanwhile": probe.stop()}


def ssrf(url: str) -> dict:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    port, seen, done = listener.getsockname()[1], [], threading.Event()

    def accept():
        while not done.is_set():
            try:
                seen.append(listener.accept()[1])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    target = f"http://127.0.0.1:{port}"
    queries = [f"SELECT * WHERE {{ SERVICE <{target}/sparql> {{ ?s ?p ?o }} }}",
               f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:a\\# AS ?z) SERVICE <{target}/x> {{ ?x ?y ?w }} }}",
               f"SELECT ?s WHERE {{ OPTIONAL {{ ?s ?p <http://a\u00A0#x> }} SERVICE <{target}/admin> {{ ?x ?y ?s }} }}",
               f"SELECT * FROM <{target}/data> WHERE {{ ?s ?p ?o }}"]
    updates = [f"LOAD <{target}/data>", f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}/> {{ ?s ?p ?o }} }}"]
    statuses = [timed(requests.get, url + "/sparql", params={"query": q})[1] for q in queries]
    statuses += [timed(requests.post, url + "/update", data={"update": u}, headers=TOKEN)[1] for u in updates]
    time.sleep(1)
    done.set()
    thread.join()
    listener.close()
    return {"statuses": statuses, "connections_seen": len(seen)}


def chunked_gigabyte(url: str) -> dict:
    sent = [0]

    def body():
        chunk = b"<urn:a> <urn:b> <urn:c> .\n" * 40_000                 # about 1 MB
        while sent[0] < 1_000_000_000:
            sent[0] += len(chunk)
            yield chunk
    took, status = timed(requests.put, url + "/data?graph=urn:flood", data=body(), timeout=120,
                         headers={"Content-Type": "application/n-triples", **TOKEN})
    return {"status": status, "seconds": took, "bytes_sent": sent[0],
            "health_after": timed(requests.get, url + "/health")[1]}


def query_workers(server_pid: int) -> list[int]:
    """The server's worker processes (started by multiprocessing's spawn), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == server_pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


def killed_idle_worker(url: str, server: subprocess.Popen) -> dict:
    workers = query_workers(server.pid)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    answers = [timed(requests.get, url + "/sparql", params={"query": "ASK {}"}) for _ in range(5)]
    return {"killed": len(workers), "answers": answers}


def failed_update(url: str) -> dict:
    first = timed(requests.post, url + "/update", headers=TOKEN,
                  data={"update": 'INSERT DATA { <urn:f> <urn:g> "h" } ; DROP GRAPH <urn:nope>'})
    landed = requests.get(url + "/sparql", params={"query": 'ASK { <urn:f> <urn:g> "h" }'}, timeout=30).json()["boolean"]
    second = timed(requests.post, url + "/update", headers=TOKEN, data={"update": 'INSERT DATA { <urn:f> <urn:g> "i" }'})
    return {"failed_update": first, "its_insert_landed": landed, "next_write": second}


def rows(url: str) -> dict:
    """Cross products with no LIMIT: each answered 413 by the row cap, how fast, and the reason."""
    found = {}
    for kind, query in (("select", "SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f }"),
                        ("construct", "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }")):
        started = time.monotonic()
        r = requests.get(url + "/sparql", params={"query": query}, timeout=60)
        found[kind] = {"seconds": round(time.monotonic() - started, 3), "status": r.status_code,
                       "detail": r.json()["error"]["detail"] if r.status_code != 200 else None}
    return found


def server_killed_mid_query(url: str, server: subprocess.Popen) -> dict:
    """SIGKILL the server while each worker runs a runaway; how long until none of them runs."""
    workers = query_workers(server.pid)
    pool = ThreadPoolExecutor(len(workers))
    for _ in workers:
        pool.submit(timed, requests.get, url + "/sparql", params={"query": RUNAWAY})
    time.sleep(1.0)
    killed = time.monotonic()
    server.kill()
    server.wait(10)
    while (left := [pid for pid in workers if _runs(pid)]) and time.monotonic() - killed < 30:
        time.sleep(0.01)
    pool.shutdown()
    return {"workers": len(workers), "still_running_after_30s": len(left),
            "seconds_until_none_ran": round(time.monotonic() - killed, 3)}


def _runs(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", default="data/store")
    parser.add_argument("--runaways", type=int, default=10)
    parser.add_argument("--slow", type=int, default=120)
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(args.store, store)
        server, url, port = start_server(store, args.timeout)
        try:
            result = {"query_timeout_s": args.timeout,
                      "runaways": runaways(url, args.runaways),
                      "slow_clients": slow_clients(url, port, args.slow),
                      "backslashes": backslashes(url),
                      "ssrf": ssrf(url),
                      "chunked_1GB": chunked_gigabyte(url),
                      "killed_idle_worker": killed_idle_worker(url, server),
                      "failed_update": failed_update(url),
                      "rows": rows(url),
                      "server_killed_mid_query": server_killed_mid_query(url, server)}
        finally:
            server.terminate()
            server.wait(10)
    print(json.dumps(result, indent=2))
    (ROOT / "bench" / "flood.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
