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
from sklearn import config_context
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from casemine.features import CaseFeatures
from casemine.nlp import Analysis
from casemine.pooling import pooled
from casemine.scheme import SCHEME
from casemine.scoring import LabelSet, Scoring

THRESHOLD_GRID = np.round(np.arange(0.1, 0.91, 0.05), 2)
# Chosen by bench/model_selection.py (docs/benchmarks.md): scope, sector, drivers and barriers by a
# linear SVM that also sees character n-grams (as good as logistic regression there, or better, and
# far faster), barriers also from the difficulty sentences on their own; type by logistic
# regression, with character n-grams since the ninth session (macro-F1 +0.012 / +0.017 on two fold
# seeds). All use the shared concept block at half weight; drivers and barriers also the notion
# block (casemine.notions), sector the sector notion block at weight 0.2. Scope chooses its label with
# the class bias (macro-F1 rather than accuracy); drivers and barriers cut their labels for the
# family's micro-F1. Since the eighteenth session sector, drivers and barriers also read sentence vectors
# (casemine.vectors; on two fold seeds sector macro-F1 +0.011 / +0.014, drivers micro-F1 +0.021, barriers
# +0.018 / +0.019, and +0.005 / +0.003 more with barriers weighing their best sentence 0.6: past 0.70);
# scope and type gain in cross-validation too but lose on the real outside texts (dev macro-F1 -0.039 / -0.067).
DEFAULT_FAMILY_PARAMS: dict[str, dict[str, Any]] = {
    "scope": {"model": "svm", "C": 0.5, "char": True, "class_bias": True},
    "type": {"char": True},
    "sector": {"model": "svm", "C": 0.5, "char": True, "sectors": True, "vectors": True},
    "drivers": {
        "model": "svm",
        "C": 0.5,
        "char": True,
        "notions": True,
        "thresholds": "family",
        "sentence_weight": 0.5,
        "rationales": True,
        "vectors": True,
    },
    "barriers": {
        "model": "svm",
        "C": 0.5,
        "char": True,
        "cues": True,
        "notions": True,
        "thresholds": "family",
        "sentence_weight": 0.6,
        "rationales": True,
        "vectors": True,
    },
}
# A family's sentence model (``rationales``) is its model kind fitted on the marked sentences, without class
# weights and without these blocks: the character n-grams hold ten times the non-zeros of a sentence's
# other blocks (ten times the fitting time). In round 7 (docs/benchmarks.md) this scored as well as the
# family's own blocks and weights (drivers 0.726 against 0.727, barriers 0.667 against 0.666) and keeps
# training under a minute.
SENTENCE_BLOCKS_LEFT_OUT = ("char",)
MIN_POSITIVES_TO_TUNE = 5
# A multi-label SVM is calibrated by 2 folds, inside each inner fold of threshold tuning: with fewer
# positives (or negatives) than this for some label, a fold could hold only one class.
MIN_POSITIVES_TO_CALIBRATE = 10
# Exponents tried for the class bias of a single-label family (see ``CaseClassifier._fit_bias``), mildest
# first, and how much inner macro-F1 a stronger one must add to be preferred: choices within 0.005 swap
# with the fold seed (inner macro-F1 at powers 0.25 and 0.5 differed by 0.0005 to 0.007 on three seeds,
# docs/benchmarks.md), and a stronger bias costs outside the corpus, where rare classes are rarer.
BIAS_POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)
BIAS_TOLERANCE = 0.005


def macro_f1(y: np.ndarray, pred: np.ndarray, n_classes: int) -> float:
    """Macro-F1 over the classes present in ``y`` or ``pred`` (integer-coded)."""
    scores = []
    for k in range(n_classes):
        tp, n_pred, n_gold = float(((pred == k) & (y == k)).sum()), float((pred == k).sum()), float((y == k).sum())
        if n_pred or n_gold:
            scores.append(2 * tp / (n_pred + n_gold))
    return float(np.mean(scores)) if scores else 0.0


def mildest_best(scores: Sequence[float], tolerance: float) -> int:
    """The first (mildest) option whose score is within ``tolerance`` of the best."""
    top = max(scores)
    return next(i for i, score in enumerate(scores) if score >= top - tolerance - 1e-9)


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


