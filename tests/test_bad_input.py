"""Bad input of every kind: each row comes out tagged or with a reason, or the run stops with one line
naming the file, the problem and the fix, and a documented exit code; never a traceback or a lost row."""

import csv
import io
import json
import struct
import zipfile

import pytest
from conftest import EXAMPLES
from openpyxl import Workbook, load_workbook
from pypdf import PdfWriter
from samples import EN_TEXT, FR_TEXT

from casemine import cli, streaming, tagging
from casemine.cli import EXIT_BUG, EXIT_INTERRUPTED, EXIT_IO, EXIT_USAGE, main
from casemine.markup import strip_markup
from casemine.spreadsheet import tag_table
from casemine.tables import InputError, read_table
from casemine.tagging import MAX_CHARS, MAX_WORDS, prepare_text

DE_TEXT = (
    "Freiwillige aus der Nachbarschaft besuchen jede Woche ältere Menschen, die allein leben, "
    "im Rahmen eines Programms der Stadtverwaltung, die die Freiwilligen schult und begleitet."
)


def ole2_header() -> bytes:
    """The 512-byte header of a Compound File (OLE2): the container of .xls files and of password-protected
    .xlsx files (Office encrypts the zip and wraps it in one)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 0xFFFFFFFE, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<I", 0) + b"\xff" * (4 * 108)
    return header.ljust(512, b"\xff")


def header_only_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Ref", "Description"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def corrupt_sheet_xlsx() -> bytes:
    """A workbook that opens (a valid zip, valid workbook.xml) whose sheet's XML is cut short."""
    source = io.BytesIO(EXAMPLES.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    return out.getvalue()


FILE_ERRORS = [
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"\r\n \r\n", "the file is empty"),
    ("empty.jsonl", b"", "the file is empty"),
    ("empty.xlsx", b"", "the file is empty"),
    ("header.csv", b"Ref;Description\r\n", "only a header, no rows to tag"),
    ("header.xlsx", header_only_xlsx(), "only a header, no rows to tag"),
    ("notazip.xlsx", b"Ref,Description\n1,hello\n", "not an .xlsx workbook (it is not a zip archive)"),
    ("truncated.xlsx", EXAMPLES.read_bytes()[:3000], "damaged or truncated .xlsx workbook"),
    ("badsheet.xlsx", corrupt_sheet_xlsx(), "damaged .xlsx workbook"),
    ("locked.xlsx", ole2_header(), "password-protected or old .xls workbook"),
    ("old.xls", ole2_header(), "an old Excel .xls workbook cannot be read"),
    ("notes.odt", b"PK\x03\x04", "cannot read .odt; use one of .xlsx, .csv, .jsonl"),
    ("bad.jsonl", b'{"text": "ok"}\n{"text": \n', "bad.jsonl:2: bad JSON"),
    ("list.jsonl", b'["a", "b"]\n', "list.jsonl:1: each line must be a JSON object"),
    ("cells.csv", b"Description,b\n1,2,3\n", "line 2 has 3 cells but the header has 2"),
]


@pytest.mark.parametrize(("name", "data", "expected"), FILE_ERRORS, ids=[f[0] for f in FILE_ERRORS])
def test_an_unreadable_file_stops_with_one_line_naming_file_problem_and_fix(
    tmp_path, trained_model_dir, capsys, name, data, expected
):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out.xlsx"
    args = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--text-col", "Description"]
    assert main(args) == EXIT_IO
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"casemine: error: {source}") and expected in err, err
    assert "Traceback" not in err and not out.exists()
    with pytest.raises(InputError, match="."):  # --debug lets the exception through, for its traceback
        main(["--debug", *args])


