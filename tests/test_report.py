"""The HTML evaluation report and the side-by-side comparison of two models."""

import json
from html.parser import HTMLParser

import pytest
from conftest import training_slice

from casemine.cli import main
from casemine.scheme import SCHEME


class _Page(HTMLParser):
    """Headings (with ids), images and every tag's attributes of a page."""

    def __init__(self):
        super().__init__()
        self.headings, self.images, self.links, self._open = [], [], [], None
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("h1", "h2", "h3"):
            self._open = [tag, attrs.get("id"), ""]
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in ("link", "script") or (tag == "a" and attrs.get("href")):
            self.links.append((tag, attrs))

    def handle_data(self, data):
        if self._open:
            self._open[2] += data

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.headings.append(tuple(self._open))
            self._open = None


@pytest.fixture(scope="module")
def held_out(corpus_cases, tmp_path_factory):
    """Thirty corpus cases the slice model was not trained on, as a corpus file."""
    seen = {c.id for c in training_slice(corpus_cases)}
    rest = [c for c in corpus_cases if c.id not in seen][:30]
    path = tmp_path_factory.mktemp("held_out") / "held_out.jsonl"
    path.write_text("".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in rest), "utf-8")
    return path, rest


def test_evaluate_writes_a_self_contained_html_report(trained_model_dir, held_out, tmp_path, capsys):
    import base64

    path, rest = held_out
    report = tmp_path / "report.html"
    assert main(["evaluate", "--model", str(trained_model_dir), str(path), "--report", str(report)]) == 0
    assert "scope (n=30)" in capsys.readouterr().out  # the metrics are still printed
    page = _Page()
    page.feed(report.read_text("utf-8"))
    h2 = [text for tag, _, text in page.headings if tag == "h2"]
    assert h2 == [
        "Per-family metrics",
        "Per-label metrics",
        "Per-label F1",
        "Confusion matrices",
        "Calibration",
        "Worst errors",
    ]
    assert page.headings[0][2] == "casemine evaluation of model test-slice"
    # one F1 chart per family, confusion matrices for the single-label families, the reliability plot
    expected = {f"f1-{f.id}" for f in SCHEME.families} | {"confusion-scope", "confusion-sector", "reliability"}
    assert expected <= page.ids
    assert len(page.images) == len(SCHEME.families) + 2 + 1
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.links == []  # self-contained: no stylesheet, script or link to fetch
    # the worst errors are real cases of the held-out set, with the evidence of their wrong tags
    errors = [text for tag, _, text in page.headings if tag == "h3" and "(" in text]
    ids = {c.id for c in rest}
    assert errors and all(text.split(" ")[0] in ids for text in errors)
    text = report.read_text("utf-8")
    assert "Evidence for" in text and "<blockquote>" in text
    # existing report kept without --overwrite, before any evaluation is done
    assert main(["evaluate", "--model", str(trained_model_dir), str(path), "--report", str(report)]) == 3
    assert "--overwrite" in capsys.readouterr().err
    assert main(["evaluate", "--model", str(trained_model_dir), str(path), "--report", str(tmp_path / "r.txt")]) == 3


def test_worst_errors_hold_wrong_tags_with_their_evidence(trained_model_dir, held_out):
    from casemine.model import load_model
    from casemine.report import build_evaluation, render_html

    _, rest = held_out
    evaluation = build_evaluation(load_model(trained_model_dir), rest, max_errors=5)
    assert 0 < len(evaluation.errors) <= 5
    weights = [e.weight for e in evaluation.errors]
    assert weights == sorted(weights, reverse=True)
    gold = {c.id: c.labels for c in rest}
    for error in evaluation.errors:
        for family_id, fam in error.families.items():
            truth = SCHEME[family_id].values(gold[error.id])
            assert fam["gold"] == truth
            assert all(label not in truth for label, _ in fam["wrong"])
            assert all(label in truth and label not in fam["predicted"] for label in fam["missed"])
        for family_id, labels in error.evidence.items():
            assert set(labels) <= {label for label, _ in error.families[family_id]["wrong"]}
    labels, matrix = evaluation.confusion["scope"]
    assert matrix.sum() == len(rest) and set(labels) <= set(SCHEME["scope"].ids)
    accuracy = evaluation.metrics["scope"]["accuracy"]
    assert matrix.trace() / matrix.sum() == pytest.approx(accuracy)
    assert not evaluation.seen and "optimistic" not in render_html(evaluation)


def test_report_warns_when_evaluated_on_the_training_cases(trained_model_dir, corpus_cases):
    from casemine.model import load_model
    from casemine.report import build_evaluation, render_html

    evaluation = build_evaluation(load_model(trained_model_dir), training_slice(corpus_cases), max_errors=1)
    assert evaluation.seen and "the model was trained on: its figures here are optimistic" in render_html(evaluation)


def test_compare_two_models_side_by_side(trained_model_dir, held_out, corpus_cases, tmp_path, capsys):
    import casemine

    path, rest = held_out
    other = casemine.train(training_slice(corpus_cases, per_lang=20), cv_folds=0, name="small", C=1.0)
    other.save(tmp_path / "small")
    a, b = casemine.load_model(trained_model_dir), casemine.load_model(tmp_path / "small")
    comparison = casemine.compare(a, b, rest)
    ea, eb = casemine.evaluate(a, rest), casemine.evaluate(b, rest)
    assert (comparison["a"], comparison["b"], comparison["cases"]) == ("test-slice", "small", 30)
    scope = comparison["families"]["scope"]
    assert scope["figures"]["accuracy"]["a"] == ea["scope"]["accuracy"]
    assert scope["figures"]["accuracy"]["b"] == eb["scope"]["accuracy"]
    assert scope["figures"]["accuracy"]["diff"] == pytest.approx(eb["scope"]["accuracy"] - ea["scope"]["accuracy"])
    for label, row in comparison["families"]["drivers"]["labels"].items():
        assert row["f1"]["diff"] == pytest.approx(
            eb["drivers"]["labels"][label]["f1"] - ea["drivers"]["labels"][label]["f1"]
        )
    assert main(["compare", str(trained_model_dir), str(tmp_path / "small"), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A = test-slice, B = small, on 30 cases")
    line = next(x for x in out.splitlines() if x.strip().startswith("accuracy"))
    assert f"{ea['scope']['accuracy']:.3f}" in line and f"{eb['scope']['accuracy']:.3f}" in line
    assert any(x.strip().startswith("empowerment F1") for x in out.splitlines())
    assert main(["compare", str(trained_model_dir), str(tmp_path / "small"), str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(comparison))
