"""Round 7 screen: what do sentence models trained on the corpus's rationales add to drivers and barriers?

    PYTHONPATH=. python3 bench/round7_screen.py [--seed 0]

Per outer fold (``make_folds``, 5 folds), the shipped case classifier is fitted on the training part
(no rationales: its models and feature blocks); each idea then scores the held-out cases' drivers and
barriers, and the pooled out-of-fold scores of every case are cut by ``family_thresholds`` chosen on
those same scores: optimistic (the real thresholds come from inner folds), but the same for every
row, so rows compare. Prints the family's micro-F1 per idea. One process; about 12 minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.calibration import CalibratedClassifierCV  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import KFold, cross_val_predict  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from casemine.classify import CaseClassifier, best_threshold, family_thresholds  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.pooling import best_sentence  # noqa: E402
from casemine.rationales import corpus_targets  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402

FAMILIES = ("drivers", "barriers")


def svm(C: float = 0.5, balanced: bool = True):
    weight = "balanced" if balanced else None
    return CalibratedClassifierCV(LinearSVC(C=C, class_weight=weight, max_iter=20000), method="sigmoid", cv=2)


SENTENCE_MODELS = {
    "SVM C=0.1": lambda: svm(0.1),
    "SVM C=2": lambda: svm(2.0),
    "SVM C=0.5, no class weights": lambda: svm(balanced=False),
    "logistic regression C=4": lambda: LogisticRegression(C=4, class_weight="balanced", max_iter=3000),
}


def micro_f1(Y: np.ndarray, P: np.ndarray) -> float:
    """Micro-F1 at the family thresholds chosen on these scores."""
    start = [best_threshold(Y[:, k], P[:, k]) for k in range(Y.shape[1])]
    predicted = np.array(family_thresholds(Y, P, start)) <= P
    return 2 * float((predicted & (Y == 1)).sum()) / float(predicted.sum() + Y.sum())


def with_neighbours(S, bounds: np.ndarray, weight: float):
    """Each sentence's row plus ``weight`` times its neighbours' in the same case."""
    n = S.shape[0]
    previous = np.array([i - 1 for c in range(len(bounds) - 1) for i in range(bounds[c] + 1, bounds[c + 1])])
    shift = sp.csr_matrix((np.ones(len(previous)), (previous + 1, previous)), shape=(n, n))
    return S + weight * (shift @ S + shift.T @ S)


def attention_rows(S, bounds: np.ndarray, weights: np.ndarray):
    """Per case, the mean of its sentence rows weighted by ``weights``, L2-normalised."""
    rows = []
    for c in range(len(bounds) - 1):
        part, w = S[bounds[c] : bounds[c + 1]], weights[bounds[c] : bounds[c + 1]]
        rows.append(
            sp.csr_matrix(w.reshape(1, -1)) @ part / max(w.sum(), 1e-9)
            if part.shape[0]
            else sp.csr_matrix((1, S.shape[1]))
        )
    M = sp.vstack(rows).tocsr()
    norms = np.sqrt(np.asarray(M.multiply(M).sum(axis=1)).ravel())
    return sp.diags(1 / np.where(norms == 0, 1, norms)) @ M


class Fold:
    """One outer fold: the case classifier fitted on its training part, and every sentence's rows."""

    def __init__(self, cases, analyses, targets, gold: dict[str, np.ndarray], train, test):
        self.train, self.test = train, test
        self.gold_train = {f: gold[f][train] for f in FAMILIES}
        self.clf = CaseClassifier().fit([analyses[i] for i in train], [cases[i].labels for i in train])
        features = self.clf.features_
        self.S_train, self.b_train = features.sentence_features([analyses[i] for i in train])
        self.S_test, self.b_test = features.sentence_features([analyses[i] for i in test])
        X_test = features.transform([analyses[i] for i in test])
        self.case = {f: self.clf.models_[f].predict_proba(self.clf._columns(f, X_test)) for f in FAMILIES}
        self.targets = [targets[i] for i in train]

    def marked(self, family_id: str) -> np.ndarray:
        """The training sentences' rationale labels (sentences × labels)."""
        ids = SCHEME[family_id].ids
        return np.array([[int(x in stated) for x in ids] for t in self.targets for stated in t[family_id]])

    def sentence_scores(self, family_id: str, make, context: float = 0.0, char: bool = True) -> np.ndarray:
        """Held-out sentences' scores from a sentence model (``make``) fitted on the marked training sentences,
        reading the family's blocks (without the character n-grams unless ``char``)."""
        blocks = [b for b in self.clf._blocks(family_id) if char or b != "char"]
        columns = self.clf.features_.columns(blocks)
        S_train, S_test = self.S_train[:, columns], self.S_test[:, columns]
        if context:
            S_train, S_test = (
                with_neighbours(S_train, self.b_train, context),
                with_neighbours(S_test, self.b_test, context),
            )
        return OneVsRestClassifier(make()).fit(S_train, self.marked(family_id)).predict_proba(S_test)

    def case_model_sentences(self, family_id: str) -> np.ndarray:
        return self.clf.models_[family_id].predict_proba(self.clf._columns(family_id, self.S_test))

    def attention(self, family_id: str) -> np.ndarray:
        """Case scores from the case read through its likely family sentences (a detector's weights)."""
        columns = self.clf.columns_[family_id]
        S_train, S_test = self.S_train[:, columns], self.S_test[:, columns]
        any_label = self.marked(family_id).any(axis=1).astype(int)
        detector = LogisticRegression(C=4, class_weight="balanced", max_iter=3000).fit(S_train, any_label)
        A_train = attention_rows(S_train, self.b_train, np.where(any_label > 0, 1.0, 0.1))
        A_test = attention_rows(S_test, self.b_test, detector.predict_proba(S_test)[:, 1])
        return OneVsRestClassifier(svm()).fit(A_train, self.gold_train[family_id]).predict_proba(A_test)


