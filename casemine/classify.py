"""One classifier per label family, behind a single scikit-learn-style estimator.

Single-label families (``scope``, ``sector``) use a multinomial logistic regression;
multi-label families use one logistic regression per label. ``type`` is learned only from
co-production cases and predicted only for cases whose predicted scope is co-production.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from casemine.features import CaseFeatures
from casemine.nlp import Analysis
from casemine.scheme import SCHEME

LabelSet = dict[str, Any]  # a case's labels in the exchange format's shape


def family_confidence(probabilities: dict[str, float], multi: bool) -> float:
    """How sure the model is of a family's whole answer.

    Single-label: the probability of the chosen label. Multi-label: the least certain
    yes/no decision among the family's labels.
    """
    if not probabilities:
        return 0.0
    if not multi:
        return max(probabilities.values())
    return min(max(p, 1.0 - p) for p in probabilities.values())


class CaseClassifier(BaseEstimator):
    """Tags parsed cases with every label family of the scheme.

    Parameters: ``C`` (inverse regularisation of the logistic regressions), ``threshold``
    (probability above which a multi-label family's label is assigned), and the feature
    settings ``ngram_range``, ``min_df``, ``concepts`` and ``concept_weight`` (see ``CaseFeatures``).
    """

    def __init__(
        self,
        C: float = 10.0,
        threshold: float = 0.5,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        concepts: bool = True,
        concept_weight: float = 1.0,
    ):
        self.C = C
        self.threshold = threshold
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.concepts = concepts
        self.concept_weight = concept_weight

    def _estimator(self, multi: bool):
        base = LogisticRegression(C=self.C, class_weight="balanced", max_iter=5000)
        return OneVsRestClassifier(base) if multi else base

    def fit(self, analyses: Sequence[Analysis], labels: Sequence[LabelSet]) -> CaseClassifier:
        if len(analyses) != len(labels):
            raise ValueError("analyses and labels must have the same length")
        self.features_ = CaseFeatures(
            ngram_range=self.ngram_range, min_df=self.min_df, concepts=self.concepts, concept_weight=self.concept_weight
        ).fit(analyses)
        X = self.features_.transform(analyses)
        self.models_: dict[str, Any] = {}
        self.classes_: dict[str, list[str]] = {}
        for family in SCHEME.families:
            rows = [
                i
                for i, lab in enumerate(labels)
                if family.only_when_scope is None or lab.get("scope") == family.only_when_scope
            ]
            if family.multi:
                Y = np.array([[int(lid in (labels[i].get(family.id) or [])) for lid in family.ids] for i in rows])
                classes = list(family.ids)
                if len(rows) == 0:
                    raise ValueError(f"no training cases for family {family.id!r}")
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
                    warnings.filterwarnings("ignore", message="Label not .* is present in all training examples")
                    model = self._estimator(True).fit(X[rows], Y)
            else:
                rows = [i for i in rows if labels[i].get(family.id) is not None]
                y = [labels[i][family.id] for i in rows]
                classes = sorted(set(y))
                if not classes:
                    raise ValueError(f"no training cases for family {family.id!r}")
                model = DummyClassifier(strategy="most_frequent") if len(classes) == 1 else self._estimator(False)
                model.fit(X[rows], y)
                classes = [str(c) for c in model.classes_]
            self.models_[family.id] = model
            self.classes_[family.id] = classes
        return self

    def predict_scores(self, analyses: Sequence[Analysis]) -> list[dict[str, dict[str, float]]]:
        """Per case, per family, the probability of every label (``type`` only for co-production)."""
        X = self.features_.transform(analyses)
        probs = {fid: model.predict_proba(X) for fid, model in self.models_.items()}
        out = []
        for i in range(len(analyses)):
            out.append(
                {
                    fid: {c: round(float(p), 4) for c, p in zip(self.classes_[fid], probs[fid][i], strict=True)}
                    for fid in self.models_
                }
            )
        return out

    def decide(self, scores: dict[str, dict[str, float]]) -> LabelSet:
        """Labels from one case's scores, respecting the scheme's rules."""
        labels = SCHEME.empty_labels()
        for family in SCHEME.families:
            fam_scores = scores[family.id]
            if family.multi:
                labels[family.id] = [lid for lid in family.ids if fam_scores.get(lid, 0.0) >= self.threshold]
            else:
                labels[family.id] = max(fam_scores, key=fam_scores.get)
        for family in SCHEME.families:
            if family.only_when_scope and labels["scope"] != family.only_when_scope:
                labels[family.id] = []
        return labels

    def predict(self, analyses: Sequence[Analysis]) -> list[LabelSet]:
        return [self.decide(s) for s in self.predict_scores(analyses)]
