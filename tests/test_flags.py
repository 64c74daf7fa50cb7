"""Flags of an indicator's years (preliminary figures, series breaks): recorded faithfully, validated, and
marked next to the figures on the map, ranking, profile, compare and tables, and in the exports' dictionary.

Expected marks are read from ``data/i18n.json`` and expected flags from the indicators' own notes, not from
the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from regions.base import store
from regions.exports import table
from regions.pages import compare, profile, ranking
from regions.pages import map as map_page
from regions.present.labels import flag_line, flag_mark, format_indicator, table_column_label
from regions.stats import statistics

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
LANGS = ("en", "ru", "kk")
PRELIM = {lang: I18N["flag_preliminary"][lang] for lang in LANGS}
BREAK = {lang: I18N["flag_break"][lang] for lang in LANGS}


def _stored_years() -> dict[str, set[int]]:
    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        out: dict[str, set[int]] = {}
        for row in csv.DictReader(f):
            out.setdefault(row["indicator"], set()).add(int(row["year"]))
    return out


# --------------------------------------------------------------------------------------------------
# The record


def test_every_note_saying_2025_is_preliminary_is_a_flag_and_no_other() -> None:
    # The prose of each indicator's notes is the record the flags rest on: "2025 is preliminary",
    # "2025 preliminary", "2025 GRP is preliminary" (the 2025 figures of its input).
    said = re.compile(r"2025 (?:GRP )?(?:is )?preliminary")
    years = _stored_years()
    for ind in INDICATORS:
        flagged = {y for f in ind.get("flags", []) if f["kind"] == "preliminary" for y in f["years"]}
        # An indicator only says so when it has 2025 figures (its own, or both inputs' for a computed one).
        if said.search(ind["notes"]["en"]):
            assert flagged == {2025}, ind["id"]
        else:
            assert flagged == set(), ind["id"]
        for f in ind.get("flags", []):
            assert f["basis"] in ind["notes"]["en"], ind["id"]
        if ind["id"] in years:
            assert flagged <= years[ind["id"]], ind["id"]
    assert sum(1 for ind in INDICATORS if ind.get("flags")) == 13


def test_population_breaks_before_2022_as_its_note_says() -> None:
    pop = next(i for i in INDICATORS if i["id"] == "population")
    assert "pre-2022 values are not strictly comparable with later ones" in pop["notes"]["en"]
    assert pop["flags"] == [
        {
            "kind": "break",
            "years": [2022],
            "basis": "pre-2022 values are not strictly comparable with later ones",
        }
    ]
    breaks = [i["id"] for i in INDICATORS for f in i.get("flags", []) if f["kind"] == "break"]
    assert breaks == ["population"]
    assert statistics.indicator_flags("population") == {2022: ("break",)}
    assert statistics.indicator_flags("grp") == {2025: ("preliminary",)}
    assert statistics.indicator_flags("grp_per_capita") == {}  # no 2025 figure, nothing said


def _broken(tmp_path: Path, edit) -> Path:
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root, ignore=shutil.ignore_patterns("*.geojson*"))
    path = root / "indicators.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit({i["id"]: i for i in doc})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    store.stamp(root)
    return root


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda d: d["grp"]["flags"][0].update(kind="provisional"), ["indicator 'grp'", "flags/0/kind", "provisional"]),
        (lambda d: d["grp"]["flags"][0].update(years=[2014]), ["indicator 'grp'", "flags/0/years", "2014"]),
        (lambda d: d["grp_per_capita"].update(flags=[{"kind": "preliminary", "years": [2021], "basis": "No official figure for 2021"}]), ["indicator 'grp_per_capita'", "2021"]),
        (lambda d: d["density"].update(flags=[{"kind": "break", "years": [2022], "basis": "re-based on the census"}]), ["indicator 'density'", "basis"]),
    ],
    ids=["kind", "year-of-a-stored-indicator", "year-without-figure", "basis-not-in-notes"],
)  # fmt: skip
def test_a_bad_flag_is_named_with_its_file_and_indicator(tmp_path, edit, words) -> None:
    root = _broken(tmp_path, edit)
    with store.use_root(root), pytest.raises(store.DataError) as info:
        statistics.wide_table("2022")
    message = str(info.value)
    assert message.startswith("data/indicators.json"), message
    for word in words:
        assert word in message, (word, message)


# --------------------------------------------------------------------------------------------------
# Marks next to the figures


def _grp(code: str, year: int) -> float:
    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["iso_code"], row["indicator"], row["year"]) == (code, "grp", str(year)):
                return float(row["value"])
    raise AssertionError("no such figure")


@pytest.mark.parametrize("lang", LANGS)
def test_map_tooltip_marks_2025_grp_preliminary_and_not_2024(lang) -> None:
    value = _grp("KZ-11", 2025)
    for year, marked in ((2025, True), (2024, False)):
        model = map_page.map_model("2022", lang, "grp", year)
        unit = next(u for u in model.units if u.iso_code == "KZ-11")
        bold = unit.hover.rsplit("<br>", 1)[-1]
        assert bold.startswith("<b>") and bold.endswith("</b>")
        if marked:
            number = f"{value:,.1f}"
            if lang != "en":
                number = number.replace(",", "\u202f").replace(".", ",")
            assert f": {number} " in bold, bold
            assert bold.endswith(f"({PRELIM[lang]})</b>"), bold
            assert f"({PRELIM[lang]})" in model.legend_title
            assert I18N["flag_note_preliminary"][lang].format(years="2025") in model.source_line
        else:
            assert PRELIM[lang] not in unit.hover, unit.hover
            assert PRELIM[lang] not in model.legend_title
    # The SVG map's region titles carry the same line.
    from regions.present import svgmap

    svg = svgmap.map_html(svgmap.view_of(map_page.map_model("2022", lang, "grp", 2025), "2022", lang))
    assert f"({PRELIM[lang]})" in svg


def test_change_across_the_population_break_is_marked_and_after_it_not() -> None:
    assert flag_mark("population", 2023, "en", base=2021) == BREAK["en"]
    assert flag_mark("population", 2024, "en", base=2022) == ""
    assert flag_mark("grp", 2025, "ru", base=2019) == PRELIM["ru"]
    shown = map_page.shown_values(
        "2022", "kk", "population", 2023, map_page.Measure(show="change", base=2020)
    )
    assert shown.mark == BREAK["kk"] and shown.format(1.0, "kk").endswith(f"({BREAK['kk']})")
    assert shown.format(None, "kk") == I18N["missing"]["kk"]  # no data carries no mark


@pytest.mark.parametrize("lang", LANGS)
def test_ranking_marks_its_title_and_figures(lang) -> None:
    model = ranking.ranking_model("2022", lang, "grp", 2025)
    assert model.title.endswith(f"({PRELIM[lang]})")
    assert all(i.text.endswith(f"({PRELIM[lang]})") for i in model.items)
    assert PRELIM[lang] not in ranking.ranking_model("2022", lang, "grp", 2024).title
    scatter = ranking.scatter_model("2022", lang, "population", "grp", 2022)
    assert f"({BREAK[lang]})" in scatter.x_title and BREAK[lang] not in scatter.y_title


@pytest.mark.parametrize("lang", LANGS)
def test_a_2022_population_in_compare_and_profile_shows_the_break(lang) -> None:
    frame = compare.compare_table(["KZ-11", "KZ-35"], "2022", lang, "inherit", year=2022)
    name = next(i for i in INDICATORS if i["id"] == "population")["name"][lang]
    pop = f"{name}, 2022"
    assert all(cell.endswith(f"({BREAK[lang]})") for cell in frame.loc[pop])
    later = compare.compare_table(["KZ-11", "KZ-35"], "2022", lang, "inherit", year=2023)
    assert not later.apply(lambda col: col.str.contains(BREAK[lang], regex=False)).any().any()
    rows = profile.profile_indicators("KZ-11", "2022", lang, year=2022)
    value_col, year_col = rows.columns[2], rows.columns[1]
    first = rows.iloc[0]  # population, the first key indicator
    assert first[year_col] == 2022 and first[value_col].endswith(f"({BREAK[lang]})")
    assert not rows.iloc[1][value_col].endswith(")")  # GRP 2022: no flag


def test_profile_defaults_to_the_latest_year_with_its_mark() -> None:
    rows = profile.profile_indicators("KZ-11", "2022", "en").set_index("Indicator")
    assert rows.loc["Gross regional product (current prices)", "Year"] == 2025
    assert rows.loc["Gross regional product (current prices)", "Value"].endswith(f"({PRELIM['en']})")
    assert format_indicator("grp", None, "en", 2025) == I18N["missing"]["en"]


# --------------------------------------------------------------------------------------------------
# Tables and exports


def test_headers_carry_the_mark_and_the_dictionary_lists_the_flags() -> None:
    assert table_column_label("grp_2025", "kk").endswith(f"[{PRELIM['kk']}]")
    assert "[" not in table_column_label("grp_2024", "kk")
    assert table_column_label("population_2022", "ru", with_year=False).endswith(f"[{BREAK['ru']}]")
    df = table.regional_table("2022", with_national=True)
    d = table.dictionary(df).set_index("id")
    assert d.loc["grp_2025", "flags"] == I18N["flag_note_preliminary"]["en"].format(years="2025")
    assert d.loc["population_2022", "flags"] == I18N["flag_note_break"]["en"].format(years="2022")
    assert d.loc["grp_2024", "flags"] == d.loc["population_2021", "flags"] == d.loc["kato", "flags"] == ""
    assert "[" not in d.loc["grp_2025", "label_en"]  # the dictionary says it in its own column
    flagged = {c for c in d.index if d.loc[c, "flags"]}
    expected = {f"{i['id']}_{y}" for i in INDICATORS for f in i.get("flags", []) for y in f["years"]}
    assert flagged == expected & set(df.columns)


def test_exports_keep_values_numeric_and_carry_the_flags_in_their_dictionary() -> None:
    import zipfile

    df = table.regional_table("2022", with_national=True)
    with zipfile.ZipFile(io.BytesIO(table.export(df, "zip", "2022"))) as z:
        values = pd.read_csv(io.BytesIO(z.read("regions.csv")), encoding="utf-8-sig")
        dictionary = pd.read_csv(io.BytesIO(z.read("dictionary.csv")), encoding="utf-8-sig").set_index("id")
    assert pd.api.types.is_float_dtype(values["grp_2025"])
    assert values.set_index("iso_code").loc["KZ-11", "grp_2025"] == pytest.approx(_grp("KZ-11", 2025))
    assert "preliminary" in dictionary.loc["grp_2025", "flags"]
    sheet = pd.read_excel(io.BytesIO(table.export(df, "xlsx", "2022")), sheet_name="dictionary").set_index(
        "id"
    )
    assert "series break" in sheet.loc["population_2022", "flags"]


def test_a_series_source_line_names_the_flags_within_its_years() -> None:
    assert flag_line("population", range(2019, 2026), "en") == (
        "Average annual population — " + I18N["flag_note_break"]["en"].format(years="2022")
    )
    assert flag_line("population", [2022, 2023, 2024], "en") == ""  # starts at the break: nothing cut
    assert flag_line("grp", [2025], "ru").endswith(I18N["flag_note_preliminary"]["ru"].format(years="2025"))
