"""Check the train13d entity gold (bench/gold/train13d/, training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 ids the lead chose (see README.md).

    PYTHONPATH=. python3 bench/gold/train13d/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-19054",
    "fr-16051",
    "fr-11048",
    "fr-17062",
    "fr-27005",
    "fr-23019",
    "fr-23010",
    "fr-19058",
    "fr-10038",
    "fr-14038",
    "fr-5009",
    "fr-6015",
    "fr-10032",
    "fr-14017",
    "fr-28010",
    "fr-28008",
    "fr-19038",
    "fr-10019",
    "fr-12022",
    "fr-19037",
    "fr-15046",
    "fr-15071",
    "fr-19022",
    "fr-7009",
    "en-11047",
    "en-8039",
    "en-20019",
    "en-18032",
    "en-2002",
    "en-22017",
    "en-8006",
    "en-15068",
    "en-17003",
    "en-16065",
    "en-17062",
    "en-9015",
    "en-4005",
    "en-10010",
    "en-15030",
    "en-10005",
    "en-16072",
    "en-14029",
    "en-28008",
    "en-10039",
    "en-19069",
    "en-18045",
    "en-25007",
    "en-3018",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13d-annotator", IDS))
