"""Score builds against gold sets: the shared scorer's report, recall by construction, stance confusion.

    python tools/evaluate.py [--brief] [--scorer PATH] --set NAME GOLD ARTICLES RESULTS [--set ...]

For each set (a gold folder, the articles it annotates, the `statements` query's JSON of their
build) this prints the report of `../shared/tools/score_statements.py`, run as it is (`--brief`:
its totals line only), then two tables it does not give:

- **recall by construction** on the required gold statements, in four rows: quoted or not, by a
  speech verb or by another cue. Overall recall hides which constructions the extractor misses;
  these rows say whether it is quotations, paraphrase, or cues other than "say".
- the **stance confusion matrix**, gold stance by system stance, over the matched statements
  (required or not, as the scorer's stance accuracy counts them).
- the **confidence calibration**: the system's statements by band of `ws:confidence`, and how many
  in each are right (matched to a gold statement, as the scorer's precision counts them) and right
  with their stance too. A confidence means something when the share right rises with the band
  and statements above 0.8 are right at least 90 % of the time.

Which gold statement a row found is the scorer's own pairing: `score()` does not expose it, so
`matches()` pairs with the scorer's helpers (`same_speaker`, `overlap`, `norm`, `last`) by its
rule, and `evaluate()` checks the counts against `score()` and stops if they ever disagree.

How a gold statement is classified, from its `quote` and `cue` fields and the article:

- **Quoted** when any of its words sit inside double quotation marks in the article (straight,
  curly, „ or guillemets). The gold quotes are copied from the article with their marks, so a
  quote holding a mark is quoted; one holding none is located in the article (apostrophes,
  quotation marks and runs of white space compared loosely) and is quoted when it opens inside
  a quotation: an odd number of marks between the start of its line (its paragraph) and itself.
  A quote not found in the article counts by its own marks. Any quoted words count, so a
  paraphrase with a quoted phrase ("criticized the plan's "grave flaws"") is quoted: the split
  is PolNeAR's direct-or-mixed against none (`score_polnear.py`'s "quote marks in content").
  Single marks do not count (they are also apostrophes), nor does a block quote set off by a
  colon without marks.
- **Speech verb** when the cue's head, the first word left after dropping notes in brackets
  ("said (tweet)"), auxiliaries, negations, subject pronouns and adverbs in -ly ("has said",
  "he said", "repeatedly said"), is a form of one of SPEECH_VERBS: say, tell, add, state, note,
  explain, remark, comment, reply, respond, answer, write, speak, declare, testify, the verbs that
  report that something was said and no more ("said", "told reporters", "noted that", "adding").
  Every other cue, a verb that names the act ("urged", "warned", "rejected", "called for",
  "announced", "stressed") or a noun ("message"), is another cue.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score_statements.py"

QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
APOSTROPHES = "'\u2018\u2019\u02bc"
# Neutral verbs of saying. Verbs that also say what the act was (announce, stress, insist, claim,
# confirm, urge, warn) are left out: they are the cues the other rows measure.
SPEECH_VERBS = frozenset("say tell add state note explain remark comment reply respond answer write speak declare "
                         "testify".split())
PAST_FORMS = {"say": "said", "tell": "told", "write": "wrote written", "speak": "spoke spoken"}   # the rest: -ed
NOT_HEADS = frozenset("be is are was were been being has have had do does did will would shall should can could "
                      "may might must not never also he she it they we i".split())
ROWS = ("quoted, speech verb", "quoted, other cue", "unquoted, speech verb", "unquoted, other cue")
BANDS = ((0.9, "0.90-1.00"), (0.8, "0.80-0.89"), (0.7, "0.70-0.79"), (0.6, "0.60-0.69"), (0.0, "below 0.60"))
HIGH = 0.8                  # "statements above 0.8 should be right at least 90 % of the time"


def _forms(lemma: str) -> set[str]:
    """The inflections of a speech verb: says, stated, replying, testified, told."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", stem + "ing", *PAST_FORMS.get(lemma, stem + "ed").split()}


