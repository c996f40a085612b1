"""The Python API: ``model.tag`` gives a DataFrame with one row per input and the spreadsheet's columns."""

import pandas as pd
import pytest
from conftest import EXAMPLES

from casemine.scheme import SCHEME
from casemine.spreadsheet import tool_columns

FR = "Le CCAS de Nantes forme des bénévoles qui rendent visite chaque semaine aux personnes âgées isolées du quartier."
EN = "Volunteers trained by the city council visit isolated older people at home every week to break their loneliness."


def test_tag_texts_gives_one_row_per_text_in_order(shipped_model):
    frame = shipped_model.tag([FR, "", EN, None, "Hallo, wie geht es dir heute? Das Wetter ist schön."])
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["text", *tool_columns()]
    assert len(frame) == 5 and list(frame.index) == list(range(5))
    assert list(frame["casemine_language"]) == ["fr", "undetermined", "en", "undetermined", "de (unsupported)"]
    assert frame.loc[0, "casemine_scope"] in [SCHEME["scope"].label(i).name("en") for i in SCHEME["scope"].ids]
    french = shipped_model.tag([FR], label_form="fr").loc[0, "casemine_scope"]
    assert french in [SCHEME["scope"].label(i).name("fr") for i in SCHEME["scope"].ids]
    assert shipped_model.tag([FR], label_form="ids").loc[0, "casemine_scope"] in SCHEME["scope"].ids
    assert frame.loc[1, "casemine_needs_review"] == "yes" and pd.isna(frame.loc[1, "casemine_scope"])
    assert frame.loc[2, "text"] == EN
    # the same values the spreadsheet writes, from the same results
    from casemine.spreadsheet import flat_values

    [result] = shipped_model.tag_texts([EN])
    row = frame.loc[2, tool_columns()].to_dict()
    assert {k: None if pd.isna(v) else v for k, v in row.items()} == flat_values(result)


def test_tag_dataframe_keeps_its_rows_columns_and_index(shipped_model):
    source = pd.read_excel(EXAMPLES).head(4)
    source.index = [f"row{k}" for k in range(len(source))]
    frame = shipped_model.tag(source, text_col=["Description", "Objectives"], id_col="Ref")
    assert list(frame.index) == list(source.index)
    assert list(frame.columns) == [*map(str, source.columns), *tool_columns()]
    assert frame["Ref"].tolist() == source["Ref"].tolist()
    assert frame["casemine_sector"].notna().all()
    with pytest.raises(ValueError, match="no column 'Descripton'.*Did you mean 'Description'"):
        shipped_model.tag(source, text_col="Descripton")


def test_api_names_are_the_library_functions():
    import casemine
    from casemine import config, model, report

    assert casemine.load_model is model.load_model and casemine.train is model.train
    assert casemine.evaluate is model.evaluate and casemine.compare is model.compare
    assert casemine.TrainConfig is config.TrainConfig and casemine.write_report is report.write_report
    assert set(casemine.__all__) <= set(dir(casemine))
