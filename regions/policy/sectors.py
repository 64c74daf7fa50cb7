"""Sectors: those the 2020 address designates for regions, and those the statistics can measure.

``data/sectors.json`` lists every sector with its names, whether a role of the address names it
(``designated``) and the ОКЭД section of regional gross value added that measures it (``gva_section``: ``A``
agriculture, ``B`` mining and quarrying, ``C`` manufacturing, or none).

Rules
-----
*Designated* sectors of a unit: the union of the sectors of the roles the unit holds in the layout
(:func:`regions.policy.roles.assignments`, with the same ``lineage_rule``).

*Measured* sectors of a unit: the sectors whose *measure* is strictly above the national value (``KZ``) in
``year``. A sector's measure is its ``measure`` in ``sectors.json`` where it has one (metallurgy: base metals'
share of the unit's exports of goods, HS section XV; petrochemicals: chemical and plastic products' share, HS VI
+ VII; issue 15), else the share of its own section in the unit's GRP (agriculture A, mining B, manufacturing
C). By default ``year`` is, for each measure separately, the latest year in which it is available for every
unit of the layout and the nation (measures may therefore be judged in different years). With an explicit
``year``, a measure without a figure for the unit in that year does not count. A proxy sector without a measure
of its own (measured only through a whole section) is never returned as a measured sector.

*Filtering* (:func:`filter_units`): a unit matches if it matches ANY selected sector, where a sector
matches in mode ``designated`` if the unit's roles name it; ``measured`` if the share of its section (the
proxy section for metallurgy and petrochemicals) is above the national share as above; ``either`` if
designated or measured; ``both`` if designated and measured (for the same sector). A sector with no measure
(high-tech, technical services, gas processing, cross-border trade) never matches on ``measured``.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

from regions.base import store
from regions.base.i18n import t
from regions.base.schemas import SECTION_SHARE, SECTORS_SCHEMA
from regions.policy import address, roles
from regions.stats import statistics

SECTORS_FILE = "sectors.json"  # relative to the data root (regions.base.store)
MODES: tuple[str, ...] = ("designated", "measured", "either", "both")


class SectorError(store.DataError):
    """``data/sectors.json`` is malformed; the message names the file, the sector id and the field."""


@store.memo
def _load(path: Path | str) -> tuple[tuple[str, dict], ...]:
    data = address.read_catalogue(path, SECTORS_SCHEMA, "sector", SectorError)
    known = statistics.load_indicators()
    for entry in data:
        if entry.get("measure") and entry["measure"] not in known:
            raise SectorError(
                f"{path}: sector {entry['id']!r}: measure {entry['measure']!r} is not an indicator of "
                "data/indicators.json"
            )
    return tuple((entry["id"], entry) for entry in data)


def load_sectors(path: Path | str | None = None) -> dict[str, dict]:
    """Load and validate the sector taxonomy.

    Returns
    -------
    dict
        Sector id -> entry (``id``, ``name``, ``designated``, ``gva_section``, ``section_is_proxy``,
        ``proxy_note``, ``note``), in file order. A fresh copy: callers may modify it.

    Raises
    ------
    SectorError
        If the file does not follow :data:`SECTORS_SCHEMA` or repeats an id.
    """
    items = _load(SECTORS_FILE if path is None else path)
    return copy.deepcopy(dict(items))


def _check_unit(iso_code: str, layout: str) -> None:
    units = statistics.layout_units(layout)
    if iso_code not in units:
        raise ValueError(
            f"iso_code: {iso_code!r} is not a unit of layout {layout}; allowed: {', '.join(units)}"
        )


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode: {mode!r} is not one of {', '.join(MODES)}")


def _check_sector_ids(sector_ids: list[str], sectors: dict[str, dict]) -> None:
    if isinstance(sector_ids, str):
        raise ValueError(f"sector_ids: give a list of sector ids, not the string {sector_ids!r}")
    unknown = [s for s in sector_ids if s not in sectors]
    if unknown:
        raise ValueError(
            f"sector_ids: unknown sector id(s) {', '.join(map(repr, unknown))}; known: {', '.join(sectors)}"
        )


# ----------------------------------------------------------------------------------------------------
# Designated


def _designated_by_unit(layout: str, lineage_rule: str) -> dict[str, set[str]]:
    sectors_of = {r.id: r.sectors for r in roles.load_roles()}
    out: dict[str, set[str]] = {}
    for a in roles.assignments(layout, lineage_rule):
        out.setdefault(a.iso_code, set()).update(sectors_of[a.role_id])
    return out


def designated_sectors(iso_code: str, layout: str, lineage_rule: str = "inherit") -> list[str]:
    """Sector ids named by the roles ``iso_code`` holds in ``layout``, in the order of ``sectors.json``.

    Raises
    ------
    ValueError
        For an unknown layout, lineage rule or a code that is not a unit of the layout.
    """
    _check_unit(iso_code, layout)
    held = _designated_by_unit(str(layout), lineage_rule).get(iso_code, set())
    return [s for s in load_sectors() if s in held]


# ----------------------------------------------------------------------------------------------------
# Measured


def measure_of(entry: dict) -> str | None:
    """The indicator that measures a sector entry of ``sectors.json``: its own ``measure``, else its section's
    share of GRP, else ``None`` (the sector cannot be measured).

    >>> measure_of({"measure": "share_exports_base_metals", "gva_section": "C"})
    'share_exports_base_metals'
    >>> measure_of({"measure": None, "gva_section": "A"}), measure_of({"measure": None, "gva_section": None})
    ('share_agriculture', None)
    """
    if entry.get("measure"):
        return entry["measure"]
    return SECTION_SHARE[entry["gva_section"]] if entry["gva_section"] else None


def _measures() -> tuple[str, ...]:
    """Every indicator some sector is measured by (section shares first)."""
    own = [measure_of(s) for s in load_sectors().values()]
    return tuple(dict.fromkeys([*SECTION_SHARE.values(), *(m for m in own if m)]))


def default_year(section: str, layout: str) -> int | None:
    """Latest year in which the share of ``section`` is available for every unit of ``layout`` (and KZ)."""
    return measure_year(SECTION_SHARE[section], layout)


def measure_year(indicator: str, layout: str) -> int | None:
    """Latest year in which ``indicator`` is available for every unit of ``layout`` and the nation."""
    df = statistics.indicator_values(layout)
    df = df[df["indicator"] == indicator]
    complete = df.groupby("year")["value"].apply(lambda v: bool(v.notna().all()))
    years = [int(y) for y, ok in complete.items() if ok]
    return max(years) if years else None


def _above_national(layout: str, year: int | None) -> dict[str, set[str]]:
    """Measure indicator -> units above the national value (in ``year`` or the measure's default year)."""

    cached = _above_national_cached(layout, None if year is None else int(year))
    return {indicator: set(codes) for indicator, codes in cached.items()}


@store.memo
def _above_national_cached(layout: str, year: int | None) -> dict[str, frozenset[str]]:
    df = statistics.indicator_values(layout)
    if year is not None:
        share_years = set(df[df["indicator"].isin(SECTION_SHARE.values())]["year"].astype(int))
        if int(year) not in share_years:
            raise ValueError(f"year: no sector share for {year!r}; years with shares: {sorted(share_years)}")
    out: dict[str, frozenset[str]] = {}
    for indicator in _measures():
        y = int(year) if year is not None else measure_year(indicator, layout)
        rows = df[(df["indicator"] == indicator) & (df["year"] == y)].set_index("iso_code")["value"]
        national = float(rows.get(statistics.NATIONAL, math.nan))
        # A missing figure (NaN) is never above anything, so the unit simply does not count for the measure.
        out[indicator] = frozenset(
            c for c, value in rows.items() if c != statistics.NATIONAL and value > national
        )
    return out


def _measurable(entry: dict) -> str | None:
    """The measure a sector is *measured* by; a proxy without a measure of its own never is."""
    if entry["section_is_proxy"] and not entry.get("measure"):
        return None
    return measure_of(entry)


def measured_sectors(iso_code: str, layout: str, year: int | None = None) -> list[str]:
    """Sectors whose measure (own measure or section share of GRP) is above the national value.

    Parameters
    ----------
    iso_code, layout
        The unit and its layout.
    year
        Year of comparison; default: for each measure, the latest year with a figure for every unit.

    Returns
    -------
    list of str
        Sector ids in the order of ``sectors.json``: agriculture, mining, manufacturing by their shares of
        GRP, metallurgy and petrochemicals by their shares of exports; never a proxy without a measure.

    Raises
    ------
    ValueError
        For an unknown layout, a code not in the layout, or a year with no share figures.
    """
    _check_unit(iso_code, layout)
    above = _above_national(layout, year)
    return [
        sid
        for sid, s in load_sectors().items()
        if (m := _measurable(s)) is not None and iso_code in above.get(m, set())
    ]


# ----------------------------------------------------------------------------------------------------
# Filtering


def filter_units(
    sector_ids: list[str],
    mode: str,
    layout: str,
    year: int | None = None,
    lineage_rule: str = "inherit",
) -> list[str]:
    """Units of ``layout`` that match ANY of ``sector_ids`` under ``mode``.

    Parameters
    ----------
    sector_ids
        Sector ids of ``sectors.json``; an empty list matches no unit.
    mode
        ``designated``, ``measured``, ``either`` or ``both`` (see the module docstring).
    layout
        ``"2020"`` or ``"2022"``.
    year
        Year of the measured comparison (default per section, see :func:`measured_sectors`).
    lineage_rule
        Passed to :func:`regions.policy.roles.assignments` for the designated side.

    Returns
    -------
    list of str
        ISO codes in code order.

    Raises
    ------
    ValueError
        For an unknown sector id, mode, layout, lineage rule or a year without share figures.
    """

    sectors = load_sectors()
    _check_sector_ids(sector_ids, sectors)
    _check_mode(mode)
    designated = _designated_by_unit(layout, lineage_rule) if mode != "measured" else {}
    above = _above_national(layout, year) if mode != "designated" else {}

    def matches(code: str, sid: str) -> bool:
        is_designated = sid in designated.get(code, set())
        measure = measure_of(sectors[sid])
        is_measured = measure is not None and code in above.get(measure, set())
        return {
            "designated": is_designated,
            "measured": is_measured,
            "either": is_designated or is_measured,
            "both": is_designated and is_measured,
        }[mode]

    return [code for code in statistics.layout_units(layout) if any(matches(code, s) for s in sector_ids)]


def sector_rule_text(lang: str) -> str:
    """The designated/measured rule in plain words, in ``lang`` (``en``, ``ru`` or ``kk``)."""

    return t("sector_rule_text", lang)
