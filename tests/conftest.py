"""Shared fixtures: the real corpus, a model trained on a slice of it, and the shipped model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXAMPLES = ROOT / "examples" / "submissions.xlsx"
SHARED = ROOT.parent / "shared"


def training_slice(cases, per_lang: int = 60):
    """A small balanced slice of the corpus: the first ``per_lang`` cases of each language."""
    out = []
    for lang in ("fr", "en"):
        out += [c for c in cases if c.lang == lang][:per_lang]
    return out


@pytest.fixture(scope="session")
def corpus_cases():
    from casemine.corpus import read_cases

    return read_cases(CORPUS / "cases")


@pytest.fixture(scope="session")
def trained_model_dir(corpus_cases, tmp_path_factory):
    """A model trained through the library on a slice of the real corpus, saved as a bundle."""
    from casemine.model import train

    model = train(training_slice(corpus_cases), name="test-slice", cv_folds=2)
    return model.save(tmp_path_factory.mktemp("models") / "slice")


@pytest.fixture(scope="session")
def shipped_model():
    from casemine.model import load_model

    return load_model()


@pytest.fixture(scope="session", autouse=True)
def _private_parse_cache(tmp_path_factory):
    """Tests never read or fill the user's parse cache."""
    os.environ["CASEMINE_CACHE"] = str(tmp_path_factory.mktemp("cache") / "parses.sqlite")
    yield


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch):
    monkeypatch.delenv("CASEMINE_MODEL", raising=False)
    monkeypatch.delenv("CASEMINE_NER", raising=False)
    yield


@pytest.fixture
def stock_ner(monkeypatch):
    """The spaCy pipelines' own NER instead of casemine's: for tests of rules that handle what it gets wrong
    (the tuned NER makes some of those mistakes no more, so the rule would go untested)."""
    monkeypatch.setenv("CASEMINE_NER", "stock")
    yield


@pytest.fixture
def rule_kinds(monkeypatch):
    """The rules' organisation kinds alone, without the learned kind (``casemine.org_kinds``): for tests of kind
    rules on sentences the learned kind reads otherwise."""
    import casemine.entities

    monkeypatch.setattr(casemine.entities, "shipped_kinds", lambda: None)
    yield


def pytest_report_header(config):
    return f"casemine corpus: {CORPUS}; shared data present: {SHARED.exists()}; CI={os.environ.get('CI', '')}"
