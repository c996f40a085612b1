"""Check the fresh20a entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 27 chosen ids (part a, the French half, of all the
corpus cases left with no entity gold and no gold translation; no draw, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh20a/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-17031",
    "fr-5025",
    "fr-15067",
    "fr-16019",
    "fr-16026",
    "fr-16044",
    "fr-16068",
    "fr-16071",
    "fr-14015",
    "fr-14036",
    "fr-14046",
    "fr-14051",
    "fr-14065",
    "fr-9003",
    "fr-25004",
    "fr-27002",
    "fr-28003",
    "fr-29003",
    "fr-29005",
    "fr-21007",
    "fr-24001",
    "fr-19006",
    "fr-19031",
    "fr-19047",
    "fr-19071",
    "fr-6024",
    "fr-8001",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh20a-annotator", IDS))
