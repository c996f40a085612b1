"""The actor kinds the rules miss on every gold set, grouped by the evidence the text holds for them (round 8).

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/actor_misses.py [--sets all train fresh ...] [--list]

For each gold case (the 60, train, fresh to fresh6; not fresh4b, a second reading of fresh4's cases) and each actor
kind of its gold that the extraction does not give, the cause is the first of:

- C. a term of the kind matched, and the filters refused every match (negation, sense, area...);
- B1-B3. no term matched, but the gold names an organisation that gives the kind (a civil-society organisation for
  ``csos``, a public body for a level): B1 the extractor does not find it, B2 finds it with another kind, B3 finds
  it as a public body whose name gives no level;
- A. neither: the kind is given only by words the lists do not hold (a generic noun such as "organisations",
  "unions", "care teams", "autorités locales"), or by the annotators' reading.

Counts per cause and kind, and with ``--list`` every miss. Run on an older commit (``git archive``) to count its
misses the same way. ``--nouns KIND …`` also ranks the noun lemmas of the cases whose KIND is missed for cause A
against those of the cases whose gold lacks KIND (log-odds, nouns of four cases or more): the words a term list
would need. Parses are cached as ``bench/org_model.py`` caches them.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import SPLITS, name_match  # noqa: E402
from bench.org_model import gold_cases, parse  # noqa: E402
from casemine.actors import ACTOR_KINDS  # noqa: E402
from casemine.entities import extract_entities  # noqa: E402
from casemine.nlp import load_pipeline  # noqa: E402
from casemine.phrases import matchers  # noqa: E402

SETS = ("all", "train", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
LEVELS = ("public_national", "public_regional", "public_local")
CAUSES = {
    "A": "no listed term, no organisation of the kind",
    "B1": "only an organisation the extractor misses",
    "B2": "only an organisation found with another kind",
    "B3": "only a public body found whose name gives no level",
    "C": "a term matched, every match refused",
}


def cause(kind: str, gold: dict, found: dict, evidence: list, text: str) -> str:
    """Why the rules miss ``kind`` in one case (a key of ``CAUSES``)."""
    if any(k == kind for k, _, _ in evidence):
        return "C"
    want = "civil_society" if kind == "csos" else "public" if kind in LEVELS else None
    named = [o for o in gold["organisations"] if want and o["kind"] == want]
    if not named:
        return "A"
    hits = [p for o in named for p in found["organisations"] if name_match(o["name"], p["name"], text)]
    if not hits:
        return "B1"
    return "B3" if any(p["kind"] == want for p in hits) else "B2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SPLITS)
    parser.add_argument("--list", action="store_true", help="print every miss with its cause")
    parser.add_argument("--nouns", nargs="+", default=[], choices=ACTOR_KINDS, help="rank the nouns of A misses")
    args = parser.parse_args()
    missed_nouns: dict[str, Counter] = {k: Counter() for k in args.nouns}
    other_nouns: dict[str, Counter] = {k: Counter() for k in args.nouns}
    cases_of: Counter = Counter()
    cases = gold_cases(tuple(args.sets))
    parse(cases)
    table: dict[str, Counter] = defaultdict(Counter)
    per_set: dict[str, Counter] = defaultdict(Counter)
    for case in cases:
        gold, lang, doc = case["gold"], case["gold"]["lang"], case["doc"]
        nlp = load_pipeline(lang)
        found = extract_entities(doc, nlp, lang)
        evidence = matchers(nlp).actor_evidence(doc)
        nouns = {f"{lang}:{t.lemma_.lower()}" for t in doc if t.pos_ == "NOUN" and t.is_alpha and len(t) > 3}
        for kind in sorted(set(gold["actors"]) - set(found["actors"])):
            why = cause(kind, gold, found, evidence, case["text"])
            table[why][kind] += 1
            per_set[case["set"]][why] += 1
            if args.list:
                print(f"{case['set']:<7} {gold['id']:<18} {kind:<16} {why}")
            if kind in missed_nouns and why == "A":
                missed_nouns[kind].update(nouns)
                cases_of[kind, "A"] += 1
        for kind in other_nouns:
            if kind not in gold["actors"]:
                other_nouns[kind].update(nouns)
                cases_of[kind, "none"] += 1
    total = sum(sum(c.values()) for c in table.values())
    print(f"\nactor kinds missed: {total} in {len(cases)} cases ({', '.join(args.sets)})")
    for key, label in CAUSES.items():
        counts = table[key]
        detail = ", ".join(f"{k} {n}" for k, n in counts.most_common())
        print(f"{key:<3} {label:<52} {sum(counts.values()):>4}   {detail}")
    print("per set: " + "; ".join(f"{s} " + " ".join(f"{k} {per_set[s][k]}" for k in CAUSES) for s in args.sets))
    for kind in args.nouns:
        a_cases, n_cases = cases_of[kind, "A"], cases_of[kind, "none"]
        print(f"\n{kind}: nouns of its {a_cases} A misses against the {n_cases} cases without it (log-odds)")
        ranked = sorted(
            (
                math.log((a + 0.5) / (a_cases - a + 0.5))
                - math.log((other_nouns[kind][w] + 0.5) / (n_cases - other_nouns[kind][w] + 0.5)),
                w,
                a,
            )
            for w, a in missed_nouns[kind].items()
            if a >= 4
        )
        for odds, word, a in ranked[::-1][:30]:
            print(f"  {word:<28} {a:>4} / {a_cases}  {other_nouns[kind][word]:>5} / {n_cases}  {odds:.2f}")


if __name__ == "__main__":
    main()
