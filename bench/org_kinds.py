"""Would a learned kind for organisations beat the rules' (experiment, fourteenth session; nothing shipped)?

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_kinds.py --ner-folds .ner [--C 1] [--seeds 3]

Why: on the training gold most civil-society organisations the extractor misses are *found* but given the kind
``other`` (a name with no cue word — "Waste Concern", "Night Ravens" — whose text says what it is: "an NGO", "the
charity", "volunteers who…"), which the public-body and civil-society rows count as misses.

Cases: every spent corpus gold case of ``bench/org_model.py --every-set --corpus-only`` (1,490), each parsed by the
NER fold model that did not see it (``--ner-folds``), organisations chosen as shipped (the rules and
``org_filter.json``). Each chosen name that matches a gold organisation is an example, labelled with the gold kind.
A multinomial logistic regression reads the organisation check's features of the name plus the lemmas around each of
its mentions (``ctx=``, six tokens either side) and is cross-validated over cases (5 folds by a hash of the id,
``--seeds`` fold assignments). Rows (P / R / F1 with ``bench/entities.py``'s matching, all cases): the rules' kinds;
the learned kind for every name; only where the rules gave ``other`` (no cue word, no apposition); only turning
``other`` into civil society.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import name_match  # noqa: E402
from bench.org_model import EVERY, candidates, fold_of, gold_cases, parse, prf, score  # noqa: E402
from casemine.org_filter import select, shipped_filter  # noqa: E402

WINDOW = 6


def kind_features(c, window: int = WINDOW, sentences: bool = False) -> list[str]:
    """The check's features of a candidate and the content lemmas near each of its mentions (``sentences``: also
    those of the sentences holding a mention)."""
    near = set()
    for span in c.spans or [c.ent]:
        doc = span.doc
        for t in list(doc[max(0, span.start - window) : span.start]) + list(doc[span.end : span.end + window]):
            if t.is_alpha and not t.is_stop and len(t) > 2:
                near.add(f"ctx={t.lemma_.lower()}")
        if sentences:
            near |= {f"sent={t.lemma_.lower()}" for t in span.sent if t.is_alpha and not t.is_stop and len(t) > 2}
    return c.features + sorted(near)


def chosen(case: dict) -> list:
    """The candidates the shipped extraction keeps, as candidates (``select`` returns dicts in the same order)."""
    kept = select(case["candidates"], shipped_filter())
    by_name = {c.name: c for c in case["candidates"]}
    return [by_name[o["name"]] for o in kept]


def examples(case: dict, **featurise) -> list[tuple[list[str], str]]:
    """(features, gold kind) for each kept name that stands for a gold organisation."""
    out = []
    for c in chosen(case):
        match = [o for o in case["gold"]["organisations"] if name_match(c.name, o["name"], case["text"])]
        if match:
            out.append((kind_features(c, **featurise), match[0]["kind"]))
    return out


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner-folds", type=Path, required=True)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--window", type=int, default=WINDOW, help="tokens either side of a mention")
    parser.add_argument("--sentences", action="store_true", help="also the lemmas of the mentions' sentences")
    args = parser.parse_args()
    featurise = {"window": args.window, "sentences": args.sentences}
    cases = [c for c in gold_cases(EVERY) if not c["gold"]["id"].startswith("participedia-")]
    parse(cases, args.ner_folds)
    candidates(cases)
    for case in cases:
        case["kept"] = chosen(case)
        case["examples"] = examples(case, **featurise)
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
        "every name": lambda rule, guess: guess,
        "where the rules gave other": lambda rule, guess: guess if rule == "other" else rule,
        "other to civil society only": lambda rule, guess: (
            guess if (rule, guess) == ("other", "civil_society") else rule
        ),
    }
    for mode, decide in modes.items():
        runs = []
        for seed in range(args.seeds):
            kinds = [list(k) for k in rules]
            for k in range(args.folds):
                train = [
                    e for case in cases if fold_of(case["gold"]["id"], args.folds, seed) != k for e in case["examples"]
                ]
                vec = DictVectorizer()
                X = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in train])
                model = LogisticRegression(C=args.C, max_iter=2000).fit(X, [y for _, y in train])
                for i, case in enumerate(cases):
                    if fold_of(case["gold"]["id"], args.folds, seed) != k or not case["kept"]:
                        continue
                    rows_ = [dict.fromkeys(kind_features(c, **featurise), 1) for c in case["kept"]]
                    guess = model.predict(vec.transform(rows_))
                    kinds[i] = [decide(c.kind, g) for c, g in zip(case["kept"], guess, strict=True)]
            runs.append(rows(kinds))
        mean = {row: tuple(sum(r[row][j] for r in runs) / len(runs) for j in range(3)) for row in runs[0]}
        report(f"learned kind ({mode}), C {args.C}", mean)


if __name__ == "__main__":
    main()
