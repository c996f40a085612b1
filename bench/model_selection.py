"""Model selection: several configurations per family, compared on the same 5 cross-validation folds.

    python bench/model_selection.py [--folds 5] [--seed 0]

Folds are iteratively stratified on every label and keep translation pairs together
(``casemine.validation.make_folds``). Prints, per family and configuration, the headline figure
(macro-F1 for single-label families, micro-F1 for multi-label ones), macro-F1, and for single-label
families the Brier score and expected calibration error; then the best configuration per family.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.corpus import read_cases  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds, metrics, out_of_fold  # noqa: E402

# Every configuration applies to all families (family_params={}), so each family can pick its best.
CONFIGS = {
    "logreg C=10": {"C": 10.0, "model": "logreg", "concept_weight": 1.0},
    "logreg C=2": {"C": 2.0, "model": "logreg", "concept_weight": 1.0},
    "linear SVM C=0.5": {"C": 0.5, "model": "svm", "concept_weight": 1.0},
    "logreg C=10, no concepts": {"C": 10.0, "model": "logreg", "concepts": False},
    "linear SVM C=0.5, no concepts": {"C": 0.5, "model": "svm", "concepts": False},
    "logreg C=10, concept weight 0.5": {"C": 10.0, "model": "logreg", "concept_weight": 0.5},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also write every report to FILE")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="run only these configurations")
    args = parser.parse_args()
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    folds = make_folds(cases, args.folds, args.seed)
    gold = [c.labels for c in cases]
    reports = {}
    for name, params in CONFIGS.items():
        if args.only and name not in args.only:
            continue
        start = time.perf_counter()
        predictions, scores = out_of_fold(cases, analyses, folds, family_params={}, **params)
        reports[name] = metrics(gold, predictions, scores)
        print(f"{name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(f"{len(cases)} cases, {args.folds}-fold CV, seed {args.seed}")
    best = {}
    for family in SCHEME.families:
        key = "micro_f1" if family.multi else "macro_f1"
        print(f"\n{family.id} ({'micro' if family.multi else 'macro'}-F1 headline)")
        for name, report in reports.items():
            r = report[family.id]
            extra = ""
            if "calibration" in r:
                extra = f"  Brier {r['calibration']['brier']:.3f}  ECE {r['calibration']['ece']:.3f}"
            print(f"  {name:<28} {key} {r[key]:.3f}  macro-F1 {r['macro_f1']:.3f}{extra}")
        best[family.id] = max(reports, key=lambda n: reports[n][family.id][key])
    print("\nbest per family:", json.dumps(best))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=1), "utf-8")


if __name__ == "__main__":
    main()
