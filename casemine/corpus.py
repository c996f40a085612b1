"""Labelled cases in the exchange format (JSON Lines): reading, checking and counting.

Every problem is reported with the file, the line and the case id, so a curator can go
straight to it. Fields the format does not list are kept in ``Case.extra``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casemine.external import is_labels_only, outside_text
from casemine.rationales import FAMILIES, FIELD, check_rationales
from casemine.scheme import SCHEME

KNOWN_FIELDS = ("id", "lang", "title", "text", "country", "labels", "source", "annotator")


@dataclass
class Case:
    """One labelled case."""

    id: str
    text: str
    labels: dict[str, Any]
    lang: str | None = None
    title: str | None = None
    country: str | None = None
    source: str | None = None
    annotator: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # "file:line", for messages

    def to_json(self) -> dict[str, Any]:
        """The case as an exchange-format record (extra fields kept)."""
        record: dict[str, Any] = {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "text": self.text,
            "country": self.country,
            "labels": self.labels,
            "source": self.source,
            "annotator": self.annotator,
        }
        record.update(self.extra)
        return record


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file, located precisely."""

    path: str
    line: int
    case_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" [{self.case_id}]" if self.case_id else ""
        return f"{where}{who}: {self.message}"


class CorpusError(ValueError):
    """Raised when labelled cases cannot be read; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the labelled cases:\n{shown}{more}")


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.jsonl`` files named by ``paths``; folders are searched recursively, in order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.jsonl")))
        else:
            files.append(path)
    return files


def normalised_text(text: str) -> str:
    """A case's text reduced for spotting the same case twice: case and spacing ignored."""
    return " ".join(text.casefold().split())


def validate_labels(labels: Any) -> list[str]:
    """Messages for everything wrong with one case's ``labels`` object (empty when valid)."""
    if not isinstance(labels, dict):
        return ["'labels' must be an object with the families " + ", ".join(SCHEME.family_ids)]
    messages: list[str] = []
    for name in labels:
        if name not in SCHEME.family_ids:
            messages.append(f"unknown label family {name!r}")
    for family in SCHEME.families:
        value = labels.get(family.id, [] if family.multi else None)
        if family.multi:
            if not isinstance(value, list):
                messages.append(f"labels.{family.id} must be a list of ids, got {value!r}")
                continue
            values = value
            if len(set(values)) != len(values):
                messages.append(f"labels.{family.id} repeats an id: {values}")
        else:
            if value is not None and not isinstance(value, str):
                messages.append(f"labels.{family.id} must be one id or null, got {value!r}")
                continue
            values = [] if value is None else [value]
        for label_id in values:
            if label_id not in family.ids:
                messages.append(f"unknown {family.id} id {label_id!r}")
    scope = labels.get("scope")
    if scope is None:
        messages.append("labels.scope is missing: every case needs a scope")
    for family in SCHEME.families:
        if family.only_when_scope and labels.get(family.id) and scope != family.only_when_scope:
            messages.append(
                f"labels.{family.id} is given but scope is {scope!r}: "
                f"{family.id} is only for {family.only_when_scope} cases"
            )
    return messages


