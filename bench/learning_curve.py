"""Learning curve of the shipped configuration: would more labelled cases help, and how many?

    PYTHONPATH=. python3 bench/learning_curve.py [--config configs/default.toml]
        [--fractions 1.0 0.25 0.5 0.75] [--noise-fractions 0.25 0.5 0.75] [--noise-seeds 2] [--json FILE]

Cross-validates the config (``casemine.model.cross_validated_metrics``: its folds, stratified, with
translation pairs together) with each training fold cut to a seeded random fraction of its cases
(``train_fraction``, whole translation groups), always on the same test folds (the config's seed).
Prints per point each family's headline figure (scope and sector macro-F1, type, drivers and
barriers micro-F1) and drivers' and barriers' macro-F1; then, per family, trends fitted against the
mean number of training cases per fold n: F1 = a + b ln n on every point (with the slope's standard
error) and on the last doubling only (fractions of at least half the largest), and the inverse power
law F1 = c - a n^-b; for drivers and barriers, the training cases at which each trend would reach
0.70: an extrapolation, not a measurement. ``--noise-seeds`` adds subsamples drawn with
other seeds for ``--noise-fractions``. ``--json`` keeps every measured point in FILE and reuses the
points already there, so a long run can be resumed. One process throughout.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.config import TrainConfig  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evaluation import headline  # noqa: E402
from casemine.model import cross_validated_metrics  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds, subsample_train  # noqa: E402

TARGET = 0.70  # drivers' and barriers' micro-F1 target
EXTRAPOLATE = ("drivers", "barriers")


def measure(cases, config: TrainConfig, fraction: float, seed: int) -> dict:
    """One point of the curve: training cases per fold and the figures of the out-of-fold predictions."""
    folds = subsample_train(cases, make_folds(cases, config.cv_folds, config.seed), fraction, seed)
    report = cross_validated_metrics(cases, config, jobs=1, train_fraction=fraction, subsample_seed=seed)
    return {
        "fraction": fraction,
        "seed": seed,
        "train_cases": float(np.mean([len(train) for train, _ in folds])),
        "headline": headline(report),
        "macro": {f: round(report[f]["macro_f1"], 4) for f in EXTRAPOLATE},
    }


def log_fit(n: np.ndarray, f1: np.ndarray) -> tuple[float, float, float]:
    """Least squares F1 = a + b ln n, with the standard error of b (nan with too few points)."""
    if len(n) > 3:
        (b, a), cov = np.polyfit(np.log(n), f1, 1, cov=True)
        return float(a), float(b), float(math.sqrt(cov[0, 0]))
    b, a = np.polyfit(np.log(n), f1, 1)
    return float(a), float(b), math.nan


def reach(n: np.ndarray, f1: np.ndarray, slope: float) -> float:
    """Where a line in ln n through the points' centroid with this slope reaches the target."""
    return math.exp(np.log(n).mean() + (TARGET - f1.mean()) / slope) if slope > 0 else math.inf


def power_fit(n: np.ndarray, f1: np.ndarray) -> tuple[float, float, float] | None:
    """Least squares F1 = c - a n^-b (None when it does not converge to a rising curve)."""
    from scipy.optimize import curve_fit

    try:
        (c, a, b), _ = curve_fit(
            lambda x, c, a, b: c - a * x ** (-b),
            n,
            f1,
            p0=(f1.max() + 0.05, 1.0, 0.5),
            maxfev=20000,
            bounds=([0.0, 0.0, 1e-3], [1.0, 1e4, 3.0]),
        )
    except (RuntimeError, ValueError):
        return None
    return float(c), float(a), float(b)


def cases_text(n: float, folds: int) -> str:
    """Training cases per fold, with the corpus size that gives them (a fold trains on (k-1)/k of it)."""
    if not math.isfinite(n):
        return "never (flat or falling)"
    return f"{n:,.0f} per fold (a corpus of {n * folds / (folds - 1):,.0f})"


