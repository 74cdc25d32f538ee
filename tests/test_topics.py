"""Topics: the curated scheme (ontology/topics.ttl), the topic matcher and the topic linker.

Every sentence here is written for these tests. A topic keyed by its owner or target links only
when the text's owner or target is that actor; every alias has a case where it must not fire; a
minted topic is the issue's noun phrase; and on ../shared/dev the share of statements whose topic
is an issue phrase is measured, with every rejected label listed.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from kg.build import build
from kg.documents import Document, read_corpus
from kg.lexicon import Lexicon
from kg.store import open_store

from .test_build_and_queries import run

ID = "https://w3id.org/whosaid/id/"
ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "articles"


def short(iri):
    return iri[len(ID):] if iri and iri.startswith(ID) else iri


def topics(pipeline, text):
    doc = Document("t.txt", text, text)
    return [(s.speaker.label, s.topic.label, short(s.topic.iri), short(s.topic.broader))
            for s in pipeline.extract(doc).statements]


def named_topics(pipeline, text):
    """Every topic IRI the statements of `text` are about (topic or linked topic)."""
    doc = Document("t.txt", text, text)
    found = set()
    for s in pipeline.extract(doc).statements:
        found |= {t.iri for t in (s.topic, s.linked_topic) if t is not None and t.iri}
    return found


# ---------------------------------------------------------------- keyed topics

@pytest.mark.parametrize("text, expected", [
    # the owner named is not the curated topic's owner: minted with that owner, under the broad topic
    ("Japan condemned North Korea's nuclear program.",
     [("Japanese Government", "North Korea's nuclear program", None, "nuclear-programmes")]),
    ("China criticized Japan's missile defense system.",
     [("Chinese Government", "Japan's missile defense system", None, "missile-defense")]),
    ("Lithuania called for more sanctions pressure on Belarus.",
     [("Lithuanian Government", "sanctions against Belarus", None, "sanctions")]),
    ("Ghana said the sanctions regime against Mali had failed.",
     [("Ghanaian Government", "sanctions against Mali", None, "sanctions")]),
    ("Seoul wants a reset with Tokyo.",
     [("South Korean Government", "reset with Tokyo", None, "resets-of-relations")]),
    # the owner or target matches: the curated topic
    ("Iran said its nuclear program was peaceful.",
     [("Iranian Government", "Iran's nuclear program", "iran-nuclear-program", None)]),
    ("Finland supports sanctions on Moscow.",
     [("Finnish Government", "sanctions against Russia", "sanctions-against-russia", None)]),
    # relations between others than the keyed parties: the broad topic
    ("Japan and South Korea said bilateral relations had improved.",
     [("Japanese Government", "bilateral relations", "bilateral-relations", None),
      ("South Korean Government", "bilateral relations", "bilateral-relations", None)]),
    # a generic name with a qualifier of its own: minted under the broad topic
    ("Spain said Schengen visa rules must change.",
     [("Spanish Government", "Schengen visa rules", None, "visa-policy")]),
    ("Kenya said the summit of East African leaders would be held in May.",
     [("Kenyan Government", "summit of East African leaders", None, "summits")]),
])
def test_a_keyed_topic_links_only_when_its_owner_or_target_matches(pipeline, text, expected):
    assert topics(pipeline, text) == expected


@pytest.mark.parametrize("text, wrong", [
    ("The EU welcomed peace in eastern Ukraine.", "war-in-ukraine"),
    ("Norway said the talks will start next week.", "start"),
    ("Norway called for a new start in the fishing dispute.", "new-start"),
    ("Mexico rejected China's five principles of peaceful coexistence.", "eu-five-principles"),
    ("Tourism in Crimea grew, Ukraine said.", "annexation-of-crimea"),
    ("Chile said the Pacific adoption of children rules were fair.", "child-adoptions"),
    ("Peru said the reset of its trade policy with Bolivia was overdue.", "us-russia-reset"),
    ("Japan condemned North Korea's nuclear program.", "iran-nuclear-program"),
    ("Belarus rejected the sanctions pressure on Minsk.", "sanctions-against-russia"),
])
def test_the_issues_misfires_do_not_happen(pipeline, text, wrong):
    assert ID + wrong not in named_topics(pipeline, text)


def names_of(ontology, iri):
    """Every name a text may give an actor or its government: label, aliases, demonyms."""
    actor = ontology.actors[iri]
    names = {actor.label, *actor.aliases, *actor.demonyms}
    if actor.government in ontology.actors:
        names |= {ontology.actors[actor.government].label, *ontology.actors[actor.government].aliases}
    return names


def negative_case(ontology, topic, alias):
    """A phrase near `alias` that must not name `topic`: the alias with its owner or target replaced
    by another country; with its first word dropped, or its last replaced; a capitalised word in
    lower case; or the word inside a longer one."""
    for _, key in topic.keys:
        for name in sorted(names_of(ontology, key), key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", alias):
                other = "Chilean" if name in ontology.actors[key].demonyms else "Chile"
                return re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", other, alias)
    words = alias.split()
    names = [n.lower() for n in (topic.label, *topic.aliases)]
    candidates = [" ".join(words[1:]), " ".join(words[:-1] + ["museum"])] if len(words) > 1 else []
    if any(c.isupper() for c in alias[1:]) or alias.isupper():
        candidates.append(alias.lower())
    candidates.append(alias.replace(" ", "") + "ville")
    return next(c for c in candidates if c and not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", c.lower())
                                                        for n in names))


def every_alias():
    from kg.ontology import Ontology
    ontology = Ontology.load()
    return [(t.iri, name) for t in sorted(ontology.topics.values(), key=lambda t: t.iri) for name in (t.label, *t.aliases)]


@pytest.mark.parametrize("iri, alias", every_alias(), ids=lambda v: short(v) if v.startswith(ID) else v)
def test_every_topic_name_has_a_case_where_it_must_not_fire(pipeline, ontology, iri, alias):
    topic = ontology.topics[iri]
    phrase = negative_case(ontology, topic, alias)
    text = f"Chile said the {phrase} was discussed."
    assert iri not in named_topics(pipeline, text), (alias, phrase)


def test_no_alias_is_a_phrase_lifted_from_a_seed_article(ontology):
    """The names of four words or more that a seed text holds, formal names (their words capitalised) aside:
    each is a general name of its topic, not the article's own wording."""
    corpus = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in (ROOT / "corpus").glob("*.txt")).lower()
    found = sorted(name for t in ontology.topics.values() for name in t.aliases
                   if len(name.split()) >= 4 and name.lower() in corpus
                   and not all(w[:1].isupper() for w in name.split() if len(w) >= 4))
    assert found == [
        "five principles on Russia",                   # the policy's name (with "five guiding principles")
        "membership to the World Trade Organization",  # with "membership of" and "membership in"
        "missile defense system in Europe",            # the label's singular and plural
        "missile defense systems in Europe",
        "strategic offensive arms reduction treaty",   # START's name in Russian usage
    ]


