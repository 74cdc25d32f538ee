"""The attribution lexicon (`lexicon.yaml`): cue words with their stances, and every word list the
extraction components read. Code holds no word lists; it names a list of this file instead.

Stance names in the file must be stances of the ontology's scheme; `check_stances` says which
entry is wrong when one is not.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Token

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
CUE_TABLES = ("verbs", "adjectives", "nouns", "stance_objects", "event_nouns", "event_verbs", "treaty_verbs")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, dict]
    adjectives: dict[str, str]
    nouns: dict[str, str | None]
    stance_objects: dict[str, str]
    event_nouns: dict[str, str]
    event_verbs: dict[str, str]
    treaty_verbs: dict[str, str]
    word_sets: dict[str, frozenset[str]]
    path: Path = LEXICON_FILE

    @classmethod
    def load(cls, path: Path = LEXICON_FILE) -> "Lexicon":
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        tables = {name: data.pop(name) for name in CUE_TABLES}
        sets = {name: frozenset(str(w).lower() for w in words) for name, words in data.items()}
        return cls(**tables, word_sets=sets, path=Path(path))

    def words(self, name: str) -> frozenset[str]:
        """A word list of the file, lower-cased; a missing list is a KeyError naming it."""
        try:
            return self.word_sets[name]
        except KeyError:
            raise KeyError(f"{self.path}: no word list {name!r}") from None

    def verb_lemma(self, tok: Token) -> str:
        """The token's lemma, checked against the lexicon: the small model's lemmatizer slips on
        some inflections ("hoped" -> "hop"), so the word's own regular stems are tried too."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or tok.pos_ not in ("VERB", "AUX"):
            return lemma
        word = tok.lower_
        stems = [word[:-len(end)] + extra for end in ("ing", "ed", "es", "d", "s") if word.endswith(end)
                 for extra in ("", "e")]
        return next((stem for stem in stems if stem in self.verbs), lemma)

    def stances(self) -> set[str]:
        """Every stance name the lexicon uses."""
        return ({v["stance"] for v in self.verbs.values() if v["stance"]} | set(self.adjectives.values())
                | {v for v in self.nouns.values() if v} | set(self.stance_objects.values()))

    def check_stances(self, scheme: Iterable[str]) -> None:
        unknown = sorted(self.stances() - set(scheme))
        if unknown:
            raise ValueError(f"{self.path}: stance {unknown[0]!r} is not in the ontology's stance scheme")
