"""What a region's profile shows: key indicators with national value and rank, series, lineage, geography
and the user's own figures."""

from __future__ import annotations

import pandas as pd

from regions.base.i18n import t
from regions.geo import geography, lineage, registry
from regions.pages.map import indicator_years
from regions.present.labels import format_indicator, format_number, format_user, indicator_label
from regions.stats import statistics
from regions.stats.columns import NATIONAL
from regions.stats.statistics import cell
from regions.uploads.userdata import UserIndicator

KEY_INDICATORS = (
    "population",
    "grp",
    "grp_per_capita",  # one row: the official figure where BNS published one, else the computed one
    "share_manufacturing",
    "share_mining",
    "share_agriculture",
    "density",
)


def shown_year(years: list[int], year: int | None) -> int:
    """The year a table shows of an indicator with ``years``: the latest up to ``year`` (``None``: the
    latest), or the first it has when every year is later.

    >>> shown_year([2019, 2022, 2025], None), shown_year([2019, 2022, 2025], 2023), shown_year([2024], 2019)
    (2025, 2022, 2024)
    """
    upto = [y for y in years if year is None or y <= year]
    return max(upto) if upto else min(years)


def profile_indicators(code: str, layout: str, lang: str, year: int | None = None) -> pd.DataFrame:
    """Key indicators of one unit: value, national value, national rank, each in its latest year (up to
    ``year`` when given, :func:`shown_year`); a flagged year's figures carry its mark (preliminary, a
    series break: :func:`regions.present.labels.flag_mark`)."""
    areas = geography.areas(layout)
    wide = statistics.wide_table(layout, areas=areas)
    rows = []
    n_units = len(registry.units(layout))

    years = indicator_years(layout, areas=areas)
    for key in KEY_INDICATORS:
        ind, when, label, note = key, None, None, ""
        if key == "grp_per_capita":
            ind, when, note = _per_capita_choice(code, wide, years, year, lang)
            label = t("profile_grp_per_capita", lang)
        try:
            latest = statistics.latest_year(ind, layout)
        except ValueError:
            continue
        if when is None:
            when = shown_year([y for y in years[ind] if y <= latest], year)
        col = f"{ind}_{when}"
        value = cell(wide, code, col)
        national = cell(wide, NATIONAL, col)
        # The rank of the figure shown: among the same indicator's figures of the same year.
        rank = statistics.national_rank(layout, ind, when, areas=areas)
        r = rank.get(code)
        basis = _basis_of(code, ind, when, layout, lang)
        rows.append(
            {
                t("col_indicator", lang): label or indicator_label(ind, lang),
                t("col_year", lang): when,
                t("col_value", lang): format_indicator(ind, value, lang, when),
                t("col_national", lang): format_indicator(ind, national, lang, when),
                t("col_rank", lang): "—" if r is None or pd.isna(r) else f"{int(r)} / {n_units}",
                t("col_basis", lang): note or basis,
            }
        )
    return pd.DataFrame(rows)


def _per_capita_choice(
    code: str, wide: pd.DataFrame, years: dict[str, list[int]], year: int | None, lang: str
) -> tuple[str, int, str]:
    """Which GRP-per-capita figure the profile shows: ``(indicator, year, note)``.

    The year is the latest either series has (up to ``year``); in it, BNS's official figure where it has
    one for the unit, else the project's computed GRP / average population, with a note saying so.
    """
    official, computed = "grp_per_capita", "grp_per_capita_computed"
    every = sorted(set(years.get(official, [])) | set(years.get(computed, [])))
    when = shown_year(every, year)
    if not pd.isna(cell(wide, code, f"{official}_{when}")):
        return official, when, ""
    return computed, when, t("profile_grp_per_capita_computed", lang, year=when)


def _basis_of(code: str, indicator: str, year: int, layout: str, lang: str) -> str:
    values = statistics.indicator_values(layout, areas=geography.areas(layout))
    hit = values[(values["iso_code"] == code) & (values["indicator"] == indicator) & (values["year"] == year)]
    if hit.empty or pd.isna(hit["value"].iloc[0]):
        return t("missing", lang)
    basis = hit["basis"].iloc[0]
    if basis == "reported" and statistics.load_indicators()[indicator]["kind"] == "derived_sum":
        basis = "derived_sum"  # stored, but the project's sum of BNS's months, not a figure BNS published
    return t(f"stat_basis_{basis}", lang)


