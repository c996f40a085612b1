import re

import pytest
from conftest import SHARED

from casemine.scheme import SCHEME, load_scheme


def test_families_kinds_and_sizes():
    assert SCHEME.family_ids == ("scope", "type", "sector", "drivers", "barriers")
    kinds = {f.id: f.kind for f in SCHEME.families}
    assert kinds == {"scope": "single", "type": "multi", "sector": "single", "drivers": "multi", "barriers": "multi"}
    sizes = {f.id: len(f.labels) for f in SCHEME.families}
    assert sizes == {"scope": 4, "type": 4, "sector": 10, "drivers": 9, "barriers": 10}
    assert SCHEME["type"].only_when_scope == "coproduction"
    assert SCHEME["scope"].only_when_scope is None


def test_every_label_has_names_in_both_languages_and_a_definition():
    for family in SCHEME.families:
        assert family.en and family.fr
        for label in family.labels:
            assert label.en and label.fr and label.definition, label.id
            assert re.fullmatch(r"[a-z_]+", label.id)
    assert SCHEME["sector"].label("health").name("fr") == "Santé"
    assert SCHEME["drivers"].label("empowerment").name("en") == "Empowerment and participation"


def test_version_and_lookup_errors():
    assert SCHEME.version and load_scheme() is SCHEME
    with pytest.raises(KeyError):
        SCHEME["colour"]
    with pytest.raises(KeyError):
        SCHEME["scope"].label("cooperation")


@pytest.mark.skipif(not (SHARED / "taxonomy" / "README.md").exists(), reason="shared taxonomy not present")
def test_ids_are_exactly_those_of_the_taxonomy_specification():
    spec = (SHARED / "taxonomy" / "README.md").read_text("utf-8")
    for family in SCHEME.families:
        section = spec.split(f"## Family `{family.id}`", 1)[1].split("\n## ", 1)[0]
        spec_ids = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
        assert tuple(spec_ids) == family.ids, family.id
