"""Canned queries: `queries/NAME.rq` files whose `#+` header (YAML, in the spirit of grlc)
declares a summary and typed parameters. Values are bound as typed RDF terms through
Oxigraph's substitutions, never pasted into the query text.
"""
from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Variable

from .vocab import XSD

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
PARAM_TYPES = ("iri", "literal", "date", "integer", "decimal")


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

    def term(self, value: str):
        """The typed RDF term for `value`; QueryError naming the parameter if it does not fit."""
        try:
            if self.type == "iri":
                if not value.startswith(("http://", "https://", "urn:")):
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
            param = Parameter(**p)
            if param.type not in PARAM_TYPES:
                raise QueryError(f"{path}: parameter {param.name!r} has unknown type {param.type!r}")
            params.append(param)
        return cls(path.stem, meta.get("summary", path.stem), text, tuple(params), meta.get("description", ""))

    def bindings(self, values: dict[str, str]) -> dict:
        """Substitutions for the query; raises QueryError for a missing, unknown or ill-typed value."""
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


def catalogue(directory: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    return {q.name: q for q in (CannedQuery.parse(p) for p in sorted(Path(directory).glob("*.rq")))}


def get(name: str, directory: Path = QUERIES_DIR) -> CannedQuery:
    path = Path(directory) / f"{name}.rq"
    if "/" in name or not path.is_file():
        raise QueryError(f"no canned query named {name!r}")
    return CannedQuery.parse(path)
