"""Bring your own data: reading, number parsing, matching and the report (regions/uploads/upload.py).

Every fixture file is written here, from text typed by hand; the expected values are read off that text.
"""

import io
import math
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from regions.uploads import upload
from regions.uploads.upload import (
    BadCell,
    Duplicate,
    NotANumber,
    UploadError,
    decide_decimal_comma,
    match_rows,
    neutralise_cell,
    neutralise_frame,
    parse_number,
    read_table,
    safe_text,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
MINUS = "\u2212"


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def table(text: str, filename: str = "t.csv", encoding: str = "utf-8") -> pd.DataFrame:
    return read_table(text.encode(encoding), filename)


def match(text: str, **kwargs) -> upload.MatchResult:
    return match_rows(table(text), **kwargs)


# --------------------------------------------------------------------------------------------------
# read_table
# --------------------------------------------------------------------------------------------------

CYRILLIC = "Регион;ВРП\nВосточно-Казахстанская область;1 234,5\nг. Алматы;7,25\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251")],
)
def test_encodings_decode_to_the_same_text(encoding, expected):
    df = table(CYRILLIC, encoding=encoding)
    assert list(df.columns) == ["Регион", "ВРП"]  # no BOM glued to the first header
    assert df["Регион"].tolist() == ["Восточно-Казахстанская область", "г. Алматы"]
    assert df["ВРП"].tolist() == ["1 234,5", "7,25"]  # still text: nothing parsed on reading
    assert df.attrs["encoding"] == expected


def test_utf16_with_byte_order_mark_is_read():
    df = read_table("Region\tGRP\nAbai\t5\n".encode("utf-16"), "excel-unicode.txt")
    assert df.to_dict("list") == {"Region": ["Abai"], "GRP": ["5"]}


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Region,GRP,Population\nAbai,12.5,600\nJetisu,7,700\n", ","),
        ("Region;GRP;Population\nAbai;12,5;600\nJetisu;7;700\n", ";"),
        ("Region\tGRP\tPopulation\nAbai\t12,5\t600\nJetisu\t7\t700\n", "\t"),
        # A comma inside the header does not fool the sniffer when ';' splits every row.
        ("Region;GRP, bn tenge;Population\nAbai;12,5;600\nJetisu;7;700\n", ";"),
        # Quoted cells holding the other delimiters.
        ('Region,GRP,Population\n"Abai; new",12.5,600\n"Jetisu\tnew",7,700\n', ","),
    ],
)
def test_delimiter_is_sniffed(text, delimiter):
    df = table(text)
    assert df.attrs["delimiter"] == delimiter
    assert len(df.columns) == 3
    assert df.iloc[1, 2] == "700"


def test_cells_are_text_with_outer_spaces_stripped():
    df = table(f"Region,GRP\n  Abai  ,{NBSP}1 234{NBSP}\n")
    assert df.iloc[0].tolist() == ["Abai", "1 234"]


def test_row_numbers_are_those_a_spreadsheet_shows():
    # Line 1 header, line 2 data, line 3 blank (dropped), line 4 data.
    df = table("Region,GRP\nAbai,1\n,\nJetisu,2\n")
    assert df.index.tolist() == [2, 4]
    assert df.index.name == "row"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_title_lines_above_the_header_are_skipped(delimiter):
    text = f"GRP by region (2024)\n\nSource: BNS\nRegion{delimiter}GRP\nAbai{delimiter}1\n"
    df = table(text)
    assert df.attrs["delimiter"] == delimiter
    assert list(df.columns) == ["Region", "GRP"]
    assert df.attrs["header_row"] == 4
    assert df.index.tolist() == [5]


def test_one_column_file_with_a_stray_cell_keeps_its_header():
    df = table("Region\nAbai\nJetisu,note\n")
    assert list(df.columns) == ["Region", "column 2"]
    assert df["Region"].tolist() == ["Abai", "Jetisu"]


def test_blank_and_repeated_header_names_get_names():
    df = table("Region,,GRP,grp\nAbai,x,1,2\n")
    assert list(df.columns) == ["Region", "column 2", "GRP", "grp (2)"]


