"""Check the fresh20b entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 30 chosen ids (part b: every English corpus
case left with no entity gold, no draw, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh20b/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "en-7011",
    "en-10011",
    "en-17002",
    "en-17010",
    "en-17038",
    "en-17057",
    "en-17058",
    "en-15024",
    "en-15032",
    "en-15062",
    "en-16025",
    "en-16033",
    "en-16040",
    "en-16062",
    "en-14035",
    "en-14053",
    "en-14054",
    "en-14072",
    "en-14075",
    "en-22022",
    "en-12005",
    "en-12045",
    "en-19045",
    "en-19049",
    "en-19066",
    "en-6023",
    "en-18063",
    "en-2009",
    "en-8009",
    "en-8050",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh20b-annotator", IDS))
