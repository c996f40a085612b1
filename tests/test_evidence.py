"""Evidence agrees with the score: a pooled family's best sentence (casemine.pooling) comes first."""

import numpy as np

from casemine.evidence import sentence_shares
from casemine.nlp import analyse
from casemine.pooling import best_rows, best_sentence

# Written for this test: a French case whose difficulties section names several barriers.
TEXT = (
    "Description : La mairie et une association de parents gèrent ensemble une cantine scolaire où les "
    "familles participent aux menus et au service. Les parents bénévoles aident le personnel municipal deux "
    "fois par semaine. Difficultés rencontrées : le financement de la commune reste incertain d'une année sur "
    "l'autre, et les règles d'hygiène limitent ce que les bénévoles peuvent faire en cuisine. Le personnel a "
    "d'abord craint de perdre son rôle."
)


def test_best_rows_are_the_rows_whose_probability_best_sentence_takes():
    probabilities = np.array([[0.2, 0.9], [0.7, 0.9], [0.1, 0.3], [0.4, 0.2], [0.6, 0.1]])
    bounds = np.array([0, 2, 2, 5])  # the second case has no sentence
    rows = best_rows(probabilities, bounds)
    assert rows.tolist() == [[1, 0], [-1, -1], [4, 2]]  # a tie goes to the first sentence
    fallback = np.full((3, 2), 0.05)
    assert best_sentence(probabilities, bounds, fallback).tolist() == [[0.7, 0.9], [0.05, 0.05], [0.6, 0.3]]
    assert best_rows(np.zeros((0, 2)), np.array([0, 0])).tolist() == [[-1, -1]]


def test_the_sentence_that_moves_a_pooled_score_is_its_first_evidence_sentence(shipped_model, corpus_cases):
    """On real texts, each driver's and barrier's first evidence sentence is its most probable sentence under
    the family's sentence model (the one the pooled score took) whenever that sentence adds to the case's
    score, though another sentence may add more."""
    clf = shipped_model.classifier
    assert set(clf.pooled_families()) == {"drivers", "barriers"}
    texts = [TEXT] + [c.text for c in corpus_cases[-40:]]
    results = shipped_model.tag_texts(texts)
    analyses = analyse(texts, [r.language.code for r in results])
    assert results[0].labels["barriers"], results[0].scores["barriers"]
    rows = clf.features_.transform_with_sentences(analyses)
    shares, bounds = sentence_shares(rows.X, rows.held)
    for family_id, per_sentence in clf.sentence_probabilities(rows.sentences).items():
        classes, weights = clf.label_weights(family_id)
        support = np.asarray(shares @ weights)  # each sentence's part of each label's case score
        first = reordered = 0
        for i, (result, analysis) in enumerate(zip(results, analyses, strict=True)):
            start, end = bounds[i], bounds[i + 1]
            for label in result.labels[family_id]:
                column = classes.index(label)
                best = start + int(np.argmax(per_sentence[start:end, column]))
                if support[best, column] > 0:
                    assert result.evidence[family_id][label][0] == analysis.sentences[best - start], (i, label)
                    first += 1
                    reordered += best != start + int(np.argmax(support[start:end, column]))
        assert first > 30 and reordered > 10, (family_id, first, reordered)  # else the test shows nothing
