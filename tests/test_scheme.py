import re

import pytest
from conftest import SHARED

from casemine.scheme import SCHEME, LabelError, load_scheme


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


def test_a_label_written_by_a_person_resolves_from_its_id_or_either_name():
    sector = SCHEME["sector"]
    for label in sector.labels:
        for written in (label.id, label.en, label.fr, f"  {label.fr.upper()} ", label.en.lower()):
            assert sector.resolve(written) == label.id
    assert sector.resolve("Protection de l’environnement") == "environmental_protection"  # typographic apostrophe
    assert sector.resolve("sante") == sector.resolve("SANTÉ") == "health"  # accents do not matter
    assert SCHEME["type"].resolve("co-design") == "co_design"  # the name without its bracketed gloss
    assert SCHEME["type"].resolve("Co-conception (co-planification)") == "co_design"


def test_every_written_form_names_one_label_per_family():
    for family in SCHEME.families:
        forms = family._written_forms
        assert set(forms.values()) == set(family.ids)
        for label in family.labels:
            assert forms[label.en.casefold()] == label.id


def test_cells_hold_several_labels_none_or_nothing():
    drivers = SCHEME["drivers"]
    assert drivers.resolve_cell("Innovation; Confiance et légitimité ;cost_efficiency; innovation") == [
        "innovation",
        "trust_legitimacy",
        "cost_efficiency",
    ]
    # names may hold commas: only ';' separates
    assert SCHEME["barriers"].resolve_cell("Risk aversion, safety and quality concerns") == ["risk_aversion"]
    assert drivers.resolve_cell("Aucun") == [] and drivers.resolve_cell("none") == []
    assert drivers.resolve_cell(None) is None and drivers.resolve_cell("  ") is None


def test_an_unknown_label_is_refused_with_the_valid_choices():
    with pytest.raises(LabelError) as error:
        SCHEME["sector"].resolve("Healt")
    message = str(error.value)
    assert "'Healt' is not a sector label" in message and "did you mean 'health'" in message
    assert all(f"{label.id} ({label.en} / {label.fr})" in message for label in SCHEME["sector"].labels)
    with pytest.raises(LabelError):
        SCHEME["scope"].resolve("health")  # a label of another family
