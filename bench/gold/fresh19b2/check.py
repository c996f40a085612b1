"""Check the fresh19b2 entity gold (a second, blind reading of part b of fresh19): the shape check of
``bench/gold/check.py`` (every line parses, each id once, allowed values, one annotator), and exactly
the 8 chosen ids (part b of one seeded draw, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh19b2/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402
from bench.gold.fresh19b.check import IDS  # noqa: E402  (the first reading's cases)

if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh19b2-annotator", IDS))
