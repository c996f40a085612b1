"""Actor kinds named in a text (citizens, service users, volunteers, carers, CSOs, professionals, public
bodies by level): the bilingual term lists and their filters."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from casemine.names import entity_data, normalise_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

ACTOR_KINDS = (
    "citizens",
    "service_users",
    "volunteers",
    "carers",
    "csos",
    "professionals",
    "public_national",
    "public_regional",
    "public_local",
)


def inflections(term: str, lang: str) -> list[str]:
    """A term with its regular plural (and, in French, feminine) forms, so that the lists need name each
    word once: "régional" -> "régionale", "régionales", "régionaux"; "usager" -> "usagère", "usagers";
    "agency" -> "agencies". Multi-word terms get their last word inflected ("travailleur social" ->
    "travailleurs sociaux" is left to the list), acronyms and names with a capital are kept as written."""
    if not re.fullmatch(r"[a-zà-ÿœæ-]{3,}", term):
        return [term]
    if lang == "en":
        if term.endswith("s"):
            return [term]
        if re.search(r"[^aeiou]y$", term):
            return [term, term[:-1] + "ies"]
        return [term, term + ("es" if term.endswith(("ch", "sh", "x")) else "s")]
    if term.endswith(("s", "x")):
        return [term]
    if term.endswith("al"):
        feminine = [term + "e"]
        plurals = [term[:-2] + "aux"]
    elif term.endswith("teur"):
        feminine = [term[:-4] + "trice", term[:-4] + "teuse"]
        plurals = [term + "s"]
    elif term.endswith("eur"):
        feminine = [term[:-3] + "euse"]
        plurals = [term + "s"]
    elif term.endswith("er"):
        feminine = [term[:-2] + "ère"]
        plurals = [term + "s"]
    elif term.endswith(("el", "en", "on")):
        feminine = [term + term[-1] + "e"]
        plurals = [term + "s"]
    elif term.endswith("e"):
        feminine, plurals = [], [term + "s"]
    else:
        feminine, plurals = [term + "e"], [term + "s"]
    return [term, *plurals, *feminine, *(f + "s" for f in feminine)]


@cache
def actor_terms() -> dict[str, list[str]]:
    """Each actor kind's words in English and French, with their regular inflected forms."""
    actors = entity_data("actors.json")["actors"]
    terms = {}
    for kind in ACTOR_KINDS:
        forms = [form for lang in ("en", "fr") for term in actors[kind][lang] for form in inflections(term, lang)]
        terms[kind] = list(dict.fromkeys(forms))
    return terms


@cache
def actor_filters() -> tuple[set[str], list[str], set[str]]:
    """Terms that count only as nouns (with their inflected forms), phrases in which no actor term counts, and
    the nouns (keys) an adjective term may qualify without naming a body ("rencontres régionales")."""
    raw = entity_data("actors.json")
    noun_only = {form for t in raw["noun_only"] for lang in ("en", "fr") for form in inflections(t, lang)}
    return {t.casefold() for t in noun_only}, raw["not_actors"], {normalise_name(n) for n in raw["adjective_not_for"]}


@cache
def common_noun_only() -> set[str]:
    """Terms that name an actor only as a lower-case common noun ("the public" sense of "public"), with their
    inflected forms ("publics")."""
    raw = entity_data("actors.json")["common_noun_only"]
    return {form.casefold() for t in raw for lang in ("en", "fr") for form in inflections(t, lang)}


@cache
def repeated_only() -> set[str]:
    """Terms that name an actor kind only when the text names them twice or more: farmers are service users
    when a case serves them ("conseil aux producteurs", "farmers decide what advice they need"), not when they are
    one group in a list of local people ("habitants, agriculteurs, chasseurs")."""
    raw = entity_data("actors.json")["repeated_only"]
    return {form.casefold() for t in raw for lang in ("en", "fr") for form in inflections(t, lang)}


@cache
def _level_words() -> dict[str, set[str]]:
    return {
        kind: {normalise_name(w) for w in words} for kind, words in entity_data("actors.json")["level_words"].items()
    }


def public_levels(name: str) -> list[str]:
    """The levels of government a public body's name gives: "National Transport Authority" -> public_national,
    "Conseil départemental du Nord" -> public_regional."""
    words = set(normalise_name(name).split())
    return [kind for kind, cues in _level_words().items() if words & cues]


