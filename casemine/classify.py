"""One classifier per label family, behind a single scikit-learn-style estimator.

Single-label families (``scope``, ``sector``): a multinomial linear model whose probabilities are
calibrated (sigmoid, by inner cross-validation), because class weighting distorts raw ones.
Multi-label families (``type``, ``drivers``, ``barriers``): one linear model per label, each with
its own decision threshold tuned by inner cross-validation to maximise that label's F1. ``type`` is
learned only from co-production cases and predicted only when the predicted scope is co-production.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from casemine.features import CaseFeatures
from casemine.nlp import Analysis
from casemine.scheme import SCHEME

LabelSet = dict[str, Any]  # a case's labels in the exchange format's shape
THRESHOLD_GRID = np.round(np.arange(0.1, 0.91, 0.05), 2)
# Chosen by bench/model_selection.py (docs/benchmarks.md): scope, sector, drivers and barriers by a
# linear SVM that also sees character n-grams (as good as logistic regression there, or better, and
# far faster), barriers also from the difficulty sentences on their own; type by logistic
# regression. All use the shared concept block at half weight; drivers and barriers also the notion
# block (casemine.notions). Scope chooses its label with the class bias (macro-F1 rather than
# accuracy); drivers and barriers cut their labels for the family's micro-F1.
DEFAULT_FAMILY_PARAMS: dict[str, dict[str, Any]] = {
    "scope": {"model": "svm", "C": 0.5, "char": True, "class_bias": True},
    "sector": {"model": "svm", "C": 0.5, "char": True},
    "drivers": {"model": "svm", "C": 0.5, "char": True, "notions": True, "thresholds": "family"},
    "barriers": {"model": "svm", "C": 0.5, "char": True, "cues": True, "notions": True, "thresholds": "family"},
}
MIN_POSITIVES_TO_TUNE = 5
# A multi-label SVM is calibrated by 2 folds, inside each inner fold of threshold tuning: with fewer
# positives (or negatives) than this for some label, a fold could hold only one class.
MIN_POSITIVES_TO_CALIBRATE = 10
# Exponents tried for the class bias of a single-label family (see ``CaseClassifier._fit_bias``).
BIAS_POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)


def macro_f1(y: np.ndarray, pred: np.ndarray, n_classes: int) -> float:
    """Macro-F1 over the classes present in ``y`` or ``pred`` (integer-coded)."""
    scores = []
    for k in range(n_classes):
        tp, n_pred, n_gold = float(((pred == k) & (y == k)).sum()), float((pred == k).sum()), float((y == k).sum())
        if n_pred or n_gold:
            scores.append(2 * tp / (n_pred + n_gold))
    return float(np.mean(scores)) if scores else 0.0


def family_thresholds(Y: np.ndarray, P: np.ndarray, start: list[float], passes: int = 2) -> list[float]:
    """Per-label cuts that maximise the family's micro-F1 together, by coordinate ascent from ``start``.

    Each pass moves one label's cut at a time to the grid value that gives the best micro-F1 over
    all labels (the others fixed); a label with too few positives keeps its start.
    """
    cuts = list(start)
    pred = np.array(cuts) <= P
    tp, n_pred, n_gold = (pred & (Y == 1)).sum(axis=0).astype(float), pred.sum(axis=0).astype(float), Y.sum()
    for _ in range(passes):
        for k in range(Y.shape[1]):
            if Y[:, k].sum() < MIN_POSITIVES_TO_TUNE:
                continue
            rest_tp, rest_pred = tp.sum() - tp[k], n_pred.sum() - n_pred[k]
            best, best_f1 = cuts[k], -1.0
            for t in THRESHOLD_GRID:
                col = P[:, k] >= t
                k_tp, k_pred = float((col & (Y[:, k] == 1)).sum()), float(col.sum())
                denominator = rest_pred + k_pred + n_gold
                f1 = 2 * (rest_tp + k_tp) / denominator if denominator else 0.0
                if f1 > best_f1 + 1e-9:
                    best, best_f1 = float(t), f1
            cuts[k] = best
            col = P[:, k] >= best
            tp[k], n_pred[k] = float((col & (Y[:, k] == 1)).sum()), float(col.sum())
    return cuts


def family_confidence(probabilities: dict[str, float], multi: bool, predicted: list[str] | str | None = None) -> float:
    """How sure the model is of the tags it gives a family.

    Single-label: the probability of the chosen label. Multi-label: the lowest probability among
    the labels predicted (``predicted``), 1.0 when none is.
    """
    if not probabilities:
        return 0.0
    if not multi:  # the chosen label's (a class bias may choose another than the most probable)
        return (
            probabilities.get(predicted, max(probabilities.values()))
            if isinstance(predicted, str)
            else max(probabilities.values())
        )
    chosen = [probabilities.get(label, 0.0) for label in (predicted or [])]
    return min(chosen) if chosen else 1.0


def best_threshold(y: np.ndarray, p: np.ndarray, default: float = 0.5) -> float:
    """The probability cut that maximises F1 for one label (``default`` when too few positives)."""
    if y.sum() < MIN_POSITIVES_TO_TUNE:
        return default
    best, best_f1 = default, -1.0
    for t in THRESHOLD_GRID:
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


def sigmoid_fit(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt's sigmoid (slope, intercept) mapping one label's SVM scores to probabilities.

    Fitted on out-of-fold scores with Platt's smoothed targets; a label with one class in ``y``
    gets a flat sigmoid at its (smoothed) rate.
    """
    positives = float(y.sum())
    if positives == 0 or positives == len(y):
        rate = (positives + 1) / (len(y) + 2)
        return 0.0, float(np.log(rate / (1 - rate)))
    from sklearn.calibration import _sigmoid_calibration

    a, b = _sigmoid_calibration(decision, y)
    return float(-a), float(-b)  # sklearn's sigmoid is 1 / (1 + exp(a * f + b))


