"""Every Streamlit caching wrapper of the app, in one place, under one policy.

The functions in ``regions`` are pure; these wrappers keep their results across reruns and sessions. The
policy: every wrapper is ``st.cache_data`` with a bound on its entries. Wrappers keyed only by layout,
language and lineage rule (at most 2 x 3 x 2 = 12 keys) keep :data:`SMALL` entries; wrappers keyed by
anything else a link can vary (indicator, year, sector filter) keep :data:`LARGE` entries, the most
recently used ones, so that a flood of distinct links cannot grow the server's memory without bound.
Data files change only with a deploy, so there is no time-to-live.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from regions.base.i18n import t
from regions.base.vocab import NATIONAL
from regions.exports import table
from regions.geo import geography
from regions.pages import compare as compare_page
from regions.pages import delivery as delivery_page_model
from regions.pages import map as map_page
from regions.pages import profile, ranking
from regions.policy import roles, sectors
from regions.present import figures
from regions.stats import enterprises, statistics

SMALL = 16
LARGE = 256


@st.cache_data(show_spinner=False, max_entries=SMALL)
def boundaries_json(layout: str) -> dict:
    return geography.load_boundaries_json(layout)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def regional_table(layout: str, with_national: bool = False, lineage_rule: str = "inherit") -> pd.DataFrame:
    return table.regional_table(layout, with_national=with_national, lineage_rule=lineage_rule)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def indicator_years(layout: str) -> dict[str, list[int]]:
    return map_page.indicator_years(layout, areas=geography.areas(layout))


@st.cache_data(show_spinner=False, max_entries=SMALL)
def indicators() -> dict[str, dict]:
    return statistics.load_indicators()


@st.cache_data(show_spinner=False, max_entries=SMALL)
def sector_catalogue() -> dict[str, dict]:
    return sectors.load_sectors()


@st.cache_data(show_spinner=False, max_entries=LARGE)
def map_model(
    layout: str,
    lang: str,
    indicator: str,
    year: int | None,
    lineage_rule: str,
    measure: map_page.Measure = map_page.LEVEL,
) -> map_page.MapModel:
    return map_page.map_model(layout, lang, indicator, year, lineage_rule, measure=measure)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def border_way_out(
    layout: str, lang: str, indicator: str, year: int, measure: map_page.Measure, gaps: tuple[str, ...]
) -> tuple[bool, int | None]:
    return map_page.border_way_out(layout, lang, indicator, year, measure, gaps)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def matching_units(
    sector_ids: tuple[str, ...], mode: str, layout: str, lineage_rule: str
) -> tuple[str, ...] | None:
    found = map_page.matching_units(list(sector_ids), mode, layout, lineage_rule)
    return None if found is None else tuple(sorted(found))


@st.cache_data(show_spinner=False, max_entries=LARGE)
def export(
    layout: str,
    fmt: str,
    codes: tuple[str, ...] | None,
    with_national: bool,
    lineage_rule: str,
    lang: str = "en",
    view: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """A download of the regional table: ``codes`` keeps those units (and the national row if asked for);
    an XLSX's sheets are named in ``lang`` and its ``view`` sheet lists ``view`` (ignored by other formats)."""
    df = table.regional_table(layout, with_national=with_national, lineage_rule=lineage_rule)
    if codes is not None:
        df = df[df["iso_code"].isin([*codes, NATIONAL])]
    return table.export(df, fmt, layout, lang=lang, view=view)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def roles_catalogue() -> tuple:
    return roles.load_roles()


@st.cache_data(show_spinner=False, max_entries=LARGE)
def ranking_model(
    layout: str,
    lang: str,
    indicator: str,
    year: int,
    lineage_rule: str,
    measure: map_page.Measure,
    highlight: tuple[str, ...] | None,
) -> ranking.RankingModel:
    hl = set(highlight) if highlight is not None else None
    return ranking.ranking_model(layout, lang, indicator, year, lineage_rule, measure, hl)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def scatter_model(
    layout: str, lang: str, x: str, y: str, year: int, lineage_rule: str, highlight: tuple[str, ...] | None
) -> ranking.ScatterModel:
    hl = set(highlight) if highlight is not None else None
    return ranking.scatter_model(layout, lang, x, y, year, lineage_rule, hl)


# /region and /compare: their models by view (unit or units, layout, language, lineage rule, indicator), so
# that a warm rerun only draws (issue 19, item 4): the roles, enterprises and districts of a profile too. A user's uploaded columns are not cached: they live in
# the session, and the pages call the model functions directly for them.


