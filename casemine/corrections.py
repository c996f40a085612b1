"""The review loop: cases a person checked in a tagged workbook, added to the labelled corpus.

``casemine tag`` writes a workbook whose sheet *Cases* ends with reviewer columns
(``reviewer_scope`` … ``reviewer_barriers``, ``reviewer_reviewed``, ``reviewer_notes``). Importing
it reads them back:

- a row is taken when ``reviewer_reviewed`` says yes, or when a reviewer label cell is filled and
  ``reviewer_reviewed`` does not say no (the reviewer corrected it); a note alone does not count;
- each family's labels are the reviewer's cell when filled, else the tool's prediction; ``none`` or
  ``aucun`` clears a family; labels may be written as ids or as English or French names;
- every label is checked; one bad cell refuses the whole import and nothing is written;
- a text already in the corpus, or met earlier in the workbook, is skipped (compared normalised);
- the new cases go to a new file ``<into>/reviewed/<workbook>-<date>.jsonl`` in the exchange
  format, with ``annotator: "reviewed"`` and a ``provenance`` object saying where each came from.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casemine.corpus import CorpusError, check_cases, corpus_files, normalised_text, validate_labels
from casemine.language import SUPPORTED
from casemine.scheme import SCHEME, LabelError, fold_label
from casemine.spreadsheet import (
    ABOUT_ID_COLUMN,
    ABOUT_TEXT_COLUMNS,
    PREFIX,
    REVIEWER_COLUMNS,
    OutputError,
    write_atomically,
)
from casemine.tables import InputError, Table, case_text, choose_text_columns, read_xlsx

ANNOTATOR = "reviewed"
REVIEWED_FOLDER = "reviewed"
YES = ("yes", "oui", "y", "o", "x", "true", "vrai", "1")
NO = ("no", "non", "n", "false", "faux", "0")
TITLE_COLUMNS = ("title", "titre", "intitulé", "intitule")
_COUNTRY = re.compile(r"^([A-Z]{2})\b")


@dataclass
class Skipped:
    """A reviewed row that was not added, and why."""

    row: int
    reason: str


@dataclass
class ImportReport:
    """What an import added, where, and what it left out."""

    workbook: Path
    output: Path | None  # the file written; None on a dry run or when nothing was added
    added: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_reviewed: int = 0

    def lines(self) -> list[str]:
        """A summary line, then one line per skipped row."""
        where = f" → {self.output}" if self.output else (" (dry run: nothing written)" if self.added else "")
        changed = sum(bool(r["provenance"]["changed"]) for r in self.added)
        head = (
            f"{self.workbook}: {len(self.added)} reviewed case(s) to add ({changed} with corrected labels), "
            f"{len(self.skipped)} skipped, {self.not_reviewed} row(s) not reviewed{where}"
        )
        return [head] + [f"  row {s.row} skipped: {s.reason}" for s in self.skipped]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _reviewed_flag(value: Any, where: str, problems: list[str]) -> bool | None:
    """``reviewer_reviewed`` as True (yes/oui/x…), False (no/non…) or None (empty)."""
    if _empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in YES or word in NO:
        return word in YES
    problems.append(f"{where}: {str(value).strip()!r} is not yes or no; write yes/oui, no/non, or leave it empty")
    return None


def read_about(path: Path) -> dict[str, str]:
    """The About sheet as {key: value} (empty when the sheet is missing)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if "About" not in workbook.sheetnames:
            return {}
        return {
            str(row[0]): "" if len(row) < 2 or row[1] is None else str(row[1])
            for row in workbook["About"].iter_rows(max_col=2, values_only=True)
            if row and row[0]
        }
    finally:
        workbook.close()


def _command_options(command: str, option: str) -> list[str]:
    """The values given to ``option`` in a recorded command line (for workbooks from older versions)."""
    try:
        words = shlex.split(command)
    except ValueError:
        return []
    values = []
    for i, word in enumerate(words):
        if word == option and i + 1 < len(words):
            values.append(words[i + 1])
        elif word.startswith(option + "="):
            values.append(word.split("=", 1)[1])
    return values


def text_columns(about: dict[str, str], table: Table, input_columns: list[str]) -> list[str]:
    """The columns tagging built each case's text from: as the About sheet records them, else as
    the recorded command named them, else the one ``casemine tag`` would have chosen."""
    try:
        columns = json.loads(about.get(ABOUT_TEXT_COLUMNS) or "[]")
    except json.JSONDecodeError:
        columns = []
    columns = [str(c) for c in columns] if isinstance(columns, list) else []
    columns = columns or _command_options(about.get("Command", ""), "--text-col")
    if not columns:
        columns = choose_text_columns(Table(input_columns, table.rows, table.kind, table.source), None)
    missing = [c for c in columns if c not in input_columns]
    if missing:
        raise InputError(
            f"{table.source}: the text column(s) {', '.join(map(repr, missing))} used when tagging are gone; "
            "put them back as they were (the case text is rebuilt from them)"
        )
    return columns