class CaseClassifier(Scoring, BaseEstimator):
    """Tags parsed cases with every label family of the scheme.

    Parameters: ``C``, ``model`` (``"logreg"`` or ``"svm"``), ``concepts``, ``char``, ``cues`` and ``notions``
    (which feature blocks a family learns from, see ``CaseFeatures``) for every family
    unless ``family_params`` overrides them per family (e.g. ``{"barriers": {"C": 4.0}}``; None means
    ``DEFAULT_FAMILY_PARAMS``, ``{}`` none); ``calibrate``
    (sigmoid calibration of single-label families); ``tune_thresholds`` (per-label thresholds for
    multi-label families, else ``threshold`` for all); ``inner_folds`` for both; and the feature
    settings ``ngram_range``, ``min_df``, ``concepts``, ``concept_weight``, ``sector_weight`` and ``vector_weight``
    (see ``CaseFeatures``).

    Per family only (``family_params``): ``sectors`` (whether the family reads the sector notion block,
    ``casemine.notions.sector_tokens``, at ``sector_weight``); ``vectors`` (whether the family and its sentence
    model read the sentence vectors of ``casemine.vectors``, at ``vector_weight``); ``class_weight`` (``"balanced"``
    or ``"none"``);
    ``class_bias`` (single-label: choose the label by probability over class prior to a power tuned
    on inner folds for macro-F1, see ``_fit_bias``); ``thresholds`` (``"label"``: each
    label's best F1; ``"family"``: the family's micro-F1, see ``family_thresholds``); ``inner_folds``;
    ``sentence_weight`` (multi-label: a label's probability is ``(1 - w)`` times the case's plus ``w``
    times its best sentence's, see ``casemine.pooling``; 0: off); ``rationales`` (with a sentence weight:
    the sentences are scored by a model of their own, trained on the sentences the training cases' rationales
    mark as stating each label, ``casemine.rationales``; without it, or when no training case has
    rationales, by the family's case model).

    ``fit`` takes, beside the analyses and labels, each case's rationale targets (``rationales``:
    ``casemine.rationales.sentence_targets`` of the case, or None for a case without).
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
        sector_weight: float = 0.2,
        vector_weight: float = 1.0,
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
        self.sector_weight = sector_weight
        self.vector_weight = vector_weight
        self.random_state = random_state

    def _params(self, family_id: str) -> dict[str, Any]:
        defaults = {
            "C": self.C,
            "model": self.model,
            "concepts": self.concepts,
            "char": False,
            "cues": False,
            "notions": False,
            "sectors": False,
            "vectors": False,
            "class_weight": "balanced",
            "class_bias": False,
            "thresholds": "label",
            "inner_folds": self.inner_folds,
            "sentence_weight": 0.0,
            "rationales": False,
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
                ("sectors", "sectors"),
                ("vectors", "vectors"),
            )
            if params[key]
        ]

    def _sentence_blocks(self, family_id: str) -> list[str]:
        """The blocks a family's sentence model reads: the family's but ``SENTENCE_BLOCKS_LEFT_OUT``."""
        return [block for block in self._blocks(family_id) if block not in SENTENCE_BLOCKS_LEFT_OUT]

    def _class_weight(self, family_id: str, sentences: bool = False) -> str | None:
        """The family's class weighting; none for its sentence model (``sentences``, see ``SENTENCE_BLOCKS_LEFT_OUT``)."""
        if sentences:
            return None
        weight = self._params(family_id)["class_weight"]
        if weight not in ("balanced", "none", None):
            raise ValueError(f"unknown class_weight {weight!r} for family {family_id!r}: use 'balanced' or 'none'")
        return "balanced" if weight == "balanced" else None

    def _logreg(self, family_id: str, sentences: bool = False) -> LogisticRegression:
        return LogisticRegression(
            C=self._params(family_id)["C"], class_weight=self._class_weight(family_id, sentences), max_iter=5000
        )

    def _base(self, family_id: str, sentences: bool = False):
        params = self._params(family_id)
        if params["model"] == "svm":
            return LinearSVC(
                C=params["C"],
                class_weight=self._class_weight(family_id, sentences),
                max_iter=20000,
                random_state=self.random_state,  # liblinear's dual solver shuffles: seeded, so fits repeat exactly
            )
        if params["model"] == "logreg":
            return self._logreg(family_id, sentences)
        raise ValueError(f"unknown model {params['model']!r} for family {family_id!r}: use 'logreg' or 'svm'")

    def _single(self, family_id: str, n_min: int):
        """The family's model, calibrated when every class has enough cases for the inner folds."""
        base = self._base(family_id)
        folds = min(self._params(family_id)["inner_folds"], n_min)
        if isinstance(base, LinearSVC):  # no probabilities of its own: calibration is required
            if folds >= 2:
                return _calibrated(base, folds)
            base = self._logreg(family_id)
        if self.calibrate and folds >= 2:
            return _calibrated(base, folds)
        return base

    def _multi(self, family_id: str, min_positives: int, sentences: bool = False):
        base = self._base(family_id, sentences)
        if isinstance(base, LinearSVC):
            if min_positives >= MIN_POSITIVES_TO_CALIBRATE:
                base = _calibrated(base, 2)
            else:  # a label too rare to calibrate an SVM on
                base = self._logreg(family_id, sentences)
        return OneVsRestClassifier(base)

    def fit(
        self,
        analyses: Sequence[Analysis],
        labels: Sequence[LabelSet],
        rationales: Sequence[dict[str, list[list[str]]] | None] | None = None,
    ) -> CaseClassifier:
        # The matrices every model here learns from are TF-IDF weights, checked finite once (``_fit``):
        # scikit-learn would check them again in each of its ~300 inner fits, which changes no result.
        # One BLAS thread, as in joblib's workers (``validation.fit_classifiers``): a second one only spins on
        # these small dense steps (about five times the CPU of a fit) and moves probabilities by ~1e-6, so a
        # fit here and one in a worker would differ.
        with config_context(assume_finite=True), threadpool_limits(1):
            return self._fit(analyses, labels, rationales)

    def _fit(
        self,
        analyses: Sequence[Analysis],
        labels: Sequence[LabelSet],
        rationales: Sequence[dict[str, list[list[str]]] | None] | None,
    ) -> CaseClassifier:
        if len(analyses) != len(labels) or (rationales is not None and len(rationales) != len(labels)):
            raise ValueError("analyses, labels and rationales must have the same length")
        wanted = {block for family in SCHEME.families for block in self._blocks(family.id)}
        self.features_ = CaseFeatures(
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            concepts=self.concepts,
            concept_weight=self.concept_weight,
            char="char" in wanted,
            cues="cues" in wanted,
            notions="notions" in wanted,
            sectors="sectors" in wanted,
            sector_weight=self.sector_weight,
            vectors="vectors" in wanted,
            vector_weight=self.vector_weight,
        )
        X = self.features_.fit_transform(analyses)  # the same as fit then transform, each block counted once
        _check_finite(X)
        self.columns_ = {family.id: self.features_.columns(self._blocks(family.id)) for family in SCHEME.families}
        self.sentence_weights_: dict[str, float] = {}
        for family in SCHEME.families:
            weight = float(self._params(family.id)["sentence_weight"])
            if not 0.0 <= weight <= 1.0 or (weight and not family.multi):
                raise ValueError(
                    f"sentence_weight {weight!r} for family {family.id!r}: use 0 to 1, for multi-label families only"
                )
            if self._params(family.id)["rationales"] and not weight:
                raise ValueError(
                    f"rationales for family {family.id!r} need a sentence_weight above 0: the sentence model's "
                    "scores are pooled with the case's"
                )
            if weight:
                self.sentence_weights_[family.id] = weight
        sentences = self.features_.sentence_features(analyses) if self.sentence_weights_ else None
        if sentences is not None:
            _check_finite(sentences[0])
        self.sentence_columns_ = {
            fid: self.features_.columns(self._sentence_blocks(fid)) for fid in self.sentence_weights_
        }
        self.models_: dict[str, Any] = {}
        self.sentence_models_: dict[str, Any] = {}
        self.classes_: dict[str, list[str]] = {}
        self.thresholds_: dict[str, dict[str, float]] = {}
        self.biases_: dict[str, dict[str, float]] = {}
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
                rows_sentences = None
                if family.id in self.sentence_weights_ and sentences is not None:
                    S, bounds, _ = _sentences_of(sentences, rows)
                    targets = None
                    if self._params(family.id)["rationales"] and rationales is not None:
                        targets = _sentence_labels(family, [rationales[i] for i in rows], bounds)
                    rows_sentences = S, bounds, targets
                X_rows = X if len(rows) == X.shape[0] else X[rows]  # every case (rows are in order): no copy
                model, thresholds = self._fit_multi(family.id, self._columns(family.id, X_rows), Y, rows_sentences)
                if rows_sentences is not None:
                    sentence_model = self._sentence_model(family.id, S, targets)
                    if sentence_model is not None:
                        self.sentence_models_[family.id] = sentence_model
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
                X_family = self._columns(family.id, X[rows])
                model.fit(X_family, y)
                classes = [str(c) for c in model.classes_]
                if self._params(family.id)["class_bias"] and len(counts) > 1:
                    bias = self._fit_bias(family.id, model, X_family, y, min(counts.values()))
                    if bias is not None:
                        self.biases_[family.id] = {c: float(b) for c, b in zip(classes, bias, strict=True)}
            self.models_[family.id] = model
            self.classes_[family.id] = classes
        return self

    def _fit_bias(self, family_id: str, model, X, y: list[str], n_min: int) -> np.ndarray | None:
        """Per-class weights on the probabilities, ``prior ** -power``, the power chosen on inner folds.

        Calibrated probabilities carry the class priors, so their most probable label favours the
        big classes: good for accuracy, not for macro-F1, which weighs a small class's recall as much
        as a big one's. The mildest power (``BIAS_POWERS``, 0 = none) within ``BIAS_TOLERANCE`` of the best
        macro-F1 on the out-of-fold probabilities of the training part is kept. None when a class is too small.
        """
        folds = self._params(family_id)["inner_folds"]
        if n_min < 2 * folds:
            return None
        classes = [str(c) for c in model.classes_]
        codes = np.array([classes.index(str(label)) for label in y])
        inner = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
        oof = cross_val_predict(clone(model), X, np.asarray(y), cv=inner, method="predict_proba")
        prior = np.bincount(codes, minlength=len(classes)) / len(codes)
        f1s = [macro_f1(codes, (oof * prior**-power).argmax(axis=1), len(classes)) for power in BIAS_POWERS]
        return prior ** -BIAS_POWERS[mildest_best(f1s, BIAS_TOLERANCE)]

    def _cuts(self, family_id: str, Y: np.ndarray, P: np.ndarray) -> list[float]:
        """Per-label decision thresholds from out-of-fold probabilities (see ``thresholds``)."""
        cuts = [best_threshold(Y[:, k], P[:, k], self.threshold) for k in range(Y.shape[1])]
        mode = self._params(family_id)["thresholds"]
        if mode == "family":
            return family_thresholds(Y, P, cuts)
        if mode != "label":
            raise ValueError(f"unknown thresholds {mode!r} for family {family_id!r}: use 'label' or 'family'")
        return cuts

    def _fit_multi(self, family_id: str, X, Y: np.ndarray, sentences=None) -> tuple[Any, list[float]]:
        """The family's one-vs-rest model and its cuts, tuned on inner out-of-fold probabilities.

        ``sentences``: (sentence rows, all columns; bounds; rationale targets or None) of these cases when
        the family pools sentence scores; the out-of-fold probabilities are then pooled the same way (each
        inner fold's models score its held-out cases' sentences).
        """
        folds = self._params(family_id)["inner_folds"]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
            warnings.filterwarnings("ignore", message="Label not .* is present in all training examples")
            min_positives = int(min(Y.sum(axis=0).min(), (1 - Y).sum(axis=0).min())) if Y.size else 0
            model = self._multi(family_id, min_positives).fit(X, Y)
            if not self.tune_thresholds or len(Y) < 2 * folds:
                return model, [self.threshold] * Y.shape[1]
            inner = KFold(folds, shuffle=True, random_state=self.random_state)
            if sentences is None:
                oof = cross_val_predict(clone(model), X, Y, cv=inner, method="predict_proba")
            else:
                oof = np.zeros(Y.shape)
                for train, test in inner.split(X):
                    part = clone(model).fit(X[train], Y[train])
                    S, bounds, _ = _sentences_of(sentences, test)
                    own = None
                    if sentences[2] is not None:
                        S_train, _, targets = _sentences_of(sentences, train)
                        own = self._sentence_model(family_id, S_train, targets)
                    case = part.predict_proba(X[test])
                    if S.shape[0]:
                        sentence = self._score_sentences(family_id, S, part, own)
                    else:
                        sentence = np.zeros((0, Y.shape[1]))
                    oof[test] = pooled(case, sentence, bounds, self.sentence_weights_[family_id])
        return model, self._cuts(family_id, Y, oof)

    def _sentence_model(self, family_id: str, S, targets: np.ndarray | None):
        """The family's sentence model fitted on the sentences of cases with rationales (``S``: their rows, all
        columns; ``targets``: a row per sentence, -1 for a sentence of a case without); None when no such
        sentence or label is there."""
        if targets is None:
            return None
        known = (targets >= 0).all(axis=1)
        T = targets[known]
        if not len(T) or not T.any():
            return None
        min_positives = int(min(T.sum(axis=0).min(), (1 - T).sum(axis=0).min()))
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
            warnings.filterwarnings("ignore", message="Label not .* is present in all training examples")
            rows = S[np.flatnonzero(known)][:, self.sentence_columns_[family_id]]
            return self._multi(family_id, min_positives, sentences=True).fit(rows, T)


