"""Quotation marks: which delimit a quotation, and whether one is open at a token."""
import pytest
import spacy

from kg import quotes

NLP = spacy.blank("en")


def opening(text: str, before: str) -> str | None:
    """The text from the mark opening the quotation still open before the word `before`."""
    doc = NLP(text)
    end = next(t.i for t in doc if t.text == before)
    mark = quotes.open_quotation(doc, 0, end)
    return doc[mark.i:end].text if mark is not None else None


@pytest.mark.parametrize("text, before, expected", [
    ("“We will stay. Always,” she said.", "Always", "“We will stay."),
    ('"We will stay. Always," she said.', "Always", '"We will stay.'),
    ("''We will stay. Always,'' she said.", "Always", "''We will stay."),
    ("« Nous restons. Toujours », she said.", "Toujours", "« Nous restons."),
    # a single mark inside a double quotation neither opens nor closes it
    ("“She told me, ‘stay.’ Always,” he said.", "Always", "“She told me, ‘stay.’"),
])
def test_an_open_quotation_is_found_from_its_opening_mark(text, before, expected):
    assert opening(text, before) == expected


@pytest.mark.parametrize("text, before", [
    ("“We will stay,” she said. Then she left.", "Then"),
    ('"We will stay," she said. Then she left.', "Then"),
    # apostrophes and single marks never open a quotation
    ("The ministers' meeting ended. Then she left.", "Then"),
    ("She called it ‘a trap’. Then she left.", "Then"),
])
def test_a_closed_quotation_or_a_single_mark_leaves_none_open(text, before):
    assert opening(text, before) is None


def test_inside_quotation_reads_from_the_start_of_the_paragraph():
    doc = NLP("“We will stay.\nThen she left.")
    assert quotes.inside_quotation(doc[2]) is True            # "will", after the opening mark
    assert quotes.inside_quotation(doc[6]) is False           # "she", in the next paragraph


@pytest.mark.parametrize("text, expected", [
    ('She said, "We stay. Always," and left.', 9),            # the mark after "Always,"
    ("She said, “We stay.” Then she left.", 7),
    # a quotation left open at the end of its paragraph has no closing mark in it
    ("She said, “We stay.\nThen she left.", None),
])
def test_the_closing_mark_is_found_within_the_paragraph(text, expected):
    doc = NLP(text)
    opening = next(t.i for t in doc if quotes.is_mark(t))
    closing = quotes.closing_after(doc, opening)
    assert (closing.i if closing is not None else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("“We stay. Always,” she said.", ["We", "stay", ".", "Always", ","]),
    ('He said "no" twice.', ["no"]),
    # a quotation left open ends with its paragraph
    ("“We stay\nshe said.", ["We", "stay"]),
    ("No quotation here.", []),
])
def test_quoted_tokens_are_those_inside_the_marks(text, expected):
    doc = NLP(text)
    assert [doc[i].text for i in sorted(quotes.quoted_tokens(doc))] == expected
