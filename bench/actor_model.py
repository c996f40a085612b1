"""Cross-validate learned decisions for actor kinds over all gold cases, grouped by case; write the shipped one.

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/actor_model.py --all-gold --write --seeds 2
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/actor_model.py [--folds 5] [--seeds 3] [--C 0.1 ...]
        [--threshold 0.5 ...] [--add P] [--no-near] [--words] [--no-rule] [--separate] [--min-count 3] [--per-kind]
        [--every-set | --every-gold] [--vectors W [--rule-only] [--sentences W] [--learned-kinds KIND ...]]

Every entity gold case of ``bench/gold/`` (the 60, fresh, fresh2, fresh3, fresh4, fresh5 and train; not fresh4b,
a second reading of fresh4's cases; ``--every-set``: also fresh6 to fresh14 and the training gold train13a–l;
``--every-gold``: every set of ``bench/org_model.py``'s ``EVERY``, 1,998 cases) is put in one of ``--folds`` folds by a
hash of its id. For each fold, a logistic regression per actor kind (``ActorModel``: the kinds share the weights of
their common features, each kind adds its own) is fitted on the other folds' cases and decides, for each of the fold's
cases, whether it names that kind, from the rules' evidence (``actor_features``: which terms of the kind matched and
how often, which filters refused them and why, where and how densely the kind is named, the words around its mentions,
the organisations that give it, the rules' own decision; ``--words`` adds the text's lemmas, ``--no-rule`` drops the
rules' decision, ``--add`` lets the model add a kind the rules do not give only above that probability). Scores
are micro P/R/F1 over actor kinds with the matching of ``bench/entities.py`` (equal kinds per case), rules alone
against learned, overall, per language, per gold set and (``--per-kind``) per kind. The learned figures are
cross-validated, the rules' are not held out: the rules, and so the learned model's main feature, were written
while reading the errors of every set.

``--vectors W`` (nineteenth session) also cross-validates a decision that reads the case's sentence vector
(``casemine.vectors``: the unit mean of its sentences') at weight ``W`` beside the features, one logistic regression per
kind, fitted on the folds' corpus and written cases only (the Participedia texts' licence keeps them out of shipped
weights, so they are scored as unseen); ``--rule-only`` keeps only the rules' decision beside the vector.
``--sentences W`` (twentieth session) adds, per kind, the highest and the mean score of the case's sentences under a
ridge regression fitted on the training cases' sentences, each labelled with its case's kinds (cross-fitted inside
the training folds), at weight ``W``; ``--learned-kinds`` also scores the rules with only those kinds learned.

The decision over the evidence alone was not shipped: its cross-validated F1 stays below the rules' (docs/benchmarks.md,
round 7), and with vectors it gains on corpus cases what it loses on real texts (nineteenth session). ``--write``
(twentieth session) cross-validates what is shipped, ``casemine.actor_decision.ActorDecision`` (the vector beside each
kind's evidence, six kinds learned, the others the rules'), on the shipped pipeline's analyses, then fits it on every
corpus and written gold case and writes ``casemine/data/entities/actor_decision.json``; ``--all-gold`` (twenty-first
session, how the shipped weights are written) adds every set scored since EVERY was drawn up (fresh17 to fresh30,
train17: 2,666 cases, 2,454 of them fitted on). The
script also counts the headroom: the rules' missed kinds that no term of the kind matched at all, which no
decision over the rules' evidence can recover. Parses are cached as ``bench/org_model.py`` caches them
(``$CASEMINE_BENCH_CACHE``, keyed by the rules' fingerprint, the language and the text).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.org_model import EVERY, fold_of, gold_cases, parse  # noqa: E402
from casemine.actor_decision import LEARNED_KINDS, ActorDecision, actor_features  # noqa: E402
from casemine.actors import ACTOR_KINDS  # noqa: E402
from casemine.entities import extract_entities  # noqa: E402
from casemine.nlp import load_pipeline  # noqa: E402
from casemine.phrases import matchers  # noqa: E402

SETS = ("all", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "train")
# every entity gold set scored since EVERY was drawn up (not the second readings, which repeat their set's texts)
LATER = tuple(f"fresh{n}" for n in range(17, 31)) + ("train17",)
BLIND = ("fresh3", "fresh4", "fresh5")


class ActorModel:
    """One logistic regression per actor kind over ``actor_features`` (estimator conventions: parameters in
    ``__init__``, fitted state ending in ``_``). A case names a kind when the kind's probability is at least
    ``threshold`` (with ``add``, a kind the rules do not give needs ``add``: the model drops the rules' kinds
    below ``threshold`` and adds only the kinds it is surest of). With ``pooled``, each feature also counts
    unprefixed across kinds (one model whose weights are shared by the kinds plus each kind's own), so rare kinds
    borrow from the others."""

    def __init__(
        self, C: float = 1.0, threshold: float = 0.5, min_count: int = 3, pooled: bool = True, add: float | None = None
    ):
        self.C = C
        self.threshold = threshold
        self.add = add
        self.min_count = min_count
        self.pooled = pooled

    def _rows(self, kind: str, features: list[str]) -> list[str]:
        own = [f"{kind}|{f}" for f in features] + [f"{kind}|bias"]
        return own + ([f for f in features if not f.startswith("doc=")] if self.pooled else [])

    def fit(self, cases: list[dict[str, list[str]]], labels: list[set[str]], groups: list[str]) -> ActorModel:
        """Fit on each case's features per kind (``actor_features``) and gold kinds; features seen in fewer than
        ``min_count`` cases are dropped, so that no one text's words become weights."""
        from collections import defaultdict

        import numpy as np
        from sklearn.linear_model import LogisticRegression

        rows = [
            (self._rows(kind, feats[kind]), int(kind in gold), kind)
            for feats, gold in zip(cases, labels, strict=True)
            for kind in ACTOR_KINDS
        ]
        seen = defaultdict(set)
        for (fs, _, _), group in zip(rows, [g for g in groups for _ in ACTOR_KINDS], strict=True):
            for f in fs:
                seen[f].add(group)
        vocabulary = sorted(f for f, s in seen.items() if len(s) >= self.min_count)
        index = {f: i for i, f in enumerate(vocabulary)}
        x = np.zeros((len(rows), len(index)))
        for r, (fs, _, _) in enumerate(rows):
            for f in fs:
                if f in index:
                    x[r, index[f]] = 1.0
        model = LogisticRegression(C=self.C, max_iter=5000)
        model.fit(x, [y for _, y, _ in rows])
        weights = dict(zip(vocabulary, model.coef_[0], strict=True))
        self.bias_ = {
            kind: float(model.intercept_[0]) + float(weights.get(f"{kind}|bias", 0.0)) for kind in ACTOR_KINDS
        }
        self.weights_ = {}
        for kind in ACTOR_KINDS:
            prefix = f"{kind}|"
            own = {f[len(prefix) :]: w for f, w in weights.items() if f.startswith(prefix) and f != f"{kind}|bias"}
            shared = {f: w for f, w in weights.items() if "|" not in f}
            merged = {f: float(own.get(f, 0.0) + shared.get(f, 0.0)) for f in set(own) | set(shared)}
            self.weights_[kind] = {f: w for f, w in sorted(merged.items()) if abs(w) > 1e-6}
        self.threshold_ = self.threshold
        return self

    def probability(self, kind: str, features: list[str]) -> float:
        z = self.bias_[kind] + sum(self.weights_[kind].get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, features: dict[str, list[str]]) -> list[str]:
        """The kinds a case names, in ``ACTOR_KINDS`` order."""
        out = []
        for k in ACTOR_KINDS:
            bar = self.threshold_ if self.add is None or "rule" in features[k] else self.add
            if self.probability(k, features[k]) >= bar:
                out.append(k)
        return out


def evidence(cases: list[dict]) -> None:
    """Add each case's rule extraction and its actor-term matches with their verdicts."""
    for case in cases:
        lang = case["gold"]["lang"]
        nlp = load_pipeline(lang)
        case["entities"] = extract_entities(case["doc"], nlp, lang)
        case["evidence"] = matchers(nlp).actor_evidence(case["doc"])


def featurise(cases: list[dict], near: bool, words: bool) -> list[dict[str, list[str]]]:
    """Each case's features per kind (``casemine.actor_decision.actor_features``)."""
    return [
        actor_features(c["doc"], c["gold"]["lang"], c["evidence"], c["entities"], near=near, words=words) for c in cases
    ]


def cross_validate(cases: list[dict], feats: list[dict], folds: int, seed: int, **params) -> list[list[str]]:
    """Each case's actor kinds from the model fitted on the other folds' cases."""
    predicted: list[list[str]] = [[] for _ in cases]
    fold = [fold_of(c["gold"]["id"], folds, seed) for c in cases]
    for k in range(folds):
        train = [i for i in range(len(cases)) if fold[i] != k]
        model = ActorModel(**params).fit(
            [feats[i] for i in train],
            [set(cases[i]["gold"]["actors"]) for i in train],
            [cases[i]["gold"]["id"] for i in train],
        )
        for i in range(len(cases)):
            if fold[i] == k:
                predicted[i] = model.decide(feats[i])
    return predicted


def vector_cross_validate(
    cases: list[dict],
    feats: list[dict],
    weight: float,
    folds: int,
    seed: int,
    threshold: float,
    rule_only: bool,
    sentences: float = 0.0,
) -> list[list[str]]:
    """Each case's actor kinds from per-kind logistic regressions over the kind's features (one-hot, seen in three
    training cases; with ``rule_only`` the rules' decision alone) and ``weight`` times the case's vector, fitted on
    the other folds' cases that are not Participedia texts."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from casemine.org_filter import one_hot
    from casemine.vectors import text_vectors

    lists = [[s.text.strip() for s in c["doc"].sents if s.text.strip()] for c in cases]
    S, T = text_vectors(lists)
    fold = [fold_of(c["gold"]["id"], folds, seed) for c in cases]
    real = [c["gold"]["id"].startswith("participedia-") for c in cases]
    owner = np.repeat(np.arange(len(cases)), [len(x) for x in lists])
    Y = np.array([[int(k in c["gold"]["actors"]) for k in ACTOR_KINDS] for c in cases], dtype=np.float32)
    kept = [{k: [f for f in fs[k] if f in ("rule", "no_rule")] for k in fs} if rule_only else fs for fs in feats]
    predicted: list[list[str]] = [[] for _ in cases]
    for k in range(folds):
        train = [i for i in range(len(cases)) if fold[i] != k and not real[i]]
        test = [i for i in range(len(cases)) if fold[i] == k]
        if sentences:
            pooled = np.zeros((len(cases), 2 * len(ACTOR_KINDS)), dtype=np.float32)
            inner = {i: fold_of(cases[i]["gold"]["id"], 3, seed + 100) for i in train}
            for j in range(3):
                held = [i for i in train if inner[i] == j]
                pooled[held] = _pooled(S, owner, Y, [i for i in train if inner[i] != j], held)
            pooled[test] = _pooled(S, owner, Y, train, test)
        for kind in ACTOR_KINDS:
            vocabulary, x = one_hot([kept[i][kind] for i in train], [cases[i]["gold"]["id"] for i in train], 3)
            index = {f: j for j, f in enumerate(vocabulary)}
            x_test = np.zeros((len(test), len(vocabulary)))
            for row, i in enumerate(test):
                x_test[row, [index[f] for f in set(kept[i][kind]) if f in index]] = 1.0
            gold = [int(kind in cases[i]["gold"]["actors"]) for i in train]
            extra_train, extra_test = [weight * T[train]], [weight * T[test]]
            if sentences:
                ki = ACTOR_KINDS.index(kind)
                extra_train.append(sentences * pooled[train][:, [2 * ki, 2 * ki + 1]])
                extra_test.append(sentences * pooled[test][:, [2 * ki, 2 * ki + 1]])
            model = LogisticRegression(max_iter=5000).fit(np.hstack([x, *extra_train]), gold)
            scores = model.predict_proba(np.hstack([x_test, *extra_test]))[:, 1]
            for i, probability in zip(test, scores, strict=True):
                if probability >= threshold:
                    predicted[i].append(kind)
    return [[k for k in ACTOR_KINDS if k in kinds] for kinds in predicted]


def _pooled(S, owner, Y, fit_on: list[int], score: list[int], alpha: float = 10.0):
    """Per case of ``score``, each kind's highest and mean sentence score from one ridge regression per kind fitted
    on the sentences of ``fit_on``'s cases, each sentence labelled with its case's kinds (multiple instances)."""
    import numpy as np
    from sklearn.linear_model import Ridge

    rows = np.isin(owner, fit_on)
    model = Ridge(alpha=alpha).fit(S[rows], Y[owner[rows]])
    out = np.zeros((len(score), 2 * Y.shape[1]), dtype=np.float32)
    for row, i in enumerate(score):
        mine = S[owner == i]
        if len(mine):
            p = model.predict(mine)
            out[row, 0::2] = p.max(axis=0)
            out[row, 1::2] = p.mean(axis=0)
    return out


def write_decision(seeds: int, folds: int, sets: tuple[str, ...] = EVERY) -> None:
    """Cross-validate the shipped form of the decision (``casemine.actor_decision.ActorDecision`` on the shipped
    pipeline's analyses: its tuned NER, the evidence ``nlp.analyse`` keeps) on the gold of ``sets``, fitted on the
    corpus and written cases only, then fit it on all of them and write its weights."""
    from casemine.actor_decision import MODEL_PATH
    from casemine.cache import ParseCache
    from casemine.nlp import analyse
    from casemine.vectors import text_vectors

    cases = gold_cases(sets)
    analyses = analyse(
        [c["text"] for c in cases], [c["gold"]["lang"] for c in cases], cache=ParseCache(), settle_actors=False
    )
    _, T = text_vectors([a.sentences for a in analyses])
    features = [a.actor_features for a in analyses]
    rules = [a.entities["actors"] for a in analyses]
    ids = [c["gold"]["id"] for c in cases]
    gold = [c["gold"]["actors"] for c in cases]
    fit_on = [i for i, case_id in enumerate(ids) if not case_id.startswith("participedia-")]
    runs = []
    for seed in range(seeds):
        fold = [fold_of(case_id, folds, seed) for case_id in ids]
        predicted: list[list[str]] = [[] for _ in cases]
        for k in range(folds):
            train = [i for i in fit_on if fold[i] != k]
            model = ActorDecision().fit(
                [features[i] for i in train], T[train], [gold[i] for i in train], [ids[i] for i in train]
            )
            for i in range(len(cases)):
                if fold[i] == k:
                    predicted[i] = model.decide(rules[i], features[i], T[i])
        runs.append(predicted)
    base = summary(cases, [rules], per_kind=True)
    report("the shipped pipeline's rules", base)
    report(f"the rules with {', '.join(LEARNED_KINDS)} learned ({seeds} seeds)", summary(cases, runs, True), base)
    model = ActorDecision().fit(
        [features[i] for i in fit_on], T[fit_on], [gold[i] for i in fit_on], [ids[i] for i in fit_on]
    )
    MODEL_PATH.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {MODEL_PATH} (fitted on {len(fit_on)} corpus and written cases)")


def counts(cases: list[dict], predicted: list[list[str]], kind: str | None = None) -> list[int]:
    """(tp, predicted, gold) over the cases, for one kind or all."""
    t = [0, 0, 0]
    for case, pred in zip(cases, predicted, strict=True):
        p = {k for k in pred if kind in (None, k)}
        g = {k for k in case["gold"]["actors"] if kind in (None, k)}
        t = [t[0] + len(p & g), t[1] + len(p), t[2] + len(g)]
    return t


def prf(t: list[int]) -> tuple[float, float, float]:
    p = t[0] / t[1] if t[1] else 0.0
    r = t[0] / t[2] if t[2] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(cases: list[dict], runs: list[list[list[str]]], per_kind: bool = False) -> dict[str, tuple[float, ...]]:
    """Mean P/R/F1 over the runs: all cases, per language, per gold set (and per kind)."""
    scopes: dict[str, list[int]] = {"all": list(range(len(cases)))}
    for lang in ("fr", "en"):
        scopes[lang] = [i for i, c in enumerate(cases) if c["gold"]["lang"] == lang]
    for split in dict.fromkeys(c["set"] for c in cases):
        scopes[f"set {split}"] = [i for i, c in enumerate(cases) if c["set"] == split]
    scopes["blind sets"] = [i for i, c in enumerate(cases) if c["set"] in BLIND]
    scopes["Participedia texts"] = [i for i, c in enumerate(cases) if c["gold"]["id"].startswith("participedia-")]
    scopes["corpus and written"] = [i for i, c in enumerate(cases) if not c["gold"]["id"].startswith("participedia-")]
    out: dict[str, list] = {}
    for predicted in runs:
        for name, part in scopes.items():
            out.setdefault(name, []).append(prf(counts([cases[i] for i in part], [predicted[i] for i in part])))
        if per_kind:
            for kind in ACTOR_KINDS:
                out.setdefault(f"kind {kind}", []).append(prf(counts(cases, predicted, kind)))
    return {key: tuple(sum(v[j] for v in vals) / len(vals) for j in range(3)) for key, vals in out.items()}


def report(title: str, result: dict[str, tuple[float, ...]], base: dict[str, tuple[float, ...]] | None = None) -> None:
    print(f"\n{title}")
    for key, (p, r, f) in result.items():
        delta = f"  ({f - base[key][2]:+.3f})" if base else ""
        print(f"  {key:<24} P {p:.3f}  R {r:.3f}  F1 {f:.3f}{delta}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3, help="fold assignments to average over")
    parser.add_argument("--C", type=float, nargs="+", default=[1.0])
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.5])
    parser.add_argument("--no-rule", action="store_true", help="leave out the rules' decision (evidence only)")
    parser.add_argument("--add", type=float, help="the probability a kind the rules do not give needs")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--no-near", action="store_true", help="leave out the words around the counted mentions")
    parser.add_argument("--words", action="store_true", help="add the text's content lemmas (a text classifier)")
    parser.add_argument("--separate", action="store_true", help="one model per kind, no weights shared")
    parser.add_argument("--per-kind", action="store_true", help="also print each kind's figures")
    parser.add_argument("--vectors", type=float, help="also a decision reading the case's vector at this weight")
    parser.add_argument("--rule-only", action="store_true", help="with --vectors: the rules' decision and the vector")
    parser.add_argument(
        "--sentences", type=float, default=0.0, help="with --vectors: each kind's pooled sentence scores at this weight"
    )
    parser.add_argument(
        "--learned-kinds",
        nargs="+",
        choices=ACTOR_KINDS,
        help="with --vectors: also the rules with these kinds learned",
    )
    sets = parser.add_mutually_exclusive_group()
    sets.add_argument(
        "--every-set", action="store_true", help="every gold set (fresh to fresh14) and the training gold train13a-l"
    )
    sets.add_argument(
        "--every-gold", action="store_true", help=f"the sets of bench/org_model.py's EVERY ({', '.join(EVERY)})"
    )
    sets.add_argument(
        "--all-gold",
        action="store_true",
        help=f"with --write: EVERY's sets and those scored since ({', '.join(LATER)})",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="cross-validate the shipped decision on the shipped pipeline's analyses of every gold set, then write it",
    )
    args = parser.parse_args()
    if args.write:
        write_decision(args.seeds, args.folds, EVERY + LATER if args.all_gold else EVERY)
        return
    # the thirteenth and fourteenth sessions' runs (docs/benchmarks.md): without train14
    every = SETS + ("fresh6",) + tuple(f"fresh{n}" for n in range(7, 15)) + ("train13",)
    cases = gold_cases(EVERY if args.every_gold else every if args.every_set else SETS)
    parse(cases)
    evidence(cases)
    feats = featurise(cases, near=not args.no_near, words=args.words)
    if args.no_rule:
        feats = [{k: [f for f in fs if not f.startswith(("rule", "no_rule"))] for k, fs in c.items()} for c in feats]
    n_fr = sum(c["gold"]["lang"] == "fr" for c in cases)
    n_gold = sum(len(c["gold"]["actors"]) for c in cases)
    print(
        f"{len(cases)} cases ({n_fr} fr, {len(cases) - n_fr} en), {n_gold} gold actor kinds; {args.folds} folds "
        f"grouped by case, mean of {args.seeds} fold assignments"
    )
    missed = [(k, c) for c in cases for k in set(c["gold"]["actors"]) - set(c["entities"]["actors"])]
    unmatched = sum(not any(kind == k for kind, _, _ in c["evidence"]) for k, c in missed)
    kept = [(k, c) for c in cases for k in c["entities"]["actors"]]
    spurious = [(k, c) for k, c in kept if k not in c["gold"]["actors"]]
    counted = sum(any(kind == k and not why for kind, _, why in c["evidence"]) for k, c in spurious)
    print(
        f"headroom: the rules miss {len(missed)} gold kinds, {unmatched} of them with no term of the kind matched at "
        f"all; of their {len(spurious)} spurious kinds, {counted} rest on a counted mention of the kind"
    )
    rules = summary(cases, [[c["entities"]["actors"] for c in cases]], args.per_kind)
    report("rules alone", rules)
    if args.vectors is not None:
        for threshold in args.threshold:
            runs = [
                vector_cross_validate(
                    cases, feats, args.vectors, args.folds, s, threshold, args.rule_only, args.sentences
                )
                for s in range(args.seeds)
            ]
            title = (
                f"per kind, with the case's vector at {args.vectors}, threshold {threshold}, rule_only={args.rule_only}"
                f", sentences={args.sentences}"
            )
            report(title, summary(cases, runs, args.per_kind), rules)
            if args.learned_kinds:
                mixed = [
                    [
                        [k for k in ACTOR_KINDS if k in (mine if k in args.learned_kinds else c["entities"]["actors"])]
                        for mine, c in zip(run, cases, strict=True)
                    ]
                    for run in runs
                ]
                report(
                    f"the rules, but {', '.join(args.learned_kinds)} learned",
                    summary(cases, mixed, args.per_kind),
                    rules,
                )
        return
    for c_value in args.C:
        for threshold in args.threshold:
            params = {
                "C": c_value,
                "threshold": threshold,
                "min_count": args.min_count,
                "pooled": not args.separate,
                "add": args.add,
            }
            runs = [cross_validate(cases, feats, args.folds, s, **params) for s in range(args.seeds)]
            report(
                f"learned, refitted per fold, {params}, near={not args.no_near}",
                summary(cases, runs, args.per_kind),
                rules,
            )


if __name__ == "__main__":
    main()
