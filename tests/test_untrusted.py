"""Files casemine reads stay inert: model bundles cannot run code and are checked before use, cell values
cannot become live formulas in the outputs, and labelled cases with unknown label ids are refused."""

import csv
import io
import json
import shutil

import numpy as np
import pytest
from openpyxl import load_workbook
from samples import EN_TEXT, Payload

from casemine.cli import EXIT_IO, EXIT_MODEL, main
from casemine.model import BUNDLE_FORMAT, ModelError, _sha256, load_model


def bundle_copy(trained_model_dir, tmp_path, change_card=None, model_object=None):
    """A copy of a good bundle, its card edited by ``change_card`` or ``model_object`` slipped into its arrays
    (checksum updated)."""
    copy = tmp_path / "bundle"
    shutil.copytree(trained_model_dir, copy)
    card = json.loads((copy / "card.json").read_text("utf-8"))
    if model_object is not None:
        with np.load(copy / "model.npz") as arrays:
            saved = dict(arrays)
        saved["families/scope/0/coef"] = np.array([model_object], dtype=object)
        np.savez(copy / "model.npz", **saved)
        card["sha256"]["model.npz"] = _sha256(copy / "model.npz")
    if change_card is not None:
        card = change_card(card)
    (copy / "card.json").write_text(json.dumps(card), "utf-8")
    return copy


def tag_with(model_dir, tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": EN_TEXT}) + "\n", encoding="utf-8")
    code = main(["tag", str(source), "-o", str(tmp_path / "out.csv"), "--model", str(model_dir), "--quiet"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("casemine: error: ") and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()
    return code, err


def test_a_crafted_object_in_a_bundle_is_refused_and_never_built(trained_model_dir, tmp_path, capsys):
    marker = tmp_path / "pwned"
    bad = bundle_copy(trained_model_dir, tmp_path, model_object={"x": Payload(marker)})
    with pytest.raises(ModelError, match=r"not a valid model file .*allow_pickle=False.*retrain it"):
        load_model(bad)
    code, err = tag_with(bad, tmp_path, capsys)
    assert code == EXIT_MODEL and "not a valid model file" in err
    assert not marker.exists()


def test_a_bundle_with_a_wrong_checksum_is_refused(trained_model_dir, tmp_path, capsys):
    bad = bundle_copy(trained_model_dir, tmp_path, change_card=lambda card: {**card, "sha256": "0" * 64})
    code, err = tag_with(bad, tmp_path, capsys)
    assert code == EXIT_MODEL
    assert "model.npz: checksum does not match its card" in err and "restore the bundle or retrain it" in err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda card: {**card, "scheme_version": "2030.1"}, "trained for label scheme '2030.1'.*retrain it"),
        (lambda card: {**card, "format": BUNDLE_FORMAT + 1}, f"bundle of format {BUNDLE_FORMAT + 1}.*retrain it"),
        (lambda card: [card], "not a model card"),
    ],
    ids=["scheme", "format", "not-an-object"],
)
def test_a_bundle_for_another_scheme_or_format_is_refused(trained_model_dir, tmp_path, capsys, change, expected):
    bad = bundle_copy(trained_model_dir, tmp_path, change_card=change)
    with pytest.raises(ModelError, match=expected):
        load_model(bad)
    assert tag_with(bad, tmp_path, capsys)[0] == EXIT_MODEL


def test_an_unreadable_card_is_refused(trained_model_dir, tmp_path, capsys):
    bad = bundle_copy(trained_model_dir, tmp_path)
    (bad / "card.json").write_bytes(b"\xff\xfe{ not json")
    code, err = tag_with(bad, tmp_path, capsys)
    assert code == EXIT_MODEL and "unreadable model card" in err


INJECTIONS = ['=HYPERLINK("http://x","click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1"]


def test_formulas_stay_inert_in_every_output_format(tmp_path, trained_model_dir):
    source = tmp_path / "in.jsonl"
    records = [{"=1+1": value, "-12": "-12", "text": f"{value} {EN_TEXT}"} for value in INJECTIONS]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    outputs = {}
    for kind in ("xlsx", "csv", "jsonl"):
        outputs[kind] = tmp_path / f"out.{kind}"
        args = ["tag", str(source), "-o", str(outputs[kind]), "--model", str(trained_model_dir), "--quiet"]
        assert main([*args, "--text-col", "text"]) == 0
    # .xlsx: no cell of any sheet is a formula; the values are there as text
    workbook = load_workbook(outputs["xlsx"])
    assert not [c.coordinate for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "f"]
    cases = workbook["Cases"]
    assert cases["A1"].value == "=1+1" and [c.value for c in cases["A"]][1:] == INJECTIONS
    # .csv: text that a spreadsheet would run gets a leading apostrophe; a plain number does not
    rows = list(csv.reader(io.StringIO(outputs["csv"].read_text("utf-8"), newline="")))
    assert rows[0][:2] == ["'=1+1", "-12"] and [r[0] for r in rows[1:]] == ["'" + v for v in INJECTIONS]
    assert all(not cell.startswith(("=", "+", "@", "\t")) for row in rows for cell in row)
    # .jsonl: data, not a spreadsheet: each value stays exactly as given, a JSON string no program evaluates
    out = [json.loads(line) for line in outputs["jsonl"].read_text("utf-8").splitlines()]
    assert [{k: r[k] for k in ("=1+1", "-12", "text")} for r in out] == records


def test_labelled_cases_with_an_unknown_label_id_are_refused_with_file_line_and_id(tmp_path, capsys):
    from conftest import CORPUS

    good = [line for line in (CORPUS / "cases").glob("*.jsonl").__next__().read_text("utf-8").splitlines() if line]
    records = [json.loads(line) for line in good[:12]]
    records[7]["labels"]["drivers"] = [*records[7]["labels"]["drivers"], "free_lunch"]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = f"{path}:8 [{records[7]['id']}]: unknown drivers id 'free_lunch'"
    assert main(["corpus", "check", str(path)]) == 1
    assert expected in capsys.readouterr().out
    for command in (["train", str(path), "-o", str(tmp_path / "m")], ["evaluate", str(path)]):
        assert main(command) == EXIT_IO
        assert expected in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
