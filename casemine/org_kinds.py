"""The learned kind of an organisation the rules could not classify: a multinomial logistic regression over the
organisation check's features of the name and the words around its mentions, trained on the gold cases by
``bench/org_kinds.py --write`` and shipped as plain JSON weights in ``data/entities/org_kinds.json`` (applied
without scikit-learn).

Why: most civil-society organisations the extraction misses are found but left with the kind ``other``, names with
no cue word ("Waste Concern", "Night Ravens") whose text says what they are ("an NGO", "the charity", "volunteers
who…"). The model only ever turns such an ``other`` into ``civil_society``: a kind the rules gave is kept, since the
learned kind did no better on public bodies (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.org_filter import one_hot

if TYPE_CHECKING:
    from casemine.org_filter import Candidate

MODEL_PATH = Path(__file__).parent / "data" / "entities" / "org_kinds.json"


def kind_features(c: Candidate, window: int = 6, sentences: bool = True) -> list[str]:
    """The check's features of a candidate, the content lemmas ``window`` tokens either side of each mention
    (``ctx=``) and, with ``sentences``, those of the sentences holding a mention (``sent=``)."""
    near: set[str] = set()
    for span in c.spans:
        doc = span.doc
        for t in list(doc[max(0, span.start - window) : span.start]) + list(doc[span.end : span.end + window]):
            if t.is_alpha and not t.is_stop and len(t) > 2:
                near.add(f"ctx={t.lemma_.lower()}")
        if sentences:
            near |= {f"sent={t.lemma_.lower()}" for t in span.sent if t.is_alpha and not t.is_stop and len(t) > 2}
    return c.features + sorted(near)


class KindModel:
    """Multinomial logistic regression from kind features to an organisation kind (estimator conventions:
    parameters in ``__init__``, fitted state ending in ``_``). Features seen in fewer than ``min_count`` cases are
    dropped, so that no one text's words become weights."""

    def __init__(self, C: float = 1.0, min_count: int = 3, window: int = 6, sentences: bool = True):
        self.C = C
        self.min_count = min_count
        self.window = window
        self.sentences = sentences

    def features(self, c: Candidate) -> list[str]:
        """What the model reads of a candidate (``kind_features`` with the model's window and sentences)."""
        return kind_features(c, self.window, self.sentences)

    def fit(self, features: list[list[str]], kinds: list[str], groups: list[str]) -> KindModel:
        """Fit on feature lists and gold kinds, each from the case named in ``groups``."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        self.vocabulary_, x = one_hot(features, groups, self.min_count)
        model = LogisticRegression(C=self.C, max_iter=2000).fit(x, kinds)
        self.classes_ = [str(k) for k in model.classes_]
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:  # one row of weights, for the second class against the first
            coef, intercept = np.vstack([np.zeros_like(coef[0]), coef[0]]), [0.0, intercept[0]]
        self.weights_ = {
            kind: {f: float(w) for f, w in zip(self.vocabulary_, row, strict=True) if abs(w) > 1e-6}
            for kind, row in zip(self.classes_, coef, strict=True)
        }
        self.bias_ = {kind: float(b) for kind, b in zip(self.classes_, intercept, strict=True)}
        return self

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """Each kind's probability: the softmax of the linear scores, as scikit-learn's ``predict_proba``."""
        scores = {k: self.bias_[k] + sum(self.weights_[k].get(f, 0.0) for f in features) for k in self.classes_}
        top = max(scores.values())
        exp = {k: math.exp(s - top) for k, s in scores.items()}
        total = sum(exp.values())
        return {k: e / total for k, e in exp.items()}

    def predict(self, features: list[str]) -> str:
        """The most probable kind."""
        probabilities = self.probabilities(features)
        return max(self.classes_, key=probabilities.__getitem__)

    def kind(self, c: Candidate) -> str:
        """The candidate's kind: the rules' own, except that an ``other`` the model reads as civil society is one."""
        if c.kind == "other" and self.predict(self.features(c)) == "civil_society":
            return "civil_society"
        return c.kind

    def to_json(self) -> dict[str, Any]:
        return {
            "_doc": "Weights of casemine.org_kinds.KindModel, written by bench/org_kinds.py --write.",
            "params": {"C": self.C, "min_count": self.min_count, "window": self.window, "sentences": self.sentences},
            "classes": self.classes_,
            "bias": self.bias_,
            "weights": {k: dict(sorted(w.items())) for k, w in self.weights_.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KindModel:
        model = cls(**data["params"])
        model.classes_ = data["classes"]
        model.bias_ = data["bias"]
        model.weights_ = data["weights"]
        model.vocabulary_ = sorted({f for w in model.weights_.values() for f in w})
        return model


@cache
def shipped_kinds() -> KindModel | None:
    """The model trained on all gold cases, or None when no weights are shipped."""
    if not MODEL_PATH.exists():
        return None
    return KindModel.from_json(json.loads(MODEL_PATH.read_text("utf-8")))
