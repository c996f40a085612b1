"""Who and where a case is about: countries, places, organisations, people, actors, years, money.

spaCy's statistical NER finds names; rule-based components correct and extend it: an
EntityRuler marks public bodies the models miss or tag as places ("ministère de la Santé"),
phrase matchers find countries, regions and actor kinds, and regular expressions read years and
money amounts. Every term list is a data file under ``data/entities/``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Span

KINDS = ("countries", "places", "organisations", "people", "actors", "years", "money")
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
ORG_KINDS = ("public", "civil_society", "other")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PERSON_LABELS = {"PERSON", "PER"}
RULER_NAME = "casemine_public_bodies"


def _data(name: str) -> Any:
    path = resources.files("casemine").joinpath(f"data/entities/{name}")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return json.loads(path.read_text("utf-8"))


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def normalise_name(name: str) -> str:
    """A comparison key for names: case, accents, leading articles and punctuation ignored."""
    key = strip_accents(name).casefold().replace("’", "'")
    key = re.sub(r"^(the|le|la|les|l')\s*", "", key)
    return " ".join(re.sub(r"[^\w]+", " ", key).split())


@cache
def country_names() -> dict[str, dict[str, str]]:
    """ISO code → {"en": name, "fr": name}."""
    return _data("countries.json")["names"]


@cache
def _country_terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for code, names in country_names().items():
        for name in names.values():
            terms[name] = code
    for code, names in _data("country_aliases.json")["aliases"].items():
        for name in names:
            terms[name] = code
    for name, code in list(terms.items()):
        terms.setdefault(strip_accents(name), code)
    return terms


@cache
def _region_terms() -> dict[str, str]:
    return {name: code for code, names in _data("regions.json")["regions"].items() for name in names}


@cache
def _actor_terms() -> dict[str, list[str]]:
    actors = _data("actors.json")["actors"]
    return {kind: actors[kind]["en"] + actors[kind]["fr"] for kind in ACTOR_KINDS}


def _heads(key: str) -> re.Pattern:
    heads = sorted({normalise_name(h) for h in _data("organisations.json")[key]}, key=len, reverse=True)
    return re.compile(r"^(" + "|".join(map(re.escape, heads)) + r")\b")


@cache
def _place_heads() -> re.Pattern:
    return _heads("place_heads")


@cache
def _not_organisation() -> tuple[re.Pattern, set[str]]:
    raw = _data("organisations.json")
    return _heads("role_heads"), {normalise_name(n) for n in raw["not_organisations"]} | {
        normalise_name(code) for code in country_names()
    }


def _trimmed(ent: Span) -> Span:
    """An organisation span without trailing prepositions, articles or conjunctions ("Fondation de France à")."""
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "SCONJ"):
        end -= 1
    if end == ent.end:
        return ent
    span = ent.doc[ent.start : end]
    span.label_, span.ent_id_ = ent.label_, ent.ent_id_
    return span


def _common_word(ent: Span) -> bool:
    """A lone capitalised word the text also uses in lower case ("National", "Panel") is no name."""
    if len(ent) != 1 or not ent[0].is_title:
        return False
    return re.search(rf"\b{re.escape(ent[0].lower_)}\b", ent.doc.text) is not None


def _same_body(a: str, b: str) -> bool:
    """Two mentions of one organisation: equal keys, or the shorter (two words or more) inside the longer."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short.split()) >= 2 and f" {short} " in f" {long} ")


def _is_heading(ent: Span) -> bool:
    """Section headings glued into entities ("Participant Selection") span or fill a whole line."""
    if "\n" in ent.text.strip():
        return True
    text = ent.doc.text
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip(" :-–•*")
    return line == ent.text.strip() and len(ent) <= 4


