"""Normalisation rules of the extraction stage, in French and English, on small real-looking texts."""

import pytest
from samples import rule_analyse as analyse  # the rules' actor kinds (tests/test_actor_decision.py)

from casemine.actors import inflections
from casemine.entities import money_amounts, normalise_name, organisation_kind, parse_number


def org_kinds(entities: dict) -> dict[str, str]:
    """Each organisation an extraction found, with its kind."""
    return {o["name"]: o["kind"] for o in entities["organisations"]}


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
    orgs = org_kinds(fr)
    assert orgs.get("ministère de la Santé") == "public"
    assert "ministère de la Santé" not in fr["places"]
    assert orgs.get("Centre communal d'action sociale") == "public"
    assert "CCAS" not in orgs  # an acronym defined in the text is the same body
    assert orgs.get("Habitat et Humanisme") == "civil_society"
    en_orgs = org_kinds(en)
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
    # rupees, pesos and dinars are read by the case's country too; a currency's own code or sign is not
    assert money_amounts("Each ward receives Rs 300,000 a year.", "en", "NP")[0]["currency"] == "NPR"
    assert money_amounts("Each ward receives Rs 300,000 a year.", "en", "IN")[0]["currency"] == "INR"
    assert money_amounts("Each ward receives ₹300,000 a year.", "en", "NP")[0]["currency"] == "INR"
    assert money_amounts("The barangay got 2 million pesos.", "en", "PH")[0]["currency"] == "PHP"
    assert money_amounts("La commune a reçu 40 000 dinars.", "fr", "DZ")[0]["currency"] == "DZD"


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


@pytest.fixture(scope="module")
def fr_bodies():
    text = (
        "Le ministère de la Santé et le Conseil départemental du Nord financent le projet, que la Région "
        "wallonne et la Fédération Wallonie-Bruxelles soutiennent aussi. Le Plan communal de développement de "
        "la nature, ou PCDN, réunit les usagères, les éducatrices et des conseillères municipales ; les "
        "inspections départementales suivent les écoles. Les CGE se regroupent au niveau de la commune. Des "
        "rencontres régionales ont eu lieu en 2014. Deux ONG internationales : CECI et Oxfam appuient le projet."
    )
    return analyse([text], ["fr"])[0].entities


@pytest.fixture(scope="module")
def en_bodies():
    text = (
        "Residents of the Lune Valley met the Camden Council and officers of Nairobi City County. The report "
        "went to the Ohio Commission on Hispanic/Latino Affairs and to the British Army. Brightwater Ventures, a "
        "charity, ran a PB process with the agencies of the federal state."
    )
    return analyse([text], ["en"])[0].entities


def test_french_public_bodies_by_general_patterns(fr_bodies):
    orgs = org_kinds(fr_bodies)
    assert orgs.get("ministère de la Santé") == "public"
    assert "ministère de la Santé" not in fr_bodies["places"]
    assert orgs.get("Conseil départemental du Nord") == "public"
    assert orgs.get("Région wallonne") == "public"  # the capitalised Région is the institution
    assert "Fédération Wallonie-Bruxelles" in orgs  # the hyphenated name is kept whole
    assert "BE" in fr_bodies["countries"]


def test_acronyms_that_name_no_body(fr_bodies, en_bodies):
    names = {normalise_name(o["name"]) for o in fr_bodies["organisations"] + en_bodies["organisations"]}
    assert "cge" not in names  # "Les CGE se regroupent": a kind of committee
    assert "pcdn" not in names and "plan communal de developpement de la nature" not in names  # a programme
    assert "pb" not in names  # "a PB process"


def test_apposition_gives_the_kind(fr_bodies, en_bodies):
    fr_orgs = org_kinds(fr_bodies)
    assert fr_orgs.get("CECI") == "civil_society"  # "Deux ONG internationales : CECI"
    en_orgs = org_kinds(en_bodies)
    assert en_orgs.get("Brightwater Ventures") == "civil_society"  # "Brightwater Ventures, a charity"


def test_english_council_and_county_names(en_bodies):
    orgs = {normalise_name(o["name"]): o["kind"] for o in en_bodies["organisations"]}
    assert orgs.get("camden council") == "public"  # the leading article is no part of the name
    assert orgs.get("nairobi city county") == "public"
    assert orgs.get("ohio commission on hispanic latino affairs") == "public"  # head word the model left out
    assert orgs.get("british army") == "public"  # the nationality the model left out
    assert "lune valley" in {normalise_name(p) for p in en_bodies["places"]}  # a landform is a place
    assert "lune valley" not in orgs


def test_actor_kinds_from_plural_and_feminine_forms(fr_bodies, en_bodies):
    assert {"service_users", "professionals", "public_local", "public_regional", "csos"} <= set(fr_bodies["actors"])
    assert {"citizens", "public_regional", "public_local", "csos"} <= set(en_bodies["actors"])


def test_adjectives_of_events_name_no_body():
    [fr] = analyse(["Des rencontres régionales ont réuni les habitants en 2014."], ["fr"])
    assert "public_regional" not in fr.entities["actors"]
    [en] = analyse(["Turnout in the municipal elections rose among residents."], ["en"])
    assert "public_local" not in en.entities["actors"]


def test_inflections_and_kind_from_the_head():
    assert set(inflections("régional", "fr")) == {"régional", "régionaux", "régionale", "régionales"}
    assert {"usagère", "usagers", "usagères"} <= set(inflections("usager", "fr"))
    assert {"éducatrice", "éducatrices"} <= set(inflections("éducateur", "fr"))
    assert inflections("agency", "en") == ["agency", "agencies"]
    assert inflections("CCAS", "fr") == ["CCAS"]
    assert organisation_kind("Association for Public Health") == "civil_society"
    assert organisation_kind("The Ethiopian House of Federation") == "public"
    assert organisation_kind("Centre national de recherche agronomique") == "public"
    assert normalise_name("the Landless Workers Movement") == normalise_name("Landless Workers Movement")
    assert normalise_name("Landless Workers Movement").startswith("landless")


def test_names_the_model_missed_after_a_civil_society_noun():
    [fr] = analyse(["Dès 1995, l'ONG française Gret et la régie ont raccordé les quartiers."], ["fr"])
    assert {"name": "Gret", "kind": "civil_society"} in fr.entities["organisations"]
    assert "Gret" not in fr.entities["places"]


def named_by_place_fr() -> dict:
    text = (
        "Le gouvernement malien a confié le marché à la ville de Kayes. La Société nationale des transports "
        "urbains (Sotrau, SNTU) et le SPF Mobilité suivent le chantier avec l'Union des producteurs de lait. "
        "Depuis 2019, l'UPL forme des experts."
    )
    return analyse([text], ["fr"])[0].entities