def test_password_protected_and_old_workbooks_say_how_to_fix_them(tmp_path):
    (tmp_path / "locked.xlsx").write_bytes(ole2_header())
    with pytest.raises(InputError) as raised:
        read_table(tmp_path / "locked.xlsx")
    assert "remove the password" in str(raised.value) and "save it again as .xlsx" in str(raised.value)
    (tmp_path / "old.xls").write_bytes(ole2_header())
    with pytest.raises(InputError, match=r"save it again as \.xlsx \(or export it as \.csv\)"):
        read_table(tmp_path / "old.xls")


def test_a_misspelt_text_or_id_column_names_the_closest_columns(tmp_path, trained_model_dir, capsys):
    source = tmp_path / "in.csv"
    source.write_text(f'Reference,Description,Country\nA1,"{EN_TEXT}",UK\n', encoding="utf-8")
    base = ["tag", str(source), "-o", str(tmp_path / "o.csv"), "--model", str(trained_model_dir)]
    assert main([*base, "--text-col", "Descripton"]) == EXIT_IO
    err = capsys.readouterr().err
    assert "no column 'Descripton'. Did you mean 'Description'?" in err and "Columns are: Reference" in err
    assert main([*base, "--text-col", "Description", "--id-col", "Ref"]) == EXIT_IO
    assert "no column 'Ref'. Did you mean 'Reference'?" in capsys.readouterr().err


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as raised:
        main(["tag", "in.csv"])  # no -o
    assert raised.value.code == EXIT_USAGE


def test_latin1_semicolon_and_tab_csv_with_multiline_cells(tmp_path):
    body = f'Ref;Texte\r\n1;"{FR_TEXT}\r\nDeuxième ligne : coût réduit."\r\n2;Élève\r\n'
    (tmp_path / "latin1.csv").write_bytes(body.encode("latin-1"))
    table = read_table(tmp_path / "latin1.csv")
    assert table.columns == ["Ref", "Texte"]
    assert [r["Texte"] for r in table.rows] == [f"{FR_TEXT}\r\nDeuxième ligne : coût réduit.", "Élève"]
    (tmp_path / "tabs.csv").write_bytes(body.replace(";", "\t").encode("cp1252"))
    assert read_table(tmp_path / "tabs.csv").rows == table.rows


def long_text(words: int) -> str:
    sentences = (EN_TEXT + " ") * (words // len(EN_TEXT.split()) + 1)
    return " ".join(sentences.split()[:words])


def test_a_200000_word_text_is_tagged_from_a_bounded_excerpt_and_flagged(tmp_path, trained_model_dir):
    source = tmp_path / "long.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Ref", "Description"], ["L1", long_text(200_000)], ["S1", EN_TEXT]])
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--quiet"]) == 0
    long, short = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert long["Description"] == long_text(200_000)  # the original cell, whole
    assert long["casemine"]["labels"]["scope"] and long["casemine"]["needs_review"]
    assert (
        long["casemine"]["reasons"][0] == f"very long text (200,000 words): tagged from the first {MAX_WORDS:,} words"
    )
    assert not any("very long" in r for r in short["casemine"]["reasons"])


def test_the_excerpt_bound_counts_words_and_characters():
    text, notes = prepare_text(long_text(MAX_WORDS))
    assert text == long_text(MAX_WORDS) and notes == []
    text, notes = prepare_text(long_text(MAX_WORDS + 1))
    assert len(text.split()) == MAX_WORDS and notes == [
        f"very long text (10,001 words): tagged from the first {MAX_WORDS:,} words"
    ]
    # no spaces (or one endless token): bounded by characters, and runs of 200+ characters cut to 100
    text, notes = prepare_text("é" * 3_000_000)
    assert text == "é" * 100 and notes == []
    text, notes = prepare_text(("x" * 150 + " ") * 1000)
    assert len(text) == MAX_CHARS and notes == [
        "very long text (151,000 characters): tagged from the first 100,000 characters"
    ]


