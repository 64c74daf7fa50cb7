"""Compare two to six regions side by side."""

import pandas as pd
import streamlit as st

from regions.base.i18n import t
from regions.exports import table as tables
from regions.geo import registry
from regions.pages.compare import compare_table
from regions.pages.view import MAX_COMPARE, MIN_COMPARE
from regions.present.figures import bar_figure, short_labels
from regions.present.labels import (
    flag_line,
    flag_mark,
    format_number,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    user_source_line,
)
from regions.stats.columns import NATIONAL, column
from ui import cache, common
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage
codes = [u.iso_code for u in registry.units(layout)]
# Opened from a profile with nothing chosen yet, the comparison starts from that region.
chosen = [c for c in v.regions if c in codes] or ([v.region] if v.region in codes else [])


# The comparison table's columns (px): the row names wide enough for most indicators' names, the values
# for "10,367,346.2 million KZT (prelim.)"; the table scrolls sideways beyond that, the names pinned.
COMPARE_NAMES_PX = 210
COMPARE_VALUES_PX = 215


def compare_bars(chosen: list[str], values: list[float | None], national: float | None, ind: str):
    """The bars of the chosen units (and the nation), each value written as the table writes it."""
    decimals = tables.column_decimals(column(ind, cache.indicator_years(layout)[ind][-1])) or 0
    written = lambda x: t("missing", lang) if x is None else format_number(x, decimals, lang)  # noqa: E731
    return bar_figure(
        short_labels(chosen, lang),
        values,
        y_title=indicator_unit(ind, lang),
        texts=[written(x) for x in values],
        national=national,
        national_name=t("kazakhstan", lang),
        national_text=written(national),
        lang=lang,
    )


def draw_comparison(chosen: list[str]) -> None:
    """The comparison table and charts of two to six units."""
    years = cache.indicator_years(layout)
    table = cache.regional_table(layout, with_national=True, lineage_rule=rule).set_index("iso_code")
    users = list(view_state.user_indicators().values())
    # The model by view from the cache; with the session's own uploaded columns, built for this run.
    frame = (
        compare_table(chosen, layout, lang, rule, users)
        if users
        else cache.compare_table(tuple(chosen), layout, lang, rule)
    )
    # The names' column pinned and narrow, the regions' columns of one width: the table scrolls sideways
    # under a still first column instead of cutting its last (1440 px, three regions) or showing only
    # the row names (a phone).
    st.dataframe(
        frame,
        width="stretch",
        column_config={"_index": st.column_config.Column(width=COMPARE_NAMES_PX, pinned=True)}
        | {c: st.column_config.Column(width=COMPARE_VALUES_PX) for c in frame.columns},
    )
    common.source(indicator_source_line("grp", lang) + "\n\n" + indicator_source_line("population", lang))
    for ind in view_state.user_indicators().values():
        common.source(user_source_line(ind, lang))

    # The view's indicator (kept in the link and across a language switch); GRP per capita by default.
    shown_ind = v.indicator if v.indicator in years else "grp_per_capita_computed"
    ind = st.selectbox(
        t("indicator", lang),
        sorted(years),
        format_func=lambda i: indicator_label(i, lang),
        **view_state.bind("indicator", "w_compare_ind", value=shown_ind),
    )
    year = years[ind][-1]
    col = column(ind, year)
    values = [table.at[c, col] if col in table else None for c in chosen]
    values = [None if pd.isna(x) else float(x) for x in values]
    mark = flag_mark(ind, year, lang)
    st.subheader(f"{indicator_label(ind, lang)}, {year}" + (f" ({mark})" if mark else ""))
    # The nation beside the regions where its figure compares with theirs (not for additive totals).
    comparable = not cache.indicators()[ind]["additive"] if ind in cache.indicators() else False
    national = table.at[NATIONAL, col] if comparable and col in table and NATIONAL in table.index else None
    bars = compare_bars(
        chosen, values, None if national is None or pd.isna(national) else float(national), ind
    )
    st.plotly_chart(bars, width="stretch")
    common.source(indicator_source_line(ind, lang))
    common.chart_downloads(
        bars,
        title=f"{indicator_label(ind, lang)}, {year}" + (f" ({mark})" if mark else ""),
        subtitle=[indicator_unit(ind, lang)],
        source=indicator_source_line(ind, lang),
        name=("compare", ind, year),
        key="compare_bars",
        decimals=tables.column_decimals(col),
    )
    if len(years[ind]) > 1:
        st.subheader(t("series_header", lang))
        lines = common.plotly_json(
            cache.series_figure_json(
                tuple(chosen), ind, layout, lang, indicator_unit(ind, lang), with_national=comparable
            ),
            mode_bar=True,
        )
        flags = flag_line(ind, years[ind], lang)
        common.source(indicator_source_line(ind, lang) + (f"\n\n{flags}" if flags else ""))
        common.chart_downloads(
            lines,
            title=f"{t('series_header', lang)}: {indicator_label(ind, lang)}",
            subtitle=[indicator_unit(ind, lang), flags],
            source=indicator_source_line(ind, lang),
            name=("compare-series", ind),
            key="compare_series",
            decimals=tables.column_decimals(col),
        )


st.title(t("compare_title", lang))
st.multiselect(
    t("compare_pick", lang, max=MAX_COMPARE),
    codes,
    format_func=lambda c: registry.name(c, lang),
    max_selections=MAX_COMPARE,
    # "contains", not Streamlit's fuzzy default: "East" must not match "West Kazakhstan" (letters in order);
    # no bulk "Select all" (English only, and Enter would take every match).
    filter_mode="contains",
    select_all=False,
    **view_state.bind("regions", "w_regions", value=chosen),
)
if len(chosen) < MIN_COMPARE:
    st.info(t("compare_need_two", lang))
else:
    draw_comparison(chosen)
