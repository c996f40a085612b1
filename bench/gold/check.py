"""Check the shape of entity gold files (``entities.*.jsonl`` in a folder of bench/gold/).

    PYTHONPATH=. python3 bench/gold/check.py FOLDER... [--in-text] [--annotator NAME]

Every line must parse with the exchange keys in order, each id appear once in a folder, the language
match the file's (``entities.fr.jsonl``), one annotator sign each file (``annotator``: that one), and
every value be allowed (a folder's ``texts.jsonl``, if any, holds the texts of its ``written-…`` cases):
organisation and actor kinds (``casemine.actors.ACTOR_KINDS``), two-letter upper-case countries,
four-digit years, money as text, amount and 3-letter currency, no value listed twice. ``--in-text``
also checks that each organisation, place and year is written in the case's text (it needs the
outside data, ``$CASEMINE_DATA``, for Participedia cases). It reads the gold and the texts only; it
never runs the extractor, so blind sets stay blind.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from casemine.actors import ACTOR_KINDS  # noqa: E402

KEYS = ["id", "lang", "countries", "places", "organisations", "actors", "years", "money", "annotator"]
ORG_KINDS = {"public", "civil_society", "other"}


@cache
def written_texts() -> dict[str, str]:
    """Texts written for the NER's training gold (``written-…`` ids), kept beside their gold in ``texts.jsonl``."""
    texts = {}
    for path in sorted((ROOT / "bench" / "gold").glob("*/texts.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    return texts


def _text(case_id: str, corpus: dict[str, str]) -> str:
    from casemine.external import outside_text

    if case_id.startswith("written-"):
        return written_texts()[case_id]
    if case_id.startswith("participedia-"):
        return outside_text({"participedia_id": int(case_id.split("-", 1)[1])})
    return corpus[case_id]


def problems(folder: Path, in_text: bool = False, annotator: str | None = None) -> tuple[list[str], list[str]]:
    """Every problem of the folder's gold files, one line each, and the ids read (in file order)."""
    corpus: dict[str, str] = {}
    if in_text:
        from casemine.corpus import read_cases

        corpus = {c.id: c.text for c in read_cases(ROOT / "corpus" / "cases")}
    found: list[str] = []
    ids: list[str] = []
    for path in sorted(folder.glob("entities.*.jsonl")):
        file_lang = path.name.split(".")[1]
        annotators: set[str] = set()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                found.append(f"{where}: does not parse ({error})")
                continue
            if list(case) != KEYS:
                found.append(f"{where}: keys {list(case)}")
                continue
            if case["id"] in ids:
                found.append(f"{where}: id {case['id']} twice")
            ids.append(case["id"])
            annotators.add(case["annotator"])
            if annotator is not None and case["annotator"] != annotator:
                found.append(f"{where}: annotator {case['annotator']!r}")
            if case["lang"] not in {"fr", "en"} or file_lang in {"fr", "en"} and case["lang"] != file_lang:
                found.append(f"{where}: lang {case['lang']!r}")
            found += [f"{where}: country {c!r}" for c in case["countries"] if not re.fullmatch(r"[A-Z]{2}", c)]
            found += [f"{where}: place {p!r}" for p in case["places"] if not isinstance(p, str) or not p.strip()]
            found += [
                f"{where}: organisation {o!r}"
                for o in case["organisations"]
                if set(o) != {"name", "kind"} or o["kind"] not in ORG_KINDS or not o["name"].strip()
            ]
            found += [f"{where}: actor kind {a!r}" for a in case["actors"] if a not in ACTOR_KINDS]
            found += [f"{where}: year {y!r}" for y in case["years"] if not isinstance(y, int) or not 1000 <= y <= 2100]
            found += [
                f"{where}: money {m!r}"
                for m in case["money"]
                if set(m) != {"text", "amount", "currency"}
                or not isinstance(m["amount"], (int, float))
                or not re.fullmatch(r"[A-Z]{3}", m["currency"])
            ]
            found += [
                f"{where}: repeated {field}"
                for field in ("countries", "places", "actors", "years")
                if len(set(case[field])) != len(case[field])
            ]
            if in_text:
                text = _text(case["id"], corpus)
                written = [o["name"] for o in case["organisations"]] + case["places"] + [str(y) for y in case["years"]]
                found += [f"{where}: {value!r} not in the text" for value in written if value not in text]
        if len(annotators) > 1:
            found.append(f"{path.name}: several annotators {sorted(annotators)}")
    return found, ids


def check_chosen(folder: Path, annotator: str, chosen: list[str]) -> int:
    """A blind set's own check: the shape check, then exactly its chosen ids; prints what is wrong (or the
    number of cases) and returns the exit code."""
    found, ids = problems(folder, annotator=annotator)
    found += [f"missing {i}" for i in chosen if i not in ids]
    found += [f"{i} is not in the list" for i in ids if i not in chosen]
    print("\n".join(found) if found else f"ok: {len(chosen)} cases")
    return 1 if found else 0


def main() -> int:
    """Print each folder's problems, or its number of cases; exit 1 when anything is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--in-text", action="store_true", help="names, places and years must be written in the text")
    parser.add_argument("--annotator", help="the annotator every case must name")
    args = parser.parse_args()
    wrong = False
    for folder in args.folders:
        found, ids = problems(folder, args.in_text, args.annotator)
        print("\n".join(found) if found else f"{folder}: ok, {len(ids)} cases")
        wrong = wrong or bool(found)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