@cache
def _organisation_rules() -> tuple[dict[str, str], list[tuple[str, re.Pattern]]]:
    raw = _data("organisations.json")
    names = {normalise_name(n): kind for kind, ns in raw["names"].items() for n in ns}
    cues = []
    for kind in ORG_KINDS:
        words = sorted({normalise_name(w) for w in raw["cues"][kind]}, key=len, reverse=True)
        cues.append((kind, re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")))
    return names, cues


def organisation_kind(name: str) -> str:
    """public, civil_society or other: a known name first, then cue words in that order."""
    names, cues = _organisation_rules()
    key = normalise_name(name)
    if key in names:
        return names[key]
    for kind, pattern in cues:
        if pattern.search(key):
            return kind
    return "other"


def add_entity_rules(nlp: SpacyLanguage) -> SpacyLanguage:
    """Add the public-body EntityRuler after the statistical NER, letting it correct NER's spans."""
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner", config={"overwrite_ents": True})
        known = _data("organisations.json")["names"]
        named = [{"label": "ORG", "id": kind, "pattern": name} for kind, names in known.items() for name in names]
        ruler.add_patterns(_data("public_bodies.jsonl") + named)
    return nlp


_ACRONYM = re.compile(r"\(([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\)")
_MINOR = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "the", "and", "for", "à", "en", "pour", "&"}


def defined_acronyms(doc: Doc) -> list[tuple[Span, str]]:
    """Names introduced with their acronym, "Réseau de surveillance volontaire des lacs (RSVL)": (name span, acronym)."""
    found = []
    for m in _ACRONYM.finditer(doc.text):
        acronym = m.group(1)
        letters = [c for c in acronym.upper() if c.isalpha()]
        opening = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if opening is None or len(letters) < 2:
            continue
        end = opening.start
        for start in range(end - 1, max(-1, end - 12), -1):
            words = [t.text.strip("'’") for t in doc[start:end] if t.is_alpha or "'" in t.text or "’" in t.text]
            initials = [w[0].upper() for w in words if w and w.lower() not in _MINOR]
            if initials == letters and doc[start].text[:1].isupper():
                found.append((doc[start:end], acronym))
                break
            if len(initials) > len(letters):
                break
    return found


class _Matchers:
    """Phrase matchers for one vocabulary: place names as written (or in capitals), other terms
    case-insensitively unless they have a capital letter."""

    def __init__(self, nlp: SpacyLanguage):
        from spacy.matcher import PhraseMatcher

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        tables = {"COUNTRY": _country_terms(), "REGION": _region_terms()}
        for kind, terms in _actor_terms().items():
            tables[f"ACTOR:{kind}"] = dict.fromkeys(terms, kind)
        self.values: dict[tuple[str, str], str] = {}
        for label, terms in tables.items():
            for term, value in terms.items():
                key = f"{label}|{term}"
                self.values[(label, term.casefold())] = value
                if label in ("COUNTRY", "REGION"):
                    # names are capitalised: "Réunion" is a place, "réunion publique" a meeting
                    self.exact.add(key, [nlp.make_doc(term), nlp.make_doc(term.upper())])
                elif any(c.isupper() for c in term):
                    self.exact.add(key, [nlp.make_doc(term)])
                else:
                    self.lower.add(key, [nlp.make_doc(term)])

    def __call__(self, doc: Doc) -> list[tuple[str, str, Span]]:
        from spacy.util import filter_spans

        found = []
        spans = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                label = doc.vocab.strings[match_id].split("|", 1)[0]
                span.label_ = label
                spans.append(span)
        # actors may overlap places and each other; countries and regions compete for the longest name
        geo = filter_spans([s for s in spans if s.label_ in ("COUNTRY", "REGION")])
        for span in geo + [s for s in spans if s.label_.startswith("ACTOR")]:
            value = self.values.get((span.label_, span.text.casefold()))
            if value is None:
                value = self.values.get((span.label_, strip_accents(span.text).casefold()))
            if value is not None:
                found.append((span.label_, value, span))
        return found


@cache
def matchers(nlp: SpacyLanguage) -> _Matchers:
    """The phrase matchers for a pipeline, built once."""
    return _Matchers(nlp)


_YEAR = re.compile(r"(?<![\w$€£.,/-])(19\d{2}|20[0-3]\d)(?![\w%]|[.,]\d)")
_DECADE_BEFORE = re.compile(r"(années|annees|decade|the)\s*$", re.I)


@cache
def _money_pattern() -> tuple[re.Pattern, dict[str, str]]:
    markers = _data("currencies.json")["markers"]
    lookup = {m.casefold(): code for code, ms in markers.items() for m in ms}
    alternation = "|".join(re.escape(m) for m in sorted(lookup, key=len, reverse=True))
    number = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    mult = r"k|m|mn|bn|md|mds|million|millions|billion|billions|milliard|milliards|thousand|mille|crore|lakh"
    pattern = re.compile(
        rf"(?P<c1>{alternation})\s?(?P<n1>{number})(?:\s?(?P<m1>{mult})\b)?"
        rf"|(?<![\w.,])(?P<n2>{number})(?:\s?(?P<m2>{mult})\b)?\s?(?:(?:de|d')\s?)?(?P<c2>{alternation})(?!\w)",
        re.I,
    )
    return pattern, lookup


_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "mille": 1e3, "lakh": 1e5, "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "crore": 1e7, "bn": 1e9, "billion": 1e9, "billions": 1e9, "md": 1e9, "mds": 1e9, "milliard": 1e9, "milliards": 1e9,
}  # fmt: skip