class CaseClassifier(BaseEstimator):
    """Tags parsed cases with every label family of the scheme.

    Parameters: ``C``, ``model`` (``"logreg"`` or ``"svm"``), ``concepts``, ``char``, ``cues``, ``notions`` and ``roles``
    (which feature blocks a family learns from, see ``CaseFeatures``) for every family
    unless ``family_params`` overrides them per family (e.g. ``{"barriers": {"C": 4.0}}``; None means
    ``DEFAULT_FAMILY_PARAMS``, ``{}`` none); ``calibrate``
    (sigmoid calibration of single-label families); ``tune_thresholds`` (per-label thresholds for
    multi-label families, else ``threshold`` for all); ``inner_folds`` for both; and the feature
    settings ``ngram_range``, ``min_df``, ``concepts`` and ``concept_weight`` (see ``CaseFeatures``).

    Per family only (``family_params``): ``class_weight`` (``"balanced"`` or ``"none"``);
    ``class_bias`` (single-label: choose the label by probability over class prior to a power tuned
    on inner folds for macro-F1, see ``_fit_bias``); ``calibration`` (multi-label SVM: ``"nested"``,
    a 2-fold calibrated SVM per label, or ``"oof"``, one SVM on all the data whose sigmoid and
    thresholds come from the inner folds' out-of-fold scores); ``thresholds`` (``"label"``: each
    label's best F1; ``"family"``: the family's micro-F1, see ``family_thresholds``); ``inner_folds``.
    """

    def __init__(
        self,
        C: float = 10.0,
        model: str = "logreg",
        family_params: dict[str, dict[str, Any]] | None = None,
        calibrate: bool = True,
        tune_thresholds: bool = True,
        threshold: float = 0.5,
        inner_folds: int = 3,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        concepts: bool = True,
        concept_weight: float = 0.5,
        random_state: int = 0,
    ):
        self.C = C
        self.model = model
        self.family_params = family_params
        self.calibrate = calibrate
        self.tune_thresholds = tune_thresholds
        self.threshold = threshold
        self.inner_folds = inner_folds
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.concepts = concepts
        self.concept_weight = concept_weight
        self.random_state = random_state

    def _params(self, family_id: str) -> dict[str, Any]:
        defaults = {
            "C": self.C,
            "model": self.model,
            "concepts": self.concepts,
            "char": False,
            "cues": False,
            "notions": False,
            "roles": False,
            "class_weight": "balanced",
            "class_bias": False,
            "calibration": "nested",
            "thresholds": "label",
            "inner_folds": self.inner_folds,
        }
        chosen = DEFAULT_FAMILY_PARAMS if self.family_params is None else self.family_params
        return defaults | chosen.get(family_id, {})

    def _blocks(self, family_id: str) -> list[str]:
        params = self._params(family_id)
        return ["lemmas"] + [
            b
            for b, key in (
                ("shared", "concepts"),
                ("char", "char"),
                ("cues", "cues"),
                ("notions", "notions"),
                ("roles", "roles"),
            )
            if params[key]
        ]

    def _columns(self, family_id: str, X):
        """The feature columns a family learns from: the blocks its params ask for."""
        columns = self.columns_[family_id]
        return X if len(columns) == X.shape[1] else X[:, columns]

    def _class_weight(self, family_id: str) -> str | None:
        weight = self._params(family_id)["class_weight"]
        if weight not in ("balanced", "none", None):
            raise ValueError(f"unknown class_weight {weight!r} for family {family_id!r}: use 'balanced' or 'none'")
        return "balanced" if weight == "balanced" else None

    def _logreg(self, family_id: str) -> LogisticRegression:
        return LogisticRegression(
            C=self._params(family_id)["C"], class_weight=self._class_weight(family_id), max_iter=5000
        )

    def _base(self, family_id: str):
        params = self._params(family_id)
        if params["model"] == "svm":
            return LinearSVC(C=params["C"], class_weight=self._class_weight(family_id), max_iter=20000)
        if params["model"] == "logreg":
            return self._logreg(family_id)
        raise ValueError(f"unknown model {params['model']!r} for family {family_id!r}: use 'logreg' or 'svm'")

    def _single(self, family_id: str, n_min: int):
        """The family's model, calibrated when every class has enough cases for the inner folds."""
        base = self._base(family_id)
        folds = min(self._params(family_id)["inner_folds"], n_min)
        if isinstance(base, LinearSVC):  # no probabilities of its own: calibration is required
            if folds >= 2:
                return CalibratedClassifierCV(base, method="sigmoid", cv=folds)
            base = self._logreg(family_id)
        if self.calibrate and folds >= 2:
            return CalibratedClassifierCV(base, method="sigmoid", cv=folds)
        return base

    def _oof_calibrated(self, family_id: str, n_rows: int, min_positives: int) -> bool:
        """Whether this multi-label family is a plain SVM calibrated on inner out-of-fold scores."""
        params = self._params(family_id)
        if params["calibration"] not in ("nested", "oof"):
            raise ValueError(
                f"unknown calibration {params['calibration']!r} for family {family_id!r}: 'nested' or 'oof'"
            )
        return (
            params["calibration"] == "oof"
            and params["model"] == "svm"
            and min_positives >= MIN_POSITIVES_TO_CALIBRATE
            and n_rows >= 2 * params["inner_folds"]
        )

    def _multi(self, family_id: str, min_positives: int, oof: bool = False):
        base = self._base(family_id)
        if isinstance(base, LinearSVC) and not oof:
            if min_positives >= MIN_POSITIVES_TO_CALIBRATE:
                base = CalibratedClassifierCV(base, method="sigmoid", cv=2)
            else:  # a label too rare to calibrate an SVM on
                base = self._logreg(family_id)
        return OneVsRestClassifier(base)

    def fit(self, analyses: Sequence[Analysis], labels: Sequence[LabelSet]) -> CaseClassifier:
        if len(analyses) != len(labels):
            raise ValueError("analyses and labels must have the same length")
        wanted = {block for family in SCHEME.families for block in self._blocks(family.id)}
        self.features_ = CaseFeatures(
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            concepts=self.concepts,
            concept_weight=self.concept_weight,
            char="char" in wanted,
            cues="cues" in wanted,
            notions="notions" in wanted,
            roles="roles" in wanted,
        ).fit(analyses)
        self.columns_ = {family.id: self.features_.columns(self._blocks(family.id)) for family in SCHEME.families}
        X = self.features_.transform(analyses)
        self.models_: dict[str, Any] = {}
        self.classes_: dict[str, list[str]] = {}
        self.thresholds_: dict[str, dict[str, float]] = {}
        self.biases_: dict[str, dict[str, float]] = {}
        self.sigmoids_: dict[str, np.ndarray] = {}
        for family in SCHEME.families:
            rows = [
                i
                for i, lab in enumerate(labels)
                if family.only_when_scope is None or lab.get("scope") == family.only_when_scope
            ]
            if family.multi:
                if not rows:
                    raise ValueError(f"no training cases for family {family.id!r}")
                Y = np.array([[int(lid in (labels[i].get(family.id) or [])) for lid in family.ids] for i in rows])
                model, thresholds = self._fit_multi(family.id, self._columns(family.id, X[rows]), Y)
                classes = list(family.ids)
                self.thresholds_[family.id] = dict(zip(classes, thresholds, strict=True))
            else:
                rows = [i for i in rows if labels[i].get(family.id) is not None]
                y = [labels[i][family.id] for i in rows]
                if not y:
                    raise ValueError(f"no training cases for family {family.id!r}")
                counts = {c: y.count(c) for c in set(y)}
                if len(counts) == 1:
                    model = DummyClassifier(strategy="most_frequent")
                else:
                    model = self._single(family.id, min(counts.values()))
                model.fit(self._columns(family.id, X[rows]), y)
                classes = [str(c) for c in model.classes_]
                if self._params(family.id)["class_bias"] and len(counts) > 1:
                    bias = self._fit_bias(family.id, model, self._columns(family.id, X[rows]), y, min(counts.values()))
                    if bias is not None:
                        self.biases_[family.id] = {c: float(b) for c, b in zip(classes, bias, strict=True)}
            self.models_[family.id] = model
            self.classes_[family.id] = classes
        return self

    def _fit_bias(self, family_id: str, model, X, y: list[str], n_min: int) -> np.ndarray | None:
        """Per-class weights on the probabilities, ``prior ** -power``, the power chosen on inner folds.

        Calibrated probabilities carry the class priors, so their most probable label favours the
        big classes: good for accuracy, not for macro-F1, which weighs a small class's recall as much
        as a big one's. The power (``BIAS_POWERS``, 0 = none) that gives the best macro-F1 on the
        out-of-fold probabilities of the training part is kept. None when a class is too small.
        """
        folds = self._params(family_id)["inner_folds"]
        if n_min < 2 * folds:
            return None
        classes = [str(c) for c in model.classes_]
        codes = np.array([classes.index(str(label)) for label in y])
        inner = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
        oof = cross_val_predict(clone(model), X, np.asarray(y), cv=inner, method="predict_proba")
        prior = np.bincount(codes, minlength=len(classes)) / len(codes)
        best, best_f1 = 0.0, -1.0
        for power in BIAS_POWERS:
            f1 = macro_f1(codes, (oof * prior**-power).argmax(axis=1), len(classes))
            if f1 > best_f1 + 1e-9:
                best, best_f1 = power, f1
        return prior**-best

    def _cuts(self, family_id: str, Y: np.ndarray, P: np.ndarray) -> list[float]:
        """Per-label decision thresholds from out-of-fold probabilities (see ``thresholds``)."""
        cuts = [best_threshold(Y[:, k], P[:, k], self.threshold) for k in range(Y.shape[1])]
        mode = self._params(family_id)["thresholds"]
        if mode == "family":
            return family_thresholds(Y, P, cuts)
        if mode != "label":
            raise ValueError(f"unknown thresholds {mode!r} for family {family_id!r}: use 'label' or 'family'")
        return cuts

    def _fit_multi(self, family_id: str, X, Y: np.ndarray) -> tuple[Any, list[float]]:
        folds = self._params(family_id)["inner_folds"]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
            warnings.filterwarnings("ignore", message="Label not .* is present in all training examples")
            min_positives = int(min(Y.sum(axis=0).min(), (1 - Y).sum(axis=0).min())) if Y.size else 0
            oof_calibrated = self._oof_calibrated(family_id, len(Y), min_positives)
            model = self._multi(family_id, min_positives, oof_calibrated).fit(X, Y)
            inner = KFold(folds, shuffle=True, random_state=self.random_state)
            if oof_calibrated:  # one SVM on all the data; its sigmoid and cuts from out-of-fold scores
                decision = cross_val_predict(clone(model), X, Y, cv=inner, method="decision_function")
                self.sigmoids_[family_id] = np.array([sigmoid_fit(decision[:, k], Y[:, k]) for k in range(Y.shape[1])])
                probabilities = expit(decision * self.sigmoids_[family_id][:, 0] + self.sigmoids_[family_id][:, 1])
                if not self.tune_thresholds:
                    return model, [self.threshold] * Y.shape[1]
                return model, self._cuts(family_id, Y, probabilities)
            if not self.tune_thresholds or len(Y) < 2 * folds:
                return model, [self.threshold] * Y.shape[1]
            oof = cross_val_predict(clone(model), X, Y, cv=inner, method="predict_proba")
        return model, self._cuts(family_id, Y, oof)

    def predict_scores(self, analyses: Sequence[Analysis], X=None) -> list[dict[str, dict[str, float]]]:
        """Per case, per family, the probability of every label (``type`` only for co-production).

        ``X``: the cases' feature rows when already computed (``features_.transform(analyses)``).
        """
        X = self.features_.transform(analyses) if X is None else X
        probs = {}
        sigmoids = getattr(self, "sigmoids_", {})
        for fid, model in self.models_.items():
            if fid in sigmoids:
                decision = model.decision_function(self._columns(fid, X))
                probs[fid] = expit(decision * sigmoids[fid][:, 0] + sigmoids[fid][:, 1])
            else:
                probs[fid] = model.predict_proba(self._columns(fid, X))
        return [
            {
                fid: {c: round(float(p), 4) for c, p in zip(self.classes_[fid], probs[fid][i], strict=True)}
                for fid in self.models_
            }
            for i in range(len(analyses))
        ]

    def decide(self, scores: dict[str, dict[str, float]]) -> LabelSet:
        """Labels from one case's scores, respecting the scheme's rules."""
        labels = SCHEME.empty_labels()
        for family in SCHEME.families:
            fam_scores = scores[family.id]
            if family.multi:
                cuts = self.thresholds_.get(family.id, {})
                labels[family.id] = [
                    lid for lid in family.ids if fam_scores.get(lid, 0.0) >= cuts.get(lid, self.threshold)
                ]
            else:
                bias = getattr(self, "biases_", {}).get(family.id, {})
                labels[family.id] = max(fam_scores, key=lambda label: fam_scores[label] * bias.get(label, 1.0))
        for family in SCHEME.families:
            if family.only_when_scope and labels["scope"] != family.only_when_scope:
                labels[family.id] = []
        return labels

    def predict(self, analyses: Sequence[Analysis]) -> list[LabelSet]:
        return [self.decide(s) for s in self.predict_scores(analyses)]

    def coefficients(self, family_id: str) -> tuple[list[str], np.ndarray]:
        """Each label's linear weights over the features (averaged over calibration folds).

        The basis of evidence: a sentence's support for a label is its features times these weights.
        """
        model = self.models_[family_id]
        estimators = model.estimators_ if isinstance(model, OneVsRestClassifier) else [model]
        rows = []
        for est in estimators:
            if isinstance(est, CalibratedClassifierCV):
                coef = np.mean([c.estimator.coef_ for c in est.calibrated_classifiers_], axis=0)
            elif hasattr(est, "coef_"):
                coef = est.coef_
            else:  # a constant predictor: no evidence
                coef = np.zeros((1, len(self.columns_[family_id])))
            coef = np.asarray(coef)
            rows.append(coef)
        stacked = np.vstack(rows)
        if stacked.shape[1] < self.features_.n_features_:  # a family that ignores some blocks: zero weight there
            full = np.zeros((stacked.shape[0], self.features_.n_features_))
            full[:, self.columns_[family_id]] = stacked
            stacked = full
        classes = self.classes_[family_id]
        if stacked.shape[0] == 1 and len(classes) == 2 and not isinstance(model, OneVsRestClassifier):
            stacked = np.vstack([-stacked[0], stacked[0]])  # binary: the weights speak for classes[1]
        return classes, stacked
