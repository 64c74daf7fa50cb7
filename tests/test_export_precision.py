"""The regional table's exports keep each figure's precision: the source's decimals, one more for a
computed ratio, and the same decimals as the XLSX cell's number format.

Expected values are recomputed here from ``data/statistics.csv`` with ``csv`` and floats, not taken from
the code under test.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from regions.exports import table

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = {i["id"]: i for i in json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))}


def _stored(code: str, indicator: str, year: int) -> float:
    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["iso_code"], row["territory"], row["indicator"], row["year"]) == (code, "2022", indicator, str(year)):
                return float(row["value"])
    raise LookupError((code, indicator, year))


@pytest.fixture(scope="module")
def exported() -> dict[str, dict[str, str]]:
    text = table.to_csv_bytes(table.regional_table("2022")).decode("utf-8-sig")
    return {row["iso_code"]: row for row in csv.DictReader(io.StringIO(text))}


def _decimals(indicator: str) -> int:
    return int(INDICATORS[indicator]["decimals"])


# (unit, year): regions whose computed GRP per capita has a non-zero second decimal, so that dropping
# the extra decimal of computed ratios changes the exported figure.
@pytest.mark.parametrize(("code", "year"), [("KZ-75", 2024), ("KZ-23", 2023), ("KZ-55", 2022)])
def test_a_computed_ratio_keeps_one_decimal_more_than_it_is_shown_with(exported, code, year):
    value = _stored(code, "grp", year) * 1000 / _stored(code, "population", year)
    places = _decimals("grp_per_capita_computed") + 1
    got = float(exported[code][f"grp_per_capita_computed_{year}"])
    assert got == pytest.approx(round(value, places), abs=1e-9)


def test_the_extra_decimal_is_real_in_the_chosen_cases(exported):
    # Guards the test above against a vacuous pass: in at least one case the extra place is not zero.
    shown = _decimals("grp_per_capita_computed")
    assert any(
        round(_stored(c, "grp", y) * 1000 / _stored(c, "population", y), shown + 1)
        != round(_stored(c, "grp", y) * 1000 / _stored(c, "population", y), shown)
        for c, y in [("KZ-75", 2024), ("KZ-23", 2023), ("KZ-55", 2022)]
    )


@pytest.mark.parametrize("indicator", ["grp", "employed", "population"])
def test_a_reported_figure_is_exported_at_the_sources_precision(exported, indicator):
    value = _stored("KZ-35", indicator, 2023)
    got = exported["KZ-35"][f"{indicator}_2023"]
    assert float(got) == pytest.approx(round(value, _decimals(indicator)), abs=1e-9)


@pytest.mark.parametrize("indicator", ["grp", "employed", "share_mining"])
def test_the_xlsx_number_format_has_the_indicators_decimals(indicator):
    book = openpyxl.load_workbook(io.BytesIO(table.to_xlsx_bytes(table.regional_table("2022"), "2022")))
    sheet = book["regions"]
    header = [c.value for c in sheet[1]]
    col = header.index(f"{indicator}_2023") + 1
    fmt = sheet.cell(row=2, column=col).number_format
    places = _decimals(indicator)
    assert fmt == "#,##0" + ("." + "0" * places if places else "")
