"""Chained real change and level change (regions.stats.change), checked against the stored CSV.

Expected values are recomputed here from ``data/statistics.csv`` with the csv module and plain float
arithmetic, independently of regions.stats.statistics and regions.stats.change.
"""

from __future__ import annotations

import math

import pytest
from stored_figures import stored

from regions.geo import lineage
from regions.policy import targets
from regions.stats import change
from regions.stats import statistics as st

UNCHANGED = (
    "KZ-11",
    "KZ-15",
    "KZ-23",
    "KZ-27",
    "KZ-31",
    "KZ-39",
    "KZ-43",
    "KZ-47",
    "KZ-55",
    "KZ-59",
    "KZ-71",
    "KZ-75",
)


S = stored()


def product(code: str, territory: str, indicator: str, years: range) -> float:
    out = 1.0
    for y in years:
        out *= S[(code, territory, indicator, y)] / 100.0
    return out * 100.0


# ---------------------------------------------------------------------------------------- pure functions


def test_chain_index_multiplies_the_years_after_the_base() -> None:
    assert change.chain_index({2020: 110.0, 2021: 90.0}, 2019, 2021) == (pytest.approx(99.0), "")
    assert change.chain_index({2020: 110.0}, 2020, 2020) == (100.0, "")
    # The base year's own index is not part of the chain.
    assert change.chain_index({2019: 50.0, 2020: 110.0}, 2019, 2020)[0] == pytest.approx(110.0)


def test_chain_index_refuses_missing_years_and_other_borders() -> None:
    assert change.chain_index({2020: 110.0, 2022: 100.0}, 2019, 2022) == (None, "no index for 2021")
    assert change.chain_index({2020: math.nan}, 2019, 2020)[0] is None
    value, reason = change.chain_index(
        {2020: 101.0, 2021: 102.0}, 2019, 2021, territories={2020: "2020", 2021: "2022"}, territory="2022"
    )
    assert value is None and "2020" in reason and "crosses a change of borders" in reason
    with pytest.raises(ValueError, match="before"):
        change.chain_index({}, 2021, 2020)


def test_level_change() -> None:
    assert change.level_change(200.0, 250.0, "percent") == (pytest.approx(25.0), "")
    assert change.level_change(100.0, 80.0, "percent") == (pytest.approx(-20.0), "")
    assert change.level_change(200.0, 250.0, "absolute") == (50.0, "")
    assert change.level_change(30.0, 32.5, "points") == (2.5, "")
    assert change.level_change(None, 1.0, "percent")[0] is None
    assert change.level_change(1.0, math.nan, "absolute")[0] is None
    assert change.level_change(0.0, 1.0, "percent")[0] is None  # no relative change from zero
    assert change.level_change(-2.0, 5.0, "percent")[0] is None  # nor from a negative base
    with pytest.raises(ValueError, match="how"):
        change.level_change(1.0, 2.0, "index")


def test_missing_changes_say_why_as_a_code_and_a_year() -> None:
    assert change.level_detail(None, 1.0, "absolute", 2019, 2024) == change.Change(
        None, "absolute", "no figure for the base year", "no_figure", 2019
    )
    assert change.level_detail(1.0, None, "points", 2019, 2024).year == 2024
    assert change.level_detail(0.0, 1.0, "percent", 2019, 2024).why == "not_positive"
    assert change.chain_detail({2020: 110.0}, 2019, 2021).why == "no_index"
    assert change.chain_detail({2020: 110.0}, 2019, 2021).year == 2021
    c = change.chain_detail({2020: 101.0}, 2019, 2020, territories={2020: "2020"}, territory="2022")
    assert (c.value, c.why, c.year) == (None, "borders", 2020)
    assert change.chain_detail({2020: 110.0, 2021: 90.0}, 2019, 2021, how="percent").value == pytest.approx(
        -1.0
    )
    assert set(change.WHYS) >= {"borders", "no_index", "no_figure", "not_positive", "no_series"}
    frame = change.change_frame("2022", "grp_volume_index", 2019, 2024).set_index("iso_code")
    assert (frame.loc["KZ-35", "why"], frame.loc["KZ-35", "why_year"]) == ("borders", 2020)
    assert frame.loc["KZ-55", "why"] == "" and frame["why_year"].isna()["KZ-55"]


