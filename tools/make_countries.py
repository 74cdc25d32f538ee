"""Generate ontology/countries.ttl: every UN member state, its government and the names a text
may give them, taken from data packages rather than typed by hand.

    python tools/make_countries.py > ontology/countries.ttl
    python tools/make_countries.py --out ontology/countries.ttl

It runs at development time only; its output is checked in, and tests/test_gazetteer.py checks
that the file is what this script makes. Sources (the `dev` extra, pinned in constraints.txt):

- country_converter: the UN-member list, English short and official names;
- countryinfo: ISO codes, capital, demonym, other spellings of the name;
- english-words (Webster's 2nd, "web2"), wordfreq and gender-guesser: which names are ordinary
  English words or common given names (see *Ambiguous names* below).

Curated facts win. A country curated in ontology/reference.ttl (matched by any of its names)
keeps its IRIs, its labels and its government link from there, and this file adds to it only
the names and demonyms that reference.ttl does not state: every fact has one source. New IRIs
follow reference.ttl's scheme, the slug of the label ("South Korea" -> south-korea, "South
Korean Government" -> south-korean-government). A government is "<Demonym> Government"; where a
demonym is the name plus -er, a noun for a person ("New Zealander"), English puts the name
before "government" ("New Zealand Government"); a member without a demonym of its own has
"Government of <name>". The packages give no Wikidata IRIs, so no owl:sameAs is made here.

Ambiguous names. Every label and alias becomes a case-sensitive EntityRuler pattern that beats
the statistical NER (kg/nlp.py), so a name that often means something else would misfire. A
capital, an alternative name or a derived alias is left out when it is

1. one word whose lower-case form is an ordinary English word: a lower-case headword of web2
   used at least ZIPF_ORDINARY on wordfreq's scale (10 per million words): "Male";
2. one word that is a common given name: frequency class GIVEN_NAME_CLASS ("common") or more in
   some country of gender-guesser's name dictionary: "Victoria", "Sofia", "Santiago";
3. a name of two actors: of two members, of a member and a curated actor ("Brussels" is the
   EU's), a member's label that is also its capital ("Luxembourg"), or a demonym;
4. a part of another member's label, which both may be called by ("Congo", in "DR Congo");
5. a code or an index form: the country's own ISO code, "Korea, Republic of";
6. not English: an other spelling with a word that is neither in web2 nor in the country's
   English names ("Deutschland").

A demonym that two members share ("Dominican") is a ws:demonym of neither: the extractor maps a
demonym to one country. A country's own short name is its rdfs:label and is kept whatever it
clashes with ("Chad", "Jordan"): the label is the name a reader sees, kg/nlp.py makes every
label a pattern, and in international news the country is the usual sense. Names curated in
reference.ttl are never left out. The file's header lists what was left out, and why.
"""
from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.resources
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.ontology import ACTOR_CLASSES
from kg.vocab import WS

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "ontology" / "reference.ttl"
ID = "https://w3id.org/whosaid/id/"
ONTOLOGY_IRI = "https://w3id.org/whosaid/countries"
PACKAGES = ("country_converter", "countryinfo", "english-words", "wordfreq", "gender-guesser")

ZIPF_ORDINARY = 4.0
GIVEN_NAME_CLASS = 5
# Head nouns of names that English writes with the article: "the United States", "the Republic of Korea".
ARTICLE_NOUNS = {"Commonwealth", "Confederation", "Duchy", "Emirates", "Federation", "Islands", "Kingdom",
                 "Principality", "Republic", "State", "States", "Sultanate", "Union"}


@dataclass(frozen=True)
class Member:
    """A UN member state as the packages describe it."""
    iso3: str
    short: str
    official: str
    info: dict                                  # countryinfo's record


@dataclass
class Actor:
    """A Country or Government to write, with the names it may be called by."""
    iri: str
    kind: str                                   # "Country" or "Government"
    member: str                                 # the member's ISO alpha-3 code
    label: str
    curated: bool                               # reference.ttl has it: its label and link come from there
    names: set[str] = field(default_factory=set)
    demonyms: list[str] = field(default_factory=list)
    government: str | None = None


# ---------------------------------------------------------------------------- sources

def un_members() -> list[Member]:
    """The UN member states, from country_converter's table, each with countryinfo's record."""
    from countryinfo import CountryInfo
    records = {}
    for record in CountryInfo.all().values():
        records.setdefault((record.get("ISO") or {}).get("alpha3"), record)
    table = importlib.resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["UNmember"].strip()]
    return sorted((Member(r["ISO3"], r["name_short"], r["name_official"], records[r["ISO3"]]) for r in rows),
                  key=lambda m: m.iso3)


