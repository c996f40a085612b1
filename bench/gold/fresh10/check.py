"""Check the fresh10 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh10/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-16045",
    "fr-7008",
    "fr-2009",
    "fr-10036",
    "fr-3015",
    "fr-6009",
    "fr-14030",
    "fr-18016",
    "fr-19050",
    "fr-17036",
    "fr-12004",
    "fr-5003",
    "en-7025",
    "en-3008",
    "en-11037",
    "en-12033",
    "en-18016",
    "en-17047",
    "en-14030",
    "en-10038",
    "en-24004",
    "en-15046",
    "en-1025",
    "en-5019",
    "fr-9009",
    "fr-10023",
    "fr-14022",
    "fr-17030",
    "fr-6020",
    "fr-16027",
    "fr-19066",
    "fr-15038",
    "fr-18015",
    "fr-23009",
    "fr-11050",
    "fr-12034",
    "en-16002",
    "en-15003",
    "en-19034",
    "en-6017",
    "en-18051",
    "en-17031",
    "en-10012",
    "en-8004",
    "en-9018",
    "en-14028",
    "en-2023",
    "en-20021",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh10-annotator", IDS))
