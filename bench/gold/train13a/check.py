"""Check the train13a entity gold (bench/gold/train13a: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13a/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-8016",
    "fr-10047",
    "fr-2023",
    "fr-17004",
    "fr-12045",
    "fr-14028",
    "fr-11020",
    "fr-14047",
    "fr-17009",
    "fr-12039",
    "fr-16004",
    "fr-14013",
    "fr-18026",
    "fr-17026",
    "fr-16037",
    "fr-19011",
    "fr-7026",
    "fr-11015",
    "fr-2029",
    "fr-2006",
    "fr-23003",
    "fr-11010",
    "fr-9027",
    "fr-17075",
    "en-18049",
    "en-1005",
    "en-10003",
    "en-9050",
    "en-14064",
    "en-7049",
    "en-28003",
    "en-29001",
    "en-20004",
    "en-15031",
    "en-9025",
    "en-22021",
    "en-17039",
    "en-18040",
    "en-10049",
    "en-27008",
    "en-7034",
    "en-18008",
    "en-14073",
    "en-29008",
    "en-14004",
    "en-14019",
    "en-14032",
    "en-19055",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13a-annotator", IDS))
