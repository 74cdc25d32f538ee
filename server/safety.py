"""What a client's SPARQL may do here, decided on its parsed form.

Oxigraph dereferences `SERVICE <http://…>` while it evaluates a query, and `LOAD <…>` while it
applies an update, with no switch to turn either off; a query's own `FROM` names the graphs it
reads. A pattern over the text reads SPARQL differently from the engine (an escaped `\\#` in a
prefixed name, a `#` after a non-breaking space in an IRI), so the text is parsed instead, with
rdflib's implementation of the W3C grammar, and the parse tree is walked: what the engine would
run, this module sees. A text rdflib cannot read is refused (400) even where the engine might
read it, since what the inspector cannot see must not run.

Parsing is recursive descent: a long basic graph pattern or deep nesting needs a deep stack. The
query workers run inspection in a thread with a large stack and a high recursion limit (see
`server.runner`); anywhere else a RecursionError becomes a refusal, never a crash. Texts over
`max_bytes` are refused before parsing, and a parse tree nested deeper than `MAX_NESTING` is
refused before the engine, whose own recursive parser overflows its stack near 3,000 nested groups.

RDF uploads (the Graph Store protocol) get the same care for the parsers that recurse or expand:
JSON-LD is measured (Python's json, which stops at its recursion limit) before Oxigraph's parser,
which crashes the process a few thousand levels down, sees it; RDF/XML has its internal entities
expanded by libxml2, which refuses entity loops and runaway amplification, reads no external
entity and nothing from the network, and the expanded document must stay under the body limit.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree
from pyoxigraph import NamedNode, RdfFormat
from pyparsing import Forward, Located, Optional, ParseBaseException, ParseResults, StringEnd, rest_of_line
from rdflib.plugins.sparql import parser as grammar
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.store import STORE_DEFAULT_GRAPH

# rdflib's grammar keeps parse state on shared pyparsing elements: two threads parsing at once fail
# with errors that would read as the client's ("Param.postParse2() missing ..."), and the grammar
# may stay broken for the next query. Every parse here takes its turn.
PARSING = threading.RLock()
MAX_BYTES = 1_000_000
MAX_NESTING = 1_000          # levels of the parse tree: about 500 nested groups or 100 nested brackets
MAX_JSON_DEPTH = 100         # nested JSON-LD objects and arrays in an upload
STORE_DEFAULT_GRAPH_NAMES = {STORE_DEFAULT_GRAPH}   # the store's own default graph, always there


class Refused(Exception):
    """The text may not run here: `status` is 400 (unreadable), 403 (forbidden) or 413 (too long)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass(frozen=True)
class Dataset:
    """The graphs a query names for itself (`FROM`, `FROM NAMED`), as absolute IRIs."""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _parse(parser, text: str, what: str, max_bytes: int) -> ParseResults:
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise Refused(413, f"{what} longer than {max_bytes} bytes")
    try:
        with PARSING:
            return parser(text)
    except ParseBaseException as err:
        raise Refused(400, f"malformed {what}: {err}") from None
    except RecursionError:
        raise Refused(400, f"{what} nested too deeply to be read") from None
    except Exception as err:       # noqa: BLE001 - rdflib's grammar actions raise bare Exceptions
        raise Refused(400, f"malformed {what}: {err}") from None


def parse_query(text: str, max_bytes: int = MAX_BYTES) -> ParseResults:
    """The parse tree of a SPARQL 1.1 query: [prologue, query]; Refused(400) when it is none."""
    return _parse(parseQuery, text, "query", max_bytes)


def parse_update(text: str, max_bytes: int = MAX_BYTES) -> ParseResults:
    return _parse(parseUpdate, text, "update", max_bytes)


def field(node: CompValue, name: str):
    """A grammar node's field, None when absent (rdflib's own `get` answers the name itself)."""
    return dict.get(node, name)


