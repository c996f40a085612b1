"""The tag command keeps every row and column, in order, for each input and output format."""

import csv
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook
from samples import EN_TEXT, FR_TEXT

from casemine import spreadsheet
from casemine.cli import main
from casemine.scheme import SCHEME
from casemine.spreadsheet import REVIEWER_COLUMNS, tool_columns


def read_xlsx_rows(path, sheet=None):
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)], ws


@pytest.fixture(scope="module")
def example_rows():
    rows, _ = read_xlsx_rows(EXAMPLES)
    return rows


def make_inputs(tmp_path, rows):
    header, body = rows[0], rows[1:]
    csv_path = tmp_path / "in.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["" if v is None else str(v) for v in r] for r in rows])
    jsonl_path = tmp_path / "in.jsonl"
    with jsonl_path.open("w", encoding="utf-8") as f:
        for r in body:
            f.write(json.dumps(dict(zip(header, r, strict=True)), ensure_ascii=False) + "\n")
    return {"xlsx": EXAMPLES, "csv": csv_path, "jsonl": jsonl_path}


def original_rows(kind, path):
    """Header and rows of an input or output, as the reader of that format sees them."""
    if kind == "xlsx":
        return read_xlsx_rows(path)[0]
    if kind == "csv":
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return records


@pytest.mark.parametrize("in_kind", ["xlsx", "csv", "jsonl"])
@pytest.mark.parametrize("out_kind", ["xlsx", "csv", "jsonl"])
def test_rows_and_columns_preserved(tmp_path, example_rows, trained_model_dir, in_kind, out_kind):
    inputs = make_inputs(tmp_path, example_rows)
    out = tmp_path / f"out.{out_kind}"
    code = main(
        [
            "tag",
            str(inputs[in_kind]),
            "-o",
            str(out),
            "--model",
            str(trained_model_dir),
            "--text-col",
            "Description",
            "--text-col",
            "Objectives",
            "--id-col",
            "Ref",
            "--quiet",
        ]
    )
    assert code == 0 and out.exists()
    header = example_rows[0]
    n = len(example_rows) - 1
    if out_kind == "jsonl":
        records = original_rows("jsonl", out)
        assert len(records) == n
        for record, row in zip(records, example_rows[1:], strict=True):
            result = record.pop("casemine")
            assert list(record) == header
            expected = dict(zip(header, row, strict=True))
            if in_kind == "csv":
                expected = {k: "" if v is None else str(v) for k, v in expected.items()}
            assert record == expected
            assert set(result) >= {"lang", "labels", "scores", "needs_review", "entities"}
            if result["labels"] is not None:
                assert set(result["labels"]) == {"scope", "type", "sector", "drivers", "barriers"}
                assert isinstance(result["labels"]["type"], list)
        return
    rows = original_rows(out_kind, out)
    reviewer = REVIEWER_COLUMNS if out_kind == "xlsx" else []
    assert rows[0] == header + tool_columns() + reviewer
    assert len(rows) == n + 1
    for got, row in zip(rows[1:], example_rows[1:], strict=True):
        original = got[: len(header)]
        if out_kind == "csv" or in_kind == "csv":
            assert [("" if v is None else str(v)) for v in original] == ["" if v is None else str(v) for v in row]
        else:
            assert original == row
        values = dict(zip(rows[0], got, strict=True))
        assert values["casemine_needs_review"] in ("yes", "no")


def test_untaggable_rows_stay_with_a_reason(tmp_path, example_rows, trained_model_dir):
    out = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "tag",
                str(EXAMPLES),
                "-o",
                str(out),
                "--model",
                str(trained_model_dir),
                "--text-col",
                "Description",
                "--quiet",
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_ref = {r["Ref"]: r["casemine"] for r in records}
    empty = [c for c in by_ref.values() if c["reasons"] == ["empty text"]]
    unsupported = [c for c in by_ref.values() if c["lang_status"] == "unsupported"]
    assert len(empty) == 1 and empty[0]["labels"] is None and empty[0]["needs_review"]
    assert len(unsupported) == 1 and unsupported[0]["lang"] == "es" and unsupported[0]["labels"] is None
    tagged = [c for c in by_ref.values() if c["labels"]]
    # the Walloon submission names Belgium through its regions, and the CPAS as a public body
    walloon = by_ref["SUB-2026-003"]["entities"]
    assert walloon["countries"] == ["BE"] and {"name": "CPAS", "kind": "public"} in walloon["organisations"]
    assert {c["lang"] for c in tagged} == {"fr", "en"}
    for c in tagged:
        scope_scores = c["scores"]["scope"]
        assert c["labels"]["scope"] == max(scope_scores, key=scope_scores.get)
        assert abs(sum(scope_scores.values()) - 1) < 0.01


