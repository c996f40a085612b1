"""Check the fresh21a entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (the first 8 of one seeded draw
of 24 unused English Participedia records of at most 15,000 characters, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh21a/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-7",
    "participedia-633",
    "participedia-6",
    "participedia-4224",
    "participedia-1112",
    "participedia-1449",
    "participedia-619",
    "participedia-438",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh21a-annotator", IDS))