# ---------------------------------------------------------------- the scheme

def test_the_scheme_has_broad_diplomatic_topics_with_narrower_ones(ontology):
    broad = {"arms-control": "arms control", "arms-control-treaties": "arms-control treaties",
             "sanctions": "sanctions", "territorial-disputes": "territorial disputes",
             "nuclear-programmes": "nuclear programmes", "trade-disputes": "trade disputes",
             "climate-negotiations": "climate negotiations", "ceasefires": "ceasefires",
             "membership-and-accession": "membership and accession", "elections": "elections",
             "summits": "summits"}
    for slug, label in broad.items():
        assert ontology.topics[ID + slug].label == label
    narrower = {short(n) for n in ontology.narrower_topics[ID + "arms-control-treaties"]}
    assert {"inf-treaty", "new-start", "open-skies-treaty", "start", "abm-treaty", "cfe-treaty", "npt"} <= narrower
    graph = ontology.graph
    for topic in ontology.topics.values():   # every topic is in the scheme and reaches a top concept
        assert (URIRef(topic.iri), SKOS.inScheme, URIRef(ID + "topics")) in graph, topic.iri
        seen, todo = set(), [topic.iri]
        while todo:
            iri = todo.pop()
            seen.add(iri)
            todo += [b for b in ontology.topics[iri].broader if b not in seen]
        assert any((URIRef(i), SKOS.topConceptOf, URIRef(ID + "topics")) in graph for i in seen), topic.iri


def test_who_spoke_on_arms_control_finds_the_treaties(tmp_path, pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Arms\n\nNorway said the INF Treaty had kept Europe safe.\n"
                                  "Canada urged Moscow to stay in the Open Skies Treaty.\n"
                                  "Mexico welcomed the extension of New START.\n", encoding="utf-8")
    store = open_store(tmp_path / "store")
    build(corpus, store)
    rows = run(store, "actors-on-topic", topic="arms control")["results"]["bindings"]
    got = {(r["speakerLabel"]["value"], r["statedTopicLabel"]["value"]) for r in rows}
    assert got == {("Norwegian Government", "Intermediate-Range Nuclear Forces Treaty"),
                   ("Canadian Government", "Open Skies Treaty"), ("Mexican Government", "New START")}


def test_owl2_dl_profile_of_the_topics_module(tmp_path):
    """ROBOT (OWL API) validate-profile, as tests/test_ontology.py does for the other modules."""
    lib = ROOT / ".cache" / "robot" / "lib"
    if not lib.is_dir():
        subprocess.run(["make", "robot"], cwd=ROOT, check=True)
    report = tmp_path / "profile.txt"
    result = subprocess.run(["java", "-cp", f"{lib}/*", "org.obolibrary.robot.CommandLineInterface",
                             "validate-profile", "--profile", "DL", "--catalog", str(ROOT / "ontology/catalog-v001.xml"),
                             "--input", str(ROOT / "ontology" / "topics.ttl"), "--output", str(report)],
                            capture_output=True, text=True)
    assert result.returncode == 0, report.read_text() if report.exists() else result.stderr
    assert "in profile" in report.read_text() and "NOT in profile" not in report.read_text()
    assert 'name="https://w3id.org/whosaid/topics" uri="topics.ttl"' in (ROOT / "ontology/catalog-v001.xml").read_text()


