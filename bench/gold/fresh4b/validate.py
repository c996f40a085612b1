"""Check the shape of the fresh4b annotation files: each line parses, each id once, allowed values,
ISO-like countries, and every organisation or place string written in its text.

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/gold/fresh4b/validate.py

It reads the texts only (corpus `text`, Participedia `outside_text`); it runs no extractor.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from casemine.actors import ACTOR_KINDS  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.external import outside_text  # noqa: E402

FOLDER = Path(__file__).resolve().parent
KEYS = ["id", "lang", "countries", "places", "organisations", "actors", "years", "money", "annotator"]
ORG_KINDS = {"public", "civil_society", "other"}


def problems() -> list[str]:
    """Every problem found, as one line each (empty when the files are valid)."""
    out: list[str] = []
    seen: set[str] = set()
    cases = {c.id: c.text for c in read_cases(ROOT / "corpus" / "cases")}
    for path in sorted(FOLDER.glob("entities.*.jsonl")):
        lang = path.name.split(".")[1]
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            where = f"{path.name}:{n}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as err:
                out.append(f"{where}: does not parse ({err})")
                continue
            if list(g) != KEYS:
                out.append(f"{where}: keys {list(g)}")
                continue
            cid = g["id"]
            if cid in seen:
                out.append(f"{where}: {cid} twice")
            seen.add(cid)
            if g["lang"] != lang or g["annotator"] != "llm-fresh4b-annotator":
                out.append(f"{where}: lang or annotator")
            if cid.startswith("participedia-"):
                text = outside_text({"participedia_id": int(cid.split("-", 1)[1])})
            else:
                text = cases[cid]
            for c in g["countries"]:
                if not re.fullmatch(r"[A-Z]{2}", c):
                    out.append(f"{where}: country {c!r}")
            for a in g["actors"]:
                if a not in ACTOR_KINDS:
                    out.append(f"{where}: actor {a!r}")
            for y in g["years"]:
                if not (isinstance(y, int) and 1000 <= y <= 2100 and str(y) in text):
                    out.append(f"{where}: year {y!r}")
            for m in g["money"]:
                if set(m) != {"text", "amount", "currency"} or not re.fullmatch(r"[A-Z]{3}", m["currency"]):
                    out.append(f"{where}: money {m!r}")
            for o in g["organisations"]:
                if set(o) != {"name", "kind"} or o["kind"] not in ORG_KINDS:
                    out.append(f"{where}: organisation {o!r}")
            names = [o["name"] for o in g["organisations"]] + g["places"]
            for name in names:
                if name not in text:
                    out.append(f"{where}: {name!r} not in the text")
            for field in ("countries", "places", "actors", "years"):
                if len(set(g[field])) != len(g[field]):
                    out.append(f"{where}: repeated {field}")
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "valid")
    sys.exit(1 if found else 0)
