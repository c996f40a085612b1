"""Notions of barriers and drivers named in a case, as a few language-independent tokens.

A notion ("funding", "law", "politics"...) is a list of lemmas per language (data file
``data/notions.json``, written from the label definitions): a sentence whose content lemmas hold one
of them names the notion. Barrier notions give ``barrier.<notion>`` wherever they are named and,
in a difficulty sentence (``features.difficulty_sentences``), also ``barrier_hard.<notion>``;
driver notions give ``driver.<notion>``. The tokens pool synonyms and both languages into a few
dense features, which a corpus of a few hundred cases per label can weigh where it cannot weigh
each rare word.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from casemine.nlp import Analysis


@cache
def notion_patterns() -> dict[str, list[tuple[str, re.Pattern]]]:
    """Per language, (token prefix, pattern) for every notion: the pattern finds one of its lemmas."""
    data = json.loads(resources.files("casemine").joinpath("data", "notions.json").read_text("utf-8"))
    patterns: dict[str, list[tuple[str, re.Pattern]]] = {}
    for family, notions in data.items():
        if family.startswith("_"):
            continue
        prefix = {"barriers": "barrier", "drivers": "driver"}[family]
        for notion, terms in notions.items():
            for lang, lemmas in terms.items():
                alternatives = "|".join(
                    re.escape(lemma.rstrip("*")) + (r"\S*" if lemma.endswith("*") else "")
                    for lemma in sorted(lemmas, key=len, reverse=True)
                )
                patterns.setdefault(lang, []).append(
                    (f"{prefix}.{notion}", re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)"))
                )
    return patterns


def notion_tokens(analysis: Analysis) -> str:
    """The notion tokens of a case, one per notion per sentence that names it (see the module doc)."""
    from casemine.features import difficulty_sentences

    patterns = notion_patterns().get(analysis.lang, [])
    hard = set(difficulty_sentences(analysis))
    tokens = []
    for i, lemmas in enumerate(analysis.sentence_lemmas):
        for token, pattern in patterns:
            if pattern.search(lemmas):
                tokens.append(token)
                if i in hard and token.startswith("barrier."):
                    tokens.append(token.replace("barrier.", "barrier_hard.", 1))
    return " ".join(tokens)
