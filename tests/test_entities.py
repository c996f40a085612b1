"""Normalisation rules of the extraction stage, in French and English, on small real-looking texts."""

import pytest

from casemine.entities import money_amounts, normalise_name, organisation_kind, parse_number
from casemine.nlp import analyse


@pytest.fixture(scope="module")
def fr():
    text = (
        "Au Royaume-Uni comme aux Pays-Bas et au Québec, le ministère de la Santé finance depuis 2019 des "
        "bénévoles et des aidants. Le Centre communal d'action sociale (CCAS) de Nantes et l'association "
        "Habitat et Humanisme y consacrent 2 millions d'euros ; 2000 bénévoles y participent, comme dans "
        "les années 1990."
    )
    return analyse([text], ["fr"])[0].entities


@pytest.fixture(scope="module")
def en():
    text = (
        "In the Netherlands and Scotland, Leeds City Council and Age UK trained volunteers and carers "
        "from 2016 to 2018 with £1.2m from the Department of Health and Social Care; 1500 households "
        "took part. Patients rated the service."
    )
    return analyse([text], ["en"])[0].entities


def test_countries_from_names_in_both_languages(fr, en):
    assert fr["countries"] == ["GB", "NL", "CA"]
    assert "Québec" in fr["places"]  # the province is kept as a place
    assert en["countries"] == ["NL", "GB"]  # "Scotland" names GB; "Age UK" does not count


def test_public_bodies_are_organisations_not_places(fr, en):
    orgs = {o["name"]: o["kind"] for o in fr["organisations"]}
    assert orgs.get("ministère de la Santé") == "public"
    assert "ministère de la Santé" not in fr["places"]
    assert orgs.get("Centre communal d'action sociale") == "public"
    assert "CCAS" not in orgs  # an acronym defined in the text is the same body
    assert orgs.get("Habitat et Humanisme") == "civil_society"
    en_orgs = {o["name"]: o["kind"] for o in en["organisations"]}
    assert en_orgs.get("Leeds City Council") == "public"
    assert en_orgs.get("Department of Health and Social Care") == "public"
    assert en_orgs.get("Age UK") == "civil_society"


def test_actor_kinds(fr, en):
    assert {"volunteers", "carers", "csos", "public_national", "public_local"} <= set(fr["actors"])
    assert {"volunteers", "carers", "service_users", "public_local", "public_national"} <= set(en["actors"])


def test_years_exclude_counts_and_decades(fr, en):
    assert fr["years"] == [2019]
    assert en["years"] == [2016, 2018]


def test_money_amounts_and_currencies(fr, en):
    assert fr["money"] == [{"text": "2 millions d'euros", "amount": 2_000_000.0, "currency": "EUR"}]
    assert en["money"] == [{"text": "£1.2m", "amount": 1_200_000.0, "currency": "GBP"}]
    assert money_amounts("A grant of $500,000 was paid.", "en", "CA")[0]["currency"] == "CAD"
    assert money_amounts("A grant of $500,000 was paid.", "en", None)[0]["currency"] == "USD"
    [cfa] = money_amounts("Chaque ménage verse 5 000 FCFA par an.", "fr", "CM")
    assert (cfa["amount"], cfa["currency"]) == (5000.0, "XAF")
    assert money_amounts("Chaque ménage verse 5 000 FCFA par an.", "fr", "SN")[0]["currency"] == "XOF"
    assert money_amounts("3,5 milliards de FCFA", "fr", "SN")[0]["amount"] == 3_500_000_000.0


def test_number_conventions():
    assert parse_number("1 200 000", "fr") == 1_200_000
    assert parse_number("1,2", "fr") == 1.2
    assert parse_number("500,000", "en") == 500_000
    assert parse_number("1.5", "en") == 1.5


def test_names_and_kinds_without_spacy():
    assert normalise_name("L’Agence régionale de santé") == normalise_name("agence regionale de sante")
    assert organisation_kind("Conseil départemental de la Gironde") == "public"
    assert organisation_kind("Fondation de France") == "civil_society"
    assert organisation_kind("World Bank") == "other"
    assert organisation_kind("Acme Widgets Ltd") == "other"
