"""Labelled outputs: every input row and column unchanged, then the tool's columns.

``.xlsx`` and ``.csv`` get flat ``casemine_*`` columns; ``.jsonl`` gets each input record plus a
``casemine`` object whose ``labels`` have the exchange format's shape. Files are written to a
temporary name beside the target and moved into place only when complete.

Labels are written in one ``label_form``: ``"en"`` (English names, the default), ``"fr"`` (French
names) or ``"ids"`` (the scheme's ids), in the label cells, evidence, uncertain tags, the Summary
sheet and the reviewers' drop-down lists alike. JSON Lines ``labels`` always hold ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.entities import KINDS as ENTITY_KINDS
from casemine.entities import country_label
from casemine.scheme import SCHEME
from casemine.tables import InputError, Table, case_text, choose_text_columns

if TYPE_CHECKING:
    from casemine.tagging import TagResult

OUTPUT_KINDS = (".xlsx", ".csv", ".jsonl")
PREFIX = "casemine_"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    is called with the number of rows done after each batch.
    """
    from casemine.language import Language
    from casemine.tagging import TagResult, tag_texts

    clashes = [c for c in tool_columns() if c in table.columns]
    if clashes:
        raise InputError(
            f"{table.source}: already has the tool's columns ({', '.join(clashes[:3])}…); "
            "tag the original file, or remove those columns first"
        )
    columns = choose_text_columns(table, text_columns)
    if id_column is not None and id_column not in table.columns:
        choose_text_columns(table, [id_column])  # raises the same helpful "no column" message
    readable = [i for i in range(len(table.rows)) if i not in table.problems]
    tagged = iter(tag_texts(model, [case_text(table.rows[i], columns) for i in readable], progress))
    results = [
        TagResult(language=Language(None, 0.0, "undetermined", table.problems[i]), reasons=[table.problems[i]])
        if i in table.problems
        else next(tagged)
        for i in range(len(table.rows))
    ]
    if progress is not None and table.problems:
        progress(len(table.problems))
    if id_column is not None:
        counts = Counter(str(row.get(id_column)) for row in table.rows)
        for row, result in zip(table.rows, results, strict=True):
            if counts[str(row.get(id_column))] > 1:
                result.reasons.append(f"duplicate id {row.get(id_column)!r}")
                result.needs_review = True
    return columns, results


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


