"""Articles into Documents: text, metadata (with where each field came from) and the spans worth
analysing.

A reader per format (`kg/readers/`) turns a file into text and metadata: plain text as it is,
HTML through trafilatura, Markdown rendered by a CommonMark parser. The text a reader makes is
what the store keeps (`ws:text`), and every offset the pipeline reports points into it; for a
plain-text file that is the file itself. Nothing here shifts that text: page furniture, repeated
paragraphs and Markdown markup are *masked* (replaced by spaces of the same length) in
`Document.body`, the copy that is analysed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import dates
from .boilerplate import DATELINE, line_rule

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 5_000_000
MAX_PARAGRAPH = 100_000        # characters in one line of text: longer is not prose (and past 1M spaCy refuses it)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_URL = re.compile(r"^\s*Original url:\s*<?(?P<url>https?://[^\s>]+)>?\s*$", re.I | re.M)
_BYLINE = re.compile(r"^\s*By\s+(?P<who>[^\n]{3,120})$", re.M)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)/")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = (rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|\d{{4}}-\d\d-\d\d"
         rf"|(?:{_MONTHS})\s+\d{{4}})")
_DATE_LINE = re.compile(rf"^\s*{_DATE}\s*$", re.M)
# "BEIJING, June 12, 2023 —", "Brussels, 15 December 2023": a place, then the date.
_PLACE_DATE = re.compile(rf"^\s*[A-Z][\w.' -]{{1,40}}(?:,\s*[A-Z][\w.' -]{{1,20}})?,\s*(?P<date>{_DATE})"
                         rf"(?:\s*$|\s*(?:\([A-Za-z .&]+\))?\s*[—–-])", re.M)
DATELINE_PARAGRAPHS = 3          # a news dateline opens one of the first paragraphs, never a later one
_MD_MARKUP = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)|^#{1,6}\s|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", re.M)

# Lines after which the rest of a page is links to other articles.
_TRAILER = re.compile(r"^\s*(more from\b|read more\b|related (articles|stories|content)\b|recommended\b)", re.I)

# Page furniture: lines that are part of the web page, not the article. General patterns only.
_FURNITURE = [
    re.compile(p, re.I) for p in (
        r"^\s*(also available in|share this|advertisement)\b",
        r"^\s*subscribe\b", r"\bnewsletter\b", r"\bunsubscribe\b|\bopt-out\b|\bprivacy (notice|policy)\b",
        r"^\s*twitter:\s*@",
        r"^\s*original url:", r"^\s*\*?the views expressed\b", r"\bdoes not take collective positions\b",
        r"^\s*author\s*$", r"^\s*\W?\s*$",
    )
]


class UnreadableDocument(Exception):
    """An input file that cannot become a Document; the message says why."""


METADATA_FIELDS = ("title", "authors", "publisher", "date", "url")


@dataclass(frozen=True)
class Document:
    """One article: the text a reader made of its file, the masked body to analyse, and what we
    know about it, with where each field came from (`origins`: field -> source, such as
    "json-ld", "opengraph", "front matter", "sidecar a.meta.yaml", "text")."""

    source: str                      # path relative to the corpus folder, e.g. 000_7e2b9972726f95d0.txt, x/a.md
    text: str                        # the reader's text: the file itself for plain text
    body: str                        # same length as text; furniture and markup blanked out
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None          # ISO date, year-month or year: as precise as known
    url: str | None = None
    meta: dict = field(default_factory=dict, compare=False)
    reader: str | None = None        # the reader and version that made `text`, e.g. "html 1 (trafilatura 2.3.1)"
    language: str | None = None      # ISO 639-1, as detected
    encoding: str | None = None      # how the file's bytes were decoded, e.g. "utf-8", "cp1252"
    origins: dict = field(default_factory=dict, compare=False)

    def reference_date(self) -> dt.date | None:
        """The document's date as a day (the first of its month or year when vague), for
        deciding who held a post when the text was written."""
        return dates.first_day(self.date)

    def report(self) -> dict:
        """What was read, for `kg build --report`: each field found, its value and its source."""
        fields = {name: {"value": list(value) if isinstance(value, tuple) else value, "from": self.origins.get(name)}
                  for name in METADATA_FIELDS if (value := getattr(self, name))}
        return {"source": self.source, "reader": self.reader, "language": self.language, "encoding": self.encoding,
                "text_from": self.origins.get("text"), "words": len(self.body.split()), "fields": fields}


def make_document(source: str, text: str, found: dict[str, tuple[object, str]], reader: str,
                  meta: dict | None = None, mask_markup: bool = False, encoding: str | None = None) -> Document:
    """A Document from a reader's text and the metadata it found ({field: (value, origin)}); the
    text's own byline, date line and "Original url:" line fill what the reader did not find."""
    if not text.strip():
        raise UnreadableDocument("empty file" if reader.startswith("text") else "no article text found")
    body = mask_furniture(_mask_markup(text) if mask_markup else text)
    if not body.strip():
        raise UnreadableDocument("no article text after removing page furniture")
    longest = max((end - start for start, end in paragraphs(body)), default=0)
    if longest > MAX_PARAGRAPH:
        raise UnreadableDocument(f"a line of {longest:,} characters (the limit is {MAX_PARAGRAPH:,}): not article prose")
    found = {name: hit for name, hit in found.items() if hit[0]}
    for name, finder in (("authors", _find_authors), ("date", _find_date), ("url", _find_url)):
        if name not in found and (value := finder(text)):
            found[name] = (value, "text")
    values = {name: value for name, (value, _) in found.items() if name in METADATA_FIELDS}
    return Document(source=source, text=text, body=body, meta=meta or {}, reader=reader, encoding=encoding,
                    origins={name: origin for name, (_, origin) in found.items()},
                    **{**values, "authors": tuple(values.get("authors") or ())})


