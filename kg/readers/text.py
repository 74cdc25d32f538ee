"""Plain text: the file is the text, its metadata from its own lines.

A plain-text file declares no encoding, so it is decoded as the HTML reader decodes a page that
declares none: by its byte-order mark, else as UTF-8, else by charset-normalizer's detection —
windows-1252 when that is among the likeliest (as browsers assume for legacy text, and short texts
give the detector little to tell Western encodings apart). The encoding is recorded with the
document; bytes that no encoding reads as text are refused.
"""
from __future__ import annotations

from ..documents import UnreadableDocument, find_title, make_document

VERSION = "2"
WESTERN = "cp1252"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes."""
    from w3lib.encoding import read_bom

    encoding, bom = read_bom(data)
    if encoding:
        try:
            return data[len(bom):].decode(encoding), encoding
        except UnicodeDecodeError as err:
            raise UnreadableDocument(f"not {encoding} text despite its byte-order mark ({err.reason} at byte "
                                     f"{err.start + len(bom)})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableDocument("not text: neither UTF-8 nor an encoding charset-normalizer recognises")
    least = min(m.percent_chaos for m in matches)
    western = any(m.percent_chaos == least and WESTERN in m.could_be_from_charset for m in matches)
    encoding = WESTERN if western else matches[0].encoding
    return data.decode(encoding, errors="replace"), encoding


def read(data: bytes, source: str):
    text, encoding = decode(data)
    return make_document(source, text, {"title": (find_title(text), "text")}, f"text {VERSION}", mask_markup=True,
                         encoding=encoding)
