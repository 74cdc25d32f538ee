"""Typed query parameters for SPARQL servers, which have no initial bindings in the protocol.

Oxigraph takes parameters as substitutions. A remote server is sent the same query with an
inline `VALUES` block opening its outermost WHERE group: the values are typed RDF terms written
in their canonical N-Triples form (escaped by pyoxigraph), never text pasted into the query, so a
hostile value stays one literal. Placed there, the block is joined before every FILTER, OPTIONAL
and BIND of that group, which is what a substitution does; the canned queries use parameters only
where both agree (the store contract tests run them on both backends).
"""
from __future__ import annotations

import re

# Strings (long forms first), IRIs and comments: text in which braces and keywords mean nothing.
_OPAQUE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                     r'''|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*''')
_TOKENS = re.compile(r"[{}()]|(?<![\w?$:])(WHERE|CONSTRUCT)(?![\w:])", re.I)


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def where_brace(sparql: str) -> int:
    """The offset of the `{` that opens the query's outermost WHERE group."""
    masked = _OPAQUE.sub(_blank, sparql)
    braces = parens = 0
    after_where, is_construct, top_level = False, False, []
    for token in _TOKENS.finditer(masked):
        text = token.group().upper()
        if text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "}":
            braces -= 1
        elif braces or parens:
            braces += text == "{"
        elif text == "WHERE":
            after_where = True
        elif text == "CONSTRUCT":
            is_construct = True
        else:                                      # a "{" at the top level
            if after_where:
                return token.start()
            top_level.append(token.start())
            braces += 1
    wanted = 1 if is_construct else 0               # CONSTRUCT's template comes before its pattern
    if len(top_level) <= wanted:
        raise ValueError("no WHERE clause found in the query")
    return top_level[wanted]


def with_values(sparql: str, substitutions: dict) -> str:
    """`sparql` with `substitutions` ({Variable: term}) bound by a VALUES block."""
    if not substitutions:
        return sparql
    names = " ".join(f"?{variable.value}" for variable in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    at = where_brace(sparql) + 1
    return f"{sparql[:at]}\n  VALUES ({names}) {{ ({terms}) }}{sparql[at:]}"