def test_existing_output_same_path_and_bad_column_are_refused(tmp_path, trained_model_dir, capsys):
    src = tmp_path / "in.csv"
    src.write_text(f"id;texte\n1;{FR_TEXT}\n2;{EN_TEXT}\n", encoding="cp1252")
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    args = ["tag", str(src), "--model", str(trained_model_dir), "--quiet"]
    assert main(args + ["-o", str(out)]) == 3
    assert "already exists; use --overwrite" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(args + ["-o", str(src)]) == 3
    assert "would overwrite the input" in capsys.readouterr().err
    assert main(args + ["-o", str(out), "--overwrite", "--text-col", "text"]) == 3
    err = capsys.readouterr().err
    assert "no column 'text'" in err and "Did you mean 'texte'" in err
    # the separator and the Windows-1252 encoding are detected; the text column is chosen alone
    assert main(args + ["-o", str(out), "--overwrite"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[1][:2] == ["1", FR_TEXT] and rows[2][:2] == ["2", EN_TEXT]
    assert rows[1][2] == "fr" and rows[2][2] == "en"
    fr_row, en_row = (dict(zip(rows[0], r, strict=True)) for r in rows[1:3])
    assert "CCAS [public]" in fr_row["casemine_organisations"]
    assert "volunteers" in fr_row["casemine_actors"] and "public_local" in en_row["casemine_actors"]


@pytest.mark.parametrize(
    ("out_kind", "failure", "code"),
    [("xlsx", OSError("disk full"), 3), ("csv", OSError("disk full"), 3), ("jsonl", KeyboardInterrupt(), 130)],
)
def test_a_failed_or_interrupted_write_leaves_no_file(
    tmp_path, trained_model_dir, monkeypatch, out_kind, failure, code
):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"t": t}) + "\n" for t in (EN_TEXT, FR_TEXT, EN_TEXT)), encoding="utf-8")
    out = tmp_path / f"out.{out_kind}"
    add = spreadsheet.SummaryCounts.add

    def fail_on_the_second_row(self, result):
        if self.cases == 1:  # the first row is already in the temporary file
            assert any(p.name.startswith(".out.") for p in tmp_path.iterdir())
            raise failure
        add(self, result)

    monkeypatch.setattr(spreadsheet.SummaryCounts, "add", fail_on_the_second_row)
    scratch = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))  # a workbook's sheets stream through these
    assert main(["tag", str(src), "-o", str(out), "--model", str(trained_model_dir), "--quiet"]) == code
    assert list(tmp_path.iterdir()) == [src]
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= scratch


def test_formulas_are_written_as_text(tmp_path, trained_model_dir):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["note", "text"], ['=HYPERLINK("http://x")', EN_TEXT], ["-12", FR_TEXT]])
    xlsx, csv_out = tmp_path / "out.xlsx", tmp_path / "out.csv"
    for out in (xlsx, csv_out):
        assert (
            main(["tag", str(src), "-o", str(out), "--model", str(trained_model_dir), "--text-col", "text", "--quiet"])
            == 0
        )
    ws = load_workbook(xlsx)["Cases"]
    assert ws["A2"].value == '=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8"), newline="")))
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[2][0] == "-12"


def test_workbook_for_reviewers(tmp_path, trained_model_dir):
    out = tmp_path / "labelled.xlsx"
    args = [
        "tag",
        str(EXAMPLES),
        "-o",
        str(out),
        "--model",
        str(trained_model_dir),
        "--text-col",
        "Description",
        "--id-col",
        "Ref",
        "--quiet",
    ]
    assert main(args) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Cases", "Lists", "Summary", "About"] and wb["Lists"].sheet_state == "hidden"
    summary = {}
    rows = list(wb["Summary"].iter_rows(values_only=True))
    for i, row in enumerate(rows):
        if row and row[0] and (i == 0 or not any(rows[i - 1])):
            summary[row[0]] = i
    by_scope = rows[summary["Cases by scope"] + 2 : summary["Cases by scope"] + 6]
    scopes = {r[0]: r[1] for r in by_scope if r and r[0]}
    scope_names = [label.en for label in SCHEME["scope"].labels]  # labels are written as English names by default
    assert sum(v for k, v in scopes.items() if k in scope_names) == 14  # 16 rows, 2 untaggable
    assert {"Type × sector", "Drivers by sector", "Barriers: frequency", "Cases by country named"} <= set(summary)
    with zipfile.ZipFile(out) as archive:  # openpyxl does not read charts back: look in the file
        assert sum(name.startswith("xl/charts/chart") for name in archive.namelist()) == 4
    ws = wb["Cases"]
    header = [c.value for c in ws[1]]
    assert header[-7:] == [
        "reviewer_scope",
        "reviewer_type",
        "reviewer_sector",
        "reviewer_drivers",
        "reviewer_barriers",
        "reviewer_reviewed",
        "reviewer_notes",
    ]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}17"
    validations = {re.match(r"[A-Z]+", str(dv.sqref)).group(): dv for dv in ws.data_validations.dataValidation}
    scope_col = ws.cell(1, header.index("reviewer_scope") + 1).column_letter
    listed = wb["Lists"][validations[scope_col].formula1.lstrip("=").split("!")[1].replace("$", "")]
    assert [row[0].value for row in listed] == scope_names
    assert validations[scope_col].errorStyle in (None, "stop")
    drivers_col = ws.cell(1, header.index("reviewer_drivers") + 1).column_letter
    assert validations[drivers_col].errorStyle == "information"  # several ids may be typed
    assert ws.cell(2, header.index("Description") + 1).alignment.wrap_text
    about = {row[0].value: row[1].value for row in wb["About"].iter_rows(min_row=1, max_col=2) if row[0].value}
    assert about["Label scheme version"] == "2011.1"
    assert about["Command"].startswith("casemine tag ") and "--id-col Ref" in about["Command"]
    assert "Input file" in about and "  co_delivery" in about
    # a tag below its family's review threshold is coloured
    fills = [
        ws.cell(r, header.index(f"casemine_{f}") + 1).fill.fgColor.rgb
        for r in range(2, ws.max_row + 1)
        for f in ("scope", "type", "sector", "drivers", "barriers")
    ]
    assert any(str(rgb).endswith("FFE0B2") for rgb in fills)
