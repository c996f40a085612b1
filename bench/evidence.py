"""The evidence check: do the sentences casemine gives for a tag really support it?

    python bench/evidence.py sample [--n 48]   # write bench/gold/evidence_sample.jsonl
    python bench/evidence.py report            # read the judgments and print the rates

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
from casemine.evidence import evidence  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402

SAMPLE = ROOT / "bench" / "gold" / "evidence_sample.jsonl"
JUDGMENTS = ROOT / "bench" / "gold" / "evidence_judgments.jsonl"


def sample(n: int, seed: int) -> None:
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    train, test = make_folds(cases, 5, seed)[0]
    clf = CaseClassifier().fit([analyses[i] for i in train], [cases[i].labels for i in train])
    items = []
    for i in test:
        labels = clf.decide(clf.predict_scores([analyses[i]])[0])
        for family_id, found in evidence(clf, analyses[i], labels).items():
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
    SAMPLE.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in chosen), "utf-8")
    print(f"{len(chosen)} labels with evidence → {SAMPLE}")


def report() -> None:
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
    args = parser.parse_args()
    sample(args.n, args.seed) if args.action == "sample" else report()


if __name__ == "__main__":
    main()
