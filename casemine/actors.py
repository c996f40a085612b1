"""Actor kinds named in a text (citizens, service users, volunteers, carers, CSOs, professionals, public
bodies by level): the bilingual term lists and their filters."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from casemine.names import entity_data

if TYPE_CHECKING:
    pass

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


@cache
def actor_terms() -> dict[str, list[str]]:
    actors = entity_data("actors.json")["actors"]
    return {kind: actors[kind]["en"] + actors[kind]["fr"] for kind in ACTOR_KINDS}


@cache
def actor_filters() -> tuple[set[str], list[str]]:
    """Terms that count only as nouns, and phrases in which no actor term counts."""
    raw = entity_data("actors.json")
    return {t.casefold() for t in raw["noun_only"]}, raw["not_actors"]
