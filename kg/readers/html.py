"""HTML pages, as browsers save them: decoded as a browser would, metadata from the page's own
markup, the article's text from trafilatura once the page furniture is out.

Decoding: a byte-order mark, else the page's `<meta charset>` / `http-equiv` declaration, else
detection (charset-normalizer) — w3lib applies them in that order, with the WHATWG overrides
(ISO-8859-1 read as windows-1252, GB2312 as GB18030). A declaration that the bytes contradict
(U+FFFD in the result) falls back to detection.

Metadata candidates, most trusted first, each validated (`fields`): the canonical link for the
URL (a JSON-LD url is at times the section's), JSON-LD (schema.org Article kinds, via extruct),
OpenGraph and `article:*`, Dublin Core, plain `<meta name=…>`, the page's byline, htmldate for the
date, trafilatura's own metadata, and the `<title>` last. The body is
trafilatura's text; when the page's JSON-LD `articleBody` is much longer (the page shows a
caption and keeps the article in its markup), the articleBody is the text instead.
"""
from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import re
from functools import lru_cache
from importlib.metadata import version

from .. import boilerplate
from ..documents import UnreadableDocument, make_document
from . import fields

VERSION = "3"
ARTICLE_TYPES = {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
                 "LiveBlogPosting", "SocialMediaPosting"}
# A live blog's entries open with a time ("10:32", "3.15pm ET", "12 min ago"); an index page is
# mostly short items, most of its words in links. Neither is an article to mine for actors.
_ENTRY_TIME = re.compile(r"^\s*(\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?(\s+[A-Z]{2,4})?|\d+\s+(mins?|minutes|hours?|hrs?)\s+ago)"
                         r"(?=\s|$|[:,—–-])", re.I)
LIVE_ENTRIES = 5
INDEX_ITEMS, INDEX_SHORT_WORDS, INDEX_SHORT_SHARE, INDEX_LINK_SHARE = 15, 12, 0.6, 0.5
ARTICLE_BODY_RATIO = 2.0     # articleBody replaces the extracted text when it has this many times its words
ARTICLE_BODY_MIN_WORDS = 50
_DATE_META = ("date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
              "article:published_time", "original-publish-date", "dc.date.issued", "dcterms.issued")


@lru_cache(maxsize=1)
def reader_name() -> str:
    return f"html {VERSION} (trafilatura {version('trafilatura')})"


