"""Query results in the CLI's formats: SPARQL 1.1 JSON, CSV and TSV from Oxigraph's own
serializers, and a plain-text table for people."""
from __future__ import annotations

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

FORMATS = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
           "xml": QueryResultsFormat.XML}
MAX_CELL = 60


def serialize(results, fmt: str) -> str:
    if fmt == "table":
        return table(results)
    if not isinstance(results, (QuerySolutions, QueryBoolean)):
        raise ValueError("only SELECT and ASK results can be written as " + fmt)
    return results.serialize(format=FORMATS[fmt]).decode("utf-8")


def _cell(term) -> str:
    if term is None:
        return ""
    text = " ".join(term.value.split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def table(results) -> str:
    if isinstance(results, QueryBoolean):
        return "true" if bool(results) else "false"
    names = [v.value for v in results.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in results]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
