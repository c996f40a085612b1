import json

import pytest
from conftest import CORPUS, SHARED

from casemine.cli import main
from casemine.corpus import CorpusError, check_cases, corpus_stats, read_cases

GOOD = {
    "id": "fr-t1",
    "lang": "fr",
    "title": "Voisins solidaires",
    "text": "Des bénévoles du quartier livrent des repas avec le CCAS.",
    "country": "FR",
    "labels": {
        "scope": "coproduction",
        "type": ["co_delivery"],
        "sector": "social_protection",
        "drivers": ["empowerment"],
        "barriers": [],
    },
    "source": "test",
    "annotator": "test",
    "translation_of": None,
}


def write(path, *records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def variant(**changes):
    record = json.loads(json.dumps(GOOD))
    labels = changes.pop("labels", {})
    record["labels"].update(labels)
    record.update(changes)
    return record


def test_good_case_is_read_with_extra_fields_kept(tmp_path):
    [case] = read_cases(write(tmp_path / "a.jsonl", GOOD))
    assert case.id == "fr-t1" and case.labels["type"] == ["co_delivery"]
    assert "translation_of" in case.extra and case.origin.endswith("a.jsonl:1")
    assert case.to_json()["translation_of"] is None


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (variant(labels={"sector": "healthcare"}), "unknown sector id 'healthcare'"),
        (variant(labels={"drivers": ["empowerment", "fun"]}), "unknown drivers id 'fun'"),
        (variant(labels={"scope": "consultation_only"}), "type is only for coproduction cases"),
        (variant(text="  "), "missing or empty 'text'"),
        (variant(labels={"type": "co_delivery"}), "labels.type must be a list"),
        (variant(labels={"sector": ["health"]}), "labels.sector must be one id or null"),
        (variant(labels={"mood": "happy"}), "unknown label family 'mood'"),
        (variant(country="France"), "'country' must be ISO 3166-1 alpha-2"),
    ],
)
def test_each_problem_is_reported_with_file_line_and_id(tmp_path, record, expected):
    path = write(tmp_path / "bad.jsonl", GOOD | {"id": "ok-1"}, record)
    cases, problems = check_cases([path])
    assert [c.id for c in cases] == ["ok-1"]
    messages = [str(p) for p in problems]
    assert any(expected in m for m in messages), messages
    assert all(m.startswith(f"{path}:2 [fr-t1]: ") for m in messages)


def test_bad_json_and_duplicates_across_files(tmp_path):
    a = write(tmp_path / "a.jsonl", GOOD, "{not json")
    b = write(tmp_path / "b.jsonl", GOOD)
    _, problems = check_cases([tmp_path])
    text = [str(p) for p in problems]
    assert f"{a}:2: bad JSON: Expecting property name enclosed in double quotes at column 2" in text
    assert any(t.startswith(f"{b}:1 [fr-t1]: duplicate id (first at {a}:1)") for t in text)
    with pytest.raises(CorpusError) as err:
        read_cases(tmp_path)
    assert len(err.value.problems) == 2 and "2 problem(s)" in str(err.value)


def test_missing_path_and_empty_folder(tmp_path):
    _, problems = check_cases([tmp_path / "nope.jsonl"])
    assert "no such file" in str(problems[0])
    _, problems = check_cases([tmp_path])
    assert "no .jsonl files found" in str(problems[0])