NAMED_BY_PLACE_EN = (
    "The Danish government and the city of Leeds funded the scheme with the Danish Road Directorate "
    "(Vejdirektoratet, VD). The National Housing Board later asked the NHB auditors to report. Meetings were "
    "held in the State of Ohio and in five towns:\nDayton;\nAkron;\nToledo.\nScientists helped residents."
)


def named_by_place_en() -> dict:
    return analyse([NAMED_BY_PLACE_EN], ["en"])[0].entities


@pytest.fixture(scope="module")
def fr_named_by_place():
    return named_by_place_fr()


@pytest.fixture(scope="module")
def en_named_by_place():
    return named_by_place_en()


def test_lower_case_bodies_made_specific_by_a_place_or_nationality(fr_named_by_place, en_named_by_place):
    fr_orgs = org_kinds(fr_named_by_place)
    assert fr_orgs.get("gouvernement malien") == "public"
    assert fr_orgs.get("ville de Kayes") == "public" and "Kayes" in fr_named_by_place["places"]
    assert fr_orgs.get("SPF Mobilité") == "public"  # a Belgian head acronym with its name
    en_orgs = {normalise_name(o["name"]): o["kind"] for o in en_named_by_place["organisations"]}
    assert en_orgs.get("danish government") == "public"
    assert en_orgs.get("danish road directorate") == "public"
    # "the city of Leeds": the rules keep it as a public body, and the organisation check refitted in the fifteenth
    # session refuses it in this sentence (0.29 against a threshold of 0.30), so it is tested where the rules decide
    from casemine.entities import extract_entities
    from casemine.nlp import load_pipeline

    nlp, candidates = load_pipeline("en"), []
    extract_entities(nlp(NAMED_BY_PLACE_EN), nlp, "en", org_features=candidates)
    leeds = [c for c in candidates if normalise_name(c.name) == "city of leeds"]
    assert leeds and leeds[0].ruled and leeds[0].kind == "public"


def test_acronyms_of_names_the_text_gives(stock_ner):
    fr_names = {o["name"] for o in named_by_place_fr()["organisations"]}
    assert "UPL" not in fr_names  # the initials of "Union des producteurs de lait", named in full
    assert not {"SNTU", "Sotrau"} & fr_names
    en_names = {o["name"] for o in named_by_place_en()["organisations"]}
    assert "NHB" not in en_names and "VD" not in en_names  # "(Vejdirektoratet, VD)": another name, then the acronym


def test_state_of_is_a_place_and_lines_of_places(en_named_by_place):
    names = {normalise_name(o["name"]) for o in en_named_by_place["organisations"]}
    assert "state of ohio" not in names and "Ohio" in en_named_by_place["places"]
    assert "toledo" not in names


def test_more_actor_terms(fr_named_by_place, en_named_by_place):
    assert "professionals" in fr_named_by_place["actors"]  # "des experts"
    assert "professionals" in en_named_by_place["actors"]  # "Scientists"
    [fr] = analyse(["African Lions, une organisation sans but lucratif, gère le parc depuis 2010."], ["fr"])
    assert "csos" in fr.entities["actors"]
    [fr] = analyse(
        ["La police locale informe les proches ; l'autorité fédérale et les entités fédérées paient."], ["fr"]
    )
    assert {"public_local", "carers", "public_national", "public_regional"} <= set(fr.entities["actors"])
    [en] = analyse(["The operator is paid per inmate, and the local police visit schoolchildren."], ["en"])
    assert {"service_users", "public_local"} <= set(en.entities["actors"])


def test_civil_society_names_from_appositions_and_lists():
    [fr] = analyse(
        [
            "Organisme porteur : ministère de la Santé ; associations de patients (Vivre Mieux, Aides) et de "
            "familles (Unafam). African Lions, une organisation sans but lucratif, gère le parc."
        ],
        ["fr"],
    )
    orgs = org_kinds(fr.entities)
    assert {orgs.get(n) for n in ("Vivre Mieux", "Aides", "Unafam")} == {"civil_society"}
    assert orgs.get("African Lions") == "civil_society"  # a name the model took for a place, then the apposition
    assert "Aides" not in fr.entities["places"]
    [en] = analyse(
        [
            "Support came from Brightmoor Arts, an arts based organisation, and from community federations such as "
            "Umoja Wetu. Two local charities (Shelter North and Crisis) ran the drop-in. The SMS alerts and GDPR "
            "rules were discussed in the Community Planning Toolkit."
        ],
        ["en"],
    )
    orgs = org_kinds(en.entities)
    assert orgs.get("Brightmoor Arts") == "civil_society"  # "organisation" counts when nothing else gives a kind
    assert orgs.get("Umoja Wetu") == "civil_society" and "Umoja Wetu" not in en.entities["places"]
    assert orgs.get("Crisis") == "civil_society"
    assert not {"SMS", "GDPR", "Community Planning Toolkit"} & set(orgs)  # no bodies: a channel, a law, a toolkit
    assert organisation_kind("The Organization for Rare Diseases") == "civil_society"
    assert organisation_kind("World Health Organization") == "other"


def test_mentions_that_name_no_body_and_courts(stock_ner):
    [en] = analyse(
        [
            "The High Court rejected the claim in 2011 and the Court of Appeal agreed. The Committee Chair asked "
            "for a Mental Health Commission. The Council led Community Planning pilot was run with the Community "
            "Mobiliser."
        ],
        ["en"],
    )
    names = {normalise_name(o["name"]) for o in en.entities["organisations"]}
    assert {"high court", "court of appeal"} <= names
    assert not {"committee chair", "mental health commission", "community mobiliser"} & names
    assert not any("led" in n.split() for n in names)  # a participle: a phrase, not a name
    [url, place] = analyse(
        ["Brent SOS Libraries www.brentsos.org.uk campaigned.", "Kwale residents and the Kwale County met in Kwale."],
        ["en", "en"],
    )
    assert "Brent SOS Libraries" in {o["name"] for o in url.entities["organisations"]}  # cut before the address
    assert not place.entities["organisations"] and "Kwale" in place.entities["places"]  # a place elsewhere
    [fr] = analyse(["La Cour des comptes et le Tribunal administratif ont jugé l'affaire en 2015."], ["fr"])
    assert {"Cour des comptes", "Tribunal administratif"} <= {o["name"] for o in fr.entities["organisations"]}


def test_a_currency_code_inside_an_amount_is_no_organisation():
    [en] = analyse(
        [
            "In 2020 the municipal executive board added SEK 125,000 for the shelter. The funders gave USD 1m each "
            "and, in the five pilot counties, GBP 1.91 million went into 99 projects."
        ],
        ["en"],
    )
    names = [o["name"] for o in en.entities["organisations"]]
    assert not {"SEK", "USD", "GBP"} & set(names)
    assert {m["currency"] for m in en.entities["money"]} == {"SEK", "USD", "GBP"}  # still read as money
    [fr] = analyse(["L'ARS a financé 12 postes ; l'ARS Normandie suit le projet depuis 2018."], ["fr"])
    assert "ARS" in [o["name"] for o in fr.entities["organisations"]]  # the same letters outside an amount


