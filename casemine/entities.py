"""Who and where a case is about: countries, places, organisations, people, actors, years, money.

spaCy's statistical NER finds names; rule-based components correct and extend it. This module
assembles them; each idea has its module:

- ``places``: countries (ISO codes), regions and places;
- ``organisations``: the public-body EntityRuler, organisation kinds, what is no organisation;
- ``acronyms``: acronyms the text defines, so an acronym and its name count once;
- ``actors``: actor kinds and their term lists; ``phrases``: the phrase matchers for the term lists;
- ``amounts``: years and money; ``names``: data files, name keys and line layout.

Every term list is a data file under ``data/entities/``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from casemine.acronyms import bracket_aliases, bracketed_after, concept_acronyms, defined_acronyms, is_acronym
from casemine.actors import (
    ACTOR_KINDS,
    actor_terms,
    area_of_a_name,
    federated_region_government,
    generic_government,
    known_national,
    listed_level,
    ministry_only,
    named_state,
    place_level,
    portfolio,
    public_levels,
    qualified_government,
)
from casemine.amounts import money_amounts, money_matches, parse_number, years
from casemine.governments import government_modifier, government_names, municipality_names, region_bodies
from casemine.names import (
    doc_text,
    entity_spans,
    is_heading,
    label_or_heading,
    line_of,
    normalise_name,
    title_line,
    whole_title_line,
)
from casemine.org_filter import CandidatePool, select, shipped_filter
from casemine.org_kinds import shipped_kinds
from casemine.organisations import (
    ORG_KINDS,
    PERSON_LABELS,
    add_entity_rules,
    apposition_kind,
    appositive_names,
    appositive_organisation,
    body_headed,
    category_name,
    cited_author,
    common_word,
    compound_part,
    extended,
    generic_acronyms,
    generic_body,
    headed_names,
    is_programme,
    lead_field,
    lower_case_bodies,
    name_start,
    named_after_cue,
    named_thing,
    not_a_name,
    not_organisation_rules,
    organisation_kind,
    person_after_role,
    person_with_role,
    place_heads,
    rule_kind_of,
    school_names,
    structure_name,
    trimmed,
    web_thing,
    with_branch_place,
)
from casemine.phrases import matchers
from casemine.places import (
    PLACE_LABELS,
    bracketed_codes,
    country_government,
    country_label,
    first_country,
    in_place_list,
    landform,
    of_region,
    place_in_name,
    place_name,
    place_rules,
    read_country_names,
    state_name,
    verb_at_start,
)

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Span

__all__ = [
    "ACTOR_KINDS",
    "KINDS",
    "ORG_KINDS",
    "add_entity_rules",
    "country_label",
    "extract_entities",
    "money_amounts",
    "normalise_name",
    "organisation_kind",
    "parse_number",
]

KINDS = ("countries", "places", "organisations", "people", "actors", "years", "money")


@cache
def _actor_words() -> set[str]:
    """The actor terms as name keys, built once: "Parisiens" is no place."""
    return {normalise_name(t) for terms in actor_terms().values() for t in terms}


def _as_organisation(ent: Span) -> Span:
    from spacy.tokens import Span

    return Span(ent.doc, name_start(ent), ent.end, label="ORG")


def without_role(ent: Span, roles: re.Pattern) -> str:
    """A person's name without the role the NER took in with it ("Councillor John Smith" -> "John Smith",
    "le maire Jean Dupont"), or "" when it starts with none."""
    for i in range(len(ent) - 1, 0, -1):
        head = normalise_name(ent[:i].text)
        if roles.fullmatch(head) and ent[i].text[:1].isupper():
            return ent[i:].text
    return ""


def extract_entities(
    doc: Doc, nlp: SpacyLanguage | None = None, lang: str = "en", org_features: list | None = None
) -> dict[str, list]:
    """Everything the text names, each kind listed once in text order.

    Organisations are chosen by a learned model (``org_filter``) among every name the rules and the
    statistical model propose, kept or refused by the rules (the rules' verdict is one of its features), and a
    name the rules leave as ``other`` may be read as a civil-society organisation by a second (``org_kinds``).
    With an ``org_features`` list, the model is not applied (the rules' choice is returned) and every
    candidate is appended to the list, for training the model (``bench/org_model.py``)."""
    result: dict[str, list] = {kind: [] for kind in KINDS}
    seen: set[tuple[str, str]] = set()

    def add(kind: str, value: Any, key: str | None = None) -> None:
        key = key or (value if isinstance(value, str) else json.dumps(value, sort_keys=True))
        if (kind, key) not in seen:
            seen.add((kind, key))
            result[kind].append(value)

    person_starts = {e.start: e.end for e in entity_spans(doc) if e.label_ in PERSON_LABELS}

    def inside(span: Span, spans: list[tuple[int, int]]) -> bool:
        return any(a <= span.start_char and span.end_char <= b for a, b in spans)

    phrase_hits, provinces = (
        read_country_names(matchers(nlp)(doc), doc_text(doc), lang) if nlp is not None else ([], [])
    )
    places = [span for label, _, span in phrase_hits if label in ("COUNTRY", "REGION")]
    branch_places = {e.start: e.end for e in entity_spans(doc) if e.label_ in ("GPE", "LOC")}
    branch_places.update({span.start: span.end for span in places})
    org_spans = [
        (s.start_char, s.end_char)
        for s in (with_branch_place(e, branch_places) for e in entity_spans(doc) if e.label_ == "ORG")
    ]
    regions = [span for label, _, span in phrase_hits if label == "REGION"]
    geo_keys: set[str] = set()
    in_names: list[tuple[str, str, Span]] = []  # countries and regions inside a name the model tagged as a body
    qualified = unqualified = False  # generic government words, with or without a level word
    country_starts = {span.start for label, _, span in phrase_hits if label == "COUNTRY"}
    national_named = False  # a government word qualified as national ("federal government")
    for label, value, span in phrase_hits:
        if label in ("COUNTRY", "REGION"):
            if person_starts.get(span.start, 0) > span.end and doc[span.end].is_title:
                continue  # "Maurice Fleuret", "Dominique Libault", "Jordan Bateman" name people
            if label == "COUNTRY" and span.end < len(doc) and doc[span.end].text == "City":
                continue  # "Mexico City" is a city, and a city names no country
            if inside(span, [(a, b) for a, b in org_spans if (a, b) != (span.start_char, span.end_char)]):
                in_names.append((label, value, span))
                continue  # decided once the organisations are known: "Age UK" names no country, "Brazil National Consultation" does
            add("countries", value)
            geo_keys.add(normalise_name(span.text))
            if label == "REGION":
                add("places", span.text, normalise_name(span.text))
        elif value == "public_national" and named_state(span, country_starts):
            add("actors", "public_regional")  # "l'État du Rio Grande do Sul" (not "l'État du Sénégal")
        elif value == "public_national" and of_region(span, regions):
            add("actors", "public_regional")  # "Government of Andhra Pradesh", "Kansas Department of …"
        elif value.startswith("public_") and portfolio(span):
            unqualified = True  # "Department of the Environment, Community and Local Government" is a ministry
        elif value == "public_national" and (levels := qualified_government(span)):
            for level in levels:
                add("actors", level)  # "the Flemish government", "city government", "federal or state government"
            qualified = True
            national_named = national_named or "public_national" in levels
        elif value == "public_national" and generic_government(span):
            unqualified = True
        elif value.startswith("public_") or value == "csos" or not inside(span, org_spans):
            add("actors", value)  # "Citizens Energy Group" names no citizens; "Leeds City Council" a council

    for span in provinces:  # "la province de Luxembourg": Belgium's, a place
        key = normalise_name(span.text)
        add("places", span.text, key)
        geo_keys.add(key)
    region_countries = {value for label, value, _ in phrase_hits if label == "REGION"}
    named_countries = [value for label, value, _ in phrase_hits if label in ("COUNTRY", "REGION")]
    federated = federated_region_government(doc, region_countries, national_named, named_countries)
    if unqualified and not qualified:
        if federated:
            add("actors", "public_regional")  # "le gouvernement" of a Québec case is Québec's
        else:
            add("actors", "public_national")  # "the government" is national unless the text names another's
    aliases: set[str] = bracket_aliases(doc)
    grown = [g for e in entity_spans(doc) if e.label_ == "ORG" and (g := extended(e)) != e]
    entities = [e for e in entity_spans(doc) if not any(g.start < e.end and e.start < g.end for g in grown)] + grown
    entities = [_as_organisation(e) if appositive_organisation(e) else e for e in entities]
    named = [e for e in entities if e.label_ != "MISC"]
    missed = [
        n
        for n in named_after_cue(doc)
        if not any(
            n.start < e.end
            and e.start < n.end
            and ((e.label_ == "ORG" and not (n.start <= e.start and e.end <= n.end)) or not rule_kind_of(n))
            for e in named
        )
    ]  # names listed after "associations" win over the model's places and people, and over the names inside them
    entities = [e for e in entities if not any(n.start < e.end and e.start < n.end for n in missed)] + missed
    headed = [
        h
        for h in headed_names(doc) + appositive_names(doc)
        if not any(h.start < e.end and e.start < h.end and (e.label_ == "ORG" or e.end > h.end) for e in entities)
    ]  # "Girl Guides" tagged as a person, "Women's Voluntary Defence Organisation" not tagged at all
    entities = [e for e in entities if not any(h.start < e.end and e.start < h.end for h in headed)] + headed
    schools = school_names(doc) if lang == "fr" else []
    governments = [
        g
        for g in government_names(doc, places)
        + region_bodies(doc, places)
        + lower_case_bodies(doc)
        + schools
        + (municipality_names(doc) if lang == "en" else [])
        if not any(e.label_ == "ORG" and e.start <= g.start and g.end <= e.end for e in entities)
    ]  # "the Ontario government": the model tagged "Ontario" alone, as a place
    entities = [e for e in entities if not any(g.start < e.end and e.start < g.end for g in governments)] + governments
    school_spans = {(s.start, s.end) for s in schools}
    named_schools = [e for e in entities if e.label_ == "ORG" and (e.start, e.end) in school_spans]  # NER's too
    origins = {
        e.start: why
        for spans, why in ((grown, "grown"), (missed, "cue"), (headed, "headed"), (named_schools, "school"))
        for e in spans
    }
    for span, acronym in defined_acronyms(doc):
        aliases.add(normalise_name(acronym))
        covered = [e for e in entities if e.start < span.end and span.start < e.end]
        if not any(e.label_ in PERSON_LABELS for e in covered):
            entities = [e for e in entities if e not in covered]
            org = doc[span.start : span.end]
            org.label_ = "ORG"
            entities.append(org)
            origins[org.start] = "acronym"
    entities.sort(key=lambda e: e.start)
    concepts = concept_acronyms(doc) | generic_acronyms(doc)
    roles, rejected = not_organisation_rules()
    not_places, _ = place_rules()
    actor_words = _actor_words()
    # a name the model tags as an organisation once and as a place elsewhere, with nothing saying it is a body
    place_keys = {
        normalise_name(re.sub(r"['’]s$", "", e.text)) for e in entity_spans(doc) if e.label_ in ("GPE", "LOC")
    }
    ner_orgs = {(e.start, e.end) for e in entity_spans(doc) if e.label_ == "ORG"}
    body_spans: list[tuple[int, int, str]] = []  # the organisations kept, with their key
    money_spans = [span for span, _ in money_matches(doc_text(doc))]
    # every name that may be a body, for the model
    pool = CandidatePool(doc, lang, place_keys, geo_keys, origins, money_spans)
    for ent in entities:
        if ent.label_ == "ORG":
            ent = with_branch_place(trimmed(ent), branch_places)
            if not any(c.isupper() for c in ent.text) and not rule_kind_of(ent):
                continue  # "auj", "la fondation": names have a capital, unless a rule named them ("gouvernement tchadien")
        name = re.sub(r"['’]s$", "", " ".join(ent.text.split()).strip(" .,;:()[]'\"«»")).strip()
        key = normalise_name(name)
        if len(name) < 2 or not key:
            continue
        label = ent.label_
        if label == "ORG" and area_of_a_name(ent):
            label = "GPE"  # "dans le canton de Vaud": the area, not its government
        elif label in PLACE_LABELS and (place_heads().match(key) or lead_field(ent) or body_headed(ent)):
            label = "ORG"  # "ministère de la Santé" tagged as a place by the statistical model
        elif (
            (label in PERSON_LABELS or label == "FAC")
            and len(ent) > 1
            and organisation_kind(name, weak=False) != "other"
        ):
            label = "ORG"  # "Services Québec", "Police du Lancashire" tagged as a person
        elif label == "ORG" and not rule_kind_of(ent) and organisation_kind(name) == "other":
            voted_place = key in place_keys and (ent.start, ent.end) in ner_orgs and apposition_kind(ent) == "other"
            if in_place_list(ent) or landform(key) or state_name(key) or voted_place:
                label = "GPE"
                pool.add(ent, name, key, "to_place")
            elif person_with_role(ent, roles):
                label = "PERSON"
                pool.add(ent, name, key, "to_person")
        if label == "ORG":
            rule_kind = rule_kind_of(ent)
            reason = (
                "geo" if key in geo_keys and not rule_kind
                else "alias" if key in aliases
                else "rejected" if key in rejected
                else "concept" if key in concepts
                else "role" if roles.match(key)
                else "structure" if structure_name(key)
                else "generic" if generic_body(key)
                else "modifier" if government_modifier(ent)
                else None if rule_kind
                else "common_word" if common_word(ent)
                else "programme" if is_programme(key)
                else "named_thing" if named_thing(ent)
                else "title_line" if whole_title_line(ent)
                else "compound" if compound_part(ent)
                else "not_a_name" if not_a_name(ent)
                else "web" if web_thing(ent)
                else "category" if category_name(key)
                else "cited" if cited_author(ent)
                else "person_role" if person_after_role(ent, roles)
                else "heading" if organisation_kind(name) == "other" and is_heading(ent)
                else None
            )  # fmt: skip  # why the rules refuse the name, None if they keep it
            if reason is not None:
                pool.add(ent, name, key, reason)
                continue
            body_spans.append((ent.start_char, ent.end_char, key))
            kind = rule_kind or organisation_kind(name)
            if kind == "other":
                kind = apposition_kind(ent)
            pool.add(ent, name, key, "", kind)
            place = place_in_name(name) if kind == "public" else None
            if place and normalise_name(place) not in geo_keys:
                add("places", place, normalise_name(place))
        elif label in PLACE_LABELS and key not in geo_keys:
            if label == ent.label_:
                pool.add(ent, name, key, "place")
            if key in not_places or key in rejected or key in actor_words or key in concepts:
                continue  # "État", "OSC", "Parisiens" are no places
            if (
                common_word(ent)
                or label_or_heading(ent)
                or (len(ent) == 1 and title_line(line_of(ent)))
                or verb_at_start(ent)
            ):
                continue  # "Région", "Objectifs :", "Influence, Outcomes, and Effects"
            name = place_name(name)
            add("places", name, normalise_name(name))
        elif label in PERSON_LABELS:
            if label == ent.label_:
                pool.add(ent, name, key, "person")
            name = without_role(ent, roles) or name
            add("people", name, normalise_name(name))
        elif label not in PLACE_LABELS:
            pool.add(ent, name, key, "other_label")
    for country, code, subdivision in bracketed_codes(doc_text(doc), set(result["countries"])):
        add("countries", country)
        if subdivision:
            add("places", code, normalise_name(code))  # "Goodna (Qld)": the state is a place as written
    for label, value, span in in_names:
        hyphenated = doc_text(doc)[span.end_char : span.end_char + 1] in ("-", "–")  # "Fédération Wallonie-Bruxelles"
        if (label == "REGION" and not hyphenated) or not any(
            a <= span.start_char and span.end_char <= b and not country_government(k) for a, b, k in body_spans
        ):
            # the name was no body after all ("Commonwealth of Virginia"), or its government; a first-level region
            # inside a body's name is a place and gives its country ("Tuscany Regional Council", "NHS Scotland")
            add("countries", value)
            if label == "REGION":
                add("places", span.text, normalise_name(span.text))
    model, kinds = (None, None) if org_features is not None else (shipped_filter(), shipped_kinds())
    candidates = pool.candidates(refused=org_features is not None or (model is not None and model.rescue is not None))
    if org_features is not None:
        org_features += candidates
    result["organisations"] = select(candidates, model, kinds, len(doc_text(doc)))
    full_names = [o["name"] for o in result["organisations"] if not is_acronym(o["name"])]
    result["organisations"] = [
        o
        for o in result["organisations"]
        if not (is_acronym(o["name"]) and any(bracketed_after(o["name"], n, doc_text(doc)) for n in full_names))
    ]  # "ministère de l'Agriculture (MAPAQ)": the body once, by the name the text gives the acronym to
    org_keys = [normalise_name(o["name"]) for o in result["organisations"]]
    gazetteer_regions = {
        key
        for label, _, span in phrase_hits
        if label == "REGION" and (key := normalise_name(span.text)).startswith("region ")
    }
    result["places"] = [
        p
        for p in result["places"]
        if normalise_name(p) not in aliases
        and (normalise_name(p) not in org_keys or normalise_name(p) in gazetteer_regions)
    ]  # a "Région" of the gazetteer named as its council ("Région wallonne") is a place too, unlike "canton de Genève"
    if any(o["kind"] == "civil_society" for o in result["organisations"]):
        add("actors", "csos")  # "Norwegian Red Cross volunteers": a named charity is a civil-society actor
    region_keys = {normalise_name(span.text) for label, _, span in phrase_hits if label == "REGION"}
    country_keys = {normalise_name(span.text) for label, _, span in phrase_hits if label == "COUNTRY"}
    for org in result["organisations"]:
        if org["kind"] == "public":
            levels = public_levels(org["name"])
            if listed := listed_level(org["name"]):
                levels = [listed]  # "Ofsted", "Assemblée nationale du Québec" (the province's)
            elif not levels and (level := place_level(org["name"], region_keys, country_keys)):
                levels = [level]  # "Public Safety Canada", "Scottish Executive"
            elif not levels and known_national(org["name"]):
                levels = ["public_national"]  # "HSE", "Bundeswehr"
            for level in levels:
                if federated and level == "public_national" and ministry_only(org["name"]):
                    level = "public_regional"  # "ministère de l'Agriculture" in a Québec case is Québec's
                add("actors", level)  # "National Transport Authority" is a national body

    country = first_country(phrase_hits)
    money = money_amounts(doc_text(doc), lang, country)
    for item in money:
        add("money", item)
    result["years"] = years(doc, money_spans)
    result["actors"] = [a for a in ACTOR_KINDS if a in result["actors"]]
    return result