def test_markup_is_stripped_for_tagging_and_kept_in_the_output(tmp_path, trained_model_dir):
    html = f'<div class="x"><p><b>{EN_TEXT}</b></p><script>alert("x")</script><style>p {{color: red}}</style></div>'
    word = f'<w:p><w:r><w:t xml:space="preserve">{FR_TEXT}</w:t></w:r></w:p>'
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([html, word])), "utf-8")
    out = tmp_path / "out.jsonl"
    args = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--text-col", "text", "--quiet"]
    assert main(args) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["text"] for r in records] == [html, word]
    assert [r["casemine"]["lang"] for r in records] == ["en", "fr"]
    evidence = json.dumps([r["casemine"]["evidence"] for r in records])
    assert "<" not in evidence and "alert" not in evidence and "color" not in evidence
    assert strip_markup(html) == EN_TEXT and strip_markup(word) == FR_TEXT


def test_strip_markup_decodes_entities_and_leaves_prose_alone():
    assert strip_markup("<p>Co&ucirc;t&nbsp;: 5&nbsp;&euro;</p><p>Fin</p>") == "Coût : 5 €\nFin"
    assert (
        strip_markup(
            "<!--[if gte mso 9]><xml><o:DocumentProperties>x</o:DocumentProperties></xml><![endif]--><p>Hi</p>"
        )
        == "Hi"
    )
    prose = "Children <5 years & parents, when a < b and c > d; see <https://example.org> &amp; more"
    assert strip_markup(prose) == prose


