"""Ranking and relationships: every region sorted by the view's indicator and year, and any two indicators
against each other, the designated regions marked by their role."""

import streamlit as st

from regions.base.i18n import t
from regions.pages import map as map_page
from regions.pages import ranking
from regions.present.figures import ranking_figure, scatter_figure
from regions.present.labels import format_user, indicator_label
from ui import cache, common
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage
years = cache.statistics_years(layout)
available = sorted(years, key=lambda i: indicator_label(i, lang))
# The user's uploaded columns are ranked and can be either axis of the scatter, marked as theirs (they have
# no years: a scatter with one takes the other axis' year).
users = view_state.user_indicators()


def label(i: str) -> str:
    """An indicator's label; a user's column by its own name, marked (plain text: a select box's option)."""
    return f"{users[i].column} ({t('user_data', lang)})" if i in users else indicator_label(i, lang)


st.title(t("ranking_title", lang))
st.caption(t("ranking_intro", lang))

# The view's indicator and year; on a roles map the ranking opens on GRP per capita, at its latest year.
# A user's column named by the link is ranked as it is, never silently replaced by another indicator.
user = users.get(v.indicator)
indicator = v.indicator if v.indicator in years or user else ranking.DEFAULT_INDICATOR
if user is None:
    year = v.year if v.indicator == indicator and v.year in years[indicator] else years[indicator][-1]
    measure = map_page.Measure.of(v) if v.indicator == indicator else map_page.LEVEL
else:
    year, measure = 0, map_page.LEVEL

c1, c2 = st.columns([3, 2])
with c1:
    st.selectbox(
        t("indicator", lang),
        [*users, *available],
        format_func=label,
        **view_state.bind("indicator", "w_rank_indicator", value=indicator),
    )
with c2:
    steps = (
        []
        if user
        else [
            y
            for y in years[indicator]
            if measure.show != "change" or measure.base is None or y > measure.base
        ]
    )
    if user:
        st.caption(t("user_data", lang))
    elif len(steps) > 1:
        st.select_slider(
            t("year", lang),
            steps,
            **view_state.bind(
                "year", "w_rank_year", value=year, to_view=lambda y: {"indicator": indicator, "year": y}
            ),
        )
    else:
        st.caption(f"{t('year', lang)}: {year}")

highlight = cache.matching_units(v.sectors, v.mode, layout, rule)
if user is None:
    model = cache.ranking_model(layout, lang, indicator, year, rule, measure, highlight)
    st.subheader(model.title)
else:
    model = ranking.user_ranking_model(layout, lang, user, rule, set(highlight) if highlight else highlight)
    st.markdown(f"#### {model.title}")  # the column's name is a code span: shown as typed, never as markup
if highlight is not None:
    st.info(t("filter_matches", lang, n=len(highlight), total=len(model.items) + len(model.missing)))
    st.caption(t("ranking_dimmed", lang))
    for note in map_page.filter_notes(v.sectors, v.mode, lang):
        st.caption(note)
if user is None:
    shown = map_page.shown_values(layout, lang, indicator, year, measure)
    number = lambda x: shown.number(x, lang)  # noqa: E731
else:
    number = lambda x: format_user(x, lang)  # noqa: E731
ranking_fig = ranking_figure(
    model.items,
    model.missing,
    x_title=model.unit,
    number=number,
    national=model.national,
    national_text=model.national_text,
    missing_label=t("missing", lang),
    lang=lang,
)
st.plotly_chart(
    ranking_fig, width="stretch", config={"displaylogo": False}, key=view_state.widget_key("ranking_chart")
)
if model.missing_text:
    st.caption(model.missing_text)
common.source(model.source_line)
common.chart_downloads(
    ranking_fig,
    title=model.title,
    subtitle=[model.unit, str(year) if user is None else None],
    source=model.source_line,
    name=("ranking", indicator, year if user is None else None),
    key="ranking",
)

# ---- Two indicators against each other
st.subheader(t("scatter_header", lang))
default_x, default_y = ranking.default_axes(available)
axes = [*users, *available]
x = v.x if v.x in axes else default_x
y = v.y if v.y in axes else default_y
s1, s2 = st.columns(2)
with s1:
    st.selectbox(t("scatter_x", lang), axes, format_func=label, **view_state.bind("x", "w_scatter_x", value=x))
with s2:
    st.selectbox(t("scatter_y", lang), axes, format_func=label, **view_state.bind("y", "w_scatter_y", value=y))
# A user's column has no year: it fits any year of the other axis (and a scatter of two has none).
any_year = sorted({yr for ys in years.values() for yr in ys})
scatter_year = ranking.scatter_year(years.get(x, any_year), years.get(y, any_year), year or None)
if x in users and y in users:
    scatter_year = None
if scatter_year is None and not (x in users and y in users):
    st.info(t("scatter_no_common_year", lang))
else:
    if scatter_year is not None:
        st.caption(t("scatter_year", lang, year=scatter_year))
    if x in users or y in users:
        # The user's own figures: built for this session only, never cached across sessions.
        hl = set(highlight) if highlight is not None else None
        sm = ranking.scatter_model(layout, lang, x, y, scatter_year, rule, hl, users=users)
    else:
        sm = cache.scatter_model(layout, lang, x, y, scatter_year, rule, highlight)
    scatter_fig = scatter_figure(
        sm.items,
        x_title=sm.x_title,
        y_title=sm.y_title,
        national=sm.national,
        national_name=sm.national_name,
        lang=lang,
    )
    st.plotly_chart(
        scatter_fig,
        width="stretch",
        config={"displaylogo": False},
        key=view_state.widget_key("scatter_chart"),
    )
    if sm.missing:
        st.caption(t("ranking_missing", lang, names=", ".join(it.name for it in sm.missing)))
    common.source(sm.source_line)
    common.chart_downloads(
        scatter_fig,
        title=t("scatter_header", lang),
        subtitle=[str(scatter_year) if scatter_year is not None else None],  # the axes carry their titles
        source=sm.source_line,
        name=("scatter", x, y, scatter_year),
        key="scatter",
    )
