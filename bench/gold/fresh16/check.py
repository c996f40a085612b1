"""Check the fresh16 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh16/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-21013",
    "fr-15027",
    "fr-17045",
    "fr-19064",
    "fr-14049",
    "fr-12003",
    "fr-29006",
    "fr-11004",
    "fr-18035",
    "fr-7037",
    "fr-6001",
    "fr-16014",
    "en-7037",
    "en-10018",
    "en-11023",
    "en-2001",
    "en-4001",
    "en-16056",
    "en-3010",
    "en-9039",
    "en-1026",
    "en-18033",
    "en-19026",
    "en-15038",
    "fr-15033",
    "fr-4003",
    "fr-14009",
    "fr-26008",
    "fr-11008",
    "fr-18018",
    "fr-16063",
    "fr-7003",
    "fr-9036",
    "fr-17019",
    "fr-19016",
    "fr-8017",
    "en-7044",
    "en-17022",
    "en-16036",
    "en-18022",
    "en-19059",
    "en-10023",
    "en-12026",
    "en-15017",
    "en-3028",
    "en-11031",
    "en-20013",
    "en-9043",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh16-annotator", IDS))
