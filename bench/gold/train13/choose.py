"""Re-derive the corpus cases of the NER training gold (``train13a`` … ``train13l``; ``deal`` also serves train14).

    PYTHONPATH=. python3 bench/gold/train13/choose.py

Corpus cases in no gold folder (``bench/gold/*/entities.*.jsonl``, fresh14's two draws included) and whose
translation is in none, ordered by ascending sha256(seed + id); per round of six parts, the next 144 French
and 144 English, dealt in turn into the round's parts (24 + 24 each): a–f, then g–l. Reads ids and translation
links only.

A deal stays as it was annotated as long as the gold folders written after it hold none of its cases nor their
translations (every later draw left them out: ``bench/gold/train13/check.py`` fails loudly if a deal moves), the
corpus's cases and ``translation_of`` links do not change, and any second reading of a training part is named
with the part's prefix (``train13a2``: folders with the round's prefix are never counted as used).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = "casemine-train13-gold-2026:"
ROUNDS = ("abcdef", "ghijkl")
PARTS = "".join(ROUNDS)
PER_PART = 24  # cases per language and part


def deal(seed: str, prefix: str, rounds: tuple[str, ...], also: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Part letter -> its ids (``PER_PART`` fr, then as many en), for training folders named ``prefix`` + letter.

    ``also``: ids to leave out beside the gold folders' (a blind set drawn but not yet written)."""
    from casemine.corpus import read_cases

    cases = read_cases(ROOT / "corpus" / "cases")
    group = {c.id: str(c.extra.get("translation_of") or c.id) for c in cases}
    used = set(also)
    for path in (ROOT / "bench" / "gold").glob("**/entities.*.jsonl"):
        if not path.parent.name.startswith(prefix):
            used |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    blocked = {group[i] for i in used if i in group}
    free = sorted(
        (c for c in cases if group[c.id] not in blocked),
        key=lambda c: hashlib.sha256((seed + c.id).encode()).hexdigest(),
    )
    parts: dict[str, list[str]] = {p: [] for p in "".join(rounds)}
    for lang in ("fr", "en"):
        ranked = iter(c for c in free if c.lang == lang)
        for letters in rounds:
            for n in range(PER_PART * len(letters)):
                parts[letters[n % len(letters)]].append(next(ranked).id)
    return parts


def chosen() -> dict[str, list[str]]:
    """The thirteenth session's deal: part letter -> its 48 ids."""
    return deal(SEED, "train13", ROUNDS)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train13{part}: {', '.join(ids)}")
