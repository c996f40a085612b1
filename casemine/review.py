"""When to ask a person: confidence thresholds chosen so that the tags left unflagged are precise
enough, and the precision-coverage trade-off behind that choice.

Every predicted tag has a confidence: the calibrated probability of the chosen label for ``scope``
and ``sector``, the label's own probability for multi-label families. A tag whose confidence is
below its family's threshold is flagged. A case needs review when a tag of its classification
(``scope``, ``type``, ``sector``) is flagged, or for another reason (language, length, out of scope,
no type); flagged drivers and barriers are listed as uncertain without holding the case back.
Thresholds are chosen on out-of-fold predictions as the lowest reaching the target precision, then
raised where needed so that the unflagged cases' tags reach it together.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from casemine.scheme import SCHEME

TARGET_PRECISION = 0.90
CASE_FAMILIES = ("scope", "type", "sector")
GRID = np.round(np.arange(0.0, 1.0001, 0.02), 2)


def tag_confidences(scores: dict, labels: dict, family_id: str) -> list[tuple[str, float]]:
    """(label, confidence) for each tag the case was given in a family."""
    family_scores = scores.get(family_id) or {}
    return [(label, float(family_scores.get(label, 0.0))) for label in SCHEME[family_id].values(labels)]


def _items(gold: Sequence[dict], predictions: Sequence[dict], scores: Sequence[dict], family_id: str):
    """(confidence, correct) for every tag predicted in a family, on the cases the family is scored on."""
    family = SCHEME[family_id]
    items = []
    for g, p, s in zip(gold, predictions, scores, strict=True):
        if family.only_when_scope and g.get("scope") != family.only_when_scope:
            continue
        if not family.multi and g.get(family_id) is None:
            continue
        truth = family.values(g)
        items += [(conf, label in truth) for label, conf in tag_confidences(s, p, family_id)]
    return items


def curve(gold: Sequence[dict], predictions: Sequence[dict], scores: Sequence[dict], family_id: str) -> list[dict]:
    """For each threshold: share of the family's tags kept (coverage) and the precision of kept tags."""
    items = _items(gold, predictions, scores, family_id)
    conf = np.array([c for c, _ in items])
    right = np.array([r for _, r in items], dtype=float)
    points = []
    for t in GRID:
        kept = conf >= t if len(conf) else np.array([], dtype=bool)
        points.append(
            {
                "threshold": float(t),
                "coverage": float(kept.mean()) if len(kept) else 0.0,
                "precision": float(right[kept].mean()) if kept.any() else 1.0,
            }
        )
    return points


def choose_thresholds(
    gold: Sequence[dict], predictions: Sequence[dict], scores: Sequence[dict], target: float = TARGET_PRECISION
) -> dict[str, float]:
    """Per family, the lowest threshold whose kept tags reach ``target`` precision (1.0: always flag).

    The families that hold a case back (``CASE_FAMILIES``) are then raised a step at a time, the
    step that keeps most cases first, until the tags of the cases left unflagged, taken together,
    reach ``target`` too (each family reaching it alone does not guarantee that).
    """
    chosen = {}
    for family in SCHEME.families:
        points = curve(gold, predictions, scores, family.id)
        reaching = [p["threshold"] for p in points if p["precision"] >= target and p["coverage"] > 0]
        chosen[family.id] = min(reaching) if reaching else 1.0
    while case_coverage(gold, predictions, scores, chosen)["precision"] < target:
        steps = [
            {**chosen, family_id: float(GRID[chosen[family_id] < GRID][0])}
            for family_id in CASE_FAMILIES
            if chosen[family_id] < GRID[-1]
        ]
        if not steps:
            break
        chosen = max(steps, key=lambda t: case_coverage(gold, predictions, scores, t)["coverage"])
    return chosen


def flagged_tags(scores: dict, labels: dict, thresholds: dict[str, float]) -> dict[str, list[tuple[str, float]]]:
    """Per family, the tags whose confidence is below the family's threshold."""
    out = {}
    for family in SCHEME.families:
        low = [(lab, c) for lab, c in tag_confidences(scores, labels, family.id) if c < thresholds.get(family.id, 0.0)]
        if low:
            out[family.id] = low
    return out


def case_coverage(
    gold: Sequence[dict], predictions: Sequence[dict], scores: Sequence[dict], thresholds: dict[str, float]
) -> dict[str, float]:
    """Share of cases whose classification (scope, type, sector) has no flagged tag, and its precision."""
    kept = [
        i for i in range(len(gold)) if not set(flagged_tags(scores[i], predictions[i], thresholds)) & set(CASE_FAMILIES)
    ]
    correct = total = 0
    for i in kept:
        for family_id in CASE_FAMILIES:
            truth = SCHEME[family_id].values(gold[i])
            for label, _ in tag_confidences(scores[i], predictions[i], family_id):
                correct += label in truth
                total += 1
    return {"coverage": len(kept) / len(gold) if gold else 0.0, "precision": correct / total if total else 1.0}
