"""Home: the map of regions coloured by designated role or by an indicator."""

import streamlit as st

from regions import registry, state, webfiles
from regions.i18n import t
from regions.labels import indicator_label
from regions.pages import map as map_page
from ui import cache, common, mapview, uploads
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage

st.title(t("map_title", lang))
st.caption(t("map_intro", lang))
uploads.panel()
v = view_state.current()  # an upload may have chosen its first column for the map
users = view_state.user_indicators()

years = cache.indicator_years(layout)
options = [state.COLOUR_BY_ROLE, *sorted(years), *users]


def _label(ind: str) -> str:
    if ind == state.COLOUR_BY_ROLE:
        return t("colour_roles", lang)
    if ind in users:
        return f"{users[ind].column} ({t('user_data', lang)})"
    return indicator_label(ind, lang)


def _indicator_changes(ind: str) -> dict:
    # A new indicator opens on its latest year, or keeps the year shown if the indicator has it.
    if ind == state.COLOUR_BY_ROLE or ind in users:
        return {"indicator": ind, "year": None}
    keep = view_state.current().year
    return {"indicator": ind, "year": keep if keep in years[ind] else years[ind][-1]}


c1, c2 = st.columns([3, 1])
with c1:
    st.selectbox(
        t("colour_by", lang),
        options,
        format_func=_label,
        **view_state.bind("indicator", "w_indicator", to_view=_indicator_changes),
    )
if v.indicator in years:
    with c2:
        st.selectbox(t("year", lang), years[v.indicator], **view_state.bind("year", "w_year"))

highlight = cache.matching_units(v.sectors, v.mode, layout, rule)
n_units = len(registry.units(layout))
if highlight is not None:
    st.info(t("filter_matches", lang, n=len(highlight), total=n_units))
    for note in map_page.filter_notes(v.sectors, v.mode, lang):
        st.caption(note)

webfiles.check_files(layout)  # a blank map would say nothing: name the missing file instead
if v.indicator in users:
    # The user's own column: built for this session only, never cached across sessions.
    model = map_page.map_model(layout, lang, v.indicator, None, rule, user=users[v.indicator])
else:
    model = cache.map_model(layout, lang, v.indicator, v.year, rule)
# The map as server-drawn SVG (regions.svgmap, ui.mapview): no plotly.js needed for the first view.
note = t("filter_matches", lang, n=len(highlight), total=n_units) if highlight is not None else None
code = mapview.show(model, layout, lang, highlight, indicator=v.indicator, year=v.year, filter_note=note)
common.source(model.source_line)

# A click (or Enter on a focused region) names one region by its ISO code: open its profile.
if code in {u.iso_code for u in registry.units(layout)}:
    view_state.update(region=code)
    view_state.switch_page("app_pages/region.py")

st.markdown(t("map_howto", lang))