def test_money_scan_around_digits_finds_what_a_whole_text_scan_finds():
    from casemine.amounts import money_matches, money_pattern

    filler = "Les habitants et la mairie ont travaillé ensemble pendant des années sur le jardin. " * 20
    text = (
        f"{filler}Le budget était de 2 millions d'euros en 2019, puis de 1,5 milliard de dollars canadiens. "
        f"{filler}The council added £1.2m and EUR 350; 5 000 FCFA went to the cooperative. {filler}x$5 €€ 12"
    )
    pattern = money_pattern()[0]
    assert money_matches(text) == tuple((m.span(), m.groupdict()) for m in pattern.finditer(text))
    assert len(money_matches(text)) >= 5


def test_a_currency_code_ending_a_word_is_no_amount():
    """ "mars 2019", "the years 2012", "créateur 2-3 ans" end in ARS / RS / EUR: they held spurious amounts."""
    from casemine.amounts import money_amounts

    text = (
        "Le projet démarre en mars 2019 ; un créateur 2-3 ans suit chaque équipe. For the years 2012 to 2014 the "
        "council paid US$5 million and Rs 200 crore; la région a versé EUR 300 000 et 50 millions d'euros."
    )
    found = [(m["currency"], m["amount"]) for m in money_amounts(text, "fr", None)]
    assert found == [("USD", 5e6), ("INR", 2e9), ("EUR", 300000.0), ("EUR", 5e7)]


def test_currencies_named_by_their_words():
    from casemine.amounts import money_amounts

    text = "It cost 45 million rand, 15.8 million zlotys, 25 million meticais and 20 Swedish crowns."
    found = [(m["currency"], m["amount"]) for m in money_amounts(text, "en", None)]
    assert found == [("ZAR", 4.5e7), ("PLN", 1.58e7), ("MZN", 2.5e7), ("SEK", 20.0)]


def test_english_georgia_is_the_us_state_unless_the_text_speaks_of_the_country():
    state, country, french = analyse(
        [
            "Atlanta Public Schools in Georgia set up school governance teams in 2016.",
            "Georgia's Village Support Programme is run by the Ministry of Regional Development.",
            "La Géorgie a lancé un programme de soutien aux villages.",
        ],
        ["en", "en", "fr"],
    )
    assert state.entities["countries"] == ["US"] and "Georgia" in state.entities["places"]
    assert country.entities["countries"] == ["GE"]  # a ministry: the country
    assert french.entities["countries"] == ["GE"]  # the rule is English's


def test_a_country_name_that_names_a_province_or_a_prize_gives_no_country():
    province, prize, belongs, english = analyse(
        [
            "À Habay, dans le sud de la province de Luxembourg, une coopérative citoyenne exploite deux éoliennes.",
            "En 2024, la réserve communautaire de Dindéfélo a reçu le prix Équateur du PNUD.",
            "Le Manitoba est une province du Canada ; la coopérative y loue des logements.",
            "Friesland, a province of the Netherlands, works with Luxembourg province in Belgium.",
        ],
        ["fr", "fr", "fr", "en"],
    )
    assert province.entities["countries"] == [] and "Luxembourg" in province.entities["places"]  # Belgium's
    assert "EC" not in prize.entities["countries"]  # the UNDP's Equator Prize names no Ecuador
    assert belongs.entities["countries"] == ["CA"]  # a province *of* the country still names it
    assert english.entities["countries"] == ["NL", "BE"]


def test_a_bare_dollar_is_read_by_the_country_or_else_by_the_language():
    from casemine.amounts import money_amounts

    def currencies(text: str, lang: str, country: str | None) -> list[str]:
        return [m["currency"] for m in money_amounts(text, lang, country)]

    assert currencies("Les citoyens ont reçu 30 000 $ en 2019.", "fr", None) == ["CAD"]  # Québec writes no country
    assert currencies("Les citoyens ont reçu 30 000 $ en 2019.", "fr", "BF") == ["USD"]  # aid to Burkina Faso
    assert currencies("The fund gave $30 million.", "en", None) == ["USD"]
    assert currencies("The fund gave $30 million.", "en", "AU") == ["AUD"]
    assert currencies("Suppliers were owed GH¢28 million; each household paid 2 cedis.", "en", None) == ["GHS", "GHS"]


def test_countries_from_bracketed_codes_regions_and_names_that_are_no_bodies():
    [en] = analyse(
        [
            "The library in Santa Clarita (CA) was privatised. Community Text Alert (IE) grew. Pilots ran in "
            "Goodna (Qld). The Information Technology (IT) team helped. Metro Manila grew fast."
        ],
        ["en"],
    )
    assert {"US", "IE", "AU", "PH"} <= set(en.entities["countries"])
    assert "IT" not in en.entities["countries"]  # the initials of the words before it
    assert {"CA", "Qld"} <= set(en.entities["places"])  # a state written as a code is a place
    [fr] = analyse(["La Ville de Vernier (GE) soutient des projets au Mont-Liban."], ["fr"])
    assert {"CH", "LB"} <= set(fr.entities["countries"])
    [au] = analyse(["The trial ran in Ceduna (SA) and East Kimberley (WA) from 2016."], ["en"])
    assert au.entities["countries"] == ["AU"]  # one unambiguous state code settles the other
    [gov] = analyse(["The programme was launched by the Government of Kenya in 2004."], ["en"])
    assert "KE" in gov.entities["countries"]  # a country's government names the country
    [state] = analyse(["No other locality in the Commonwealth of Virginia uses such an app."], ["en"])
    assert "US" in state.entities["countries"]  # no body, so the state inside it counts


def test_first_level_regions_of_more_countries_give_their_country_and_their_cities_none():
    [en] = analyse(
        [
            "Region Skåne and Stockholm County ran the pilot; Vestland and Upper Austria followed, then Gauteng, "
            "Enugu State, Nagaland and the Iwate prefectural office."
        ],
        ["en"],
    )
    assert set(en.entities["countries"]) == {"SE", "NO", "AT", "ZA", "NG", "IN", "JP"}
    [cities] = analyse(["Teams in Oslo, Vienna, Lagos and Stockholm shared their methods."], ["en"])
    assert cities.entities["countries"] == []  # a city names no country under the gold conventions
    [fr] = analyse(["Les communes de la Békaa et de l'Analamanga ont rejoint le réseau, puis le Jalisco."], ["fr"])
    assert set(fr.entities["countries"]) == {"LB", "MG", "MX"}
    [south] = analyse(["The scheme spread from South Tyrol to Tyrol."], ["en"])
    assert set(south.entities["countries"]) == {"IT", "AT"}  # the longer name wins where they overlap


