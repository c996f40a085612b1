"""Screen: blend casemine's out-of-fold drivers and barriers scores with the TF-IDF peer's, per label.

    python bench/blend_screen.py [--seed 0] [--weights 0 0.15 0.3 0.5 1]

The shipped configuration (``configs/default.toml``) is cross-validated once (``cross_validate``, 5 folds, the
scores kept in ``~/.cache/casemine/blend_screen_seed<seed>.pkl``); the peer of ``bench/peers.py`` (TF-IDF word 1–2-grams,
balanced logistic regression, one per label) is fitted on the same folds. For each weight w, a label's score is
(1 − w) · casemine's + w · the peer's, and each test fold gets per-label cuts chosen for the family's micro-F1 on the
other four folds' out-of-fold scores (coordinate ascent on a grid), so w = 0 is the baseline of the same cut scheme.
Why: the peer wins the test set's barriers cell and two different model families may err differently.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.config import TrainConfig  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import cross_validate, make_folds  # noqa: E402

GRID = np.round(np.arange(0.04, 0.96, 0.02), 2)


def micro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    total = gold.sum() + pred.sum()
    return float(2 * (gold & pred).sum() / total) if total else 0.0


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean([micro_f1(gold[:, j], pred[:, j]) for j in range(gold.shape[1])]))


def family_cuts(gold: np.ndarray, scores: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Per-label cuts chosen together for the family's micro-F1 (coordinate ascent over GRID)."""
    cuts = np.full(scores.shape[1], 0.5)
    for _ in range(rounds):
        for j in range(scores.shape[1]):
            best = (-1.0, cuts[j])
            for cut in GRID:
                cuts[j] = cut
                f1 = micro_f1(gold, scores >= cuts)
                best = max(best, (f1, cut))
            cuts[j] = best[1]
    return cuts


def peer_scores(texts: list[str], gold: np.ndarray, folds) -> np.ndarray:
    """Out-of-fold probabilities of the TF-IDF peer, one balanced logistic regression per label."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(gold.shape, dtype=float)
    for train, test in folds:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = vec.fit_transform([texts[i] for i in train])
        X_test = vec.transform([texts[i] for i in test])
        for j in range(gold.shape[1]):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = LogisticRegression(class_weight="balanced", max_iter=3000).fit(X, gold[train, j])
            out[test, j] = model.predict_proba(X_test)[:, 1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="fold seed")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, 0.15, 0.3, 0.5, 1.0])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    config = TrainConfig.from_toml(ROOT / "configs" / "default.toml")
    cases = read_cases(*config.corpus)
    stored = Path.home() / ".cache" / "casemine" / f"blend_screen_seed{args.seed}.pkl"
    if stored.exists():
        predictions, scores = pickle.loads(stored.read_bytes())  # written by this script, on this machine
    else:
        _, predictions, scores = cross_validate(cases, seed=args.seed, jobs=args.jobs, **config.classifier_params())
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(pickle.dumps((predictions, scores)))
    folds = make_folds(cases, 5, args.seed)
    for family in ("drivers", "barriers"):
        ids = next(f for f in SCHEME.families if f.id == family).ids
        gold = np.array([[x in (c.labels.get(family) or []) for x in ids] for c in cases])
        own = np.array([[x in p[family] for x in ids] for p in predictions])
        ours = np.array([[s[family].get(x, 0.0) for x in ids] for s in scores])
        peer = peer_scores([c.text for c in cases], gold, folds)
        print(f"{family}: casemine's own decisions micro-F1 {micro_f1(gold, own):.3f} macro {macro_f1(gold, own):.3f}")
        for w in args.weights:
            blend = (1 - w) * ours + w * peer
            pred = np.zeros_like(gold)
            for train, test in folds:
                pred[test] = blend[test] >= family_cuts(gold[train], blend[train])
            print(
                f"{family}: w {w:.2f} micro-F1 {micro_f1(gold, pred):.3f} macro {macro_f1(gold, pred):.3f}", flush=True
            )


if __name__ == "__main__":
    main()
