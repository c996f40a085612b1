import json

import pytest
from conftest import CORPUS

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
    cases = read_cases(write(tmp_path / "c.jsonl", GOOD, en))
    stats = corpus_stats(cases)
    assert stats["cases"] == 2 and stats["languages"] == {"fr": 1, "en": 1}
    assert stats["families"]["scope"]["coproduction"] == {"total": 1, "fr": 1, "en": 0}
    assert stats["families"]["type"]["co_delivery"]["total"] == 1
    # type counts only co-production cases, so the contracting-out case is not a "(none)"
    assert stats["families"]["type"]["(none)"]["total"] == 0
    assert stats["families"]["drivers"]["(none)"] == {"total": 1, "fr": 0, "en": 1}
    assert main(["corpus", "stats", str(tmp_path)]) == 0
    assert "2 cases: en 1, fr 1" in capsys.readouterr().out


def test_the_project_corpus_is_valid_and_bilingual():
    cases, problems = check_cases([CORPUS / "cases"])
    assert problems == []
    langs = corpus_stats(cases)["languages"]
    assert langs.get("fr", 0) >= 40 and langs.get("en", 0) >= 40
