"""Round 13 of the organisation rules: "Région" with a capital before a region names its council, and the region
stays a place. Short sentences, French and English."""

from casemine.nlp import analyse


def entities(text: str, lang: str) -> dict:
    return analyse([text], [lang])[0].entities


def kinds(text: str, lang: str) -> dict[str, str]:
    return {o["name"]: o["kind"] for o in entities(text, lang)["organisations"]}


def test_region_with_a_capital_before_a_region_is_its_council_and_a_place(stock_ner):
    found = entities("Le projet est financé par la Région de Bruxelles-Capitale depuis 2019.", "fr")
    assert {"name": "Région de Bruxelles-Capitale", "kind": "public"} in found["organisations"]
    assert "Région de Bruxelles-Capitale" in found["places"]
    found = entities("Le budget vient de la Région Île-de-France et de la ville.", "fr")
    assert {"name": "Région Île-de-France", "kind": "public"} in found["organisations"]
    found = entities("Le Gouvernement et la Région wallonne ont signé la convention.", "fr")
    assert "Région wallonne" in found["places"]


def test_a_lower_case_region_is_the_area(stock_ner):
    found = entities("Les dix-neuf communes de la région de Bruxelles-Capitale ont participé.", "fr")
    assert not any(o["name"].startswith("région") for o in found["organisations"])


def test_schemes_summits_goals_and_fairs_are_no_organisations():
    text = (
        "The Youth Guarantee Scheme was launched after the Jobs Summit, in line with the Sustainable Development "
        "Goals, and presented at the Leeds Book Fair."
    )
    names = {o["name"] for o in entities(text, "en")["organisations"]}
    assert not any(word in name for name in names for word in ("Scheme", "Summit", "Goals", "Fair"))
    text = "Le Schéma régional de santé et la Journée mondiale de l'eau ont réuni l'Agence régionale de santé."
    names = {o["name"] for o in entities(text, "fr")["organisations"]}
    assert not any(name.startswith(("Schéma", "Journée")) for name in names)


def test_hospitals_chambers_and_metropoles_tagged_as_places_are_bodies():
    found = kinds("Les patients du CHU Saint-Étienne et la Chambre d'agriculture du Gers ont été consultés.", "fr")
    assert found.get("CHU Saint-Étienne") == "public"
    assert any(name.startswith("Chambre d'agriculture") for name in found)
    found = kinds("Les habitants écrivent avec Nantes Métropole et la ville.", "fr")
    assert found.get("Nantes Métropole") == "public"


def test_international_bodies_are_kept_with_the_kind_other():
    found = kinds("The pilot was assessed by the OECD and later funded by the EU through its regional fund.", "en")
    assert found.get("OECD") == "other" and found.get("EU") == "other"
    found = kinds("Le projet est cofinancé par l'UE, le FIDA et l'OIM dans trois provinces.", "fr")
    assert found.get("UE") == "other" and found.get("FIDA") == "other" and found.get("OIM") == "other"


def test_un_in_a_role_is_left_to_the_learned_check():
    from casemine.organisations import guaranteed_names

    assert "un" not in guaranteed_names() and "oecd" in guaranteed_names()


def test_a_head_word_before_a_name_in_capitals_is_part_of_the_name():
    from spacy.tokens import Span

    from casemine.nlp import load_pipeline
    from casemine.organisations import extended

    def grown(text: str, lang: str, name: str) -> str:
        doc = load_pipeline(lang)(text)
        i = next(t.i for t in doc if t.text == name)
        return extended(Span(doc, i, i + 1, label="ORG")).text  # the span the statistical model may give

    assert grown("Les chantiers sont encadrés par l'Union REMPART depuis 1966.", "fr", "REMPART") == "Union REMPART"
    assert grown("Probation in Austria is run by the Verein NEUSTART.", "en", "NEUSTART") == "Verein NEUSTART"
    assert grown("Les chantiers sont encadrés par l'association REMPART.", "fr", "REMPART") == "REMPART"


def test_a_leading_legal_form_is_left_out_of_the_name_and_gives_its_kind(stock_ner):
    found = kinds("Le défilé est organisé par l'ASBL Zinneke avec les habitants du quartier.", "fr")
    assert found == {"Zinneke": "civil_society"}
    found = kinds("Les ateliers sont animés par l'ASBL Lire et Écrire depuis 2010.", "fr")
    assert found.get("Lire et Écrire") == "civil_society"


def test_chambers_divisions_secretariats_and_task_forces_are_public():
    from casemine.organisations import organisation_kind

    assert organisation_kind("Chamber of Deputies") == "public"
    assert organisation_kind("Maternal Health Division") == "public"
    assert organisation_kind("Secretariat of Public Education") == "public"
    assert organisation_kind("Secrétariat général à la jeunesse") == "public"
    assert organisation_kind("Presidential Task Force on Housing") == "public"


def test_a_body_whose_report_is_cited_with_its_year_is_still_a_body():
    text = (
        "The reserve was reorganised after the Commission on the Future of the Army (2021) called for a "
        "single command; Habermas (1989) is quoted in the report."
    )
    found = kinds(text, "en")
    assert any(name.startswith("Commission on the Future") for name in found) and "Habermas" not in found
    text = "Le Conseil national de la transition écologique (2019) a rendu un avis, cité par Spada (2012)."
    found = kinds(text, "fr")
    assert "Spada" not in found


def test_a_body_after_a_programme_word_is_still_a_body(stock_ner):
    found = kinds("Through its Junior Reserve Officers Training Program, the US Navy funds classes in schools.", "en")
    assert found.get("the US Navy") == "public"
    found = kinds("Le financement passe par le programme Soziale Stadt depuis 1999.", "fr")
    assert "Soziale Stadt" not in found


def test_lower_case_public_bodies_the_conventions_keep(stock_ner):
    found = kinds("Les ateliers sont financés par l'administration pénitentiaire et animés par des bénévoles.", "fr")
    assert found.get("administration pénitentiaire") == "public"
    found = kinds("En cas de crue, la protection civile aide les communes à évacuer les habitants.", "fr")
    assert found.get("protection civile") == "public"
    found = kinds("La Direction générale de la protection civile coordonne les secours depuis 2010.", "fr")
    assert "protection civile" not in found
    found = kinds(
        "Intitulé : Comités locaux de protection civile\nOrganisme porteur : Direction générale de la "
        "protection civile (DGPC)",
        "fr",
    )
    assert "protection civile" not in found
