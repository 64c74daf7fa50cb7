"""Since the address: each regional role's designated units against the rest of the country and the nation.

For each role of the 2020 address (``data/roles.json``) and a few indicators the role is about, the group of
designated units (in the layout and under the lineage rule chosen), the other units of the layout (the rest)
and the nation, in a base year (default 2019, the last full year before the address) and the latest year.

How a group's figure is made, by the indicator's nature:

* an additive level (population, employment, investment): the sum of the units' figures, and its change in %;
* a share (of GRP, or of exports): the ratio of the summed numerator to the summed denominator, and its
  change in percentage points;
* a volume index (real change): each unit's annual BNS indices chained from the base year to the latest
  (:func:`regions.stats.change.chain_index`), then the units' cumulative indices weighted by their nominal values
  in the base year (the indicator's ``weight``: the group's volume at base-year prices); given only when every
  unit has both. The nation's is the chain of BNS's own national index.

When a unit's chain breaks at the 2022 change of borders, a volume index is chained at group level over
the set's territory instead (:func:`_territory_chain`, the project's estimate, said in ``Figure.estimate``):
the metallurgical group covers the same territory in both layouts, so its real change since 2019 exists.

The units' own figures are used when every unit has them. Where they do not (a year for which BNS
published only the old, larger unit), a unit split in 2022 counts with its pre-2022 figure (the 2020
layout's) if the group holds all its 2022 parts, so that the group keeps one territory across the split;
if the group holds only some parts, that year is missing.
Missing stays missing: a group figure needs every unit's figure, and says which were lacking.

What this cannot show is said with every result (:data:`CAVEAT_KEYS`, texts in ``data/i18n.json``): a
designated role is not a treatment with a control group, and nominal values are not growth.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from regions.base import store
from regions.base.i18n import t
from regions.policy import roles
from regions.stats import change, statistics

BASE_YEAR = 2019

# The indicators each role is about, in display order (all must be in data/indicators.json). A real change
# since 2019 is missing wherever a group holds a unit split in 2022 (no 2021 index can be made for its old
# borders, nor chained across the new ones), so GRP real growth is also given since SPLIT_BASE_YEAR.
ROLE_INDICATORS: dict[str, tuple[str, ...]] = {
    "metallurgy_hightech": (
        "gva_volume_index_manufacturing",
        "share_manufacturing",
        "employed_industry_construction",
        "investment_fixed_capital",
        "grp_volume_index",
        # Metallurgy -> high tech (issue 15): engineering goods against base metals in the units' exports.
        "share_exports_engineering",
        "share_exports_base_metals",
    ),
    "petrochemicals_west": (
        "investment_fixed_capital",
        "gva_volume_index_manufacturing",
        "grp_volume_index",
        "share_mining",
        "share_manufacturing",
        # Petrochemicals (issue 15): chemical and plastic products exported, value, tonnes (a price boom is not
        # a volume boom) and share of exports.
        "exports_chem_plastic",
        "exports_tonnes_chem_plastic",
        "share_exports_chem_plastic",
    ),
    "russia_border": ("grp_volume_index", "population", "employed", "investment_fixed_capital"),
}
# 2021: the first year BNS published every unit in its 2022 borders (GRP, nominal and volume index).
SPLIT_BASE_YEAR = 2021
SINCE_SPLIT: tuple[str, ...] = ("grp_volume_index",)

# i18n keys of the statements of what the data can and cannot show, in display order.
CAVEAT_KEYS: tuple[str, ...] = (
    "delivery_caveat_not_treatment",
    "delivery_caveat_nominal",
    "delivery_caveat_borders",
    "delivery_caveat_group_method",
    "delivery_caveat_preliminary",
    "delivery_caveat_missing_series",
)
SOURCE_FILES: tuple[str, ...] = ("data/statistics.csv", "data/indicators.json", "data/roles.json")
SCOPES: tuple[str, ...] = ("group", "rest", "nation")
# How a rest figure is estimated where its own units lack one (aggregate_rest); pages test for it.
COMPLEMENT = "the nation's figure less the group's"
CSV_COLUMNS: tuple[str, ...] = (
    "role",
    "indicator",
    "measure",
    "how",
    "base_year",
    "latest_year",
    "scope",
    "units",
    "base",
    "latest",
    "change",
    "note",
    "estimate",
    "preliminary",
    "method",
    "source",
)

_SHARES = {
    "share_agriculture": ("gva_A", "grp"),
    "share_mining": ("gva_B", "grp"),
    "share_manufacturing": ("gva_C", "grp"),
    "share_exports_base_metals": ("exports_base_metals", "exports_total"),
    "share_exports_engineering": ("exports_engineering", "exports_total"),
    "share_exports_chem_plastic": ("exports_chem_plastic", "exports_total"),
}


@dataclass(frozen=True)
class Figure:
    """One scope's figures: base-year and latest values, their change, and why any is missing.

    For a volume index ``base`` is 100 and ``latest`` the cumulative index; ``change`` is then the real
    change in %. For a level ``change`` is in % (additive) or percentage points (shares).
    """

    base: float | None
    latest: float | None
    change: float | None
    note: str = ""
    estimate: str = ""  # how a figure not computable by the row's method was estimated (group-level chain)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a role: the group, the rest and the nation, and how they were computed."""

    role: str
    indicator: str
    measure: str  # real_change | sum | share
    how: str  # percent (real or level) | points
    base_year: int
    latest_year: int
    group: Figure
    rest: Figure
    nation: Figure
    method: str
    source: str
    source_files: tuple[str, ...] = SOURCE_FILES
    units: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    # Years of base..latest whose figures (the indicator's, or its weights' or parts') BNS marks preliminary.
    preliminary: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoleDelivery:
    """A role, its designated units (with the basis of each) and its indicator rows."""

    role: str
    layout: str
    lineage_rule: str
    units: tuple[dict[str, str], ...]
    rest_units: tuple[str, ...]
    rows: tuple[IndicatorRow, ...]