def test_odd_cells_each_get_a_row_with_a_reason(tmp_path, trained_model_dir):
    """Empty, null and numeric cells, one word, control characters, a lone surrogate and NUL bytes, another
    language, French and English mixed, repeated ids: every row is kept, tagged or with its reason."""
    rows = [
        ("empty", ""),
        ("null", None),
        ("nan", None),  # written below as JSON's NaN
        ("number", 12345),
        ("float", 3.5),
        ("one-word", "Volunteers"),
        ("controls", EN_TEXT.replace(" ", "\x00 ", 3) + "\x1b[31m\x07"),
        ("surrogate", None),  # written below as a JSON escape
        ("german", DE_TEXT),
        ("mixed", f"{FR_TEXT}\n{EN_TEXT}"),
        ("twice", EN_TEXT),
        ("twice", FR_TEXT),
    ]
    lines = [json.dumps({"id": i, "text": t}) for i, t in rows]
    lines[2] = '{"id": "nan", "text": NaN}'
    lines[7] = '{"id": "surrogate", "text": "' + FR_TEXT + ' \\ud800 \\udfff fin"}'
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_kind = {}
    for kind in ("jsonl", "csv", "xlsx"):  # each output format can hold every row
        out = tmp_path / f"out.{kind}"
        args = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--text-col", "text"]
        assert main([*args, "--id-col", "id", "--quiet"]) == 0
        by_kind[kind] = out
    records = [json.loads(line) for line in by_kind["jsonl"].read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [i for i, _ in rows]
    result = {r["id"]: r["casemine"] for r in records[:-2]}
    assert result["empty"]["reasons"] == result["null"]["reasons"] == result["nan"]["reasons"] == ["empty text"]
    for key in ("number", "float", "one-word"):
        assert result[key]["labels"] is None and result[key]["reasons"][0].startswith("too short to tell the language")
    assert result["controls"]["lang"] == "en" and result["controls"]["labels"]["scope"]
    assert records[7]["text"] == f"{FR_TEXT} \ufffd \ufffd fin" and result["surrogate"]["lang"] == "fr"
    assert result["german"] == {**result["german"], "lang": "de", "lang_status": "unsupported", "labels": None}
    assert result["german"]["reasons"] == ["unsupported language: de"]
    assert result["mixed"]["lang"] == "fr" and set(result["mixed"]["lang_shares"]) == {"fr", "en"}
    assert result["mixed"]["labels"]["scope"]
    for twin in records[-2:]:
        assert "duplicate id 'twice'" in twin["casemine"]["reasons"] and twin["casemine"]["needs_review"]
    with by_kind["csv"].open(newline="", encoding="utf-8") as f:
        assert [r["id"] for r in csv.DictReader(f)] == [i for i, _ in rows]
    cases = load_workbook(by_kind["xlsx"])["Cases"]
    assert [c.value for c in cases["A"]][1:] == [i for i, _ in rows]


def test_a_folder_keeps_scanned_and_locked_pdfs_with_their_reason(tmp_path, trained_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    scan = PdfWriter()
    scan.add_blank_page(595, 842)
    scan.write(folder / "b-scan.pdf")
    locked = PdfWriter()
    locked.add_blank_page(595, 842)
    locked.encrypt("secret")
    locked.write(folder / "c-locked.pdf")
    table = read_table(folder)
    from casemine.model import load_model

    _, results = tag_table(load_model(trained_model_dir), table)
    assert [r["file"] for r in table.rows] == ["a.txt", "b-scan.pdf", "c-locked.pdf"]
    assert results[0].labels is not None
    assert results[1].reasons[0].startswith("unreadable file: no text layer in PDF (a scan?")
    assert results[2].reasons == ["unreadable file: the PDF is password-protected"]
    assert all(r.needs_review and r.labels is None for r in results[1:])


def test_input_and_output_the_same_file_is_refused(tmp_path, trained_model_dir, capsys):
    source = tmp_path / "in.csv"
    source.write_text(f'text\n"{EN_TEXT}"\n', encoding="utf-8")
    before = source.read_bytes()
    alias = tmp_path / "sub" / ".." / "in.csv"
    (tmp_path / "sub").mkdir()
    for output in (source, alias):
        args = ["tag", str(source), "-o", str(output), "--model", str(trained_model_dir), "--overwrite"]
        assert main(args) == EXIT_IO
        assert "the output would overwrite the input; choose another name" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.parametrize("kind", ["xlsx", "csv", "jsonl"])
def test_an_interrupted_run_leaves_no_partial_output(tmp_path, trained_model_dir, monkeypatch, capsys, kind):
    from casemine.scoring import Scoring

    monkeypatch.setattr(streaming, "CHUNK_SIZE", 32)  # 70 rows: three chunks, so the run stops half-way
    monkeypatch.setattr(tagging, "BATCH_SIZE", 32)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": f"{EN_TEXT} {i}"}) + "\n" for i in range(70)), encoding="utf-8")
    out = tmp_path / f"out.{kind}"
    out.write_bytes(b"the previous output")
    calls = []

    def interrupted(self, analyses, **given):  # Ctrl-C in the middle of tagging, after the first batch
        calls.append(len(analyses))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(self, analyses, **given)

    original = Scoring.predict_scores
    monkeypatch.setattr(Scoring, "predict_scores", interrupted)
    args = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--overwrite", "--quiet"]
    assert main(args) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "casemine: interrupted; no output was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", f"out.{kind}"]
    assert out.read_bytes() == b"the previous output"


def test_a_termination_signal_leaves_no_partial_output_either(tmp_path, trained_model_dir, monkeypatch, capsys):
    import os
    import signal

    from casemine.scoring import Scoring

    monkeypatch.setattr(streaming, "CHUNK_SIZE", 32)  # 70 rows: three chunks, so the run stops half-way
    monkeypatch.setattr(tagging, "BATCH_SIZE", 32)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": f"{EN_TEXT} {i}"}) + "\n" for i in range(70)), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    calls = []

    def killed(self, analyses, **given):  # `kill PID` (SIGTERM) after the first batch
        calls.append(len(analyses))
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return original(self, analyses, **given)

    original = Scoring.predict_scores
    monkeypatch.setattr(Scoring, "predict_scores", killed)
    before = signal.getsignal(signal.SIGTERM)
    args = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--quiet"]
    assert main(args) == EXIT_INTERRUPTED
    assert "interrupted; no output was written" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
    assert signal.getsignal(signal.SIGTERM) == before  # the command's handler does not outlive it


def test_an_unexpected_failure_is_one_line_and_exit_70_with_the_traceback_under_debug(
    tmp_path, trained_model_dir, monkeypatch, capsys
):
    from casemine.scoring import Scoring

    def broken(self, analyses, **given):
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr(Scoring, "predict_scores", broken)
    source = tmp_path / "in.csv"
    source.write_text(f'text\n"{EN_TEXT}"\n', encoding="utf-8")
    args = ["tag", str(source), "-o", str(tmp_path / "out.csv"), "--model", str(trained_model_dir), "--quiet"]
    assert main(args) == EXIT_BUG
    err = capsys.readouterr().err
    assert err == (
        "casemine: error: unexpected RuntimeError: something we did not foresee (run with --debug for details)\n"
    )
    with pytest.raises(RuntimeError, match="did not foresee"):
        main(["--debug", *args])


def test_the_documented_exit_codes_are_the_ones_used():
    from conftest import ROOT

    readme = ROOT.joinpath("README.md").read_text("utf-8")
    codes = {name: getattr(cli, name) for name in dir(cli) if name.startswith("EXIT_")}
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 3)[2]
    cells = [[c.strip() for c in line.split("|")[1:3]] for line in table.splitlines()]
    documented = {int(code): name.strip("`") for code, name in cells if code.isdigit()}
    assert documented == {0: "", **{code: name for name, code in codes.items()}}
    epilog = cli.build_parser().epilog
    assert all(f"{code} " in epilog for code in codes.values())


