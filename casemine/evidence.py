"""Evidence: for each predicted label, the one or two sentences of the case that most support it.

A linear model's score for a label is the sum, over the features of the text, of feature value
times weight. Each feature's part is shared among the sentences that contain it, so a sentence's
support for a label is exactly its share of the model's own score, and the shares add up to the
text's score (less n-grams that straddle sentences and whole-text entity features).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix, diags

from casemine.nlp import Analysis
from casemine.scheme import SCHEME

MAX_SENTENCES = 2


def sentence_features(classifier, analysis: Analysis):
    """(sentences × features) matrix of each sentence's share of the text's feature values."""
    features = classifier.features_
    sentences = analysis.sentence_analyses()
    if not sentences:
        return None
    doc = features.transform([analysis])
    present = csr_matrix(features.transform(sentences) > 0, dtype=float)
    counts = np.asarray(present.sum(axis=0)).ravel()
    share = present @ diags(np.divide(1.0, counts, out=np.zeros_like(counts), where=counts > 0))
    return share.multiply(doc).tocsr()


def sentence_support(classifier, shares, family_id: str) -> tuple[list[str], np.ndarray]:
    """(labels, matrix sentences × labels) of each sentence's share of each label's score."""
    classes, weights = classifier.coefficients(family_id)
    return classes, np.asarray(shares @ weights.T)


def evidence(classifier, analysis: Analysis, labels: dict) -> dict[str, dict[str, list[str]]]:
    """Per family, per predicted label, up to two sentences that support it, strongest first."""
    out: dict[str, dict[str, list[str]]] = {}
    shares = None
    for family in SCHEME.families:
        predicted = family.values(labels)
        if not predicted or family.id not in classifier.models_:
            continue
        if shares is None:  # the sentence matrix is the same for every family: build it once
            shares = sentence_features(classifier, analysis)
            if shares is None:
                return out
        classes, support = sentence_support(classifier, shares, family.id)
        found = {}
        for label in predicted:
            if label not in classes:
                continue
            column = support[:, classes.index(label)]
            order = [j for j in np.argsort(-column) if column[j] > 0][:MAX_SENTENCES]
            found[label] = [analysis.sentences[j] for j in order]
        out[family.id] = found
    return out
