"""Check the fresh21b entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 8 chosen ids (part b, the second eight, of one
seeded draw of 24 English Participedia records, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh21b/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-44",
    "participedia-439",
    "participedia-60",
    "participedia-8",
    "participedia-4161",
    "participedia-1211",
    "participedia-587",
    "participedia-647",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh21b-annotator", IDS))
