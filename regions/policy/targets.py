"""The national targets and reforms of the 2020 address (``data/targets.json``) and their measured progress.

Every quote must be verbatim in the address excerpt (:mod:`regions.policy.address`); a target's indicator must be
one the project has (``data/indicators.json``).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regions.base import store
from regions.base.metadata import load_meta
from regions.base.schemas import TARGETS_SCHEMA
from regions.policy import address
from regions.stats import change, statistics

TARGETS_FILE = "targets.json"  # relative to the data root (regions.base.store)
PROGRESS_COLUMNS: tuple[str, ...] = (
    "iso_code",
    "indicator",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "ratio",
    "measure",
)


class TargetError(store.DataError):
    """``data/targets.json`` is malformed; the message names the file, the target id and the field."""


def _read(path: Path | str) -> tuple[dict, ...]:
    data = address.read_catalogue(path, TARGETS_SCHEMA, "target", TargetError)

    indicators = statistics.load_indicators()
    shown = store.display(store.path_of(path))
    for raw in data:
        address.check_quotes(raw["quotes"], shown, f"target {raw['id']!r}", TargetError)
        ind = raw["indicator"]
        if ind is not None and ind["id"] not in indicators:
            raise TargetError(
                shown,
                f"{ind['id']!r} is not in {statistics.INDICATORS_JSON}",
                where=f"target {raw['id']!r}, field indicator/id",
            )
        measured = raw.get("measured")
        if measured is not None:
            for where, ref in [
                ("measured/indicator", measured),
                *((f"measured/also/{k}/indicator", a) for k, a in enumerate(measured.get("also", []))),
            ]:
                known = indicators.get(ref["indicator"])
                if known is None or known["kind"] != "volume_index":
                    raise TargetError(
                        shown,
                        f"{ref['indicator']!r} is not a volume index in {statistics.INDICATORS_JSON}",
                        where=f"target {raw['id']!r}, field {where}",
                    )
        if raw.get("reported") is not None:
            _check_reported(raw, shown)
    return tuple(data)


def _check_reported(raw: dict, shown: str) -> None:
    """A reported figure's value is in its quoted sentence, its years rise, its source is in the metadata."""

    known = {s["url"]: s for s in load_meta(TARGETS_FILE)["sources"]}
    years = [f["year"] for f in raw["reported"]["figures"]]
    if years != sorted(set(years)):
        raise TargetError(
            shown,
            f"years {years} are not unique and rising",
            where=f"target {raw['id']!r}, field reported/figures",
        )
    for k, fig in enumerate(raw["reported"]["figures"]):
        where = f"target {raw['id']!r}, field reported/figures/{k}"
        if f"{fig['value']:g}" not in fig["quote"]:
            raise TargetError(shown, f"value {fig['value']:g} is not in its quoted sentence", where=where)
        src = fig["source"]
        meta = known.get(src["url"])
        if meta is None or (meta["producer"], meta["title"]) != (src["producer"], src["title"]):
            raise TargetError(
                shown,
                f"source {src['url']!r} is not a source of {TARGETS_FILE}.meta.json with the same producer and title",
                where=f"{where}/source",
            )


@store.memo
def _load() -> tuple[dict, ...]:
    return _read(TARGETS_FILE)


def load_targets(path: Path | str | None = None) -> list[dict]:
    """Load and validate the national targets and reforms (``targets.json`` of the data root by default).

    Returns
    -------
    list of dict
        A fresh copy of the entries, in file order.

    Raises
    ------
    TargetError
        If the file does not follow :data:`regions.base.schemas.TARGETS_SCHEMA`, repeats an id, quotes text not
        verbatim in the excerpt, names an indicator the project does not have, or has a reported figure
        whose value is not in its quoted sentence, whose years do not rise or whose source is not listed in
        ``targets.json.meta.json``; the message names the file, the target id and the field.
    """

    return copy.deepcopy(list(_load() if path is None else _read(path)))


def target_progress(target_id: str, layout: str) -> pd.DataFrame | None:
    """Base-year and latest values of a target's regional indicator, per unit and nationally.

    Parameters
    ----------
    target_id
        Id of a target in ``data/targets.json``.
    layout
        ``"2020"`` or ``"2022"``.

    Returns
    -------
    pandas.DataFrame or None
        ``None`` when the target has no indicator in the project. Otherwise one row per unit of the layout
        (ISO-code order) and a last row ``KZ``, with columns ``iso_code, indicator, base_year, base_value,
        latest_year, latest_value, ratio, measure``. ``ratio`` is latest/base (NaN when either is missing);
        ``measure`` repeats the indicator's measure (``"nominal"``: current prices, so the ratio includes
        price growth and does not show progress in real terms).

    Raises
    ------
    ValueError
        For an unknown ``target_id`` or ``layout``.
    """
    targets = {t["id"]: t for t in load_targets()}
    if target_id not in targets:
        raise ValueError(f"target_id: {target_id!r} is not a known target; known: {', '.join(targets)}")
    ind = targets[target_id]["indicator"]
    if ind is None:
        return None

    values = statistics.indicator_values(layout)
    values = values[values["indicator"] == ind["id"]]
    latest = statistics.latest_year(ind["id"], layout)
    base: Mapping[str, float] = values[values["year"] == ind["base_year"]].set_index("iso_code")["value"]
    last: Mapping[str, float] = values[values["year"] == latest].set_index("iso_code")["value"]
    rows = []
    for code in (*statistics.layout_units(layout), statistics.NATIONAL):
        b = float(base.get(code, math.nan))
        v = float(last.get(code, math.nan))
        ratio = v / b if math.isfinite(b) and math.isfinite(v) and b != 0 else math.nan
        rows.append((code, ind["id"], ind["base_year"], b, latest, v, ratio, ind["measure"]))
    return pd.DataFrame.from_records(rows, columns=list(PROGRESS_COLUMNS))


