"""Check the train13e entity gold (``bench/gold/train13e/``, training data for the name tagger, not a
blind set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed
values, one annotator), and exactly the 48 ids chosen by the lead (see README.md).

    PYTHONPATH=. python3 bench/gold/train13e/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-8044",
    "fr-18012",
    "fr-9019",
    "fr-17064",
    "fr-26005",
    "fr-26009",
    "fr-14035",
    "fr-19010",
    "fr-17072",
    "fr-29007",
    "fr-15037",
    "fr-2020",
    "fr-17003",
    "fr-14066",
    "fr-3027",
    "fr-8028",
    "fr-14024",
    "fr-18041",
    "fr-1007",
    "fr-19068",
    "fr-18063",
    "fr-18072",
    "fr-2024",
    "fr-9028",
    "en-15072",
    "en-18055",
    "en-19053",
    "en-18023",
    "en-12035",
    "en-10046",
    "en-13005",
    "en-17066",
    "en-8042",
    "en-10033",
    "en-19021",
    "en-19062",
    "en-25002",
    "en-5018",
    "en-20001",
    "en-14070",
    "en-15009",
    "en-18057",
    "en-14012",
    "en-18027",
    "en-15004",
    "en-27004",
    "en-5017",
    "en-16028",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13e-annotator", IDS))