def series(
    codes: list[str], indicator: str, layout: str, lang: str, with_national: bool = False
) -> dict[str, list[tuple[int, float]]]:
    """Yearly values of one indicator for several units (missing years left out)."""
    values = statistics.indicator_values(layout, areas=geography.areas(layout))
    values = values[values["indicator"] == indicator].dropna(subset=["value"])
    out = {}
    wanted = [*codes, NATIONAL] if with_national else codes
    for code in wanted:
        sub = values[values["iso_code"] == code].sort_values("year")
        label = t("kazakhstan", lang) if code == NATIONAL else registry.name(code, lang)
        out[label] = [(int(y), float(v)) for y, v in zip(sub["year"], sub["value"], strict=True)]
    return out


def lineage_text(code: str, layout: str, lang: str) -> str:
    """The unit's history across the 2022 reform, in one sentence."""
    if layout == "2020":
        parts = lineage.successors_2020().get(code, (code,))
        if len(parts) > 1:
            names = ", ".join(registry.name(c, lang) for c in parts)
            return t("lineage_2020_split", lang, name=registry.name(code, lang), parts=names)
        return t("lineage_unchanged", lang)
    link = lineage.link_for(code)
    if link.relation == "split_off":
        return t(
            "lineage_split_off",
            lang,
            name=registry.name(code, lang),
            parent=registry.name(link.code_2020, lang),
            date=link.in_force,
        )
    if link.relation == "retained":
        others = [c for c in lineage.successors_2020()[code] if c != code]
        return t(
            "lineage_retained",
            lang,
            name=registry.name(code, lang),
            others=", ".join(registry.name(c, lang) for c in others),
            date=link.in_force,
        )
    return t("lineage_unchanged", lang)


def geography_rows(code: str, layout: str, lang: str) -> pd.DataFrame:
    geo = geography.load_geography(layout).loc[code]
    rows = [(t("area", lang), f"{format_number(geo['area_km2'], 0, lang)} km²")]
    for c in geography.NEIGHBOUR_COUNTRIES:
        km = geo[f"border_km_{c}"]
        if km > 0:
            rows.append((t(f"border_{c}", lang), f"{format_number(km, 0, lang)} km"))
    if geo["coast_km_caspian"] > 0:
        rows.append((t("coast_caspian", lang), f"{format_number(geo['coast_km_caspian'], 0, lang)} km"))
    neigh = [registry.name(c, lang) for c in geo["neighbours"].split(";") if c]
    rows.append((t("neighbours", lang), ", ".join(neigh)))
    return pd.DataFrame(rows, columns=[t("col_item", lang), t("col_value", lang)])


def user_rows(code: str, layout: str, lang: str, users: list[UserIndicator]) -> pd.DataFrame:
    """The user's own figures for one unit, beside the file's national figure (plain text cells)."""
    return pd.DataFrame(
        [
            {
                t("col_indicator", lang): f"{u.column} ({t('user_data', lang)})",
                t("col_value", lang): format_user(u.value(code, layout), lang),
                t("col_national", lang): format_user(u.national, lang),
            }
            for u in users
        ]
    )


# --------------------------------------------------------------------------------------------------
# The region's districts (second level)


def district_rows(code: str, lang: str) -> pd.DataFrame:
    """The region's districts and cities of regional significance: name, type, centre, area, KATO code.

    Population by district is not shown: no citable source was found (see ``data/districts.csv.meta.json``);
    a centre the source does not name is shown as missing, not guessed.
    """
    rows = []
    for d in registry.districts(code):
        rows.append(
            {
                t("col_district", lang): d.name[lang],
                t("col_district_type", lang): t(f"district_type_{d.type}", lang),
                t("centre", lang): d.centre[lang] if d.centre else t("missing", lang),
                t("col_area_km2", lang): format_number(d.area_km2, 0, lang),
                t("tcol_kato", lang): d.kato,
            }
        )
    return pd.DataFrame(rows)


def district_map(code: str, lang: str) -> tuple[str, str]:
    """The region's districts as SVG, coloured by type and named, and the legend of the types."""
    from regions.present import districtmap

    styles = {}
    types = []
    for d in registry.districts(code):
        colour = districtmap.TYPE_COLOURS[d.type]
        title = f"{d.name[lang]}\n{t(f'district_type_{d.type}', lang)} · KATO {d.kato}"
        styles[d.kato] = districtmap.DistrictStyle(colour, title, d.short[lang])
        if d.type not in types:
            types.append(d.type)
    svg = districtmap.district_svg(styles, t("districts_map_label", lang, region=registry.name(code, lang)))
    legend = districtmap.legend_svg(
        [(districtmap.TYPE_COLOURS[k], t(f"district_type_{k}", lang)) for k in types]
    )
    return svg, legend


def district_attribution(lang: str) -> str:
    """The licence's attribution of the district boundaries and names, in ``lang`` (from their metadata)."""
    from regions.base.metadata import load_meta

    return load_meta("districts.geojson")["attribution"][lang]
