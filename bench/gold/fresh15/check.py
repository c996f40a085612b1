"""Check the fresh15 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh15/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-17041",
    "fr-19063",
    "fr-14053",
    "fr-18064",
    "fr-16034",
    "fr-28006",
    "fr-5017",
    "fr-23014",
    "fr-12027",
    "fr-7016",
    "fr-8037",
    "fr-15012",
    "en-28010",
    "en-14060",
    "en-3011",
    "en-17042",
    "en-8011",
    "en-7028",
    "en-19007",
    "en-13002",
    "en-15010",
    "en-10019",
    "en-18031",
    "en-6013",
    "fr-7002",
    "fr-21008",
    "fr-17063",
    "fr-8026",
    "fr-12036",
    "fr-14025",
    "fr-9006",
    "fr-18068",
    "fr-19017",
    "fr-15066",
    "fr-16053",
    "fr-11012",
    "en-14036",
    "en-6019",
    "en-26010",
    "en-22010",
    "en-16069",
    "en-7015",
    "en-15042",
    "en-17019",
    "en-18058",
    "en-19052",
    "en-8015",
    "en-9004",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh15-annotator", IDS))
