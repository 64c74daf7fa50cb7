"""URLs of the files that ``python -m regions.build`` writes to ``static/`` for the browser.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``). For the map:
- ``boundaries_url(layout)``: the layout's GeoJSON (``id`` = ISO code) for plotly's ``geojson=`` — a URL
  instead of the GeoJSON itself, so the 130 KB of geometry is fetched once per page by plotly.js and
  never travels inside the figure over the websocket;
- :data:`BASEMAP_URL`: ``config.topojsonURL`` for the basemap cropped to the map's region
  (``static/region/world_50m.json``, see :mod:`regions.geo.basemap`), instead of ``/app/static/`` (the world).
"""

from __future__ import annotations

from pathlib import Path

from regions.base.paths import STATIC
from regions.base.schemas import LAYOUTS
from regions.base.store import DataError

STATIC_URL = "/app/static/"
BASEMAP_URL = STATIC_URL + "region/"


def boundaries_url(layout: str) -> str:
    """``/app/static/boundaries_<layout>.json``.

    Raises
    ------
    ValueError
        If ``layout`` is not one of :data:`LAYOUTS`.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    return f"{STATIC_URL}boundaries_{layout}.json"


def check_files(layout: str) -> None:
    """Raise :class:`regions.base.store.DataError` naming a browser file of the map that is missing or empty.

    Without them plotly.js draws a blank map and says nothing, so the map page checks first.
    """

    for url in (boundaries_url(layout), BASEMAP_URL + "world_50m.json"):
        path = local_path(url)
        if not path.is_file() or path.stat().st_size == 0:
            shown = "static/" + url[len(STATIC_URL) :]
            raise DataError(shown, "file missing or empty (python -m regions.build writes it)")


def local_path(url: str) -> Path:
    """The file under ``static/`` that a ``/app/static/...`` URL serves."""
    if not url.startswith(STATIC_URL):
        raise ValueError(f"{url!r} is not under {STATIC_URL}")
    return STATIC / url[len(STATIC_URL) :]
