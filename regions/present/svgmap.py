"""The map of regions as plain SVG, drawn on the server: no plotly.js needed to paint it.

Pure Python (no Streamlit). :func:`map_html` gives what the map page shows (the map as one ``<svg>``,
the legend as a second one below it, at most :data:`LEGEND_WIDTH` px wide so that it fits a phone);
:mod:`regions.present.svgexport` draws the same view as the picture to download.

Geometry: the region polygons of ``static/boundaries_<layout>.json`` (what ``python -m regions.build``
writes for the browser) and the neighbours, lakes and coasts of the cropped basemap
``static/region/world_50m.json`` (:mod:`regions.geo.basemap`), projected with the conic equal-area
projection of the plotly map (the plotly map's ``_geo_layout``, now the benchmark's ``bench/plotlymap.py``: standard parallels 45° and 51°,
centred on 67° E, the same longitude and latitude ranges), simplified to a fraction of a pixel.

Colours: those of the plotly map (:mod:`regions.present.figures`): the categories' own colours; on a numeric
map the model's colour values (``MapModel.colour``, :func:`regions.stats.transforms.colour_scale`: the figure,
its log10, or its quantile bin) on :data:`regions.present.figures.NUMERIC_SCALE` sampled by plotly's own colour
functions, bins in the flat steps of :func:`regions.present.figures.stepped_scale`; missing values in
:data:`regions.present.figures.MISSING_COLOUR` with a hatch and a "no data" legend entry, units outside a filter
white (categorical maps, :data:`regions.present.figures.OUT_OF_FOCUS_COLOUR`) or faded (numeric maps).

Every region is one ``<path data-iso="KZ-..">`` with a ``<title>`` (its hover text as plain text),
``tabindex="0"`` and ``role="button"``: the page's script turns a click or Enter into opening its profile.
Every text is XML-escaped. The output is a function of its inputs only (same model, same bytes).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import shapely
from plotly.colors import get_colorscale, sample_colorscale, unlabel_rgb
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from regions.base.i18n import t
from regions.base.paths import STATIC
from regions.base.store import read_json
from regions.geo import basemap, registry, webfiles
from regions.geo.webfiles import STATIC_URL
from regions.present import figures
from regions.present.figures import Category, MapUnit
from regions.present.labels import format_number
from regions.stats.transforms import ColourScale

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
# The map's own width in SVG units; the page scales it to the column (viewBox).
MAP_WIDTH = 800
# The legend's width in SVG units = CSS pixels at most: it fits a 390 px phone screen.
LEGEND_WIDTH = 358
LEGEND_FONT = 13
# The legend's title is bold; DejaVu Sans Bold runs 10-13 % wider than the regular face the widths are
# measured in (measured on Russian, Kazakh and English titles), so its lines are wrapped shorter.
BOLD_WIDER = 1.15
SWATCH = 14
LINE = 18
SIMPLIFY_PX = 0.4
LAND_COLOUR = "#eeeeee"
WATER_COLOUR = "#dceaf5"
BORDER_COLOUR = "#9e9e9e"
LABEL_COLOUR = "#616161"
BASEMAP = STATIC / "region" / "world_50m.json"
# plotly's figure (bench/plotlymap.py _geo_layout, the map before it was SVG): the projection and the extent it shows.
PARALLELS = (45.0, 51.0)
CENTRE_LON = 67.0
LON_RANGE = (45.5, 89.0)
LAT_RANGE = (39.5, 56.0)
# The three cities of republican significance get a marker: they are a few pixels wide on the map.
CITIES = ("KZ-71", "KZ-75", "KZ-79")


# --------------------------------------------------------------------------------------------------
# Projection


def project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Conic equal-area (Albers) projection of d3-geo's ``geoConicEqualArea``, as plotly uses it.

    Parallels :data:`PARALLELS`, rotated to :data:`CENTRE_LON`; returns unscaled ``x`` (east) and
    ``y`` (north), in units of the sphere's radius.

    >>> x, y = project(np.array([67.0]), np.array([48.0]))
    >>> round(float(x[0]), 6)
    0.0
    """
    phi0, phi1 = (math.radians(p) for p in PARALLELS)
    sy0 = math.sin(phi0)
    n = (sy0 + math.sin(phi1)) / 2
    c = 1 + sy0 * (2 * n - sy0)
    r0 = math.sqrt(c) / n
    lam = np.radians(np.asarray(lon, dtype=float) - CENTRE_LON)
    phi = np.radians(np.asarray(lat, dtype=float))
    r = np.sqrt(c - 2 * n * np.sin(phi)) / n
    return r * np.sin(lam * n), r0 - r * np.cos(lam * n)


@dataclass(frozen=True)
class Frame:
    """How projected coordinates become SVG units: ``X = (x - x0) * k``, ``Y = (y1 - y) * k``."""

    x0: float
    y1: float
    k: float
    width: float
    height: float

    def to_svg(self, coords: np.ndarray) -> np.ndarray:
        """(n, 2) longitude/latitude → (n, 2) SVG coordinates."""
        x, y = project(coords[:, 0], coords[:, 1])
        return np.column_stack([(x - self.x0) * self.k, (self.y1 - y) * self.k])


