"""Check the fresh8 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 24 chosen ids.

    PYTHONPATH=. python3 bench/gold/fresh8/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-18066",
    "fr-12014",
    "fr-19075",
    "fr-16033",
    "fr-13003",
    "fr-17057",
    "fr-9011",
    "fr-10037",
    "fr-3014",
    "fr-8006",
    "fr-11027",
    "fr-15074",
    "en-19072",
    "en-4002",
    "en-18067",
    "en-15001",
    "en-13010",
    "en-11012",
    "en-12039",
    "en-17027",
    "en-5013",
    "en-16018",
    "en-10047",
    "en-14006",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh8-annotator", IDS))
