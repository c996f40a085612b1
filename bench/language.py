"""What language detection costs per case, and how it answers on the corpus.

    python bench/language.py

Times ``detect_language`` over every corpus text and over long texts (corpus texts joined to ~5,000
and ~50,000 words), and counts the answers (the corpus language should come back every time).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.corpus import read_cases  # noqa: E402
from casemine.language import detect_language  # noqa: E402


def main() -> None:
    cases = read_cases(ROOT / "corpus" / "cases")
    start = time.perf_counter()
    results = [detect_language(c.text) for c in cases]
    per_case = (time.perf_counter() - start) / len(cases)
    agree = sum(r.code == c.lang for r, c in zip(results, cases, strict=True))
    print(
        f"{len(cases)} corpus cases: {per_case * 1000:.1f} ms per case; "
        f"main language = corpus language for {agree} ({agree / len(cases):.1%})"
    )
    print("answers:", dict(Counter(r.code for r in results)), "mixed:", sum(r.mixed for r in results))
    for words in (5_000, 50_000):
        text, i = [], 0
        while sum(len(t.split()) for t in text) < words:
            text.append(cases[i % len(cases)].text)
            i += 1
        joined = "\n".join(text)
        start = time.perf_counter()
        result = detect_language(joined)
        print(
            f"one text of {len(joined.split()):,} words: {(time.perf_counter() - start) * 1000:.0f} ms "
            f"({result.code}, shares {result.shares})"
        )


if __name__ == "__main__":
    main()
