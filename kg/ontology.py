"""Load `ontology/` and read from it everything the pipeline needs: the gazetteer of actors
and topics, the stance scheme, posts and tenures.

The ontology is the single source of this vocabulary; nothing else in the code lists actors,
aliases or stances. A file that does not parse stops the build with its name, line and the
parser's message (`OntologyError`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS, TIME

from .model import ActorRef
from .vocab import WS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
RDF_SUFFIXES = {".ttl": "turtle", ".owl": "xml", ".rdf": "xml", ".nt": "nt", ".jsonld": "json-ld"}
SHAPES_FILE = "shapes.ttl"

ACTOR_CLASSES = {  # ontology class -> spaCy entity label used for ruler patterns
    "Person": "PERSON", "Country": "GPE", "Government": "ORG", "InternationalOrganization": "ORG",
    "MediaOrganization": "ORG", "ThinkTank": "ORG", "Legislature": "ORG", "MilitaryEstablishment": "ORG",
    "PoliticalParty": "ORG", "Organization": "ORG", "Group": "NORP",
}
TOPIC_CLASSES = ("Topic", "Policy", "Initiative", "Agreement", "Treaty", "Legislation", "Project",
                 "Sanction", "MilitarySystem", "Issue")


# The modules the extractor reads (README: The ontology): actors, offices and aliases live in
# reference and countries, topics in topics, the stance scheme in stances, the T-box in core.
MODULES = ("core", "reference", "countries", "topics", "stances")


class OntologyError(Exception):
    """A malformed ontology file: names the file, the line where known, and the parser's message."""


@dataclass(frozen=True)
class Actor:
    iri: str
    label: str
    kind: str                          # local name of the most specific ontology class
    aliases: tuple[str, ...] = ()
    family_name: str | None = None
    demonyms: tuple[str, ...] = ()
    government: str | None = None      # for a country: the government that speaks for it

    @property
    def is_person(self) -> bool:
        return self.kind == "Person"


TOPIC_KEYS = ("target", "owner", "between")   # properties keying a topic by the actors it is about


@dataclass(frozen=True)
class Topic:
    iri: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()      # skos:broader
    keys: tuple[tuple[str, str], ...] = ()   # (ws:target | ws:owner | ws:between, actor IRI)


