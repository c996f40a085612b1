"""A learned last check on the organisation names the rules keep: a logistic regression over a few
features of each name (how the model or a rule found it, its kind, its first and last words, its
length, how often the text repeats it, the word before it), trained on the hand-annotated gold cases
by ``bench/org_filter.py`` and shipped as plain JSON weights in ``data/entities/org_filter.json``.

The rules find most names; what they cannot tell apart is a one-off capitalised phrase that names no
body ("Hill", "Adhocracy") from a rarely named one ("Sanergy"). The weights do that from the gold
cases, and the bench reports their effect on cases they were not trained on.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.acronyms import is_acronym
from casemine.names import count_whole, doc_text, normalise_name

if TYPE_CHECKING:
    from spacy.tokens import Span

MODEL_PATH = Path(__file__).parent / "data" / "entities" / "org_filter.json"

_DETERMINERS = {"the", "le", "la", "les", "l'", "l’", "a", "an", "un", "une", "des"}
_PREPOSITIONS = {
    "of", "by", "with", "from", "for", "to", "at", "and", "de", "du", "par", "avec", "à", "au", "aux", "pour", "et",
    "d'", "d’", "between", "entre",
}  # fmt: skip


def organisation_features(ent: Span, name: str, kind: str, rule_kind: str, lang: str) -> list[str]:
    """The features of one organisation name, as strings (each present feature has the value 1)."""
    doc = ent.doc
    key = normalise_name(name)
    words = key.split()
    mentions = count_whole(doc_text(doc), name, limit=3)
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    features = [
        f"src={ent.label_}",
        f"rule={rule_kind or 'none'}",
        f"kind={kind}",
        f"words={min(len(words), 4)}",
        f"mentions={min(mentions, 3)}",
        f"lang={lang}",
        f"first={words[0] if words else ''}",
        f"last={words[-1] if words else ''}",
        "before=det" if before in _DETERMINERS else "before=prep" if before in _PREPOSITIONS else "before=other",
    ]
    window = list(doc[max(0, ent.start - 3) : ent.start]) + list(doc[ent.end : ent.end + 3])
    features += sorted({f"near={t.lemma_.lower()}" for t in window if t.is_alpha and t.is_lower and len(t) > 2})
    if is_acronym(name):
        features.append("acronym")
    if any(c.isdigit() for c in name):
        features.append("digit")
    if ent.start == 0 or doc[ent.start].is_sent_start or "\n" in doc[ent.start - 1].whitespace_:
        features.append("line_start")
    if all(w[:1].isupper() for w in name.split() if w.isalpha() and len(w) > 3):
        features.append("all_title")
    if len(words) == 1 and kind == "other":
        features.append("single_other")
    return features


class OrganisationFilter:
    """Logistic regression over organisation features (estimator conventions: parameters in ``__init__``,
    fitted state ending in ``_``). ``keep`` is true when the probability is at least ``threshold_``."""

    def __init__(self, C: float = 1.0, threshold: float = 0.3, min_count: int = 3):
        self.C = C
        self.threshold = threshold
        self.min_count = min_count

    def fit(self, features: list[list[str]], labels: list[int], groups: list[str]) -> OrganisationFilter:
        """Fit on feature lists and 0/1 labels (1: the name is a gold organisation), each from the case named in
        ``groups``; features found in fewer than ``min_count`` cases are dropped, so that no one text's names
        become weights."""
        from collections import defaultdict

        from sklearn.linear_model import LogisticRegression

        cases = defaultdict(set)
        for fs, group in zip(features, groups, strict=True):
            for f in fs:
                cases[f].add(group)
        self.vocabulary_ = sorted(f for f, seen in cases.items() if len(seen) >= self.min_count)
        index = {f: i for i, f in enumerate(self.vocabulary_)}
        import numpy as np

        x = np.zeros((len(features), len(index)))
        for row, fs in enumerate(features):
            for f in fs:
                if f in index:
                    x[row, index[f]] = 1.0
        model = LogisticRegression(C=self.C, max_iter=1000)
        model.fit(x, labels)
        self.weights_ = {f: float(w) for f, w in zip(self.vocabulary_, model.coef_[0], strict=True) if abs(w) > 1e-6}
        self.bias_ = float(model.intercept_[0])
        self.threshold_ = self.threshold
        return self

    def probability(self, features: list[str]) -> float:
        z = self.bias_ + sum(self.weights_.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold_

    def to_json(self) -> dict[str, Any]:
        return {
            "_doc": "Weights of casemine.org_filter.OrganisationFilter, written by bench/org_filter.py.",
            "params": {"C": self.C, "threshold": self.threshold, "min_count": self.min_count},
            "bias": self.bias_,
            "threshold": self.threshold_,
            "weights": dict(sorted(self.weights_.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OrganisationFilter:
        model = cls(**data["params"])
        model.weights_ = data["weights"]
        model.bias_ = data["bias"]
        model.threshold_ = data["threshold"]
        model.vocabulary_ = sorted(model.weights_)
        return model


@cache
def shipped_filter() -> OrganisationFilter | None:
    """The filter trained on all gold cases, or None when no weights are shipped."""
    if not MODEL_PATH.exists():
        return None
    return OrganisationFilter.from_json(json.loads(MODEL_PATH.read_text("utf-8")))
