"""Labelled outputs: every input row and column unchanged, then the tool's columns.

``.xlsx`` and ``.csv`` get flat ``casemine_*`` columns; ``.jsonl`` gets each input record plus a
``casemine`` object whose ``labels`` have the exchange format's shape. Files are written to a
temporary name beside the target and moved into place only when complete.

Labels are written in one ``label_form``: ``"en"`` (English names, the default), ``"fr"`` (French
names) or ``"ids"`` (the scheme's ids), in the label cells, evidence, uncertain tags, the Summary
sheet and the reviewers' drop-down lists alike. JSON Lines ``labels`` always hold ids.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.entities import KINDS as ENTITY_KINDS
from casemine.entities import country_label
from casemine.scheme import SCHEME
from casemine.tables import Table

if TYPE_CHECKING:
    from casemine.tagging import TagResult

OUTPUT_KINDS = (".xlsx", ".csv", ".jsonl")
PREFIX = "casemine_"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_LIMIT = 32767  # characters Excel holds in a cell; longer texts make it "repair" the file


def xlsx_text(value: str) -> str:
    """A string as a workbook can hold it: no control characters, cut at Excel's cell limit with a note."""
    value = _XLSX_ILLEGAL.sub("", value)
    if len(value) > XLSX_CELL_LIMIT:
        note = f" … [cut: {len(value):,} characters; the full text is in the input file]"
        value = value[: XLSX_CELL_LIMIT - len(note)] + note
    return value


LABEL_FORMS = ("en", "fr", "ids")


class OutputError(ValueError):
    """The output cannot be written as asked."""


def label_text(family_id: str, label_id: str, label_form: str = "en") -> str:
    """A label as written in the outputs: its English or French name, or its id."""
    if label_form == "ids":
        return label_id
    return SCHEME[family_id].label(label_id).name(label_form)


def _check_form(label_form: str) -> None:
    if label_form not in LABEL_FORMS:
        raise ValueError(f"label_form must be one of {', '.join(LABEL_FORMS)}, not {label_form!r}")


def tool_columns() -> list[str]:
    """The columns the tool appends, in order."""
    columns = [f"{PREFIX}language", f"{PREFIX}language_shares"]
    for family in SCHEME.families:
        columns += [f"{PREFIX}{family.id}", f"{PREFIX}{family.id}_confidence", f"{PREFIX}{family.id}_evidence"]
    columns += [f"{PREFIX}needs_review", f"{PREFIX}review_reasons", f"{PREFIX}uncertain_tags"]
    columns += [f"{PREFIX}{kind}" for kind in ENTITY_KINDS]
    return columns


def entity_cells(entities: dict[str, list]) -> dict[str, str]:
    """Entities as spreadsheet cells: countries with names, organisations with their kind."""
    cells = {
        "countries": "; ".join(country_label(code) for code in entities.get("countries", [])),
        "organisations": "; ".join(f"{o['name']} [{o['kind']}]" for o in entities.get("organisations", [])),
        "money": "; ".join(f"{m['text']} = {m['amount']:,.0f} {m['currency']}" for m in entities.get("money", [])),
    }
    for kind in ("places", "people", "actors", "years"):
        cells[kind] = "; ".join(str(v) for v in entities.get(kind, []))
    return {f"{PREFIX}{kind}": cells[kind] for kind in ENTITY_KINDS}


def flat_values(result: TagResult, label_form: str = "en") -> dict[str, Any]:
    """One result as the flat columns of a spreadsheet row, labels in ``label_form``."""
    row: dict[str, Any] = dict.fromkeys(tool_columns())
    lang = result.language
    row[f"{PREFIX}language"] = (
        lang.code if lang.status == "supported" else (f"{lang.code} (unsupported)" if lang.code else "undetermined")
    )
    row[f"{PREFIX}language_shares"] = "; ".join(f"{code} {share:.2f}" for code, share in lang.shares.items())
    for family in SCHEME.families:
        if result.labels is None:
            continue
        names = [label_text(family.id, label, label_form) for label in family.values(result.labels)]
        row[f"{PREFIX}{family.id}"] = "; ".join(names) if family.multi else (names[0] if names else None)
        confidence = (result.confidence or {}).get(family.id)
        row[f"{PREFIX}{family.id}_confidence"] = confidence
        row[f"{PREFIX}{family.id}_evidence"] = "\n".join(
            f"{label_text(family.id, label, label_form)}: {' / '.join(sentences)}"
            for label, sentences in result.evidence.get(family.id, {}).items()
        )
    row[f"{PREFIX}needs_review"] = "yes" if result.needs_review else "no"
    row[f"{PREFIX}review_reasons"] = "; ".join(result.reasons)
    row[f"{PREFIX}uncertain_tags"] = "\n".join(  # one line per family: names may hold commas
        f"{family_id}: {'; '.join(label_text(family_id, label, label_form) for label in labels)}"
        for family_id, labels in result.uncertain.items()
    )
    row.update(entity_cells(result.entities))
    return row


