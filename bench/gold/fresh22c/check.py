"""Check the fresh22c entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (the last 8 of one seeded draw
of 24 unused English Participedia records of at most 15,000 characters, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh22c/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-1115",
    "participedia-871",
    "participedia-1191",
    "participedia-77",
    "participedia-1351",
    "participedia-87",
    "participedia-4226",
    "participedia-471",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh22c-annotator", IDS))
