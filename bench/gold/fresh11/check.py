"""Check the fresh11 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 48 chosen ids (two seeded draws, see README.md).

    PYTHONPATH=. python3 bench/gold/fresh11/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-16061",
    "fr-26004",
    "fr-6019",
    "fr-8011",
    "fr-12033",
    "fr-7001",
    "fr-14071",
    "fr-15060",
    "fr-17070",
    "fr-11019",
    "fr-9047",
    "fr-19021",
    "en-13007",
    "en-19074",
    "en-28004",
    "en-8007",
    "en-18025",
    "en-20006",
    "en-11022",
    "en-10015",
    "en-7007",
    "en-9003",
    "en-15049",
    "en-14063",
    "fr-18001",
    "fr-16046",
    "fr-17011",
    "fr-15021",
    "fr-14039",
    "fr-7022",
    "fr-3004",
    "fr-12020",
    "fr-2011",
    "fr-8002",
    "fr-1010",
    "fr-10009",
    "en-18050",
    "en-8043",
    "en-16067",
    "en-19004",
    "en-15061",
    "en-6016",
    "en-28007",
    "en-14067",
    "en-4024",
    "en-22005",
    "en-12050",
    "en-17067",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh11-annotator", IDS))
