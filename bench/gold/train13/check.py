"""Check the thirteenth session's NER training gold (``train13a`` … ``train13l``): for each part, the shape check
of ``bench/gold/check.py`` (every line parses, each id once, allowed values, its one annotator) and exactly the
ids ``choose.py`` deals it.

    PYTHONPATH=. python3 bench/gold/train13/check.py

It reads the gold files and the corpus's ids only, and runs no extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bench.gold.check import check_chosen  # noqa: E402
from bench.gold.train13.choose import chosen  # noqa: E402


def main() -> int:
    wrong = 0
    for part, ids in chosen().items():
        print(f"train13{part}: ", end="")
        wrong |= check_chosen(HERE.parent / f"train13{part}", f"llm-train13{part}-annotator", ids)
    return wrong


if __name__ == "__main__":
    raise SystemExit(main())
