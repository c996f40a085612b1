"""Folds, thresholds, review flags and evidence of the classifiers."""

import random

import numpy as np
import pytest

from casemine.classify import best_threshold
from casemine.review import CASE_FAMILIES, case_coverage, choose_thresholds, curve, flagged_tags
from casemine.scoring import family_confidence
from casemine.validation import groups, make_folds, subsample_train


def test_folds_cover_every_case_once_and_keep_translations_together(corpus_cases):
    folds = make_folds(corpus_cases, n_splits=5, seed=0)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested) == list(range(len(corpus_cases)))
    fold_of = {i: k for k, (_, test) in enumerate(folds) for i in test}
    by_id = {c.id: i for i, c in enumerate(corpus_cases)}
    pairs = [(by_id[c.extra["translation_of"]], i) for i, c in enumerate(corpus_cases) if c.extra.get("translation_of")]
    assert pairs and all(fold_of[a] == fold_of[b] for a, b in pairs)
    assert len(set(groups(corpus_cases))) == len(corpus_cases) - len(pairs)
    for _train, test in folds:  # stratified: every scope label in every test fold, in similar shares
        scopes = [corpus_cases[i].labels["scope"] for i in test]
        assert {"coproduction", "consultation_only", "contracting_out", "out_of_scope"} <= set(scopes)
        assert abs(len(test) - len(corpus_cases) / 5) < 0.05 * len(corpus_cases)


def test_subsampled_folds_keep_the_test_folds_and_translation_pairs(corpus_cases):
    folds = make_folds(corpus_cases, n_splits=5, seed=0)
    half = subsample_train(corpus_cases, folds, 0.5, seed=0)
    group = groups(corpus_cases)
    for (train, test), (small, same_test) in zip(folds, half, strict=True):
        assert np.array_equal(test, same_test)
        assert set(small) <= set(train) and abs(len(small) - len(train) / 2) <= 2  # a pair may overshoot by one
        kept = {group[i] for i in small}
        assert all(group[i] not in kept for i in set(train) - set(small))  # whole translation groups only
    again, other = subsample_train(corpus_cases, folds, 0.5, seed=0), subsample_train(corpus_cases, folds, 0.5, seed=1)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(half, again, strict=True))
    assert not all(np.array_equal(a[0], b[0]) for a, b in zip(half, other, strict=True))
    assert all(
        np.array_equal(a[0], b[0]) for a, b in zip(folds, subsample_train(corpus_cases, folds, 1.0), strict=True)
    )
    with pytest.raises(ValueError, match="train_fraction"):
        subsample_train(corpus_cases, folds, 0.0)


def test_cross_validated_metrics_trains_on_the_subsampled_folds(corpus_cases, monkeypatch):
    import casemine.model
    import casemine.validation

    seen = []

    def stop(cases, analyses, folds, *args, **kwargs):
        seen.extend(folds)
        raise InterruptedError

    monkeypatch.setattr(casemine.model, "analyse_cases", lambda cases: [None] * len(cases))
    monkeypatch.setattr(casemine.validation, "out_of_fold", stop)
    with pytest.raises(InterruptedError):
        casemine.model.cross_validated_metrics(corpus_cases, train_fraction=0.25, subsample_seed=3)
    expected = subsample_train(corpus_cases, make_folds(corpus_cases, 5, 0), 0.25, seed=3)
    assert len(seen) == 5 and all(np.array_equal(a[0], b[0]) for a, b in zip(seen, expected, strict=True))


def test_best_threshold_maximises_f1():
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    p = np.array([0.9, 0.8, 0.7, 0.35, 0.3, 0.25, 0.2, 0.1, 0.1, 0.05])
    assert best_threshold(y, p) == 0.3  # catches all five positives, no negative
    assert best_threshold(np.array([1, 0, 0]), np.array([0.9, 0.1, 0.2])) == 0.5  # too few positives: default


