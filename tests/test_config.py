"""Reproducible training: a TOML config, command-line overrides, the card recording it, `train --cv`."""

import json
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, training_slice

from casemine.cli import main
from casemine.config import ConfigError, TrainConfig
from casemine.scheme import SCHEME


def _write_cases(path: Path, cases) -> Path:
    path.write_text("".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in cases), "utf-8")
    return path


def test_same_config_and_data_give_the_same_card_metrics_with_any_number_of_jobs(tmp_path, corpus_cases):
    import casemine

    _write_cases(tmp_path / "slice.jsonl", training_slice(corpus_cases, per_lang=12))
    (tmp_path / "train.toml").write_text(
        'name = "repro"\ncorpus = ["slice.jsonl"]\ncv_folds = 2\nseed = 7\n'
        "[model]\nC = 4.0\n[features]\nmin_df = 1\n[family.sector]\nC = 2.0\n",
        "utf-8",
    )
    assert main(["train", "--config", str(tmp_path / "train.toml"), "-o", str(tmp_path / "m1"), "--jobs", "2"]) == 0
    first = json.loads((tmp_path / "m1" / "card.json").read_text("utf-8"))
    config = casemine.TrainConfig.from_toml(tmp_path / "train.toml")
    second = casemine.train(casemine.read_cases(*config.corpus), config).card
    assert first["cv"]["metrics"] == second["cv"]["metrics"]
    assert first["review"] == second["review"] and first["thresholds"] == second["thresholds"]
    # the card records the config and the settings it resolved to
    assert first["name"] == "repro" and first["seed"] == 7
    assert first["config"]["model"] == {"C": 4.0} and first["config"]["family"] == {"sector": {"C": 2.0}}
    assert first["config"]["corpus"] == [str(tmp_path / "slice.jsonl")]
    assert first["params"]["C"] == 4.0 and first["params"]["min_df"] == 1 and first["params"]["random_state"] == 7
    assert first["family_settings"]["sector"]["C"] == 2.0 and first["family_settings"]["drivers"]["C"] == 4.0
    assert "config:" in (tmp_path / "m1" / "card.md").read_text("utf-8")


def test_command_line_values_override_the_file(tmp_path, corpus_cases, capsys):
    small = _write_cases(tmp_path / "small.jsonl", training_slice(corpus_cases, per_lang=6))
    (tmp_path / "c.toml").write_text('corpus = ["missing.jsonl"]\ncv_folds = 5\nseed = 3\n', "utf-8")
    # CORPUS and --cv-folds on the command line win over the file's (its corpus does not exist)
    code = main(
        ["train", str(small), "--config", str(tmp_path / "c.toml"), "--cv-folds", "0", "-o", str(tmp_path / "m")]
    )
    assert code == 0
    card = json.loads((tmp_path / "m" / "card.json").read_text("utf-8"))
    assert card["cv"]["folds"] == 0 and card["seed"] == 3 and card["corpus"]["cases"] == 12
    assert card["name"] == "m"  # no name anywhere: the folder's


def test_train_cv_reports_without_writing_a_model(tmp_path, corpus_cases, capsys):
    data = _write_cases(tmp_path / "slice.jsonl", training_slice(corpus_cases, per_lang=12))
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["train", str(data), "--cv", "--cv-folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "cross-validated (2 folds, seed 0) on 24 cases" in out
    for family in SCHEME.families:
        assert f"{family.id} (n=" in out or f"{family.id}: no cases" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert main(["train", str(data), "--cv", "--cv-folds", "1"]) == 3
    assert "at least 2 folds" in capsys.readouterr().err
    assert main(["train", str(data)]) == 3  # neither -o nor --cv
    assert "-o MODEL_DIR is required" in capsys.readouterr().err
    assert main(["train", str(data), "--cv", "-o", str(tmp_path / "m")]) == 3  # both: which was meant?
    assert "--cv writes no model" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "cv_fold = 3\n",
            r"unknown key 'cv_fold'; valid keys are: corpus, cv_folds, family, features, model, name, seed",
        ),
        ("[model]\nCC = 1.0\n", r"\[model\]: unknown key 'CC'; valid keys are: C, calibrate"),
        ("[features]\nC = 1.0\n", r"\[features\]: unknown key 'C'; valid keys are: concept_weight, concepts"),
        ("[family.sectors]\nC = 1.0\n", r"\[family\]: unknown key 'sectors'; valid keys are: barriers, drivers"),
        (
            "[family.scope]\nmin_df = 1\n",
            r"\[family.scope\]: unknown key 'min_df'; valid keys are: C, char, class_bias, class_weight, concepts",
        ),
        ('cv_folds = "five"\n', r"cv_folds must be a whole number"),
        ("seed = \n", r"not valid TOML"),
    ],
)
def test_bad_configs_are_clear_errors_naming_file_and_key(tmp_path, text, message, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        TrainConfig.from_toml(path)
    assert str(path) in str(info.value)
    assert main(["train", "x.jsonl", "--config", str(path), "--cv"]) == 3
    assert str(path) in capsys.readouterr().err


def test_shipped_config_holds_the_package_defaults():
    """configs/default.toml and classify.DEFAULT_FAMILY_PARAMS say the same, family by family."""
    from casemine.classify import DEFAULT_FAMILY_PARAMS, CaseClassifier

    config = TrainConfig.from_toml(ROOT / "configs" / "default.toml")
    assert config.family == DEFAULT_FAMILY_PARAMS
    ours, package = CaseClassifier(**config.classifier_params()), CaseClassifier()
    for family in SCHEME.families:
        assert ours._params(family.id) == package._params(family.id), family.id


def test_shipped_config_reproduces_the_shipped_models_settings(shipped_model):
    from casemine.classify import CaseClassifier

    config = TrainConfig.from_toml(ROOT / "configs" / "default.toml")
    card = shipped_model.card
    assert Path(config.corpus[0]).resolve() == (ROOT / "corpus" / "cases").resolve()
    assert (config.name, config.cv_folds, config.seed) == (card["name"], card["cv"]["folds"], card["seed"])
    shipped = CaseClassifier(**{**card["params"], "ngram_range": tuple(card["params"]["ngram_range"])})
    ours = CaseClassifier(**config.classifier_params())
    assert {k: v for k, v in ours.get_params().items() if k != "family_params"} == {
        k: v for k, v in shipped.get_params().items() if k != "family_params"
    }
    for family in SCHEME.families:
        assert ours._params(family.id) == shipped._params(family.id), family.id


def test_jobs_below_one_are_refused_before_any_work(corpus_cases, capsys):
    from casemine.model import cross_validated_metrics, train

    for bad in (0, -2):
        with pytest.raises(ValueError, match=f"--jobs must be 1 or more, not {bad}"):
            train(corpus_cases[:4], jobs=bad)  # too few cases too: the jobs are checked first
        with pytest.raises(ValueError, match="--jobs must be 1 or more"):
            cross_validated_metrics(corpus_cases[:4], jobs=bad)
    assert main(["train", str(CORPUS / "cases"), "-o", "unused", "--jobs", "0"]) != 0
    assert "--jobs must be 1 or more, not 0" in capsys.readouterr().err
