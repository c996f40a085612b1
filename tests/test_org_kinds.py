"""The learned kind of organisations (``casemine.org_kinds``): fitting, plain-data weights, and its one use."""

import json
import random

import pytest

from casemine.names import normalise_name
from casemine.org_filter import Candidate, OrganisationFilter, select
from casemine.org_kinds import KindModel, shipped_kinds


def candidate(name: str, kind: str, features: list[str]) -> Candidate:
    """A candidate with no mention in a text: the kind model reads only its own features."""
    return Candidate(name, normalise_name(name), 0, None, kind, {""}, features=features)


def test_the_kind_model_fits_three_kinds_and_round_trips_as_plain_data():
    features = [["ngo"], ["ngo", "x"], ["ministry"], ["ministry", "x"], ["firm"], ["firm", "x"]]
    kinds = ["civil_society", "civil_society", "public", "public", "other", "other"]
    model = KindModel(C=10.0, min_count=1).fit(features, kinds, ["a", "b", "c", "d", "e", "f"])
    assert [model.predict(f) for f in (["ngo"], ["ministry"], ["firm"])] == ["civil_society", "public", "other"]
    again = KindModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.probabilities(["ngo", "x"]) == model.probabilities(["ngo", "x"])
    assert abs(sum(model.probabilities(["x"]).values()) - 1) < 1e-9


@pytest.mark.parametrize("n_kinds", [2, 3])
def test_the_weights_applied_by_hand_give_scikit_learns_probabilities(n_kinds):
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(n_kinds)
    words = ["ngo", "ministry", "firm", "x", "y", "z"]
    features = [rng.sample(words, 3) for _ in range(60)]
    kinds = [["civil_society", "public", "other"][rng.randrange(n_kinds)] for _ in features]
    model = KindModel(C=1.0, min_count=1).fit(features, kinds, [str(i) for i in range(len(features))])
    x = [[1.0 if w in f else 0.0 for w in model.vocabulary_] for f in features]
    reference = LogisticRegression(C=1.0, max_iter=2000).fit(x, kinds)
    for f, row in zip(features, reference.predict_proba(x), strict=True):
        mine = model.probabilities(f)
        assert all(abs(mine[k] - p) < 1e-9 for k, p in zip(reference.classes_, row, strict=True))


def test_two_kinds_and_rare_features_left_out():
    model = KindModel(C=10.0, min_count=2).fit(
        [["ngo"], ["ngo"], ["firm"], ["firm"], ["once"]], ["civil_society"] * 2 + ["other"] * 3, list("abcde")
    )
    assert model.predict(["ngo"]) == "civil_society" and model.predict(["firm"]) == "other"
    assert all("once" not in w for w in model.weights_.values())  # seen in one case only


def test_the_model_only_turns_other_into_civil_society():
    model = KindModel(C=10.0, min_count=1).fit(
        [["ngo"], ["ngo"], ["ministry"], ["ministry"]], ["civil_society"] * 2 + ["public"] * 2, list("abcd")
    )
    keep_all = OrganisationFilter.from_json({"params": {}, "bias": 5.0, "threshold": 0.3, "weights": {}})
    found = select(
        [
            candidate("Waste Concern", "other", ["ngo"]),
            candidate("Transport Agency", "public", ["ngo"]),  # a kind the rules gave stays
            candidate("Night Ravens", "other", ["ministry"]),  # only ever to civil society, never to public
        ],
        keep_all,
        model,
    )
    assert {o["name"]: o["kind"] for o in found} == {
        "Waste Concern": "civil_society",
        "Transport Agency": "public",
        "Night Ravens": "other",
    }
    assert select([candidate("Waste Concern", "other", ["ngo"])], keep_all)[0]["kind"] == "other"  # no model


def test_the_shipped_kinds_read_the_text_around_a_name_with_no_cue_word(monkeypatch):
    import casemine.entities
    from casemine.entities import extract_entities
    from casemine.nlp import load_pipeline

    model = shipped_kinds()
    assert model is not None and model.sentences and {"civil_society", "public", "other"} <= set(model.classes_)
    # the kind, not the check: since the check reads name vectors it doubts a name that reads like a slogan (0.23)
    keep_all = OrganisationFilter.from_json({"params": {}, "bias": 5.0, "threshold": 0.3, "weights": {}})
    monkeypatch.setattr(casemine.entities, "shipped_filter", lambda: keep_all)
    nlp = load_pipeline("en")
    doc = nlp(
        "Bye Bye Plastic Bags was started by two sisters; the youth campaign relies on volunteers and donations "
        "to lobby the provincial government."
    )
    found = extract_entities(doc, nlp, "en")
    assert {o["name"]: o["kind"] for o in found["organisations"]} == {"Bye Bye Plastic Bags": "civil_society"}
    assert "csos" in found["actors"]  # a named civil-society organisation is a civil-society actor
    monkeypatch.setattr(casemine.entities, "shipped_kinds", lambda: None)
    rules = extract_entities(doc, nlp, "en")
    assert {o["name"]: o["kind"] for o in rules["organisations"]} == {"Bye Bye Plastic Bags": "other"}
    assert "csos" not in rules["actors"]