def test_short_rows_are_padded_and_long_rows_widen_the_table():
    df = table("Region,GRP\nAbai\nJetisu,2,extra\n")
    assert list(df.columns) == ["Region", "GRP", "column 3"]
    assert df.loc[2].tolist() == ["Abai", "", ""]
    assert df.loc[3].tolist() == ["Jetisu", "2", "extra"]


def test_xlsx_numbers_become_text_without_a_trailing_zero():
    data = xlsx_bytes(
        [["KATO", "Name", "GRP"], [630000000, "Abai", 1234.5], [750000000.0, "Almaty city", -3]]
    )
    df = read_table(data, "book.xlsx")
    assert df.attrs["format"] == "xlsx"
    assert df.to_dict("list") == {
        "KATO": ["630000000", "750000000"],
        "Name": ["Abai", "Almaty city"],
        "GRP": ["1234.5", "-3"],
    }


def test_xlsx_is_recognised_by_magic_bytes_whatever_the_extension():
    data = xlsx_bytes([["Region", "GRP"], ["Abai", 1]])
    assert read_table(data, "misnamed.csv").attrs["format"] == "xlsx"


def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "needle"),
    [
        (b"", "empty.csv", "empty"),
        (b"  \r\n\r\n", "blank.csv", "empty"),
        (b"\xef\xbb\xbf", "bom-only.csv", "empty"),
        (b",,,\n,,\n", "commas.csv", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.csv", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.csv", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old.xls", ".xls"),
        (b"Region,GRP\nAbai,1\x00\x00\x01\x02", "nul.csv", "binary"),
        (bytes(range(1, 32)) * 10, "controls.csv", "binary"),
        (b'{"Abai": 1}', "data.json", "not a CSV or XLSX"),
        (b"PK\x03\x04this is no zip at all", "broken.xlsx", "corrupted XLSX"),
        (b"Region,GRP\nAbai,1\n", "text.xlsx", "corrupted XLSX"),
        (_zip_without_workbook(), "archive.xlsx", "not a CSV or XLSX"),
        (b"Region,GRP\n\x98\x98,1\n", "undecodable.csv", "unreadable encoding"),
        (b"1,2\n3,4\n", "headless.csv", "no header"),
    ],
)
def test_unreadable_files_raise_upload_error_naming_the_file(data, filename, needle):
    with pytest.raises(UploadError) as info:
        read_table(data, filename)
    message = str(info.value)
    assert message.startswith(f"{filename}: ")
    assert needle in message
    assert "\n" not in message


def test_xlsx_far_down_and_far_right_is_read_quickly():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Region", "GRP"])
    sheet.append(["Abai", 1])
    sheet["A1048576"] = "Jetisu"  # the last row Excel has: a million rows between, all blank
    sheet["XFD1"] = "far right"  # the last column: beyond the 200 columns read, ignored
    buf = io.BytesIO()
    book.save(buf)
    df = read_table(buf.getvalue(), "sparse.xlsx")
    assert df.index.tolist() == [2, 1048576]
    assert df["Region"].tolist() == ["Abai", "Jetisu"]
    assert list(df.columns) == ["Region", "GRP"]


def test_xlsx_that_unpacks_to_too_much_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * 60_000_000)  # about 60 kB packed
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(UploadError, match=r"^bomb\.xlsx: file too large when unpacked"):
        read_table(buf.getvalue(), "bomb.xlsx")


