"""How far two independent rationale annotations agree, sentence by sentence.

    python bench/rationale_agreement.py [--second bench/gold/rationales_second.jsonl]

The corpus's rationales (``casemine.rationales``) against a second annotation of some of its cases,
made by another annotator who saw the same cases and labels but not the first annotation. Both are
mapped onto the parsed sentences as training maps them; per family it prints the sentence-level F1
between the two (over every label of the cases), how many labels have at least one sentence in
common, and how many each left without a sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.corpus import read_cases  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.rationales import FAMILIES, FIELD, sentence_targets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second", default=str(ROOT / "bench" / "gold" / "rationales_second.jsonl"))
    args = parser.parse_args()
    lines = Path(args.second).read_text("utf-8").splitlines()
    second = {r["id"]: r[FIELD] for r in map(json.loads, filter(str.strip, lines))}
    cases = [c for c in read_cases(ROOT / "corpus" / "cases") if c.id in second and c.extra.get(FIELD)]
    analyses = analyse_cases(cases)
    print(f"{len(cases)} cases annotated twice")
    for family_id in FAMILIES:
        shared = first_n = second_n = labels = overlapping = empty_first = empty_second = 0
        for case, analysis in zip(cases, analyses, strict=True):
            one = sentence_targets(case.text, analysis.sentences, case.extra[FIELD])[family_id]
            two = sentence_targets(case.text, analysis.sentences, {family_id: second[case.id][family_id]})[family_id]
            for label in case.labels[family_id]:
                a = {i for i, stated in enumerate(one) if label in stated}
                b = {i for i, stated in enumerate(two) if label in stated}
                labels += 1
                shared, first_n, second_n = shared + len(a & b), first_n + len(a), second_n + len(b)
                overlapping += bool(a & b)
                empty_first, empty_second = empty_first + (not a), empty_second + (not b)
        f1 = 2 * shared / (first_n + second_n) if first_n + second_n else 0.0
        print(
            f"{family_id}: {labels} labels; sentence-level F1 {f1:.3f} ({first_n} sentences marked by the first, "
            f"{second_n} by the second, {shared} by both); a sentence in common for {overlapping} labels "
            f"({overlapping / max(labels, 1):.1%}); left without a sentence: first {empty_first}, second {empty_second}"
        )


if __name__ == "__main__":
    main()
