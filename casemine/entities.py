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


@cache
def _actor_filters() -> tuple[set[str], list[str]]:
    """Terms that count only as nouns, and phrases in which no actor term counts."""
    raw = _data("actors.json")
    return {t.casefold() for t in raw["noun_only"]}, raw["not_actors"]


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
    """An organisation span cut at a line break ("IED Afrique\nDate") and without trailing prepositions,
    articles or conjunctions ("Fondation de France à")."""
    end = ent.end
    for token in ent[1:]:
        if "\n" in token.whitespace_ + ent.doc[token.i - 1].whitespace_ or "\n" in token.text:
            end = token.i
            break
    while end - 1 > ent.start and (
        ent.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "SCONJ")
        or ent.doc[end - 1].text[:1].isdigit()
        or ent.doc[end - 1].text == "%"
    ):
        end -= 1  # "EUROSTAT - 25%" -> "EUROSTAT"
    if end == ent.end:
        return ent
    from spacy.tokens import Span

    return Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.ent_id_ or ent.id_)


def _common_word(ent: Span) -> bool:
    """A lone capitalised word the text also uses in lower case ("Panel"), or that the English parser does
    not take for a noun ("National", "Consolidated"), is no name."""
    if len(ent) != 1 or not ent[0].is_title:
        return False
    if ent.doc.lang_ == "en" and ent[0].pos_ in ("ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ"):
        return True  # the French model tags unknown names as adjectives ("l'association Adels")
    return re.search(rf"\b{re.escape(ent[0].lower_)}\b", ent.doc.text) is not None


def _same_body(a: str, b: str) -> bool:
    """Two mentions of one organisation: equal keys, or the shorter (two words or more) inside the longer."""
    short, long = sorted((a, b), key=len)
    if short == long or (len(short.split()) >= 2 and f" {short} " in f" {long} "):
        return True
    return len(short.split()) == 1 and len(long.split()) >= 3 and long.endswith(f" {short}")


def _is_heading(ent: Span) -> bool:
    """Section headings glued into entities ("Participant Selection") span or fill a whole line."""
    if "\n" in ent.text.strip():
        return True
    text = ent.doc.text
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip(" :-–•*")
    if line == ent.text.strip() and len(ent) <= 4:
        return True
    return _title_line(line)


def _line(ent: Span) -> str:
    text = ent.doc.text
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    return text[line_start : len(text) if line_end == -1 else line_end].strip(" :-–•*")


def _whole_title_line(ent: Span) -> bool:
    """A name that is a whole Title Case line of five words or more is a case title or heading."""
    line = _line(ent)
    return normalise_name(line) == normalise_name(ent.text) and len(line.split()) >= 5 and _title_line(line)


_TITLE_MINOR = {"a", "an", "at", "by", "in", "on", "to", "with", "from", "per", "or", "vs", "sur", "dans", "au", "aux"}


