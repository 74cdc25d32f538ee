"""tools/evaluate.py: how gold statements are sorted into the four constructions, and the recall and
stance tables it prints, on a small gold set and results written here (invented sentences)."""
import collections
import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SHARED

SCORER = SHARED / "tools" / "score_statements.py"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools is not beside this checkout")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


evaluate = load("evaluate", ROOT / "tools" / "evaluate.py")


@pytest.mark.parametrize("cue, quote, text, row", [
    # quoted: marks in the gold quote (straight, curly, guillemets)
    ("said", '"We will not sign the pact," Verin said.', '"We will not sign the pact," Verin said.',
     "quoted, speech verb"),
    ("warned", 'Verin warned "the border stays closed."', 'Verin warned "the border stays closed."',
     "quoted, other cue"),
    ("said", "Verin said the pact was «dead in the water».", "Verin said the pact was «dead in the water».",
     "quoted, speech verb"),
    # quoted: no marks in the gold quote, but it opens inside a quotation in the article
    ("said", "The levy hurts farmers.", 'Verin said: "The levy hurts farmers. It must go."', "quoted, speech verb"),
    ("insisted", "The levy must go,", "\u201cThe levy must go,\u201d she insisted.", "quoted, other cue"),
    # unquoted
    ("told reporters", "Verin told reporters that the talks would resume.",
     "Verin told reporters that the talks would resume.", "unquoted, speech verb"),
    ("urged", "Verin urged the council to lift the levy.", "Verin urged the council to lift the levy.",
     "unquoted, other cue"),
    # not quoted: the quotation before it on its line is closed
    ("adding", "adding that the talks would resume in spring.",
     '"We are ready," Verin said, adding that the talks would resume in spring.', "unquoted, speech verb"),
    # not quoted: a quotation on the line before does not carry over
    ("rejected", "The council rejected the plan.", 'Verin said: "The levy must go."\nThe council rejected the plan.',
     "unquoted, other cue"),
    # not quoted: single marks (apostrophes compared loosely in locating it), a block quote without marks
    ("said", "Norland wants to 'revise' the accord, Verin said.",
     "Norland wants to \u2018revise\u2019 the accord, Verin said.", "unquoted, speech verb"),
    ("said", "The levy must go.", "Verin said:\nThe levy must go.", "unquoted, speech verb"),
    # a quote not found in the article counts by its own marks
    ("said", "Nothing like this stands in the text.", "Verin said little.", "unquoted, speech verb"),
    ("said", 'Verin said "nothing like this".', "Verin said little.", "quoted, speech verb"),
])
def test_a_gold_statement_falls_in_one_of_four_rows(cue, quote, text, row):
    assert evaluate.construction({"cue": cue, "quote": quote}, text) == row


@pytest.mark.parametrize("cue, lemma, speech", [
    ("said", "say", True),
    ("has repeatedly said", "say", True),
    ("he said", "say", True),
    ("said (tweet)", "say", True),
    ("told The Associated Press", "tell", True),
    ("noted that he explained", "note", True),
    ("adding", "add", True),
    ("replied", "reply", True),
    ("testified", "testify", True),
    ("states", "state", True),
    ("urged", "urged", False),
    ("called for", "called", False),
    ("announced", "announced", False),
    ("stressed", "stressed", False),
    ("is not interested", "interested", False),
    ("message", "message", False),
])
def test_the_cue_head_decides_speech_verb_or_other(cue, lemma, speech):
    assert evaluate.cue_lemma(cue) == lemma
    assert (lemma in evaluate.SPEECH_VERBS) is speech


ARTICLE = ('Norland closes its border\n\n'
           '"We will not sign the fishing pact," Foreign Minister Alda Verin said. '
           'Verin warned "the border stays closed until the levy goes."\n'
           'Verin told reporters that the talks would resume in spring. She urged the council to lift the levy on grain.\n')
GOLD = {
    "document": {"title": "Norland closes its border"},
    "actors": [{"name": "Alda Verin", "type": "Person", "mentions": ["Verin", "Foreign Minister Alda Verin"]},
               {"name": "Government of Norland", "type": "Government", "mentions": ["Norland"]}],
    "statements": [
        {"speaker": "Government of Norland", "cue": "closes (headline)", "stance": "other",
         "topic": "closing the border", "quote": "Norland closes its border", "required": False},
        {"speaker": "Alda Verin", "cue": "said", "stance": "rejects", "topic": "the fishing pact",
         "quote": '"We will not sign the fishing pact," Foreign Minister Alda Verin said.', "required": True},
        {"speaker": "Alda Verin", "cue": "warned", "stance": "warns", "topic": "the border staying closed",
         "quote": 'Verin warned "the border stays closed until the levy goes."', "required": True},
        {"speaker": "Alda Verin", "cue": "told reporters", "stance": "other", "topic": "the talks resuming in spring",
         "quote": "Verin told reporters that the talks would resume in spring.", "required": True},
        {"speaker": "Alda Verin", "cue": "urged", "stance": "demands", "topic": "lifting the levy on grain",
         "quote": "She urged the council to lift the levy on grain.", "required": True},
    ],
}
STANCE = "https://w3id.org/whosaid/stance/"
ROWS = [  # speakerLabel, stance, topicLabel, quote, confidence
    ("Norland", "rejects", "border", "Norland closes its border", "0.62"),
    ("Alda Verin", "rejects", "fishing pact", '"We will not sign the fishing pact," Foreign Minister Alda Verin said.',
     "0.95"),
    ("Alda Verin", "claims", "border", "the border stays closed until the levy goes.", "0.81"),
    ("Alda Verin", "demands", "levy on grain", "urged the council to lift the levy on grain", "0.74"),
    ("Alda Verin", "other", "orchestra", "The orchestra performed at dawn.", "0.88"),
]


