"""`/queries/NAME` for people: the canned query as a page with its form, its results (drawn by
the same script as the home page's), its SPARQL and a link that opens it in the editor. Machines
asking the same address for SPARQL results get them as before (`api.run`)."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Response, render_template

from kg.queries import CannedQuery, QueryError

from .db import get_names
from .linked_data import base_iri


def form_values(canned: CannedQuery, args: dict[str, str]) -> dict[str, str]:
    """What the form shows: the parameters the address gives, or, for the bare address, each
    parameter's example, so that the page opens with a result."""
    if args:
        return {p.name: args.get(p.name, "") for p in canned.parameters}
    return {p.name: p.example or "" for p in canned.parameters}


def editor_text(canned: CannedQuery, values: dict[str, str]) -> str:
    """The query as it runs for these values, names resolved, less the `#+` header the query's page
    shows; the file's text when the values do not fit."""
    filled = {name: value for name, value in values.items() if value}
    try:
        sparql = canned.prepare(filled, get_names() if canned.needs_names else None)
    except QueryError:
        sparql = canned.sparql
    return "\n".join(line for line in sparql.splitlines() if not line.startswith("#+")).lstrip()


def editor_link(canned: CannedQuery, values: dict[str, str]) -> str:
    """The home page's editor, which opens a query given in the fragment (`/#query=…`) in a tab."""
    return "/#" + urlencode({"query": editor_text(canned, values)}, quote_via=quote)


def page(canned: CannedQuery, args: dict[str, str]):
    values = form_values(canned, args)
    filled = urlencode({name: value for name, value in values.items() if value})
    here = f"/queries/{canned.name}" + (f"?{filled}" if filled else "")
    download = here + ("&" if filled else "?") + "format="
    limit = next((p.default for p in canned.parameters if p.name == "limit"), None)
    body = render_template("query.html", q=canned, values=values, permalink=here, download=download,
                           editor=editor_link(canned, values), limit=limit, base=base_iri())
    return Response(body, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
