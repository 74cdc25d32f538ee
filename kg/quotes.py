"""Quotation marks: which tokens delimit a quotation, and whether one is open at a point.

Only double marks delimit quotations here: straight and curly double quotes, two apostrophes
(`''`, as some archives and wire services write a double quote), guillemets and „. Single marks
are also apostrophes ("the ministers' meeting") and nest inside double ones ("“She said, ‘no’”"),
so they never decide whether a quotation is open.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

OPENERS = frozenset({"“", "„", "«", "``"})
CLOSERS = frozenset({"”", "»"})
EITHER = frozenset({'"', "''"})          # opens when none is open, else closes


def is_mark(tok: Token) -> bool:
    return tok.text in OPENERS or tok.text in CLOSERS or tok.text in EITHER


def _mark_before(tok: Token) -> Token | None:
    """The quotation mark right before `tok`, past a comma or a space ("“...,” Kovac"), else None."""
    before = [t for t in tok.doc[max(0, tok.i - 3):tok.i] if not (t.text == "," or t.is_space)]
    return before[-1] if before and is_mark(before[-1]) else None


def follows_quotation(tok: Token) -> bool:
    """A quotation mark, perhaps with a comma, right before `tok` ("“...,” Kovac")."""
    return _mark_before(tok) is not None


def reporting_after(tok: Token) -> bool:
    """A quotation closing right before `tok` on a comma, a question or an exclamation mark, or a
    dash ("“...?” Kovac asked"): the sentence goes on with who said it. One closing on a full stop
    ends the sentence ("“... .” Others ...")."""
    mark = _mark_before(tok)
    if mark is None:
        return False
    between = tok.doc[mark.i + 1:tok.i]
    if any("\n" in t.text for t in between):
        return False                  # the quotation ended its paragraph
    before = tok.doc[mark.i - 1] if mark.i else None
    return any(t.text == "," for t in between) or before is not None and before.text in (",", "?", "!", "—", "–", "-")


def paragraph_start(doc: Doc, i: int) -> int:
    """The first token of the paragraph (line) holding token `i`, blanked markup aside."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while start < i and doc[start].is_space:
        start += 1                            # "# Kovac: ..." with its heading mark blanked
    return start


def paragraph_end(doc: Doc, i: int) -> int:
    """The end (exclusive) of the paragraph (line) holding token `i`."""
    return next((t.i for t in doc[i + 1:] if "\n" in t.text), len(doc))


def open_quotation(doc: Doc, start: int, end: int) -> Token | None:
    """The mark that opened a quotation still open just before token `end`, reading from `start`."""
    opened: Token | None = None
    for tok in doc[start:end]:
        if tok.text in OPENERS or (tok.text in EITHER and opened is None):
            opened = tok
        elif tok.text in CLOSERS or tok.text in EITHER:
            opened = None
    return opened


def opening_before(doc: Doc, i: int) -> Token | None:
    """The mark that opened a quotation still open at token `i`, read from its paragraph's start."""
    return open_quotation(doc, paragraph_start(doc, i), i)


def closing_after(doc: Doc, opening: int) -> Token | None:
    """The mark that closes the quotation opened at token `opening`, within its paragraph."""
    end = paragraph_end(doc, opening)
    return next((t for t in doc[opening + 1:end] if t.text in CLOSERS or t.text in EITHER), None)


def quoted_tokens(doc: Doc) -> set[int]:
    """The tokens inside a quotation (the marks aside), in one pass over the document."""
    quoted: set[int] = set()
    opened = False
    for tok in doc:
        if "\n" in tok.text:
            opened = False                    # a quotation does not run past its paragraph
        elif tok.text in OPENERS or (tok.text in EITHER and not opened):
            opened = True
        elif tok.text in CLOSERS or tok.text in EITHER:
            opened = False
        elif opened:
            quoted.add(tok.i)
    return quoted


def inside_quotation(tok: Token) -> bool:
    """True when the token stands inside a quotation opened earlier in its paragraph."""
    return opening_before(tok.doc, tok.i) is not None
