"""Tagging a file into a file in chunks: bounded memory, worker processes, or a Dask cluster.

The input is read row by row (``tables.open_table``) and cut into chunks; each chunk's texts are
tagged in this process, in ``jobs`` worker processes (joblib's loky backend), or on an existing
Dask cluster (joblib's Dask backend); each chunk's rows are written as soon as their turn comes
(``spreadsheet.write_rows``), in input order. Memory holds a few chunks whatever the file's size.

Before tagging, one pass over the input counts its rows (for the progress bar), finds repeated
ids, and meets any row the reader refuses, so that a bad line fails the run before the long part.
Without named text columns, the column is chosen from the first ``SAMPLE_ROWS`` rows.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.tables import (
    InputError,
    Record,
    Table,
    TableSource,
    case_text,
    choose_text_columns,
    is_empty,
    no_rows_message,
    open_table,
)

if TYPE_CHECKING:
    from casemine.model import Model
    from casemine.spreadsheet import SummaryCounts
    from casemine.tagging import TagResult

# Rows sent to a worker at once. A multiple of tagging.BATCH_SIZE, so that texts are batched the same
# whatever the number of jobs (and results are identical); small enough that workers finish together.
CHUNK_SIZE = 128
SAMPLE_ROWS = 1000  # rows read to choose the text column when none is named
BACKENDS = ("local", "dask")
DASK_CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before giving up
DASK_INSTALL = "python -m pip install 'casemine[distributed]'"


class BackendError(RuntimeError):
    """Parallel tagging cannot run as asked (a missing extra, an unreachable scheduler)."""


@dataclass
class TagPlan:
    """What tagging a source needs to know before its rows come: the text columns, the id column
    with the ids seen more than once, and the number of rows (None when not counted)."""

    text_columns: list[str]
    id_column: str | None = None
    duplicates: dict[str, int] = field(default_factory=dict)
    rows: int | None = None


@dataclass
class TagSummary:
    """What ``tag_file`` did: rows tagged, unreadable, needing review, and the Summary sheet's counts."""

    source: str
    output: Path
    text_columns: list[str]
    cases: int
    unreadable: int
    need_review: int
    counts: SummaryCounts


def plan_tagging(
    source: Table | TableSource,
    text_columns: list[str] | None = None,
    id_column: str | None = None,
    sample: list[dict[str, Any]] | None = None,
) -> TagPlan:
    """Check the columns and choose the text column (from ``sample``, default the first ``SAMPLE_ROWS``
    rows); count the rows and the ids, in one pass over the source (none for a folder without ids)."""
    from casemine.spreadsheet import tool_columns

    clashes = [c for c in tool_columns() if c in source.columns]
    if clashes:
        raise InputError(
            f"{source.source}: already has the tool's columns ({', '.join(clashes[:3])}…); "
            "tag the original file, or remove those columns first"
        )
    if sample is None:  # only to choose the text column: a folder's is "text", named columns are only checked
        choosing = not text_columns and source.kind != "folder"
        sample = [row for row, _ in islice(source.records(), SAMPLE_ROWS)] if choosing else []
    probe = Table(columns=source.columns, rows=sample, kind=source.kind, source=source.source)
    columns = choose_text_columns(probe, text_columns)
    if id_column is not None and id_column not in source.columns:
        choose_text_columns(probe, [id_column])  # raises the same helpful "no column" message
    plan = TagPlan(text_columns=columns, id_column=id_column, rows=_known_length(source))
    if plan.rows is None or not (id_column is None or (source.kind == "folder" and id_column == "file")):
        ids: Counter = Counter()  # (file names are unique: a folder's documents need not be read first)
        rows = 0
        for row, _ in source.records():
            rows += 1
            if id_column is not None and not is_empty(row.get(id_column)):  # rows without an id clash with none
                ids[str(row.get(id_column))] += 1
        plan.rows = rows
        plan.duplicates = {key: n for key, n in ids.items() if n > 1}
    if plan.rows == 0 and isinstance(source, TableSource):
        raise InputError(no_rows_message(source.source))
    return plan