def test_what_the_fuzz_run_found_stays_fixed(tmp_path):
    """Excel's trailing separator-only lines after a row; a damaged UTF-16 file; JSON text holding U+2028 or NEL,
    which ``str.splitlines`` would cut."""
    (tmp_path / "trailing.csv").write_bytes(b"Ref;Texte\r\n1;bonjour\r\n;\r\n;\r\n")
    assert read_table(tmp_path / "trailing.csv").rows == [{"Ref": "1", "Texte": "bonjour"}]
    (tmp_path / "utf16.csv").write_bytes("Ref\tTexte\r\n1\télève\r\n".encode("utf-16") + b"\x00\xd8")
    assert read_table(tmp_path / "utf16.csv").rows == [{"Ref": "1", "Texte": "élève"}, {"Ref": "\ufffd", "Texte": ""}]
    (tmp_path / "seps.jsonl").write_text(json.dumps({"t": "a\u2028b\x85c"}, ensure_ascii=False) + "\r\n", "utf-8")
    assert read_table(tmp_path / "seps.jsonl").rows == [{"t": "a\u2028b\x85c"}]


def test_a_long_cell_fits_the_workbook_and_empty_ids_are_no_duplicates(tmp_path, trained_model_dir):
    source = tmp_path / "long.csv"
    pasted = EN_TEXT + " " + "-" * 40_000  # a pasted rule line: over Excel's cell limit, cheap to tag
    rows = [["=Ref", "Description"], ["L1", pasted], ["", EN_TEXT], ["", EN_TEXT], ["S1", EN_TEXT]]
    with source.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / "out.xlsx"
    command = ["tag", str(source), "-o", str(out), "--model", str(trained_model_dir), "--id-col", "=Ref", "--quiet"]
    assert main(command) == 0
    workbook = load_workbook(out)
    cases = list(workbook["Cases"].iter_rows(values_only=True))
    header = cases[0]
    reasons = header.index("casemine_review_reasons")
    long_cell = cases[1][header.index("Description")]
    assert len(long_cell) == 32767 and long_cell.startswith(EN_TEXT)  # Excel's limit, with a note
    assert long_cell.endswith("the full text is in the input file]")
    assert not any("duplicate id" in (row[reasons] or "") for row in cases[2:])  # two empty ids clash with none
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert about["Id column"] == "=Ref" and workbook["About"]["B5"].data_type == "s"  # text, not a formula
