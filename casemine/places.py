"""Countries, regions and places: ISO codes from names in French or English, places without their
administrative prefix, and places named inside public bodies ("City of Indianapolis")."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from casemine.names import count_whole, doc_text, entity_data, entity_spans, normalise_name, strip_accents

if TYPE_CHECKING:
    from spacy.tokens import Span

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@cache
def country_names() -> dict[str, dict[str, str]]:
    """ISO code → {"en": name, "fr": name}."""
    return entity_data("countries.json")["names"]


@cache
def country_terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for code, names in country_names().items():
        for name in names.values():
            terms[name] = code
    for code, names in entity_data("country_aliases.json")["aliases"].items():
        for name in names:
            terms[name] = code
    for name, code in list(terms.items()):
        terms.setdefault(strip_accents(name), code)
    return terms


@cache
def region_terms() -> dict[str, str]:
    return {name: code for code, names in entity_data("regions.json")["regions"].items() for name in names}


@cache
def known_place_keys() -> frozenset[str]:
    """The keys (``normalise_name``) of every country and first-level region name in both languages."""
    return frozenset(normalise_name(name) for name in [*country_terms(), *region_terms()])


@cache
def place_rules() -> tuple[set[str], re.Pattern]:
    raw = entity_data("organisations.json")
    prefixes = sorted({strip_accents(p).casefold() for p in raw["place_prefixes"]}, key=len, reverse=True)
    pattern = re.compile(
        r"^(?:" + "|".join(map(re.escape, prefixes)) + r")\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+)?", re.I
    )
    return {normalise_name(p) for p in raw["not_places"]}, pattern


def place_name(name: str) -> str:
    """A place without its administrative prefix: "région de Thiès" -> "Thiès"."""
    _, prefixes = place_rules()
    name = re.sub(r"^(?:the|The)\s+", "", name)  # "the Commonwealth of Virginia"
    m = prefixes.match(strip_accents(name))
    return name[m.end() :] if m and m.end() < len(name) else name


@cache
def _places_in_names() -> re.Pattern:
    phrases = sorted(
        {normalise_name(p) for p in entity_data("organisations.json")["place_in_names"]}, key=len, reverse=True
    )
    return re.compile(r"^(?:" + "|".join(map(re.escape, phrases)) + r") ", re.I)


def place_in_name(name: str) -> str | None:
    """The place a public body is named after: "City of Indianapolis" -> "Indianapolis"."""
    key = strip_accents(name).casefold().replace("’", "'")
    m = _places_in_names().match(normalise_name(key))
    if m is None:
        return None
    words = normalise_name(key).split()[len(m.group(0).split()) :]
    place = name.split()[-len(words) :] if words else []
    return " ".join(place) if place and place[0][:1].isupper() else None


def in_place_list(ent: Span) -> bool:
    """A name listed among places ("Sofia, Varna, Bourgas, Pleven and Plovdiv", or one a line ending with ";")
    is a place."""
    ents = list(entity_spans(ent.doc))
    for other in ents:
        if other.label_ not in PLACE_LABELS or other.start == ent.start:
            continue
        gap = ent.doc[other.end : ent.start] if other.end <= ent.start else ent.doc[ent.end : other.start]
        listed = all(
            t.is_punct or t.is_space or t.like_num or t.lower_ in ("and", "et") or (t.ent_type_ and t.is_title)
            for t in gap
        )
        if len(gap) <= 10 and listed and any(t.text in (",", ";", "and", "et") for t in gap):
            return True  # other names in the gap are list items too
    return False


def of_region(span: Span, regions: list[Span]) -> bool:
    """A government word that belongs to a region: the region just before it or in the same name."""
    doc = span.doc
    start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ in ("'s", "’s") else span.start
    names = [e for e in entity_spans(doc) if e.label_ == "ORG" and e.start <= span.start and span.end <= e.end]
    return any(r.end == start or any(e.start <= r.start and r.end <= e.end for e in names) for r in regions)


@cache
def _shared_names() -> dict[str, dict[str, tuple[str, re.Pattern]]]:
    shared = entity_data("regions.json").get("shared_names", {})
    return {
        lang: {
            name: (rule["region"], re.compile(r"\b(?:" + "|".join(map(re.escape, rule["country_cues"])) + r")\b"))
            for name, rule in names.items()
        }
        for lang, names in shared.items()
        if lang != "_doc"
    }


@cache
def _not_the_country_words() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset[str]]:
    words = entity_data("regions.json").get("not_the_country", {})

    def alternation(key: str) -> str:
        return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words.get(key, []), key=len, reverse=True))

    return (
        re.compile(rf"(?<![\w-])(?:(\w+)\s+)?(?:{alternation('province_before')})[ \t]*$", re.I),
        re.compile(rf"^[ \t]+(?:{alternation('province_after')})\b", re.I),  # on the same line
        re.compile(rf"\b(?:{alternation('prize_before')})[ \t]+$", re.I),
        frozenset(words.get("a_province_of", [])),
    )


def _not_the_country(span: Span, text: str) -> str | None:
    """What a country's name names instead, read from the words around it: "province" for a province of that name
    ("la province de Luxembourg" is Belgium's, "province de l'Équateur" Congo's; not "une province du Canada"),
    "prize" for an award ("prix Équateur du PNUD"), else None."""
    before, after = text[max(0, span.start_char - 40) : span.start_char], text[span.end_char : span.end_char + 20]
    province_before, province_after, prize_before, a_province_of = _not_the_country_words()
    found = province_before.search(before)
    if (found and (found.group(1) or "").lower() not in a_province_of) or province_after.match(after):
        return "province"
    return "prize" if prize_before.search(before) else None


def read_country_names(found: list[tuple[str, str, Any]], text: str, lang: str) -> tuple[list, list[Span]]:
    """The phrase matches with each country's name read in its context (``regions.json``), and apart the spans of
    those that name a province, to be kept as places. A name a region shares is the region's where the text has no
    word of the country ("shared_names": English "Georgia" is the US state unless the text names Tbilisi, a
    ministry, the lari…); a name that names a province or a prize gives no country ("not_the_country")."""
    shared = _shared_names().get(lang, {})
    kept, provinces = [], []
    for label, value, span in found:
        if label == "COUNTRY":
            rule = shared.get(span.text)
            if rule and not rule[1].search(text):
                label, value = "REGION", rule[0]
            elif named := _not_the_country(span, text):
                if named == "province":
                    provinces.append(span)
                continue
        kept.append((label, value, span))
    return kept, provinces


def first_country(found: list[tuple[str, str, Any]]) -> str | None:
    for label, value, _ in found:
        if label in ("COUNTRY", "REGION"):
            return value
    return None


def country_label(code: str, lang: str = "en") -> str:
    """'FR (France)' — a country code with its name, for spreadsheets."""
    names = country_names().get(code)
    return f"{code} ({names[lang] if names else code})"


@cache
def _landforms() -> set[str]:
    return {normalise_name(w) for w in entity_data("organisations.json")["landforms"]}


@cache
def _place_not_organisation() -> re.Pattern:
    words = sorted({normalise_name(w) for w in entity_data("organisations.json")["place_not_organisations"]}, key=len)
    return re.compile(r"^(?:" + "|".join(map(re.escape, words)) + r") ")


def state_name(key: str) -> bool:
    """A name (key) such as "state of ohio" or "commonwealth of virginia": a place, not a body."""
    return _place_not_organisation().match(key) is not None


_INFINITIVE = re.compile(r"\w{3,}(?:er|ir|re)$")
_PARTICIPLE = re.compile(r"\w{3,}(?:é|ée|és|ées|is|us|ues|ies)$")
_AFTER_INFINITIVE = {
    "les",
    "la",
    "le",
    "l'",
    "l’",
    "des",
    "un",
    "une",
    "aux",
    "au",
    "leur",
    "leurs",
    "ses",
    "son",
    "sa",
    "et",
}
_AFTER_PARTICIPLE = {
    "par", "en", "fin", "début", "dans", "de", "du", "des", "d'", "d’", "au", "aux", "à", "sur", "pour", "avec", "sans",
    "entre", "lors",
}  # fmt: skip
_ADVERBS = {"très", "plus", "tôt", "bien", "mieux", "aussi", "d'abord", "ensuite"}
_LINE_MARKS = {":", "-", "–", "•", "*", "·"}


def verb_at_start(ent: Span) -> bool:
    """A French verb that starts a sentence or line, which the statistical model took for a place because of its
    capital: an infinitive before its object ("Sensibiliser les habitants", "Réduire la"), a participle before
    its complement ("Financé par", "Annoncée fin 2022", "Nées de"); only when the text names it nowhere else."""
    doc = ent.doc
    if doc.lang_ != "fr" or len(ent) != 1 or ent.end >= len(doc):
        return False
    token, following = ent[0], ent.end
    while following + 1 < len(doc) and (doc[following].lower_.endswith("ment") or doc[following].lower_ in _ADVERBS):
        following += 1  # "Financé principalement par", "Sensibiliser très tôt les jeunes"
    after = doc[following].lower_
    before = doc[token.i - 1] if token.i else None
    at_start = (
        before is None or token.is_sent_start or "\n" in before.whitespace_ + before.text or before.text in _LINE_MARKS
    )  # "Objectifs : Réduire la récidive", "- Sensibiliser les jeunes"
    if not at_start or count_whole(doc_text(doc), token.text, limit=2) > 1:
        return False
    word = token.text.lower()
    return bool(
        (_INFINITIVE.fullmatch(word) and after in _AFTER_INFINITIVE)
        or (_PARTICIPLE.fullmatch(word) and after in _AFTER_PARTICIPLE)
    )


def landform(key: str) -> bool:
    """A name (key) that begins or ends with a landform word is a place: "the Lune Valley", "Lac Léman"."""
    words = key.split()
    return len(words) >= 2 and (words[0] in _landforms() or words[-1] in _landforms())


def country_government(key: str) -> bool:
    """A body's name (key) that is a government of the place it names, "government of kenya" or "gouvernement du
    quebec": the place it names counts, unlike "Age UK" or "Job Services Australia"."""
    words = key.split()
    return bool(words) and (words[0] in ("government", "gouvernement") or words[-1] in ("government", "gouvernement"))


@cache
def _subdivision_codes() -> dict[str, list[str]]:
    readings: dict[str, list[str]] = {}
    for country, codes in entity_data("subdivision_codes.json")["codes"].items():
        for code in codes:
            readings.setdefault(code, []).append(country)
    return readings


_BRACKETED_CODE = re.compile(r"\b([A-Z][\w'’.-]*)\s?\(([A-Z][A-Za-z]{1,2})\)")


def bracketed_codes(text: str, named: set[str]) -> list[tuple[str, str, bool]]:
    """Codes written in brackets after a name: (country, code as written, whether it is a subdivision).
    "Santa Clarita (CA)" is California, so US; "Vernier (GE)" Geneva, so CH; "Community Text Alert (IE)" IE.
    Of several readings the country the text names elsewhere (``named``) or another code gives without doubt
    wins, then the subdivision. A code that
    is the initials of the words before it ("Information Technology (IT)") is no place."""
    candidates = []
    for m in _BRACKETED_CODE.finditer(text):
        code = m.group(2)
        words = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 60) : m.start(2)])[-len(code) :]
        if "".join(w[0] for w in words).upper() == code.upper():
            continue
        subdivisions = _subdivision_codes().get(code, [])
        iso = [code] if code.isupper() and code in country_names() else []
        if subdivisions or iso:
            candidates.append((code, subdivisions, subdivisions + iso))
    # "Ceduna (SA) + East Kimberley (WA)": an unambiguous code tells which country the others belong to
    named = named | {
        (subdivisions or readings)[0] for _, subdivisions, readings in candidates if len(subdivisions or readings) == 1
    }
    found = []
    for code, subdivisions, readings in candidates:
        country = next((c for c in readings if c in named), readings[0])
        found.append((country, code, country in subdivisions))
    return found