def tag_table(
    model,
    table: Table,
    text_columns: list[str] | None = None,
    id_column: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[str], list[TagResult]]:
    """Tag every row of ``table``; returns the text columns used and one result per row.

    Rows the reader could not read (``table.problems``) are kept untagged, with the reader's
    reason. Rows sharing an ``id_column`` value are tagged but flagged for review. ``progress``
    is called with the number of rows done after each batch. The in-memory form of
    ``streaming.tag_records``.
    """
    from casemine.streaming import plan_tagging, tag_records

    plan = plan_tagging(table, text_columns, id_column, sample=table.rows)
    results = [result for _, result in tag_records(model, table.records(), plan, progress=progress)]
    return plan.text_columns, results


def _json_safe(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def escape_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value.strip()):
        return "'" + value
    return value


def jsonl_record(row: dict[str, Any], result: TagResult, label_form: str = "en") -> dict[str, Any]:
    """One input record plus its ``casemine`` object, as a line of the JSON Lines output."""
    record = {key: _json_safe(value) for key, value in row.items()}
    record["casemine"] = result.to_json()
    if label_form != "ids" and result.labels is not None:  # ids stay in "labels", the exchange format
        record["casemine"]["label_names"] = {
            family.id: [label_text(family.id, x, label_form) for x in family.values(result.labels)]
            if family.multi
            else next((label_text(family.id, x, label_form) for x in family.values(result.labels)), None)
            for family in SCHEME.families
        }
    return record


class _JsonlWriter:
    def __init__(self, path: Path, columns: list[str], label_form: str) -> None:
        self.handle = path.open("w", encoding="utf-8", newline="\n")
        self.label_form = label_form

    def write(self, row: dict[str, Any], result: TagResult) -> None:
        self.handle.write(json.dumps(jsonl_record(row, result, self.label_form), ensure_ascii=False) + "\n")

    def finish(self, counts: SummaryCounts, about: dict[str, Any] | None) -> None:
        self.handle.close()

    def close(self) -> None:
        self.handle.close()