# ---------------------------------------------------------------- minted topics

@pytest.mark.parametrize("text, expected", [
    ("Chile welcomed the Open Skies Treaty. Peru said it would withdraw from the treaty.",
     [("Chilean Government", "Open Skies Treaty", "open-skies-treaty", None),
      ("Peruvian Government", "Open Skies Treaty", "open-skies-treaty", None)]),             # "the treaty": the one named
    ("Norway signed an agreement with Iceland on herring quotas in May. Iceland said Norway had broken the agreement.",
     [("Iceland Government", "agreement with Iceland on herring quotas", None, None)]),  # the one described before
    ("Argentina said the question of the islands' future remained open.",
     [("Argentinean Government", "islands' future", None, None)]),                        # "the question of X": X
    ("Poland said the government's position on the pipeline was clear.",
     [("Polish Government", "government's position on the pipeline", None, None)]),
    ("Brazil said that this year the extension of the fishing zone was a mistake.",
     [("Brazilian Government", "fishing zone", None, None)]),                 # not "year", nor "extension"
    ("Chile said \u201cthe border talks\u201d would resume.",
     [("Chilean Government", "border talks", None, None)]),                   # no quotation marks
    ("Peru welcomed the statement on the border talks.",
     [("Peruvian Government", "border talks", None, None)]),                  # not the reporting noun
])
def test_a_minted_topic_is_the_issues_noun_phrase(pipeline, text, expected):
    assert topics(pipeline, text) == expected


def test_minted_topics_that_normalize_alike_are_one_node(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("One\n\nChile criticized the U.S. withdrawal from the fishing pact.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Two\n\nPeru criticized the US withdrawal from the fishing pact.\n", encoding="utf-8")
    store = open_store(tmp_path / "store")
    build(corpus, store)
    nodes = {r["topic"]["value"] for r in run(store, "statements")["results"]["bindings"]}
    assert len(nodes) == 1 and next(iter(nodes)).endswith("/id/topic/us-withdrawal-from-the-fishing-pact"), nodes


# ---------------------------------------------------------------- measured on ../shared/dev

def issue_phrase(nlp, lexicon, ontology, label: str, iri: str | None) -> str | None:
    """Why a topic label is not an issue phrase, or None when it is one. A curated topic is one; a
    minted one must be a noun phrase (or a verb phrase with its object) of at most 12 words, with
    no quotation marks, not opening or ending on a function word, and not a pronoun, a time or
    quantity, a reporting noun, a noun with no content of its own, or an actor's bare name."""
    if iri:
        return None
    if not label or len(label.split()) > 12:
        return "length"
    if re.search(r"[\"“”«»]", label):
        return "quotation mark"
    doc = nlp(label)
    words = [t for t in doc if not t.is_punct]
    if not words:
        return "no words"
    if words[0].pos_ in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX") or words[0].lower_ in ("that", "this"):
        return f"opens on {words[0].pos_}"
    if words[-1].pos_ in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX") or doc[-1].is_punct:
        return f"ends on {doc[-1].pos_}"
    if not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in words):
        return "no noun"
    if all(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY") for t in words):
        return "time or quantity"
    reporting, empty = lexicon.words("topic_reporting_nouns"), lexicon.words("topic_empty_nouns")
    root = next((t for t in doc if t.dep_ == "ROOT"), words[0])
    if root.lemma_.lower() in reporting or root.lower_ in reporting:
        return "reporting noun"
    if (root.lemma_.lower() in empty | lexicon.words("topic_treaty_nouns") or root.lower_ in empty) \
            and not any(c.dep_ in ("prep", "poss", "compound", "amod", "nmod") for c in root.children):
        return "noun with no content"
    actor_names = {n.lower() for a in ontology.actors.values() for n in (a.label, *a.aliases)}
    if label.lower() in actor_names or (doc.ents and len(doc.ents) == 1 and doc.ents[0].text == label
                                        and doc.ents[0].label_ in ("PERSON", "GPE", "ORG", "NORP")):
        return "an actor's name"
    return None


@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/dev")
def test_share_of_dev_statements_whose_topic_is_an_issue_phrase(pipeline, ontology):
    documents, _ = read_corpus(DEV)
    lexicon = Lexicon.load()
    labels = [(e.document.source, s.topic.label, s.topic.iri) for e in pipeline.extract_all(documents)
              for s in e.statements]
    rejected = [(src, label, why) for src, label, iri in labels
                if (why := issue_phrase(pipeline.nlp, lexicon, ontology, label, iri))]
    share = 1 - len(rejected) / len(labels)
    listing = "\n".join(f"  {src[:2]} {label!r}: {why}" for src, label, why in rejected)
    print(f"\n{len(labels) - len(rejected)}/{len(labels)} issue phrases ({share:.1%}); rejected:\n{listing}")
    assert len(labels) >= 100
    assert share >= 0.95, listing
