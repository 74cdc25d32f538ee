"""What the HTML page of a resource shows, as an entity page on Wikidata would: its most specific
types and its properties as labels and links, an actor's offices, the statements by it, on it
(a topic) or in it (a document, whose text is rendered with every statement marked), and what
links here. Each query is bounded: a page is read, not downloaded."""
from __future__ import annotations

import re
from collections.abc import Callable

from pyoxigraph import Literal, NamedNode

from kg.vocab import WS

from .markup import marked_markdown, statement_spans
from .negotiation import NAMESPACES

PAGE_ROWS = 500          # rows of a page's description and of its statements
INCOMING_ROWS = 200      # links to the resource
SUMMARY_TOPICS = 20      # topics in an actor's summary of the stances it took
ANY_URI = NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")

# The types a page shows: the most specific ones (the inference graph adds every superclass; a
# class equivalent to another is kept), less owl:NamedIndividual, the declaration the OWL API
# (Protégé, `robot convert`) adds to every individual it writes.
TYPES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?type (SAMPLE(?label) AS ?typeLabel) WHERE {
  VALUES ?r { %s }
  ?r a ?type .
  FILTER(?type NOT IN (owl:NamedIndividual, owl:Thing))
  FILTER NOT EXISTS { ?r a ?narrower . ?narrower rdfs:subClassOf ?type .
                      FILTER(?narrower != ?type) FILTER NOT EXISTS { ?type rdfs:subClassOf ?narrower } }
  OPTIONAL { ?type rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }
} GROUP BY ?type ORDER BY ?type LIMIT 20"""

# The properties a symmetric property links in both directions: the OWL API writes owl:sameAs and
# owl:disjointWith the way round it likes (a Wikidata IRI as the subject of the link to it).
SYMMETRIC = """{ VALUES ?p { owl:sameAs owl:disjointWith owl:equivalentClass owl:equivalentProperty } }
    UNION { ?p a owl:SymmetricProperty }"""

# A link by a property that a narrower one already makes between the same two nodes: what the
# inference graph adds for each super-property (ws:speaker is a prov:wasAttributedTo), which a
# page would show twice. A property equivalent to the narrower one is kept.
def restated(subject: str, prop: str, obj: str) -> str:
    return f"""FILTER NOT EXISTS {{ {subject} ?narrower {obj} . ?narrower rdfs:subPropertyOf {prop} .
                     FILTER(?narrower != {prop}) FILTER NOT EXISTS {{ {prop} rdfs:subPropertyOf ?narrower }} }}"""


# The other properties. ?oKnown says whether the store says more of the object than that it is the
# same as something (and, after the OWL API, an owl:NamedIndividual); else the page links to the
# IRI itself (Wikidata's).
PROPERTIES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?p ?pLabel ?o ?oLabel ?oKnown WHERE {
  VALUES ?r { %s }
  { ?r ?p ?o . FILTER(?p != rdf:type) """ + restated("?r", "?p", "?o") + """ }
  UNION { %s
    ?o ?p ?r . FILTER(?o != ?r) }
  OPTIONAL { ?p rdfs:label ?pLabel }
  OPTIONAL { ?o rdfs:label ?oLabel }
  BIND(EXISTS { ?o ?said ?value FILTER(?said != owl:sameAs && ?value != owl:NamedIndividual) } AS ?oKnown)
} ORDER BY ?p ?o LIMIT %d"""

# A node's name: its label, else, for a statement or a position (which have none of their own),
# who holds what on what, else, for the evidence of a statement or an event (an annotation of its
# text), "evidence of" the name of what it is evidence of.
def naming(node: str) -> str:
    return f"""OPTIONAL {{ {node} rdfs:label ?label }}
  OPTIONAL {{ {node} ws:expresses? ?position . ?position ws:holder/rdfs:label ?holder ;
             ws:stance/rdfs:label ?stance ; ws:topic/rdfs:label ?topic . }}
  OPTIONAL {{ ?evidenced ws:evidence {node} .
             OPTIONAL {{ ?evidenced rdfs:label ?evidencedLabel }}
             OPTIONAL {{ ?evidenced ws:expresses ?evidencedPosition .
                        ?evidencedPosition ws:holder/rdfs:label ?evidencedHolder ; ws:stance/rdfs:label ?evidencedStance ;
                                           ws:topic/rdfs:label ?evidencedTopic . }} }}
  BIND(COALESCE(?label, CONCAT(?holder, " — ", ?stance, " — ", ?topic),
                CONCAT("evidence of ", COALESCE(?evidencedLabel, CONCAT(?evidencedHolder, " — ", ?evidencedStance,
                                                                         " — ", ?evidencedTopic)))) AS ?name)"""


