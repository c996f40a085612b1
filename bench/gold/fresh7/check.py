"""Check the fresh7 entity gold: the shape check of ``bench/gold/check.py`` (every line parses, each id
once, allowed values, one annotator), and exactly the 24 chosen ids.

    PYTHONPATH=. python3 bench/gold/fresh7/check.py

It reads the gold files only and runs no extractor, so it keeps the set blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-8036",
    "fr-10027",
    "fr-1015",
    "fr-12043",
    "fr-7041",
    "fr-6007",
    "fr-4010",
    "fr-5022",
    "fr-9024",
    "fr-2019",
    "fr-11023",
    "fr-3021",
    "en-9044",
    "en-11005",
    "en-4009",
    "en-7018",
    "en-10048",
    "en-1007",
    "en-8049",
    "en-12038",
    "en-6003",
    "en-5028",
    "en-3022",
    "en-2007",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-fresh7-annotator", IDS))
