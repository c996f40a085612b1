"""Years and money amounts: calendar years written as numbers, and amounts with their value in units and
ISO currency ("2 millions d'euros", "£1.2m", "5 000 FCFA")."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from casemine.names import doc_text, entity_data

if TYPE_CHECKING:
    from spacy.tokens import Doc

_YEAR = re.compile(r"(?<![\w$€£.,/-])(19\d{2}|20[0-3]\d)(?![\w%]|[.,]\d)")


_DECADE_BEFORE = re.compile(r"(années|annees|decade|the)\s*$", re.I)


@cache
def money_pattern() -> tuple[re.Pattern, dict[str, str]]:
    markers = entity_data("currencies.json")["markers"]
    lookup = {m.casefold(): code for code, ms in markers.items() for m in ms}
    alternation = "|".join(re.escape(m) for m in sorted(lookup, key=len, reverse=True))
    number = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    mult = r"k|m|mn|bn|md|mds|million|millions|billion|billions|milliard|milliards|thousand|mille|crore|lakh"
    pattern = re.compile(
        # a marker that starts with a letter starts a word ("mars 2019" holds no ARS, "créateur 2" no EUR)
        rf"(?:(?<!\w)|(?=[^\w\s]))(?P<c1>{alternation})\s?(?P<n1>{number})(?:\s?(?P<m1>{mult})\b)?"
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


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=64)
def money_matches(text: str) -> tuple[tuple[tuple[int, int], dict[str, str | None]], ...]:
    """(span, named groups) of each money expression in ``text``; one scan of the costly pattern serves
    both the amounts and the years (which must not be taken from inside an amount).

    Every expression holds a digit, and reaches at most a currency marker and a multiplier beyond its
    first and last digits, so only the stretches of text around digits are scanned (the same matches
    as a scan of the whole text, several times faster on prose).
    """
    pattern, lookup = money_pattern()
    reach = max(map(len, lookup)) + 24  # marker, multiplier ("milliards"), "de", spaces, one lookaround
    stretches: list[list[int]] = []
    for digits in _DIGITS.finditer(text):
        start, end = max(0, digits.start() - reach), digits.end() + reach
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return tuple(
        (m.span(), m.groupdict())
        for start, end in stretches
        for m in pattern.finditer(text, start, min(end, len(text)))
    )


@cache
def _currencies() -> dict[str, Any]:
    return entity_data("currencies.json")


def money_amounts(text: str, lang: str, country: str | None) -> list[dict[str, Any]]:
    """Money amounts with their value in units and ISO currency."""
    _, lookup = money_pattern()
    currencies = _currencies()
    found = []
    for (start, end), m in money_matches(text):
        marker = (m["c1"] or m["c2"]).casefold()
        number, mult = (m["n1"], m["m1"]) if m["c1"] else (m["n2"], m["m2"])
        code = lookup[marker]
        if code in currencies["by_country"]:  # "$", "FCFA", "rupees"…: read by the case's country
            shared = currencies["by_country"][code]
            # a text that names no country has its language's default, where one is given
            fallback = shared["default"] if country else shared.get(f"default_{lang}", shared["default"])
            code = shared.get(country or "", fallback)
        try:
            amount = parse_number(number, lang) * (_MULTIPLIERS.get(mult.casefold(), 1) if mult else 1)
        except ValueError:
            continue
        found.append({"text": text[start:end].strip(), "amount": round(amount, 2), "currency": code})
    return found


def years(doc: Doc, money_spans: list[tuple[int, int]]) -> list[int]:
    """Calendar years written as numbers; counts ("2000 volunteers"), decades and amounts excluded."""
    found = set()
    for m in _YEAR.finditer(doc_text(doc)):
        start, end = m.span()
        if any(a <= start < b for a, b in money_spans) or _DECADE_BEFORE.search(
            doc_text(doc)[max(0, start - 12) : start]
        ):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            after = doc[span.end]
            if after.pos_ == "NOUN" and "Plur" in after.morph.get("Number") and after.tag_ != "NNP":
                continue
        found.add(int(m.group(1)))
    return sorted(found)