@cache
def _government_qualifiers() -> tuple[set[str], dict[str, str]]:
    raw = entity_data("actors.json")
    words = {
        w.casefold(): kind for kind, ws in raw["government_qualifiers"].items() if not kind.startswith("_") for w in ws
    }
    return {w.casefold() for w in raw["generic_government"]}, words


def qualified_government(span: Span) -> list[str]:
    """The level of a generic government word its qualifier names: "the Flemish government" and "state
    government" are regional, "local and state government" and "city government" local or regional,
    "le gouvernement wallon" regional, "federal or state government" national and regional; none for an
    unqualified "the government"."""
    generic, qualifiers = _government_qualifiers()
    if span.text.casefold() not in generic:
        return []
    doc = span.doc
    levels = []
    i = span.start - 1
    while i >= 0 and span.start - i <= 4:
        word = doc[i].text.casefold()
        if word in qualifiers:
            levels.append(qualifiers[word])
        elif word not in ("and", "or", ",", "&") or not levels:
            break
        i -= 1
    if span.end < len(doc) and doc[span.end].text.casefold() in qualifiers:
        levels.append(qualifiers[doc[span.end].text.casefold()])
    return list(dict.fromkeys(levels))


def portfolio(span: Span) -> bool:
    """Whether a qualified government word is the remit of a ministry named just before it, not a body: "Department
    of the Environment, Community and Local Government", "Ministry of Local Government", "ministère de la
    Décentralisation et du Gouvernement local" are ministries (national), not local governments."""
    heads = _portfolio_heads()
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 12 and not doc[i].is_sent_start:
        token = doc[i]
        if token.lower_ in heads and token.text[:1].isupper() or token.lower_ in ("ministère", "ministry"):
            following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            return following in ("of", "for", "de", "du", "des", "d'", "d’")
        if not (
            token.is_title
            or token.is_upper
            or token.lower_ in _PORTFOLIO_LINKS
            or token.is_punct
            and token.text in ",&"
        ):
            return False
        i -= 1
    return False


@cache
def _portfolio_heads() -> frozenset[str]:
    return frozenset(w.casefold() for w in entity_data("actors.json")["portfolio_heads"])


_PORTFOLIO_LINKS = {
    "of",
    "for",
    "and",
    "the",
    "de",
    "du",
    "des",
    "la",
    "le",
    "l'",
    "l’",
    "et",
    "d'",
    "d’",
    "à",
    "au",
    "aux",
}


@cache
def _federated() -> tuple[frozenset[str], frozenset[str]]:
    raw = entity_data("actors.json")["federated_government"]
    return frozenset(raw["countries"]), frozenset(w.casefold() for w in raw["national_words"])


def ministry_only(name: str) -> bool:
    """Whether a public body's name gives the national level only by a ministry word ("ministère de l'Agriculture",
    not "Ministère fédéral de la Santé" nor "National Transport Authority"): in a federated region's text, the
    region's ministry."""
    ministries = {normalise_name(w) for w in entity_data("actors.json")["federated_government"]["ministry_words"]}
    national = set(normalise_name(name).split()) & _level_words()["public_national"]
    return bool(national) and national <= ministries


def federated_region_government(
    doc: Doc, region_countries: set[str], national_named: bool, named_countries: list[str] | None = None
) -> bool:
    """Whether an unqualified "the government", "le ministère" is a region's rather than the nation's: the text names
    a province or state of a country whose regions run public services with their own governments ("Québec",
    "Queensland", "Andalusia") and names no national level ("federal", "gouvernement fédéral", "national
    government"), and whose mentions of countries and regions (``named_countries``, one code a mention) are mostly
    of such countries (not "au Royaume-Uni comme aux Pays-Bas et au Québec"), as the gold sets read Québec cases."""
    countries, national_words = _federated()
    named = named_countries or []
    if national_named or not region_countries & countries or 2 * sum(c in countries for c in named) <= len(named):
        return False
    return not any(token.lower_ in national_words for token in doc)