# What links here: subjects with an IRI, less the symmetric links the description shows already.
INCOMING = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ws: <https://w3id.org/whosaid/ontology#>
SELECT ?p (SAMPLE(?propertyLabel) AS ?pLabel) ?s (SAMPLE(?name) AS ?sLabel) WHERE {
  VALUES ?r { %s }
  ?s ?p ?r . FILTER(isIRI(?s) && ?p != rdf:type && ?s != ?r)
  FILTER NOT EXISTS { %s }
  """ + restated("?s", "?p", "?r") + """
  OPTIONAL { ?p rdfs:label ?propertyLabel }
  """ + naming("?s") + """
} GROUP BY ?p ?s ORDER BY ?p ?sLabel ?s LIMIT %d"""

# The page's title.
NAME = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ws: <https://w3id.org/whosaid/ontology#>
SELECT (SAMPLE(?name) AS ?title) WHERE {
  VALUES ?r { %s }
  """ + naming("?r") + """
}"""

OFFICES = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT DISTINCT ?post ?postLabel ?from ?until WHERE {
  VALUES ?r { %s }
  ?tenure org:member ?r ; ws:post ?post .
  ?post rdfs:label ?postLabel .
  OPTIONAL { ?tenure org:memberDuring/time:hasBeginning/time:inXSDDateTimeStamp ?start }
  OPTIONAL { ?tenure org:memberDuring/time:hasEnd/time:inXSDDateTimeStamp ?end }
  BIND(SUBSTR(STR(?start), 1, 10) AS ?from)
  BIND(SUBSTR(STR(?end), 1, 10) AS ?until)
} ORDER BY ?from LIMIT 100"""

# The statements by an actor (or the government speaking for a country), on a topic or one of the
# topics narrower than it, or in a document; ?via says which.
STATEMENTS = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?via ?statement ?speaker ?speakerLabel ?cue ?stance ?stanceLabel ?topic ?topicLabel ?date ?document
                ?title ?text ?start ?end WHERE {
  VALUES ?r { %s }
  { ?r ws:government? ?speaker . ?statement ws:speaker ?speaker . BIND("speaker" AS ?via) }
  UNION { ?statement prov:wasDerivedFrom ?r . BIND("document" AS ?via) }
  UNION { ?topic skos:broader* ?r . ?statement ws:expresses/ws:topic ?topic . BIND("topic" AS ?via) }
  ?statement a ws:Statement ; ws:speaker ?speaker ; ws:cue ?cue ; ws:expresses ?position ;
             prov:wasDerivedFrom ?document ; ws:evidence/oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  ?position ws:stance ?stance ; ws:topic ?topic .
  ?stance rdfs:label ?stanceLabel .
  ?document ws:text ?text .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?statement ws:date ?date }
  OPTIONAL { ?speaker rdfs:label ?speakerLabel }
  OPTIONAL { ?topic rdfs:label ?topicLabel }
} ORDER BY DESC(?date) ?document ?start LIMIT %d"""

# What an actor (or the government speaking for a country) said on each topic: statements by
# stance, the most spoken-on topics first.
STANCES_TAKEN = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?topic (SAMPLE(?tLabel) AS ?topicLabel) ?stance (SAMPLE(?sLabel) AS ?stanceLabel)
       (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  VALUES ?r { %s }
  ?r ws:government? ?speaker .
  ?statement ws:speaker ?speaker ; ws:expresses ?position .
  ?position ws:topic ?topic ; ws:stance ?stance .
  OPTIONAL { ?topic rdfs:label ?tLabel }
  OPTIONAL { ?stance rdfs:label ?sLabel }
} GROUP BY ?topic ?stance ORDER BY ?topic ?stance LIMIT %d"""

OPPOSITES = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
SELECT ?stance ?opposite WHERE { ?stance ws:opposite ?opposite } LIMIT 100"""

