"""What the map page shows: one entry per unit (colour, hover text), the legend's role categories and the
source line, and the plotly figure drawn from them."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field, replace
from itertools import combinations

import pandas as pd

from regions.base.i18n import t
from regions.base.schemas import SECTION_SHARE
from regions.geo import geography, lineage, registry
from regions.policy import roles, sectors
from regions.present.figures import CATEGORY_COLOURS, NO_ROLE_COLOUR, Category, MapUnit
from regions.present.labels import (
    basis_label,
    flag_kinds,
    flag_notes,
    format_indicator,
    format_number,
    format_user,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    role_names,
    role_short_names,
    sector_names,
    source_lines,
    user_source_line,
)
from regions.stats import change, statistics, transforms
from regions.stats.columns import NATIONAL, column
from regions.stats.statistics import cell
from regions.uploads.userdata import UserIndicator

HOVER_INDICATORS = ("population", "grp_per_capita_computed", "share_manufacturing")
# How each change was computed (keys of data/i18n.json), by regions.stats.change's name of the measure.
CHANGE_METHOD = {
    "absolute": "method_change_abs",
    "percent": "method_change_pct",
    "points": "method_change_pp",
}
REAL_METHOD = {"index": "method_change_index", "percent": "method_change_real_pct"}
# Why a change is missing (regions.stats.change.WHYS), as people read it.
WHY = {
    "borders": "why_borders",
    "no_index": "why_no_index",
    "no_figure": "why_no_figure",
    "not_positive": "why_not_positive",
    "no_series": "why_no_series",
}


@dataclass(frozen=True)
class Measure:
    """How an indicator is shown: its level or its change since ``base``, normalised, on a colour scale.

    The fields are the view's (:class:`regions.pages.view.ViewState`): ``show``, ``base`` (``from``), ``how``
    (the link's short name, :data:`regions.stats.transforms.CHANGE_HOWS`; ``None``: the indicator's default,
    :func:`regions.stats.change.hows_for`), ``per`` and ``scale``.
    """

    show: str = "level"
    base: int | None = None
    how: str | None = None
    per: str = "none"
    scale: str = "auto"

    @classmethod
    def of(cls, view) -> Measure:
        """The measure of a :class:`regions.pages.view.ViewState`."""
        return cls(view.show, view.base, view.how, view.per, view.scale)


LEVEL = Measure()  # the level, as published, on the default scale (binned if skewed, else linear)


@dataclass(frozen=True)
class Shown:
    """The figures a map or ranking shows for one indicator and year, per unit and for ``KZ``.

    ``values`` is keyed by ISO code (the layout's units, then ``KZ``); ``None`` is missing, and in change
    mode ``reasons`` then says why (in the page's language). ``unit`` is the unit of the shown figure,
    ``title`` its label without the unit, ``methods`` the lines saying how it was computed from the stored
    figures, ``sources`` the data files and indicators it uses. ``real``: a chained volume index (real
    change, prices held constant), not a change of published levels.
    """

    indicator: str
    year: int
    values: dict[str, float | None]
    title: str
    unit: str
    decimals: int
    signed: bool
    methods: list[str] = field(default_factory=list)
    source_files: list[str] = field(default_factory=list)
    source_indicators: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    real: bool = False
    bracket_unit: bool = False  # the unit is a base ("2019 = 100"): written in brackets after a figure
    mark: str = ""  # the flags of the figures ("prelim.", "series break"), written after each figure
    border_gaps: tuple[str, ...] = ()  # units split or created in 2022 without a figure for a change from before

    def number(self, value: float, lang: str) -> str:
        """A shown figure without its unit (a sign for changes): the colour bar's and axes' ticks."""
        text = format_number(value, self.decimals, lang)
        return "+" + text if self.signed and value > 0 else text

    def format(self, value: float | None, lang: str) -> str:
        """A shown figure with its unit (a sign for changes), or "no data"."""
        if value is None:
            return t("missing", lang)
        unit = f"({self.unit})" if self.bracket_unit and self.unit else self.unit
        text = f"{self.number(value, lang)} {unit}".strip()
        return f"{text} ({self.mark})" if self.mark else text

    def missing_line(self, lang: str, codes: list[str] | None = None) -> str:
        """The line "No data: ..." naming the units without a figure (``codes``, default all but ``KZ``).

        Units missing for the same reason are named together, the reason after them in brackets.
        """
        codes = [c for c in self.values if c != NATIONAL] if codes is None else codes
        groups: dict[str, list[str]] = {}
        for c in codes:
            if self.values.get(c) is None:
                groups.setdefault(self.reasons.get(c, ""), []).append(registry.name(c, lang))
        if not groups:
            return ""
        parts = [", ".join(names) + (f" ({why})" if why else "") for why, names in groups.items()]
        return t("ranking_missing", lang, names="; ".join(parts))

    def legend(self) -> str:
        """The colour bar's title: label and year on one line, the unit on the next (plotly HTML)."""
        mark = f" ({self.mark})" if self.mark else ""
        return f"{self.title}{mark}<br>({self.unit})"

    def source_line(self, lang: str) -> str:
        """Every source of the figure and how it was computed, one paragraph each."""

        parts = [source_lines(self.source_files, lang)] if self.source_files else []
        parts += [indicator_source_line(i, lang) for i in self.source_indicators]
        parts += self.methods
        return "\n\n".join(parts)


def level_values(
    layout: str, indicator: str, year: int, per: str = "none", areas: dict[str, float] | None = None
) -> dict[str, float | None]:
    """The indicator's figure in ``year`` for every unit and ``KZ``, divided by population or area if asked.

    ``per="capita"``: per 1,000 inhabitants (average annual population of the same year);
    ``per="km2"``: per km² of the unit's area (``KZ``: the sum of the units' areas). Missing stays missing.
    """
    areas = geography.areas(layout) if areas is None else areas
    wide = statistics.wide_table(layout, areas=areas)
    codes = [*statistics.layout_units(layout), NATIONAL]
    out: dict[str, float | None] = {}
    national_area = sum(areas[c] for c in statistics.layout_units(layout))
    for code in codes:
        v = cell(wide, code, column(indicator, year))
        if per == "capita":
            v = transforms.normalise(
                v, cell(wide, code, column(transforms.POPULATION, year)), transforms.PER_CAPITA_FACTOR
            )
        elif per == "km2":
            v = transforms.normalise(v, areas.get(code, national_area if code == NATIONAL else None))
        out[code] = v
    return out


def why_text(why: str, year: int | None, lang: str) -> str:
    """Why a change is missing (a code of :data:`regions.stats.change.WHYS`), in ``lang``; ``""`` for no code."""
    if not why:
        return ""
    return t(WHY[why], lang, year="" if year is None else year)


def shown_values(layout: str, lang: str, indicator: str, year: int, measure: Measure = LEVEL) -> Shown:
    """What the map (and the ranking) shows for ``indicator`` in ``year`` under ``measure``.

    A figure resting on a flagged year of an indicator it uses (preliminary, a series break;
    :func:`regions.present.labels.flag_kinds`) carries the flags' mark after it and in the legend, and a line per
    flag among its methods.

    In level mode, the figure as published (a volume index: its annual index, % of the previous year),
    normalised if asked and if the indicator allows it (:func:`regions.stats.transforms.normalisations_for`;
    never a volume index or a ratio). In change mode the arithmetic is :mod:`regions.stats.change`'s:
    * a volume index gives the real change from ``measure.base`` to ``year``, its annual indices chained
      (:func:`regions.stats.change.change_frame`: ``index``, base year = 100, or ``percent``); a unit whose chain
      would cross the 2022 change of borders, or lacks a year, is missing, and ``reasons`` says why;
    * any other indicator the change of its (normalised) published levels
      (:func:`regions.stats.change.level_detail`), nominal for figures in current prices.

    Raises
    ------
    ValueError
        For a change measure that does not fit the indicator (:func:`regions.stats.change.hows_for`).

    >>> s = shown_values("2022", "en", "grp", 2024, Measure(show="change", base=2023))
    >>> s.unit, s.title
    ('%', 'Gross regional product (current prices): change 2023–2024')
    >>> r = shown_values("2022", "en", "grp_volume_index", 2024, Measure(show="change", base=2019))
    >>> r.unit, r.real, r.values["KZ-35"] is None
    ('2019 = 100', True, True)
    """
    shown = _shown_values(layout, lang, indicator, year, measure)
    base = measure.base if measure.show == "change" else None
    kinds: list[str] = []
    notes: list[str] = []
    for ind in shown.source_indicators:
        kinds += [k for k in flag_kinds(ind, year, base) if k not in kinds]
        notes += [f"{indicator_label(ind, lang)} — {n}" for n in flag_notes(ind, year, lang, base=base)]
    if not kinds:
        return shown
    mark = ", ".join(t(f"flag_{k}", lang) for k in kinds)
    return replace(shown, mark=mark, methods=[*shown.methods, *notes])


def _shown_values(layout: str, lang: str, indicator: str, year: int, measure: Measure) -> Shown:
    """:func:`shown_values` without the flags."""
    meta = statistics.load_indicators()[indicator]
    unit = indicator_unit(indicator, lang)
    decimals = int(meta.get("decimals", 0))
    files: list[str] = []
    inds = [indicator]
    methods: list[str] = []
    per = measure.per if measure.per in transforms.normalisations_for(indicator, meta) else "none"
    if per == "capita":
        unit, decimals = t("per_capita_unit", lang, unit=unit), max(decimals, 1)
        inds.append(transforms.POPULATION)
        methods.append(t("method_per_capita", lang))
    elif per == "km2":
        unit, decimals = t("per_km2_unit", lang, unit=unit), max(decimals, 1)
        files.append(f"geography_{layout}.csv")
        methods.append(t("method_per_km2", lang, file=f"geography_{layout}.csv"))
    label = indicator_label(indicator, lang)
    if measure.show == "change" and measure.base is not None:
        allowed = change.hows_for(meta)
        how = transforms.change_how(measure.how) if measure.how else allowed[0]
        if how not in allowed:
            raise ValueError(
                f"how={measure.how!r} does not fit {indicator}; allowed values: "
                f"{', '.join(transforms.measures_for(meta))}"
            )
        base = measure.base
        if meta["kind"] == "volume_index":
            return _real_change(layout, lang, indicator, base, year, how, label, inds)
        end = level_values(layout, indicator, year, per)
        start = level_values(layout, indicator, base, per)
        details = {c: change.level_detail(start[c], end[c], how, base, year) for c in end}
        values = {c: d.value for c, d in details.items()}
        reasons = {c: why_text(d.why, d.year, lang) for c, d in details.items() if d.value is None}
        gaps = _split_gaps(values, base)
        title = t("change_legend", lang, indicator=label, base=base, year=year)
        methods.insert(0, t(CHANGE_METHOD[how], lang, base=base, year=year))
        if how == "absolute":
            methods.insert(1, t("method_change_nominal", lang))
        if how == "percent":
            unit, decimals = "%", 1
        elif how == "points":
            unit, decimals = t("unit_pp", lang), max(decimals, 1)
        return Shown(
            indicator, year, values, title, unit, decimals, True, methods, files, inds, reasons, border_gaps=gaps
        )
    end = level_values(layout, indicator, year, per)
    title = f"{label}, {year}"
    return Shown(indicator, year, end, title, unit, decimals, False, methods, files, inds)


def _split_gaps(values: dict[str, float | None], base: int) -> tuple[str, ...]:
    """The units without a figure that the 2022 reform split or created, for a change from before 2022."""
    if base >= 2022:
        return ()
    split = {c for p, parts in lineage.successors_2020().items() if len(parts) > 1 for c in (p, *parts)}
    return tuple(sorted(c for c, v in values.items() if v is None and c in split))


def border_way_out(
    layout: str, lang: str, indicator: str, year: int, measure: Measure, gaps: tuple[str, ...]
) -> tuple[bool, int | None]:
    """Views that give the ``gaps`` (units without a figure because the change crosses the 2022 borders)
    a figure: whether the 2020 layout does for each gap's 2020 unit, and the first base year after the
    split that does for every gap (``None``: none does)."""
    helps_2020 = False
    if layout == "2022" and gaps:
        other = shown_values("2020", lang, indicator, year, measure).values
        units_2020 = {u.iso_code for u in registry.units("2020")}
        wanted = {c if c in units_2020 else lineage.predecessor_2020(c) for c in gaps}
        helps_2020 = all(other.get(c) is not None for c in wanted)
    years = indicator_years(layout, areas=geography.areas(layout)).get(indicator, [])
    for base in (y for y in years if measure.base is not None and measure.base < y < year and y >= 2021):
        later = shown_values(layout, lang, indicator, year, replace(measure, base=base)).values
        if all(later.get(c) is not None for c in gaps):
            return helps_2020, base
    return helps_2020, None


def _real_change(
    layout: str, lang: str, indicator: str, base: int, year: int, how: str, label: str, inds: list[str]
) -> Shown:
    """The chained real change of a volume index from ``base`` to ``year`` (:func:`shown_values`)."""
    frame = change.change_frame(layout, indicator, base, year, how).set_index("iso_code")
    values: dict[str, float | None] = {}
    reasons: dict[str, str] = {}
    for code, row in frame.iterrows():
        if math.isnan(row["value"]):
            values[code] = None
            reasons[code] = why_text(
                row["why"], None if pd.isna(row["why_year"]) else int(row["why_year"]), lang
            )
        else:
            values[code] = float(row["value"])
    title = t("change_legend_real", lang, indicator=label, base=base, year=year)
    method = t(REAL_METHOD[how], lang, base=base, first=base + 1, year=year)
    unit = t("unit_index", lang, base=base) if how == "index" else "%"
    return Shown(
        indicator,
        year,
        values,
        title,
        unit,
        1,
        how == "percent",
        [method],
        [],
        inds,
        reasons,
        real=True,
        border_gaps=_split_gaps(values, base),
        bracket_unit=how == "index",
    )


def measured_share(sector_ids: tuple[str, ...] | list[str], mode: str) -> str | None:
    """The share indicator a roles map shows under a sector filter in ``measured`` mode, else ``None``.

    The first selected sector with a measure (:func:`regions.policy.sectors.measure_of`: its own, such as
    base metals' share of exports for metallurgy, else its section's share of GRP) gives it;
    :func:`filter_notes` says which measure that is.

    >>> measured_share(("metallurgy",), "measured"), measured_share(("mining",), "measured")
    ('share_exports_base_metals', 'share_mining')
    >>> measured_share(("metallurgy",), "designated") is None
    True
    """

    if mode != "measured":
        return None
    catalogue = sectors.load_sectors()
    for sid in sector_ids:
        measure = sectors.measure_of(catalogue[sid]) if sid in catalogue else None
        if measure is not None:
            return measure
    return None


def indicator_years(layout: str, areas: dict[str, float] | None = None) -> dict[str, list[int]]:
    """Years with at least one unit's value, per indicator."""
    values = statistics.indicator_values(layout, areas=areas)
    values = values[values["iso_code"] != NATIONAL].dropna(subset=["value"])
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
    colour: transforms.ColourScale | None = None  # numeric maps: the colour value of each unit
    scale_notice: str | None = None  # set when the scale asked for cannot be drawn (log with values <= 0)
    border_gaps: tuple[str, ...] = ()  # change mode: units missing only because of the 2022 change of borders


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
    measure: Measure = LEVEL,
) -> MapModel:
    """Everything the map needs: colour per region, hover text, legend and source line.

    With ``user`` (a user's uploaded indicator, whose id is ``indicator``), the map is coloured by its
    values, marked as the user's data; its texts are escaped, since plotly reads labels as HTML.
    ``measure`` says whether an indicator's level or change is shown, normalised how, on which colour
    scale (:func:`shown_values`, :func:`regions.stats.transforms.colour_scale`).
    """
    areas = geography.areas(layout)
    shown = (
        shown_values(layout, lang, indicator, year, measure)
        if indicator != "roles" and user is None and year is not None
        else None
    )
    wide = statistics.wide_table(layout, areas=areas)
    assigned = roles.by_unit(layout, lineage_rule)
    hover_year = _hover_year(layout, year)
    names = role_names(lang)
    units: list[MapUnit] = []
    for unit in registry.units(layout):
        code = unit.iso_code
        mine = assigned[code]
        lines = [f"● {names[a.role_id]} ({basis_label(a.basis, lang)})" for a in mine] or [t("no_role", lang)]
        for ind in HOVER_INDICATORS:
            v = cell(wide, code, column(ind, hover_year))
            lines.append(f"{indicator_label(ind, lang)} {hover_year}: {format_indicator(ind, v, lang, hover_year)}")
        value, shown_lines = _shown_value(code, wide, lang, indicator, year, measure, shown, user, layout)
        units.append(
            MapUnit(
                iso_code=code,
                name=registry.name(code, lang),
                hover="<br>".join(lines + shown_lines),
                category=category_key(role_category(mine)),
                value=value,
            )
        )
    if indicator == "roles":
        return _roles_model(units, layout, lang)
    log_refused = t("log_impossible", lang) if measure.scale == "log" else None
    if user is not None:
        legend = f"{html.escape(user.column)}<br>({t('user_data', lang)})"
        scale, note = _colour(units, measure.scale, None, lang)
        notice = log_refused if scale.kind != "log" else None
        return MapModel(units, False, [], legend, user_source_line(user, lang) + note, colour=scale, scale_notice=notice)
    scale, note = _colour(units, measure.scale, shown, lang)
    if shown.reasons:  # change mode: the units without a figure, each with why
        note += "\n\n" + shown.missing_line(lang)
    return MapModel(
        units,
        False,
        [],
        shown.legend(),
        source_lines([f"boundaries_{layout}.geojson"], lang) + "\n\n" + shown.source_line(lang) + note,
        colour=scale,
        scale_notice=log_refused if scale.kind != "log" else None,
        border_gaps=shown.border_gaps,
    )


def _shown_value(
    code: str,
    wide,
    lang: str,
    indicator: str,
    year: int | None,
    measure: Measure,
    shown: Shown | None,
    user: UserIndicator | None,
    layout: str,
) -> tuple[float | None, list[str]]:
    """A unit's colour value and the hover lines that state it (the user's figure, or the view's)."""
    if user is not None:
        value = user.value(code, layout)
        return value, [f"<b>{html.escape(user.column)} ({t('user_data', lang)}): {format_user(value, lang)}</b>"]
    if shown is None:
        return None, []
    value = shown.values[code]
    lines = []
    if measure.show == "change" and measure.base is not None and not shown.real:
        for y in (measure.base, year):
            v = cell(wide, code, column(indicator, y))
            lines.append(f"{indicator_label(indicator, lang)} {y}: {format_indicator(indicator, v, lang, y)}")
    lines.append(f"<b>{shown.title}: {shown.format(value, lang)}</b>")
    if value is None and shown.reasons.get(code):
        lines.append(html.escape(shown.reasons[code]))
    return value, lines


def _roles_model(units: list[MapUnit], layout: str, lang: str) -> MapModel:
    """The roles map: a category per combination of roles, in catalogue order, with its sources."""
    present = {u.category for u in units}
    cats = [
        Category(category_key(c), role_category_label(c, lang), category_colour(c))
        for c in role_categories()
        if category_key(c) in present
    ]
    meta_files = ["roles.json", f"boundaries_{layout}.geojson", f"geography_{layout}.csv"]
    return MapModel(units, True, cats, t("legend_roles", lang), source_lines(meta_files, lang))


def _colour(units: list[MapUnit], kind: str, shown: Shown | None, lang: str):
    """The colour scale of a numeric map, and the line its method adds to the source line."""
    fmt = (lambda v: shown.number(v, lang)) if shown is not None else (lambda v: format_user(v, lang))
    scale = transforms.colour_scale([u.value for u in units], kind, fmt)
    if scale.kind == "quantile":
        return scale, "\n\n" + t("method_quantile", lang)
    if scale.kind == "binned":
        return scale, "\n\n" + t("method_binned", lang)
    if scale.kind == "log":
        return scale, "\n\n" + t("method_log", lang)
    return scale, ""


def _hover_year(layout: str, year: int | None) -> int:
    """One year for every figure of a tooltip: the map's year if all of them have it, else the latest they share."""
    years = indicator_years(layout, areas=geography.areas(layout))
    common = set.intersection(*(set(years.get(ind, ())) for ind in HOVER_INDICATORS))
    if year in common:
        return year
    return max(common)


def matching_units(
    sector_ids: list[str], mode: str, layout: str, lineage_rule: str = "inherit"
) -> set[str] | None:
    """Units matching the sector filter, or ``None`` when no sector is selected (everything highlighted)."""
    if not sector_ids:
        return None
    return set(sectors.filter_units(list(sector_ids), mode, layout, lineage_rule=lineage_rule))


def filter_notes(sector_ids: tuple[str, ...], mode: str, lang: str) -> list[str]:
    """What the statistics can say about each selected sector, for a filter that uses them.

    Metallurgy and petrochemicals are measured by their products' share of a region's exports, and the map
    says so (a proxy sector without such a measure would be measured by its whole section, also said); a sector with no section of its own cannot be measured, and the map says that only its
    designated regions can match.
    """

    if mode == "designated":
        return []
    catalogue = sectors.load_sectors()
    names = sector_names(lang)
    notes = []
    for sid in sector_ids:
        entry = catalogue[sid]
        if entry["measure"]:
            share = indicator_label(entry["measure"], lang)
            notes.append(t("sector_export_measure", lang, sector=names[sid], share=share))
        elif entry["gva_section"] is None:
            notes.append(t("sector_unmeasured", lang, sector=names[sid]))
        elif entry["section_is_proxy"]:
            share = indicator_label(SECTION_SHARE[entry["gva_section"]], lang)
            notes.append(t("sector_proxy", lang, sector=names[sid], share=share))
    return notes
