"""Second labelling and adjudication of the corpus's drivers and barriers (ninth session).

Every corpus case's drivers and barriers were labelled a second time by annotators who saw only the
text and the annotation guide (``bench/gold/relabel9/second.jsonl``: labels and the sentences that state
them). Where the writer's labels (``first.jsonl``, as the corpus had them before) and the second
labeller's differ, a third annotator, told neither who proposed a label nor that anyone had, decided
each disputed label from the text and the guide with ``corpus/GUIDELINES.md`` (``decisions.jsonl``; a first
round without GUIDELINES.md is kept as ``decisions_without_guidelines.jsonl``, not used). The kept label set
is the majority of the three: the labels both gave, plus the disputed ones the adjudicator accepted.

    python bench/relabel.py questions --second S.jsonl... --out DIR --parts 6   # the adjudicators' files
    python bench/relabel.py report                                             # agreement and outcomes
    python bench/relabel.py apply [--dry-run]                                  # rewrite corpus/cases

``questions`` also records the writer's labels in ``first.jsonl``, so ``report`` and ``apply`` give the
same result however often they run. ``apply`` changes only the drivers, barriers, their rationales and
the ``annotator`` note of each case; a kept label's rationales are the sentences its supporters gave
(writer, second labeller, adjudicator), the writer's first, within the format's limits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casemine.rationales import MAX_QUOTES, MIN_QUOTE_WORDS  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402

FAMILIES = ("drivers", "barriers")
HERE = ROOT / "bench" / "gold" / "relabel9"
CASES = ROOT / "corpus" / "cases"
SEED = "casemine-relabel9-2026:"
NOTE = "drivers and barriers: majority of writer, blind second labeller and adjudicator (bench/relabel.py)"

Decisions = dict[tuple[str, str], dict]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def by_id(path: Path) -> dict[str, dict]:
    """A records file's records by case id; empty when the file does not exist yet."""
    return {r["id"]: r for r in read_jsonl(path)} if path.exists() else {}


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write through a temporary file, so a failure leaves the old file whole."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    tmp.replace(path)


def corpus_rows() -> dict[Path, list[dict]]:
    """Each corpus file's records, in file order (raw JSON, so that ``apply`` changes nothing else)."""
    return {path: read_jsonl(path) for path in sorted(CASES.glob("*.jsonl"))}


def disputes(first: dict, second: dict) -> list[tuple[str, str]]:
    """(family, label) pairs exactly one of the two labellers gave."""
    return [(family, label) for family in FAMILIES for label in sorted(set(first[family]) ^ set(second[family]))]


def questions(args: argparse.Namespace) -> None:
    """Record the writer's labels of the cases not yet in ``first.jsonl`` and their second labels in
    ``second.jsonl``, then write the adjudicators' files for those cases: each disputed case's text and its
    disputed labels, cases in a seeded order dealt round the parts. Cases already recorded keep their
    records, so a later round (new corpus cases) adds to the earlier one without touching it."""
    cases = {r["id"]: r for rows in corpus_rows().values() for r in rows}
    known = by_id(HERE / "first.jsonl")
    new_ids = sorted(set(cases) - set(known))
    first = {
        cid: {
            "id": cid,
            **{f: cases[cid]["labels"][f] for f in FAMILIES},
            "rationales": {f: (cases[cid].get("rationales") or {}).get(f, {}) for f in FAMILIES},
            "annotator": cases[cid]["annotator"],
        }
        for cid in new_ids
    }
    recorded = by_id(HERE / "second.jsonl")
    given = {r["id"]: r for path in args.second for r in read_jsonl(Path(path))}
    missing = [cid for cid in new_ids if cid not in given]
    if missing:
        raise SystemExit(f"{len(missing)} new corpus cases have no second labels, e.g. {missing[:3]}")
    HERE.mkdir(parents=True, exist_ok=True)
    writers = known | first
    write_jsonl(HERE / "first.jsonl", [writers[cid] for cid in sorted(writers)])
    second = recorded | {cid: given[cid] for cid in new_ids}
    write_jsonl(HERE / "second.jsonl", [second[cid] for cid in sorted(second)])
    todo = []
    for cid in sorted(new_ids, key=lambda i: hashlib.sha256((SEED + "adjudicate:" + i).encode()).hexdigest()):
        asked = disputes(first[cid], second[cid])
        if asked:
            c = cases[cid]
            questions = [{"family": f, "label": label} for f, label in asked]
            todo.append(
                {"id": cid, "lang": c["lang"], "title": c.get("title", ""), "text": c["text"], "questions": questions}
            )
    out = Path(args.out)
    for k in range(args.parts):
        part = out / f"a{k + 1}"
        part.mkdir(parents=True, exist_ok=True)
        write_jsonl(part / "questions.jsonl", todo[k :: args.parts])
    print(
        f"{len(new_ids)} new cases; {len(todo)} have a disputed label; {sum(len(t['questions']) for t in todo)} questions"
    )


def kept_labels(first: dict, second: dict, decided: Decisions) -> dict[str, list[str]]:
    """Per family, the labels at least two of the three annotators gave: the writer's kept ones in their order,
    then the added ones in the scheme's."""
    out = {}
    for family in FAMILIES:
        a, b = set(first[family]), set(second[family])
        keep = (a & b) | {label for label in a ^ b if decided[family, label]["applies"]}
        added = [label for label in SCHEME[family].ids if label in keep - a]
        out[family] = [label for label in first[family] if label in keep] + added
    return out