def _title_line(line: str) -> bool:
    """A short line in Title Case without a final stop: "Influence, Outcomes, and Effects"."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if not 1 < len(words) <= 10 or line.endswith((".", ";", ",")):
        return False
    return all(w[0].isupper() or w.lower() in _MINOR or w.lower() in _TITLE_MINOR for w in words)


def _label_or_heading(ent: Span) -> bool:
    """A field label ("Pays :", "Organisme porteur :") or a heading line, not a name."""
    text = ent.doc.text
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    if text[line_start : ent.start_char].strip(" -–•*"):
        return False
    rest = text[ent.end_char : text.find("\n", ent.end_char) if "\n" in text[ent.end_char :] else len(text)]
    return re.match(r"^[\w' ’-]{0,25}:", rest) is not None or _is_heading(ent)


def _lead_field(ent: Span) -> bool:
    """The first name after a lead-organisation label: "Organisme porteur : Rhônalpénergie-Environnement"."""
    text = ent.doc.text
    before = text[text.rfind("\n", 0, ent.start_char) + 1 : ent.start_char]
    m = re.fullmatch(r"\s*[-•*]?\s*([^:]{2,40}?)\s*:\s*(?:l['’]|la |le |les |the )?", before, re.I)
    return m is not None and normalise_name(m.group(1)) in _lead_labels()


@cache
def _lead_labels() -> set[str]:
    return {normalise_name(label) for label in _data("organisations.json")["lead_labels"]}


@cache
def _programme_words() -> tuple[re.Pattern, re.Pattern]:
    """Names starting or ending with these words are programmes, events or laws."""
    raw = _data("organisations.json")
    heads = "|".join(map(re.escape, sorted({normalise_name(w) for w in raw["programme_heads"]}, key=len, reverse=True)))
    tails = "|".join(map(re.escape, sorted({normalise_name(w) for w in raw["programme_tails"]}, key=len, reverse=True)))
    return re.compile(rf"^({heads})\b"), re.compile(rf"\b({tails})$")


@cache
def _programme_before() -> set[str]:
    return {normalise_name(w) for w in _data("organisations.json")["programme_before"]}


def _named_thing(ent: Span) -> bool:
    """A name given to a programme, law or publication ("the programme Soziale Stadt", "the bill "…"") or
    quoted inside a longer phrase (the "Verfasste Studierendenschaft)."""
    before = [t.text for t in ent.doc[max(0, ent.start - 3) : ent.start] if not t.is_punct]
    if {normalise_name(" ".join(before[-n:])) for n in (1, 2)} & _programme_before():
        return True
    return any(c in ent.text.strip(" \"'«»“”") for c in '"«»“”')


def _programme(key: str) -> bool:
    """A programme, event or law: "Plan …", "… Strategy", "Public Conversations on …"."""
    heads, tails = _programme_words()
    head = re.split(r" (?:of|on|for|in|de|du|des|sur|pour|d) ", key, maxsplit=1)[0]
    return bool(heads.match(key) or tails.search(key) or tails.search(head))


def _compound_part(ent: Span) -> bool:
    """A name cut out of a hyphenated compound: "Andhra Pradesh Community" in "…Community-managed Farming"."""
    doc = ent.doc
    return (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and not doc[ent.end - 1].whitespace_
        and not doc[ent.end].whitespace_
        and doc[ent.end + 1].is_lower
    )


def _person_with_role(ent: Span, roles: re.Pattern) -> bool:
    """A name followed by its holder's role is a person: "Theresia Bauer, the Minister for Science"."""
    after = ent.doc[ent.end : ent.end + 6]
    if len(ent) < 2 or not after or after[0].text != ",":
        return False
    words = [t.text for t in after[1:] if t.lower_ not in ("the", "le", "la", "l'", "l’")]
    return bool(words) and roles.match(normalise_name(" ".join(words))) is not None


def _in_place_list(ent: Span) -> bool:
    """A name listed among places ("Sofia, Varna, Bourgas, Pleven and Plovdiv") is a place."""
    ents = list(ent.doc.ents)
    for other in ents:
        if other.label_ not in PLACE_LABELS or other.start == ent.start:
            continue
        gap = ent.doc[other.end : ent.start] if other.end <= ent.start else ent.doc[ent.end : other.start]
        listed = all(t.is_punct or t.like_num or t.lower_ in ("and", "et") or (t.ent_type_ and t.is_title) for t in gap)
        if len(gap) <= 10 and listed and any(t.text in (",", "and", "et") for t in gap):
            return True  # other names in the gap are list items too
    return False


@cache
def _places_in_names() -> re.Pattern:
    phrases = sorted({normalise_name(p) for p in _data("organisations.json")["place_in_names"]}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, phrases)) + r") ", re.I)


def _place_in_name(name: str) -> str | None:
    """The place a public body is named after: "City of Indianapolis" -> "Indianapolis"."""
    key = strip_accents(name).casefold().replace("’", "'")
    m = _places_in_names().match(normalise_name(key))
    if m is None:
        return None
    words = normalise_name(key).split()[len(m.group(0).split()) :]
    place = name.split()[-len(words) :] if words else []
    return " ".join(place) if place and place[0][:1].isupper() else None


@cache
def _place_rules() -> tuple[set[str], re.Pattern]:
    raw = _data("organisations.json")
    prefixes = sorted({strip_accents(p).casefold() for p in raw["place_prefixes"]}, key=len, reverse=True)
    pattern = re.compile(
        r"^(?:" + "|".join(map(re.escape, prefixes)) + r")\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+)?", re.I
    )
    return {normalise_name(p) for p in raw["not_places"]}, pattern


def _place_name(name: str) -> str:
    """A place without its administrative prefix: "région de Thiès" -> "Thiès"."""
    _, prefixes = _place_rules()
    m = prefixes.match(strip_accents(name))
    return name[m.end() :] if m and m.end() < len(name) else name


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