# The others holding a stance on a topic the actor spoke on: the same one (agree) or one opposite
# to it in the stance scheme (disagree). The rows of VALUES are the actor's holdings, found first.
OTHERS = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?relation ?topic ?stance ?other (SAMPLE(?oLabel) AS ?otherLabel) ?otherStance
       (SAMPLE(?osLabel) AS ?otherStanceLabel) (COUNT(DISTINCT ?position) AS ?n) WHERE {
  VALUES (?relation ?topic ?stance ?otherStance) { %s }
  ?position ws:topic ?topic ; ws:stance ?otherStance ; ws:holder ?other .
  FILTER(?other NOT IN (%s))
  OPTIONAL { ?other rdfs:label ?oLabel }
  OPTIONAL { ?otherStance rdfs:label ?osLabel }
} GROUP BY ?relation ?topic ?stance ?other ?otherStance ORDER BY ?topic ?stance ?relation DESC(?n) ?otherLabel
  LIMIT %d"""

SPEAKERS = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
SELECT ?speaker WHERE { VALUES ?r { %s } ?r ws:government? ?speaker } LIMIT 20"""

TEXT = """PREFIX ws: <https://w3id.org/whosaid/ontology#>
SELECT ?text WHERE { VALUES ?r { %s } ?r ws:text ?text } LIMIT 1"""

STATEMENT_HEADINGS = {"speaker": "Statements, newest first", "topic": "Who said what on it, newest first",
                      "document": "Who said what in it, in the order of the text"}


def contents(store, term: str, link: Callable[[str], str]) -> dict:
    """The template's values for the resource `term` (an IRI in SPARQL syntax)."""
    types = [{"type": s["type"].value, "label": s["typeLabel"].value if s["typeLabel"] else short_name(s["type"].value)}
             for s in store.query(TYPES % term)]
    properties = [{k: (s[k].value if s[k] is not None else None) for k in ("p", "pLabel", "o", "oLabel")}
                  | {"isIri": isinstance(s["o"], NamedNode), "known": s["oKnown"].value == "true",
                     "web": web_address(s["o"])}
                  for s in store.query(PROPERTIES % (term, SYMMETRIC, PAGE_ROWS))]
    statements = [_statement(s) for s in store.query(STATEMENTS % (term, PAGE_ROWS))]
    offices = [{k: (s[k].value if s[k] is not None else "") for k in ("post", "postLabel", "from", "until")}
               for s in store.query(OFFICES % term)]
    document = None
    if str(WS.Document) in {t["type"] for t in types}:
        statements.sort(key=lambda s: (s["start"], s["end"]))
        text = next((s["text"].value for s in store.query(TEXT % term)), "")
        document = marked_markdown(text, statement_spans(statements, link))
    taken = stances_taken(store, term)
    label = next((s["title"].value for s in store.query(NAME % term) if s["title"] is not None), None)
    return {"label": label or short_name(term.strip("<>")), "types": types, "properties": properties,
            "offices": offices, "statements": statements, "document": document,
            "stances_taken": taken, "agreement": agreement(store, term, taken),
            "statements_heading": STATEMENT_HEADINGS[statements[0]["via"]] if statements else "",
            "incoming": incoming(store, term), "incoming_limit": INCOMING_ROWS,
            "property_name": property_name, "short_name": short_name}


def stances_taken(store, term: str) -> list[dict]:
    """The actor's statements by topic and stance, most spoken-on topics first (at most
    `SUMMARY_TOPICS`): [{topic, label, total, stances: [{stance, label, n}]}]."""
    topics: dict[str, dict] = {}
    for s in store.query(STANCES_TAKEN % (term, PAGE_ROWS)):
        topic = topics.setdefault(s["topic"].value, {
            "topic": s["topic"].value, "total": 0, "stances": [],
            "label": s["topicLabel"].value if s["topicLabel"] else short_name(s["topic"].value)})
        n = int(s["n"].value)
        topic["stances"].append({"stance": s["stance"].value, "n": n, "label": s["stanceLabel"].value
                                 if s["stanceLabel"] else local_name(s["stance"].value)})
        topic["total"] += n
    ranked = sorted(topics.values(), key=lambda t: (-t["total"], t["label"].casefold()))[:SUMMARY_TOPICS]
    for topic in ranked:
        topic["stances"].sort(key=lambda h: (-h["n"], h["label"].casefold()))
    return ranked


