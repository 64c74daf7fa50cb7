"""The map of districts as plain SVG, drawn on the server (the second level, issue 16).

Pure Python (no Streamlit). :func:`district_svg` draws the districts of one region (with their names) or of
the whole country (without: 224 names would not fit), each coloured by a category or by a figure, from the
browser file ``static/districts_2022.json`` that ``python -m regions.build`` writes (read here, once per
process; the map page never draws or loads districts). Projection and colours are those of the region map
(:mod:`regions.present.svgmap`: conic equal-area, the numeric scale, the missing colour with its hatch), the
frame is fitted to the districts shown. Every district is one ``<path data-kato="...">`` with a ``<title>``;
every text is XML-escaped, so a user's column name or file name is never markup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from regions.base.paths import STATIC
from regions.present import figures, svgmap

STATIC_FILE = STATIC / "districts_2022.json"
WIDTH = 800
MAX_HEIGHT = 600
PAD = 8
LABEL_FONT = 11
# A district gets its name on the map only if its polygon is this large (px², at the map's width).
LABEL_MIN_AREA = 900
TYPE_COLOURS = {"district": "#c8d9c0", "city": "#f3b562", "city_district": "#9ecae1"}


@lru_cache(maxsize=1)
def geometries() -> dict[str, BaseGeometry]:
    """KATO code -> polygon (lon/lat) of every district, from ``static/districts_2022.json``."""
    from regions.base.store import read_json

    doc = read_json(STATIC_FILE)
    return {str(f["id"]): shape(f["geometry"]) for f in doc["features"]}


@dataclass(frozen=True)
class DistrictStyle:
    """What a district looks like: its fill (``None``: missing, hatched), hover text and label."""

    fill: str | None
    title: str
    label: str = ""


def _projected(katos: list[str]) -> tuple[dict[str, BaseGeometry], float]:
    geoms = geometries()
    proj = {}
    for k in katos:
        proj[k] = shapely.transform(geoms[k], lambda xy: np.column_stack(svgmap.project(xy[:, 0], xy[:, 1])))
    x0, y0, x1, y1 = shapely.total_bounds(list(proj.values()))
    # Fit the extent into WIDTH x MAX_HEIGHT, centred across: a tall region does not fill a whole screen.
    k = min((WIDTH - 2 * PAD) / max(x1 - x0, 1e-9), (MAX_HEIGHT - 2 * PAD) / max(y1 - y0, 1e-9))
    height = (y1 - y0) * k + 2 * PAD
    left = (WIDTH - (x1 - x0) * k) / 2

    def to_svg(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([(xy[:, 0] - x0) * k + left, (y1 - xy[:, 1]) * k + PAD])

    return {kato: shapely.transform(g, to_svg) for kato, g in proj.items()}, height


def district_svg(styles: Mapping[str, DistrictStyle], aria_label: str) -> str:
    """One ``<svg>`` of the districts in ``styles`` (KATO -> style), fitted to their extent.

    Raises
    ------
    KeyError
        If a KATO code has no geometry in the static file.
    """
    katos = sorted(styles)
    shapes, height = _projected(katos)
    out = [
        f'<svg class="kzdistricts" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {math.ceil(height)}" '
        f'role="img" aria-label={quoteattr(aria_label)} style="width:100%;height:auto;max-width:{WIDTH}px">',
        f'<defs><pattern id="kzd-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{figures.MISSING_COLOUR}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
        f'<g transform="scale({1 / svgmap.QUANT:g})" stroke="#ffffff" stroke-width="{0.8 * svgmap.QUANT:g}" '
        'stroke-linejoin="round" fill-rule="evenodd">',
    ]
    for kato in katos:
        s = styles[kato]
        fill = s.fill if s.fill is not None else "url(#kzd-hatch)"
        d = svgmap._path_d(shapely.simplify(shapes[kato], 0.3, preserve_topology=True))
        out.append(
            f'<path d="{d}" data-kato={quoteattr(kato)} fill={quoteattr(fill)}>'
            f"<title>{escape(s.title)}</title></path>"
        )
    out.append("</g>")
    out.append(
        f'<g font-family="{svgmap.FONT_FAMILY}" font-size="{LABEL_FONT}" fill="#212121" text-anchor="middle" '
        'pointer-events="none" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
    )
    for kato in katos:
        label = styles[kato].label
        geom = shapes[kato]
        if not label or geom.area < LABEL_MIN_AREA:
            continue
        p = shapely.point_on_surface(geom)
        out.append(f'<text x="{svgmap._num(p.x)}" y="{svgmap._num(p.y + 4)}">{escape(label)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def legend_svg(entries: list[tuple[str | None, str]]) -> str:
    """A small legend: one swatch (``None``: the missing hatch) and its text per entry, one per line."""
    line = 20
    height = line * len(entries) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {svgmap.LEGEND_WIDTH} {height}" '
        f'style="width:100%;height:auto;max-width:{svgmap.LEGEND_WIDTH}px" role="img" aria-label="legend">',
        '<defs><pattern id="kzd-hatch-l" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{figures.MISSING_COLOUR}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
    ]
    for i, (colour, text) in enumerate(entries):
        y = 2 + i * line
        fill = colour if colour is not None else "url(#kzd-hatch-l)"
        out.append(f'<rect x="0" y="{y}" width="14" height="14" fill={quoteattr(fill)} stroke="#9e9e9e"/>')
        out.append(
            f'<text x="20" y="{y + 12}" font-family="{svgmap.FONT_FAMILY}" font-size="13" fill="#212121">'
            f"{escape(text)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def numeric_styles(
    values: Mapping[str, float | None], titles: Mapping[str, str], labels: Mapping[str, str] | None = None
) -> tuple[dict[str, DistrictStyle], float | None, float | None]:
    """Styles colouring each district by its figure on the region map's numeric scale (missing: hatched).

    Returns the styles and the scale's minimum and maximum (``None`` when no district has a figure).
    """
    finite = [v for v in values.values() if v is not None and math.isfinite(v)]
    vmin, vmax = (min(finite), max(finite)) if finite else (None, None)
    styles = {}
    for kato, title in titles.items():
        v = values.get(kato)
        ok = v is not None and math.isfinite(v) and vmin is not None
        fill = svgmap.numeric_colour(v, vmin, vmax) if ok else None  # type: ignore[arg-type]
        styles[kato] = DistrictStyle(fill, title, (labels or {}).get(kato, ""))
    return styles, vmin, vmax
