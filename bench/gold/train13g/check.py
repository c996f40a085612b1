"""Check the train13g entity gold (bench/gold/train13g: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13g/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-21009",
    "fr-11011",
    "fr-28002",
    "fr-8009",
    "fr-12030",
    "fr-12040",
    "fr-16073",
    "fr-16005",
    "fr-13007",
    "fr-15054",
    "fr-10005",
    "fr-15048",
    "fr-19026",
    "fr-6013",
    "fr-14037",
    "fr-5019",
    "fr-29001",
    "fr-7034",
    "fr-24002",
    "fr-16056",
    "fr-10031",
    "fr-9049",
    "fr-11033",
    "fr-19034",
    "en-9035",
    "en-14051",
    "en-22003",
    "en-17020",
    "en-12007",
    "en-8037",
    "en-19006",
    "en-27006",
    "en-16042",
    "en-10034",
    "en-11046",
    "en-18048",
    "en-18019",
    "en-9013",
    "en-15027",
    "en-16063",
    "en-16021",
    "en-22020",
    "en-14056",
    "en-17016",
    "en-19017",
    "en-12047",
    "en-8021",
    "en-15059",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13g-annotator", IDS))
