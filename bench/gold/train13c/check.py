"""Check the train13c entity gold (training data for the name tagger, not a blind set): the shape
check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one annotator),
and exactly the 48 chosen ids (given by the lead, see README.md).

    PYTHONPATH=. python3 bench/gold/train13c/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-19056",
    "fr-16067",
    "fr-14070",
    "fr-14057",
    "fr-16013",
    "fr-9017",
    "fr-17044",
    "fr-15035",
    "fr-15014",
    "fr-14011",
    "fr-9012",
    "fr-14056",
    "fr-18037",
    "fr-11047",
    "fr-17034",
    "fr-26006",
    "fr-9013",
    "fr-18044",
    "fr-15020",
    "fr-2014",
    "fr-15026",
    "fr-23004",
    "fr-12037",
    "fr-18030",
    "en-24003",
    "en-14068",
    "en-15043",
    "en-19042",
    "en-27002",
    "en-10043",
    "en-14039",
    "en-15019",
    "en-14050",
    "en-17032",
    "en-14069",
    "en-11003",
    "en-12004",
    "en-6014",
    "en-24008",
    "en-14033",
    "en-12034",
    "en-7040",
    "en-10021",
    "en-19039",
    "en-5026",
    "en-19043",
    "en-10029",
    "en-15063",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13c-annotator", IDS))
