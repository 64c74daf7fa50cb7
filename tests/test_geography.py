"""Computed geography checked against facts from outside the project."""

import pytest

# The Factbook's lengths are defined once, in the build, which also quotes the differences in the metadata.
# Our lengths come from 1:50m-scale geometry, so they are compared within a tolerance, not exactly.
from regions.build.boundaries import FACTBOOK_BORDERS_KM, FACTBOOK_CASPIAN_KM
from regions.geo import geography


@pytest.fixture(params=geography.LAYOUTS)
def geo(request):
    return geography.load_geography(request.param)


@pytest.mark.parametrize(("country", "km"), FACTBOOK_BORDERS_KM.items())
def test_border_totals_match_factbook_within_5_percent(geo, country, km):
    assert geo[f"border_km_{country}"].sum() == pytest.approx(km, rel=0.05)


def test_caspian_coast_within_20_percent(geo):
    # A low, shifting shoreline: its length depends strongly on the scale at which it is drawn.
    assert geo["coast_km_caspian"].sum() == pytest.approx(FACTBOOK_CASPIAN_KM, rel=0.20)


def test_whole_outer_boundary_assigned(geo):
    assert geo["outer_unassigned_km"].sum() == 0


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("TKM", {"KZ-47"}),  # only Mangystau borders Turkmenistan
        ("KGZ", {"KZ-19", "KZ-31", "KZ-61"}),
        ("CHN", {"KZ-10", "KZ-19", "KZ-33", "KZ-63"}),
        ("RUS", {"KZ-10", "KZ-15", "KZ-23", "KZ-27", "KZ-39", "KZ-55", "KZ-59", "KZ-63"}),
    ],
)
def test_who_borders_whom_2022(country, expected):
    assert set(geography.units_bordering(country, "2022")) == expected


def test_caspian_coast_only_atyrau_and_mangystau():
    geo = geography.load_geography("2022")
    assert set(geo.index[geo["coast_km_caspian"] > 0]) == {"KZ-23", "KZ-47"}


@pytest.mark.parametrize("layout", geography.LAYOUTS)
def test_neighbours_are_symmetric(layout):
    geo = geography.load_geography(layout)
    pairs = {(a, b) for a, row in geo.iterrows() for b in row["neighbours"].split(";") if b}
    assert pairs and all((b, a) in pairs for a, b in pairs)


@pytest.mark.parametrize(
    ("layout", "code", "neighbours"),
    [
        ("2022", "KZ-71", {"KZ-11"}),  # Astana is an enclave in Akmola
        ("2022", "KZ-75", {"KZ-19"}),  # Almaty city in Almaty Region
        ("2022", "KZ-79", {"KZ-61"}),  # Shymkent in Turkistan
        ("2022", "KZ-63", {"KZ-10"}),  # East Kazakhstan after Abai split off
        ("2020", "KZ-63", {"KZ-19", "KZ-35", "KZ-55"}),  # East Kazakhstan with Abai, in 2020
    ],
)
def test_known_neighbours(layout, code, neighbours):
    assert set(geography.load_geography(layout).at[code, "neighbours"].split(";")) == neighbours


def test_2020_areas_are_sums_of_2022_areas():
    g20, g22 = geography.load_geography("2020"), geography.load_geography("2022")
    assert g20.at["KZ-35", "area_km2"] == pytest.approx(
        g22.loc[["KZ-35", "KZ-62"], "area_km2"].sum(), abs=0.2
    )