def rule_kind_of(ent: Span) -> str:
    """The kind a rule gave a span ("public" for "ministère de la Santé"), or ""."""
    kind = ent.ent_id_ or ent.id_
    return kind if kind in ORG_KINDS else ""


def _apposition_kind(ent: Span) -> str:
    """The kind a noun just before a name gives it: "l'association Adels", "the charitable trust Citizens Energy
    Group", "l'ONG tunisienne L'Action Associative" (up to three lower-case words back)."""
    for token in reversed(ent.doc[max(0, ent.start - 3) : ent.start]):
        if not (token.is_alpha and (token.is_lower or token.is_upper)) or token.pos_ in (
            "ADP",
            "CCONJ",
            "SCONJ",
            "AUX",
            "PRON",
        ):
            break
        kind = organisation_kind(token.text)
        if kind != "other":
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
_ACRONYM_FIRST = re.compile(r"(?:^|\n)\s*[-•*]?\s*([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\s*=\s*")
_ACRONYM_BEFORE = re.compile(r"\b([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\s*\(([A-ZÉÈ][^()\n]{2,80}?)\)")
_MINOR = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "the", "and", "for", "à", "en", "pour", "&"}


def _initials(tokens: Span) -> list[str]:
    words = [t.text.strip("'’") for t in tokens if t.is_alpha or "'" in t.text or "’" in t.text]
    return [w[0].upper() for w in words if w and w.lower() not in _MINOR]


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym's letters can be read, in order, in a name that starts with its first letter and
    has at most two significant words more than the acronym has letters ("SVB", "Sociale Verzekeringsbank")."""
    letters = [c for c in strip_accents(acronym).casefold() if c.isalnum()]
    text = strip_accents(name).casefold()
    words = [w for w in re.findall(r"\w+", text) if w not in _MINOR]
    if len(letters) < 2 or not words or not text.startswith(letters[0]) or len(words) > len(letters) + 2:
        return False
    j = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        while j >= 0 and (text[j] != letters[i] or (i == 0 and j > 0)):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True


def _letter_sets(acronym: str) -> list[list[str]]:
    """The letters an acronym may stand for: all of them, or only its capitals ("RySS" -> R S S)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    capitals = [c for c in acronym if c.isalpha() and c.isupper()]
    return [letters] + ([capitals] if len(capitals) >= 2 and capitals != letters else [])


def _acronym_expansions(doc: Doc) -> list[tuple[Span, str]]:
    """Every acronym with the words it stands for, written "words (ACR)" or "ACR = words"."""
    found = []
    for m in _ACRONYM.finditer(doc.text):
        acronym = m.group(1)
        opening = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        sets = _letter_sets(acronym)
        if opening is None or len(sets[0]) < 2:
            continue
        end = opening.start
        for start in range(end - 1, max(-1, end - 12), -1):
            initials = _initials(doc[start:end])
            if initials in sets and doc[start].is_alpha:
                found.append((doc[start:end], acronym))
                break
            if len(initials) > len(sets[0]):
                break
    for m in _ACRONYM_FIRST.finditer(doc.text):  # "FMPS = Fondation marocaine … préscolaire (…)"
        name = re.split(r"\s*(?:[(,;\n]| - | – )", doc.text[m.end() :], maxsplit=1)[0]
        span = doc.char_span(m.end(), m.end() + len(name), alignment_mode="contract")
        if span is not None and len(span) and _abbreviates(m.group(1), name):
            found.append((span, m.group(1)))
    for m in _ACRONYM_BEFORE.finditer(doc.text):  # "SVB (Sociale Verzekeringsbank)"
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="contract")
        if span is not None and len(span) and _abbreviates(m.group(1), m.group(2)):
            found.append((span, m.group(1)))
    return found


def defined_acronyms(doc: Doc) -> list[tuple[Span, str]]:
    """Names introduced with their acronym, "Réseau de surveillance volontaire des lacs (RSVL)": (name span, acronym)."""
    return [(span, acronym) for span, acronym in _acronym_expansions(doc) if span.text[:1].isupper()]


