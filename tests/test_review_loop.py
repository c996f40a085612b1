"""The review loop: tag → a reviewer fills the reviewer columns → import into the corpus → retrain."""

import json

import pytest
from conftest import EXAMPLES, training_slice
from openpyxl import load_workbook

from casemine.cli import main
from casemine.corpus import read_cases
from casemine.corrections import import_reviewed
from casemine.model import load_model, train
from casemine.scheme import SCHEME
from casemine.tables import InputError, case_text, read_table

TEXT_COLUMNS = ["Description", "Objectives", "Challenges"]


@pytest.fixture(scope="module")
def tagged(trained_model_dir, tmp_path_factory):
    """The example submissions tagged by the slice model, as `casemine tag` writes them."""
    out = tmp_path_factory.mktemp("tagged") / "labelled.xlsx"
    args = ["tag", str(EXAMPLES), "-o", str(out), "--model", str(trained_model_dir), "--id-col", "Ref", "--quiet"]
    for column in TEXT_COLUMNS:
        args += ["--text-col", column]
    assert main(args) == 0
    return out


def review(tagged, path, cells: dict[int, dict[str, object]]):
    """A reviewer's copy of the workbook: ``cells`` maps a spreadsheet row to {column: value}."""
    wb = load_workbook(tagged)
    ws = wb["Cases"]
    header = [c.value for c in ws[1]]
    for row, values in cells.items():
        for column, value in values.items():
            ws.cell(row, header.index(column) + 1).value = value
    wb.save(path)
    return path


