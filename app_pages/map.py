"""Home: the map of regions coloured by designated role or by an indicator, its level or its change."""

import time

import streamlit as st

from regions.base.i18n import t
from regions.geo import registry, webfiles
from regions.pages import map as map_page
from regions.pages import view as state
from regions.present.labels import indicator_label
from regions.stats import transforms
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


PLAY_SECONDS = 1.0  # one year per rerun while playing


def _year_label(year: int) -> str:
    return t("year_address", lang, year=year) if year == transforms.ADDRESS_YEAR else str(year)


def _indicator_changes(ind: str) -> dict:
    # A new indicator keeps the year, mode and scale shown where it can (ui.state.update refits the rest).
    return {"indicator": ind}


c1, c2 = st.columns([3, 2])
with c1:
    st.selectbox(
        t("colour_by", lang),
        options,
        format_func=_label,
        **view_state.bind("indicator", "w_indicator", to_view=_indicator_changes),
    )
meta = cache.indicators().get(v.indicator) if v.indicator in years else None
steps: list[int] = []
if meta is not None:
    ind_years = years[v.indicator]
    with c2:
        show_labels = {"level": t("show_level", lang), "change": t("show_change", lang)}
        if len(ind_years) > 1:
            st.radio(
                t("map_show", lang),
                transforms.SHOWS,
                format_func=show_labels.get,
                horizontal=True,
                **view_state.bind(
                    "show",
                    "w_show",
                    to_view=lambda s: {
                        "show": s,
                        "base": transforms.default_base(years[v.indicator], view_state.current().year),
                    },
                ),
            )
    v = view_state.current()
    steps = [y for y in ind_years if v.show != "change" or v.base is None or y > v.base]
    if v.show == "change":
        how_labels = {
            "abs": t("how_abs", lang),
            "pct": t("how_pct", lang),
            "pp": t("how_pp", lang),
            "idx": t("how_idx", lang),
        }
        measures = transforms.measures_for(meta)
        b1, b2 = st.columns([1, 2])
        with b1:
            st.selectbox(
                t("base_year", lang),
                ind_years[:-1],
                format_func=_year_label,
                **view_state.bind(
                    "base",
                    "w_base",
                    # A base year at or after the shown year moves the shown year to the latest.
                    to_view=lambda b: {
                        "base": b,
                        "year": view_state.current().year
                        if (view_state.current().year or 0) > b
                        else years[v.indicator][-1],
                    },
                ),
            )
        with b2:
            st.radio(
                t("change_how", lang),
                measures,
                format_func=how_labels.get,
                horizontal=True,
                **view_state.bind("how", "w_how", value=v.how or measures[0]),
            )
    y1, y2 = st.columns([6, 1], vertical_alignment="bottom")
    with y1:
        if len(steps) > 1:
            st.select_slider(
                t("year", lang), steps, format_func=_year_label, **view_state.bind("year", "w_year")
            )
        else:
            st.caption(f"{t('year', lang)}: {_year_label(v.year)}")
        st.caption(t("address_year_note", lang))
    with y2:
        if len(steps) > 1:

            def _toggle_play() -> None:
                if view_state.playing():
                    view_state.start_playing([])  # stop
                    return
                now = view_state.current().year
                if now == steps[-1]:
                    view_state.update(year=steps[0])  # from the start when at the end
                    now = steps[0]
                view_state.start_playing([y for y in steps if y > now])

            st.button(
                t("stop", lang) if view_state.playing() else t("play", lang),
                key=view_state.widget_key("w_play"),
                on_click=_toggle_play,
            )