def public_qualified(span: Span) -> bool:
    """A 'public_qualified' term named as public, international or partner bodies, or as the bodies of something,
    rather than civil society: "governmental organizations", "the organisations of the network", "organisations
    régionales"; "organisations et aînés autochtones", "human rights organisations" still count. 'group_qualified'
    terms likewise: "groups" are civil society ("residents / groups propose", "autodefensa groups") but not
    "small groups", "focus groups", "ethnic groups", "hard-to-reach groups", "groups of ten"."""
    doc = span.doc
    text = span.text.casefold()
    before = {doc[span.start - 1].lower_} if span.start > 0 else set()
    if span.start > 1:
        before.add(f"{doc[span.start - 2].lower_} {doc[span.start - 1].lower_}")
    if span.start > 0 and doc[span.start - 1].text == "-" and span.start > 1:
        before.add(doc[span.start - 2].lower_ + "-")  # "sub-groups", "hard-to-reach groups" tokenised apart
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    for key in ("public_qualified", "group_qualified"):
        raw = _senses_raw()[key]
        if text in raw["terms"] and (before & set(raw["before"]) or after in raw["after"]):
            return True
    return False


@cache
def _senses_raw() -> dict:
    return entity_data("actors.json")["senses"]


@cache
def _geographic_use() -> tuple[set[str], set[str], set[str], set[str], set[str], set[str]]:
    raw = entity_data("actors.json")["geographic_use"]
    return (
        {w.casefold() for w in raw["nouns"]},
        {w.casefold() for w in raw["before"]},
        {w.casefold() for w in raw["named_area_nouns"]},
        {w.casefold() for w in raw["of"]},
        {w.casefold() for w in raw["partner_before"]},
        {w.casefold() for w in raw["area_of_a_name"]},
    )


def _words_before(span: Span, n: int = 3) -> set[str]:
    """The lower-case forms of the ``n`` words before a span."""
    doc = span.doc
    return {doc[i].lower_ for i in range(max(0, span.start - n), span.start)}


def area_of_a_name(ent: Span) -> bool:
    """A body's name that starts with a lower-case area noun, used for the area: "dans le canton de Vaud", "tested
    in the municipality of Casamassima" are places; "soutenu par le canton de Genève", "in partnership with the
    municipality of Casamassima" the bodies."""
    _, before, _, _, partners, areas = _geographic_use()
    if not ent[0].is_lower or ent[0].lower_ not in areas:
        return False
    previous = _words_before(ent)
    return bool(previous & before) and not previous & partners


def geographic_use(span: Span) -> bool:
    """A region word used for an area, not a body: "dans toutes les régions", "dans les 24 gouvernorats", "in
    every province", "la région parisienne" (a lower-case adjective after it), "la région de Thiès", "the
    province of Alberta" (a lower-case area noun followed by the area's name; "the Province of Ontario", "le
    canton de Genève" and "with the province of Lower Austria", a partner, are the bodies)."""
    nouns, before, named, of, partners, _ = _geographic_use()
    text = span.text.casefold()
    if text not in nouns:
        return False
    doc = span.doc
    previous = _words_before(span)
    following = doc[span.end] if span.end < len(doc) else None
    adjective = following is not None and following.pos_ == "ADJ" and following.is_lower
    name = doc[span.end + 1] if span.end + 1 < len(doc) else None
    partner = previous & partners  # "with the province of Lower Austria": the body
    of_a_name = (
        text in named
        and not partner
        and span.text.islower()
        and following is not None
        and following.lower_ in of
        and name is not None
        and name.is_title
    )
    return bool(previous & before) or adjective or of_a_name


@cache
def _senses() -> dict[str, frozenset[str]]:
    raw = entity_data("actors.json")["senses"]
    return {key: frozenset(w.casefold() for w in words) for key, words in raw.items() if not key.startswith("_")}


def household(span: Span) -> bool:
    """Whether an actor word is one of the household words ("households", "ménages")."""
    return span.text.casefold() in _senses_raw()["recipients"]["terms"]


def recipients(span: Span) -> bool:
    """Whether a household word names the recipients of a service rather than the local people: qualified by a
    status of the service (eligible, enrolled, registered, beneficiary, receiving) or its income criterion
    ("enrolled households", "low-income households", "ménages bénéficiaires", "ménages à faibles revenus inscrits",
    "households receiving transfers"), as the gold conventions read households receiving cash transfers or housing
    (service users). Poverty alone is no status: "les ménages modestes participent peu", "the poorest households
    are little represented" are the local people taking part."""
    raw = _senses_raw()["recipients"]
    if not household(span):
        return False
    doc = span.doc
    for n in (1, 2, 3):  # "low-income" is three tokens, "à faibles revenus" three
        if span.start >= n and doc[span.start - n : span.start].text.casefold() in raw["before"]:
            return True
        if span.end + n <= len(doc) and doc[span.end : span.end + n].text.casefold() in raw["after"]:
            return True
    return False


