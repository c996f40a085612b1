"""Loading spaCy's French pipeline in a fraction of a second instead of three.

spaCy's French tokenizer keeps hyphenated and elided words whole ("c'est-à-dire", "entr'ouvert")
with one regular expression of 266 alternatives, ``^<prefix><classes>$``, each repeating the same
Unicode letter classes; Python compiles those classes once per alternative, and every process pays
about 3 s for it (at import, then again when the pipeline loads). Alternatives that share
everything after their literal prefix are equivalent to one alternative over the prefixes
(``^a S$|^b S$`` matches exactly what ``^(?:a|b) S$`` matches, in the same order), which compiles in
0.2 s. ``factored_compile`` applies that rewrite while a pipeline loads; any other pattern is
compiled unchanged.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import cache

MIN_LENGTH = 100_000  # only the huge token-match patterns are worth rewriting
BIG_CLASS = 60  # a character class this long is a Unicode letter class, not a literal prefix


# One token of a pattern: an escape, a whole character class, a group bracket or bar, or a run of
# anything else.
_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]|[^\\\[()|]+", re.DOTALL)


def _tokens(pattern: str) -> Iterator[re.Match]:
    return _TOKEN.finditer(pattern)


def _first_big_class(alternative: str) -> int | None:
    for token in _tokens(alternative):
        if token.group().startswith("[") and len(token.group()) > BIG_CLASS:
            return token.start()
    return None


@cache
def factor(pattern: str) -> str:
    """An equivalent pattern with anchored alternatives that differ only in their prefix merged.

    Only alternatives anchored at both ends (``^...$``) are merged, so every match still spans the
    whole string whichever alternative succeeds first; an alternative that is not anchored keeps its
    rank (nothing after it is merged into anything before it).

    Patterns with capturing groups are returned unchanged (merging would renumber them).
    """
    tokens = list(_tokens(pattern))
    if any(t.group() == "(" and pattern[t.end() : t.end() + 1] != "?" for t in tokens):
        return pattern
    flags = re.match(r"\(\?[a-zA-Z]+\)", pattern)
    lead = flags.group(0) if flags else ""
    body = pattern[len(lead) :]
    cuts, depth = [], 0
    for token in _tokens(body):
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if token.group() == "|" and depth == 0:
            cuts.append(token.start())
    alternatives = [body[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]
    groups: dict[tuple[int, str, str], list[str]] = {}
    segment = 0  # alternatives that may match less than the whole string keep their rank
    for alternative in alternatives:
        inner = alternative[3:-1] if _wrapped(alternative) else None
        anchored = inner is not None and inner.startswith("^") and inner.endswith("$")
        split = _first_big_class(inner) if anchored else None
        if split is None:
            segment += 1
            groups[(segment, "as is", alternative)] = []
            segment += 1
        else:
            groups.setdefault((segment, "suffix", inner[split:]), []).append(inner[1:split])
    merged = [
        text if kind == "as is" else "(?:^(?:" + "|".join(f"(?:{h})" for h in heads) + ")" + text + ")"
        for (_, kind, text), heads in groups.items()
    ]
    return lead + "|".join(merged)


def _wrapped(alternative: str) -> bool:
    """Whether the whole alternative is one ``(?:...)`` group."""
    if not alternative.startswith("(?:"):
        return False
    depth = 0
    for token in _tokens(alternative):
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if depth == 0:
            return token.end() == len(alternative)
    return False


@contextlib.contextmanager
def factored_compile() -> Iterator[None]:
    """Within the block, ``re.compile`` rewrites huge alternations with ``factor`` first."""
    original = re.compile

    def compile_(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) >= MIN_LENGTH:
            pattern = factor(pattern)
        return original(pattern, flags)

    re.compile = compile_
    try:
        yield
    finally:
        re.compile = original
