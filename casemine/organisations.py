"""Organisations: the public-body EntityRuler, the kind of a name (public, civil_society, other) and the
tests that keep programmes, headings, people and places out of the organisation list."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from casemine.names import doc_text, entity_data, normalise_name, positions
from casemine.places import country_names, in_place_list, known_place_keys

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Span, Token

ORG_KINDS = ("public", "civil_society", "other")


PERSON_LABELS = {"PERSON", "PER"}


RULER_NAME = "casemine_public_bodies"


def _heads(key: str) -> re.Pattern:
    heads = sorted({normalise_name(h) for h in entity_data("organisations.json")[key]}, key=len, reverse=True)
    return re.compile(r"^(" + "|".join(map(re.escape, heads)) + r")\b")


@cache
def place_heads() -> re.Pattern:
    return _heads("place_heads")


@cache
def not_organisation_rules() -> tuple[re.Pattern, set[str]]:
    raw = entity_data("organisations.json")
    return _heads("role_heads"), {normalise_name(n) for n in raw["not_organisations"]} | {
        normalise_name(code) for code in country_names()
    }


def trimmed(ent: Span) -> Span:
    """An organisation span cut at a line break ("IED Afrique\nDate"), a web address or a definition sign ("Fonds de
    participation = petite enveloppe") and without trailing prepositions, articles or conjunctions
    ("Fondation de France à"), and without a leading legal form, which the conventions leave out ("ASBL Zinneke" ->
    "Zinneke", as "l'association Zinneke")."""
    start, end = ent.start, ent.end
    if len(ent) > 1 and ent[0].lower_ in _legal_forms() and (ent[1].is_title or ent[1].is_upper):
        start += 1
    for token in ent[1:]:
        if (
            "\n" in token.whitespace_ + ent.doc[token.i - 1].whitespace_
            or "\n" in token.text
            or token.text in "=:"
            or token.like_url
            or (token.text in ("'s", "’s", "‘s") and ent[-1].lower_ not in _name_heads() and not rule_kind_of(ent))
        ):
            end = token.i
            break
    if ent.doc.lang_ == "en":
        for token in ent.doc[ent.start + 1 : end - 1]:
            rest = ent.doc[token.i : end]
            if token.lower_ in ("as", "with", "which", "who", "that") and all(t.is_lower for t in rest):
                end = token.i  # "Sunlight Foundation as primary supporter" -> "Sunlight Foundation"
                break
    while end - 1 > start and (
        (ent.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "SCONJ") and not _tagged_name(ent.doc[end - 1]))
        or ent.doc[end - 1].text[:1].isdigit()
        or ent.doc[end - 1].text == "%"
    ):
        end -= 1  # "EUROSTAT - 25%" -> "EUROSTAT"
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(ent.doc, start, end, label=ent.label_, span_id=ent.ent_id_ or ent.id_)


_BRANCH_LINKS = {"en": (("of",),), "fr": (("de",), ("du",), ("d'",), ("d’",), ("de", "la"), ("de", "l'"), ("de", "l’"))}


def with_branch_place(ent: Span, places: dict[int, int]) -> Span:
    """An organisation span carried over the country or region of its branch that follows it ("Greenpeace France",
    "Caritas Suisse", "ACLU of Ohio", "FDGDON de la Manche"), which the gold conventions name whole; the tuned NER
    stops before the place. ``places`` maps the first token of each country, region or place entity to its end; the
    place must follow on the same line and end the name (no capitalised word after it)."""
    doc, end = ent.doc, ent.end
    for link in ((), *_BRANCH_LINKS.get(doc.lang_, ())):
        start = end + len(link)
        if start in places and all(doc[end + i].lower_ == w for i, w in enumerate(link)):
            stop = places[start]
            if any("\n" in t.whitespace_ for t in doc[end - 1 : start]) or any(t.is_punct for t in doc[end:start]):
                return ent
            if stop < len(doc) and doc[stop].is_title and doc[stop].is_alpha and not doc[stop].is_stop:
                return ent  # "Caritas France Alliance": the place begins another name
            from spacy.tokens import Span

            return Span(doc, ent.start, stop, label=ent.label_, span_id=ent.ent_id_ or ent.id_)
    return ent


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(w.casefold() for w in entity_data("organisations.json")["legal_forms"])


def _tagged_name(token: Token) -> bool:
    """A capitalised word that is no function word, whatever its part-of-speech tag: the French tagger takes the
    "Québec" of "gouvernement du Québec" for a determiner, which must not be trimmed off the name."""
    return token.is_alpha and token.is_title and not token.is_stop


_NAMED_HEADS = {"foundation", "trust", "institute", "fund", "society", "fondation", "institut", "fonds"}


_DEFINITE_SINGULAR = frozenset({"la", "l'", "l’", "le"})


def lower_case_bodies(doc: Doc) -> list[Span]:
    """The public bodies written in lower case that the conventions keep as names (``organisations.json``'s
    "lower_case_bodies": "l'administration pénitentiaire", "la protection civile"), each labelled ORG with the kind
    "public", after a definite article: "comités de protection civile" names committees; the caller leaves out those
    inside a longer name ("Direction générale de la protection civile")."""
    from spacy.tokens import Span

    phrases = [normalise_name(p).split() for p in entity_data("organisations.json")["lower_case_bodies"]]
    found = []
    for i in positions(doc, frozenset(words[0] for words in phrases)):
        for words in phrases:
            end = i + len(words)
            if (
                end <= len(doc)
                and i > 0
                and doc[i - 1].lower_ in _DEFINITE_SINGULAR
                and [normalise_name(t.text) for t in doc[i:end]] == words
            ):
                found.append(Span(doc, i, end, label="ORG", span_id="public"))
    return found


def extended(ent: Span) -> Span:
    """An organisation span grown over what the statistical model left out: the rest of a hyphenated name
    ("Fédération Wallonie-Bruxelles"), a nationality before it ("the British Army"), the body's head
    word before a preposition ("Office of" in "Office of Hispanic/Latino Affairs", "Ohio Commission on") or
    before a name in capitals ("Union REMPART"), and the capitalised words up to a body's head word after it ("Norfolk
    County" + "Strategic Partnership")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1] in ("-", "–"):
        if doc[end].text in "-–" and end + 1 < len(doc) and not doc[end].whitespace_ and doc[end + 1].is_title:
            end += 2
        elif doc[end].text[1:2].isupper():  # "-Bruxelles" as one token
            end += 1
        else:
            break
    if start > 0 and doc[start - 1].ent_type_ == "NORP" and doc[start - 1].is_title and ent[0].is_title:
        start -= 1
    if start == ent.start and ent[0].is_title and doc[start - 1].pos_ == "PROPN" and (grown := name_start(ent)) < start:
        start = grown  # "Keep" + "Wales Tidy": a proper noun the model left out
    while (
        start > 0
        and start > ent.start - 3
        and doc[start].lower_ in _NAMED_HEADS
        and doc[start - 1].is_title
        and not doc[start - 1].is_sent_start
        and "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1  # "Sunlight" + "Foundation as primary supporter": the model left the name out
    if (
        start == ent.start
        and start > 1
        and ent[0].is_upper
        and len(ent[0]) > 2
        and doc[start - 1].is_title
        and doc[start - 1].lower_ in _name_heads()
        and not doc[start - 1].is_sent_start
        and "\n" not in doc[start - 2].whitespace_
    ):
        start -= 1  # "Union" + "REMPART", "Verein" + "NEUSTART": the head word of the acronym's full name
    grow = end
    while grow < len(doc) and grow - end < 3 and doc[grow].is_title and "\n" not in doc[grow - 1].whitespace_:
        grow += 1
        if doc[grow - 1].lower_ in _name_heads():
            end = grow  # "Norfolk County" + "Strategic Partnership": the model stopped before the head word
            break
    if len(ent) > 1 and ent[-1].pos_ in ("ADP", "DET") and ent[-1].is_lower:
        while end < len(doc) and end - ent.end < 4 and doc[end].is_title and "\n" not in doc[end - 1].whitespace_:
            end += 1  # "ministère fédéral de la" + "Justice": the model stopped before the name's last word
    word = doc[start - 2] if start > 1 else None
    if word and doc[start - 1].lower_ in ("of", "on", "for") and word.is_title and place_heads().match(word.lower_):
        start -= 2  # the English head before the name; French heads are the EntityRuler's
        while start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start and start > ent.start - 6:
            start -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(doc, start, end, label=ent.label_, span_id=ent.ent_id_ or ent.id_)


_GENERIC_DETERMINERS = frozenset({
    "a", "an", "each", "every", "several", "many", "all", "un", "une", "les", "des", "aux", "ces", "chaque", "plusieurs",
    "tous", "toutes",
})  # fmt: skip


def generic_acronyms(doc: Doc) -> set[str]:
    """Acronyms the text uses as common nouns, for a kind of body or thing rather than one named body: "les CGE
    se regroupent", "aux OCB", "a PB process" (keys); such an acronym names no organisation anywhere in the text."""
    known, _ = _organisation_rules()  # "les ARS", "les CPAS": networks of bodies each named so
    after_determiner = (doc[i + 1] for i in positions(doc, _GENERIC_DETERMINERS) if i + 1 < len(doc))
    return {
        key
        for token in after_determiner
        if len(token.text) >= 2
        and token.text.isupper()
        and not token.ent_id_
        and (key := normalise_name(token.text)) not in known
    }


def common_word(ent: Span) -> bool:
    """A lone capitalised word the text also uses in lower case ("Panel"), or that the English parser does
    not take for a noun ("National", "Consolidated"), is no name."""
    if len(ent) != 1 or not ent[0].is_title:
        return False
    if ent.doc.lang_ == "en" and ent[0].pos_ in ("ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ"):
        return True  # the French model tags unknown names as adjectives ("l'association Adels")
    return re.search(rf"\b{re.escape(ent[0].lower_)}\b", doc_text(ent.doc)) is not None


def same_body(a: str, b: str) -> bool:
    """Two mentions of one organisation: equal keys, or the shorter (two words or more) inside the longer."""
    short, long = sorted((a, b), key=len)
    if short == long or (len(short.split()) >= 2 and f" {short} " in f" {long} "):
        return True
    return len(short.split()) == 1 and len(long.split()) >= 3 and long.endswith(f" {short}")


def lead_field(ent: Span) -> bool:
    """The first name after a lead-organisation label: "Organisme porteur : Rhônalpénergie-Environnement"."""
    text = doc_text(ent.doc)
    before = text[text.rfind("\n", 0, ent.start_char) + 1 : ent.start_char]
    m = re.fullmatch(r"\s*[-•*]?\s*([^:]{2,40}?)\s*:\s*(?:l['’]|la |le |les |the )?", before, re.I)
    return m is not None and normalise_name(m.group(1)) in _lead_labels()


@cache
def _lead_labels() -> set[str]:
    return {normalise_name(label) for label in entity_data("organisations.json")["lead_labels"]}


@cache
def _programme_words() -> tuple[re.Pattern, re.Pattern]:
    """Names starting or ending with these words are programmes, events or laws."""
    raw = entity_data("organisations.json")
    heads = "|".join(map(re.escape, sorted({normalise_name(w) for w in raw["programme_heads"]}, key=len, reverse=True)))
    tails = "|".join(map(re.escape, sorted({normalise_name(w) for w in raw["programme_tails"]}, key=len, reverse=True)))
    return re.compile(rf"^({heads})\b"), re.compile(rf"\b({tails})$")


@cache
def _programme_before() -> set[str]:
    return {normalise_name(w) for w in entity_data("organisations.json")["programme_before"]}


def named_thing(ent: Span) -> bool:
    """A name given to a programme, law or publication ("the programme Soziale Stadt", "the bill "…"") or
    quoted inside a longer phrase (the "Verfasste Studierendenschaft); not a name a cue word calls a body ("a
    project with the US Army")."""
    if organisation_kind(ent.text) != "other":
        return False
    before = [t.text for t in ent.doc[max(0, ent.start - 3) : ent.start] if not t.is_punct]
    if {normalise_name(" ".join(before[-n:])) for n in (1, 2)} & _programme_before():
        return True
    return any(c in ent.text.strip(" \"'«»“”") for c in '"«»“”')


def is_programme(key: str) -> bool:
    """A programme, event or law: "Plan …", "… Strategy", "Public Conversations on …"."""
    heads, tails = _programme_words()
    head = re.split(r" (?:of|on|for|in|de|du|des|sur|pour|d) ", key, maxsplit=1)[0]
    return bool(heads.match(key) or tails.search(key) or tails.search(head))


def compound_part(ent: Span) -> bool:
    """A name cut out of a hyphenated compound: "Andhra Pradesh Community" in "…Community-managed Farming"."""
    doc = ent.doc
    return (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and not doc[ent.end - 1].whitespace_
        and not doc[ent.end].whitespace_
        and doc[ent.end + 1].is_lower
    )


@cache
def _role_tails() -> set[str]:
    return {normalise_name(w) for w in entity_data("organisations.json")["role_tails"]}


def not_a_name(ent: Span) -> bool:
    """A mention that names no one body: an indefinite one ("a Mental Health Commission"), a role ("Committee
    Chair", "Community Mobiliser"), or, in English, a phrase with a participle in it ("Council led Community
    Planning"; not "Muungano wa Wanavijiji", whose "wa" the tagger takes for a verb)."""
    if ent[0].lower_ in ("a", "an", "un", "une"):
        return True
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an") and ent[0].is_title:
        return True  # "to have a School Management Committee (SMC)": a kind of body, not one body
    words = normalise_name(ent.text).split()
    if words and words[-1] in _role_tails():
        return True
    return ent.doc.lang_ == "en" and any(t.tag_ in ("VBD", "VBN", "VBG") and t.is_lower for t in ent[1:])


def person_with_role(ent: Span, roles: re.Pattern) -> bool:
    """A name followed by its holder's role is a person: "Theresia Bauer, the Minister for Science"."""
    after = ent.doc[ent.end : ent.end + 6]
    if len(ent) < 2 or not after or after[0].text != ",":
        return False
    words = [t.text for t in after[1:] if t.lower_ not in ("the", "le", "la", "l'", "l’")]
    return bool(words) and roles.match(normalise_name(" ".join(words))) is not None


@cache
def known_names() -> dict[str, list[str]]:
    """The bodies known by name, per kind: ``organisations.json``'s "names" and the well-known bodies of
    ``known_bodies.json`` (listed there by country, flattened here)."""
    names = {kind: list(ns) for kind, ns in entity_data("organisations.json")["names"].items()}
    for kind in ORG_KINDS:
        names.setdefault(kind, []).extend(known_bodies(kind))
    return names


def known_bodies(kind: str) -> list[str]:
    """The well-known bodies of one kind in ``known_bodies.json``, its groups (countries) flattened."""
    return [name for group in entity_data("known_bodies.json").get(kind, {}).values() for name in group]


@cache
def _organisation_rules() -> tuple[dict[str, str], list[tuple[str, re.Pattern]]]:
    raw = entity_data("organisations.json")
    names = {normalise_name(n): kind for kind, ns in known_names().items() for n in ns}
    cues = []
    for kind in ORG_KINDS:
        words = sorted({normalise_name(w) for w in raw["cues"][kind]}, key=len, reverse=True)
        cues.append((kind, re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")))
    return names, cues


@cache
def listed_names() -> frozenset[str]:
    """The keys of the public bodies the rules name one word at a time ("CPAS", "CCAS", "CLSC" in
    ``public_bodies.jsonl``): the extraction issue asks for these to be recognised as public bodies wherever the
    text names them, so the learned check does not drop them (``org_filter.select``)."""
    return frozenset(
        normalise_name(word)
        for rule in entity_data("public_bodies.jsonl")
        if isinstance(rule["pattern"], list) and len(rule["pattern"]) == 1
        for spec in rule["pattern"][0].values()
        if isinstance(spec, dict)
        for word in spec.get("IN", ())
    )


@cache
def guaranteed_names() -> frozenset[str]:
    """The keys of the names the learned check never drops when the rules keep them: the rules' one-word public
    bodies (``listed_names``) and lower-case ones ("administration pénitentiaire"), the public and civil-society
    bodies known by name (``known_names``) and the international bodies of ``known_bodies.json`` ("OECD", "Union européenne": the conventions keep them, kind
    other); firms and the ambiguous "UN" (``organisations.json``'s other names: "Capita", "UN Special Rapporteur")
    are left to the check, which learned when the conventions leave them out."""
    known = known_names()
    lower_case = entity_data("organisations.json")["lower_case_bodies"]
    return listed_names() | frozenset(
        normalise_name(n) for n in [*known["public"], *known["civil_society"], *known_bodies("other"), *lower_case]
    )


_HEAD_END = re.compile(r" (?:of|for|on|in|against|de|du|des|pour|sur|sans|contre|d|l) ")


def organisation_kind(name: str, weak: bool = True) -> str:
    """public, civil_society or other: a known name first; then the cue word that comes first in the name's
    head, the words before its first preposition ("Association for Public Health" is an association,
    "Groupe pour une Suisse sans armée" no army); then cue words anywhere, tried public, civil_society, other;
    then, unless ``weak`` is false, the weak cues ("organisation", "organisme") make it civil society."""
    names, cues = _organisation_rules()
    key = normalise_name(name)
    if key in names:
        return names[key]
    if _campaign_start().match(key):
        return "civil_society"  # "Save Our Library", "Occupy Vancouver", "Keep Wales Tidy": a campaign's name
    head = _HEAD_END.split(f"{key} ", maxsplit=1)[0]
    in_head = [(m.start(), order, kind) for order, (kind, p) in enumerate(cues) if (m := p.search(head))]
    if in_head:
        return min(in_head)[2]
    for kind, pattern in cues:
        if pattern.search(key):
            return kind
    return "civil_society" if weak and _weak_cues().search(head) else "other"


@cache
def _campaign_start() -> re.Pattern:
    """The imperative words a campaign's name starts with ("Save", "Occupy", "Sauvons"): such a name is civil society
    whatever body it names after them ("Save Kensal Rise Library" is no library)."""
    words = sorted({normalise_name(w) for w in entity_data("organisations.json")["campaign_starts"]}, key=len)
    return re.compile(r"^(?:" + "|".join(map(re.escape, reversed(words))) + r") \w")


@cache
def _school_terms() -> tuple[frozenset[str], frozenset[str]]:
    raw = entity_data("organisations.json")
    return frozenset(raw["school_heads"]), frozenset(raw["school_words"])


def school_names(doc: Doc) -> list[Span]:
    """French schools named by a proper name with no preposition ("l'école Bizanet", "le collège Victor
    Schoelcher", "l'école maternelle du Faux-Pont"), each labelled ORG with the kind "public", as the gold keeps
    them and the statistical model misses them (a person, or nothing); "l'école de Bizanet" names a place's school,
    "l'ancienne école André-Moine" a building."""
    from spacy.tokens import Span

    heads, words = _school_terms()
    found = []
    for i in positions(doc, heads):
        if i > 0 and doc[i - 1].lower_ in ("ancienne", "ancien"):
            continue
        start = i + 1
        while start < len(doc) and doc[start].lower_ in words:
            start += 1
        end = start
        while end < len(doc) and "\n" not in doc[end - 1].whitespace_:
            if doc[end].text[:1].isupper() and doc[end].text.replace("-", "").isalpha():
                end += 1
            elif doc[end].text == "-" and end > start and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
                end += 1  # "Jeanne-LeBer" in two tokens
            else:
                break
        if end > start:
            found.append(Span(doc, i, end, label="ORG", span_id="public"))
    return found


@cache
def _weak_cues() -> re.Pattern:
    """Words that make a name or apposition civil society only when nothing else gives a kind: "organisation",
    "organisme" ("The Organization for Bipolar Affective Disorder", "X, an arts based organisation")."""
    words = sorted({normalise_name(w) for w in entity_data("organisations.json")["weak_cues"]}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")


def rule_kind_of(ent: Span) -> str:
    """The kind a rule gave a span ("public" for "ministère de la Santé"), or ""."""
    kind = ent.ent_id_ or ent.id_
    return kind if kind in ORG_KINDS else ""


def _kind_of_words(tokens: list, backwards: bool = False) -> str:
    """The kind the first cue among lower-case words gives ("ONG", "association", "organisme public"); a weak cue
    ("organisation") counts only when no other word gives a kind."""
    weak = "other"
    words: list[str] = []
    for token in tokens:
        if _modifier(token):
            continue  # "an Irish charity", "a volunteer-based environmental association"
        if not (token.is_alpha and (token.is_lower or token.is_upper)) or token.pos_ in _NOT_NOUNS or len(words) > 3:
            break
        if _weak_cues().fullmatch(token.lower_):
            weak = "civil_society"
            continue
        words.append(token.text)
        phrase = " ".join(reversed(words) if backwards else words)  # "social enterprise"
        if len(words) == 1:
            singular = token.text[:-1] if token.lower_.endswith("s") and len(token.text) > 3 else token.text
            kind = organisation_kind(singular)  # "community federations such as X"
        else:
            kind = organisation_kind(phrase)
        if kind != "other":
            return kind
    return weak


_NOT_NOUNS = ("ADP", "CCONJ", "SCONJ", "AUX", "PRON")


def _modifier(token: Token) -> bool:
    """A word that qualifies a kind noun without being one: a nationality or other capitalised adjective ("Irish",
    "East African") or a part of a hyphenated compound ("volunteer-based", "resident-controlled", "non-profit")."""
    doc = token.doc
    if token.text in ("-", "–"):
        return token.i > 0 and not doc[token.i - 1].whitespace_ and not token.whitespace_
    if token.is_title and (token.ent_type_ == "NORP" or token.pos_ == "ADJ"):
        return True
    glued_after = token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–") and not token.whitespace_
    glued_before = token.i > 0 and doc[token.i - 1].text in ("-", "–") and not doc[token.i - 1].whitespace_
    return token.is_alpha and (glued_after or (glued_before and token.i + 1 < len(doc) and doc[token.i + 1].is_alpha))


_ARTICLES = {"a", "an", "the", "un", "une", "l'", "l’", "le", "la"}


_CUE_NOUNS = frozenset({
    "association", "fondation", "ong", "coopérative", "collectif", "fédération", "mutuelle", "asbl",
    "charity", "ngo", "foundation", "cooperative", "co-operative", "trust", "collective", "nonprofit", "non-profit",
    "mouvement", "movement", "coalition",
})  # fmt: skip
_OPEN_QUOTES = {"«", '"', "“", "‘"}
_CLOSE_QUOTES = {"»", '"', "”", "’"}


def _quoted_name(doc: Doc, i: int) -> tuple[int, int] | None:
    """The name in quotes opening at token ``i`` ("le collectif « Touche pas à ma ZEP »", "mouvement « X »"), any
    words allowed inside, the first capitalised; None if the quote does not close within eight words."""
    for j in range(i + 1, min(len(doc), i + 10)):
        if doc[j].text in _CLOSE_QUOTES:
            return (i + 1, j) if j > i + 1 and doc[i + 1].text[:1].isupper() else None
        if doc[j].text in ".;:\n" or "\n" in doc[j].text:
            return None
    return None


def named_after_cue(doc: Doc) -> list[Span]:
    """Names the statistical model missed right after a civil-society noun: "l'ONG française Gret", "the
    charity Shelter", "l'association Adels" (the noun lower case, an adjective allowed between)."""
    from spacy.tokens import Span

    found = []
    for i in sorted(positions(doc, _CUE_NOUNS) + positions(doc, _NONPROFIT_HEADS)):
        token = doc[i]
        if token.is_title or i == len(doc) - 1:
            continue
        start = token.i + 1
        nonprofit = _nonprofit_end(doc, start)
        if token.lower_ in _NONPROFIT_HEADS and nonprofit is None:
            continue  # "organisme" alone is a weak cue
        start = nonprofit or start
        if doc[start].pos_ == "ADJ" and doc[start].is_lower and start + 1 < len(doc):
            start += 1
        if start + 1 < len(doc) and doc[start].text == "," and any(t.lower_ in _INDEFINITE for t in doc[i - 2 : i]):
            start += 1  # "une coopérative, Enercoop Ardennes, qui …": an apposition names the body
        if start >= len(doc):
            continue
        if doc[start].text in _OPEN_QUOTES:
            quoted = _quoted_name(doc, start)
            if quoted is not None:
                found.append(Span(doc, quoted[0], quoted[1], label="ORG", span_id="civil_society"))
            continue
        end = _capitalised_run(doc, start)
        if end > start and doc[start].ent_type_ in ("", "MISC"):
            found.append(Span(doc, start, end, label="ORG", span_id="civil_society" if nonprofit else ""))
        elif end > start and _unknown_name(doc, start, end):
            found.append(Span(doc, start, end, label="ORG", span_id="civil_society"))  # wins over the place tag
    return found + listed_after_cue(doc)


_NONPROFIT_HEADS = frozenset({"organisme", "organismes", "organisation", "organization", "société", "corporation"})
_NONPROFIT = (
    ("sans", "but", "lucratif"), ("à", "but", "non", "lucratif"), ("a", "but", "non", "lucratif"),
    ("communautaire",), ("caritatif",), ("de", "bienfaisance"), ("de", "charité"), ("non-profit",), ("nonprofit",),
    ("non", "-", "profit"), ("charitable",),
)  # fmt: skip


def _nonprofit_end(doc: Doc, i: int) -> int | None:
    """The token after a not-for-profit qualifier starting at ``i`` ("sans but lucratif", "à but non lucratif",
    "communautaire"), or None: "l'organisme sans but lucratif Alloprof" names a civil-society body."""
    for words in _NONPROFIT:
        if i + len(words) <= len(doc) and tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
            return i + len(words)
    return None


def _capitalised_run(doc: Doc, start: int) -> int:
    """The end of a name starting at ``start``: capitalised words, with up to two short lower-case particles
    between two of them ("Stëmm vun der Strooss", "Maison de Quartier"), six words at most."""
    end = start
    while end < len(doc) and end - start < 6:
        token = doc[end]
        if (token.is_title or token.is_upper) and token.is_alpha:
            end += 1
            continue
        gap = end
        while gap < len(doc) and gap - end < 2 and doc[gap].is_lower and doc[gap].is_alpha and len(doc[gap]) <= 4:
            gap += 1
        if end > start and gap > end and gap < len(doc) and doc[gap].is_title and "\n" not in doc[gap - 1].whitespace_:
            end = gap
            continue
        break
    return end


def _unknown_name(doc: Doc, start: int, end: int) -> bool:
    """A name the statistical model took for a place or a person that is no known country, region or place
    ("l'asbl Stëmm", "l'organisme sans but lucratif Alloprof"): the civil-society noun before it says it is a body."""
    if doc[start].ent_type_ not in ("LOC", "GPE", "PER", "PERSON"):
        return False
    return not names_known_place(doc[start:end])


def names_known_place(span: Span, titled: bool = False) -> bool:
    """Whether a span is listed among places or holds a word that is a known country or region name (``titled``:
    only its capitalised words count)."""
    known = known_place_keys()
    return in_place_list(span) or any(normalise_name(t.text) in known for t in span if t.is_title or not titled)


_PLURAL_CUES = frozenset({
    "associations", "ong", "ngos", "charities", "fondations", "foundations", "coopératives", "cooperatives",
    "co-operatives", "collectifs", "fédérations", "federations", "mutuelles", "organismes", "organisations",
    "organizations", "asbl",
})  # fmt: skip
_AND = {"et", "and", "&", ","}


def _bracket_names(doc: Doc, i: int) -> tuple[list[tuple[int, int]], int]:
    """The names listed in brackets opening at token ``i`` ("(Psytoyens, En Route)"), and the token after them;
    nothing unless every item is a capitalised name."""
    names, start, j = [], i + 1, i + 1
    while j < len(doc) and j - i < 30:
        token = doc[j]
        if token.text == ")" or token.lower_ in _AND or token.text in _ELLIPSIS:
            if j == start or not (doc[start].is_title or doc[start].is_upper):
                return [], i
            names.append((start, j))
            if token.text in _ELLIPSIS:  # "(LAIA, Les enfants d'abord…)": the list ends there
                return (names, j + 2) if j + 1 < len(doc) and doc[j + 1].text == ")" else ([], i)
            if token.text == ")":
                return names, j + 1
            start = j + 1
        elif not (
            token.is_title
            or token.is_upper
            or (token.is_alpha and j > start and token.is_lower is False)
            or (j > start and j - start < 5 and (token.is_lower or token.text in ("'", "’", "d'", "d’", "l'", "l’")))
        ):
            return [], i  # lower-case words inside a name that starts with a capital: "Dentro le mura"
        j += 1
    return [], i


_ELLIPSIS = {"…", "...", "etc", "etc."}


def listed_after_cue(doc: Doc) -> list[Span]:
    """Names listed in brackets after a plural civil-society noun: "associations d'usagers (Psytoyens, En Route)
    et de proches (Similes)", "two charities (Shelter and Crisis)"."""
    from spacy.tokens import Span

    found = []
    for i in positions(doc, _PLURAL_CUES):
        token = doc[i]
        if token.is_title:
            continue
        i = token.i + 1
        while (
            i < len(doc)
            and i - token.i <= 6
            and doc[i].text != "("
            and doc[i].text not in ".;:"
            and not doc[i].is_space
        ):
            i += 1
        while i < len(doc) and doc[i].text == "(":
            names, after = _bracket_names(doc, i)
            found += [Span(doc, a, b, label="ORG", span_id="civil_society") for a, b in names]
            # "… (A, B) et de proches (C)": a second bracket in the same list
            nxt = doc[after : after + 5]
            k = next((t.i for t in nxt if t.text == "("), None)
            if not names or k is None or nxt[0].lower_ not in _AND or any(t.is_punct and t.text != "(" for t in nxt):
                break
            i = k
    return found


def apposition_kind(ent: Span) -> str:
    """The kind a noun next to a name gives it: before it, up to three lower-case words back and past a colon
    ("l'association Adels", "the charitable trust Citizens Energy Group", "2 ONG internationales : CECI"), or
    after it and a comma ("Gret, an NGO", "BAPE, organisme public")."""
    doc = ent.doc
    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].text == ":" else ent.start
    for n in (2, 1):  # "community federations such as X", "des associations comme X"
        if start - n > 0 and " ".join(t.lower_ for t in doc[start - n : start]) in _LINKS:
            start -= n
            break
    kind = _kind_of_words(list(reversed(doc[max(0, start - 3) : start])), backwards=True)
    if kind == "other":
        kind = _kind_after(ent)
    if kind == "other" and ent.label_ == "ORG" and ent.end < len(doc) and doc[ent.end].is_lower:
        after = _kind_of_words(list(doc[ent.end : ent.end + 2]))  # "the Southeast Uplift neighbourhood coalition"
        kind = after if after == "civil_society" else kind  # not "NYC agencies", "RD department"
    if kind == "other":
        kind = _kind_before_comma(ent)
    if kind == "other":
        kind = _kind_in_brackets(ent)
    if kind == "other":
        kind = _kind_of_list(ent)
    return kind


def _kind_before_comma(ent: Span) -> str:
    """The kind an indefinite noun phrase and a comma before a name give it: "formed a federation, FUCVAM",
    "une coopérative, Enercoop"; not a list ("the council, Oxfam and …" has no indefinite article)."""
    doc = ent.doc
    if ent.start < 3 or doc[ent.start - 1].text != ",":
        return "other"
    end = ent.start - 1
    for start in range(end - 1, max(0, end - 4), -1):
        if doc[start].lower_ in _INDEFINITE:
            words = list(doc[start + 1 : end])
            return _kind_of_words(list(reversed(words)), backwards=True) if words else "other"
        if not (doc[start].is_alpha and doc[start].is_lower):
            break
    return "other"


def _kind_in_brackets(ent: Span) -> str:
    """The kind a description in brackets right after a name gives it: "Zecs Québec (fédération)", "SEIU Local 721
    (county library workers' union)": the head noun of the words before a preposition, the last in English and the
    first in French; acronyms and names in brackets say nothing."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
        return "other"
    words = []
    for token in doc[ent.end + 1 : ent.end + 9]:
        if token.text == ")" or token.pos_ in ("ADP", "CCONJ", "SCONJ") or token.text in (",", ";", ":"):
            break
        if token.is_alpha and not token.is_lower:
            return "other"  # "(GSsA)", "(Psytoyens, En Route)": a name, not a description
        if token.is_alpha:
            words.append(token)
    if not words:
        return "other"
    head = words[-1] if doc.lang_ == "en" else words[0]
    singular = head.text[:-1] if head.lower_.endswith("s") and len(head.text) > 3 else head.text
    return organisation_kind(singular, weak=False)


_OTHER = {"other", "autres"}


def _kind_of_list(ent: Span) -> str:
    """The kind a list of names closed by "and other NGOs" gives its last two names: "Cordaid, HealthNet TPO et autres
    ONG", "Shelter, Crisis and other charities" (not "Union européenne, Cordaid, HealthNet TPO et autres ONG": lists
    mix kinds, and the closing noun is the last names' kind)."""
    doc = ent.doc
    i, commas = ent.end, 0
    while i < len(doc) and i - ent.end < 25 and commas < 2:
        token = doc[i]
        commas += token.text == ","
        if token.lower_ in ("and", "et") and i + 2 < len(doc):
            j = i + 1 + (doc[i + 1].lower_ in ("d'", "d’"))
            if doc[j].lower_ in _OTHER and j + 1 < len(doc):
                words = [t for t in doc[j + 1 : j + 3] if not _weak_cues().fullmatch(t.lower_)]
                return _kind_of_words(words)  # not "the World Bank and other development organisations"
            if not doc[i + 1].text[:1].isupper():
                return "other"
        elif not (
            token.text == ","
            or (token.text[:1].isupper() and not token.is_punct)
            or (token.is_lower and token.is_alpha and len(token) <= 3 and i + 1 < len(doc) and doc[i + 1].is_title)
        ):
            return "other"  # a short particle inside a name ("Friends of the Earth") is allowed
        i += 1
    return "other"


_LINKS = {"such as", "like", "including", "comme", "notamment", "dont", "tels que", "telles que", "à savoir"}


def _kind_after(ent: Span) -> str:
    """The kind an apposition after a name and a comma gives: "Gret, an NGO", "BAPE, organisme public"."""
    doc = ent.doc
    if ent.end >= len(doc) - 1 or doc[ent.end].lower_ not in _APPOSITION_LINKS:
        return "other"
    if doc[ent.end].text != "," and (doc[ent.end + 1].lower_ not in _INDEFINITE or not _subject(ent)):
        return "other"  # "X is a charity" of the sentence's subject; not "the grant is a public …"
    after = [t for t in doc[ent.end + 1 : ent.end + 8]]
    if after and after[0].lower_ in _ARTICLES:
        after = after[1:]
    return _kind_of_words(after[:6])


_APPOSITION_LINKS = {",", "is", "was", "est", "était"}


def _subject(ent: Span) -> bool:
    """Whether the name starts its sentence or line (past an article): the subject of "X is a charity"."""
    doc = ent.doc
    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ in _ARTICLES else ent.start
    return start == 0 or doc[start].is_sent_start or "\n" in doc[start - 1].whitespace_ + doc[start - 1].text


def appositive_organisation(ent: Span) -> bool:
    """A name the model took for a person or place that an apposition calls a civil-society body: "Sanergy, a social
    enterprise", "African Parks, une organisation sans but lucratif", "federations such as Umoja Wetu"."""
    doc = ent.doc
    if ent.label_ == "ORG" or not ent[0].is_title:
        return False
    for n in (2, 1):  # "community federations such as Umoja Wetu"
        if ent.start - n > 0 and " ".join(t.lower_ for t in doc[ent.start - n : ent.start]) in _LINKS:
            before = list(reversed(doc[max(0, ent.start - n - 2) : ent.start - n]))
            return _kind_of_words(before, backwards=True) == "civil_society"
    if ent.end + 2 >= len(doc) or doc[ent.end + 1].lower_ not in _INDEFINITE:
        return False  # "En Polynésie, le réseau compte …" is no apposition
    return _kind_after(ent) == "civil_society"


_INDEFINITE = {"a", "an", "un", "une"}


def name_start(ent: Span) -> int:
    """Where the name of a body span starts: up to two capitalised words before it the statistical model left out
    ("Predator" of "Predator Free Miramar, a volunteer group", "Silver" of "Silver Generation Office"), not an
    article, a tagged name or a word on another line."""
    doc, start = ent.doc, ent.start
    while (
        start > 0
        and ent.start - start < 2
        and doc[start - 1].is_title
        and doc[start - 1].is_alpha
        and not doc[start - 1].is_stop
        and not doc[start - 1].ent_type_
        and "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1
    return start


def appositive_names(doc: Doc) -> list[Span]:
    """Capitalised names the statistical model did not tag at all that an apposition calls a body: "Beanstalk, a
    national charity", "Gret, une ONG" (the kind a cue noun after the comma gives, public or civil society; the
    weak "organisation" alone is not enough)."""
    from spacy.tokens import Span

    found = []
    for i in positions(doc, frozenset(_APPOSITION_LINKS)):
        if i == 0 or i + 2 >= len(doc) or doc[i + 1].lower_ not in _INDEFINITE:
            continue
        end = i
        start = end
        while (
            start > 0
            and end - start < 5
            and doc[start - 1].is_alpha
            and (doc[start - 1].is_title or doc[start - 1].is_upper)
        ):
            start -= 1
            if doc[start].is_sent_start or "\n" in (doc[start - 1].whitespace_ if start else "\n"):
                break
        if start == end or any(t.ent_type_ for t in doc[start:end]):
            continue
        span = Span(doc, start, end, label="ORG")
        if doc[i].text != "," and not _subject(span):
            continue
        after = [t for t in doc[i + 2 : i + 8]]
        kind = _kind_of_words(after)
        if kind in ("public", "civil_society") and not all(t.is_stop and not t.is_upper for t in span):
            found.append(Span(doc, start, end, label="ORG", span_id=kind))
    return found


def _national_government() -> dict:
    """A ruler pattern for "le gouvernement tchadien": the French government word with a nationality adjective."""
    demonyms = [form for d in entity_data("organisations.json")["demonyms"]["fr"] for form in (d, d.capitalize())]
    return {
        "label": "ORG",
        "id": "public",
        "pattern": [{"LOWER": {"IN": ["gouvernement", "gouvernements"]}}, {"ORTH": {"IN": demonyms}}],
    }


def add_entity_rules(nlp: SpacyLanguage) -> SpacyLanguage:
    """Add the public-body EntityRuler after the statistical NER, letting it correct NER's spans."""
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner", config={"overwrite_ents": True})
        known = known_names()
        named = [{"label": "ORG", "id": kind, "pattern": name} for kind, names in known.items() for name in names]
        # phrase patterns are matched on ORTH, so they need only the tokenizer; the ruler would run the
        # components before it (tagger, NER, …) over every pattern text
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(entity_data("public_bodies.jsonl") + named + [_national_government()])
    return nlp


_WEB_SUFFIX = re.compile(r"\.(?:org|com|net|io|info|gov|eu|be|fr|nl|ca|uk|de|ch)\b", re.I)
_WEB_ADDRESS = re.compile(r"\.(?:org|com|net|io|info|gov)\b", re.I)  # a name written as an address: "X.org"
_WEB_NOUNS = {
    "platform", "website", "web site", "site", "app", "application", "portal", "tool", "tools", "software",
    "plateforme", "site web", "site internet", "outil", "logiciel", "forum",
}  # fmt: skip


def web_thing(ent: Span) -> bool:
    """A web site or app rather than a body: the name written with a web suffix ("AskThem.io", "OpenCongress.org")
    or described as one right after it ("VeleHanden (…) is a Dutch platform", "X, une plateforme")."""
    doc = ent.doc
    if ent.end < len(doc) and not doc[ent.end - 1].whitespace_ and _WEB_SUFFIX.match(doc[ent.end].text):
        return True
    text = doc_text(doc)
    if _WEB_ADDRESS.search(text) and re.search(re.escape(ent.text) + _WEB_ADDRESS.pattern, text, re.I):
        return True
    after = doc[ent.end : ent.end + 12]
    words = [t.lower_ for t in after]
    for i, word in enumerate(words):
        if word in (".", ";", "\n") or (word == "," and i > 0):
            break
        if word in ("is", "est", ",") and i + 4 <= len(words):
            rest = [w for w in words[i + 1 : i + 5] if w not in ("a", "an", "the", "une", "un", "la", "le")]
            if any(w in _WEB_NOUNS for w in rest[:3]) or any(" ".join(rest[j : j + 2]) in _WEB_NOUNS for j in range(2)):
                return rest[0] in _WEB_NOUNS or not rest[0].istitle()
            break
    return False


def cited_author(ent: Span) -> bool:
    """A name cited as an author ("(Spada et al. 2012)", "Habermas (1989)"), not a body; a name a cue word calls a
    body stays one, its report cited ("the Commission on the Future of Policing (2022)")."""
    doc = ent.doc
    if organisation_kind(ent.text) != "other":
        return False
    after = [t.text for t in doc[ent.end : ent.end + 3]]
    if after[:2] == ["et", "al"] or after[:1] == ["et al."] or (after and after[0].startswith("et al")):
        return True
    return len(after) >= 2 and after[0] in ("(", ",") and re.fullmatch(r"(?:19|20)\d\d", after[1]) is not None


def person_after_role(ent: Span, roles: re.Pattern) -> bool:
    """Two or three capitalised words right after a role are its holder: "la conseillère municipale Tiffany
    Cabán", "Mayor Lee Leffingwell"."""
    doc = ent.doc
    if not 2 <= len(ent) <= 3 or not all(t.is_title for t in ent):
        return False
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    return any(roles.match(normalise_name(" ".join(before[-n:]))) for n in (1, 2) if len(before) >= n)


@cache
def _structure_tails() -> re.Pattern:
    words = sorted({normalise_name(w) for w in entity_data("organisations.json")["structure_tails"]}, key=len)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")$")


@cache
def _generic_bodies() -> tuple[frozenset[str], frozenset[str]]:
    raw = entity_data("organisations.json")["generic_bodies"]
    nouns = frozenset(w for n in raw["nouns"] for w in normalise_name(n).split())
    return nouns, nouns | frozenset(normalise_name(w) for w in raw["qualifiers"])


def generic_body(key: str) -> bool:
    """A name (key) made only of generic body words and level words, with no proper name: "city council",
    "federal government", "the municipal governments" name a kind of body the conventions leave out; "parliament",
    "conseil federal" are kept."""
    nouns, allowed = _generic_bodies()
    words = key.split()
    return bool(words) and all(w in allowed for w in words) and any(w in nouns for w in words)


def structure_name(key: str) -> bool:
    """A street, building or bridge (key): "first avenue", "office building", "pont de normandie" is no body."""
    head = re.split(r" (?:de|du|des|d) ", key, maxsplit=1)[0]
    return _structure_tails().search(key) is not None or (head != key and _structure_tails().search(head) is not None)


@cache
def _category_heads() -> set[str]:
    return {normalise_name(w) for w in entity_data("organisations.json")["category_heads"]}


def category_name(key: str) -> bool:
    """A name (key) whose head ends with a plural body noun names a kind of body, not one: "tenants and residents
    associations", "common services centres"; not "national association of local councils"."""
    head = re.split(r" (?:of|for|on|in|de|du|des|d|pour) ", key, maxsplit=1)[0].split()
    return len(head) >= 2 and head[-1] in _category_heads()


@cache
def _name_heads() -> frozenset[str]:
    return frozenset(w.casefold() for w in entity_data("organisations.json")["name_heads"])


def body_headed(ent: Span) -> bool:
    """A name of two words or more with a body's head noun in it ("eThekwini Municipality", "Grande Bibliothèque de
    Montréal", "Muséum national d'Histoire naturelle") that the statistical model took for a place: a body, unless
    it is a known country or region or listed among places ("the Soviet Union")."""
    heads = _name_heads()
    if len(ent) < 2 or not any(
        t.is_title and t.lower_ in heads and (t.i > ent.start or not ent.doc[t.i + 1].is_title) for t in ent
    ):
        return False  # not "Centre Manche", a region
    return not names_known_place(ent, titled=True)


def headed_names(doc: Doc) -> list[Span]:
    """Capitalised names ending with a body's head noun that the statistical model missed or took for a person
    or a thing: "the Women's Voluntary Defence Organisation", "Girl Guides", "LA County Library"."""
    from spacy.tokens import Span

    found = []
    for i in positions(doc, _name_heads()):
        token = doc[i]
        if not token.is_title or i == 0:
            continue
        if token.ent_type_ == "ORG" and token.ent_iob_ != "B":
            continue  # inside a name the model found
        start = token.i
        while start > 0 and token.i - start < 5:
            prev = doc[start - 1]
            if "\n" in prev.whitespace_ or prev.is_sent_start and not prev.is_title:
                break
            if prev.is_title or prev.is_upper or prev.text in ("'s", "’s"):
                start -= 1
            else:
                break
        while start < token.i and (doc[start].text in ("'s", "’s") or doc[start].lower_ in _ARTICLES):
            start += 1  # "The Committee" alone is a generic mention
        if start < token.i and not doc[start].is_sent_start:
            found.append(Span(doc, start, token.i + 1, label="ORG"))
    return found
