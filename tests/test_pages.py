"""AppTest runs of every page: each renders without an exception and shows what it promises."""

import json
from pathlib import Path

import pytest
from map_elements import legend_swatches, legend_texts, legend_title, map_root, unit_paths, unit_titles
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
TIMEOUT = 120


def run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    """The page's texts, with the map's full citation opened first (it is drawn when opened, issue 19)."""
    if "map_source" in at.session_state and not at.session_state["map_source"]:
        at.session_state["map_source"] = True
        at.run()
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_map_page_draws_one_svg_path_per_region():
    at = run()
    assert not at.get("plotly_chart"), "the landing map must not need plotly.js"
    paths = unit_paths(at)
    assert sorted(paths) == sorted(
        f["id"] for f in json.loads((ROOT / "static" / "boundaries_2022.json").read_text())["features"]
    )
    # The legend lists exactly the categories drawn on the map (one colour each).
    fills = {p.get("fill") for p in paths.values()}
    swatches = [
        r.get("fill")
        for s in map_root(at)
        if s.get("class") == "kzmap-legend"
        for r in s.iter("{http://www.w3.org/2000/svg}rect")
    ]
    assert set(swatches) == fills and len(swatches) == len(fills)
    assert "Source:" in _texts(at)


def test_map_page_2020_layout_has_17_regions():
    at = run(layout="2020")
    assert len(unit_paths(at)) == 17


def test_map_page_numeric_indicator_marks_missing_as_missing():
    # GRP 2019 does not exist for the 2022 borders of Almaty Region, Karaganda, East Kazakhstan and the
    # three new regions: they must be drawn as "no data", never coloured as a value.
    at = run(indicator="grp", year="2019")
    paths = unit_paths(at)
    missing = {c for c, p in paths.items() if p.get("fill").startswith("url(")}
    assert missing == {"KZ-10", "KZ-19", "KZ-33", "KZ-35", "KZ-62", "KZ-63"}
    assert len(paths) - len(missing) == 14
    assert I18N["missing"]["en"] in legend_texts(at)


