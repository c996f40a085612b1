"""Tagging a file in chunks: the same rows, values and Summary as in memory, in any number of jobs or on Dask."""

import json
import pickle
import sys
import tempfile

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook

from casemine import streaming
from casemine.cli import main
from casemine.model import load_model
from casemine.spreadsheet import summary_tables, tag_table, write_output
from casemine.streaming import BackendError, tag_file
from casemine.tables import InputError, open_table, read_table
from casemine.tagging import tag_texts

TEXT = ["Description", "Objectives", "Challenges"]


def jsonl_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def filled(rows):
    return [[v for v in row if v is not None] for row in rows if any(v is not None for v in row)]


def sheet_rows(path, name):
    return [list(r) for r in load_workbook(path)[name].iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def model(trained_model_dir):
    return load_model(trained_model_dir)


@pytest.fixture(scope="module")
def in_memory(model, tmp_path_factory):
    """The example submissions tagged in memory and written by the in-memory API."""
    table = read_table(EXAMPLES)
    columns, results = tag_table(model, table, TEXT, "Ref")
    out = tmp_path_factory.mktemp("memory")
    for suffix in ("jsonl", "csv", "xlsx"):
        write_output(out / f"out.{suffix}", table, results, label_form="fr")
    return table, results, out


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "xlsx"])
def test_streaming_in_small_chunks_writes_what_the_in_memory_api_writes(
    model, in_memory, tmp_path, monkeypatch, suffix
):
    table, results, memory = in_memory
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 5)  # 16 rows: four chunks, the last one short
    steps = []
    out = tmp_path / f"out.{suffix}"
    summary = tag_file(
        model, EXAMPLES, out, TEXT, "Ref", label_form="fr", progress=lambda total: steps.append(total) or steps.append
    )
    assert steps == [len(table), 5, 5, 5, 1]
    assert (summary.cases, summary.unreadable, summary.text_columns) == (len(table), 0, TEXT)
    assert summary.need_review == sum(r.needs_review for r in results)
    if suffix == "xlsx":
        for name in ("Cases", "Lists", "Summary"):
            assert sheet_rows(out, name) == sheet_rows(memory / "out.xlsx", name)
        # the Summary sheet, built from running counts, holds the in-memory summary's tables
        expected = [
            line for title, header, rows, _ in summary_tables(results, "fr") for line in [[title], header, *rows]
        ]
        assert filled(sheet_rows(out, "Summary")) == filled(expected)
        ws = load_workbook(out)["Cases"]
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{len(table) + 1}"
        assert all(f"{len(table) + 1}" in str(v.sqref) for v in ws.data_validations.dataValidation)
    else:
        assert out.read_bytes() == (memory / f"out.{suffix}").read_bytes()
    refs = [r["Ref"] for r in jsonl_records(memory / "out.jsonl")]
    assert refs == [row["Ref"] for row in table.rows]  # rows in = rows out, in order


def test_duplicate_ids_are_all_flagged_whichever_chunk_they_fall_in(model, tmp_path, monkeypatch):
    rows = read_table(EXAMPLES).rows
    src = tmp_path / "in.jsonl"
    copies = rows + rows[:2]  # the first two ids again, three chunks later
    src.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in copies), encoding="utf-8")
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 4)
    tag_file(model, src, tmp_path / "out.jsonl", TEXT, "Ref")
    records = jsonl_records(tmp_path / "out.jsonl")
    flagged = [r["Ref"] for r in records if any(x.startswith("duplicate id") for x in r["casemine"]["reasons"])]
    assert flagged == [rows[0]["Ref"], rows[1]["Ref"]] * 2
    assert all(r["casemine"]["needs_review"] for r in records if r["Ref"] in flagged)


