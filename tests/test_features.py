"""The feature blocks: the difficulty-sentence selector and the blocks each family learns from."""

import numpy as np

from casemine.blocks import difficulty_sentences
from casemine.classify import CaseClassifier
from casemine.features import CaseFeatures
from casemine.nlp import analyse
from casemine.notions import notion_tokens


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


def test_batch_paths_give_exactly_what_sklearn_gives(corpus_cases):
    """Our n-grams, counts and weights (what a bundle tags with) equal scikit-learn's vectorizers'; so does the
    sentence-level pass used when tagging."""
    from scipy.sparse import vstack

    from casemine.model import analyse_cases

    analyses = analyse_cases(corpus_cases[:40] + corpus_cases[-40:])
    features = CaseFeatures(char=True, cues=True, notions=True).fit(analyses[:60])
    assert abs(features.transform(analyses) - _sklearn_transform(features, analyses, analyses[:60])).max() < 1e-12

    X, held, own, bounds = features.transform_with_sentences(analyses)
    assert abs(X - features.transform(analyses)).max() < 1e-12
    sentences = [s for a in analyses for s in a.sentence_analyses()]
    assert (vstack(held) != (features.transform(sentences) > 0)).nnz == 0
    assert [h.shape[0] for h in held] == [len(a.sentences) for a in analyses]
    # the sentences' own rows come from the same counts, exactly as sentence pooling reads them
    expected, expected_bounds = features.sentence_features(analyses)
    assert (own != expected).nnz == 0 and (bounds == expected_bounds).all()


def test_ngrams_follow_sklearn_analyzers_on_awkward_words():
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    from casemine.blocks import Block, char_ngrams

    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    for word in ["a", "ab", "abc", "abcd", "été", "c'est-à-dire", "x2"]:
        assert char_ngrams(word, (3, 5)) == char(word), word
    texts = ["", "un", "un deux", "Un  deux\ttrois quatre", "deux trois un deux\n\ntrois", "quatre\u00a0un deux"]
    for ngram_range in ((1, 2), (2, 3), (1, 3)):
        words = CountVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=ngram_range).fit(texts)
        terms = list(words.get_feature_names_out())
        block = Block("word", ngram_range, terms, np.ones(len(terms)))
        assert (block.counts(texts) != words.transform(texts)).nnz == 0, ngram_range


def test_notions_pool_synonyms_across_languages_and_mark_difficulty_sentences():
    fr, en = analyse(
        [
            "Les bénévoles livrent des repas aux personnes âgées. Mais les subventions de la commune ont baissé.",
            "Volunteers deliver meals to elderly people. However, the council cut the grants.",
        ],
        ["fr", "en"],
    )
    for analysis in (fr, en):
        tokens = notion_tokens(analysis).split()
        assert "barrier_hard.funding" in tokens and "barrier.funding" in tokens
        assert "barrier.participants" in tokens and "barrier_hard.participants" not in tokens  # not a difficulty
        assert "driver.demography" in tokens
    # a whole text's tokens are its sentences' tokens: what evidence traces to sentences
    assert sorted(notion_tokens(fr).split()) == sorted(
        t for s in fr.sentence_analyses() for t in notion_tokens(s).split()
    )


def test_notion_block_is_a_family_block_and_follows_sentences(corpus_cases):
    from scipy.sparse import vstack

    from casemine.model import analyse_cases

    cases = corpus_cases[:60]
    analyses = analyse_cases(cases)
    clf = CaseClassifier(family_params={"barriers": {"model": "svm", "C": 0.5, "notions": True}})
    clf.fit(analyses, [c.labels for c in cases])
    features = clf.features_
    assert list(features.blocks_) == ["lemmas", "shared", "notions"]
    start, stop = features.blocks_["notions"]
    names = features.get_feature_names_out()[start:stop]
    assert all(n.startswith(("notions:barrier", "notions:driver")) for n in names)
    assert len(clf.columns_["barriers"]) == features.n_features_
    assert len(clf.columns_["drivers"]) == start  # lemmas and shared only
    X, held, _, _ = features.transform_with_sentences(analyses)
    assert abs(X - features.transform(analyses)).max() < 1e-12
    sentences = [s for a in analyses for s in a.sentence_analyses()]
    assert (vstack(held) != (features.transform(sentences) > 0)).nnz == 0


