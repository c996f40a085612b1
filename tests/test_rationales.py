"""Rationales: quotes checked against their case, mapped onto spaCy's sentences, and learned from."""

import json

import numpy as np
import pytest
from conftest import training_slice

from casemine.corpus import CorpusError, read_cases
from casemine.model import analyse_cases
from casemine.nlp import analyse
from casemine.rationales import check_rationales, corpus_targets, sentence_targets

LABELS = {"scope": "coproduction", "drivers": ["cost_efficiency"], "barriers": ["legal_regulatory"]}


def test_quotes_mark_the_sentences_they_overlap_in_both_languages():
    texts = [
        "Residents run the library with the council. The aim was to cut costs by sharing staff. "
        "However, insurance law forbids volunteers to lend rare books. The scheme grew.",
        "Les habitants gèrent la bibliothèque avec la mairie. Le but était de réduire les coûts. "
        "Mais la loi sur les assurances interdit aux bénévoles de prêter les livres rares. Le projet a grandi.",
    ]
    quotes = [
        {
            "drivers": {"cost_efficiency": ["to cut costs by sharing staff"]},  # a clause inside one sentence
            "barriers": {"legal_regulatory": ["However, insurance law forbids volunteers to lend rare books. The"]},
        },
        {
            "drivers": {"cost_efficiency": ["Le but était de réduire les coûts."]},
            "barriers": {"legal_regulatory": []},  # no sentence says it: every sentence a negative
        },
    ]
    for text, lang, rationale in zip(texts, ("en", "fr"), quotes, strict=True):
        (analysis,) = analyse([text], [lang])
        assert len(analysis.sentences) == 4, analysis.sentences
        targets = sentence_targets(text, analysis.sentences, rationale)
        assert targets["drivers"] == [[], ["cost_efficiency"], [], []]
        expected = [[], [], ["legal_regulatory"], []] if lang == "en" else [[], [], [], []]
        assert targets["barriers"] == expected  # "The" of the next sentence is too little of it to count
    assert sentence_targets(texts[0], ["x"], None) is None


def test_every_corpus_quote_marks_a_parsed_sentence(corpus_cases):
    """The corpus's rationales survive spaCy's sentence cuts: each quote lands on at least one sentence."""
    cases = [c for c in corpus_cases if c.extra.get("rationales")][:40]
    assert len(cases) == 40
    for case, targets in zip(cases, corpus_targets(cases, analyse_cases(cases)), strict=True):
        for family_id, by_label in case.extra["rationales"].items():
            for label, quotes in by_label.items():
                if quotes:
                    assert any(label in labels for labels in targets[family_id]), (case.id, label)


def test_bad_rationales_are_reported_with_the_file_line_and_case(tmp_path):
    text = "Volunteers keep the park clean. Funding from the city stopped in 2019, so tools ran short."
    messages = check_rationales(
        {
            "barriers": {"funding_incentives": ["Funding from the city stopped in 2019"]},
            "drivers": {"cost_efficiency": ["Volunteers keep the garden clean."]},
            "sector": {},
        },
        text,
        LABELS,
    )
    assert any("not labelled 'funding_incentives'" in m for m in messages)
    assert any("quote not found" in m for m in messages)
    assert any("unknown family 'sector'" in m for m in messages)
    assert check_rationales({"drivers": {"cost_efficiency": ["stopped"]}}, text, LABELS) == [
        "rationales.drivers.cost_efficiency: a quote must be a passage of 4 words or more: 'stopped'"
    ]
    good = {"drivers": {"cost_efficiency": []}, "barriers": {"legal_regulatory": ["so tools ran short."]}}
    assert check_rationales(good, text, LABELS) == []

    record = {"id": "en-1", "lang": "en", "text": text, "labels": LABELS, "rationales": {"drivers": {"innovation": []}}}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    with pytest.raises(CorpusError, match=r"cases\.jsonl:1 \[en-1\]: rationales\.drivers\.innovation: the case is not"):
        read_cases(path)


def test_the_sentence_model_ranks_marked_sentences_above_the_rest_on_unseen_cases(corpus_cases):
    """Trained on the training cases' marked sentences, the barrier sentence model ranks the sentences that
    held-out rationales mark for a label above the other sentences of the same cases, better than the case
    model does (which scores the sentences when there are no rationales)."""
    from sklearn.metrics import roc_auc_score

    from casemine.classify import CaseClassifier

    train_cases = training_slice(corpus_cases, per_lang=100)
    ids = {c.id for c in train_cases}
    held = [c for c in corpus_cases if c.id not in ids and c.labels["barriers"]][:60]
    train_analyses, held_analyses = analyse_cases(train_cases), analyse_cases(held)
    held_targets = corpus_targets(held, held_analyses)
    labels = [c.labels for c in train_cases]

    def ranking(clf) -> float:
        """How often a marked sentence outranks an unmarked one of the same case, for the case's barrier labels."""
        rows = clf.features_.transform_with_sentences(held_analyses)
        probabilities = clf.sentence_probabilities(rows.sentences)["barriers"]
        gold, scores = [], []
        for i, targets in enumerate(held_targets):
            for label in held[i].labels["barriers"]:
                column = clf.classes_["barriers"].index(label)
                for j, stated in enumerate(targets["barriers"]):
                    gold.append(int(label in stated))
                    scores.append(probabilities[rows.bounds[i] + j, column])
        assert sum(gold) > 60
        return roc_auc_score(gold, scores)

    with_rationales = CaseClassifier().fit(train_analyses, labels, corpus_targets(train_cases, train_analyses))
    assert set(with_rationales.sentence_models_) == {"drivers", "barriers"}
    plain = CaseClassifier().fit(train_analyses, labels)
    assert plain.sentence_models_ == {}
    sentences = plain.features_.transform_with_sentences(held_analyses).sentences
    case_model = plain.models_["barriers"].predict_proba(plain._columns("barriers", sentences))
    assert np.array_equal(plain.sentence_probabilities(sentences)["barriers"], case_model)
    own, borrowed = ranking(with_rationales), ranking(plain)
    assert own > 0.75 and own > borrowed + 0.05, (own, borrowed)