def negated(span: Span) -> bool:
    """An actor named only as absent: a negation heading its noun phrase ("sans gouvernement", "pas de
    bénévoles", "ni comité d'usagers", "not by civil servants", "no paid teacher"), up to four words before it
    with only determiners, adjectives, numbers, prepositions, a noun taking it as complement or the noun it
    qualifies as an adjective ("sans équipe salariée") between. A
    negation of a verb ("must not replace paid staff", "not touched by volunteers") or of another noun ("at no
    charge to volunteers") leaves the actor named, and so does "not only residents", "not all residents"."""
    senses = _senses()
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - 5), -1):
        token = doc[i]
        used_as_noun = token.pos_ == "NOUN" or (i > 0 and doc[i - 1].pos_ in ("DET", "ADJ"))  # "premiers pas"
        if token.lower_ in senses["negations"] and not used_as_noun:
            following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            return following not in senses["negation_not_before"]
        complement = token.pos_ == "NOUN" and i + 1 < len(doc) and doc[i + 1].lower_ in senses["of"]
        qualified = token.pos_ == "NOUN" and i == span.start - 1 and span[0].pos_ == "ADJ"  # "sans équipe salariée"
        if token.pos_ not in ("DET", "ADJ", "NUM", "ADP") and not (complement or qualified):
            return False
    return False


def web_users(span: Span) -> bool:
    """Users of a website or a platform, who are no service users: "users of the website", "the site's registered
    users", "les utilisateurs de la plateforme" (a web word within eight words either side), and any user of a text
    that names a website or platform three times or more; users of an app still are, under the gold conventions,
    and so are those of a service offered online ("online filing … through the website")."""
    senses = _senses()
    if span.text.casefold() not in senses["user_words"]:
        return False
    doc = span.doc
    window = doc[max(0, span.start - 8) : min(len(doc), span.end + 8)]
    if any(token.lower_ in senses["web_words"] for token in window):
        return True
    return sum(token.lower_ in senses["web_places"] for token in doc) >= 3  # a text about a website or platform


