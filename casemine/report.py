"""An evaluation report as one self-contained HTML page: metrics, confusions, F1 bars, calibration, worst errors.

The page has no outside references: styles are inline and plots are PNG images (drawn by
matplotlib's Agg renderer, without pyplot, so no display is needed) embedded as base64. The worst
errors show, for each label the model gave wrongly, the sentences that weighed most for it in the
model's own score (``casemine.evidence``), which is where a researcher starts looking.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from casemine import __version__
from casemine.corpus import Case
from casemine.scheme import SCHEME

MAX_ERRORS = 15
CALIBRATION_BINS = 10
REPORT_KINDS = (".html", ".htm")


@dataclass
class CaseError:
    """A case the model got wrong: per family, gold and predicted labels, the wrong tags with their
    confidence, the labels missed, and the evidence for each wrong tag."""

    id: str
    lang: str | None
    title: str | None
    weight: float  # sum of the confidences of the wrong tags: confident mistakes first
    families: dict[str, dict[str, Any]] = field(default_factory=dict)
    evidence: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass
class Evaluation:
    """What the report shows: metrics, confusion matrices, reliability bins and the worst errors."""

    model_name: str
    card: dict[str, Any]
    cases: int
    languages: dict[str, int]
    metrics: dict[str, Any]
    confusion: dict[str, tuple[list[str], np.ndarray]]  # single-label families: (labels, gold × predicted)
    reliability: dict[str, list[dict[str, float]]]  # per family: bins of mean confidence, accuracy, count
    errors: list[CaseError]
    seen: bool = False  # the cases are exactly the model's training corpus


def confusion(gold: list[dict], predicted: list[dict], family_id: str) -> tuple[list[str], np.ndarray]:
    """Labels (scheme order, those present) and the gold × predicted count matrix of a single-label family."""
    pairs = [(g.get(family_id), p.get(family_id)) for g, p in zip(gold, predicted, strict=True)]
    pairs = [(g, p) for g, p in pairs if g is not None]
    present = {x for pair in pairs for x in pair if x is not None}
    labels = [x for x in SCHEME[family_id].ids if x in present]
    index = {x: k for k, x in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for g, p in pairs:
        if p in index:
            matrix[index[g], index[p]] += 1
    return labels, matrix


def _probability_items(gold: list[dict], scores: list[dict], family_id: str) -> list[tuple[float, bool]]:
    """(probability, right) pairs: the chosen label's for single-label families, every label's for the others."""
    family = SCHEME[family_id]
    items = []
    for g, s in zip(gold, scores, strict=True):
        probs = s.get(family_id) or {}
        if not probs or (family.only_when_scope and g.get("scope") != family.only_when_scope):
            continue
        if family.multi:
            truth = set(family.values(g))
            items += [(p, label in truth) for label, p in probs.items()]
        elif g.get(family_id) is not None:
            top = max(probs, key=probs.get)
            items.append((probs[top], top == g[family_id]))
    return items


def reliability(gold: list[dict], scores: list[dict], bins: int = CALIBRATION_BINS) -> dict[str, list[dict]]:
    """Per family, the reliability diagram's bins: mean predicted probability, share right, count."""
    edges = np.linspace(0, 1, bins + 1)
    out = {}
    for family in SCHEME.families:
        items = _probability_items(gold, scores, family.id)
        if not items:
            continue
        prob = np.array([p for p, _ in items])
        right = np.array([r for _, r in items], dtype=float)
        rows = []
        for k, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
            mask = (prob >= lo) & ((prob < hi) if k < bins - 1 else (prob <= hi))
            if mask.any():
                rows.append(
                    {
                        "confidence": float(prob[mask].mean()),
                        "accuracy": float(right[mask].mean()),
                        "n": int(mask.sum()),
                    }
                )
        out[family.id] = rows
    return out


