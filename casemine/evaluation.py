"""Per-family metrics comparing predicted labels with gold labels.

Single-label families report accuracy and macro-F1 over the labels present in gold or
predictions; multi-label families report micro- and macro-F1 and exact-match accuracy.
``type`` is scored only on cases whose gold scope is co-production.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from casemine.scheme import SCHEME


def score_labels(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Metrics per family, with per-label precision, recall, F1 and support."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted label lists differ in length")
    report: dict[str, dict[str, Any]] = {}
    for family in SCHEME.families:
        rows = [
            i
            for i, g in enumerate(gold)
            if (family.only_when_scope is None or g.get("scope") == family.only_when_scope)
            and (family.multi or g.get(family.id) is not None)
        ]
        if not rows:
            report[family.id] = {"n": 0}
            continue
        if family.multi:
            ids = list(family.ids)
            Yg = np.array([[int(x in (gold[i].get(family.id) or [])) for x in ids] for i in rows])
            Yp = np.array([[int(x in (pred[i].get(family.id) or [])) for x in ids] for i in rows])
            p, r, f, s = precision_recall_fscore_support(Yg, Yp, zero_division=0)
            present = [k for k in range(len(ids)) if Yg[:, k].any() or Yp[:, k].any()]
            report[family.id] = {
                "n": len(rows),
                "micro_f1": float(f1_score(Yg, Yp, average="micro", zero_division=0)),
                "macro_f1": float(np.mean([f[k] for k in present])) if present else 0.0,
                "exact_match": float(accuracy_score(Yg, Yp)),
                "labels": {
                    ids[k]: {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(s[k])}
                    for k in range(len(ids))
                },
            }
        else:
            yg = [gold[i][family.id] for i in rows]
            yp = [pred[i].get(family.id) or "(none)" for i in rows]
            ids = [x for x in family.ids if x in set(yg) | set(yp)]
            p, r, f, s = precision_recall_fscore_support(yg, yp, labels=ids, zero_division=0)
            report[family.id] = {
                "n": len(rows),
                "accuracy": float(accuracy_score(yg, yp)),
                "macro_f1": float(np.mean(f)) if len(ids) else 0.0,
                "labels": {
                    ids[k]: {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(s[k])}
                    for k in range(len(ids))
                },
            }
    return report


def headline(report: dict[str, dict[str, Any]]) -> dict[str, float]:
    """The one figure per family that the targets speak of (macro-F1 single, micro-F1 multi)."""
    out = {}
    for family in SCHEME.families:
        r = report.get(family.id, {})
        key = "micro_f1" if family.multi else "macro_f1"
        if key in r:
            out[family.id] = round(r[key], 4)
    return out


def format_report(report: dict[str, dict[str, Any]]) -> str:
    """A plain-text table of a report, one block per family."""
    lines = []
    for family in SCHEME.families:
        r = report.get(family.id, {})
        if not r.get("n"):
            lines.append(f"{family.id}: no cases to score")
            continue
        if family.multi:
            lines.append(
                f"{family.id} (n={r['n']}): micro-F1 {r['micro_f1']:.3f}  macro-F1 {r['macro_f1']:.3f}"
                f"  exact match {r['exact_match']:.3f}"
            )
        else:
            calibration = r.get("calibration")
            extra = f"  Brier {calibration['brier']:.3f}  ECE {calibration['ece']:.3f}" if calibration else ""
            lines.append(f"{family.id} (n={r['n']}): accuracy {r['accuracy']:.3f}  macro-F1 {r['macro_f1']:.3f}{extra}")
        for label, m in r["labels"].items():
            lines.append(
                f"    {label:<30} P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}  n={m['support']}"
            )
    return "\n".join(lines)


def labeller_agreement(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Agreement between two labellers on the same cases, per family.

    Single-label families: Cohen's kappa and raw agreement. Multi-label families: micro-F1 of one
    labeller against the other, and per-label kappa. ``type`` is compared on the cases both
    labellers call co-production.
    """
    from sklearn.metrics import cohen_kappa_score

    if len(first) != len(second):
        raise ValueError("both labellers must label the same cases")
    out: dict[str, dict[str, Any]] = {}
    for family in SCHEME.families:
        rows = [
            i
            for i in range(len(first))
            if family.only_when_scope is None
            or first[i].get("scope") == second[i].get("scope") == family.only_when_scope
        ]
        if family.multi:
            ids = list(family.ids)
            A = np.array([[int(x in (first[i].get(family.id) or [])) for x in ids] for i in rows])
            B = np.array([[int(x in (second[i].get(family.id) or [])) for x in ids] for i in rows])
            per_label = {}
            for k, label in enumerate(ids):
                same = A[:, k] == B[:, k]
                kappa = cohen_kappa_score(A[:, k], B[:, k]) if len(set(A[:, k]) | set(B[:, k])) > 1 else float("nan")
                per_label[label] = {
                    "agreement": float(same.mean()) if len(rows) else float("nan"),
                    "kappa": float(kappa),
                    "first": int(A[:, k].sum()),
                    "second": int(B[:, k].sum()),
                }
            kappas = [v["kappa"] for v in per_label.values() if not np.isnan(v["kappa"])]
            out[family.id] = {
                "n": len(rows),
                "micro_f1": float(f1_score(A, B, average="micro", zero_division=0)) if len(rows) else float("nan"),
                "mean_label_kappa": float(np.mean(kappas)) if kappas else float("nan"),
                "labels": per_label,
            }
        else:
            a = [str(first[i].get(family.id)) for i in rows]
            b = [str(second[i].get(family.id)) for i in rows]
            out[family.id] = {
                "n": len(rows),
                "kappa": float(cohen_kappa_score(a, b)),
                "agreement": float(np.mean([x == y for x, y in zip(a, b, strict=True)])),
            }
    return out


