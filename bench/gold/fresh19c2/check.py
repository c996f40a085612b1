"""Check the fresh19c2 entity gold (a second, blind reading of part c of the fresh19 draw): the shape
check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one annotator), and
exactly the 8 chosen Participedia ids (see README.md).

    PYTHONPATH=. python3 bench/gold/fresh19c2/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "participedia-40",
    "participedia-63",
    "participedia-136",
    "participedia-2372",
    "participedia-548",
    "participedia-595",
    "participedia-2373",
    "participedia-1863",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh19c2-annotator", IDS))
