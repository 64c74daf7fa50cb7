"""The regional table's XLSX is made for people (issue 17, item 12): bold headers, fitted widths, an
autofilter, the header row and the code and name columns frozen, each indicator's decimals, and a sheet
saying which view produced the file.

openpyxl reads the file back; expected words are written here, not read from ``data/i18n.json``.
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


def _book(lang: str = "en", view=(), codes=None):
    df = table.regional_table("2022", with_national=True)
    if codes is not None:
        df = df[df["iso_code"].isin([*codes, "KZ"])]
    return openpyxl.load_workbook(io.BytesIO(table.to_xlsx_bytes(df, "2022", lang=lang, view=view)))


@pytest.fixture(scope="module")
def book():
    view = table.view_rows(
        "2022",
        "en",
        date="2026-12-07",
        sectors=["metallurgy"],
        mode="designated",
        rows="5 of 20 regions shown.",
        with_national=True,
    )
    return _book("en", view)


def test_headers_are_bold_on_every_table_sheet(book):
    for name in ("regions", "dictionary", "sources"):
        header = book[name][1]
        assert header and all(c.font.bold for c in header if c.value is not None), name


def test_an_autofilter_covers_the_whole_table(book):
    sheet = book["regions"]
    last = openpyxl.utils.get_column_letter(sheet.max_column)
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    assert sheet.max_row == 1 + 20 + 1  # header, the 20 regions, the national row


def test_header_row_code_and_name_are_frozen(book):
    sheet = book["regions"]
    assert sheet.freeze_panes == "C2"
    assert [sheet.cell(row=1, column=c).value for c in (1, 2)] == ["iso_code", "name_en"]


@pytest.mark.parametrize(("lang", "name"), [("ru", "name_ru"), ("kk", "name_kk")])
def test_the_name_in_the_page_language_is_the_frozen_second_column(lang, name):
    sheet = _book(lang).worksheets[0]
    assert sheet.cell(row=1, column=2).value == name and sheet.freeze_panes == "C2"


def test_columns_are_fitted_to_their_longest_text(book):
    sheet = book["regions"]
    header = [c.value for c in sheet[1]]
    names = sheet.column_dimensions[openpyxl.utils.get_column_letter(header.index("name_en") + 1)].width
    code = sheet.column_dimensions["A"].width
    longest = max(len(str(c.value)) for (c,) in sheet.iter_rows(min_col=2, max_col=2) if c.value)
    assert names >= longest and code < names  # "East Kazakhstan Region" needs more room than "KZ-63"


def test_indicator_columns_carry_their_indicators_decimals(book):
    sheet = book["regions"]
    header = [c.value for c in sheet[1]]
    for ind in ("grp", "population", "share_mining"):
        col = header.index(f"{ind}_2023") + 1
        places = int(INDICATORS[ind]["decimals"])
        fmts = {sheet.cell(row=r, column=col).number_format for r in range(2, sheet.max_row + 1)
                if isinstance(sheet.cell(row=r, column=col).value, (int, float))}  # fmt: skip
        assert fmts == {"#,##0" + ("." + "0" * places if places else "")}, ind


def test_the_view_sheet_says_which_view_produced_the_file(book):
    sheet = book["view"]
    line = sheet["A1"].value
    assert sheet["A1"].font.bold
    for words in ("2022 (20 regions)", "Metallurgy", "designated by the address", "5 of 20 regions shown.",
                  "English", "2026-12-07", "national row"):  # fmt: skip
        assert words in line, words
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Date"] == "2026-12-07" and rows["Language"] == "English"


def test_without_a_view_the_file_still_names_layout_language_and_date():
    sheet = _book("kk")["көрініс"]
    line = sheet["A1"].value
    assert "Қазақша" in line and "2022" in line
    assert any(len(v) == 10 and v[4] == "-" for _, v in sheet.iter_rows(min_row=2, values_only=True))


def test_figures_in_the_sheet_equal_the_stored_ones():
    # The people-friendly dressing changes no number: GRP 2023 of Atyrau as stored in data/statistics.csv.
    with (ROOT / "data" / "statistics.csv").open(encoding="utf-8") as f:
        stored = next(
            float(r["value"]) for r in csv.DictReader(f)
            if (r["iso_code"], r["territory"], r["indicator"], r["year"]) == ("KZ-23", "2022", "grp", "2023")
        )  # fmt: skip
    sheet = _book("en", codes=("KZ-23",))["regions"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "KZ-23")
    assert row[header.index("grp_2023")] == pytest.approx(round(stored, int(INDICATORS["grp"]["decimals"])))
