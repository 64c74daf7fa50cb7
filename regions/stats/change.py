"""Change between two years: chained volume indices (real change) and the change of levels.

This module is the one place for the change arithmetic and for which measures fit an indicator
(:func:`hows_for`): the map and ranking (:mod:`regions.pages.map`), ``/delivery``, the targets and the command
line all use it; :mod:`regions.stats.transforms` only maps the link's short names (``how=idx|pct|abs|pp``) to these.
How a change is measured, by the indicator's kind and unit:

* a **volume index** (kind ``volume_index``, % of the previous year) gives the cumulative index of the end
  year over the base year, the product of the annual indices of the years ``base+1 .. end`` (times 100):
  ``how="index"`` (base year = 100) or ``how="percent"`` (index - 100, the real change in %);
* a **share** (unit ``% of ...``) changes by percentage points only (``how="points"``): a relative change
  of a share ("+20 %" for 10 % -> 12 %) is too easily read as points;
* any other level by ``how="absolute"`` (end - base, in the indicator's unit) or ``how="percent"``.

A change is missing, with a reason (``Change.reason`` in English, ``Change.why`` a code for a translated
message), when a year it needs has no figure, or when it would compare different
borders: a chain never runs through an index measured on other borders than the unit's in the layout
shown (in the 2022 layout, Karaganda's indices to 2020 are for its pre-2022 borders, which included Ulytau),
and a level is never compared with a figure for other borders. Nominal (current-price) levels give nominal
change, which includes price growth: only a volume index gives real change.

:func:`chain_index` and :func:`level_change` are pure functions of the numbers; :func:`change`,
:func:`change_detail` and :func:`change_frame` read the layout's figures (:func:`regions.stats.statistics.indicator_values`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from regions.base import store
from regions.stats import statistics

HOWS: tuple[str, ...] = ("index", "percent", "absolute", "points")
FRAME_COLUMNS: tuple[str, ...] = (
    "iso_code", "indicator", "start", "end", "how", "value", "reason", "why", "why_year"
)  # fmt: skip
# Why a change is missing (``Change.why``): a year measures other borders than the unit's, a year's index or
# figure is missing, a percent change from a base that is not above zero, or no figure at all.
WHYS: tuple[str, ...] = ("borders", "no_index", "no_figure", "not_positive", "no_series")


@dataclass(frozen=True)
class Change:
    """A change between two years, or why there is none.

    Attributes
    ----------
    value
        The change (``None`` when it cannot be given honestly).
    how
        ``index`` (base = 100), ``percent``, ``absolute`` (the indicator's unit) or ``points``.
    reason
        Why ``value`` is ``None``, in English (for the command line and the logs); empty otherwise.
    why
        The same as a code of :data:`WHYS` (for a translated message); empty when ``value`` is given.
    year
        The year ``why`` is about (the first year that is missing or measures other borders), if any.
    """

    value: float | None
    how: str
    reason: str = ""
    why: str = ""
    year: int | None = None


# ----------------------------------------------------------------------------------------------------
# Pure functions of the numbers


def chain_index(
    indices: Mapping[int, float | None],
    start: int,
    end: int,
    *,
    territories: Mapping[int, str] | None = None,
    territory: str | None = None,
) -> tuple[float | None, str]:
    """Cumulative index of ``end`` over ``start`` (``start`` = 100) from annual indices, % of previous year.

    Parameters
    ----------
    indices
        Year -> index (% of the previous year, e.g. ``103.2``), ``None``/NaN where missing.
    start, end
        Base and end year, ``start <= end``; ``start == end`` gives 100.
    territories, territory
        Optional: year -> the borders that year's index measures, and the borders of the unit. A year whose
        index measures other borders stops the chain (never chained across a change of territory).

    Returns
    -------
    (float or None, str)
        ``(prod(indices[y] / 100 for y in start+1 .. end) * 100, "")``, or ``(None, reason)`` naming the first
        year that is missing or measures other borders (:func:`chain_detail` gives the reason as a code).

    Raises
    ------
    ValueError
        If ``end < start``.

    Examples
    --------
    >>> chain_index({2020: 110.0, 2021: 90.0}, 2019, 2021)
    (99.0, '')
    >>> chain_index({2020: 110.0}, 2019, 2021)
    (None, 'no index for 2021')
    """
    c = chain_detail(indices, start, end, territories=territories, territory=territory)
    return c.value, c.reason


def chain_detail(
    indices: Mapping[int, float | None],
    start: int,
    end: int,
    *,
    territories: Mapping[int, str] | None = None,
    territory: str | None = None,
    how: str = "index",
) -> Change:
    """:func:`chain_index` as a :class:`Change`: ``how="index"`` (base = 100) or ``"percent"`` (index - 100).

    >>> chain_detail({2020: 110.0, 2021: 90.0}, 2019, 2021, how="percent").value
    -1.0
    >>> c = chain_detail({2020: 101.0}, 2019, 2020, territories={2020: "2020"}, territory="2022")
    >>> c.value, c.why, c.year
    (None, 'borders', 2020)
    """
    if end < start:
        raise ValueError(f"end={end!r} is before start={start!r}")
    if how not in ("index", "percent"):
        raise ValueError(f"how={how!r} is not a chained change; allowed values: index, percent")
    product = 1.0
    for year in range(start + 1, end + 1):
        if (
            territories is not None
            and territory is not None
            and territories.get(year, territory) != territory
        ):
            reason = (
                f"crosses a change of borders: the {year} index is for the {_borders(territories[year])}, "
                f"the unit shown has the {_borders(territory)}"
            )
            return Change(None, how, reason, "borders", year)
        value = indices.get(year)
        if value is None or not math.isfinite(value):
            return Change(None, how, f"no index for {year}", "no_index", year)
        product *= value / 100.0
    index = round(product * 100.0, 10)
    return Change(index - 100.0 if how == "percent" else index, how)


def _borders(territory: str) -> str:
    return "pre-2022 borders" if territory == "2020" else f"{territory} borders"


def level_change(base: float | None, end: float | None, how: str) -> tuple[float | None, str]:
    """Change of a level from ``base`` to ``end``: ``absolute`` or ``points`` (end - base), ``percent``.

    Returns ``(None, reason)`` when either value is missing, or for ``percent`` when ``base`` is not positive.

    >>> level_change(200.0, 250.0, "percent"), level_change(30.0, 32.5, "points")
    ((25.0, ''), (2.5, ''))
    """
    c = level_detail(base, end, how)
    return c.value, c.reason


def level_detail(
    base: float | None,
    end: float | None,
    how: str,
    start_year: int | None = None,
    end_year: int | None = None,
) -> Change:
    """:func:`level_change` as a :class:`Change`; ``start_year``/``end_year`` name the year of a missing figure.

    ``absolute`` and ``points`` are the same difference (``points`` for a share in %); ``percent`` is
    ``(end / base - 1) * 100``, only from a base above zero. Nominal levels give nominal change.

    >>> level_detail(None, 1.0, "absolute", 2019, 2024).why, level_detail(0.0, 1.0, "percent", 2019).why
    ('no_figure', 'not_positive')
    """
    if how not in ("absolute", "points", "percent"):
        raise ValueError(f"how={how!r} is not a level change; allowed values: absolute, points, percent")
    if base is None or not math.isfinite(base):
        return Change(None, how, "no figure for the base year", "no_figure", start_year)
    if end is None or not math.isfinite(end):
        return Change(None, how, "no figure for the end year", "no_figure", end_year)
    if how == "percent":
        if base <= 0:
            return Change(None, how, "the base-year figure is not positive", "not_positive", start_year)
        return Change((end / base - 1.0) * 100.0, how)
    return Change(end - base, how)


# ----------------------------------------------------------------------------------------------------
# By indicator


def share_meta(meta: Mapping | None) -> bool:
    """Whether an indicator's catalogue entry (``data/indicators.json``) is a share in %: computed, unit ``%``.

    >>> share_meta({"kind": "computed", "unit": {"en": "% of GRP"}})
    True
    >>> share_meta({"kind": "volume_index", "unit": {"en": "% of previous year"}})
    False
    """
    unit = str((meta or {}).get("unit", {}).get("en", ""))
    return bool(meta) and meta.get("kind") == "computed" and unit.startswith("%")


def hows_for(meta: Mapping | None) -> tuple[str, ...]:
    """The ways a change of an indicator can be measured, by its catalogue entry; the first is the default.

    A volume index: ``index`` (base = 100) or ``percent`` (real growth), both chained; a share in %:
    ``points`` only (a relative change of a share, "+20 %" for 10 % -> 12 %, reads as points and misleads);
    any other level: ``percent`` or ``absolute``. An unknown indicator (``None``) has none.

    >>> hows_for({"kind": "volume_index", "unit": {"en": "% of previous year"}})
    ('index', 'percent')
    >>> hows_for({"kind": "computed", "unit": {"en": "% of GRP"}}), hows_for({"kind": "reported", "unit": {"en": "persons"}})
    (('points',), ('percent', 'absolute'))
    """
    if not meta:
        return ()
    if meta.get("kind") == "volume_index":
        return ("index", "percent")
    if share_meta(meta):
        return ("points",)
    return ("percent", "absolute")


def is_share(indicator: str) -> bool:
    """Whether ``indicator`` is a share in % (its change is measured in percentage points)."""
    return share_meta(statistics.load_indicators()[_known(indicator)])


def allowed_hows(indicator: str) -> tuple[str, ...]:
    """The ways a change of ``indicator`` can be measured (:func:`hows_for`); the first is the default."""
    return hows_for(statistics.load_indicators()[_known(indicator)])


def default_how(indicator: str) -> str:
    """``index`` for a volume index, ``points`` for a share, ``percent`` for any other level."""
    return allowed_hows(indicator)[0]


def _known(indicator: str) -> str:
    inds = statistics.load_indicators()
    if indicator not in inds:
        raise ValueError(f"indicator={indicator!r} is not known; allowed values: {', '.join(inds)}")
    return indicator


def _check_how(indicator: str, how: str | None) -> str:
    allowed = allowed_hows(indicator)
    how = allowed[0] if how is None else how
    if how not in allowed:
        raise ValueError(f"how={how!r} does not fit {indicator}; allowed values: {', '.join(allowed)}")
    return how


def unit_territory(layout: str, unit: str) -> str:
    """The borders a unit of ``layout`` has: ``"2020"`` for a merged unit of the 2020 layout, else ``"2022"``."""
    return "2020" if layout == "2020" and unit in statistics.split_2020() else "2022"


@store.memo
def _series(layout: str, indicator: str) -> dict[str, dict[int, tuple[float, str, str]]]:
    """unit -> year -> (value, note, territory) of ``indicator`` in ``layout`` (memoised; do not modify)."""
    df = statistics.indicator_values(layout)
    df = df[df["indicator"] == indicator]
    out: dict[str, dict[int, tuple[float, str, str]]] = {}
    for r in df.itertuples(index=False):
        out.setdefault(r.iso_code, {})[int(r.year)] = (float(r.value), r.note, r.territory)
    return out


def _detail(
    series: Mapping[int, tuple[float, str, str]], kind: str, territory: str, start: int, end: int, how: str
) -> Change:
    if kind == "volume_index":
        if not series:
            return Change(None, how, "no figure in the source", "no_series")
        indices = {y: (None if math.isnan(v) else v) for y, (v, _, _) in series.items()}
        c = chain_detail(
            indices,
            start,
            end,
            territories={y: t for y, (_, _, t) in series.items()},
            territory=territory,
            how=how,
        )
        if c.value is None and c.why == "no_index":
            note = series.get(c.year, (math.nan, "", ""))[1]
            if note:
                return Change(None, how, f"{c.reason} ({note})", c.why, c.year)
        return c
    parts = []
    for year, label in ((start, "base"), (end, "end")):
        v, note, terr = series.get(year, (math.nan, "no figure for this year", territory))
        if terr != territory:
            return Change(
                None,
                how,
                f"the {year} figure is only for the {_borders(terr)}, the unit shown has the "
                f"{_borders(territory)}",
                "borders",
                year,
            )
        if math.isnan(v):
            return Change(
                None,
                how,
                f"no {label}-year ({year}) figure ({note or 'no figure in the source'})",
                "no_figure",
                year,
            )
        parts.append(v)
    return level_detail(parts[0], parts[1], how, start, end)


def change_detail(
    layout: str, indicator: str, unit: str, start: int, end: int, how: str | None = None
) -> Change:
    """The change of ``indicator`` for ``unit`` of ``layout`` from ``start`` to ``end``, with a reason if missing.

    Parameters
    ----------
    layout
        ``"2022"`` or ``"2020"``.
    indicator
        An indicator id of ``data/indicators.json``.
    unit
        An ISO code of the layout, or ``"KZ"``.
    start, end
        Base and end year (``start <= end``).
    how
        See :func:`allowed_hows`; default :func:`default_how`.

    Raises
    ------
    ValueError
        For an unknown layout, indicator or unit, a ``how`` that does not fit the indicator, or
        ``end < start``.
    """
    how = _check_how(indicator, how)
    if end < start:
        raise ValueError(f"end={end!r} is before start={start!r}")
    units = (*statistics.layout_units(layout), statistics.NATIONAL)
    if unit not in units:
        raise ValueError(
            f"unit={unit!r} is not a unit of layout {layout}; allowed values: {', '.join(units)}"
        )
    kind = statistics.load_indicators()[indicator]["kind"]
    series = _series(layout, indicator).get(unit, {})
    return _detail(series, kind, unit_territory(layout, unit), start, end, how)


def change(
    layout: str, indicator: str, unit: str, start: int, end: int, how: str | None = None
) -> float | None:
    """:func:`change_detail`'s value: the change, or ``None`` when it cannot be given honestly."""
    return change_detail(layout, indicator, unit, start, end, how).value


def change_frame(layout: str, indicator: str, start: int, end: int, how: str | None = None) -> pd.DataFrame:
    """:func:`change_detail` for every unit of ``layout`` and ``KZ``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS` (``value`` NaN where missing, ``reason`` then says why in English,
        ``why`` as a code of :data:`WHYS` and ``why_year`` the year it is about), one row per unit in
        ISO-code order, ``KZ`` last.
    """
    how = _check_how(indicator, how)
    if end < start:
        raise ValueError(f"end={end!r} is before start={start!r}")
    kind = statistics.load_indicators()[indicator]["kind"]
    series = _series(layout, indicator)
    rows = []
    for unit in (*statistics.layout_units(layout), statistics.NATIONAL):
        c = _detail(series.get(unit, {}), kind, unit_territory(layout, unit), start, end, how)
        value = math.nan if c.value is None else c.value
        rows.append((unit, indicator, start, end, how, value, c.reason, c.why, c.year))
    frame = pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS))
    return frame.astype({"why_year": "Int64"})
