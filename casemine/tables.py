"""Reading submissions as tables (``.xlsx``, ``.csv``, ``.jsonl``, a folder of documents) without changing a value.

Rows keep their original values and column order so that the labelled output can repeat them
exactly. Text to tag is assembled from one or more chosen columns, headings kept.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import json
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

INPUT_KINDS = (".xlsx", ".csv", ".jsonl")


class InputError(ValueError):
    """The input cannot be read as asked; the message says what to do."""


Record = tuple[dict[str, Any], str | None]  # an input row, and why it could not be read (None if it could)


@dataclass
class Table:
    """Rows of an input file: ``columns`` in order, each row a dict of original values.

    ``problems`` holds, by row index, why the reader could not read a row (an unreadable file of
    a folder); such rows are kept, untagged, with that reason.
    """

    columns: list[str]
    rows: list[dict[str, Any]]
    kind: str
    source: str = ""
    problems: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> Iterator[Record]:
        """Each row with its problem (None when it was read), as ``TableSource.records`` gives them."""
        for i, row in enumerate(self.rows):
            yield row, self.problems.get(i)


@dataclass
class TableSource:
    """An input read row by row, so that a file of any size is tagged in bounded memory.

    ``columns`` are known once the source is opened (which checks the file and raises
    ``InputError`` on what makes it unreadable as a whole); ``records()`` reads the file anew on
    each call and yields each row with its problem (None when it was read). ``length`` is the
    number of rows when known without reading them (a folder's files).
    """

    columns: list[str]
    kind: str
    source: str
    read: Callable[[], Iterator[Record]]
    length: int | None = None

    def records(self) -> Iterator[Record]:
        return self.read()

    def table(self) -> Table:
        """Every row in memory, as a ``Table``."""
        rows, problems = [], {}
        for i, (row, problem) in enumerate(self.records()):
            rows.append(row)
            if problem is not None:
                problems[i] = problem
        return Table(columns=self.columns, rows=rows, kind=self.kind, source=self.source, problems=problems)


def _unique_headers(raw: list[Any]) -> list[str]:
    headers: list[str] = []
    for i, value in enumerate(raw, start=1):
        name = str(value).strip() if value is not None and str(value).strip() else f"column {i}"
        base, n = name, 2
        while name in headers:
            name, n = f"{base} ({n})", n + 1
        headers.append(name)
    return headers


def is_empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _without_trailing_empty(rows: Iterable[tuple[Any, bool]]) -> Iterator[Any]:
    """The items of ``(item, empty)`` pairs, less the empty ones at the end (held back until a full one follows)."""
    held: list[Any] = []
    for item, empty in rows:
        if empty:
            held.append(item)
            continue
        yield from held
        held.clear()
        yield item


OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of old .xls files and of encrypted .xlsx files
RESAVE = "open it in Excel or LibreOffice and save it again as .xlsx (or export it as .csv)"


def _check_workbook_bytes(path: Path) -> None:
    """Tell apart the usual reasons a file named .xlsx is not one, from its first bytes."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise InputError(f"{path}: the file is empty")
    if head == OLE2_MAGIC:
        raise InputError(
            f"{path}: password-protected or old .xls workbook (not the .xlsx format); "
            f"remove the password (File > Info > Protect Workbook) or {RESAVE}"
        )
    if not head.startswith(b"PK"):
        raise InputError(f"{path}: not an .xlsx workbook (it is not a zip archive); {RESAVE}")


def _open_workbook(path: Path):
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns of every extension it skips; the values are what we need
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except BadZipFile:
        raise InputError(f"{path}: damaged or truncated .xlsx workbook (an incomplete zip archive); {RESAVE}") from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise InputError(f"{path}: cannot open as an .xlsx workbook ({type(exc).__name__}: {exc}); {RESAVE}") from None


def _sheet_rows(path: Path, rows: Iterator[Any]) -> Iterator[Any]:
    """A sheet's rows; a sheet's XML can be damaged even when the workbook opens (read-only mode is lazy)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield from rows
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: damaged .xlsx workbook ({type(exc).__name__}: {exc}); {RESAVE}") from None


def open_xlsx(path: Path, sheet: str | None = None) -> TableSource:
    """The chosen sheet (default: the first with any data) of a workbook, read row by row."""
    _check_workbook_bytes(path)
    workbook = _open_workbook(path)
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise InputError(f"{path}: no sheet {sheet!r}; sheets are: {', '.join(workbook.sheetnames)}")
            names = [sheet]
        else:
            names = workbook.sheetnames
        for name in names:
            rows = _sheet_rows(path, workbook[name].iter_rows(values_only=True))
            header = next(rows, None)
            if header is None or (all(is_empty(v) for v in header) and all(all(map(is_empty, r)) for r in rows)):
                continue
            columns = _unique_headers(list(header))
            return TableSource(
                columns=columns,
                kind="xlsx",
                source=f"{path} [{name}]",
                read=partial(_xlsx_records, path, name, columns),
            )
        raise InputError(f"{path}: the workbook has no data" + (f" in sheet {sheet!r}" if sheet else ""))
    finally:
        workbook.close()


def _xlsx_records(path: Path, name: str, columns: list[str]) -> Iterator[Record]:
    width = len(columns)
    workbook = _open_workbook(path)
    try:
        rows = _sheet_rows(path, workbook[name].iter_rows(min_row=2, values_only=True))
        for raw in _without_trailing_empty((r, all(map(is_empty, r))) for r in rows):
            yield dict(zip(columns, (list(raw) + [None] * width)[:width], strict=True)), None
    finally:
        workbook.close()


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    """The chosen sheet (default: the first with any data) of a workbook."""
    return open_xlsx(path, sheet).table()


def text_encoding(path: Path, block: int = 1 << 20) -> str:
    """The encoding of a text file as office software writes them: UTF-16 with a BOM (Excel's "Unicode
    text"), UTF-8 with or without BOM, else Windows-1252 (which, unlike Latin-1, has € and ’), else
    Latin-1 (for the five bytes cp1252 leaves undefined). Found by decoding the file block by block."""
    with path.open("rb") as handle:
        if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while data := handle.read(block):
                    decoder.decode(data)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def open_csv(path: Path) -> TableSource:
    """A CSV file in UTF-8 (with or without BOM), UTF-16 or Windows-1252, read record by record; the separator
    (``,``, ``;``, tab or ``|``) is read off the header, or off Excel's ``sep=`` first line. Quoted cells may span
    lines."""
    encoding = text_encoding(path)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        first = handle.readline()
    declared = re.fullmatch(r'"?sep=(.)"?', first.strip())  # Excel's "sep=;" line
    if declared:
        delimiter, skipped = declared.group(1), 1
    else:
        header = re.sub(r'"[^"]*"', "", first)  # separators inside quoted headings do not count
        delimiter, skipped = max(",;\t|", key=header.count), 0  # the header row tells the separator; ',' on ties

    csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size))  # a long case fits in a cell

    def parsed() -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on (quoted cells may span lines)."""
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            for _ in range(skipped):
                handle.readline()
            reader = csv.reader(handle, delimiter=delimiter)
            try:
                for record in reader:
                    yield skipped + reader.line_num - sum(c.count("\n") for c in record), record
            except csv.Error as exc:
                raise InputError(f"{path}: line {skipped + reader.line_num}: {exc}; check the quoting") from None

    records = parsed()
    header_record = next(records, None)
    filled = header_record is not None and (
        any(c.strip() for c in header_record[1]) or any(any(c.strip() for c in r) for _, r in records)
    )
    records.close()
    if not filled:
        raise InputError(f"{path}: the file is empty")
    columns = _unique_headers(header_record[1])
    width = len(columns)

    def read() -> Iterator[Record]:
        body = parsed()
        next(body)
        for line, record in _without_trailing_empty((r, not any(c.strip() for c in r[1])) for r in body):
            if len(record) > width and any(cell.strip() for cell in record[width:]):
                raise InputError(
                    f"{path}: line {line} has {len(record)} cells but the header has {width}; "
                    "check the separator and quoting"
                )
            yield dict(zip(columns, (record + [""] * width)[:width], strict=True)), None

    return TableSource(columns=columns, kind="csv", source=str(path), read=read)


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid_unicode(value: Any) -> Any:
    """JSON may escape lone surrogates (``"\\ud800"``), which no file can encode: each becomes U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_valid_unicode(v) for v in value]
    if isinstance(value, dict):
        return {_valid_unicode(k): _valid_unicode(v) for k, v in value.items()}
    return value


def open_jsonl(path: Path) -> TableSource:
    """One JSON object per line, read line by line; columns are the keys in order of first appearance
    (found, and every line checked, by a first pass over the file)."""
    encoding = text_encoding(path)

    def read() -> Iterator[Record]:
        # lines end at "\n" (or "\r"): unlike str.splitlines, a text file's lines are not cut at U+2028 or NEL
        with path.open(encoding=encoding, errors="replace") as handle:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{lineno}: bad JSON ({exc.msg} at column {exc.colno})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{path}:{lineno}: each line must be a JSON object")
                yield _valid_unicode(record), None

    columns: dict[str, None] = {}
    lines = 0
    for record, _ in read():
        columns.update(dict.fromkeys(record))
        lines += 1
    if not lines:
        raise InputError(f"{path}: the file is empty")
    return TableSource(columns=list(columns), kind="jsonl", source=str(path), read=read)


def open_table(path: str | Path, sheet: str | None = None) -> TableSource:
    """Open an input file by its extension, or a folder of documents (one case per file), to read row by row."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        if sheet is not None:
            raise InputError("--sheet applies only to .xlsx input")
        from casemine.documents import open_folder

        return open_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(f"{path}: an old Excel .xls workbook cannot be read; {RESAVE}")
    if suffix not in INPUT_KINDS:
        raise InputError(
            f"{path}: cannot read {suffix or 'files without extension'}; use one of {', '.join(INPUT_KINDS)}, "
            "or a folder of .txt, .docx and .pdf files"
        )
    if sheet is not None and suffix != ".xlsx":
        raise InputError("--sheet applies only to .xlsx input")
    source = {
        ".xlsx": lambda: open_xlsx(path, sheet),
        ".csv": lambda: open_csv(path),
        ".jsonl": lambda: open_jsonl(path),
    }[suffix]()
    if not source.columns:
        raise InputError(f"{path}: no columns found")
    return source


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """Read an input file by its extension, or a folder of documents (one case per file), into memory."""
    table = open_table(path, sheet).table()
    if not table.rows:
        raise InputError(no_rows_message(table.source))
    return table


def no_rows_message(source: str) -> str:
    return f"{source}: only a header, no rows to tag; put one case per row under the header"


def _mean_words(table: Table, column: str) -> float:
    values = [v for v in (row.get(column) for row in table.rows) if isinstance(v, str) and v.strip()]
    return sum(len(v.split()) for v in values) / len(values) if values else 0.0


def choose_text_columns(table: Table, requested: list[str] | None) -> list[str]:
    """Check the requested text columns, or pick the one that is clearly the description."""
    if requested:
        for column in requested:
            if column not in table.columns:
                close = difflib.get_close_matches(column, table.columns, n=3, cutoff=0.5)
                hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                raise InputError(f"{table.source}: no column {column!r}.{hint} Columns are: {', '.join(table.columns)}")
        return list(requested)
    if table.kind == "folder":
        return ["text"]
    lengths = sorted(((_mean_words(table, c), c) for c in table.columns), reverse=True)
    if lengths and lengths[0][0] >= 8 and (len(lengths) == 1 or lengths[0][0] >= 1.5 * lengths[1][0]):
        return [lengths[0][1]]
    raise InputError(
        f"{table.source}: cannot tell which column holds the case description. "
        f"Name it with --text-col (repeat it to combine several). Columns are: {', '.join(table.columns)}"
    )


def case_text(row: dict[str, Any], columns: list[str]) -> str:
    """The text to tag: one column as is, several as 'Heading:' blocks; empty cells skipped."""
    parts = []
    for column in columns:
        value = row.get(column)
        if is_empty(value):
            continue
        value = str(value).strip()
        parts.append(value if len(columns) == 1 else f"{column}:\n{value}")
    return "\n\n".join(parts)
