"""Check the train13b entity gold (training data for the name tagger, not a blind set): the shape
check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one annotator),
and exactly the 48 ids chosen by the lead (see README.md).

    PYTHONPATH=. python3 bench/gold/train13b/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-12011",
    "fr-19039",
    "fr-14023",
    "fr-18003",
    "fr-10014",
    "fr-12044",
    "fr-7045",
    "fr-25008",
    "fr-17068",
    "fr-8027",
    "fr-18008",
    "fr-15003",
    "fr-21002",
    "fr-15045",
    "fr-19013",
    "fr-3022",
    "fr-24005",
    "fr-16043",
    "fr-14048",
    "fr-3030",
    "fr-10025",
    "fr-17023",
    "fr-14034",
    "fr-16039",
    "en-16061",
    "en-22001",
    "en-17029",
    "en-24001",
    "en-2011",
    "en-17035",
    "en-5022",
    "en-20017",
    "en-19048",
    "en-10006",
    "en-1009",
    "en-1030",
    "en-6030",
    "en-19070",
    "en-16011",
    "en-7024",
    "en-10017",
    "en-16060",
    "en-17055",
    "en-8031",
    "en-9048",
    "en-16055",
    "en-18066",
    "en-22008",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13b-annotator", IDS))