if v.indicator != state.COLOUR_BY_ROLE:
    s1, s2 = st.columns(2)
    scale_labels = {
        "auto": t("scale_auto", lang),
        "linear": t("scale_linear", lang),
        "log": t("scale_log", lang),
        "quantile": t("scale_quantile", lang),
    }
    with s1:
        st.radio(
            t("colour_scale", lang),
            transforms.SCALES,
            format_func=scale_labels.get,
            horizontal=True,
            **view_state.bind("scale", "w_scale"),
        )
    pers = transforms.normalisations_for(v.indicator, meta)
    if len(pers) > 1:
        per_labels = {"none": t("per_none", lang), "capita": t("per_capita", lang), "km2": t("per_km2", lang)}
        with s2:
            st.radio(
                t("normalise", lang),
                pers,
                format_func=per_labels.get,
                horizontal=True,
                **view_state.bind("per", "w_per"),
            )
v = view_state.current()
measure = map_page.Measure.of(v)

highlight = cache.matching_units(v.sectors, v.mode, layout, rule)
n_units = len(registry.units(layout))
if highlight is not None:
    st.info(t("filter_matches", lang, n=len(highlight), total=n_units))
    for note in map_page.filter_notes(v.sectors, v.mode, lang):
        st.caption(note)

webfiles.check_files(layout)  # a blank map would say nothing: name the missing file instead
share = map_page.measured_share(v.sectors, v.mode) if v.indicator == state.COLOUR_BY_ROLE else None
if v.indicator in users:
    # The user's own column: built for this session only, never cached across sessions.
    model = map_page.map_model(
        layout, lang, v.indicator, None, rule, user=users[v.indicator], measure=measure
    )
    shown_indicator, shown_year = v.indicator, None
elif share is not None and share in years:
    # Filtering by a measured sector colours the map by that sector's share (its proxy says so above).
    share_year = years[share][-1]
    st.caption(t("map_measured_share", lang, share=indicator_label(share, lang), year=share_year))
    model = cache.map_model(layout, lang, share, share_year, rule)
    shown_indicator, shown_year = share, share_year
else:
    model = cache.map_model(layout, lang, v.indicator, v.year, rule, measure)
    shown_indicator, shown_year = v.indicator, v.year
if model.scale_notice:
    st.info(model.scale_notice)
# The map as server-drawn SVG (regions.present.svgmap, ui.mapview): no plotly.js needed for the first view.
note = t("filter_matches", lang, n=len(highlight), total=n_units) if highlight is not None else None
code = mapview.show(
    model, layout, lang, highlight, indicator=shown_indicator, year=shown_year, filter_note=note
)
common.source(model.source_line, key="map_source")  # the full citation drawn when opened

# Units without a figure only because the change would cross the 2022 change of borders: one click to a
# view that has one (the 2020 layout, where the split regions are one unit again, or a base year after
# the split), instead of a hatched map and no way forward.
if model.border_gaps and v.show == "change" and shown_year is not None:
    gap_names = ", ".join(registry.name(c, lang) for c in model.border_gaps)
    st.info(t("map_border_gap", lang, regions=gap_names, base=v.base))
    helps_2020, later_base = cache.border_way_out(layout, lang, shown_indicator, shown_year, measure, model.border_gaps)
    g1, g2 = st.columns(2)
    if helps_2020:
        g1.button(
            t("map_border_gap_2020", lang),
            key=view_state.widget_key("w_gap_2020"),
            on_click=lambda: view_state.update(layout="2020"),
        )
    if later_base is not None:
        g2.button(
            t("map_border_gap_base", lang, year=later_base),
            key=view_state.widget_key("w_gap_base"),
            on_click=lambda: view_state.update(base=later_base),
        )

# A click (or Enter on a focused region) names one region by its ISO code: open its profile.
if code in {u.iso_code for u in registry.units(layout)}:
    view_state.update(region=code)
    view_state.switch_page("app_pages/region.py")

st.markdown(t("map_howto", lang))

# Play: one year per rerun, stopping by itself at the last year.
if view_state.playing() and (following := view_state.next_play_year()) is not None:
    time.sleep(PLAY_SECONDS)
    if following in steps:
        view_state.update(year=following)
    view_state.rerun()