def parse_number(text: str, lang: str) -> float:
    """A written number in English or French convention ("1 200 000", "1.2", "1,2", "500,000")."""
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}([.,])\d{3}(\1\d{3})*", text):
        decimal_comma = lang == "fr" and "," in text and text.count(",") == 1 and "." not in text
        if not decimal_comma or len(text.split(",")[-1]) == 3 and lang != "fr":
            return float(re.sub(r"[.,]", "", text))
    if "," in text and "." in text:
        text = text.replace(",", "") if text.rfind(".") > text.rfind(",") else text.replace(".", "").replace(",", ".")
    return float(text.replace(",", "."))


def money_amounts(text: str, lang: str, country: str | None) -> list[dict[str, Any]]:
    """Money amounts with their value in units and ISO currency."""
    pattern, lookup = _money_pattern()
    currencies = _data("currencies.json")
    found = []
    for m in pattern.finditer(text):
        marker = (m.group("c1") or m.group("c2")).casefold()
        number, mult = (m.group("n1"), m.group("m1")) if m.group("c1") else (m.group("n2"), m.group("m2"))
        code = lookup[marker]
        if code == "DOLLAR":
            code = currencies["dollar_by_country"].get(country or "", "USD")
        elif code == "FCFA":
            code = "XAF" if country in currencies["xaf_countries"] else "XOF"
        try:
            amount = parse_number(number, lang) * (_MULTIPLIERS.get(mult.casefold(), 1) if mult else 1)
        except ValueError:
            continue
        found.append({"text": m.group(0).strip(), "amount": round(amount, 2), "currency": code})
    return found


def years(doc: Doc, money_spans: list[tuple[int, int]]) -> list[int]:
    """Calendar years written as numbers; counts ("2000 volunteers"), decades and amounts excluded."""
    found = set()
    for m in _YEAR.finditer(doc.text):
        start, end = m.span()
        if any(a <= start < b for a, b in money_spans) or _DECADE_BEFORE.search(doc.text[max(0, start - 12) : start]):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            after = doc[span.end]
            if after.pos_ == "NOUN" and "Plur" in after.morph.get("Number") and after.tag_ != "NNP":
                continue
        found.add(int(m.group(1)))
    return sorted(found)


def _first_country(found: list[tuple[str, str, Any]]) -> str | None:
    for label, value, _ in found:
        if label in ("COUNTRY", "REGION"):
            return value
    return None