def test_family_confidence():
    assert family_confidence({"a": 0.7, "b": 0.3}, multi=False) == 0.7
    assert family_confidence({"a": 0.9, "b": 0.4, "c": 0.1}, multi=True, predicted=["a", "b"]) == 0.4
    assert family_confidence({"a": 0.2}, multi=True, predicted=[]) == 1.0


def test_review_thresholds_reach_the_target_precision():
    good = {"scope": "coproduction", "type": ["co_delivery"], "sector": "health", "drivers": [], "barriers": []}
    bad = good | {"sector": "education"}
    gold = [good] * 10
    predictions = [good] * 7 + [bad] * 3
    sector_scores = [{"health": 0.9, "education": 0.1}] * 7 + [{"health": 0.4, "education": 0.6}] * 3
    scores = [{"scope": {"coproduction": 0.95}, "sector": s, "type": {"co_delivery": 0.8}} for s in sector_scores]
    thresholds = choose_thresholds(gold, predictions, scores)
    assert 0.6 < thresholds["sector"] <= 0.9
    points = {p["threshold"]: p for p in curve(gold, predictions, scores, "sector")}
    assert points[0.0]["precision"] == 0.7 and points[0.0]["coverage"] == 1.0
    kept = case_coverage(gold, predictions, scores, thresholds)
    assert kept["coverage"] == 0.7 and kept["precision"] == 1.0
    # drivers are flagged tag by tag, each against its family's threshold
    labels = good | {"drivers": ["empowerment", "innovation"]}
    tag_scores = {"drivers": {"empowerment": 0.95, "innovation": 0.41}}
    assert flagged_tags(tag_scores, labels, {"drivers": 0.6}) == {"drivers": [("innovation", 0.41)]}


def test_evidence_points_at_the_sentence_that_carries_the_label(shipped_model):
    text = (
        "The programme started in 2015 in a mid-sized town. "
        "Trained volunteers visit isolated older residents at home every week and help with shopping. "
        "The town hall publishes an annual report."
    )
    [result] = shipped_model.tag_texts([text])
    assert result.labels["scope"] == "coproduction" and "co_delivery" in result.labels["type"]
    first = result.evidence["type"]["co_delivery"][0]
    assert first.startswith("Trained volunteers visit")
    for family, found in result.evidence.items():
        for label, sentences in found.items():
            assert 1 <= len(sentences) <= 2 and all(s in text for s in sentences), (family, label)


def test_review_thresholds_also_keep_the_unflagged_cases_precise_together():
    # Calibrated-looking random predictions: each family alone reaches 0.90 at its own threshold, but
    # the cases where all three pass are less precise together; the thresholds are raised until they are not.
    rng = random.Random(4)
    gold, predictions, scores = [], [], []
    for _ in range(300):
        truth = {"scope": "coproduction", "type": ["co_delivery"], "sector": "health", "drivers": [], "barriers": []}
        predicted, score = dict(truth), {}
        for family_id, wrong in (("scope", "consultation_only"), ("sector", "education")):
            confidence = rng.uniform(0.3, 1.0)
            predicted[family_id] = truth[family_id] if rng.random() < confidence else wrong
            score[family_id] = {predicted[family_id]: confidence}
        confidence = rng.random()
        predicted["type"] = ["co_delivery"] if rng.random() < confidence else ["co_design"]
        score["type"] = {predicted["type"][0]: confidence}
        if predicted["scope"] != "coproduction":
            predicted["type"] = []
        gold.append(truth), predictions.append(predicted), scores.append(score)
    alone = {}
    for family_id in CASE_FAMILIES:
        points = curve(gold, predictions, scores, family_id)
        alone[family_id] = min(p["threshold"] for p in points if p["precision"] >= 0.9 and p["coverage"] > 0)
    assert case_coverage(gold, predictions, scores, alone)["precision"] < 0.9
    chosen = choose_thresholds(gold, predictions, scores)
    kept = case_coverage(gold, predictions, scores, chosen)
    assert kept["precision"] >= 0.9 and kept["coverage"] > 0
    assert all(chosen[f] >= alone[f] for f in CASE_FAMILIES)


