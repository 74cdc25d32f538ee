"""Title-case lines parsed as the sentences they are.

A headline written in title case ("Kovac Endorses Reed With Party's Blessing") defeats the parser
and the NER: every word looks like a name, so "Kovac Endorses" comes out as a person and nothing
is said. Such a line is parsed in sentence case instead ("Kovac endorses Reed with party's
blessing"): a word keeps its capital only where it is a name, that is where the document writes
it with one inside a sentence, where the ontology names an actor with it, or where it is an
acronym. Lower-casing keeps every character where it was, so the parse is put back on the line's
own words (`restore`) and the Doc still holds the text exactly as written.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc, Span

PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
TOKEN = re.compile(r"\S+")
SENTENCE_END = re.compile(r"[.!?:;\"“”']$")
MIN_LONG_WORDS = 3          # "Talks Resume" is too short to tell title case from two names
LONG_WORD = 4               # title case may leave "of", "to", "a" in lower case; longer words it capitalizes


def bare(word: str) -> str:
    """The word without a possessive ending ("Kovac's" -> "Kovac")."""
    return re.sub(r"['’]s$", "", word)


def title_case(line: str) -> bool:
    """Every longer word starts with a capital, and the line is not written in capitals."""
    words = WORD.findall(line)
    long_words = [w for w in words if len(w) >= LONG_WORD]
    capitals = sum(c.isupper() for w in words for c in w)
    letters = sum(len(w) for w in words)
    return len(long_words) >= MIN_LONG_WORDS and all(w[0].isupper() for w in long_words) \
        and capitals < letters / 2


def names_in(lines: Iterable[str]) -> set[str]:
    """Words the text writes with a capital inside a sentence, in the lines that are not title
    case ("said Anna Kovac" gives "Anna" and "Kovac"; a sentence's first word says nothing)."""
    names = set()
    for line in lines:
        if title_case(line):
            continue
        previous = None
        for token in TOKEN.findall(line):
            if previous is not None and not SENTENCE_END.search(previous):
                names.update(bare(w) for w in WORD.findall(token) if w[0].isupper())
            previous = token
    return names


def sentence_case(line: str, names: set[str]) -> str | None:
    """The title-case line with every word but its first, names and acronyms in lower case; None
    when the line is not title case or nothing would change."""
    if not title_case(line):
        return None
    first = WORD.search(line)
    chars = list(line)
    for match in WORD.finditer(line):
        word = match.group()
        if match.start() == first.start() or bare(word) in names or word.isupper():
            continue
        chars[match.start()] = word[0].lower()
    cased = "".join(chars)
    return cased if cased != line else None


def restore(parsed: Doc, line: str) -> Doc:
    """The parse of the sentence-cased line on the line's own words: same tokens, same
    annotations, the words as written."""
    words = [line[t.idx:t.idx + len(t)] for t in parsed]
    doc = Doc(parsed.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])
    doc.from_array(PARSE_ATTRS, parsed.to_array(PARSE_ATTRS))
    doc.tensor = parsed.tensor
    for key, group in parsed.spans.items():
        doc.spans[key] = [Span(doc, s.start, s.end, label=s.label_, span_id=s.id_) for s in group]
    return doc
