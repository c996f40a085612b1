"""Named entities of a case, grouped into the kinds the spreadsheets report.

spaCy's English and French models use different label sets (PERSON vs PER, GPE vs LOC);
this module maps both onto organisations, places and people, each listed once in text order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

ENTITY_KINDS: dict[str, str] = {
    "ORG": "organisations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "PERSON": "people",
    "PER": "people",
}
KINDS = ("organisations", "places", "people")


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:()[]'\"«»")


def extract_entities(doc: Doc) -> dict[str, list[str]]:
    """Organisations, places and people named in ``doc``, deduplicated case-insensitively."""
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    seen: set[tuple[str, str]] = set()
    for ent in doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        name = _clean(ent.text)
        if kind is None or len(name) < 2:
            continue
        key = (kind, name.casefold())
        if key not in seen:
            seen.add(key)
            found[kind].append(name)
    return found
