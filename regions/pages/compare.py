"""What the compare page shows: one column per chosen unit and the nation, one row per key indicator, the
roles with their basis, the user's own figures and the area."""

from __future__ import annotations

import pandas as pd

from regions.base.i18n import t
from regions.exports import table
from regions.geo import geography, registry
from regions.pages.map import indicator_years
from regions.pages.profile import KEY_INDICATORS, shown_year
from regions.policy import roles
from regions.present.labels import (
    basis_label,
    format_indicator,
    format_number,
    format_user,
    indicator_label,
    role_short_names,
)
from regions.stats.columns import NATIONAL
from regions.uploads.userdata import UserIndicator


def compare_table(
    chosen: list[str],
    layout: str,
    lang: str,
    lineage_rule: str,
    users: list[UserIndicator] = (),
    year: int | None = None,
) -> pd.DataFrame:
    """The comparison of ``chosen`` units (2 to 6) and Kazakhstan, as text cells in the page's language.

    Each indicator in its latest year (up to ``year`` when given: :func:`regions.pages.profile.shown_year`);
    a flagged year's figures carry its mark (preliminary, a series break).
    """
    years = indicator_years(layout, areas=geography.areas(layout))
    wide = table.regional_table(layout, with_national=True, lineage_rule=lineage_rule).set_index("iso_code")
    columns = [*chosen, NATIONAL]

    def name(code: str) -> str:
        return t("kazakhstan", lang) if code == NATIONAL else registry.name(code, lang)

    rows: dict[str, dict[str, str]] = {}
    for ind in KEY_INDICATORS:
        if ind not in years:
            continue
        when = shown_year(years[ind], year)
        col = f"{ind}_{when}"
        rows[f"{indicator_label(ind, lang)}, {when}"] = {
            name(c): format_indicator(ind, wide.at[c, col] if col in wide else None, lang, when)
            for c in columns
        }
    short = role_short_names(lang)
    held = roles.by_unit(layout, lineage_rule)
    rows[t("roles_header", lang)] = {
        **{
            name(c): "; ".join(f"{short[a.role_id]} ({basis_label(a.basis, lang)})" for a in held[c])
            or t("none", lang)
            for c in chosen
        },
        name(NATIONAL): "—",
    }
    for ind in users:
        rows[f"{ind.column} ({t('user_data', lang)})"] = {
            name(c): format_user(ind.value(c, layout), lang) for c in columns
        }
    rows[t("area", lang)] = {
        name(c): f"{format_number(wide.at[c, 'area_km2'], 0, lang)} km²" for c in columns
    }
    return pd.DataFrame(rows).T