FAMILY_FIGURES = ("accuracy", "macro_f1", "micro_f1", "exact_match")
LABEL_FIGURES = ("precision", "recall", "f1")


def _figure(a: Any, b: Any) -> dict[str, Any]:
    diff = b - a if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
    return {"a": a, "b": b, "diff": diff}


def compare_reports(report_a: dict[str, dict[str, Any]], report_b: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Two reports (``score_labels``/``evaluate`` shape) side by side, with B − A differences.

    Returns, per family, ``{"n": {"a", "b"}, "figures": {figure: {"a", "b", "diff"}}, "labels":
    {label: {"support": n, figure: {"a", "b", "diff"}}}}``; a figure missing from one report is None
    there and has no difference.
    """
    out: dict[str, Any] = {}
    for family in SCHEME.families:
        ra, rb = report_a.get(family.id, {}), report_b.get(family.id, {})
        figures = {k: _figure(ra.get(k), rb.get(k)) for k in FAMILY_FIGURES if k in ra or k in rb}
        for name in ("brier", "ece"):
            ca, cb = ra.get("calibration", {}), rb.get("calibration", {})
            if name in ca or name in cb:
                figures[name] = _figure(ca.get(name), cb.get(name))
        labels_a, labels_b = ra.get("labels", {}), rb.get("labels", {})
        labels = {}
        for label in [x for x in family.ids if x in labels_a or x in labels_b]:
            la, lb = labels_a.get(label, {}), labels_b.get(label, {})
            labels[label] = {
                "support": la.get("support", lb.get("support", 0)),
                **{k: _figure(la.get(k), lb.get(k)) for k in LABEL_FIGURES},
            }
        out[family.id] = {"n": {"a": ra.get("n", 0), "b": rb.get("n", 0)}, "figures": figures, "labels": labels}
    return out


def _cell(value: Any, signed: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def format_comparison(comparison: dict[str, Any]) -> str:
    """A plain-text side-by-side table of ``model.compare``'s result: per family, then per label (F1)."""
    a, b = comparison.get("a", "A"), comparison.get("b", "B")
    width = max(12, len(a), len(b)) + 2
    lines = [f"A = {a}, B = {b}, on {comparison.get('cases', '?')} cases; diff = B − A", ""]
    for family_id, fam in comparison["families"].items():
        lines.append(
            f"{family_id} (n={fam['n']['a']})".ljust(34) + "A".rjust(width) + "B".rjust(width) + "diff".rjust(9)
        )
        for name, fig in fam["figures"].items():
            lines.append(
                f"  {name:<32}{_cell(fig['a']):>{width}}{_cell(fig['b']):>{width}}{_cell(fig['diff'], True):>9}"
            )
        for label, row in fam["labels"].items():
            fig = row["f1"]
            lines.append(
                f"    {label + ' F1':<30}{_cell(fig['a']):>{width}}{_cell(fig['b']):>{width}}"
                f"{_cell(fig['diff'], True):>9}  n={row['support']}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
