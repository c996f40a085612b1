"""Round 6 of model selection (issue 5): screening ideas for barriers on the cross-validation folds.

    python bench/round6_screen.py [--seed 0] [--ideas baseline nb chi2 stack pooling mi]

Each outer fold's feature blocks are fitted on its training part (the shipped barrier blocks:
lemmas, concepts at half weight, character n-grams, difficulty sentences, notions), then each idea
is scored exactly as ``casemine.classify`` scores a multi-label family: one-vs-rest calibrated
linear SVMs (C=0.5, balanced), per-label cuts chosen for the family's micro-F1 on 3 inner folds of
the training part (so thresholds, stacking and selection never see the test fold). ``baseline``
reproduces the fifth round's barriers (0.608 / 0.611 micro-F1 on seeds 0 / 1). Ideas:

- ``nb``: NB-SVM, features scaled by each label's log-count ratio (binarised counts, smoothing 1);
- ``chi2``: per label, only the 5,000 features of highest chi-squared with the label;
- ``stack``: a second stage per label, logistic regression on the logits of the inner out-of-fold
  probabilities of all barrier labels (and of the driver labels), applied to the first stage's;
- ``pooling``: the case model also scores each sentence; case, best sentence, top-2 mean and mixes
  (``casemine.pooling`` is the kept one: (1 - w) * case + w * best sentence);
- ``mi``: a sentence SVM per label trained on the case labels, one multiple-instance relabelling
  pass (in a positive case only its two best sentences stay positive), pooled as above.

Prints micro-F1 / macro-F1 per idea. One process; about 1.5 min per idea and seed on a quiet core.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy.sparse import diags
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_selection import chi2
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier, best_threshold, family_thresholds  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.features import CaseFeatures  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.pooling import best_sentence  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402

INNER = KFold(3, shuffle=True, random_state=0)


class NBSVC(BaseEstimator, ClassifierMixin):
    """A linear SVM on features scaled by their naive-Bayes log-count ratio for the label."""

    def __init__(self, C: float = 0.5):
        self.C = C

    def _scale(self, X, y) -> np.ndarray:
        B = X.copy()
        B.data = np.ones_like(B.data)
        pos = y == self.classes_[-1]
        p = np.asarray(B[pos].sum(axis=0)).ravel() + 1.0
        q = np.asarray(B[~pos].sum(axis=0)).ravel() + 1.0
        return np.log((p / p.sum()) / (q / q.sum()))

    def fit(self, X, y):
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        scale = self._scale(X, y)
        svc = LinearSVC(C=self.C, class_weight="balanced", max_iter=20000).fit(X @ diags(scale), y)
        self.coef_, self.intercept_ = svc.coef_ * scale, svc.intercept_
        return self

    def decision_function(self, X):
        return np.asarray(X @ self.coef_.T).ravel() + self.intercept_[0]

    def predict(self, X):
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


class Chi2SVC(NBSVC):
    """A linear SVM on the ``k`` features of highest chi-squared with the label."""

    def __init__(self, C: float = 0.5, k: int = 5000):
        self.C, self.k = C, k

    def _scale(self, X, y) -> np.ndarray:
        score = np.nan_to_num(chi2(X, y)[0])
        keep = np.zeros(X.shape[1])
        keep[np.argsort(-score)[: self.k]] = 1.0
        return keep


def ovr(estimator=None) -> OneVsRestClassifier:
    base = estimator if estimator is not None else LinearSVC(C=0.5, class_weight="balanced", max_iter=20000)
    return OneVsRestClassifier(CalibratedClassifierCV(base, method="sigmoid", cv=2))


def cuts(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    start = [best_threshold(Y[:, k], P[:, k], 0.5) for k in range(Y.shape[1])]
    return np.array(family_thresholds(Y, P, start))


def f1s(Y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    micro = 2 * (pred & (Y == 1)).sum() / (pred.sum() + Y.sum())
    per = [
        2 * (pred[:, k] & (Y[:, k] == 1)).sum() / max(1, pred[:, k].sum() + Y[:, k].sum()) for k in range(Y.shape[1])
    ]
    return float(micro), float(np.mean(per))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def sentence_rows(bounds: np.ndarray, cases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sentence rows of some cases and their own bounds."""
    sizes = bounds[cases + 1] - bounds[cases]
    rows = np.concatenate([np.arange(bounds[c], bounds[c + 1]) for c in cases])
    return rows, np.concatenate([[0], np.cumsum(sizes)])


