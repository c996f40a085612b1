"""Tagging texts: language → spaCy → classifiers → labels, scores, review flags and entities.

Every text gets a result, in order. A text that cannot be tagged (empty, too short to tell
its language, another language) gets no labels and a reason instead; a very long one is tagged
from its beginning, flagged (``prepare_text``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casemine.actor_decision import settle, shipped_decision
from casemine.entities import KINDS
from casemine.evidence import batch_evidence
from casemine.language import Language, detect_language
from casemine.markup import strip_markup
from casemine.nlp import Analysis, analyse
from casemine.review import CASE_FAMILIES, flagged_tags
from casemine.scheme import SCHEME
from casemine.scoring import family_confidence

if TYPE_CHECKING:
    from concurrent.futures import Future

    from casemine.model import Model

MIN_WORDS = 15  # shorter texts are tagged but flagged: too little to go on
# Longer texts are tagged from their beginning (and flagged): over 10 times the longest case of the corpus
# (863 words), some 20 pages, where a submission states what it is about; it keeps a text's spaCy parse
# to a few seconds and far below spaCy's limit of 1,000,000 characters.
MAX_WORDS = 10_000
MAX_CHARS = 100_000  # the same bound for texts with few spaces (long tokens, scripts without spaces)
BATCH_SIZE = 128  # texts tagged together: each batch costs ~0.2 s of fixed work (32 → 128: 7% faster)


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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters but tab and line breaks
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WORD_END = re.compile(r"\S+")
# a run of 200+ characters without a space is no word (a pasted image or hash); spaCy's time grows faster than
# its length (12 s for one of 100,000 characters), so each is cut to its first 100 characters
_NOT_A_WORD = re.compile(r"\S{200,}")


def prepare_text(text: str) -> tuple[str, list[str]]:
    """The text as analysed, and review reasons about it: control characters read as spaces, lone surrogates
    as U+FFFD, markup stripped (``casemine.markup``), runs without spaces shortened, and a very long text
    bounded to its first ``MAX_WORDS`` words (or ``MAX_CHARS`` characters). The row keeps the original."""
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))
    text = _NOT_A_WORD.sub(lambda m: m.group()[:100], strip_markup(text))
    if len(text) <= MAX_WORDS:  # fewer characters than the bound in words: nothing to count
        return text, []
    ends = [m.end() for m in itertools.islice(_WORD_END.finditer(text), MAX_WORDS)]
    if len(ends) == MAX_WORDS and ends[-1] < len(text.rstrip()):
        words = MAX_WORDS + sum(1 for _ in _WORD_END.finditer(text, ends[-1]))
        excerpt = text[: ends[-1]]
        if len(excerpt) <= MAX_CHARS:
            return excerpt, [f"very long text ({words:,} words): tagged from the first {MAX_WORDS:,} words"]
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], [
            f"very long text ({len(text):,} characters): tagged from the first {MAX_CHARS:,} characters"
        ]
    return text, []


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

    Texts are tagged in batches (``tag_batches``); ``progress``, if given, is called after each batch with the
    number of texts it held (the command line moves its progress bar with it).
    """
    texts = ["" if t is None else str(t) for t in texts]
    batches = (texts[start : start + BATCH_SIZE] for start in range(0, len(texts), BATCH_SIZE))
    return [result for results in tag_batches(model, batches, progress) for result in results]


def tag_batches(
    model: Model, batches: Iterable[list[str]], progress: Callable[[int], None] | None = None
) -> Iterator[list[TagResult]]:
    """Each batch's results, in order, one batch after another (``progress``: called with each batch's size).

    The sentence encoder (``casemine.vectors``) is a second neural model beside spaCy. When the model or the
    actor-kind decision (``actor_decision``) reads its vectors, a second thread encodes a batch's sentences while
    this one parses the next batch: NumPy's matrix products release the interpreter lock, so on a machine with a
    core to spare the vectors cost little time (docs/benchmarks.md, *Throughput*). The batch's actor kinds are
    decided once its vectors are there, before its classifiers run. A ``--jobs`` worker tags one batch at a time, so
    its thread never runs beside its own parsing.
    """
    from concurrent.futures import ThreadPoolExecutor

    from casemine.vectors import sentence_vectors

    encode = model.classifier.features_.reads_vectors or shipped_decision() is not None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="casemine-vectors") as pool:
        waiting = None
        for texts in batches:
            started = _start_batch(texts)
            sentences = [s for a in started.analyses for s in a.sentences]
            vectors = pool.submit(sentence_vectors, sentences, False) if encode and sentences else None
            if waiting is not None:
                yield _finish_batch(model, *waiting, progress)
            waiting = (started, vectors)
        if waiting is not None:
            yield _finish_batch(model, *waiting, progress)


@dataclass
class _Started:
    """A batch parsed and awaiting its classifiers: its prepared texts, their notes and languages, a result
    for every text (final for those that cannot be tagged), and the analyses of the others (at ``todo``)."""

    texts: list[str]
    notes: list[list[str]]
    results: list[TagResult]
    todo: list[int]
    analyses: list[Analysis]


def _start_batch(texts: list[str]) -> _Started:
    prepared = [prepare_text(t) for t in texts]
    texts, notes = [t for t, _ in prepared], [n for _, n in prepared]
    languages = [detect_language(t) for t in texts]
    results = [
        TagResult(language=lang, reasons=notes[i] + ([lang.reason] if lang.reason else []))
        for i, lang in enumerate(languages)
    ]
    todo = [i for i, lang in enumerate(languages) if lang.supported]
    analyses = analyse([texts[i] for i in todo], [languages[i].code for i in todo], settle_actors=False) if todo else []
    return _Started(texts, notes, results, todo, analyses)


def _finish_batch(
    model: Model, started: _Started, vectors: Future | None, progress: Callable[[int], None] | None
) -> list[TagResult]:
    texts, notes, results = started.texts, started.notes, started.results
    if started.todo:
        encoded = None if vectors is None else vectors.result()
        analyses = settle(started.analyses, encoded)
        classifier = model.classifier
        features = classifier.features_.transform_with_sentences(analyses, encoded)
        per_sentence = classifier.sentence_probabilities(features.sentences)  # pooled scores, and their evidence
        all_scores = classifier.predict_scores(
            analyses,
            X=features.X,
            sentences=(features.sentences, features.bounds),
            sentence_probabilities=per_sentence,
        )
        all_labels = [classifier.decide(scores) for scores in all_scores]
        all_evidence = batch_evidence(classifier, analyses, all_labels, features, per_sentence)
        for i, analysis, scores, labels, found in zip(
            started.todo, analyses, all_scores, all_labels, all_evidence, strict=True
        ):
            if labels["scope"] != "coproduction":
                scores = {**scores, "type": {}}
            confidence = {
                family.id: round(family_confidence(scores.get(family.id, {}), family.multi, labels.get(family.id)), 4)
                for family in SCHEME.families
                if scores.get(family.id)
            }
            flagged = flagged_tags(scores, labels, model.review_thresholds)
            reasons = notes[i] + review_reasons(labels, flagged, len(texts[i].split()))
            results[i] = TagResult(
                language=results[i].language,
                labels=labels,
                scores=scores,
                confidence=confidence,
                needs_review=bool(reasons),
                reasons=reasons,
                entities=analysis.entities,
                evidence=found,
                uncertain={family_id: [label for label, _ in tags] for family_id, tags in flagged.items()},
            )
    if progress is not None:
        progress(len(texts))
    return results
