"""Labelled outside texts whose licence keeps the text out of the project.

Their labels live in ``*.labels.jsonl`` files (ids and labels only); the text is joined at read
time from the outside data folder: ``$CASEMINE_DATA`` or ``shared/data`` beside the repository.
Only Participedia is known so far: records carry ``participedia_id``.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

LABELS_ONLY_SUFFIX = ".labels.jsonl"
PARTICIPEDIA_FILE = Path("participedia") / "participedia_v2_dev.jsonl"
_BOILERPLATE_LINE = re.compile(r"^\s*Note: an? \w+ translation", re.I)
_TAIL_HEADINGS = {"external links", "references", "secondary sources", "notes"}


def is_labels_only(path: str | Path) -> bool:
    return str(path).endswith(LABELS_ONLY_SUFFIX)


def data_dir() -> Path:
    """Where outside data is looked for: ``$CASEMINE_DATA``, else ``shared/data`` beside the repo."""
    if os.environ.get("CASEMINE_DATA"):
        return Path(os.environ["CASEMINE_DATA"])
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def clean_participedia(title: str, body: str) -> str:
    """Title and body without the site's editorial boilerplate (translation notes, link lists)."""
    lines = []
    for line in body.splitlines():
        if line.strip().lower() in _TAIL_HEADINGS:
            break
        if not _BOILERPLATE_LINE.match(line):
            lines.append(line)
    return (title.strip() + "\n" + "\n".join(lines).strip()).strip()


@cache
def participedia_texts(path: Path) -> dict[int, str]:
    """Participedia case id → cleaned text, from the dataset file."""
    texts = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[int(record["id"])] = clean_participedia(record.get("title") or "", record.get("body_text") or "")
    return texts


def outside_text(record: dict) -> str:
    """The text of a labels-only record, read from the outside data; raises LookupError if unavailable."""
    if "participedia_id" not in record:
        raise LookupError("a labels-only record needs 'participedia_id' to find its text")
    path = data_dir() / PARTICIPEDIA_FILE
    if not path.exists():
        raise LookupError(
            f"the text is in {path}, which is not here; set CASEMINE_DATA to the folder holding {PARTICIPEDIA_FILE}"
        )
    texts = participedia_texts(path)
    case_id = int(record["participedia_id"])
    if case_id not in texts:
        raise LookupError(f"Participedia case {case_id} is not in {path}")
    return texts[case_id]