# ----------------------------------------------------------------------------------------------------
# Aggregation over a set of units


@store.memo
def _cells(layout: str) -> dict[tuple[str, str, int], tuple[float, str]]:
    """(code, indicator, year) -> (value, note) of ``layout`` (memoised; shared: do not modify)."""
    df = statistics.indicator_values(layout)
    return {
        (r.iso_code, r.indicator, int(r.year)): (float(r.value), r.note) for r in df.itertuples(index=False)
    }


def members(layout: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """The pieces a set of units of ``layout`` is aggregated from: ``(layout of the piece, code)``.

    In the 2022 layout, the 2022 parts of a unit split in 2022 are replaced by the 2020 unit when the set
    holds all of them (so the set keeps one territory across the split); otherwise each unit is its own
    piece. In the 2020 layout every unit is its own piece.
    """
    codes = list(codes)
    if layout == "2020":
        return [("2020", c) for c in codes]
    out: list[tuple[str, str]] = []
    covered: set[str] = set()
    for parent, parts in statistics.split_2020().items():
        if set(parts) <= set(codes):
            out.append(("2020", parent))
            covered |= set(parts)
    out.extend(("2022", c) for c in codes if c not in covered)
    return sorted(out, key=lambda p: (p[1], p[0]))


def _value(
    cells: Mapping[str, Mapping], piece: tuple[str, str], indicator: str, year: int
) -> tuple[float, str]:
    lay, code = piece
    return cells[lay].get((code, indicator, year), (math.nan, f"no {indicator} figure for {year}"))


def _sum(cells, pieces, indicator: str, year: int) -> tuple[float | None, str]:
    total, missing = 0.0, []
    for piece in pieces:
        v, _ = _value(cells, piece, indicator, year)
        if math.isnan(v):
            missing.append(_label(piece))
        else:
            total += v
    if missing:
        return None, f"no {year} {indicator} figure for {', '.join(missing)}"
    return total, ""


def _label(piece: tuple[str, str]) -> str:
    lay, code = piece
    return f"{code} (pre-2022 borders)" if lay == "2020" and code in statistics.split_2020() else code


def _share(cells, pieces, indicator: str, year: int) -> tuple[float | None, str]:
    num, den = _SHARES[indicator]
    n, n_why = _sum(cells, pieces, num, year)
    d, d_why = _sum(cells, pieces, den, year)
    if n is None or d is None:
        return None, n_why or d_why
    if d == 0:
        return None, f"{den} sums to zero"
    return n / d * 100.0, ""


def _real(cells, pieces, indicator: str, base: int, latest: int) -> tuple[float | None, str]:
    """Group cumulative index: the pieces' chained indices weighted by their base-year nominal values."""
    weight = statistics.load_indicators()[indicator].get("weight")
    if weight is None:
        return None, f"{indicator} has no regional figures"
    num, den, missing = 0.0, 0.0, []
    for piece in pieces:
        lay, code = piece
        c = change.change_detail(lay, indicator, code, base, latest, "index")
        w, _ = _value(cells, piece, weight, base)
        if c.value is None:
            missing.append(f"{_label(piece)}: {c.reason}")
        elif math.isnan(w):
            missing.append(f"{_label(piece)}: no {base} {weight} to weight it")
        else:
            num += w * c.value
            den += w
    if missing:
        return None, "not combined: " + "; ".join(missing)
    if den <= 0:
        return None, f"the {base} {weight} weights sum to {den}"
    return num / den, ""


@store.memo
def _stored() -> dict[tuple[str, str, str, int], float]:
    """(code, territory, indicator, year) -> the stored BNS figure (memoised; shared: do not modify)."""
    return {
        (r.iso_code, r.territory, r.indicator, int(r.year)): float(r.value)
        for r in statistics.load_values().itertuples(index=False)
    }


def _withheld(indicator: str) -> dict[tuple[str, int], dict[str, Any]]:
    ind = statistics.load_indicators()[indicator]
    return {(w["iso_code"], int(w["year"])): w for w in ind.get("withheld", [])}


def _territory_families(layout: str, codes: Sequence[str]) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """The set as families over one territory: ``(2020 unit, its 2022 parts)``; an unsplit unit is its own part.

    Returns the families and ``""``, or ``[]`` and the reason when the set holds only some parts of a unit
    split in 2022 (its territory before the split is then not the set's).
    """
    parts_2022 = sorted({p for c in codes for p in statistics.successors(c, layout)})
    split = statistics.split_2020()
    families, covered = [], set()
    for parent, parts in split.items():
        held = set(parts) & set(parts_2022)
        if held and held != set(parts):
            return [], f"holds only part of {parent} as it was before 2022 ({', '.join(sorted(held))})"
        if held:
            families.append((parent, tuple(parts)))
            covered |= held
    families += [(c, (c,)) for c in parts_2022 if c not in covered]
    return sorted(families), ""


def _link_pieces(
    families: list[tuple[str, tuple[str, ...]]], indicator: str, weight: str, year: int, current: bool
) -> tuple[list[tuple[float, float]], list[str], str]:
    """For one year's link: (index, weight) of every piece of the set's territory, notes, and what is missing.

    ``current=False``: weights are the pieces' nominal values of the previous year (the exact Laspeyres
    link), the 2022 parts where each has both, else the 2020 unit. ``current=True`` (only when that fails):
    weights are the year's own nominal values (combined as ``sum(N) / sum(N / index)``, i.e. each piece's
    previous-year value estimated as its nominal value over its own index: exact if the pieces' prices grew
    alike); a split unit whose parts lack the year's index counts with its retained part's index as given
    by the source but withheld for the new borders (see ``withheld`` in ``data/indicators.json``).
    """
    S = _stored()
    withheld = _withheld(indicator)
    wy = year if current else year - 1
    out: list[tuple[float, float]] = []
    notes: list[str] = []
    for parent, parts in families:
        fine = [(S.get((p, "2022", indicator, year)), S.get((p, "2022", weight, wy))) for p in parts]
        if all(i is not None and w is not None for i, w in fine):
            out += [(i, w) for i, w in fine]  # type: ignore[misc]
            continue
        coarse = (S.get((parent, "2020", indicator, year)), S.get((parent, "2020", weight, wy)))
        if len(parts) > 1 and coarse[0] is not None and coarse[1] is not None:
            out.append(coarse)  # type: ignore[arg-type]
            continue
        given = withheld.get((parent, year))
        nominal = [S.get((p, "2022", weight, wy)) for p in parts]
        if current and len(parts) > 1 and given and "value" in given and all(n is not None for n in nominal):
            out.append((float(given["value"]), float(sum(nominal))))  # type: ignore[arg-type]
            notes.append(
                f"{year}: {parent}'s published index ({given['value']}) taken for {' + '.join(parts)} together "
                f"(none is published for {', '.join(p for p in parts if p != parent)}; exact if the figure is "
                f"for the pre-2022 borders, else it assumes they grew alike)"
            )
            continue
        return [], [], f"no {year} {indicator} or {wy} {weight} for {' + '.join(parts)}"
    return out, notes, ""


def _territory_chain(
    layout: str, codes: Sequence[str], indicator: str, base: int, latest: int
) -> tuple[float | None, str, str]:
    """A set's cumulative index over one territory, year by year (the group-level chain).

    Each year's link is the pieces' annual indices weighted by their previous-year nominal values; a year
    for which no piece's previous-year value exists for the borders its index measures (2021: BNS published
    no 2020 figure for the 2022 borders) is linked with current-year weights instead (:func:`_link_pieces`).
    Returns ``(index, how it was estimated, "")`` or ``(None, "", reason)``.
    """
    weight = statistics.load_indicators()[indicator].get("weight")
    if weight is None:
        return None, "", f"{indicator} has no regional figures"
    families, why = _territory_families(layout, codes)
    if why:
        return None, "", why
    product, estimated, notes = 1.0, [], []
    for year in range(base + 1, latest + 1):
        pieces, extra, why = _link_pieces(families, indicator, weight, year, current=False)
        if why:
            pieces, extra, why = _link_pieces(families, indicator, weight, year, current=True)
            if why:
                return None, "", why
            product *= sum(w for _, w in pieces) / sum(w / (i / 100.0) for i, w in pieces)
            estimated.append(year)
        else:
            product *= sum(i * w for i, w in pieces) / sum(w for _, w in pieces) / 100.0
        notes += extra
    merged = "; ".join(f"{p} = {' + '.join(q)}" for p, q in families if len(q) > 1)
    how = (
        f"group-level chain over one territory (pre-2022 units: {merged or 'none split'}): each year's "
        f"link is the pieces' indices weighted by the previous year's nominal {weight}"
    )
    if estimated:
        how += (
            f", except {', '.join(map(str, estimated))}, linked with that year's nominal {weight} over each "
            f"piece's own index (no previous-year figure exists for those borders)"
        )
    if notes:
        how += "; " + "; ".join(notes)
    return round(product * 100.0, 10), how, ""


def aggregate(layout: str, codes: Sequence[str], indicator: str, base: int, latest: int) -> Figure:
    """The figures of a set of units of ``layout`` for ``indicator`` (see the module docstring).

    Parameters
    ----------
    layout
        ``"2022"`` or ``"2020"``.
    codes
        Units of the layout (``["KZ"]`` for the nation: its own BNS figures, not a sum).
    indicator
        A stored additive indicator, a share of GRP or a volume index with regional weights.
    base, latest
        The two years compared.

    Raises
    ------
    ValueError
        For an indicator that cannot be aggregated (e.g. GRP per capita: use the computed ratio instead).
    """
    fig = _aggregate_units(layout, codes, indicator, base, latest)
    ind = statistics.load_indicators()[indicator]
    if fig.latest is not None or ind["kind"] != "volume_index" or list(codes) in ([], [statistics.NATIONAL]):
        return fig
    # The units' chains break at the 2022 change of borders: chain the set as one territory instead.
    value, how, why = _territory_chain(layout, codes, indicator, base, latest)
    if value is None:
        return Figure(fig.base, None, None, f"{fig.note}; group-level chain: {why}")
    return Figure(100.0, value, value - 100.0, "", how)


def aggregate_rest(
    layout: str, group: Sequence[str], rest: Sequence[str], indicator: str, base: int, latest: int
) -> Figure:
    """The rest of the country: its units' own figures, else the nation's figure less the group's.

    The rest is, by definition, the nation less the group. Where the rest's own units lack a figure that the
    national row covers (Turkistan and Shymkent before 2018, which BNS gives only together as the former South
    Kazakhstan region), the complement measures the same territory; it is marked as an estimate with how it
    was made. Volume indices are not complemented (an index of a difference is not a difference of indices).
    """
    fig = aggregate(layout, rest, indicator, base, latest)
    if statistics.load_indicators()[indicator]["kind"] == "volume_index" or None not in (fig.base, fig.latest):
        return fig
    b = fig.base if fig.base is not None else _complement(layout, group, indicator, base)
    v = fig.latest if fig.latest is not None else _complement(layout, group, indicator, latest)
    if (b, v) == (fig.base, fig.latest):
        return fig
    years = [y for y, own in ((base, fig.base), (latest, fig.latest)) if own is None]
    how = f"{' and '.join(map(str, dict.fromkeys(years)))}: {COMPLEMENT} (the rest's own units lack one)"
    diff, why = change.level_change(b, v, _measure(indicator)[1])
    return Figure(b, v, diff, fig.note if diff is None else "", how)


def _complement(layout: str, group: Sequence[str], indicator: str, year: int) -> float | None:
    """The nation's figure less the group's in ``year`` (a share: the ratio of the complemented parts)."""
    if indicator in _SHARES:
        num, den = (_complement(layout, group, part, year) for part in _SHARES[indicator])
        return None if num is None or not den else num / den * 100.0
    nation = aggregate(layout, [statistics.NATIONAL], indicator, year, year).base
    part = aggregate(layout, group, indicator, year, year).base
    return None if nation is None or part is None else nation - part


def _aggregate_units(layout: str, codes: Sequence[str], indicator: str, base: int, latest: int) -> Figure:
    ind = statistics.load_indicators()[indicator]
    aggregable = (
        ind["kind"] == "volume_index" or indicator in _SHARES or statistics.is_stored(ind) and ind["additive"]
    )
    if not aggregable:
        raise ValueError(
            f"indicator={indicator!r} cannot be aggregated over units (not additive, a share or an index)"
        )
    if not codes:
        return Figure(None, None, None, "no units")
    if list(codes) == [statistics.NATIONAL]:
        return _aggregate(layout, [(layout, statistics.NATIONAL)], indicator, base, latest)
    # The units' own figures first; where they lack one, the 2020 units the set wholly covers.
    own = [(layout, c) for c in sorted(codes)]
    fine = _aggregate(layout, own, indicator, base, latest)
    coarse_pieces = members(layout, codes)
    if layout == "2020" or not fine.note or coarse_pieces == own:
        return fine
    return _aggregate(layout, coarse_pieces, indicator, base, latest)


def _aggregate(layout: str, pieces: list[tuple[str, str]], indicator: str, base: int, latest: int) -> Figure:
    ind = statistics.load_indicators()[indicator]
    cells = {lay: _cells(lay) for lay in statistics.LAYOUTS}
    if ind["kind"] == "volume_index":
        if pieces == [(layout, statistics.NATIONAL)]:
            c = change.change_detail(layout, indicator, statistics.NATIONAL, base, latest, "index")
            value, why = c.value, c.reason
        else:
            value, why = _real(cells, pieces, indicator, base, latest)
        return Figure(100.0, value, None if value is None else value - 100.0, why)
    if indicator in _SHARES:
        b, b_why = _share(cells, pieces, indicator, base)
        v, v_why = _share(cells, pieces, indicator, latest)
        diff, _ = change.level_change(b, v, "points")
        return Figure(b, v, diff, "; ".join(x for x in (b_why, v_why) if x))
    # An additive stored level (aggregate() checked).
    b, b_why = _sum(cells, pieces, indicator, base)
    v, v_why = _sum(cells, pieces, indicator, latest)
    pct, _ = change.level_change(b, v, "percent")
    return Figure(b, v, pct, "; ".join(x for x in (b_why, v_why) if x))


# ----------------------------------------------------------------------------------------------------
# Roles


def _measure(indicator: str) -> tuple[str, str]:
    ind = statistics.load_indicators()[indicator]
    if ind["kind"] == "volume_index":
        return "real_change", "percent"
    if indicator in _SHARES:
        return "share", "points"
    return "sum", "percent"


def _method(indicator: str, base: int, latest: int) -> str:
    ind = statistics.load_indicators()[indicator]
    split_note = (
        " Where the units' own figures are lacking, a unit split in 2022 counts with its pre-2022 figure if "
        "the set holds all its 2022 parts."
    )
    if ind["kind"] == "volume_index":
        return (
            f"Real change {base}→{latest}: each unit's annual BNS volume indices ({indicator}, % of the previous "
            f"year) for {base + 1}–{latest} multiplied (never across a change of borders); the group's and the "
            f"rest's cumulative index is the units' cumulative indices weighted by their {base} nominal "
            f"{ind['weight']} (volume at {base} prices), given only when every unit has both; the nation's is "
            f"the chain of the BNS national index. base = 100; change = index - 100, in %."
            + split_note
            + (
                " Where a unit's chain still breaks at the 2022 change of borders, the set is chained as one "
                "territory (the project's estimate, said in the figure's 'estimate'): each year's link is its "
                f"pieces' indices weighted by their previous-year nominal {ind['weight']}; for 2021, when BNS "
                "published no 2020 figure for the 2022 borders, by 2021 nominal values over each piece's own "
                "index."
                if base < SPLIT_BASE_YEAR
                else ""
            )
            + (
                f" Base {base}: the first year BNS published every unit in its 2022 borders."
                if base == SPLIT_BASE_YEAR
                else ""
            )
        )
    if indicator in _SHARES:
        num, den = _SHARES[indicator]
        return (
            f"{num} summed over the units divided by {den} summed over the same units, ×100, in {base} and "
            f"{latest} (a ratio of sums, never a mean of shares); change in percentage points. Nominal "
            f"values at current prices: a share compares like with like within a year." + split_note
        )
    nominal = (
        " Current prices: the change includes price growth, it is not real growth."
        if "KZT" in ind["unit"]["en"] or "current" in ind["unit"]["en"]
        else ""
    )
    what = "derived annual sums of BNS monthly figures" if ind["kind"] == "derived_sum" else "BNS figures"
    return (
        f"Sum of the units' {what} ({indicator}, {ind['unit']['en']}) in {base} and {latest}, given only "
        f"when every unit has a figure; change in % of the {base} sum.{nominal}" + split_note
    )


def _unit_rows(layout: str, indicator: str, codes: Sequence[str], base: int, latest: int) -> tuple[dict, ...]:
    how = "percent"
    if indicator in _SHARES:
        how = "points"
    vals = statistics.indicator_values(layout)
    vals = vals[vals["indicator"] == indicator].set_index(["iso_code", "year"])["value"]
    out = []
    for code in codes:
        c = change.change_detail(layout, indicator, code, base, latest, how)
        if statistics.load_indicators()[indicator]["kind"] == "volume_index":
            b, v = 100.0, (None if c.value is None else c.value + 100.0)
        else:
            b, v = (_num(vals.get((code, y))) for y in (base, latest))
        out.append({"iso_code": code, "base": b, "latest": v, "change": c.value, "note": c.reason})
    return tuple(out)


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def latest_common_year(indicator: str, layout: str) -> int:
    """The latest year with a national figure for ``indicator`` (the year a role's row ends in)."""
    df = statistics.indicator_values(layout)
    df = df[(df["indicator"] == indicator) & (df["iso_code"] == statistics.NATIONAL) & df["value"].notna()]
    if df.empty:
        raise ValueError(f"indicator={indicator!r} has no national figure in layout {layout}")
    return int(df["year"].max())


def role_delivery(
    role_id: str, layout: str = "2022", lineage_rule: str = "inherit", base_year: int = BASE_YEAR
) -> RoleDelivery:
    """One role's designated units and, for each of :data:`ROLE_INDICATORS`, the group, rest and nation.

    The rows compare ``base_year`` with each indicator's latest year; when ``base_year`` is before
    :data:`SPLIT_BASE_YEAR`, the indicators of :data:`SINCE_SPLIT` have a second row based on that year.

    Raises
    ------
    ValueError
        For an unknown role, layout or lineage rule.
    """
    role = roles.get_role(role_id)
    held = [a for a in roles.assignments(layout, lineage_rule) if a.role_id == role.id]
    group = [a.iso_code for a in held]
    rest = [u for u in statistics.layout_units(layout) if u not in group]
    rows = []
    plan = [(ind, base_year) for ind in ROLE_INDICATORS[role.id]]
    if base_year < SPLIT_BASE_YEAR:
        plan += [(ind, SPLIT_BASE_YEAR) for ind in SINCE_SPLIT if ind in ROLE_INDICATORS[role.id]]
    for indicator, base in plan:
        latest = latest_common_year(indicator, layout)
        measure, how = _measure(indicator)
        rows.append(
            IndicatorRow(
                role=role.id,
                indicator=indicator,
                measure=measure,
                how=how,
                base_year=base,
                latest_year=latest,
                group=aggregate(layout, group, indicator, base, latest),
                rest=aggregate_rest(layout, group, rest, indicator, base, latest),
                nation=aggregate(layout, [statistics.NATIONAL], indicator, base, latest),
                method=_method(indicator, base, latest),
                source=_source(indicator),
                units=_unit_rows(layout, indicator, group, base, latest),
                preliminary=preliminary_years(indicator, base, latest),
            )
        )
    return RoleDelivery(
        role=role.id,
        layout=layout,
        lineage_rule=lineage_rule,
        units=tuple({"iso_code": a.iso_code, "basis": a.basis} for a in held),
        rest_units=tuple(rest),
        rows=tuple(rows),
    )


def preliminary_years(indicator: str, base: int, latest: int) -> tuple[int, ...]:
    """The years from ``base`` to ``latest`` in which a figure the row rests on is marked preliminary.

    The indicator's own flags, and those of what its group figures are made of (a volume index's weights,
    a share's numerator and denominator), from ``flags`` in ``data/indicators.json``.
    """
    ind = statistics.load_indicators()[indicator]
    parts = [indicator, *_SHARES.get(indicator, ()), *([ind["weight"]] if ind.get("weight") else [])]
    years = {
        y
        for part in parts
        for y, kinds in statistics.indicator_flags(part).items()
        if "preliminary" in kinds and base <= y <= latest
    }
    return tuple(sorted(years))


def _source(indicator: str) -> str:
    """The BNS tables behind an indicator's group figures: element, years, URL and the intermediary."""
    ind = statistics.load_indicators()[indicator]
    parts = [indicator]
    if ind["kind"] == "computed":
        parts = list(_SHARES.get(indicator, ()))
    elif ind.get("weight"):
        parts.append(ind["weight"])  # a volume index's group figure also uses its weights
    seen, out = set(), []
    for part in parts:
        for src in statistics.load_indicators()[part]["sources"]:
            if not src.get("element_id") or src["element_id"] in seen:
                continue
            seen.add(src["element_id"])
            via = f"; via {src['via']}" if src.get("via") else ""
            out.append(
                f"BNS element {src['element_id']} ({part}, {src.get('reference_year', '')}): {src['url']}{via}"
            )
    return " | ".join(out)


def delivery(
    layout: str = "2022", lineage_rule: str = "inherit", base_year: int = BASE_YEAR
) -> list[RoleDelivery]:
    """:func:`role_delivery` for every role of ``data/roles.json``, in file order."""
    return [role_delivery(r.id, layout, lineage_rule, base_year) for r in roles.load_roles()]


def caveats(lang: str = "en") -> list[str]:
    """The statements of what the delivery figures can and cannot show, in ``lang``."""
    return [t(key, lang) for key in CAVEAT_KEYS]


def delivery_json(
    layout: str = "2022", lineage_rule: str = "inherit", base_year: int = BASE_YEAR, lang: str = "en"
) -> dict[str, Any]:
    """The delivery as printed by ``python -m regions delivery --format json`` (missing values are null)."""
    return {
        "layout": layout,
        "lineage_rule": lineage_rule,
        "base_year": base_year,
        "caveats": caveats(lang),
        "source_files": list(SOURCE_FILES),
        "roles": [_clean(asdict(r)) for r in delivery(layout, lineage_rule, base_year)],
    }


def _clean(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def delivery_frame(
    layout: str = "2022", lineage_rule: str = "inherit", base_year: int = BASE_YEAR
) -> pd.DataFrame:
    """One row per (role, indicator, scope), columns :data:`CSV_COLUMNS` (``units``: codes joined by ``;``)."""
    rows = []
    for rd in delivery(layout, lineage_rule, base_year):
        scope_units = {
            "group": ";".join(u["iso_code"] for u in rd.units),
            "rest": ";".join(rd.rest_units),
            "nation": statistics.NATIONAL,
        }
        for row in rd.rows:
            for scope in SCOPES:
                fig: Figure = getattr(row, scope)
                rows.append(
                    {
                        "role": rd.role,
                        "indicator": row.indicator,
                        "measure": row.measure,
                        "how": row.how,
                        "base_year": row.base_year,
                        "latest_year": row.latest_year,
                        "scope": scope,
                        "units": scope_units[scope],
                        "base": fig.base,
                        "latest": fig.latest,
                        "change": fig.change,
                        "note": fig.note,
                        "estimate": fig.estimate,
                        "preliminary": ";".join(map(str, row.preliminary)),
                        "method": row.method,
                        "source": row.source,
                    }
                )
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def group_series(
    role_id: str,
    indicator: str,
    layout: str = "2022",
    lineage_rule: str = "inherit",
    base_year: int = BASE_YEAR,
) -> pd.DataFrame:
    """Year by year, the group's, the rest's and the nation's figure, for small multiples.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, group, rest, nation`` (NaN where missing). Levels and shares for every year with a
        national figure; for a volume index the cumulative index since ``base_year`` (= 100) for
        ``base_year`` .. latest.
    """
    rd_units = [
        a.iso_code for a in roles.assignments(layout, lineage_rule) if a.role_id == roles.get_role(role_id).id
    ]
    rest = [u for u in statistics.layout_units(layout) if u not in rd_units]
    ind = statistics.load_indicators()[indicator]
    df = statistics.indicator_values(layout)
    years = sorted(
        df[(df["indicator"] == indicator) & (df["iso_code"] == statistics.NATIONAL) & df["value"].notna()][
            "year"
        ]
    )
    out = []
    for year in years:
        if ind["kind"] == "volume_index":
            if year < base_year:
                continue
            figs = [
                aggregate(layout, s, indicator, base_year, year)
                for s in (rd_units, rest, [statistics.NATIONAL])
            ]
            vals = [f.latest for f in figs]
        else:
            figs = [
                aggregate(layout, rd_units, indicator, year, year),
                aggregate_rest(layout, rd_units, rest, indicator, year, year),
                aggregate(layout, [statistics.NATIONAL], indicator, year, year),
            ]
            vals = [f.base for f in figs]
        out.append((year, *(math.nan if v is None else v for v in vals)))
    return pd.DataFrame.from_records(out, columns=["year", "group", "rest", "nation"])
