"""Round 11 of the organisation rules: the kind of a civil-society body named without a kind word, taken from
any of its mentions, an apposition before it, a description in brackets after it or a list closed by "and other
NGOs"; names listed in brackets after a plural civil-society noun. Short sentences, French and English."""

import pytest

from casemine.nlp import analyse
from casemine.organisations import organisation_kind


def organisations(text: str, lang: str) -> list[dict]:
    return analyse([text], [lang])[0].entities["organisations"]


def kinds(text: str, lang: str) -> dict[str, str]:
    return {o["name"]: o["kind"] for o in organisations(text, lang)}


def test_a_later_mention_gives_the_kind_of_a_name_first_named_alone():
    text = (
        "Intitulé : Interventions en prison (GENEPI)\n"
        "Organisme porteur : association GENEPI, avec la direction de l'administration pénitentiaire."
    )
    assert kinds(text, "fr").get("GENEPI") == "civil_society"


def test_an_indefinite_noun_and_a_comma_before_a_name_give_its_kind():
    text = (
        "In 1970 the housing cooperatives of Montevideo formed a federation, FUCVAM, which now speaks for "
        "twenty thousand families."
    )
    assert kinds(text, "en").get("FUCVAM") == "civil_society"
    text = "Les habitants ont créé une coopérative, Enercoop Ardennes, qui vend l'électricité du parc."
    assert kinds(text, "fr").get("Enercoop Ardennes") == "civil_society"


def test_a_description_in_brackets_after_a_name_gives_its_kind(stock_ner):
    text = (
        "Les zones d'exploitation contrôlée sont gérées par des organismes regroupés dans Zecs Québec (fédération) "
        "depuis 1982, avec le ministère de la Faune."
    )
    assert kinds(text, "fr").get("Zecs Québec") == "civil_society"
    text = "The volunteers were trained by Kerala Sasthra Sahithya Parishad (people's science movement) in 1996."
    assert kinds(text, "en").get("Kerala Sasthra Sahithya Parishad") == "civil_society"


def test_a_list_closed_by_and_other_ngos_gives_its_last_names_their_kind(rule_kinds):
    # the rules' kinds alone: the learned kind makes more names of such lists civil society (next test)
    text = (
        "Partenaires : Banque mondiale, Union européenne, Cordaid, HealthNet TPO et autres ONG ayant porté les projets."
    )
    found = kinds(text, "fr")
    assert found.get("HealthNet TPO") == "civil_society" and found.get("Cordaid") == "civil_society"
    text = "Funders: Lumos Trust Fund, Harbor Finance Partners, Crisis, Shelter and other charities took part."
    assert kinds(text, "en").get("Harbor Finance Partners") != "civil_society"  # only the last two names
    text = "The programme was run with the World Bank and other development organisations in six districts."
    assert kinds(text, "en").get("World Bank") != "civil_society"  # "organisations" alone is too weak a cue


@pytest.mark.xfail(strict=True, reason="a known loss of the learned kind (docs/benchmarks.md, fifteenth session)")
def test_the_learned_kind_keeps_a_funder_listed_before_and_other_charities_apart():
    # the learned kind reads the whole sentence ("charities", "funders") and makes the firm civil society
    text = "Funders: Lumos Trust Fund, Harbor Finance Partners, Crisis, Shelter and other charities took part."
    assert kinds(text, "en").get("Harbor Finance Partners") != "civil_society"


def test_names_with_lower_case_words_are_listed_after_a_plural_civil_society_noun():
    text = (
        "Des familles et des associations (LAIA, Les enfants d'abord…) ont lancé des pétitions contre la loi de 2021."
    )
    found = kinds(text, "fr")
    assert found.get("Les enfants d'abord") == "civil_society" and found.get("LAIA") == "civil_society"


