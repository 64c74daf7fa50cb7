"""Write the SVG map's geometry for the browser: ``static/svgmap_<layout>.json``.

``python -m regions.build.svgmapfiles`` (after ``python -m regions.build`` has rewritten the boundaries);
a test checks that the committed files are what :func:`regions.present.svgmap.geometry_json` computes.
"""

from __future__ import annotations

from pathlib import Path

from regions.base.paths import STATIC
from regions.base.schemas import LAYOUTS
from regions.present.svgmap import geometry_json, geometry_path


def write_geometry() -> list[Path]:
    """Write ``static/svgmap_<layout>.json`` of every layout; the paths written."""

    out = []
    for layout in LAYOUTS:
        path = geometry_path(layout)
        path.write_text(geometry_json(layout), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for written in write_geometry():
        print(f"wrote {written.relative_to(STATIC.parent)}")