def compound_modifier(span: Span) -> bool:
    """An actor word joined by a hyphen to a word that makes it qualify a thing, naming no actor: "user-friendly",
    "customer-focused", "government-relevant" (the senses' ``compound_tails``)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or doc[span.end].whitespace_ or span[-1].whitespace_:
        return False
    return doc[span.end + 1].lower_ in _senses()["compound_tails"]


def named_state(span: Span, country_starts: set[int] | frozenset[int] = frozenset()) -> bool:
    """A "État" followed by "de/du/des" and a capitalised name is a federated state, a regional body ("l'État du Rio
    Grande do Sul", "l'État de Genève"), not the nation ("l'État", "l'État de droit", nor "l'État du Sénégal": a
    country's name, whose tokens start at one of ``country_starts``)."""
    if span.text.casefold() not in _senses()["state_words"]:
        return False
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in ("de", "du", "des", "d'", "d’"):
        i += 1
        if i < len(doc) and doc[i].lower_ in ("la", "l'", "l’"):
            i += 1
        return i < len(doc) and doc[i].text[:1].isupper() and i not in country_starts
    return False


@cache
def _level_terms() -> frozenset[str]:
    """The one-word terms of the public levels, in all their forms ("municipaux", "régionales")."""
    return frozenset(
        t.casefold() for k in ACTOR_KINDS if k.startswith("public_") for t in actor_terms()[k] if " " not in t
    )


def not_staff(span: Span, kind: str) -> bool:
    """A professional word that names no paid staff: qualified as unpaid ("animateurs bénévoles", "volunteer
    doctors": volunteers), or naming elected people ("elected officials", "conseillers municipaux"), who give only
    their level."""
    if kind != "professionals":
        return False
    senses = _senses()
    doc = span.doc
    previous = doc[span.start - 1].lower_ if span.start > 0 else ""
    following = doc[span.end] if span.end < len(doc) else None
    if previous in senses["unpaid"] or (following is not None and following.lower_ in senses["unpaid"]):
        return True
    if previous in senses["elected"]:
        return True
    title = span.text.casefold() in senses["elected_titles"]
    return title and following is not None and following.lower_ in _level_terms()


def local_people(span: Span) -> bool:
    """Whether "community"/"communauté", which counts only in its sense of the local people, is used so: lower case,
    after a determiner or possessive or as an item of a list, and heading its own phrase ("the community kept",
    "retourner dans leur communauté", "teachers, principal, ex-pupils, community"), not qualifying or qualified ("community groups", "communauté éducative", "la communauté de
    communes", "the community and voluntary sectors", "community-based")."""
    if span.text.casefold() not in _senses()["local_people"]:
        return True
    doc = span.doc
    listed = span.start > 0 and doc[span.start - 1].text in (",", "+", "/", "&", ";")  # "teachers, pupils, community"
    if not span.text.islower() or span.start == 0 or not (doc[span.start - 1].pos_ in ("DET", "PRON") or listed):
        return False
    following = [doc[i] for i in range(span.end, min(len(doc), span.end + 2))]
    if not following:
        return True
    first = following[0]
    joined = first.text == "-" and not span[-1].whitespace_  # "community-based", not "community - role"
    if first.pos_ in ("NOUN", "PROPN", "ADJ") or first.lower_ in _senses()["of"] or joined:
        return False
    coordinated = first.lower_ in ("and", "et", "or", "ou") and len(following) > 1
    return not (coordinated and following[1].pos_ in ("NOUN", "ADJ"))


def qualifies_a_noun(span: Span) -> bool:
    """Whether a word follows a noun it qualifies, directly or after the noun's own adjectives ("femme
    volontaire", "maîtres coraniques volontaires"), rather than heading its phrase ("des volontaires", "des
    jeunes volontaires", "- volontaires assurent", "professionnels et volontaires")."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].pos_ in ("NOUN", "PROPN")


def nominal(span: Span, noun_only: set[str], common_only: set[str]) -> bool:
    """Whether a word that names an actor only as a noun is used as one: tagged as a noun, or after a
    determiner or joined to a noun when the tagger calls it an adjective ("les gardes", "patients / proches"); "public" only as a lower-case common noun
    ("invited the public", "ouvert au public"), not in "Public Accounts Committee" nor after a noun ("centres
    publics", "make the data public"); "volontaires" only heading its phrase ("des volontaires", "des jeunes
    volontaires"; "maîtres volontaires" are willing); "youth" not before a noun ("youth care")."""
    text = span.text.casefold()
    last = span[-1]
    previous = span.doc[span.start - 1] if span.start > 0 else None
    if text in common_only:
        after_noun = previous is not None and previous.pos_ in ("NOUN", "PROPN")
        following = span.doc[span.end] if span.end < len(span.doc) else None
        heads = following is None or following.is_punct or following.pos_ in ("CCONJ", "ADP")  # "from public,"
        as_noun = last.pos_ == "NOUN" or (heads and previous is not None and previous.pos_ in ("DET", "ADP"))
        return as_noun and span.text.islower() and not after_noun  # "centres publics", "quality public"
    following = span.doc[span.end] if span.end < len(span.doc) else None
    before_noun = following is not None and (following.pos_ in ("NOUN", "PROPN") or following.text == "-")
    if text in _senses()["not_before_noun"] and before_noun:
        return False  # "youth care", "youth council", "youth-led"
    if text in _senses()["after_determiner"]:
        return not qualifies_a_noun(span)  # "maîtres coraniques volontaires", "toute femme volontaire": willing
    if text not in noun_only:
        return True
    if last.pos_ in ("NOUN", "PROPN") or staff_group(span):
        return True
    if previous is not None and previous.pos_ == "DET":
        return following is None or following.pos_ != "NOUN"  # "les gardes", not "de jeunes enfants"
    before = span.doc[span.start - 2] if span.start > 1 else None
    joined = previous is not None and previous.lower_ in _senses()["coordinators"]
    return joined and before is not None and before.pos_ == "NOUN"  # "patients / proches", "usagers et proches"


def other_council(span: Span) -> bool:
    """A council word qualified as some other body's council, not a local government: "advisory council", "staff
    councils", "regional arts councils", "school councils" (one of the senses' ``council_qualifiers`` just before
    it)."""
    senses = _senses()
    if span.text.casefold() not in senses["council_words"] or span.start == 0:
        return False
    previous = span.doc[span.start - 1]
    return previous.lower_ in senses["council_qualifiers"] or previous.lemma_.casefold() in senses["council_qualifiers"]


def staff_group(span: Span) -> bool:
    """Whether an adjective that names paid staff qualifies a group of workers, naming them: "the professional
    eradication team", "un corps professionnel", "le service professionnel de la Ville" (a ``staff_groups`` noun
    just before or after it, or after one more noun)."""
    senses = _senses()
    if span.text.casefold() not in senses["staff_adjectives"]:
        return False
    doc = span.doc
    beside = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    if span.end + 1 < len(doc) and doc[span.end].pos_ == "NOUN":
        beside.append(doc[span.end + 1])  # "the professional eradication team"
    return any(t.lower_ in senses["staff_groups"] and t.pos_ == "NOUN" for t in beside)


def generic_government(span: Span) -> bool:
    """A government word that names no level by itself: "the government", "ministry", "minister"."""
    return span.text.casefold() in _government_qualifiers()[0]


@cache
def _place_level_words() -> dict[str, set[str]]:
    """Each level's nationality adjectives (name keys), French ones with their feminine and plural forms."""
    raw = entity_data("actors.json")["place_levels"]
    words: dict[str, set[str]] = {}
    for kind in ("public_regional", "public_national"):
        forms = set(raw[kind]["en"])
        for adjective in raw[kind]["fr"]:
            forms |= {adjective, adjective + "e", adjective + "s", adjective + "es", *inflections(adjective, "fr")}
        words[kind] = {normalise_name(f) for f in forms}
    return words


@cache
def _place_level_exceptions() -> tuple[frozenset[str], frozenset[str]]:
    """The name keys of the heads that give no level (universities, schools…) and of the English counties."""
    raw = entity_data("actors.json")["place_levels"]
    return (
        frozenset(normalise_name(w) for w in raw["no_level_heads"]),
        frozenset(normalise_name(c) for c in raw["counties"]),
    )


def place_level(name: str, regions: set[str], countries: set[str]) -> str | None:
    """The level a public body's name gives through a place or a nationality when it has no level word:
    "Scottish Executive", "Berlin Senate Department" -> public_regional; "Public Safety Canada", "Norwegian
    Mediation Service", "Agence française de développement" -> public_national. ``regions`` and ``countries``
    are the name keys of the regions and countries the text names."""
    key = f" {normalise_name(name)} "
    words = set(key.split())
    no_level_heads, counties = _place_level_exceptions()
    if words & no_level_heads:
        return None  # "University of Otago"
    regions = regions - counties  # "Somerset Police" is a county's
    adjectives = _place_level_words()
    if any(f" {r} " in key for r in regions) or words & adjectives["public_regional"]:
        return "public_regional"
    if any(f" {c} " in key for c in countries) or words & adjectives["public_national"]:
        return "public_national"
    return None


@cache
def _body_levels() -> tuple[dict[str, str], frozenset[str]]:
    """The name keys of the public bodies listed with a level, and of the other known public bodies (national
    unless their name says otherwise)."""
    raw = entity_data("actors.json")["body_levels"]
    listed = {normalise_name(n): kind for kind in ACTOR_KINDS if kind in raw for n in raw[kind]}
    unlevelled = {normalise_name(n) for n in raw["no_level"]}
    known = entity_data("known_bodies.json")["public"]
    national = {
        normalise_name(n) for group, names in known.items() if group not in raw["no_level_groups"] for n in names
    }
    return listed, frozenset(national - unlevelled - set(listed))


def listed_level(name: str) -> str | None:
    """The level a public body is listed with, whatever its name says: "Ofsted", "Tusla" national; "Assemblée
    nationale du Québec", "Actiris", "Communauté française" regional; "CLSC" local."""
    return _body_levels()[0].get(normalise_name(name))


def known_national(name: str) -> bool:
    """Whether a public body is one of the well-known bodies (``known_bodies.json``) that are national when their
    name gives no level by a word or a place: "HSE", "Bundeswehr", "Garda Síochána", "Ademe"."""
    return normalise_name(name) in _body_levels()[1]
