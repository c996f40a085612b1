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


def test_sentences_of_every_case_is_what_picking_them_gives():
    """``_sentences_of`` hands back the sentence rows themselves when every case is picked: the same as picking."""
    from scipy.sparse import vstack

    from casemine.classify import _sentences_of

    S = csr_matrix(np.arange(12.0).reshape(6, 2))
    bounds = np.array([0, 2, 2, 5, 6])
    targets = np.arange(6).reshape(6, 1)
    every, every_bounds, every_targets = _sentences_of((S, bounds, targets), [0, 1, 2, 3])
    assert every is S and np.array_equal(every_bounds, bounds) and every_targets is targets
    picked, picked_bounds, picked_targets = _sentences_of((S, bounds, targets), [0, 2, 3])
    assert (picked != vstack([S[0:2], S[2:5], S[5:6]])).nnz == 0
    assert picked_bounds.tolist() == [0, 2, 5, 6] and picked_targets.ravel().tolist() == [0, 1, 2, 3, 4, 5]
    reordered, _, _ = _sentences_of((S, bounds, None), [1, 0, 2, 3])  # not in order: picked, not handed back
    assert reordered is not S


def test_fits_repeat_exactly_in_this_process_and_in_workers(corpus_cases):
    """Seeded solvers and one BLAS thread everywhere: the number of jobs changes no probability, not even by 1e-9."""
    from conftest import training_slice
    from joblib.externals.loky import get_reusable_executor

    from casemine.model import analyse_cases
    from casemine.rationales import corpus_targets
    from casemine.validation import fit_classifiers

    cases = training_slice(corpus_cases, 40)
    analyses = analyse_cases(cases)
    labels, rationales = [c.labels for c in cases], corpus_targets(cases, analyses)
    subsets = [list(range(0, len(cases), 2)) + list(range(1, 40, 2)), list(range(len(cases)))]
    here = fit_classifiers(analyses, labels, subsets, 1, rationales)
    workers = fit_classifiers(analyses, labels, subsets, 2, rationales)
    get_reusable_executor().shutdown(wait=True)  # so a later test's differently set-up pool does not kill them
    for a, b in zip(here, workers, strict=True):
        assert a.thresholds_ == b.thresholds_
        for x, y in zip(a.predict_scores(analyses), b.predict_scores(analyses), strict=True):
            assert x == y
