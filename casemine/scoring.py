"""Scores and decisions from a fitted classifier, and the classifier frozen to plain arrays.

``Scoring`` is what a fitted ``casemine.classify.CaseClassifier`` and a loaded bundle share: the
probability of every label, the decisions, and the linear weights evidence is traced with.
``FrozenClassifier`` is a fitted classifier reduced to arrays and JSON (``freeze``): it scores
exactly as the scikit-learn models it came from (tested), so a bundle loads and tags without
importing scikit-learn and without unpickling anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from casemine.blocks import Block, FeatureBlocks
from casemine.nlp import Analysis
from casemine.pooling import pooled
from casemine.scheme import SCHEME

LabelSet = dict[str, Any]  # a case's labels in the exchange format's shape


def family_confidence(probabilities: dict[str, float], multi: bool, predicted: list[str] | str | None = None) -> float:
    """How sure the model is of the tags it gives a family.

    Single-label: the probability of the chosen label (``predicted``; a class bias may choose another
    than the most probable), else the highest. Multi-label: the lowest probability among the labels
    predicted, 1.0 when none is.
    """
    if not probabilities:
        return 0.0
    if not multi:
        return (
            probabilities.get(predicted, max(probabilities.values()))
            if isinstance(predicted, str)
            else max(probabilities.values())
        )
    chosen = [probabilities.get(label, 0.0) for label in (predicted or [])]
    return min(chosen) if chosen else 1.0


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass
class LinearProbabilities:
    """Class probabilities from linear scores ``X @ coef.T + intercept``, as scikit-learn computes them.

    ``kind``: ``"logistic"`` (logistic regression: a sigmoid for two classes, else a softmax),
    ``"calibrated"`` (a sigmoid-calibrated linear model per inner fold, ``folds`` of them stacked
    in ``coef``; row ``j`` gives class ``positions[j]`` the probability
    ``1 / (1 + exp(a[j] * score + b[j]))``; averaged over folds) or ``"constant"`` (``constant``).
    """

    kind: str
    n_classes: int
    coef: np.ndarray
    intercept: np.ndarray
    folds: int = 1
    a: np.ndarray = field(default_factory=lambda: np.zeros(0))
    b: np.ndarray = field(default_factory=lambda: np.zeros(0))
    positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    constant: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        # Stored so that ``coef.T`` is C-ordered: a sparse matrix times it then needs no copy of the
        # weights (the copy cost 5 ms a family on every batch, whatever its size).
        self.coef = np.ascontiguousarray(np.asarray(self.coef, dtype=float).T).T

    def predict_proba(self, X) -> np.ndarray:
        n = X.shape[0]
        if self.kind == "constant":
            return np.tile(self.constant, (n, 1))
        scores = np.asarray(X @ self.coef.T) + self.intercept
        if self.kind == "logistic":
            if self.n_classes == 2:
                p = _expit(scores[:, 0])
                return np.column_stack([1 - p, p])
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            return scores / scores.sum(axis=1, keepdims=True)
        calibrated = _expit(-(self.a * scores + self.b))
        rows = len(self.positions) // self.folds
        mean = np.zeros((n, self.n_classes))
        for fold in range(self.folds):
            proba = np.zeros((n, self.n_classes))
            part = slice(fold * rows, (fold + 1) * rows)
            proba[:, self.positions[part]] = calibrated[:, part]
            if self.n_classes == 2:
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                total = proba.sum(axis=1, keepdims=True)
                proba = np.divide(proba, total, out=np.full_like(proba, 1 / self.n_classes), where=total != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        return mean / self.folds

    def weights(self, width: int) -> np.ndarray:
        """The linear weights per score row (averaged over calibration folds); zeros for a constant."""
        if self.kind == "constant":
            return np.zeros((1, width))
        if self.kind == "calibrated":
            return self.coef.reshape(self.folds, -1, self.coef.shape[1]).mean(axis=0)
        return self.coef

    ARRAYS = ("coef", "intercept", "a", "b", "positions", "constant")


@dataclass
class FrozenFamily:
    """One family's model: one probability model (single-label) or one per label (multi-label)."""

    multi: bool
    units: list[LinearProbabilities]

    def predict_proba(self, X) -> np.ndarray:
        if self.multi:
            return np.column_stack([unit.predict_proba(X)[:, 1] for unit in self.units])
        return self.units[0].predict_proba(X)


