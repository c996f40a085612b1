"""The feature blocks: the difficulty-sentence selector and the blocks each family learns from."""

import numpy as np

from casemine.classify import CaseClassifier
from casemine.features import CaseFeatures, difficulty_sentences
from casemine.nlp import analyse


def test_difficulty_selector_picks_obstacle_sentences_in_both_languages():
    fr, en = analyse(
        [
            "L'association a ouvert une épicerie solidaire dans le quartier en 2019. "
            "Mais le manque de bénévoles a freiné le projet. "
            "Les habitants choisissent les produits avec le personnel de la mairie.",
            "The council opened a tool library in the old fire station. "
            "However, few residents had the skills to repair the equipment. "
            "Staff found it difficult to keep volunteers after the first year.",
        ],
        ["fr", "en"],
    )
    picked_fr = [fr.sentences[i] for i in difficulty_sentences(fr)]
    picked_en = [en.sentences[i] for i in difficulty_sentences(en)]
    assert picked_fr == ["Mais le manque de bénévoles a freiné le projet."]
    assert picked_en == en.sentences[1:]


def test_cue_block_holds_only_difficulty_lemmas_and_families_see_only_their_blocks(corpus_cases):
    from casemine.model import analyse_cases

    cases = corpus_cases[:80]
    analyses = analyse_cases(cases)
    features = CaseFeatures(char=True, cues=True).fit(analyses)
    assert list(features.blocks_) == ["lemmas", "shared", "char", "cues"]
    start, stop = features.blocks_["cues"]
    names = features.get_feature_names_out()[start:stop]
    vocabulary = {n.removeprefix("cues:") for n in names}
    [hard] = analyse(["Mais le manque de bénévoles a freiné le projet. Le jardin ouvre le samedi."], ["fr"])
    row = features.transform([hard])[0, start:stop].toarray().ravel()
    seen = {n.removeprefix("cues:") for n, v in zip(names, row, strict=True) if v}
    assert seen and seen <= set(hard.sentence_lemmas[0].split()) & vocabulary

    clf = CaseClassifier(family_params={"barriers": {"model": "svm", "C": 0.5, "char": True, "cues": True}})
    clf.fit(analyses, [c.labels for c in cases])
    assert len(clf.columns_["barriers"]) == features.n_features_ == clf.features_.n_features_
    assert len(clf.columns_["drivers"]) == clf.features_.blocks_["shared"][1]  # lemmas and shared only
    _, weights = clf.coefficients("drivers")
    char_start, _ = clf.features_.blocks_["char"]
    assert weights.shape[1] == clf.features_.n_features_ and not np.any(weights[:, char_start:])
