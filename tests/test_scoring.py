"""A fitted classifier frozen to arrays scores, decides and explains exactly as the scikit-learn models it came from."""

import sys

import numpy as np
from conftest import training_slice

from casemine.classify import CaseClassifier
from casemine.evidence import batch_evidence, sentence_shares
from casemine.model import analyse_cases
from casemine.rationales import corpus_targets
from casemine.scoring import FrozenClassifier, FrozenFamily, freeze


def test_frozen_classifier_matches_the_fitted_one_after_a_round_trip(corpus_cases, tmp_path):
    train_cases = training_slice(corpus_cases, per_lang=50)
    ids = {c.id for c in train_cases}
    others = [c for c in corpus_cases if c.id not in ids][:120]
    # every kind of unit: calibrated SVMs (multi-class and one-vs-rest), logistic regressions
    # (multi-label, and the stand-in for labels too rare to calibrate), a three-block family, and
    # sentences scored by the case model (barriers) and by a model of their own (drivers, rationales)
    train_analyses = analyse_cases(train_cases)
    clf = CaseClassifier(
        family_params={
            "scope": {"model": "svm", "C": 0.5, "concepts": False},
            "drivers": {
                "model": "svm",
                "C": 0.5,
                "char": True,
                "notions": True,
                "sentence_weight": 0.3,
                "rationales": True,
            },
            "barriers": {"model": "svm", "C": 0.5, "cues": True, "sentence_weight": 0.5},
        }
    ).fit(train_analyses, [c.labels for c in train_cases], corpus_targets(train_cases, train_analyses))
    freeze(clf).save(tmp_path / "m.npz", tmp_path / "m.json")
    frozen = FrozenClassifier.load(tmp_path / "m.npz", tmp_path / "m.json")
    assert frozen.sentence_weights_ == clf.sentence_weights_ == {"drivers": 0.3, "barriers": 0.5}
    assert set(frozen.sentence_models_) == set(clf.sentence_models_) == {"drivers"}
    kinds = {u.kind for family in frozen.models_.values() for u in family.units}
    assert {"calibrated", "logistic"} <= kinds

    analyses = analyse_cases(others)
    X, held, _, _ = clf.features_.transform_with_sentences(analyses)
    frozen_X, frozen_held, _, _ = frozen.features_.transform_with_sentences(analyses)
    assert abs(X - frozen_X).max() == 0 and all(
        abs(a - b).max() == 0 for a, b in zip(held, frozen_held, strict=True) if a is not None
    )
    for fid, model in clf.models_.items():
        expected = model.predict_proba(clf._columns(fid, X))
        assert np.abs(frozen.models_[fid].predict_proba(frozen._columns(fid, X)) - expected).max() < 1e-12, fid
        assert isinstance(frozen.models_[fid], FrozenFamily)
        assert np.array_equal(clf.coefficients(fid)[1], frozen.coefficients(fid)[1])
    scores = clf.predict_scores(analyses)  # barriers pooled over sentences (casemine.pooling)
    assert frozen.predict_scores(analyses) == scores
    assert scores != freeze_without_pooling(clf).predict_scores(analyses)
    labels = clf.predict(analyses)
    assert frozen.predict(analyses) == labels
    found = batch_evidence(clf, analyses, labels)
    assert batch_evidence(frozen, analyses, labels) == found

    # what tagging hands on (the sentences' probabilities, computed once) gives the same scores and evidence
    rows = clf.features_.transform_with_sentences(analyses)
    per_sentence = clf.sentence_probabilities(rows.sentences)
    frozen_per_sentence = frozen.sentence_probabilities(rows.sentences)
    assert set(per_sentence) == set(frozen_per_sentence) == {"drivers", "barriers"}
    for fid in per_sentence:
        assert np.abs(per_sentence[fid] - frozen_per_sentence[fid]).max() < 1e-12, fid
    own = clf.sentence_models_["drivers"].predict_proba(rows.sentences[:, clf.sentence_columns_["drivers"]])
    assert np.array_equal(per_sentence["drivers"], own)  # the drivers' sentences: their own model's probabilities
    given = {"X": rows.X, "sentences": (rows.sentences, rows.bounds), "sentence_probabilities": per_sentence}
    assert clf.predict_scores(analyses, **given) == frozen.predict_scores(analyses, **given) == scores
    assert batch_evidence(frozen, analyses, labels, rows, frozen_per_sentence) == found
    assert batch_evidence(clf, analyses, labels, rows, per_sentence) == found

    # a pooled family's evidence starts with the sentence its pooled score took, when that sentence supports it
    shares, bounds = sentence_shares(rows.X, rows.held)
    classes, weights = clf.label_weights("barriers")
    support = np.asarray(shares @ weights)
    checked = 0
    for i, analysis in enumerate(analyses):
        start, end = bounds[i], bounds[i + 1]
        for label in labels[i]["barriers"]:
            column = classes.index(label)
            best = start + int(np.argmax(per_sentence["barriers"][start:end, column]))
            if support[best, column] > 0:
                assert found[i]["barriers"][label][0] == analysis.sentences[best - start], (i, label)
                checked += 1
    assert checked


