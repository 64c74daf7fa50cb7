"""Aggregation to the 2020 layout and the computed indicators, on the synthetic data set.

Every expected value is worked out by hand from ``tests/synthetic/statistics.csv``.
"""

import math

import pytest

from regions import sectors
from regions import statistics as st


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
