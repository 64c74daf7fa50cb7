"""Direct unit tests of the regional table, lineage, the page models and the TopoJSON decoder,
on tiny inputs whose expected outputs are worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from regions.exports import table
from regions.geo import lineage, topojson
from regions.pages import compare, profile
from regions.pages import map as map_page


def test_topojson_decoder_reverses_and_joins_quantised_arcs():
    # Quantised, delta-encoded arcs (scale 1, translate 0): arc 0 goes (0,0)->(2,0)->(2,2), arc 1 back.
    topo = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    }
    arcs = [np.cumsum(np.asarray(a, dtype=float), axis=0) for a in topo["arcs"]]
    square = topojson.decode({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    assert square.area == pytest.approx(4.0)
    # ~1 is arc 1 reversed: the same ring walked the other way round, the same area.
    again = topojson.decode({"type": "Polygon", "arcs": [[~1, ~0]]}, arcs)
    assert again.area == pytest.approx(4.0)
    assert topojson.decode({"type": "LineString", "arcs": [0]}, arcs) is None


def test_lineage_successors_and_predecessors_agree():
    succ = lineage.successors_2020()
    assert succ["KZ-63"] == ("KZ-10", "KZ-63") and succ["KZ-11"] == ("KZ-11",)
    for parent, parts in succ.items():
        assert all(lineage.predecessor_2020(p) == parent for p in parts)
    with pytest.raises(KeyError, match="KZ-99"):
        lineage.link_for("KZ-99")


def test_a_lineage_file_with_an_unknown_relation_names_the_row(tmp_path):
    path = tmp_path / "lineage.csv"
    path.write_text(
        "code_2020,code_2022,relation,reform,decree_date,in_force\nKZ-11,KZ-11,merged,,,\n", encoding="utf-8"
    )
    with pytest.raises(lineage.LineageError, match=r"lineage\.csv, row 2: relation 'merged'"):
        lineage.load_lineage(path)


def test_the_national_row_sums_the_units_geography():
    df = table.regional_table("2022", with_national=True)
    units, nation = df[df["iso_code"] != "KZ"], df[df["iso_code"] == "KZ"].iloc[0]
    assert nation["area_km2"] == pytest.approx(round(units["area_km2"].sum(), 1))
    assert (nation["name_en"], nation["name_ru"], nation["name_kk"]) == (
        "Kazakhstan",
        "Казахстан",
        "Қазақстан",
    )
    assert len(units) == 20


def test_profile_ranks_and_compares_with_the_nation():
    rows = profile.profile_indicators("KZ-71", "2022", "en").set_index("Indicator")
    # Astana is one of the 20 units and has a rank among them on population.
    rank = rows.loc[rows.index[rows.index.str.startswith("Population")][0], "Rank"]
    assert rank.endswith("/ 20") and 1 <= int(rank.split()[0]) <= 20


def test_profile_lineage_text_names_the_parent_region():
    assert "East Kazakhstan" in profile.lineage_text("KZ-10", "2022", "en")
    assert "Abai" in profile.lineage_text("KZ-63", "2020", "en")


def test_compare_table_has_one_column_per_unit_and_the_nation():
    frame = compare.compare_table(["KZ-35", "KZ-62"], "2022", "en", "strict")
    assert list(frame.columns) == ["Karaganda Region", "Ulytau Region", "Kazakhstan"]
    assert frame.loc["Designated roles", "Ulytau Region"] == "none"  # strict: nothing inherited
    assert "(named in the address)" in frame.loc["Designated roles", "Karaganda Region"]


def test_role_categories_enumerate_every_combination_once():
    from regions.policy import roles

    cats = map_page.role_categories()
    assert len(cats) == len(set(cats)) == 2 ** len(roles.load_roles()) and cats[-1] == ()
    assert [len(c) for c in cats] == sorted(len(c) for c in cats[:-1]) + [0]


def test_xlsx_has_a_frozen_header_number_formats_empty_cells_and_a_dictionary():
    import io

    import openpyxl
    import pandas as pd

    df = table.regional_table("2022", with_national=True)
    book = openpyxl.load_workbook(io.BytesIO(table.export(df, "xlsx", "2022")))
    assert book.sheetnames == ["regions", "dictionary", "sources", "view"]
    sheet = book["regions"]
    assert sheet.freeze_panes == "C2"  # the header row, the code and the name (tests/test_xlsx_for_people.py)
    header = [c.value for c in sheet[1]]
    grp = sheet.cell(row=2, column=header.index("grp_2024") + 1)
    assert isinstance(grp.value, (int, float)) and grp.number_format == "#,##0.0"  # one decimal, as BNS
    national = sheet.max_row  # the last row, KZ: it has no KATO code and no neighbours
    assert sheet.cell(row=national, column=header.index("kato") + 1).value is None
    dictionary = pd.read_excel(io.BytesIO(table.export(df, "xlsx", "2022")), sheet_name="dictionary")
    assert list(dictionary["id"]) == list(df.columns)
    row = dictionary.set_index("id").loc["grp_2024"]
    assert (
        row["unit"] == "million KZT"
        and "млн" in row["label_ru"]
        and "Bureau of National Statistics" in row["source"]
    )


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_measured_filter_names_its_measure_and_what_cannot_be_measured(lang):
    notes = map_page.filter_notes(("metallurgy", "high_tech", "mining"), "measured", lang)
    assert len(notes) == 2  # mining has its own section: nothing to say
    from regions.present.labels import indicator_label, sector_names

    assert sector_names(lang)["metallurgy"] in notes[0]
    assert indicator_label("share_exports_base_metals", lang) in notes[0]
    assert sector_names(lang)["high_tech"] in notes[1]
    assert map_page.filter_notes(("metallurgy",), "designated", lang) == []
