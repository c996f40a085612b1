"""Inputs as secretariats have them: CSV files from office software, and folders of documents."""

import csv
import io
import json

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfWriter
from samples import EN_TEXT, FR_TEXT, text_pdf

from casemine.cli import main
from casemine.scheme import SCHEME
from casemine.spreadsheet import tag_table
from casemine.tables import InputError, read_table

ACCENTED = "Coût : 12 000 € ; l’équipe a réuni élèves, parents et enseignants à Besançon."


# --- CSV files -------------------------------------------------------------------------------


def test_windows_1252_semicolon_csv_with_accents(tmp_path):
    buffer = io.StringIO(newline="")
    rows = [["Réf", "Intitulé", "Description"], ["A-1", "Été solidaire", ACCENTED], ["A-2", "Crèche", FR_TEXT]]
    csv.writer(buffer, delimiter=";").writerows(rows)  # as Excel saves "CSV (séparateur : point-virgule)"
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    table = read_table(path)
    assert table.columns == ["Réf", "Intitulé", "Description"]
    assert [r["Description"] for r in table.rows] == [ACCENTED, FR_TEXT]
    assert table.rows[0]["Intitulé"] == "Été solidaire"


def test_utf8_bom_csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(f"\ufeffid,text\n1,{ACCENTED.replace(',', '')}\n".encode())
    table = read_table(path)
    assert table.columns == ["id", "text"]  # the BOM does not stick to the first heading
    assert table.rows[0]["text"] == ACCENTED.replace(",", "")


def test_tab_separated_and_excel_unicode_text(tmp_path):
    rows = [["id", "title", "text"], ["1", "Café, thé; etc.", ACCENTED], ["2", "x", EN_TEXT]]
    content = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    utf8, utf16 = tmp_path / "tabs.csv", tmp_path / "unicode.csv"
    utf8.write_text(content, encoding="utf-8", newline="")
    utf16.write_text(content, encoding="utf-16", newline="")  # Excel's "Unicode text": UTF-16 with a BOM
    for path in (utf8, utf16):
        table = read_table(path)
        assert table.columns == rows[0]
        assert [list(r.values()) for r in table.rows] == rows[1:]


def test_quoted_multiline_cells_and_excel_sep_line(tmp_path):
    cell = 'Objectifs :\n- rompre l’isolement ; "Voisins solidaires"\n- former les bénévoles'
    quoted = '"' + cell.replace('"', '""') + '"'
    path = tmp_path / "multi.csv"
    path.write_bytes(f'sep=;\r\nid;"titre; long";texte\r\n1;a;{quoted}\r\n2;b;{FR_TEXT}\r\n'.encode("cp1252"))
    table = read_table(path)
    assert table.columns == ["id", "titre; long", "texte"]
    assert [r["texte"] for r in table.rows] == [cell, FR_TEXT]
    # without the sep= line, a separator inside a quoted heading does not mislead the detection
    path.write_bytes(f'id,"titre; long; très",texte\r\n1,a,{quoted}\r\n'.encode())
    assert read_table(path).rows == [{"id": "1", "titre; long; très": "a", "texte": cell}]


