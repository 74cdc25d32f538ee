"""Query results in the CLI's formats: SPARQL 1.1 JSON, CSV and TSV from Oxigraph's own
serializers (what scripts read: never changed by the table's needs), and a plain-text table for
people.

The table reads as the web UI's does: an IRI is shown by its label column (`?xLabel` beside `?x`)
or its last segment, never as the raw IRI; the label columns and the columns empty in every row are
left out. Given a width (the terminal's), it fits: wide columns narrow, text wrapping onto more
lines at its words (a single word too long, an identifier, is cut with "…"); a table with too
many columns for that is written a record at a time instead, each cell under its column's name.
Without one (output to a file or a pipe) each row stays on one line, cells cut at MAX_CELL
characters."""
from __future__ import annotations

import re
import textwrap
from urllib.parse import unquote

from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions

FORMATS = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
           "xml": QueryResultsFormat.XML}
MAX_CELL = 60
GAP = "  "
WHOLE = 20             # a column this wide or less is never narrowed
IDENTIFIER = 12        # nor one of single words below this (or its header)
PROSE = 24             # nor one of text below this; a table that cannot fit so is written as records


def serialize(results, fmt: str, width: int | None = None) -> str:
    if fmt == "table":
        return table(results, width)
    if not isinstance(results, (QuerySolutions, QueryBoolean)):
        raise ValueError("only SELECT and ASK results can be written as " + fmt)
    return results.serialize(format=FORMATS[fmt]).decode("utf-8")


def local_name(iri: str) -> str:
    """An IRI's last path segment or fragment, percent-decoded: what names it when nothing labels it."""
    return unquote(next((part for part in reversed(re.split(r"[#/]", iri)) if part), iri))


def _text(term, label) -> str:
    if term is None and label is None:
        return ""
    if label is not None:                      # a label alone (an alias with no node) is shown too
        text = label.value
    else:
        text = local_name(term.value) if isinstance(term, NamedNode) else term.value
    return " ".join(text.split())


def table(results, width: int | None = None) -> str:
    if isinstance(results, QueryBoolean):
        return "true" if bool(results) else "false"
    names = [v.value for v in results.variables]
    labels = {name + "Label" for name in names} & set(names)
    solutions = list(results)

    def label(solution, name):
        return solution[name + "Label"] if name + "Label" in labels else None

    shown = [name for name in names if name not in labels and (not solutions or any(
        s[name] is not None or label(s, name) is not None for s in solutions))]
    rows = [[_text(s[name], label(s, name)) for name in shown] for s in solutions]
    return text_table(shown, rows, width) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def text_table(headers: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Rows under their headers, fitted to `width` (see the module), or one line a row."""
    if width is None:
        rows = [[cell if len(cell) <= MAX_CELL else cell[:MAX_CELL - 1] + "…" for cell in row] for row in rows]
    natural = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    widths = natural
    if width is not None:
        prose = [any(" " in row[i] for row in rows) for i in range(len(headers))]
        widths = _fit(natural, headers, prose, width - len(GAP) * (len(headers) - 1))
        if widths is None:
            return _records(headers, rows, width)
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    wrapped = [[_wrap(cell, w) for cell, w in zip(row, widths)] for row in rows]
    tall = any(len(cell) > 1 for row in wrapped for cell in row)
    for n, row in enumerate(wrapped):
        if tall and n:
            lines.append("")                      # rows of several lines are told apart by a blank line
        for k in range(max(map(len, row), default=1)):
            lines.append(_line([cell[k] if k < len(cell) else "" for cell in row], widths))
    return "\n".join(lines)


def _fit(natural: list[int], headers: list[str], prose: list[bool], room: int) -> list[int] | None:
    """Column widths adding up to `room` at most, or None when the columns cannot be that narrow
    and stay readable. A column up to WHOLE wide stays whole (a name, a date, a stance); the
    others narrow, the widest first, those of single words (identifiers, file names: they lose
    little cut short) first and down to IDENTIFIER, then those of text down to PROSE."""
    floors = [n if n <= WHOLE else max(len(h), PROSE if text else IDENTIFIER)
              for n, h, text in zip(natural, headers, prose)]
    if sum(floors) > room:
        return None
    widths = list(natural)
    for text in (False, True):
        columns = [i for i in range(len(widths)) if prose[i] == text]
        excess = sum(widths) - room
        while excess > 0 and columns:
            i = max(columns, key=lambda i: (widths[i] > floors[i], widths[i]))
            if widths[i] <= floors[i]:
                break
            widths[i] -= 1
            excess -= 1
    return widths


def _records(headers: list[str], rows: list[list[str]], width: int) -> str:
    """A table too wide for `width` as records, each cell on lines of its own after its header
    (as psql's expanded display, or the web UI's cards on a phone)."""
    name = max(map(len, headers), default=0)
    room = max(width - name - len(GAP), 10)
    lines = []
    for n, row in enumerate(rows, 1):
        lines.append(f"-[ {n} ]".ljust(min(width, name + len(GAP) + room), "-"))
        for header, cell in zip(headers, row):
            for k, part in enumerate(textwrap.wrap(cell, room)):          # an empty cell: no line
                lines.append(_line([header if k == 0 else "", part], [name, room]))
    return "\n".join(lines)


def _wrap(cell: str, width: int) -> list[str]:
    """A cell's lines in a column `width` wide: words wrap; a single word (an identifier, a file
    name) too long for it is cut with "…" rather than broken over lines."""
    if len(cell) <= width:
        return [cell]
    if " " not in cell:
        return [cell[:width - 1] + "…"]
    return textwrap.wrap(cell, width)


def _line(cells: list[str], widths: list[int]) -> str:
    return GAP.join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