@pytest.fixture
def gold_set(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold" / "a.yaml").write_text(yaml.safe_dump(GOLD), encoding="utf-8")
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bindings = [{"source": {"type": "literal", "value": "a.txt"},
                 "speakerLabel": {"type": "literal", "value": label},
                 "stance": {"type": "uri", "value": STANCE + stance},
                 "topicLabel": {"type": "literal", "value": topic},
                 "quote": {"type": "literal", "value": quote},
                 "confidence": {"type": "literal", "value": confidence}}
                for label, stance, topic, quote, confidence in ROWS]
    results = tmp_path / "statements.json"
    results.write_text(json.dumps({"head": {"vars": ["source", "speakerLabel", "stance", "topicLabel", "quote",
                                                      "confidence"]},
                                   "results": {"bindings": bindings}}), encoding="utf-8")
    return tmp_path / "gold", tmp_path / "articles", results


@needs_scorer
def test_recall_by_row_and_stance_confusion(gold_set):
    gold, articles, results = gold_set
    scorer = evaluate.load_scorer(SCORER)
    result = evaluate.evaluate(scorer, gold, articles, scorer.load_rows(results))
    assert result.by_row == {"quoted, speech verb": [1, 1], "quoted, other cue": [1, 1],
                             "unquoted, speech verb": [0, 1], "unquoted, other cue": [1, 1]}
    assert result.confusion == collections.Counter({("other", "rejects"): 1, ("rejects", "rejects"): 1,
                                                    ("warns", "claims"): 1, ("demands", "demands"): 1})
    assert evaluate.format_confusion(result.confusion) == [
        "stance confusion (rows gold, columns system; matched statements):",
        "           claims demands   other rejects   warns",
        "  claims        .       .       .       .       .",
        "  demands       .       1       .       .       .",
        "  other         .       .       .       1       .",
        "  rejects       .       .       .       1       .",
        "  warns         1       .       .       .       .",
    ]


@needs_scorer
def test_the_report_is_the_scorers_then_the_tables(gold_set, capsys):
    gold, articles, results = gold_set
    assert evaluate.main(["--scorer", str(SCORER), "--set", "fixture", str(gold), str(articles), str(results)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"== fixture: gold {gold}, articles {articles} ==",
        "a: recall 3/4  precision 4/5  stance 2/4",
        "    missed:   Alda Verin: the talks resuming in spring",
        "    spurious: Alda Verin: orchestra",
        "precision 0.80 recall 0.75 f1 0.77 stance_accuracy 0.50",
        "recall by construction (required gold statements):",
        "  quoted, speech verb       1/1    1.00",
        "  quoted, other cue         1/1    1.00",
        "  unquoted, speech verb     0/1    0.00",
        "  unquoted, other cue       1/1    1.00",
        "stance confusion (rows gold, columns system; matched statements):",
        "           claims demands   other rejects   warns",
        "  claims        .       .       .       .       .",
        "  demands       .       1       .       .       .",
        "  other         .       .       .       1       .",
        "  rejects       .       .       .       1       .",
        "  warns         1       .       .       .       .",
        "confidence calibration (system statements; right: matched to a gold statement):",
        "  confidence   statements  right  share  stance right  share",
        "  0.90-1.00             1      1   1.00             1   1.00",
        "  0.80-0.89             2      1   0.50             0   0.00",
        "  0.70-0.79             1      1   1.00             1   1.00",
        "  0.60-0.69             1      1   1.00             0   0.00",
        "  above 0.80            3      2   0.67             1   0.33",
        "",
        "fixture: precision 0.80 recall 0.75 f1 0.77 stance_accuracy 0.50",
    ]


@needs_scorer
def test_a_pairing_that_disagrees_with_the_scorer_stops(gold_set):
    gold, articles, results = gold_set
    scorer = evaluate.load_scorer(SCORER)
    rows = scorer.load_rows(results)
    per_doc, totals = scorer.score(gold, rows)
    per_doc["a"]["found_required"] -= 1
    scorer.score = lambda *_: (per_doc, totals)
    with pytest.raises(RuntimeError, match="a: the pairing disagrees with the scorer's"):
        evaluate.evaluate(scorer, gold, articles, rows)


@pytest.mark.parametrize("confidence, band", [(1.0, "0.90-1.00"), (0.9, "0.90-1.00"), (0.89, "0.80-0.89"),
                                              (0.8, "0.80-0.89"), (0.6, "0.60-0.69"), (0.59, "below 0.60"),
                                              (0.0, "below 0.60")])
def test_a_confidence_falls_in_one_band(confidence, band):
    assert evaluate.band(confidence) == band


def test_results_without_confidence_print_no_calibration():
    assert evaluate.format_calibration({"0.90-1.00": [0, 0, 0], "above 0.80": [0, 0, 0]}) == []
