"""Evidence: for each predicted label, the one or two sentences of the case that most support it.

A linear model's score for a label is the sum, over the features of the text, of feature value
times weight. Each feature's part is shared among the sentences that contain it, so a sentence's
support for a label is exactly its share of the model's own score, and the shares add up to the
text's score (less n-grams that straddle sentences and whole-text entity features).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags

from casemine.nlp import Analysis
from casemine.scheme import SCHEME

MAX_SENTENCES = 2


def batch_sentence_features(classifier, analyses: Sequence[Analysis]) -> list:
    """Per case, the (sentences × features) matrix of each sentence's share of the text's feature
    values (None for a case without sentences); one feature transform for all the cases' sentences."""
    features = classifier.features_
    sentences = [a.sentence_analyses() for a in analyses]
    docs = features.transform(analyses)
    every = [s for per_case in sentences for s in per_case]
    present = csr_matrix(features.transform(every) > 0, dtype=float) if every else None
    out, offset = [], 0
    for i, per_case in enumerate(sentences):
        if not per_case:
            out.append(None)
            continue
        rows = present[offset : offset + len(per_case)]
        offset += len(per_case)
        counts = np.asarray(rows.sum(axis=0)).ravel()
        share = rows @ diags(np.divide(1.0, counts, out=np.zeros_like(counts), where=counts > 0))
        out.append(share.multiply(docs[i]).tocsr())
    return out


def sentence_support(classifier, shares, family_id: str, weights=None) -> tuple[list[str], np.ndarray]:
    """(labels, matrix sentences × labels) of each sentence's share of each label's score."""
    classes, weights = weights or classifier.coefficients(family_id)
    return classes, np.asarray(shares @ weights.T)


def evidence(classifier, analysis: Analysis, labels: dict) -> dict[str, dict[str, list[str]]]:
    """Per family, per predicted label, up to two sentences that support it, strongest first."""
    return batch_evidence(classifier, [analysis], [labels])[0]


def batch_evidence(
    classifier, analyses: Sequence[Analysis], labels: Sequence[dict]
) -> list[dict[str, dict[str, list[str]]]]:
    """``evidence`` for many cases; features and weights are computed once for the batch."""
    families = [f for f in SCHEME.families if f.id in classifier.models_]
    weights = {f.id: classifier.coefficients(f.id) for f in families}
    results = []
    for analysis, case_labels, shares in zip(
        analyses, labels, batch_sentence_features(classifier, analyses), strict=True
    ):
        out: dict[str, dict[str, list[str]]] = {}
        for family in families:
            predicted = family.values(case_labels)
            if not predicted or shares is None:
                continue
            classes, support = sentence_support(classifier, shares, family.id, weights[family.id])
            found = {}
            for label in predicted:
                if label not in classes:
                    continue
                column = support[:, classes.index(label)]
                order = [j for j in np.argsort(-column) if column[j] > 0][:MAX_SENTENCES]
                found[label] = [analysis.sentences[j] for j in order]
            out[family.id] = found
        results.append(out)
    return results