def test_a_bad_line_fails_before_tagging_and_leaves_no_file(model, tmp_path):
    src = tmp_path / "in.csv"
    good = "Des bénévoles rendent visite chaque semaine aux personnes âgées isolées du quartier."
    src.write_text("id,text\n" + "".join(f"{i},{good}\n" for i in range(200)) + "201,a,b,c\n", encoding="utf-8")
    source = open_table(src)
    assert source.columns == ["id", "text"]  # opening reads only the head; the bad line is met later
    with pytest.raises(InputError, match="line 202 has 4 cells"):
        tag_file(model, source, tmp_path / "out.jsonl", ["text"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_two_jobs_write_what_one_writes(trained_model_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 4)  # 16 rows: four chunks over two worker processes
    scratch = tmp_path / "scratch"  # where the parent leaves the pickled model for its workers
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        args = ["tag", str(EXAMPLES), "-o", str(out), "--model", str(trained_model_dir), "--id-col", "Ref"]
        assert main([*args, *sum((["--text-col", c] for c in TEXT), []), "--jobs", jobs, "--quiet"]) == 0
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) == len(read_table(EXAMPLES))
    assert list(scratch.iterdir()) == []  # the model's file is gone with the run


def test_dask_cluster_writes_what_a_local_run_writes(model, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 4)
    tag_file(model, EXAMPLES, tmp_path / "local.jsonl", TEXT, "Ref")
    # workers in this process (fast to start; the model still travels as pickled bytes, scattered once)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        summary = tag_file(
            model, EXAMPLES, tmp_path / "dask.jsonl", TEXT, "Ref", backend="dask", scheduler=cluster.scheduler_address
        )
    assert summary.cases == len(read_table(EXAMPLES))
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_dask_errors_say_what_to_do(model, tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    monkeypatch.setattr(streaming, "DASK_CONNECT_TIMEOUT", 1)
    with pytest.raises(BackendError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        tag_file(model, EXAMPLES, tmp_path / "out.jsonl", TEXT, backend="dask", scheduler="tcp://127.0.0.1:9")
    args = ["tag", str(EXAMPLES), "-o", str(tmp_path / "out.csv"), "--text-col", "Description", "--backend", "dask"]
    assert main(args) == 3
    assert "needs --scheduler ADDRESS" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    assert main([*args, "--scheduler", "tcp://127.0.0.1:9"]) == 3
    assert "pip install 'casemine[distributed]'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_local_workers_get_the_model_by_path_not_by_bytes(model, tmp_path, monkeypatch):
    shipped = streaming._ShippedModel(model, str(tmp_path))
    assert len(pickle.dumps(shipped)) < 1000  # what travels with each chunk: a key and a path
    monkeypatch.setattr(streaming, "_WORKER_MODELS", {})  # a fresh worker
    text = "Des bénévoles rendent visite chaque semaine aux personnes âgées isolées du quartier."
    assert tag_texts(shipped.get(), [text])[0].to_json() == tag_texts(model, [text])[0].to_json()


def test_batches_parsed_while_the_last_ones_are_encoded_keep_every_row_in_its_place(model, monkeypatch):
    import casemine.tagging as tagging
    from casemine.streaming import TagPlan, tag_records

    rows = read_table(EXAMPLES).rows[:7]
    alone = [tag_texts(model, streaming._texts([(r, None)], TEXT))[0].to_json() for r in rows]
    monkeypatch.setattr(tagging, "BATCH_SIZE", 2)  # chunks of 3 rows in batches of 2: batches straddle chunks
    unreadable = ({"Ref": "bad"}, "an unreadable row")
    records = [(r, None) for r in rows[:3]] + [unreadable] * 3 + [(r, None) for r in rows[3:]] + [unreadable]
    out = list(tag_records(model, records, TagPlan(TEXT, "Ref"), chunk_size=3))
    assert [row["Ref"] for row, _ in out] == [row["Ref"] for row, _ in records]
    tagged = [result.to_json() for (_, problem), (_, result) in zip(records, out, strict=True) if problem is None]
    assert tagged == alone  # each text's result as if tagged alone, whichever batch it shared
    assert all(result.reasons == ["an unreadable row"] for (_, p), (_, result) in zip(records, out, strict=True) if p)
