"""Turning parsed cases into the feature matrix the classifiers learn from.

Up to five blocks, side by side: TF-IDF weights of lemma n-grams (inflected forms such as
"bénévoles"/"bénévole" count as one feature in each language); TF-IDF weights of
language-independent tokens — the shared concepts of ``casemine.concepts`` and the kinds of actor
and organisation the text names — which carry what was learned in one language over to the other;
(``char``) character 3–5-grams of the lemmas, which catch word parts the lemmatiser splits
differently; and (``cues``) lemma TF-IDF over only the sentences that tell of a difficulty ("but",
"lack of", "mais", "manque de"...: the cue list is data, ``data/difficulty_cues.json``), where
barriers are written; and (``notions``) the notion tokens of ``casemine.notions`` (barrier and
driver notions such as funding or law, pooled over synonyms and languages), at half weight; and
(``roles``) likewise the scope notions of ``casemine.notions.role_tokens`` (advice, decision,
contract, volunteer, research...), which say who delivers and who decides.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np
from scipy.sparse import csr_matrix, diags, hstack
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from casemine.nlp import Analysis
from casemine.notions import notion_tokens, role_tokens

BLOCKS = ("lemmas", "shared", "char", "cues", "notions", "roles")
# Blocks whose tokens a text holds exactly as the sum of its sentences' (unigrams of per-sentence
# texts, character n-grams within words), so that a text's counts can be added up from its sentences.
SENTENCE_BLOCKS = ("char", "cues", "notions", "roles")
NOTION_WEIGHT = 0.5  # chosen by bench/model_selection.py (docs/benchmarks.md): 0.3-0.7 within noise, 1.0 worse


def shared_tokens(analysis: Analysis) -> str:
    """The language-independent tokens of a case: concept ids, actor kinds, organisation kinds."""
    tokens = list(analysis.concepts)
    tokens += [f"actor.{kind}" for kind in analysis.entities.get("actors", [])]
    tokens += [f"org.{o['kind']}" for o in analysis.entities.get("organisations", [])]
    return " ".join(tokens)


@cache
def difficulty_pattern() -> re.Pattern:
    """One regular expression for every difficulty cue of every language (see the data file).

    Cues matched at a word start share one leading ``\\b``, which lets the engine skip most
    positions at once (five times faster than a ``\\b`` per cue).
    """
    data = json.loads(resources.files("casemine").joinpath("data", "difficulty_cues.json").read_text("utf-8"))
    at_word_start, anywhere = set(), set()
    for lang, cues in data.items():
        if lang.startswith("_"):
            continue
        for cue in cues:
            tail = "" if cue.endswith("*") else r"(?!\w)"
            (anywhere if cue.startswith("*") else at_word_start).add(re.escape(cue.strip("*")) + tail)

    def longest_first(parts: set[str]) -> str:
        return "|".join(sorted(parts, key=len, reverse=True))

    alternatives = [rf"\b(?:{longest_first(at_word_start)})"] if at_word_start else []
    alternatives += [f"(?:{longest_first(anywhere)})"] if anywhere else []
    return re.compile("|".join(alternatives), re.IGNORECASE)


def difficulty_sentences(analysis: Analysis) -> list[int]:
    """Indices of the sentences that tell of a difficulty (contain a cue of ``difficulty_cues.json``)."""
    pattern = difficulty_pattern()
    return [i for i, text in enumerate(analysis.sentences) if pattern.search(text)]


def difficulty_text(analysis: Analysis) -> str:
    """The content lemmas of a case's difficulty sentences only."""
    return " ".join(analysis.sentence_lemmas[i] for i in difficulty_sentences(analysis))


def _tfidf(**kwargs) -> TfidfVectorizer:
    return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, **kwargs)