def _write_jsonl(handle, table: Table, results: list[TagResult], label_form: str = "en") -> None:
    for row, result in zip(table.rows, results, strict=True):
        record = {key: _json_safe(value) for key, value in row.items()}
        record["casemine"] = result.to_json()
        if label_form != "ids" and result.labels is not None:  # ids stay in "labels", the exchange format
            record["casemine"]["label_names"] = {
                family.id: [label_text(family.id, x, label_form) for x in family.values(result.labels)]
                if family.multi
                else next((label_text(family.id, x, label_form) for x in family.values(result.labels)), None)
                for family in SCHEME.families
            }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _cell_text(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return _json_safe(value)


def _write_csv(handle, table: Table, results: list[TagResult], label_form: str = "en") -> None:
    writer = csv.writer(handle)
    columns = table.columns + tool_columns()
    writer.writerow([escape_formula(c) for c in columns])
    for row, result in zip(table.rows, results, strict=True):
        values = {**{c: _cell_text(row.get(c)) for c in table.columns}, **flat_values(result, label_form)}
        writer.writerow(["" if values[c] is None else escape_formula(values[c]) for c in columns])


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
    for key, value in rows:
        sheet.append([key, value])


def summary_tables(
    results: list[TagResult], label_form: str = "en"
) -> list[tuple[str, list[str], list[list[Any]], bool]]:
    """The Summary sheet's tables: (title, header, rows, charted) for counts by scope, type, sector,
    language and country, the type × sector table and driver and barrier frequencies overall and
    by sector, labels in ``label_form``. ``charted`` marks the main counts that get a bar chart."""
    tagged = [r for r in results if r.labels is not None]
    sectors = list(SCHEME["sector"].ids)
    sector_names = [label_text("sector", x, label_form) for x in sectors]

    def count(family_id: str) -> list[list[Any]]:
        counts = Counter(x for r in tagged for x in SCHEME[family_id].values(r.labels))
        return [[label_text(family_id, i, label_form), counts[i]] for i in SCHEME[family_id].ids if counts[i]] or [
            ["(none)", 0]
        ]

    def by_sector(family_id: str) -> list[list[Any]]:
        return [
            [label_text(family_id, x, label_form)]
            + [
                sum(x in SCHEME[family_id].values(r.labels) and r.labels.get("sector") == sec for r in tagged)
                for sec in sectors
            ]
            for x in SCHEME[family_id].ids
        ]

    countries = Counter(c for r in results for c in r.entities.get("countries", []))
    tables = [
        ("Cases by scope", ["scope", "cases"], count("scope"), True),
        ("Co-production cases by type", ["type", "cases"], count("type"), True),
        ("Cases by sector", ["sector", "cases"], count("sector"), True),
        (
            "Cases by language",
            ["language", "cases"],
            [[k, v] for k, v in Counter(r.language.code or "undetermined" for r in results).most_common()],
            True,
        ),
        (
            "Cases by country named",
            ["country", "cases"],
            [[country_label(k), v] for k, v in countries.most_common()] or [["(none)", 0]],
            False,
        ),
        ("Type × sector", ["type", *sector_names], by_sector("type"), False),
    ]
    for family_id in ("drivers", "barriers"):
        tables.append((f"{family_id.capitalize()}: frequency", [family_id, "cases"], count(family_id), False))
        tables.append((f"{family_id.capitalize()} by sector", [family_id, *sector_names], by_sector(family_id), False))
    return tables


def _summary_sheet(workbook, results: list[TagResult], label_form: str = "en") -> None:
    """Counts and cross-tables, with native bar charts for the main counts."""
    from openpyxl.chart import BarChart, Reference

    sheet = workbook.create_sheet("Summary")
    sheet.column_dimensions["A"].width = 34
    row = 1
    charts = []
    for title, header, rows, charted in summary_tables(results, label_form):
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


def _write_xlsx(
    path: Path, table: Table, results: list[TagResult], about: dict[str, Any] | None = None, label_form: str = "en"
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cases")
    columns = table.columns + tool_columns() + REVIEWER_COLUMNS
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_letter(len(columns))}{len(table.rows) + 1}"
    wide = set(table.columns) | {c for c in columns if c.endswith(("_evidence", "reasons", "uncertain_tags"))}
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[_letter(i)].width = 45 if column in wide else 20
    ranges = _lists_sheet(workbook, label_form)
    last = len(table.rows) + 1
    for family in SCHEME.families:
        letter = _letter(columns.index(f"reviewer_{family.id}") + 1)
        # multi-label families take several ids ("a; b"): the list helps but does not refuse
        check = DataValidation(
            type="list",
            formula1=f"={ranges[family.id]}",
            allow_blank=True,
            errorStyle="information" if family.multi else "stop",
            showErrorMessage=True,
            error=f"Use {family.id} labels from the list" + ("; separate several with ';'" if family.multi else ""),
        )
        check.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.data_validations.append(check)
    reviewed = _letter(columns.index("reviewer_reviewed") + 1)
    check = DataValidation(type="list", formula1=f"={ranges['reviewed']}", allow_blank=True)
    check.add(f"{reviewed}2:{reviewed}{max(last, 2)}")
    sheet.data_validations.append(check)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    low = PatternFill("solid", start_color=LOW_CONFIDENCE_FILL, end_color=LOW_CONFIDENCE_FILL)

    def cell(value: Any, column: str = "", bold: bool = False, flagged: bool = False) -> WriteOnlyCell:
        value = _cell_text(value)
        if isinstance(value, str):
            value = _XLSX_ILLEGAL.sub("", value)
        c = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            c.data_type = "s"  # keep it text: never a live formula
        if bold:
            c.font = Font(bold=True)
        elif column in wide:
            c.alignment = wrap
        else:
            c.alignment = top
        if flagged:
            c.fill = low
        return c

    sheet.append([cell(c, bold=True) for c in columns])
    for row, result in zip(table.rows, results, strict=True):
        values = {**{c: row.get(c) for c in table.columns}, **flat_values(result, label_form)}
        flagged = {f"{PREFIX}{family_id}" for family_id in result.uncertain}
        sheet.append([cell(values.get(c), c, flagged=c in flagged) for c in columns])
    _summary_sheet(workbook, results, label_form)
    if about is not None:
        _about_sheet(workbook, about, label_form)
    workbook.save(path)


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
    _check_form(label_form)
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        write_atomically(output, lambda p: _write_xlsx(p, table, results, about, label_form))
    else:
        writer = _write_jsonl if suffix == ".jsonl" else _write_csv
        newline = "" if suffix == ".csv" else "\n"

        def write(path: Path) -> None:
            with path.open("w", encoding="utf-8", newline=newline) as handle:
                writer(handle, table, results, label_form)

        write_atomically(output, write)
    return output


def results_frame(table: Table, results: list[TagResult], label_form: str = "en"):
    """The labelled rows as a pandas DataFrame (input columns, then the tool's columns)."""
    import pandas as pd

    _check_form(label_form)
    records = [
        {**{c: row.get(c) for c in table.columns}, **flat_values(r, label_form)}
        for row, r in zip(table.rows, results, strict=True)
    ]
    return pd.DataFrame.from_records(records, columns=table.columns + tool_columns())
