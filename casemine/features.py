"""Turning parsed cases into the feature matrix the classifiers learn from.

Two blocks: TF-IDF weights of lemma n-grams (inflected forms such as "bénévoles"/"bénévole"
count as one feature in each language), and TF-IDF weights of language-independent tokens — the
shared concepts of ``casemine.concepts`` and the kinds of actor and organisation the text names —
which carry what was learned in one language over to the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from casemine.nlp import Analysis


def shared_tokens(analysis: Analysis) -> str:
    """The language-independent tokens of a case: concept ids, actor kinds, organisation kinds."""
    tokens = list(analysis.concepts)
    tokens += [f"actor.{kind}" for kind in analysis.entities.get("actors", [])]
    tokens += [f"org.{o['kind']}" for o in analysis.entities.get("organisations", [])]
    return " ".join(tokens)


class CaseFeatures(TransformerMixin, BaseEstimator):
    """Lemma n-gram TF-IDF, plus (``concepts=True``) shared-concept TF-IDF scaled by ``concept_weight``."""

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = 50000,
        concepts: bool = True,
        concept_weight: float = 1.0,
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.concepts = concepts
        self.concept_weight = concept_weight

    def fit(self, analyses: Sequence[Analysis], y=None) -> CaseFeatures:
        self.vectorizer_ = TfidfVectorizer(
            token_pattern=r"\S+",
            lowercase=False,
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
        )
        self.vectorizer_.fit([a.lemma_text for a in analyses])
        self.n_lemma_features_ = len(self.vectorizer_.vocabulary_)
        if self.concepts:
            self.concept_vectorizer_ = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True)
            self.concept_vectorizer_.fit([shared_tokens(a) for a in analyses])
        self.n_features_ = len(self.get_feature_names_out())
        return self

    def transform(self, analyses: Sequence[Analysis]):
        lemmas = self.vectorizer_.transform([a.lemma_text for a in analyses])
        if not self.concepts:
            return lemmas
        shared = self.concept_vectorizer_.transform([shared_tokens(a) for a in analyses]) * self.concept_weight
        return hstack([lemmas, shared], format="csr")

    def get_feature_names_out(self, input_features=None):
        names = list(self.vectorizer_.get_feature_names_out())
        if self.concepts:
            names += [f"shared:{n}" for n in self.concept_vectorizer_.get_feature_names_out()]
        return np.array(names, dtype=object)