@st.cache_data(show_spinner=False, max_entries=LARGE)
def profile_indicators(code: str, layout: str, lang: str) -> pd.DataFrame:
    return profile.profile_indicators(code, layout, lang)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def profile_series(
    codes: tuple[str, ...], indicator: str, layout: str, lang: str, with_national: bool = False
) -> dict[str, list[tuple[int, float]]]:
    return profile.series(list(codes), indicator, layout, lang, with_national=with_national)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def series_figure_json(
    codes: tuple[str, ...],
    indicator: str,
    layout: str,
    lang: str,
    y_title: str,
    with_national: bool = False,
) -> str:
    """:func:`profile_series` drawn (:func:`regions.present.figures.series_figure`), as plotly JSON: building
    the figure was most of a warm /region rerun."""
    data = profile_series(codes, indicator, layout, lang, with_national=with_national)
    return figures.series_figure(data, y_title=y_title, national=t("kazakhstan", lang)).to_json()


@st.cache_data(show_spinner=False, max_entries=SMALL)
def roles_by_unit(layout: str, lineage_rule: str) -> dict[str, list[roles.Assignment]]:
    return roles.by_unit(layout, lineage_rule)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def enterprises_of(code: str, layout: str, lang: str) -> pd.DataFrame:
    return enterprises.for_unit(code, layout, lang)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def district_map(code: str, lang: str) -> tuple[str, str]:
    return profile.district_map(code, lang)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def district_rows(code: str, lang: str) -> pd.DataFrame:
    return profile.district_rows(code, lang)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def geography_rows(code: str, layout: str, lang: str) -> pd.DataFrame:
    return profile.geography_rows(code, layout, lang)


@st.cache_data(show_spinner=False, max_entries=LARGE)
def compare_table(codes: tuple[str, ...], layout: str, lang: str, lineage_rule: str) -> pd.DataFrame:
    return compare_page.compare_table(list(codes), layout, lang, lineage_rule, [])


@st.cache_data(show_spinner=False, max_entries=SMALL)
def statistics_years(layout: str) -> dict[str, list[int]]:
    return ranking.statistics_years(layout)


# /delivery: keyed by layout, language, lineage rule and base year (2019..2024: 72 keys at most).


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_page(
    layout: str, lang: str, lineage_rule: str, base_year: int = 2019
) -> delivery_page_model.DeliveryPage:
    return delivery_page_model.delivery_page(layout, lang, lineage_rule, base_year)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_head(
    layout: str, lang: str, lineage_rule: str, base_year: int = 2019
) -> delivery_page_model.DeliveryPage:
    """The page without its role sections (answers, caveats, border check, targets): a rerun unpickles
    only what it draws, the one chosen role's section coming from :func:`delivery_section`."""
    return replace(delivery_page(layout, lang, lineage_rule, base_year), sections=())


@st.cache_data(show_spinner=False, max_entries=LARGE)
def delivery_section(
    layout: str, lang: str, lineage_rule: str, base_year: int, role_id: str
) -> tuple[delivery_page_model.RoleSection, tuple[str, ...]]:
    """One role's section and its small multiples as plotly JSON (in the order of its cards): the page
    draws one role at a time (issue 19, item 2)."""
    model = delivery_page(layout, lang, lineage_rule, base_year)
    section = next(s for s in model.sections if s.role_id == role_id)
    return section, tuple(
        delivery_page_model.chart_figure(c, section.colour, lang).to_json() for c in section.cards
    )


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_target_figures_json(
    layout: str, lang: str, lineage_rule: str, base_year: int = 2019
) -> tuple[str | None, ...]:
    """The national targets' figures as plotly JSON (``None`` for a target without data), in page order."""
    model = delivery_page(layout, lang, lineage_rule, base_year)
    figs = (delivery_page_model.target_figure(tv, lang) for tv in model.targets)
    return tuple(None if f is None else f.to_json() for f in figs)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_base_years(layout: str) -> tuple[int, ...]:
    return delivery_page_model.base_years(layout)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_download(layout: str, lineage_rule: str, fmt: str, base_year: int = 2019) -> bytes:
    return delivery_page_model.download(layout, lineage_rule, fmt, base_year)


@st.cache_data(show_spinner=False, max_entries=SMALL)
def delivery_targets_csv(layout: str) -> bytes:
    return table.to_csv_bytes(delivery_page_model.targets_frame(layout))
