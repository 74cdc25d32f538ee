"""Markdown clippings: front matter as metadata, the body rendered by a CommonMark parser to text.

Web clippers and note apps write YAML (`---`) or TOML (`+++`) front matter with `title`,
`published`/`date`, `author` (often `[[wiki links]]`), `source` (the URL) and the like; it is
metadata, never text. The body is rendered with markdown-it-py, so that a paragraph hard-wrapped
at 72 columns becomes one line (a quote no longer ends at a line break), images go, links keep
their text and lose their targets, and headings and a leading excerpt block leave the prose (the
first `#` heading is the title when the front matter has none). The rendered page then goes
through the same tree rules as HTML: link-only lines, "Related" lists and promos are dropped.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.metadata import version

import yaml

from .. import boilerplate
from ..documents import UnreadableDocument, make_document
from . import fields
from .text import decode

VERSION = "2"
# Front-matter keys by field, in order of trust; `source` is the URL when it is one, else the site.
KEYS = {
    "title": ("title", "headline"),
    "date": ("published", "date", "pubDate", "date_published", "datePublished"),
    "authors": ("author", "authors", "by", "byline", "creator"),
    "publisher": ("publisher", "site", "site_name", "siteName", "source", "publication"),
    "url": ("url", "source", "link", "canonical", "canonical_url", "original_url", "source_url"),
}
TEXT_BLOCKS = frozenset(("p", "li", "dt", "dd"))
SKIPPED = frozenset(("pre", "script", "style", "table", "h1", "h2", "h3", "h4", "h5", "h6"))


class _TomlHandler:
    """python-frontmatter's TOML handler needs the old `toml` package; tomllib is in the standard library."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.M)

    def detect(self, text: str) -> bool:
        return bool(self.FM_BOUNDARY.match(text))

    def split(self, text: str) -> tuple[str, str]:
        _, front, content = self.FM_BOUNDARY.split(text, 2)
        return front, content

    def load(self, front: str) -> dict:
        return tomllib.loads(front)


@lru_cache(maxsize=1)
def reader_name() -> str:
    return f"markdown {VERSION} (markdown-it-py {version('markdown-it-py')})"


def front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body) of a Markdown file; a front matter that does not parse is an error."""
    import frontmatter

    handler = _TomlHandler() if _TomlHandler().detect(text) else None
    try:
        return frontmatter.parse(text, handler=handler)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as err:
        raise UnreadableDocument(f"bad front matter: {' '.join(str(err).split())}") from None


def _own_text(element) -> str:
    """An element's text without that of the blocks nested in it (a list item's sub-list)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in boilerplate.BLOCK_TAGS and child.tag not in SKIPPED:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def render(body: str) -> tuple[str, str | None, str | None]:
    """(text, first level-1 heading, leading excerpt) of a Markdown body: one paragraph a block."""
    from markdown_it import MarkdownIt

    tree = boilerplate.parse_html(f"<html><body>{MarkdownIt('commonmark').render(body)}</body></html>")
    boilerplate.clean_tree(tree)
    heading = next((" ".join(h.text_content().split()) for h in tree.iter("h1")), None)
    excerpt, paragraphs = None, []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag not in TEXT_BLOCKS:
            continue
        if any(a.tag in SKIPPED for a in element.iterancestors()):
            continue
        text = _own_text(element)
        if not text:
            continue
        if not paragraphs and excerpt is None and any(a.tag == "blockquote" for a in element.iterancestors()):
            excerpt = text
            continue
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else ""), heading, excerpt


def _values(meta: dict, name: str) -> list[tuple[str, object, str]]:
    out = []
    for key in KEYS[name]:
        value = meta.get(key)
        if key == "source" and value is not None:
            if (name == "url") != bool(fields.url(value)):
                continue
        if name == "authors" and value:
            value = [re.sub(r"\[\[([^\]|]+)(\|[^\]]*)?\]\]", r"\1", str(v))
                     for v in (value if isinstance(value, list) else [value])]
        out.append((name, value, f"front matter {key}"))
    return out


def read(data: bytes, source: str):
    decoded, encoding = decode(data)
    meta, body = front_matter(decoded)
    text, heading, excerpt = render(body)
    candidates = [hit for name in KEYS for hit in _values(meta, name)] + [("title", heading, "first heading")]
    found = fields.pick(candidates)
    extra = {**meta, **({"excerpt": excerpt} if excerpt else {})}
    return make_document(source, text, found, reader_name(), meta=extra, encoding=encoding)
