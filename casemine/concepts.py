"""Shared concepts across French and English: "bénévoles" and "volunteers" both give
``actor.volunteer``. The lexicon is data (``data/concepts.json``); features built on concept ids
let a model trained on one language recognise the same ideas in the other.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


@cache
def lexicon() -> dict[str, dict[str, list[str]]]:
    """Concept id → {"en": terms, "fr": terms}."""
    path = resources.files("casemine").joinpath("data/concepts.json")
    return json.loads(path.read_text("utf-8"))["concepts"]


@cache
def _matcher(nlp: SpacyLanguage) -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher

    from casemine.phrases import term_keys

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for concept, terms in lexicon().items():
        forms = {t for t in terms["en"] + terms["fr"]} | {t.replace("'", "’") for t in terms["en"] + terms["fr"]}
        matcher.add(concept, term_keys(nlp, sorted(forms), "LOWER"))
    return matcher


def find_concepts(doc: Doc, nlp: SpacyLanguage) -> list[tuple[str, int]]:
    """(concept id, token index) for each mention in ``doc``, longest match winning where terms overlap."""
    from spacy.util import filter_spans

    matches = _matcher(nlp)(doc, as_spans=True)
    return [(span.label_, span.start) for span in sorted(filter_spans(matches), key=lambda s: s.start)]