def test_how_by_indicator_kind() -> None:
    assert change.default_how("grp_volume_index") == "index"
    assert change.allowed_hows("gva_volume_index_manufacturing") == ("index", "percent")
    # A share changes in percentage points only (a relative change of a share reads as points).
    assert change.allowed_hows("share_manufacturing") == ("points",)
    assert change.default_how("investment_fixed_capital") == "percent"
    assert change.allowed_hows("employed") == ("percent", "absolute")
    # By catalogue entry, as the link parser asks (an unknown indicator has none).
    assert change.hows_for({"kind": "volume_index", "unit": {"en": "% of previous year"}}) == (
        "index",
        "percent",
    )
    assert change.hows_for({"kind": "computed", "unit": {"en": "% of GRP"}}) == ("points",)
    assert change.hows_for({"kind": "computed", "unit": {"en": "thousand KZT"}}) == ("percent", "absolute")
    assert change.hows_for(None) == ()
    for ind, meta in st.load_indicators().items():
        assert change.allowed_hows(ind) == change.hows_for(meta), ind
    with pytest.raises(ValueError, match="how"):
        change.change("2022", "share_mining", "KZ-23", 2019, 2024, "percent")
    with pytest.raises(ValueError, match="how"):
        change.change("2022", "grp_volume_index", "KZ-23", 2019, 2024, "absolute")
    with pytest.raises(ValueError, match="unit"):
        change.change("2022", "grp", "KZ-99", 2019, 2024)


# ---------------------------------------------------------------------------------------- against the CSV


@pytest.mark.parametrize("layout", st.LAYOUTS)
@pytest.mark.parametrize("indicator", ["grp_volume_index", "gva_volume_index_manufacturing"])
def test_chain_since_2019_recomputed_for_units_whose_borders_never_changed(
    layout: str, indicator: str
) -> None:
    frame = change.change_frame(layout, indicator, 2019, 2025).set_index("iso_code")
    for code in UNCHANGED:
        expected = product(code, "2022", indicator, range(2020, 2026))
        assert frame.loc[code, "value"] == pytest.approx(expected, rel=1e-12), code
    assert frame.loc["KZ", "value"] == pytest.approx(product("KZ", "2022", indicator, range(2020, 2026)))
    # Percent is the same chain minus 100.
    pct = change.change(layout, indicator, "KZ-55", 2019, 2025, "percent")
    assert pct == pytest.approx(product("KZ-55", "2022", indicator, range(2020, 2026)) - 100.0)


@pytest.mark.parametrize("code", ["KZ-19", "KZ-35", "KZ-63", "KZ-10", "KZ-33", "KZ-62"])
def test_chain_never_crosses_the_2022_change_of_borders(code: str) -> None:
    # 2020 is stored for the pre-2022 borders only (territory 2020): the 2022 unit cannot be chained through it.
    assert (lineage.predecessor_2020(code), "2020", "grp_volume_index", 2020) in S
    c = change.change_detail("2022", "grp_volume_index", code, 2019, 2025)
    assert c.value is None
    assert "crosses a change of borders" in c.reason and "2020" in c.reason


@pytest.mark.parametrize("code", ["KZ-19", "KZ-63", "KZ-10", "KZ-33"])
def test_chain_within_the_2022_borders(code: str) -> None:
    # From 2021 on these units are published on their 2022 borders: 2021 -> 2025 is their own chain.
    got = change.change("2022", "grp_volume_index", code, 2021, 2025)
    assert got == pytest.approx(product(code, "2022", "grp_volume_index", range(2022, 2026)), rel=1e-12)


