"""Check the train13f entity gold (``bench/gold/train13f/``, training data for the name tagger, not a
blind set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed
values, one annotator), and exactly the 48 ids the lead chose (seeded hash order, see README.md).

    PYTHONPATH=. python3 bench/gold/train13f/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-7005",
    "fr-21014",
    "fr-11045",
    "fr-17061",
    "fr-16020",
    "fr-17054",
    "fr-15005",
    "fr-2018",
    "fr-28005",
    "fr-17059",
    "fr-15010",
    "fr-9035",
    "fr-19003",
    "fr-19018",
    "fr-8034",
    "fr-15063",
    "fr-15017",
    "fr-23020",
    "fr-10028",
    "fr-16072",
    "fr-19051",
    "fr-15001",
    "fr-14043",
    "fr-15007",
    "en-11029",
    "en-16032",
    "en-24006",
    "en-5004",
    "en-7046",
    "en-17017",
    "en-7010",
    "en-19027",
    "en-11010",
    "en-14018",
    "en-18073",
    "en-8038",
    "en-19064",
    "en-7008",
    "en-5005",
    "en-17025",
    "en-4013",
    "en-10040",
    "en-15073",
    "en-14023",
    "en-15058",
    "en-18053",
    "en-10013",
    "en-18064",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13f-annotator", IDS))