def _detect(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best else None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a page's bytes."""
    from w3lib.encoding import html_to_unicode, read_bom

    encoding, text = html_to_unicode(None, data, auto_detect_fun=_detect)
    if "\ufffd" in text and read_bom(data)[0] is None and (detected := _detect(data)) and detected != encoding:
        encoding, text = detected, data.decode(detected, errors="replace")
    return text, encoding


def _types(item: dict) -> set[str]:
    kind = item.get("@type", ())
    return {t.rsplit("/", 1)[-1] for t in ([kind] if isinstance(kind, str) else kind) if isinstance(t, str)}


def _json_ld_articles(items: list) -> list[dict]:
    """Every schema.org Article kind in the page's JSON-LD, `@graph` blocks included."""
    found, stack = [], list(items)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            if _types(item) & ARTICLE_TYPES:
                found.append(item)
            stack[:0] = [v for k, v in item.items() if k in ("@graph", "mainEntity", "hasPart") and v]
    return found


def _names(value, people_only: bool) -> list[str]:
    """Names in a schema.org author/publisher value: a string, an object, or a list of them."""
    out = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("name"):
            if not (people_only and _types(item) and "Person" not in _types(item)):
                out.append(item["name"] if isinstance(item["name"], str) else str(item["name"]))
    return out


def _url_of(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _candidates(tree) -> tuple[list[tuple[str, object, str]], str | None, set[str]]:
    """Metadata candidates in order of trust, the JSON-LD articleBody if any, and the schema.org
    types of the page's articles."""
    import extruct
    import htmldate
    from trafilatura.metadata import extract_metadata

    data = extruct.extract(tree, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True, errors="ignore")
    out: list[tuple[str, object, str]] = [("url", link.get("href"), "canonical link")
                                          for link in tree.xpath("//link[@rel='canonical'][@href]")]
    article_body, kinds = None, set()
    for article in _json_ld_articles(data.get("json-ld", [])):
        kinds |= _types(article)
        out += [("title", article.get("headline") or article.get("name"), "json-ld"),
                ("authors", _names(article.get("author", []), people_only=True), "json-ld"),
                ("publisher", next(iter(_names(article.get("publisher", []), False)), None), "json-ld"),
                ("date", article.get("datePublished") or article.get("dateCreated"), "json-ld"),
                ("url", article.get("url") or _url_of(article.get("mainEntityOfPage")), "json-ld")]
        if isinstance(article.get("articleBody"), str) and not article_body:
            article_body = article["articleBody"]
    for og in data.get("opengraph", []):
        out += [("title", og.get("og:title"), "opengraph"), ("publisher", og.get("og:site_name"), "opengraph"),
                ("date", og.get("article:published_time") or og.get("og:published_time"), "opengraph"),
                ("authors", [a for a in _as_list(og.get("article:author")) if not fields.url(a)], "opengraph"),
                ("url", og.get("og:url"), "opengraph")]
    dc: dict[str, list[str]] = {}
    for block in data.get("dublincore", []):
        for element in block.get("elements", []) + block.get("terms", []):
            dc.setdefault(element.get("URI", "").rsplit("/", 1)[-1], []).append(element.get("content"))
    out += [("title", next(iter(dc.get("title", [])), None), "dublin core"),
            ("authors", dc.get("creator", []), "dublin core"),
            ("publisher", next(iter(dc.get("publisher", [])), None), "dublin core"),
            *[("date", value, "dublin core") for key in ("issued", "date", "created") for value in dc.get(key, [])]]
    meta = {}
    for element in tree.xpath("//meta[@name][@content]"):
        meta.setdefault(element.get("name").strip().lower(), element.get("content"))
    out += [("authors", meta.get("author"), "meta author"), ("authors", _byline(tree), "byline"),
            *[("date", meta[name], f"meta {name}") for name in _DATE_META if name in meta],
            ("publisher", meta.get("application-name"), "meta application-name")]
    found_date = htmldate.find_date(tree, original_date=True, extensive_search=False,
                                    max_date=dt.date.today().isoformat())
    out.append(("date", found_date, "htmldate"))
    trafilatura_meta = extract_metadata(tree)     # reads the tree; it copies what it prunes itself
    out += [("title", trafilatura_meta.title, "trafilatura"),
            ("authors", (trafilatura_meta.author or "").split(";"), "trafilatura"),
            ("publisher", trafilatura_meta.sitename, "trafilatura"),
            ("date", trafilatura_meta.date, "trafilatura"),
            ("url", trafilatura_meta.url, "trafilatura")]
    titles = tree.xpath("//title")
    out.append(("title", titles[0].text_content() if titles else None, "title element"))
    return out, article_body, kinds


def not_an_article(tree, text: str, kinds: set[str]) -> str | None:
    """Why a page is a live blog or an index page rather than an article, or None."""
    if "LiveBlogPosting" in kinds:
        return "a live blog (schema.org LiveBlogPosting), not an article"
    lines = [line for line in text.splitlines() if line.strip()]
    entries = sum(bool(_ENTRY_TIME.match(line)) for line in lines)
    if entries >= LIVE_ENTRIES:
        return f"a live blog ({entries} time-stamped entries), not an article"
    short = sum(len(line.split()) < INDEX_SHORT_WORDS for line in lines)
    if len(lines) < INDEX_ITEMS or short < INDEX_SHORT_SHARE * len(lines) or (body := tree.find("body")) is None:
        return None
    total, linked = boilerplate.letter_counts(body)[body]
    if total and linked >= INDEX_LINK_SHARE * total:
        return f"an index page ({short} of {len(lines)} items short, {linked / total:.0%} of its text in links), " \
               "not an article"
    return None


_BYLINE_XPATH = ('//*[@itemprop="author"][not(.//*[@itemprop="name"])] | //*[@itemprop="author"]//*[@itemprop="name"]'
                 ' | //a[@rel="author"] | //*[contains(@class, "byline")]')
BYLINE_CHARS = 80


def _byline(tree) -> list[str]:
    """The texts of the page's byline elements (schema.org microdata, rel=author, a "byline"
    class), outside comment sections, each short; the name check sorts out the rest."""
    texts = []
    for element in tree.xpath(_BYLINE_XPATH):
        if any("comment" in f"{a.get('class', '')} {a.get('id', '')}".lower() for a in element.iterancestors()):
            continue
        text = " ".join(" ".join(element.itertext()).split())       # "Jane Doe<span>Monday" is two words
        if 0 < len(text) <= BYLINE_CHARS and text not in texts:
            texts.append(text)
    return texts


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _article_body_text(article_body: str) -> str:
    """A JSON-LD articleBody as paragraphs, one a line (some sites put markup in it)."""
    text = html_lib.unescape(article_body)
    if re.search(r"<(p|br|div)\b", text, re.I):
        tree = boilerplate.parse_html(f"<div>{text}</div>")
        for br in tree.iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = "\n".join(p.text_content() for p in tree.iter("p")) or tree.text_content()
    return "\n".join(" ".join(line.split()) for line in re.split(r"\n+", text) if line.strip())


def read(data: bytes, source: str):
    import trafilatura

    markup, encoding = decode(data)
    try:
        tree = boilerplate.parse_html(markup)
    except Exception as err:    # lxml's ParserError and the like: name it, never a traceback
        raise UnreadableDocument(f"HTML that cannot be parsed ({err})") from None
    candidates, article_body, kinds = _candidates(tree)
    cleaned = copy.deepcopy(tree)
    boilerplate.clean_tree(cleaned)
    text = trafilatura.extract(cleaned, include_comments=False, include_tables=False) or ""
    origin = "trafilatura"
    if article_body and (body_words := len(article_body.split())) >= ARTICLE_BODY_MIN_WORDS \
            and body_words >= ARTICLE_BODY_RATIO * len(text.split()):
        text, origin = _article_body_text(article_body), "json-ld articleBody"
    if not text.strip():
        raise UnreadableDocument("no article found in the HTML")
    if reason := not_an_article(tree, text, kinds):
        raise UnreadableDocument(reason)
    found = {**fields.pick(candidates), "text": (text, origin)}
    return make_document(source, text, found, reader_name(), encoding=encoding)