@cache
def web2() -> tuple[frozenset[str], frozenset[str]]:
    """Webster's headwords: the lower-case ones, and all of them lower-cased."""
    from english_words import get_english_words_set
    words = get_english_words_set(["web2"], lower=False, alpha=False)
    return frozenset(w for w in words if w.islower()), frozenset(w.lower() for w in words)


@cache
def given_names() -> frozenset[str]:
    """First names of frequency class GIVEN_NAME_CLASS or more in some country of the dictionary
    (one hexadecimal digit per country from column 30 of each line)."""
    text = (importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="iso-8859-1")
    names = set()
    for line in text.splitlines():
        classes = [int(c, 16) for c in line[30:85] if c in "0123456789ABCDEF"]
        if not line.startswith("#") and classes and max(classes) >= GIVEN_NAME_CLASS:
            names.add(line[3:29].strip().replace("+", " "))
    return frozenset(names)


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def curated_names(reference: Graph) -> dict[str, set[str]]:
    """Every name (label or alias) of each actor that reference.ttl curates."""
    names = defaultdict(set)
    for cls in ACTOR_CLASSES:
        for actor in reference.subjects(RDF.type, WS[cls]):
            for prop in (RDFS.label, SKOS.altLabel):
                names[str(actor)] |= {str(o) for o in reference.objects(actor, prop)}
    return dict(names)


# ---------------------------------------------------------------------------- names

def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def fold(name: str) -> str:
    """The name without diacritics: texts in English often drop them ("Bogota", "Turkiye")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", name.strip(" .")) if w]


def with_article(name: str, official: str) -> str:
    """The name as English writes it inside a phrase: "the United States", "the Philippines"."""
    if set(name.split()) & ARTICLE_NOUNS or f"of the {name}" in official:
        return "the " + name
    return name


def english_names(m: Member) -> list[str]:
    """The names the packages give in English, then the other spellings that are English."""
    own = [m.short, m.official, m.info["name"]]
    own_words = {w.lower() for n in own for w in words(n)}
    _, vocabulary = web2()
    out = [n for n in own if "," not in n]
    for spelling in (s.strip() for s in m.info.get("altSpellings", [])):
        if not spelling or "," in spelling or spelling in m.info["ISO"].values():
            continue                                            # a code or an index form
        if (spelling.isupper() and spelling.isalpha()
                or all(w.lower() in vocabulary or w.lower() in own_words for w in words(spelling))):
            out.append(spelling)                                # an acronym ("UAE"), or English words
    return out


def demonyms_of(m: Member) -> list[str]:
    return [d.strip() for d in (m.info.get("demonym") or "").split(",") if d.strip()]


def attributive(demonym: str, name: str) -> str:
    """What English puts before "government": the demonym, or the name where the demonym is the
    name plus -er, a noun for a person ("New Zealander" -> "the New Zealand government")."""
    return name if demonym.endswith("er") and name.startswith(demonym[:-2]) else demonym


# ---------------------------------------------------------------------------- the gazetteer

def gazetteer(reference: Graph) -> tuple[list[Actor], dict[str, str]]:
    """Each member and its government with the names that pass the ambiguity rules, and the names
    left out, each with its reason."""
    members = un_members()
    known = curated_names(reference)
    by_demonym = defaultdict(set)
    for m in members:
        for d in demonyms_of(m):
            by_demonym[d].add(m.iso3)
    dropped = {d: "the demonym of " + " and ".join(sorted(isos)) for d, isos in by_demonym.items() if len(isos) > 1}
    actors = []
    for m in members:
        actors += member_actors(m, reference, known, [d for d in demonyms_of(m) if d not in dropped])
    return actors, dropped | disambiguate(actors, known, set(by_demonym))


def member_actors(m: Member, reference: Graph, known: dict[str, set[str]], demonyms: list[str]) -> list[Actor]:
    """The Country and the Government of one member, with every name the packages give them."""
    names = english_names(m)
    country_iri = next((iri for iri, aliases in sorted(known.items())
                        if (URIRef(iri), RDF.type, WS.Country) in reference and aliases & set(names)), None)
    if country_iri:
        label = str(reference.value(URIRef(country_iri), RDFS.label))
        gov_iri = str(reference.value(URIRef(country_iri), WS.government))
        gov_label = str(reference.value(URIRef(gov_iri), RDFS.label))
    else:
        label = m.info["name"] if "," in m.short else m.short
        gov_label = (" and ".join(attributive(d, label) for d in demonyms) + " Government" if demonyms
                     else f"Government of {with_article(label, m.official)}")
        country_iri, gov_iri = ID + slug(label), ID + slug(gov_label)
    country = Actor(country_iri, "Country", m.iso3, label, country_iri in known, demonyms=demonyms,
                    government=gov_iri)
    for n in names:
        forms = {n, with_article(n, m.official)}
        country.names |= forms | {fold(f) for f in forms}
    government = Actor(gov_iri, "Government", m.iso3, gov_label, gov_iri in known)
    government.names = {f"Government of {with_article(label, m.official)}",
                        *(f"the {attributive(d, label)} government" for d in demonyms)}
    if m.info.get("capital"):
        government.names |= {m.info["capital"], fold(m.info["capital"])}
    return [country, government]


def disambiguate(actors: list[Actor], known: dict[str, set[str]], demonyms: set[str]) -> dict[str, str]:
    """Leave out the ambiguous names (every name but the labels and the curated ones); return them."""
    ordinary, _ = web2()
    owners = defaultdict(set)
    for actor in actors:
        for n in actor.names | {actor.label}:
            owners[n].add(actor.iri)
    for iri, names in known.items():
        for n in names:
            owners[n].add(iri)
    labels = {a.member: a.label for a in actors if a.kind == "Country"}
    dropped = {}
    for actor in actors:
        actor.names.discard(actor.label)
        for n in sorted(actor.names - known.get(actor.iri, set())):
            bare = n.removeprefix("the ")
            within = sorted(label for member, label in labels.items() if member != actor.member
                            and bare != labels[actor.member] and f" {bare} " in f" {label} ")
            if len(owners[n]) > 1:
                reason = "names " + " and ".join(sorted(i.removeprefix(ID) for i in owners[n]))
            elif within:
                reason = "part of " + " and ".join(within)
            elif n in demonyms:
                reason = "a demonym"
            elif " " not in n and n.lower() in ordinary and zipf(n) >= ZIPF_ORDINARY:
                reason = "an ordinary English word"
            elif " " not in n and n in given_names():
                reason = "a common given name"
            else:
                continue
            actor.names.discard(n)
            dropped[n] = reason
    return dropped


# ---------------------------------------------------------------------------- Turtle

HEADER = """\
@prefix ws:   <https://w3id.org/whosaid/ontology#> .
@prefix id:   <https://w3id.org/whosaid/id/> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