@dataclass(frozen=True)
class Tenure:
    person: str
    post: str
    titles: tuple[str, ...]
    organization: str | None
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Ontology:
    graph: Graph
    files: list[Path] = field(default_factory=list)
    directory: Path | None = None

    @classmethod
    def load(cls, directory: Path = ONTOLOGY_DIR) -> "Ontology":
        """The ontology in `directory`. Loads of an unchanged directory share one object: the
        pipeline's components each ask for it, and parsing it takes about a second."""
        directory = Path(directory).resolve()
        return _load(directory, _signature(directory))

    @classmethod
    def parse(cls, directory: Path) -> "Ontology":
        graph, files = Graph(), []
        for path in sorted(Path(directory).iterdir()):
            fmt = RDF_SUFFIXES.get(path.suffix.lower())
            if fmt is None or path.name == SHAPES_FILE:
                continue
            before = len(graph)
            parse_file(graph, path, fmt)
            if len(graph) == before:
                raise OntologyError(f"{path}: the ontology module is empty (no triples)")
            files.append(path)
        if not files:
            raise OntologyError(f"{directory}: no ontology files found")
        missing = [name for name in MODULES if name not in {path.stem for path in files}]
        if missing:
            raise OntologyError(f"{directory}: ontology module {', '.join(missing)} missing (a .ttl, .owl or .rdf "
                                f"file of that name); without it the build would find a part of what it should")
        return cls(graph, files, Path(directory))

    # ------------------------------------------------------------------ actors

    def _local_types(self, iri) -> list[str]:
        return [str(t).split("#")[-1] for t in self.graph.objects(iri, RDF.type) if str(t).startswith(str(WS))]

    def _labels(self, iri, prop) -> tuple[str, ...]:
        return tuple(sorted({str(o) for o in self.graph.objects(iri, prop) if isinstance(o, Literal)
                             and (o.language in (None, "en"))}))

    def _label(self, iri) -> str:
        labels = self._labels(iri, RDFS.label) or self._labels(iri, SKOS.prefLabel)
        return labels[0] if labels else str(iri).rstrip("/#").rsplit("/", 1)[-1]

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """Every curated actor, keyed by IRI, with the most specific class we know."""
        found = {}
        order = list(ACTOR_CLASSES)
        for cls_name in order:
            for iri in self.graph.subjects(RDF.type, WS[cls_name]):
                if not isinstance(iri, URIRef) or str(iri) in found:
                    continue
                kinds = [k for k in self._local_types(iri) if k in ACTOR_CLASSES]
                kind = min(kinds, key=order.index) if kinds else cls_name
                found[str(iri)] = Actor(
                    iri=str(iri), label=self._label(iri), kind=kind,
                    aliases=self._labels(iri, SKOS.altLabel),
                    family_name=next(iter(self._labels(iri, FOAF.familyName)), None),
                    demonyms=self._labels(iri, WS.demonym),
                    government=next((str(g) for g in self.graph.objects(iri, WS.government)), None),
                )
        return found

    def actor_ref(self, iri: str) -> ActorRef:
        """The reference the pipeline passes around for a curated actor."""
        actor = self.actors[iri]
        return ActorRef(actor.label, actor.kind, actor.iri)

    def speaking_actor(self, iri: str) -> Actor:
        """The actor a position is attributed to: a country speaks through its government."""
        actor = self.actors[iri]
        if actor.government and actor.government in self.actors:
            return self.actors[actor.government]
        return actor

    def country_named(self, name: str) -> str | None:
        """The IRI of the country with this label or alias."""
        return self._countries.get(name)

    @cached_property
    def _countries(self) -> dict[str, str]:
        return {n: a.iri for a in self.actors.values() if a.kind == "Country" for n in (a.label, *a.aliases)}

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Demonym ("Russian") -> country IRI."""
        return {d: a.iri for a in self.actors.values() for d in a.demonyms}

    # ------------------------------------------------------------------ topics

    @cached_property
    def topics(self) -> dict[str, Topic]:
        found = {}
        for cls_name in TOPIC_CLASSES:
            for iri in self.graph.subjects(RDF.type, WS[cls_name]):
                if isinstance(iri, URIRef) and str(iri) not in found:
                    found[str(iri)] = Topic(
                        str(iri), self._label(iri), cls_name, self._labels(iri, SKOS.altLabel),
                        broader=tuple(sorted(str(b) for b in self.graph.objects(iri, SKOS.broader))),
                        keys=tuple(sorted((key, str(a)) for key in TOPIC_KEYS for a in self.graph.objects(iri, WS[key]))))
        return found

    @cached_property
    def narrower_topics(self) -> dict[str, tuple[str, ...]]:
        """Topic IRI -> the IRIs of the topics directly narrower than it."""
        found: dict[str, list[str]] = {}
        for topic in self.topics.values():
            for broader in topic.broader:
                found.setdefault(broader, []).append(topic.iri)
        return {iri: tuple(sorted(narrower)) for iri, narrower in found.items()}

    # ------------------------------------------------------------------ stances

    @cached_property
    def stances(self) -> dict[str, str]:
        """Stance name (the concept's label, e.g. "opposes") -> concept IRI."""
        scheme = next(self.graph.subjects(RDF.type, SKOS.ConceptScheme), None)
        concepts = [c for c in self.graph.subjects(SKOS.inScheme, scheme)] if scheme else []
        stances = {self._label(c): str(c) for c in concepts if (c, WS.negation, None) in self.graph}
        if not stances:
            raise OntologyError("ontology: no stance scheme (skos:Concept with ws:negation) found")
        return stances

    @cached_property
    def stance_negation(self) -> dict[str, str]:
        """Stance name -> the stance name a negated cue turns it into."""
        by_iri = {iri: name for name, iri in self.stances.items()}
        return {name: by_iri[str(neg)] for name, iri in self.stances.items()
                for neg in self.graph.objects(URIRef(iri), WS.negation) if str(neg) in by_iri}

    # ------------------------------------------------------------------ offices

    @cached_property
    def tenures(self) -> list[Tenure]:
        out = []
        for tenure in self.graph.subjects(RDF.type, WS.Tenure):
            person = self.graph.value(tenure, ORG.member)
            post = self.graph.value(tenure, WS.post)
            if person is None or post is None:
                continue
            interval = self.graph.value(tenure, ORG.memberDuring)
            out.append(Tenure(
                person=str(person), post=str(post),
                titles=tuple(sorted(str(t) for t in self.graph.objects(post, WS.title))),   # not the parser's order
                organization=str(self.graph.value(post, ORG.postIn) or "") or None,
                start=self._instant(interval, TIME.hasBeginning), end=self._instant(interval, TIME.hasEnd),
            ))
        return sorted(out, key=lambda t: (t.person, t.post, t.start or dt.date.min))

    def _instant(self, interval, prop) -> dt.date | None:
        if interval is None:
            return None
        instant = self.graph.value(interval, prop)
        value = self.graph.value(instant, TIME.inXSDDateTimeStamp) if instant is not None else None
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None

    def holders(self, title: str, organization: str | None = None, day: dt.date | None = None) -> set[str]:
        """Everyone who held a post with this title (in this organization; on `day` if given)."""
        title = title.lower()
        return {t.person for t in self.tenures
                if any(title == x.lower() for x in t.titles)
                and (organization is None or t.organization == organization)
                and (day is None or t.covers(day))}

    def holder(self, title: str, organization: str | None, day: dt.date | None) -> str | None:
        """Who held the post with this title (in this organization) on `day`; None if unclear."""
        candidates = self.holders(title, organization, day)
        return candidates.pop() if len(candidates) == 1 else None


def _signature(directory: Path) -> tuple:
    """What identifies the directory's contents: its files' names, sizes and modification times."""
    if not directory.is_dir():
        raise OntologyError(f"{directory}: not a directory")
    stats = ((path.name, path.stat()) for path in sorted(directory.iterdir()))
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


@functools.lru_cache(maxsize=4)
def _load(directory: Path, signature: tuple) -> Ontology:
    return Ontology.parse(directory)


def _error_line(err: Exception, message: str) -> int | None:
    """The 1-based line of a parse error: from the Turtle parser's position when it gives one
    (its own "at line N" counts the newlines it has read past), else from the message."""
    text, index = getattr(err, "_str", None), getattr(err, "_i", None)
    if isinstance(text, (bytes, str)) and isinstance(index, int):
        return text[:index].count(b"\n" if isinstance(text, bytes) else "\n") + 1
    if hasattr(err, "getLineNumber"):
        return err.getLineNumber()
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def parse_file(graph: Graph, path: Path, fmt: str) -> None:
    """Parse one RDF file into `graph`, turning any parser error into an OntologyError with its line."""
    try:
        graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types; all mean "this file is broken"
        message = " ".join(str(err).split()) or type(err).__name__
        line = _error_line(err, message)
        message = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", message)
        where = f"{path}:{line}" if line else str(path)
        raise OntologyError(f"{where}: {message[:500]}") from err
