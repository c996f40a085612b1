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

from bench.gold.train13.choose import deal  # noqa: E402

SEED = "casemine-train15-gold-2026:"
ROUNDS = ("abcdef",)
PARTS = "".join(ROUNDS)
# fresh17 (bench/gold/fresh3/choose.py, seeds casemine-fresh17-gold-2026: and …17b…), drawn before this deal and
# annotated beside it, so in no gold folder when the ids were dealt.
_FRESH17 = """fr-15019 fr-23012 fr-10024 fr-12012 fr-13008 fr-9005 fr-16054 fr-19074 fr-11038 fr-2004 fr-18056 fr-17008
    en-17012 en-16068 en-5001 en-19013 en-9037 en-15029 en-20022 en-14047 en-7035 en-2008 en-8024 en-25005
    fr-17071 fr-7010 fr-16011 fr-9042 fr-21005 fr-18006 fr-8019 fr-12031 fr-14008 fr-15047 fr-19014 fr-10034
    en-11034 en-22011 en-19040 en-8029 en-16064 en-14015 en-2012 en-18026 en-12001 en-15054 en-9026 en-5020"""
BLIND = frozenset(_FRESH17.split())


def chosen() -> dict[str, list[str]]:
    """Part letter -> its 48 ids (24 fr, then 24 en)."""
    return deal(SEED, "train15", ROUNDS, also=BLIND)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train15{part}: {', '.join(ids)}")