# ----------------------------------------------------------------------------------------------------
# Targets measured in real terms


@dataclass(frozen=True)
class Measured:
    """One measurement of a target: a chained volume index from ``base_year`` to ``latest_year``.

    ``value`` is the ratio latest/base level (e.g. ``1.29``: 29 % more in real terms), ``None`` with a
    ``note`` when a year is missing.
    """

    indicator: str
    base_year: int
    latest_year: int
    value: float | None
    note: str


@dataclass(frozen=True)
class Reported:
    """A figure for a target as a government official stated it and a news agency reported it.

    Not a BNS table: ``said_by`` (en/ru/kk) says who stated it, ``quote`` is the article's sentence, ``source``
    its producer, title, url, publication and access dates (``data/targets.json``, field ``reported``).
    """

    year: int
    value: float
    unit: str  # "percent" | "million_people"
    said_by: Mapping[str, str]
    quote: str
    source: Mapping[str, object]


@dataclass(frozen=True)
class TargetMeasure:
    """A national target of the address as measured by the project (for the targets view).

    Attributes
    ----------
    target_id, due_year, goal
        The target, the year it falls due and its goal as a ratio (1.5 for "1.5 times"); ``None`` if not set.
    main
        The measurement the target is judged by (``None`` when the project holds no data for it).
    also
        Other measurements shown beside it (another base year or another index), never the judged one.
    reached
        ``True``/``False`` once the latest year has reached the due year, ``None`` before or without data.
        For a target without a BNS measure, judged on the latest reported figure the same way.
    why_base, notes
        English texts from ``data/targets.json``: why this base year, and what is (not) measured.
    reported
        Government figures reported by a news agency, in year order (empty when none is held); the last is
        the one ``reached`` looks at when ``main`` is ``None``. Never a BNS table, never estimated.
    """

    target_id: str
    due_year: int | None
    goal: float | None
    main: Measured | None
    also: tuple[Measured, ...]
    reached: bool | None
    why_base: str
    notes: str
    reported: tuple[Reported, ...] = ()

    @property
    def latest_reported(self) -> Reported | None:
        """The latest reported figure, or ``None``."""
        return self.reported[-1] if self.reported else None


def _measure(indicator: str, base_year: int) -> Measured:
    latest = _national_latest(indicator)
    c = change.change_detail("2022", indicator, statistics.NATIONAL, base_year, latest, "index")
    value = None if c.value is None else c.value / 100.0
    return Measured(indicator, base_year, latest, value, c.reason)


def _national_latest(indicator: str) -> int:
    df = statistics.indicator_values("2022")
    df = df[(df["indicator"] == indicator) & (df["iso_code"] == statistics.NATIONAL) & df["value"].notna()]
    return int(df["year"].max())


def measured_target(target_id: str) -> TargetMeasure:
    """How far a national target of the address has come, measured in real terms where the project can.

    The measurement is the chain of BNS's annual national volume indices (``measured`` in
    ``data/targets.json``): the ratio of the latest year's level to the base year's, e.g. manufacturing
    output 2025 over 2020 = product of the industrial production indices 2021-2025 / 100. A target without
    such a measure but with government figures reported by a news agency (``reported``: the SME targets)
    has them in ``reported`` and its goal in the figures' unit (35 for 35 % of GDP, 4 for 4 million people).

    Raises
    ------
    ValueError
        For an unknown ``target_id``.
    """
    by_id = {t["id"]: t for t in load_targets()}
    if target_id not in by_id:
        raise ValueError(f"target_id: {target_id!r} is not a known target; known: {', '.join(by_id)}")
    target = by_id[target_id]
    spec = target.get("measured")
    main = None if spec is None else _measure(spec["indicator"], spec["base_year"])
    also = (
        () if spec is None else tuple(_measure(a["indicator"], a["base_year"]) for a in spec.get("also", []))
    )
    goal = None if spec is None else float(spec["goal"])
    due = target.get("due_year")
    rep = target.get("reported")
    reported = (
        ()
        if rep is None
        else tuple(
            Reported(f["year"], float(f["value"]), rep["unit"], f["said_by"], f["quote"], f["source"])
            for f in rep["figures"]
        )
    )
    if main is None and rep is not None:
        goal = float(rep["goal"])
    reached = None
    if main is not None and main.value is not None and goal is not None and due is not None:
        reached = main.value >= goal if main.latest_year >= due else None
    elif main is None and reported and goal is not None and due is not None:
        # As for a measured target: judged only once a figure for the due year (or later) is held.
        reached = reported[-1].value >= goal if reported[-1].year >= due else None
    return TargetMeasure(
        target_id=target_id,
        due_year=due,
        goal=goal,
        main=main,
        also=also,
        reached=reached,
        why_base=(spec or {}).get("why_base", {}).get("en", ""),
        notes=target["notes"]["en"],
        reported=reported,
    )


def measured_targets() -> list[TargetMeasure]:
    """:func:`measured_target` for every entry of kind ``target``, in file order."""
    return [measured_target(t["id"]) for t in load_targets() if t["kind"] == "target"]
