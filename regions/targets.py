"""The national targets and reforms of the 2020 address (``data/targets.json``) and their measured progress.

Every quote must be verbatim in the address excerpt (:mod:`regions.address`); a target's indicator must be
one the project has (``data/indicators.json``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from regions import address, store
from regions.registry import check_layout
from regions.schemas import TARGETS_SCHEMA

TARGETS_FILE = "targets.json"  # relative to the data root (regions.store)
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
    from regions import statistics

    indicators = statistics.load_indicators()
    shown = store.display(store.path_of(path))
    for i, raw in enumerate(data):
        address.check_quotes(raw["quotes"], shown, f"target {raw['id']!r}", TargetError)
        ind = raw["indicator"]
        if ind is not None and ind["id"] not in indicators:
            raise TargetError(
                shown,
                f"{ind['id']!r} is not in {statistics.INDICATORS_JSON}",
                where=f"target {raw['id']!r}, field indicator/id",
            )
        del i
    return tuple(data)


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
        If the file does not follow :data:`regions.schemas.TARGETS_SCHEMA`, repeats an id, quotes text not
        verbatim in the excerpt or names an indicator the project does not have; the message names the
        file, the target id and the field.
    """
    import copy

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
    layout = check_layout(layout)
    targets = {t["id"]: t for t in load_targets()}
    if target_id not in targets:
        raise ValueError(f"target_id: {target_id!r} is not a known target; known: {', '.join(targets)}")
    ind = targets[target_id]["indicator"]
    if ind is None:
        return None
    from regions import statistics

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
