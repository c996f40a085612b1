"""Check the fresh29d entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 4 chosen ids (two of the last eight unused English
Participedia records of at most 15,000 characters and two of at most 30,000, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh29d/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-4177",
    "participedia-34",
    "participedia-5",
    "participedia-398",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh29d-annotator", IDS))