def test_first_names_cities_counties_and_overseas_regions():
    [fr] = analyse(
        [
            "Le ministre Jack Lang et Maurice Fleuret ont lancé la fête en 1982 à Paris. En Seine-Saint-Denis, "
            "la Guyane et La Réunion, des associations ont suivi, comme en Suisse."
        ],
        ["fr"],
    )
    assert fr.entities["countries"] == ["GF", "RE", "CH"]  # overseas regions have their own codes
    # "Maurice" starting a person's name is no Mauritius; a département names no country
    [en] = analyse(
        [
            "Jordan Bateman spoke in Surrey and Lincolnshire. Mexico City's buses were mapped. The base is in "
            "Washington State, the trial in the province of Utrecht, and later in Sri Lanka."
        ],
        ["en"],
    )
    assert en.entities["countries"] == ["US", "NL", "LK"]  # no JO, no GB for counties, no MX for the city


def test_actor_terms_under_the_fresh_conventions():
    [en] = analyse(
        [
            "The Flemish government asked the city government and the local population. The gendarmerie cleared "
            "the road. LGUs help organise. Message recipients and families were asked."
        ],
        ["en"],
    )
    actors = set(en.entities["actors"])
    assert {"public_regional", "public_local", "citizens", "public_national"} <= actors
    assert "service_users" not in actors  # recipients of messages and families are no service users
    [national] = analyse(["The government funded the scheme."], ["en"])
    assert "public_national" in national.entities["actors"]
    [fr] = analyse(["Le gouvernement wallon finance l'aide aux justiciables et aux probationnaires."], ["fr"])
    assert {"public_regional", "service_users"} <= set(fr.entities["actors"])
    assert "public_national" not in fr.entities["actors"]


def test_no_bodies_web_sites_authors_streets_grants_and_kinds_of_body():
    [en] = analyse(
        [
            "AskThem.io lets people write to officials. VeleHanden is a Dutch platform for volunteers. Share it on "
            "Facebook. As shown by Spada et al. 2012, the Brownfield Cleanup Agreement and a Technical Assistance "
            "Grant helped. The site held the First Avenue Office Building. Every school must have a School "
            "Management Committee. Tenants and Residents Associations could apply."
        ],
        ["en"],
    )
    names = {normalise_name(o["name"]) for o in en.entities["organisations"]}
    assert not names & {
        "askthem", "velehanden", "facebook", "spada", "brownfield cleanup agreement", "technical assistance grant",
        "first avenue office building", "office building", "school management committee",
        "tenants and residents associations",
    }  # fmt: skip
    [fr] = analyse(["Le bureau de la conseillère municipale Tiffany Cabán a organisé le vote."], ["fr"])
    assert "Tiffany Cabán" not in {o["name"] for o in fr.entities["organisations"]}


def test_organisation_spans_and_quoted_names_after_a_cue():
    [fr] = analyse(
        [
            "Organisme porteur : Verein NEUSTART, sous contrat avec le ministère fédéral de la Justice.\n"
            "Au lycée, le collectif « Touche pas à ma ZEP » rassemble des enseignants ; le mouvement « Vous puez » "
            "manifeste."
        ],
        ["fr"],
    )
    orgs = org_kinds(fr.entities)
    assert orgs.get("Touche pas à ma ZEP") == "civil_society" and "ZEP" not in orgs
    assert orgs.get("Vous puez") == "civil_society"
    [en] = analyse(["OpenCongress ran from 2007 to 2013, with the Sunlight Foundation as primary supporter."], ["en"])
    assert "Sunlight Foundation" in {o["name"] for o in en.entities["organisations"]}


def test_a_body_is_named_with_the_country_or_region_of_its_branch():
    fr, fr2, en, en2, apart = analyse(
        [
            "Avec Greenpeace France et Oxfam France, l'association a lancé une pétition en 2019.",
            "La FDGDON de la Manche coordonne la lutte contre le frelon asiatique.",
            "In 2016 the ACLU of Ohio sued the city over its stop-and-frisk policy.",
            "UNICEF Uganda trained 300 volunteers with ActionAid Malawi.",
            "In 2015 UNICEF in Uganda trained 300 volunteers.",
        ],
        ["fr", "fr", "en", "en", "en"],
    )
    assert set(org_kinds(fr.entities)) == {"Greenpeace France", "Oxfam France"}
    assert fr.entities["countries"] == []  # a country inside a body's name is not the text's country (the gold's rule)
    assert set(org_kinds(fr2.entities)) == {"FDGDON de la Manche"}
    assert set(org_kinds(en.entities)) == {"ACLU of Ohio"} and en.entities["countries"] == ["US"]  # a region still is
    assert set(org_kinds(en2.entities)) == {"UNICEF Uganda", "ActionAid Malawi"}
    assert set(org_kinds(apart.entities)) == {"UNICEF"} and apart.entities["countries"] == ["UG"]  # "in" parts them


def test_a_french_school_named_by_a_proper_name_is_a_public_body():
    named, place, former = analyse(
        [
            "Les élèves de l'école Bizanet et du collège Victor Schoelcher ont dessiné la cour avec leurs parents.",
            "Les parents de l'école de Bizanet ont dessiné la cour.",
            "En 2016 l'association s'installe dans l'ancienne école André-Moine, propriété de la Ville.",
        ],
        ["fr", "fr", "fr"],
    )
    assert org_kinds(named.entities) == {"école Bizanet": "public", "collège Victor Schoelcher": "public"}
    assert not any("cole" in name for name in org_kinds(place.entities))  # a place's school, not a name
    assert not any("cole" in name for name in org_kinds(former.entities))  # a building


def test_the_learned_organisation_check_is_plain_data():
    from casemine.org_filter import OrganisationFilter, shipped_filter

    model = shipped_filter()
    assert model is not None and model.weights_ and 0 < model.threshold_ < 1
    fitted = OrganisationFilter(C=10.0, threshold=0.5, min_count=1).fit(
        [["a"], ["a"], ["b"], ["b"]], [1, 1, 0, 0], ["x", "y", "z", "w"]
    )
    assert fitted.keep(["a"]) and not fitted.keep(["b"])
    again = OrganisationFilter.from_json(fitted.to_json())
    assert again.probability(["a"]) == fitted.probability(["a"])


