"""Acronyms a text defines, "Centre communal d'action sociale (CCAS)", "ACR = words", "ACR (words)": the
name they stand for, so that the acronym and its name count as one organisation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casemine.names import MINOR_WORDS, doc_text, entity_spans, normalise_name, strip_accents
from casemine.organisations import organisation_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_ACRONYM = re.compile(r"\(([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\)")


_ACRONYM_FIRST = re.compile(r"(?:^|\n)\s*[-•*]?\s*([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\s*=\s*")


_ACRONYM_BEFORE = re.compile(r"\b([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\s*\(([^\W\d_][^()\n]{2,80}?)\)")
# "Plan communal de développement de la nature, ou PCDN", "the Pioneer Generation Office, or PGO"
_ACRONYM_OR = re.compile(r",?\s+(?:ou|or|aka|dit|soit)\s+(?:l['’]|la |le |les |the )?([A-ZÉÈ][A-Za-zÉÈ&-]{1,9})\b")


# "Flemish Environment Agency (Vlaamse Milieumaatschappij, VMM)": the acronym last in brackets, after another name
_ACRONYM_LAST = re.compile(r"\(([^()\n]{2,80}?),\s*([A-Z][A-Z&-]{1,9})\)")


def _initials(tokens: Span) -> list[str]:
    words = [t.text.strip("'’") for t in tokens if t.is_alpha or "'" in t.text or "’" in t.text]
    return [w[0].upper() for w in words if w and w.lower() not in MINOR_WORDS]


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym's letters can be read, in order, in a name that starts with its first letter and
    has at most two significant words more than the acronym has letters ("SVB", "Sociale Verzekeringsbank")."""
    letters = [c for c in strip_accents(acronym).casefold() if c.isalnum()]
    text = strip_accents(name).casefold()
    words = [w for w in re.findall(r"\w+", text) if w not in MINOR_WORDS]
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
    """Every acronym with the words it stands for, written "words (ACR)", "words, ou ACR", "ACR = words" or
    "ACR (words)"; found once per parse (names and concepts both ask)."""
    found = doc.user_data.get(_EXPANSIONS)
    if found is None:
        found = doc.user_data[_EXPANSIONS] = _find_expansions(doc)
    return found


_EXPANSIONS = "casemine_acronym_expansions"


def _find_expansions(doc: Doc) -> list[tuple[Span, str]]:
    found = []
    for m in [*_ACRONYM.finditer(doc_text(doc)), *_ACRONYM_OR.finditer(doc_text(doc))]:
        acronym = m.group(1)
        opening = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        sets = _letter_sets(acronym)
        if opening is None or len(sets[0]) < 2 or (m.re is _ACRONYM_OR and not acronym.replace("-", "").isupper()):
            continue
        end = opening.start
        for start in range(end - 1, max(-1, end - 12), -1):
            initials = _initials(doc[start:end])
            if initials in sets and doc[start].is_alpha:
                found.append((doc[start:end], acronym))
                break
            if len(initials) > len(sets[0]):
                break
    for m in _ACRONYM_FIRST.finditer(doc_text(doc)):  # "FMPS = Fondation marocaine … préscolaire (…)"
        name = re.split(r"\s*(?:[(,;\n]| - | – )", doc_text(doc)[m.end() :], maxsplit=1)[0]
        span = doc.char_span(m.end(), m.end() + len(name), alignment_mode="contract")
        if span is not None and len(span) and _abbreviates(m.group(1), name):
            found.append((span, m.group(1)))
    for m in _ACRONYM_BEFORE.finditer(doc_text(doc)):  # "SVB (Sociale Verzekeringsbank)"
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


def bracket_aliases(doc: Doc) -> set[str]:
    """Acronyms (keys) written last in brackets right after an organisation, after another name for it: "Flemish
    Environment Agency (Vlaamse Milieumaatschappij, VMM)"; the acronym is that organisation, whatever its letters."""
    ends = {e.end_char for e in entity_spans(doc) if e.label_ == "ORG"}
    text = doc_text(doc)
    return {normalise_name(m.group(2)) for m in _ACRONYM_LAST.finditer(text) if len(text[: m.start()].rstrip()) in ends}


def abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym ("NCA", "FPFD") is the initials of a name of two significant words or more the text also
    gives ("National Constituent Assembly"), even where the text never pairs them."""
    words = [w for w in re.findall(r"[^\W\d_]+", strip_accents(name).casefold()) if w not in MINOR_WORDS]
    initials = [w[0].upper() for w in words]
    return len(words) >= 2 and initials in _letter_sets(strip_accents(acronym))


def bracketed_after(acronym: str, name: str, text: str) -> bool:
    """Whether the text writes the acronym in brackets right after the name, "Full Name (ACR)", whatever its letters
    ("ministère de l'Agriculture, des Pêcheries et de l'Alimentation (MAPAQ)"): the text says they are one body;
    not when the name is the tail of a longer one ("École de l'aviation légère de l'armée de Terre (EALAT)")."""
    bare = re.sub(r"^(?:the|le|la|les)\s+|^l['’]", "", name.strip(), flags=re.I)
    if not bare:
        return False
    not_a_tail = r"(?<![\w'’])(?<!of )(?<!of the )(?<!de )(?<!du )(?<!des )"  # "… de l'armée de Terre (EALAT)"
    return re.search(rf"{not_a_tail}{re.escape(bare)}\s*\(\s*{re.escape(acronym)}\s*\)", text) is not None


def is_acronym(name: str) -> bool:
    """A name written as one acronym of two capitals or more: "NCA", "SPF"; not "UN-Habitat" or "G8"."""
    return (
        2 <= len(name) <= 10
        and " " not in name
        and sum(c.isupper() for c in name) >= 2
        and not any(c.islower() for c in name)
    )
