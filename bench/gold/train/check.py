"""Check the shape of the training entity gold (bench/gold/train/entities.*.jsonl).

    PYTHONPATH=. python3 bench/gold/train/check.py

Every line must parse, each id appear once, organisation kinds and actor kinds be allowed values,
countries be two upper-case letters, years integers and money amounts numbers with a 3-letter
currency. It reads the gold files only; it never runs the extractor.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from casemine.actors import ACTOR_KINDS

HERE = Path(__file__).resolve().parent
KEYS = ["id", "lang", "countries", "places", "organisations", "actors", "years", "money", "annotator"]
ORG_KINDS = {"public", "civil_society", "other"}


def problems(path: Path, seen: set[str]) -> list[str]:
    """Every shape problem of one gold file, as readable lines."""
    found = []
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
        if case["id"] in seen:
            found.append(f"{where}: id {case['id']} twice")
        seen.add(case["id"])
        found += [f"{where}: country {c!r}" for c in case["countries"] if not re.fullmatch(r"[A-Z]{2}", c)]
        found += [
            f"{where}: organisation {o}"
            for o in case["organisations"]
            if set(o) != {"name", "kind"} or o["kind"] not in ORG_KINDS or not o["name"].strip()
        ]
        found += [f"{where}: actor kind {a!r}" for a in case["actors"] if a not in ACTOR_KINDS]
        found += [f"{where}: year {y!r}" for y in case["years"] if not isinstance(y, int)]
        found += [
            f"{where}: money {m}"
            for m in case["money"]
            if not isinstance(m.get("amount"), (int, float)) or not re.fullmatch(r"[A-Z]{3}", m.get("currency", ""))
        ]
        found += [f"{where}: place {p!r}" for p in case["places"] if not isinstance(p, str) or not p.strip()]
        if case["lang"] not in {"fr", "en"}:
            found.append(f"{where}: lang {case['lang']!r}")
    return found


def main() -> int:
    """Print the problems and the number of cases; exit 1 when anything is wrong."""
    seen: set[str] = set()
    found = [p for path in sorted(HERE.glob("entities.*.jsonl")) for p in problems(path, seen)]
    print("\n".join(found) if found else f"ok: {len(seen)} cases")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
