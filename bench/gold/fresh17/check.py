"""Check the fresh17 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh17/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-15019",
    "fr-23012",
    "fr-10024",
    "fr-12012",
    "fr-13008",
    "fr-9005",
    "fr-16054",
    "fr-19074",
    "fr-11038",
    "fr-2004",
    "fr-18056",
    "fr-17008",
    "en-17012",
    "en-16068",
    "en-5001",
    "en-19013",
    "en-9037",
    "en-15029",
    "en-20022",
    "en-14047",
    "en-7035",
    "en-2008",
    "en-8024",
    "en-25005",
    "fr-17071",
    "fr-7010",
    "fr-16011",
    "fr-9042",
    "fr-21005",
    "fr-18006",
    "fr-8019",
    "fr-12031",
    "fr-14008",
    "fr-15047",
    "fr-19014",
    "fr-10034",
    "en-11034",
    "en-22011",
    "en-19040",
    "en-8029",
    "en-16064",
    "en-14015",
    "en-2012",
    "en-18026",
    "en-12001",
    "en-15054",
    "en-9026",
    "en-5020",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh17-annotator", IDS))
