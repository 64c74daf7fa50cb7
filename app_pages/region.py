"""Region profile: roles and quotes, sectors, key indicators, series, geography, lineage, enterprises."""

import streamlit as st

from regions.base.i18n import pick, t
from regions.geo import registry
from regions.pages.profile import (
    district_attribution,
    lineage_text,
    user_rows,
)
from regions.policy import roles, sectors
from regions.present.labels import (
    basis_label,
    flag_line,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    sector_names,
    source_lines,
    user_source_line,
)
from regions.stats import statistics
from ui import cache, common, districtview
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage
codes = [u.iso_code for u in registry.units(layout)]
code = v.region if v.region in codes else None


def enterprise_sectors(lang: str) -> dict[str, str]:
    """The enterprise table's sector classification (data/enterprises.csv.meta.json) in ``lang``."""
    return {
        "metallurgy": t("ent_sector_metallurgy", lang),
        "mining": t("ent_sector_mining", lang),
        "oil_gas": t("ent_sector_oil_gas", lang),
        "petrochemicals": t("ent_sector_petrochemicals", lang),
        "gas_processing": t("ent_sector_gas_processing", lang),
        "energy": t("ent_sector_energy", lang),
        "logistics": t("ent_sector_logistics", lang),
        "nuclear": t("ent_sector_nuclear", lang),
        "other": t("ent_sector_other", lang),
    }


def draw_profile(code: str) -> None:
    """Everything about one unit of the layout, section by section."""
    draw_identity(code)
    draw_roles(code)
    draw_sectors(code)
    draw_indicators(code)
    draw_geography(code)
    if layout == "2022":
        draw_districts(code)
    draw_enterprises(code)


def draw_identity(code: str) -> None:
    """Name, codes, type, centre, layout and lineage."""
    unit = registry.get(code)
    st.title(registry.name(code, lang))
    centre = unit.centre_for(layout)
    st.caption(
        f"{code} · {t('kato_short', lang)} {unit.kato} · {t('type_' + unit.type, lang)} · "
        f"{t('centre', lang)}: {pick(centre.name, lang)} · {t('layout_' + layout, lang)}"
    )
    st.markdown(f"**{t('lineage', lang)}:** {lineage_text(code, layout, lang)}")


def draw_roles(code: str) -> None:
    """The unit's roles, each with its basis, note, interpretation and quotes."""
    st.header(t("roles_header", lang))
    catalogue = {r.id: r for r in roles.load_roles()}
    mine = cache.roles_by_unit(layout, rule)[code]
    if not mine:
        st.write(t("no_role_long", lang))
    for a in mine:
        role = catalogue[a.role_id]
        with st.container(border=True):
            st.subheader(pick(role.name, lang))
            st.markdown(f"**{t('basis', lang)}:** {basis_label(a.basis, lang)}")
            if a.note:
                st.markdown(f"_{pick(a.note, lang)}_")
            if role.interpretation:
                st.markdown(f"**{t('interpretation', lang)}:** {pick(role.interpretation, lang)}")
            st.write(pick(role.description, lang))
            for q in role.quotes:
                common.quote(q.text, q.source, lang)
    common.source(source_lines(["roles.json", "sources/address-2020-excerpt.txt"], lang))


def draw_sectors(code: str) -> None:
    """Designated and measured sectors, with the rule that tells them apart."""
    st.header(t("sectors_header", lang))
    names = sector_names(lang)
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{t('sectors_designated', lang)}**")
        des = sectors.designated_sectors(code, layout, lineage_rule=rule)
        st.write(", ".join(names[s] for s in des) if des else t("none", lang))
    with c2:
        st.markdown(f"**{t('sectors_measured', lang)}**")
        mea = sectors.measured_sectors(code, layout)
        st.write(", ".join(names[s] for s in mea) if mea else t("none", lang))
    st.caption(sectors.sector_rule_text(lang))


