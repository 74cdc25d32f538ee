"""Plain text: the file is the text, UTF-8 (a BOM allowed), its metadata from its own lines.

A plain-text file declares no encoding, so none is guessed: a file that is not UTF-8 is refused
with the byte where decoding failed rather than read with wrong letters.
"""
from __future__ import annotations

from ..documents import UnreadableDocument, find_title, make_document

VERSION = "1"


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UnreadableDocument(f"not UTF-8 text ({err.reason} at byte {err.start})") from None


def read(data: bytes, source: str):
    text = decode(data)
    return make_document(source, text, {"title": (find_title(text), "text")}, f"text {VERSION}", mask_markup=True)
