"""Tagging texts: language → spaCy → classifiers → labels, scores, review flags and entities.

Every text gets a result, in order. A text that cannot be tagged (empty, too short to tell
its language, another language) gets no labels and a reason instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casemine.classify import family_confidence
from casemine.entities import KINDS
from casemine.evidence import batch_evidence
from casemine.language import Language, detect_language
from casemine.nlp import analyse
from casemine.review import CASE_FAMILIES, flagged_tags
from casemine.scheme import SCHEME

if TYPE_CHECKING:
    from casemine.model import Model

MIN_WORDS = 15  # shorter texts are tagged but flagged: too little to go on
BATCH_SIZE = 32  # texts tagged together; small enough that progress moves, large enough for spaCy's pipe


@dataclass
class TagResult:
    """What the tool says about one text."""

    language: Language
    labels: dict[str, Any] | None = None
    scores: dict[str, dict[str, float]] | None = None
    confidence: dict[str, float] | None = None
    needs_review: bool = True
    reasons: list[str] = field(default_factory=list)
    evidence: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    uncertain: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def to_json(self) -> dict[str, Any]:
        """The ``casemine`` object of the JSON Lines output."""
        return {
            "lang": self.language.code,
            "lang_status": self.language.status,
            "lang_probability": self.language.probability,
            "lang_shares": self.language.shares,
            "labels": self.labels,
            "scores": self.scores,
            "confidence": self.confidence,
            "needs_review": self.needs_review,
            "reasons": self.reasons,
            "evidence": self.evidence,
            "uncertain": self.uncertain,
            "entities": self.entities,
        }


def review_reasons(labels: dict[str, Any], flagged: dict[str, list[tuple[str, float]]], words: int) -> list[str]:
    """Why a tagged case should be looked at by a person (empty when it need not).

    ``flagged`` holds, per family, the tags below the family's review threshold (``flagged_tags``).
    """
    reasons = []
    if words < MIN_WORDS:
        reasons.append(f"too short ({words} words)")
    for family_id, tags in flagged.items():
        if family_id in CASE_FAMILIES:
            listed = ", ".join(f"{label} {conf:.2f}" for label, conf in tags)
            reasons.append(f"low confidence: {family_id} ({listed})")
    if labels["scope"] == "out_of_scope":
        reasons.append("out of scope")
    if labels["scope"] == "coproduction" and not labels["type"]:
        reasons.append("no type predicted for a co-production case")
    return reasons


def tag_texts(
    model: Model, texts: Sequence[str | None], progress: Callable[[int], None] | None = None
) -> list[TagResult]:
    """Tag each text with ``model``; one result per text, in the same order.

    Texts are tagged in batches; ``progress``, if given, is called after each batch with the
    number of texts it held (the command line moves its progress bar with it).
    """
    texts = ["" if t is None else str(t) for t in texts]
    results: list[TagResult] = []
    for start in range(0, len(texts), BATCH_SIZE):
        batch = texts[start : start + BATCH_SIZE]
        results += _tag_batch(model, batch)
        if progress is not None:
            progress(len(batch))
    return results


def _tag_batch(model: Model, texts: list[str]) -> list[TagResult]:
    languages = [detect_language(t) for t in texts]
    results = [TagResult(language=lang, reasons=[lang.reason] if lang.reason else []) for lang in languages]
    todo = [i for i, lang in enumerate(languages) if lang.supported]
    if not todo:
        return results
    analyses = analyse([texts[i] for i in todo], [languages[i].code for i in todo])
    classifier = model.classifier
    all_scores = classifier.predict_scores(analyses)
    all_labels = [classifier.decide(scores) for scores in all_scores]
    all_evidence = batch_evidence(classifier, analyses, all_labels)
    for i, analysis, scores, labels, found in zip(todo, analyses, all_scores, all_labels, all_evidence, strict=True):
        if labels["scope"] != "coproduction":
            scores = {**scores, "type": {}}
        confidence = {
            family.id: round(family_confidence(scores.get(family.id, {}), family.multi, labels.get(family.id)), 4)
            for family in SCHEME.families
            if scores.get(family.id)
        }
        flagged = flagged_tags(scores, labels, model.review_thresholds)
        reasons = review_reasons(labels, flagged, len(texts[i].split()))
        results[i] = TagResult(
            language=languages[i],
            labels=labels,
            scores=scores,
            confidence=confidence,
            needs_review=bool(reasons),
            reasons=reasons,
            entities=analysis.entities,
            evidence=found,
            uncertain={family_id: [label for label, _ in tags] for family_id, tags in flagged.items()},
        )
    return results
