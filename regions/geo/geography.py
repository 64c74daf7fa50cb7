"""Read the committed boundaries and computed geography of either layout."""

from __future__ import annotations

from typing import Any

import pandas as pd

from regions.base import store
from regions.geo import registry
from regions.geo.registry import LAYOUTS

__all__ = ["LAYOUTS", "NEIGHBOUR_COUNTRIES"]

NEIGHBOUR_COUNTRIES = ("RUS", "CHN", "KGZ", "UZB", "TKM")


GEOGRAPHY_COLUMNS: tuple[str, ...] = (
    "iso_code",
    "area_km2",
    *(f"border_km_{c}" for c in NEIGHBOUR_COUNTRIES),
    "coast_km_caspian",
    "outer_unassigned_km",
    "neighbours",
)


class GeographyError(store.DataError):
    """A boundaries or geography file is malformed; the message names the file, row and column."""


def boundaries_path(layout: str):
    return store.path_of(f"boundaries_{layout}.geojson")


def load_boundaries_json(layout: str) -> dict[str, Any]:
    """The layout's GeoJSON as a dict (features carry ``id`` = ISO code), for plotly's ``geojson=``.

    Shared between callers: do not modify.
    """
    return _boundaries(layout)


@store.memo
def _boundaries(layout: str) -> dict[str, Any]:
    path = boundaries_path(layout)
    doc = store.read_json(path, error=GeographyError)
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise GeographyError(path, "not a GeoJSON FeatureCollection")
    units = set(_layout_units(layout))
    seen: set[str] = set()
    for i, feature in enumerate(features, start=1):
        code = feature.get("id") if isinstance(feature, dict) else None
        who = f"feature {i} ({code})" if isinstance(code, str) else f"feature {i}"
        if code not in units:
            raise GeographyError(path, f"id {code!r} is not a unit of the {layout} layout", where=who)
        if code in seen:
            raise GeographyError(path, f"{code} appears twice", where=who)
        seen.add(code)
        problem = _geometry_problem(feature.get("geometry"))
        if problem:
            raise GeographyError(path, f"broken geometry: {problem}", where=f"{who}, field geometry")
    if seen != units:
        raise GeographyError(path, f"no boundary for {', '.join(sorted(units - seen))}")
    return doc


def _layout_units(layout: str) -> list[str]:
    return [u.iso_code for u in registry.units(layout)]


def _geometry_problem(geometry: Any) -> str:
    """What is wrong with a (Multi)Polygon's structure, or ``""``; a cheap check without shapely."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "not a Polygon or MultiPolygon"
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        return "no coordinates"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "a polygon without rings"
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return "a ring with fewer than 4 positions"
            for pos in ring:
                if not (
                    isinstance(pos, list) and len(pos) >= 2 and all(isinstance(x, (int, float)) for x in pos)
                ):
                    return f"a position that is not [lon, lat]: {str(pos)[:40]}"
                if not (40.0 <= pos[1] <= 56.5 and 45.0 <= pos[0] <= 88.5):
                    return f"a position outside Kazakhstan: {pos[:2]}"
            if ring[0][:2] != ring[-1][:2]:
                return "a ring that is not closed"
    return ""


def load_boundaries(layout: str):
    """The layout's boundaries as a GeoDataFrame indexed by ISO code (EPSG:4326).

    Imports geopandas only when called (the boundary build and the tests need it; the app does not).
    """
    import geopandas as gpd  # not on the app's path (a test checks it): only the build and tests load it

    gdf = gpd.read_file(boundaries_path(layout))
    return gdf.set_index("iso_code").sort_index()


@store.memo
def _geography(layout: str) -> pd.DataFrame:
    name = f"geography_{layout}.csv"
    rows = store.read_rows(name, GEOGRAPHY_COLUMNS, error=GeographyError)
    records = []
    units = set(_layout_units(layout))
    seen: set[str] = set()
    for number, row in rows:
        code = row["iso_code"]
        if code not in units or code in seen:
            problem = "appears twice" if code in seen else f"is not a unit of the {layout} layout"
            raise GeographyError(name, f"{code!r} {problem}", row=number, where="column iso_code")
        seen.add(code)
        record: dict[str, Any] = {"iso_code": code, "neighbours": row["neighbours"]}
        for col in GEOGRAPHY_COLUMNS[1:-1]:
            try:
                record[col] = float(row[col])
            except ValueError:
                raise GeographyError(
                    name, f"{row[col]!r} is not a number", row=number, where=f"column {col}"
                ) from None
        records.append(record)
    return (
        pd.DataFrame.from_records(records, columns=list(GEOGRAPHY_COLUMNS)).set_index("iso_code").sort_index()
    )


def load_geography(layout: str) -> pd.DataFrame:
    """Computed geography (area, borders by country, Caspian coast, neighbours) indexed by ISO code."""
    return _geography(layout).copy()


def areas(layout: str) -> dict[str, float]:
    """Area in km² of every unit of the layout."""
    return load_geography(layout)["area_km2"].to_dict()


def units_bordering(country: str, layout: str) -> list[str]:
    """ISO codes of the units with a land border with ``country`` (ISO 3166-1 alpha-3), by computed length."""
    if country not in NEIGHBOUR_COUNTRIES:
        raise ValueError(f"country: {country!r} is not one of {', '.join(NEIGHBOUR_COUNTRIES)}")
    geo = load_geography(layout)
    return sorted(geo.index[geo[f"border_km_{country}"] > 0])
