"""Metadata candidates from several sources, validated, the most trustworthy kept.

A page states its title, date and author in several places (JSON-LD, OpenGraph, Dublin Core,
plain meta tags, front matter) and some of them are wrong: a CMS writes "Username" or the site's
name as the author, a template writes tomorrow's date or a time stamp. Readers offer every
candidate in order of trust; the first one that passes its field's check wins, and the field
remembers where it came from.
"""
from __future__ import annotations

import datetime as dt
import html
import re

from dateutil import parser as date_parser

EARLIEST = dt.date(1900, 1, 1)
# Words that name a role, a desk, a CMS account or an organisation, never a person.
_NOT_A_NAME = re.compile(
    r"\b(username|user|admin|administrator|staff|editor|editors|editorial|desk|team|reporter|reporters|correspondent"
    r"|contributor|contributors|newsroom|agency|agencies|news|wire|service|press|media|online|web|guest|anonymous"
    r"|unknown|author|writer|bureau|intern|interns|sport|sports|the|and"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|international|group|times|daily|weekly|magazine"
    r"|journal|network|tv|radio|channel|institute|university|ministry|association|foundation|company|inc|ltd|llc"
    r"|corp|corporation|digital|newspaper|herald|tribune|gazette|associated)\b", re.I)
_PARTICLES = frozenset("van von de der del della da di du la le al el bin ibn ben dos das".split())


def _name_word(word: str) -> bool:
    """A capitalised word of letters (an initial, a hyphen or an apostrophe allowed), or a particle."""
    return word in _PARTICLES or (word[0].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in word))


def clean(value) -> str:
    """A value as one line of text, HTML entities decoded (JSON-LD often carries "&#8216;")."""
    return " ".join(html.unescape(str(value)).split()) if value is not None else ""


def person_name(value, site_names=()) -> str | None:
    """A person's name, or None for what is not one: a URL, a handle, a role, the site's name."""
    name = re.sub(r"^((analysis|opinion|commentary|story|words|text|reporting|written|posted)\s+)?(by|von|por|par)\b:?\s*",
                  "", clean(value), flags=re.I).strip(" ,;|")
    name = re.sub(r"\[\[([^\]|]+)(\|[^\]]*)?\]\]", r"\1", name)
    words = name.split()
    if not 2 <= len(words) <= 5 or len(name) > 60 or re.search(r"[@/:\d#]|\.(com|org|net)\b", name):
        return None
    if _NOT_A_NAME.search(name) or any(name.lower() == s.lower() for s in site_names if s):
        return None
    if name.isupper():
        name = name.title()
    return name if all(_name_word(w) for w in words) and words[0][0].isupper() else None


def person_names(value, site_names=()) -> tuple[str, ...]:
    """Every person named in a byline or a list of them ("Jane Doe and John Roe", ["A B", "C D"])."""
    items = value if isinstance(value, (list, tuple)) else [value]
    names = []
    for item in items:
        # a full stop after a word, not an initial, ends a name: "Jane Doe. Example News"
        for part in re.split(r",\s*|\s+and\s+|\s*&\s*|\s*;\s*|\s+und\s+|(?<=\w\w)\.\s+", clean(item)):
            if (name := person_name(part, site_names)) and name not in names:
                names.append(name)
    return tuple(names)


def date(value, today: dt.date | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date or date-time in any common form, or None when it does
    not parse, lies in the future or before 1900."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = clean(value)
        if not re.search(r"\d{4}", text):
            return None
        try:
            day = date_parser.parse(text, default=dt.datetime(2000, 1, 1), ignoretz=True).date()
        except (ValueError, OverflowError):
            return None
    if not EARLIEST <= day <= (today or dt.date.today()):
        return None
    return day.isoformat()


def url(value) -> str | None:
    text = clean(value)
    return text if re.match(r"^https?://[^\s/]+\.[^\s]+$", text) else None


def title(value, site_names=()) -> str | None:
    """A headline; a trailing " | Site" or " - Site" naming the site is cut off."""
    text = clean(value)
    for site in site_names:
        if site and len(text) > len(site) + 3:
            text = re.sub(rf"\s+[|\-–—:]\s+{re.escape(site)}\s*$", "", text, flags=re.I)
    return text if 3 <= len(text) <= 300 and not url(text) else None


def publisher(value) -> str | None:
    """A site's or publisher's name; of "Site | Section | Section" the first part."""
    text = clean(value).split(" | ")[0].strip()
    return text if 2 <= len(text) <= 100 and not re.match(r"^https?://", text) else None


def pick(candidates: list[tuple[str, object, str]], today: dt.date | None = None) -> dict[str, tuple[object, str]]:
    """{field: (value, origin)} from candidates (field, raw value, origin) in order of trust: per
    field, the first that passes its check. The publisher is settled first, since a title's
    suffix and an author that merely repeat the site's name are judged against it."""
    found: dict[str, tuple[object, str]] = {}

    def first(name, check):
        for field, raw, origin in candidates:
            if field == name and raw and (value := check(raw)):
                found[name] = (value, origin)
                return

    first("publisher", publisher)
    sites = [found["publisher"][0]] if "publisher" in found else []
    sites += [clean(raw) for field, raw, _ in candidates if field == "publisher" and raw]
    first("title", lambda raw: title(raw, sites))
    first("authors", lambda raw: person_names(raw, sites))
    first("date", lambda raw: date(raw, today))
    first("url", url)
    return found
