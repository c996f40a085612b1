"""Check the train13l entity gold (bench/gold/train13l: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13l/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-9029",
    "fr-18004",
    "fr-8041",
    "fr-15043",
    "fr-18067",
    "fr-14010",
    "fr-15015",
    "fr-12013",
    "fr-14018",
    "fr-18071",
    "fr-1029",
    "fr-8024",
    "fr-14072",
    "fr-15055",
    "fr-17055",
    "fr-16062",
    "fr-9037",
    "fr-18051",
    "fr-18053",
    "fr-18070",
    "fr-19004",
    "fr-18011",
    "fr-11007",
    "fr-17033",
    "en-7027",
    "en-18011",
    "en-16046",
    "en-16006",
    "en-22018",
    "en-8012",
    "en-12027",
    "en-18072",
    "en-19016",
    "en-10009",
    "en-8001",
    "en-22014",
    "en-22009",
    "en-7047",
    "en-18047",
    "en-18065",
    "en-22019",
    "en-3007",
    "en-4022",
    "en-17036",
    "en-18006",
    "en-17073",
    "en-11040",
    "en-17014",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13l-annotator", IDS))
