"""The project's map figure with its geometry inline or by URL, and the full or the regional basemap.

``python -m bench`` opens ``?v=<variant>`` to measure, in the same run, what serving the boundaries as a
static file and cropping the basemap change in the browser; ``?v=proof`` is the smallest choropleth
that takes its GeoJSON from a URL. ``bench/apps/static`` links to the repository's ``static/``.

Variants: ``inline-full`` (the map page as it is: GeoJSON inside the figure, world basemap),
``inline-region``, ``url-full``, ``url-region`` (both changes), ``proof``, and ``svg``: the same map drawn
on the server as SVG (:mod:`regions.present.svgmap`) in the map page's component (:mod:`ui.mapview`), no plotly.js;
``svghtml``: that SVG through ``st.html`` (geometry inline; sanitised, so no script and no click). Two selectboxes (indicator,
language) let the benchmark measure interactions on a variant as it does on the map page. ``&t=none``
sends the figure with plotly's empty template instead of the default one (7 KB of every figure, which
``theme="streamlit"`` replaces in the browser anyway).
"""

import sys
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import plotlymap as mapfig  # noqa: E402
from regions.base.i18n import LANG_NAMES  # noqa: E402
from regions.geo import geography  # noqa: E402
from regions.pages import map as views  # noqa: E402
from regions.pages import view as state  # noqa: E402
from regions.present import labels  # noqa: E402

BOUNDARIES_URL = "/app/static/boundaries_2022.json"
BASEMAPS = {"full": "/app/static/", "region": "/app/static/region/"}

st.set_page_config(page_title="map variants", layout="wide")
variant = st.query_params.get("v", "inline-full")
geometry, _, basemap = variant.partition("-")
template = st.query_params.get("t", "")


@st.cache_data(show_spinner=False)
def indicator_years() -> dict[str, list[int]]:
    return views.indicator_years("2022", areas=geography.areas("2022"))


@st.cache_data(show_spinner=False)
def figure_json(
    geometry: str, lang: str = "en", indicator: str = state.COLOUR_BY_ROLE, template: str = ""
) -> str:
    year = indicator_years()[indicator][-1] if indicator != state.COLOUR_BY_ROLE else None
    model = views.map_model("2022", lang, indicator, year)
    if geometry == "proof":
        codes = [u.iso_code for u in model.units]
        fig = go.Figure(
            go.Choropleth(
                geojson=BOUNDARIES_URL, featureidkey="id", locations=codes, z=list(range(len(codes)))
            )
        )
        fig.update_geos(
            fitbounds=False, lonaxis_range=[45.5, 89.0], lataxis_range=[39.5, 56.0], resolution=50
        )
        return fig.to_json()
    fig = mapfig.map_figure(
        model.units,
        geography.load_boundaries_json("2022"),
        lang=lang,
        categorical=model.categorical,
        categories=model.categories,
        legend_title=model.legend_title,
    )
    if geometry == "url":
        # Every choropleth trace names the same file; plotly.js fetches it once per page and draws, in
        # each trace, the features whose id is in that trace's locations.
        fig.update_traces(geojson=BOUNDARIES_URL, selector=dict(type="choropleth"))
    if template:
        fig.update_layout(template=template)
    return fig.to_json()


st.title(f"Map variant {variant}")
options = [state.COLOUR_BY_ROLE, "density"]
c1, c2 = st.columns(2)
with c1:
    indicator = st.selectbox(
        "Colour the map by",
        options,
        format_func=lambda i: (
            "Designated role" if i == state.COLOUR_BY_ROLE else labels.indicator_label(i, "en")
        ),
    )
with c2:
    lang = st.selectbox("Language", list(LANG_NAMES), format_func=LANG_NAMES.get)
if geometry in ("svghtml", "svgmd"):
    # The same SVG (geometry inline) through st.html or st.markdown(unsafe_allow_html=True): neither runs
    # a script, so a click could only be a link (a new session).
    from regions.present import svgmap  # noqa: E402

    year = indicator_years()[indicator][-1] if indicator != state.COLOUR_BY_ROLE else None
    model = views.map_model("2022", lang, indicator, year)
    markup = f"<style>{svgmap.CSS}</style>" + svgmap.map_html(svgmap.view_of(model, "2022", lang))
    if geometry == "svghtml":
        st.html(markup)
    else:
        st.markdown(markup, unsafe_allow_html=True)
    st.stop()
if geometry == "svg":
    from regions.present import svgmap  # noqa: E402
    from ui import mapview  # noqa: E402

    year = indicator_years()[indicator][-1] if indicator != state.COLOUR_BY_ROLE else None
    model = views.map_model("2022", lang, indicator, year)
    html = svgmap.map_html(svgmap.view_of(model, "2022", lang), svgmap.geometry_url("2022"))
    mapview.svg_map(html, key="svg_map")
    st.stop()
st.plotly_chart(
    pio.from_json(figure_json(geometry, lang, indicator, template)),
    key=f"map_{lang}_{indicator}",  # like the map page: a new chart for a new view
    config={"topojsonURL": BASEMAPS.get(basemap, BASEMAPS["region"]), "displaylogo": False},
    width="stretch",
)