# GENERATED by tools/make_countries.py: do not edit by hand; edit reference.ttl or the script and rerun.
# The UN member states and their governments. Countries curated in reference.ttl keep their IRIs,
# labels and government links there; this file adds the names and demonyms the packages give.
# Names left out as ambiguous (the rules are in the script's docstring):
"""


def turtle(actors: list[Actor], dropped: dict[str, str], reference: Graph) -> str:
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in PACKAGES)
    out = [HEADER + "".join(f"#   {n}: {why}\n" for n, why in sorted(dropped.items())),
           f"<{ONTOLOGY_IRI}>\n"
           "    a owl:Ontology ;\n"
           "    owl:imports <https://w3id.org/whosaid/ontology> ;\n"
           f"    owl:versionIRI <{ONTOLOGY_IRI}/0.1.0> ;\n"
           '    owl:versionInfo "0.1.0" ;\n'
           '    rdfs:label "Who said what: UN member states and their governments"@en ;\n'
           f"    rdfs:comment {literal(f'Generated by tools/make_countries.py from {versions}.')}@en ;\n"
           "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;\n"
           '    dcterms:creator "The whosaid knowledge-graph team" .\n']
    for actor in sorted(actors, key=lambda a: a.iri):
        subject = URIRef(actor.iri)
        props = [] if actor.curated else [f"a ws:{actor.kind}", f"rdfs:label {literal(actor.label)}@en"]
        aliases = sorted(n for n in actor.names if (subject, SKOS.altLabel, Literal(n, lang="en")) not in reference)
        if aliases:
            props.append("skos:altLabel " + " , ".join(f"{literal(n)}@en" for n in aliases))
        demonyms = [d for d in actor.demonyms if (subject, WS.demonym, Literal(d)) not in reference]
        if demonyms:
            props.append("ws:demonym " + " , ".join(literal(d) for d in demonyms))
        if actor.government and not actor.curated:
            props.append(f"ws:government id:{actor.government.removeprefix(ID)}")
        if props:
            out.append(f"id:{actor.iri.removeprefix(ID)} " + " ;\n    ".join(props) + " .\n")
    return "\n".join(out[:2]) + "\n" + "".join(out[2:])


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate() -> str:
    """The text of ontology/countries.ttl."""
    reference = Graph().parse(REFERENCE)
    return turtle(*gazetteer(reference), reference)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the file here instead of to standard output")
    args = parser.parse_args(argv)
    text = generate()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
