"""Language detection with langdetect, made deterministic and honest about doubt.

langdetect samples n-grams at random; a fixed seed on a private factory makes the same text get
the same answer in every run and process. Only French and English are supported; anything
else is reported with its ISO code, and texts too short or too uncertain as undetermined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

SUPPORTED = ("fr", "en")
MIN_LETTERS = 20  # below this langdetect is a coin toss
MIN_PROBABILITY = 0.70
MAX_CHARS = 5000  # langdetect reads a sample anyway; longer texts only cost time


@dataclass(frozen=True)
class Language:
    """The outcome of detection.

    ``code`` is the ISO 639-1 code, or None when undetermined; ``status`` is ``"supported"``,
    ``"unsupported"`` or ``"undetermined"``; ``reason`` explains anything but supported.
    """

    code: str | None
    probability: float
    status: str
    reason: str = ""

    @property
    def supported(self) -> bool:
        return self.status == "supported"


@cache
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str | None) -> Language:
    """Detect the language of ``text``: fr/en supported, other codes unsupported, else undetermined."""
    from langdetect.lang_detect_exception import LangDetectException

    text = (text or "").strip()
    letters = len(_LETTER.findall(text[:MAX_CHARS]))
    if not text:
        return Language(None, 0.0, "undetermined", "empty text")
    if letters < MIN_LETTERS:
        return Language(None, 0.0, "undetermined", f"too short to tell the language ({letters} letters)")
    detector = _factory().create()
    detector.append(text[:MAX_CHARS])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return Language(None, 0.0, "undetermined", "no language features in the text")
    code = best.lang.split("-")[0]
    probability = round(float(best.prob), 4)
    if probability < MIN_PROBABILITY:
        return Language(
            None, probability, "undetermined", f"language uncertain (best guess {code}, p={probability:.2f})"
        )
    if code not in SUPPORTED:
        return Language(code, probability, "unsupported", f"unsupported language: {code}")
    return Language(code, probability, "supported")