def _sklearn_transform(features, analyses, fitted_on):
    """What scikit-learn's own vectorizers, fitted on the same cases, give."""
    from scipy.sparse import hstack

    from casemine.blocks import block_texts

    parts = []
    for name, (vectorizer, weight) in features._vectorizers().items():
        vectorizer.fit(block_texts(name, fitted_on))
        assert vectorizer.get_feature_names_out().tolist() == features.vectorizers_[name].terms
        parts.append(vectorizer.transform(block_texts(name, analyses)) * weight)
    return hstack(parts, format="csr")


def test_sentences_under_a_difficulty_heading_are_difficulty_sentences():
    """Bullets under "Difficultés rencontrées :" name obstacles without cue words; the next heading ends the section."""
    from casemine.blocks import is_heading
    from casemine.nlp import Analysis

    sentences = [
        "Le club regroupe des producteurs de la région.",
        "Difficultés rencontrées :",
        "- Dépendance aux subventions du ministère.",
        "- Départ des conseillers vers le secteur privé.",
        "Résultats :",
        "Plusieurs dizaines de clubs existent aujourd'hui.",
        "Objectives:",
        "- Cleaner rivers.",
    ]
    analysis = Analysis("fr", sentences, [""] * len(sentences), [""] * len(sentences))
    assert difficulty_sentences(analysis) == [1, 2, 3]  # the heading holds a cue ("difficulté*") itself
    assert is_heading("Challenges:") and is_heading("- Issues") and not is_heading("The scheme ran for years.")
    assert not is_heading("A heading line that is far too long to be one:")


def test_sector_notions_pool_service_areas_across_languages():
    from casemine.notions import sector_tokens

    fr, en = analyse(
        [
            "Des parents aident les élèves de l'école à faire leurs devoirs. La police patrouille dans le quartier.",
            "Parents help pupils of the school with their homework. The police patrol the neighbourhood.",
        ],
        ["fr", "en"],
    )
    for analysis in (fr, en):
        tokens = sector_tokens(analysis).split()
        assert "sector.education" in tokens and "sector.public_order_safety" in tokens
        assert "sector.defence" not in tokens
        assert not any(t.startswith(("barrier", "driver")) for t in tokens)
        assert not any(t.startswith("sector.") for t in notion_tokens(analysis).split())


def test_sector_notion_block_is_read_by_its_family_only(corpus_cases, tmp_path):
    """The block leaves every other family's columns, drivers' and barriers' notions included, unchanged."""

    from casemine.config import TrainConfig
    from casemine.model import analyse_cases
    from casemine.scoring import FrozenClassifier, freeze

    cases = corpus_cases[:60]
    analyses = analyse_cases(cases)
    labels = [c.labels for c in cases]
    shared = {"model": "svm", "C": 0.5, "notions": True}
    params = {"drivers": shared, "barriers": shared | {"cues": True}, "sector": {"model": "svm", "C": 0.5}}
    without = CaseClassifier(family_params=params).fit(analyses, labels)
    with_block = CaseClassifier(
        family_params=params | {"sector": params["sector"] | {"sectors": True}}, sector_weight=0.3
    )
    with_block.fit(analyses, labels)
    features = with_block.features_
    assert list(features.blocks_)[-1] == "sectors" and features.vectorizers_["sectors"].weight == 0.3
    start, stop = features.blocks_["sectors"]
    assert all(name.startswith("sectors:sector.") for name in features.get_feature_names_out()[start:stop])
    X_without, X_with = without.features_.transform(analyses), features.transform(analyses)
    for family in ("scope", "drivers", "barriers"):
        assert (X_without[:, without.columns_[family]] != X_with[:, with_block.columns_[family]]).nnz == 0
    assert len(with_block.columns_["sector"]) == len(without.columns_["sector"]) + stop - start
    # a bundle keeps the block (its name, terms and weight) and scores as the fitted classifier
    freeze(with_block).save(tmp_path / "m.npz", tmp_path / "m.json")
    frozen = FrozenClassifier.load(tmp_path / "m.npz", tmp_path / "m.json")
    assert abs(frozen.features_.transform(analyses) - X_with).max() == 0
    expected = with_block.models_["sector"].predict_proba(with_block._columns("sector", X_with))
    assert abs(frozen.models_["sector"].predict_proba(frozen._columns("sector", X_with)) - expected).max() < 1e-12
    params = TrainConfig(features={"sector_weight": 0.3}, family={"sector": {"sectors": True}}).classifier_params()
    assert params["sector_weight"] == 0.3 and params["family_params"]["sector"]["sectors"] is True
