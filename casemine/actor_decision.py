"""A learned last word on some actor kinds: the rules' evidence for the kind read beside what the whole case means.

The actor rules (``actors``, ``phrases``) report a kind when one of its terms appears. Most of the kinds they miss are
never named by a term ("homeless people employed" are the service's users, "the Texas transportation department" a
state body), which the case's sentence vector (``casemine.vectors``: the unit mean of its sentences') can carry. For
each kind in ``kinds``, a logistic regression reads the rules' evidence for the kind (``actor_features``, kept in the
analysis) and the case's vector; the other kinds stay the rules'. Fitted on the entity gold's corpus and written
cases by ``bench/actor_model.py --write`` (never on Participedia texts, whose licence keeps them out of shipped
weights); weights in ``data/entities/actor_decision.json``, applied with NumPy.

Deciding needs the case's sentence vectors, which tagging encodes anyway for the classifiers, in a second thread
(``tagging.tag_batches``): ``nlp.analyse`` keeps the rules' kinds and their evidence (so that the parse cache does not
depend on these weights), and ``settle`` gives each analysis its decided kinds once the vectors are there.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.actors import ACTOR_KINDS, public_levels

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Span

    from casemine.nlp import Analysis

MODEL_PATH = Path(__file__).parent / "data" / "entities" / "actor_decision.json"
# the kinds the decision improved in cross-validation on the gold (docs/benchmarks.md, twentieth session); the rules
# stay better for civil-society organisations, professionals and regional bodies
LEARNED_KINDS = ("citizens", "service_users", "volunteers", "carers", "public_national", "public_local")


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8)) -> str:
    """``n`` as the largest edge it reaches ("5" for 5 to 7)."""
    return str(max([e for e in edges if n >= e] or [edges[0]]))


def actor_features(
    doc: Doc,
    lang: str,
    evidence: list[tuple[str, Span, str]],
    entities: dict[str, list],
    near: bool = True,
    words: bool = False,
) -> dict[str, list[str]]:
    """Each actor kind's evidence in one case, as strings (each present feature has the value 1).

    ``evidence`` is every match of an actor term with why the rules refuse it ("" when it counts:
    ``phrases.actor_evidence``), ``entities`` the rules' extraction (its actor kinds and organisations); ``words``
    adds the text's content lemmas (a screen of ``bench/actor_model.py``)."""
    n_tokens = max(len(doc), 1)
    orgs: dict[str, int] = dict.fromkeys(ACTOR_KINDS, 0)
    for org in entities.get("organisations", []):
        if org["kind"] == "civil_society":
            orgs["csos"] += 1
        elif org["kind"] == "public":
            for level in public_levels(org["name"]):
                orgs[level] += 1
    lemmas = (
        sorted({f"doc={t.lemma_.casefold()}" for t in doc if t.is_alpha and not t.is_stop and len(t) > 2})
        if words
        else []
    )
    other_orgs = sum(o["kind"] not in ("public", "civil_society") for o in entities.get("organisations", []))
    public_orgs = sum(o["kind"] == "public" for o in entities.get("organisations", []))
    out = {}
    for kind in ACTOR_KINDS:
        mine = [(span, why) for k, span, why in evidence if k == kind]
        counted = [span for span, why in mine if not why]
        ruled = kind in entities.get("actors", [])
        features = [
            "rule" if ruled else "no_rule",
            f"rule={ruled}&{lang}",
            f"counted={_bucket(len(counted))}",
            f"matched={_bucket(len(mine))}",
            f"rule={ruled}&counted={_bucket(len(counted))}",
            f"terms={min(len({s.text.casefold() for s in counted}), 3)}",
            f"orgs={_bucket(orgs[kind], (0, 1, 2, 3))}",
        ]
        if counted:
            first = counted[0].start / n_tokens
            features.append("first=" + ("start" if first < 0.1 else "early" if first < 0.35 else "late"))
            per_k = 1000 * len(counted) / n_tokens
            features.append("density=" + ("low" if per_k < 2 else "mid" if per_k < 6 else "high"))
            features.append(f"length={'short' if n_tokens < 600 else 'mid' if n_tokens < 1500 else 'long'}")
        reasons: dict[str, int] = {}
        for _, why in mine:
            if why:
                reasons[why] = reasons.get(why, 0) + 1
        features += [f"why={r}" for r in sorted(reasons)]
        features += [f"why={r}&{'many' if n > 1 else 'one'}" for r, n in sorted(reasons.items())]
        features += sorted({f"term={s.text.casefold()}" for s in counted})
        features += sorted({f"refused={s.text.casefold()}" for s, why in mine if why})
        if near:
            window = {
                t.lemma_.casefold()
                for s in counted
                for t in list(doc[max(0, s.start - 2) : s.start]) + list(doc[s.end : s.end + 2])
                if t.is_alpha and len(t) > 2
            }
            features += sorted(f"near={w}" for w in window)
        features += [f"other_orgs={_bucket(other_orgs, (0, 1, 3))}", f"public_orgs={_bucket(public_orgs, (0, 1, 3))}"]
        out[kind] = features + lemmas
    return out


