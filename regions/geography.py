"""Read the committed boundaries and computed geography of either layout."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import geopandas as gpd
import pandas as pd

from regions.paths import DATA
from regions.registry import LAYOUTS, check_layout

__all__ = ["LAYOUTS", "NEIGHBOUR_COUNTRIES", "check_layout"]

NEIGHBOUR_COUNTRIES = ("RUS", "CHN", "KGZ", "UZB", "TKM")


def boundaries_path(layout: str):
    return DATA / f"boundaries_{check_layout(layout)}.geojson"


@lru_cache(maxsize=2)
def load_boundaries_json(layout: str) -> dict[str, Any]:
    """The layout's GeoJSON as a dict (features carry ``id`` = ISO code), for plotly's ``geojson=``."""
    return json.loads(boundaries_path(layout).read_text(encoding="utf-8"))


def load_boundaries(layout: str) -> gpd.GeoDataFrame:
    """The layout's boundaries as a GeoDataFrame indexed by ISO code (EPSG:4326)."""
    gdf = gpd.read_file(boundaries_path(layout))
    return gdf.set_index("iso_code").sort_index()


@lru_cache(maxsize=2)
def _geography(layout: str) -> pd.DataFrame:
    df = pd.read_csv(DATA / f"geography_{check_layout(layout)}.csv", dtype={"neighbours": str})
    df["neighbours"] = df["neighbours"].fillna("")
    return df.set_index("iso_code").sort_index()


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