def nodes(tree) -> Iterator[tuple[CompValue, int]]:
    """Every grammar node of a parse tree with its depth, walked without recursion. Terms (IRIs,
    literals, variables) are strings and are not walked into."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            continue
        if isinstance(node, CompValue):
            yield node, depth
            children: Iterable = node.values()
        elif isinstance(node, (ParseResults, list, tuple)):
            children = node
        else:
            continue
        stack.extend((child, depth + 1) for child in children)


def _check_tree(tree, what: str) -> None:
    for node, depth in nodes(tree):
        if node.name == "ServiceGraphPattern":
            raise Refused(403, "SERVICE is disabled: this endpoint makes no outbound requests")
        if node.name == "Load" and field(node, "silent") is None:
            raise Refused(403, "LOAD is disabled: this server fetches nothing")
        if depth > MAX_NESTING:
            raise Refused(400, f"{what} nested too deeply (over {MAX_NESTING} levels)")


def _is_update(text: str, max_bytes: int) -> bool:
    try:
        parse_update(text, max_bytes)
    except Refused:
        return False
    return True


def inspect_query(text: str, max_bytes: int = MAX_BYTES, base_iri: str | None = None) -> Dataset:
    """Check a client's query; the graphs its `FROM` clauses name. Refused: 400 unreadable or
    an update, 403 SERVICE, 413 too long."""
    try:
        tree = parse_query(text, max_bytes)
    except Refused as err:
        if err.status == 400 and _is_update(text, max_bytes):
            raise Refused(403, "an update was sent as a query: send it as 'update' (POST), with the token") from None
        raise
    _check_tree(tree, "query")
    prologue, query = tree[0], tree[1]
    clauses = field(query, "datasetClause") or []
    if not clauses:
        return Dataset()
    try:
        resolve = translatePrologue(prologue, base_iri).absolutize
        default = tuple(str(resolve(c["default"])) for c in clauses if field(c, "default") is not None)
        named = tuple(str(resolve(c["named"])) for c in clauses if field(c, "named") is not None)
    except Exception as err:       # noqa: BLE001 - an unknown prefix is a bare Exception in rdflib
        raise Refused(400, f"malformed query: {err}") from None
    return Dataset(default, named)


def inspect_update(text: str, max_bytes: int = MAX_BYTES, using_graphs: Iterable[str] = (),
                   using_named_graphs: Iterable[str] = ()) -> str | None:
    """Check a client's update; the update to apply, None when nothing is left to apply.

    Refused: 400 unreadable, or the protocol's `using-graph-uri` / `using-named-graph-uri` given
    with an operation that states its own dataset (USING, USING NAMED, WITH: the protocol calls
    that an error); 403 LOAD or SERVICE; 413 too long. A `LOAD SILENT` is a load whose failure is
    ignored: this server fetches nothing, so it applies as a load that failed, a no-op, and the
    rest of the request runs. The protocol's dataset applies as the USING clauses it stands for
    (the engine takes no dataset with an update), written into each DELETE/INSERT ... WHERE."""
    using = [(graph, "USING") for graph in using_graphs] + [(graph, "USING NAMED") for graph in using_named_graphs]
    for graph, _ in using:
        try:
            NamedNode(graph)
        except ValueError:
            raise Refused(400, f"using-graph-uri and using-named-graph-uri take IRIs, not {graph!r}") from None
    tree = parse_update(text, max_bytes)
    _check_tree(tree, "update")
    modify = [node for node, _ in nodes(tree) if node.name == "Modify"]
    if using and any(field(node, "withClause") is not None or field(node, "using") for node in modify):
        raise Refused(400, "using-graph-uri and using-named-graph-uri may not be given with an update whose "
                           "operations name their own dataset (USING, USING NAMED or WITH)")
    silent_loads = any(node.name == "Load" for node, _ in nodes(tree))
    if not silent_loads and not (using and modify):
        return text
    return _rewritten(expandUnicodeEscapes(text), " ".join(f"{word} <{graph}>" for graph, word in using))


# The update grammar of rdflib with each operation located: where it starts and ends in the text.
_LocatedUpdate = Forward()
_LocatedUpdate <<= grammar.Prologue + Optional(Located(grammar.Update1)("operation*") + Optional(";" + _LocatedUpdate))
_LOCATED_UPDATE = _LocatedUpdate + StringEnd()
_LOCATED_UPDATE.ignore("#" + rest_of_line)
_TEMPLATES = Located(grammar.DeleteClause + Optional(grammar.InsertClause) | grammar.InsertClause)
NO_OP = "INSERT DATA { }"


def _rewritten(text: str, using: str) -> str | None:
    """`text` (as rdflib reads it: Unicode escapes expanded) with each LOAD SILENT replaced by an
    operation that changes nothing and `using` written after the templates of each
    DELETE/INSERT ... WHERE; None when every operation was a LOAD SILENT. Where each operation and
    its templates lie is told by the parser, never found by scanning the text."""
    with PARSING:
        located = _LOCATED_UPDATE.parse_string(text, parse_all=True).get("operation", [])
    pieces, done, applied = [], 0, False
    for start, (operation,), end in located:
        if operation.name == "Load":
            pieces += [text[done:start], NO_OP + " "]
            done = end
        elif operation.name == "Modify" and using:
            with PARSING:
                at = start + _TEMPLATES.parse_string(text[start:end])[2]
            pieces += [text[done:at], f" {using} "]
            done, applied = at, True
        else:
            applied = True
    return "".join(pieces) + text[done:] if applied else None


def unknown_graphs(wanted: Iterable[str], present: Iterable[str]) -> None:
    """Refused(403) when a dataset names graphs the store does not hold: the engine would not
    fetch them, but a query must not silently read an empty graph where it named another."""
    missing = sorted(set(wanted) - set(present) - STORE_DEFAULT_GRAPH_NAMES)
    if missing:
        raise Refused(403, f"not a graph of this store: {', '.join(f'<{g}>' for g in missing)}; "
                           "FROM, FROM NAMED, default-graph-uri and named-graph-uri may name only the "
                           "store's own graphs (this server fetches nothing)")


def _json_depth(value) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def readable_rdf(body: bytes, fmt: RdfFormat, max_bytes: int) -> bytes:
    """The upload as Oxigraph's parser may read it; Refused(400) or (413) when it may not."""
    if fmt == RdfFormat.JSON_LD:
        try:
            depth = _json_depth(json.loads(body))
        except RecursionError:
            depth = MAX_JSON_DEPTH + 1
        except ValueError as err:
            raise Refused(400, f"malformed JSON-LD: {err}") from None
        if depth > MAX_JSON_DEPTH:
            raise Refused(400, f"JSON-LD nested deeper than {MAX_JSON_DEPTH} levels")
        return body
    if fmt == RdfFormat.RDF_XML:
        parser = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(body, parser)
        except etree.XMLSyntaxError as err:
            raise Refused(400, f"malformed RDF/XML: {err}") from None
        expanded = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        if len(expanded) > max_bytes:
            raise Refused(413, f"RDF/XML larger than {max_bytes} bytes once its entities are expanded")
        return expanded
    return body
