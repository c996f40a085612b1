"""Check the fresh5 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 24 chosen ids.

    PYTHONPATH=. python3 bench/gold/fresh5/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-3007",
    "fr-9002",
    "fr-8023",
    "fr-2017",
    "fr-6014",
    "fr-12007",
    "fr-11016",
    "fr-10001",
    "fr-5026",
    "fr-7040",
    "fr-4019",
    "fr-13010",
    "en-8016",
    "en-11043",
    "en-12018",
    "en-2030",
    "en-3005",
    "en-6015",
    "en-10050",
    "en-1023",
    "en-5009",
    "en-9034",
    "en-7012",
    "en-4025",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh5-annotator", IDS))
