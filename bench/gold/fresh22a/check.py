"""Check the fresh22a entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (the first 8 of one seeded draw
of 24 unused English Participedia records of at most 15,000 characters, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh22a/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-28",
    "participedia-4222",
    "participedia-37",
    "participedia-642",
    "participedia-542",
    "participedia-50",
    "participedia-630",
    "participedia-546",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh22a-annotator", IDS))