def agreement(store, term: str, taken: list[dict]) -> list[dict]:
    """For each of the actor's holdings (a stance on a topic), who else holds it and who holds
    an opposite one: [{topic, label, stance, stanceLabel, agree: [...], disagree: [...]}], each
    other as {actor, label, stance, stanceLabel, n}, most statements first."""
    opposite: dict[str, set[str]] = {}
    for s in store.query(OPPOSITES):                # stated one way round, read both
        opposite.setdefault(s["stance"].value, set()).add(s["opposite"].value)
        opposite.setdefault(s["opposite"].value, set()).add(s["stance"].value)
    holdings = {(t["topic"], h["stance"]): {"topic": t["topic"], "label": t["label"], "stance": h["stance"],
                                            "stanceLabel": h["label"], "agree": [], "disagree": []}
                for t in taken for h in t["stances"]}
    rows = [("agree", topic, stance, stance) for topic, stance in holdings] + [
        ("disagree", topic, stance, other) for topic, stance in holdings for other in sorted(opposite.get(stance, ()))]
    if not rows:
        return []
    values = " ".join(f'("{relation}" <{topic}> <{stance}> <{other}>)' for relation, topic, stance, other in rows)
    own = ", ".join(f"<{s['speaker'].value}>" for s in store.query(SPEAKERS % term))
    for s in store.query(OTHERS % (values, own, PAGE_ROWS)):
        holding = holdings[(s["topic"].value, s["stance"].value)]
        other = s["other"].value
        stance = s["otherStance"].value
        holding[s["relation"].value].append({
            "actor": other, "stance": stance, "n": int(s["n"].value),
            "stanceLabel": s["otherStanceLabel"].value if s["otherStanceLabel"] else local_name(stance),
            "label": s["otherLabel"].value if s["otherLabel"] else short_name(other)})
    return [h for h in holdings.values() if h["agree"] or h["disagree"]]


def incoming(store, term: str) -> list[dict]:
    """What links here, grouped by property: [{p, label, subjects: [(IRI, label)]}]."""
    groups: dict[str, dict] = {}
    for s in store.query(INCOMING % (term, SYMMETRIC, INCOMING_ROWS)):
        p = s["p"].value
        group = groups.setdefault(p, {"p": p, "label": s["pLabel"].value if s["pLabel"] else property_name(p),
                                      "subjects": []})
        group["subjects"].append((s["s"].value, s["sLabel"].value if s["sLabel"] else short_name(s["s"].value)))
    return list(groups.values())


def web_address(term) -> str | None:
    """The address an xsd:anyURI literal (an article's `schema:url`) gives, for a link; only a web
    one: the page names it without its scheme, so that no raw address reads as a value."""
    if isinstance(term, Literal) and term.datatype == ANY_URI and term.value.startswith(("http://", "https://")):
        return term.value
    return None


def property_name(iri: str) -> str:
    """A property with no label, as words: `hasSource` is "has source", `sameAs` "same as"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local_name(iri)).lower()


def local_name(iri: str) -> str:
    """What a page shows for an IRI with no label: its last segment (`sameAs`,
    `lavrov-foreign-minister`)."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


OWN_PREFIXES = ("ws", "ref")


def short_name(iri: str) -> str:
    """A value with no label: another vocabulary's term by its prefixed name, so that
    `foaf:Agent` and `prov:Agent` stay apart and Wikidata's items read `wd:Q159`; our own by
    its last segment."""
    for prefix, namespace in NAMESPACES.items():
        if prefix not in OWN_PREFIXES and iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return local_name(iri)


def _statement(solution) -> dict:
    row = {k: (solution[k].value if solution[k] is not None else None) for k in
           ("via", "statement", "speaker", "speakerLabel", "cue", "stance", "stanceLabel", "topic", "topicLabel",
            "date", "document", "title")}
    row["start"], row["end"] = int(solution["start"].value), int(solution["end"].value)
    text = solution["text"].value
    start, end = sentence_bounds(text, row["start"], row["end"])
    row["before"], row["quote"], row["after"] = text[start:row["start"]], text[row["start"]:row["end"]], text[row["end"]:end]
    return row


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around [start, end): from after the previous full stop or line
    break to the next one."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    after = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i != -1]
    return (before + 1 if before != -1 else 0), (min(after) + 1 if after else len(text))