def test_truncated_xlsx_is_corrupted():
    data = xlsx_bytes([["Region", "GRP"], ["Abai", 1]])
    with pytest.raises(UploadError, match=r"^cut\.xlsx: corrupted XLSX"):
        read_table(data[: len(data) // 2], "cut.xlsx")


def test_oversize_file_is_refused():
    data = b"Region,GRP\n" + b"Abai,1\n" * 20  # 151 bytes
    assert len(read_table(data, "ok.csv", max_bytes=151)) == 20
    with pytest.raises(UploadError, match=r"^big\.csv: file too large \(151 bytes; the limit is 150 bytes\)"):
        read_table(data, "big.csv", max_bytes=150)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows_is_refused_and_names_the_row(kind):
    rows = [["Region", "GRP"]] + [["Abai", str(i)] for i in range(4)]  # 4 data rows: rows 2..5
    data = xlsx_bytes(rows) if kind == "xlsx" else "\n".join(",".join(r) for r in rows).encode()
    assert len(read_table(data, f"ok.{kind}", max_rows=4)) == 4
    with pytest.raises(UploadError) as info:
        read_table(data, f"long.{kind}", max_rows=3)
    assert str(info.value).startswith(f"long.{kind}: too many rows")
    assert "row 5" in str(info.value)


def test_default_limits_are_five_megabytes_and_a_thousand_rows():
    ok = "Region,GRP\n" + "Abai,1\n" * 1000
    assert len(table(ok)) == 1000
    with pytest.raises(UploadError, match="too many rows"):
        table(ok + "Abai,1\n")
    with pytest.raises(UploadError, match="too large"):
        read_table(b"a" * 5_000_001, "big.csv")


# --------------------------------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42.0),
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),
        (f"1{NBSP}234{NBSP}567,8", 1234567.8),
        (f"1{NNBSP}234", 1234.0),
        ("1'234'567.8", 1234567.8),
        ("1\u2019234", 1234.0),
        ("1,234,567.8", 1234567.8),
        ("1.234.567,8", 1234567.8),
        ("1,234,567", 1234567.0),
        ("-5", -5.0),
        (f"{MINUS}5", -5.0),
        (f"{MINUS}1 234,5", -1234.5),
        ("+3", 3.0),
        ("12,5%", 12.5),
        ("-0.5 %", -0.5),
        (",5", 0.5),
        ("1.5e6", 1500000.0),
        ("  7  ", 7.0),
        (3, 3.0),
        (2.5, 2.5),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "  ", "-", "—", "–", "..", "...", "…", "x", "х", "н/д", "Н/Д", "n/a", "NaN", None, math.nan]
)
def test_missing_marks_are_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    ["abc", "12 34", "1,2,3", "1.234,5.6", "5 apples", "%", "--5", "1,23,456", "1e400", "inf", math.inf],
)
def test_non_numbers_raise(text):
    with pytest.raises(NotANumber) as info:
        parse_number(text)
    assert info.value.text == str(text)


# In a column read with thousands commas, a lone comma is a thousands separator only where it can be one:
# one to three digits before it (a first group) and exactly three after. Anything else stays a decimal.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", 1234.0),
        ("12,345", 12345.0),
        ("123,456", 123456.0),
        ("1234,567", 1234.567),  # four digits cannot be a first group of thousands
        (",567", 0.567),  # no digit before the comma: no group at all
        ("1,2345", 1.2345),
        ("12,34", 12.34),
        ("-123,456", -123456.0),
    ],
)
def test_lone_comma_is_a_thousands_separator_only_where_it_can_be_one(text, expected):
    assert parse_number(text, decimal_comma=False) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("decimal_comma", "expected"), [(None, 1.234), (True, 1.234), (False, 1234.0)])
def test_lone_comma_before_three_digits_follows_the_column_decision(decimal_comma, expected):
    assert parse_number("1,234", decimal_comma=decimal_comma) == pytest.approx(expected)
    # Other digit counts are never thousands.
    assert parse_number("12,5", decimal_comma=decimal_comma) == pytest.approx(12.5)


@pytest.mark.parametrize(
    ("values", "delimiter", "expected"),
    [
        (["1,234", "12,345", "7"], ",", False),  # every lone comma has three digits after it
        (["1,234", "12,5"], ",", True),  # one cell settles it: decimal comma
        (["1,234", "12,345"], ";", True),  # semicolon files use decimal commas
        (["1,234", "12,345"], "\t", False),
        ([f"1{NBSP}234,5"], ",", True),
        (["7", "8"], ",", True),  # no comma at all: nothing to decide
    ],
)
def test_decide_decimal_comma(values, delimiter, expected):
    assert decide_decimal_comma(values, delimiter) is expected


