"""What the map page shows: one entry per unit (colour, hover text), the legend's role categories and the
source line, and the plotly figure drawn from them."""

from __future__ import annotations

import html
from dataclasses import dataclass

from regions import geography, registry, roles, sectors, statistics
from regions.figures import CATEGORY_COLOURS, NO_ROLE_COLOUR, Category, MapUnit
from regions.i18n import t
from regions.labels import (
    basis_label,
    format_indicator,
    format_user,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    role_names,
    role_short_names,
    source_lines,
    user_source_line,
)
from regions.statistics import cell
from regions.userdata import UserIndicator

HOVER_INDICATORS = ("population", "grp_per_capita_computed", "share_manufacturing")


def indicator_years(layout: str, areas: dict[str, float] | None = None) -> dict[str, list[int]]:
    """Years with at least one unit's value, per indicator."""
    values = statistics.indicator_values(layout, areas=areas)
    values = values[values["iso_code"] != "KZ"].dropna(subset=["value"])
    return {ind: sorted(int(y) for y in g["year"].unique()) for ind, g in values.groupby("indicator")}


def role_category(assigned: list[roles.Assignment]) -> tuple[str, ...]:
    """The map category of a unit: its set of role ids in catalogue order (``()`` for no role).

    Keyed by ids, never by labels, so that a category, and with it its colour, is the same in every
    language.
    """
    order = [r.id for r in roles.load_roles()]
    return tuple(sorted({a.role_id for a in assigned}, key=order.index))


def role_category_label(category: tuple[str, ...], lang: str) -> str:
    """The legend label of a category, e.g. "Metallurgy → high-tech + Border cooperation"."""
    if not category:
        return t("no_role", lang)
    names = role_short_names(lang)
    return " + ".join(names[i] for i in category)


def role_categories() -> list[tuple[str, ...]]:
    """Every possible category in legend order: single roles in catalogue order, then pairs, ..., then none.

    >>> role_categories()[:3] == [(r.id,) for r in roles.load_roles()][:3]
    True
    """
    from itertools import combinations

    ids = [r.id for r in roles.load_roles()]
    out = [c for size in range(1, len(ids) + 1) for c in combinations(ids, size)]
    return [*out, ()]


@dataclass(frozen=True)
class MapModel:
    """What the map page draws: one entry per unit, the legend and the source line.

    ``categories`` lists the role categories present on a roles map in legend order (empty on a numeric
    map); a unit's ``MapUnit.category`` is the key of one of them.
    """

    units: list[MapUnit]
    categorical: bool
    categories: list[Category]
    legend_title: str
    source_line: str


def category_key(category: tuple[str, ...]) -> str:
    """A category's key on the map: its role ids joined by ``+`` (``""`` for no role)."""
    return "+".join(category)


def category_colour(category: tuple[str, ...]) -> str:
    """The colour of a role category: a function of its role ids alone (legend position in the catalogue)."""
    if not category:
        return NO_ROLE_COLOUR
    return CATEGORY_COLOURS[role_categories().index(category) % len(CATEGORY_COLOURS)]


