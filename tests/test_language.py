import subprocess
import sys

from casemine.language import detect_language

FR = "Les habitants du quartier participent avec la mairie à la gestion du jardin partagé et à son entretien."
EN = "Residents of the estate help the council run the community garden and look after it every weekend."


def test_french_and_english():
    fr, en = detect_language(FR), detect_language(EN)
    assert (fr.code, fr.status) == ("fr", "supported") and fr.probability > 0.9
    assert (en.code, en.status) == ("en", "supported") and en.probability > 0.9


def test_other_languages_are_unsupported_with_their_code():
    es = detect_language("Los vecinos del barrio participan con el ayuntamiento en la gestión del huerto comunitario.")
    de = detect_language(
        "Die Bewohner des Viertels helfen der Stadtverwaltung bei der Pflege des Gemeinschaftsgartens."
    )
    assert (es.code, es.status) == ("es", "unsupported") and "es" in es.reason
    assert (de.code, de.status) == ("de", "unsupported")


def test_clear_french_or_english_needs_no_langdetect_but_its_lookalikes_do(monkeypatch, corpus_cases):
    """Function words decide clear prose alone; languages sharing a few of them still go to langdetect."""
    from casemine import language

    fr = next(c.text for c in corpus_cases if c.lang == "fr" and len(c.text) > 1500)
    en = next(c.text for c in corpus_cases if c.lang == "en" and len(c.text) > 1500)
    catalan = (
        "L'ajuntament i les entitats del barri gestionen des de fa cinc anys l'hort comunitari amb els veïns, "
        "que decideixen cada mes les tasques i les compres per a tot el barri i les escoles."
    )
    norwegian = (
        "Kommunen og frivillige organisasjoner har siden 2015 drevet et nabolagshus i byen, og beboerne "
        "bestemmer selv hva pengene skal brukes til for at tilbudet skal passe alle som bor der."
    )
    assert language.clear_language(fr)[0] == "fr" and language.clear_language(en)[0] == "en"
    assert language.clear_language(catalan) == language.clear_language(norwegian) == (None, 0.0)

    asked, best = [], language._best
    monkeypatch.setattr(language, "_best", lambda text, *trials: asked.append(text) or best(text, *trials))
    result = language.detect_language(fr)
    assert (result.code, result.status) == ("fr", "supported") and result.probability > 0.9
    assert fr[: language.MAX_CHARS] not in asked  # passages may still be asked about, the whole text not
    assert language.detect_language(catalan).status == "unsupported"


def test_empty_and_short_texts_are_undetermined():
    for text in (None, "", "   ", "Oui", "12345 678"):
        result = detect_language(text)
        assert result.status == "undetermined" and result.code is None and result.reason


def test_deterministic_within_and_across_processes():
    # A short, ambiguous text is where langdetect's random sampling would show.
    ambiguous = "Le budget participatif: a participatory budget pilot, porté par la ville."
    first = detect_language(ambiguous)
    assert all(detect_language(ambiguous) == first for _ in range(20))
    code = f"from casemine.language import detect_language as d; r = d({ambiguous!r}); print(r.code, r.probability)"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert outs == {f"{first.code} {first.probability}\n"}


def test_mixed_texts_report_the_main_language_and_each_share():
    fr = (
        "Le programme associe les habitants du quartier à la gestion du jardin partagé. La mairie fournit les outils.\n"
    )
    en = "The council wrote in its report: residents have taken ownership of the garden and volunteers now run it.\n"
    mostly_fr = detect_language(fr * 3 + en * 2)
    assert mostly_fr.code == "fr" and mostly_fr.supported and mostly_fr.mixed
    assert mostly_fr.shares["fr"] > mostly_fr.shares["en"] >= 0.15
    assert abs(sum(mostly_fr.shares.values()) - 1) < 0.02
    mostly_en = detect_language(en * 4 + fr)
    assert mostly_en.code == "en" and mostly_en.shares["en"] > mostly_en.shares.get("fr", 0) > 0
    plain = detect_language(en * 3)
    assert plain.shares == {"en": 1.0} and not plain.mixed


def test_passage_shares_ignore_names_and_still_catch_other_languages():
    # "BE" and "Be WaPP" are names, not the English verb; a Spanish passage is still asked of langdetect.
    fr = "- programme Wallonie Plus Propre (SPW + secteurs privés), asbl Be WaPP, collectif BE.\n"
    fr += "Les bénévoles ramassent les déchets avec le soutien de la commune et des écoles du quartier.\n"
    assert detect_language(fr).shares == {"fr": 1.0}
    es = "El ayuntamiento y los vecinos gestionan juntos el huerto comunitario desde hace cinco años.\n"
    quoted = detect_language(fr * 3 + es)
    assert quoted.code == "fr" and quoted.shares.get("es", 0) > 0


def test_vector_detector_gives_langdetect_probabilities_bit_for_bit():
    """The NumPy detector samples and multiplies as langdetect does: same probabilities, not merely close."""
    from langdetect.detector import Detector

    from casemine.langdetect_numpy import VectorDetector
    from casemine.language import _factory

    texts = [
        "- cheap sensors + wifi made dense network possible;",
        "Belgique (Région de Bruxelles-Capitale) Organisme porteur :",
        "Hola, ¿cómo estás? Me llamo Juan y vivo en Madrid con mi familia desde hace años.",
        "Guten Tag, wir sind eine Gemeinde in Bayern und arbeiten mit den Bürgern zusammen.",
        "staff in environment & planning dept swamped in some years",
    ]
    for text in texts:
        for trials in (3, 7):
            found = []
            for detector in (Detector(_factory()), VectorDetector(_factory())):
                detector.n_trial = trials
                detector.append(text)
                found.append([(p.lang, p.prob) for p in detector.get_probabilities()])
            assert found[0] == found[1] and found[0]