def freeze_without_pooling(clf) -> FrozenClassifier:
    """The same classifier frozen with no sentence pooling (to show that pooling changes the scores)."""
    frozen = freeze(clf)
    frozen.sentence_weights_ = {}
    return frozen


def test_a_bundle_saved_before_sentence_pooling_loads_without_it(corpus_cases, tmp_path):
    """Bundles written before ``sentence_weights`` existed have no such key: they load and score as before."""
    import json

    tiny = training_slice(corpus_cases, per_lang=6)
    clf = CaseClassifier(min_df=1, family_params={}).fit(analyse_cases(tiny), [c.labels for c in tiny])
    freeze(clf).save(tmp_path / "m.npz", tmp_path / "m.json")
    structure = json.loads((tmp_path / "m.json").read_text("utf-8"))
    assert structure.pop("sentence_weights") == {}
    (tmp_path / "m.json").write_text(json.dumps(structure), "utf-8")
    frozen = FrozenClassifier.load(tmp_path / "m.npz", tmp_path / "m.json")
    assert frozen.sentence_weights_ == {}
    analyses = analyse_cases(corpus_cases[-5:])
    assert frozen.predict_scores(analyses) == clf.predict_scores(analyses)


def test_labels_constant_in_training_freeze_as_constants(corpus_cases):
    """On a handful of cases some labels never occur: one-vs-rest keeps a constant there, and so does the frozen copy."""
    tiny = training_slice(corpus_cases, per_lang=6)
    clf = CaseClassifier(min_df=1).fit(analyse_cases(tiny), [c.labels for c in tiny])
    frozen = freeze(clf)
    assert "constant" in {u.kind for family in frozen.models_.values() for u in family.units}
    analyses = analyse_cases(corpus_cases[-30:])
    X = clf.features_.transform(analyses)
    for fid, model in clf.models_.items():
        expected = model.predict_proba(clf._columns(fid, X))
        assert np.abs(frozen.models_[fid].predict_proba(frozen._columns(fid, X)) - expected).max() < 1e-12, fid
        assert np.array_equal(clf.coefficients(fid)[1], frozen.coefficients(fid)[1])


def test_a_loaded_bundle_tags_without_scikit_learn(trained_model_dir, tmp_path):
    """Tagging needs only NumPy, SciPy's sparse matrices and spaCy: scikit-learn's import is a second of start-up."""
    import subprocess

    code = (
        "import sys; from casemine.model import load_model; "
        f"m = load_model({str(trained_model_dir)!r}); "
        "r = m.tag_texts(['Volunteers and the city council run a repair café every month for residents.'])[0]; "
        "assert r.labels['scope'], r; "
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'sklearn', 'skops', 'pandas'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_trained_bundle_pools_driver_and_barrier_sentences_and_its_card_says_so(trained_model_dir):
    """The package defaults pool driver and barrier sentences (casemine.pooling), scored by models trained on the
    corpus's rationales; the bundle and the card record the weights, the card how many cases had rationales."""
    import json

    structure = json.loads((trained_model_dir / "model.json").read_text("utf-8"))
    card = json.loads((trained_model_dir / "card.json").read_text("utf-8"))
    assert structure["sentence_weights"] == card["sentence_weights"] == {"drivers": 0.5, "barriers": 0.6}
    assert set(structure["sentence_families"]) == {"drivers", "barriers"}
    assert card["corpus"]["with_rationales"] == card["corpus"]["cases"] > 0
