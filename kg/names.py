"""The names in the graph (labels, aliases, family names) indexed, for two uses:

- the canned queries that take an actor's or a topic's name resolve it here to the IRIs it names
  before they run, so that the store is asked about those nodes only, instead of comparing the
  lower-cased name with every label it holds (which grew with the corpus: 30 s at 1M triples);
- the UI's search suggests actors and topics from it as one types: whole names and aliases, their
  words' beginnings ("Lavr", "Sergey"), then near spellings (rapidfuzz) for typos ("Lavrow").

An index is built by three bounded queries (the classes of actors and topics, every name, the
types of named nodes), so it works on either backend. `NameCache` keeps one per store and builds
it again when the store changes (`store_version`).
"""
from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .store import GraphStore, store_generation
from .vocab import FOAF, RDFS, SKOS, WS

#: What a name is to the node it names, by the word a canned query's header uses for it.
NAME_PREDICATES = {"label": str(RDFS.label), "alias": str(SKOS.altLabel), "familyName": str(FOAF.familyName)}
KINDS = {"actor": str(WS.Actor), "topic": str(WS.Topic)}
FUZZY_CUTOFF = 80              # rapidfuzz ratio, 0-100: near spellings only ("lavrow" is 83 from "lavrov")
WORD = re.compile(r"\w+")

CLASSES = """SELECT DISTINCT ?class ?kind WHERE {
  VALUES (?top ?kind) { %s }
  ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?top
}"""
NAMES = """SELECT ?node ?predicate ?name WHERE {
  VALUES ?predicate { %s }
  ?node ?predicate ?name . FILTER(isLiteral(?name))
}"""
TYPED = """SELECT DISTINCT ?node ?class WHERE {
  VALUES ?class { %s }
  ?node a ?class
}"""
VERSION = """SELECT (COUNT(*) AS ?names) WHERE { VALUES ?predicate { %s } ?node ?predicate ?name }"""


@dataclass(frozen=True)
class Suggestion:
    """An actor or topic a search text may mean: its label, IRI and kind, and the name matched."""
    label: str
    iri: str
    kind: str
    matched: str


def _key(name: str) -> str:
    """Names compare as SPARQL's LCASE compares them (not casefold: "ß" stays "ß")."""
    return " ".join(name.lower().split())


class NameIndex:
    """Every (name, how it names, node) in a store, and the kind (actor, topic) of named nodes."""

    def __init__(self, names: list[tuple[str, str, str]], kinds: dict[str, str]):
        """`names`: (node IRI, one of NAME_PREDICATES' keys, the name); `kinds`: node IRI -> kind."""
        self._exact: dict[str, set[tuple[str, str]]] = defaultdict(set)
        labels: dict[str, str] = {}
        for node, how, name in names:
            self._exact[_key(name)].add((node, how))
            if how == "label":
                labels[node] = min(labels.get(node, name), name)
        self._labels = labels
        wanted = sorted({(_key(name), name, node) for node, _, name in names if node in kinds})
        self._entries = [(name, node, kinds[node]) for _, name, node in wanted]
        self._keys = [key for key, _, _ in wanted]
        self._words = sorted((word, i) for i, key in enumerate(self._keys) for word in set(WORD.findall(key)))

    @classmethod
    def from_store(cls, store: GraphStore) -> NameIndex:
        tops = " ".join(f'(<{iri}> "{kind}")' for kind, iri in KINDS.items())
        classes = {row["class"].value: row["kind"].value for row in store.query(CLASSES % tops)}
        by_iri = {iri: how for how, iri in NAME_PREDICATES.items()}
        names = [(row["node"].value, by_iri[row["predicate"].value], row["name"].value)
                 for row in store.query(NAMES % " ".join(f"<{p}>" for p in NAME_PREDICATES.values()))]
        kinds: dict[str, str] = {}
        if classes:
            for row in store.query(TYPED % " ".join(f"<{c}>" for c in classes)):
                kind = classes[row["class"].value]
                # a node typed both ways (none in the ontology) is an actor: actors are looked up more
                kinds[row["node"].value] = "actor" if "actor" in (kind, kinds.get(row["node"].value)) else kind
        return cls(names, kinds)

    def resolve(self, name: str, how: tuple[str, ...] = tuple(NAME_PREDICATES)) -> list[str]:
        """The IRIs of the nodes `name` names (case insensitively) in one of the ways `how`, sorted."""
        return sorted({node for node, way in self._exact.get(_key(name), ()) if way in how})

    def label(self, iri: str) -> str | None:
        return self._labels.get(iri)

    def suggest(self, text: str, limit: int = 10, kinds: tuple[str, ...] = tuple(KINDS)) -> list[Suggestion]:
        """Actors and topics `text` may mean, best first: a whole name, a name's beginning, a word's
        beginning, else (nothing begins so) near spellings; one suggestion per node, at most `limit`."""
        key = _key(text)
        if not key:
            return []
        found: dict[str, tuple[int, int]] = {}          # node -> (rank, entry index)

        def offer(rank: int, i: int) -> None:
            node = self._entries[i][1]
            if self._entries[i][2] in kinds and (rank, i) < found.get(node, (9, 0)):
                found[node] = (rank, i)

        start = bisect.bisect_left(self._keys, key)
        for i in range(start, len(self._keys)):
            if not self._keys[i].startswith(key):
                break
            offer(0 if self._keys[i] == key else 1, i)
        words = WORD.findall(key)
        if len(words) == 1:
            at = bisect.bisect_left(self._words, (words[0],))
            while at < len(self._words) and self._words[at][0].startswith(words[0]):
                offer(2, self._words[at][1])
                at += 1
        if not found:                                   # a typo, as no name begins so
            for _, _, i in process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                           limit=limit * 3):
                offer(3, i)
        best = sorted(found.values(), key=lambda hit: (hit[0], len(self._entries[hit[1]][0]), self._keys[hit[1]]))
        out = []
        for _, i in best[:limit]:
            name, node, kind = self._entries[i]
            out.append(Suggestion(self._labels.get(node, name), node, kind, name))
        return out


def store_version(store: GraphStore, location: str) -> object:
    """What changes when the names in the store may have: an embedded store's generation (every
    write moves it); for a server, its graphs and the number of names it holds (two small
    queries: a server gives no version of its own)."""
    generation = store_generation(location)
    if generation is not None:
        return generation
    predicates = " ".join(f"<{p}>" for p in NAME_PREDICATES.values())
    count = next(iter(store.query(VERSION % predicates)))["names"].value
    return tuple(store.graphs()), count


class NameCache:
    """One name index per store location, built on first use and again when `store_version`
    moves; concurrent requests wait for the one build instead of each making their own."""

    def __init__(self):
        self._lock = threading.Lock()
        self._held: dict[str, tuple[object, NameIndex]] = {}

    def index(self, store: GraphStore, location: str) -> NameIndex:
        version = store_version(store, location)
        with self._lock:
            held = self._held.get(location)
            if held is None or held[0] != version:
                held = (version, NameIndex.from_store(store))
                self._held[location] = held
            return held[1]