def power_needed(fit_pow, folds: int) -> str:
    """Training cases at which the power law reaches the target, as text."""
    if fit_pow is None:
        return "no fit"
    c, a, b = fit_pow
    return cases_text((a / (c - TARGET)) ** (1 / b), folds) if c > TARGET else f"never (levels off at {c:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    parser.add_argument("--fractions", type=float, nargs="+", default=[1.0, 0.25, 0.5, 0.75])
    parser.add_argument("--noise-fractions", type=float, nargs="*", default=[0.25, 0.5, 0.75])
    parser.add_argument("--noise-seeds", type=int, default=2, help="extra subsample seeds (2: seeds 1 and 2; 0: none)")
    parser.add_argument("--json", metavar="FILE", help="keep measured points in FILE and reuse those there")
    args = parser.parse_args()
    config = TrainConfig.from_toml(args.config)
    cases = read_cases(*config.corpus)
    wanted = [(f, 0) for f in args.fractions]
    wanted += [(f, s) for s in range(1, args.noise_seeds + 1) for f in args.noise_fractions]
    store = Path(args.json) if args.json else None
    points = json.loads(store.read_text("utf-8")) if store and store.exists() else []
    for fraction, seed in wanted:
        if any(p["fraction"] == fraction and p["seed"] == seed for p in points):
            continue
        point = measure(cases, config, fraction, seed)
        points.append(point)
        print(f"measured {json.dumps(point)}", file=sys.stderr, flush=True)
        if store:
            store.write_text(json.dumps(points, indent=1) + "\n", "utf-8")

    families = [f.id for f in SCHEME.families]
    print(f"{len(cases)} cases, {config.cv_folds}-fold CV (fold seed {config.seed}), config {args.config}")
    print("headline: scope/sector macro-F1, type/drivers/barriers micro-F1; then drivers/barriers macro-F1")
    print(f"{'fraction':>8} {'seed':>4} {'train n':>7} " + " ".join(f"{f:>8}" for f in families) + "  drv mac  bar mac")
    points.sort(key=lambda p: (p["fraction"], p["seed"]))
    for p in points:
        figures = " ".join(f"{p['headline'][f]:>8.3f}" for f in families)
        macro = "  ".join(f"{p['macro'][f]:>7.3f}" for f in EXTRAPOLATE)
        print(f"{p['fraction']:>8.2f} {p['seed']:>4} {p['train_cases']:>7.0f} {figures}  {macro}")
    if len({p["train_cases"] for p in points}) < 3:
        return
    n = np.array([p["train_cases"] for p in points])
    fractions = np.array([p["fraction"] for p in points])
    upper = fractions >= fractions.max() / 2  # the last doubling of the training cases
    print(
        f"\ntrends of the figure against n, the mean training cases per fold (every point; the last doubling:"
        f" n >= {n[upper].min():.0f}; power law), per doubling of n"
    )
    for family in families:
        f1 = np.array([p["headline"][family] for p in points])
        a, b, se = log_fit(n, f1)
        _, b_up, _ = log_fit(n[upper], f1[upper])
        fit_pow = power_fit(n, f1)
        line = (
            f"  {family:<9} F1 = {a:.3f} + {b:.4f} ln n: {b * math.log(2):+.3f} ± {se * math.log(2):.3f} per doubling"
        )
        line += f"; last doubling {b_up * math.log(2):+.3f}"
        if fit_pow:
            line += f"; power law F1 = {fit_pow[0]:.3f} - {fit_pow[1]:.3f} n^-{fit_pow[2]:.3f}"
        print(line)
        if family in EXTRAPOLATE:
            folds = config.cv_folds
            print(f"    EXTRAPOLATION, not measured: {family} micro-F1 {TARGET} at")
            print(
                f"      log trend, every point:  {cases_text(reach(n, f1, b), folds)}"
                f" (slope ± 1 s.e.: {cases_text(reach(n, f1, b + se), folds)} to {cases_text(reach(n, f1, b - se), folds)})"
            )
            print(f"      log trend, last doubling: {cases_text(reach(n[upper], f1[upper], b_up), folds)}")
            print(f"      power law:                {power_needed(fit_pow, folds)}")


if __name__ == "__main__":
    main()
