"""The regional basemap: cropping a TopoJSON topology the way plotly (d3-geo) reads it."""

import json

import pytest
import shapely
from shapely.geometry import Point

from regions.base.paths import STATIC
from regions.build import boundaries as build
from regions.geo import basemap

BOX = (0.0, 0.0, 10.0, 10.0)


def _cw(x0, y0, x1, y1):
    """A clockwise rectangle (d3's orientation for an ordinary exterior)."""
    return [[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]


def _ccw(x0, y0, x1, y1):
    return _cw(x0, y0, x1, y1)[::-1]


def _topology() -> dict:
    """A tiny world without quantization: each ring or line is one arc, numbered in this list."""
    arcs = [
        _cw(5, 5, 15, 15),  # 0: land square, a quarter inside the box
        [[-180, -70], [-90, -71], [0, -70], [90, -71], [180, -70]],  # 1: Antarctic coast, eastward
        [[180, -70], [90, -71], [0, -70], [-90, -71], [-180, -70]],  # 2: the same coast, westward
        _ccw(5, 5, 15, 15),  # 3: the land square as a hole of the ocean
        _ccw(2, 2, 3, 3),  # 4: a lake drawn as "outside the lake" ...
        _cw(1, 1, 4, 4),  # 5: ... "inside the coast": land with a lake in one polygon
        _cw(20, 20, 30, 30),  # 6: a country far outside the box
        [[-5, 5], [5, 5], [5, 20]],  # 7: a river entering and leaving the box
        [[170, 60], [180, 61], [-170, 62]],  # 8: a coastline across the antimeridian, outside the box
        [[-5, -80], [5, -80]],  # 9: unused
    ]
    return {
        "type": "Topology",
        "objects": {
            "land": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]]},
                    {"type": "Polygon", "arcs": [[1]]},  # Antarctica: not in the box
                    {"type": "Polygon", "arcs": [[4], [5]]},
                ],
            },
            "ocean": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[2], [3]]}]},
            "lakes": {"type": "GeometryCollection", "geometries": []},
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "AAA", "properties": {"ct": [10, 10]}},
                    {"type": "Polygon", "arcs": [[6]], "id": "FAR", "properties": {"ct": [25, 25]}},
                ],
            },
            "subunits": {"type": "GeometryCollection", "geometries": []},
            "rivers": {"type": "GeometryCollection", "geometries": [{"type": "LineString", "arcs": [7]}]},
            "coastlines": {
                "type": "GeometryCollection",
                "geometries": [{"type": "LineString", "arcs": [8]}],
            },
        },
        "arcs": arcs,
    }


@pytest.fixture(scope="module")
def cropped() -> dict:
    return basemap.crop(_topology(), BOX)


def _union(topo: dict, name: str):
    return shapely.union_all(list(basemap.decode_object(topo, name).values()))


def test_keeps_every_object_and_the_topology_structure(cropped):
    assert cropped["type"] == "Topology"
    assert set(cropped["objects"]) == set(basemap.OBJECTS)
    assert all(o["type"] == "GeometryCollection" for o in cropped["objects"].values())
    assert set(cropped["transform"]) == {"scale", "translate"}
    # Quantized, delta-encoded integer arcs.
    assert all(isinstance(v, int) for arc in cropped["arcs"] for pt in arc for v in pt)


def test_clips_polygons_to_the_box_and_reads_rings_as_d3_does(cropped):
    land = _union(cropped, "land")
    # The square's quarter plus the coast polygon minus its lake; Antarctica is not in the box.
    expected = shapely.union_all(
        [shapely.box(5, 5, 10, 10), shapely.box(1, 1, 4, 4) - shapely.box(2, 2, 3, 3)]
    )
    assert land.symmetric_difference(expected).area == pytest.approx(0, abs=1e-6)
    assert not land.contains(Point(2.5, 2.5))  # the lake
    ocean = _union(cropped, "ocean")
    # The westward Antarctic ring makes the ocean everything north of it, less the land square.
    assert ocean.symmetric_difference(shapely.box(*BOX) - shapely.box(5, 5, 10, 10)).area == pytest.approx(
        0, abs=1e-6
    )


def test_output_rings_are_oriented_for_d3(cropped):
    for name in ("land", "ocean", "countries"):
        for geom in basemap.decode_object(cropped, name).values():
            for poly in getattr(geom, "geoms", [geom]):
                assert not poly.exterior.is_ccw
                assert all(r.is_ccw for r in poly.interiors)


def test_keeps_ids_and_properties_and_drops_what_is_outside(cropped):
    countries = cropped["objects"]["countries"]["geometries"]
    assert [(g["id"], g["properties"]) for g in countries] == [("AAA", {"ct": [10, 10]})]
    assert cropped["objects"]["coastlines"]["geometries"] == []  # across the antimeridian, far away


def test_clips_lines(cropped):
    river = _union(cropped, "rivers")
    assert river.length == pytest.approx(5 + 5)  # (0,5)-(5,5) and (5,5)-(5,10)
    assert shapely.box(*BOX).buffer(1e-6).contains(river)


def test_a_polar_ring_through_the_box_is_refused():
    topo = _topology()
    topo["arcs"][1] = [[-180, 5], [-60, 6], [60, 6], [180, 5]]
    with pytest.raises(ValueError, match="around a pole"):
        basemap.crop(topo, BOX)


def test_crop_text_refuses_a_topology_without_plotly_layers():
    with pytest.raises(ValueError, match="objects"):
        basemap.crop_text(json.dumps({"type": "Topology", "objects": {"land": {}}, "arcs": []}))


@pytest.mark.skipif(not (STATIC / "world_50m.json").exists(), reason="static/world_50m.json missing")
def test_the_regional_basemap_covers_its_box_once():
    """On the real file: land and ocean tile the box, countries cover the land, the map's neighbours are there."""
    topo = json.loads(build.static_basemap()["region/world_50m.json"])
    box = shapely.box(*topo["bbox"])
    assert all(abs(a - b) < 0.04 for a, b in zip(topo["bbox"], basemap.BOX, strict=True))
    land, ocean, countries = (_union(topo, n) for n in ("land", "ocean", "countries"))
    assert land.intersection(ocean).area < 1e-3
    assert land.union(ocean).symmetric_difference(box).area < 1e-3
    assert land.symmetric_difference(countries).area < 0.01
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert {"KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM"} <= ids
    # The Caspian is water, Kazakhstan's steppe is land.
    assert ocean.contains(Point(51.0, 42.0)) and land.contains(Point(67.0, 48.0))
