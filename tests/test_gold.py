"""The entity gold sets under bench/gold/ keep the exchange shape, and written texts hold their gold names."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gold.check import problems, written_texts  # noqa: E402

GOLD = ROOT / "bench" / "gold"


def test_every_gold_folder_has_the_exchange_shape():
    folders = [f for f in [GOLD, *sorted(GOLD.iterdir())] if f.is_dir() and any(f.glob("entities.*.jsonl"))]
    assert len(folders) > 50
    wrong = {f.name: problems(f)[0] for f in folders}
    assert not {name: found for name, found in wrong.items() if found}


def test_written_texts_carry_every_name_place_and_year_of_their_gold():
    folders = sorted(f.parent for f in GOLD.glob("*/texts.jsonl"))
    assert folders, "no written texts"
    ids = [i for f in folders for i in problems(f, in_text=True)[1]]
    assert sorted(ids) == sorted(written_texts())
    wrong = {f.name: problems(f, in_text=True)[0] for f in folders}
    assert not {name: found for name, found in wrong.items() if found}
