"""Colour scales that show the country (issue 17 item 5): skewed figures are binned at round edges by
default, linear scales get round ticks, and the choice is the link's.

Expected bins are recomputed here from ``data/statistics.csv`` with ``csv`` and floats.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from regions.pages import map as map_page
from regions.pages import view
from regions.stats import transforms

ROOT = Path(__file__).resolve().parent.parent


def _values(indicator: str, year: int) -> dict[str, float]:
    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        return {
            r["iso_code"]: float(r["value"])
            for r in csv.DictReader(f)
            if r["territory"] == "2022" and r["indicator"] == indicator and r["year"] == str(year)
            and r["iso_code"] != "KZ"
        }  # fmt: skip


def _two_digits(x: float) -> float:
    e = math.floor(math.log10(abs(x)))
    return round(x / 10**e, 1) * 10**e


def test_gross_regional_product_is_skewed_and_binned_at_round_edges_by_default():
    grp = _values("grp", 2024)
    ordered = sorted(grp.values())
    median = (ordered[9] + ordered[10]) / 2
    assert ordered[-1] - median > 3 * (median - ordered[0])  # Almaty city and Atyrau far above the rest

    model = map_page.map_model("2022", "en", "grp", 2024, measure=map_page.Measure())
    assert model.colour.kind == "binned" and model.colour.n_bins == 5
    # Quintile edges by linear interpolation between ranks, each rounded to two significant digits.
    edges = []
    for i in range(1, 5):
        pos = i * (len(ordered) - 1) / 5
        lo = math.floor(pos)
        q = ordered[lo] + (pos - lo) * (ordered[lo + 1] - ordered[lo])
        edges.append(_two_digits(q))
    for unit, z in zip(model.units, model.colour.z, strict=True):
        assert z == sum(grp[unit.iso_code] >= e for e in edges), unit.iso_code
    # The legend names round numbers only: two significant digits.
    for label in model.colour.ticktext:
        for number in label.replace("<", "").replace("≥", "").split("–"):
            digits = number.strip().replace(",", "").lstrip("0").rstrip("0").replace(".", "")
            assert len(digits.rstrip("0")) <= 2, label


def test_a_linear_scale_has_round_ticks():
    model = map_page.map_model("2022", "en", "population", 2024, measure=map_page.Measure(scale="linear"))
    assert model.colour.kind == "linear"
    ticks = model.colour.tickvals
    assert len(ticks) >= 2
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in (1.0, 2.0, 5.0)
    assert all(abs(t / step - round(t / step)) < 1e-9 for t in ticks)


@pytest.mark.parametrize("scale", ["linear", "log", "quantile"])
def test_a_chosen_scale_is_kept_in_the_link(scale):
    v = view.parse({"indicator": "grp", "scale": scale}, {}, {"grp": [2024]})
    assert v.scale == scale and v.to_params()["scale"] == scale


def test_the_default_scale_is_not_written_into_the_link():
    v = view.parse({"indicator": "grp"}, {}, {"grp": [2024]})
    assert v.scale == "auto" and "scale" not in v.to_params()


def test_auto_is_linear_when_the_values_are_even():
    s = transforms.colour_scale([10.0, 11.0, 12.0, 13.0, 14.0], "auto", str)
    assert s.kind == "linear" and s.tickvals == [10.0, 11.0, 12.0, 13.0, 14.0]