def draw_indicators(code: str) -> None:
    """Key indicators, the user's own figures, and one indicator's series."""
    st.header(t("indicators_header", lang))
    st.dataframe(
        cache.profile_indicators(code, layout, lang),
        hide_index=True,
        width="stretch",
        column_config={t("col_indicator", lang): st.column_config.Column(pinned=True)},  # kept in view
    )
    common.source(source_lines(["statistics.csv", "indicators.json"], lang))
    users = view_state.user_indicators()
    if users:
        st.subheader(t("user_section", lang))
        st.dataframe(user_rows(code, layout, lang, list(users.values())), hide_index=True, width="stretch")
        for ind in users.values():
            common.source(user_source_line(ind, lang))

    st.subheader(t("series_header", lang))
    series_ind = st.selectbox(
        t("indicator", lang),
        [
            "grp_per_capita_computed",
            "grp",
            "population",
            "share_manufacturing",
            "share_mining",
            "grp_per_capita",
        ],
        format_func=lambda i: indicator_label(i, lang),
        key=view_state.widget_key("w_profile_series"),
    )
    national = series_ind.startswith(("share", "grp_per"))
    data = cache.profile_series((code,), series_ind, layout, lang, with_national=national)
    y_title = indicator_unit(series_ind, lang)
    if "KZT" in statistics.load_indicators()[series_ind]["unit"]["en"]:
        y_title += f", {t('current_prices', lang)}"  # nominal: say so on the chart itself
    fig = common.plotly_json(
        cache.series_figure_json((code,), series_ind, layout, lang, y_title, with_national=national),
        mode_bar=True,
    )
    flags = flag_line(series_ind, [y for points in data.values() for y, _ in points], lang)
    common.source(indicator_source_line(series_ind, lang) + (f"\n\n{flags}" if flags else ""))
    common.chart_downloads(
        fig,
        title=f"{registry.name(code, lang)}: {indicator_label(series_ind, lang)}",
        subtitle=[y_title, flags],
        source=indicator_source_line(series_ind, lang),
        name=("region", code, series_ind),
        key="region_series",
        decimals=int(statistics.load_indicators()[series_ind].get("decimals", 0)),
    )


def draw_geography(code: str) -> None:
    """Area, borders and neighbours."""
    st.header(t("geography_header", lang))
    st.dataframe(cache.geography_rows(code, layout, lang), hide_index=True, width="stretch")
    common.source(source_lines([f"geography_{layout}.csv"], lang))


def draw_enterprises(code: str) -> None:
    """Enterprises named by the sources, with their status and its date."""
    st.header(t("enterprises_header", lang))
    ent = cache.enterprises_of(code, layout, lang)
    if ent.empty:
        st.write(t("no_enterprises", lang))
    else:
        shown = ent[["enterprise", "sector", "status", "statement", "source_title", "source_url"]]
        # The status's date beside the status itself: some rest on evidence several years old.
        shown = shown.assign(
            sector=[enterprise_sectors(lang).get(x, x) for x in shown["sector"]],
            status=[
                t("ent_status_dated", lang, status=s, date=d)
                for s, d in zip(ent["status"], ent["status_as_of"], strict=True)
            ],
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                "enterprise": t("ent_col_enterprise", lang),
                "sector": t("ent_col_sector", lang),
                "status": t("ent_col_status", lang),
                "statement": t("ent_col_statement", lang),
                "source_title": t("ent_col_source_title", lang),
                "source_url": st.column_config.LinkColumn(t("ent_col_source_url", lang)),
            },
        )
    common.source(source_lines(["enterprises.csv"], lang))


def draw_districts(code: str) -> None:
    """The region's districts: a map with their names and a table; the licence's attribution under them."""
    st.header(t("districts_header", lang))
    svg, legend = cache.district_map(code, lang)
    districtview.show(svg, legend, key="district_profile_map")
    st.dataframe(cache.district_rows(code, lang), hide_index=True, width="stretch")
    st.caption(t("districts_population_missing", lang))
    common.source(district_attribution(lang))


st.selectbox(
    t("choose_region", lang),
    codes,
    format_func=lambda c: registry.name(c, lang),
    placeholder=t("choose_region", lang),
    **view_state.bind("region", "w_region", value=code),
)
if not code:
    st.info(t("region_pick_hint", lang))
else:
    draw_profile(code)
