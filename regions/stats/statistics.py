"""Regional statistics: the stored BNS figures, the indicators they feed, and their aggregation to a layout.

``data/statistics.csv`` holds stored figures, one row per (unit, territory, indicator, year): BNS's reported
figures, and (kind ``derived_sum``) the project's annual sums of BNS's monthly figures, e.g. exports, where
``territory`` says which borders the figure measures: ``2022`` for the unit as it has existed since June 2022,
``2020`` for the larger pre-2022 unit (Almaty Region with Jetisu, Karaganda with Ulytau, East Kazakhstan with
Abai). ``data/indicators.json`` describes every indicator, reported or computed, with its sources.

Two layouts are served:

* ``"2022"``: the 20 current units. A figure that exists only for the old borders is *missing* here, never
  presented as the value of the smaller 2022 unit.
* ``"2020"``: the 17 units before the split. A figure BNS published for the pre-2022 borders (a
  territory-2020 row, e.g. the official GRP per capita of 2019-2020) is shown as it is; otherwise an additive
  figure is the sum of the 2022 successors (only when every successor has a figure), a volume index (kind
  ``volume_index``, % of the previous year) is the mean of the successors' indices weighted by their nominal
  values of the previous year (the indicator's ``weight``; only when every successor has both), and a ratio
  is missing.

Every cell also says which borders it measures (column ``territory``): ``2022`` for the unit as it has been
since June 2022 (and for units whose borders never changed), ``2020`` for the larger pre-2022 unit. In the
2022 layout a missing cell whose only figure is for the old borders has territory ``2020``: a chain of
annual indices (:mod:`regions.stats.change`) must not run through it.

Ratios (shares, per capita, density) are always recomputed from the layout's own numerators and
denominators: a ratio of sums, never a sum or mean of ratios.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from regions.base import store
from regions.base.schemas import INDICATORS_SCHEMA, STATISTICS_COLUMNS, STORED_KINDS
from regions.geo import lineage, registry

# The layouts and their check are defined once, in the registry; re-exported here.
from regions.geo.registry import LAYOUTS as LAYOUTS
from regions.stats.columns import NATIONAL, column

STATISTICS_CSV = "statistics.csv"  # relative to the data root (regions.base.store)
INDICATORS_JSON = "indicators.json"

# The borders a stored value measures: the 2022 unit, or the 2020 unit (pre-2022 borders).
TERRITORIES: tuple[str, ...] = ("2020", "2022")
BASES: tuple[str, ...] = ("reported", "sum_of_successors", "weighted_mean_of_successors", "computed")
COLUMNS: tuple[str, ...] = STATISTICS_COLUMNS


@store.memo
def units_2022() -> tuple[str, ...]:
    """The 20 units of the 2022 layout, in ISO-code order."""
    return tuple(u.iso_code for u in registry.units("2022"))


@store.memo
def split_2020() -> dict[str, tuple[str, ...]]:
    """The 2020 units split in 2022 -> their 2022 successors, the retained part (which kept the code) first.

    From ``data/lineage.csv``; every other 2020 unit is its own successor.
    """
    return {
        parent: tuple(sorted(parts, key=lambda c, p=parent: (c != p, c)))
        for parent, parts in lineage.successors_2020().items()
        if len(parts) > 1
    }


def _new_in_2022() -> frozenset[str]:
    split = split_2020()
    return frozenset(s for succ in split.values() for s in succ if s not in split)


@store.memo
def units_2020() -> tuple[str, ...]:
    """The 17 units of the 2020 layout, in ISO-code order."""
    new = _new_in_2022()
    return tuple(u for u in units_2022() if u not in new)


def _parent_2020() -> dict[str, str]:
    return {s: parent for parent, succ in split_2020().items() for s in succ}


# How each computed indicator is derived: numerator / denominator * factor. "area" is not stored: it comes
# from the caller's geography. GRP is million KZT and population persons, so x1000 gives thousand KZT per
# person.
_COMPUTED: dict[str, tuple[str, str, float]] = {
    "share_agriculture": ("gva_A", "grp", 100.0),
    "share_mining": ("gva_B", "grp", 100.0),
    "share_manufacturing": ("gva_C", "grp", 100.0),
    "grp_per_capita_computed": ("grp", "population", 1000.0),
    "density": ("population", "area", 1.0),
    # Shares of a unit's exports by HS-section group (issue 15): both parts are sums of months, same unit.
    "share_exports_base_metals": ("exports_base_metals", "exports_total", 100.0),
    "share_exports_engineering": ("exports_engineering", "exports_total", 100.0),
    "share_exports_chem_plastic": ("exports_chem_plastic", "exports_total", 100.0),
    "share_exports_mineral": ("exports_mineral", "exports_total", 100.0),
}
# The stored kinds a computed indicator may divide: levels (a BNS figure, or the project's sum of its months).
_LEVEL_KINDS: tuple[str, ...] = ("reported", "derived_sum")


class StatisticsError(store.DataError):
    """A statistics data file is malformed; the message names the file and the row or indicator at fault."""


# ----------------------------------------------------------------------------------------
# Loading and validation


def load_indicators(path: Path | str | None = None) -> dict[str, dict]:
    """Load ``indicators.json`` (of the data root unless ``path`` is given) and validate it.

    Returns
    -------
    dict[str, dict]
        Indicator id -> indicator object, in file order (shared: do not modify).

    Raises
    ------
    StatisticsError
        If the file is missing, not JSON, does not follow :data:`regions.base.schemas.INDICATORS_SCHEMA`, repeats
        an id, or lacks (or misclassifies) an indicator this module computes. The message names the file and
        the indicator at fault.
    """
    return _indicators() if path is None else _read_indicators(path)


@store.memo
def _indicators() -> dict[str, dict]:
    return _read_indicators(INDICATORS_JSON)


def _read_indicators(path: Path | str) -> dict[str, dict]:
    raw = store.read_json(path, INDICATORS_SCHEMA, entry="indicator", error=StatisticsError)
    shown = store.display(store.path_of(path))
    out: dict[str, dict] = {}
    for item in raw:
        name = item["id"]
        if name in out:
            raise StatisticsError(shown, "id appears twice", where=f"indicator {name!r}")
        out[name] = item
    for ind_id, (num, den, _) in _COMPUTED.items():
        if ind_id not in out:
            raise StatisticsError(shown, "missing (this module computes it)", where=f"indicator {ind_id!r}")
        if out[ind_id]["kind"] != "computed":
            raise StatisticsError(shown, "kind must be 'computed'", where=f"indicator {ind_id!r}, field kind")
        for part in (num, den):
            if part != "area" and (part not in out or out[part]["kind"] not in _LEVEL_KINDS):
                raise StatisticsError(
                    shown, f"input {part!r} is not a stored level indicator", where=f"indicator {ind_id!r}"
                )
    for ind_id, ind in out.items():
        if ind["kind"] == "computed" and ind_id not in _COMPUTED:
            raise StatisticsError(
                shown, "computed, but this module has no formula for it", where=f"indicator {ind_id!r}"
            )
        weight = ind.get("weight")
        if weight is not None and (
            weight not in out or out[weight]["kind"] != "reported" or not out[weight]["additive"]
        ):
            raise StatisticsError(
                shown,
                f"weight {weight!r} is not an additive reported indicator",
                where=f"indicator {ind_id!r}, field weight",
            )
    return out


def indicator_flags(indicator: str) -> dict[int, tuple[str, ...]]:
    """The flags of ``indicator``'s years: year -> flag kinds (:data:`regions.base.schemas.FLAG_KINDS`).

    ``preliminary``: the year's figures may be revised; ``break``: the series breaks before the year (not
    strictly comparable with earlier years). Years without a flag are absent.

    Raises
    ------
    StatisticsError
        If a flag of any indicator names a year the indicator has no figure for, or its ``basis`` is not
        the words of the indicator's notes or sources (naming the file and the indicator).

    >>> indicator_flags("grp")[2025], 2024 in indicator_flags("grp")
    (('preliminary',), False)
    """
    return _flags().get(indicator, {})


@store.memo
def _flags() -> dict[str, dict[int, tuple[str, ...]]]:
    return _check_flags(_indicators(), _values(), INDICATORS_JSON)


def _check_flags(
    indicators: Mapping[str, Any], values: pd.DataFrame, path: Path | str
) -> dict[str, dict[int, tuple[str, ...]]]:
    """Every indicator's flags by year, each checked against the indicator's years and recorded words."""
    shown = store.display(store.path_of(path))
    years_of = {ind: set(g["year"].tolist()) for ind, g in values.groupby("indicator")}
    out: dict[str, dict[int, tuple[str, ...]]] = {}
    for ind_id, ind in indicators.items():
        if is_stored(ind):
            has = years_of.get(ind_id, set())
        else:
            num, den, _ = _COMPUTED[ind_id]
            has = years_of.get(num, set())
            if den != "area":  # an area has no year: density has every year of its population
                has = has & years_of.get(den, set())
        words = [ind["notes"].get("en", ""), *(s.get("note", "") for s in ind["sources"])]
        for i, flag in enumerate(ind.get("flags", [])):
            where = f"indicator {ind_id!r}, field flags/{i}"
            if not any(flag["basis"] in w for w in words):
                raise StatisticsError(
                    shown, f"basis {flag['basis']!r} is not the words of its notes or sources", where=where
                )
            for year in flag["years"]:
                if year not in has:
                    raise StatisticsError(
                        shown,
                        f"{flag['kind']} year {year} has no figure (years: {', '.join(map(str, sorted(has)))})",
                        where=f"{where}/years",
                    )
                kinds = out.setdefault(ind_id, {}).setdefault(year, ())
                if flag["kind"] not in kinds:
                    out[ind_id][year] = (*kinds, flag["kind"])
    return out


def is_stored(indicator: Mapping[str, Any]) -> bool:
    """Whether an indicator object is stored in ``statistics.csv`` (kinds ``reported`` and ``volume_index``)."""
    return indicator["kind"] in STORED_KINDS


def load_values(path: Path | str | None = None) -> pd.DataFrame:
    """Load the tidy table of reported figures and validate every row.

    Parameters
    ----------
    path
        CSV to read; defaults to ``statistics.csv`` of the data root (memoised).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso_code`` (str), ``territory`` (str, ``"2020"`` or ``"2022"``), ``indicator`` (str),
        ``year`` (int), ``value`` (float), in file order. A fresh copy.

    Raises
    ------
    StatisticsError
        On a wrong header, an unknown code, territory or indicator, a computed indicator stored as if
        reported, a non-integer year, a blank or non-numeric value, or a repeated
        (iso_code, territory, indicator, year). Every problem is listed with the file and its row number
        (counted as a text editor counts lines: the header is row 1).
    """
    return (_values() if path is None else _read_values(path)).copy()


@store.memo
def _values() -> pd.DataFrame:
    return _read_values(STATISTICS_CSV)


def _read_values(path: Path | str) -> pd.DataFrame:
    shown = store.display(store.path_of(path))
    indicators = load_indicators()
    reported = {k for k, v in indicators.items() if is_stored(v)}
    known_codes = set(units_2022()) | {NATIONAL}
    errors: list[str] = []
    records: list[tuple[str, str, str, int, float]] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for row, fields in store.read_rows(path, COLUMNS, error=StatisticsError):
        code, territory, indicator, year_s, value_s = (fields[c] for c in COLUMNS)
        problems = _row_problems(code, territory, indicator, known_codes, reported, indicators)
        if year_s.isascii() and year_s.isdigit():
            year = int(year_s)
        else:
            problems.append(f"column year: {year_s!r} is not an integer")
            year = -1
        try:
            value = float(value_s)
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            # A missing figure is an absent row, never a blank or a placeholder.
            problems.append(f"column value: {value_s!r} is not a finite number")
            value = math.nan
        key = (code, territory, indicator, year)
        if not problems and key in seen:
            problems.append(f"duplicate of row {seen[key]} for {key}")
        seen.setdefault(key, row)
        if problems:
            errors.extend(f"{shown}, row {row}, {p}" for p in problems)
        else:
            records.append((code, territory, indicator, year, value))
    if errors:
        more = f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""
        raise StatisticsError("; ".join(errors[:20]) + more)
    df = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    return df.astype({"iso_code": str, "territory": str, "indicator": str, "year": int, "value": float})


def _row_problems(
    code: str, territory: str, indicator: str, known_codes: set[str], reported: set[str], indicators: dict
) -> list[str]:
    """What is wrong with one row's code, territory and indicator (empty when nothing is)."""
    problems = []
    split = split_2020()
    if code not in known_codes:
        problems.append(f"column iso_code: unknown code {code!r}")
    if territory not in TERRITORIES:
        problems.append(f"column territory: {territory!r} not one of {', '.join(TERRITORIES)}")
    elif territory == "2020" and code not in split:
        # Units whose borders did not change are stored once, as territory 2022; new units had no 2020 extent.
        problems.append(
            f"column territory: 2020 is only for the merged units {', '.join(split)}, not {code!r}"
        )
    if indicator not in indicators:
        problems.append(f"column indicator: unknown indicator {indicator!r}")
    elif indicator not in reported:
        problems.append(f"column indicator: {indicator!r} is computed and must not be stored")
    return problems


