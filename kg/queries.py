"""Canned queries: `queries/NAME.rq` files whose `#+` header (YAML, in the spirit of grlc)
declares a summary and typed parameters. Values are bound as typed RDF terms (through Oxigraph's
substitutions, or a VALUES block written by `kg.bindings`), never pasted into the query text.

Two kinds of parameter are more than a variable's value:

- a name to resolve (`resolves: VAR`): an actor's or topic's name, looked up in the name index
  (`kg.names`) in the ways `names` lists (label, alias, familyName); the IRIs it names are bound
  to `?VAR`, one solution each, so the store is asked about those nodes only. An absolute IRI
  stands for itself. The query reads `?VAR`, never the name: run as it is, it names everyone.
- the page: `limit` and `offset` are the query's LIMIT and OFFSET (a SPARQL variable cannot be),
  written after its ORDER BY; their defaults in the header are the page a caller gets unasked.

A listing query may say `core: true` in its header: a subquery opening its WHERE (its core,
`kg.bindings.core`) finds and orders the rows on their key columns, so that only a page of
them is given the labels and other columns the outer query joins. Its parameters are then bound,
and its page cut, in the core; the core projects the parameters the answer shows, and the outer
query orders the page again (a subquery's order does not survive the join).

`CannedQuery.prepare` gives the text to run on either backend with all of them bound.
"""
from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Variable

from .bindings import core, with_table_in_branches
from .names import NAME_PREDICATES, NameIndex
from .vocab import XSD

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
PARAM_TYPES = ("iri", "literal", "date", "integer", "decimal")
PAGING = ("limit", "offset")
IRI_SCHEMES = ("http://", "https://", "urn:")


