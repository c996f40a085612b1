"""The label scheme: the one place in the code that knows the families and their ids.

The scheme itself is data (``data/scheme.json``, transcribed from the project's taxonomy
specification); this module only loads it and answers questions about it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


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
