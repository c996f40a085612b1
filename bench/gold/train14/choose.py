"""Re-derive the corpus cases of the fourteenth session's NER training gold (``train14a`` … ``train14f``).

    PYTHONPATH=. python3 bench/gold/train14/choose.py

``bench/gold/train13/choose.py``'s deal with its own seed and one round of six parts: corpus cases in no gold
folder and whose translation is in none, the blind sets fresh15 and fresh16 (drawn first) included.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from bench.gold.train13.choose import deal  # noqa: E402

SEED = "casemine-train14-gold-2026:"
ROUNDS = ("abcdef",)
PARTS = "".join(ROUNDS)
# fresh15 and fresh16 (bench/gold/fresh3/choose.py, seeds casemine-fresh15-gold-2026:, …15b…, …16…, …16b…),
# drawn before this deal and annotated beside it.
_BLIND_IDS = """fr-17041 fr-19063 fr-14053 fr-18064 fr-16034 fr-28006 fr-5017 fr-23014 fr-12027 fr-7016 fr-8037 fr-15012
    en-28010 en-14060 en-3011 en-17042 en-8011 en-7028 en-19007 en-13002 en-15010 en-10019 en-18031 en-6013
    fr-7002 fr-21008 fr-17063 fr-8026 fr-12036 fr-14025 fr-9006 fr-18068 fr-19017 fr-15066 fr-16053 fr-11012
    en-14036 en-6019 en-26010 en-22010 en-16069 en-7015 en-15042 en-17019 en-18058 en-19052 en-8015 en-9004
    fr-21013 fr-15027 fr-17045 fr-19064 fr-14049 fr-12003 fr-29006 fr-11004 fr-18035 fr-7037 fr-6001 fr-16014
    en-7037 en-10018 en-11023 en-2001 en-4001 en-16056 en-3010 en-9039 en-1026 en-18033 en-19026 en-15038
    fr-15033 fr-4003 fr-14009 fr-26008 fr-11008 fr-18018 fr-16063 fr-7003 fr-9036 fr-17019 fr-19016 fr-8017
    en-7044 en-17022 en-16036 en-18022 en-19059 en-10023 en-12026 en-15017 en-3028 en-11031 en-20013 en-9043"""
BLIND = frozenset(_BLIND_IDS.split())


def chosen() -> dict[str, list[str]]:
    """Part letter -> its 48 ids (24 fr, then 24 en)."""
    return deal(SEED, "train14", ROUNDS, also=BLIND)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train14{part}: {', '.join(ids)}")
