"""How favourably words judge what they are said of, composed along the parse.

A word's valence is VADER's (Hutto and Gilbert 2014: the mean of ten raters on -4 .. 4, shipped
with `vaderSentiment`), with the lexicon file's `evaluation_positive` / `evaluation_negative`
for the language of diplomacy VADER lacks ("breakthrough", "provocation"), and without the words
of `evaluation_neutral`, which VADER rates but which state a certainty, not a judgement ("it is
clear that"). A phrase judges by its head, else by its strongest modifier ("a good instrument"),
else, for a noun that carries a judgement (`evaluation_carriers`: "a cause of satisfaction", "an
act of aggression"), by what it is of; "no" or "not" turns it. Only a clear judgement counts:
weaker valences ("responsible", "surprised") describe rather than evaluate.
"""
from __future__ import annotations

import functools

from spacy.tokens import Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .lexicon import Lexicon

EVALUATIVE = 1.5          # VADER's "moderately" and beyond, on its -4 .. 4 scale
DOMAIN_VALENCE = 2.0      # what a word of the domain lists weighs
MODIFIERS = ("amod", "advmod", "compound", "acomp")


@functools.lru_cache(maxsize=1)
def vader_valences() -> dict[str, float]:
    """VADER's word list (read once per process: it is a file of 7,500 entries)."""
    return dict(SentimentIntensityAnalyzer().lexicon)


class Polarity:
    def __init__(self, lexicon: Lexicon):
        neutral = lexicon.words("evaluation_neutral")
        self.valence = {**{w: v for w, v in vader_valences().items() if w not in neutral},
                        **{w: DOMAIN_VALENCE for w in lexicon.words("evaluation_positive")},
                        **{w: -DOMAIN_VALENCE for w in lexicon.words("evaluation_negative")}}
        self.carriers = lexicon.words("evaluation_carriers")

    def word(self, tok: Token) -> float:
        """The valence of the word as written, else of its lemma; 0 if it is not evaluative."""
        value = self.valence.get(tok.lower_, self.valence.get(tok.lemma_.lower(), 0.0))
        return value if abs(value) >= EVALUATIVE else 0.0

    def phrase(self, head: Token, depth: int = 2) -> float:
        """The judgement a noun or adjective phrase passes on what it is said of (0: none)."""
        value = self.word(head)
        if not value:
            value = max((self.word(c) for c in head.children if c.dep_ in MODIFIERS), key=abs, default=0.0)
        if not value and depth and head.lemma_.lower() in self.carriers:
            of = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                  for g in c.children if g.dep_ == "pobj"]
            value = next((v for v in (self.phrase(g, depth - 1) for g in of) if v), 0.0)
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            value = -value                                      # "no progress", "not smart enough"
        return value
