"""Fetching pages and feeds (kg/fetch.py, `kg add URL`, `kg add --feed URL`) from a loopback
HTTP server started by the test: nothing leaves the machine."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg import fetch
from kg.cli import main
from kg.documents import read_document

PAGE = (Path(__file__).parent / "data" / "html" / "full_metadata.html").read_bytes()
SECOND = (b"<html><head><title>Velm grid deal approved</title></head><body><article><p>The parliament of Norland "
          b"approved the Velm grid deal on Friday by a wide margin, clearing the way for work on the power line to "
          b"start in the spring, the energy minister said.</p></article></body></html>")


def feed(base: str) -> bytes:
    items = "".join(f"<item><title>{n}</title><link>{base}/{n}</link></item>"
                    for n in ("water.html", "grid.html", "missing.html"))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{items}</channel></rss>'.encode()


@pytest.fixture()
def site():
    agents = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            agents.append(self.headers.get("User-Agent"))
            base = f"http://127.0.0.1:{self.server.server_port}"
            routes = {"/water.html": ("text/html; charset=utf-8", PAGE), "/grid.html": ("text/html", SECOND),
                      "/feed.xml": ("application/rss+xml", feed(base)), "/photo.png": ("image/png", b"\x89PNG..."),
                      "/huge.html": ("text/html", b"<p>" + b"x" * 5000 + b"</p>")}
            if self.path == "/slow.html":
                time.sleep(2)
            if self.path not in routes:
                self.send_error(404)
                return
            kind, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            if self.path != "/huge.html":                 # the huge one does not say how big it is
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", agents
    server.shutdown()
    server.server_close()


def test_a_fetched_page_is_kept_with_a_sidecar_and_read_like_a_saved_one(site, tmp_path):
    base, agents = site
    path = fetch.fetch_page(f"{base}/water.html", tmp_path)
    assert path == tmp_path / fetch.file_name(f"{base}/water.html") and path.read_bytes() == PAGE
    side = yaml.safe_load(path.with_name(path.stem + ".meta.yaml").read_text())
    assert side["url"] == f"{base}/water.html" and set(side) == {"url", "fetched"}
    assert agents == [fetch.USER_AGENT] and "whosaid-kg/" in fetch.USER_AGENT
    doc = read_document(path)
    assert (doc.title, doc.url, doc.origins["url"]) == (
        "Ministers agree to resume water talks", f"{base}/water.html", f"sidecar {path.stem}.meta.yaml")


def test_the_file_name_is_readable_and_the_same_for_the_same_url():
    assert fetch.file_name("https://ledger.example.net/world/water-talks?x=1") == \
        fetch.file_name("https://ledger.example.net/world/water-talks?x=1")
    assert fetch.file_name("https://ledger.example.net/world/water-talks").startswith(
        "ledger-example-net-water-talks-")
    assert fetch.file_name("https://a.example/x") != fetch.file_name("https://a.example/y/x")


@pytest.mark.parametrize("route, reason", [
    ("/photo.png", "not an HTML page (Content-Type image/png)"),
    ("/nothing.html", "HTTP 404"),
    ("/huge.html", "too large (over 1000 bytes)"),
    ("/slow.html", "ReadTimeout"),
])
def test_what_is_not_fetched_says_why(site, tmp_path, monkeypatch, route, reason):
    monkeypatch.setattr(fetch, "MAX_BYTES", 1000)
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    with pytest.raises(fetch.FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        fetch.fetch_page(f"{site[0]}{route}", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_kg_add_fetches_a_url_then_a_feed_adds_only_what_is_new(site, tmp_path):
    base, _ = site
    store, into = str(tmp_path / "store"), tmp_path / "corpus"
    runner = CliRunner()
    added = runner.invoke(main, ["add", f"{base}/water.html", "--into", str(into), "--store", store, "--no-inference"])
    assert added.exit_code == 0, added.output
    assert "1 documents" in added.output
    fed = runner.invoke(main, ["add", "--feed", f"{base}/feed.xml", "--into", str(into), "--store", store,
                               "--no-inference"])
    assert "feed: 1 new, 1 known, 1 failed" in fed.output
    assert f"failed {base}/missing.html: HTTP 404" in fed.output
    assert "1 documents" in fed.output and fed.exit_code == 1          # one item could not be fetched
    assert sorted(p.name for p in into.glob("*.html")) == sorted(
        fetch.file_name(f"{base}/{n}") for n in ("water.html", "grid.html"))
