"""Training settings as data: read from a TOML file, overridden from the command line, recorded in the card.

A config names everything a model depends on besides the code and the cases' contents: the corpus
paths, the classifier and feature settings (per family too), the cross-validation folds and the
random seed. The same config on the same cases gives the same card metrics. Layout::

    name = "default"
    corpus = ["../corpus/cases"]     # relative paths are relative to the config file
    cv_folds = 5
    seed = 0                         # folds, and the classifier's random_state unless [model] sets it

    [model]                          # casemine.classify.CaseClassifier settings for every family
    C = 10.0
    model = "logreg"

    [features]                       # the feature settings CaseClassifier passes to CaseFeatures
    ngram_range = [1, 2]

    [family.scope]                   # per-family overrides; when [family] is absent,
    model = "svm"                    # classify.DEFAULT_FAMILY_PARAMS apply (an empty [family]: none)
"""

from __future__ import annotations

import inspect
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TOP_KEYS = ("name", "corpus", "cv_folds", "seed", "model", "features", "family")


class ConfigError(ValueError):
    """A training config cannot be used as written; the message names the file, the key and the fix."""


def classifier_keys() -> set[str]:
    """Every setting ``CaseClassifier`` takes (read from its signature, so it follows the code)."""
    from casemine.classify import CaseClassifier

    return {name for name in inspect.signature(CaseClassifier.__init__).parameters if name != "self"}


def feature_keys() -> set[str]:
    """The classifier settings that are feature settings (those ``CaseFeatures`` takes too)."""
    from casemine.features import CaseFeatures

    return classifier_keys() & set(inspect.signature(CaseFeatures.__init__).parameters)


def model_keys() -> set[str]:
    """The classifier settings that are neither feature settings nor per-family overrides."""
    return classifier_keys() - feature_keys() - {"family_params"}


def family_keys() -> set[str]:
    """The settings a family may override (those ``CaseClassifier`` resolves per family)."""
    from casemine.classify import DEFAULT_FAMILY_PARAMS, CaseClassifier

    keys = set(CaseClassifier(family_params={})._params("any"))
    for params in DEFAULT_FAMILY_PARAMS.values():
        keys |= set(params)
    return keys


def _check_keys(where: str, given: dict[str, Any], valid: set[str] | tuple[str, ...]) -> None:
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; valid keys are: {', '.join(sorted(valid))}")


@dataclass
class TrainConfig:
    """What a model is trained from and with. Empty ``model``/``features`` mean the classifier's defaults;
    ``family`` None means ``classify.DEFAULT_FAMILY_PARAMS``."""

    name: str | None = None
    corpus: list[str] = field(default_factory=list)
    cv_folds: int = 5
    seed: int = 0
    model: dict[str, Any] = field(default_factory=dict)
    features: dict[str, Any] = field(default_factory=dict)
    family: dict[str, dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self, where: str = "training config") -> None:
        """Raise ``ConfigError`` naming the first unknown key or wrong value."""
        from casemine.scheme import SCHEME

        _check_keys(f"{where} [model]", self.model, model_keys())
        _check_keys(f"{where} [features]", self.features, feature_keys())
        if self.family is not None:
            _check_keys(f"{where} [family]", self.family, SCHEME.family_ids)
            for family_id, params in self.family.items():
                if not isinstance(params, dict):
                    raise ConfigError(f"{where} [family.{family_id}]: must be a table of settings, got {params!r}")
                _check_keys(f"{where} [family.{family_id}]", params, family_keys())
        if not isinstance(self.cv_folds, int) or isinstance(self.cv_folds, bool) or self.cv_folds < 0:
            raise ConfigError(f"{where}: cv_folds must be a whole number ≥ 0 (0 or 1 skip cross-validation)")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ConfigError(f"{where}: seed must be a whole number, got {self.seed!r}")
        if not isinstance(self.corpus, list) or not all(isinstance(p, str) for p in self.corpus):
            raise ConfigError(f'{where}: corpus must be a list of paths, e.g. corpus = ["corpus/cases"]')

    @classmethod
    def from_toml(cls, path: str | Path) -> TrainConfig:
        """Read a config file; relative corpus paths are taken from the file's folder."""
        path = Path(path)
        try:
            raw = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); see configs/default.toml for an example") from None
        _check_keys(str(path), raw, TOP_KEYS)
        corpus = raw.get("corpus", [])
        if isinstance(corpus, str):
            corpus = [corpus]
        if isinstance(corpus, list):
            corpus = [str(path.parent / p) if isinstance(p, str) and not Path(p).is_absolute() else p for p in corpus]
        try:
            config = cls(
                **{k: v for k, v in raw.items() if k != "corpus"},
                corpus=corpus,
            )
        except ConfigError as exc:
            raise ConfigError(str(exc).replace("training config", str(path), 1)) from None
        return config

    def with_overrides(self, **overrides: Any) -> TrainConfig:
        """A copy with the given values replacing the file's (``None`` leaves a value as it is)."""
        values = asdict(self)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return TrainConfig(**values)

    def classifier_params(self) -> dict[str, Any]:
        """Keyword arguments for ``CaseClassifier``: model and feature settings, per-family overrides,
        and ``random_state`` from ``seed`` unless ``[model]`` sets it."""
        params: dict[str, Any] = {"random_state": self.seed, **self.model, **self.features}
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        if self.family is not None:
            params["family_params"] = {k: dict(v) for k, v in self.family.items()}
        return params

    def to_dict(self) -> dict[str, Any]:
        """The config as recorded in a model card (JSON-ready)."""
        return asdict(self)
