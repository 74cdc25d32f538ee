"""A document's text as the page shows it: its Markdown rendered as HTML (CommonMark, raw HTML
escaped, no images fetched from elsewhere, headings below the page's own, only the links that
lead somewhere from here kept), with each statement's evidence marked and linked to the
statement.

The evidence is known by character offsets into the Markdown source, which a renderer does not
keep; so a pair of private-use characters is put around each span before rendering, and the
renderer turns them into tags where they land in text. A mark is closed at the end of each piece
of text and opened again at the start of the next, so that it never straddles an element the
Markdown opened (emphasis, a link, a paragraph): the HTML stays well nested. Where a mark lands
anywhere else (a link's address, say) it is dropped.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

OPEN, CLOSE = "\ue000", "\ue001"
FIRST_INDEX = 0xE100                      # OPEN is followed by chr(FIRST_INDEX + i) for the i-th span
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
SENTINELS = re.compile(f"{OPEN}(.)|{CLOSE}", re.S)
MAX_SPANS = 0xF8FF - FIRST_INDEX
OUTSIDE = ("http://", "https://")          # the links in an article kept: others lead nowhere here


def marked_markdown(text: str, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """`text` (Markdown) as HTML with each span (start, end, link, title) marked; overlapping
    spans after the first are left unmarked."""
    # the text's own private-use characters (rare) cannot be taken for marks: each is replaced by
    # one character, so that the offsets hold
    text = PRIVATE_USE.sub("\ufffd", text)
    source, position, kept = [], 0, []
    for start, end, href, title in sorted(spans)[:MAX_SPANS]:
        if start < position or end <= start:
            continue
        source += [text[position:start], OPEN, chr(FIRST_INDEX + len(kept)), text[start:end], CLOSE]
        kept.append((href, title))
        position = end
    source.append(text[position:])
    return Markup(_Renderer(kept).render("".join(source)))


class _Renderer:
    """One rendering: which mark is open, and whether inside one of the article's own links (a
    mark there is not a link too: links do not nest), as the text's pieces go by."""

    def __init__(self, marks: list[tuple[str, str]]):
        self.marks = marks
        self.open: int | None = None
        self.links: list[bool] = []          # for each link open: whether it was kept
        self.md = MarkdownIt("commonmark", {"html": False}).disable("image")
        # markdown-it binds a rule to its renderer as the first argument; the rules here are this
        # object's, so the renderer is passed over
        rules = {"text": self._text, "code_inline": self._text, "code_block": self._text, "fence": self._text,
                 "link_open": self._link_open, "link_close": self._link_close}
        for name, rule in rules.items():
            self.md.add_render_rule(name, lambda _renderer, tokens, idx, options, env, rule=rule: rule(tokens, idx))

    def render(self, source: str) -> str:
        tokens = self.md.parse(source)
        for token in _walk(tokens):
            for name, value in list((token.attrs or {}).items()):
                token.attrs[name] = SENTINELS.sub("", str(value))
            if token.type in ("heading_open", "heading_close"):     # below the page's own h1 and h2
                token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
        return self.md.renderer.render(tokens, self.md.options, {})

    def _opening(self) -> str:
        href, title = self.marks[self.open]
        return f'<mark title="{escape(title)}">' + ("" if any(self.links) else f'<a href="{escape(href)}">')

    def _closing(self) -> str:
        return ("" if any(self.links) else "</a>") + "</mark>"

    def _marked(self, content: str) -> str:
        out = [self._opening()] if self.open is not None else []
        position = 0
        for sentinel in SENTINELS.finditer(content):
            out.append(str(escape(content[position:sentinel.start()])))
            if sentinel.group(1) is not None:
                self.open = ord(sentinel.group(1)) - FIRST_INDEX
                out.append(self._opening())
            elif self.open is not None:
                out.append(self._closing())
                self.open = None
            position = sentinel.end()
        out.append(str(escape(content[position:])))
        if self.open is not None:
            out.append(self._closing())
        return "".join(out)

    def _text(self, tokens, idx) -> str:
        token = tokens[idx]
        html = self._marked(token.content)
        if token.type == "code_inline":
            return f"<code>{html}</code>"
        return f"<pre><code>{html}</code></pre>\n" if token.type in ("code_block", "fence") else html

    def _link_open(self, tokens, idx) -> str:
        href = str(tokens[idx].attrs.get("href", ""))
        self.links.append(href.startswith(OUTSIDE))
        return f'<a class="external" rel="nofollow noopener" href="{escape(href)}">' if self.links[-1] else ""

    def _link_close(self, tokens, idx) -> str:
        return "</a>" if self.links.pop() else ""


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def statement_spans(statements: Sequence[dict], link: Callable[[str], str]) -> list[tuple[int, int, str, str]]:
    """The marks of a document's statements: where each one's evidence is, its page, and who
    said what."""
    return [(s["start"], s["end"], link(s["statement"]),
             f'{s["speakerLabel"] or ""} — {s["stanceLabel"]} — {s["topicLabel"] or ""}') for s in statements]