def test_cli_check_exit_codes_and_output(tmp_path, capsys):
    write(tmp_path / "bad.jsonl", variant(labels={"sector": "healthcare"}))
    assert main(["corpus", "check", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "bad.jsonl:1 [fr-t1]: unknown sector id 'healthcare'" in out.out
    write(tmp_path / "bad.jsonl", GOOD)
    assert main(["corpus", "check", str(tmp_path)]) == 0


def test_stats_count_labels_per_language(tmp_path, capsys):
    en = variant(id="en-t1", lang="en", labels={"scope": "contracting_out", "type": [], "drivers": []})
    fr = GOOD | {"rationales": {"drivers": {"empowerment": []}, "barriers": {}}}
    cases = read_cases(write(tmp_path / "c.jsonl", fr, en))
    stats = corpus_stats(cases)
    assert stats["cases"] == 2 and stats["languages"] == {"fr": 1, "en": 1}
    assert stats["families"]["scope"]["coproduction"] == {"total": 1, "fr": 1, "en": 0}
    assert stats["families"]["type"]["co_delivery"]["total"] == 1
    # type counts only co-production cases, so the contracting-out case is not a "(none)"
    assert stats["families"]["type"]["(none)"]["total"] == 0
    assert stats["families"]["drivers"]["(none)"] == {"total": 1, "fr": 0, "en": 1}
    assert stats["rationales"] == {
        "cases": 1,
        "drivers": {"labels": 1, "without_sentence": 1},
        "barriers": {"labels": 0, "without_sentence": 0},
    }
    assert main(["corpus", "stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 cases: en 1, fr 1" in out
    assert "rationales: 1 of 2 cases; labels no sentence supports: drivers 1 of 1, barriers 0 of 0" in out


def test_the_project_corpus_is_valid_and_bilingual():
    cases, problems = check_cases([CORPUS / "cases"])
    assert problems == []
    langs = corpus_stats(cases)["languages"]
    assert langs.get("fr", 0) >= 40 and langs.get("en", 0) >= 40


def test_labels_only_files_join_their_text_from_outside_data(tmp_path, monkeypatch):
    data = tmp_path / "data" / "participedia"
    data.mkdir(parents=True)
    body = "Note: a German translation of this case study is available.\nSummary\nResidents vote on the budget.\nReferences\n[1] x"
    (data / "participedia_v2_dev.jsonl").write_text(
        json.dumps({"id": 7, "title": "Budget vote", "body_text": body}) + "\n", encoding="utf-8"
    )
    labels = {k: v for k, v in GOOD.items() if k != "text"} | {"id": "participedia-7", "participedia_id": 7}
    path = write(tmp_path / "x.labels.jsonl", labels)
    monkeypatch.setenv("CASEMINE_DATA", str(tmp_path / "data"))
    [case] = read_cases(path)
    assert case.text == "Budget vote\nSummary\nResidents vote on the budget."
    # checking needs no outside data; reading does, and says where to put it
    monkeypatch.setenv("CASEMINE_DATA", str(tmp_path / "elsewhere"))
    assert check_cases([path])[1] == []
    with pytest.raises(CorpusError, match="set CASEMINE_DATA"):
        read_cases(path)
    # the licence keeps outside text out of the project: a labels-only file must not hold it
    write(path, labels | {"text": "copied"})
    assert "must not hold 'text'" in str(check_cases([path])[1][0])


@pytest.mark.skipif(not (SHARED / "data" / "participedia").exists(), reason="outside data not present")
def test_participedia_labels_cover_at_least_100_real_cases(monkeypatch):
    monkeypatch.delenv("CASEMINE_DATA", raising=False)
    cases = read_cases(CORPUS / "external")
    assert len(cases) >= 100 and all(c.lang == "en" and len(c.text.split()) > 20 for c in cases[:5])
    assert {c.labels["scope"] for c in cases} >= {"coproduction", "consultation_only", "out_of_scope"}


def test_labeller_agreement_kappa_and_micro_f1(tmp_path, capsys):
    from casemine.evaluation import labeller_agreement

    a = {
        "scope": "coproduction",
        "type": ["co_delivery"],
        "sector": "health",
        "drivers": ["empowerment"],
        "barriers": [],
    }
    b = {"scope": "consultation_only", "type": [], "sector": "education", "drivers": [], "barriers": ["evidence_gap"]}
    first = [a, b, a, b]
    same = labeller_agreement(first, first)
    assert same["scope"]["kappa"] == 1.0 and same["drivers"]["micro_f1"] == 1.0
    other = labeller_agreement(first, [a, b, b | {"sector": "health"}, a | {"sector": "education"}])
    assert other["scope"]["kappa"] == 0.0 and other["scope"]["agreement"] == 0.5
    assert other["sector"]["agreement"] == 1.0
    assert other["type"]["n"] == 1  # only cases both labellers call co-production
    en = variant(id="en-t1", lang="en", labels={"scope": "contracting_out", "type": [], "sector": "health"})
    write(tmp_path / "c.jsonl", GOOD, en)
    second = tmp_path / "second.txt"
    second.write_text(
        "".join(json.dumps({"id": r["id"], "labels": r["labels"]}) + "\n" for r in (GOOD, en)), encoding="utf-8"
    )
    assert main(["corpus", "agreement", str(tmp_path / "c.jsonl"), "--second", str(second)]) == 0
    out = capsys.readouterr().out
    assert "scope      n=2    Cohen's kappa 1.000" in out
