"""Check the train13k entity gold (bench/gold/train13k: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13k/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-1009",
    "fr-9022",
    "fr-10021",
    "fr-18058",
    "fr-23021",
    "fr-12017",
    "fr-11009",
    "fr-23016",
    "fr-7035",
    "fr-16048",
    "fr-23015",
    "fr-10049",
    "fr-25007",
    "fr-18023",
    "fr-15070",
    "fr-18052",
    "fr-26007",
    "fr-19070",
    "fr-24010",
    "fr-17073",
    "fr-5001",
    "fr-19030",
    "fr-16002",
    "fr-8025",
    "en-17030",
    "en-6009",
    "en-9028",
    "en-2024",
    "en-19038",
    "en-17052",
    "en-15033",
    "en-26002",
    "en-9012",
    "en-7045",
    "en-16054",
    "en-28005",
    "en-14061",
    "en-17011",
    "en-17015",
    "en-15052",
    "en-14048",
    "en-7023",
    "en-18002",
    "en-22006",
    "en-26009",
    "en-1011",
    "en-10041",
    "en-1008",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13k-annotator", IDS))
