"""Turning parsed cases into the feature matrix the classifiers learn from.

Up to five blocks, side by side: TF-IDF weights of lemma n-grams (inflected forms such as
"bénévoles"/"bénévole" count as one feature in each language); TF-IDF weights of
language-independent tokens — the shared concepts of ``casemine.concepts`` and the kinds of actor
and organisation the text names — which carry what was learned in one language over to the other;
(``char``) character 3–5-grams of the lemmas, which catch word parts the lemmatiser splits
differently; and (``cues``) lemma TF-IDF over only the sentences that tell of a difficulty ("but",
"lack of", "mais", "manque de"...: the cue list is data, ``data/difficulty_cues.json``, ``casemine.blocks``;
or under a heading such as "Challenges:", ``data/difficulty_headings.json``), where barriers are written; and (``notions``) the notion tokens of ``casemine.notions`` (barrier and
driver notions such as funding or law, pooled over synonyms and languages), at half weight; and
(``sectors``, at ``sector_weight``) the sector notion tokens of ``casemine.notions.sector_tokens``
(service areas such as policing or schooling, pooled the same way); and (``vectors``, at ``vector_weight``)
the sentence vectors of ``casemine.vectors`` (a pretrained encoder's, one space for both languages).
"""

from __future__ import annotations

from collections.abc import Sequence

from scipy.sparse import csr_matrix, hstack
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

from casemine.blocks import NOTION_WEIGHT, Block, FeatureBlocks, block_texts, vector_block, vector_rows
from casemine.nlp import Analysis

# The parameters of a TfidfVectorizer that belong to its TF-IDF weighting, not to its counting.
TFIDF_PARAMS = ("norm", "use_idf", "smooth_idf", "sublinear_tf")


def fit_block(vectorizer: TfidfVectorizer, weight: float, texts: Sequence[str]) -> tuple[Block, csr_matrix]:
    """The block ``vectorizer.fit(texts)`` gives, and the raw counts of ``texts`` in its terms.

    Fitting counts every text anyway: this does what ``TfidfVectorizer.fit`` does (a count vectorizer's
    ``fit_transform``, then the IDF of those counts) and keeps the counts, which equal ``Block.counts``
    of the same texts (indices sorted, tested), so that fitting then transforming the same cases
    counts them once.
    """
    params = vectorizer.get_params()
    counter = CountVectorizer(**{key: value for key, value in params.items() if key not in TFIDF_PARAMS})
    counts = counter.fit_transform(texts).tocsr()
    idf = TfidfTransformer(**{key: params[key] for key in TFIDF_PARAMS}).fit(counts).idf_
    counts.sort_indices()
    analyzer = "char_wb" if counter.analyzer == "char_wb" else "word"
    terms = counter.get_feature_names_out().tolist()
    return Block(analyzer, tuple(counter.ngram_range), terms, idf, weight), counts


class CaseFeatures(FeatureBlocks, TransformerMixin, BaseEstimator):
    """Lemma n-gram TF-IDF, plus the optional blocks ``concepts``, ``char``, ``cues``, ``notions``, ``sectors`` and
    ``vectors``, each scaled by its weight.

    scikit-learn's vectorizers choose each block's terms and IDF weights; what is kept is plain data
    (``casemine.blocks.Block``), whose transform a bundle uses without scikit-learn. ``blocks_``
    gives each fitted block's column range, so that a family can learn from a subset.
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
        notions: bool = False,
        sectors: bool = False,
        sector_weight: float = 0.2,
        vectors: bool = False,
        vector_weight: float = 1.0,
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.concepts = concepts
        self.concept_weight = concept_weight
        self.char = char
        self.cues = cues
        self.notions = notions
        self.sectors = sectors
        self.sector_weight = sector_weight
        self.vectors = vectors
        self.vector_weight = vector_weight

    def _vectorizers(self) -> dict[str, tuple[TfidfVectorizer, float]]:
        """Each wanted block's unfitted vectorizer and weight, in column order."""

        def words(**kwargs) -> TfidfVectorizer:
            return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, **kwargs)

        wanted = {
            "lemmas": (
                words(ngram_range=tuple(self.ngram_range), min_df=self.min_df, max_features=self.max_features),
                1.0,
            )
        }
        if self.concepts:
            wanted["shared"] = words(), self.concept_weight
        if self.char:
            wanted["char"] = (
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=self.max_features, sublinear_tf=True
                ),
                1.0,
            )
        if self.cues:
            wanted["cues"] = words(min_df=2), 1.0
        if self.notions:
            wanted["notions"] = words(), NOTION_WEIGHT
        if self.sectors:
            wanted["sectors"] = words(), float(self.sector_weight)
        return wanted

    def fit(self, analyses, y=None) -> CaseFeatures:
        self._fit_counts(analyses)
        return self

    def fit_transform(self, analyses: Sequence[Analysis], y=None) -> csr_matrix:
        """``fit(analyses).transform(analyses)``, the same matrix, with each block's texts built and counted once."""
        counts = self._fit_counts(analyses)
        parts = [
            csr_matrix(vector_rows(block, [a.sentences for a in analyses])[1], dtype=float)
            if block.analyzer == "vectors"
            else block.tfidf(counts[name])
            for name, block in self.vectorizers_.items()
        ]
        return hstack(parts, format="csr") if parts else csr_matrix((len(analyses), 0))

    def _fit_counts(self, analyses: Sequence[Analysis]) -> dict[str, csr_matrix]:
        """Fit every block on the cases; return each block's raw counts of them."""
        blocks, counts = {}, {}
        for name, (vectorizer, weight) in self._vectorizers().items():
            blocks[name], counts[name] = fit_block(vectorizer, weight, block_texts(name, analyses))
        if self.vectors:  # nothing to learn: a pretrained encoder's dimensions
            blocks["vectors"] = vector_block(float(self.vector_weight))
        self._use(blocks)
        return counts