def cases_rows(path):
    ws = load_workbook(path, read_only=True)["Cases"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def corpus_with(tmp_path, cases):
    folder = tmp_path / "corpus"
    (folder / "cases").mkdir(parents=True)
    with (folder / "cases" / "slice.jsonl").open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")
    return folder


def test_a_corrected_case_is_tagged_as_corrected_after_retraining(tagged, trained_model_dir, corpus_cases, tmp_path):
    slice_cases = training_slice(corpus_cases)
    rows = cases_rows(tagged)
    texts = [case_text(r, TEXT_COLUMNS) for r in rows]
    before = load_model(trained_model_dir).tag_texts(texts)
    taggable = [i for i, r in enumerate(before) if r.labels is not None]

    # The reviewer corrects the case whose scope the model was least sure of, to the runner-up scope
    # and sector: the ambiguous kind of case reviewers correct, and one a retrained model can learn.
    def runner_up(result, family):
        return sorted(result.scores[family], key=result.scores[family].get, reverse=True)[1]

    target = max(taggable, key=lambda i: before[i].scores["scope"][runner_up(before[i], "scope")])
    scope, sector = runner_up(before[target], "scope"), runner_up(before[target], "sector")
    confirmed = next(i for i in taggable if i != target)
    names = {"scope": SCHEME["scope"].label(scope).fr, "sector": SCHEME["sector"].label(sector).fr}
    reviewed = review(
        tagged,
        tmp_path / "reviewed.xlsx",
        {
            target + 2: {
                "reviewer_scope": names["scope"],
                "reviewer_sector": names["sector"],
                "reviewer_reviewed": "oui",
                "reviewer_notes": "périmètre et secteur corrigés",
            },
            confirmed + 2: {"reviewer_reviewed": "yes"},  # reviewed, cells left empty: the tool's labels stand
        },
    )
    corpus = corpus_with(tmp_path, slice_cases)

    assert main(["corpus", "import", str(reviewed), "--into", str(corpus)]) == 0
    written = list((corpus / "reviewed").glob("*.jsonl"))
    assert len(written) == 1 and written[0].name.startswith("reviewed-")
    records = {r["provenance"]["row"]: r for r in map(json.loads, written[0].read_text("utf-8").splitlines())}
    assert set(records) == {target + 2, confirmed + 2}
    fixed, kept = records[target + 2], records[confirmed + 2]
    source = read_table(EXAMPLES).rows
    assert fixed["text"] == case_text(source[target], TEXT_COLUMNS)  # rebuilt exactly as it was tagged
    assert (fixed["labels"]["scope"], fixed["labels"]["sector"]) == (scope, sector)
    assert fixed["annotator"] == "reviewed" and fixed["lang"] == before[target].language.code
    assert fixed["title"] == source[target]["Title"] and fixed["provenance"]["input_id"] == source[target]["Ref"]
    assert fixed["provenance"]["reviewer_notes"] == "périmètre et secteur corrigés"
    assert {"scope", "sector"} <= set(fixed["provenance"]["changed"])
    assert fixed["provenance"]["predicted"]["sector"] == before[target].labels["sector"] != sector
    assert kept["labels"] == before[confirmed].labels and kept["provenance"]["changed"] == []
    assert main(["corpus", "check", str(corpus)]) == 0

    cases = read_cases(corpus)
    assert len(cases) == len(slice_cases) + 2
    retrained = train(cases, name="with-corrections", cv_folds=0)
    after = retrained.tag_texts([texts[target]])[0]
    assert (after.labels["scope"], after.labels["sector"]) == (scope, sector)
    assert (before[target].labels["scope"], before[target].labels["sector"]) != (scope, sector)


def test_an_invalid_label_refuses_the_whole_import(tagged, tmp_path, capsys):
    reviewed = review(
        tagged,
        tmp_path / "reviewed.xlsx",
        {2: {"reviewer_reviewed": "yes"}, 3: {"reviewer_sector": "Healt", "reviewer_reviewed": "yes"}},
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert main(["corpus", "import", str(reviewed), "--into", str(corpus)]) == 3
    error = capsys.readouterr().err
    assert "nothing was imported" in error
    assert "row 3, reviewer_sector (column" in error and "'Healt' is not a sector label" in error
    assert "health (Health / Santé)" in error  # the valid choices
    assert list(corpus.rglob("*")) == []


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"reviewer_scope": "Hors champ", "reviewer_type": "co_delivery"}, "type is only for coproduction cases"),
        ({"reviewer_sector": "Health; Education"}, "sector takes exactly one label, got 2"),
        ({"reviewer_drivers": "innovation; Courage"}, "'Courage' is not a drivers label"),
        ({"reviewer_reviewed": "peut-être"}, "'peut-être' is not yes or no"),
    ],
)
def test_each_kind_of_bad_cell_is_named(tagged, tmp_path, cells, expected):
    reviewed = review(tagged, tmp_path / "reviewed.xlsx", {4: {"reviewer_reviewed": "yes"} | cells})
    with pytest.raises(InputError, match="row 4") as error:
        import_reviewed(reviewed, tmp_path)
    assert expected in str(error.value)
    assert not (tmp_path / "reviewed").exists()


def test_which_rows_count_as_reviewed(tagged, tmp_path):
    rows = cases_rows(tagged)
    scope_of_row_5 = rows[3]["casemine_scope"]
    other = next(s for s in SCHEME["scope"].ids if s not in (scope_of_row_5, "coproduction"))
    reviewed = review(
        tagged,
        tmp_path / "reviewed.xlsx",
        {
            2: {"reviewer_reviewed": "Yes"},
            3: {"reviewer_drivers": "Innovation; pouvoir d'agir et participation"},  # corrected, not marked
            4: {"reviewer_sector": "education", "reviewer_reviewed": "non"},  # marked not reviewed
            5: {"reviewer_scope": other.upper()},  # a scope without type: the tool's type is dropped
            6: {"reviewer_notes": "à revoir"},  # a note alone
        },
    )
    report = import_reviewed(reviewed, tmp_path, dry_run=True)
    assert report.output is None and not (tmp_path / "reviewed").exists()
    added = {r["provenance"]["row"]: r for r in report.added}
    assert set(added) == {2, 3, 5}
    assert added[3]["labels"]["drivers"] == ["innovation", "empowerment"]
    assert added[3]["provenance"]["reviewed"] is False
    assert added[5]["labels"]["scope"] == other and added[5]["labels"]["type"] == []
    assert [(s.row, s.reason) for s in report.skipped] == [(4, "labels filled but reviewer_reviewed says no")]
    assert report.not_reviewed == len(rows) - 4


