"""Check the train13h entity gold (bench/gold/train13h: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13h/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-25010",
    "fr-18034",
    "fr-14003",
    "fr-16074",
    "fr-17039",
    "fr-15056",
    "fr-16075",
    "fr-17014",
    "fr-12028",
    "fr-2026",
    "fr-15034",
    "fr-11041",
    "fr-7015",
    "fr-8046",
    "fr-23006",
    "fr-18045",
    "fr-19019",
    "fr-14042",
    "fr-18010",
    "fr-17001",
    "fr-10035",
    "fr-17037",
    "fr-14002",
    "fr-15051",
    "en-12032",
    "en-17060",
    "en-28002",
    "en-18004",
    "en-14074",
    "en-17041",
    "en-19028",
    "en-17072",
    "en-25004",
    "en-20005",
    "en-2028",
    "en-24007",
    "en-10007",
    "en-16051",
    "en-19067",
    "en-15016",
    "en-1017",
    "en-26005",
    "en-7030",
    "en-27001",
    "en-12011",
    "en-8040",
    "en-17070",
    "en-18024",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13h-annotator", IDS))