def test_the_organisation_check_asks_more_of_names_in_long_texts(monkeypatch):
    from casemine.org_filter import Candidate, OrganisationFilter, select, shipped_filter

    fitted = OrganisationFilter(C=1e4, threshold=0.3, min_count=1, long_threshold=0.45, long_chars=6000).fit(
        [["a"]] * 5, [1, 1, 0, 0, 0], list("vwxyz")
    )  # a name with feature "a" is a body two times in five
    assert 0.3 < fitted.probability(["a"]) < 0.45
    name = Candidate("Riverside Forum", "riverside forum", 0, None, "other", {""}, features=["a"])
    assert [o["name"] for o in select([name], fitted, chars=5999)] == ["Riverside Forum"]
    assert select([name], fitted, chars=6000) == []
    again = OrganisationFilter.from_json(fitted.to_json())
    assert (again.long_threshold, again.long_chars) == (0.45, 6000) and not again.keep(["a"], chars=9000)
    assert OrganisationFilter(long_threshold=None).fit([["a"]] * 5, [1, 1, 0, 0, 0], list("vwxyz")).bar(9000) == 0.3

    text = "In Dhaka, the NGO Waste Concern trained residents to compost their kitchen waste."
    assert "Waste Concern" in {o["name"] for o in analyse([text], ["en"])[0].entities["organisations"]}
    monkeypatch.setattr(shipped_filter(), "long_threshold", 1.0)
    monkeypatch.setattr(shipped_filter(), "long_chars", len(text))  # the extraction gives the check the text's length
    assert "Waste Concern" not in {o["name"] for o in analyse([text], ["en"])[0].entities["organisations"]}


def test_the_organisation_check_reads_what_a_name_means_from_its_vector(monkeypatch):
    from casemine import vectors
    from casemine.org_filter import Candidate, OrganisationFilter, select, shipped_filter

    bodies = ["Ministry of Health", "City Council of Leeds", "Tenants' Association of Riverside", "Red Cross",
              "ministère de l'Éducation nationale", "Fédération des centres sociaux", "National Health Service",
              "Conseil départemental du Nord"]  # fmt: skip
    others = ["Participatory Budgeting", "Summer Festival", "Open Data Day", "Climate Plan", "Journée citoyenne",
              "Plan Vélo", "Neighbourhood Watch Week", "Budget participatif"]  # fmt: skip
    names = bodies + others
    fitted = OrganisationFilter(C=100.0, threshold=0.5, min_count=1, name_vectors=1.0).fit(
        [["x"]] * len(names), [1] * len(bodies) + [0] * len(others), names, vectors.sentence_vectors(names, False)
    )  # the features say nothing: only the vectors tell bodies from events and plans

    def cand(name: str) -> Candidate:
        return Candidate(name, normalise_name(name), 0, None, "other", {""}, features=["x"])

    chosen = select([cand("Department of Transport"), cand("Spring Fair"), cand("association des parents")], fitted)
    assert [o["name"] for o in chosen] == ["Department of Transport", "association des parents"]
    again = OrganisationFilter.from_json(fitted.to_json())
    [vector] = vectors.sentence_vectors(["Spring Fair"], False)
    assert again.probability(["x"], vector) == pytest.approx(fitted.probability(["x"], vector), abs=1e-6)
    with pytest.raises(ValueError, match="vector"):
        fitted.probability(["x"])
    if shipped_filter().reads_vectors:  # shipped weights read the encoder they were fitted with, or none
        monkeypatch.setattr(vectors, "encoder_version", lambda: "0.0.1")
        with pytest.raises(vectors.EncoderMissing, match="install it with"):
            shipped_filter.__wrapped__()


def test_region_words_for_areas_and_government_words_by_the_text_level():
    [fr] = analyse(["Des groupes ont été reconnus dans toutes les régions, surtout dans la région parisienne."], ["fr"])
    assert "public_regional" not in fr.entities["actors"]  # areas, not regional bodies
    [body] = analyse(["La région finance le projet avec le conseil régional."], ["fr"])
    assert "public_regional" in body.entities["actors"]
    [en] = analyse(
        ["The Flemish government decided. One minister wanted the tunnel scrapped; the government then waited."],
        ["en"],
    )
    assert "public_regional" in en.entities["actors"] and "public_national" not in en.entities["actors"]
    [both] = analyse(["Find your officials in federal or state government. The city paid."], ["en"])
    assert {"public_national", "public_regional", "public_local"} <= set(both.entities["actors"])


def test_capitalised_town_with_a_place_is_a_public_body():
    [fr] = analyse(["Depuis 2005, la Ville de Vernier (GE) soutient des contrats de quartier."], ["fr"])
    assert {"name": "Ville de Vernier", "kind": "public"} in fr.entities["organisations"]
    assert "Vernier" in fr.entities["places"] and "CH" in fr.entities["countries"]


def test_capitalised_names_ending_with_a_body_noun(stock_ner):
    from casemine.entities import extract_entities
    from casemine.nlp import load_pipeline

    nlp = load_pipeline("en")
    doc = nlp(
        "Naiskodukaitse, the Women's Voluntary Defence Organisation, was founded in 1927. Groups such as "
        "Girl Guides could apply. The Committee met twice."
    )
    features: list = []  # the rules' candidates, before the learned check
    names = {o["name"] for o in extract_entities(doc, nlp, "en", org_features=features)["organisations"]}
    assert "Women's Voluntary Defence Organisation" in names
    assert "Girl Guides" in names
    from casemine.organisations import headed_names

    assert [h.text for h in headed_names(doc)] == ["Women's Voluntary Defence Organisation", "Girl Guides"]


def test_whole_word_counts_match_the_regular_expression_they_replace():
    import re

    from casemine.names import count_whole

    text = "Oxfam, Oxfam's team and OxfamGB; _Oxfam; l'Oxfam-Québec. Oxfam\nOxfamOxfam Oxfam"
    for name in ["Oxfam", "Oxfam's", "Oxfam-Québec", "Québec", "am", "Oxfam Oxfam"]:
        expected = len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text))
        assert count_whole(text, name) == expected, name
    assert count_whole(text, "Oxfam", limit=2) == 2


def test_actors_named_only_as_absent_or_as_unpaid():
    [fr] = analyse(
        ["Il n'existe ni comité d'usagers ni conseil de quartier ; le pays est resté sans gouvernement un an."], ["fr"]
    )
    assert not {"service_users", "public_national"} & set(fr.entities["actors"])
    [en] = analyse(
        ["The permits are run not by civil servants but by private operators; no volunteers helped."], ["en"]
    )
    assert not {"professionals", "volunteers"} & set(en.entities["actors"])
    [only] = analyse(["Not only residents but also shop owners took part."], ["en"])
    assert "citizens" in only.entities["actors"]
    [fr_unpaid] = analyse(["Des animateurs bénévoles guident les tables."], ["fr"])
    [en_unpaid] = analyse(["Volunteer doctors ran the clinic."], ["en"])
    for unpaid in (fr_unpaid, en_unpaid):
        assert unpaid.entities["actors"] == ["volunteers"]  # unpaid facilitators and doctors are no paid staff


