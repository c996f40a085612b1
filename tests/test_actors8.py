"""Round 8 of the actor-kind rules: levels and kinds from evidence the term lists did not gather, in French and
English, on short real-looking sentences."""

from samples import rule_analyse as analyse  # the rules' actor kinds (tests/test_actor_decision.py)

from casemine.actors import place_level
from casemine.names import normalise_name
from casemine.nlp import load_pipeline


def actors(text: str, lang: str) -> list[str]:
    return analyse([text], [lang])[0].entities["actors"]


def test_a_public_body_named_after_its_country_or_region_gives_that_level():
    assert place_level("Public Safety Canada", set(), {"canada"}) == "public_national"
    assert place_level("Norwegian Mediation Service", set(), set()) == "public_national"
    assert place_level("Agence française de développement", set(), set()) == "public_national"
    assert place_level("Scottish Executive", set(), set()) == "public_regional"
    assert place_level("NHS Scotland", {"scotland"}, {"united kingdom"}) == "public_regional"
    assert place_level("Somerset Police", {"somerset"}, set()) is None  # an English county's body is local
    assert place_level("University of Otago", {"otago"}, set()) is None  # a university is no government
    assert place_level("Leeds Health Partnership", set(), set()) is None
    en = actors("The scheme is funded in part by Public Safety Canada, with churches in Hamilton.", "en")
    assert "public_national" in en
    fr = actors("Le projet est financé par l'Agence française de développement et des associations.", "fr")
    assert "public_national" in fr


def test_a_level_in_a_ministry_s_remit_names_the_ministry_not_that_government():
    en = actors(
        "The site is run with the Department of the Environment, Community and Local Government and volunteers.",
        "en",
    )
    assert "public_national" in en and "public_local" not in en
    fr = actors("Le ministère de la Décentralisation et du Gouvernement local forme les agents.", "fr")
    assert "public_national" in fr and "public_local" not in fr
    assert "public_local" in actors("The local government consulted residents.", "en")


def test_civil_society_from_organisations_unions_clubs_and_local_committees():
    for text, lang in (
        ("The draft was open for comments by teachers, parents and organisations.", "en"),
        ("Unions and welfare groups joined the protest against the new benefit.", "en"),
        ("The strike was called by the doctors' union in January.", "en"),
        ("The law requires committees of beneficiaries who check that works are delivered.", "en"),
        ("La municipalité s'appuie sur les organisations de femmes et les clubs de mères.", "fr"),
        ("Des bénévoles organisés en comités locaux distribuent le lait.", "fr"),
        ("Les locataires ont fondé une amicale.", "fr"),
        ("Le service est assuré par une entreprise d'économie sociale.", "fr"),
    ):
        assert "csos" in actors(text, lang), text
    for text, lang in (
        ("The agency consulted 300 governmental organizations and administrative organizations.", "en"),
        ("Les organisations régionales manquent de personnel.", "fr"),
    ):
        assert "csos" not in actors(text, lang), text


def test_staff_named_by_role_or_team():
    for text, lang in (
        ("Cases are referred by police prosecutors; a facilitator chairs each meeting.", "en"),
        ("The service works alongside public community care teams and its project manager.", "en"),
        ("Les procureurs orientent les dossiers ; les équipes soignantes et le chef de projet suivent.", "fr"),
        ("Le taux horaire payé aux travailleurs est resté bas.", "fr"),
    ):
        assert "professionals" in actors(text, lang), text


def test_local_and_regional_bodies_named_without_a_body_noun():
    for text, lang in (
        ("Parents visit the local public library; a local elected representative sits on the board.", "en"),
        ("It is run with village offices and city departments.", "en"),
        ("Gosport Community Safety Partnership was selected to take part.", "en"),
        ("Le projet associe les autorités locales et les responsables locaux.", "fr"),
    ):
        assert "public_local" in actors(text, lang), text
    for text in (
        "State education departments are meant to train every member.",
        "The state's Department of Justice sets the contract.",
    ):
        assert "public_regional" in actors(text, "en"), text


def test_kind_cues_for_offices_partnerships_archives_leagues_and_campaigns():
    from casemine.organisations import organisation_kind

    for name in ("Pioneer Generation Office", "Bureau d'audiences publiques", "Safer Communities Partnership"):
        assert organisation_kind(name) == "public", name
    assert organisation_kind("Amsterdam City Archives") == "public"
    for name in ("Ligue de l'enseignement", "Treatment Action Campaign", "Regroupement des popotes roulantes"):
        assert organisation_kind(name) == "civil_society", name
    assert organisation_kind("Sector Coalition") == "civil_society"


def test_a_name_tagged_as_a_person_with_a_body_cue_is_an_organisation(stock_ner):
    [fr] = analyse(["Le projet, inspiré de la Police du Lancashire, forme des habitants."], ["fr"])
    assert "Police du Lancashire" in [o["name"] for o in fr.entities["organisations"]]
    assert "Police du Lancashire" not in fr.entities["people"]
    [en] = analyse(["In 2010 Okinawa Prefecture asked residents to help."], ["en"])
    assert {"name": "Okinawa Prefecture", "kind": "public"} in en.entities["organisations"]
    from casemine.organisations import organisation_kind

    assert organisation_kind("Rwanda Organisme porteur", weak=False) == "other"  # a weak cue alone is no body
    assert organisation_kind("Okinawa Prefecture", weak=False) == "public"


def test_names_headed_by_centre_partnership_board_or_campaign(stock_ner):
    [en] = analyse(
        [
            "Meetings were held at the Fairford Leys Community Centre, run with the Gosport Community Safety Partnership."
        ],
        ["en"],
    )
    names = {normalise_name(o["name"]) for o in en.entities["organisations"]}
    assert {"fairford leys community centre", "gosport community safety partnership"} <= names
    from casemine.organisations import headed_names

    [doc] = [load_pipeline("en")("It is run by the Fife Partnership and the Rescue Board with volunteers.")]
    assert "Fife Partnership" in {span.text for span in headed_names(doc)}


def test_an_executive_is_a_public_body_and_a_devolved_one_regional():
    from casemine.organisations import organisation_kind

    assert organisation_kind("Scottish Executive") == "public"
    [en] = analyse(["The pilots were part of a set of Scottish Executive initiatives to engage communities."], ["en"])
    assert "public_regional" in en.entities["actors"]
