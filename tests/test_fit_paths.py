"""Fitting's shortcuts give exactly what the straightforward paths give: ``CaseFeatures.fit_transform`` the
matrix of fit then transform, ``_sentences_of`` the rows of every case as they are."""

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from casemine.blocks import block_texts
from casemine.features import CaseFeatures
from casemine.nlp import analyse


@pytest.fixture(scope="module")
def analyses(corpus_cases):
    from conftest import training_slice

    from casemine.model import analyse_cases

    cases = training_slice(corpus_cases, 30)
    assert {c.lang for c in cases} == {"fr", "en"}
    return analyse_cases(cases)


def test_fit_transform_is_exactly_fit_then_transform(analyses):
    """Each block's texts counted once against scikit-learn's vectorizers fitted, then the blocks' own transform:
    same terms, IDF and matrix, bit for bit."""
    [extra] = analyse(["Mais le manque de bénévoles a freiné le projet. Le jardin ouvre le samedi."], ["fr"])
    cases = [*analyses, extra]
    settings = {"concept_weight": 0.5, "char": True, "cues": True, "notions": True, "sectors": 0.2}
    fast = CaseFeatures(**settings)
    X = fast.fit_transform(cases)
    plain = CaseFeatures(**settings)
    for name, (vectorizer, _) in plain._vectorizers().items():
        vectorizer.fit(block_texts(name, cases))
        assert fast.vectorizers_[name].terms == vectorizer.get_feature_names_out().tolist(), name
        assert np.array_equal(fast.vectorizers_[name].idf, vectorizer.idf_), name
    expected = plain.fit(cases).transform(cases)
    assert X.shape == expected.shape and (expected != X).nnz == 0
    assert np.array_equal(X.indptr, expected.indptr) and np.array_equal(X.data, expected.data)


def test_fit_refuses_non_finite_features_it_no_longer_checks_in_inner_fits():
    from casemine.classify import _check_finite

    _check_finite(csr_matrix(np.array([[0.0, 1.0], [2.0, 0.0]])))
    with pytest.raises(ValueError, match="NaN or infinite"):
        _check_finite(csr_matrix(np.array([[0.0, np.nan], [2.0, 0.0]])))
