"""Check the fresh14 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh14/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-12042",
    "fr-7020",
    "fr-16031",
    "fr-18019",
    "fr-17029",
    "fr-28001",
    "fr-15072",
    "fr-3029",
    "fr-14058",
    "fr-21019",
    "fr-19067",
    "fr-10013",
    "en-20008",
    "en-17053",
    "en-14001",
    "en-16049",
    "en-7021",
    "en-12028",
    "en-18001",
    "en-1018",
    "en-3004",
    "en-10028",
    "en-6025",
    "en-15057",
    "fr-23011",
    "fr-16022",
    "fr-17047",
    "fr-19052",
    "fr-10022",
    "fr-9020",
    "fr-11042",
    "fr-5002",
    "fr-14041",
    "fr-8020",
    "fr-3026",
    "fr-18047",
    "en-12014",
    "en-14013",
    "en-18017",
    "en-20016",
    "en-2029",
    "en-15074",
    "en-7031",
    "en-11025",
    "en-9017",
    "en-3030",
    "en-10025",
    "en-8030",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh14-annotator", IDS))
