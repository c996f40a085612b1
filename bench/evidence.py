"""The evidence check: do the sentences casemine gives for a tag really support it?

    python bench/evidence.py sample [--n 50] [--round 2]   # write bench/gold/evidence[2]_sample.jsonl
    python bench/evidence.py report [--round 2]            # read the judgments and print the rates
    python bench/evidence.py agreement                     # is the pooled best sentence the first evidence?

Round 1 (no ``--round``) judged the first model's evidence; round 2 the model with the barrier
"difficulty sentence" block; round 3 the model with the notion block for drivers and barriers
(docs/benchmarks.md); round 4 the sixth session's, whose barrier evidence starts with the
sentence the pooled score took. The sample is drawn with a fixed seed from the same fold, so labels whose
prediction did not change come back in every round.

``sample`` trains on the training part of the first cross-validation fold, tags the held-out
cases, and draws a random sample of predicted labels (spread over families) with their evidence.
A reader then judges each one in ``bench/gold/evidence_judgments.jsonl`` (``{"key": …, "verdict":
"supports" | "partly" | "does_not_support"}``), without seeing whether the label was right: from
round 4 on, ``sample`` also writes the reader's file ``bench/gold/evidence<round>_blind.jsonl``
(key, family, label, its definition, the case text and the evidence, nothing else); the
sample file itself says whether each label is right (``label_correct``) and is for ``report`` only.

``agreement`` (sixth session) trains the same way and counts, for every label of a family whose
score pools its best sentence (``casemine.pooling``: barriers), how often that best sentence (the
most probable one for the label under the family's model) is the first evidence sentence, and, when
it is not, whether it adds to the label's score at all (evidence only lists sentences that do).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evidence import batch_evidence, sentence_shares  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402


def paths(round_: int) -> tuple[Path, Path]:
    """The sample and judgment files of an evidence-check round."""
    stem = ROOT / "bench" / "gold" / ("evidence" if round_ == 1 else f"evidence{round_}")
    return Path(f"{stem}_sample.jsonl"), Path(f"{stem}_judgments.jsonl")


def blind_path(round_: int) -> Path:
    """The reader's file of a round: the sample without whether each label is right (``blind_items``)."""
    return paths(round_)[0].with_name(paths(round_)[0].name.replace("_sample", "_blind"))


def blind_items(chosen: list[dict], texts: dict[str, str]) -> list[dict]:
    """What the reader sees of each sampled label: key, family, label, its definition, the case text and
    the evidence sentences; never the gold labels or whether the label is right."""
    return [
        {
            "key": x["key"],
            "family": x["family"],
            "label": x["label"],
            "definition": SCHEME[x["family"]].label(x["label"]).definition,
            "text": texts[x["case"]],
            "evidence": x["evidence"],
        }
        for x in chosen
    ]


def fold_one(seed: int) -> tuple[list, list, list[int], CaseClassifier]:
    """The corpus cases, their analyses, the first fold's held-out indices and a model fit on the rest."""
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    train, test = make_folds(cases, 5, seed)[0]
    clf = CaseClassifier().fit([analyses[i] for i in train], [cases[i].labels for i in train])
    return cases, analyses, list(test), clf


def sample(n: int, seed: int, round_: int) -> None:
    cases, analyses, test, clf = fold_one(seed)
    items = []
    held_out = [analyses[i] for i in test]
    labels = clf.predict(held_out)
    for i, found_all in zip(test, batch_evidence(clf, held_out, labels), strict=True):
        for family_id, found in found_all.items():
            for label, sentences in found.items():
                gold = cases[i].labels.get(family_id)
                correct = label in (gold or []) if SCHEME[family_id].multi else label == gold
                items.append(
                    {
                        "key": f"{cases[i].id}/{family_id}/{label}",
                        "case": cases[i].id,
                        "family": family_id,
                        "label": label,
                        "evidence": sentences,
                        "label_correct": correct,
                    }
                )
    rng = random.Random(seed)
    per_family = max(1, n // len(SCHEME.families))
    chosen = []
    for family in SCHEME.families:
        pool = [x for x in items if x["family"] == family.id]
        chosen += rng.sample(pool, min(per_family, len(pool)))
    rng.shuffle(chosen)
    SAMPLE = paths(round_)[0]
    SAMPLE.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in chosen), "utf-8")
    print(f"{len(chosen)} labels with evidence → {SAMPLE}")
    if round_ >= 4:  # earlier rounds' readers were handed a blind view made outside this script
        blind = blind_items(chosen, {c.id: c.text for c in cases})
        BLIND = blind_path(round_)
        BLIND.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in blind), "utf-8")
        print(f"the reader's file, without whether each label is right → {BLIND}")


