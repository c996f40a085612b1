"""The evidence check: do the sentences casemine gives for a tag really support it?

    python bench/evidence.py sample [--n 50] [--round 2]   # write bench/gold/evidence[2]_sample.jsonl
    python bench/evidence.py report [--round 2]            # read the judgments and print the rates
    python bench/evidence.py rationales [--before]         # does evidence quote the sentences rationales mark?

Round 1 (no ``--round``) judged the first model's evidence; round 2 the model with the barrier
"difficulty sentence" block; round 3 the model with the notion block for drivers and barriers
(docs/benchmarks.md); round 4 the sixth session's, whose barrier evidence starts with the
sentence the pooled score took. The sample is drawn with a fixed seed from the same fold, so labels whose
prediction did not change come back in every round.

``sample`` trains on the training part of the first cross-validation fold, tags the held-out
cases, and draws a random sample of predicted labels (spread over families) with their evidence.
A reader then judges each one in ``bench/gold/evidence_judgments.jsonl`` (``{"key": …, "verdict":
"supports" | "partly" | "does_not_support"}``), without seeing whether the label was right: from
round 4 on, ``sample`` also writes the reader's file ``bench/gold/evidence<round>_blind.jsonl``
(key, family, label, its definition, the case text and the evidence, nothing else); the
sample file itself says whether each label is right (``label_correct``) and is for ``report`` only.

``rationales`` (seventh session) trains the same way and counts, for every driver and barrier label
predicted right on the held-out cases whose rationales mark at least one sentence for it
(``casemine.rationales``; the held-out cases' rationales are not trained on), how often the first
evidence sentence, or either of the two, is a marked one, beside the share of marked sentences (what a
random sentence would score). ``--before`` fits with the sixth session's settings (no sentence model,
drivers not pooled).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import DEFAULT_FAMILY_PARAMS, CaseClassifier  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evidence import batch_evidence  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.rationales import FIELD, corpus_targets, sentence_targets  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402

# The sixth session's settings: no sentence model, drivers not pooled (``rationales --before``).
BEFORE_RATIONALES = {
    "drivers": DEFAULT_FAMILY_PARAMS["drivers"] | {"sentence_weight": 0.0, "rationales": False},
    "barriers": DEFAULT_FAMILY_PARAMS["barriers"] | {"rationales": False},
}


def paths(round_: int) -> tuple[Path, Path]:
    """The sample and judgment files of an evidence-check round."""
    stem = ROOT / "bench" / "gold" / ("evidence" if round_ == 1 else f"evidence{round_}")
    return Path(f"{stem}_sample.jsonl"), Path(f"{stem}_judgments.jsonl")


def blind_path(round_: int) -> Path:
    """The reader's file of a round: the sample without whether each label is right (``blind_items``)."""
    return paths(round_)[0].with_name(paths(round_)[0].name.replace("_sample", "_blind"))


def blind_items(chosen: list[dict], texts: dict[str, str]) -> list[dict]:
    """What the reader sees of each sampled label: key, family, label, its definition, the case text and
    the evidence sentences; never the gold labels or whether the label is right."""
    return [
        {
            "key": x["key"],
            "family": x["family"],
            "label": x["label"],
            "definition": SCHEME[x["family"]].label(x["label"]).definition,
            "text": texts[x["case"]],
            "evidence": x["evidence"],
        }
        for x in chosen
    ]


def fold_one(seed: int, **params) -> tuple[list, list, list[int], CaseClassifier]:
    """The corpus cases, their analyses, the first fold's held-out indices and a model fit on the rest
    (with the training cases' rationales; ``params``: ``CaseClassifier`` settings)."""
    cases = read_cases(ROOT / "corpus" / "cases")
    analyses = analyse_cases(cases)
    train, test = make_folds(cases, 5, seed)[0]
    rationales = corpus_targets(cases, analyses)
    clf = CaseClassifier(**params).fit(
        [analyses[i] for i in train], [cases[i].labels for i in train], [rationales[i] for i in train]
    )
    return cases, analyses, list(test), clf


