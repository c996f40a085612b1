"""Check the fresh18 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 43 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh18/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-17065",
    "fr-19065",
    "fr-11044",
    "fr-16018",
    "fr-6010",
    "fr-14007",
    "fr-15044",
    "fr-7024",
    "fr-8039",
    "fr-10018",
    "fr-18074",
    "en-14042",
    "en-15069",
    "en-17074",
    "en-7043",
    "en-19025",
    "en-12031",
    "en-16016",
    "en-11013",
    "en-18060",
    "en-20010",
    "fr-16066",
    "fr-10020",
    "fr-12026",
    "fr-11031",
    "fr-15052",
    "fr-8033",
    "fr-19057",
    "fr-6002",
    "fr-14061",
    "fr-17027",
    "fr-18014",
    "en-19023",
    "en-14020",
    "en-25008",
    "en-22012",
    "en-16024",
    "en-1001",
    "en-15047",
    "en-8002",
    "en-17008",
    "en-12019",
    "en-18070",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh18-annotator", IDS))
