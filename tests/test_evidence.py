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


def test_the_sentence_that_moves_a_barrier_score_is_its_first_evidence_sentence(shipped_model):
    """On real text, each barrier's first evidence sentence is its most probable sentence under the
    barrier model (the one the pooled score took), though another sentence may add more to the case's score."""
    clf = shipped_model.classifier
    assert clf.sentence_weights_.get("barriers", 0) > 0
    [result] = shipped_model.tag_texts([TEXT])
    [analysis] = analyse([TEXT], [result.language.code])
    assert result.labels["barriers"], result.scores["barriers"]
    per_sentence = clf.models_["barriers"].predict_proba(
        clf._columns("barriers", clf.features_.transform(analysis.sentence_analyses()))
    )
    rows = clf.features_.transform_with_sentences([analysis])
    shares, _ = sentence_shares(rows.X, rows.held)
    classes, weights = clf.label_weights("barriers")
    support = np.asarray(shares @ weights)  # each sentence's part of each label's case score
    reordered = 0
    for label in result.labels["barriers"]:
        column = classes.index(label)
        best = int(np.argmax(per_sentence[:, column]))
        assert support[best, column] > 0, label
        assert result.evidence["barriers"][label][0] == analysis.sentences[best], label
        reordered += best != int(np.argmax(support[:, column]))
    assert reordered, "no label whose best sentence is not also its largest share: the test shows nothing"