class ActorDecision:
    """One logistic regression per kind of ``kinds`` over the kind's ``actor_features`` (those seen in at least
    ``min_count`` cases) and ``vector_weight`` times the case's vector (estimator conventions: parameters in
    ``__init__``, fitted state ending in ``_``). A case names a learned kind when its probability reaches
    ``threshold``; the other kinds are the rules'."""

    def __init__(
        self,
        kinds: Sequence[str] = LEARNED_KINDS,
        vector_weight: float = 1.0,
        threshold: float = 0.5,
        min_count: int = 3,
        C: float = 1.0,
    ):
        self.kinds = kinds
        self.vector_weight = vector_weight
        self.threshold = threshold
        self.min_count = min_count
        self.C = C

    def fit(
        self, features: list[dict[str, list[str]]], vectors: np.ndarray, gold: list[Sequence[str]], groups: list[str]
    ) -> ActorDecision:
        """Fit on each case's features per kind, its vector (one row per case), its gold kinds and its group (the
        case id: a feature must be seen in ``min_count`` groups)."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        from casemine.org_filter import one_hot

        self.weights_: dict[str, dict[str, float]] = {}
        self.vector_weights_: dict[str, np.ndarray] = {}
        self.biases_: dict[str, float] = {}
        for kind in self.kinds:
            vocabulary, x = one_hot([f[kind] for f in features], groups, self.min_count)
            y = [int(kind in g) for g in gold]
            model = LogisticRegression(C=self.C, max_iter=5000).fit(np.hstack([x, self.vector_weight * vectors]), y)
            coef = model.coef_[0]
            self.weights_[kind] = {f: float(w) for f, w in zip(vocabulary, coef[: len(vocabulary)], strict=True)}
            self.vector_weights_[kind] = (self.vector_weight * coef[len(vocabulary) :]).astype(np.float32)
            self.biases_[kind] = float(model.intercept_[0])
        return self

    def probability(self, kind: str, features: list[str], vector: np.ndarray) -> float:
        weights = self.weights_[kind]
        z = self.biases_[kind] + sum(weights.get(f, 0.0) for f in set(features))
        z += float(vector @ self.vector_weights_[kind])
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, rules: Sequence[str], features: dict[str, list[str]], vector: np.ndarray) -> list[str]:
        """The kinds a case names, in ``ACTOR_KINDS`` order: the learned kinds whose probability reaches the
        threshold, and the rules' (``rules``) others."""
        return [
            k
            for k in ACTOR_KINDS
            if (self.probability(k, features.get(k, []), vector) >= self.threshold if k in self.kinds else k in rules)
        ]

    def to_json(self) -> dict[str, Any]:
        from casemine.vectors import encoder_version

        return {
            "_doc": "Weights of casemine.actor_decision.ActorDecision, written by bench/actor_model.py --write.",
            "params": {
                "kinds": list(self.kinds),
                "vector_weight": self.vector_weight,
                "threshold": self.threshold,
                "min_count": self.min_count,
                "C": self.C,
            },
            "encoder": encoder_version(),
            "biases": self.biases_,
            "weights": {k: {f: round(w, 6) for f, w in sorted(ws.items()) if w} for k, ws in self.weights_.items()},
            "vector_weights": {k: [round(float(w), 7) for w in ws] for k, ws in self.vector_weights_.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorDecision:
        import numpy as np

        model = cls(**data["params"])
        model.biases_ = data["biases"]
        model.weights_ = data["weights"]
        model.vector_weights_ = {k: np.asarray(w, dtype=np.float32) for k, w in data["vector_weights"].items()}
        return model


@cache
def shipped_decision() -> ActorDecision | None:
    """The decision fitted on the gold, or None when no weights are shipped (the rules' kinds then stand)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    from casemine.vectors import EncoderMissing, version_problem

    if problem := version_problem(data["encoder"]):
        raise EncoderMissing(f"the actor-kind decision reads sentence vectors, but {problem}")
    return ActorDecision.from_json(data)


def settle(
    analyses: Sequence[Analysis | None],
    encoded: np.ndarray | None = None,
    keep: bool = False,
    decision: ActorDecision | None = None,
) -> list[Analysis | None]:
    """The analyses with their actor kinds decided (None stays None): each case's vector from its sentences'
    (``encoded``: their vectors, already made, in order; else encoded now, ``keep`` using the vector store), read
    by ``decision`` (default: the shipped one; without one, the analyses as they are)."""
    decision = decision or shipped_decision()
    present = [a for a in analyses if a is not None]
    if decision is None or not present:
        return list(analyses)
    from casemine.vectors import text_vectors

    _, T = text_vectors([a.sentences for a in present], keep, encoded)
    decided = iter(
        replace(
            a, entities={**a.entities, "actors": decision.decide(a.entities.get("actors", []), a.actor_features, t)}
        )
        for a, t in zip(present, T, strict=True)
    )
    return [None if a is None else next(decided) for a in analyses]
