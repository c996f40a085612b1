"""Round 13 of the actor-kind rules, in French and English, on short real-looking sentences."""

from samples import rule_analyse as analyse  # the rules' actor kinds (tests/test_actor_decision.py)


def actors(text: str, lang: str) -> list[str]:
    return analyse([text], [lang])[0].entities["actors"]


def test_households_qualified_as_a_service_s_recipients_are_service_users():
    for text, lang in (
        ("L'agence prend les logements en gestion pour les sous-louer à des ménages à faibles revenus.", "fr"),
        ("Les comités sont formés de mères issues des ménages bénéficiaires du programme.", "fr"),
        ("Most enrolled households had completed their new houses by 2021.", "en"),
        ("The scheme pays a monthly grant to low-income households in the district.", "en"),
    ):
        found = actors(text, lang)
        assert "service_users" in found and "citizens" not in found, text
    # poverty alone is no status of a service: the local people taking part
    assert "citizens" in actors("Les actionnaires sont des retraités ; les ménages modestes participent peu.", "fr")
    assert "citizens" in actors("The poorest households are little represented in the assemblies.", "en")
    assert "citizens" in actors("Volunteers visited households across the county.", "en")


def test_medicine_names_no_doctor():
    assert "professionals" not in actors("Les étudiants des facultés de médecine ont boycotté les cours.", "fr")
    assert "professionals" in actors("Les médecins et une médecin du centre assurent les consultations.", "fr")


def test_a_group_a_service_is_for_gives_service_users():
    found = actors("Les associations proposent des activités à bas prix pour les enfants et adolescents.", "fr")
    assert "service_users" in found
    assert "service_users" in actors("La commune a construit des logements pour des familles nombreuses.", "fr")


def test_a_national_law_gives_the_national_level():
    for text, lang in (
        ("La loi du 9 juin 1999 garantit le droit d'accès aux soins palliatifs.", "fr"),
        ("Une nouvelle loi fédérale est entrée en vigueur le 1er janvier 2021.", "fr"),
        ("Le législateur a confié aux associations l'accompagnement des malades.", "fr"),
        ("The mediation service is a state service, regulated by national law since 1991.", "en"),
        ("The programme relies on federal funding under the youth volunteering law.", "en"),
    ):
        assert "public_national" in actors(text, lang), text
    # in a Québec case a law is the province's, as the government words are
    found = actors("Au Québec, la loi de 2002 oblige chaque établissement à créer un comité des usagers.", "fr")
    assert "public_regional" in found and "public_national" not in found


def test_mainland_france_is_no_metropolitan_body():
    assert "public_local" not in actors("Des renforts de gendarmerie sont envoyés depuis la métropole.", "fr")
    assert "public_local" not in actors("Le mouvement est peu connu en métropole.", "fr")
    assert "public_local" in actors("La métropole finance les projets des habitants.", "fr")


def test_the_state_s_regional_services_are_national():
    for text in (
        "Le projet est présenté au préfet de région, qui le reconnaît après avis d'une commission.",
        "Les usagers siègent aux côtés des partenaires institutionnels (ville, hôpital, ARS).",
        "Une note de terrain de la direction départementale signale le manque d'enseignants.",
    ):
        found = actors(text, "fr")
        assert "public_national" in found and "public_regional" not in found, text
    assert "public_regional" in actors("Le conseil régional finance les lycées.", "fr")


def test_a_level_adjective_of_a_civil_society_body_names_no_public_body():
    found = actors("Les associations de quartier sont regroupées en organismes départementaux.", "fr")
    assert "public_local" not in found
    # a French département is local government under the gold conventions (fresh8's fr-10037)
    assert "public_local" in actors("Les organismes sont financés par le conseil départemental.", "fr")


def test_the_red_cross_is_civil_society():
    assert "csos" in actors("Le ministère de la Santé publique, la Croix-Rouge libanaise et les municipalités.", "fr")
    assert "csos" in actors("Volunteers of the Kenya Red Cross distributed the kits.", "en")
