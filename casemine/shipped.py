"""Where the artefacts casemine ships live: inside the installed package (``casemine/_models/<name>``, where
``pyproject.toml``'s wheel force-include puts them) or, in a source checkout, the repository's ``models/<name>``."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped_dir(name: str, marker: str) -> Path | None:
    """The first of ``casemine/_models/<name>`` and ``models/<name>`` that holds the file ``marker``, else None."""
    for root in (PACKAGE / "_models", PACKAGE.parent / "models"):
        if (root / name / marker).exists():
            return root / name
    return None
