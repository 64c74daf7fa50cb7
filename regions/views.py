"""What each page shows, computed without Streamlit so that it can be tested directly.

The pages under ``app_pages/`` only lay these results out; the caching wrappers in ``ui/cache.py``
memoise them per (layout, language, …).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from regions import geography, lineage, registry, roles, sectors, statistics, store
from regions.i18n import pick, t
from regions.mapfig import CATEGORY_COLOURS, NO_ROLE_COLOUR, Category, MapUnit
from regions.metadata import format_source_line, load_meta
from regions.text import code_span
from regions.userdata import UserIndicator

KEY_INDICATORS = (
    "population",
    "grp",
    "grp_per_capita",
    "grp_per_capita_computed",
    "share_manufacturing",
    "share_mining",
    "share_agriculture",
    "density",
)
HOVER_INDICATORS = ("population", "grp_per_capita_computed", "share_manufacturing")


# --------------------------------------------------------------------------------------------------
# Numbers


def format_number(value: float | None, decimals: int = 0, lang: str = "en") -> str:
    """Thousands separated by a thin space (ru/kk) or a comma (en); missing shows as an em dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang in ("ru", "kk"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def indicator_label(indicator_id: str, lang: str) -> str:
    meta = statistics.load_indicators()[indicator_id]
    return pick(meta["name"], lang)


def indicator_unit(indicator_id: str, lang: str) -> str:
    meta = statistics.load_indicators()[indicator_id]
    return pick(meta["unit"], lang)


def format_indicator(indicator_id: str, value: float | None, lang: str) -> str:
    meta = statistics.load_indicators()[indicator_id]
    return f"{format_number(value, int(meta.get('decimals', 0)), lang)} {pick(meta['unit'], lang)}".strip()


def indicator_years(layout: str, areas: dict[str, float] | None = None) -> dict[str, list[int]]:
    """Years with at least one unit's value, per indicator."""
    values = statistics.indicator_values(layout, areas=areas)
    values = values[values["iso_code"] != "KZ"].dropna(subset=["value"])
    return {ind: sorted(int(y) for y in g["year"].unique()) for ind, g in values.groupby("indicator")}


# --------------------------------------------------------------------------------------------------
# Roles


def role_names(lang: str) -> dict[str, str]:
    return {r.id: pick(r.name, lang) for r in roles.load_roles()}


def role_short_names(lang: str) -> dict[str, str]:
    """Short role labels for the map legend (the full names are too long to sit beside a map)."""
    return {r.id: t(f"role_short_{r.id}", lang) for r in roles.load_roles()}


def unit_roles(layout: str, lineage_rule: str = "inherit") -> dict[str, list[roles.Assignment]]:
    out: dict[str, list[roles.Assignment]] = {u.iso_code: [] for u in registry.units(layout)}
    for a in roles.assignments(layout, lineage_rule=lineage_rule):
        out[a.iso_code].append(a)
    return out


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


def basis_label(basis: str, lang: str) -> str:
    return t(f"basis_{basis}", lang)


# --------------------------------------------------------------------------------------------------
# Map


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
    assigned = unit_roles(layout, lineage_rule)
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
            y = statistics.latest_year(ind, layout)
            v = _cell(wide, code, f"{ind}_{y}")
            lines.append(f"{indicator_label(ind, lang)} {y}: {format_indicator(ind, v, lang)}")
        value = None
        if user is not None:
            value = user.value(code, layout)
            lines.append(
                f"<b>{html.escape(user.column)} ({t('user_data', lang)}): {format_user(value, lang)}</b>"
            )
        elif indicator != "roles" and year is not None:
            value = _cell(wide, code, f"{indicator}_{year}")
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
        return MapModel(units, True, cats, t("legend_roles", lang), source_lines(meta_files))
    if user is not None:
        legend = f"{html.escape(user.column)}<br>({t('user_data', lang)})"
        return MapModel(units, False, [], legend, user_source_line(user, lang))
    legend = f"{indicator_label(indicator, lang)}, {year}<br>({indicator_unit(indicator, lang)})"
    return MapModel(
        units,
        False,
        [],
        legend,
        source_lines([f"boundaries_{layout}.geojson"]) + "\n\n" + indicator_source_line(indicator),
    )


def map_figure(model: MapModel, layout: str, lang: str, highlight: set[str] | None = None):
    """The plotly figure of a map model (``highlight``: codes in focus, the others dimmed).

    The boundaries go as the URL of ``static/boundaries_<layout>.json`` (:mod:`regions.webfiles`).
    """
    from regions import mapfig, webfiles

    return mapfig.map_figure(
        model.units,
        webfiles.boundaries_url(layout),
        lang=lang,
        categorical=model.categorical,
        categories=model.categories,
        highlight=highlight,
        legend_title=model.legend_title,
        missing_label=t("missing", lang),
    )


def format_user(value: float | None, lang: str) -> str:
    """A user's figure: as many decimals as it needs, up to two; "no data" when missing."""
    if value is None:
        return t("missing", lang)
    decimals = 0 if float(value).is_integer() else 2
    return format_number(value, decimals, lang)


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


def user_source_line(user: UserIndicator, lang: str) -> str:
    """The source line of a user's indicator: the user's own file, never a published source."""
    return t(
        "user_source",
        lang,
        file=code_span(user.file_name, limit=80),
        column=code_span(user.column, limit=60),
        matched=str(len(user.values)),
        layout=t(f"layout_{user.layout}", lang),
    )


def _cell(wide: pd.DataFrame, code: str, column: str) -> float | None:
    if column not in wide.columns or code not in wide.index:
        return None
    v = wide.at[code, column]
    return None if pd.isna(v) else float(v)


def source_lines(data_files: list[str]) -> str:
    """Source lines for the given data files, one per file."""
    return "\n\n".join(format_source_line(load_meta(name)) for name in data_files)


def indicator_source_line(indicator_id: str) -> str:
    """The sources of one indicator (for computed ones, the sources of its inputs and the method)."""
    meta = statistics.load_indicators()[indicator_id]
    line = format_source_line({"sources": meta["sources"]})
    if meta.get("kind") == "computed":
        line += f" — {t('computed', 'en')}: {meta.get('method', '')}"
    return line


# --------------------------------------------------------------------------------------------------
# Profile


def profile_indicators(code: str, layout: str, lang: str) -> pd.DataFrame:
    """Key indicators of one unit: latest value, national value, national rank."""
    areas = geography.areas(layout)
    wide = statistics.wide_table(layout, areas=areas)
    rows = []
    n_units = len(registry.units(layout))
    for ind in KEY_INDICATORS:
        try:
            year = statistics.latest_year(ind, layout)
        except ValueError:
            continue
        col = f"{ind}_{year}"
        value = _cell(wide, code, col)
        national = _cell(wide, "KZ", col)
        rank = statistics.national_rank(layout, ind, year, areas=areas)
        r = rank.get(code)
        rows.append(
            {
                t("col_indicator", lang): indicator_label(ind, lang),
                t("col_year", lang): year,
                t("col_value", lang): format_indicator(ind, value, lang),
                t("col_national", lang): format_indicator(ind, national, lang),
                t("col_rank", lang): "—" if r is None or pd.isna(r) else f"{int(r)} / {n_units}",
                t("col_basis", lang): _basis_of(code, ind, year, layout, lang),
            }
        )
    return pd.DataFrame(rows)


def _basis_of(code: str, indicator: str, year: int, layout: str, lang: str) -> str:
    values = statistics.indicator_values(layout, areas=geography.areas(layout))
    hit = values[(values["iso_code"] == code) & (values["indicator"] == indicator) & (values["year"] == year)]
    if hit.empty or pd.isna(hit["value"].iloc[0]):
        return t("missing", lang)
    return t(f"stat_basis_{hit['basis'].iloc[0]}", lang)


def series(
    codes: list[str], indicator: str, layout: str, lang: str, with_national: bool = False
) -> dict[str, list[tuple[int, float]]]:
    """Yearly values of one indicator for several units (missing years left out)."""
    values = statistics.indicator_values(layout, areas=geography.areas(layout))
    values = values[values["indicator"] == indicator].dropna(subset=["value"])
    out = {}
    wanted = [*codes, "KZ"] if with_national else codes
    for code in wanted:
        sub = values[values["iso_code"] == code].sort_values("year")
        label = t("kazakhstan", lang) if code == "KZ" else registry.name(code, lang)
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


def enterprises(code: str, layout: str, lang: str | None = None) -> pd.DataFrame:
    """Major enterprises named by a source, for the unit (a 2020 unit gathers its successors').

    With ``lang``, the ``status`` column (operating, under construction, planned) is given in that language.
    """
    from regions.schemas import ENTERPRISE_COLUMNS

    df = pd.DataFrame([row for _, row in _enterprise_rows()], columns=list(ENTERPRISE_COLUMNS))
    codes = lineage.successors_2020().get(code, (code,)) if layout == "2020" else (code,)
    out = df[df["iso_code"].isin(codes)].reset_index(drop=True)
    if lang is not None:
        out["status"] = [t(f"status_{s}", lang) for s in out["status"]]
    return out


@store.memo
def _enterprise_rows() -> list[tuple[int, dict[str, str]]]:
    """The rows of ``data/enterprises.csv``, checked: a known region, sector and status on every row."""
    from regions.schemas import ENTERPRISE_COLUMNS, ENTERPRISE_STATUSES

    rows = store.read_rows("enterprises.csv", ENTERPRISE_COLUMNS)
    codes = set(statistics.units_2022())
    for number, row in rows:
        for column, ok, allowed in (
            ("iso_code", row["iso_code"] in codes, "a unit of the 2022 layout"),
            ("status", row["status"] in ENTERPRISE_STATUSES, "one of " + ", ".join(ENTERPRISE_STATUSES)),
            ("enterprise", bool(row["enterprise"]), "a name"),
        ):
            if not ok:
                raise store.DataError(
                    "enterprises.csv",
                    f"{row[column]!r} is not {allowed}",
                    row=number,
                    where=f"column {column}",
                )
    return rows


def sector_names(lang: str) -> dict[str, str]:
    return {sid: pick(s["name"], lang) for sid, s in sectors.load_sectors().items()}


def matching_units(
    sector_ids: list[str], mode: str, layout: str, lineage_rule: str = "inherit"
) -> set[str] | None:
    """Units matching the sector filter, or ``None`` when no sector is selected (everything highlighted)."""
    if not sector_ids:
        return None
    return set(sectors.filter_units(list(sector_ids), mode, layout, lineage_rule=lineage_rule))