# --------------------------------------------------------------------------------------------------
# match_rows: what a cell may say
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        # English, with and without decoration, any case and spacing
        ("East Kazakhstan", "KZ-63"),
        ("East Kazakhstan Region", "KZ-63"),
        ("  east   KAZAKHSTAN oblast ", "KZ-63"),
        ("Karaganda", "KZ-35"),
        ("Almaty Region", "KZ-19"),
        ("Almaty city", "KZ-75"),
        ("Shymkent", "KZ-79"),
        # Russian
        ("Восточно-Казахстанская область", "KZ-63"),
        ("Восточно-Казахстанская обл.", "KZ-63"),
        ("ВОСТОЧНО-КАЗАХСТАНСКАЯ", "KZ-63"),
        ("Алматинская область", "KZ-19"),
        ("г. Алматы", "KZ-75"),
        ("г.Астана", "KZ-71"),
        ("область Абай", "KZ-10"),
        # Kazakh, also typed with Russian look-alike letters
        ("Шығыс Қазақстан облысы", "KZ-63"),
        ("Шыгыс Казакстан облысы", "KZ-63"),
        ("Алматы қаласы", "KZ-75"),
        ("Ұлытау облысы", "KZ-62"),
        # Codes
        ("KZ-63", "KZ-63"),
        ("kz63", "KZ-63"),
        ("KZ-VOS", "KZ-63"),
        ("630000000", "KZ-63"),
        ("630000000.0", "KZ-63"),
        ("6.3E+08", "KZ-63"),
        ("63", "KZ-63"),
        ("750000000", "KZ-75"),
        # Former names
        ("South Kazakhstan", "KZ-61"),
        ("Южно-Казахстанская область", "KZ-61"),
        ("Nur-Sultan", "KZ-71"),
    ],
)
def test_one_cell_matches(cell, code):
    result = match(f"Region,GRP\n{cell},1\n")
    assert result.rows["iso_code"].tolist() == [code]
    assert result.report.matched == 1
    assert not result.report.unmatched


