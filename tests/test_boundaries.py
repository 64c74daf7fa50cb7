"""The committed boundary files: valid coverage, clockwise rings, size, area, 2020 dissolve."""

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from regions.base.paths import DATA
from regions.build import boundaries as build
from regions.geo import geography, lineage

OFFICIAL_AREA_KM2 = 2_724_900  # Kazakhstan's official area


def _features(layout):
    return json.loads((DATA / f"boundaries_{layout}.geojson").read_text(encoding="utf-8"))["features"]


def _geoms(layout):
    return [shape(f["geometry"]) for f in _features(layout)]


@pytest.mark.parametrize(("layout", "n"), [("2022", 20), ("2020", 17)])
def test_unit_count_and_keys(layout, n):
    feats = _features(layout)
    assert len(feats) == n
    codes = [f["id"] for f in feats]
    assert codes == sorted(codes)
    assert all(f["properties"]["iso_code"] == f["id"] for f in feats)
    assert all(c.startswith("KZ-") and c[3:].isdigit() for c in codes)


@pytest.mark.parametrize("layout", geography.LAYOUTS)
def test_every_geometry_valid(layout):
    geoms = _geoms(layout)
    assert all(shapely.is_valid(geoms)), [shapely.is_valid_reason(g) for g in geoms if not g.is_valid]


@pytest.mark.parametrize("layout", geography.LAYOUTS)
def test_valid_coverage(layout):
    assert shapely.coverage_is_valid(np.array(_geoms(layout), dtype=object))


@pytest.mark.parametrize("layout", geography.LAYOUTS)
def test_exterior_rings_clockwise_holes_counter_clockwise(layout):
    for geom in _geoms(layout):
        for poly in getattr(geom, "geoms", [geom]):
            assert not poly.exterior.is_ccw
            assert all(r.is_ccw for r in poly.interiors)


def test_2022_layout_at_most_300kb():
    assert (DATA / "boundaries_2022.geojson").stat().st_size <= 300 * 1024


@pytest.mark.parametrize("layout", geography.LAYOUTS)
def test_total_area_within_half_percent_of_official(layout):
    total = geography.load_geography(layout)["area_km2"].sum()
    assert abs(total - OFFICIAL_AREA_KM2) / OFFICIAL_AREA_KM2 < 0.005


def test_simplification_keeps_area():
    # Areas in the table are measured unsimplified; the drawn (simplified) shapes must agree closely.
    drawn = build.areas_km2({f["id"]: shape(f["geometry"]) for f in _features("2022")})
    measured = geography.areas("2022")
    assert abs(sum(drawn.values()) - sum(measured.values())) / sum(measured.values()) < 0.001
    for code, km2 in measured.items():
        assert drawn[code] == pytest.approx(km2, rel=0.03), code


def test_no_gaps_between_units():
    union = shapely.union_all(_geoms("2022"))
    holes = [r for p in getattr(union, "geoms", [union]) for r in p.interiors]
    assert holes == []


def test_2020_units_are_unions_of_their_successors():
    g22 = {f["id"]: shape(f["geometry"]) for f in _features("2022")}
    g20 = {f["id"]: shape(f["geometry"]) for f in _features("2020")}
    assert set(g20) == set(lineage.successors_2020())
    for code, successors in lineage.successors_2020().items():
        union = shapely.union_all([g22[c] for c in successors])
        assert shapely.symmetric_difference(union, g20[code]).area < 1e-9, code


def test_almaty_region_2020_keeps_almaty_city_as_a_hole():
    g20 = {f["id"]: shape(f["geometry"]) for f in _features("2020")}
    region, city = g20["KZ-19"], g20["KZ-75"]
    assert not region.intersects(city.representative_point())
    holes = [shapely.Polygon(r) for p in getattr(region, "geoms", [region]) for r in p.interiors]
    assert any(h.contains(city.representative_point()) for h in holes)


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [
        # Administrative centres must fall inside their own unit (coordinates from the reference notes).
        ("KZ-10", 80.26669, 50.42675),  # Semey
        ("KZ-23", 51.88333, 47.11667),  # Atyrau
        ("KZ-63", 82.60586, 49.97143),  # Oskemen
        ("KZ-62", 67.76667, 47.78333),  # Zhezkazgan
        ("KZ-71", 71.44598, 51.1801),  # Astana
        ("KZ-75", 76.92861, 43.25667),  # Almaty
        ("KZ-55", 76.96667, 52.28333),  # Pavlodar
    ],
)
def test_centres_fall_in_their_unit(code, lon, lat):
    geoms = {f["id"]: shape(f["geometry"]) for f in _features("2022")}
    assert geoms[code].contains(shapely.Point(lon, lat))