@lru_cache(maxsize=1)
def frame() -> Frame:
    """The map's frame: the projected outline of the plotly map's longitude/latitude ranges."""
    t = np.linspace(0, 1, 200)
    (a, b), (c, d) = LON_RANGE, LAT_RANGE
    lon = np.concatenate([a + (b - a) * t, np.full_like(t, b), b - (b - a) * t, np.full_like(t, a)])
    lat = np.concatenate([np.full_like(t, c), c + (d - c) * t, np.full_like(t, d), d - (d - c) * t])
    x, y = project(lon, lat)
    k = MAP_WIDTH / (x.max() - x.min())
    return Frame(
        float(x.min()), float(y.max()), float(k), MAP_WIDTH, round(float((y.max() - y.min()) * k), 1)
    )


# --------------------------------------------------------------------------------------------------
# Geometry (cached: the same for every view of a layout)


def _svg_geometry(geom: BaseGeometry) -> BaseGeometry:
    """Project a lon/lat geometry to SVG units."""
    f = frame()
    return shapely.transform(geom, f.to_svg)


# Path data is written in units of 1/QUANT of an SVG unit, relative and integer (``M12 34l3-1 2 0z``),
# inside a ``<g transform="scale(1/QUANT)">``: half a pixel of precision at the map's width, at about a
# third of the bytes of absolute coordinates with one decimal.
QUANT = 2


def _path_d(geom: BaseGeometry) -> str:
    """Compact SVG path data of a polygonal or linear geometry (see :data:`QUANT`)."""
    parts: list[str] = []

    def pair(dx: int, dy: int) -> str:
        return f"{dx}" + (f"{dy}" if dy < 0 else f" {dy}")

    def ring(coords: Iterable[Sequence[float]], close: bool) -> None:
        q = np.rint(np.asarray(coords, dtype=float)[:, :2] * QUANT).astype(int)
        # Drop repeats that rounding made.
        keep = np.concatenate([[True], np.any(np.diff(q, axis=0) != 0, axis=1)])
        q = q[keep]
        if close and len(q) > 1 and (q[-1] == q[0]).all():
            q = q[:-1]
        if len(q) < (3 if close else 2):
            return
        d = np.diff(q, axis=0)
        body = " ".join(pair(int(a), int(b)) for a, b in d).replace(" -", "-")
        parts.append(f"M{pair(int(q[0, 0]), int(q[0, 1]))}l{body}" + ("z" if close else ""))

    def walk(g: BaseGeometry) -> None:
        if g.is_empty:
            return
        if isinstance(g, Polygon):
            ring(g.exterior.coords, True)
            for hole in g.interiors:
                ring(hole.coords, True)
        elif g.geom_type in ("LineString", "LinearRing"):
            ring(g.coords, False)
        elif hasattr(g, "geoms"):
            for sub in g.geoms:
                walk(sub)

    walk(geom)
    return "".join(parts)


_PATH_RE = re.compile(r"M(-?\d+)(?: |(?=-))(-?\d+)l([^Mz]*)(z?)")


