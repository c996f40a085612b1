"""Screen: blend casemine's out-of-fold drivers and barriers scores with the TF-IDF peer's, per label.

    python bench/blend_screen.py [--seed 0] [--weights 0 0.15 0.3 0.5 1]

The shipped configuration (``configs/default.toml``) is cross-validated once (``cross_validate``, 5 folds, the
scores kept in ``~/.cache/casemine/blend_screen_seed<seed>.pkl``); the peer of ``bench/peers.py`` (TF-IDF word 1–2-grams,
balanced logistic regression, one per label) is fitted on the same folds. For each weight w, a label's score is
(1 − w) · casemine's + w · the peer's, and each test fold gets per-label cuts chosen for the family's micro-F1 on the
other four folds' out-of-fold scores as the shipped models choose them (``casemine.classify.family_thresholds``), so
w = 0 is the baseline of the same cut scheme; figures are ``casemine.evaluation.score_labels``'s.
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

from bench.peers import TfidfPeer  # noqa: E402
from casemine.classify import best_threshold, family_thresholds  # noqa: E402
from casemine.config import TrainConfig  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evaluation import score_labels  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import cross_validate, make_folds  # noqa: E402


def peer_scores(cases, folds, families: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Out-of-fold label probabilities of ``bench/peers.py``'s TF-IDF peer, per multi-label family."""
    out = {f.id: np.zeros((len(cases), len(f.ids))) for f in SCHEME.families if f.id in families}
    for train, test in folds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            peer = TfidfPeer().fit([cases[i].text for i in train], [cases[i].labels for i in train])
        for family_id, scores in out.items():
            scores[test] = peer.scores([cases[i].text for i in test], family_id)
    return out


def shipped_cuts(gold: np.ndarray, scores: np.ndarray) -> list[float]:
    """Per-label cuts as the shipped drivers and barriers models choose them (``thresholds = "family"``)."""
    start = [best_threshold(gold[:, k], scores[:, k]) for k in range(gold.shape[1])]
    return family_thresholds(gold, scores, start)


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
    gold_sets = [c.labels for c in cases]
    peers = peer_scores(cases, folds, ("drivers", "barriers"))
    for family, peer in peers.items():
        ids = next(f for f in SCHEME.families if f.id == family).ids

        def figures(predicted, family=family) -> str:
            report = score_labels(gold_sets, [{family: labels} for labels in predicted])[family]
            return f"micro-F1 {report['micro_f1']:.3f} macro {report['macro_f1']:.3f}"

        gold = np.array([[x in (c.labels.get(family) or []) for x in ids] for c in cases]).astype(int)
        ours = np.array([[s[family].get(x, 0.0) for x in ids] for s in scores])
        print(f"{family}: casemine's own decisions {figures(p[family] for p in predictions)}")
        for w in args.weights:
            blend = (1 - w) * ours + w * peer
            chosen = np.zeros(blend.shape, dtype=bool)
            for train, test in folds:
                chosen[test] = blend[test] >= np.array(shipped_cuts(gold[train], blend[train]))
            predicted = [[x for x, on in zip(ids, row, strict=True) if on] for row in chosen]
            print(f"{family}: w {w:.2f} {figures(predicted)}", flush=True)


if __name__ == "__main__":
    main()