def read_corpus(directory: Path) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read every article under `directory`; return the documents and (file, reason) for the skipped.
    The helper files of a browser's "Web page, complete" save (`NAME_files/` beside `NAME.html`)
    are part of that page, not articles."""
    documents, skipped = [], []
    for path in sorted(p for p in Path(directory).rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
        if _saved_page_helper(path, Path(directory)):
            continue
        source = path.relative_to(directory).as_posix()
        try:
            documents.append(read_document(path, source))
        except UnreadableDocument as err:
            skipped.append((source, str(err)))
    return documents, skipped


def source_name(path: Path, corpus: Path | None) -> str:
    """What a file is called in the store: its path relative to the corpus folder when it lies
    there (so `kg add corpus/x/a.txt` and `kg build` name it alike), else its file name."""
    if corpus is not None:
        try:
            return Path(path).resolve().relative_to(Path(corpus).resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).name


def _saved_page_helper(path: Path, top: Path) -> bool:
    for folder in path.relative_to(top).parents:
        if folder.name.endswith("_files"):
            stem = folder.name[:-len("_files")]
            if any((top / folder.parent / f"{stem}{suffix}").exists() for suffix in (".html", ".htm")):
                return True
    return False


def read_document(path: Path, source: str | None = None) -> Document:
    """The Document of one file, named `source` (default: its file name): read by the reader for
    its format, its sidecar over any field, and refused when it is not in English (no junk actors
    from a Spanish page)."""
    from . import readers

    path = Path(path)
    document = readers.read(_read_bytes(path), source or path.name)
    document = _with_sidecar(document, path)
    language, probability = readers.language.detect(document.body)
    if language != "en" and probability >= readers.language.CONFIDENT:
        raise UnreadableDocument(f"not in English (detected {language}, p={probability:.2f})")
    return replace(document, language=language if probability >= readers.language.CONFIDENT else None)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(f"too large ({size} bytes; the limit is {MAX_BYTES})")
        return path.read_bytes()
    except OSError as err:
        raise UnreadableDocument(f"cannot read: {err.strerror}") from None


def _with_sidecar(document: Document, path: Path) -> Document:
    """Metadata from NAME.meta.yaml beside the article, which overrides any field a reader found."""
    side = path.with_name(path.stem + ".meta.yaml")
    if not side.exists():
        return document
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise UnreadableDocument(f"bad sidecar {side.name}: {err}") from None
    if not isinstance(data, dict):
        raise UnreadableDocument(f"bad sidecar {side.name}: expected a mapping")
    try:
        fields = {name: _sidecar_value(name, data[name]) for name in METADATA_FIELDS if data.get(name)}
    except ValueError as err:
        raise UnreadableDocument(f"bad sidecar {side.name}: {err}") from None
    origins = {**document.origins, **{name: f"sidecar {side.name}" for name in fields}}
    return replace(document, **fields, meta={**document.meta, **data}, origins=origins)


def _sidecar_value(name: str, value):
    """A sidecar field as a Document holds it; ValueError saying what is wrong with it."""
    if name == "date":
        return _sidecar_date(value)
    if name == "authors":
        authors = value if isinstance(value, list) else [value]
        if not all(isinstance(a, str) and a.strip() for a in authors):
            raise ValueError(f"authors {value!r} is not a name or a list of names")
        return tuple(a.strip() for a in authors)
    if isinstance(value, (dict, list)):
        raise ValueError(f"{name} {value!r} is not text")
    return str(value).strip()


def _sidecar_date(value) -> str:
    """YAML gives a date (or a date and time) for 2011-07-18; a year or a year-month may come as
    text or a number. Anything else is refused, never kept to fail later."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    m = _ISO_DATE.match(text)
    try:
        if m and 1000 <= int(m[1]):
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
            return text
    except ValueError:
        pass
    raise ValueError(f"date {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _mask_markup(text: str) -> str:
    """Blank Markdown markup but keep link texts, so that offsets stay those of the file."""
    def repl(m: re.Match) -> str:
        if m.group(1) is not None:  # [label](target): keep label in place
            return " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1)
        return " " * len(m.group(0))
    return _MD_MARKUP.sub(repl, text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line-block; a single newline ends a paragraph too,
    since plain-text exports put one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def mask_furniture(body: str) -> str:
    """Blank page furniture (the line rules of `kg.boilerplate` and the lines below), repeated
    paragraphs (pull quotes, teasers), the byline, title and date lines and a dateline opening a
    paragraph, which are metadata rather than article prose."""
    chars = list(body)
    seen: list[str] = []
    paras = paragraphs(body)
    for start, end in paras:
        line = body[start:end]
        if _TRAILER.match(line):
            chars[start:] = re.sub(r"[^\n]", " ", body[start:])
            break
        norm = re.sub(r"\W+", " ", line).strip().lower()
        furniture = (any(p.search(line) for p in _FURNITURE) or line_rule(line) or _BYLINE.match(line)
                     or _DATE_LINE.match(line))
        teaser = line.rstrip().endswith(("...", "…")) and len(norm) > 40
        repeated = norm and any(norm == s or (len(norm) > 60 and norm in s) for s in seen)
        if furniture or teaser or repeated:
            chars[start:end] = " " * (end - start)
        else:
            seen.append(norm)
            dateline = DATELINE.match(line) if len(seen) <= DATELINE_PARAGRAPHS else None
            if dateline:
                chars[start:start + dateline.end()] = " " * dateline.end()
    return "".join(chars)


def find_title(text: str) -> str | None:
    for line in text.splitlines():
        heading = re.match(r"^\s*#\s+(.+)$", line)
        if heading:
            return heading.group(1).strip()
    for line in text.splitlines():
        if line.strip():
            return re.sub(r"[#*]+", "", line).strip()
    return None


def _find_authors(text: str) -> list[str]:
    head = "\n".join(text.splitlines()[:12])
    m = _BYLINE.search(_mask_markup(head))
    if not m:
        return []
    who = re.split(r"\s{2,}|\.\s", m.group("who").strip())[0]
    who = re.sub(r"^.*\banalyst\s+", "", who)          # "Eurasia Group analyst Alexander Kliment"
    names = re.split(r",\s*|\s+and\s+", who)
    return [n.strip(" .") for n in names if re.match(r"^[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){1,3}$", n.strip(" ."))]


def _find_url(text: str) -> str | None:
    m = _URL.search(text)
    return m.group("url") if m else None


def _find_date(text: str) -> str | None:
    url = _find_url(text)
    if url and (m := _URL_DATE.search(url)):
        return f"{m['y']}-{m['m']}-{m['d']}"
    head = "\n".join(text.splitlines()[:15])
    found = _DATE_LINE.search(head)
    found = found.group(0) if found else (m["date"] if (m := _PLACE_DATE.search(head)) else None)
    return dates.resolve(found, None) if found else None       # as precise as written: "December 2010" -> 2010-12