class Scoring:
    """Scores, decisions and evidence weights, given ``features_``, ``models_``, ``classes_``,
    ``columns_``, ``thresholds_``, ``biases_`` (per single-label family, a weight per class that the
    probabilities are multiplied by before the most likely label is chosen), ``sentence_weights_``
    (per multi-label family that pools its sentences' scores, the weight of the best sentence, see
    ``casemine.pooling``), ``sentence_models_`` (per pooled family whose sentences have a model of their
    own, trained on rationales; the others' sentences are scored by the case model) with
    ``sentence_columns_`` (the feature columns each reads) and ``threshold``."""

    features_: FeatureBlocks
    models_: dict[str, Any]
    classes_: dict[str, list[str]]
    columns_: dict[str, np.ndarray]
    thresholds_: dict[str, dict[str, float]]
    biases_: dict[str, dict[str, float]]
    sentence_weights_: dict[str, float]
    sentence_models_: dict[str, Any]
    sentence_columns_: dict[str, np.ndarray]
    threshold: float

    def _columns(self, family_id: str, X):
        """The feature columns a family learns from: the blocks its params ask for."""
        columns = self.columns_[family_id]
        return X if len(columns) == X.shape[1] else X[:, columns]

    def predict_scores(
        self,
        analyses: Sequence[Analysis],
        X=None,
        sentences: tuple | None = None,
        sentence_probabilities: dict[str, np.ndarray] | None = None,
    ) -> list[dict[str, dict[str, float]]]:
        """Per case, per family, the probability of every label (``type`` only for co-production).

        ``X``: the cases' feature rows when already computed (``features_.transform(analyses)``);
        ``sentences``: their sentences' rows and bounds when already computed (``features_.sentence_features``);
        ``sentence_probabilities``: ``self.sentence_probabilities(sentences[0])`` when already computed
        (tagging hands the same to evidence, which puts the sentence the pooled score used first).
        """
        X = self.features_.transform(analyses) if X is None else X
        probs = {fid: model.predict_proba(self._columns(fid, X)) for fid, model in self.models_.items()}
        if self.pooled_families() and len(analyses):
            S, bounds = self.features_.sentence_features(analyses) if sentences is None else sentences
            if sentence_probabilities is None:
                sentence_probabilities = self.sentence_probabilities(S)
            for fid, per_sentence in sentence_probabilities.items():
                probs[fid] = pooled(probs[fid], per_sentence, bounds, self.sentence_weights_[fid])
        return [
            {
                fid: {c: round(float(p), 4) for c, p in zip(self.classes_[fid], probs[fid][i], strict=True)}
                for fid in self.models_
            }
            for i in range(len(analyses))
        ]

    def pooled_families(self) -> list[str]:
        """The families whose score pools their best sentence's (a sentence weight above 0)."""
        return [fid for fid, weight in self.sentence_weights_.items() if fid in self.models_ and weight]

    def sentence_probabilities(self, S) -> dict[str, np.ndarray]:
        """Per pooled family, every sentence's label probabilities (rows of ``S``, the sentences' own feature
        rows) under the family's sentence model, or its case model when it has none; empty when there is no
        sentence."""
        if not S.shape[0]:  # no case has a sentence: nothing to pool
            return {}
        return {
            fid: self._score_sentences(fid, S, self.models_[fid], self.sentence_models_.get(fid))
            for fid in self.pooled_families()
        }

    def _score_sentences(self, family_id: str, S, case_model, sentence_model=None) -> np.ndarray:
        """Sentence rows' label probabilities under ``sentence_model`` (on its columns) when there is one, else
        under ``case_model`` (on the family's): the one rule for scoring, and for tuning thresholds on inner folds."""
        if sentence_model is None:
            return case_model.predict_proba(self._columns(family_id, S))
        return sentence_model.predict_proba(S[:, self.sentence_columns_[family_id]])

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
                bias = self.biases_.get(family.id, {})
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
        family = model if isinstance(model, FrozenFamily) else freeze_family(model)
        stacked = np.vstack([unit.weights(len(self.columns_[family_id])) for unit in family.units])
        if stacked.shape[1] < self.features_.n_features_:  # a family that ignores some blocks: zero weight there
            full = np.zeros((stacked.shape[0], self.features_.n_features_))
            full[:, self.columns_[family_id]] = stacked
            stacked = full
        classes = self.classes_[family_id]
        if stacked.shape[0] == 1 and len(classes) == 2 and not family.multi:
            stacked = np.vstack([-stacked[0], stacked[0]])  # binary: the weights speak for classes[1]
        return classes, stacked

    def label_weights(self, family_id: str) -> tuple[list[str], np.ndarray]:
        """``coefficients`` as a (features × labels) C-ordered array, the shape evidence multiplies by."""
        classes, coefficients = self.coefficients(family_id)
        return classes, np.ascontiguousarray(coefficients.T)


