"""Check the fresh6 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 24 chosen ids.

    PYTHONPATH=. python3 bench/gold/fresh6/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-9007",
    "fr-11049",
    "fr-8005",
    "fr-10043",
    "fr-7042",
    "fr-4030",
    "fr-12049",
    "fr-3005",
    "fr-2022",
    "fr-1003",
    "fr-6025",
    "fr-5010",
    "en-7013",
    "en-4023",
    "en-11004",
    "en-13003",
    "en-6001",
    "en-1003",
    "en-10022",
    "en-8033",
    "en-12012",
    "en-9020",
    "en-3023",
    "en-2025",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh6-annotator", IDS))
