"""Re-derive the corpus cases of the NER training gold written in the fourteenth session for the next (``train15a`` …
``train15f``).

    PYTHONPATH=. python3 bench/gold/train15/choose.py

``bench/gold/train13/choose.py``'s deal with its own seed and one round of six parts: corpus cases in no gold
folder and whose translation is in none, also leaving out the blind set fresh17 (drawn first).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from bench.gold.fresh17 import check as fresh17  # noqa: E402
from bench.gold.train13.choose import deal  # noqa: E402

SEED = "casemine-train15-gold-2026:"
ROUNDS = ("abcdef",)
PARTS = "".join(ROUNDS)
# The blind set fresh17 (bench/gold/fresh3/choose.py, seeds casemine-fresh17-gold-2026: and …17b…), drawn before
# this deal and annotated beside it (so in no gold folder when the ids were dealt); now only a guard.
BLIND = frozenset(fresh17.IDS)


def chosen() -> dict[str, list[str]]:
    """Part letter -> its 48 ids (24 fr, then 24 en)."""
    return deal(SEED, "train15", ROUNDS, also=BLIND)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train15{part}: {', '.join(ids)}")