def test_actor_word_senses_fixed_phrases_and_new_terms(stock_ner):
    [fr] = analyse(
        [
            "Le mouvement étudiant a occupé la place. Les parties communes sont nettoyées. La confiance du public a "
            "grandi. L'organisation recrute et équipe les gardes."
        ],
        ["fr"],
    )
    assert {"citizens", "professionals"} <= set(fr.entities["actors"])
    assert not {"service_users", "public_local"} & set(fr.entities["actors"])
    [en] = analyse(
        ["The student movement occupied the square. Public trust in the scheme grew. The public can fix errors."],
        ["en"],
    )
    assert en.entities["actors"] == ["citizens"]  # no students, no trust as a body
    [capital] = analyse(["The Public Accounts Committee criticised the plan."], ["en"])
    assert "citizens" not in capital.entities["actors"]
    [fr_terms] = analyse(
        [
            "Un agent de santé visite les familles ; des civils ont été évacués ; les consommateurs paient ; "
            "l'inspecteur veille. Une fiducie foncière a racheté les maisons."
        ],
        ["fr"],
    )
    [en_terms] = analyse(
        [
            "A health worker visits each hamlet; civilians were evacuated; consumers pay the tariff; an inspector "
            "checks the sites. A community land trust bought the houses."
        ],
        ["en"],
    )
    for terms in (fr_terms, en_terms):
        assert {"citizens", "service_users", "professionals", "csos"} <= set(terms.entities["actors"])


def test_region_words_for_named_areas_and_adjectives_of_things(stock_ner):
    [fr] = analyse(
        [
            "Le projet couvre le département de Mbour, dans la région de Thiès ; des réunions ont eu lieu dans les "
            "24 gouvernorats. Les routes cantonales et les sociétés régionales sont concernées."
        ],
        ["fr"],
    )
    assert "public_regional" not in fr.entities["actors"]
    [body] = analyse(["Le canton de Genève finance le projet."], ["fr"])
    assert "public_regional" in body.entities["actors"]
    [en] = analyse(
        ["The scheme runs in the Western Canadian province of Alberta. Regional companies were reviewed."], ["en"]
    )
    assert "public_regional" not in en.entities["actors"]
    [named] = analyse(
        ["The project was funded by the Tuscany Region and run by the Municipality of Buonconvento."], ["en"]
    )
    assert {"name": "Tuscany Region", "kind": "public"} in named.entities["organisations"]
    assert "public_regional" in named.entities["actors"]  # a public body named with "Region"


def test_website_users_demography_and_willingness_name_no_actor():
    [en] = analyse(
        ["Users of the website can post ideas. The fast-ageing population strains the budget."],
        ["en"],
    )
    assert en.entities["actors"] == []
    [fr] = analyse(
        [
            "Les utilisateurs de la plateforme votent en ligne. Face au vieillissement de la population, les "
            "communes adhèrent sur la base du volontariat."
        ],
        ["fr"],
    )
    assert not {"service_users", "citizens", "volunteers"} & set(fr.entities["actors"])
    [service] = analyse(["Le guichet permet à tout usager de déposer une réclamation en ligne."], ["fr"])
    assert "service_users" in service.entities["actors"]  # an "usager" is a public-service user, online or not


def test_community_as_local_people_and_elected_people_by_level():
    [fr] = analyse(["Les jeunes retournent ensuite dans leur communauté."], ["fr"])
    assert fr.entities["actors"] == ["citizens"]
    [en] = analyse(["The school was built while the community kept responsibility for repairs."], ["en"])
    assert "citizens" in en.entities["actors"]
    [fr_not] = analyse(["Toute la communauté éducative et la communauté de communes sont invitées."], ["fr"])
    assert "citizens" not in fr_not.entities["actors"]
    [en_not] = analyse(["Community groups met the community and voluntary sectors."], ["en"])
    assert "citizens" not in en_not.entities["actors"]
    [fr_elected] = analyse(
        ["Les conseillers municipaux et les élus locaux ont voté ; la police cantonale patrouille."], ["fr"]
    )
    [en_elected] = analyse(
        ["Two state legislators and local councillors backed it; elected officials attended."], ["en"]
    )
    for elected in (fr_elected, en_elected):
        assert elected.entities["actors"] == ["public_regional", "public_local"]  # elected people give their level


def test_county_bodies_are_local_and_words_of_willingness_and_adjectives():
    [en] = analyse(["The County Council asked local people; the county paid for the venue."], ["en"])
    assert "public_local" in en.entities["actors"] and "public_regional" not in en.entities["actors"]
    [fr] = analyse(["Le conseil de comté a consulté les habitants."], ["fr"])
    assert "public_local" in fr.entities["actors"]
    [willing] = analyse(
        ["L'État rénove les écoles des maîtres volontaires ; toute femme volontaire peut s'inscrire."], ["fr"]
    )
    assert "volunteers" not in willing.entities["actors"]
    [unpaid] = analyse(["Des volontaires et 200 volontaires encadrent les sorties."], ["fr"])
    assert "volunteers" in unpaid.entities["actors"]
    [fr_adj] = analyse(
        ["Les centres publics ouvrent ; l'échange régional et les fédérations départementales préparent la rentrée."],
        ["fr"],
    )
    assert not {"citizens", "public_regional"} & set(fr_adj.entities["actors"])
    [en_adj] = analyse(["Make the data public; the regional exchange and regional federations met."], ["en"])
    assert not {"citizens", "public_regional"} & set(en_adj.entities["actors"])


def test_more_staff_and_user_terms():
    [en] = analyse(["The council's co-ordinator and an outreach worker met welfare recipients."], ["en"])
    [fr] = analyse(
        ["Le coordinateur et les travailleurs de rue rencontrent les bénéficiaires de l'aide sociale."], ["fr"]
    )
    for found in (en, fr):
        assert {"professionals", "service_users"} <= set(found.entities["actors"])


def test_adjective_actor_words_joined_to_a_noun_and_farmers_named_twice():
    [fr] = analyse(["Les patients / proches racontent leur expérience en ligne."], ["fr"])
    assert {"service_users", "carers"} <= set(fr.entities["actors"])
    [once_fr] = analyse(["Habitants, agriculteurs, chasseurs et pêcheurs ont été consultés."], ["fr"])
    [once_en] = analyse(["Local residents, business owners and farmers were consulted."], ["en"])
    for once in (once_fr, once_en):
        assert "service_users" not in once.entities["actors"]  # farmers in a list of local people
    [twice_fr] = analyse(["Le conseil aux agriculteurs est gratuit ; les agriculteurs choisissent les thèmes."], ["fr"])
    [twice_en] = analyse(["Advisers visit farmers; farmers decide what advice they need."], ["en"])
    for twice in (twice_fr, twice_en):
        assert "service_users" in twice.entities["actors"]


def test_negations_of_verbs_and_other_nouns_leave_the_actor_named():
    [en] = analyse(
        [
            "Volunteers must not replace paid staff. The asbestos was not touched by volunteers. Not all residents drive."
        ],
        ["en"],
    )
    assert {"volunteers", "professionals", "citizens"} <= set(en.entities["actors"])
    [fr] = analyse(["Les maires ont fait leurs premiers pas comme coordinatrices du réseau."], ["fr"])
    assert "professionals" in fr.entities["actors"]  # "pas" is a step here, not a negation
    [partner] = analyse(["The district works with the province of Lower Austria on the plan."], ["en"])
    assert "public_regional" in partner.entities["actors"]
    [compound] = analyse(["It funds community-based prevention in every village."], ["en"])
    assert "citizens" not in compound.entities["actors"]