def test_names_in_three_languages_in_one_file():
    text = (
        "Регион;ВРП\n"
        "Akmola Region;1\n"
        "Актюбинская область;2\n"
        "Атырау облысы;3\n"
        "Mangystau;4\n"
        "Павлодарская обл.;5\n"
        "Солтүстік Қазақстан облысы;6\n"
    )
    result = match(text)
    assert result.rows["iso_code"].tolist() == ["KZ-11", "KZ-15", "KZ-23", "KZ-47", "KZ-55", "KZ-59"]
    assert result.rows["name_en"].tolist()[:2] == ["Akmola Region", "Aktobe Region"]
    assert result.rows["ВРП"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert result.rows.index.tolist() == [2, 3, 4, 5, 6, 7]


def test_kato_column_read_as_numbers_from_xlsx():
    data = xlsx_bytes(
        [["kato", "value"], [110000000, 1.5], [150000000.0, 2], [790000000, None], [100000000, "н/д"]]
    )
    result = match_rows(read_table(data, "k.xlsx"))
    assert result.report.id_column == "kato"
    assert result.rows["iso_code"].tolist() == ["KZ-11", "KZ-15", "KZ-79", "KZ-10"]
    values = result.rows["value"].tolist()
    assert values[:2] == [1.5, 2.0] and math.isnan(values[2]) and math.isnan(values[3])
    assert result.report.missing == {"value": 2}


def test_the_output_columns_are_iso_code_name_en_then_the_files():
    result = match("Name,GRP,Note\nAbai,1,first\nJetisu,2,second\n")
    assert list(result.rows.columns) == ["iso_code", "name_en", "Name", "GRP", "Note"]
    assert result.rows.loc[3].tolist() == ["KZ-33", "Jetisu Region", "Jetisu", 2.0, "second"]


# --------------------------------------------------------------------------------------------------
# match_rows: the id column, numbers and layouts
# --------------------------------------------------------------------------------------------------


def test_id_column_is_the_first_that_mostly_names_regions():
    # 'Year' and 'Comment' name no region; 'Oblast' does (3 of 4 cells), 'KATO' too but comes later.
    text = (
        "Year,Comment,Oblast,KATO,GRP\n"
        "2024,ok,Abai,100000000,1\n"
        "2024,ok,Jetisu,330000000,2\n"
        "2024,ok,Atlantis,620000000,3\n"
        "2024,ok,Ulytau,620000000,4\n"
    )
    result = match(text)
    assert result.report.id_column == "Oblast"
    assert result.rows["iso_code"].tolist() == ["KZ-10", "KZ-33", "KZ-62"]
    # The KATO column names regions too: it stays text, it is not a numeric column.
    assert result.report.numeric_columns == ("Year", "GRP")
    assert result.rows["KATO"].tolist() == ["100000000", "330000000", "620000000"]
    assert [(u.row, u.text) for u in result.report.unmatched] == [(4, "Atlantis")]


def test_a_country_column_is_not_the_region_column():
    result = match("Country,Region,GRP\nKazakhstan,Abai,1\nKazakhstan,Jetisu,2\nKazakhstan,Total,3\n")
    assert result.report.id_column == "Region"
    assert result.rows["iso_code"].tolist() == ["KZ-10", "KZ-33"]
    assert result.report.national_row == 4


def test_small_integers_beside_the_names_stay_numbers():
    # 10, 11, 15 are two-digit KATO prefixes too, but in a data column they are data.
    result = match("Region,districts\nAbai,10\nAkmola,11\nAktobe,15\n")
    assert result.report.numeric_columns == ("districts",)
    assert result.rows["districts"].tolist() == [10.0, 11.0, 15.0]


def test_given_id_column_is_used_case_insensitively():
    result = match("code,name,GRP\n1,Abai,5\n2,Jetisu,6\n", id_column="NAME")
    assert result.report.id_column == "name"
    assert result.rows["iso_code"].tolist() == ["KZ-10", "KZ-33"]


def test_unknown_id_column_is_a_value_error_naming_the_columns():
    with pytest.raises(ValueError, match=r"no column 'Oblast'.*'code', 'name'"):
        match("code,name\n1,Abai\n", id_column="Oblast")


def test_no_region_column_matches_nothing():
    result = match("Fruit,Price\napple,1\npear,2\n")
    assert result.report.id_column is None
    assert result.report.matched == 0
    assert result.rows.empty
    assert any("no column of region names" in line for line in result.report.lines())


def test_semicolon_file_with_decimal_commas():
    text = "Регион;ВРП;Доля\nАбай облысы;1 234,5;12,5%\nЖетісу облысы;2 000;7\nҰлытау облысы;1,234;—\n"
    result = match(text)
    # ';' file: the comma is decimal, even in '1,234'.
    assert result.rows["ВРП"].tolist() == [1234.5, 2000.0, 1.234]
    assert result.rows["Доля"].tolist()[:2] == [12.5, 7.0]
    assert math.isnan(result.rows["Доля"].tolist()[2])


def test_tab_file_with_nbsp_thousands_and_comma_thousands():
    text = (
        "Region\tPopulation\tGRP\n"
        f"Abai\t603{NBSP}000\t1,234\n"
        f"Jetisu\t1{NNBSP}234{NNBSP}567\t12,345\n"
        f"Ulytau\t{MINUS}5\t2,000,000\n"
    )
    result = match(text)
    assert result.rows["Population"].tolist() == [603000.0, 1234567.0, -5.0]
    # Every lone comma has three digits after it, in a tab file: thousands separators.
    assert result.rows["GRP"].tolist() == [1234.0, 12345.0, 2000000.0]
    assert result.report.decimal_comma == {"GRP": False}
    assert any("thousands separator" in line for line in result.report.lines())


def test_non_numeric_cells_are_reported_and_become_nan():
    text = "Region,GRP,Note\nAbai,1,a\nJetisu,abc,b\nUlytau,..,c\nAkmola,3 apples,d\nAktobe,4,e\nAtyrau,5,f\n"
    result = match(text)
    assert result.report.numeric_columns == ("GRP",)
    assert result.report.not_numbers == (BadCell(3, "GRP", "abc"), BadCell(5, "GRP", "3 apples"))
    assert result.report.missing == {"GRP": 1}
    grp = result.rows["GRP"].tolist()
    assert grp[0] == 1.0 and grp[4:] == [4.0, 5.0] and all(math.isnan(v) for v in grp[1:4])
    assert result.rows["Note"].tolist() == ["a", "b", "c", "d", "e", "f"]
    lines = result.report.lines()
    assert "row 3, column 'GRP': not a number: 'abc'" in lines
    assert "row 5, column 'GRP': not a number: '3 apples'" in lines


def test_pre_2022_file_is_read_as_the_2020_layout():
    text = (
        "Область;Население\n"
        "Восточно-Казахстанская область;1 370 000\n"
        "Карагандинская область;1 380 000\n"
        "Южно-Казахстанская область;2 000 000\n"
        "KZ-PAV;750 000\n"
    )
    result = match(text)
    report = result.report
    assert report.layout == "2020"
    assert result.rows["iso_code"].tolist() == ["KZ-63", "KZ-35", "KZ-61", "KZ-55"]
    old = {o.row: o for o in report.old_units}
    assert set(old) == {2, 3, 5}  # the two units split in 2022, and the old letter code
    assert "KZ-10" in old[2].note and "KZ-62" in old[3].note
    assert "letter code" in old[5].note


def test_a_2022_unit_makes_the_file_2022():
    result = match("Region,GRP\nEast Kazakhstan,1\nAbai,2\n")
    assert result.report.layout == "2022"
    assert result.report.old_units == ()


def test_given_2020_layout_leaves_2022_units_unmatched_with_the_reason():
    result = match("Region,GRP\nEast Kazakhstan,1\nAbai,2\n100000000,3\n", layout="2020")
    assert result.rows["iso_code"].tolist() == ["KZ-63"]
    assert [u.row for u in result.report.unmatched] == [3, 4]
    assert all("KZ-63" in u.reason for u in result.report.unmatched)


# --------------------------------------------------------------------------------------------------
# match_rows: national row, duplicates, ambiguity
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Kazakhstan",
        "Republic of Kazakhstan",
        "Республика Казахстан",
        "Қазақстан Республикасы",
        "Казахстан",
        "Total",
        "Итого",
        "Всего по республике",
        "Барлығы",
        "KZ",
    ],
)
def test_national_total_row_is_recognised(label):
    result = match(f"Region,GRP\n{label},100\nAbai,1\n")
    assert result.national is not None
    assert result.national["iso_code"] == "KZ"
    assert result.national["GRP"] == 100.0
    assert result.report.national_row == 2
    assert result.rows["iso_code"].tolist() == ["KZ-10"]
    assert result.report.unmatched == ()


