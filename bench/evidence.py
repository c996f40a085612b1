"""The evidence check: do the sentences casemine gives for a tag really support it?

    python bench/evidence.py sample [--n 50] [--round 2]   # write bench/gold/evidence[2]_sample.jsonl
    python bench/evidence.py report [--round 2]            # read the judgments and print the rates

Round 1 (no ``--round``) judged the first model's evidence; round 2 the model with the barrier
"difficulty sentence" block; round 3 the model with the notion block for drivers and barriers
(docs/benchmarks.md). The sample is drawn with a fixed seed from the same fold, so labels whose
prediction did not change come back in every round.

``sample`` trains on the training part of the first cross-validation fold, tags the held-out
cases, and draws a random sample of predicted labels (spread over families) with their evidence.
A reader then judges each one in ``bench/gold/evidence_judgments.jsonl`` (``{"key": …, "verdict":
"supports" | "partly" | "does_not_support"}``), without seeing whether the label was right.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evidence import batch_evidence  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402


def paths(round_: int) -> tuple[Path, Path]:
    """The sample and judgment files of an evidence-check round."""
    stem = ROOT / "bench" / "gold" / ("evidence" if round_ == 1 else f"evidence{round_}")
    return Path(f"{stem}_sample.jsonl"), Path(f"{stem}_judgments.jsonl")


def sample(n: int, seed: int, round_: int) -> None:
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    train, test = make_folds(cases, 5, seed)[0]
    clf = CaseClassifier().fit([analyses[i] for i in train], [cases[i].labels for i in train])
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["sample", "report"])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--round", type=int, default=1, help="which round's files (default 1)")
    args = parser.parse_args()
    sample(args.n, args.seed, args.round) if args.action == "sample" else report(args.round)


if __name__ == "__main__":
    main()
