"""Check the train13i entity gold (bench/gold/train13i: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13i/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-16023",
    "fr-25005",
    "fr-24006",
    "fr-16032",
    "fr-7044",
    "fr-18050",
    "fr-4027",
    "fr-10017",
    "fr-15029",
    "fr-27004",
    "fr-19012",
    "fr-15075",
    "fr-19007",
    "fr-14074",
    "fr-4006",
    "fr-24003",
    "fr-28004",
    "fr-17052",
    "fr-19015",
    "fr-16030",
    "fr-17017",
    "fr-19048",
    "fr-18021",
    "fr-9008",
    "en-17005",
    "en-5016",
    "en-29004",
    "en-4019",
    "en-15065",
    "en-20018",
    "en-19036",
    "en-12036",
    "en-11036",
    "en-22015",
    "en-19033",
    "en-11048",
    "en-15013",
    "en-12042",
    "en-14040",
    "en-9006",
    "en-22016",
    "en-18074",
    "en-12023",
    "en-25010",
    "en-26003",
    "en-18056",
    "en-14049",
    "en-19037",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13i-annotator", IDS))
