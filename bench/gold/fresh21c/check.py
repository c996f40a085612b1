"""Check the fresh21c entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (part c, the last eight, of one
seeded draw of 24 Participedia records, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh21c/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-1210",
    "participedia-1190",
    "participedia-801",
    "participedia-64",
    "participedia-768",
    "participedia-2376",
    "participedia-48",
    "participedia-49",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh21c-annotator", IDS))
