"""Reading the map page's server-drawn SVG map (regions.present.svgmap, drawn by ui.mapview) out of an AppTest run."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def map_markup(at) -> str:
    """The map component's HTML (the map's and the legend's ``<svg>``), as the page sends it (gzip)."""
    (el,) = [e for e in at.get("bidi_component") if e.proto.component_name == "kz_svg_map"]
    return gzip.decompress(el.proto.bytes).decode("utf-8")


def map_root(at) -> ET.Element:
    """The map's HTML parsed as XML (it is well-formed)."""
    return ET.fromstring(map_markup(at))


def unit_paths(at) -> dict[str, ET.Element]:
    """Every region's ``<path>``, by its ISO code (``data-iso``); fails if a code appears twice."""
    paths = [p for p in map_root(at).iter(f"{SVG}path") if "data-iso" in p.attrib]
    out = {p.get("data-iso"): p for p in paths}
    assert len(out) == len(paths), "a region has more than one path"
    return out


def legend_texts(at) -> list[str]:
    """The lines of the legend."""
    root = map_root(at)
    (legend,) = [s for s in root if s.get("class") == "kzmap-legend"]
    return [t.text or "" for t in legend.iter(f"{SVG}text")]


def unit_titles(at) -> dict[str, str]:
    """Every region's tooltip (its ``<title>``: the region's own, or that of the ``<g>`` of a city's
    polygon and marker), by ISO code."""
    out: dict[str, str] = {}
    for el in map_root(at).iter():
        title = el.find(f"{SVG}title")
        if title is None:
            continue
        if el.tag == f"{SVG}path" and "data-iso" in el.attrib:
            out[el.get("data-iso")] = title.text or ""
        elif el.tag == f"{SVG}g":
            (path,) = [p for p in el.findall(f"{SVG}path") if "data-iso" in p.attrib]
            out[path.get("data-iso")] = title.text or ""
    return out


def legend_swatches(at) -> list[tuple[str, str]]:
    """The legend's squares as ``(fill, label)``, in order (a colour bar is not a square)."""
    root = map_root(at)
    (legend,) = [s for s in root if s.get("class") == "kzmap-legend"]
    (g,) = list(legend)
    out = []
    children = list(g)
    for i, el in enumerate(children):
        if el.tag == f"{SVG}rect" and el.get("fill") != "url(#kzmap-scale)":
            nxt = next(c for c in children[i + 1 :] if c.tag == f"{SVG}text")
            out.append((el.get("fill"), nxt.text or ""))
    return out


def legend_title(at) -> str:
    """The legend's title: its bold lines, joined by newlines."""
    root = map_root(at)
    (legend,) = [s for s in root if s.get("class") == "kzmap-legend"]
    return "\n".join(t.text or "" for t in legend.iter(f"{SVG}text") if t.get("font-weight") == "bold")
