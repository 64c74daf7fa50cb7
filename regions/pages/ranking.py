"""What the ranking page shows: every unit sorted by the view's indicator and year (the designated regions
in their role's colour, the national value beside them, units without a figure listed as such), and a
scatter of any two indicators for one year."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from regions.base.i18n import t
from regions.base.text import code_span
from regions.geo import geography, registry
from regions.pages.map import (
    LEVEL,
    NATIONAL,
    Measure,
    category_colour,
    category_key,
    indicator_years,
    level_values,
    role_category,
    role_category_label,
    shown_values,
)
from regions.policy import roles
from regions.present.labels import (
    flag_mark,
    format_indicator,
    format_user,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    source_lines,
    user_source_line,
)
from regions.stats import statistics
from regions.uploads.userdata import UserIndicator

DEFAULT_INDICATOR = "grp_per_capita_computed"
DEFAULT_X = "grp_per_capita_computed"
DEFAULT_Y = "share_manufacturing"


@dataclass(frozen=True)
class Item:
    """One unit on a ranking or scatter: its values, its role category (key, label, colour), in focus or not."""

    iso_code: str
    name: str
    category: str
    category_label: str
    colour: str
    in_focus: bool
    value: float | None = None
    x: float | None = None
    y: float | None = None
    text: str = ""  # the value(s) as people read them, for the hover


@dataclass(frozen=True)
class RankingModel:
    """The sorted bars: ``items`` with a figure, highest first; ``missing`` those without, in code order.

    ``missing_text`` is the line naming the units without a figure, each with why when the figure is a
    change that cannot be given (e.g. a chain that would cross the 2022 change of borders).
    """

    indicator: str
    year: int
    title: str
    unit: str
    items: list[Item]
    missing: list[Item]
    national: float | None
    national_text: str
    source_line: str
    missing_text: str = ""


def _units(layout: str, lang: str, lineage_rule: str, highlight: set[str] | None) -> list[Item]:
    assigned = roles.by_unit(layout, lineage_rule)
    out = []
    for unit in registry.units(layout):
        cat = role_category(assigned[unit.iso_code])
        out.append(
            Item(
                iso_code=unit.iso_code,
                name=registry.name(unit.iso_code, lang),
                category=category_key(cat),
                category_label=role_category_label(cat, lang),
                colour=category_colour(cat),
                in_focus=highlight is None or unit.iso_code in highlight,
            )
        )
    return out


def rank_order(values: dict[str, float | None]) -> tuple[list[str], list[str]]:
    """Codes with a value, highest first (ties in code order), and the codes without one, in code order.

    >>> rank_order({"KZ-10": 2.0, "KZ-11": None, "KZ-15": 5.0, "KZ-19": 2.0})
    (['KZ-15', 'KZ-10', 'KZ-19'], ['KZ-11'])
    """
    present = sorted((c for c, v in values.items() if v is not None), key=lambda c: (-values[c], c))
    return present, sorted(c for c, v in values.items() if v is None)


def ranking_model(
    layout: str,
    lang: str,
    indicator: str,
    year: int,
    lineage_rule: str = "inherit",
    measure: Measure = LEVEL,
    highlight: set[str] | None = None,
) -> RankingModel:
    """Every unit of ``layout`` ranked by what the map shows (:func:`regions.pages.map.shown_values`): in
    change mode a volume index is ranked by its chained real change, a unit whose chain cannot be given
    listed as missing with why.

    Parameters
    ----------
    highlight
        Units matching the sector filter (the others are drawn faded); ``None``: no filter.
    """
    shown = shown_values(layout, lang, indicator, year, measure)
    units = {u.iso_code: u for u in _units(layout, lang, lineage_rule, highlight)}
    values = {c: shown.values[c] for c in units}
    order, missing = rank_order(values)

    def item(code: str) -> Item:
        base = units[code]
        text = shown.format(values[code], lang)
        if values[code] is None and shown.reasons.get(code):
            text += f": {shown.reasons[code]}"
        return Item(**{**base.__dict__, "value": values[code], "text": text})

    national = shown.values.get(NATIONAL)
    return RankingModel(
        indicator=indicator,
        year=year,
        title=f"{shown.title} ({shown.mark})" if shown.mark else shown.title,
        unit=shown.unit,
        items=[item(c) for c in order],
        missing=[item(c) for c in missing],
        national=national,
        national_text=t("national_value", lang, value=shown.format(national, lang)),
        source_line=shown.source_line(lang) + "\n\n" + source_lines(["roles.json"], lang),
        missing_text=shown.missing_line(lang, missing),
    )


def user_ranking_model(
    layout: str, lang: str, user: UserIndicator, lineage_rule: str = "inherit", highlight: set[str] | None = None
) -> RankingModel:
    """Every unit ranked by a column the user uploaded, marked as the user's data.

    ``title`` is Markdown-safe (the column's name as a code span); ``unit`` is plain text for plotly,
    escaped, since plotly reads labels as HTML. A unit the file has no figure for is listed as missing.
    """
    units = {u.iso_code: u for u in _units(layout, lang, lineage_rule, highlight)}
    values = {c: user.value(c, layout) for c in units}
    order, missing = rank_order(values)

    def item(code: str) -> Item:
        return Item(**{**units[code].__dict__, "value": values[code], "text": format_user(values[code], lang)})

    national = user.value(NATIONAL, layout)
    mark = t("user_data", lang)
    names = ", ".join(units[c].name for c in missing)
    return RankingModel(
        indicator=user.id,
        year=0,
        title=f"{code_span(user.column, limit=60)} ({mark})",
        unit=f"{html.escape(user.column)} ({mark})",
        items=[item(c) for c in order],
        missing=[item(c) for c in missing],
        national=national,
        national_text=t("national_value", lang, value=format_user(national, lang)),
        source_line=user_source_line(user, lang),
        missing_text=t("ranking_missing", lang, names=names) if missing else "",
    )


def scatter_year(x_years: Sequence[int], y_years: Sequence[int], wanted: int | None) -> int | None:
    """The scatter's year: ``wanted`` if both indicators have it, else the latest they share (``None``: none).

    >>> scatter_year([2019, 2020, 2024], [2020, 2024, 2025], 2025), scatter_year([2019], [2024], None)
    (2024, None)
    >>> scatter_year([2019, 2020], [2019, 2020], 2019)
    2019
    """
    common = sorted(set(x_years) & set(y_years))
    if not common:
        return None
    return wanted if wanted in common else common[-1]


@dataclass(frozen=True)
class ScatterModel:
    """Two indicators of every unit in one year: ``items`` have both figures, ``missing`` lack one."""

    x_indicator: str
    y_indicator: str
    year: int | None  # None: both axes are the user's columns, which have no year
    x_title: str
    y_title: str
    items: list[Item]
    missing: list[Item]
    national: tuple[float, float] | None
    national_name: str
    source_line: str


@dataclass(frozen=True)
class _Axis:
    """One axis of the scatter: every unit's figure, and how the axis is named, written and sourced."""

    values: dict[str, float | None]
    label: str
    title: str
    source: str
    formatted: Callable[[float | None], str]


def _axis(layout: str, lang: str, indicator: str, year: int | None, user: UserIndicator | None) -> _Axis:
    if user is not None:
        # A column the user uploaded: no year, no published unit; named as typed and marked as theirs.
        mark = t("user_data", lang)
        values = {c: user.value(c, layout) for c in [*statistics.layout_units(layout), NATIONAL]}
        return _Axis(
            values, f"{user.column} ({mark})", f"{html.escape(user.column)} ({mark})",
            user_source_line(user, lang), lambda v: format_user(v, lang),
        )  # fmt: skip
    assert year is not None
    values = level_values(layout, indicator, year, areas=geography.areas(layout))
    return _Axis(
        values, indicator_label(indicator, lang), _axis_title(indicator, year, lang),
        indicator_source_line(indicator, lang), lambda v: format_indicator(indicator, v, lang, year),
    )  # fmt: skip


def scatter_model(
    layout: str,
    lang: str,
    x: str,
    y: str,
    year: int | None,
    lineage_rule: str = "inherit",
    highlight: set[str] | None = None,
    users: Mapping[str, UserIndicator] | None = None,
) -> ScatterModel:
    """``x`` against ``y`` for every unit of ``layout`` in ``year``, as published (levels).

    Either axis may be a column the user uploaded (its id in ``users``), marked as the user's data; such a
    column has no year, so ``year`` is the other axis' (``None`` when both are the user's).
    """
    users = users or {}
    ax, ay = (_axis(layout, lang, i, year, users.get(i)) for i in (x, y))
    xs, ys = ax.values, ay.values
    items, missing = [], []
    for base in _units(layout, lang, lineage_rule, highlight):
        c = base.iso_code
        text = f"{ax.label}: {ax.formatted(xs[c])}<br>{ay.label}: {ay.formatted(ys[c])}"
        entry = Item(**{**base.__dict__, "x": xs[c], "y": ys[c], "text": text})
        (items if xs[c] is not None and ys[c] is not None else missing).append(entry)
    nat = (xs.get(NATIONAL), ys.get(NATIONAL))
    return ScatterModel(
        x_indicator=x,
        y_indicator=y,
        year=year,
        x_title=ax.title,
        y_title=ay.title,
        items=items,
        missing=missing,
        national=nat if None not in nat else None,
        national_name=t("col_national", lang),
        source_line="\n\n".join(dict.fromkeys([ax.source, ay.source, source_lines(["roles.json"], lang)])),
    )


def _axis_title(indicator: str, year: int, lang: str) -> str:
    """A scatter axis' title: label, year and the year's flag mark on one line, the unit on the next."""
    mark = flag_mark(indicator, year, lang)
    return f"{indicator_label(indicator, lang)}, {year}{f' ({mark})' if mark else ''}<br>({indicator_unit(indicator, lang)})"


def default_axes(available: Sequence[str]) -> tuple[str, str]:
    """The scatter's axes when the view names none: GRP per capita against the manufacturing share.

    >>> default_axes(["grp", "grp_per_capita_computed", "share_manufacturing"])
    ('grp_per_capita_computed', 'share_manufacturing')
    """
    x = DEFAULT_X if DEFAULT_X in available else available[0]
    y = DEFAULT_Y if DEFAULT_Y in available else available[min(1, len(available) - 1)]
    return x, y


def statistics_years(layout: str) -> dict[str, list[int]]:
    """Years per indicator of the statistics (the user's uploads are not ranked)."""
    known = statistics.load_indicators()
    return {k: v for k, v in indicator_years(layout, areas=geography.areas(layout)).items() if k in known}
