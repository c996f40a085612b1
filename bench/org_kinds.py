"""Cross-validate the learned kind of organisations (``casemine.org_kinds``) against the rules' kinds, and write it.

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_kinds.py --ner-folds .ner [--C 1] [--seeds 3] [--write]

Why: on the training gold most civil-society organisations the extractor misses are *found* but given the kind
``other`` (a name with no cue word — "Waste Concern", "Night Ravens" — whose text says what it is: "an NGO", "the
charity", "volunteers who…"), which the public-body and civil-society rows count as misses.

Cases: every spent corpus gold case of ``bench/org_model.py --every-set --corpus-only``, each parsed by the NER fold
model that did not see it (``--ner-folds``), organisations chosen by the rules and the shipped check
(``org_filter.json``, fitted on these cases: the kept names are a little better than an unseen text's, for the
rules' kinds and the learned ones alike). Each chosen name that matches a gold organisation is an example, labelled with the gold kind.
``casemine.org_kinds.KindModel`` (a multinomial logistic regression on the check's features of the name, the lemmas
``--window`` tokens either side of each mention and, unless ``--no-sentences``, those of the mentions' sentences) is
cross-validated over cases (5 folds by a hash of the id, ``--seeds`` fold assignments). Rows (P / R / F1 with
``bench/entities.py``'s matching, all cases): the rules' kinds; the learned kind for every name; only where the rules
gave ``other``; only turning ``other`` into civil society (what ``KindModel.kind`` does, the shipped use).
``--write`` then fits on every example and writes ``data/entities/org_kinds.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import name_match  # noqa: E402
from bench.org_model import EVERY, candidates, fold_of, gold_cases, parse, prf, score  # noqa: E402
from casemine.org_filter import choose, shipped_filter  # noqa: E402
from casemine.org_kinds import MODEL_PATH, KindModel  # noqa: E402

FEATURES: dict[int, list[str]] = {}  # each kept candidate's kind features, read once


class Read(KindModel):
    """The model reading ``FEATURES`` instead of the text again in every fold (the same features)."""

    def features(self, c) -> list[str]:
        return FEATURES[id(c)]


def examples(case: dict) -> list[tuple[list[str], str]]:
    """(features, gold kind) for each kept name that stands for a gold organisation."""
    out = []
    for c in case["kept"]:
        match = [o for o in case["gold"]["organisations"] if name_match(c.name, o["name"], case["text"])]
        if match:
            out.append((FEATURES[id(c)], match[0]["kind"]))
    return out


def fit(cases: list[dict], model: KindModel) -> KindModel:
    """The model fitted on the examples of ``cases``."""
    rows = [(f, kind, case["gold"]["id"]) for case in cases for f, kind in case["examples"]]
    return model.fit([f for f, _, _ in rows], [k for _, k, _ in rows], [g for _, _, g in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner-folds", type=Path, required=True)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--min-count", type=int, default=3, help="cases a feature must be seen in")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--window", type=int, default=6, help="tokens either side of a mention")
    parser.add_argument("--no-sentences", action="store_true", help="leave out the lemmas of the mentions' sentences")
    parser.add_argument("--write", action="store_true", help="fit on all cases and write the shipped weights")
    args = parser.parse_args()
    params = {"C": args.C, "min_count": args.min_count, "window": args.window, "sentences": not args.no_sentences}
    cases = [c for c in gold_cases(EVERY) if not c["gold"]["id"].startswith("participedia-")]
    parse(cases, args.ner_folds)
    candidates(cases)
    reader = KindModel(**params)
    for case in cases:
        case["kept"] = choose(case["candidates"], shipped_filter())
        FEATURES.update({id(c): reader.features(c) for c in case["kept"]})
        case["examples"] = examples(case)
    print(f"{len(cases)} cases, {sum(len(c['examples']) for c in cases)} kept names matching a gold organisation")

    def rows(kinds: list[list[str]]) -> dict[str, tuple[float, float, float]]:
        predicted = [
            [{"name": c.name, "kind": k} for c, k in zip(case["kept"], ks, strict=True)]
            for case, ks in zip(cases, kinds, strict=True)
        ]
        totals = score(cases, predicted)["all"]
        return {row: prf(totals[row]) for row in ("public bodies", "civil society")}

    def report(title: str, result: dict[str, tuple[float, float, float]]) -> None:
        print(title)
        for row, (p, r, f) in result.items():
            print(f"  {row:<15} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    rules = [[c.kind for c in case["kept"]] for case in cases]
    report("rules' kinds", rows(rules))
    modes = {
        "every name": lambda c, model: model.predict(model.features(c)),
        "where the rules gave other": lambda c, model: (
            model.predict(model.features(c)) if c.kind == "other" else c.kind
        ),
        "other to civil society only (shipped use)": lambda c, model: model.kind(c),
    }
    for mode, decide in modes.items():
        runs = []
        for seed in range(args.seeds):
            kinds = [list(k) for k in rules]
            for k in range(args.folds):
                model = fit([c for c in cases if fold_of(c["gold"]["id"], args.folds, seed) != k], Read(**params))
                for i, case in enumerate(cases):
                    if fold_of(case["gold"]["id"], args.folds, seed) == k:
                        kinds[i] = [decide(c, model) for c in case["kept"]]
            runs.append(rows(kinds))
        mean = {row: tuple(sum(r[row][j] for r in runs) / len(runs) for j in range(3)) for row in runs[0]}
        report(f"learned kind ({mode}), {params}", mean)
    if args.write:
        model = fit(cases, Read(**params))
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {MODEL_PATH} ({sum(len(w) for w in model.weights_.values())} weights)")


if __name__ == "__main__":
    main()