def extract_entities(doc: Doc, nlp: SpacyLanguage | None = None, lang: str = "en") -> dict[str, list]:
    """Everything the text names, each kind listed once in text order."""
    result: dict[str, list] = {kind: [] for kind in KINDS}
    seen: set[tuple[str, str]] = set()

    def add(kind: str, value: Any, key: str | None = None) -> None:
        key = key or (value if isinstance(value, str) else json.dumps(value, sort_keys=True))
        if (kind, key) not in seen:
            seen.add((kind, key))
            result[kind].append(value)

    org_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]

    def inside(span: Span, spans: list[tuple[int, int]]) -> bool:
        return any(a <= span.start_char and span.end_char <= b for a, b in spans)

    phrase_hits = matchers(nlp)(doc) if nlp is not None else []
    geo_keys: set[str] = set()
    for label, value, span in phrase_hits:
        if label in ("COUNTRY", "REGION"):
            if inside(span, org_spans):
                continue  # "Age UK", "Job Services Australia" do not name a country
            add("countries", value)
            geo_keys.add(normalise_name(span.text))
            if label == "REGION":
                add("places", span.text, normalise_name(span.text))
        elif value.startswith("public_") or value == "csos" or not inside(span, org_spans):
            add("actors", value)  # "Citizens Energy Group" names no citizens; "Leeds City Council" a council

    aliases: set[str] = set()
    entities = list(doc.ents)
    for span, acronym in defined_acronyms(doc):
        aliases.add(normalise_name(acronym))
        covered = [e for e in entities if e.start < span.end and span.start < e.end]
        if not any(e.label_ in PERSON_LABELS for e in covered):
            entities = [e for e in entities if e not in covered]
            org = doc[span.start : span.end]
            org.label_ = "ORG"
            entities.append(org)
    entities.sort(key=lambda e: e.start)
    for ent in entities:
        if ent.label_ == "ORG":
            ent = _trimmed(ent)
            if not any(c.isupper() for c in ent.text):
                continue  # "auj", "la fondation": names have a capital
        name = re.sub(r"['’]s$", "", " ".join(ent.text.split()).strip(" .,;:()[]'\"«»")).strip()
        key = normalise_name(name)
        if len(name) < 2 or not key:
            continue
        label = ent.label_
        if label in PLACE_LABELS and _place_heads().match(key):
            label = "ORG"  # "ministère de la Santé" tagged as a place by the statistical model
        if label == "ORG":
            roles, rejected = _not_organisation()
            if key in geo_keys or key in aliases or key in rejected or roles.match(key):
                continue
            if (
                ent.ent_id_ not in ORG_KINDS
                and organisation_kind(name) == "other"
                and (_is_heading(ent) or _common_word(ent))
            ):
                continue
            if any(_same_body(key, normalise_name(o["name"])) for o in result["organisations"]):
                continue
            kind = ent.ent_id_ if ent.ent_id_ in ORG_KINDS else organisation_kind(name)
            add("organisations", {"name": name, "kind": kind}, key)
        elif label in PLACE_LABELS and key not in geo_keys:
            add("places", name, key)
        elif label in PERSON_LABELS:
            add("people", name, key)
    result["places"] = [p for p in result["places"] if normalise_name(p) not in aliases]

    country = _first_country(phrase_hits)
    money = money_amounts(doc.text, lang, country)
    spans = [(m.start(), m.end()) for m in _money_pattern()[0].finditer(doc.text)]
    for item in money:
        add("money", item)
    result["years"] = years(doc, spans)
    result["actors"] = [a for a in ACTOR_KINDS if a in result["actors"]]
    return result


def country_label(code: str, lang: str = "en") -> str:
    """'FR (France)' — a country code with its name, for spreadsheets."""
    names = country_names().get(code)
    return f"{code} ({names[lang] if names else code})"
