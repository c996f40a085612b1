"""Train and evaluate the learned organisation check (``casemine.org_filter``) on the gold cases.

    python bench/org_filter.py            # rotations: train on two gold sets, score the third
    python bench/org_filter.py --write    # then train on all 140 cases and write the shipped weights

The three gold sets are the 60 cases of ``bench/gold/`` ("all"), the 40 of ``bench/gold/fresh/`` and
the 40 of ``bench/gold/fresh2/``. Each candidate is an organisation name the rules keep (extraction
with the check switched off); its label is whether it matches a gold organisation of its case under
the bench's name matching. Each rotation fits the check on two sets and reports the organisation
rows of ``bench/entities.py`` on the third, with and without the check: held-out figures, since the
third set's labels were not used to fit it. Needs ``$CASEMINE_DATA`` for the Participedia cases.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import compare, load_gold, name_match, texts_for  # noqa: E402
from casemine.entities import extract_entities  # noqa: E402
from casemine.nlp import load_pipeline  # noqa: E402
from casemine.org_filter import MODEL_PATH, OrganisationFilter  # noqa: E402

SETS = ("all", "fresh", "fresh2")
ROWS = ("organisations", "public bodies", "civil society")


def candidates(split: str) -> list[dict]:
    """Per case: gold, text, the unfiltered extraction and its organisation features with labels."""
    gold, texts = texts_for(load_gold(split))
    cases = []
    for g, text in zip(gold, texts, strict=True):
        nlp = load_pipeline(g["lang"])
        features: list = []
        entities = extract_entities(nlp(text), nlp, g["lang"], org_features=features)
        gold_names = [o["name"] for o in g["organisations"]]
        labels = [int(any(name_match(name, x, text) for x in gold_names)) for name, _ in features]
        cases.append({"gold": g, "text": text, "entities": entities, "features": features, "labels": labels})
    return cases


def score(cases: list[dict], model: OrganisationFilter | None) -> dict[str, tuple[float, float, float]]:
    totals = {row: [0, 0, 0] for row in ROWS}
    for case in cases:
        entities = dict(case["entities"])
        if model is not None:
            kept = {name for name, f in case["features"] if model.keep(f)}
            entities["organisations"] = [o for o in entities["organisations"] if o["name"] in kept]
        for row in ROWS:
            tp, n_pred, n_gold, _, _ = compare(row, entities, case["gold"], case["text"])
            totals[row] = [a + b for a, b in zip(totals[row], (tp, n_pred, n_gold), strict=True)]
    out = {}
    for row, (tp, n_pred, n_gold) in totals.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[row] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def fit(cases: list[dict], **params) -> OrganisationFilter:
    features = [f for case in cases for _, f in case["features"]]
    labels = [y for case in cases for y in case["labels"]]
    groups = [case["gold"]["id"] for case in cases for _ in case["features"]]
    return OrganisationFilter(**params).fit(features, labels, groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="train on all sets and write the shipped weights")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, default=0.3)
    args = parser.parse_args()
    data = {split: candidates(split) for split in SETS}
    params = {"C": args.C, "threshold": args.threshold}
    print(f"params {params}")
    for test in SETS:
        train = [case for split in SETS if split != test for case in data[split]]
        model = fit(train, **params)
        before, after = score(data[test], None), score(data[test], model)
        for row in ROWS:
            b, a = before[row], after[row]
            print(
                f"test={test:<7} {row:<14} without P/R/F1 {b[0]:.3f}/{b[1]:.3f}/{b[2]:.3f}"
                f"   with P/R/F1 {a[0]:.3f}/{a[1]:.3f}/{a[2]:.3f}"
            )
    if args.write:
        model = fit([case for split in SETS for case in data[split]], **params)
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {MODEL_PATH} ({len(model.weights_)} weights)")


if __name__ == "__main__":
    main()
