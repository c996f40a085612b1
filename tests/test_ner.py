"""casemine's fine-tuned NER: loaded into both pipelines, refused when tuned from another pipeline version,
switchable off, and part of the parse cache's key."""

import json

import pytest

from casemine import nlp
from casemine.cache import pipeline_key
from casemine.nlp import load_pipeline, ner_fingerprint, ner_fits, ner_folder, open_pipeline, pipeline_name


@pytest.fixture
def fresh_ner(monkeypatch):
    """Clear the per-process caches that read ``$CASEMINE_NER``, before and after the test."""
    ner_fingerprint.cache_clear()
    yield monkeypatch
    ner_fingerprint.cache_clear()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shipped_ner_replaces_the_pipelines_own(lang, fresh_ner):
    fresh_ner.delenv(nlp.NER_ENV, raising=False)
    folder = ner_folder(lang)
    assert folder is not None and folder.parts[-3:-1] in (("models", "ner"), ("_models", "ner"))
    shipped = load_pipeline(lang).get_pipe("ner").to_bytes(exclude=["vocab"])
    stock = open_pipeline(pipeline_name(lang)).get_pipe("ner")
    assert stock.to_bytes(exclude=["vocab"]) != shipped
    assert stock.from_disk(folder, exclude=["vocab"]).to_bytes(exclude=["vocab"]) == shipped


def test_the_tuned_ner_spans_names_as_the_gold_writes_them():
    """Sentences written for this test (in no gold set); the two pipelines differ only in their NER. The stock
    one cuts names short or takes the article into them; the tuned one, like the gold, mostly does not."""
    text = (
        "Volunteers from the Kelso Tenants Forum met officers of Harrowgate Borough Council. "
        "The Riverside Carers Network and the Northfield Food Cooperative ran the sessions. "
        "Parents worked with the Lakeside Youth Alliance, funded by the Weston Community Foundation. "
        "In 2019 the Department of Health and the Carers Alliance of Ontario launched a pilot."
    )
    names = {
        "Kelso Tenants Forum",
        "Harrowgate Borough Council",
        "Riverside Carers Network",
        "Northfield Food Cooperative",
        "Lakeside Youth Alliance",
        "Weston Community Foundation",
        "Carers Alliance of Ontario",
    }

    def exact(pipeline) -> int:
        return len(names & {e.text for e in pipeline(text).ents if e.label_ == "ORG"})

    assert exact(load_pipeline("en")) >= 6
    assert exact(open_pipeline(pipeline_name("en"))) <= 2


def test_weights_tuned_from_another_pipeline_version_are_refused_with_a_warning(tmp_path):
    (tmp_path / nlp.BASE_FILE).write_text(json.dumps({"lang": "fr", "version": "3.1.0"}), "utf-8")
    pipeline = load_pipeline("fr")
    with pytest.warns(UserWarning, match=r"3\.1\.0, not the installed 3\.8"):
        assert not ner_fits(tmp_path, pipeline)


def test_the_stock_ner_can_be_asked_for_and_a_wrong_folder_is_an_error(tmp_path, fresh_ner):
    fresh_ner.setenv(nlp.NER_ENV, "stock")
    assert ner_folder("fr") is None
    assert ner_fingerprint("fr") == "stock"
    fresh_ner.setenv(nlp.NER_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="no NER weights for 'en'"):
        ner_folder("en")


def test_the_parse_cache_key_changes_with_the_ner_weights(fresh_ner):
    fresh_ner.setenv(nlp.NER_ENV, "stock")
    stock = pipeline_key("en")
    fresh_ner.delenv(nlp.NER_ENV)
    ner_fingerprint.cache_clear()
    shipped = pipeline_key("en")
    assert "ner=stock" in stock and "ner=stock" not in shipped
    assert stock.replace("ner=stock", f"ner={ner_fingerprint('en')}") == shipped


def test_the_tuned_french_ner_tags_an_association_the_stock_one_calls_misc():
    """A sentence written for this test: the stock French NER labels the association's name MISC."""
    text = "Le projet a été mené par l'association Les Jardins de Maraval avec la mairie de Saint-Genis."

    def label(pipeline) -> str | None:
        return next((e.label_ for e in pipeline(text).ents if e.text == "Les Jardins de Maraval"), None)

    assert label(load_pipeline("fr")) == "ORG"
    assert label(open_pipeline(pipeline_name("fr"))) != "ORG"