def test_civilian_as_an_adjective_and_in_public_name_no_citizens():
    [en] = analyse(["Reservists keep their civilian jobs; the board meets monthly in public."], ["en"])
    assert "citizens" not in en.entities["actors"]
    [fr] = analyse(["Le conseil siège en public."], ["fr"])
    assert "citizens" not in fr.entities["actors"]


def test_youth_and_jobless_people():
    [en] = analyse(["The campaign was launched by youth and young people; it helps jobless families."], ["en"])
    [fr] = analyse(["Les jeunes du quartier ont été formés ; le projet aide les personnes sans emploi."], ["fr"])
    for found in (en, fr):
        assert {"citizens", "service_users"} <= set(found.entities["actors"])
    [care] = analyse(["The law covers youth care and youth councils."], ["en"])
    assert "citizens" not in care.entities["actors"]
    [adjective] = analyse(["De jeunes enfants jouent."], ["fr"])
    assert "citizens" not in adjective.entities["actors"]


def test_trainees_app_users_and_provincial_authorities():
    [en] = analyse(
        ["Trainees and users of the app rated the service; the provincial authorities sided with them."], ["en"]
    )
    [fr] = analyse(["Les stagiaires notent le service ; les autorités provinciales les soutiennent."], ["fr"])
    for found in (en, fr):
        assert {"service_users", "public_regional"} <= set(found.entities["actors"])


def test_civil_society_from_group_descriptions():
    [en] = analyse(["Protest groups and a not for profit body opposed the tunnel."], ["en"])
    [fr] = analyse(["Des groupes de pression et une structure à but non lucratif s'opposent au tunnel."], ["fr"])
    for found in (en, fr):
        assert "csos" in found.entities["actors"]


def test_national_courts_and_the_military():
    [en] = analyse(["The High Court rejected the claim and the military stayed out."], ["en"])
    [fr] = analyse(["La Cour des comptes et le Conseil d'État ont critiqué la réforme."], ["fr"])
    for found in (en, fr):
        assert "public_national" in found.entities["actors"]


def test_volunteers_heading_their_phrase_and_volunteer_firefighters():
    [fr] = analyse(["Des jeunes volontaires et des sapeurs-pompiers volontaires assurent les secours."], ["fr"])
    assert "volunteers" in fr.entities["actors"]
    [willing] = analyse(["Une quarantaine de collèges volontaires testent le dispositif."], ["fr"])
    assert "volunteers" not in willing.entities["actors"]
    [en] = analyse(["Volunteer firefighters answer most calls."], ["en"])
    assert "volunteers" in en.entities["actors"]


def test_the_learned_organisation_model_sees_refused_names_and_keeps_only_what_it_should(stock_ner):
    from casemine.entities import extract_entities
    from casemine.nlp import load_pipeline

    nlp = load_pipeline("en")
    text = (
        "Volunteers of the Riverside Tenants Association run the repair café with the Ministry of Health. "
        "The town wanted to have a Mental Health Commission one day."
    )
    doc = nlp(text)
    candidates: list = []
    extract_entities(doc, nlp, "en", org_features=candidates)
    by_name = {c.name: c for c in candidates}
    assert by_name["a Mental Health Commission"].reasons == {"not_a_name"}  # refused by a rule, with why
    assert by_name["Ministry of Health"].ruled and "kind=public" in by_name["Ministry of Health"].features
    names = {o["name"] for o in extract_entities(nlp(text), nlp, "en")["organisations"]}
    assert {"Riverside Tenants Association", "Ministry of Health"} <= names
    assert not any("Mental Health Commission" in n for n in names)


def test_organisation_selection_keeps_each_body_once_and_refused_names_stay_out():
    from casemine.org_filter import Candidate, OrganisationFilter, select

    def cand(name: str, ruled: bool = True) -> Candidate:
        from casemine.names import normalise_name

        return Candidate(name, normalise_name(name), 0, None, "public", {"" if ruled else "place"}, features=["x"])

    model = OrganisationFilter.from_json({"params": {"rescue": None}, "bias": 5.0, "threshold": 0.3, "weights": {}})
    chosen = select(
        [cand("Conseil départemental du Nord"), cand("Conseil départemental"), cand("NCA"),
         cand("National Constituent Assembly"), cand("Lille", ruled=False)],
        model,
    )  # fmt: skip
    assert [o["name"] for o in chosen] == ["Conseil départemental du Nord", "National Constituent Assembly"]
    refuses = OrganisationFilter.from_json({"params": {}, "bias": -5.0, "threshold": 0.3, "weights": {}})
    assert select([cand("Conseil départemental du Nord")], refuses) == []
    rescuing = OrganisationFilter.from_json({"params": {"rescue": 0.9}, "bias": 5.0, "threshold": 0.3, "weights": {}})
    assert [o["name"] for o in select([cand("Lille", ruled=False)], rescuing)] == ["Lille"]


def test_the_shipped_organisation_weights_load_and_apply_without_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys; from casemine.org_filter import shipped_filter; from casemine.nlp import analyse; "
        "m = shipped_filter(); assert m is not None and m.rescue is None and len(m.weights_) > 50; "
        "[a] = analyse(['The Riverside Tenants Association works with the Ministry of Health.'], ['en']); "
        "assert a.entities['organisations'], a.entities; "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_unqualified_government_of_a_federated_region_is_regional():
    fr, en, federal, sn = analyse(
        [
            "Au Québec, le gouvernement a lancé une consultation et le ministère a publié le bilan.",
            "In Queensland, the government asked the minister to fund the patrols.",
            "Au Québec, le gouvernement fédéral et le ministère ont financé le réseau.",
            "Au Sénégal, le gouvernement a confié le service à une société.",
        ],
        ["fr", "en", "fr", "fr"],
    )
    assert "public_regional" in fr.entities["actors"] and "public_national" not in fr.entities["actors"]
    assert "public_regional" in en.entities["actors"] and "public_national" not in en.entities["actors"]
    assert "public_national" in federal.entities["actors"]  # the text names the federal level
    assert sn.entities["actors"] == ["public_national"]  # not a federation


def test_a_named_state_is_regional_not_the_nation():
    state, nation, army = analyse(
        [
            "Porto Alegre est la capitale de l'État du Rio Grande do Sul.",
            "La convention est signée par l'État du Sénégal.",
            "Les objectifs sont fixés par l'état-major.",
        ],
        ["fr", "fr", "fr"],
    )
    assert "public_regional" in state.entities["actors"] and "public_national" not in state.entities["actors"]
    assert "public_national" in nation.entities["actors"]
    assert "public_national" not in army.entities["actors"]