def concept_acronyms(doc: Doc) -> set[str]:
    """Acronyms of common nouns, not names: "budget participatif des lycées (BPL)"."""
    return {
        normalise_name(acronym)
        for span, acronym in _acronym_expansions(doc)
        if span.text[:1].islower() and organisation_kind(span.text) == "other"
    }


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
                    # "la Ville" is also "La Ville" at the start of a sentence
                    self.exact.add(key, [nlp.make_doc(term), nlp.make_doc(term[:1].upper() + term[1:])])
                else:
                    self.lower.add(key, [nlp.make_doc(term)])
        self.noun_only, not_actors = _actor_filters()
        self.lower.add("NOT_ACTOR", [nlp.make_doc(p) for p in not_actors])

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
        blocked = [s for s in spans if s.label_ == "NOT_ACTOR"]

        def counts(span: Span) -> bool:
            if any(b.start < span.end and span.start < b.end for b in blocked):
                return False
            return span.text.casefold() not in self.noun_only or span[-1].pos_ in ("NOUN", "PROPN")

        # actors may overlap places and each other; countries and regions compete for the longest name
        geo = filter_spans([s for s in spans if s.label_ in ("COUNTRY", "REGION")])
        for span in geo + [s for s in spans if s.label_.startswith("ACTOR") and counts(s)]:
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


def _of_region(span: Span, regions: list[Span]) -> bool:
    """A government word that belongs to a region: the region just before it or in the same name."""
    doc = span.doc
    start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ in ("'s", "’s") else span.start
    names = [e for e in doc.ents if e.label_ == "ORG" and e.start <= span.start and span.end <= e.end]
    return any(r.end == start or any(e.start <= r.start and r.end <= e.end for e in names) for r in regions)


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
    regions = [span for label, _, span in phrase_hits if label == "REGION"]
    geo_keys: set[str] = set()
    for label, value, span in phrase_hits:
        if label in ("COUNTRY", "REGION"):
            if inside(span, [(a, b) for a, b in org_spans if (a, b) != (span.start_char, span.end_char)]):
                continue  # "Age UK", "Job Services Australia" do not name a country; "NL" alone does
            add("countries", value)
            geo_keys.add(normalise_name(span.text))
            if label == "REGION":
                add("places", span.text, normalise_name(span.text))
        elif value == "public_national" and _of_region(span, regions):
            add("actors", "public_regional")  # "Government of Andhra Pradesh", "Kansas Department of …"
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
    concepts = concept_acronyms(doc)
    roles, rejected = _not_organisation()
    not_places, _ = _place_rules()
    actor_words = {normalise_name(t) for terms in _actor_terms().values() for t in terms}
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
        if label in PLACE_LABELS and (_place_heads().match(key) or _lead_field(ent)):
            label = "ORG"  # "ministère de la Santé" tagged as a place by the statistical model
        elif label == "ORG" and not rule_kind_of(ent) and organisation_kind(name) == "other":
            if _in_place_list(ent):
                label = "GPE"
            elif _person_with_role(ent, roles):
                label = "PERSON"
        if label == "ORG":
            if key in geo_keys or key in aliases or key in rejected or key in concepts or roles.match(key):
                continue
            rule_kind = ent.ent_id_ or ent.id_
            if rule_kind not in ORG_KINDS and (
                _common_word(ent)
                or _programme(key)
                or _named_thing(ent)
                or _whole_title_line(ent)
                or _compound_part(ent)
                or (organisation_kind(name) == "other" and _is_heading(ent))
            ):
                continue
            if any(_same_body(key, normalise_name(o["name"])) for o in result["organisations"]):
                continue
            rule_kind = ent.ent_id_ or ent.id_
            kind = rule_kind if rule_kind in ORG_KINDS else organisation_kind(name)
            if kind == "other":
                kind = _apposition_kind(ent)
            add("organisations", {"name": name, "kind": kind}, key)
            place = _place_in_name(name) if kind == "public" else None
            if place and normalise_name(place) not in geo_keys:
                add("places", place, normalise_name(place))
        elif label in PLACE_LABELS and key not in geo_keys:
            if key in not_places or key in rejected or key in actor_words or key in concepts:
                continue  # "État", "OSC", "Parisiens" are no places
            if _common_word(ent) or _label_or_heading(ent) or (len(ent) == 1 and _title_line(_line(ent))):
                continue  # "Région", "Objectifs :", "Influence, Outcomes, and Effects"
            name = _place_name(name)
            add("places", name, normalise_name(name))
        elif label in PERSON_LABELS:
            add("people", name, key)
    org_keys = [normalise_name(o["name"]) for o in result["organisations"]]
    result["places"] = [
        p for p in result["places"] if normalise_name(p) not in aliases and normalise_name(p) not in org_keys
    ]
    if any(o["kind"] == "civil_society" for o in result["organisations"]):
        add("actors", "csos")  # "Norwegian Red Cross volunteers": a named charity is a civil-society actor

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
