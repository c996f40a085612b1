"""Train → evaluate → tag with a trained model, and bundles that refuse to load when unsafe."""

import json
import os
import shutil

import numpy as np
import pytest
from conftest import CORPUS, training_slice
from samples import Payload

from casemine.cli import main
from casemine.model import ModelError, load_model
from casemine.nlp import ner_fingerprint
from casemine.scheme import SCHEME


def test_card_records_corpus_settings_and_cross_validated_metrics(trained_model_dir):
    card = json.loads((trained_model_dir / "card.json").read_text("utf-8"))
    assert card["scheme_version"] == SCHEME.version
    assert card["corpus"]["cases"] == 120 and set(card["corpus"]["languages"]) == {"fr", "en"}
    assert len(card["corpus"]["sha256"]) == 64
    assert set(card["sha256"]) == {"model.npz", "model.json"} and all(len(h) == 64 for h in card["sha256"].values())
    assert set(card["cv"]["headline"]) == set(SCHEME.family_ids)
    assert all(0.0 <= v <= 1.0 for v in card["cv"]["headline"].values())
    assert "scikit-learn" in card["versions"] and "spacy" in card["versions"]
    assert card["versions"]["casemine-ner-fr"] == ner_fingerprint("fr") != "stock"  # the NER the parses came from
    assert (trained_model_dir / "card.md").read_text("utf-8").startswith("# casemine model `test-slice`")


def test_train_evaluate_tag_through_the_command_line(tmp_path, corpus_cases, capsys):
    subset = tmp_path / "train.jsonl"
    held_out = tmp_path / "held_out.jsonl"
    train_cases = training_slice(corpus_cases, per_lang=40)
    ids = {c.id for c in train_cases}
    rest = [c for c in corpus_cases if c.id not in ids][:30]
    subset.write_text("".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in train_cases), "utf-8")
    held_out.write_text("".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in rest), "utf-8")
    model_dir = tmp_path / "model"
    assert main(["train", str(subset), "-o", str(model_dir), "--cv-folds", "2"]) == 0
    assert main(["train", str(subset), "-o", str(model_dir)]) == 3  # exists, no --overwrite
    capsys.readouterr()
    assert main(["evaluate", "--model", str(model_dir), str(held_out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["cases"] == len(rest)
    assert report["metrics"]["scope"]["n"] == len(rest)
    assert 0.0 <= report["metrics"]["scope"]["accuracy"] <= 1.0
    assert main(["evaluate", "--model", str(model_dir), str(held_out)]) == 0
    assert "scope (n=30)" in capsys.readouterr().out
    # the trained model tags the training cases mostly as labelled (it has seen them)
    model = load_model(model_dir)
    results = model.tag_texts([c.text for c in train_cases])
    agree = sum(r.labels["scope"] == c.labels["scope"] for r, c in zip(results, train_cases, strict=True))
    assert agree / len(train_cases) > 0.8


def test_tampered_bundle_is_refused(trained_model_dir, tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(trained_model_dir, copy)
    with (copy / "model.json").open("ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="checksum does not match"):
        load_model(copy)


def test_bundle_for_another_scheme_is_refused(trained_model_dir, tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(trained_model_dir, copy)
    card = json.loads((copy / "card.json").read_text("utf-8"))
    card["scheme_version"] = "1999.9"
    (copy / "card.json").write_text(json.dumps(card), "utf-8")
    with pytest.raises(ModelError, match="label scheme '1999.9'.*retrain"):
        load_model(copy)


def test_crafted_bundle_cannot_run_code(trained_model_dir, tmp_path):
    from casemine.model import _sha256

    bad = tmp_path / "bad"
    shutil.copytree(trained_model_dir, bad)
    with np.load(bad / "model.npz") as arrays:
        saved = dict(arrays)
    saved["blocks/lemmas/idf"] = np.array([os.system], dtype=object)  # an array that only unpickling could build
    np.savez(bad / "model.npz", **saved)
    card = json.loads((bad / "card.json").read_text("utf-8"))
    card["sha256"]["model.npz"] = _sha256(bad / "model.npz")
    (bad / "card.json").write_text(json.dumps(card), "utf-8")
    with pytest.raises(ModelError, match="not a valid model file .*allow_pickle=False"):
        load_model(bad)


def test_missing_model_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "in.csv").write_text("text\nhello world\n", encoding="utf-8")
    code = main(["tag", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--model", str(tmp_path / "none")])
    assert code == 4
    assert "is not a casemine model" in capsys.readouterr().err


def test_shipped_model_loads_and_tags(shipped_model):
    assert shipped_model.card["corpus"]["cases"] >= 80
    fr, en = shipped_model.tag_texts(
        [
            "Le CCAS de Nantes forme des bénévoles qui rendent visite chaque semaine aux personnes âgées isolées.",
            "Volunteers trained by the city council visit isolated older people at home every week.",
        ]
    )
    for r in (fr, en):
        assert r.labels["scope"] in SCHEME["scope"].ids and r.labels["sector"] in SCHEME["sector"].ids
    assert (fr.language.code, en.language.code) == ("fr", "en")


def test_corpus_is_what_the_shipped_model_was_trained_on(shipped_model, corpus_cases):
    from casemine.model import corpus_fingerprint

    assert shipped_model.card["corpus"]["sha256"] == corpus_fingerprint(corpus_cases), (
        f"models/default is stale: retrain with `casemine train {CORPUS / 'cases'} -o models/default --overwrite`"
    )


def test_a_pickle_disguised_as_a_bundle_is_refused_without_running(trained_model_dir, tmp_path):
    import pickle

    from casemine.model import _sha256

    bad = tmp_path / "pickled"
    shutil.copytree(trained_model_dir, bad)
    marker = tmp_path / "pwned"
    (bad / "model.npz").write_bytes(pickle.dumps(Payload(marker)))
    card = json.loads((bad / "card.json").read_text("utf-8"))
    card["sha256"]["model.npz"] = _sha256(bad / "model.npz")
    (bad / "card.json").write_text(json.dumps(card), "utf-8")
    with pytest.raises(ModelError, match="not a valid model file"):
        load_model(bad)
    assert not marker.exists()