def test_karaganda_2021_is_withheld_and_not_chained() -> None:
    assert ("KZ-35", "2022", "grp_volume_index", 2021) not in S
    assert ("KZ-35", "2020", "grp_volume_index", 2021) not in S
    c = change.change_detail("2022", "grp_volume_index", "KZ-35", 2020, 2022)
    assert c.value is None and "2021" in c.reason
    # 2021 -> 2025 does not need the 2021 index.
    assert change.change("2022", "grp_volume_index", "KZ-35", 2021, 2025) == pytest.approx(
        product("KZ-35", "2022", "grp_volume_index", range(2022, 2026))
    )


def weighted(parent: str, parts: tuple[str, ...], indicator: str, weight: str, year: int) -> float:
    num = sum(S[(p, "2022", indicator, year)] * S[(p, "2022", weight, year - 1)] for p in parts)
    return num / sum(S[(p, "2022", weight, year - 1)] for p in parts)


@pytest.mark.parametrize(
    ("parent", "parts"),
    [("KZ-19", ("KZ-19", "KZ-33")), ("KZ-35", ("KZ-35", "KZ-62")), ("KZ-63", ("KZ-63", "KZ-10"))],
)
def test_2020_layout_index_is_the_previous_year_grp_weighted_mean(
    parent: str, parts: tuple[str, ...]
) -> None:
    vals = st.indicator_values("2020").set_index(["iso_code", "indicator", "year"])
    for year in range(2022, 2026):
        expected = weighted(parent, parts, "grp_volume_index", "grp", year)
        assert vals.loc[(parent, "grp_volume_index", year), "value"] == pytest.approx(expected, rel=1e-12)
        # Not the plain mean of the parts (the weights matter).
        plain = sum(S[(p, "2022", "grp_volume_index", year)] for p in parts) / len(parts)
        if abs(plain - expected) > 1e-9:
            assert vals.loc[(parent, "grp_volume_index", year), "value"] != pytest.approx(plain, rel=1e-9)
    # As published for the old borders up to 2020; 2021 missing (no 2020 GRP for the parts' 2022 borders).
    assert (
        vals.loc[(parent, "grp_volume_index", 2020), "value"] == S[(parent, "2020", "grp_volume_index", 2020)]
    )
    assert math.isnan(vals.loc[(parent, "grp_volume_index", 2021), "value"])
    # The 2020 unit's chain 2021 -> 2025 is the product of the weighted means.
    chain = 100.0
    for year in range(2022, 2026):
        chain *= weighted(parent, parts, "grp_volume_index", "grp", year) / 100.0
    assert change.change("2020", "grp_volume_index", parent, 2021, 2025) == pytest.approx(chain, rel=1e-12)
    assert change.change("2020", "grp_volume_index", parent, 2019, 2025) is None


def test_manufacturing_gva_index_2020_layout_only_where_weights_exist() -> None:
    vals = st.indicator_values("2020").set_index(["iso_code", "indicator", "year"])["value"]
    # gva_C is held for 2019 and 2023-2025: the weighted mean exists for 2024 and 2025 only.
    for year in (2024, 2025):
        expected = weighted("KZ-35", ("KZ-35", "KZ-62"), "gva_volume_index_manufacturing", "gva_C", year)
        assert vals[("KZ-35", "gva_volume_index_manufacturing", year)] == pytest.approx(expected, rel=1e-12)
    for year in (2021, 2022, 2023):
        assert math.isnan(vals[("KZ-35", "gva_volume_index_manufacturing", year)])


