"""Read the committed boundaries and computed geography of either layout."""

from __future__ import annotations

from typing import Any

import pandas as pd

from regions import store
from regions.registry import LAYOUTS, check_layout

__all__ = ["LAYOUTS", "NEIGHBOUR_COUNTRIES", "check_layout"]

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
    return store.path_of(f"boundaries_{check_layout(layout)}.geojson")


def load_boundaries_json(layout: str) -> dict[str, Any]:
    """The layout's GeoJSON as a dict (features carry ``id`` = ISO code), for plotly's ``geojson=``.

    Shared between callers: do not modify.
    """
    doc = store.read_json(boundaries_path(layout), error=GeographyError)
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not all(
        isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("geometry"), dict)
        for f in features
    ):
        raise GeographyError(
            boundaries_path(layout), "not a FeatureCollection of features with an id and a geometry"
        )
    return doc


def load_boundaries(layout: str):
    """The layout's boundaries as a GeoDataFrame indexed by ISO code (EPSG:4326).

    Imports geopandas only when called (the boundary build and the tests need it; the app does not).
    """
    import geopandas as gpd

    gdf = gpd.read_file(boundaries_path(layout))
    return gdf.set_index("iso_code").sort_index()


@store.memo
def _geography(layout: str) -> pd.DataFrame:
    name = f"geography_{check_layout(layout)}.csv"
    rows = store.read_rows(name, GEOGRAPHY_COLUMNS, error=GeographyError)
    records = []
    for number, row in rows:
        record: dict[str, Any] = {"iso_code": row["iso_code"], "neighbours": row["neighbours"]}
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
    return _geography(check_layout(layout)).copy()


def areas(layout: str) -> dict[str, float]:
    """Area in km² of every unit of the layout."""
    return load_geography(layout)["area_km2"].to_dict()


def units_bordering(country: str, layout: str) -> list[str]:
    """ISO codes of the units with a land border with ``country`` (ISO 3166-1 alpha-3), by computed length."""
    if country not in NEIGHBOUR_COUNTRIES:
        raise ValueError(f"country: {country!r} is not one of {', '.join(NEIGHBOUR_COUNTRIES)}")
    geo = load_geography(layout)
    return sorted(geo.index[geo[f"border_km_{country}"] > 0])