class LoadedFeatures(FeatureBlocks):
    """Fitted feature blocks read from a bundle."""

    def __init__(self, blocks: dict[str, Block]):
        self._use(blocks)


@dataclass
class FrozenClassifier(Scoring):
    """A fitted classifier as plain data; ``save`` and ``load`` use one ``.npz`` of arrays and one JSON file.

    ``family_blocks``: the feature blocks each family reads (its columns); ``sentence_blocks``: those each
    sentence model reads.
    """

    features_: FeatureBlocks
    models_: dict[str, FrozenFamily]
    classes_: dict[str, list[str]]
    thresholds_: dict[str, dict[str, float]]
    biases_: dict[str, dict[str, float]]
    threshold: float
    family_blocks: dict[str, list[str]]
    sentence_weights_: dict[str, float] = field(default_factory=dict)
    sentence_models_: dict[str, FrozenFamily] = field(default_factory=dict)
    sentence_blocks: dict[str, list[str]] = field(default_factory=dict)
    columns_: dict[str, np.ndarray] = field(init=False)
    sentence_columns_: dict[str, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        self.columns_ = {fid: self.features_.columns(names) for fid, names in self.family_blocks.items()}
        self.sentence_columns_ = {fid: self.features_.columns(names) for fid, names in self.sentence_blocks.items()}
        self._label_weights: dict[str, tuple[list[str], np.ndarray]] = {}

    def label_weights(self, family_id: str) -> tuple[list[str], np.ndarray]:
        """Kept after the first call: a frozen classifier never changes, and every batch needs them."""
        if family_id not in self._label_weights:
            self._label_weights[family_id] = super().label_weights(family_id)
        return self._label_weights[family_id]

    def save(self, arrays_path: Path, structure_path: Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        blocks = []
        for name, block in self.features_.vectorizers_.items():
            arrays[f"blocks/{name}/terms"] = np.asarray(block.terms, dtype=str)
            arrays[f"blocks/{name}/idf"] = np.asarray(block.idf, dtype=float)
            blocks.append(
                {
                    "name": name,
                    "analyzer": block.analyzer,
                    "ngram_range": list(block.ngram_range),
                    "weight": block.weight,
                }
            )
        families = {
            fid: _save_family(family, f"families/{fid}", arrays) | {"blocks": self.family_blocks[fid]}
            for fid, family in self.models_.items()
        }
        sentence_families = {
            fid: _save_family(family, f"sentence_families/{fid}", arrays) | {"blocks": self.sentence_blocks[fid]}
            for fid, family in self.sentence_models_.items()
        }
        structure = {
            "blocks": blocks,
            "families": families,
            "classes": self.classes_,
            "thresholds": self.thresholds_,
            "biases": self.biases_,
            "sentence_weights": self.sentence_weights_,
            "sentence_families": sentence_families,
            "threshold": self.threshold,
        }
        with arrays_path.open("wb") as f:
            np.savez_compressed(f, **arrays)
        structure_path.write_text(json.dumps(structure, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, arrays_path: Path, structure_path: Path) -> FrozenClassifier:
        """Read a saved classifier; arrays holding Python objects are refused (nothing is unpickled)."""
        structure = json.loads(structure_path.read_text("utf-8"))
        with np.load(arrays_path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
        blocks = {
            b["name"]: Block(
                b["analyzer"],
                tuple(b["ngram_range"]),
                arrays[f"blocks/{b['name']}/terms"].tolist(),
                arrays[f"blocks/{b['name']}/idf"],
                float(b["weight"]),
            )
            for b in structure["blocks"]
        }
        models = {fid: _load_family(family, f"families/{fid}", arrays) for fid, family in structure["families"].items()}
        sentence_models = {
            fid: _load_family(family, f"sentence_families/{fid}", arrays)
            for fid, family in structure.get("sentence_families", {}).items()
        }
        family_blocks = {fid: list(family["blocks"]) for fid, family in structure["families"].items()}
        sentence_blocks = {
            fid: list(family["blocks"]) for fid, family in structure.get("sentence_families", {}).items()
        }
        return cls(
            LoadedFeatures(blocks),
            models,
            structure["classes"],
            structure["thresholds"],
            structure["biases"],
            float(structure["threshold"]),
            family_blocks,
            {fid: float(w) for fid, w in structure.get("sentence_weights", {}).items()},
            sentence_models,
            sentence_blocks,
        )


def _save_family(family: FrozenFamily, prefix: str, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """A family's units' arrays into ``arrays`` (keys under ``prefix``), and its structure for the JSON file."""
    units = []
    for i, unit in enumerate(family.units):
        units.append({"kind": unit.kind, "n_classes": unit.n_classes, "folds": unit.folds})
        for key in LinearProbabilities.ARRAYS:
            arrays[f"{prefix}/{i}/{key}"] = np.asarray(getattr(unit, key))
    return {"multi": family.multi, "units": units}


def _load_family(structure: dict[str, Any], prefix: str, arrays: dict[str, np.ndarray]) -> FrozenFamily:
    """The family ``_save_family`` wrote."""
    return FrozenFamily(
        bool(structure["multi"]),
        [
            LinearProbabilities(
                unit["kind"],
                int(unit["n_classes"]),
                folds=int(unit["folds"]),
                **{key: arrays[f"{prefix}/{i}/{key}"] for key in LinearProbabilities.ARRAYS},
            )
            for i, unit in enumerate(structure["units"])
        ],
    )


def freeze(classifier) -> FrozenClassifier:
    """A fitted ``CaseClassifier`` as plain data that scores the same."""
    features = LoadedFeatures(dict(classifier.features_.vectorizers_))
    models = {fid: freeze_family(model) for fid, model in classifier.models_.items()}
    return FrozenClassifier(
        features,
        models,
        dict(classifier.classes_),
        dict(classifier.thresholds_),
        dict(classifier.biases_),
        float(classifier.threshold),
        {fid: classifier._blocks(fid) for fid in classifier.models_},
        dict(getattr(classifier, "sentence_weights_", {})),
        {fid: freeze_family(model) for fid, model in getattr(classifier, "sentence_models_", {}).items()},
        {fid: classifier._sentence_blocks(fid) for fid in getattr(classifier, "sentence_models_", {})},
    )


def freeze_family(model) -> FrozenFamily:
    """A fitted scikit-learn family model (one-vs-rest for multi-label) as ``LinearProbabilities``."""
    from sklearn.multiclass import OneVsRestClassifier

    if isinstance(model, OneVsRestClassifier):
        return FrozenFamily(True, [_freeze_unit(estimator, 2) for estimator in model.estimators_])
    return FrozenFamily(False, [_freeze_unit(model, len(model.classes_))])


def _freeze_unit(model, n_classes: int) -> LinearProbabilities:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression

    if isinstance(model, CalibratedClassifierCV):
        if model.method != "sigmoid":
            raise ValueError(f"only sigmoid calibration can be frozen, not {model.method!r}")
        parts = model.calibrated_classifiers_
        coef = np.vstack([p.estimator.coef_ for p in parts])
        rows = parts[0].estimator.coef_.shape[0]
        positions = []
        for p in parts:
            found = np.searchsorted(p.classes, p.estimator.classes_)[:rows]
            positions.append(found + 1 if n_classes == 2 else found)
        return LinearProbabilities(
            "calibrated",
            n_classes,
            coef,
            np.concatenate([np.atleast_1d(p.estimator.intercept_) for p in parts]),
            folds=len(parts),
            a=np.array([c.a_ for p in parts for c in p.calibrators], dtype=float),
            b=np.array([c.b_ for p in parts for c in p.calibrators], dtype=float),
            positions=np.concatenate(positions).astype(int),
        )
    if isinstance(model, LogisticRegression):
        return LinearProbabilities("logistic", n_classes, np.asarray(model.coef_), np.atleast_1d(model.intercept_))
    if isinstance(model, DummyClassifier):
        constant = np.asarray(model.predict_proba(np.zeros((1, 1)))[0], dtype=float)
    elif hasattr(model, "y_"):  # one-vs-rest's stand-in for a label constant in training
        positive = float(np.ravel(model.y_)[0])
        constant = np.array([1.0 - positive, positive])
    else:
        raise ValueError(f"cannot freeze a {type(model).__name__}")
    return LinearProbabilities("constant", n_classes, np.zeros((1, 0)), np.zeros(0), constant=constant)