def test_level_change_against_the_csv() -> None:
    # Employment, thousand persons: Pavlodar 2019 -> 2025 in %.
    b, e = S[("KZ-55", "2022", "employed", 2019)], S[("KZ-55", "2022", "employed", 2025)]
    assert change.change("2022", "employed", "KZ-55", 2019, 2025) == pytest.approx((e / b - 1) * 100)
    assert change.change("2022", "employed", "KZ-55", 2019, 2025, "absolute") == pytest.approx(e - b)
    # Karaganda 2019 is for the old borders: no level change in the 2022 layout, but in the 2020 layout it is
    # the old unit's 2019 figure against the sum of its successors in 2025.
    c = change.change_detail("2022", "employed", "KZ-35", 2019, 2025)
    assert c.value is None and "pre-2022 borders" in c.reason
    old = S[("KZ-35", "2020", "employed", 2019)]
    new = S[("KZ-35", "2022", "employed", 2025)] + S[("KZ-62", "2022", "employed", 2025)]
    assert change.change("2020", "employed", "KZ-35", 2019, 2025) == pytest.approx((new / old - 1) * 100)


def test_share_change_in_points() -> None:
    def share(code: str, year: int) -> float:
        return S[(code, "2022", "gva_C", year)] / S[(code, "2022", "grp", year)] * 100

    assert change.change("2022", "share_manufacturing", "KZ-55", 2019, 2024) == pytest.approx(
        share("KZ-55", 2024) - share("KZ-55", 2019)
    )


def test_per_capita_and_per_km2() -> None:
    # The map's normalisation (regions.pages.map.level_values): per 1,000 inhabitants, per km².
    from regions.pages.map import level_values
    from regions.stats import transforms

    per = level_values("2022", "investment_fixed_capital", 2024, "capita")
    expected = (
        S[("KZ-23", "2022", "investment_fixed_capital", 2024)]
        / S[("KZ-23", "2022", "population", 2024)]
        * 1000
    )
    assert per["KZ-23"] == pytest.approx(expected)
    # 2019 investment of Karaganda is for the old borders: missing in the 2022 layout.
    assert level_values("2022", "investment_fixed_capital", 2019, "capita")["KZ-35"] is None
    areas = {code: 100.0 for code in st.layout_units("2022")}
    km2 = level_values("2022", "employed", 2024, "km2", areas)
    assert km2["KZ-23"] == pytest.approx(S[("KZ-23", "2022", "employed", 2024)] / 100.0)
    inds = st.load_indicators()
    assert transforms.normalisations_for("grp_volume_index", inds["grp_volume_index"]) == ("none",)
    assert "km2" in transforms.normalisations_for("grp", inds["grp"])


# ---------------------------------------------------------------------------------------- the x1.5 target


def test_manufacturing_target_is_the_chained_national_ipi() -> None:
    m = targets.measured_target("manufacturing_x1_5")
    assert m.due_year == 2025 and m.goal == 1.5
    ipi = "industrial_production_index_manufacturing"
    assert m.main.indicator == ipi and m.main.base_year == 2020 and m.main.latest_year == 2025
    assert m.main.value == pytest.approx(product("KZ", "2022", ipi, range(2021, 2026)) / 100.0, rel=1e-12)
    assert m.reached is (m.main.value >= 1.5)
    also = {(a.indicator, a.base_year): a.value for a in m.also}
    assert also[(ipi, 2019)] == pytest.approx(product("KZ", "2022", ipi, range(2020, 2026)) / 100.0)
    gva = "gva_volume_index_manufacturing"
    assert also[(gva, 2020)] == pytest.approx(product("KZ", "2022", gva, range(2021, 2026)) / 100.0)


def test_sme_targets_say_what_is_missing() -> None:
    # No BNS measure: only government figures reported by Kazinform (tests/test_targets_sme.py), none for 2025.
    for tid in ("sme_gdp_share_35", "sme_employment_4m"):
        m = targets.measured_target(tid)
        assert m.main is None and m.reached is None and m.due_year == 2025
        assert "not a BNS table" in m.notes or "not BNS tables" in m.notes
        assert m.reported and m.reported[-1].year == 2022
    assert {m.target_id for m in targets.measured_targets()} >= {"manufacturing_x1_5", "sme_gdp_share_35"}
    with pytest.raises(ValueError, match="target_id"):
        targets.measured_target("gdp_x2")
