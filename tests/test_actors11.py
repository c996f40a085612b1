"""Round 11 of the actor-kind rules: the levels of well-known bodies, a few senses of actor words that name no
actor, and a few service users, in French and English, on short real-looking sentences."""

from samples import rule_analyse as analyse  # the rules' actor kinds (tests/test_actor_decision.py)

from casemine.actors import known_national, listed_level


def actors(text: str, lang: str) -> list[str]:
    return analyse([text], [lang])[0].entities["actors"]


def test_a_well_known_body_whose_name_gives_no_level_is_national_unless_listed():
    assert known_national("HSE") and known_national("Bundeswehr") and known_national("Garda Síochána")
    assert not known_national("Council of Europe")  # an international body gives no level
    assert not known_national("Scottish Government")  # listed as regional
    assert listed_level("Ofsted") == "public_national"
    assert listed_level("Assemblée nationale du Québec") == "public_regional"
    assert listed_level("Actiris") == "public_regional"
    assert listed_level("CLSC") == "public_local"
    assert listed_level("Leeds City Council") is None
    en = actors("The men's sheds run the programme with the HSE, which trains the facilitators.", "en")
    assert "public_national" in en
    assert "public_national" in actors("Schools are inspected by Ofsted every four years.", "en")
    fr = actors("Les chercheurs d'emploi sont orientés par Actiris vers des ateliers.", "fr")
    assert "public_regional" in fr and "public_national" not in fr


def test_a_generic_state_or_ministry_word_is_the_province_s_in_a_quebec_case():
    fr = actors(
        "Au Québec, les centres de la petite enfance sont financés en grande partie par l'État et suivent le "
        "programme éducatif ministériel.",
        "fr",
    )
    assert "public_regional" in fr and "public_national" not in fr
    assert "public_national" in actors("En France, l'État finance les centres sociaux.", "fr")


def test_words_that_name_no_actor_in_these_senses():
    for text, lang, kind in (
        ("L'état des lieux réalisé par l'Observatoire montre des besoins.", "fr", "public_national"),
        ("Le syndicat mixte construit le réseau de fibre.", "fr", "csos"),
        ("Le service est assuré par des groupements d'intérêt économique.", "fr", "csos"),
        ("Les habitants déposent des projets d'intérêt collectif.", "fr", "csos"),
        ("Les agriculteurs font le tour des champs-écoles dans les villages voisins.", "fr", "citizens"),
        ("Les électeurs ont accepté la loi sur les mesures policières contre le terrorisme.", "fr", "professionals"),
        ("Les logements vacants sont souvent détenus par des investisseurs.", "fr", "service_users"),
    ):
        assert kind not in actors(text, lang), text
    for text, lang, kind in (
        ("Les policiers rencontrent les habitants chaque mois.", "fr", "professionals"),
        ("Un collectif d'habitants gère le jardin partagé.", "fr", "csos"),
        ("Les voisins se relaient pour les courses.", "fr", "citizens"),
        ("Les détenus suivent des ateliers de lecture.", "fr", "service_users"),
    ):
        assert kind in actors(text, lang), text


def test_an_adjective_actor_word_after_its_noun_is_negated_with_it():
    fr = actors("Les porteurs jugent le modèle difficile à reproduire sans équipe salariée.", "fr")
    assert "professionals" not in fr
    assert "professionals" in actors("L'association emploie une équipe salariée de trois personnes.", "fr")


def test_subscribers_and_people_living_with_a_condition_are_service_users():
    assert "service_users" in actors("Les abonnés paient une redevance au service des eaux.", "fr")
    en = actors("The campaign was founded by people living with HIV and their supporters.", "en")
    assert "service_users" in en


def test_a_professional_group_names_paid_staff():
    assert "professionals" in actors("The professional eradication team then installed a grid of traps.", "en")
    fr = actors("Les volontaires interviennent à côté d'un corps professionnel fortement renforcé.", "fr")
    assert "professionals" in fr
    assert "professionals" not in actors("The council took a professional approach to the consultation.", "en")


def test_groups_are_civil_society_unless_qualified_as_a_format_or_a_category():
    for text in (
        "Residents and groups propose what they will look after in the park.",
        "Within months autodefensa groups had set up checkpoints on the roads.",
        "For every funded project, the community elects a project management committee.",
    ):
        assert "csos" in actors(text, "en"), text
    for text in (
        "Participants then discussed the proposals in small groups.",
        "The city ran focus groups with older residents.",
        "Hard-to-reach groups may not get a seat at the table.",
        "Citizens were divided into groups of ten.",
    ):
        assert "csos" not in actors(text, "en"), text


def test_region_words_naming_an_area_or_a_programme_give_no_regional_body():
    for text in (
        "Dans le canton de Vaud, des associations proposent des activités aux enfants.",
        "Le programme protège les ménages les plus pauvres des régions de Dosso, Maradi et Tahoua.",
        "Les groupes sont formés avec l'appui de la FAO (programme régional GIPD).",
    ):
        assert "public_regional" not in actors(text, "fr"), text
    assert "public_regional" in actors("Le canton de Genève finance le projet.", "fr")


def test_community_as_an_item_of_a_list_and_public_heading_its_phrase_are_citizens():
    en = actors(
        "Council members: teachers, principal, former pupils, community - they give opinions on the plan.", "en"
    )
    assert "citizens" in en
    assert "citizens" in actors(
        "The committee took written submissions from public, patients' groups and unions.", "en"
    )
    assert "citizens" not in actors("The school is one of many public schools in the district.", "en")


def test_users_of_a_text_about_a_website_are_no_service_users():
    text = (
        "The website lets citizens propose bills. The site was built by volunteers and the platform is free. "
        "It has over 2,500 registered users, who vote and comment."
    )
    assert "service_users" not in actors(text, "en")
    assert "service_users" not in actors("The following is a suggested structure. We recommend users follow it.", "en")
    served = (
        "The agency offers free filing to taxpayers below an income threshold, reached through its website. Take-up "
        "grew each year, and in surveys most users said the forms were simple."
    )
    assert "service_users" in actors(served, "en")


def test_a_council_of_some_other_body_is_no_local_government():
    for text in (
        "The executive director and the chair of the implementation advisory council resigned.",
        "Unions and staff councils watch the placements closely.",
    ):
        assert "public_local" not in actors(text, "en"), text
    assert "public_local" in actors("The city council approved the plan after a public hearing.", "en")


def test_town_hall_meetings_and_member_states_name_no_public_body():
    assert "public_local" not in actors("The hospital network held a public town hall meeting in Kingston.", "en")
    text = "EU citizens who live in a Member State of which they are not nationals may vote."
    assert "public_regional" not in actors(text, "en")
    assert "csos" in actors("Self-government was an option looked at by various groups.", "en")


def test_caring_responsibilities_and_a_relative_are_carers():
    en = actors("Patients' problems were as much social as medical: debt, caring responsibilities, isolation.", "en")
    assert "carers" in en
    fr = actors("L'usager, ou un proche, recrute ensuite son travailleur.", "fr")
    assert "carers" in fr
    assert "carers" not in actors("Le centre est proche de la gare.", "fr")
