"""Round 10 of the organisation rules: well-known bodies named without a kind word, ministries written as
Cameroonian-style acronyms, civil-society names after a not-for-profit noun or before an apposition; short
sentences, French and English."""

from casemine.nlp import analyse
from casemine.organisations import guaranteed_names, known_names, organisation_kind


def organisations(text: str, lang: str) -> list[dict]:
    return analyse([text], [lang])[0].entities["organisations"]


def names(text: str, lang: str) -> list[str]:
    return [o["name"] for o in organisations(text, lang)]


def test_well_known_bodies_are_known_by_name_and_kind():
    known = known_names()
    assert {"Oireachtas", "Actiris", "Protecteur du citoyen", "Saeima"} <= set(known["public"])
    assert "Partners In Health" in known["civil_society"]
    assert organisation_kind("Actiris") == "public" and organisation_kind("Hydro-Québec") == "public"
    assert organisation_kind("Save the Children") == "civil_society"


def test_known_public_and_civil_bodies_are_kept_whatever_the_weights_but_not_firms_or_un():
    keys = guaranteed_names()
    assert {"oireachtas", "hse", "partners in health", "cpas"} <= keys
    assert not {"un", "capita"} & keys  # the conventions leave some of these out; the check decides
    # since round 13 the international bodies of known_bodies.json are kept too (tests/test_organisations13.py)


def test_a_well_known_body_without_a_kind_word_is_an_organisation():
    text = "The proposal went to an Oireachtas committee in 2016, and the HSE now runs the new community teams."
    found = organisations(text, "en")
    assert {"name": "HSE", "kind": "public"} in found
    text = "Les demandeurs d'emploi sont suivis par Actiris, qui sous-traite une partie de l'accompagnement."
    assert {"name": "Actiris", "kind": "public"} in organisations(text, "fr")


def test_a_ministry_written_as_a_min_acronym_is_public():
    text = "Le MINSANTE a lancé la campagne de vaccination avec les communes et les chefs de village."
    assert {"name": "MINSANTE", "kind": "public"} in organisations(text, "fr")
    assert "MINUTES" not in names("MINUTES of the meeting held with the residents.", "en")


def test_a_name_after_a_not_for_profit_noun_is_a_civil_society_body(stock_ner):
    text = "Depuis 2001, l'organisme sans but lucratif Bouquinville offre gratuitement de l'aide aux devoirs."
    assert {"name": "Bouquinville", "kind": "civil_society"} in organisations(text, "fr")


def test_a_name_after_a_civil_society_noun_wins_over_a_place_tag_and_keeps_its_particles():
    text = "L'asbl Stëmm vun der Strooss, conventionnée avec le ministère de la Famille, accueille les sans-abri."
    assert "Stëmm vun der Strooss" in names(text, "fr")
    text = "L'association Maison de Quartier organise les ateliers avec la commune."
    assert not any(n in ("Maison", "Quartier") for n in names(text, "fr"))


def test_an_untagged_name_before_an_apposition_is_a_body():
    text = "Readwise, a national charity that began in Leeds in 1973, trains volunteers to read with pupils."
    assert {"name": "Readwise", "kind": "civil_society"} in organisations(text, "en")


def test_a_civil_society_noun_right_after_an_organisation_gives_its_kind():
    from casemine.nlp import load_pipeline
    from casemine.organisations import apposition_kind

    nlp = load_pipeline("en")
    doc = nlp("Solarize Portland began in 2009 when the Southeast Uplift neighbourhood coalition and the city met.")
    [ent] = [e for e in doc.ents if "Uplift" in e.text]
    assert apposition_kind(ent) == "civil_society"
    doc = nlp("The money came from the Wellcome Trust and went to NYC agencies working with the schools.")
    assert all(apposition_kind(e) != "public" for e in doc.ents if e.text == "NYC")


def test_a_generic_state_word_alone_names_no_body_and_no_place():
    found = analyse(["La Confédération finance le projet avec les cantons et l'État fédéral."], ["fr"])[0].entities
    assert not {"Confédération", "État fédéral"} & set(n["name"] for n in found["organisations"])
    assert "Confédération" not in found["places"]
    assert "Legislature" not in names("The Legislature passed the bill in 2004 after the hearings.", "en")


def test_a_french_verb_starting_a_line_is_no_place():
    text = (
        "Objectifs : Réduire la récidive par un accompagnement.\n"
        "Financé principalement par une subvention, le service emploie des éducateurs à Namur."
    )
    places = analyse([text], ["fr"])[0].entities["places"]
    assert not {"Réduire", "Financé"} & set(places)
    assert "Namur" in places


def test_a_name_tagged_as_a_facility_with_a_body_cue_is_an_organisation():
    text = (
        "The pilots used a combination of Community Cohesion funding and money allocated from Norfolk County "
        "Strategic Partnership’s own PB initiative “Your Norfolk, Your Decision”."
    )
    assert "Norfolk County Strategic Partnership" in names(text, "en")


def test_a_region_inside_a_body_name_is_a_place_and_gives_its_country():
    found = analyse(["Les patrouilles sont assurées par la Sûreté du Québec depuis 2015."], ["fr"])[0].entities
    assert "Québec" in found["places"] and "CA" in found["countries"]
    found = analyse(["Le projet est financé par la Fédération Wallonie-Bruxelles depuis 2015."], ["fr"])[0].entities
    assert "Wallonie" not in found["places"]  # part of a hyphenated name: the Community, not the region