def _known_length(source: Table | TableSource) -> int | None:
    return len(source.rows) if isinstance(source, Table) else source.length


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    records = iter(records)
    while chunk := list(islice(records, size)):
        yield chunk


def _texts(chunk: list[Record], columns: list[str]) -> list[str]:
    """The texts to tag of a chunk's readable rows."""
    return [case_text(row, columns) for row, problem in chunk if problem is None]


class _ShippedModel:
    """A model pickled once in the parent, unpickled once per worker process (kept under a key).

    For local workers the pickle is written once to a private temporary file and only its path
    travels with each chunk (a 38 MB model sent with every chunk cost the parent a copy each
    time); for Dask, whose workers may be other machines, the bytes travel, scattered once.
    Unpickling is cheaper than loading the bundle from disk, and works for models never saved.
    """

    def __init__(self, model: Model, directory: str | None = None) -> None:
        self.key = uuid.uuid4().hex
        data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        self.path: str | None = None
        self.data: bytes | None = data
        if directory is not None:
            self.path = str(Path(directory) / f"model-{self.key}.pickle")
            Path(self.path).write_bytes(data)
            self.data = None

    def get(self) -> Model:
        if self.key not in _WORKER_MODELS:
            _WORKER_MODELS.clear()  # one model at a time per worker
            data = self.data if self.path is None else Path(self.path).read_bytes()
            _WORKER_MODELS[self.key] = pickle.loads(data)
        return _WORKER_MODELS[self.key]


_WORKER_MODELS: dict[str, Model] = {}


def _tag_chunk(model: _ShippedModel, texts: list[str]) -> list[TagResult]:
    """Tag one chunk's texts (in a worker process or on a Dask worker)."""
    from casemine.tagging import tag_texts

    return tag_texts(model.get(), texts)


def _dask_client(address: str | None):
    """A client of the Dask scheduler at ``address``, with clear errors when it cannot be had."""
    if not address:
        raise BackendError("--backend dask needs --scheduler ADDRESS, the Dask scheduler (e.g. tcp://10.0.0.5:8786)")
    try:
        from distributed import Client
    except ImportError:
        raise BackendError(
            f"--backend dask needs Dask's distributed package; install it with: {DASK_INSTALL}"
        ) from None
    try:
        return Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BackendError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc}); "
            "check the address and that the scheduler is running"
        ) from None


def _tag_in_parallel(
    model: Model, chunks: Iterator[list[Record]], columns: list[str], jobs: int, client
) -> Iterator[tuple[list[Record], list[TagResult]]]:
    """Each chunk with its results, in order, tagged by joblib workers (loky, or Dask when ``client``)."""
    from joblib import Parallel, delayed, parallel_config

    directory = None if client else tempfile.mkdtemp(prefix="casemine-")
    shipped = _ShippedModel(model, directory)
    pending: deque[list[Record]] = deque()

    def tasks():
        for chunk in chunks:
            pending.append(chunk)  # results come back in this order
            yield delayed(_tag_chunk)(shipped, _texts(chunk, columns))

    # Dask scatters the model to its workers once; loky workers read it from the file once
    config = parallel_config(backend="dask", scatter=[shipped]) if client else parallel_config(backend="loky")
    try:
        with config:
            parallel = Parallel(n_jobs=-1 if client else jobs, return_as="generator", pre_dispatch="2*n_jobs")
            for results in parallel(tasks()):
                yield pending.popleft(), results
    finally:
        if client is not None:
            client.close()
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)


def _tag_locally(
    model: Model, chunks: Iterator[list[Record]], columns: list[str], progress: Callable[[int], None] | None
) -> Iterator[tuple[list[Record], list[TagResult]]]:
    """Each chunk with its results, in order, tagged in this process in batches of ``tagging.BATCH_SIZE``."""
    from casemine.tagging import BATCH_SIZE, tag_batches

    read: deque[tuple[list[Record], int]] = deque()  # chunks read ahead, with their number of texts

    def batches() -> Iterator[list[str]]:
        for chunk in chunks:
            texts = _texts(chunk, columns)
            read.append((chunk, len(texts)))
            for start in range(0, len(texts), BATCH_SIZE):
                yield texts[start : start + BATCH_SIZE]

    done: list[TagResult] = []
    for results in tag_batches(model, batches(), progress):
        done += results
        while read and len(done) >= read[0][1]:
            chunk, n = read.popleft()
            yield chunk, done[:n]
            done = done[n:]
    for chunk, _ in read:  # chunks of unreadable rows only, after the last batch
        yield chunk, []