def read_reviewed_workbook(path: str | Path) -> tuple[Table, dict[str, str], list[str]]:
    """Sheet *Cases* of a workbook written by ``casemine tag``, its About sheet, and the input's own columns."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path}: import reads the .xlsx workbook written by `casemine tag`")
    table = read_xlsx(path, sheet="Cases") if _has_cases_sheet(path) else None
    needed = [f"{PREFIX}language", *(f"{PREFIX}{f.id}" for f in SCHEME.families), *REVIEWER_COLUMNS]
    if table is None or any(c not in table.columns for c in needed):
        missing = ", ".join(c for c in needed if table is None or c not in table.columns)
        raise InputError(
            f"{path}: not a workbook written by `casemine tag` (sheet Cases lacks {missing}); "
            "import the reviewed copy of the tagged workbook"
        )
    input_columns = table.columns[: table.columns.index(f"{PREFIX}language")]
    return table, read_about(path), input_columns


def _has_cases_sheet(path: Path) -> bool:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise InputError(f"{path}: cannot open as an .xlsx workbook ({type(exc).__name__}: {exc})") from None
    try:
        return "Cases" in workbook.sheetnames
    finally:
        workbook.close()


def _column_ref(table: Table, column: str) -> str:
    from openpyxl.utils import get_column_letter

    return f"{column} (column {get_column_letter(table.columns.index(column) + 1)})"


def row_labels(table: Table, row: dict[str, Any], number: int, problems: list[str]) -> tuple[dict, dict, list[str]]:
    """A reviewed row's labels (reviewer's cells over the tool's), the tool's labels, and the families
    the reviewer changed. Each bad cell adds a message naming row, column and value to ``problems``."""
    final = SCHEME.empty_labels()
    predicted = SCHEME.empty_labels()
    given: dict[str, list[str]] = {}
    found = len(problems)
    for family in SCHEME.families:
        values = {}
        for source in (f"{PREFIX}{family.id}", f"reviewer_{family.id}"):
            try:
                values[source] = family.resolve_cell(row.get(source))
            except LabelError as exc:
                problems.append(f"row {number}, {_column_ref(table, source)}: {exc}")
        tool, reviewer = values.get(f"{PREFIX}{family.id}"), values.get(f"reviewer_{family.id}")
        if reviewer is not None:
            given[family.id] = reviewer
        for labels, chosen in ((predicted, tool), (final, reviewer if reviewer is not None else tool)):
            if family.multi:
                labels[family.id] = chosen or []
            elif chosen and len(chosen) > 1:
                column = f"reviewer_{family.id}" if reviewer is not None else f"{PREFIX}{family.id}"
                problems.append(
                    f"row {number}, {_column_ref(table, column)}: {family.id} takes exactly one label, "
                    f"got {len(chosen)} ({'; '.join(chosen)})"
                )
            else:
                labels[family.id] = chosen[0] if chosen else None
    if len(problems) > found:
        return final, predicted, []
    for family in SCHEME.families:
        if family.only_when_scope and final["scope"] != family.only_when_scope and final[family.id]:
            if given.get(family.id):
                problems.append(
                    f"row {number}, {_column_ref(table, f'reviewer_{family.id}')}: {family.id} is only for "
                    f"{family.only_when_scope} cases but the scope is {final['scope']!r}; empty the cell"
                )
            final[family.id] = []  # the tool's guess for a scope the reviewer ruled out
    if final["scope"] is None:
        problems.append(f"row {number}, {_column_ref(table, 'reviewer_scope')}: every case needs a scope; fill it")
    problems += [f"row {number}: {m}" for m in validate_labels(final) if "scope is missing" not in m]
    changed = [f.id for f in SCHEME.families if f.values(final) != f.values(predicted)]
    return final, predicted, changed


def _title(row: dict[str, Any], input_columns: list[str]) -> str | None:
    for column in input_columns:
        if column.strip().casefold() in TITLE_COLUMNS and not _empty(row.get(column)):
            return str(row[column]).strip()
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_label(text)).strip("-") or "reviewed"


def _existing(into: Path) -> tuple[set[str], dict[str, str]]:
    """The ids of the cases under ``into`` and their normalised texts (→ where each is)."""
    if not corpus_files([into]):
        return set(), {}
    cases, problems = check_cases([into])  # labels-only files are compared by id only
    if problems:
        raise CorpusError(problems)
    texts = {normalised_text(c.text): f"already in the corpus as {c.id} ({c.origin})" for c in cases if c.text}
    return {c.id for c in cases}, texts


def reviewed_records(
    workbook: str | Path, into: str | Path | None = None, today: str | None = None
) -> tuple[list[dict[str, Any]], list[Skipped], int]:
    """The exchange-format records of the reviewed rows not yet under ``into``, the rows skipped
    (with why), and how many rows were not reviewed. Raises InputError listing every bad cell."""
    path = Path(workbook)
    table, about, input_columns = read_reviewed_workbook(path)
    columns = text_columns(about, table, input_columns)
    id_column = about.get(ABOUT_ID_COLUMN) or next(iter(_command_options(about.get("Command", ""), "--id-col")), None)
    today = today or datetime.now(UTC).date().isoformat()
    ids, known = _existing(Path(into)) if into is not None else (set(), {})
    slug = _slug(path.stem)
    records: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    problems: list[str] = []
    not_reviewed = 0
    for index, row in enumerate(table.rows):
        number = index + 2  # the spreadsheet's row number: the header is row 1
        flag = _reviewed_flag(row.get("reviewer_reviewed"), f"row {number}, reviewer_reviewed", problems)
        touched = any(not _empty(row.get(f"reviewer_{f.id}")) for f in SCHEME.families)
        if flag is False:
            if touched:
                skipped.append(Skipped(number, "labels filled but reviewer_reviewed says no"))
            not_reviewed += not touched
            continue
        if flag is None and not touched:
            not_reviewed += 1
            continue
        text = case_text(row, columns)
        lang = str(row.get(f"{PREFIX}language") or "").split(" ")[0]
        key = normalised_text(text)
        if not text.strip():
            skipped.append(Skipped(number, f"no text in {', '.join(columns)}"))
        elif lang not in SUPPORTED:
            skipped.append(Skipped(number, f"language {lang or 'undetermined'}: casemine learns only from fr and en"))
        elif key in known:
            skipped.append(Skipped(number, known[key]))
        else:
            labels, predicted, changed = row_labels(table, row, number, problems)
            case_id = f"{slug}-row{number}"
            n = 2
            while case_id in ids:
                case_id, n = f"{slug}-row{number}-{n}", n + 1
            ids.add(case_id)
            known[key] = f"same text as row {number}"
            countries = _COUNTRY.match(str(row.get(f"{PREFIX}countries") or ""))
            record: dict[str, Any] = {"id": case_id, "lang": lang}
            if title := _title(row, input_columns):
                record["title"] = title
            record |= {
                "text": text,
                "country": countries.group(1) if countries else None,
                "labels": labels,
                "source": f"submission: {about.get('Input file') or path.name}",
                "annotator": ANNOTATOR,
                "provenance": {
                    "workbook": path.name,
                    "row": number,
                    "input_id": None if not id_column or _empty(row.get(id_column)) else str(row[id_column]),
                    "tagged": about.get("Date") or None,
                    "model": about.get("Model") or None,
                    "imported": today,
                    "reviewed": flag is True,
                    "reviewer_notes": None if _empty(row.get("reviewer_notes")) else str(row["reviewer_notes"]),
                    "predicted": predicted,
                    "changed": changed,
                },
            }
            records.append(record)
    if problems:
        shown = "\n".join(problems[:30]) + (f"\n… and {len(problems) - 30} more" if len(problems) > 30 else "")
        raise InputError(
            f"{path}: {len(problems)} problem(s) in the reviewer columns; nothing was imported. "
            f"Correct them in the workbook and import again:\n{shown}"
        )
    return records, skipped, not_reviewed


def output_path(into: Path, workbook: Path, today: str) -> Path:
    """A new file under ``into/reviewed/`` named for the workbook and the date; never an existing one."""
    folder = into / REVIEWED_FOLDER
    base = f"{_slug(workbook.stem)}-{today}"
    path, n = folder / f"{base}.jsonl", 2
    while path.exists():
        path, n = folder / f"{base}-{n}.jsonl", n + 1
    return path


def import_reviewed(
    workbook: str | Path, into: str | Path, dry_run: bool = False, today: str | None = None
) -> ImportReport:
    """Add the reviewed rows of ``workbook`` to the corpus folder ``into`` (see the module's docstring).

    All or nothing: any bad label refuses the import, and the new file appears only when complete.
    """
    workbook, into = Path(workbook), Path(into)
    if not into.is_dir():
        raise OutputError(f"{into}: no such folder; give the corpus folder, e.g. --into corpus/")
    today = today or datetime.now(UTC).date().isoformat()
    records, skipped, not_reviewed = reviewed_records(workbook, into, today)
    report = ImportReport(workbook, None, records, skipped, not_reviewed)
    if dry_run or not records:
        return report
    output = output_path(into, workbook, today)
    output.parent.mkdir(exist_ok=True)

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        _, problems = check_cases([temp])  # what we write must read back as valid cases
        if problems:
            raise CorpusError(problems)

    write_atomically(output, write)
    report.output = output
    return report