def _separable(n: int = 240, labels: int = 4, seed: int = 0):
    """Sparse features whose first columns announce each label, with noise (for the classifier's options)."""
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    Y = (rng.random((n, labels)) < 0.3).astype(int)
    X = rng.random((n, 20)) * 0.5
    X[:, :labels] += Y * rng.random((n, labels))
    return csr_matrix(X), Y


def test_family_thresholds_never_lower_the_micro_f1_of_their_start():
    from sklearn.metrics import f1_score

    from casemine.classify import family_thresholds

    rng = np.random.default_rng(1)
    Y = (rng.random((300, 5)) < 0.25).astype(int)
    P = np.clip(Y * 0.3 + rng.random((300, 5)) * 0.7, 0, 1)
    start = [best_threshold(Y[:, k], P[:, k]) for k in range(5)]
    cuts = family_thresholds(Y, P, start)
    assert f1_score(Y, np.array(cuts) <= P, average="micro") >= f1_score(Y, np.array(start) <= P, average="micro")
    Y[:, 0] = 0
    Y[:3, 0] = 1  # too few positives: the start is kept
    assert family_thresholds(Y, P, [0.5] * 5)[0] == 0.5


def test_unknown_family_options_are_clear_errors():
    from casemine.classify import CaseClassifier

    X, Y = _separable()
    with pytest.raises(ValueError, match="class_weight"):
        CaseClassifier(family_params={"barriers": {"class_weight": "heavy"}})._base("barriers")
    with pytest.raises(ValueError, match="thresholds"):
        CaseClassifier(family_params={"barriers": {"thresholds": "global"}})._fit_multi("barriers", X, Y)


def test_the_mildest_class_bias_within_the_tolerance_is_chosen():
    from casemine.classify import mildest_best

    assert mildest_best([0.87, 0.884, 0.8845, 0.876], 0.005) == 1  # 0.0005 below the best: the milder one
    assert mildest_best([0.87, 0.879, 0.8856, 0.876], 0.005) == 2  # 0.0066 below: the stronger one earns its place
    assert mildest_best([0.9, 0.8], 0.0) == 0


def test_class_bias_favours_small_classes_when_that_helps_macro_f1():
    from casemine.classify import CaseClassifier, macro_f1

    assert macro_f1(np.array([0, 0, 1, 1]), np.array([0, 0, 0, 1]), 3) == (0.8 + 2 / 3) / 2
    rng = np.random.default_rng(0)
    y = np.array(["big"] * 200 + ["small"] * 40)
    X = rng.normal(size=(240, 5))
    X[200:, 0] += 1.0  # a weak signal for the small class
    clf = CaseClassifier(family_params={"scope": {"model": "logreg", "C": 1.0, "class_weight": "none"}})
    model = clf._single("scope", 40).fit(X, y)
    bias = clf._fit_bias("scope", model, X, list(y), 40)
    assert bias is not None and bias[1] >= bias[0]  # never against the small class
    assert clf._fit_bias("scope", model, X, list(y), 5) is None  # a class too small for the inner folds
    clf.biases_, clf.thresholds_ = {"scope": {"big": 1.0, "small": 3.0}}, {}
    scores = {f: {} for f in ("type", "drivers", "barriers")} | {
        "scope": {"big": 0.6, "small": 0.4},
        "sector": {"health": 1.0},
    }
    assert clf.decide(scores)["scope"] == "small"
    assert family_confidence(scores["scope"], multi=False, predicted="small") == 0.4


def test_sentence_pooling_mixes_the_case_score_with_its_best_sentence():
    from casemine.pooling import best_sentence, pooled

    case = np.array([[0.2, 0.4], [0.3, 0.3], [0.1, 0.9]])
    sentences = np.array([[0.1, 0.8], [0.6, 0.2], [0.5, 0.5]])  # case 0: rows 0-1, case 1: none, case 2: row 2
    bounds = np.array([0, 2, 2, 3])
    assert np.array_equal(best_sentence(sentences, bounds, case), [[0.6, 0.8], [0.3, 0.3], [0.5, 0.5]])
    mixed = pooled(case, sentences, bounds, 0.5)
    assert np.allclose(mixed, [[0.4, 0.6], [0.3, 0.3], [0.3, 0.7]])  # a case without sentences keeps its score
    assert np.array_equal(pooled(case, sentences, bounds, 0.0), case)
    assert pooled(case, np.zeros((0, 2)), np.zeros(4, dtype=int), 0.5).tolist() == case.tolist()