def tag_records(
    model: Model,
    records: Iterable[Record],
    plan: TagPlan,
    jobs: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[dict[str, Any], TagResult]]:
    """Each input row with its result, in order, tagged chunk by chunk as the rows are consumed.

    ``jobs`` > 1 tags chunks in that many worker processes; ``backend="dask"`` sends them to the
    Dask cluster whose scheduler is at ``scheduler`` (its workers need casemine and the spaCy
    pipelines installed). Unreadable rows get no labels and their reason; rows of a repeated id
    are flagged for review. Rows are tagged in chunks of ``chunk_size`` (default ``CHUNK_SIZE``);
    ``progress`` is called with the number of rows done after each batch (in this process) or each
    chunk (in workers). The backend is checked (and the scheduler reached) at the call, before any row is read.
    """
    from casemine.language import Language
    from casemine.tagging import TagResult

    if backend not in BACKENDS:
        raise BackendError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if jobs < 1:
        raise BackendError(f"--jobs must be 1 or more, not {jobs}")
    client = _dask_client(scheduler) if backend == "dask" else None
    chunks = _chunks(records, chunk_size or CHUNK_SIZE)
    local = client is None and jobs == 1
    if local:  # batch after batch across chunks, so that the next is parsed while one's vectors are encoded
        tagged = _tag_locally(model, chunks, plan.text_columns, progress)
    else:
        tagged = _tag_in_parallel(model, chunks, plan.text_columns, jobs, client)

    def rows() -> Iterator[tuple[dict[str, Any], TagResult]]:
        for chunk, results in tagged:
            tagged_rows = iter(results)
            for row, problem in chunk:
                if problem is None:
                    result = next(tagged_rows)
                else:
                    result = TagResult(language=Language(None, 0.0, "undetermined", problem), reasons=[problem])
                if plan.id_column is not None and str(row.get(plan.id_column)) in plan.duplicates:
                    result.reasons.append(f"duplicate id {row.get(plan.id_column)!r}")
                    result.needs_review = True
                yield row, result
            untagged = sum(problem is not None for _, problem in chunk)
            if progress is not None and (done := untagged if local else len(chunk)):
                progress(done)

    return rows()


def tag_file(
    model: Model,
    input: str | Path | TableSource,
    output: str | Path,
    text_columns: list[str] | None = None,
    id_column: str | None = None,
    sheet: str | None = None,
    label_form: str = "en",
    about: dict[str, Any] | None = None,
    jobs: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int], Callable[[int], None] | None] | None = None,
) -> TagSummary:
    """Tag every row of ``input`` (a path, or an opened ``TableSource``) and write ``output``, streaming.

    Returns what was done. ``about`` fills the workbook's About sheet (its ``text_columns`` are
    set here). ``progress``, if given, is called once with the number of rows, and may return a
    callable that then gets the number of rows done after each chunk (a progress bar's update).
    The output is replaced only once complete; a failure or Ctrl-C leaves no file.
    """
    from casemine.spreadsheet import write_rows

    source = input if isinstance(input, TableSource) else open_table(input, sheet=sheet)
    plan = plan_tagging(source, text_columns, id_column)
    step = progress(plan.rows or 0) if progress is not None else None
    unreadable = 0

    def records() -> Iterator[Record]:
        nonlocal unreadable
        for row, problem in source.records():
            unreadable += problem is not None
            yield row, problem

    pairs = tag_records(model, records(), plan, jobs=jobs, backend=backend, scheduler=scheduler, progress=step)
    about = None if about is None else {**about, "text_columns": plan.text_columns}
    counts = write_rows(output, source.columns, pairs, about, label_form)
    return TagSummary(
        source=source.source,
        output=Path(output),
        text_columns=plan.text_columns,
        cases=counts.cases,
        unreadable=unreadable,
        need_review=counts.need_review,
        counts=counts,
    )
