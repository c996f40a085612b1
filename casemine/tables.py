"""Reading submissions as tables (``.xlsx``, ``.csv``, ``.jsonl``, a folder of documents) without changing a value.

Rows keep their original values and column order so that the labelled output can repeat them
exactly. Text to tag is assembled from one or more chosen columns, headings kept.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import json
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INPUT_KINDS = (".xlsx", ".csv", ".jsonl")


class InputError(ValueError):
    """The input cannot be read as asked; the message says what to do."""


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


def _unique_headers(raw: list[Any]) -> list[str]:
    headers: list[str] = []
    for i, value in enumerate(raw, start=1):
        name = str(value).strip() if value is not None and str(value).strip() else f"column {i}"
        base, n = name, 2
        while name in headers:
            name, n = f"{base} ({n})", n + 1
        headers.append(name)
    return headers


def _is_empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


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


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    """The chosen sheet (default: the first with any data) of a workbook."""
    _check_workbook_bytes(path)
    with warnings.catch_warnings():  # openpyxl warns of every extension it skips; the values are what we need
        warnings.simplefilter("ignore")
        return _read_workbook(path, sheet)


def _read_workbook(path: Path, sheet: str | None) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except BadZipFile:
        raise InputError(f"{path}: damaged or truncated .xlsx workbook (an incomplete zip archive); {RESAVE}") from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise InputError(f"{path}: cannot open as an .xlsx workbook ({type(exc).__name__}: {exc}); {RESAVE}") from None
    try:
        return _read_sheets(path, workbook, sheet)
    except InputError:
        raise
    except Exception as exc:  # a sheet's XML can be damaged even when the workbook opens (read-only mode is lazy)
        raise InputError(f"{path}: damaged .xlsx workbook ({type(exc).__name__}: {exc}); {RESAVE}") from None
    finally:
        workbook.close()


def _read_sheets(path: Path, workbook, sheet: str | None) -> Table:
    """The first sheet with data (or the one named) as a Table."""
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            raise InputError(f"{path}: no sheet {sheet!r}; sheets are: {', '.join(workbook.sheetnames)}")
        names = [sheet]
    else:
        names = workbook.sheetnames
    for name in names:
        rows = [list(r) for r in workbook[name].iter_rows(values_only=True)]
        while rows and all(_is_empty(v) for v in rows[-1]):
            rows.pop()
        if rows:
            columns = _unique_headers(rows[0])
            width = len(columns)
            body = [dict(zip(columns, (r + [None] * width)[:width], strict=True)) for r in rows[1:]]
            return Table(columns=columns, rows=body, kind="xlsx", source=f"{path} [{name}]")
    raise InputError(f"{path}: the workbook has no data" + (f" in sheet {sheet!r}" if sheet else ""))


def decode_text(data: bytes) -> str:
    """Text files as office software writes them: UTF-16 with a BOM (Excel's "Unicode text"),
    UTF-8 with or without BOM, else Windows-1252 (which, unlike Latin-1, has € and ’)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")  # a damaged code unit becomes U+FFFD, the rest is kept
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # the five bytes cp1252 leaves undefined; latin-1 decodes anything


def read_csv(path: Path) -> Table:
    """A CSV file in UTF-8 (with or without BOM), UTF-16 or Windows-1252; the separator (``,``, ``;``, tab
    or ``|``) is read off the header, or off Excel's ``sep=`` first line. Quoted cells may span lines."""
    text = decode_text(path.read_bytes())
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    first, _, rest = text.partition("\n")
    declared = re.fullmatch(r'"?sep=(.)"?', first.strip())  # Excel's "sep=;" line
    skipped = 0
    if declared:
        delimiter, text, skipped = declared.group(1), rest, 1
    else:
        header = re.sub(r'"[^"]*"', "", first)  # separators inside quoted headings do not count
        delimiter = max(",;\t|", key=header.count)  # the header row tells the separator; ',' on ties
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a long case fits in one cell (default: 131,072)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, lines = [], []  # each record with the line it starts on (quoted cells may span lines)
    try:
        for record in reader:
            records.append(record)
            lines.append(skipped + reader.line_num - sum(c.count("\n") for c in record))
    except csv.Error as exc:
        raise InputError(f"{path}: line {skipped + reader.line_num}: {exc}; check the quoting") from None
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
        lines.pop()
    if not records:
        raise InputError(f"{path}: the file is empty")
    columns = _unique_headers(records[0])
    width = len(columns)
    rows = []
    for record, line in zip(records[1:], lines[1:], strict=True):
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            raise InputError(
                f"{path}: line {line} has {len(record)} cells but the header has {width}; "
                "check the separator and quoting"
            )
        rows.append(dict(zip(columns, (record + [""] * width)[:width], strict=True)))
    return Table(columns=columns, rows=rows, kind="csv", source=str(path))


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


def read_jsonl(path: Path) -> Table:
    """One JSON object per line; columns are the keys in order of first appearance."""
    columns: list[str] = []
    rows: list[dict[str, Any]] = []
    text = decode_text(path.read_bytes())
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    # lines end at "\n" only: str.splitlines would also cut at U+2028, NEL and the like, which JSON leaves unescaped
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: bad JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{lineno}: each line must be a JSON object")
        record = _valid_unicode(record)
        for key in record:
            if key not in columns:
                columns.append(key)
        rows.append(record)
    return Table(columns=columns, rows=rows, kind="jsonl", source=str(path))


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """Read an input file by its extension, or a folder of documents (one case per file)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        if sheet is not None:
            raise InputError("--sheet applies only to .xlsx input")
        from casemine.documents import read_folder

        return read_folder(path)
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
    table = {
        ".xlsx": lambda: read_xlsx(path, sheet),
        ".csv": lambda: read_csv(path),
        ".jsonl": lambda: read_jsonl(path),
    }[suffix]()
    if not table.columns:
        raise InputError(f"{path}: no columns found")
    if not table.rows:
        raise InputError(f"{path}: only a header, no rows to tag; put one case per row under the header")
    return table


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
        if _is_empty(value):
            continue
        value = str(value).strip()
        parts.append(value if len(columns) == 1 else f"{column}:\n{value}")
    return "\n\n".join(parts)