def test_sentence_weight_is_for_multi_label_families_only_and_rationales_need_it(corpus_cases):
    from conftest import training_slice

    from casemine.classify import CaseClassifier
    from casemine.model import analyse_cases

    tiny = training_slice(corpus_cases, per_lang=6)
    analyses, labels = analyse_cases(tiny), [c.labels for c in tiny]
    with pytest.raises(ValueError, match="sentence_weight"):
        CaseClassifier(family_params={"sector": {"sentence_weight": 0.5}}).fit(analyses, labels)
    with pytest.raises(ValueError, match="sentence_weight"):
        CaseClassifier(family_params={"barriers": {"sentence_weight": 1.5}}).fit(analyses, labels)
    with pytest.raises(ValueError, match="rationales for family 'drivers' need a sentence_weight"):
        CaseClassifier(family_params={"drivers": {"rationales": True}}).fit(analyses, labels)


def test_pooled_scores_are_the_case_model_applied_to_each_sentence(corpus_cases):
    """A pooled family's probability is (1 - w) * p(case) + w * max p(sentence), from the same fitted model."""
    from conftest import training_slice

    from casemine.classify import CaseClassifier
    from casemine.model import analyse_cases
    from casemine.nlp import Analysis

    train_cases = training_slice(corpus_cases, per_lang=40)
    params = {"barriers": {"model": "svm", "C": 0.5, "cues": True, "sentence_weight": 0.4}}
    clf = CaseClassifier(family_params=params).fit(analyse_cases(train_cases), [c.labels for c in train_cases])
    assert clf.sentence_weights_ == {"barriers": 0.4}
    analyses = analyse_cases(corpus_cases[-12:])
    model = clf.models_["barriers"]
    case = model.predict_proba(clf._columns("barriers", clf.features_.transform(analyses)))
    for i, analysis in enumerate(analyses):
        sentences = model.predict_proba(clf._columns("barriers", clf.features_.transform(analysis.sentence_analyses())))
        expected = 0.6 * case[i] + 0.4 * sentences.max(axis=0)
        got = clf.predict_scores([analysis])[0]["barriers"]
        assert np.allclose([got[label] for label in clf.classes_["barriers"]], expected, atol=1e-4)
    empty = Analysis("en", [], [], [])  # no sentence to pool: the case's own probabilities
    alone = model.predict_proba(clf._columns("barriers", clf.features_.transform([empty])))[0]
    got = clf.predict_scores([empty])[0]["barriers"]
    assert np.allclose([got[label] for label in clf.classes_["barriers"]], alone, atol=1e-4)


def test_a_calibrated_svm_is_one_model_fitted_on_all_its_cases(corpus_cases):
    """Calibration maps one SVM fitted on every training case (not an average of per-fold SVMs on parts of them)."""
    from conftest import training_slice

    from casemine.classify import CaseClassifier
    from casemine.model import analyse_cases

    train_cases = training_slice(corpus_cases, per_lang=40)
    analyses, labels = analyse_cases(train_cases), [c.labels for c in train_cases]
    clf = CaseClassifier(family_params={"scope": {"model": "svm", "C": 0.5}}).fit(analyses, labels)
    calibrated = clf.models_["scope"].calibrated_classifiers_
    assert len(calibrated) == 1
    X = clf._columns("scope", clf.features_.transform(analyses))
    alone = clf._base("scope").fit(X, [lab["scope"] for lab in labels])  # the family's SVM, uncalibrated
    assert np.allclose(calibrated[0].estimator.coef_, alone.coef_)