class QueryError(Exception):
    """A canned query that does not exist, or a parameter that is missing or ill-typed."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str = "literal"
    required: bool = False
    default: str | None = None
    example: str | None = None
    description: str = ""
    minimum: float | None = None  # for a number: the least value accepted
    maximum: float | None = None
    resolves: str | None = None   # a name: the variable its IRIs are bound to
    names: tuple[str, ...] = ("label", "alias")   # how a name to resolve may name a node

    def resolve(self, value: str, index: NameIndex) -> list[NamedNode]:
        """The nodes a name (or an absolute IRI, itself; a malformed one, none) stands for."""
        if value.startswith(IRI_SCHEMES):
            try:
                return [NamedNode(value)]
            except ValueError:
                return []
        return [NamedNode(iri) for iri in index.resolve(value, self.names)]

    def term(self, value: str):
        """The typed RDF term for `value`; QueryError naming the parameter if it does not fit."""
        try:
            if self.type == "iri":
                if not value.startswith(IRI_SCHEMES):
                    raise ValueError("expected an absolute IRI")
                return NamedNode(value)
            if self.type == "integer":
                return self._bounded(int(value), XSD.integer)
            if self.type == "decimal":
                try:
                    number = decimal.Decimal(value.strip())
                except decimal.InvalidOperation:
                    raise ValueError("not a number") from None
                if not number.is_finite():
                    raise ValueError("expected a finite number")
                return self._bounded(number, XSD.decimal)
            if self.type == "date":
                return Literal(dt.date.fromisoformat(value).isoformat(), datatype=NamedNode(str(XSD.date)))
            return Literal(value)
        except ValueError as err:
            raise QueryError(f"parameter {self.name!r}: {value!r} is not a valid {self.type} ({err})") from None

    def _bounded(self, number: int | decimal.Decimal, datatype) -> Literal:
        if self.minimum is not None and number < self.minimum or self.maximum is not None and number > self.maximum:
            raise ValueError(f"expected a number from {self.minimum} to {self.maximum}")
        return Literal(format(number, "f") if isinstance(number, decimal.Decimal) else str(number),
                       datatype=NamedNode(str(datatype)))


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summary: str
    sparql: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    description: str = ""
    core: bool = False      # `core: true` in the header: parameters and page go in the core

    @classmethod
    def parse(cls, path: Path) -> "CannedQuery":
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line[3:] for line in text.splitlines() if line.startswith("#+ ") or line == "#+")
        try:
            meta = yaml.safe_load(header) or {}
        except yaml.YAMLError as err:
            raise QueryError(f"{path}: bad #+ header: {err}") from None
        params = []
        for p in meta.get("params", []) or []:
            param = Parameter(**{**p, "names": tuple(p.get("names", Parameter.names))})
            if param.type not in PARAM_TYPES:
                raise QueryError(f"{path}: parameter {param.name!r} has unknown type {param.type!r}")
            if set(param.names) - set(NAME_PREDICATES):
                raise QueryError(f"{path}: parameter {param.name!r} resolves by unknown names {param.names!r}")
            if param.name in PAGING and param.type != "integer":
                raise QueryError(f"{path}: parameter {param.name!r} is the page and must be an integer")
            params.append(param)
        return cls(path.stem, meta.get("summary", path.stem), text, tuple(params), meta.get("description", ""),
                   bool(meta.get("core", False)))

    def bindings(self, values: dict[str, str]) -> dict:
        """Substitutions for the query (the page apart); raises QueryError for a missing, unknown or
        ill-typed value."""
        return {variable: term for variable, term in self._terms(values).items() if variable.value not in PAGING}

    def _terms(self, values: dict[str, str]) -> dict:
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(f"unknown parameter {unknown[0]!r} for query {self.name!r} (expected: {', '.join(sorted(known)) or 'none'})")
        out = {}
        for p in self.parameters:
            value = values.get(p.name, p.default)
            if value in (None, ""):
                if p.required:
                    raise QueryError(f"missing required parameter {p.name!r} for query {self.name!r}")
                continue
            out[Variable(p.name)] = p.term(str(value))
        return out

    @property
    def needs_names(self) -> bool:
        return any(p.resolves for p in self.parameters)

    def prepare(self, values: dict[str, str], names: NameIndex | None = None, paged: bool = True) -> str:
        """The query to run on any backend, every parameter bound in one VALUES block (a name to
        resolve as one row per IRI it names, none if it names nothing), written again in each
        branch of a union there, and the page written after the ORDER BY, both in the core if the
        query has one; `paged=False` gives every row. QueryError as for `bindings`."""
        bound = self._terms(values)
        page = {name: int(bound.pop(Variable(name)).value) for name in PAGING if Variable(name) in bound}
        variables, rows = list(bound), [list(bound.values())]
        for p in self.parameters:
            if p.resolves and Variable(p.name) in bound:
                if names is None:
                    raise ValueError(f"query {self.name!r} resolves names: give it the name index")
                nodes = p.resolve(str(values.get(p.name, p.default)), names)
                variables.append(Variable(p.resolves))
                rows = [row + [node] for row in rows for node in nodes]
        inner = core(self.sparql) if self.core else None
        if self.core and inner is None:
            raise ValueError(f"query {self.name!r} says it has a core, and its WHERE opens with no subquery")
        sparql = self.sparql
        if variables:
            sparql = with_table_in_branches(sparql, variables, rows, inner[0] if inner else None)
        if paged and page:
            clause = "".join(f"\n{name.upper()} {page[name]}" for name in PAGING if name in page) + "\n"
            at = len(sparql) - (len(self.sparql) - inner[1]) if inner else len(sparql)    # after the core's ORDER BY
            sparql = sparql[:at] + clause + sparql[at:]
        return sparql


def catalogue(directory: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    return {q.name: q for q in (CannedQuery.parse(p) for p in sorted(Path(directory).glob("*.rq")))}


def get(name: str, directory: Path = QUERIES_DIR) -> CannedQuery:
    path = Path(directory) / f"{name}.rq"
    if "/" in name or not path.is_file():
        raise QueryError(f"no canned query named {name!r}")
    return CannedQuery.parse(path)
