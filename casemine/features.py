"""Turning parsed cases into the feature matrix the classifiers learn from.

Features are TF-IDF weights of lemma n-grams, so that inflected forms ("bénévoles",
"bénévole") and ("volunteering", "volunteered") count as one feature in each language.
"""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from casemine.nlp import Analysis


class CaseFeatures(TransformerMixin, BaseEstimator):
    """TF-IDF over the content lemmas of each case (stop words, numbers and punctuation dropped)."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 2), min_df: int = 2, max_features: int | None = 50000):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features

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
        return self

    def transform(self, analyses: Sequence[Analysis]):
        return self.vectorizer_.transform([a.lemma_text for a in analyses])

    def get_feature_names_out(self, input_features=None):
        return self.vectorizer_.get_feature_names_out()
