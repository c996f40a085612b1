"""Notions of barriers and drivers named in a case, as a few language-independent tokens.

A notion ("funding", "law", "politics"...) is a list of lemmas per language (data file
``data/notions.json``, written from the label definitions; a trailing ``*`` for any ending): a
sentence whose content lemmas hold one of them names the notion. Barrier notions give ``barrier.<notion>`` wherever they are named and,
in a difficulty sentence (``features.difficulty_sentences``), also ``barrier_hard.<notion>``;
driver notions give ``driver.<notion>``. The tokens pool synonyms and both languages into a few
dense features, which a corpus of a few hundred cases per label can weigh where it cannot weigh
each rare word. The scope notions (``role.<notion>``: advice, decision, contract, volunteer,
research...) say who delivers and who decides; ``role_tokens`` gives them apart, for a block of
their own (``features``, ``roles``), so that the barrier and driver block is unchanged.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources

from casemine.nlp import Analysis


@cache
def notion_table() -> dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]]:
    """Per language, (token, whole lemmas, lemma beginnings) for every notion, in the data file's order."""
    data = json.loads(resources.files("casemine").joinpath("data", "notions.json").read_text("utf-8"))
    table: dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]] = {}
    for family, notions in data.items():
        if family.startswith("_"):
            continue
        prefix = {"barriers": "barrier", "drivers": "driver", "scope": "role"}[family]
        for notion, terms in notions.items():
            for lang, lemmas in terms.items():
                whole = frozenset(lemma for lemma in lemmas if not lemma.endswith("*"))
                beginnings = tuple(lemma.rstrip("*") for lemma in lemmas if lemma.endswith("*"))
                table.setdefault(lang, []).append((f"{prefix}.{notion}", whole, beginnings))
    return table


@lru_cache(maxsize=200_000)
def word_notions(lang: str, word: str) -> frozenset[str]:
    """The notion tokens one lemma names (looked up once per distinct lemma)."""
    return frozenset(
        token
        for token, whole, beginnings in notion_table().get(lang, [])
        if word in whole or word.startswith(beginnings)
    )


def notion_tokens(analysis: Analysis) -> str:
    """The barrier and driver notion tokens of a case, one per notion per sentence that names it (see the module doc)."""
    from casemine.features import difficulty_sentences

    order = [token for token, _, _ in notion_table().get(analysis.lang, []) if not token.startswith("role.")]
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


def role_tokens(analysis: Analysis) -> str:
    """The scope notion tokens (``role.<notion>``) of a case, one per notion per sentence that names it."""
    order = [token for token, _, _ in notion_table().get(analysis.lang, []) if token.startswith("role.")]
    tokens = []
    for lemmas in analysis.sentence_lemmas:
        named = set().union(*(word_notions(analysis.lang, word) for word in lemmas.split()))
        tokens += [token for token in order if token in named]
    return " ".join(tokens)
