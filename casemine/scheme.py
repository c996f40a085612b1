"""The label scheme: the one place in the code that knows the families and their ids.

The scheme itself is data (``data/scheme.json``, transcribed from the project's taxonomy
specification); this module only loads it and answers questions about it.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

NONE_WORDS = ("none", "aucun", "aucune", "(none)", "(aucun)", "(aucune)")
"""What a person writes for "no label" in a family (any case): ``none`` or ``aucun``/``aucune``."""


class LabelError(ValueError):
    """A label written by a person names no label of the family; the message lists the valid ones."""


def fold_label(written: str) -> str:
    """A written label reduced for matching: case, accents, apostrophe style and spacing ignored."""
    text = unicodedata.normalize("NFKD", written.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Label:
    """One label of a family, with its names in both languages."""

    id: str
    en: str
    fr: str
    definition: str

    def name(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Family:
    """A label family: single-label (one id or none) or multi-label (a list of ids)."""

    id: str
    en: str
    fr: str
    kind: str
    labels: tuple[Label, ...]
    only_when_scope: str | None = None

    @property
    def multi(self) -> bool:
        return self.kind == "multi"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(label.id for label in self.labels)

    def values(self, labels: dict) -> list[str]:
        """The ids a case's ``labels`` hold in this family, as a list for either kind."""
        value = labels.get(self.id)
        if self.multi:
            return list(value or [])
        return [] if value is None else [value]

    def label(self, label_id: str) -> Label:
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(f"unknown {self.id} label {label_id!r}")

    def name(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en

    @cached_property
    def _written_forms(self) -> dict[str, str]:
        """Every way a person may write a label (folded) → its id: the id, and the English and French
        names with or without their bracketed gloss ("Co-design (co-planning)" or "Co-design")."""
        forms: dict[str, str] = {}
        for label in self.labels:
            for written in (label.id, label.en, label.fr):
                for form in {written, re.sub(r"\s*\([^)]*\)", "", written)}:
                    if forms.setdefault(fold_label(form), label.id) != label.id:
                        raise ValueError(f"{self.id}: {form!r} names two labels")  # a scheme.json mistake
        return forms

    def choices(self) -> str:
        """The valid labels, for messages: 'id (English name / French name)', …"""
        return ", ".join(f"{label.id} ({label.en} / {label.fr})" for label in self.labels)

    def resolve(self, written: str) -> str:
        """The id of the label a person wrote as its id or its English or French name.

        Case, accents and spacing do not matter. Raises LabelError listing the valid labels.
        """
        folded = fold_label(str(written))
        if folded in self._written_forms:
            return self._written_forms[folded]
        close = difflib.get_close_matches(folded, list(self._written_forms), n=1, cutoff=0.85)
        hint = f" (did you mean {self._written_forms[close[0]]!r}?)" if close else ""
        raise LabelError(f"{str(written).strip()!r} is not a {self.id} label{hint}; valid: {self.choices()}")

    def resolve_cell(self, cell: object) -> list[str] | None:
        """The ids in a spreadsheet cell as a person filled it: None when empty, [] for "none"/"aucun",
        else every label of the ``;``-separated list (names may hold commas), duplicates dropped."""
        if cell is None or not str(cell).strip():
            return None
        parts = [p for p in re.split(r"[;\n]", str(cell)) if p.strip()]
        if len(parts) == 1 and fold_label(parts[0]) in NONE_WORDS:
            return []
        return list(dict.fromkeys(self.resolve(part) for part in parts))


@dataclass(frozen=True)
class Scheme:
    """All families, in the order the taxonomy lists them."""

    version: str
    families: tuple[Family, ...]

    def __getitem__(self, family_id: str) -> Family:
        for family in self.families:
            if family.id == family_id:
                return family
        raise KeyError(f"unknown label family {family_id!r}")

    @property
    def family_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.families)

    def empty_labels(self) -> dict[str, str | list[str] | None]:
        """Labels of a case with nothing assigned, in the exchange format's shape."""
        return {f.id: ([] if f.multi else None) for f in self.families}


@cache
def load_scheme() -> Scheme:
    """The scheme shipped with the package (cached: it never changes in a process)."""
    raw = json.loads(resources.files("casemine").joinpath("data/scheme.json").read_text("utf-8"))
    families = tuple(
        Family(
            id=f["id"],
            en=f["en"],
            fr=f["fr"],
            kind=f["kind"],
            only_when_scope=f.get("only_when_scope"),
            labels=tuple(
                Label(id=lab["id"], en=lab["en"], fr=lab["fr"], definition=lab["definition"]) for lab in f["labels"]
            ),
        )
        for f in raw["families"]
    )
    return Scheme(version=raw["version"], families=families)


SCHEME = load_scheme()
