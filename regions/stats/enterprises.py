"""The major enterprises of each region (``data/enterprises.csv``), each with its status and source."""

from __future__ import annotations

import pandas as pd

from regions.base import store
from regions.base.i18n import t
from regions.base.schemas import ENTERPRISE_COLUMNS, ENTERPRISE_STATUSES
from regions.geo import lineage
from regions.stats import statistics


def for_unit(code: str, layout: str, lang: str | None = None) -> pd.DataFrame:
    """Major enterprises named by a source, for the unit (a 2020 unit gathers its successors').

    With ``lang``, the ``status`` column (operating, under construction, planned) is given in that language.
    """

    df = pd.DataFrame([row for _, row in _enterprise_rows()], columns=list(ENTERPRISE_COLUMNS))
    codes = lineage.successors_2020().get(code, (code,)) if layout == "2020" else (code,)
    out = df[df["iso_code"].isin(codes)].reset_index(drop=True)
    if lang is not None:
        out["status"] = [t(f"status_{s}", lang) for s in out["status"]]
    return out


@store.memo
def _enterprise_rows() -> list[tuple[int, dict[str, str]]]:
    """The rows of ``data/enterprises.csv``, checked: a known region, sector and status on every row."""

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
