"""Plot the precision-coverage curves of a model's review thresholds (from its card).

    python bench/review_curve.py [--model models/default] [--out docs/precision_coverage.png]

The curves are computed at training time on out-of-fold predictions (``casemine.review``): for each
family and confidence threshold, the share of cases whose tag is kept and the precision of the
kept tags. The chosen thresholds (lowest reaching the target precision) are marked. Needs matplotlib.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "precision_coverage.png"))
    args = parser.parse_args()
    card = json.loads((Path(args.model) / "card.json").read_text("utf-8"))
    review = card["review"]
    fig, ax = plt.subplots(figsize=(7, 5))
    for family, points in review["curves"].items():
        coverage = [p["coverage"] for p in points]
        precision = [p["precision"] for p in points]
        line = ax.plot(coverage, precision, label=family)[0]
        chosen = review["thresholds"][family]
        for p in points:
            if abs(p["threshold"] - chosen) < 1e-9:
                ax.plot([p["coverage"]], [p["precision"]], "o", color=line.get_color())
                print(
                    f"{family:<10} threshold {chosen:.2f}: coverage {p['coverage']:.3f}, precision {p['precision']:.3f}"
                )
    ax.axhline(review["target_precision"], color="grey", linestyle="--", linewidth=0.8)
    ax.set_xlabel("coverage (share of cases whose tag is not flagged)")
    ax.set_ylabel("precision of unflagged tags")
    ax.set_title(f"casemine {card['name']}: precision vs coverage, cross-validated")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    cov = review.get("coverage", {})
    print(
        f"cases with no family flagged: {cov.get('coverage', float('nan')):.3f}, "
        f"precision of their tags {cov.get('precision', float('nan')):.3f} → {args.out}"
    )


if __name__ == "__main__":
    main()
