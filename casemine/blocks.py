"""Feature blocks as plain data: the text each block reads, its terms, and their TF-IDF weights.

Tagging needs only this module, NumPy and SciPy's sparse matrices: a fitted block is a vocabulary
and its IDF weights, so a model bundle loads without scikit-learn (whose import alone costs a
second of every start-up) and without running any code. ``casemine.features.CaseFeatures`` fits the
blocks with scikit-learn's vectorizers and then uses this transform, which gives what the
vectorizers' own ``transform`` gives (tested).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix, hstack

from casemine.nlp import Analysis
from casemine.notions import notion_tokens, sector_tokens

# Blocks whose tokens a text holds exactly as the sum of its sentences' (character n-grams within
# words), so that a text's counts can be added up from its sentences. Not the difficulty and notion
# blocks: a sentence under a difficulty heading is a difficulty sentence only in its text.
SENTENCE_BLOCKS = ("char",)
NOTION_WEIGHT = 0.5  # chosen by bench/model_selection.py (docs/benchmarks.md): 0.3-0.7 within noise, 1.0 worse
HEADING_WORDS = 6  # the longest line taken for a heading (blocks.is_heading)


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


@lru_cache(maxsize=50_000)
def tells_of_difficulty(sentence: str) -> bool:
    """Whether a sentence holds a difficulty cue (asked twice per sentence when tagging: cues and notions)."""
    return difficulty_pattern().search(sentence) is not None


@cache
def heading_pattern() -> re.Pattern:
    """The words that make a heading a difficulty heading ("Challenges:", "Difficultés rencontrées :"; data file)."""
    data = json.loads(resources.files("casemine").joinpath("data", "difficulty_headings.json").read_text("utf-8"))
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(data["words"], key=len, reverse=True)) + ")", re.I
    )


def is_heading(sentence: str) -> bool:
    """A line of at most 6 words (bullet marks aside) that ends with a colon or without a full stop."""
    text = sentence.strip().lstrip("-*• ").strip()
    return 0 < len(text.split()) <= HEADING_WORDS and (text.endswith(":") or not text.endswith("."))


def difficulty_sentences(analysis: Analysis) -> list[int]:
    """Indices of the sentences that tell of a difficulty.

    Those holding a cue of ``difficulty_cues.json``, and those under a difficulty heading
    (``difficulty_headings.json``) up to the next heading: the bullets of a "Difficulties:" section
    often name an obstacle without any cue word ("- Dependence on a yearly grant").
    """
    picked, under = set(), False
    for i, text in enumerate(analysis.sentences):
        if tells_of_difficulty(text):
            picked.add(i)
        if is_heading(text):
            under = heading_pattern().search(text) is not None
        elif under:
            picked.add(i)
    return sorted(picked)


def difficulty_text(analysis: Analysis) -> str:
    """The content lemmas of a case's difficulty sentences only."""
    return " ".join(analysis.sentence_lemmas[i] for i in difficulty_sentences(analysis))


def block_texts(name: str, analyses: Sequence[Analysis]) -> list[str]:
    """The text a block reads from each case."""
    if name == "shared":
        return [shared_tokens(a) for a in analyses]
    if name == "cues":
        return [difficulty_text(a) for a in analyses]
    if name == "notions":
        return [notion_tokens(a) for a in analyses]
    if name == "sectors":
        return [sector_tokens(a) for a in analyses]
    return [a.lemma_text for a in analyses]


def char_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """One lower-case word's character n-grams, padded with a space each side (``analyzer="char_wb"``)."""
    padded = f" {word} "
    low, high = ngram_range
    grams = []
    for n in range(low, high + 1):
        if len(padded) <= n:  # a word shorter than n counts once, whole
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