def test_map_page_sector_filter_dims_non_matching():
    at = run(sector="petrochemicals", mode="designated")
    paths = unit_paths(at)
    bright = {c for c, p in paths.items() if "opacity" not in p.attrib}
    dimmed = {c for c, p in paths.items() if float(p.get("opacity", 1)) < 1}
    assert bright == {"KZ-15", "KZ-23", "KZ-27", "KZ-47"}
    assert len(dimmed) == 16 and not bright & dimmed
    # No shape travels with the view: the map names the static geometry file, the paths carry no "d".
    svg = next(iter(map_root(at)))
    assert svg.get("data-geometry").startswith("/app/static/svgmap_2022.json?v=")
    assert not [c for c, p in paths.items() if "d" in p.attrib]
    assert any("4" in i.value and "20" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_interface_language_follows_query_parameter(lang):
    at = run(lang=lang)
    assert at.title[0].value == I18N["map_title"][lang]


def test_invalid_query_parameters_fall_back_with_notice():
    at = run(layout="1999", lang="xx", region="Atlantis")
    warnings = " ".join(w.value for w in at.warning)
    assert "layout" in warnings and "lang" in warnings and "region" in warnings
    assert at.title[0].value == I18N["map_title"]["en"]


def test_region_page_shows_roles_quotes_lineage_and_sources():
    at = run("app_pages/region.py", region="KZ-62")
    text = _texts(at)
    assert at.title[0].value == "Ulytau Region"
    assert "Karaganda" in text  # lineage: part of Karaganda Region in 2020
    assert "metallurgical" in text.lower()
    assert "Source:" in text
    assert len(at.dataframe) >= 3


def test_region_page_without_region_asks_for_one():
    at = run("app_pages/region.py")
    assert at.info


def test_compare_page_needs_two_then_compares():
    at = run("app_pages/compare.py")
    assert at.info
    at.multiselect(key="w_regions.en").set_value(["KZ-23", "KZ-35"]).run()
    assert not at.exception
    assert len(at.dataframe) == 1
    assert len(at.get("plotly_chart")) >= 1


def test_tables_page_offers_four_downloads_and_localised_headers():
    at = run("app_pages/tables.py", lang="ru")
    buttons = at.get("download_button")
    assert len(buttons) == 4
    assert len(at.dataframe) == 1
    assert I18N["source_prefix"]["ru"] in _texts(at)
    # Headers in Russian with units; one year of indicators at a time (the latest by default).
    labels = {c: v.get("label") for c, v in json.loads(at.dataframe[0].proto.columns).items()}
    assert labels["area_km2"] == I18N["tcol_area_km2"]["ru"]
    # 2025 is preliminary (data/indicators.json flags): marked in the header, and the mark explained.
    assert labels["grp_2025"] == "Валовой региональный продукт (в текущих ценах) (млн тенге) [предв.]"
    assert labels["population_2025"] == "Среднегодовая численность населения (человек)"
    assert "[предв.] 2025: предварительные данные" in _texts(at)
    years = {
        c.rsplit("_", 1)[1] for c in at.dataframe[0].value.columns if c.startswith(("grp_", "population_"))
    }
    assert years == {"2025"}


def test_address_page_lists_quotes_and_targets():
    at = run("app_pages/address.py")
    text = _texts(at)
    assert "metallurgical enterprises" in text
    assert "1.5 times" in text
    assert "nominal" in " ".join(w.value for w in at.warning).lower()


def test_sources_page_lists_every_data_file():
    at = run("app_pages/sources.py")
    labels = [e.label for e in at.expander]
    # One expander per data file, named by the file's title (its path is not shown to readers).
    for name in ("registry.json", "statistics.csv", "boundaries_2022.geojson", "roles.json"):
        title = json.loads((ROOT / "data" / f"{name}.meta.json").read_text(encoding="utf-8"))["title"]
        assert title in labels
    assert not any("data/" in label for label in labels)


# --------------------------------------------------------------------------------------------------
# The view: one state, mirrored by the link


def _link(at: AppTest) -> dict[str, str]:
    return {
        k: at.query_params[k][-1] if isinstance(at.query_params[k], list) else at.query_params[k]
        for k in at.query_params
    }


def test_compare_selection_comes_from_and_goes_to_the_link():
    at = run("app_pages/compare.py", regions="KZ-23,KZ-35")
    assert at.multiselect(key="w_regions.en").value == ["KZ-23", "KZ-35"]
    assert len(at.dataframe) == 1
    at.multiselect(key="w_regions.en").set_value(["KZ-23", "KZ-35", "KZ-55"]).run()
    assert _link(at)["regions"] == "KZ-23,KZ-35,KZ-55"


def test_compare_indicator_is_in_the_link_and_kept_across_languages():
    at = run("app_pages/compare.py", regions="KZ-23,KZ-35", indicator="share_mining")
    assert at.selectbox(key="w_compare_ind.en").value == "share_mining"
    at.selectbox(key="w_compare_ind.en").set_value("grp").run()
    assert not at.exception
    assert _link(at)["indicator"] == "grp"
    # The same link in Russian opens the same indicator (the language's own widget, seeded from the view).
    at = run("app_pages/compare.py", **{**_link(at), "lang": "ru"})
    assert at.selectbox(key="w_compare_ind.ru").value == "grp"
    # Without an indicator in the link (or with the map's "roles"), GRP per capita.
    at = run("app_pages/compare.py", regions="KZ-23,KZ-35")
    assert at.selectbox(key="w_compare_ind.en").value == "grp_per_capita_computed"
    assert "indicator" not in _link(at)


def test_region_picker_lands_on_every_pick():
    at = run("app_pages/region.py")
    for code, title in [
        ("KZ-23", "Atyrau Region"),
        ("KZ-35", "Karaganda Region"),
        ("KZ-55", "Pavlodar Region"),
        ("KZ-63", "East Kazakhstan Region"),
        ("KZ-71", "Astana"),
        ("KZ-10", "Abai Region"),
    ]:
        at.selectbox(key="w_region.en").set_value(code).run()
        assert not at.exception
        assert at.title[0].value == title
        assert _link(at)["region"] == code


def test_language_switch_keeps_the_rest_of_the_view():
    at = run(
        sector="metallurgy",
        mode="designated",
        indicator="grp",
        year="2023",
        region="KZ-35",
        regions="KZ-35,KZ-55",
        lineage="strict",
        layout="2020",
    )
    before = _link(at)
    at.selectbox(key="w_lang").set_value("kk").run()
    after = _link(at)
    assert after.pop("lang") == "kk"
    assert after == before
    assert at.title[0].value == I18N["map_title"]["kk"]
    assert at.sidebar.selectbox(key="w_lang").label == I18N["language"]["kk"]  # no lag of one language
    # The next interaction keeps it all too.
    at.select_slider(key="w_year.kk").set_value(2024).run()
    assert _link(at) == {**before, "lang": "kk", "year": "2024"}


# --------------------------------------------------------------------------------------------------
# Time on the map, and the ranking page


def _fig(at: AppTest, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def _rows() -> dict[tuple[str, str, str, int], float]:
    import csv

    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        return {
            (r["iso_code"], r["territory"], r["indicator"], int(r["year"])): float(r["value"])
            for r in csv.DictReader(f)
        }


ROWS = _rows()


def _stored(code: str, indicator: str, year: int) -> float:
    return ROWS[(code, "2022", indicator, year)]


def _stored_or_none(code: str, indicator: str, year: int) -> float | None:
    return ROWS.get((code, "2022", indicator, year))


def _codes(layout: str) -> list[str]:
    return sorted(
        f["id"] for f in json.loads((ROOT / "static" / f"boundaries_{layout}.json").read_text())["features"]
    )


def _viridis_fill(value: float, values: list[float]) -> str:
    """The fill of ``value`` on the map's min-max Viridis scale of ``values`` (plotly's own sampling)."""
    from plotly.colors import sample_colorscale, unlabel_rgb

    lo, hi = min(values), max(values)
    r, g, b = (
        round(float(c)) for c in unlabel_rgb(sample_colorscale("Viridis", [(value - lo) / (hi - lo)])[0])
    )
    return f"#{r:02x}{g:02x}{b:02x}"


def _number(value: float, decimals: int, lang: str, signed: bool = False) -> str:
    from regions.present.labels import format_number

    return ("+" if signed and value > 0 else "") + format_number(value, decimals, lang)


HATCHED = "url(#kzmap-hatch)"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_map_change_mode_maps_the_change_since_the_base_year(lang):
    at = run(lang=lang, indicator="grp", show="change", year="2024")
    assert _link(at)["from"] == "2019"
    paths, tips = unit_paths(at), unit_titles(at)
    changes = {}
    for code in _codes("2022"):
        a, b = _stored_or_none(code, "grp", 2019), _stored_or_none(code, "grp", 2024)
        if a is not None and b is not None:
            changes[code] = (b / a - 1) * 100
    expected = changes["KZ-55"]
    assert _number(expected, 1, lang, signed=True) in tips["KZ-55"]
    # Coloured by the change on a scale from the smallest to the largest change, not by the level.
    assert paths["KZ-55"].get("fill") == _viridis_fill(expected, list(changes.values()))
    assert {c for c, p in paths.items() if p.get("fill") == HATCHED} == set(_codes("2022")) - set(changes)
    assert "KZ-10" not in changes and paths["KZ-10"].get("fill") == HATCHED  # no 2019 figure for Abai
    title = legend_title(at)
    assert "2019–2024" in title.replace("\n", " ") and title.endswith("\n(%)")
    assert I18N["source_prefix"][lang] in _texts(at)
    # The year slider marks the address year.
    slider = at.select_slider(key=f"w_year.{lang}")
    assert I18N["year_address"][lang].format(year=2020) in slider.options
    assert at.radio(key=f"w_show.{lang}").value == "change"


def test_map_year_slider_and_base_year_change_the_link():
    at = run(indicator="grp", show="change")
    at.select_slider(key="w_year.en").set_value(2023).run()
    assert _link(at)["year"] == "2023"
    at.selectbox(key="w_base.en").set_value(2023).run()  # a base at the shown year moves the year on
    link = _link(at)
    assert (link["from"], link["year"]) == ("2023", "2025")
    at.radio(key="w_how.en").set_value("abs").run()
    assert _link(at)["how"] == "abs"


def _chain(code: str, indicator: str, base: int, end: int) -> float:
    out = 100.0
    for year in range(base + 1, end + 1):
        out *= _stored(code, indicator, year) / 100.0
    return out


def _karaganda_why(lang: str, layout: str) -> str:
    # 2022 layout: its 2020 index is for the pre-2022 borders; 2020 layout: no 2021 index (nor aggregate).
    if layout == "2022":
        return I18N["why_borders"][lang].format(year=2020)
    return I18N["why_no_index"][lang].format(year=2021)


REAL_LINK = {"indicator": "grp_volume_index", "show": "change", "from": "2019", "year": "2024"}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_map_change_mode_of_a_volume_index_is_real(lang, layout):
    at = run(lang=lang, layout=layout, **REAL_LINK)
    assert _link(at)["from"] == "2019"
    paths, tips = unit_paths(at), unit_titles(at)
    # Pavlodar's borders never changed: its value is the product of the published annual indices.
    assert _number(_chain("KZ-55", "grp_volume_index", 2019, 2024), 1, lang) in tips["KZ-55"]
    assert paths["KZ-55"].get("fill").startswith("#")
    # Karaganda: never chained across a change of borders (or a missing year): no data, and why.
    assert paths["KZ-35"].get("fill") == HATCHED
    assert _karaganda_why(lang, layout) in tips["KZ-35"]
    title = legend_title(at).replace("\n", " ")
    assert I18N["change_legend_real"][lang].format(indicator="", base=2019, year=2024).strip(": ") in title
    assert I18N["unit_index"][lang].format(base=2019) in title
    assert _karaganda_why(lang, layout) in _texts(at)  # the units without a figure, with why
    assert at.radio(key=f"w_how.{lang}").value == "idx"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_ranking_of_a_volume_index_change_is_real(lang, layout):
    at = run("app_pages/ranking.py", lang=lang, layout=layout, **REAL_LINK)
    bars = _fig(at, 0)
    names = [n for tr in bars["data"] if tr["type"] == "bar" for n in tr["y"]]
    assert len(names) == len(set(names)) == (20 if layout == "2022" else 17)
    assert I18N["change_legend_real"][lang].format(indicator="", base=2019, year=2024).strip(": ") in _texts(
        at
    )
    assert _karaganda_why(lang, layout) in _texts(at)  # Karaganda is listed as no data, with why


def test_map_play_steps_to_the_last_year_and_stops():
    at = run(indicator="population", year="2022")
    at.button(key="w_play.en").click().run()
    assert not at.exception
    assert _link(at)["year"] == "2025"
    assert at.button(key="w_play.en").label == I18N["play"]["en"]  # stopped by itself


@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_map_quantile_and_per_capita(layout):
    at = run(layout=layout, indicator="grp", year="2024", scale="quantile", per="capita")
    paths = unit_paths(at)
    swatches = legend_swatches(at)
    bins = [(fill, label) for fill, label in swatches if fill != HATCHED]
    assert len(bins) == 5 and all(" – " in label for _, label in bins)
    assert "per 1,000 inhabitants" in legend_title(at)
    # GRP per 1,000 inhabitants, computed here from the stored figures (2020 borders: the sums over each
    # unit's 2022 successors, data/lineage.csv).
    import csv

    with (ROOT / "data" / "lineage.csv").open(encoding="utf-8") as f:
        to_2020 = {r["code_2022"]: r["code_2020"] for r in csv.DictReader(f)}
    grp: dict[str, float] = {}
    pop: dict[str, float] = {}
    for code in _codes("2022"):
        unit = code if layout == "2022" else to_2020[code]
        grp[unit] = grp.get(unit, 0.0) + _stored(code, "grp", 2024)
        pop[unit] = pop.get(unit, 0.0) + _stored(code, "population", 2024)
    per = {c: grp[c] / pop[c] * 1000 for c in grp}
    assert sorted(per) == sorted(paths)
    # Each unit is in the bin of its rank (five bins of near-equal size), and within the bin's edges.
    order = [fill for fill, _ in bins]
    ranked = sorted(per, key=per.get)
    for r, code in enumerate(ranked):
        assert paths[code].get("fill") == order[r * 5 // len(ranked)], code
        low, high = (float(x.replace(",", "")) for x in dict(bins)[paths[code].get("fill")].split(" – "))
        assert low - 0.05 <= per[code] <= high + 0.05, code
    assert "Per 1,000 inhabitants" in _texts(at)


def test_map_log_scale_of_negative_changes_says_it_is_linear():
    at = run(indicator="share_mining", show="change", scale="log")
    assert any("above zero" in i.value for i in at.info)


def test_measured_sector_filter_colours_the_map_by_its_share():
    at = run(sector="mining", mode="measured")
    paths, tips = unit_paths(at), unit_titles(at)
    year = 2025
    shares = {
        c: _stored(c, "gva_B", year) / _stored(c, "grp", year) * 100
        for c in _codes("2022")
        if _stored_or_none(c, "gva_B", year) is not None and _stored_or_none(c, "grp", year)
    }
    expected = shares["KZ-55"]
    assert _number(expected, 1, "en") in tips["KZ-55"]
    # A numeric map of the share, not the roles' colours: the smallest and the largest share differ in colour.
    low, high = min(shares, key=shares.get), max(shares, key=shares.get)
    assert paths[low].get("fill") != paths[high].get("fill")
    assert str(year) in legend_title(at)


def test_metallurgy_is_measured_by_base_metals_share_of_exports():
    at = run(sector="metallurgy", mode="measured")
    tips = unit_titles(at)
    year = 2025
    share = _stored("KZ-55", "exports_base_metals", year) / _stored("KZ-55", "exports_total", year) * 100
    assert _number(share, 1, "en") in tips["KZ-55"]
    assert str(year) in legend_title(at)
    text = _texts(at)
    assert "Base metals, share of exports" in text and "exporter is registered" in text
    assert "closest published measure" not in text  # no longer the manufacturing proxy


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_ranking_page_ranks_every_unit_and_draws_a_scatter(lang, layout):
    at = run("app_pages/ranking.py", lang=lang, layout=layout)
    assert at.title[0].value == I18N["ranking_title"][lang]
    bars = _fig(at, 0)
    units = 20 if layout == "2022" else 17
    names = [n for tr in bars["data"] if tr["type"] == "bar" for n in tr["y"]]
    assert len(names) == len(set(names)) == units  # every unit once, missing ones included
    assert bars["layout"]["shapes"][0]["type"] == "line"  # the national value
    scatter = _fig(at, 1)
    assert sum(len(tr["x"]) for tr in scatter["data"] if tr["type"] == "scatter") >= units - 3
    assert I18N["source_prefix"][lang] in _texts(at)
    if lang != "en":
        assert not any(n.endswith("Region") for n in names)  # unit names in the page's language


def test_ranking_follows_the_view_and_writes_the_axes_into_the_link():
    at = run("app_pages/ranking.py", indicator="grp", year="2019", sector="petrochemicals", mode="designated")
    bars = _fig(at, 0)
    faded = {n for tr in bars["data"] if tr["type"] == "bar" and isinstance(tr["marker"].get("opacity"), list)
             for n, o in zip(tr["y"], tr["marker"]["opacity"], strict=True) if o < 1}  # fmt: skip
    # 20 units - 6 without a GRP for 2019 (drawn as "no data") - the 4 western petrochemical regions.
    assert len(faded) == 20 - 6 - 4
    assert not faded & {"Atyrau Region", "Aktobe Region", "West Kazakhstan Region", "Mangystau Region"}
    assert any("No data" in c.value for c in at.caption)  # GRP 2019 is missing for six units: listed
    at.selectbox(key="w_scatter_y.en").set_value("share_mining").run()
    assert _link(at)["y"] == "share_mining"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_map_change_mode_offers_a_way_out_of_the_2022_border_gap(lang):
    # From 2019 in today's borders the split regions (Abai, Jetisu, Ulytau and their parents) have no
    # chained figure; the page says which and why, and one click shows the 2020 layout or a later base.
    at = run(lang=lang, layout="2022", **REAL_LINK)
    info = "\n".join(i.value for i in at.info)
    gap = {c for c, p in unit_paths(at).items() if p.get("fill") == HATCHED}
    assert gap, "no hatched unit: nothing to offer a way out of"
    from regions.geo import registry

    # The message names units whose change crosses the 2022 borders (a missing year is another reason).
    named = {c for c in gap if registry.name(c, lang) in info}
    assert named and "KZ-10" in named, (gap, info)
    buttons = {b.label: b for b in at.button}
    # The real change needs each year's index over the same territory: the 2020 layout has no 2021 index
    # for East Kazakhstan either, so only the later base is offered, and it fills every gap.
    assert I18N["map_border_gap_2020"][lang] not in buttons
    later = I18N["map_border_gap_base"][lang].format(year=2021)
    assert later in buttons
    buttons[later].click().run()
    assert _link(at)["from"] == "2021"
    paths = unit_paths(at)
    assert all(paths[c].get("fill").startswith("#") for c in gap), gap
    assert not at.info or not any(registry.name("KZ-10", lang) in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_level_change_across_the_split_offers_the_2020_layout(lang):
    # Nominal GRP from 2019: the 2020 layout sums its regions' parts, so East Kazakhstan has a figure there.
    at = run(lang=lang, layout="2022", indicator="grp", show="change", **{"from": "2019", "year": "2024"})
    gap = {c for c, p in unit_paths(at).items() if p.get("fill") == HATCHED}
    if not gap:
        pytest.skip("no unit without a figure: BNS gives every region's GRP in today's borders since 2019")
    buttons = {b.label: b for b in at.button}
    to_2020 = I18N["map_border_gap_2020"][lang]
    assert to_2020 in buttons
    buttons[to_2020].click().run()
    assert _link(at).get("layout") == "2020"