def map_model(
    layout: str,
    lang: str,
    indicator: str,
    year: int | None,
    lineage_rule: str = "inherit",
    user: UserIndicator | None = None,
) -> MapModel:
    """Everything the map needs: colour per region, hover text, legend and source line.

    With ``user`` (a user's uploaded indicator, whose id is ``indicator``), the map is coloured by its
    values, marked as the user's data; its texts are escaped, since plotly reads labels as HTML.
    """
    areas = geography.areas(layout)
    wide = statistics.wide_table(layout, areas=areas)
    assigned = roles.by_unit(layout, lineage_rule)
    hover_year = _hover_year(layout, year)
    names = role_names(lang)
    units: list[MapUnit] = []
    for unit in registry.units(layout):
        code = unit.iso_code
        lines = []
        mine = assigned[code]
        if mine:
            for a in mine:
                lines.append(f"● {names[a.role_id]} ({basis_label(a.basis, lang)})")
        else:
            lines.append(t("no_role", lang))
        for ind in HOVER_INDICATORS:
            v = cell(wide, code, f"{ind}_{hover_year}")
            lines.append(f"{indicator_label(ind, lang)} {hover_year}: {format_indicator(ind, v, lang)}")
        value = None
        if user is not None:
            value = user.value(code, layout)
            lines.append(
                f"<b>{html.escape(user.column)} ({t('user_data', lang)}): {format_user(value, lang)}</b>"
            )
        elif indicator != "roles" and year is not None:
            value = cell(wide, code, f"{indicator}_{year}")
            lines.append(
                f"<b>{indicator_label(indicator, lang)} {year}: {format_indicator(indicator, value, lang)}</b>"
            )
        units.append(
            MapUnit(
                iso_code=code,
                name=registry.name(code, lang),
                hover="<br>".join(lines),
                category=category_key(role_category(mine)),
                value=value,
            )
        )
    if indicator == "roles":
        present = {u.category for u in units}
        cats = [
            Category(category_key(c), role_category_label(c, lang), category_colour(c))
            for c in role_categories()
            if category_key(c) in present
        ]
        meta_files = ["roles.json", f"boundaries_{layout}.geojson", f"geography_{layout}.csv"]
        return MapModel(units, True, cats, t("legend_roles", lang), source_lines(meta_files, lang))
    if user is not None:
        legend = f"{html.escape(user.column)}<br>({t('user_data', lang)})"
        return MapModel(units, False, [], legend, user_source_line(user, lang))
    legend = f"{indicator_label(indicator, lang)}, {year}<br>({indicator_unit(indicator, lang)})"
    return MapModel(
        units,
        False,
        [],
        legend,
        source_lines([f"boundaries_{layout}.geojson"], lang)
        + "\n\n"
        + indicator_source_line(indicator, lang),
    )


def _hover_year(layout: str, year: int | None) -> int:
    """One year for every figure of a tooltip: the map's year if all of them have it, else the latest they share."""
    years = indicator_years(layout, areas=geography.areas(layout))
    common = set.intersection(*(set(years.get(ind, ())) for ind in HOVER_INDICATORS))
    if year in common:
        return year
    return max(common)


def map_figure(model: MapModel, layout: str, lang: str, highlight: set[str] | None = None):
    """The plotly figure of a map model (``highlight``: codes in focus, the others dimmed).

    The boundaries go as the URL of ``static/boundaries_<layout>.json`` (:mod:`regions.webfiles`).
    """
    from regions import figures, webfiles

    return figures.map_figure(
        model.units,
        webfiles.boundaries_url(layout),
        lang=lang,
        categorical=model.categorical,
        categories=model.categories,
        highlight=highlight,
        legend_title=model.legend_title,
        missing_label=t("missing", lang),
        out_of_focus_label=t("out_of_focus", lang),
    )


def matching_units(
    sector_ids: list[str], mode: str, layout: str, lineage_rule: str = "inherit"
) -> set[str] | None:
    """Units matching the sector filter, or ``None`` when no sector is selected (everything highlighted)."""
    if not sector_ids:
        return None
    return set(sectors.filter_units(list(sector_ids), mode, layout, lineage_rule=lineage_rule))


def filter_notes(sector_ids: tuple[str, ...], mode: str, lang: str) -> list[str]:
    """What the statistics can say about each selected sector, for a filter that uses them.

    A proxy sector (metallurgy, petrochemicals) is measured by the share of its whole section, and the
    map says so; a sector with no section of its own cannot be measured, and the map says that only its
    designated regions can match.
    """
    from regions.labels import indicator_label, sector_names
    from regions.schemas import SECTION_SHARE

    if mode == "designated":
        return []
    catalogue = sectors.load_sectors()
    names = sector_names(lang)
    notes = []
    for sid in sector_ids:
        entry = catalogue[sid]
        if entry["gva_section"] is None:
            notes.append(t("sector_unmeasured", lang, sector=names[sid]))
        elif entry["section_is_proxy"]:
            share = indicator_label(SECTION_SHARE[entry["gva_section"]], lang)
            notes.append(t("sector_proxy", lang, sector=names[sid], share=share))
    return notes
