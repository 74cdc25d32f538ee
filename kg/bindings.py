"""Typed query parameters for SPARQL servers, which have no initial bindings in the protocol.

Oxigraph takes parameters as substitutions. A remote server is sent the same query with an
inline `VALUES` block opening its outermost WHERE group: the values are typed RDF terms written
in their canonical N-Triples form (escaped by pyoxigraph), never text pasted into the query, so a
hostile value stays one literal. Placed there, the block is joined before every FILTER, OPTIONAL
and BIND of that group, which is what a substitution does; the canned queries use parameters only
where both agree (the store contract tests run them on both backends).

Where that group opens is decided by the parser (`server.safety`, the module that reads every
SPARQL text), not by scanning the text: the block goes after a `{` only when the query parsed
with it there has it as the first element of its WHERE group. A `{` in a string, an IRI, a
comment, a CONSTRUCT template or a nested group does not pass that test.
"""
from __future__ import annotations

from functools import lru_cache

from pyparsing import ParseResults

PROBE = "\n  VALUES ?kg_bindings_probe { UNDEF }"


def _opens_where(tree: ParseResults, field) -> bool:
    where = field(tree[1], "where")
    parts = field(where, "part") if where is not None and where.name == "GroupGraphPatternSub" else None
    if not parts:
        return False
    first = parts[0]
    return first.name == "InlineData" and [str(v) for v in first["var"]] == ["kg_bindings_probe"]


@lru_cache(maxsize=128)
def where_brace(sparql: str) -> int:
    """The offset of the `{` that opens the query's outermost WHERE group."""
    from server.safety import Refused, field, parse_query     # the server package holds the one SPARQL reader

    at = sparql.find("{")
    while at >= 0:
        try:
            if _opens_where(parse_query(sparql[:at + 1] + PROBE + sparql[at + 1:]), field):
                return at
        except Refused:
            pass
        at = sparql.find("{", at + 1)
    raise ValueError("no WHERE clause found in the query")


def with_values(sparql: str, substitutions: dict) -> str:
    """`sparql` with `substitutions` ({Variable: term}) bound by a VALUES block."""
    if not substitutions:
        return sparql
    return with_table(sparql, list(substitutions), [list(substitutions.values())])


def with_table(sparql: str, variables: list, rows: list[list]) -> str:
    """`sparql` with `variables` bound to each row of terms in turn by one VALUES block: what a
    substitution cannot say, a parameter with several values (a name that names several nodes)
    or none (a name that names nothing: no solutions)."""
    names = " ".join(f"?{variable.value}" for variable in variables)
    terms = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    at = where_brace(sparql) + 1
    return f"{sparql[:at]}\n  VALUES ({names}) {{ {terms} }}{sparql[at:]}"
