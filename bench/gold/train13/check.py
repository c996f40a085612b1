"""Check the NER training gold (``train13a`` … ``train13l``, ``train14a`` … ``train14f``, ``train15a`` … ``train15f``):
for each part, the shape check of ``bench/gold/check.py`` (every line parses, each id once, allowed values, its one
annotator) and exactly the ids its round's ``choose.py`` deals it. Parts not written yet are reported as missing.

    PYTHONPATH=. python3 bench/gold/train13/check.py

It reads the gold files and the corpus's ids only, and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402
from bench.gold.train13 import choose as train13  # noqa: E402
from bench.gold.train14 import choose as train14  # noqa: E402
from bench.gold.train15 import choose as train15  # noqa: E402


def main() -> int:
    wrong = 0
    for name, rounds in (("train13", train13), ("train14", train14), ("train15", train15)):
        for part, ids in rounds.chosen().items():
            print(f"{name}{part}: ", end="")
            wrong |= check_chosen(HERE.parent / f"{name}{part}", f"llm-{name}{part}-annotator", ids)
    return wrong


if __name__ == "__main__":
    raise SystemExit(main())