def _parse_line(
    line: str, path: str, lineno: int, labels_only: bool = False, join_text: bool = True
) -> tuple[Case | None, str | None, list[Problem]]:
    """The case on one line (None if invalid), its id if it has one, and its problems.

    In a labels-only file the text must be absent; with ``join_text`` it is read from the
    outside data (see ``casemine.external``).
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, [Problem(path, lineno, None, f"bad JSON: {exc.msg} at column {exc.colno}")]
    if not isinstance(record, dict):
        return None, None, [Problem(path, lineno, None, "a line must hold one JSON object")]
    case_id = record.get("id")
    problems = []
    if not isinstance(case_id, str) or not case_id.strip():
        problems.append(Problem(path, lineno, None, "missing or empty 'id'"))
        case_id = None
    text = record.get("text")
    if labels_only:
        if text is not None:
            problems.append(Problem(path, lineno, case_id, "a labels-only file must not hold 'text'"))
        elif join_text:
            try:
                text = outside_text(record)
            except LookupError as exc:
                problems.append(Problem(path, lineno, case_id, f"text not found: {exc}"))
        else:
            text = ""
    elif not isinstance(text, str) or not text.strip():
        problems.append(Problem(path, lineno, case_id, "missing or empty 'text'"))
    lang = record.get("lang")
    if lang is not None and (not isinstance(lang, str) or len(lang) != 2 or not lang.islower()):
        problems.append(Problem(path, lineno, case_id, f"'lang' must be an ISO 639-1 code, got {lang!r}"))
    country = record.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 2 or not country.isupper()):
        problems.append(
            Problem(path, lineno, case_id, f"'country' must be ISO 3166-1 alpha-2 or null, got {country!r}")
        )
    if "labels" not in record:
        problems.append(Problem(path, lineno, case_id, "missing 'labels'"))
    else:
        problems += [Problem(path, lineno, case_id, m) for m in validate_labels(record["labels"])]
    if not problems and FIELD in record:
        problems += [Problem(path, lineno, case_id, m) for m in check_rationales(record[FIELD], text, record["labels"])]
    if problems:
        return None, case_id, problems
    labels = SCHEME.empty_labels() | record["labels"]
    case = Case(
        id=case_id,
        text=text,
        labels=labels,
        lang=lang,
        title=record.get("title"),
        country=country,
        source=record.get("source"),
        annotator=record.get("annotator"),
        extra={k: v for k, v in record.items() if k not in KNOWN_FIELDS},
        origin=f"{path}:{lineno}",
    )
    return case, case_id, []


def iter_cases(paths: Iterable[str | Path], join_text: bool = True) -> Iterator[tuple[Case | None, list[Problem]]]:
    """Every line of every file as (case or None, problems), duplicates across files included."""
    seen: dict[str, str] = {}
    for file in corpus_files(paths):
        name = str(file)
        try:
            handle = file.open(encoding="utf-8")
        except OSError as exc:
            yield None, [Problem(name, 0, None, f"cannot read: {exc.strerror or exc}")]
            continue
        with handle:
            try:
                for lineno, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    case, case_id, problems = _parse_line(line, name, lineno, is_labels_only(file), join_text)
                    if case_id is not None and case_id in seen:
                        problems.append(Problem(name, lineno, case_id, f"duplicate id (first at {seen[case_id]})"))
                        case = None
                    elif case_id is not None:
                        seen[case_id] = f"{name}:{lineno}"
                    yield case, problems
            except UnicodeDecodeError as exc:
                yield None, [Problem(name, 0, None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")]


def check_cases(paths: Iterable[str | Path], join_text: bool = False) -> tuple[list[Case], list[Problem]]:
    """Read every case, collecting every problem instead of stopping at the first.

    Labels-only files (``*.labels.jsonl``) are checked without their outside text unless
    ``join_text`` is set.
    """
    cases: list[Case] = []
    problems: list[Problem] = []
    files = corpus_files(paths)
    for file in files:
        if not file.exists():
            problems.append(Problem(str(file), 0, None, "no such file or folder"))
    for case, found in iter_cases((f for f in files if f.exists()), join_text=join_text):
        problems += found
        if case is not None:
            cases.append(case)
    if not files:
        problems.append(Problem(", ".join(map(str, paths)), 0, None, "no .jsonl files found"))
    return cases, problems


def read_cases(*paths: str | Path) -> list[Case]:
    """All labelled cases in the given files or folders, with their text; raises CorpusError on any problem.

    The text of labels-only files is joined from the outside data (``casemine.external``).
    """
    cases, problems = check_cases(paths, join_text=True)
    if problems:
        raise CorpusError(problems)
    return cases


def corpus_stats(cases: Iterable[Case]) -> dict[str, Any]:
    """Counts per language, and per label of every family, overall and per language; and how many cases
    have rationales, with, per family, how many of their labels no sentence supports (``casemine.rationales``)."""
    cases = list(cases)
    langs = Counter(case.lang or "?" for case in cases)
    families: dict[str, dict[str, dict[str, int]]] = {}
    for family in SCHEME.families:
        table = {label: {"total": 0} | {lang: 0 for lang in langs} for label in family.ids}
        table["(none)"] = {"total": 0} | {lang: 0 for lang in langs}
        for case in cases:
            values = family.values(case.labels)
            if family.only_when_scope and case.labels.get("scope") != family.only_when_scope:
                continue
            for label in values or ["(none)"]:
                table[label]["total"] += 1
                table[label][case.lang or "?"] += 1
        families[family.id] = table
    with_rationales = [case for case in cases if case.extra.get(FIELD)]
    rationales: dict[str, Any] = {"cases": len(with_rationales)}
    for family_id in FAMILIES:
        given = [quotes for case in with_rationales for quotes in case.extra[FIELD].get(family_id, {}).values()]
        rationales[family_id] = {"labels": len(given), "without_sentence": sum(not quotes for quotes in given)}
    return {"cases": len(cases), "languages": dict(langs), "families": families, "rationales": rationales}