def test_actor_words_in_hyphenated_qualifiers_name_no_actor():
    [en] = analyse(
        ["The council built a user-friendly website and customer-focused services with government-relevant data."],
        ["en"],
    )
    assert "service_users" not in en.entities["actors"] and "public_national" not in en.entities["actors"]
    [led] = analyse(["The audit is user-led: service users interview other users."], ["en"])
    assert "service_users" in led.entities["actors"]


def test_generic_bodies_without_a_proper_name_are_no_organisations():
    en, fr = analyse(
        [
            "The City Council approved the plan and the Federal Government funded it. Leeds City Council ran it.",
            "Le Gouvernement a saisi le Parlement et le Conseil fédéral.",
        ],
        ["en", "fr"],
    )
    names = {o["name"] for o in en.entities["organisations"]}
    assert not names & {"City Council", "Federal Government", "the Federal Government"}
    assert {"public_local", "public_national"} <= set(en.entities["actors"])  # the levels still count
    assert "Gouvernement" not in {o["name"] for o in fr.entities["organisations"]}


def test_civil_society_terms_for_committees_and_local_organisations():
    en, fr = analyse(
        [
            "Participating households elect community committees; neighbourhood groups and support orgs help.",
            "Dans chaque village, les comités villageois gèrent les fonds avec des organisations de quartier.",
        ],
        ["en", "fr"],
    )
    assert "csos" in en.entities["actors"] and "csos" in fr.entities["actors"]
    [commons] = analyse(["Six commissions de la Chambre des communes ont réuni une assemblée."], ["fr"])
    assert "public_local" not in commons.entities["actors"]
    [benef] = analyse(["The scheme reached 300 beneficiaries in each city."], ["en"])
    assert "service_users" not in benef.entities["actors"]


def test_kind_cues_for_administrations_and_community_centres():
    assert organisation_kind("Cultural Heritage Administration") == "public"
    assert organisation_kind("Icelandic Coast Guard") == "public"
    assert organisation_kind("Administration générale de la Culture") == "public"
    assert organisation_kind("Eastfield Community Centre") == "civil_society"
    assert organisation_kind("Fédération Wallonie-Bruxelles") == "public"  # a government, despite "Fédération"
    assert organisation_kind("the Participatory Budgeting Unit") == "civil_society"


def test_a_ministry_of_a_federated_region_is_regional():
    from casemine.actors import ministry_only

    assert ministry_only("ministère de l'Agriculture, des Pêcheries et de l'Alimentation")
    assert not ministry_only("Ministère fédéral de la Santé") and not ministry_only("National Transport Authority")
    [qc] = analyse(
        [
            "Pays : Canada (Québec). Les clubs sont soutenus par le ministère de l'Agriculture, des Pêcheries et de "
            "l'Alimentation."
        ],
        ["fr"],
    )
    assert "public_regional" in qc.entities["actors"] and "public_national" not in qc.entities["actors"]


def test_an_acronym_bracketed_after_a_kept_name_is_the_same_body():
    from casemine.acronyms import bracketed_after

    text = "Le ministère de l'Agriculture, des Pêcheries et de l'Alimentation (MAPAQ) finance les clubs."
    assert bracketed_after("MAPAQ", "le ministère de l'Agriculture, des Pêcheries et de l'Alimentation", text)
    assert bracketed_after("HSE", "the Health Service Executive", "It works with the Health Service Executive (HSE).")
    tail = "Elle forme à l'École de l'aviation légère de l'armée de Terre (EALAT)."
    assert not bracketed_after("EALAT", "armée de Terre", tail)  # the tail of a longer name


def test_local_bodies_named_by_school_districts_and_city_staff():
    en, fr = analyse(
        [
            "Every school district must consult parents; city staff answered the residents.",
            "La commission scolaire et les élus municipaux ont consulté les parents.",
        ],
        ["en", "fr"],
    )
    assert "public_local" in en.entities["actors"] and "public_local" in fr.entities["actors"]


def test_actor_evidence_gives_each_match_its_verdict():
    """The matcher's evidence for the learned decision (bench/actor_model.py): every actor-term match with why the
    rules refuse it, "" for the ones that count, as the extraction itself counts them."""
    from casemine.nlp import load_pipeline
    from casemine.phrases import matchers

    cases = {
        "fr": "Le pays est resté sans gouvernement un an. Des bénévoles et des animateurs bénévoles guident les tables.",
        "en": "The tool is user-friendly. No volunteers helped; residents and social workers ran the scheme.",
    }
    verdicts = {}
    for lang, text in cases.items():
        nlp = load_pipeline(lang)
        doc = nlp(text)
        verdicts[lang] = {(kind, span.text, why) for kind, span, why in matchers(nlp).actor_evidence(doc)}
        counted = {kind for kind, _, why in matchers(nlp).actor_evidence(doc) if not why}
        assert counted == {value for label, value, _ in matchers(nlp)(doc) if label.startswith("ACTOR")}
    assert ("public_national", "gouvernement", "negated") in verdicts["fr"]
    assert ("volunteers", "bénévoles", "") in verdicts["fr"]
    assert ("professionals", "animateurs", "not_staff") in verdicts["fr"]
    assert ("service_users", "user", "compound") in verdicts["en"]
    assert ("volunteers", "volunteers", "negated") in verdicts["en"]
    assert {("citizens", "residents", ""), ("professionals", "social workers", "")} <= verdicts["en"]


def test_occupations_care_settings_and_federal_words_name_their_actor_kinds():
    en, fr = analyse(
        [
            "A geographer and two physiotherapists ran the sessions; federal money paid for the gram panchayat's "
            "work with homeless people.",
            "Une sage-femme et un ingénieur agronome ont suivi les sans-abri hébergés ; le financement fédéral "
            "et les Länder ont aidé une asso du quartier.",
        ],
        ["en", "fr"],
    )
    for case in (en, fr):
        assert {"professionals", "public_national", "service_users"} <= set(case.entities["actors"])
    assert "public_local" in en.entities["actors"]  # the gram panchayat, a village council
    assert {"public_regional", "csos"} <= set(fr.entities["actors"])  # the Länder; "asso", an association
    [plain] = analyse(["The town's soldiers, builders and economists took part."], ["en"])
    assert "professionals" not in plain.entities["actors"]  # occupations the gold does not count
    [land] = analyse(["The federal state of Bavaria paid for the pilot."], ["en"])
    assert land.entities["actors"] == ["public_regional"]  # "federal" inside a regional term names no federation


def test_a_place_before_lower_case_municipality_names_the_municipal_body():
    [nordic] = analyse(["Trondheim municipality ran the nursing home, and Oslo municipality paid for it."], ["en"])
    names = {(o["name"], o["kind"]) for o in nordic.entities["organisations"]}
    assert {("Trondheim municipality", "public"), ("Oslo municipality", "public")} <= names
    [plain] = analyse(["Each municipality chose its projects; the Municipality decided."], ["en"])
    assert plain.entities["organisations"] == []  # no name before the word
