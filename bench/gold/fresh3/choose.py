"""Re-derive the case list of a fresh held-out entity gold set (fresh, fresh2, fresh3).

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/gold/fresh3/choose.py \
        --seed casemine-fresh3-gold-2026: --exclude bench/gold bench/gold/fresh bench/gold/fresh2

Cases are ordered by ascending sha256(seed + id), ids written as in the gold ("fr-1021",
"participedia-4249"), so the choice does not depend on how easy a text looks. Corpus: per language,
keep a case unless its file already gave one in that language or its ``form`` already has 3.
Participedia: unused French records (fr in both language fields) first, whatever their length
(fresh took 105 and 4085), then unused English ones (en in both fields) of at most 8,000 characters
of cleaned text (``--max-chars``), in hash order; ``--n-corpus`` and ``--n-outside`` set how many. Reads only ids, languages, forms and the
length of the cleaned text; it never runs the extractor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def used_ids(folders: list[str]) -> set[str]:
    """Ids already annotated in the entity gold files of these folders."""
    ids = set()
    for folder in folders:
        for path in sorted((ROOT / folder).glob("entities.*.jsonl")):
            ids |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    return ids


def choose(
    seed: str, excluded: set[str], n_corpus: int = 12, n_outside: int = 16, max_chars: int = 8000
) -> dict[str, list[str]]:
    """The chosen ids per group, in hash order."""
    from casemine.external import outside_text

    def rank(gold_id: str) -> str:
        return hashlib.sha256((seed + gold_id).encode("utf-8")).hexdigest()

    rows = []
    for path in sorted((ROOT / "corpus" / "cases").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                rows.append((case["id"], case["lang"], case.get("form"), path.name))
    chosen: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        files, forms, kept = set(), {}, []
        for case_id, _, form, file in sorted(
            (r for r in rows if r[1] == lang and r[0] not in excluded), key=lambda r: rank(r[0])
        ):
            if len(kept) == n_corpus:
                break
            if file in files or forms.get(form, 0) >= 3:
                continue
            files.add(file)
            forms[form] = forms.get(form, 0) + 1
            kept.append(case_id)
        chosen[lang] = kept
    records = []
    with open(Path(os.environ["CASEMINE_DATA"]) / "participedia" / "participedia_v2_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records.append((r["id"], r["original_language"], r["detected_language"]))
    picks = []
    for want in ("fr", "en"):
        group = [r for r in records if r[1] == want and r[2] == want and f"participedia-{r[0]}" not in excluded]
        for rid, _, _ in sorted(group, key=lambda r: rank(f"participedia-{r[0]}")):
            if len(picks) == n_outside:
                break
            if want == "fr" or len(outside_text({"participedia_id": rid})) <= max_chars:
                picks.append(f"participedia-{rid}")
    chosen["participedia"] = picks
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", required=True)
    parser.add_argument("--exclude", nargs="*", default=["bench/gold"])
    parser.add_argument("--n-corpus", type=int, default=12, help="corpus cases per language")
    parser.add_argument("--n-outside", type=int, default=16, help="Participedia records")
    parser.add_argument("--max-chars", type=int, default=8000, help="longest English Participedia text")
    args = parser.parse_args()
    excluded = used_ids(args.exclude)
    print(f"{len(excluded)} ids excluded")
    for group, ids in choose(args.seed, excluded, args.n_corpus, args.n_outside, args.max_chars).items():
        print(f"{group} ({len(ids)}): {', '.join(ids)}")


if __name__ == "__main__":
    main()