def report(round_: int) -> None:
    SAMPLE, JUDGMENTS = paths(round_)
    items = {json.loads(line)["key"]: json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()}
    verdicts = [json.loads(line) for line in JUDGMENTS.read_text("utf-8").splitlines() if line.strip()]
    counts = Counter(v["verdict"] for v in verdicts)
    total = len(verdicts)
    print(f"{total} labels judged: " + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in counts.most_common()))
    for correct in (True, False):
        subset = [v for v in verdicts if items[v["key"]]["label_correct"] is correct]
        if subset:
            ok = sum(v["verdict"] == "supports" for v in subset)
            print(
                f"  labels that were {'right' if correct else 'wrong'}: {len(subset)}, supported {ok / len(subset):.0%}"
            )
    for family in SCHEME.families:
        subset = [v for v in verdicts if items[v["key"]]["family"] == family.id]
        if subset:
            ok = sum(v["verdict"] == "supports" for v in subset)
            print(f"  {family.id:<10} {ok}/{len(subset)} supported")


def agreement(seed: int) -> None:
    """Print how often the pooled best sentence of a label is its first evidence sentence (see the module doc)."""
    _, analyses, test, clf = fold_one(seed)
    held_out = [analyses[i] for i in test]
    rows = clf.features_.transform_with_sentences(held_out)
    labels = clf.predict(held_out)
    found = batch_evidence(clf, held_out, labels, rows)
    shares, bounds = sentence_shares(rows.X, rows.held)
    for family_id, weight in sorted(clf.sentence_weights_.items()):
        if not weight:
            continue
        classes, weights = clf.label_weights(family_id)
        support = np.asarray(shares @ weights)  # each sentence's part of each label's score
        probabilities = clf.models_[family_id].predict_proba(clf._columns(family_id, rows.sentences))
        counts: Counter = Counter()
        for i, analysis in enumerate(held_out):
            start, end = bounds[i], bounds[i + 1]
            for label in labels[i][family_id]:
                counts["labels"] += 1
                if end == start:  # no sentence: the score is the case model's alone
                    counts["case without sentences"] += 1
                    continue
                column = classes.index(label)
                best = int(np.argmax(probabilities[start:end, column]))
                given = found[i].get(family_id, {}).get(label, [])
                if given and given[0] == analysis.sentences[best]:
                    counts["first"] += 1
                elif support[start + best, column] > 0:
                    counts["not first, adds to the score"] += 1
                    counts["of which second"] += analysis.sentences[best] in given[1:]
                else:
                    counts["not first, adds nothing"] += 1
        total = counts["labels"]
        print(f"{family_id} (sentence weight {weight}): {total} labels predicted on {len(held_out)} held-out cases")
        print(
            f"  best pooled sentence is the first evidence sentence: {counts['first']} ({counts['first'] / max(total, 1):.1%})"
        )
        for key in (
            "not first, adds to the score",
            "of which second",
            "not first, adds nothing",
            "case without sentences",
        ):
            print(f"  {key}: {counts[key]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["sample", "report", "agreement"])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--round", type=int, default=1, help="which round's files (default 1)")
    args = parser.parse_args()
    if args.action == "sample":
        sample(args.n, args.seed, args.round)
    elif args.action == "report":
        report(args.round)
    else:
        agreement(args.seed)


if __name__ == "__main__":
    main()
