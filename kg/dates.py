"""Dates as precise as the text allows, relative ones resolved against the document's date.

"November 6, 2018" -> 2018-11-06; "in March 2016" -> 2016-03; with the document dated
2011-07-18, "last Thursday" -> 2011-07-14, "on May 7" -> 2011-05-07, "last week" -> 2011-07,
"earlier this year" -> 2011. Without a document date only expressions that name their year
resolve. Parsing is dateparser's; this module decides precision and what it may anchor.
"""
from __future__ import annotations

import datetime as dt
import re

import dateparser

_FILLER = re.compile(r"^(?:(?:back|just|as early as|as late as)\s+)?(?:(?:in|on|at|since|by|until|from|during|of|"
                     r"at the (?:end|beginning|start) of|the (?:end|beginning|start) of|early|late|mid|earlier|later)\s+)+",
                     re.I)
_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH = r"january|february|march|april|may|june|july|august|september|october|november|december"
_DAY = re.compile(rf"\b({_WEEKDAY}|yesterday|today|tomorrow)\b|\b\d{{1,2}}(st|nd|rd|th)?\b(?!\d)", re.I)
_MONTHS = re.compile(rf"\b({_MONTH}|month|week)\b", re.I)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_YEAR_WORDS = re.compile(r"\bthis year\b|\blast year\b|\bnext year\b", re.I)


_RELATIVE_DAY = re.compile(rf"\b({_WEEKDAY}|yesterday|today|tomorrow|week)\b", re.I)


def resolve(text: str, base_text: str | None, prefer: str = "past") -> str | None:
    """ISO date, year-month or year for a date expression; None when it cannot be anchored.

    `base_text` is the document's date as precise as known ("2009-09"); counting days back from
    a month ("last Thursday" in an article of September 2009) can only give that month.
    `prefer` ("past" or "future") decides which "December" a bare month means."""
    base = _anchor(base_text)
    phrase = _FILLER.sub("", text.strip()).strip(" ,.")
    if base_text and len(base_text) < 10 and _RELATIVE_DAY.search(phrase) and not _YEAR.search(phrase):
        return base_text if len(base_text) == 7 else None
    if not phrase or re.search(r"\d0s\b", phrase):      # "the 1990s": a decade is no date
        return None
    has_year = bool(_YEAR.search(phrase))
    if not has_year and base is None:
        return None
    if _YEAR_WORDS.search(phrase) and not _MONTHS.search(phrase):
        year = base.year + (-1 if "last" in phrase.lower() else 1 if "next" in phrase.lower() else 0)
        return f"{year:04d}"
    if re.fullmatch(r"(1[89]|20)\d\d", phrase):
        return phrase
    if base_text and len(base_text) == 10 and phrase.lower() == base.strftime("%A").lower():
        return base.isoformat()           # "on Monday" in an article of a Monday: that very day
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    without_year = _YEAR.sub("", phrase)
    if _DAY.search(without_year) and "week" not in phrase.lower():
        return parsed.date().isoformat()
    if _MONTHS.search(phrase):
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return f"{parsed.year:04d}"


def first_day(text: str | None) -> dt.date | None:
    """The first day of the period a partial ISO date names ("2009-05" -> 2009-05-01)."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _anchor(text: str | None) -> dt.date | None:
    """The last day of the period a partial date names: an article of May 2009 may speak of
    "May 7" as past, whichever day of May it appeared."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def date_entities(span) -> list:
    """The DATE entities inside a spaCy span, in order: `span.ents` of that label, read from the
    span's own tokens. (Span.ents walks every entity of the document, which made dating each
    sentence of a long document cost the square of its length.)"""
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end > span.end:
            break
        if doc[i].ent_type_ == "DATE":
            found.append(doc[i:end])
        i = end
    return found
