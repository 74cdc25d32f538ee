"""Metadata checks (kg/readers/fields.py): what counts as a person's name, a date, a title."""
import datetime as dt

import pytest

from kg.readers import fields

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("raw, names", [
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    (["[[Rhea Tamsin]]", "Oskar Lind"], ("Rhea Tamsin", "Oskar Lind")),
    ("Ursula von der Leyen", ("Ursula von der Leyen",)),
    ("JANE DOE", ("Jane Doe",)),
    ("Zoë Ødegård; Ana O'Neil", ("Zoë Ødegård", "Ana O'Neil")),
    ("Jane E. Doe. Velm Sputnik Online", ("Jane E. Doe",)),
    ("Analysis by Jane Doe, Velm Editor-at-large", ("Jane Doe",)),
    ("Jane Doe Tuesday", ()),
    ("Jane Doe. Velm International", ("Jane Doe",)),
    ("Courier Media Group", ()),
    ("Username", ()),
    ("Velm Courier Staff", ()),
    ("Velm Courier", ()),                       # the site's own name
    ("https://courier.example.com/staff/jane", ()),
    ("@janedoe", ()),
    ("Reuters", ()),
    ("the editors", ()),
])
def test_person_names(raw, names):
    assert fields.person_names(raw, site_names=["Velm Courier"]) == names


@pytest.mark.parametrize("raw, day", [
    ("2021-04-14T09:30:00+00:00", "2021-04-14"),
    ("April 14, 2021", "2021-04-14"),
    (dt.date(2022, 9, 8), "2022-09-08"),
    (dt.datetime(2023, 2, 17, 8, 0), "2023-02-17"),
    ("2026-12-03", None),                       # tomorrow
    ("1850-01-01", None),
    ("yesterday", None),
    ("not a date 2021 at all", None),
])
def test_dates(raw, day):
    assert fields.date(raw, today=TODAY) == day


def test_entities_are_decoded_and_a_site_name_loses_its_sections():
    assert fields.title("&#8216;Grid&#8217; deal &amp; after") == "‘Grid’ deal & after"
    assert fields.publisher("Velm Courier | Energy | Grids") == "Velm Courier"


def test_the_first_valid_candidate_wins_and_the_publisher_is_judged_first():
    found = fields.pick([("title", "Grid deal | Velm Courier", "title element"),
                         ("authors", "Username", "meta author"),
                         ("authors", "Hedda Saar", "dublin core"),
                         ("date", "2999-01-01", "json-ld"), ("date", "2020-05-01", "htmldate"),
                         ("publisher", "Velm Courier", "opengraph"),
                         ("url", "/relative/path", "canonical link"), ("url", "https://courier.example.com/a", "og")],
                        today=TODAY)
    assert found == {"publisher": ("Velm Courier", "opengraph"), "title": ("Grid deal", "title element"),
                     "authors": (("Hedda Saar",), "dublin core"), "date": ("2020-05-01", "htmldate"),
                     "url": ("https://courier.example.com/a", "og")}