def sample(n: int, seed: int, round_: int) -> None:
    cases, analyses, test, clf = fold_one(seed)
    items = []
    held_out = [analyses[i] for i in test]
    labels = clf.predict(held_out)
    for i, found_all in zip(test, batch_evidence(clf, held_out, labels), strict=True):
        for family_id, found in found_all.items():
            for label, sentences in found.items():
                gold = cases[i].labels.get(family_id)
                correct = label in (gold or []) if SCHEME[family_id].multi else label == gold
                items.append(
                    {
                        "key": f"{cases[i].id}/{family_id}/{label}",
                        "case": cases[i].id,
                        "family": family_id,
                        "label": label,
                        "evidence": sentences,
                        "label_correct": correct,
                    }
                )
    rng = random.Random(seed)
    per_family = max(1, n // len(SCHEME.families))
    chosen = []
    for family in SCHEME.families:
        pool = [x for x in items if x["family"] == family.id]
        chosen += rng.sample(pool, min(per_family, len(pool)))
    rng.shuffle(chosen)
    SAMPLE = paths(round_)[0]
    SAMPLE.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in chosen), "utf-8")
    print(f"{len(chosen)} labels with evidence → {SAMPLE}")
    if round_ >= 4:  # earlier rounds' readers were handed a blind view made outside this script
        blind = blind_items(chosen, {c.id: c.text for c in cases})
        BLIND = blind_path(round_)
        BLIND.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in blind), "utf-8")
        print(f"the reader's file, without whether each label is right → {BLIND}")


def report(round_: int) -> None:
    SAMPLE, JUDGMENTS = paths(round_)
    items = {json.loads(line)["key"]: json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()}
    verdicts = [json.loads(line) for line in JUDGMENTS.read_text("utf-8").splitlines() if line.strip()]
    counts = Counter(v["verdict"] for v in verdicts)
    total = len(verdicts)
    print(f"{total} labels judged: " + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in counts.most_common()))
    for correct in (True, False):
        subset = [v for v in verdicts if items[v["key"]]["label_correct"] is correct]
        if subset:
            ok = sum(v["verdict"] == "supports" for v in subset)
            print(
                f"  labels that were {'right' if correct else 'wrong'}: {len(subset)}, supported {ok / len(subset):.0%}"
            )
    for family in SCHEME.families:
        subset = [v for v in verdicts if items[v["key"]]["family"] == family.id]
        if subset:
            ok = sum(v["verdict"] == "supports" for v in subset)
            print(f"  {family.id:<10} {ok}/{len(subset)} supported")


def rationale_hits(seed: int, before: bool = False) -> None:
    """Print how often drivers' and barriers' evidence quotes a sentence the held-out rationales mark (module doc)."""
    params = {"family_params": BEFORE_RATIONALES} if before else {}
    cases, analyses, test, clf = fold_one(seed, **params)
    held_out = [analyses[i] for i in test]
    found = batch_evidence(clf, held_out, clf.predict(held_out))
    for family_id in ("drivers", "barriers"):
        counts: Counter = Counter()
        chance = []
        for i, given in zip(test, found, strict=True):
            stated = (sentence_targets(cases[i].text, analyses[i].sentences, cases[i].extra.get(FIELD)) or {}).get(
                family_id
            )
            if stated is None:
                continue
            for label, sentences in given.get(family_id, {}).items():
                marked = {s for s, labels in zip(analyses[i].sentences, stated, strict=True) if label in labels}
                if label not in (cases[i].labels.get(family_id) or []) or not marked or not sentences:
                    continue
                counts["labels"] += 1
                counts["first"] += sentences[0] in marked
                counts["any"] += any(s in marked for s in sentences)
                chance.append(len(marked) / len(analyses[i].sentences))
        total = max(counts["labels"], 1)
        print(
            f"{family_id}: {counts['labels']} right labels with marked sentences on {len(test)} held-out cases; "
            f"first evidence sentence marked {counts['first']} ({counts['first'] / total:.1%}), "
            f"either of the two {counts['any']} ({counts['any'] / total:.1%}); "
            f"a random sentence would be marked {np.mean(chance) if chance else 0:.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["sample", "report", "rationales"])
    parser.add_argument("--before", action="store_true", help="rationales: the sixth session's settings")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--round", type=int, default=1, help="which round's files (default 1)")
    args = parser.parse_args()
    if args.action == "sample":
        sample(args.n, args.seed, args.round)
    elif args.action == "report":
        report(args.round)
    else:
        rationale_hits(args.seed, args.before)


if __name__ == "__main__":
    main()