@dataclass
class Block:
    """One fitted block: its analyser, its terms in column order, their IDF weights and the block's weight.

    ``analyzer`` is ``"word"`` (whitespace tokens and their n-grams, as written), ``"char_wb"``
    (character n-grams inside lower-cased words) or ``"vectors"`` (a text's sentence vector,
    ``casemine.vectors``: the terms name its dimensions, the IDF weights are ones). Weights are sublinear
    TF-IDF, rows L2-normalised, then scaled by ``weight``; sentence vectors are unit length, scaled the same.
    """

    analyzer: str
    ngram_range: tuple[int, int]
    terms: list[str]
    idf: np.ndarray
    weight: float = 1.0

    def __post_init__(self) -> None:
        self.vocabulary = {term: i for i, term in enumerate(self.terms)}
        # per n >= 2, the first and last tokens of the vocabulary's n-grams: a text's n-gram is only
        # built (joined) when both ends could belong to one, which most word pairs cannot
        self.ends: dict[int, tuple[set[str], set[str]]] = {}
        if self.analyzer == "word":
            for term in self.terms:
                tokens = term.split(" ")
                if len(tokens) > 1:
                    heads, tails = self.ends.setdefault(len(tokens), (set(), set()))
                    heads.add(tokens[0])
                    tails.add(tokens[-1])

    def _word_ids(self, text: str) -> list[int]:
        """The vocabulary indices of a text's whitespace tokens and their n-grams (``analyzer="word"``)."""
        vocabulary, tokens = self.vocabulary, text.split()
        low, high = self.ngram_range
        ids = [vocabulary[t] for t in tokens if t in vocabulary] if low == 1 else []
        for n in range(max(low, 2), high + 1):
            heads, tails = self.ends.get(n, ((), ()))
            for i in range(len(tokens) - n + 1):
                if tokens[i] in heads and tokens[i + n - 1] in tails:
                    j = vocabulary.get(" ".join(tokens[i : i + n]))
                    if j is not None:
                        ids.append(j)
        return ids

    def counts(self, texts: Sequence[str], seen: dict[str, list[int]] | None = None) -> csr_matrix:
        """Raw term counts (texts × terms). ``seen`` remembers each word's character n-grams across calls."""
        vocabulary, indices, indptr = self.vocabulary, [], [0]
        if self.analyzer == "char_wb":
            seen = {} if seen is None else seen
            for text in texts:
                for word in text.lower().split():
                    ids = seen.get(word)
                    if ids is None:
                        grams = char_ngrams(word, self.ngram_range)
                        ids = seen[word] = [vocabulary[g] for g in grams if g in vocabulary]
                    indices.extend(ids)
                indptr.append(len(indices))
        else:
            for text in texts:
                indices.extend(self._word_ids(text))
                indptr.append(len(indices))
        counts = csr_matrix(
            (np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(self.terms)),
        )
        counts.sum_duplicates()
        return counts

    def tfidf(self, counts: csr_matrix) -> csr_matrix:
        """Weights from raw counts: sublinear term frequency times IDF, each row of unit length, times ``weight``."""
        weights = counts.astype(float)
        values = weights.data
        np.log(values, out=values)
        values += 1
        values *= self.idf[weights.indices]
        rows = np.repeat(np.arange(weights.shape[0]), np.diff(weights.indptr))
        norms = np.sqrt(np.bincount(rows, values * values, minlength=weights.shape[0]))
        norms[norms == 0] = 1.0
        values *= (self.weight / norms)[rows]
        return weights


def vector_block(weight: float) -> Block:
    """The sentence-vector block (``casemine.vectors``) at ``weight``."""
    from casemine.vectors import DIM

    return Block("vectors", (1, 1), [f"v{i}" for i in range(DIM)], np.ones(DIM), weight)