def top2(P: np.ndarray, bounds: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    out = np.array(fallback, dtype=float, copy=True)
    for i in range(len(bounds) - 1):
        if bounds[i + 1] > bounds[i]:
            out[i] = (-np.sort(-P[bounds[i] : bounds[i + 1]], axis=0))[:2].mean(axis=0)
    return out


def mi_models(S, bounds, cases, Y) -> list[LinearSVC]:
    """Per label, a sentence SVM on the case labels, then one relabelling pass (two best sentences per positive case)."""
    rows, own_bounds = sentence_rows(bounds, cases)
    owner = np.repeat(np.arange(len(cases)), np.diff(own_bounds))
    models = []
    for k in range(Y.shape[1]):
        y = Y[owner, k]
        model = LinearSVC(C=0.5, class_weight="balanced", max_iter=20000).fit(S[rows], y)
        scores, relabelled = model.decision_function(S[rows]), np.zeros_like(y)
        for j in np.flatnonzero(Y[:, k]):
            mine = np.arange(own_bounds[j], own_bounds[j + 1])
            relabelled[mine[np.argsort(-scores[mine])[:2]]] = 1
        models.append(LinearSVC(C=0.5, class_weight="balanced", max_iter=20000).fit(S[rows], relabelled))
    return models


def mi_scores(models, S, bounds, cases) -> tuple[np.ndarray, np.ndarray]:
    rows, own_bounds = sentence_rows(bounds, cases)
    P = 1 / (1 + np.exp(-np.column_stack([m.decision_function(S[rows]) for m in models])))
    empty = np.zeros((len(cases), len(models)))
    return best_sentence(P, own_bounds, empty), top2(P, own_bounds, empty)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ideas", nargs="*", default=["baseline", "nb", "chi2", "stack", "pooling", "mi"])
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    families = {f.id: f for f in SCHEME.families}
    Y = {
        fid: np.array([[int(lab in (c.labels.get(fid) or [])) for lab in families[fid].ids] for c in cases])
        for fid in ("barriers", "drivers")
    }
    Yb = Y["barriers"]
    blocks = CaseClassifier()._blocks("barriers")
    # per idea and variant: out-of-fold probabilities of the test cases and decisions
    results: dict[str, np.ndarray] = {}

    def record(name: str, test: np.ndarray, P: np.ndarray, inner_oof: np.ndarray, train: np.ndarray) -> None:
        results.setdefault(name, np.zeros(Yb.shape, dtype=bool))[test] = cuts(Yb[train], inner_oof) <= P

    for train, test in make_folds(cases, 5, args.seed):
        features = CaseFeatures(concept_weight=0.5, char=True, cues=True, notions=True).fit(
            [analyses[i] for i in train]
        )
        columns = features.columns(blocks)
        X = features.transform(analyses)[:, columns].tocsr()
        Ytr = Yb[train]
        if {"baseline", "stack", "pooling"} & set(args.ideas):
            model = ovr().fit(X[train], Ytr)
            P = model.predict_proba(X[test])
            oof = cross_val_predict(ovr(), X[train], Ytr, cv=INNER, method="predict_proba")
            record("baseline", test, P, oof, train)
        for name, estimator in (("nb", NBSVC(0.5)), ("nb C=0.1", NBSVC(0.1)), ("chi2", Chi2SVC())):
            if name.split()[0] in args.ideas:
                p = ovr(estimator).fit(X[train], Ytr).predict_proba(X[test])
                o = cross_val_predict(ovr(estimator), X[train], Ytr, cv=INNER, method="predict_proba")
                record(name, test, p, o, train)
        if "stack" in args.ideas:
            Yd = Y["drivers"][train]
            Pd = ovr().fit(X[train], Yd).predict_proba(X[test])
            Od = cross_val_predict(ovr(), X[train], Yd, cv=INNER, method="predict_proba")
            for name, tr_z, te_z, C in (
                ("stack: own score only", None, None, 1.0),
                ("stack: barrier scores", logit(oof), logit(P), 1.0),
                (
                    "stack: barrier + driver scores",
                    np.hstack([logit(oof), logit(Od)]),
                    np.hstack([logit(P), logit(Pd)]),
                    1.0,
                ),
                (
                    "stack: barrier + driver scores, C=0.1",
                    np.hstack([logit(oof), logit(Od)]),
                    np.hstack([logit(P), logit(Pd)]),
                    0.1,
                ),
            ):
                p2, o2 = np.zeros(P.shape), np.zeros(oof.shape)
                for k in range(Yb.shape[1]):
                    a = logit(oof[:, [k]]) if tr_z is None else tr_z
                    b = logit(P[:, [k]]) if te_z is None else te_z
                    p2[:, k] = LogisticRegression(C=C, max_iter=2000).fit(a, Ytr[:, k]).predict_proba(b)[:, 1]
                    o2[:, k] = cross_val_predict(
                        LogisticRegression(C=C, max_iter=2000), a, Ytr[:, k], cv=INNER, method="predict_proba"
                    )[:, 1]
                record(name, test, p2, o2, train)
        if {"pooling", "mi"} & set(args.ideas):
            S_all, bounds = features.sentence_features(analyses)
            S_all = S_all[:, columns].tocsr()
        if "pooling" in args.ideas:
            rows, tb = sentence_rows(bounds, test)
            Ps = model.predict_proba(S_all[rows])
            test_parts = (P, best_sentence(Ps, tb, P), top2(Ps, tb, P))
            oof_parts = [np.zeros(oof.shape) for _ in range(3)]
            for itr, ite in INNER.split(train):
                inner_model = ovr().fit(X[train[itr]], Ytr[itr])
                rows, ib = sentence_rows(bounds, train[ite])
                case, Ps = inner_model.predict_proba(X[train[ite]]), inner_model.predict_proba(S_all[rows])
                for part, value in zip(oof_parts, (case, best_sentence(Ps, ib, case), top2(Ps, ib, case)), strict=True):
                    part[ite] = value
            mixes = {
                "pooling: best sentence alone": lambda c, b, t: b,
                "pooling: top-2 sentences alone": lambda c, b, t: t,
                "pooling: (case + top-2) / 2": lambda c, b, t: (c + t) / 2,
                "pooling: (case + best + top-2) / 3": lambda c, b, t: (c + b + t) / 3,
                "pooling: sqrt(case * best)": lambda c, b, t: np.sqrt(c * b),
            } | {
                f"pooling: case + best, w={w}": (lambda c, b, t, w=w: (1 - w) * c + w * b)
                for w in (0.3, 0.4, 0.5, 0.6, 0.7)
            }
            for name, mix in mixes.items():
                record(name, test, mix(*test_parts), mix(*oof_parts), train)
        if "mi" in args.ideas:
            best, two = mi_scores(mi_models(S_all, bounds, train, Ytr), S_all, bounds, test)
            oof_best, oof_two = np.zeros(Ytr.shape), np.zeros(Ytr.shape)
            for itr, ite in INNER.split(train):
                oof_best[ite], oof_two[ite] = mi_scores(
                    mi_models(S_all, bounds, train[itr], Ytr[itr]), S_all, bounds, train[ite]
                )
            record("mi: best sentence", test, best, oof_best, train)
            record("mi: top-2 sentences", test, two, oof_two, train)
            if "pooling" in args.ideas or "baseline" in args.ideas:
                record("mi: (case + best) / 2", test, (P + best) / 2, (oof + oof_best) / 2, train)
        print(f"fold of {len(test)} cases done", file=sys.stderr, flush=True)
    print(f"barriers, seed {args.seed}: micro-F1 / macro-F1 (labels per case; gold {Yb.sum() / len(Yb):.2f})")
    for name, pred in results.items():
        micro, macro = f1s(Yb, pred)
        print(f"  {name:<45} {micro:.3f} / {macro:.3f}  ({pred.sum() / len(Yb):.2f})")


if __name__ == "__main__":
    main()
