"""Given names and gender (kg/given_names.tsv, made by tools/make_given_names.py): the checked-in
table is the generator's output, names read as the data says, and "he" and "she" are resolved
only to a person they can refer to."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.documents import Document
from kg.given_names import FEMALE, GIVEN_NAMES_FILE, MALE, name_gender

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_given_names", ROOT / "tools" / "make_given_names.py")
make_given_names = sys.modules.setdefault("make_given_names", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_given_names)


def test_checked_in_table_is_the_generator_output():
    assert GIVEN_NAMES_FILE.read_text(encoding="utf-8") == make_given_names.generate()


@pytest.mark.parametrize("label, expected", [
    ("Anna Kovac", FEMALE), ("Hillary Clinton", FEMALE), ("Tom Reed", MALE), ("Sergey Lavrov", MALE),
    ("Jamie Reed", None),          # given to both
    ("Kovac", None),               # a family name alone says nothing
    ("Zzyzx Reed", None),          # not in the table
])
def test_a_full_name_gives_the_gender_its_given_name_goes_with(label, expected):
    assert name_gender(label) == expected


def speakers(pipeline, text: str) -> list[str]:
    doc = Document(source="t.txt", text=text, body=text)
    return [s.speaker.label for s in pipeline.extract(doc).statements]


@pytest.mark.parametrize("text, expected", [
    ("Tom Reed met Anna Kovac on Monday. She said the talks had failed.", ["Anna Kovac"]),
    ('Anna Kovac met Tom Reed on Monday. "We failed," he said.', ["Tom Reed"]),
    # right after someone spoke, "she" continues them only when she can be that person
    ('Tom Reed said the talks had failed. Anna Kovac nodded. "We tried," she said.',
     ["Tom Reed", "Anna Kovac"]),
    # a title says so where the name does not
    ("Mrs. Sato met Tom Reed. Later Sato spoke to Reed. She said the talks had failed.", ["Sato"]),
    # with the gender unknown, any person may be meant
    ("Jamie Reed spoke. She said the talks had failed.", ["Jamie Reed"]),
])
def test_he_and_she_go_to_a_person_they_can_refer_to(pipeline, text, expected):
    assert speakers(pipeline, text) == expected


def test_a_pronoun_of_the_other_gender_finds_no_one(pipeline):
    assert speakers(pipeline, 'Anna Kovac spoke. "We failed," he said.') == []
