import pytest

from kg import dates
from kg.documents import Document


@pytest.mark.parametrize("text, base, expected", [
    ("November 6, 2018", None, "2018-11-06"),
    ("in March 2016", None, "2016-03"),
    ("last Thursday", "2009-09-22", "2009-09-17"),
    ("last Thursday", "2009-09", "2009-09"),          # counted from a month: only the month is known
    ("yesterday", "2009", None),
    ("on May 7", "2009-05-20", "2009-05-07"),
    ("on May 7", "2009-05", "2009-05-07"),
    ("in March", "2011-07-18", "2011-03"),
    ("last week", "2011-07-18", "2011-07"),
    ("earlier this year", "2009-09-01", "2009"),
    ("last year", "2021-02-05", "2020"),
    ("last Thursday", None, None),
    ("the 1990s", "2021-02-05", None),
    ("on Monday", "2023-06-12", "2023-06-12"),       # a Monday: the article's own day
    ("on Monday", "2023-06-14", "2023-06-12"),
])
def test_dates_resolve_against_the_document_date(text, base, expected):
    assert dates.resolve(text, base) == expected


def events(pipeline, text, date=None):
    doc = Document(source="t.txt", text=text, body=text, date=date)
    return [(e.kind, e.date, e.place, tuple(p.label for p in e.participants), e.lifecycle,
             e.about.label if e.about else None) for e in pipeline.extract(doc).events]


def test_interview_with_relative_date(pipeline):
    text = "On May 7, in an interview with Reuters, Putin spoke about arms control."
    assert events(pipeline, text, "2009-05-20") == [("Interview", "2009-05-07", None, ("Reuters", "Vladimir Putin"), None, None)]


def test_visit_with_place(pipeline):
    got = events(pipeline, "Hillary Clinton visited Moscow in March 2009.")
    assert got == [("Visit", "2009-03", "Moscow", ("Hillary Clinton",), None, None)]


def test_treaty_extension(pipeline):
    got = events(pipeline, "Washington and Moscow extended New START on February 3, 2021.")
    assert got == [("TreatyEvent", "2021-02-03", None, ("United States Government", "Russian Government"),
                    "extended", "New START")]


def test_treaty_verb_needs_the_treaty_in_its_own_phrase(pipeline):
    text = "In exchange for abandoning plans in Poland, Washington wants progress on the START treaty."
    assert [e for e in events(pipeline, text) if e[0] == "TreatyEvent"] == []


def test_present_tense_looks_ahead_for_a_bare_month(pipeline):
    got = events(pipeline, "The START treaty, which expires in December, is under review.", "2009-05")
    assert got == [("TreatyEvent", "2009-12", None, (), "expired", "START")]
