"""Read-only and no-outbound-request rules for user queries.

Oxigraph dereferences `SERVICE <http://...>` while evaluating a query and has no switch to stop
it, so queries that use SERVICE are refused before they reach the store. The check looks at
keywords only after comments, strings and IRIs are blanked, so `"SERVICE"` in a literal or an
IRI does not trip it.
"""
from __future__ import annotations

import re

_NOISE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def keywords_only(query: str) -> str:
    return _NOISE.sub(" ", query)


def refusal(query: str) -> str | None:
    """Why this query may not run here, or None when it may."""
    text = keywords_only(query)
    if _SERVICE.search(text):
        return "SERVICE is disabled: this endpoint makes no outbound requests"
    return None


def looks_like_update(query: str) -> bool:
    return bool(_UPDATE.search(keywords_only(query))) and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
                                                                       keywords_only(query), re.I)