# ----------------------------------------------------------------------------------------
# Layouts


def layout_units(layout: str) -> tuple[str, ...]:
    """ISO 3166-2 codes of the units of ``layout`` (17 for ``"2020"``, 20 for ``"2022"``), without ``KZ``."""
    return units_2020() if layout == "2020" else units_2022()


def successors(unit: str, layout: str) -> tuple[str, ...]:
    """The 2022 units that make up ``unit`` of ``layout`` (the unit itself unless it was split in 2022)."""
    if layout == "2020":
        return split_2020().get(unit, (unit,))
    return (unit,)


def _check_indicator(indicator: str, indicators: Mapping[str, Any]) -> None:
    if indicator not in indicators:
        raise ValueError(f"indicator={indicator!r} is not known; allowed values: {', '.join(indicators)}")


# ----------------------------------------------------------------------------------------
# Aggregation


def indicator_values(layout: str, areas: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Every indicator for every unit of ``layout`` and for ``KZ``, in tidy form.

    Parameters
    ----------
    layout
        ``"2020"`` (17 units) or ``"2022"`` (20 units).
    areas
        Optional ISO code -> area in km² for the units of this layout (``"KZ"`` optional; if absent the
        national area is the sum of the unit areas). Needed only for ``density``.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso_code, indicator, year, value, basis, note, territory``. For each indicator the years
        are those with any stored figure, and every unit of the layout plus ``KZ`` has a row for each of
        them: a figure that cannot be given honestly has ``value`` NaN and a ``note`` saying why. ``basis``
        is ``reported`` (a BNS figure for exactly this territory), ``sum_of_successors`` (2020 layout: the
        sum of the 2022 successors, given only when all of them have a figure),
        ``weighted_mean_of_successors`` (2020 layout, volume indices: the successors' indices weighted by
        their previous-year nominal values) or ``computed`` (shares, density, computed per capita: always a
        ratio of this layout's own numerator and denominator). On NaN rows ``basis`` is the basis the
        figure would have had. ``territory`` (``"2020"`` or ``"2022"``) is the borders the figure measures,
        or, on a NaN row, the borders of the only figure that exists (see the module docstring).

    Raises
    ------
    ValueError
        For an unknown layout, or areas naming codes outside the layout or not positive.
    """
    key = None if areas is None else tuple(sorted((str(k), float(v)) for k, v in areas.items()))
    return _indicator_values_cached(str(layout), key).copy()


@store.memo
def _indicator_values_cached(layout: str, areas_key: tuple[tuple[str, float], ...] | None) -> pd.DataFrame:
    areas = dict(areas_key) if areas_key is not None else None
    return _compute_indicator_values(layout, areas)


def _compute_indicator_values(layout: str, areas: Mapping[str, float] | None) -> pd.DataFrame:
    indicators = _indicators()
    values = _values()
    _flags()  # a flag on a year without figures is named before any figure is shown
    units = layout_units(layout)
    area_map = _check_areas(areas, layout, units) if areas is not None else None

    stored: dict[tuple[str, str, str, int], float] = {
        (r.iso_code, r.territory, r.indicator, r.year): r.value for r in values.itertuples(index=False)
    }
    years_of = {ind: sorted(g["year"].unique().tolist()) for ind, g in values.groupby("indicator")}

    # (indicator, year) -> {code: (value, basis, note, territory)}
    table: dict[tuple[str, int], dict[str, tuple[float, str, str, str]]] = {}
    for ind_id, ind in indicators.items():
        if not is_stored(ind):
            continue
        withheld = {(w["iso_code"], int(w["year"])): w["reason"] for w in ind.get("withheld", [])}
        for year in years_of.get(ind_id, []):
            cell = table.setdefault((ind_id, year), {})
            for code in (*units, NATIONAL):
                cell[code] = _reported_cell(stored, ind, code, year, layout, withheld)

    rows: list[tuple[str, str, int, float, str, str, str]] = []
    for ind_id, ind in indicators.items():
        if is_stored(ind):
            for year in years_of.get(ind_id, []):
                for code in (*units, NATIONAL):
                    rows.append((code, ind_id, year, *table[(ind_id, year)][code]))
            continue
        num, den, factor = _COMPUTED[ind_id]
        if den == "area":
            if area_map is None:
                continue
            years = years_of.get(num, [])
        else:
            years = sorted(set(years_of.get(num, [])) & set(years_of.get(den, [])))
        for year in years:
            for code in (*units, NATIONAL):
                n, n_basis, n_note, n_terr = table[(num, year)][code]
                if den == "area":
                    d, d_note, d_terr = area_map.get(code, math.nan), "no area given for this unit", n_terr
                else:
                    d, _, d_note, d_terr = table[(den, year)][code]
                terr = "2020" if "2020" in (n_terr, d_terr) else n_terr
                if math.isnan(n) or math.isnan(d):
                    missing = f"{num}: {n_note}" if math.isnan(n) else f"{den}: {d_note}"
                    rows.append((code, ind_id, year, math.nan, "computed", f"not computed ({missing})", terr))
                elif d == 0:
                    rows.append(
                        (code, ind_id, year, math.nan, "computed", f"not computed ({den} is zero)", terr)
                    )
                else:
                    rows.append((code, ind_id, year, n / d * factor, "computed", "", terr))
    out = pd.DataFrame.from_records(rows, columns=list(VALUE_COLUMNS))
    return out.astype({"year": int, "value": float})


VALUE_COLUMNS: tuple[str, ...] = ("iso_code", "indicator", "year", "value", "basis", "note", "territory")


def _reported_cell(
    stored: Mapping[tuple[str, str, str, int], float],
    ind: Mapping[str, Any],
    code: str,
    year: int,
    layout: str,
    withheld: Mapping[tuple[str, int], str],
) -> tuple[float, str, str, str]:
    """(value, basis, note, territory) of a stored indicator for one unit, year and layout."""
    nan = math.nan
    indicator = ind["id"]
    split = split_2020()
    absent = withheld.get((code, year), "no figure in the source")
    if code == NATIONAL or code not in split and code not in _new_in_2022():
        # National totals and units whose borders never changed are the same territory in both layouts.
        key = (code, "2022", indicator, year)
        if key in stored:
            return stored[key], "reported", "", "2022"
        return nan, "reported", absent, "2022"
    if layout == "2022":
        if (code, "2022", indicator, year) in stored:
            return stored[(code, "2022", indicator, year)], "reported", "", "2022"
        parent = _parent_2020()[code]
        if (parent, "2020", indicator, year) in stored:
            if code == parent:
                note = (
                    f"the figure exists only for the pre-2022 borders of {code} (which included "
                    f"{', '.join(s for s in split[code] if s != code)}); see layout 2020"
                )
            else:
                note = f"not published separately: included in the pre-2022 {parent} (see layout 2020)"
            return nan, "reported", note, "2020"
        return nan, "reported", absent, "2022"
    # Layout 2020, a unit that was split in 2022: a figure BNS published for the pre-2022 borders is exactly
    # this unit's figure, additive or not.
    if (code, "2020", indicator, year) in stored:
        return stored[(code, "2020", indicator, year)], "reported", "", "2020"
    if ind["kind"] == "volume_index":
        return (*_weighted_mean_cell(stored, ind, split[code], year, withheld), "2020")
    if not ind["additive"]:
        # A ratio cannot be summed over the successors; the computed indicator recomputes it instead.
        return (
            nan,
            "reported",
            f"no official figure for the pre-2022 borders of {code} in {year}; see the computed indicator",
            "2020",
        )
    parts = [stored.get((s, "2022", indicator, year)) for s in split[code]]
    if any(p is None for p in parts):
        missing = [s for s, p in zip(split[code], parts, strict=True) if p is None]
        return (
            nan,
            "sum_of_successors",
            f"not summed: no figure for successor(s) {', '.join(missing)}",
            "2020",
        )
    return float(sum(parts)), "sum_of_successors", f"sum of {' + '.join(split[code])}", "2020"


def _weighted_mean_cell(
    stored: Mapping[tuple[str, str, str, int], float],
    ind: Mapping[str, Any],
    parts: tuple[str, ...],
    year: int,
    withheld: Mapping[tuple[str, int], str],
) -> tuple[float, str, str]:
    """(value, basis, note) of a volume index for a 2020 unit from its 2022 successors.

    The index of the whole is the mean of the parts' indices weighted by the parts' nominal values of the
    previous year (``ind["weight"]``, for their 2022 borders): given only when every part has both.
    """
    basis = "weighted_mean_of_successors"
    weight = ind.get("weight")
    if weight is None:
        return (
            math.nan,
            basis,
            "no figure for the pre-2022 borders, and no regional weights to combine the parts",
        )
    idx = {s: stored.get((s, "2022", ind["id"], year)) for s in parts}
    wts = {s: stored.get((s, "2022", weight, year - 1)) for s in parts}
    no_idx = [s + (" (withheld)" if (s, year) in withheld else "") for s in parts if idx[s] is None]
    no_wt = [s for s in parts if wts[s] is None]
    if no_idx or no_wt:
        why = []
        if no_idx:
            why.append(f"no {year} index for {', '.join(no_idx)}")
        if no_wt:
            why.append(f"no {year - 1} {weight} for the 2022 borders of {', '.join(no_wt)}")
        return math.nan, basis, "not combined: " + "; ".join(why)
    total = sum(wts.values())
    if total <= 0:
        return math.nan, basis, f"not combined: the {year - 1} {weight} weights sum to {total}"
    value = sum(idx[s] * wts[s] for s in parts) / total
    return value, basis, f"mean of {', '.join(parts)} weighted by their {year - 1} {weight}"


def _check_areas(areas: Mapping[str, float], layout: str, units: tuple[str, ...]) -> dict[str, float]:
    """Validated copy of ``areas``, with ``KZ`` filled as the sum of the unit areas when not given."""
    out: dict[str, float] = {}
    for code, km2 in areas.items():
        if code not in units and code != NATIONAL:
            raise ValueError(
                f"areas: {code!r} is not a unit of layout {layout}; allowed: {', '.join(units)}, KZ"
            )
        value = float(km2)
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"areas: {code!r} has area {km2!r}; areas must be positive km²")
        out[code] = value
    if NATIONAL not in out and all(u in out for u in units):
        out[NATIONAL] = sum(out[u] for u in units)
    return out


def wide_table(layout: str, areas: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per unit (plus ``KZ``), one column per ``<indicator>_<year>``.

    Parameters
    ----------
    layout
        ``"2020"`` or ``"2022"``.
    areas
        As in :func:`indicator_values`; without it there are no ``density_*`` columns.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``iso_code`` (layout units in code order, then ``KZ``); columns such as
        ``population_2024``, ``grp_2024``, ``grp_per_capita_2024``, ``share_manufacturing_2024``, sorted by
        indicator id then year. Missing figures are NaN.
    """
    long = indicator_values(layout, areas)
    keys = sorted({(i, y) for i, y in zip(long["indicator"], long["year"], strict=True)})
    long = long.assign(column=long["indicator"] + "_" + long["year"].astype(str))
    wide = long.pivot(index="iso_code", columns="column", values="value")
    wide = wide.reindex(index=[*layout_units(layout), NATIONAL], columns=[column(i, y) for i, y in keys])
    wide.index.name = "iso_code"
    wide.columns.name = None
    return wide


@store.memo
def latest_year(indicator: str, layout: str) -> int:
    """Latest year in which at least one unit of ``layout`` has a figure for ``indicator``.

    Raises
    ------
    ValueError
        For an unknown indicator or layout, or if no unit has any figure.
    """
    _check_indicator(indicator, _indicators())
    # Density exists for every population year once areas are given; the areas do not change its years.
    source = "population" if indicator == "density" else indicator
    df = _indicator_values_cached(layout, None)
    df = df[(df["indicator"] == source) & (df["iso_code"] != NATIONAL) & df["value"].notna()]
    if df.empty:
        raise ValueError(f"indicator={indicator!r} has no figure in layout {layout}")
    return int(df["year"].max())


def national_rank(
    layout: str, indicator: str, year: int, *, areas: Mapping[str, float] | None = None
) -> pd.Series:
    """Rank the units of ``layout`` by ``indicator`` in ``year`` (1 = largest).

    Parameters
    ----------
    layout, indicator, year
        What to rank. ``KZ`` is never ranked; units without a figure are left out.
    areas
        Needed only for ``density``.

    Returns
    -------
    pandas.Series
        Integer ranks indexed by ``iso_code``, best first; ties share the lower rank.

    Raises
    ------
    ValueError
        For an unknown layout or indicator, a year without figures for the indicator, or ``density``
        without ``areas``.
    """
    _check_indicator(indicator, _indicators())
    if indicator == "density" and areas is None:
        raise ValueError("indicator='density' needs areas (iso_code -> km²) to be ranked")
    df = indicator_values(layout, areas)
    df = df[df["indicator"] == indicator]
    years = sorted(df["year"].unique().tolist())
    if year not in years:
        raise ValueError(f"year={year!r} has no {indicator} figures; allowed values: {years}")
    df = df[(df["year"] == year) & (df["iso_code"] != NATIONAL) & df["value"].notna()]
    ranks = df.set_index("iso_code")["value"].rank(ascending=False, method="min").astype(int)
    return ranks.sort_values(kind="stable").rename(column(indicator, year))


def cell(wide: pd.DataFrame, code: str, column: str) -> float | None:
    """The value of ``column`` for ``code`` in a :func:`wide_table`, ``None`` when missing."""
    if column not in wide.columns or code not in wide.index:
        return None
    v = wide.at[code, column]
    return None if pd.isna(v) else float(v)
