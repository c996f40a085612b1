"""The learned decision on actor kinds: the rules' evidence kept in the analysis, decided with the case's vector."""

import pytest

from casemine import vectors
from casemine.actor_decision import LEARNED_KINDS, ActorDecision, settle, shipped_decision
from casemine.actors import ACTOR_KINDS
from casemine.nlp import analyse

TEXTS = [
    "Les habitants du quartier ont conçu le jardin avec la mairie. Des bénévoles l'entretiennent chaque samedi.",
    "Homeless people were offered a few paid hours of work a week; the charity and the city council ran it.",
    "Patients and their families sat on the hospital's design panel with nurses and doctors from 2019.",
    "The national ministry funded the scheme; the regional authority and local schools chose the projects.",
]
LANGS = ["fr", "en", "en", "en"]


@pytest.fixture(scope="module")
def rules_only():
    return analyse(TEXTS, LANGS, settle_actors=False)


def test_the_analysis_keeps_the_rules_kinds_and_their_evidence(rules_only):
    fr = rules_only[0]
    assert set(fr.actor_features) == set(ACTOR_KINDS)
    assert "rule" in fr.actor_features["volunteers"] and "term=bénévoles" in fr.actor_features["volunteers"]
    assert "no_rule" in fr.actor_features["carers"]
    assert "volunteers" in fr.entities["actors"] and "citizens" in fr.entities["actors"]


def test_a_decision_fitted_on_vectors_alone_decides_its_kinds_and_leaves_the_others_to_the_rules(rules_only):
    # the features say nothing here (one constant string): only the case's vector tells texts about patients from
    # texts about volunteering
    patients = [
        "Patients helped redesign the ward.",
        "Des patients ont revu l'accueil de l'hôpital.",
        "Service users and patients reviewed the clinic.",
        "Les malades ont évalué les soins.",
    ]
    others = ["Volunteers cleaned the beach.", "Des bénévoles ont nettoyé la plage.",
              "The council repaved the street.", "La commune a refait la place."]  # fmt: skip
    texts = patients + others
    _, T = vectors.text_vectors([[t] for t in texts], keep=False)
    features = [{k: ["x"] for k in ACTOR_KINDS} for _ in texts]
    gold = [["service_users"]] * len(patients) + [[]] * len(others)
    decision = ActorDecision(kinds=("service_users",), min_count=1, C=100.0).fit(features, T, gold, texts)
    [case] = analyse(
        ["People treated at the clinic reviewed its opening hours with the staff."], ["en"], settle_actors=False
    )
    assert case.entities["actors"] == ["professionals"]  # no term of the rules names the patients
    [decided] = settle([case], decision=decision)
    assert "service_users" in decided.entities["actors"]
    assert set(decided.entities["actors"]) - {"service_users"} == set(case.entities["actors"]) - {"service_users"}
    again = ActorDecision.from_json(decision.to_json())
    [t] = vectors.text_vectors([case.sentences], keep=False)[1]
    assert again.probability("service_users", ["x"], t) == pytest.approx(
        decision.probability("service_users", ["x"], t), abs=1e-5
    )


def test_settle_keeps_unsupported_texts_and_the_rules_outside_the_learned_kinds(rules_only):
    decision = shipped_decision()
    assert decision is not None and set(decision.kinds) == set(LEARNED_KINDS)
    settled = settle([None, *rules_only])
    assert settled[0] is None
    for before, after in zip(rules_only, settled[1:], strict=True):
        assert after.sentences == before.sentences and after.actor_features == before.actor_features
        for kind in set(ACTOR_KINDS) - set(LEARNED_KINDS):
            assert (kind in after.entities["actors"]) == (kind in before.entities["actors"])
        assert after.entities["actors"] == [k for k in ACTOR_KINDS if k in after.entities["actors"]]


def test_analyse_and_tagging_decide_alike(rules_only, shipped_model):
    settled = analyse(TEXTS, LANGS)
    assert settled == settle(rules_only)
    tagged = shipped_model.tag_texts(TEXTS)  # the vectors encoded in tagging's second thread
    assert [r.entities["actors"] for r in tagged] == [a.entities["actors"] for a in settled]


def test_the_shipped_decision_refuses_another_encoder(monkeypatch):
    monkeypatch.setattr(vectors, "encoder_version", lambda: "0.0.1")
    with pytest.raises(vectors.EncoderMissing, match=r'actor-kind decision .*pip install "fast-universal'):
        shipped_decision.__wrapped__()
