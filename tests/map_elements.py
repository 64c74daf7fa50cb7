"""Reading the map page's server-drawn SVG map (regions.svgmap, drawn by ui.mapview) out of an AppTest run."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def map_markup(at) -> str:
    """The map component's HTML (the map's and the legend's ``<svg>``), as the page sends it."""
    (el,) = [e for e in at.get("bidi_component") if e.proto.component_name == "kz_svg_map"]
    return el.proto.bytes.decode("utf-8")


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
