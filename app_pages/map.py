"""Home: the map of regions coloured by designated role or by an indicator."""

import plotly.io as pio
import streamlit as st

from regions import registry, state
from regions.i18n import t
from regions.views import indicator_label
from ui import cache, common

v = common.view()
lang, layout, rule = v.lang, v.layout, common.lineage_rule()

st.title(t("map_title", lang))
st.caption(t("map_intro", lang))

years = cache.indicator_years(layout)
options = [state.COLOUR_BY_ROLE, *sorted(years)]
c1, c2 = st.columns([3, 1])
with c1:
    indicator = st.selectbox(
        t("colour_by", lang),
        options,
        index=options.index(v.indicator) if v.indicator in options else 0,
        format_func=lambda i: (
            t("colour_roles", lang) if i == state.COLOUR_BY_ROLE else indicator_label(i, lang)
        ),
        key="w_indicator",
    )
year = None
if indicator != state.COLOUR_BY_ROLE:
    ys = years[indicator]
    default_year = v.year if v.year in ys else ys[-1]
    with c2:
        year = st.selectbox(t("year", lang), ys, index=ys.index(default_year), key="w_year")
common.set_view(indicator=indicator, year=year)

highlight = cache.matching_units(v.sectors, v.mode, layout, rule)
n_units = len(registry.units(layout))
if highlight is not None:
    st.info(t("filter_matches", lang, n=len(highlight), total=n_units))

fig = pio.from_json(cache.map_figure_json(layout, lang, indicator, year, rule, highlight))
event = st.plotly_chart(
    fig,
    key=f"map_{layout}_{lang}_{indicator}_{year}_{highlight}",
    on_select="rerun",
    selection_mode="points",
    config={"topojsonURL": "/app/static/", "displaylogo": False, "scrollZoom": False},
    width="stretch",
)
model = cache.map_model(layout, lang, indicator, year, rule)
common.source(model.source_line)

# A click selects one region: open its profile. Points are keyed on the feature id (the ISO code in
# "location"), never on the point index, which changes with the trace layout.
points = (event or {}).get("selection", {}).get("points", []) if event else []
for p in points:
    code = p.get("location") or (p.get("customdata") or [None])[0]
    if code:
        common.set_view(region=code)
        common.sync_url()
        st.switch_page("app_pages/region.py")

st.markdown(t("map_howto", lang))
