"""Check the fresh13 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh13/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-19073",
    "fr-27001",
    "fr-17046",
    "fr-5011",
    "fr-7029",
    "fr-16055",
    "fr-14075",
    "fr-4021",
    "fr-2025",
    "fr-18046",
    "fr-15009",
    "fr-8032",
    "en-15006",
    "en-10030",
    "en-18010",
    "en-12030",
    "en-26007",
    "en-20007",
    "en-6005",
    "en-1024",
    "en-16071",
    "en-5015",
    "en-8010",
    "en-14021",
    "fr-15004",
    "fr-9023",
    "fr-5008",
    "fr-8021",
    "fr-14045",
    "fr-17066",
    "fr-19020",
    "fr-18065",
    "fr-16028",
    "fr-11028",
    "fr-10004",
    "fr-4023",
    "en-17044",
    "en-10035",
    "en-19008",
    "en-12024",
    "en-14008",
    "en-18069",
    "en-2026",
    "en-25009",
    "en-1013",
    "en-16010",
    "en-11032",
    "en-15067",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh13-annotator", IDS))