@pytest.mark.parametrize("label", ["West Kazakhstan", "North Kazakhstan Region", "Республика"])
def test_regions_named_after_the_country_are_not_national(label):
    result = match(f"Region,GRP\n{label},1\nAbai,2\n")
    assert result.report.national_row is None


def test_duplicates_keep_the_first_and_report_both_rows():
    text = "Region,GRP\nEast Kazakhstan,1\nAbai,2\nВКО,3\nKZ-63,4\n"
    result = match(text)
    assert result.rows["iso_code"].tolist() == ["KZ-63", "KZ-10"]
    assert result.rows.loc[2, "GRP"] == 1.0  # the first row's value
    assert result.report.duplicates == (Duplicate("KZ-63", 2, (4, 5), ("East Kazakhstan", "ВКО", "KZ-63")),)
    line = next(x for x in result.report.lines() if x.startswith("duplicate"))
    assert "rows 2, 4 and 5" in line and "kept row 2" in line and "dropped rows 4 and 5" in line


def test_bare_almaty_is_ambiguous_and_left_out():
    result = match("Region,GRP\nAlmaty,1\nAlmaty Region,2\nг. Алматы,3\n")
    assert result.rows["iso_code"].tolist() == ["KZ-19", "KZ-75"]
    assert [(a.row, a.text, a.candidates) for a in result.report.ambiguous] == [
        (2, "Almaty", ("KZ-19", "KZ-75"))
    ]
    line = next(x for x in result.report.lines() if x.startswith("row 2"))
    assert "KZ-19 Almaty Region" in line and "KZ-75 Almaty (city)" in line


def test_file_columns_named_like_output_columns_are_renamed():
    result = match("iso_code,name_en,GRP\nKZ-10,Abai Region,1\n")
    assert list(result.rows.columns) == ["iso_code", "name_en", "iso_code (file)", "name_en (file)", "GRP"]
    assert result.rows.iloc[0].tolist() == ["KZ-10", "Abai Region", "KZ-10", "Abai Region", 1.0]


def test_unmatched_rows_give_suggestions():
    result = match("Region,GRP\nAbai,1\nJetisu,2\nKaragandaa,3\n,4\n")
    assert [(u.row, u.text) for u in result.report.unmatched] == [(4, "Karagandaa"), (5, "")]
    assert "KZ-35" in result.report.unmatched[0].suggestions
    lines = result.report.lines()
    assert any(x.startswith("row 5: unmatched: (blank)") for x in lines)


