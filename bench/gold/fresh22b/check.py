"""Check the fresh22b entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (the second 8 of one seeded draw
of 24 unused English Participedia records of at most 15,000 characters, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh22b/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-42",
    "participedia-4176",
    "participedia-16",
    "participedia-1185",
    "participedia-597",
    "participedia-4221",
    "participedia-689",
    "participedia-129",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh22b-annotator", IDS))