def test_duplicates_of_the_corpus_and_within_the_workbook_are_skipped(tagged, corpus_cases, tmp_path):
    rows = cases_rows(tagged)
    # row 3 repeats row 2's text in other case and spacing
    copy = {c: "  " + str(rows[0][c]).upper().replace(" ", "   ") for c in TEXT_COLUMNS}
    reviewed = review(
        tagged,
        tmp_path / "reviewed.xlsx",
        {2: {"reviewer_reviewed": "yes"}, 3: copy | {"reviewer_reviewed": "yes"}, 5: {"reviewer_reviewed": "yes"}},
    )
    corpus = corpus_with(tmp_path, corpus_cases[:5])
    first = import_reviewed(reviewed, corpus, today="2026-01-02")
    assert [r["provenance"]["row"] for r in first.added] == [2, 5]
    assert [(s.row, s.reason) for s in first.skipped] == [(3, "same text as row 2")]
    assert first.output == corpus / "reviewed" / "reviewed-2026-01-02.jsonl"

    again = import_reviewed(reviewed, corpus, today="2026-01-02")
    assert again.added == [] and again.output is None
    assert [s.row for s in again.skipped] == [2, 3, 5]
    assert "already in the corpus as reviewed-row2 (" in again.skipped[0].reason

    # a new row reviewed later goes to a new file, never over the first
    later = review(reviewed, tmp_path / "reviewed.xlsx", {6: {"reviewer_reviewed": "yes"}})
    third = import_reviewed(later, corpus, today="2026-01-02")
    assert [r["provenance"]["row"] for r in third.added] == [6]
    assert third.output == corpus / "reviewed" / "reviewed-2026-01-02-2.jsonl"
    assert len(read_cases(corpus)) == 5 + 3


def test_untaggable_rows_and_wrong_workbooks(tagged, tmp_path):
    rows = cases_rows(tagged)
    spanish = next(i for i, r in enumerate(rows) if str(r["casemine_language"]).startswith("es")) + 2
    empty = next(i for i, r in enumerate(rows) if not any(r[c] for c in TEXT_COLUMNS)) + 2
    reviewed = review(
        tagged,
        tmp_path / "reviewed.xlsx",
        {
            spanish: {"reviewer_scope": "coproduction", "reviewer_reviewed": "yes"},
            empty: {"reviewer_scope": "coproduction", "reviewer_reviewed": "yes"},
        },
    )
    report = import_reviewed(reviewed, tmp_path, dry_run=True)
    assert report.added == []
    assert {s.row: s.reason.split(":")[0] for s in report.skipped} == {
        spanish: "language es",
        empty: "no text in Description, Objectives, Challenges",
    }
    with pytest.raises(InputError, match="not a workbook written by `casemine tag`"):
        import_reviewed(EXAMPLES, tmp_path)


def test_older_workbooks_without_the_text_columns_row_use_the_recorded_command(tagged, tmp_path):
    wb = load_workbook(tagged)
    about = wb["About"]
    row = next(r for r in about.iter_rows(min_row=1, max_col=1) if r[0].value == "Text columns")[0].row
    about.delete_rows(row)
    wb["Cases"].cell(2, [c.value for c in wb["Cases"][1]].index("reviewer_reviewed") + 1).value = "yes"
    wb.save(tmp_path / "old.xlsx")
    report = import_reviewed(tmp_path / "old.xlsx", tmp_path, dry_run=True)
    assert report.added[0]["text"] == case_text(read_table(EXAMPLES).rows[0], TEXT_COLUMNS)