def _calibrated(base, folds: int) -> CalibratedClassifierCV:
    """``base`` fitted on all the cases, its scores mapped to probabilities by a sigmoid fitted on its
    out-of-fold scores (``folds`` folds).

    Not scikit-learn's default ensemble, which averages one model per fold, each fitted on part of the
    cases (half of them with 2 folds): one model fitted on all of them scored up to +0.011 on the SVM
    families, drivers and barriers +0.005 to +0.010, on two fold seeds, for about half as much fitting
    time again (docs/benchmarks.md, "Tenth session: long near misses, and calibration without the ensemble").
    """
    return CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)


def _check_finite(X) -> None:
    """Refuse a feature matrix with a NaN or infinite weight (the one check ``fit``'s inner fits skip)."""
    if not np.isfinite(X.data).all():
        raise ValueError("the feature matrix holds NaN or infinite weights")


def _sentence_labels(family, rationales: Sequence[dict | None], bounds: np.ndarray) -> np.ndarray:
    """A (sentences × labels) 0/1 matrix of the labels each sentence states by the rationales; -1 rows
    for the sentences of a case without rationales for this family."""
    targets = np.full((int(bounds[-1]), len(family.ids)), -1, dtype=np.int64)
    for i, case in enumerate(rationales):
        stated = (case or {}).get(family.id)
        if stated is None:
            continue
        start, end = int(bounds[i]), int(bounds[i + 1])
        if len(stated) != end - start:
            raise ValueError(
                f"rationale targets of case {i} cover {len(stated)} sentences, its analysis has {end - start}"
            )
        targets[start:end] = [[int(label in labels) for label in family.ids] for labels in stated]
    return targets


def _sentences_of(sentences, rows) -> tuple[Any, np.ndarray, np.ndarray | None]:
    """The sentence rows, bounds and rationale targets (or None) of some cases (``rows``), from all of them."""
    S, bounds, *rest = sentences
    targets = rest[0] if rest else None
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == len(bounds) - 1 and np.array_equal(rows, np.arange(len(rows))):  # all of them: no copy
        return S, np.asarray(bounds, dtype=np.int64) - bounds[0], targets
    sizes = bounds[rows + 1] - bounds[rows]
    picked = np.concatenate([np.arange(bounds[r], bounds[r + 1]) for r in rows]) if len(rows) else np.zeros(0, int)
    picked = picked.astype(np.int64)
    return (
        S[picked],
        np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
        None if targets is None else targets[picked],
    )
