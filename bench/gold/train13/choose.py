"""Re-derive the corpus cases of the NER training gold (``train13a`` … ``train13l``; ``train14a`` … via ``deal``).

    PYTHONPATH=. python3 bench/gold/train13/choose.py

Corpus cases in no gold folder (``bench/gold/*/entities.*.jsonl``, fresh14's two draws included) and whose
translation is in none, ordered by ascending sha256(seed + id); per round of six parts, the next 144 French
and 144 English, dealt in turn into the round's parts (24 + 24 each): a–f, then g–l. Folders written after a
round (``later``) are not excluded, so a round's deal never changes. Reads ids and translation links only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = "casemine-train13-gold-2026:"
ROUNDS = ("abcdef", "ghijkl")
PARTS = "".join(ROUNDS)
PER_ROUND = 144  # cases per language and round
# Gold folders written after the thirteenth session's rounds: train13's deal ignores them.
LATER = ("fresh15", "fresh16", "train14")


def deal(
    seed: str, prefix: str, rounds: tuple[str, ...], later: tuple[str, ...] = (), also: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    """Part letter -> its 48 ids (24 fr, then 24 en), for training folders named ``prefix`` + letter.

    ``also``: ids to leave out beside the gold folders' (a blind set drawn but not yet written)."""
    from casemine.corpus import read_cases

    cases = read_cases(ROOT / "corpus" / "cases")
    group = {c.id: str(c.extra.get("translation_of") or c.id) for c in cases}
    letters = "".join(rounds)
    used = set(also)
    for path in (ROOT / "bench" / "gold").glob("**/entities.*.jsonl"):
        name = path.parent.name
        if name in {prefix + p for p in letters} or name.startswith(later):
            continue
        used |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    blocked = {group[i] for i in used if i in group}
    free = sorted(
        (c for c in cases if group[c.id] not in blocked),
        key=lambda c: hashlib.sha256((seed + c.id).encode()).hexdigest(),
    )
    parts: dict[str, list[str]] = {p: [] for p in letters}
    for lang in ("fr", "en"):
        ranked = [c for c in free if c.lang == lang]
        for r, round_letters in enumerate(rounds):
            for n, case in enumerate(ranked[r * PER_ROUND : (r + 1) * PER_ROUND]):
                parts[round_letters[n % len(round_letters)]].append(case.id)
    return parts


def chosen() -> dict[str, list[str]]:
    """The thirteenth session's deal: part letter -> its 48 ids."""
    return deal(SEED, "train13", ROUNDS, LATER)


if __name__ == "__main__":
    for part, ids in chosen().items():
        print(f"train13{part}: {', '.join(ids)}")