def char_counts(vectorizer: TfidfVectorizer, texts: Sequence[str], seen: dict[str, list[int]]) -> csr_matrix:
    """What ``CountVectorizer.transform`` gives for a fitted ``char_wb`` vectorizer, word by word.

    ``char_wb`` n-grams never cross a space, so a text's counts are the sum of its words'; each
    distinct word is analysed once and remembered in ``seen`` (shared by the caller across a batch),
    which makes this several times faster than sklearn's text-by-text analysis.
    """
    analyse, vocabulary = vectorizer.build_analyzer(), vectorizer.vocabulary_
    indptr, indices = [0], []
    for text in texts:
        for word in text.lower().split():
            ids = seen.get(word)
            if ids is None:
                ids = seen[word] = [vocabulary[g] for g in analyse(word) if g in vocabulary]
            indices.extend(ids)
        indptr.append(len(indices))
    counts = csr_matrix(
        (np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()
    return counts


def tfidf_from_counts(vectorizer: TfidfVectorizer, counts: csr_matrix) -> csr_matrix:
    """The fitted vectorizer's TF-IDF weights of raw counts (what its ``transform`` does after counting)."""
    weights = counts.astype(float)
    if vectorizer.sublinear_tf:
        np.log(weights.data, weights.data)
        weights.data += 1
    weights = weights @ diags(vectorizer.idf_)
    return normalize(weights, norm=vectorizer.norm, copy=False) if vectorizer.norm else weights


class CaseFeatures(TransformerMixin, BaseEstimator):
    """Lemma n-gram TF-IDF, plus the optional blocks ``concepts``, ``char``, ``cues``, ``notions`` and ``roles``, each scaled by its weight.

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
        notions: bool = False,
        roles: bool = False,
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.concepts = concepts
        self.concept_weight = concept_weight
        self.char = char
        self.cues = cues
        self.notions = notions
        self.roles = roles

    def _texts(self, name: str, analyses: Sequence[Analysis]) -> list[str]:
        if name == "shared":
            return [shared_tokens(a) for a in analyses]
        if name == "cues":
            return [difficulty_text(a) for a in analyses]
        if name == "notions":
            return [notion_tokens(a) for a in analyses]
        if name == "roles":
            return [role_tokens(a) for a in analyses]
        return [a.lemma_text for a in analyses]

    def _weight(self, name: str) -> float:
        return {"shared": self.concept_weight, "notions": NOTION_WEIGHT, "roles": NOTION_WEIGHT}.get(name, 1.0)

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
        if self.notions:
            self.vectorizers_["notions"] = _tfidf()
        if self.roles:
            self.vectorizers_["roles"] = _tfidf()
        self.blocks_: dict[str, tuple[int, int]] = {}
        start = 0
        for name, vectorizer in self.vectorizers_.items():
            vectorizer.fit(self._texts(name, analyses))
            self.blocks_[name] = (start, start + len(vectorizer.vocabulary_))
            start = self.blocks_[name][1]
        self.n_lemma_features_ = self.blocks_["lemmas"][1]
        self.n_features_ = start
        return self

    def _block(self, name: str, analyses: Sequence[Analysis], seen: dict[str, list[int]]):
        vectorizer, texts = self.vectorizers_[name], self._texts(name, analyses)
        if name == "char":
            return tfidf_from_counts(vectorizer, char_counts(vectorizer, texts, seen))
        return vectorizer.transform(texts)

    def transform(self, analyses: Sequence[Analysis]):
        seen: dict[str, list[int]] = {}
        parts = [self._block(name, analyses, seen) * self._weight(name) for name in self.vectorizers_]
        return hstack(parts, format="csr")

    def transform_with_sentences(self, analyses: Sequence[Analysis]):
        """``transform(analyses)`` and, per case, which features each of its sentences holds.

        The second item is a list with, per case, a (sentences × features) 0/1 matrix (None for a
        case without sentences), which evidence needs. The blocks whose tokens never span two
        sentences (``SENTENCE_BLOCKS``: character n-grams, difficulty lemmas, notions) are counted
        once, per sentence, and summed for the whole text.
        """
        if not analyses:
            return csr_matrix((0, self.n_features_)), []
        sentences = [a.sentence_analyses() for a in analyses]
        every = [s for per_case in sentences for s in per_case]
        owner = np.repeat(np.arange(len(analyses)), [len(s) for s in sentences])
        to_case = csr_matrix((np.ones(len(every)), (owner, np.arange(len(every)))), shape=(len(analyses), len(every)))
        seen: dict[str, list[int]] = {}
        docs, present = [], []
        for name, vectorizer in self.vectorizers_.items():
            if name == "char":
                counts = char_counts(vectorizer, self._texts(name, every), seen)
            else:
                counts = CountVectorizer.transform(vectorizer, self._texts(name, every))
            if name in SENTENCE_BLOCKS:
                docs.append(tfidf_from_counts(vectorizer, (to_case @ counts).tocsr()))
            else:  # word pairs across sentences, whole-text entities: counted on the whole text
                docs.append(vectorizer.transform(self._texts(name, analyses)))
            present.append(counts)
        X = hstack([d * self._weight(n) for d, n in zip(docs, self.vectorizers_, strict=True)], format="csr")
        held = hstack(present, format="csr")
        held.data = np.ones_like(held.data)
        bounds = np.concatenate([[0], np.cumsum([len(s) for s in sentences])])
        return X, [held[a:b] if b > a else None for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    def columns(self, blocks: Sequence[str]) -> np.ndarray:
        """The column indices of the named blocks (those fitted), in matrix order."""
        ranges = [np.arange(*self.blocks_[name]) for name in self.vectorizers_ if name in blocks]
        return np.concatenate(ranges) if ranges else np.arange(0)

    def __getstate__(self) -> dict:
        # Each vocabulary goes out as one array of terms (in column order) rather than a dict whose
        # every entry skops would store, and load, as a separate file: loading was 7 s, now a fraction.
        state = super().__getstate__()
        if "vectorizers_" not in state:
            return state
        vectorizers, terms = {}, {}
        for name, vectorizer in state["vectorizers_"].items():
            terms[name] = np.asarray(vectorizer.get_feature_names_out(), dtype=str)
            vectorizers[name] = copy.copy(vectorizer)
            del vectorizers[name].vocabulary_
        return {**state, "vectorizers_": vectorizers, "vocabulary_terms_": terms}

    def __setstate__(self, state: dict) -> None:
        terms = state.pop("vocabulary_terms_", {})
        super().__setstate__(state)
        for name, names in terms.items():
            self.vectorizers_[name].vocabulary_ = {term: i for i, term in enumerate(names.tolist())}

    def get_feature_names_out(self, input_features=None):
        names = []
        for name, vectorizer in self.vectorizers_.items():
            prefix = "" if name == "lemmas" else f"{name}:"
            names += [f"{prefix}{n}" for n in vectorizer.get_feature_names_out()]
        return np.array(names, dtype=object)
