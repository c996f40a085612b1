"""Check the train13j entity gold (bench/gold/train13j: training data for the name tagger, not a blind
set): the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, one
annotator), and exactly the 48 chosen ids (see README.md).

    PYTHONPATH=. python3 bench/gold/train13j/check.py

It reads the gold files only and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402

IDS = [
    "fr-12002",
    "fr-16024",
    "fr-17049",
    "fr-8014",
    "fr-15061",
    "fr-15008",
    "fr-18031",
    "fr-19042",
    "fr-1002",
    "fr-19035",
    "fr-7039",
    "fr-17053",
    "fr-3008",
    "fr-2013",
    "fr-17050",
    "fr-10029",
    "fr-19043",
    "fr-8003",
    "fr-14050",
    "fr-18039",
    "fr-18027",
    "fr-14026",
    "fr-11021",
    "fr-10046",
    "en-18014",
    "en-19011",
    "en-20011",
    "en-16034",
    "en-11008",
    "en-29009",
    "en-17050",
    "en-19031",
    "en-22004",
    "en-9023",
    "en-18007",
    "en-6020",
    "en-8026",
    "en-11015",
    "en-15025",
    "en-7026",
    "en-9031",
    "en-22007",
    "en-29002",
    "en-18039",
    "en-19001",
    "en-17061",
    "en-19050",
    "en-5007",
]


if __name__ == "__main__":
    raise SystemExit(check_chosen(HERE, "llm-train13j-annotator", IDS))
