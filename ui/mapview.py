"""The map page's map: the server-drawn SVG of :mod:`regions.present.svgmap` in a Streamlit custom component (v2).

Why a component (``st.components.v2.component``, no iframe) and not ``st.plotly_chart``: the first view
then needs no plotly.js (a 4.7 MB chunk and about a second of main-thread work before any map is
drawn), only the SVG, which the browser paints as part of the page. The component's script, a few
lines, sends a click (or Enter / Space on a focused region) back to Python as a trigger value, which
reruns the script in the same session, so that the user's uploads survive opening a profile (a link
would start a new session).

``st.html`` would draw the same SVG but cannot run the script (it is sanitised), so a click could only
be a link, which reloads the app; ``st.markdown(unsafe_allow_html=True)`` has the same limit.

The geometry (the same for every view of a layout) is a static file, ``static/svgmap_<layout>.json``,
that the script fetches once per page; each view sends only colours, texts and the legend. The SVG
travels as gzip-compressed UTF-8 bytes (``data=bytes``): as JSON, Streamlit would escape every Cyrillic
letter as ``\\uXXXX`` (six bytes instead of two), and compressed it is a fifth to a seventh of its size.
The script itself is ``static/kzmap.js``, imported once per page (issue 19: a map interaction sends the
view, not the code).
"""

from __future__ import annotations

import datetime as dt
import gzip

import streamlit as st

from regions.base.i18n import t
from regions.present import svgexport, svgmap
from ui import scripts

JS = scripts.loader("kzmap.js")  # static/kzmap.js, imported once per page (ui/scripts.py)

# The map's CSS goes in a lone <style> of st.html (see svg_map), not with the component: an element that does
# not change between reruns is sent as a reference to the browser's copy (.streamlit/config.toml), while the
# component's element changes with every view and would carry its CSS (0.8 KB) each time.
_component = st.components.v2.component("kz_svg_map", js=JS, isolate_styles=False)
STYLE = f"<style>{svgmap.CSS}</style>"


def svg_map(html: str, *, key: str) -> str | None:
    """Draw the map's HTML (:func:`regions.present.svgmap.map_html`); the ISO code of a clicked region, or ``None``.

    The code is returned once, on the rerun the click triggers.
    """
    # gzip: the 20 tooltips repeat their labels, so a view's 14-21 KB of HTML travel as 2.6-3.1 KB; the
    # browser inflates them (DecompressionStream). mtime=0: the same view gives the same bytes.
    data = gzip.compress(html.encode("utf-8"), compresslevel=9, mtime=0)
    st.html(STYLE)  # style only: adds no element to the page
    result = _component(data=data, key=key, on_region_change=lambda: None)
    return getattr(result, "region", None)


def show(
    model,
    layout: str,
    lang: str,
    highlight,
    *,
    indicator: str,
    year: int | None,
    filter_note: str | None = None,
) -> str | None:
    """The map page's map with its SVG and PNG downloads; the ISO code of a clicked region, or ``None``.

    ``highlight``: the codes in focus (``None``: all). The downloads are made only when asked for
    (deferred ``data``), so a rerun does not draw a PNG.
    """

    view = svgmap.view_of(model, layout, lang, highlight)
    clicked = svg_map(svgmap.map_html(view, svgmap.geometry_url(layout)), key="svg_map")
    cap = svgexport.caption(model, layout, lang, dt.date.today().isoformat(), filter_note)
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(
            t("map_download_svg", lang),
            data=lambda: svgexport.export_svg(view, cap).encode("utf-8"),
            file_name=svgexport.file_name(layout, indicator, year, "svg"),
            mime="image/svg+xml",
            on_click="ignore",
            key=f"dl_svg_{lang}",
        )
    with c2:
        st.download_button(
            t("map_download_png", lang),
            data=lambda: svgexport.export_png(view, cap),
            file_name=svgexport.file_name(layout, indicator, year, "png"),
            mime="image/png",
            on_click="ignore",
            key=f"dl_png_{lang}",
        )
    return clicked
