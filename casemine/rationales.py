"""Rationales: the sentences of a case that state each of its driver and barrier labels.

A corpus case may carry ``"rationales": {"drivers": {"<label>": ["<quote>", ...]}, "barriers": {...}}``,
each quote an exact passage of the case's text (an extra field of the exchange format, which readers
keep). They tell a sentence-level model which sentences say a label: a driver or barrier is usually
stated in one or two sentences, which a whole case's bag of words dilutes (``casemine.classify``).
An empty list says no sentence supports the label. ``sentence_targets`` maps quotes onto the
sentences spaCy found, whatever its cuts: a sentence counts when it and a quote overlap by at least
half of the shorter of the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FIELD = "rationales"
FAMILIES = ("drivers", "barriers")
MAX_QUOTES = 3
MIN_QUOTE_WORDS = 4


def check_rationales(value: Any, text: str, labels: dict[str, Any]) -> list[str]:
    """Messages for everything wrong with one case's ``rationales`` (empty when valid).

    Keys must be families with rationales and labels the case has; each quote a passage of ``text``.
    """
    if not isinstance(value, dict):
        return [f"'{FIELD}' must be an object: family -> label -> list of quotes"]
    messages = []
    for family_id, by_label in value.items():
        if family_id not in FAMILIES:
            messages.append(f"{FIELD}: unknown family {family_id!r} (only {', '.join(FAMILIES)})")
            continue
        if not isinstance(by_label, dict):
            messages.append(f"{FIELD}.{family_id} must be an object: label -> list of quotes")
            continue
        for label, quotes in by_label.items():
            where = f"{FIELD}.{family_id}.{label}"
            if label not in (labels.get(family_id) or []):
                messages.append(f"{where}: the case is not labelled {label!r} (remove its rationale)")
            if not isinstance(quotes, list) or len(quotes) > MAX_QUOTES:
                messages.append(f"{where} must be a list of at most {MAX_QUOTES} quotes")
                continue
            for quote in quotes:
                if not isinstance(quote, str) or len(quote.split()) < MIN_QUOTE_WORDS:
                    messages.append(f"{where}: a quote must be a passage of {MIN_QUOTE_WORDS} words or more: {quote!r}")
                elif quote not in text:
                    messages.append(f"{where}: quote not found in the text: {quote[:60]!r}")
    return messages


def _sentence_spans(text: str, sentences: Sequence[str]) -> list[tuple[int, int] | None]:
    """Each sentence's character span in ``text``, found in order (None for one not found as written)."""
    spans: list[tuple[int, int] | None] = []
    position = 0
    for sentence in sentences:
        start = text.find(sentence, position)
        if start < 0:
            spans.append(None)
            continue
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= min(a[1] - a[0], b[1] - b[0])


def sentence_targets(
    text: str, sentences: Sequence[str], rationales: dict[str, dict[str, list[str]]] | None
) -> dict[str, list[list[str]]] | None:
    """Per family with rationales, the labels each sentence states (a list per sentence); None without any.

    ``sentences``: the case's sentences as parsed (``Analysis.sentences``), each a passage of ``text``.
    """
    if not rationales:
        return None
    spans = _sentence_spans(text, sentences)
    out: dict[str, list[list[str]]] = {}
    for family_id, by_label in rationales.items():
        stated: list[list[str]] = [[] for _ in sentences]
        for label, quotes in by_label.items():
            for quote in quotes:
                start = text.find(quote)
                if start < 0:
                    continue
                quote_span = (start, start + len(quote))
                for i, span in enumerate(spans):
                    if span is not None and _overlaps(span, quote_span) and label not in stated[i]:
                        stated[i].append(label)
        out[family_id] = stated
    return out


def corpus_targets(cases: Sequence, analyses: Sequence) -> list[dict[str, list[list[str]]] | None]:
    """``sentence_targets`` of every case (``Case`` objects and their analyses), None where a case has none."""
    return [
        sentence_targets(case.text, analysis.sentences, case.extra.get(FIELD)) if analysis is not None else None
        for case, analysis in zip(cases, analyses, strict=True)
    ]