def test_a_row_with_too_many_cells_names_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('id;text\n1;"two\nlines"\n2;a;b;c\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4 has 4 cells but the header has 2"):
        read_table(path)


# --- folders of documents --------------------------------------------------------------------


@pytest.fixture
def submissions(tmp_path):
    """A folder as a secretariat receives it: documents of each kind, and some that cannot be read."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "b-note.txt").write_bytes(f"{FR_TEXT}\r\n{ACCENTED}\r\n".encode("cp1252"))
    (folder / "a-utf8.txt").write_bytes(("\ufeff" + EN_TEXT).encode())
    document = docx.Document()
    document.add_paragraph("Voisins solidaires")
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text, grid.cell(0, 1).text = "Pays", "France"
    grid.cell(1, 0).merge(grid.cell(1, 1)).text = FR_TEXT
    document.add_paragraph("Fin du dossier.")
    document.save(folder / "c-dossier.docx")
    cut = EN_TEXT.index(" ", 70)
    (folder / "d-report.pdf").write_bytes(text_pdf([EN_TEXT[:cut], EN_TEXT[cut + 1 :]]))
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.write(folder / "e-scan.pdf")
    (folder / "f-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "g-broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "h-form.odt").write_bytes(b"PK\x03\x04")
    (folder / "~$c-dossier.docx").write_bytes(b"lock")  # Word's lock file: not a submission
    (folder / "sub").mkdir()
    return folder


def test_folder_reads_one_row_per_file_in_name_order(submissions):
    table = read_table(submissions)
    assert table.columns == ["file", "text"] and table.kind == "folder"
    files = [r["file"] for r in table.rows]
    assert files == sorted(files) and len(files) == 8
    text = {r["file"]: r["text"] for r in table.rows}
    assert text["a-utf8.txt"] == EN_TEXT
    assert text["b-note.txt"] == f"{FR_TEXT}\r\n{ACCENTED}"
    assert text["c-dossier.docx"] == f"Voisins solidaires\nPays\nFrance\n{FR_TEXT}\nFin du dossier."
    assert " ".join(text["d-report.pdf"].split()) == EN_TEXT
    problems = {table.rows[i]["file"]: reason for i, reason in table.problems.items()}
    assert set(problems) == {"e-scan.pdf", "f-broken.docx", "g-broken.pdf", "h-form.odt"}
    assert all(reason.startswith("unreadable file: ") for reason in problems.values())
    assert "no text layer in PDF" in problems["e-scan.pdf"]
    assert ".odt files are not read" in problems["h-form.odt"]
    assert all(text[name] == "" for name in problems)
    with pytest.raises(InputError, match="--sheet applies only"):
        read_table(submissions, sheet="Sheet1")
    with pytest.raises(InputError, match="has no files"):
        read_table(submissions / "sub")


def test_tagging_a_folder_keeps_every_file_with_its_reason(submissions, tmp_path, trained_model_dir, capsys):
    out = tmp_path / "labelled.xlsx"
    assert main(["tag", str(submissions), "-o", str(out), "--model", str(trained_model_dir)]) == 0
    ws = load_workbook(out)["Cases"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    cases = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert [c["file"] for c in cases] == [r["file"] for r in read_table(submissions).rows]
    by_file = {c["file"]: c for c in cases}
    for name in ("a-utf8.txt", "d-report.pdf"):
        assert by_file[name]["casemine_language"] == "en" and by_file[name]["casemine_scope"]
    for name in ("b-note.txt", "c-dossier.docx"):
        assert by_file[name]["casemine_language"] == "fr" and by_file[name]["casemine_scope"]
    for name in ("e-scan.pdf", "f-broken.docx", "g-broken.pdf", "h-form.odt"):
        assert by_file[name]["casemine_needs_review"] == "yes" and by_file[name]["casemine_scope"] is None
        assert by_file[name]["casemine_review_reasons"].startswith("unreadable file: ")
    assert "no text layer in PDF" in by_file["e-scan.pdf"]["casemine_review_reasons"]
    assert "tagged 8 cases (4 unreadable files)" in capsys.readouterr().err


def test_tag_table_reports_progress_by_batch(submissions, trained_model_dir, monkeypatch):
    from casemine import tagging
    from casemine.model import load_model

    monkeypatch.setattr(tagging, "BATCH_SIZE", 2)
    steps = []
    table = read_table(submissions)
    _, results = tag_table(load_model(trained_model_dir), table, progress=steps.append)
    assert sum(steps) == len(table) == len(results) and len(steps) > 2
    assert results[4].reasons == [table.problems[4]] and results[4].labels is None


# --- label names, progress and the summary line ----------------------------------------------


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"id;texte\n1;{FR_TEXT}\n2;{EN_TEXT}\n3;\n", encoding="utf-8")
    return path


def _cases_and_lists(path):
    wb = load_workbook(path)
    rows = list(wb["Cases"].iter_rows(values_only=True))
    cases = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in wb["Lists"].iter_cols()}
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r[0]}
    summary = {v for r in wb["Summary"].iter_rows(values_only=True) for v in r if v is not None}
    return cases, lists, about, summary


@pytest.mark.parametrize("form", ["en", "fr", "ids"])
def test_labels_are_written_in_the_chosen_form(small_csv, tmp_path, trained_model_dir, form):
    out = tmp_path / f"out-{form}.xlsx"
    options = {"en": [], "fr": ["--label-lang", "fr"], "ids": ["--label-ids"]}[form]
    args = ["tag", str(small_csv), "-o", str(out), "--model", str(trained_model_dir), "--quiet", *options]
    assert main(args) == 0
    jsonl = out.with_suffix(".jsonl")
    assert main(args[:3] + [str(jsonl)] + args[4:]) == 0
    records = [json.loads(line)["casemine"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    cases, lists, about, summary = _cases_and_lists(out)

    def written(family_id: str, label_id: str) -> str:
        label = SCHEME[family_id].label(label_id)
        return {"en": label.en, "fr": label.fr, "ids": label.id}[form]

    assert about["Labels written as"] == {"en": "English names", "fr": "French names", "ids": "ids"}[form]
    for family in SCHEME.families:
        assert lists[family.id] == [written(family.id, x) for x in family.ids]  # reviewers pick what is shown
    for case, record in zip(cases, records, strict=True):
        if record["labels"] is None:
            assert case["casemine_scope"] is None and "label_names" not in record
            continue
        assert case["casemine_scope"] == written("scope", record["labels"]["scope"])
        assert case["casemine_sector"] == written("sector", record["labels"]["sector"])
        drivers = record["labels"]["drivers"]
        assert (case["casemine_drivers"] or "") == "; ".join(written("drivers", x) for x in drivers)
        evidence = case["casemine_drivers_evidence"] or ""
        assert [line.split(": ")[0] for line in evidence.splitlines()] == [
            written("drivers", x) for x in record["evidence"].get("drivers", {})
        ]
        assert record["labels"]["scope"] in SCHEME["scope"].ids  # the exchange format keeps ids
        assert ("label_names" in record) == (form != "ids")
        if form != "ids":
            assert record["label_names"]["scope"] == written("scope", record["labels"]["scope"])
        assert case["casemine_scope"] in summary
    assert {written("sector", x) for x in SCHEME["sector"].ids} <= summary  # the by-sector tables' headings


def test_quiet_prints_nothing_and_the_default_ends_with_a_summary_line(small_csv, tmp_path, trained_model_dir, capsys):
    base = ["tag", str(small_csv), "--model", str(trained_model_dir)]
    assert main([*base, "-o", str(tmp_path / "quiet.csv"), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    assert main([*base, "-o", str(tmp_path / "loud.csv")]) == 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1  # stderr is not a terminal here: no bar, one line
    needs_review = sum(
        r["casemine_needs_review"] == "yes"
        for r in read_table(tmp_path / "loud.csv").rows  # the tool's own output, read back
    )
    assert lines[0].startswith("tagged 3 cases from ") and f": {needs_review} need review; " in lines[0]
    assert lines[0].split("; ")[-1].split(" s → ")[0].replace(".", "").isdigit()
