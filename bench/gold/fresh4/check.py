"""Check the shape of the fresh4 entity gold: every line parses, the 40 chosen ids are there once each.

    PYTHONPATH=. python3 bench/gold/fresh4/check.py

Also checks the field names, the organisation kinds, the actor kinds (casemine.actors.ACTOR_KINDS),
the country codes (two upper-case letters), years and money. It reads the gold files only and runs
no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from casemine.actors import ACTOR_KINDS

HERE = Path(__file__).resolve().parent
IDS = (
    "fr-3019 fr-6026 fr-7046 fr-2001 fr-8004 fr-11013 fr-9032 fr-1004 fr-12029 fr-4016 fr-10050 fr-5015 "
    "en-9046 en-6006 en-8046 en-5008 en-11024 en-3003 en-2027 en-4003 en-7029 en-10020 en-1020 en-12006 "
    + " ".join(
        f"participedia-{n}"
        for n in (1217, 1085, 452, 1432, 38, 4220, 94, 4245, 644, 655, 1196, 1265, 1390, 1405, 1236, 2374)
    )
).split()
KEYS = ["id", "lang", "countries", "places", "organisations", "actors", "years", "money", "annotator"]
ORG_KINDS = {"public", "civil_society", "other"}


def problems() -> list[str]:
    """Every problem found in the two files (empty when the set is well formed)."""
    found: list[str] = []
    seen: dict[str, int] = {}
    for lang in ("fr", "en"):
        for n, line in enumerate((HERE / f"entities.{lang}.jsonl").read_text("utf-8").splitlines(), 1):
            where = f"entities.{lang}.jsonl:{n}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as err:
                found.append(f"{where}: {err}")
                continue
            seen[g.get("id")] = seen.get(g.get("id"), 0) + 1
            if list(g) != KEYS:
                found.append(f"{where}: keys {list(g)}")
            if g["lang"] != lang or g["annotator"] != "llm-fresh4-annotator":
                found.append(f"{where}: lang or annotator")
            found += [f"{where}: country {c!r}" for c in g["countries"] if not re.fullmatch(r"[A-Z]{2}", c)]
            found += [f"{where}: place {p!r}" for p in g["places"] if not isinstance(p, str) or not p.strip()]
            for org in g["organisations"]:
                if set(org) != {"name", "kind"} or org["kind"] not in ORG_KINDS or not org["name"].strip():
                    found.append(f"{where}: organisation {org!r}")
            found += [f"{where}: actor {a!r}" for a in g["actors"] if a not in ACTOR_KINDS]
            found += [f"{where}: year {y!r}" for y in g["years"] if not isinstance(y, int) or not 1000 <= y <= 2100]
            for m in g["money"]:
                if set(m) != {"text", "amount", "currency"} or not re.fullmatch(r"[A-Z]{3}", m["currency"]):
                    found.append(f"{where}: money {m!r}")
            for field in ("countries", "places", "actors", "years"):
                if len(set(g[field])) != len(g[field]):
                    found.append(f"{where}: repeated {field}")
    found += [f"missing {i}" for i in IDS if i not in seen]
    found += [f"{i} appears {k} times" for i, k in seen.items() if k != 1]
    found += [f"{i} is not in the list" for i in seen if i not in IDS]
    return found


if __name__ == "__main__":
    issues = problems()
    print("\n".join(issues) if issues else f"ok: {len(IDS)} cases")
    raise SystemExit(1 if issues else 0)
