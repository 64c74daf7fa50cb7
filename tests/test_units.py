"""Direct unit tests of the figures, the regional table, lineage, the page models and the TopoJSON decoder,
on tiny inputs whose expected outputs are worked out by hand."""

from __future__ import annotations

import json

import numpy as np
import pytest

from regions.exports import table
from regions.geo import lineage, topojson
from regions.pages import compare, profile
from regions.pages import map as map_page
from regions.present import figures
from regions.present.figures import Category, MapUnit

# Two unit squares side by side: the smallest map.
SQUARES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": "A", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [[[60, 45], [60, 46], [61, 46], [61, 45], [60, 45]]]}},
        {"type": "Feature", "id": "B", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [[[61, 45], [61, 46], [62, 46], [62, 45], [61, 45]]]}},
    ],
}  # fmt: skip
CATS = [Category("r1", "Role one", "#E69F00"), Category("", "No role", "#d9d9d9")]


def test_categorical_map_colours_each_unit_by_its_category_and_lists_the_legend_in_order():
    units = [MapUnit("A", "Alpha", "", category="r1"), MapUnit("B", "Beta", "", category="")]
    fig = json.loads(
        figures.map_figure(units, SQUARES, lang="en", categorical=True, categories=CATS).to_json()
    )
    (choro,) = [t for t in fig["data"] if t["type"] == "choropleth"]
    assert choro["locations"] == ["A", "B"] and choro["z"] == [0, 1]
    legend = [t["name"] for t in fig["data"] if t["type"] == "scattergeo" and t.get("showlegend")]
    assert legend == ["Role one", "No role"]
    # The stepped scale: band 0 is the first category's colour, band 1 the second's.
    assert [c for _, c in choro["colorscale"]] == ["#E69F00", "#E69F00", "#d9d9d9", "#d9d9d9"]


def test_a_filter_splits_in_focus_and_dimmed_units_into_two_traces():
    units = [MapUnit("A", "Alpha", "", category="r1"), MapUnit("B", "Beta", "", category="")]
    fig = figures.map_figure(units, SQUARES, lang="en", categorical=True, categories=CATS, highlight={"B"})
    choros = [t for t in fig.data if t.type == "choropleth"]
    assert [(list(t.locations), t.marker.opacity) for t in choros] == [
        (["B"], 1.0),
        (["A"], figures.DIMMED_OPACITY),
    ]
    # Each trace carries only its own feature.
    assert [[f["id"] for f in t.geojson["features"]] for t in choros] == [["B"], ["A"]]
    # Outside the filter is its own look (white), never a faded role colour or the "no role" grey; the
    # legend lists the categories in focus, then "outside the filter".
    assert {c for _, c in choros[1].colorscale} == {figures.OUT_OF_FOCUS_COLOUR}
    assert figures.OUT_OF_FOCUS_COLOUR not in (c.colour for c in CATS)
    legend = [t.name for t in fig.data if t.type == "scattergeo" and t.showlegend]
    assert legend == ["No role", "outside the filter"]


def test_a_missing_value_is_drawn_as_missing_never_as_a_value():
    units = [MapUnit("A", "Alpha", "", value=3.0), MapUnit("B", "Beta", "", value=None)]
    fig = figures.map_figure(
        units, "/app/static/x.json", lang="en", categorical=False, missing_label="no data"
    )
    valued, missing = [t for t in fig.data if t.type == "choropleth"]
    assert list(valued.locations) == ["A"] and list(valued.z) == [3.0]
    assert list(missing.locations) == ["B"] and missing.name == "no data"
    assert valued.geojson == missing.geojson == "/app/static/x.json"  # a URL passes through untouched


def test_country_labels_follow_the_language():
    units = [MapUnit("A", "Alpha", "", category="r1")]
    texts = {}
    for lang in ("en", "ru", "kk"):
        fig = figures.map_figure(units, SQUARES, lang=lang, categorical=True, categories=CATS[:1])
        (labels,) = [t for t in fig.data if t.name == "countries"]
        texts[lang] = list(labels.text)
    assert "RUSSIA" in texts["en"] and "РОССИЯ" in texts["ru"] and "РЕСЕЙ" in texts["kk"]


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
    assert book.sheetnames == ["regions", "dictionary", "sources"]
    sheet = book["regions"]
    assert sheet.freeze_panes == "A2"
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
def test_a_measured_filter_names_its_proxy_and_what_cannot_be_measured(lang):
    notes = map_page.filter_notes(("metallurgy", "high_tech", "mining"), "measured", lang)
    assert len(notes) == 2  # mining has its own section: nothing to say
    from regions.present.labels import indicator_label, sector_names

    assert sector_names(lang)["metallurgy"] in notes[0]
    assert indicator_label("share_manufacturing", lang) in notes[0]
    assert sector_names(lang)["high_tech"] in notes[1]
    assert map_page.filter_notes(("metallurgy",), "designated", lang) == []
