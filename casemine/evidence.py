"""Evidence: for each predicted label, the one or two sentences of the case that most support it.

A linear model's score for a label is the sum, over the features of the text, of feature value
times weight. Each feature's part is shared among the sentences that contain it, so a sentence's
support for a label is exactly its share of the model's own score, and the shares add up to the
text's score (less n-grams that straddle sentences and whole-text entity features).

A family whose score also pools its best sentence's probability (``casemine.pooling``: barriers)
has that sentence moving its score as well: for such a family the best sentence comes first
whenever its share of the case's score is positive, and the other is the next by share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, vstack

from casemine.blocks import CaseRows
from casemine.nlp import Analysis
from casemine.pooling import best_rows
from casemine.scheme import SCHEME

MAX_SENTENCES = 2


def sentence_shares(X, held: Sequence) -> tuple[csr_matrix, np.ndarray]:
    """Each sentence's share of its text's feature values, for a batch of texts.

    ``X`` holds the texts' feature rows and ``held``, per text, which features each of its sentences
    holds (both from ``CaseFeatures.transform_with_sentences``; None for a text without sentences).
    Returns the (all sentences × features) matrix of shares and the row bounds of each text.
    """
    sizes = [0 if rows is None else rows.shape[0] for rows in held]
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    if not bounds[-1]:
        return csr_matrix((0, X.shape[1])), bounds
    H = vstack([rows for rows in held if rows is not None], format="csr")
    owner = np.repeat(np.arange(len(held)), sizes)
    holders = csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(len(held), len(owner))) @ H
    holders.data = 1.0 / holders.data
    per_holder = csr_matrix(X.multiply(holders))  # a feature's value split evenly among its sentences
    return csr_matrix(H.multiply(per_holder[owner])), bounds


def evidence(classifier, analysis: Analysis, labels: dict) -> dict[str, dict[str, list[str]]]:
    """Per family, per predicted label, up to two sentences that support it, strongest first."""
    return batch_evidence(classifier, [analysis], [labels])[0]


def batch_evidence(
    classifier,
    analyses: Sequence[Analysis],
    labels: Sequence[dict],
    features: CaseRows | None = None,
    sentence_probabilities: dict[str, np.ndarray] | None = None,
) -> list[dict[str, dict[str, list[str]]]]:
    """``evidence`` for many cases; weights are computed once for the batch.

    ``features``: what ``classifier.features_.transform_with_sentences(analyses)`` returned (``CaseRows``), when the
    caller already has it (tagging computes it once for the scores and the evidence);
    ``sentence_probabilities``: ``classifier.sentence_probabilities(features.sentences)``, when the caller
    already has it (tagging: the same that pooled the scores).
    """
    rows = features or classifier.features_.transform_with_sentences(analyses)
    families = [f for f in SCHEME.families if f.id in classifier.models_]
    weights = {f.id: classifier.label_weights(f.id) for f in families}  # labels; (features × labels) weights
    shares, bounds = sentence_shares(rows.X, rows.held)
    support = {f.id: np.asarray(shares @ weights[f.id][1]) for f in families}  # sentences × labels
    pooled_best = _pooled_best(classifier, rows, sentence_probabilities)  # family → cases × labels: local index
    results = []
    for i, (analysis, case_labels) in enumerate(zip(analyses, labels, strict=True)):
        out: dict[str, dict[str, list[str]]] = {}
        for family in families:
            predicted = family.values(case_labels)
            if not predicted or bounds[i] == bounds[i + 1]:
                continue
            classes = weights[family.id][0]
            found = {}
            for label in predicted:
                if label not in classes:
                    continue
                column = support[family.id][bounds[i] : bounds[i + 1], classes.index(label)]
                order = [j for j in np.argsort(-column) if column[j] > 0]
                if family.id in pooled_best:
                    best = pooled_best[family.id][i, classes.index(label)]
                    if best >= 0 and column[best] > 0:  # the sentence the pooled score took, when it supports
                        order = [best] + [j for j in order if j != best]
                found[label] = [analysis.sentences[j] for j in order[:MAX_SENTENCES]]
            out[family.id] = found
        results.append(out)
    return results


def _pooled_best(classifier, rows: CaseRows, sentence_probabilities: dict | None) -> dict[str, np.ndarray]:
    """Per pooled family, per case and label, the index within the case of the sentence whose probability
    the pooled score took (``casemine.pooling.best_rows``); -1 for a case without sentences."""
    if not classifier.pooled_families():
        return {}
    bounds = np.asarray(rows.bounds)
    if sentence_probabilities is None:
        sentence_probabilities = classifier.sentence_probabilities(rows.sentences)
    out = {}
    for family_id, per_sentence in sentence_probabilities.items():
        best = best_rows(per_sentence, bounds)
        out[family_id] = np.where(best >= 0, best - bounds[:-1, None], -1)
    return out
