"""Check the fresh12 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh12/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-16016",
    "fr-18005",
    "fr-10048",
    "fr-9043",
    "fr-12018",
    "fr-25001",
    "fr-21003",
    "fr-14032",
    "fr-1026",
    "fr-15065",
    "fr-11035",
    "fr-7021",
    "en-15035",
    "en-16073",
    "en-17037",
    "en-19060",
    "en-2013",
    "en-9024",
    "en-18038",
    "en-6024",
    "en-10045",
    "en-11035",
    "en-22013",
    "en-7038",
    "fr-25009",
    "fr-17051",
    "fr-1011",
    "fr-9025",
    "fr-3002",
    "fr-21015",
    "fr-10033",
    "fr-19024",
    "fr-15002",
    "fr-8050",
    "fr-18033",
    "fr-16010",
    "en-15040",
    "en-10001",
    "en-19068",
    "en-4006",
    "en-9011",
    "en-16030",
    "en-20020",
    "en-11050",
    "en-7004",
    "en-26004",
    "en-18044",
    "en-17075",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh12-annotator", IDS))
