"""Notions of barriers and drivers named in a case, as a few language-independent tokens.

A notion ("funding", "law", "politics"...) is a list of lemmas per language (data file
``data/notions.json``, written from the label definitions; a trailing ``*`` for any ending): a
sentence whose content lemmas hold one of them names the notion. Barrier notions give ``barrier.<notion>`` wherever they are named and,
in a difficulty sentence (``blocks.difficulty_sentences``), also ``barrier_hard.<notion>``;
driver notions give ``driver.<notion>``. The tokens pool synonyms and both languages into a few
dense features, which a corpus of a few hundred cases per label can weigh where it cannot weigh
each rare word.

Sector notions (``data/sector_notions.json``, written from the COFOG areas and the taxonomy's sector
table the same way) give ``sector.<label>`` per sentence naming a service area; they are a block of
their own (``sector_tokens``, block ``sectors``), so the barrier and driver notion block is the same
with or without them.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources

from casemine.nlp import Analysis

Table = dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]]


def _read_table(file: str, prefixes: dict[str, str]) -> Table:
    """Per language, (token, whole lemmas, lemma beginnings) of every notion of a data file, in its order."""
    data = json.loads(resources.files("casemine").joinpath("data", file).read_text("utf-8"))
    table: Table = {}
    for family, notions in data.items():
        if family.startswith("_"):
            continue
        prefix = prefixes[family]
        for notion, terms in notions.items():
            for lang, lemmas in terms.items():
                whole = frozenset(lemma for lemma in lemmas if not lemma.endswith("*"))
                beginnings = tuple(lemma.rstrip("*") for lemma in lemmas if lemma.endswith("*"))
                table.setdefault(lang, []).append((f"{prefix}.{notion}", whole, beginnings))
    return table


@cache
def notion_table() -> Table:
    """Per language, (token, whole lemmas, lemma beginnings) for every barrier and driver notion."""
    return _read_table("notions.json", {"barriers": "barrier", "drivers": "driver"})


@cache
def sector_table() -> Table:
    """Per language, (token, whole lemmas, lemma beginnings) for every sector notion."""
    return _read_table("sector_notions.json", {"sectors": "sector"})


def _named(table: Table, lang: str, word: str) -> frozenset[str]:
    return frozenset(
        token for token, whole, beginnings in table.get(lang, []) if word in whole or word.startswith(beginnings)
    )


@lru_cache(maxsize=200_000)
def word_notions(lang: str, word: str) -> frozenset[str]:
    """The notion tokens one lemma names (looked up once per distinct lemma)."""
    return _named(notion_table(), lang, word)


@lru_cache(maxsize=200_000)
def word_sectors(lang: str, word: str) -> frozenset[str]:
    """The sector tokens one lemma names (looked up once per distinct lemma)."""
    return _named(sector_table(), lang, word)


def sector_tokens(analysis: Analysis) -> str:
    """The sector tokens of a case, one per sector per sentence that names it (see the module doc)."""
    order = [token for token, _, _ in sector_table().get(analysis.lang, [])]
    tokens = []
    for lemmas in analysis.sentence_lemmas:
        named = set().union(*(word_sectors(analysis.lang, word) for word in lemmas.split()))
        tokens += [token for token in order if token in named]
    return " ".join(tokens)


def notion_tokens(analysis: Analysis) -> str:
    """The notion tokens of a case, one per notion per sentence that names it (see the module doc)."""
    from casemine.blocks import difficulty_sentences

    order = [token for token, _, _ in notion_table().get(analysis.lang, [])]
    hard = set(difficulty_sentences(analysis))
    tokens = []
    for i, lemmas in enumerate(analysis.sentence_lemmas):
        named = set().union(*(word_notions(analysis.lang, word) for word in lemmas.split()))
        for token in order:
            if token in named:
                tokens.append(token)
                if i in hard and token.startswith("barrier."):
                    tokens.append(token.replace("barrier.", "barrier_hard.", 1))
    return " ".join(tokens)