def _cell_text(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return _json_safe(value)


class _CsvWriter(_JsonlWriter):
    def __init__(self, path: Path, columns: list[str], label_form: str) -> None:
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.label_form = label_form
        self.input_columns = columns
        self.columns = columns + tool_columns()
        self.writer = csv.writer(self.handle)
        self.writer.writerow([escape_formula(c) for c in self.columns])

    def write(self, row: dict[str, Any], result: TagResult) -> None:
        values = {**{c: _cell_text(row.get(c)) for c in self.input_columns}, **flat_values(result, self.label_form)}
        self.writer.writerow(["" if values[c] is None else escape_formula(values[c]) for c in self.columns])


REVIEWER_COLUMNS = [f"reviewer_{family.id}" for family in SCHEME.families] + ["reviewer_reviewed", "reviewer_notes"]
LABEL_FORM_NAMES = {"en": "English names", "fr": "French names", "ids": "ids"}
ABOUT_TEXT_COLUMNS, ABOUT_ID_COLUMN = "Text columns", "Id column"  # About-sheet keys read back on import
LOW_CONFIDENCE_FILL = "FFE0B2"  # light orange: a tag below its family's review threshold


def _lists_sheet(workbook, label_form: str = "en") -> dict[str, str]:
    """A hidden sheet with each family's valid labels in ``label_form``; returns each family's list range."""
    sheet = workbook.create_sheet("Lists")
    sheet.sheet_state = "hidden"
    families = list(SCHEME.families)
    sheet.append([f.id for f in families] + ["reviewed"])
    depth = max(len(f.labels) for f in families)
    for k in range(depth):
        sheet.append(
            [label_text(f.id, f.ids[k], label_form) if k < len(f.ids) else None for f in families]
            + ((["oui", "non"] if label_form == "fr" else ["yes", "no"])[k : k + 1])
        )
    ranges = {}
    for j, family in enumerate(families, start=1):
        letter = _letter(j)
        ranges[family.id] = f"Lists!${letter}$2:${letter}${len(family.ids) + 1}"
    ranges["reviewed"] = f"Lists!${_letter(len(families) + 1)}$2:${_letter(len(families) + 1)}$3"
    return ranges


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _about_sheet(workbook, about: dict[str, Any], label_form: str = "en") -> None:
    """What produced the workbook: model, card metrics, scheme, input, command, thresholds, definitions."""
    sheet = workbook.create_sheet("About")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    card = about.get("card", {})
    rows = [
        ("Tool", f"casemine {about.get('version', '')}"),
        ("Date", about.get("date", "")),
        ("Input file", about.get("input", "")),
        # what `casemine corpus import` needs to rebuild each case's text exactly as it was tagged
        (ABOUT_TEXT_COLUMNS, json.dumps(about.get("text_columns", []), ensure_ascii=False)),
        (ABOUT_ID_COLUMN, about.get("id_column") or ""),
        ("Command", about.get("command", "")),
        ("Model", f"{card.get('name', '')} (created {card.get('created', '')})"),
        ("Label scheme version", card.get("scheme_version", SCHEME.version)),
        ("Labels written as", LABEL_FORM_NAMES[label_form]),
        ("Training cases", json.dumps(card.get("corpus", {}).get("languages", {}))),
        (
            "Cross-validated headline (macro-F1 single-label, micro-F1 multi-label)",
            json.dumps(card.get("cv", {}).get("headline", {})),
        ),
        (
            "Review thresholds (confidence below which a tag is flagged)",
            json.dumps(card.get("review", {}).get("thresholds", {})),
        ),
        ("Per-label decision thresholds", json.dumps(card.get("thresholds", {}))),
        ("", ""),
        ("family / label id", "English | French | definition"),
    ]
    for family in SCHEME.families:
        rows.append((family.id, f"{family.en} | {family.fr} ({family.kind}-label)"))
        rows += [(f"  {label.id}", f"{label.en} | {label.fr} | {label.definition}") for label in family.labels]
    for key, value in rows:  # the input file, command and column names are the user's: never formulas
        sheet.append([key, _inert_cell(sheet, xlsx_text(value)) if isinstance(value, str) else value])


def _inert_cell(sheet, value: str):
    """A workbook cell that shows ``value`` as text even when it starts with "=" (never a live formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith("="):
        cell.data_type = "s"
    return cell


class SummaryCounts:
    """Running counts for the Summary sheet and the command's last line, one result at a time,
    so that no list of results need be kept."""

    def __init__(self) -> None:
        self.cases = 0
        self.need_review = 0
        self.labels: Counter = Counter()  # (family, label) -> tagged cases
        self.by_sector: Counter = Counter()  # (family, label, sector) -> tagged cases
        self.languages: Counter = Counter()
        self.countries: Counter = Counter()

    def add(self, result: TagResult) -> None:
        self.cases += 1
        self.need_review += bool(result.needs_review)
        self.languages[result.language.code or "undetermined"] += 1
        self.countries.update(result.entities.get("countries", []))
        if result.labels is None:
            return
        sector = result.labels.get("sector")
        for family in SCHEME.families:
            values = family.values(result.labels)
            self.labels.update((family.id, x) for x in values)
            self.by_sector.update((family.id, x, sector) for x in set(values))

    def tables(self, label_form: str = "en") -> list[tuple[str, list[str], list[list[Any]], bool]]:
        """The Summary sheet's tables (see ``summary_tables``)."""
        sectors = list(SCHEME["sector"].ids)
        sector_names = [label_text("sector", x, label_form) for x in sectors]

        def count(family_id: str) -> list[list[Any]]:
            counts = [(i, self.labels[family_id, i]) for i in SCHEME[family_id].ids]
            return [[label_text(family_id, i, label_form), n] for i, n in counts if n] or [["(none)", 0]]

        def by_sector(family_id: str) -> list[list[Any]]:
            return [
                [label_text(family_id, x, label_form)] + [self.by_sector[family_id, x, sec] for sec in sectors]
                for x in SCHEME[family_id].ids
            ]

        tables = [
            ("Cases by scope", ["scope", "cases"], count("scope"), True),
            ("Co-production cases by type", ["type", "cases"], count("type"), True),
            ("Cases by sector", ["sector", "cases"], count("sector"), True),
            ("Cases by language", ["language", "cases"], [[k, v] for k, v in self.languages.most_common()], True),
            (
                "Cases by country named",
                ["country", "cases"],
                [[country_label(k), v] for k, v in self.countries.most_common()] or [["(none)", 0]],
                False,
            ),
            ("Type × sector", ["type", *sector_names], by_sector("type"), False),
        ]
        for family_id in ("drivers", "barriers"):
            tables.append((f"{family_id.capitalize()}: frequency", [family_id, "cases"], count(family_id), False))
            tables.append(
                (f"{family_id.capitalize()} by sector", [family_id, *sector_names], by_sector(family_id), False)
            )
        return tables


def summary_tables(
    results: list[TagResult], label_form: str = "en"
) -> list[tuple[str, list[str], list[list[Any]], bool]]:
    """The Summary sheet's tables: (title, header, rows, charted) for counts by scope, type, sector,
    language and country, the type × sector table and driver and barrier frequencies overall and
    by sector, labels in ``label_form``. ``charted`` marks the main counts that get a bar chart."""
    counts = SummaryCounts()
    for result in results:
        counts.add(result)
    return counts.tables(label_form)


def _summary_sheet(workbook, tables: list[tuple[str, list[str], list[list[Any]], bool]]) -> None:
    """Counts and cross-tables, with native bar charts for the main counts."""
    from openpyxl.chart import BarChart, Reference

    sheet = workbook.create_sheet("Summary")
    sheet.column_dimensions["A"].width = 34
    row = 1
    charts = []
    for title, header, rows, charted in tables:
        sheet.append([title])
        sheet.append(header)
        first = row + 2
        for values in rows:
            sheet.append(values)
        sheet.append([])
        if charted:
            charts.append((title, first, first + len(rows) - 1))
        row = first + len(rows) + 1
    for k, (title, first, last) in enumerate(charts):
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        chart.height, chart.width = 7, 14
        chart.add_data(Reference(sheet, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        sheet.add_chart(chart, f"E{1 + 16 * k}")


class _XlsxWriter:
    """The Cases sheet written row by row (openpyxl's write-only mode), then the filters and reviewers'
    drop-down lists over the rows written, the Summary sheet from the running counts, and the About sheet."""

    def __init__(self, path: Path, columns: list[str], label_form: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.path, self.label_form, self.input_columns = path, label_form, columns
        self.workbook = Workbook(write_only=True)
        self.sheet = sheet = self.workbook.create_sheet("Cases")
        self.columns = columns + tool_columns() + REVIEWER_COLUMNS
        sheet.freeze_panes = "A2"
        self.wide = set(columns) | {c for c in self.columns if c.endswith(("_evidence", "reasons", "uncertain_tags"))}
        for i, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[_letter(i)].width = 45 if column in self.wide else 20
        self.ranges = _lists_sheet(self.workbook, label_form)
        self.styles = {
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "top": Alignment(vertical="top"),
            "low": PatternFill("solid", start_color=LOW_CONFIDENCE_FILL, end_color=LOW_CONFIDENCE_FILL),
            "bold": Font(bold=True),
        }
        self.rows = 0
        sheet.append([self._cell(c, bold=True) for c in self.columns])

    def _cell(self, value: Any, column: str = "", bold: bool = False, flagged: bool = False):
        from openpyxl.cell import WriteOnlyCell

        value = _cell_text(value)
        if isinstance(value, str):
            value = xlsx_text(value)
        c = _inert_cell(self.sheet, value) if isinstance(value, str) else WriteOnlyCell(self.sheet, value=value)
        if bold:
            c.font = self.styles["bold"]
        else:
            c.alignment = self.styles["wrap" if column in self.wide else "top"]
        if flagged:
            c.fill = self.styles["low"]
        return c

    def write(self, row: dict[str, Any], result: TagResult) -> None:
        values = {**{c: row.get(c) for c in self.input_columns}, **flat_values(result, self.label_form)}
        flagged = {f"{PREFIX}{family_id}" for family_id in result.uncertain}
        self.sheet.append([self._cell(values.get(c), c, flagged=c in flagged) for c in self.columns])
        self.rows += 1

    def finish(self, counts: SummaryCounts, about: dict[str, Any] | None) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        sheet, columns, last = self.sheet, self.columns, self.rows + 1
        sheet.auto_filter.ref = f"A1:{_letter(len(columns))}{last}"  # written after the rows: write-only allows it
        for family in SCHEME.families:
            letter = _letter(columns.index(f"reviewer_{family.id}") + 1)
            # multi-label families take several ids ("a; b"): the list helps but does not refuse
            check = DataValidation(
                type="list",
                formula1=f"={self.ranges[family.id]}",
                allow_blank=True,
                errorStyle="information" if family.multi else "stop",
                showErrorMessage=True,
                error=f"Use {family.id} labels from the list" + ("; separate several with ';'" if family.multi else ""),
            )
            check.add(f"{letter}2:{letter}{max(last, 2)}")
            sheet.data_validations.append(check)
        reviewed = _letter(columns.index("reviewer_reviewed") + 1)
        check = DataValidation(type="list", formula1=f"={self.ranges['reviewed']}", allow_blank=True)
        check.add(f"{reviewed}2:{reviewed}{max(last, 2)}")
        sheet.data_validations.append(check)
        _summary_sheet(self.workbook, counts.tables(self.label_form))
        if about is not None:
            _about_sheet(self.workbook, about, self.label_form)
        self.workbook.save(self.path)
        self.saved = True

    def close(self) -> None:
        """After a failure: end the half-written sheet's XML stream and remove openpyxl's temporary file
        (left to the garbage collector, its generators print errors on the way out)."""
        if getattr(self, "saved", False):
            return
        for sheet in self.workbook.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()
                sheet._writer.cleanup()


_WRITERS = {".jsonl": _JsonlWriter, ".csv": _CsvWriter, ".xlsx": _XlsxWriter}


def check_output(output: str | Path, inputs: list[str | Path] = (), overwrite: bool = False) -> Path:
    """Refuse an output that would clobber the input, an existing file, or has an unknown extension."""
    output = Path(output)
    if output.suffix.lower() not in OUTPUT_KINDS:
        raise OutputError(f"{output}: the output must end in one of {', '.join(OUTPUT_KINDS)}")
    for source in inputs:
        if output.resolve() == Path(source).resolve():
            raise OutputError(f"{output}: the output would overwrite the input; choose another name")
    if output.exists() and not overwrite:
        raise OutputError(f"{output} already exists; use --overwrite to replace it")
    if not output.parent.exists():
        raise OutputError(f"{output.parent}: no such folder")
    return output


def write_atomically(output: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``output`` and move it into place when it succeeds."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=output.suffix, dir=output.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, output)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_rows(
    output: str | Path,
    columns: list[str],
    pairs: Iterable[tuple[dict[str, Any], TagResult]],
    about: dict[str, Any] | None = None,
    label_form: str = "en",
) -> SummaryCounts:
    """Write (input row, result) pairs as they come, in the format named by ``output``'s extension;
    returns the counts of what was written.

    ``pairs`` may be a generator (``streaming.tag_records``): each row is written and dropped, so
    memory does not grow with the rows (a workbook's cell texts excepted: openpyxl keeps its shared
    strings until it saves). The file appears only once complete (``write_atomically``).
    """
    _check_form(label_form)
    output = Path(output)
    writer_kind = _WRITERS.get(output.suffix.lower())
    if writer_kind is None:
        raise OutputError(f"{output}: the output must end in one of {', '.join(OUTPUT_KINDS)}")
    counts = SummaryCounts()

    def write(path: Path) -> None:
        writer = writer_kind(path, columns, label_form)
        try:
            for row, result in pairs:
                counts.add(result)
                writer.write(row, result)
            writer.finish(counts, about)
        finally:
            writer.close()

    write_atomically(output, write)
    return counts


def write_output(
    output: str | Path,
    table: Table,
    results: list[TagResult],
    about: dict[str, Any] | None = None,
    label_form: str = "en",
) -> Path:
    """Write the labelled rows in the format named by ``output``'s extension.

    ``about`` (model card, input, command, date) fills the workbook's About sheet; ``label_form``
    (``"en"``, ``"fr"`` or ``"ids"``) is how labels are written (see the module's docstring).
    """
    if len(results) != len(table.rows):
        raise ValueError(f"{len(table.rows)} rows but {len(results)} results")
    write_rows(output, table.columns, zip(table.rows, results, strict=True), about, label_form)
    return Path(output)


def results_frame(table: Table, results: list[TagResult], label_form: str = "en"):
    """The labelled rows as a pandas DataFrame (input columns, then the tool's columns)."""
    import pandas as pd

    _check_form(label_form)
    records = [
        {**{c: row.get(c) for c in table.columns}, **flat_values(r, label_form)}
        for row, r in zip(table.rows, results, strict=True)
    ]
    return pd.DataFrame.from_records(records, columns=table.columns + tool_columns())