def vector_rows(
    block: Block, sentence_lists: Sequence[Sequence[str]], keep: bool = True, encoded: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The vector block's rows of texts given as sentence lists: every sentence's, and each text's (the unit
    mean of its sentences'), both scaled by the block's weight; ``keep``: use the vector store; ``encoded``: the
    sentences' vectors, already made. Dense: callers make sparse only the rows they use."""
    from casemine.vectors import text_vectors

    S, T = text_vectors(sentence_lists, keep, encoded)
    return S * block.weight, T * block.weight


class CaseRows(NamedTuple):
    """A batch's feature rows as tagging reads them: the cases' rows ``X``; per case, a (sentences ×
    features) 0/1 matrix of what each sentence holds (None without sentences), for evidence; every
    sentence's own rows, read as a text of its own, and each case's row bounds in them (case ``i``
    owns rows ``bounds[i]:bounds[i + 1]``), for sentence pooling."""

    X: csr_matrix
    held: list
    sentences: csr_matrix
    bounds: np.ndarray


class FeatureBlocks:
    """The transform shared by a fitting ``CaseFeatures`` and a loaded bundle.

    ``vectorizers_`` holds the fitted blocks in column order; ``blocks_`` each one's column range.
    """

    vectorizers_: dict[str, Block]
    blocks_: dict[str, tuple[int, int]]
    n_features_: int

    def _use(self, vectorizers: dict[str, Block]) -> None:
        self.vectorizers_, self.blocks_, start = vectorizers, {}, 0
        for name, block in vectorizers.items():
            self.blocks_[name] = (start, start + len(block.terms))
            start += len(block.terms)
        self.n_features_ = start

    def transform(self, analyses: Sequence[Analysis]) -> csr_matrix:
        seen: dict[str, list[int]] = {}
        parts = [
            csr_matrix(vector_rows(block, [a.sentences for a in analyses])[1], dtype=float)
            if block.analyzer == "vectors"
            else block.tfidf(block.counts(block_texts(name, analyses), seen))
            for name, block in self.vectorizers_.items()
        ]
        return hstack(parts, format="csr") if parts else csr_matrix((len(analyses), 0))

    @property
    def reads_vectors(self) -> bool:
        """Whether a block holds sentence vectors (``casemine.vectors``)."""
        return any(block.analyzer == "vectors" for block in self.vectorizers_.values())

    def transform_with_sentences(self, analyses: Sequence[Analysis], encoded: np.ndarray | None = None) -> CaseRows:
        """``transform(analyses)``, and what tagging reads of each case's sentences (``CaseRows``); ``encoded``:
        the vectors of every case's sentences in order, when tagging had them made beforehand.

        Every block is counted once per sentence: those counts give the sentences' own rows and which
        features each sentence holds. The blocks whose tokens a text holds as the sum of its sentences'
        (``SENTENCE_BLOCKS``: character n-grams) are summed for the whole text; the others are counted
        on the whole text too (a sentence read alone does not know the heading it sits under). Sentence
        vectors are each sentence's, and the text's their unit mean, not kept in the vector store (tagging keeps
        nothing on disk); no sentence "holds" them (evidence is traced through the other blocks' features).
        """
        if not analyses:
            empty = csr_matrix((0, self.n_features_))
            return CaseRows(empty, [], empty, np.zeros(1, dtype=np.int64))
        sentences = [a.sentence_analyses() for a in analyses]
        every = [s for per_case in sentences for s in per_case]
        owner = np.repeat(np.arange(len(analyses)), [len(s) for s in sentences])
        to_case = csr_matrix((np.ones(len(every)), (owner, np.arange(len(every)))), shape=(len(analyses), len(every)))
        seen: dict[str, list[int]] = {}
        docs, present, own = [], [], []
        for name, block in self.vectorizers_.items():
            if block.analyzer == "vectors":
                sentence_rows, text_rows = vector_rows(block, [a.sentences for a in analyses], False, encoded)
                docs.append(csr_matrix(text_rows, dtype=float))
                own.append(csr_matrix(sentence_rows, dtype=float))
                present.append(csr_matrix(sentence_rows.shape))
                continue
            counts = block.counts(block_texts(name, every), seen)
            if name in SENTENCE_BLOCKS:
                docs.append(block.tfidf((to_case @ counts).tocsr()))
            else:  # word pairs across sentences, whole-text entities: counted on the whole text
                docs.append(block.tfidf(block.counts(block_texts(name, analyses), seen)))
            own.append(block.tfidf(counts))
            present.append(counts)
        held = hstack(present, format="csr")
        held.data = np.ones_like(held.data)
        bounds = np.concatenate([[0], np.cumsum([len(s) for s in sentences])]).astype(np.int64)
        return CaseRows(
            hstack(docs, format="csr"),
            [held[a:b] if b > a else None for a, b in zip(bounds[:-1], bounds[1:], strict=True)],
            hstack(own, format="csr"),
            bounds,
        )

    def sentence_features(self, analyses: Sequence[Analysis]) -> tuple[csr_matrix, np.ndarray]:
        """The feature rows of every sentence of every case, each sentence read as a text of its own.

        Returns the (all sentences × features) matrix and the row bounds of each case (case ``i``'s
        sentences are rows ``bounds[i]:bounds[i + 1]``); sentence-level scoring
        (``casemine.pooling``) reads them. Tagging gets the same from ``transform_with_sentences``.
        """
        every = [s for a in analyses for s in a.sentence_analyses()]
        bounds = np.concatenate([[0], np.cumsum([len(a.sentences) for a in analyses])]).astype(np.int64)
        return self.transform(every), bounds

    def columns(self, blocks: Sequence[str]) -> np.ndarray:
        """The column indices of the named blocks (those fitted), in matrix order."""
        ranges = [np.arange(*self.blocks_[name]) for name in self.vectorizers_ if name in blocks]
        return np.concatenate(ranges) if ranges else np.arange(0)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        names = []
        for name, block in self.vectorizers_.items():
            prefix = "" if name == "lemmas" else f"{name}:"
            names += [f"{prefix}{term}" for term in block.terms]
        return np.array(names, dtype=object)
