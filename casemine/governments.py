"""Governments named by their place: "the Ontario government", "New Zealand's government", "Tuscany regional
government", "gouvernement du Canada", "Gouvernement de la Polynésie française", "Trondheim municipality".

The gold conventions keep a government named by its country or region as an organisation (public), written as
the text writes it, lower case included ("Belgian government", "gouvernement du Québec"); a government word
alone ("the government") stays out. The statistical model tags few of these: it takes the place alone ("Ontario")
or nothing. The place is one the text names: a country or region of the gazetteer, or a statistical place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casemine.names import entity_spans, positions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_GOVERNMENT = frozenset({"government", "govt"})
_GOUVERNEMENT = frozenset({"gouvernement"})
_LEVELS = frozenset({
    "federal", "national", "central", "regional", "provincial", "state", "territorial", "city", "county",
    "municipal", "local",
})  # fmt: skip
_OF = {"du": 0, "de": 1, "d'": 0, "d’": 0}  # French link words, with how many article tokens may follow
_ARTICLES = {"la", "l'", "l’"}


def government_names(doc: Doc, places: list[Span]) -> list[Span]:
    """Spans naming a place's government, each labelled ORG with the kind "public": the place (one of ``places``,
    a country, region or statistical place of the text) before "government" in English, after "gouvernement de" in
    French. "South Korean government agencies" is no government name ("government" modifies a noun)."""
    from spacy.tokens import Span

    by_end = {p.end: p for p in places}
    by_start = {p.start: p for p in places}
    found = []
    for i in positions(doc, _GOVERNMENT):
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and _modified(after):
            continue  # "government agencies", "government funding"
        j = i
        while j > 0 and doc[j - 1].lower_ in _LEVELS and doc[j - 1].is_lower:
            j -= 1  # "Tuscany regional government"
        if j > 0 and doc[j - 1].text in ("'s", "’s"):
            j -= 1  # "New Zealand's government"
        place = by_end.get(j) or (by_end.get(j + 1) if j < i else None)  # the model's "New Zealand's"
        if place is not None:
            found.append(Span(doc, place.start, i + 1, label="ORG", span_id="public"))
    for i in positions(doc, _GOUVERNEMENT):
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in _OF:
            continue
        j = i + 2
        if _OF[doc[i + 1].lower_] and doc[j].lower_ in _ARTICLES:
            j += 1  # "gouvernement de la Polynésie française"
        place = by_start.get(j) or by_start.get(i + 2)  # the model's place may hold the article: "la Polynésie"
        if place is None:
            continue
        end = place.end
        if end < len(doc) and doc[end].is_lower and doc[end].pos_ == "ADJ" and doc[end - 1].is_title:
            end += 1  # "Polynésie" + "française"
        found.append(Span(doc, i, end, label="ORG", span_id="public"))
    return found


_MUNICIPALITY = frozenset({"municipality"})


def municipality_names(doc: Doc) -> list[Span]:
    """Spans naming a town's government as English texts about Nordic countries do, the place's name before a
    lower-case "municipality" ("Trondheim municipality", "Sigtuna municipality"), each labelled ORG with the kind
    "public": the gold conventions keep them as bodies, and the model tags the place alone or nothing. The name is
    up to three capitalised proper nouns (or a place the model tagged) right before the word."""
    from spacy.tokens import Span

    hits = positions(doc, _MUNICIPALITY)
    if not hits:
        return []
    tagged = {t.i for e in entity_spans(doc) if e.label_ in ("GPE", "LOC") for t in e}
    found = []
    for i in hits:
        if not doc[i].is_lower:
            continue
        j = i
        while j > 0 and i - j < 3 and doc[j - 1].is_title and (doc[j - 1].pos_ == "PROPN" or j - 1 in tagged):
            j -= 1
        if j < i:
            found.append(Span(doc, j, i + 1, label="ORG", span_id="public"))
    return found


_REGION_BODY = frozenset({"région"})


def region_bodies(doc: Doc, places: list[Span]) -> list[Span]:
    """Spans naming a region's council by "Région" written with a capital, mid-sentence, before a region of the
    gazetteer ("la Région de Bruxelles-Capitale", "la Région Île-de-France"), each labelled ORG with the kind
    "public": the capital makes it the institution, as the gold conventions read it, where "la région de Thiès"
    is the area. The region stays a place too."""
    from spacy.tokens import Span

    by_start = {p.start: p for p in places}
    found = []
    for i in positions(doc, _REGION_BODY):
        token = doc[i]
        if token.text != "Région" or token.is_sent_start or i == 0 or "\n" in doc[i - 1].whitespace_ + doc[i - 1].text:
            continue
        place = by_start.get(i)  # the gazetteer's "Région de Bruxelles-Capitale"
        if place is None and i + 1 < len(doc):
            j = i + 2 if doc[i + 1].lower_ in _OF and i + 2 < len(doc) else i + 1
            place = by_start.get(j)  # "Région" + "Île-de-France"
        if place is not None and place.end > i + 1:
            found.append(Span(doc, i, place.end, label="ORG", span_id="public"))
    return found


def _modified(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.is_lower


def government_modifier(ent: Span) -> bool:
    """A name ending with "government" that modifies the noun after it: "South Korean government agencies" names
    the agencies, not the government."""
    doc = ent.doc
    return ent[-1].lower_ in _GOVERNMENT and ent.end < len(doc) and _modified(doc[ent.end])
