"""What the district views show for a user's table keyed by district: the map and the table to download."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from regions.base.i18n import t
from regions.exports import table
from regions.geo import registry
from regions.present import districtmap
from regions.present.labels import format_number
from regions.uploads.userdata import UserIndicator


def regions_of(ind: UserIndicator) -> list[str]:
    """ISO codes of the regions with at least one district in the user's indicator, in code order."""
    return sorted({registry.district(k).parent for k in ind.values})


def user_district_map(ind: UserIndicator, region: str | None, lang: str) -> tuple[str, str]:
    """The districts of ``region`` (``None``: of the whole country) coloured by the user's figures, and the
    legend (the range of the figures shown, and the missing hatch). Names are drawn only for one region."""
    shown = registry.districts(region)
    values = {d.kato: ind.values.get(d.kato) for d in shown}
    titles = {
        d.kato: f"{d.name[lang]} ({registry.short_name(d.parent, lang)})\n{ind.column}: "
        f"{format_number(values[d.kato], 2, lang) if values[d.kato] is not None else t('missing', lang)}"
        for d in shown
    }
    labels = {d.kato: d.short[lang] for d in shown} if region is not None else None
    styles, vmin, vmax = districtmap.numeric_styles(values, titles, labels)
    svg = districtmap.district_svg(styles, t("district_map_aria", lang, column=ind.column))
    entries: list[tuple[str | None, str]] = []
    if vmin is not None and vmax is not None:
        entries.append((districtmap.svgmap.numeric_colour(vmin, vmin, vmax), format_number(vmin, 2, lang)))
        entries.append((districtmap.svgmap.numeric_colour(vmax, vmin, vmax), format_number(vmax, 2, lang)))
    if any(v is None for v in values.values()):
        entries.append((None, t("district_legend_missing", lang)))
    return svg, districtmap.legend_svg(entries)


def user_district_table(users: Sequence[UserIndicator]) -> pd.DataFrame:
    """The district table (codes, names, parent, type, centre, area) with one column per user indicator."""
    return table.with_user_district_columns(table.district_table(), users)
