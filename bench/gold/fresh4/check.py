"""Check the fresh4 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 40 chosen ids.

    PYTHONPATH=. python3 bench/gold/fresh4/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = (
    "fr-3019 fr-6026 fr-7046 fr-2001 fr-8004 fr-11013 fr-9032 fr-1004 fr-12029 fr-4016 fr-10050 fr-5015 "
    "en-9046 en-6006 en-8046 en-5008 en-11024 en-3003 en-2027 en-4003 en-7029 en-10020 en-1020 en-12006 "
    + " ".join(
        f"participedia-{n}"
        for n in (1217, 1085, 452, 1432, 38, 4220, 94, 4245, 644, 655, 1196, 1265, 1390, 1405, 1236, 2374)
    )
).split()


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh4-annotator", IDS))
