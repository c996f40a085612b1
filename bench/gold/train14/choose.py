"""Re-derive the corpus cases of the fourteenth session's NER training gold (``train14a`` … ``train14f``).

    PYTHONPATH=. python3 bench/gold/train14/choose.py

``bench/gold/train13/choose.py``'s deal with its own seed and one round of six parts: corpus cases in no gold
folder and whose translation is in none, also leaving out the blind sets fresh15 and fresh16 (drawn first).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from bench.gold.fresh15 import check as fresh15  # noqa: E402
from bench.gold.fresh16 import check as fresh16  # noqa: E402
from bench.gold.train13.choose import deal  # noqa: E402

SEED = "casemine-train14-gold-2026:"
ROUNDS = ("abcdef",)
PARTS = "".join(ROUNDS)
# The blind sets fresh15 and fresh16, drawn before this deal and annotated beside it (so not yet in any gold
# folder when the ids were dealt); now that both are written this is only a guard.
BLIND = frozenset(fresh15.IDS) | frozenset(fresh16.IDS)


def chosen() -> dict[str, list[str]]:
    """Part letter -> its 48 ids (24 fr, then 24 en)."""
    return deal(SEED, "train14", ROUNDS, also=BLIND)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train14{part}: {', '.join(ids)}")
