"""Cross-validation done properly: folds stratified on every family at once (iterative
stratification, for multi-label families) with each translation pair kept in one fold, and
out-of-fold predictions from which every metric is computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from casemine.corpus import Case
from casemine.scheme import SCHEME


def groups(cases: Sequence[Case]) -> list[str]:
    """A group per case: a translation shares its original's group."""
    return [str(c.extra.get("translation_of") or c.id) for c in cases]


def label_matrix(labels: Sequence[dict[str, Any]]) -> np.ndarray:
    """Every label of every family as one indicator column (single-label families one-hot)."""
    columns = []
    for family in SCHEME.families:
        for label in family.ids:
            columns.append(
                [
                    int(label in (lab.get(family.id) or []) if family.multi else lab.get(family.id) == label)
                    for lab in labels
                ]
            )
    return np.array(columns, dtype=int).T


def make_folds(cases: Sequence[Case], n_splits: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index pairs: iteratively stratified on all labels, translation pairs together."""
    from iterstrat.ml_stratifiers import MultilabelStratifiedKFold

    members: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups(cases)):
        members[group].append(i)
    unique = sorted(members)
    Y = label_matrix([c.labels for c in cases])
    # a group's labels: the union of its members' (a pair has the same labels anyway)
    G = np.array([Y[members[g]].max(axis=0) for g in unique])
    splitter = MultilabelStratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    folds = []
    for _, test_groups in splitter.split(np.zeros(len(unique)), G):
        test = np.array(sorted(i for g in test_groups for i in members[unique[g]]))
        train = np.setdiff1d(np.arange(len(cases)), test)
        folds.append((train, test))
    return folds


def subsample_train(
    cases: Sequence[Case], folds: Sequence[tuple[np.ndarray, np.ndarray]], fraction: float, seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The same folds with each training part cut to a seeded random ``fraction`` of its cases (whole
    translation groups, drawn until the fraction is reached); the test parts are unchanged. For
    learning curves: how the figures move with fewer training cases on the same test cases."""
    if not 0 < fraction <= 1:
        raise ValueError(f"train_fraction must be in (0, 1], not {fraction}")
    if fraction == 1:
        return [(train, test) for train, test in folds]
    case_groups = groups(cases)
    rng = np.random.default_rng(seed)
    out = []
    for train, test in folds:
        members: dict[str, list[int]] = defaultdict(list)
        for i in train:
            members[case_groups[i]].append(int(i))
        order = sorted(members)
        rng.shuffle(order)
        wanted, kept = round(fraction * len(train)), []
        for group in order:
            if len(kept) >= wanted:
                break
            kept += members[group]
        out.append((np.array(sorted(kept)), test))
    return out


def check_jobs(jobs: int) -> None:
    """Refuse a number of worker processes below 1 before any slow work starts."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"--jobs must be 1 or more, not {jobs}")


def fit_classifiers(
    analyses,
    labels: Sequence[dict],
    subsets: Sequence[Sequence[int]],
    jobs: int = 1,
    rationales: Sequence | None = None,
    **params,
) -> list:
    """One ``CaseClassifier`` fitted on each subset of the cases, ``jobs`` at a time (joblib's loky
    processes; 1 fits them here). The fits are seeded, so the number of jobs changes no result.
    ``rationales``: the cases' rationale targets (``casemine.rationales.corpus_targets``), or None."""
    from joblib import Parallel, delayed

    from casemine.classify import CaseClassifier

    check_jobs(jobs)

    def fit(rows):
        return CaseClassifier(**params).fit(
            [analyses[i] for i in rows],
            [labels[i] for i in rows],
            None if rationales is None else [rationales[i] for i in rows],
        )

    if jobs == 1 or len(subsets) < 2:
        return [fit(rows) for rows in subsets]
    return Parallel(n_jobs=min(jobs, len(subsets)))(delayed(fit)(rows) for rows in subsets)


def fold_predictions(classifiers, analyses, folds) -> tuple[list[dict], list[dict]]:
    """Predicted labels and scores for every case from the fold classifier that did not see it."""
    predictions: list[dict | None] = [None] * len(analyses)
    scores: list[dict | None] = [None] * len(analyses)
    for clf, (_, test) in zip(classifiers, folds, strict=True):
        for i, s in zip(test, clf.predict_scores([analyses[i] for i in test]), strict=True):
            scores[i] = s
            predictions[i] = clf.decide(s)
    return predictions, scores


def out_of_fold(cases: Sequence[Case], analyses, folds, jobs: int = 1, **params) -> tuple[list[dict], list[dict]]:
    """Predicted labels and scores for every case from the model of the fold that did not see it
    (trained with the cases' rationales, ``casemine.rationales``)."""
    from casemine.rationales import corpus_targets

    labels = [c.labels for c in cases]
    rationales = corpus_targets(cases, analyses)
    classifiers = fit_classifiers(analyses, labels, [train for train, _ in folds], jobs, rationales, **params)
    return fold_predictions(classifiers, analyses, folds)


def calibration(gold: Sequence[dict], scores: Sequence[dict], bins: int = 10) -> dict[str, dict[str, float]]:
    """Brier score and expected calibration error (top label, ``bins`` bins) of single-label families."""
    out = {}
    for family in SCHEME.families:
        if family.multi:
            continue
        rows = [i for i, g in enumerate(gold) if g.get(family.id) is not None and scores[i].get(family.id)]
        if not rows:
            continue
        brier, confidences, correct = [], [], []
        for i in rows:
            probs = scores[i][family.id]
            brier.append(sum((p - (label == gold[i][family.id])) ** 2 for label, p in probs.items()))
            top = max(probs, key=probs.get)
            confidences.append(probs[top])
            correct.append(top == gold[i][family.id])
        conf, corr = np.array(confidences), np.array(correct, dtype=float)
        edges = np.linspace(0, 1, bins + 1)
        ece = 0.0
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            mask = (conf > lo) & (conf <= hi)
            if mask.any():
                ece += mask.mean() * abs(conf[mask].mean() - corr[mask].mean())
        out[family.id] = {"brier": float(np.mean(brier)), "ece": float(ece)}
    return out


def metrics(gold: Sequence[dict], predictions: Sequence[dict], scores: Sequence[dict]) -> dict:
    """Per-family metrics (see ``casemine.evaluation``) with calibration for single-label families."""
    from casemine.evaluation import score_labels

    report = score_labels(gold, predictions)
    for family_id, figures in calibration(gold, scores).items():
        report[family_id]["calibration"] = figures
    return report


def cross_validate(
    cases: Sequence[Case],
    analyses=None,
    n_splits: int = 5,
    seed: int = 0,
    jobs: int = 1,
    train_fraction: float = 1.0,
    subsample_seed: int = 0,
    **params,
) -> tuple[dict, list[dict], list[dict]]:
    """Cross-validated metrics per family, with the out-of-fold predictions and scores they come from.

    ``train_fraction`` below 1 trains each fold on that share of its training cases (``subsample_train``
    with ``subsample_seed``); the test folds stay the same."""
    from casemine.model import analyse_cases

    analyses = analyses if analyses is not None else analyse_cases(list(cases))
    folds = subsample_train(cases, make_folds(cases, n_splits, seed), train_fraction, subsample_seed)
    predictions, scores = out_of_fold(cases, analyses, folds, jobs, **params)
    return metrics([c.labels for c in cases], predictions, scores), predictions, scores