def case_errors(cases: list[Case], predictions, classifier, limit: int = MAX_ERRORS) -> list[CaseError]:
    """The ``limit`` worst-predicted cases, most confident mistakes first, with evidence for each wrong tag."""
    from casemine.evidence import batch_evidence

    found = []
    for i, case in enumerate(cases):
        gold, predicted, scores = case.labels, predictions.labels[i], predictions.scores[i]
        families, weight = {}, 0.0
        for family in SCHEME.families:
            if family.only_when_scope and gold.get("scope") != family.only_when_scope:
                continue
            if not family.multi and gold.get(family.id) is None:
                continue
            truth, given = family.values(gold), family.values(predicted)
            wrong = [x for x in given if x not in truth]
            missed = [x for x in truth if x not in given]
            if not wrong and not missed:
                continue
            confidences = [(x, float((scores.get(family.id) or {}).get(x, 0.0))) for x in wrong]
            weight += sum(c for _, c in confidences)
            families[family.id] = {"gold": truth, "predicted": given, "wrong": confidences, "missed": missed}
        if families:
            found.append((i, CaseError(case.id, case.lang, case.title, round(weight, 4), families)))
    found.sort(key=lambda item: (-item[1].weight, -sum(len(f["missed"]) for f in item[1].families.values())))
    worst, wrong_labels = found[:limit], []
    for _, error in worst:
        wrong_only = SCHEME.empty_labels()
        for family_id, fam in error.families.items():
            labels = [x for x, _ in fam["wrong"]]
            wrong_only[family_id] = labels if SCHEME[family_id].multi else (labels[0] if labels else None)
        wrong_labels.append(wrong_only)
    analyses = [predictions.analyses[i] for i, _ in worst]
    for (_, error), found_evidence in zip(worst, batch_evidence(classifier, analyses, wrong_labels), strict=True):
        error.evidence = found_evidence
    return [error for _, error in worst]


def build_evaluation(model, cases: list[Case], max_errors: int = MAX_ERRORS) -> Evaluation:
    """Run ``model`` on labelled cases and gather everything the report shows."""
    from collections import Counter

    from casemine.model import corpus_fingerprint, predict_cases
    from casemine.validation import metrics

    predictions = predict_cases(model, cases)
    gold = [c.labels for c in cases]
    return Evaluation(
        model_name=model.name,
        card=model.card,
        cases=len(cases),
        languages=dict(Counter(c.lang or "?" for c in cases)),
        metrics=metrics(gold, predictions.labels, predictions.scores),
        confusion={f.id: confusion(gold, predictions.labels, f.id) for f in SCHEME.families if not f.multi},
        reliability=reliability(gold, predictions.scores),
        errors=case_errors(cases, predictions, model.classifier, max_errors),
        seen=model.card.get("corpus", {}).get("sha256") == corpus_fingerprint(cases),
    )


# --- drawing -----------------------------------------------------------------------------------


