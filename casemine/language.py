"""Language detection with langdetect, made deterministic and honest about doubt.

langdetect samples n-grams at random; a fixed seed on a private factory makes the same text get
the same answer in every run and process. Only French and English are supported; anything
else is reported with its ISO code, and texts too short or too uncertain as undetermined.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

SUPPORTED = ("fr", "en")
MIN_LETTERS = 20  # below this langdetect is a coin toss
MIN_PROBABILITY = 0.70
MAX_CHARS = 2000  # langdetect reads a sample anyway; longer texts only cost time
SCAN_CHARS = 20000  # how much of a long text the language shares are measured on
CHUNK_LETTERS = 40  # the smallest passage whose language is worth asking
MAX_CHUNKS = 24
MIXED_SHARE = 0.15  # a second language counts when it holds this share of the text
# A text is French or English without asking langdetect when that language's function words are at
# least this share of its words (prose: 25–40%; Catalan, Spanish, Norwegian or Dutch prose, whose
# words these lists partly share, stay under 8%), at least CLEAR_WORDS of them, and the other
# language has at most a tenth as many.
CLEAR_SHARE = 0.15
PASSAGE_TRIALS = 3
SETTLE_SHARE = MIXED_SHARE - 0.01  # below this, passages cannot reach MIXED_SHARE once rounded
CLEAR_WORDS = 10


@dataclass(frozen=True)
class Language:
    """The outcome of detection.

    ``code`` is the ISO 639-1 code of the main language, or None when undetermined; ``status`` is
    ``"supported"``, ``"unsupported"`` or ``"undetermined"``; ``reason`` explains anything but
    supported; ``shares`` gives each language's share of the text's letters, measured passage by
    passage, so that a French submission quoting English passages reports both.
    """

    code: str | None
    probability: float
    status: str
    reason: str = ""
    shares: dict[str, float] = field(default_factory=dict, compare=True, hash=False)

    @property
    def supported(self) -> bool:
        return self.status == "supported"

    @property
    def mixed(self) -> bool:
        return sum(share >= MIXED_SHARE for share in self.shares.values()) > 1


@cache
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


_NOT_LETTER = re.compile(r"[\W\d_]+", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _function_word_data() -> dict[str, list[str]]:
    from importlib import resources

    return json.loads(resources.files("casemine").joinpath("data/language/function_words.json").read_text("utf-8"))


@cache
def function_words() -> dict[str, frozenset[str]]:
    """French and English words that tell the two apart (data/language/function_words.json)."""
    return {code: frozenset(_function_word_data()[code]) for code in SUPPORTED}


@cache
def foreign_words() -> frozenset[str]:
    """Frequent words of neighbouring languages that are neither French nor English (same data file)."""
    return frozenset(_function_word_data()["other"])


_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+")


def _best(text: str, trials: int = 7) -> tuple[str | None, float]:
    """langdetect's best language and its probability, from ``trials`` random samplings (its default 7)."""
    from langdetect.lang_detect_exception import LangDetectException

    from casemine.langdetect_numpy import VectorDetector

    detector = VectorDetector(_factory())
    detector.n_trial = trials
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang.split("-")[0], round(float(best.prob), 4)


