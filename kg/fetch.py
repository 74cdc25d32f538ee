"""Pages and feeds from the web, for `kg add URL` and `kg add --feed URL` (the command line only:
the server never fetches anything).

A fetched page is kept as it came, raw bytes in the corpus folder, with a sidecar recording the URL
and the time of the fetch, so that a later `kg build` of that folder reads exactly what was added
and never goes back to the network. Limits: a timeout per request, a size cap (the corpus reader's
own), HTML only (by the response's Content-Type), and a User-Agent that names this program.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests
import yaml

from . import __version__
from .documents import MAX_BYTES

TIMEOUT = 20                     # seconds to connect, and between bytes received
USER_AGENT = f"Mozilla/5.0 (compatible; whosaid-kg/{__version__}; knowledge-graph builder)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


class FetchError(Exception):
    """A URL that gave no page; the message says why."""


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://", str(text), re.I))


def file_name(url: str) -> str:
    """The corpus file name for a URL: readable (host and last path part) and unique (a hash of
    the whole URL), the same every time, so that adding a URL again replaces its document."""
    parts = urlsplit(url)
    tail = [p for p in parts.path.split("/") if p][-1:] or ["index"]
    readable = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or 'page'}-{tail[0]}").strip("-")[:60]
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}.html"


def _get(url: str, accept: tuple[str, ...], what: str) -> tuple[bytes, str]:
    """(body, content type) of a GET, within the limits; FetchError naming the URL otherwise."""
    try:
        with requests.get(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ";q=1, */*;q=0.1"},
                          timeout=TIMEOUT, stream=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind and kind not in accept:
                raise FetchError(f"{url}: not {what} (Content-Type {kind})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise FetchError(f"{url}: too large ({declared} bytes; the limit is {MAX_BYTES})")
            body = b""
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > MAX_BYTES:
                    raise FetchError(f"{url}: too large (over {MAX_BYTES} bytes)")
            return body, kind
    except requests.RequestException as err:
        raise FetchError(f"{url}: {type(err).__name__}: {err}") from None


def fetch_page(url: str, folder: Path) -> Path:
    """Fetch one page into `folder` as NAME.html with NAME.meta.yaml (url, fetched); return its path."""
    body, _ = _get(url, HTML_TYPES, "an HTML page")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(url)
    path.write_bytes(body)
    fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    path.with_name(path.stem + ".meta.yaml").write_text(
        yaml.safe_dump({"url": url, "fetched": fetched}, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class FeedResult:
    """What `kg add --feed` did with a feed's items."""

    new: list[Path] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"feed: {len(self.new)} new, {len(self.known)} known, {len(self.failed)} failed"]
        return "\n".join(lines + [f"failed {url}: {reason}" for url, reason in self.failed])


def fetch_feed(url: str, folder: Path, known: set[str]) -> FeedResult:
    """Fetch the items of an RSS or Atom feed whose file names are not in `known` (the sources
    the store already holds) into `folder`; an item fetched before but never built is read from
    the folder again, not fetched."""
    import feedparser

    body, _ = _get(url, FEED_TYPES + HTML_TYPES, "a feed")
    feed = feedparser.parse(body)
    if feed.bozo and not feed.entries:
        raise FetchError(f"{url}: not a feed ({feed.bozo_exception})")
    result = FeedResult()
    for entry in feed.entries:
        link = entry.get("link")
        if not link or not is_url(link):
            continue
        if file_name(link) in known:
            result.known.append(link)
            continue
        if (folder / file_name(link)).exists():
            result.new.append(folder / file_name(link))
            continue
        try:
            result.new.append(fetch_page(link, folder))
        except FetchError as err:
            result.failed.append((link, str(err).removeprefix(f"{link}: ")))
    return result
