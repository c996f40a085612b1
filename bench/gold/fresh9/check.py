"""Check the fresh9 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh9/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-16041",
    "fr-4007",
    "fr-18002",
    "fr-17067",
    "fr-11029",
    "fr-14005",
    "fr-7017",
    "fr-10045",
    "fr-2012",
    "fr-15058",
    "fr-3009",
    "fr-9045",
    "en-7032",
    "en-13008",
    "en-10042",
    "en-8023",
    "en-19041",
    "en-16026",
    "en-14016",
    "en-4008",
    "en-1027",
    "en-17006",
    "en-3026",
    "en-15034",
    "fr-9048",
    "fr-10040",
    "fr-17024",
    "fr-16025",
    "fr-12019",
    "fr-14060",
    "fr-18007",
    "fr-4024",
    "fr-15041",
    "fr-7047",
    "fr-11001",
    "fr-8047",
    "en-17046",
    "en-2017",
    "en-19056",
    "en-7016",
    "en-18071",
    "en-15002",
    "en-14025",
    "en-5003",
    "en-9036",
    "en-11030",
    "en-4021",
    "en-1004",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh9-annotator", IDS))
