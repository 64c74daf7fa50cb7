"""The stored BNS figures read straight from ``data/statistics.csv`` with the csv module, so that tests can
recompute what the code computes without going through the code under test."""

from __future__ import annotations

import csv

from regions.base.paths import DATA


def stored() -> dict[tuple[str, str, str, int], float]:
    """Every stored figure keyed by (ISO code, territory, indicator, year)."""
    with (DATA / "statistics.csv").open(newline="", encoding="utf-8") as fh:
        return {
            (r["iso_code"], r["territory"], r["indicator"], int(r["year"])): float(r["value"])
            for r in csv.DictReader(fh)
        }
