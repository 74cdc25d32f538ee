"""Typed query parameters for SPARQL servers, which have no initial bindings in the protocol.

Oxigraph takes parameters as substitutions. A remote server is sent the same query with an
inline `VALUES` block opening its outermost WHERE group: the values are typed RDF terms written
in their canonical N-Triples form (escaped by pyoxigraph), never text pasted into the query, so a
hostile value stays one literal. Placed there, the block is joined before every FILTER, OPTIONAL
and BIND of that group, which is what a substitution does; the canned queries use parameters only
where both agree (the store contract tests run them on both backends).

A query whose outermost WHERE group opens with a subquery has that subquery as its core
(`core`): a canned query that says so cuts its page there, before the outer query joins labels
and other columns to the page's rows only, so its parameters are bound in the core's WHERE group
and the page written after the core's ORDER BY (`kg.queries`). Outer VALUES would not do: a
subquery is evaluated before what is outside it is joined, so it would filter nothing the core
pages.

The same block also opens each branch of a UNION directly in that group (`branch_braces`):
joining the values to a union is joining them to each branch, and an engine that answers each
branch on its own (Oxigraph does) then answers it for the parameters' nodes, not for all of
them before the join.

Where that group opens is decided by the parser (`server.safety`, the module that reads every
SPARQL text), not by scanning the text: the block goes after a `{` only when the query parsed
with it there has it as the first element of its WHERE group. A `{` in a string, an IRI, a
comment, a CONSTRUCT template or a nested group does not pass that test. rdflib's parser is not
thread-safe (two parses at once fail with nonsense errors), so the probes take turns (`PARSING`);
each query's offsets are found once and kept.
"""
from __future__ import annotations

import threading
from functools import lru_cache, wraps

from pyparsing import ParseResults

PROBE = "\n  VALUES ?kg_bindings_probe { UNDEF }"
PAGE_PROBE = "\nLIMIT 7919\n"
BRANCH_PROBE = "\n  VALUES ?kg_branch_probe { UNDEF }"
PARSING = threading.Lock()


def _in_turn(find):
    """`find`, its answers kept, run by one thread at a time: a thread that waited finds the
    answer kept by the one before."""
    kept = lru_cache(maxsize=128)(find)

    @wraps(find)
    def locked(*args):
        with PARSING:
            return kept(*args)
    return locked


def _opens_where(tree: ParseResults, field, core: bool = False) -> bool:
    query = _core(tree, field) if core else tree[1]
    where = field(query, "where") if query is not None else None
    parts = field(where, "part") if where is not None and where.name == "GroupGraphPatternSub" else None
    if not parts:
        return False
    first = parts[0]
    return first.name == "InlineData" and [str(v) for v in first["var"]] == ["kg_bindings_probe"]


@_in_turn
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


def _core(tree: ParseResults, field):
    """The subquery that opens the outermost WHERE group, alone in its braces; None if none."""
    where = field(tree[1], "where")
    parts = field(where, "part") if where is not None and where.name == "GroupGraphPatternSub" else None
    graphs = field(parts[0], "graph") if parts and parts[0].name == "GroupOrUnionGraphPattern" else None
    return graphs[0] if graphs and len(graphs) == 1 and graphs[0].name == "SubSelect" else None


@_in_turn
def core(sparql: str) -> tuple[int, int] | None:
    """For a query with a core: the offsets of the `{` that opens the core's WHERE group and of the
    `}` that closes the core (its page goes just before); None for a query without one."""
    from server.safety import Refused, field, parse_query

    if _core(parse_query(sparql), field) is None:
        return None

    def parses(text: str, test) -> bool:
        try:
            return test(parse_query(text))
        except Refused:
            return False

    def paged(tree) -> bool:
        page = field(_core(tree, field), "limitoffset")
        return page is not None and str(field(page, "limit")) == PAGE_PROBE.split()[1]

    opens = next((at for at in _braces(sparql, "{") if parses(
        sparql[:at + 1] + PROBE + sparql[at + 1:], lambda tree: _opens_where(tree, field, core=True))), None)
    closes = next((at for at in _braces(sparql, "}", opens) if parses(sparql[:at] + PAGE_PROBE + sparql[at:], paged)),
                  None)
    if opens is None or closes is None:
        raise ValueError("the core of the query was not found")
    return opens, closes


def _probed(node, field, variable: str) -> bool:
    """Whether `node` is a group whose first element is the probe VALUES block of `variable`."""
    parts = field(node, "part") if node.name == "GroupGraphPatternSub" else None
    return bool(parts) and parts[0].name == "InlineData" and [str(v) for v in parts[0]["var"]] == [variable]


def _branches(tree, field, nodes) -> list:
    """The branches of the unions directly in the group that the bindings probe opens."""
    group = next(node for node, _ in nodes(tree) if _probed(node, field, "kg_bindings_probe"))
    return [branch for part in field(group, "part") if part.name == "GroupOrUnionGraphPattern"
            for branch in (field(part, "graph") if len(field(part, "graph")) > 1 else ())]


@_in_turn
def branch_braces(sparql: str, group: int) -> tuple[int, ...]:
    """The offsets of the `{` that open the branches of each UNION directly in the group whose
    `{` is at offset `group`."""
    from server.safety import Refused, field, nodes, parse_query

    marked = sparql[:group + 1] + PROBE + sparql[group + 1:]
    if not _branches(parse_query(marked), field, nodes):
        return ()
    found = []
    for at in _braces(marked, "{", group + len(PROBE)):
        try:
            tree = parse_query(marked[:at + 1] + BRANCH_PROBE + marked[at + 1:])
        except Refused:
            continue
        if any(_probed(branch, field, "kg_branch_probe") for branch in _branches(tree, field, nodes)):
            found.append(at - len(PROBE))
    return tuple(found)


def _braces(sparql: str, brace: str, after: int = -1):
    at = sparql.find(brace, after + 1)
    while at >= 0:
        yield at
        at = sparql.find(brace, at + 1)


def with_values(sparql: str, substitutions: dict) -> str:
    """`sparql` with `substitutions` ({Variable: term}) bound by a VALUES block."""
    if not substitutions:
        return sparql
    return with_table(sparql, list(substitutions), [list(substitutions.values())])


def with_table_in_branches(sparql: str, variables: list, rows: list[list], group: int | None = None) -> str:
    """`with_table` at the group whose `{` is at `group` (by default the outermost WHERE group)
    and again at each branch of a union directly in it."""
    group = where_brace(sparql) if group is None else group
    for brace in sorted((group, *branch_braces(sparql, group)), reverse=True):
        sparql = with_table(sparql, variables, rows, brace)
    return sparql


def with_table(sparql: str, variables: list, rows: list[list], brace: int | None = None) -> str:
    """`sparql` with `variables` bound to each row of terms in turn by one VALUES block: what a
    substitution cannot say, a parameter with several values (a name that names several nodes)
    or none (a name that names nothing: no solutions). The block opens the group whose `{` is at
    offset `brace` (a core's WHERE group), by default the outermost WHERE group."""
    names = " ".join(f"?{variable.value}" for variable in variables)
    terms = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    at = (where_brace(sparql) if brace is None else brace) + 1
    return f"{sparql[:at]}\n  VALUES ({names}) {{ {terms} }}{sparql[at:]}"