def _png(figure) -> str:
    """A matplotlib figure as a base64 PNG ``<img>``."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'


def _figure(width: float, height: float):
    from matplotlib.figure import Figure  # Agg without pyplot: no display, no global state

    return Figure(figsize=(width, height))


def confusion_plot(family_id: str, labels: list[str], matrix: np.ndarray) -> str:
    size = 2.5 + 0.55 * len(labels)
    figure = _figure(size + 1.5, size)
    ax = figure.add_subplot()
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"{family_id}: gold × predicted")
    top = matrix.max() if matrix.size else 0
    for (r, c), count in np.ndenumerate(matrix):
        if count:
            ax.text(
                c, r, str(count), ha="center", va="center", fontsize=8, color="white" if count > top / 2 else "black"
            )
    return _png(figure)


def f1_plot(family_id: str, labels: dict[str, dict[str, Any]]) -> str:
    names = list(labels)
    figure = _figure(6.5, 0.8 + 0.32 * len(names))
    ax = figure.add_subplot()
    values = [labels[n]["f1"] for n in names]
    ax.barh(range(len(names)), values, color="#4c72b0")
    ax.set_yticks(range(len(names)), [f"{n} (n={labels[n]['support']})" for n in names], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1")
    ax.set_title(f"{family_id}: F1 per label")
    for k, v in enumerate(values):
        inside = v > 0.85
        ax.text(
            v - 0.01 if inside else v + 0.01,
            k,
            f"{v:.2f}",
            va="center",
            ha="right" if inside else "left",
            fontsize=7,
            color="white" if inside else "black",
        )
    return _png(figure)


def calibration_plot(bins: dict[str, list[dict[str, float]]]) -> str:
    figure = _figure(6, 5)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    for family_id, rows in bins.items():
        kind = "chosen label" if not SCHEME[family_id].multi else "each label"
        ax.plot(
            [r["confidence"] for r in rows], [r["accuracy"] for r in rows], marker="o", label=f"{family_id} ({kind})"
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("predicted probability (bin mean)")
    ax.set_ylabel("share right")
    ax.set_title("Reliability")
    ax.legend(fontsize=8, loc="upper left")
    return _png(figure)


# --- the page ----------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
.wrong { color: #b00020; } .missed { color: #8a6d00; }
.error { border: 1px solid #eee; padding: 0.5em 1em; margin: 1em 0; }
blockquote { margin: 0.3em 0 0.3em 1em; padding-left: 0.6em; border-left: 3px solid #ccc; color: #444; }
img { max-width: 100%; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _num(value: Any) -> str:
    return f'<td class="num">{value:.3f}</td>' if isinstance(value, float) else f'<td class="num">{_e(value)}</td>'


def _family_table(metrics: dict[str, Any]) -> str:
    rows = []
    for family in SCHEME.families:
        r = metrics.get(family.id, {})
        cal = r.get("calibration", {})
        cells = [r.get("n", 0)] + [r.get(k, "–") for k in ("accuracy", "macro_f1", "micro_f1", "exact_match")]
        cells += [cal.get("brier", "–"), cal.get("ece", "–")]
        rows.append(f"<tr><th>{_e(family.id)}</th>{''.join(_num(c) for c in cells)}</tr>")
    header = "".join(
        f"<th>{h}</th>" for h in ("family", "cases", "accuracy", "macro-F1", "micro-F1", "exact match", "Brier", "ECE")
    )
    return f"<table><tr>{header}</tr>{''.join(rows)}</table>"


def _label_table(labels: dict[str, dict[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td>{_e(label)}</td>{_num(m['precision'])}{_num(m['recall'])}{_num(m['f1'])}{_num(m['support'])}</tr>"
        for label, m in labels.items()
    )
    return f"<table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>{rows}</table>"


def _error_block(error: CaseError) -> str:
    title = f" — {_e(error.title)}" if error.title else ""
    rows = []
    for family_id, fam in error.families.items():
        wrong = ", ".join(f'<span class="wrong">{_e(x)} ({c:.2f})</span>' for x, c in fam["wrong"]) or "–"
        missed = ", ".join(f'<span class="missed">{_e(x)}</span>' for x in fam["missed"]) or "–"
        rows.append(
            f"<tr><th>{_e(family_id)}</th><td>{_e(', '.join(fam['gold']) or '(none)')}</td>"
            f"<td>{_e(', '.join(fam['predicted']) or '(none)')}</td><td>{wrong}</td><td>{missed}</td></tr>"
        )
    evidence = []
    for family_id, labels in error.evidence.items():
        for label, sentences in labels.items():
            quotes = (
                "".join(f"<blockquote>{_e(s)}</blockquote>" for s in sentences) or "<p>(no sentence supports it)</p>"
            )
            evidence.append(f'<p>Evidence for <span class="wrong">{_e(family_id)}: {_e(label)}</span></p>{quotes}')
    return (
        f'<div class="error"><h3>{_e(error.id)} ({_e(error.lang or "?")}){title}</h3>'
        "<table><tr><th>family</th><th>gold</th><th>predicted</th><th>wrongly given (confidence)</th>"
        f"<th>missed</th></tr>{''.join(rows)}</table>{''.join(evidence)}</div>"
    )


def render_html(evaluation: Evaluation, title: str | None = None) -> str:
    """The report page for an ``Evaluation`` (self-contained: inline CSS, base64 images)."""
    card = evaluation.card
    title = title or f"casemine evaluation of model {evaluation.model_name}"
    languages = ", ".join(f"{k} {v}" for k, v in sorted(evaluation.languages.items()))
    trained = card.get("corpus", {})
    headline = ", ".join(f"{k} {v:.3f}" for k, v in (card.get("cv", {}).get("headline") or {}).items()) or "n/a"
    warning = (
        '<p class="wrong">These are the cases the model was trained on: its figures here are optimistic; '
        "evaluate on held-out cases, or read the cross-validated ones.</p>"
        if evaluation.seen
        else ""
    )
    parts = [
        f"<h1>{_e(title)}</h1>",
        f"<p>{evaluation.cases} labelled cases ({_e(languages)}); model <code>{_e(evaluation.model_name)}</code> "
        f"created {_e(card.get('created', '?'))}, trained on {_e(trained.get('cases', '?'))} cases; label scheme "
        f"{_e(card.get('scheme_version', SCHEME.version))}; report made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by "
        f"casemine {__version__}. Cross-validated headline on its training cases: {_e(headline)}.</p>",
        warning,
        '<h2 id="families">Per-family metrics</h2>',
        "<p>Single-label families: accuracy and macro-F1, with Brier score and expected calibration error (ECE) of "
        "the chosen label's probability; multi-label families: micro- and macro-F1 and exact match. "
        "<code>type</code> is scored on the cases whose gold scope is co-production.</p>",
        _family_table(evaluation.metrics),
        '<h2 id="labels">Per-label metrics</h2>',
    ]
    for family in SCHEME.families:
        labels = evaluation.metrics.get(family.id, {}).get("labels")
        if labels:
            parts += [f"<h3>{_e(family.id)}</h3>", _label_table(labels)]
    parts.append('<h2 id="f1">Per-label F1</h2>')
    for family in SCHEME.families:
        labels = evaluation.metrics.get(family.id, {}).get("labels")
        if labels:
            parts.append(f'<figure id="f1-{_e(family.id)}">{f1_plot(family.id, labels)}</figure>')
    parts.append('<h2 id="confusion">Confusion matrices</h2><p>Rows: gold label; columns: predicted label.</p>')
    for family_id, (labels, matrix) in evaluation.confusion.items():
        if labels:
            parts.append(
                f'<h3>{_e(family_id)}</h3><figure id="confusion-{_e(family_id)}">'
                f"{confusion_plot(family_id, labels, matrix)}</figure>"
            )
    parts += [
        '<h2 id="calibration">Calibration</h2>',
        "<p>Predicted probability against the share of predictions that were right, in "
        f"{CALIBRATION_BINS} bins: the chosen label for single-label families, every label's probability for "
        "multi-label ones. Points below the diagonal are over-confident.</p>",
        f'<figure id="reliability">{calibration_plot(evaluation.reliability)}</figure>',
        '<h2 id="errors">Worst errors</h2>',
        f"<p>The {len(evaluation.errors)} cases with the most confident wrong tags (sum of the wrong tags' "
        "probabilities), each with the sentences that weighed most for every wrongly given label.</p>",
    ]
    parts += [_error_block(e) for e in evaluation.errors] or ["<p>No errors.</p>"]
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def check_report_path(path: str | Path, overwrite: bool = False) -> Path:
    """Refuse a report path with another extension, in a missing folder, or existing without ``overwrite``."""
    from casemine.spreadsheet import OutputError

    path = Path(path)
    if path.suffix.lower() not in REPORT_KINDS:
        raise OutputError(f"{path}: the report must end in .html")
    if not path.parent.exists():
        raise OutputError(f"{path.parent}: no such folder")
    if path.exists() and not overwrite:
        raise OutputError(f"{path} already exists; use --overwrite to replace it")
    return path


def write_report(path: str | Path, model, cases: list[Case], overwrite: bool = False) -> Evaluation:
    """Evaluate ``model`` on ``cases`` and write the HTML report to ``path`` atomically; returns the ``Evaluation``."""
    from casemine.spreadsheet import write_atomically

    path = check_report_path(path, overwrite)
    evaluation = build_evaluation(model, cases)
    page = render_html(evaluation)
    write_atomically(path, lambda temp: temp.write_text(page, "utf-8"))
    return evaluation
