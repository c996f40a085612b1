"""An experiment, never shipped: would real texts in training help on other real texts?

    CASEMINE_DATA=/work/shared/data python bench/outside_mix.py [--seed 0]

Splits the labelled outside development texts (``corpus/external/participedia_dev``) into two seeded
halves and scores each half twice with the shipped configuration (``configs/default.toml``): trained on
the corpus alone, and on the corpus plus the other half. Prints macro-F1 per family, drivers' and
barriers' micro-F1 and the barriers predicted a text. The outside texts may not enter the corpus (their
licence), so this only measures what texts like them would do.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier  # noqa: E402
from casemine.config import TrainConfig  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evaluation import score_labels  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.rationales import corpus_targets  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of the split into halves")
    args = parser.parse_args()
    config = TrainConfig.from_toml(ROOT / "configs" / "default.toml")
    cases = read_cases(ROOT / "corpus" / "cases")
    outside = read_cases(ROOT / "corpus" / "external" / "participedia_dev.labels.jsonl")
    analyses = analyse_cases(cases + outside)
    ours, theirs = analyses[: len(cases)], analyses[len(cases) :]
    rationales = corpus_targets(cases, ours)
    order = list(range(len(outside)))
    random.Random(args.seed).shuffle(order)
    halves = [order[: len(order) // 2], order[len(order) // 2 :]]

    def fit(extra: list[int]) -> CaseClassifier:
        return CaseClassifier(**config.classifier_params()).fit(
            list(ours) + [theirs[i] for i in extra],
            [c.labels for c in cases] + [outside[i].labels for i in extra],
            list(rationales) + [None] * len(extra),
        )

    alone = fit([]).predict(theirs)
    mixed: list = [None] * len(outside)
    for half, other in ((0, 1), (1, 0)):
        model = fit(halves[other])
        for i, labels in zip(halves[half], model.predict([theirs[i] for i in halves[half]]), strict=True):
            mixed[i] = labels
    gold = [c.labels for c in outside]
    print(f"{'trained on':<26}" + "".join(f"{f.id:>10}" for f in SCHEME.families) + "  drv-micro  bar-micro  bar/text")
    for name, predicted in ((f"corpus ({len(cases)})", alone), (f"corpus + {len(outside) // 2} real", mixed)):
        report = score_labels(gold, predicted)
        per_text = sum(len(p["barriers"]) for p in predicted) / len(predicted)
        print(
            f"{name:<26}"
            + "".join(f"{report[f.id]['macro_f1']:>10.3f}" for f in SCHEME.families)
            + f"{report['drivers']['micro_f1']:>11.3f}{report['barriers']['micro_f1']:>11.3f}{per_text:>10.2f}"
        )


if __name__ == "__main__":
    main()
