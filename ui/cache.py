"""Every Streamlit caching wrapper of the app, in one place.

The functions in ``regions`` are pure and cheap to call once; these wrappers keep their results per
(layout, language, …) across reruns and sessions. Data files only change with a deploy, so no TTL.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from regions import geography, mapfig, roles, sectors, statistics, table, views


@st.cache_data(show_spinner=False)
def boundaries_json(layout: str) -> dict:
    return geography.load_boundaries_json(layout)


@st.cache_data(show_spinner=False)
def regional_table(layout: str, with_national: bool = False) -> pd.DataFrame:
    return table.regional_table(layout, with_national=with_national)


@st.cache_data(show_spinner=False)
def indicator_years(layout: str) -> dict[str, list[int]]:
    return views.indicator_years(layout, areas=geography.areas(layout))


@st.cache_data(show_spinner=False)
def indicators() -> dict[str, dict]:
    return statistics.load_indicators()


@st.cache_data(show_spinner=False)
def sector_catalogue() -> dict[str, dict]:
    return sectors.load_sectors()


@st.cache_data(show_spinner=False)
def map_model(layout: str, lang: str, indicator: str, year: int | None, lineage_rule: str) -> views.MapModel:
    return views.map_model(layout, lang, indicator, year, lineage_rule)


@st.cache_data(show_spinner=False)
def map_figure_json(
    layout: str,
    lang: str,
    indicator: str,
    year: int | None,
    lineage_rule: str,
    highlight: tuple[str, ...] | None,
) -> str:
    """The map as plotly JSON; cached so that a rerun does not rebuild 200 KB of GeoJSON into a figure."""
    model = map_model(layout, lang, indicator, year, lineage_rule)
    fig = mapfig.map_figure(
        model.units,
        boundaries_json(layout),
        lang=lang,
        categorical=model.categorical,
        categories=model.categories,
        none_label=model.none_label,
        highlight=set(highlight) if highlight is not None else None,
        legend_title=model.legend_title,
        missing_label=views.t("missing", lang),
    )
    return fig.to_json()


@st.cache_data(show_spinner=False)
def matching_units(
    sector_ids: tuple[str, ...], mode: str, layout: str, lineage_rule: str
) -> tuple[str, ...] | None:
    found = views.matching_units(list(sector_ids), mode, layout, lineage_rule)
    return None if found is None else tuple(sorted(found))


@st.cache_data(show_spinner=False)
def export(layout: str, fmt: str, codes: tuple[str, ...] | None, with_national: bool) -> bytes:
    df = table.regional_table(layout, with_national=with_national)
    if codes is not None:
        df = df[df["iso_code"].isin(codes)]
    return table.export(df, fmt, layout)


@st.cache_data(show_spinner=False)
def roles_catalogue() -> tuple:
    return roles.load_roles()
