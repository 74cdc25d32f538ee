"""The gender a given name nearly always goes with (kg/given_names.tsv, made by
tools/make_given_names.py), and the gender a person is referred to with in one text.

Pronoun resolution reads it so that "she said" after "Tom Reed met Anna Kovac" is Kovac's, not
Reed's: a person is of a gender when a title says so ("Mrs. Kovac", read from the lexicon's
`female_words` and `male_words`) or their given name nearly always goes with it; else unknown,
and then any person may be meant.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

GIVEN_NAMES_FILE = Path(__file__).with_name("given_names.tsv")
FEMALE, MALE = "f", "m"


@lru_cache(maxsize=1)
def _table(path: Path = GIVEN_NAMES_FILE) -> dict[str, str]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {name: gender for name, gender in rows}


def is_given_name(word: str) -> bool:
    """A word that is a given name nearly always of one gender ("Carly", "Tom"; not "Later")."""
    return word.lower() in _table()


def name_gender(label: str) -> str | None:
    """FEMALE or MALE for a full name whose given name nearly always goes with it ("Anna Kovac"),
    None for a single word (a family name says nothing) or a name given to both."""
    words = label.split()
    return _table().get(words[0].lower()) if len(words) > 1 else None