def _rings(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """The rings of path data written by :func:`_path_d` as absolute points in SVG units."""
    out = []
    for x0, y0, body, closed in _PATH_RE.findall(d):
        nums = [int(n) for n in re.findall(r"-?\d+", body)]
        x, y = int(x0), int(y0)
        pts = [(x / QUANT, y / QUANT)]
        for dx, dy in zip(nums[0::2], nums[1::2], strict=True):
            x, y = x + dx, y + dy
            pts.append((x / QUANT, y / QUANT))
        out.append((pts, bool(closed)))
    return out


@lru_cache(maxsize=4)
def region_paths(layout: str) -> tuple[tuple[str, str], ...]:
    """``(iso_code, path data)`` of every unit of the layout, from ``static/boundaries_<layout>.json``."""

    doc = read_json(webfiles.local_path(webfiles.boundaries_url(layout)))
    out = []
    for feature in doc["features"]:
        geom = _svg_geometry(shape(feature["geometry"]))
        geom = shapely.simplify(geom, SIMPLIFY_PX, preserve_topology=True)
        out.append((feature["id"], _path_d(geom)))
    return tuple(sorted(out))


@lru_cache(maxsize=4)
def city_points(layout: str) -> tuple[tuple[str, float, float], ...]:
    """``(iso_code, x, y)`` of the cities' markers: a point inside each city's own polygon."""

    doc = read_json(webfiles.local_path(webfiles.boundaries_url(layout)))
    out = []
    for feature in doc["features"]:
        if feature["id"] in CITIES:
            p = _svg_geometry(shape(feature["geometry"])).representative_point()
            out.append((feature["id"], round(p.x, 1), round(p.y, 1)))
    return tuple(sorted(out))


@lru_cache(maxsize=4)
def unit_shapes(layout: str) -> tuple[tuple[str, BaseGeometry], ...]:
    """``(iso_code, polygon in SVG units)`` of every unit of the layout (for placing labels)."""
    doc = read_json(webfiles.local_path(webfiles.boundaries_url(layout)))
    return tuple(sorted((f["id"], _svg_geometry(shape(f["geometry"]))) for f in doc["features"]))


# Region names on the map: at the desktop size on a map shown at its full width (800 px), and at the
# phone size, which the page's CSS shows instead below 640 px of screen, where the map is drawn at about
# 0.45 of its size (24 units are then about 11 px on the screen).
DESKTOP_LABEL = 11
PHONE_LABEL = 24
CITY_R = 6  # the city marker's radius in SVG units at the map's full width (12 px across)
PHONE_CITY_R = 12  # on a phone (about 11 px across on the screen)
INSIDE_SHARE = 0.75  # a phone-size name may cross its region's border with at most a quarter of its box


@dataclass(frozen=True)
class RegionLabel:
    """One placed name: its lines (baseline of the first at ``y``), anchored at ``x`` (middle, or start for a city)."""

    code: str
    x: float
    y: float
    lines: tuple[str, ...]
    size: int
    anchor: str  # "middle" or "start"


def _box(x: float, y: float, lines: Sequence[str], size: int, anchor: str):
    w = max(text_width(line, size) for line in lines)
    left = x - w / 2 if anchor == "middle" else x
    top = y - size * 0.8
    return shapely.box(left - 1, top - 1, left + w + 1, top + size * 1.15 * len(lines) + 1)


def _forms(text: str) -> list[tuple[str, ...]]:
    """The name on one line, then split in two at the space or hyphen nearest its middle."""
    cuts = [i for i, ch in enumerate(text) if ch in " -"]
    if not cuts:
        return [(text,)]
    i = min(cuts, key=lambda c: abs(c - len(text) / 2))
    head = text[: i + 1].rstrip() if text[i] == "-" else text[:i]
    return [(text,), (head, text[i + 1 :])]


def place_labels(layout: str, names: tuple[tuple[str, str], ...], size: int, strict: bool) -> list[RegionLabel]:
    """Names of the units placed without overlapping each other, the cities' markers or the neighbours'
    names: cities first (beside their marker), then regions from the largest, each at the point of its
    polygon farthest from its border (one line, or two), inside the polygon where it fits. A name may
    cross its region's border where it overlaps nothing else, at the phone size (``strict``) only with
    most of it inside; a name that cannot be placed so is left out (hover or tap still names it)."""
    return list(_place(layout, names, size, strict))


@lru_cache(maxsize=32)
def _place(layout: str, names: tuple[tuple[str, str], ...], size: int, strict: bool) -> tuple[RegionLabel, ...]:
    shapes = dict(unit_shapes(layout))
    text_of = dict(names)
    r = PHONE_CITY_R if strict else CITY_R
    points = {c: (x, y) for c, x, y in city_points(layout) if c in text_of}
    taken = [shapely.Point(x, y).buffer(r + 1) for x, y in points.values()]
    placed: list[RegionLabel] = []
    for code in sorted(points):
        x, y = points[code]
        lines = (text_of[code],)
        for lx in (x + r + 4, x - r - 4 - text_width(lines[0], size)):
            box = _box(lx, y + size * 0.35, lines, size, "start")
            if not any(box.intersects(o) for o in taken):
                taken.append(box)
                placed.append(RegionLabel(code, lx, y + size * 0.35, lines, size, "start"))
                break
    regions = sorted((c for c in shapes if c in text_of and c not in points), key=lambda c: -shapes[c].area)
    for code in regions:
        poly = shapes[code]
        label = _region_label(code, poly, text_of[code], size, strict, taken)
        if label is not None:
            taken.append(_box(label.x, label.y, label.lines, size, "middle"))
            placed.append(label)
    return tuple(placed)


def _candidates(poly: BaseGeometry, step: float) -> list[shapely.Point]:
    """The point of the largest part farthest from its border, then a grid of points inside, deepest first."""
    part = max(getattr(poly, "geoms", [poly]), key=lambda g: g.area)
    x0, y0, x1, y1 = part.bounds
    grid = [
        shapely.Point(x, y)
        for x in np.arange(x0 + step / 2, x1, step)
        for y in np.arange(y0 + step / 2, y1, step)
    ]
    inside = [p for p in grid if part.contains(p)]
    inside.sort(key=lambda p: -part.exterior.distance(p))
    return [polylabel(part, tolerance=1.0), *inside[:40]]


def _region_label(
    code: str, poly: BaseGeometry, text: str, size: int, strict: bool, taken: list
) -> RegionLabel | None:
    """The first position (deepest first), in one line or two, whose box overlaps nothing placed, inside
    the region; failing that, the first that only crosses the region's border (``strict``, the phone
    size: with at least :data:`INSIDE_SHARE` of the box inside the region)."""
    crossing = None
    for centre in _candidates(poly, step=max(8.0, size * 1.5)):
        for lines in _forms(text):
            first = centre.y - size * 1.15 * (len(lines) - 1) / 2 + size * 0.35
            box = _box(centre.x, first, lines, size, "middle")
            if any(box.intersects(o) for o in taken) or not poly.contains(shapely.Point(centre.x, centre.y)):
                continue
            label = RegionLabel(code, float(centre.x), float(first), lines, size, "middle")
            if poly.contains(box):
                return label
            if crossing is None and (not strict or box.intersection(poly).area >= INSIDE_SHARE * box.area):
                crossing = label
    return crossing


@lru_cache(maxsize=1)
def basemap_paths() -> tuple[str, str, str]:
    """Path data of the land, the lakes (the Caspian among them) and the country borders around the map."""

    topo = read_json(BASEMAP)
    arcs = basemap.absolute_arcs(topo)
    view = shapely.box(-2, -2, frame().width + 2, frame().height + 2)

    def layer(name: str) -> str:
        geoms = []
        for obj in topo["objects"][name]["geometries"]:
            g = _decode(obj, arcs)
            if g is None:
                continue
            g = shapely.make_valid(_svg_geometry(g))
            g = shapely.intersection(g, view)
            if not g.is_empty:
                geoms.append(shapely.simplify(g, SIMPLIFY_PX * 2, preserve_topology=True))
        return _path_d(shapely.GeometryCollection(geoms)) if geoms else ""

    return layer("land"), layer("lakes"), layer("countries")


def _decode(obj: dict, arcs: list[np.ndarray]) -> BaseGeometry | None:
    """A TopoJSON Polygon or MultiPolygon as a shapely geometry in lon/lat (rings unwrapped as drawn)."""

    def poly(rings: list[list[int]]) -> Polygon | None:
        coords = [basemap._line(arcs, r) for r in rings]
        coords = [c for c in coords if len(c) >= 4]
        return Polygon(coords[0], coords[1:]) if coords else None

    if obj.get("type") == "Polygon":
        return poly(obj["arcs"])
    if obj.get("type") == "MultiPolygon":
        polys = [p for p in (poly(r) for r in obj["arcs"]) if p is not None]
        return MultiPolygon(polys) if polys else None
    return None


# --------------------------------------------------------------------------------------------------
# Text


def plain(text: str) -> str:
    """A hover or legend text of the plotly map (HTML: ``<br>``, ``<b>``, entities) as plain text.

    Line breaks become newlines, tags are dropped and entities decoded, so that the caller escapes once
    for XML. A user's own text arrives html-escaped (``&lt;b&gt;``): it comes back as the characters the
    user typed, never as markup.

    >>> plain("<b>A &amp; B</b><br>&lt;i&gt;")
    'A & B\\n<i>'
    """
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?(b|i|em|strong|sup|sub|span)\b[^>]*>", "", text, flags=re.IGNORECASE)
    return html.unescape(text)


def source_text(source_line: str) -> str:
    """A Markdown source line as plain text (backticks of code spans dropped, paragraphs joined by " · ")."""
    parts = [p.strip() for p in source_line.split("\n\n") if p.strip()]
    # Identical paragraphs (a file named twice) are shown once.
    seen: list[str] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    return " · ".join(seen).replace("`", "").replace("\\", "")


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont  # Pillow loaded on first use, not at import (import cost)

    return ImageFont.truetype(str(FONT_PATH), size)


def text_width(text: str, size: int = LEGEND_FONT) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` px (the font the SVG asks for first)."""
    return float(_font(size).getlength(text))


def wrap(text: str, width: float, size: int = LEGEND_FONT) -> list[str]:
    """Greedy word wrap of ``text`` into lines at most ``width`` px wide (a longer word is cut)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if text_width(trial, size) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while text_width(word, size) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _num(v: float) -> str:
    """A coordinate: one decimal, no ``-0.0``."""
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


# --------------------------------------------------------------------------------------------------
# Colours


def _rgb_hex(colour: str) -> str:
    """A plotly colour (``rgb(68, 1, 84)`` or ``#440154``) as ``#rrggbb``."""

    if colour.startswith("#"):
        return colour.lower()
    r, g, b = (int(round(float(c))) for c in unlabel_rgb(colour))
    return f"#{r:02x}{g:02x}{b:02x}"


def numeric_colour(value: float, vmin: float, vmax: float) -> str:
    """The colour of ``value`` on the plotly map's numeric scale (:data:`regions.present.figures.NUMERIC_SCALE`)."""

    t = 0.5 if vmax <= vmin else min(max((value - vmin) / (vmax - vmin), 0.0), 1.0)
    return _rgb_hex(sample_colorscale(get_colorscale(figures.NUMERIC_SCALE), [t])[0])


def bin_colours(n: int) -> list[str]:
    """The colours of ``n`` quantile bins: the steps of :func:`regions.present.figures.stepped_scale`, as hex.

    >>> bin_colours(2)
    ['#440154', '#fde725']
    """
    steps = figures.stepped_scale(n)
    return [_rgb_hex(steps[2 * i][1]) for i in range(max(n, 1))]


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of the legend: its label, fill and whether it is hatched (missing) or faded."""

    label: str
    colour: str
    hatched: bool = False
    faded: bool = False


@dataclass(frozen=True)
class Styled:
    """A map model coloured for one view: fills per unit, what is in focus, and the legend.

    Numeric maps on a continuous scale (linear or log) have ``scale``, the (min, max) of the colour
    values (log10 of the figures on a log scale), and ``ticks``, the colour bar's ``(colour value,
    label)`` (``None``: three ticks at the ends and the middle, labelled by the legend); quantile maps
    have neither, and one legend entry per bin instead.
    """

    fills: dict[str, str]
    faded: frozenset[str]
    hatched: frozenset[str]
    entries: list[LegendEntry]
    scale: tuple[float, float] | None  # continuous numeric maps: (min, max) of the colour bar
    ticks: tuple[tuple[float, str], ...] | None = None


def _finite(v: float | None) -> bool:
    return v is not None and math.isfinite(v)


def style(
    units: Sequence[MapUnit],
    categorical: bool,
    categories: Sequence[Category],
    highlight: set[str] | frozenset[str] | None,
    missing_label: str,
    out_of_focus_label: str,
    colour: ColourScale | None = None,
) -> Styled:
    """Fills and legend of a view, following the plotly map it replaced (``bench/plotlymap.py``).

    Categorical: each unit in its category's colour; under a filter, units outside it are white and the
    legend lists only the categories in focus, then "outside the filter" (drawn, as in the plotly map, at
    :data:`regions.present.figures.DIMMED_OPACITY`). Numeric: each unit's colour value (``colour.z``, one per
    unit in the order of ``units``, :func:`regions.stats.transforms.colour_scale`; without ``colour`` the
    value itself) on the numeric scale from the smallest to the largest; quantile bins
    (``colour.stepped``) in the flat steps of :func:`bin_colours`, one legend square per bin labelled
    with its edges (``colour.ticktext``); a missing value grey and hatched ("no data"); under a filter,
    units outside it faded.
    """
    codes = [u.iso_code for u in units]
    outside = set() if highlight is None else {c for c in codes if c not in highlight}
    fills: dict[str, str] = {}
    hatched: set[str] = set()
    entries: list[LegendEntry] = []
    scale = None
    ticks = None
    if categorical:
        colours = {c.key: c.colour for c in categories}
        for u in units:
            if u.iso_code in outside:
                fills[u.iso_code] = figures.OUT_OF_FOCUS_COLOUR
            else:
                fills[u.iso_code] = colours.get(u.category or "", figures.NO_ROLE_COLOUR)
        in_focus = {u.category for u in units if u.iso_code not in outside}
        entries = [LegendEntry(c.label, c.colour) for c in categories if c.key in in_focus]
        if outside:
            entries.append(LegendEntry(out_of_focus_label, figures.OUT_OF_FOCUS_COLOUR))
        # As in the plotly map, the white of "outside the filter" is also drawn at DIMMED_OPACITY.
        faded: set[str] = set(outside)
    else:
        if colour is not None and len(colour.z) != len(units):
            raise ValueError(f"{len(colour.z)} colour values for {len(units)} units")
        zs = [u.value for u in units] if colour is None else list(colour.z)
        z_of = {u.iso_code: (float(z) if _finite(z) else None) for u, z in zip(units, zs, strict=True)}
        if colour is not None and colour.stepped:
            steps = bin_colours(colour.n_bins)
            for code, z in z_of.items():
                fills[code] = steps[int(z)] if z is not None else figures.MISSING_COLOUR
            labels = colour.ticktext or []
            entries = [LegendEntry(label, steps[i]) for i, label in enumerate(labels)]
        else:
            finite = [z for z in z_of.values() if z is not None]
            lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
            scale = (float(lo), float(hi))
            if colour is not None and colour.tickvals and colour.ticktext:
                ticks = tuple(
                    (float(tv), tt) for tv, tt in zip(colour.tickvals, colour.ticktext, strict=True)
                )
            for code, z in z_of.items():
                fills[code] = numeric_colour(z, lo, hi) if z is not None else figures.MISSING_COLOUR
        hatched = {code for code, z in z_of.items() if z is None}
        if hatched:
            entries.append(LegendEntry(missing_label, figures.MISSING_COLOUR, hatched=True))
        faded = set(outside)
        if outside:
            entries.append(LegendEntry(out_of_focus_label, numeric_colour(0.5, 0.0, 1.0), faded=True))
    return Styled(fills, frozenset(faded), frozenset(hatched), entries, scale, ticks)


# --------------------------------------------------------------------------------------------------
# Drawing


@dataclass(frozen=True)
class MapView:
    """Everything one picture of the map needs (a :class:`regions.pages.map.MapModel` plus the view)."""

    layout: str
    units: tuple[MapUnit, ...]
    categorical: bool
    categories: tuple[Category, ...]
    legend_title: str
    highlight: frozenset[str] | None
    labels: tuple[tuple[str, str], ...]  # (COUNTRY_LABELS key, text) of the neighbours' names
    missing_label: str
    out_of_focus_label: str
    number_format: str = "en"  # language of the legend's numbers
    colour: ColourScale | None = None  # numeric maps: the model's colour scale (MapModel.colour)
    names: tuple[tuple[str, str], ...] = ()  # (ISO code, short name) of the units, for the map's own labels
    open_label: str = ""  # the tap card's button (touch screens): open the region's profile


def view_of(model, layout: str, lang: str, highlight: Iterable[str] | None = None) -> MapView:
    """The :class:`MapView` of a map page's model (``highlight``: codes in focus, ``None`` = all)."""

    return MapView(
        layout=layout,
        units=tuple(model.units),
        categorical=model.categorical,
        categories=tuple(model.categories),
        legend_title=model.legend_title,
        highlight=None if highlight is None else frozenset(highlight),
        labels=tuple((key, t(f"map_label_{key}", lang)) for key in figures.COUNTRY_LABELS),
        names=tuple((u.iso_code, registry.short_name(u.iso_code, lang)) for u in model.units),
        open_label=t("map_open_profile", lang),
        missing_label=t("missing", lang),
        out_of_focus_label=t("out_of_focus", lang),
        number_format=lang,
        colour=getattr(model, "colour", None),
    )


HATCH_ID = "kzmap-hatch"
CSS = f"""
.kzmap{{display:block;width:100%;height:auto;max-width:{MAP_WIDTH}px}}
.kzmap-legend{{display:block;width:100%;max-width:{LEGEND_WIDTH}px;height:auto}}
.kzmap [data-iso]{{cursor:pointer;outline:none}}
.kzmap [data-iso]:hover,.kzmap [data-iso]:focus{{stroke:#212121;stroke-width:{2 * QUANT}}}
.kzmap .city{{cursor:pointer;outline:none}}
.kzmap .city:hover,.kzmap .city:focus{{stroke-width:{3 * QUANT}}}
.kzmap .rl-p{{display:none}}
@media (max-width:640px){{.kzmap .rl-d{{display:none}}.kzmap .rl-p{{display:inline}}.kzmap .city{{r:{PHONE_CITY_R * QUANT}px}}}}
.kzmap-card{{margin:6px 0;padding:8px 10px;border:1px solid #bdbdbd;border-radius:6px;background:#fff;
max-width:{LEGEND_WIDTH}px;font-size:14px;line-height:1.35}}
.kzmap-card b{{display:block;margin-bottom:2px}}
.kzmap-card button{{margin-top:6px;padding:4px 10px;border:1px solid #616161;border-radius:4px;background:#fafafa;
font:inherit;cursor:pointer}}
"""


def _defs() -> str:
    return (
        f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{figures.MISSING_COLOUR}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
    )


def geometry(layout: str) -> dict[str, str]:
    """Path data of everything the map draws that does not change with the view: ``land``, ``lakes``,
    ``borders`` and one entry per unit (its ISO code)."""
    land, lakes, borders = basemap_paths()
    return {"land": land, "lakes": lakes, "borders": borders, **dict(region_paths(layout))}


def geometry_json(layout: str) -> str:
    """:func:`geometry` as the JSON of ``static/svgmap_<layout>.json`` (sorted keys: same input, same bytes)."""
    return json.dumps(geometry(layout), sort_keys=True, separators=(",", ":")) + "\n"


def geometry_path(layout: str) -> Path:
    """``static/svgmap_<layout>.json``, written by ``python -m regions.build.svgmapfiles``."""
    return STATIC / f"svgmap_{layout}.json"


@lru_cache(maxsize=4)
def geometry_url(layout: str) -> str | None:
    """The URL the page's script fetches the layout's geometry from (once per page; the file's hash in the
    query, so a rebuilt file is never taken from a cache), or ``None`` if the file is missing or not what
    :func:`geometry_json` computes now (then the geometry goes inline, and the map still draws)."""
    path = geometry_path(layout)
    try:
        on_disk = path.read_text(encoding="utf-8")
    except OSError:
        return None
    if on_disk != geometry_json(layout):
        return None
    digest = hashlib.sha256(on_disk.encode("utf-8")).hexdigest()[:12]
    return f"{STATIC_URL}{path.name}?v={digest}"


def _d(key: str, geom: dict[str, str] | None, unit: bool = False) -> str:
    """The path's geometry: inline (``d=``) or a reference the page's script resolves (``data-g=``; a
    unit's path is resolved by its ``data-iso``)."""
    if geom is not None:
        return f'd="{geom[key]}"'
    return "" if unit else f"data-g={quoteattr(key)}"


def _map_body(v: MapView, s: Styled, inline: bool = True, region_labels: bool = False) -> str:
    """The map's drawing (no ``<svg>`` wrapper): water, land, borders, regions, cities, labels.

    ``inline=False``: the paths carry ``data-g`` keys of :func:`geometry` instead of their ``d``.
    ``region_labels``: the units' names too, at the desktop and the phone size (the page's CSS shows
    one of them); the downloads leave them out.
    """
    f = frame()
    geom = geometry(v.layout) if inline else None
    out = [
        f'<rect width="{f.width}" height="{f.height}" fill="{WATER_COLOUR}"/>',
        # Path data in 1/QUANT units (see _path_d); stroke widths inside are in the same units.
        f'<g transform="scale({1 / QUANT:g})">',
        f'<path {_d("land", geom)} fill="{LAND_COLOUR}" fill-rule="evenodd"/>',
        f'<path {_d("lakes", geom)} fill="{WATER_COLOUR}" fill-rule="evenodd"/>',
        f'<path {_d("borders", geom)} fill="none" stroke="{BORDER_COLOUR}" stroke-width="{0.6 * QUANT:g}"/>',
        f'<g class="units" stroke="#ffffff" stroke-width="{0.6 * QUANT:g}" stroke-linejoin="round" '
        'fill-rule="evenodd">',
    ]
    by_code = {u.iso_code: u for u in v.units}
    points = {c: (x, y) for c, x, y in city_points(v.layout)}
    # Cities last, so that their markers lie over every region.
    for code in sorted(by_code, key=lambda c: (c in points, c)):
        u = by_code[code]
        fill = f"url(#{HATCH_ID})" if code in s.hatched else s.fills[code]
        attrs = f'fill="{fill}"'
        if v.highlight is not None and code in v.highlight:
            attrs += f' stroke-width="{2 * QUANT:g}"'
        if code in s.faded:
            attrs += f' opacity="{figures.DIMMED_OPACITY}"'
        # The <title> is the hover text and the accessible name; tabindex makes the region focusable.
        title = f"<title>{escape(f'{u.name}{chr(10)}{plain(u.hover)}')}</title>"
        d = _d(code, geom, unit=True)
        path = f'<path {d + " " if d else ""}data-iso={quoteattr(code)} {attrs} tabindex="0">'
        if code not in points:
            out.append(f"{path}{title}</path>")
            continue
        # A city: its few-pixel polygon and a marker that can be seen, hovered and clicked, one title.
        x, y = points[code]
        # The marker's own dark outline, thicker when the city is in focus (one stroke-width attribute).
        ring = 2.4 if v.highlight is not None and code in v.highlight else 1.2
        marker = f'fill="{fill}"' + (f' opacity="{figures.DIMMED_OPACITY}"' if code in s.faded else "")
        out.append(
            f"<g>{title}{path}</path>"
            f'<circle class="city" cx="{_num(x * QUANT)}" cy="{_num(y * QUANT)}" r="{CITY_R * QUANT}" {marker} '
            f'stroke="#212121" stroke-width="{ring * QUANT:g}" data-city={quoteattr(code)} tabindex="0"/></g>'
        )
    out.append("</g></g>")
    if region_labels:
        out.append(_region_labels(v))
    out.append(
        f'<g font-family="{FONT_FAMILY}" font-size="{LABEL_FONT}" fill="{LABEL_COLOUR}" text-anchor="middle" '
        'pointer-events="none">'
    )
    for x, y, text, size in map_labels(v):
        fs = f' font-size="{size}"' if size != LABEL_FONT else ""
        out.append(f'<text x="{_num(x)}" y="{_num(y)}"{fs}>{escape(text)}</text>')
    out.append("</g>")
    return "".join(out)


LABEL_FONT = 13
# Where the SVG map puts a label instead of regions.present.figures.COUNTRY_LABELS: (lon, lat of the first
# line's baseline, font size, the width its lines wrap at). The Caspian's name goes in its southern
# basin, in two lines, below Mangystau's (and every region's) bounding box: at the plotly figure's
# place it lay across Mangystau.
LABEL_PLACES: dict[str, tuple[float, float, int, float]] = {"caspian": (51.1, 39.2, 12, 80.0)}


def map_labels(v: MapView) -> list[tuple[float, float, str, int]]:
    """``(x, y, line, font size)`` of every line of the neighbours' names (centred on ``x``; ``y``: baseline)."""
    f = frame()
    out = []
    for key, text in v.labels:
        lon, lat = figures.COUNTRY_LABELS[key]
        size, width = LABEL_FONT, float("inf")
        if key in LABEL_PLACES:
            lon, lat, size, width = LABEL_PLACES[key]
        x, y = f.to_svg(np.array([[lon, lat]]))[0]
        lines = wrap(text, width, size) if math.isfinite(width) else [text]
        for i, line in enumerate(lines):
            out.append((float(x), float(y) + i * (size + 1), line, size))
    return out


def _region_labels(v: MapView) -> str:
    """The units' names as two groups of ``<text>``: ``rl-d`` at the desktop size, ``rl-p`` at the phone size."""
    out = []
    for cls, size, strict in (("rl-d", DESKTOP_LABEL, False), ("rl-p", PHONE_LABEL, True)):
        out.append(
            f'<g class="{cls}" font-family="{FONT_FAMILY}" font-size="{size}" fill="#212121" '
            'stroke="#ffffff" stroke-opacity="0.8" stroke-width="3" paint-order="stroke" pointer-events="none">'
        )
        for lab in place_labels(v.layout, v.names, size, strict):
            spans = "".join(
                f'<tspan x="{_num(lab.x)}" dy="{0 if i == 0 else _num(size * 1.15)}">{escape(line)}</tspan>'
                for i, line in enumerate(lab.lines)
            )
            out.append(f'<text y="{_num(lab.y)}" text-anchor="{lab.anchor}" data-label={quoteattr(lab.code)}>{spans}</text>')
        out.append("</g>")
    return "".join(out)


def _format_tick(value: float, span: float, lang: str) -> str:
    """A legend tick, with the decimals the scale's ``span`` (max - min) needs: 0 from 100, 1 from 10, else 2."""

    decimals = 0 if span >= 100 else (1 if span >= 10 else 2)
    return format_number(value, decimals, lang)


@dataclass(frozen=True)
class LegendText:
    """A line of the legend: its left edge ``x``, baseline ``y`` and whether it is bold (the title)."""

    x: float
    y: float
    text: str
    bold: bool = False


@dataclass(frozen=True)
class LegendBar:
    """The colour bar: a gradient from the colour of ``lo`` to that of ``hi`` across ``w`` px."""

    x: float
    y: float
    w: float
    h: float
    lo: float
    hi: float


@dataclass(frozen=True)
class LegendTick:
    """A tick mark under the colour bar at ``x``, from ``y`` down ``h`` px."""

    x: float
    y: float
    h: float


@dataclass(frozen=True)
class LegendSwatch:
    """A square of an entry at its top left corner ``(x, y)``."""

    x: float
    y: float
    entry: LegendEntry


LegendItem = LegendText | LegendBar | LegendTick | LegendSwatch
TICK_GAP = 8  # px between two tick labels; a label that would come closer is left out


def _bar_ticks(
    s: Styled, bar_x: float, bar: float, width: float, lang: str
) -> list[tuple[float, float, str]]:
    """``(tick x, label left edge, label)`` of the colour bar's ticks that fit side by side in ``width``.

    The scale's own ticks (``Styled.ticks``: a log scale's 1-2-5 values) or else the ends and the middle;
    each label is centred under its tick but kept inside the legend, and a label that would overlap its
    neighbour is left out (the two ends are kept first).
    """
    assert s.scale is not None
    lo, hi = s.scale
    if s.ticks is not None:
        ticks = [(z, label) for z, label in s.ticks if lo - 1e-9 <= z <= hi + 1e-9]
    else:
        values = [lo, (lo + hi) / 2, hi] if hi > lo else [lo]
        ticks = [(z, _format_tick(z, hi - lo, lang)) for z in values]
    placed = []
    for z, label in ticks:
        x = bar_x + (bar * (z - lo) / (hi - lo) if hi > lo else bar / 2)
        w = text_width(label)
        left = min(max(x - w / 2, 0.0), width - w)
        placed.append((x, left, w, label))
    if not placed:
        return []
    kept = [placed[0]]
    for p in placed[1:-1]:
        if p[1] >= kept[-1][1] + kept[-1][2] + TICK_GAP:
            kept.append(p)
    if len(placed) > 1:
        last = placed[-1]
        while len(kept) > 1 and last[1] < kept[-1][1] + kept[-1][2] + TICK_GAP:
            kept.pop()
        if last[1] >= kept[-1][1] + kept[-1][2] + TICK_GAP:
            kept.append(last)
    return [(x, left, label) for x, left, _, label in kept]


def legend_layout(v: MapView, s: Styled, width: float = LEGEND_WIDTH) -> tuple[list[LegendItem], float]:
    """Where each part of the legend goes within ``width`` px, and its height (shared by SVG and PNG).

    The title's lines (``<br>`` or a newline start a new line; long lines are wrapped); on a continuous
    numeric map the colour bar with its tick labels; then the entries' squares (categories, quantile bins
    with their edges, "no data", "outside the filter"), in two columns when every label fits on one line
    in half the width, else one below the other.
    """
    items: list[LegendItem] = []
    y = 0.0
    for line in wrap(plain(v.legend_title), width / BOLD_WIDER):
        y += LINE
        items.append(LegendText(0, y - 4, line, bold=True))
    if s.scale is not None:
        bar_x, bar = 10.0, width - 20
        y += 6
        items.append(LegendBar(bar_x, y, bar, 14, *s.scale))
        y += 14
        for x, left, label in _bar_ticks(s, bar_x, bar, width, v.number_format):
            items.append(LegendTick(x, y, 4))
            items.append(LegendText(left, y + LINE - 1, label))
        y += LINE + 6
    col = (width - 12) / 2
    label_w = col - SWATCH - 8
    two = len(s.entries) > 2 and all(text_width(e.label) <= label_w for e in s.entries)
    if two:
        rows = math.ceil(len(s.entries) / 2)
        for i, e in enumerate(s.entries):
            c, r = divmod(i, rows)  # column by column: bins read down, low to high
            x, top = c * (col + 12), y + r * (LINE + 4)
            items.append(LegendSwatch(x, top + 3, e))
            items.append(LegendText(x + SWATCH + 8, top + LINE - 4, e.label))
        y += rows * (LINE + 4)
    else:
        for e in s.entries:
            items.append(LegendSwatch(0, y + 3, e))
            for line in wrap(e.label, width - SWATCH - 8):
                y += LINE
                items.append(LegendText(SWATCH + 8, y - 4, line))
            y += 4
    return items, y


def legend_rows(v: MapView, s: Styled, width: float = LEGEND_WIDTH) -> tuple[str, float]:
    """The legend's drawing (no wrapper) laid out within ``width`` px (:func:`legend_layout`), and its height."""
    items, h = legend_layout(v, s, width)
    out: list[str] = [f'<g font-family="{FONT_FAMILY}" font-size="{LEGEND_FONT}" fill="#212121">']
    for it in items:
        if isinstance(it, LegendText):
            bold = ' font-weight="bold"' if it.bold else ""
            out.append(f'<text x="{_num(it.x)}" y="{_num(it.y)}"{bold}>{escape(it.text)}</text>')
        elif isinstance(it, LegendBar):
            stops = "".join(
                f'<stop offset="{i / 10:.1f}" '
                f'stop-color="{numeric_colour(it.lo + (it.hi - it.lo) * i / 10, it.lo, it.hi)}"/>'
                for i in range(11)
            )
            out.append(
                f'<defs><linearGradient id="kzmap-scale">{stops}</linearGradient></defs>'
                f'<rect x="{_num(it.x)}" y="{_num(it.y)}" width="{_num(it.w)}" height="{_num(it.h)}" '
                'fill="url(#kzmap-scale)" stroke="#757575" stroke-width="0.5"/>'
            )
        elif isinstance(it, LegendTick):
            out.append(
                f'<line x1="{_num(it.x)}" y1="{_num(it.y)}" x2="{_num(it.x)}" y2="{_num(it.y + it.h)}" '
                'stroke="#757575" stroke-width="1"/>'
            )
        else:
            e = it.entry
            fill = f"url(#{HATCH_ID})" if e.hatched else e.colour
            faded = f' opacity="{figures.DIMMED_OPACITY}"' if e.faded else ""
            out.append(
                f'<rect x="{_num(it.x)}" y="{_num(it.y)}" width="{SWATCH}" height="{SWATCH}" fill="{fill}"'
                f'{faded} stroke="#757575" stroke-width="0.5"/>'
            )
    out.append("</g>")
    return "".join(out), h


def map_html(v: MapView, geometry_url: str | None = None) -> str:
    """What the map page shows: the map's ``<svg>`` and, below it, the legend's (at most LEGEND_WIDTH px wide).

    Both scale with the column through their ``viewBox``; the legend never grows beyond its own width,
    so that its text keeps the size of the page's text. With ``geometry_url`` (:func:`geometry_url`),
    the paths name their geometry (``data-g``) instead of carrying it, and the ``<svg>`` names the file
    (``data-geometry``): the page's script fetches it once and fills the paths in before drawing them,
    so that a view sends only colours, texts and the legend (about a third of the bytes).
    """
    s = _styled(v)
    f = frame()
    legend, h = legend_rows(v, s)
    ref = f" data-geometry={quoteattr(geometry_url)}" if geometry_url else ""
    ref += f" data-open={quoteattr(v.open_label)}" if v.open_label else ""
    return (
        f'<div class="kzmap-figure"><svg class="kzmap" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {f.width} {f.height}" role="group" aria-label={quoteattr(plain(v.legend_title))}{ref}>'
        f"{_defs()}{_map_body(v, s, inline=geometry_url is None, region_labels=True)}</svg>"
        # The legend's hatch is the map's pattern (one id per document).
        f'<svg class="kzmap-legend" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 -2 {LEGEND_WIDTH} {_num(h + 4)}" role="list">{legend}</svg></div>'
    )


def _styled(v: MapView) -> Styled:
    return style(
        v.units,
        v.categorical,
        v.categories,
        None if v.highlight is None else set(v.highlight),
        v.missing_label,
        v.out_of_focus_label,
        v.colour,
    )