def test_a_column_with_too_few_region_names_is_not_taken_but_named():
    # Half the cells name a region: not "most", so no column is chosen; the report names the best one.
    result = match("Region,GRP\nAbai,1\nKaragandaa,2\n")
    assert result.report.id_column is None
    assert any("'Region' with 1 of 2 cells" in line for line in result.report.lines())
    assert match("Region,GRP\nAbai,1\nKaragandaa,2\n", id_column="Region").report.matched == 1


# --------------------------------------------------------------------------------------------------
# Safe report text
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abai", "Abai"),
        ("evil\u202eexe.csv", "evilexe.csv"),
        ("\u2066isolate\u2069 \u200fmark", "isolate mark"),
        ("bell\x07 and\x1b[31m escape", "bell and[31m escape"),
        ("line\nbreak\ttab", "line break tab"),
        ("x" * 41, "x" * 39 + "…"),
        ("x" * 40, "x" * 40),
        (None, ""),
    ],
)
def test_safe_text(text, expected):
    assert safe_text(text) == expected


def test_report_lines_carry_no_control_or_bidi_characters_and_no_long_text():
    evil = "\u202e**Click** [here](http://x)\x1b[2J" + "y" * 80
    result = match(f'Region,GRP\nAbai,1\n"{evil}",2\nJetisu,"{evil}"\n')
    lines = result.report.lines()
    text = "\n".join(lines)
    assert "\u202e" not in text and "\x1b" not in text
    unmatched = next(x for x in lines if x.startswith("row 3: unmatched"))
    assert "…" in unmatched and len(unmatched) < 80
    assert "**Click** [here](http://x)" in unmatched  # kept as plain text, not rendered or escaped


def test_report_lines_language():
    # Unmatched, ambiguous, duplicate and not-a-number rows: every kind of line, worded per language,
    # with the file's own texts quoted unchanged in each.
    report = match("Region,GRP\nAbai,1\nAtlantis,2\nAlmaty,3\nAbai,4\nAkmola,12abc\n").report
    en, ru, kk = (report.lines(lang) for lang in ("en", "ru", "kk"))
    assert len(en) == len(ru) == len(kk) >= 6
    assert any(line.startswith("row 3: unmatched: 'Atlantis'") for line in en)
    for lang, lines in (("ru", ru), ("kk", kk)):
        for line_en, line in zip(en, lines, strict=True):
            assert line != line_en and re.search("[а-яәғқңөұүһі]", line), (lang, line)
        text = "\n".join(lines)
        assert "'Atlantis'" in text and "'Almaty'" in text and "'12abc'" in text
        assert "unmatched" not in text and "duplicate" not in text and "numeric columns" not in text
    assert "Абай" in "\n".join(ru) and "Абай" in "\n".join(kk)  # regions named in the report's language


def test_upload_error_in_each_language():
    with pytest.raises(UploadError) as info:
        read_table(b"", "t.csv")
    assert str(info.value) == "t.csv: the file is empty"  # the English message, as the command line prints it
    assert info.value.text("en") == "t.csv: the file is empty"
    assert info.value.text("ru") == "t.csv: файл пуст"
    assert info.value.text("kk") == "t.csv: файл бос"


# --------------------------------------------------------------------------------------------------
# CSV injection
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("  =1+1", "'  =1+1"),
        ("-5", "-5"),  # a plain number stays as it is
        ("+3.5", "+3.5"),
        ("Abai", "Abai"),
        ("a=b", "a=b"),
        ("", ""),
        (-5.0, -5.0),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_neutralise_frame_leaves_numbers_and_fixes_headers():
    df = pd.DataFrame({"=cmd": ["=1+1", "ok"], "n": [-5.0, 2.0]})
    out = neutralise_frame(df)
    assert list(out.columns) == ["'=cmd", "n"]
    assert out["'=cmd"].tolist() == ["'=1+1", "ok"]
    assert out["n"].tolist() == [-5.0, 2.0] and out["n"].dtype == "float64"
    assert df["=cmd"].tolist() == ["=1+1", "ok"]  # the input is not changed
