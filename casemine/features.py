"""Turning parsed cases into the feature matrix the classifiers learn from.

Up to four blocks, side by side: TF-IDF weights of lemma n-grams (inflected forms such as
"bénévoles"/"bénévole" count as one feature in each language); TF-IDF weights of
language-independent tokens — the shared concepts of ``casemine.concepts`` and the kinds of actor
and organisation the text names — which carry what was learned in one language over to the other;
(``char``) character 3–5-grams of the lemmas, which catch word parts the lemmatiser splits
differently; and (``cues``) lemma TF-IDF over only the sentences that tell of a difficulty ("but",
"lack of", "mais", "manque de"...: the cue list is data, ``data/difficulty_cues.json``), where
barriers are written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np
from scipy.sparse import hstack
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from casemine.nlp import Analysis

BLOCKS = ("lemmas", "shared", "char", "cues")


def shared_tokens(analysis: Analysis) -> str:
    """The language-independent tokens of a case: concept ids, actor kinds, organisation kinds."""
    tokens = list(analysis.concepts)
    tokens += [f"actor.{kind}" for kind in analysis.entities.get("actors", [])]
    tokens += [f"org.{o['kind']}" for o in analysis.entities.get("organisations", [])]
    return " ".join(tokens)


@cache
def difficulty_pattern() -> re.Pattern:
    """One regular expression for every difficulty cue of every language (see the data file)."""
    data = json.loads(resources.files("casemine").joinpath("data", "difficulty_cues.json").read_text("utf-8"))
    parts = []
    for lang, cues in data.items():
        if lang.startswith("_"):
            continue
        for cue in cues:
            lead = "" if cue.startswith("*") else r"\b"
            tail = "" if cue.endswith("*") else r"(?!\w)"
            parts.append(lead + re.escape(cue.strip("*")) + tail)
    return re.compile("|".join(sorted(set(parts), key=len, reverse=True)), re.IGNORECASE)


def difficulty_sentences(analysis: Analysis) -> list[int]:
    """Indices of the sentences that tell of a difficulty (contain a cue of ``difficulty_cues.json``)."""
    pattern = difficulty_pattern()
    return [i for i, text in enumerate(analysis.sentences) if pattern.search(text)]


def difficulty_text(analysis: Analysis) -> str:
    """The content lemmas of a case's difficulty sentences only."""
    return " ".join(analysis.sentence_lemmas[i] for i in difficulty_sentences(analysis))


def _tfidf(**kwargs) -> TfidfVectorizer:
    return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, **kwargs)


class CaseFeatures(TransformerMixin, BaseEstimator):
    """Lemma n-gram TF-IDF, plus the optional blocks ``concepts``, ``char`` and ``cues``, each scaled by its weight.

    ``blocks_`` gives each fitted block's column range, so that a family can learn from a subset.
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = 50000,
        concepts: bool = True,
        concept_weight: float = 1.0,
        char: bool = False,
        cues: bool = False,
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.concepts = concepts
        self.concept_weight = concept_weight
        self.char = char
        self.cues = cues

    def _texts(self, name: str, analyses: Sequence[Analysis]) -> list[str]:
        if name == "shared":
            return [shared_tokens(a) for a in analyses]
        if name == "cues":
            return [difficulty_text(a) for a in analyses]
        return [a.lemma_text for a in analyses]

    def _weight(self, name: str) -> float:
        return self.concept_weight if name == "shared" else 1.0

    def fit(self, analyses: Sequence[Analysis], y=None) -> CaseFeatures:
        self.vectorizers_: dict[str, TfidfVectorizer] = {
            "lemmas": _tfidf(ngram_range=tuple(self.ngram_range), min_df=self.min_df, max_features=self.max_features)
        }
        if self.concepts:
            self.vectorizers_["shared"] = _tfidf()
        if self.char:
            self.vectorizers_["char"] = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=self.max_features, sublinear_tf=True
            )
        if self.cues:
            self.vectorizers_["cues"] = _tfidf(min_df=2)
        self.blocks_: dict[str, tuple[int, int]] = {}
        start = 0
        for name, vectorizer in self.vectorizers_.items():
            vectorizer.fit(self._texts(name, analyses))
            self.blocks_[name] = (start, start + len(vectorizer.vocabulary_))
            start = self.blocks_[name][1]
        self.n_lemma_features_ = self.blocks_["lemmas"][1]
        self.n_features_ = start
        return self

    def transform(self, analyses: Sequence[Analysis]):
        parts = [v.transform(self._texts(n, analyses)) * self._weight(n) for n, v in self.vectorizers_.items()]
        return hstack(parts, format="csr")

    def columns(self, blocks: Sequence[str]) -> np.ndarray:
        """The column indices of the named blocks (those fitted), in matrix order."""
        ranges = [np.arange(*self.blocks_[name]) for name in self.vectorizers_ if name in blocks]
        return np.concatenate(ranges) if ranges else np.arange(0)

    def get_feature_names_out(self, input_features=None):
        names = []
        for name, vectorizer in self.vectorizers_.items():
            prefix = "" if name == "lemmas" else f"{name}:"
            names += [f"{prefix}{n}" for n in vectorizer.get_feature_names_out()]
        return np.array(names, dtype=object)