def merged(record: dict, first: dict, second: dict, decided: Decisions) -> dict:
    """The case record with its kept drivers and barriers and their supporters' sentences."""
    record = json.loads(json.dumps(record))
    labels = kept_labels(first, second, decided)
    rationales = record.get("rationales") or {}
    for family in FAMILIES:
        record["labels"][family] = labels[family]
        new = {}
        for label in labels[family]:
            sentences = []
            if label in first[family]:
                sentences += first["rationales"].get(family, {}).get(label, [])
            if label in second[family]:
                sentences += second["rationales"][family].get(label, [])
            verdict = decided.get((family, label))
            if verdict and verdict.get("sentence"):
                sentences.append(verdict["sentence"])
            usable = (s for s in sentences if s in record["text"] and len(s.split()) >= MIN_QUOTE_WORDS)
            new[label] = list(dict.fromkeys(usable))[:MAX_QUOTES]
        rationales[family] = new
    record["rationales"] = rationales
    record["annotator"] = f"{first['annotator']}; {NOTE}"
    return record


def load_all() -> tuple[dict[str, dict], dict[str, dict], dict[str, Decisions]]:
    """The writer's, the second labeller's and the adjudicator's records, by case id, checked to fit together:
    every case has second labels and every disputed label exactly one decision."""
    first = {r["id"]: r for r in read_jsonl(HERE / "first.jsonl")}
    second = {r["id"]: r for r in read_jsonl(HERE / "second.jsonl")}
    decided: dict[str, Decisions] = {}
    for r in read_jsonl(HERE / "decisions.jsonl"):
        decided[r["id"]] = {(d["family"], d["label"]): d for d in r["decisions"]}
    problems = []
    for cid, writer in first.items():
        if cid not in second:
            problems.append(f"{cid}: no second labels")
        elif set(disputes(writer, second[cid])) != set(decided.get(cid, {})):
            problems.append(f"{cid}: the disputed labels and the decisions differ")
    if problems:
        raise SystemExit("\n".join(problems[:20]) + f"\n{len(problems)} problems")
    return first, second, decided


def apply(args: argparse.Namespace) -> None:
    first, second, decided = load_all()
    changed = 0
    for path, rows in corpus_rows().items():
        unknown = [r["id"] for r in rows if r["id"] not in first]
        if unknown:
            raise SystemExit(f"{path}: cases not in first.jsonl, e.g. {unknown[:3]}")
        new = [merged(r, first[r["id"]], second[r["id"]], decided.get(r["id"], {})) for r in rows]
        changed += sum(
            set(first[r["id"]][f]) != set(n["labels"][f]) for r, n in zip(rows, new, strict=True) for f in FAMILIES
        )
        if not args.dry_run:
            write_jsonl(path, new)
    print(f"{changed} drivers or barriers label sets differ from the writer's" + (" (dry run)" if args.dry_run else ""))


def kappa(a: np.ndarray, b: np.ndarray) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b)) if len(set(a) | set(b)) > 1 else float("nan")


def report(args: argparse.Namespace) -> None:
    first, second, decided = load_all()
    ids = sorted(first)
    for family in FAMILIES:
        labels = list(SCHEME[family].ids)

        def matrix(sets: list[list[str]], labels: list[str] = labels) -> np.ndarray:
            return np.array([[x in s for x in labels] for s in sets])

        A = matrix([first[i][family] for i in ids])
        B = matrix([second[i][family] for i in ids])
        K = matrix([kept_labels(first[i], second[i], decided.get(i, {}))[family] for i in ids])
        both = int((A & B).sum())
        kappas = [kappa(A[:, k], B[:, k]) for k in range(len(labels))]
        print(
            f"{family}: {len(ids)} cases; writer {A.sum()} labels, second {B.sum()}, both {both}; "
            f"micro-F1 {2 * both / (A.sum() + B.sum()):.3f}, mean per-label kappa {np.nanmean(kappas):.3f}; "
            f"kept {K.sum()} ({K.sum() / len(ids):.2f} a case; writer {A.sum() / len(ids):.2f})"
        )
        print(
            f"  disputes: {(A & ~B).sum()} writer-only labels ({(A & ~B & K).sum()} kept), "
            f"{(B & ~A).sum()} second-only ({(B & ~A & K).sum()} kept)"
        )
        for k, label in enumerate(labels):
            print(
                f"    {label:<30} kappa {kappas[k]:.3f}  writer {A[:, k].sum():>4}  second {B[:, k].sum():>4}  "
                f"kept {K[:, k].sum():>4}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    q = sub.add_parser("questions", help="record the writer's labels and write the adjudicators' files")
    q.add_argument("--second", nargs="+", required=True, metavar="FILE", help="second labellers' labels.jsonl files")
    q.add_argument("--out", required=True, metavar="DIR")
    q.add_argument("--parts", type=int, default=6)
    a = sub.add_parser("apply", help="rewrite corpus/cases with the kept labels")
    a.add_argument("--dry-run", action="store_true")
    sub.add_parser("report", help="agreement and how the disputes were settled")
    args = parser.parse_args(argv)
    {"questions": questions, "apply": apply, "report": report}[args.action](args)


if __name__ == "__main__":
    main()
