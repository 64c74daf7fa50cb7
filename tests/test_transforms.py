"""The view's vocabulary, normalisation and colour scales (regions/stats/transforms.py) and what the map and
ranking show with them (regions/pages/map.py, regions/pages/ranking.py). The change arithmetic itself and
which measures fit an indicator are regions/stats/change.py's, tested in tests/test_change.py; here only that the
map and ranking show its results.

Expected values are computed here by hand from the stored files (data/statistics.csv, data/geography_*.csv)
read with the csv module, never from the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from regions.pages import map as map_page
from regions.pages import ranking
from regions.stats import change, statistics, transforms

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _stored() -> dict[tuple[str, str, str, int], float]:
    with (DATA / "statistics.csv").open(encoding="utf-8") as f:
        return {
            (r["iso_code"], r["territory"], r["indicator"], int(r["year"])): float(r["value"])
            for r in csv.DictReader(f)
        }


STORED = _stored()


def stored(code: str, indicator: str, year: int, territory: str = "2022") -> float:
    return STORED[(code, territory, indicator, year)]


def area(code: str, layout: str = "2022") -> float:
    with (DATA / f"geography_{layout}.csv").open(encoding="utf-8") as f:
        return {r["iso_code"]: float(r["area_km2"]) for r in csv.DictReader(f)}[code]


# --------------------------------------------------------------------------------------------------
# The pure functions


def test_the_links_change_measures_are_one_to_one_with_regions_change():
    assert set(transforms.CHANGE_HOWS.values()) == set(change.HOWS)
    assert len(set(transforms.CHANGE_HOWS.values())) == len(transforms.CHANGE_HOWS)
    for short, name in transforms.CHANGE_HOWS.items():
        assert transforms.change_how(short) == name and transforms.url_how(name) == short
    with pytest.raises(ValueError, match="how="):
        transforms.change_how("ratio")
    # The link offers exactly the measures regions.stats.change allows, in its order, for every indicator.
    for ind, meta in statistics.load_indicators().items():
        assert [transforms.change_how(m) for m in transforms.measures_for(meta)] == list(
            change.allowed_hows(ind)
        ), ind


def test_normalise_keeps_missing_missing():
    assert transforms.normalise(10.0, 4.0, 1000.0) == 2500.0
    assert transforms.normalise(None, 4.0) is None
    assert transforms.normalise(10.0, None) is None
    assert transforms.normalise(10.0, 0.0) is None


def test_normalisations_follow_the_indicator_catalogue():
    meta = statistics.load_indicators()
    assert transforms.normalisations_for("grp", meta["grp"]) == ("none", "capita", "km2")
    assert transforms.normalisations_for("population", meta["population"]) == ("none", "km2")
    for ratio in ("share_manufacturing", "grp_per_capita", "density", "grp_per_capita_computed"):
        assert transforms.normalisations_for(ratio, meta[ratio]) == ("none",)
    # A volume index is never put per person or km², even if it were marked additive.
    for ind in ("grp_volume_index", "gva_volume_index_manufacturing"):
        assert transforms.normalisations_for(ind, {**meta[ind], "additive": True}) == ("none",)


def test_default_base_is_2019_else_the_first_year():
    assert transforms.default_base([2019, 2020, 2025], 2025) == 2019
    assert transforms.default_base([2021, 2023, 2025], 2025) == 2021
    assert transforms.default_base([2019, 2020], 2019) is None


def test_quantile_bins_by_rank_with_edges():
    values = [7.0, 1.0, None, 3.0, 9.0, 5.0, 2.0, 8.0, 4.0, 6.0, 10.0]
    bins, edges = transforms.quantile_bins(values, n=5)
    # Ten values ranked 1..10 into five bins of two: (1, 2), (3, 4), ... (9, 10).
    assert edges == [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0), (7.0, 8.0), (9.0, 10.0)]
    assert bins == [3, 0, None, 1, 4, 2, 0, 3, 1, 2, 4]


def test_log_scale_only_for_positive_values():
    s = transforms.colour_scale([10.0, 100.0, 1000.0], "log", lambda v: f"{v:g}")
    assert s.kind == "log" and s.z == [1.0, 2.0, 3.0]
    assert s.ticktext[0] == "10" and s.ticktext[-1] == "1000"
    assert transforms.colour_scale([0.0, 100.0], "log", str).kind == "linear"
    assert transforms.colour_scale([-3.0, 100.0], "log", str).kind == "linear"


# --------------------------------------------------------------------------------------------------
# What the map shows, from the stored figures


def test_change_in_percent_from_the_stored_grp():
    shown = map_page.shown_values(
        "2022", "en", "grp", 2024, map_page.Measure(show="change", base=2019, how="pct")
    )
    assert not shown.real
    assert "includes price changes" in shown.source_line("en")  # nominal, and the method says so
    for code in ("KZ-23", "KZ-55", "KZ-71", "KZ"):
        expected = (stored(code, "grp", 2024) - stored(code, "grp", 2019)) / stored(code, "grp", 2019) * 100
        assert shown.values[code] == pytest.approx(expected)
    # Abai had no GRP of its own in 2019: its change is missing, not zero.
    assert ("KZ-10", "2022", "grp", 2019) not in STORED
    assert shown.values["KZ-10"] is None
    assert shown.unit == "%"


def test_change_in_percentage_points_of_the_manufacturing_share():
    shown = map_page.shown_values("2022", "en", "share_manufacturing", 2024, map_page.Measure("change", 2019))
    code = "KZ-55"
    share = {y: stored(code, "gva_C", y) / stored(code, "grp", y) * 100 for y in (2019, 2024)}
    assert shown.values[code] == pytest.approx(share[2024] - share[2019])
    assert shown.unit == "pp"  # the default measure of a share
    # A share changes in points only: a relative change of a share is refused, not shown.
    with pytest.raises(ValueError, match="how="):
        map_page.shown_values(
            "2022", "en", "share_manufacturing", 2024, map_page.Measure("change", 2019, "pct")
        )


def stored_chain(code: str, indicator: str, base: int, end: int) -> float:
    """The product of the stored annual indices (% of the previous year) for base+1 .. end, base = 100."""
    out = 100.0
    for year in range(base + 1, end + 1):
        out *= stored(code, indicator, year) / 100.0
    return out


@pytest.mark.parametrize("how", [None, "idx", "pct"])
def test_map_change_mode_of_a_volume_index_is_the_chained_real_change(how):
    measure = map_page.Measure(show="change", base=2019, how=how)
    model = map_page.map_model("2022", "en", "grp_volume_index", 2024, measure=measure)
    value = {u.iso_code: u.value for u in model.units}
    expected = stored_chain("KZ-55", "grp_volume_index", 2019, 2024)
    # Not the difference of two annual growth rates (what a change of "levels" of the index would give).
    wrong = stored("KZ-55", "grp_volume_index", 2024) - stored("KZ-55", "grp_volume_index", 2019)
    assert value["KZ-55"] != pytest.approx(wrong, abs=1.0)
    assert value["KZ-55"] == pytest.approx(expected if how != "pct" else expected - 100.0)
    # Karaganda's 2020 index is only for its pre-2022 borders (with Ulytau): no chain through it.
    assert ("KZ-35", "2022", "grp_volume_index", 2020) not in STORED
    assert ("KZ-35", "2020", "grp_volume_index", 2020) in STORED
    assert value["KZ-35"] is None
    karaganda = next(u for u in model.units if u.iso_code == "KZ-35")
    assert "2022 change of borders" in karaganda.hover and "2020" in karaganda.hover
    assert "Karaganda Region" in model.source_line and "2022 change of borders" in model.source_line
    assert "real change 2019–2024" in model.legend_title
    assert ("2019 = 100" if how != "pct" else "(%)") in model.legend_title
    assert "Real change" in model.source_line and "constant prices" in model.source_line


def test_a_volume_index_level_is_the_annual_index_and_is_never_normalised():
    shown = map_page.shown_values("2022", "en", "grp_volume_index", 2024, map_page.Measure(per="capita"))
    assert shown.values["KZ-55"] == pytest.approx(stored("KZ-55", "grp_volume_index", 2024))
    assert shown.unit == "% of previous year" and not shown.methods
    with pytest.raises(ValueError, match="how="):  # no absolute change of an index
        map_page.shown_values("2022", "en", "grp_volume_index", 2024, map_page.Measure("change", 2019, "abs"))


def test_ranking_in_change_mode_ranks_the_chained_index_and_says_why_units_are_missing():
    measure = map_page.Measure(show="change", base=2019)
    model = ranking.ranking_model("2022", "en", "gva_volume_index_manufacturing", 2024, measure=measure)
    for it in model.items:
        assert it.value == pytest.approx(
            stored_chain(it.iso_code, "gva_volume_index_manufacturing", 2019, 2024)
        )
    assert [it.value for it in model.items] == sorted((it.value for it in model.items), reverse=True)
    missing = {it.iso_code for it in model.missing}
    assert "KZ-35" in missing and "KZ-55" not in missing
    karaganda = next(it for it in model.missing if it.iso_code == "KZ-35")
    assert "2022 change of borders" in karaganda.text
    assert model.missing_text.startswith("No data:") and "2022 change of borders" in model.missing_text
    assert model.national == pytest.approx(stored_chain("KZ", "gva_volume_index_manufacturing", 2019, 2024))


def test_per_capita_and_per_km2_from_population_and_area():
    per_capita = map_page.level_values("2022", "grp", 2024, per="capita")
    per_km2 = map_page.level_values("2022", "gva_C", 2024, per="km2")
    for code in ("KZ-35", "KZ-75"):
        assert per_capita[code] == pytest.approx(
            stored(code, "grp", 2024) / stored(code, "population", 2024) * 1000
        )
        assert per_km2[code] == pytest.approx(stored(code, "gva_C", 2024) / area(code))
    # GRP per 1,000 inhabitants in million KZT is GRP per person in thousand KZT: the published BNS ratio.
    assert per_capita["KZ-35"] == pytest.approx(stored("KZ-35", "grp_per_capita", 2024), rel=0.01)


def test_per_capita_in_the_2020_layout_uses_the_pre_2022_borders():
    # East Kazakhstan as at the address: BNS's figure for the pre-2022 borders, divided by the population
    # of East Kazakhstan and Abai together.
    got = map_page.level_values("2020", "grp", 2020, per="capita")["KZ-63"]
    grp = stored("KZ-63", "grp", 2020, territory="2020")
    pop = stored("KZ-63", "population", 2020) + stored("KZ-10", "population", 2020)
    assert got == pytest.approx(grp / pop * 1000)


def test_quantile_map_colours_by_rank_bins_and_labels_the_edges():
    model = map_page.map_model("2022", "en", "grp", 2024, measure=map_page.Measure(scale="quantile"))
    values = {u.iso_code: stored(u.iso_code, "grp", 2024) for u in model.units}
    ranked = sorted(values, key=values.get)
    assert model.colour.stepped and model.colour.n_bins == 5
    z = dict(zip([u.iso_code for u in model.units], model.colour.z, strict=True))
    # 20 regions, 5 bins of 4 by rank.
    for i, code in enumerate(ranked):
        assert z[code] == i // 4, code
    assert "Colours: five bins" in model.source_line


def test_log_scale_of_a_change_falls_back_with_a_notice():
    measure = map_page.Measure(show="change", base=2019, scale="log")
    model = map_page.map_model("2022", "en", "share_mining", 2024, measure=measure)
    assert any(u.value is not None and u.value < 0 for u in model.units)  # the mining share fell somewhere
    assert model.colour.kind == "linear"
    assert model.scale_notice and "above zero" in model.scale_notice


def test_ranking_sorts_every_unit_and_keeps_the_missing():
    model = ranking.ranking_model("2022", "en", "grp", 2019)
    with (DATA / "geography_2022.csv").open(encoding="utf-8") as f:
        codes = [r["iso_code"] for r in csv.DictReader(f)]
    have = {c: STORED[(c, "2022", "grp", 2019)] for c in codes if (c, "2022", "grp", 2019) in STORED}
    assert [it.iso_code for it in model.items] == sorted(have, key=lambda c: -have[c])
    assert {it.iso_code for it in model.missing} == {"KZ-10", "KZ-19", "KZ-33", "KZ-35", "KZ-62", "KZ-63"}
    assert len(model.items) + len(model.missing) == 20
    assert model.national == pytest.approx(stored("KZ", "grp", 2019))


def test_scatter_year_and_points():
    model = ranking.scatter_model("2022", "ru", "grp_per_capita_computed", "share_manufacturing", 2024)
    point = next(it for it in model.items if it.iso_code == "KZ-55")
    assert point.name == "Павлодарская область"
    assert point.x == pytest.approx(stored("KZ-55", "grp", 2024) / stored("KZ-55", "population", 2024) * 1000)
    assert point.y == pytest.approx(stored("KZ-55", "gva_C", 2024) / stored("KZ-55", "grp", 2024) * 100)
    assert point.category  # Pavlodar holds a role of the address