def aggregate(per_sentence: np.ndarray, bounds: np.ndarray, fallback: np.ndarray, how: str) -> np.ndarray:
    if how == "best":
        return best_sentence(per_sentence, bounds, fallback)
    out = np.array(fallback, dtype=float)
    for c in range(len(bounds) - 1):
        part = per_sentence[bounds[c] : bounds[c + 1]]
        if len(part):
            out[c] = np.sort(part, axis=0)[::-1][:2].mean(axis=0) if how == "top two" else 1 - np.prod(1 - part, axis=0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    targets = corpus_targets(cases, analyses)
    if any(t is None for t in targets):
        sys.exit("every corpus case needs rationales for this screen")
    gold = {f: np.array([[int(x in c.labels[f]) for x in SCHEME[f].ids] for c in cases]) for f in FAMILIES}
    folds = [Fold(cases, analyses, targets, gold, train, test) for train, test in make_folds(cases, 5, args.seed)]

    for family_id in FAMILIES:
        print(f"\n{family_id} (seed {args.seed}): micro-F1, thresholds chosen on the scores themselves")
        for name, P in screen(family_id, folds, gold[family_id]).items():
            print(f"  {micro_f1(gold[family_id], P):.3f}  {name}")


def screen(family_id: str, folds: list[Fold], gold: np.ndarray) -> dict[str, np.ndarray]:
    """Every idea's out-of-fold scores for one family, by name."""

    def oof(score) -> np.ndarray:
        out = np.zeros(gold.shape)
        for fold in folds:
            out[fold.test] = score(fold)
        return out

    def best_of(make, context: float = 0.0, how: str = "best", char: bool = True) -> np.ndarray:
        return oof(
            lambda fold: aggregate(
                fold.sentence_scores(family_id, make, context, char), fold.b_test, fold.case[family_id], how
            )
        )

    case = oof(lambda fold: fold.case[family_id])
    own = oof(lambda fold: best_sentence(fold.case_model_sentences(family_id), fold.b_test, fold.case[family_id]))
    rows = {"case model alone": case, "0.5 case + 0.5 case model's best sentence": 0.5 * case + 0.5 * own}
    kept = best_of(svm)
    for weight in (0.3, 0.4, 0.5, 0.6, 0.7, 1.0):
        rows[f"{1 - weight:.1f} case + {weight:.1f} best sentence, SVM C=0.5"] = (1 - weight) * case + weight * kept
    shipped = best_of(lambda: svm(balanced=False), char=False)
    for weight in (0.4, 0.5, 0.6):
        rows[
            f"{1 - weight:.1f} case + {weight:.1f} best sentence, SVM C=0.5, no class weights, no character n-grams"
            + (" (kept)" if weight == 0.5 else "")
        ] = (1 - weight) * case + weight * shipped
    no_char = best_of(svm, char=False)
    rows["0.5 case + 0.5 best sentence, SVM C=0.5, no character n-grams"] = 0.5 * case + 0.5 * no_char
    for name, make in SENTENCE_MODELS.items():
        best = best_of(make)
        for weight in (0.4, 0.5, 0.6):
            rows[f"{1 - weight:.1f} case + {weight:.1f} best sentence, {name}"] = (1 - weight) * case + weight * best
    for how in ("top two", "noisy-or"):
        rows[f"0.5 case + 0.5 {how} of the sentences, SVM C=0.5"] = 0.5 * case + 0.5 * best_of(svm, how=how)
    rows["0.5 case + 0.5 best sentence with 0.3 of its neighbours' rows"] = 0.5 * case + 0.5 * best_of(svm, 0.3)
    rows["a third each: case, case model's best sentence, rationale model's"] = (case + own + kept) / 3
    stacked = np.zeros_like(case)
    for k in range(case.shape[1]):
        stacked[:, k] = cross_val_predict(
            LogisticRegression(max_iter=2000),
            np.column_stack([case[:, k], kept[:, k], own[:, k]]),
            gold[:, k],
            cv=KFold(5, shuffle=True, random_state=0),
            method="predict_proba",
        )[:, 1]
    rows["logistic stacker over the three scores, per label"] = stacked
    attention = oof(lambda fold: fold.attention(family_id))
    rows["attention pooling alone"] = attention
    for w in ((0.4, 0.4, 0.2), (0.25, 0.5, 0.25)):
        rows[f"{w} of case, rationale best sentence, attention"] = w[0] * case + w[1] * kept + w[2] * attention
    return rows


if __name__ == "__main__":
    main()