SPEECH_FORMS = {form: lemma for lemma in SPEECH_VERBS for form in _forms(lemma)}


def cue_lemma(cue: str) -> str:
    """The lemma of the cue's head when that is a form of a speech verb, else the head as written
    (which is all the split needs)."""
    words = re.findall(r"[a-z]+", re.sub(r"\(.*?\)", " ", cue.lower()))
    head = next((w for w in words if w not in NOT_HEADS and (not w.endswith("ly") or w in SPEECH_FORMS)), "")
    return SPEECH_FORMS.get(head, head)


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where the quote stands in the text, comparing quotation marks, apostrophes and white space loosely."""
    def char(c: str) -> str:
        if c in QUOTE_MARKS:
            return f"[{QUOTE_MARKS}]"
        if c in APOSTROPHES:
            return f"[{APOSTROPHES}]"
        return re.escape(c)
    pattern = r"\s+".join("".join(char(c) for c in word) for word in quote.split())
    found = re.search(pattern, text) if pattern else None
    return found.span() if found else None


def is_quoted(quote: str, text: str) -> bool:
    """Whether any of the quote's words sit inside double quotation marks in the text (module docstring)."""
    if any(c in QUOTE_MARKS for c in quote):
        return True
    span = locate(quote, text)
    if span is None:
        return False
    line = text[text.rfind("\n", 0, span[0]) + 1:span[0]]
    return sum(c in QUOTE_MARKS for c in line) % 2 == 1


