"""Aggregation to the 2020 layout and the computed indicators, on the synthetic data set.

Every expected value is worked out by hand from ``tests/synthetic/statistics.csv``.
"""

import math

import pytest

from regions.policy import sectors
from regions.stats import statistics as st


def cell(layout, code, indicator, year):
    df = st.indicator_values(layout)
    row = df[(df["iso_code"] == code) & (df["indicator"] == indicator) & (df["year"] == year)]
    assert len(row) == 1, (layout, code, indicator, year)
    return row.iloc[0]


def test_2020_unit_is_the_sum_of_its_successors(synthetic_root):
    got = cell("2020", "KZ-63", "population", 2023)  # East Kazakhstan 300 + Abai 100
    assert got["value"] == 400 and got["basis"] == "sum_of_successors"
    assert cell("2020", "KZ-35", "grp", 2023)["value"] == 10000  # Karaganda 8000 + Ulytau 2000


def test_a_sum_needs_every_successor(synthetic_root):
    got = cell("2020", "KZ-19", "gva_B", 2023)  # Almaty Region has 50, Jetisu has no figure
    assert math.isnan(got["value"]) and "KZ-33" in got["note"]


def test_a_figure_for_the_old_borders_is_the_2020_units_own(synthetic_root):
    assert cell("2020", "KZ-63", "grp", 2020)["value"] == 4000
    assert cell("2020", "KZ-35", "grp_per_capita", 2020)["value"] == 7.5


def test_the_2022_layout_never_shows_an_old_border_figure(synthetic_root):
    retained, split_off = cell("2022", "KZ-63", "grp", 2020), cell("2022", "KZ-10", "grp", 2020)
    assert math.isnan(retained["value"]) and "see layout 2020" in retained["note"]
    assert math.isnan(split_off["value"]) and "KZ-63" in split_off["note"]


def test_ratios_are_recomputed_from_the_layouts_own_sums(synthetic_root):
    # (5000 + 1000) million KZT / (300 + 100) persons x 1000 = 15,000 thousand KZT per person.
    assert cell("2020", "KZ-63", "grp_per_capita_computed", 2023)["value"] == pytest.approx(15000)
    # Shares: (2000 + 100) / (5000 + 1000) = 35 %; nationally 6900 / 22000.
    assert cell("2020", "KZ-63", "share_manufacturing", 2023)["value"] == pytest.approx(35.0)
    assert cell("2022", "KZ", "share_manufacturing", 2023)["value"] == pytest.approx(6900 / 22000 * 100)


def test_measured_sector_is_a_share_above_the_national_one(synthetic_root):
    # Manufacturing shares 2023: KZ-35 50 %, KZ-63 40 % above the national 31.4 %; KZ-11 10 % below.
    assert sectors.measured_sectors("KZ-35", "2022", year=2023) == ["manufacturing"]
    assert sectors.measured_sectors("KZ-63", "2022", year=2023) == ["manufacturing"]
    assert sectors.measured_sectors("KZ-11", "2022", year=2023) == []


def test_latest_year_follows_the_data(synthetic_root):
    assert st.latest_year("grp", "2022") == 2023
    assert st.latest_year("grp_per_capita", "2020") == 2020


# Volume indices (% of the previous year) in the 2020 layout: rows added to tests/synthetic/statistics.csv.
# grp 2023: KZ-63 5000, KZ-10 1000, KZ-35 8000, KZ-62 2000; no grp for 2022.


def test_volume_index_is_the_previous_year_weighted_mean_of_the_successors(synthetic_root):
    got = cell("2020", "KZ-63", "grp_volume_index", 2024)
    # (110 x 5000 + 100 x 1000) / (5000 + 1000); a plain mean would be 105.
    assert got["value"] == pytest.approx(650000 / 6000) and got["basis"] == "weighted_mean_of_successors"
    assert "2023 grp" in got["note"]
    # (102 x 8000 + 90 x 2000) / 10000
    assert cell("2020", "KZ-35", "grp_volume_index", 2024)["value"] == pytest.approx(99.6)


def test_volume_index_needs_every_successor_and_previous_year_weights(synthetic_root):
    no_part = cell("2020", "KZ-19", "grp_volume_index", 2024)  # Jetisu has no 2024 index
    assert math.isnan(no_part["value"]) and "KZ-33" in no_part["note"]
    # Both parts have a 2023 index, but there is no 2022 grp to weight them (same-year weights would exist).
    no_weight = cell("2020", "KZ-63", "grp_volume_index", 2023)
    assert math.isnan(no_weight["value"]) and "2022 grp" in no_weight["note"]


def test_volume_index_for_the_old_borders_is_used_as_published(synthetic_root):
    got = cell("2020", "KZ-63", "grp_volume_index", 2020)
    assert got["value"] == 95 and got["basis"] == "reported" and got["territory"] == "2020"
    old = cell("2022", "KZ-63", "grp_volume_index", 2020)
    assert math.isnan(old["value"]) and old["territory"] == "2020"
    assert cell("2022", "KZ-63", "grp_volume_index", 2024)["territory"] == "2022"


def test_chain_in_the_synthetic_layouts(synthetic_root):
    from regions.stats import change

    # 2022 layout: KZ-63's 2020 index is for the old borders, so 2019 -> 2024 stops there.
    c = change.change_detail("2022", "grp_volume_index", "KZ-63", 2019, 2024)
    assert c.value is None and "crosses a change of borders" in c.reason and "2020" in c.reason
    # 2023 -> 2024 needs only the 2024 index: 110.
    assert change.change("2022", "grp_volume_index", "KZ-63", 2023, 2024) == pytest.approx(110)
    # 2020 layout, old borders throughout: 2023 -> 2024 is the weighted mean.
    assert change.change("2020", "grp_volume_index", "KZ-63", 2023, 2024) == pytest.approx(650000 / 6000)
    # KZ-11: indices for 2020 and 2024 only, so 2019 -> 2024 misses 2021.
    missing = change.change_detail("2022", "grp_volume_index", "KZ-11", 2019, 2024)
    assert missing.value is None and missing.reason.startswith("no index for 2021")
    assert change.change("2022", "grp_volume_index", "KZ-11", 2019, 2020, "percent") == pytest.approx(-1.0)
