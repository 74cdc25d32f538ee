"""One reader per input format, each with one interface: `read(data: bytes, source: str) -> Document`
(the text, the metadata, and where each field came from).

The format is chosen by content first and extension second: a page saved as `.txt` is still HTML,
and a `.txt` that opens with front matter is a Markdown clipping.
"""
from __future__ import annotations

import re

from ..documents import Document, UnreadableDocument
from . import html, language, markdown, text

READERS = {"html": html, "markdown": markdown, "text": text}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_FRONT_MATTER = re.compile(rb"^(---|\+\+\+)[ \t]*\r?\n")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def format_of(data: bytes, source: str) -> str:
    """"html", "markdown" or "text", by what the bytes are, then by the name's extension."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    if _FRONT_MATTER.match(head):
        return "markdown"
    suffix = source.lower().rsplit(".", 1)[-1]
    return {"html": "html", "htm": "html", "md": "markdown", "markdown": "markdown"}.get(suffix, "text")


def read(data: bytes, source: str) -> Document:
    """The Document of one file's bytes, by the reader for its format."""
    if b"\x00" in data[:8192] and not data.startswith(_WIDE_BOMS):      # UTF-16 and UTF-32 text holds NULs
        raise UnreadableDocument("binary file (NUL bytes)")
    return READERS[format_of(data, source)].read(data, source)


__all__ = ["READERS", "format_of", "language", "read"]