def construction(statement: dict, text: str) -> str:
    """The row of ROWS a gold statement belongs to."""
    quoted = "quoted" if is_quoted(statement["quote"], text) else "unquoted"
    cue = "speech verb" if cue_lemma(statement["cue"]) in SPEECH_VERBS else "other cue"
    return f"{quoted}, {cue}"


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer as a module, so its matching helpers are used as they are."""
    spec = importlib.util.spec_from_file_location("score_statements", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matches(scorer: ModuleType, gold: dict, rows: list[dict]) -> dict[int, dict]:
    """Gold statement index -> the system row matched to it, paired as `score_statements.score` does:
    same speaker, evidence (quote overlap, or 0.8 x topic overlap) of at least 0.5, best first, one-to-one."""
    names = scorer.actor_names(gold)
    statements = gold.get("statements", [])
    pairs = []
    for i, row in enumerate(rows):
        for j, g in enumerate(statements):
            if not scorer.same_speaker(row.get("speakerLabel", ""), g["speaker"], names):
                continue
            evidence = max(scorer.overlap(row.get("quote", ""), g["quote"]),
                           0.8 * scorer.overlap(row.get("topicLabel", ""), g["topic"]))
            if evidence >= 0.5:
                pairs.append((evidence, i, j))
    used_rows, matched = set(), {}
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_rows and j not in matched:
            used_rows.add(i)
            matched[j] = rows[i]
    return matched


class Evaluation(NamedTuple):
    by_row: dict[str, list[int]]                        # row -> [found, required]
    confusion: collections.Counter                      # (gold stance, system stance) -> matched statements
    calibration: dict[str, list[int]]                   # band (or HIGH's line) -> [statements, right, stance right]


def band(confidence: float) -> str:
    return next(name for low, name in BANDS if confidence >= low)


def evaluate(scorer: ModuleType, gold_dir: Path, articles: Path, rows: list[dict]) -> Evaluation:
    """Recall by construction and stance confusion of the rows against every gold file in gold_dir."""
    by_source = collections.defaultdict(list)
    for row in rows:
        by_source[Path(row.get("source", "")).name].append(row)
    per_doc, _ = scorer.score(gold_dir, rows)
    by_row = {name: [0, 0] for name in ROWS}
    confusion = collections.Counter()
    calibration = {name: [0, 0, 0] for _, name in BANDS}
    calibration[f"above {HIGH:.2f}"] = [0, 0, 0]
    for path in sorted(Path(gold_dir).glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = articles / f"{path.stem}.txt"
        text = article.read_text(encoding="utf-8") if article.exists() else ""
        statements = gold.get("statements", [])
        matched = matches(scorer, gold, by_source[f"{path.stem}.txt"])
        found, stance_ok = 0, 0
        for j, statement in enumerate(statements):
            if statement.get("required", True):
                counts = by_row[construction(statement, text)]
                counts[1] += 1
                counts[0] += j in matched
                found += j in matched
        right = {}                                      # id of a matched row -> its stance is right
        for j, row in matched.items():
            pair = scorer.norm(statements[j]["stance"]), scorer.norm(scorer.last(row.get("stance", "")))
            confusion[pair] += 1
            stance_ok += pair[0] == pair[1]
            right[id(row)] = pair[0] == pair[1]
        for row in by_source[f"{path.stem}.txt"]:
            if row.get("confidence"):
                confidence = float(row["confidence"])
                for name in (band(confidence), *([f"above {HIGH:.2f}"] if confidence > HIGH else [])):
                    counts = calibration[name]
                    counts[0] += 1
                    counts[1] += id(row) in right
                    counts[2] += right.get(id(row), False)
        mine = found, len(matched), stance_ok
        theirs = tuple(per_doc[path.stem][k] for k in ("found_required", "correct", "stance_ok"))
        if mine != theirs:
            raise RuntimeError(f"{path.stem}: the pairing disagrees with the scorer's (found, matched, "
                               f"stance right): {mine} != {theirs}")
    return Evaluation(by_row, confusion, calibration)


def format_rows(by_row: dict[str, list[int]]) -> list[str]:
    lines = ["recall by construction (required gold statements):"]
    for name, (found, required) in by_row.items():
        recall = f"{found / required:.2f}" if required else "-"
        lines.append(f"  {name:<22} {found:>4}/{required:<4} {recall}")
    return lines


def format_confusion(confusion: collections.Counter) -> list[str]:
    stances = sorted({s for pair in confusion for s in pair})
    width = max([len(s) for s in stances] + [6])
    lines = ["stance confusion (rows gold, columns system; matched statements):",
             "  " + " " * width + "".join(f" {s:>{width}}" for s in stances)]
    for g in stances:
        lines.append(f"  {g:<{width}}" + "".join(f" {confusion[g, s] or '.':>{width}}" for s in stances))
    return lines


def format_calibration(calibration: dict[str, list[int]]) -> list[str]:
    """The calibration table; nothing when the results carry no confidence."""
    if not any(n for n, _, _ in calibration.values()):
        return []
    lines = ["confidence calibration (system statements; right: matched to a gold statement):",
             "  confidence   statements  right  share  stance right  share"]
    for name, (n, right, stance_right) in calibration.items():
        if n:
            lines.append(f"  {name:<12} {n:>10} {right:>6} {right / n:>6.2f} {stance_right:>13} {stance_right / n:>6.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", nargs=4, action="append", required=True, metavar=("NAME", "GOLD", "ARTICLES", "RESULTS"),
                    help="a gold folder, the articles it annotates and the statements JSON of their build")
    ap.add_argument("--scorer", type=Path, default=SCORER, help=f"score_statements.py (default {SCORER})")
    ap.add_argument("--brief", action="store_true", help="the scorer's totals line only, no per-document lists")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    totals = []
    for name, gold, articles, results in args.set:
        report = subprocess.run([sys.executable, str(args.scorer), "--gold", gold, "--results", results],
                                capture_output=True, text=True, check=True).stdout.splitlines()
        totals.append(f"{name}: {report[-1]}")
        result = evaluate(scorer, Path(gold), Path(articles), scorer.load_rows(results))
        print(f"== {name}: gold {gold}, articles {articles} ==")
        print("\n".join((report[-1:] if args.brief else report) + format_rows(result.by_row)
                        + format_confusion(result.confusion) + format_calibration(result.calibration)))
        print()
    print("\n".join(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