def _letters(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _passages(text: str) -> list[tuple[str, int]]:
    """Sentences and lines, merged until each has enough letters to be judged on its own; with their letter counts."""
    passages, current, letters = [], "", 0
    for piece in _BREAK.split(text[:SCAN_CHARS]):
        current = f"{current} {piece}".strip()
        letters += _letters(piece)
        if letters >= CHUNK_LETTERS:
            passages.append((current, letters))
            current, letters = "", 0
    if current and passages:
        passages[-1] = (f"{passages[-1][0]} {current}", passages[-1][1] + letters)
    elif current:
        passages.append((current, letters))
    if len(passages) > MAX_CHUNKS:  # an even sample keeps long texts cheap
        step = len(passages) / MAX_CHUNKS
        passages = [passages[int(i * step)] for i in range(MAX_CHUNKS)]
    return passages


def _function_word_counts(text: str) -> tuple[str, int, int, int]:
    """The language with more function words in ``text``, its count, the other's, and the number of words."""
    words = [w for w in _WORD.findall(text) if w.islower()]  # not names such as "BE" or "Be WaPP"
    counts = {code: sum(w in vocabulary for w in words) for code, vocabulary in function_words().items()}
    (first, top), (_, second) = sorted(counts.items(), key=lambda kv: -kv[1])
    return first, top, second, len(words)


def _has_foreign_word(passage: str) -> bool:
    return any(w in foreign_words() for w in _WORD.findall(passage) if w.islower())


def _vote(passage: str) -> str | None:
    """French or English when the passage's function words clearly say so; None when they don't."""
    first, top, second, _ = _function_word_counts(passage)
    return first if (top and not second) or (top >= 3 and second * 4 <= top) else None


def clear_language(text: str) -> tuple[str | None, float]:
    """French or English, and the chosen language's part of both languages' function words, when
    the function words of ``text`` leave no doubt at all; (None, 0.0) otherwise (ask langdetect)."""
    first, top, second, words = _function_word_counts(text)
    if top >= CLEAR_WORDS and second * 10 <= top and top >= CLEAR_SHARE * words:
        return first, round(top / (top + second), 4)
    return None, 0.0


def language_shares(text: str, main: str | None = None) -> dict[str, float]:
    """Each language's share of the letters of ``text``, judged passage by passage.

    A passage whose French or English function words leave no doubt is counted without asking
    langdetect, which costs milliseconds a call; the others are detected. ``main``: the language the
    whole text was found to be in. When every passage the function words decide is in ``main``, the
    passages with no function word of any language (``foreign_words`` included: lists, headings,
    names) are counted as ``main`` too, without langdetect, if they hold less than ``SETTLE_SHARE``
    of the letters: they could not make the text mixed.
    """
    counted = _passages(text)
    passages, letters = [p for p, _ in counted], [n for _, n in counted]
    votes = [_vote(p) for p in passages]
    bare = [vote is None and not _has_foreign_word(p) for p, vote in zip(passages, votes, strict=True)]
    settle = (
        main is not None
        and all(vote in (None, main) for vote in votes)
        and sum(n for n, b in zip(letters, bare, strict=True) if b) < SETTLE_SHARE * sum(letters)
    )
    weights: dict[str, int] = {}
    for passage, code, n, is_bare in zip(passages, votes, letters, bare, strict=True):
        probability = 1.0
        if code is None and settle and is_bare:
            code = main
        elif code is None:  # a rough share is enough here: fewer samplings than for the main language
            code, probability = _best(passage, PASSAGE_TRIALS)
        if code is not None and probability >= 0.5:
            weights[code] = weights.get(code, 0) + n
    total = sum(weights.values())
    return {code: round(w / total, 2) for code, w in sorted(weights.items(), key=lambda kv: -kv[1])} if total else {}


def detect_language(text: str | None) -> Language:
    """Detect the main language of ``text``: fr/en supported, other codes unsupported, else undetermined.

    The decision is restricted to French or English whenever those two hold most of the text,
    even if langdetect's single guess on the whole text is another language. A text whose French or
    English function words leave no doubt (``clear_language``) is decided without langdetect, and
    its probability is that language's part of the two languages' function words.
    """
    text = (text or "").strip()
    if not text:
        return Language(None, 0.0, "undetermined", "empty text")
    if _letters(text[: 10 * MIN_LETTERS]) < MIN_LETTERS and (letters := _letters(text[:MAX_CHARS])) < MIN_LETTERS:
        return Language(None, 0.0, "undetermined", f"too short to tell the language ({letters} letters)")
    code, probability = clear_language(text[:MAX_CHARS])
    if code is None:
        code, probability = _best(text[:MAX_CHARS])
    if code is None:
        return Language(None, 0.0, "undetermined", "no language features in the text")
    decided = code if code in SUPPORTED and probability >= MIN_PROBABILITY else None
    shares = language_shares(text, decided) if len(text) > 2 * MAX_CHARS or _BREAK.search(text) else {code: 1.0}
    supported_shares = {c: s for c, s in shares.items() if c in SUPPORTED}
    if code not in SUPPORTED or probability < MIN_PROBABILITY:
        main = max(supported_shares, key=supported_shares.get, default=None)
        if main is not None and sum(supported_shares.values()) >= 0.6:
            return Language(main, supported_shares[main], "supported", shares=shares)
    if probability < MIN_PROBABILITY:
        return Language(
            None, probability, "undetermined", f"language uncertain (best guess {code}, p={probability:.2f})", shares
        )
    if code not in SUPPORTED:
        return Language(code, probability, "unsupported", f"unsupported language: {code}", shares)
    return Language(code, probability, "supported", shares=shares)
