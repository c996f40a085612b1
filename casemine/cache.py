"""A parse cache: spaCy analyses keyed by text hash and pipeline version, so that retraining and
re-evaluating do not parse unchanged cases again.

One SQLite file (``$CASEMINE_CACHE`` or ``~/.cache/casemine/parses.sqlite``). The key holds the
text's SHA-256, its language and a fingerprint of everything that shapes an analysis: the spaCy and
pipeline versions, casemine's analysis version and the rule data files. Any change there simply
misses the old entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import asdict
from functools import cache
from importlib import resources
from pathlib import Path

from casemine.nlp import Analysis

ANALYSIS_VERSION = 31  # bump when analyse_doc changes what it produces
# Data files that shape what is learned from a parse, or the language found, not the parse itself: they
# must not void the cache.
NOT_PARSE_DATA = {
    "actor_decision.json",
    "scheme.json",
    "difficulty_cues.json",
    "function_words.json",
    "notions.json",
    "sector_notions.json",
}


def default_path() -> Path:
    return Path(os.environ.get("CASEMINE_CACHE") or Path.home() / ".cache" / "casemine" / "parses.sqlite")


@cache
def rules_fingerprint() -> str:
    """A hash of the rule data files (entity term lists, concept lexicon)."""
    digest = hashlib.sha256()
    data = resources.files("casemine").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if entry.is_dir():
            for file in sorted(entry.iterdir(), key=lambda p: p.name):
                if file.name not in NOT_PARSE_DATA:
                    digest.update(file.name.encode() + file.read_bytes())
        elif entry.name not in NOT_PARSE_DATA:
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def pipeline_key(lang: str) -> str:
    """What an analysis in ``lang`` depends on, as one string."""
    from importlib import metadata

    import spacy

    from casemine.nlp import ner_fingerprint, pipeline_name

    module = pipeline_name(lang)
    try:
        version = metadata.version(module.replace("_", "-"))
    except metadata.PackageNotFoundError:
        version = "?"
    return (
        f"{module}={version};ner={ner_fingerprint(lang)};spacy={spacy.__version__};"
        f"analysis={ANALYSIS_VERSION};rules={rules_fingerprint()}"
    )


class ParseCache:
    """Analyses stored by (text hash, language, pipeline key)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, analysis TEXT NOT NULL)")
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str, lang: str, pipeline: str) -> str:
        return hashlib.sha256(f"{lang}\0{pipeline}\0{text}".encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, Analysis]:
        found: dict[str, Analysis] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, raw in self._db.execute(f"SELECT key, analysis FROM parses WHERE key IN ({marks})", chunk):
                found[key] = Analysis(**json.loads(raw))
        self.hits += len(found)
        self.misses += len(set(keys) - set(found))
        return found

    def put_many(self, items: dict[str, Analysis]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO parses VALUES (?, ?)",
                [(k, json.dumps(asdict(a), ensure_ascii=False)) for k, a in items.items()],
            )

    def close(self) -> None:
        self._db.close()
