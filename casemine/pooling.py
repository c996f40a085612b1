"""Sentence-level scoring of multi-label families: a case's score mixes its own with its best sentence's.

A barrier is usually stated in one or two sentences, which the whole text's bag of words dilutes
among everything else it says. The family's model, trained on whole cases, also scores each
sentence read on its own (``FeatureBlocks.sentence_features``); a label's probability for the case
is then ``(1 - weight) * p(case) + weight * max over sentences p(sentence)``. The weight is a
family setting (``sentence_weight``, ``casemine.classify``); thresholds are tuned on the pooled
probabilities. Needs only NumPy, so a loaded bundle pools without scikit-learn.
"""

from __future__ import annotations

import numpy as np


def best_rows(sentence_probabilities: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Per case, per label, the row of its most probable sentence (the first on a tie); -1 for a case without any.

    The sentence whose probability the pooled score takes (``best_sentence``), which evidence puts first.
    ``sentence_probabilities``: (sentences × labels); case ``i`` owns rows ``bounds[i]:bounds[i + 1]``.
    """
    rows = np.full((len(bounds) - 1, np.shape(sentence_probabilities)[1]), -1, dtype=np.int64)
    for i, (start, end) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        if end > start:
            rows[i] = start + np.argmax(sentence_probabilities[start:end], axis=0)
    return rows


def best_sentence(sentence_probabilities: np.ndarray, bounds: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Per case, per label, the highest probability among its sentences (``fallback``'s row for a case without any).

    ``sentence_probabilities``: (sentences × labels); case ``i`` owns rows ``bounds[i]:bounds[i + 1]``.
    """
    best = np.array(fallback, dtype=float, copy=True)
    rows = best_rows(sentence_probabilities, bounds)
    has = rows[:, 0] >= 0 if rows.shape[1] else np.zeros(len(rows), dtype=bool)
    if has.any():
        best[has] = np.asarray(sentence_probabilities)[rows[has], np.arange(rows.shape[1])]
    return best


def pooled(
    case_probabilities: np.ndarray, sentence_probabilities: np.ndarray, bounds: np.ndarray, weight: float
) -> np.ndarray:
    """``(1 - weight) * case + weight * best sentence``, per case and label (see the module doc)."""
    best = best_sentence(sentence_probabilities, bounds, case_probabilities)
    return (1.0 - weight) * np.asarray(case_probabilities, dtype=float) + weight * best