def test_an_apposition_with_a_nationality_or_a_hyphenated_modifier_gives_a_civil_society_kind(stock_ner):
    text = "ALONE, an Irish charity founded in Dublin in 1977, trains volunteers who visit older people at home."
    assert kinds(text, "en").get("ALONE") == "civil_society"  # an acronym that spells a stop word is still a name
    text = "Bright Horizons Kent, a youth-led charity, runs the holiday clubs with the council."
    assert kinds(text, "en").get("Bright Horizons Kent") == "civil_society"  # the whole name, not "Horizons Kent"


def test_a_volunteer_or_action_group_is_civil_society():
    text = (
        "The work started with residents. Predator Free Miramar, a volunteer group set up in 2017 on the Miramar "
        "Peninsula, asked the council for traps."
    )
    assert kinds(text, "en").get("Predator Free Miramar") == "civil_society"
    assert organisation_kind("Castlefield and Oakridge Residents Action Group") == "civil_society"
    assert organisation_kind("Witham Central Neighbourhood Group") == "civil_society"


def test_a_lower_case_city_canton_or_township_of_a_name_is_a_public_body(stock_ner):
    text = "Le projet est soutenu par le canton de Genève et par les communes qui attribuent les terrains."
    assert kinds(text, "fr").get("canton de Genève") == "public"
    text = "The pilot was run by the municipality of Casamassima with the support of the Township of Langley."
    assert kinds(text, "en").get("Township of Langley") == "public"
    # "the municipality of Casamassima": the rules keep it as a public body, and the organisation check refitted in
    # the nineteenth session refuses it in this sentence (0.28 against 0.30), so it is tested where the rules decide
    from casemine.entities import extract_entities
    from casemine.nlp import load_pipeline

    nlp, candidates = load_pipeline("en"), []
    extract_entities(nlp(text), nlp, "en", org_features=candidates)
    town = [c for c in candidates if c.name == "municipality of Casamassima"]
    assert town and town[0].ruled and town[0].kind == "public"


def test_a_place_tagged_name_with_a_body_head_noun_is_a_public_body(stock_ner):
    text = "Les relevés sont transmis au Muséum national d'Histoire naturelle, qui publie les résultats chaque année."
    assert kinds(text, "fr").get("Muséum national d'Histoire naturelle") == "public"
    text = "Le projet couvre le Centre Manche et le Cotentin depuis 2015."
    assert "Centre Manche" not in kinds(text, "fr")  # a head noun before a name is a region's


def test_a_campaign_named_with_an_imperative_is_civil_society():
    assert organisation_kind("Save Our Library") == "civil_society"  # not a library
    assert organisation_kind("Occupy Vancouver") == "civil_society"
    assert organisation_kind("Sauvons la Maternité de Die") == "civil_society"
    assert organisation_kind("Brent SOS Libraries") == "civil_society"
    assert organisation_kind("Stopford Borough Council") == "public"


def test_the_estonian_defence_league_is_civil_society_as_the_gold_conventions_record():
    assert organisation_kind("Defence League") == "civil_society"  # a volunteer NGO funded by the state (fresh2)
    assert organisation_kind("Kaitseliit") == "civil_society"


def test_a_body_span_grows_over_a_proper_noun_the_model_left_before_it():
    text = (
        "The Pioneer Generation Office was renamed the Silver Generation Office under the Agency for Integrated Care."
    )
    assert any(n.startswith("Silver Generation Office") for n in kinds(text, "en"))  # not "Office under the …"


def test_an_area_noun_of_a_name_after_a_locative_word_is_the_place_not_its_government():
    found = analyse(["Dans le canton de Vaud, des associations proposent des activités aux enfants."], ["fr"])[0]
    assert "canton de Vaud" not in {o["name"] for o in found.entities["organisations"]}
    assert "public_regional" not in found.entities["actors"]
    text = "The scheme was first tested in the municipality of Casamassima before the region adopted it."
    assert "municipality of Casamassima" not in kinds(text, "en")
    text = "The pilot was designed in partnership with the municipality of Casamassima."
    assert kinds(text, "en").get("municipality of Casamassima") == "public"
