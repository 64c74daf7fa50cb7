"""The command line, run as a user would: from another directory, reading its output back."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
GEO_COLUMNS = [
    "area_km2",
    "border_km_RUS",
    "border_km_CHN",
    "border_km_KGZ",
    "border_km_UZB",
    "border_km_TKM",
    "coast_km_caspian",
    "neighbours",
]
REQUIRED = [
    "iso_code",
    "kato",
    "name_en",
    "name_ru",
    "name_kk",
    "type",
    "centre",
    *GEO_COLUMNS,
    "roles",
    "role_basis",
    "sectors_designated",
    "sectors_measured",
]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "regions", *args], cwd=cwd, env=env, capture_output=True, timeout=300
    )


@pytest.fixture(scope="module")
def csvs(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("cwd")
    out = {}
    for layout in ("2022", "2020"):
        res = cli("table", "--layout", layout, "--format", "csv", cwd=cwd)
        assert res.returncode == 0, res.stderr.decode()
        out[layout] = pd.read_csv(io.BytesIO(res.stdout), dtype={"kato": str})
    return out


@pytest.mark.parametrize(("layout", "rows"), [("2022", 20), ("2020", 17)])
def test_table_csv_rows_and_columns(csvs, layout, rows):
    df = csvs[layout]
    assert len(df) == rows
    assert set(REQUIRED) <= set(df.columns)
    assert df["iso_code"].is_unique
    assert {"population_2024", "grp_2024", "grp_per_capita_2024", "share_manufacturing_2024"} <= set(
        df.columns
    )


def test_table_2020_has_no_2022_only_units(csvs):
    assert not {"KZ-10", "KZ-33", "KZ-62"} & set(csvs["2020"]["iso_code"])


def test_role_columns_acceptance(csvs):
    d20 = csvs["2020"].set_index("iso_code")[["roles", "role_basis"]].fillna("")
    for code in ("KZ-63", "KZ-35", "KZ-55"):
        assert "metallurgy_hightech" in d20.at[code, "roles"].split(";")
    d22 = csvs["2022"].set_index("iso_code")[["roles", "role_basis"]].fillna("")
    basis = {c: dict(x.split(":") for x in d22.at[c, "role_basis"].split(";") if x) for c in d22.index}
    for code in ("KZ-63", "KZ-35", "KZ-55"):
        assert basis[code]["metallurgy_hightech"] == "direct"
    for code in ("KZ-10", "KZ-62"):
        assert basis[code]["metallurgy_hightech"] == "lineage"


def test_2020_population_is_sum_of_successors(csvs):
    d20 = csvs["2020"].set_index("iso_code")
    d22 = csvs["2022"].set_index("iso_code")
    for old, parts in {
        "KZ-63": ["KZ-63", "KZ-10"],
        "KZ-19": ["KZ-19", "KZ-33"],
        "KZ-35": ["KZ-35", "KZ-62"],
    }.items():
        assert d20.at[old, "population_2024"] == pytest.approx(d22.loc[parts, "population_2024"].sum())
        assert d20.at[old, "area_km2"] == pytest.approx(d22.loc[parts, "area_km2"].sum(), abs=0.2)


def test_with_national_adds_one_row(tmp_path):
    res = cli("table", "--layout", "2022", "--format", "csv", "--with-national", cwd=tmp_path)
    df = pd.read_csv(io.BytesIO(res.stdout))
    assert len(df) == 21
    national = df[df["iso_code"] == "KZ"].iloc[0]
    units = df[df["iso_code"] != "KZ"]
    assert national["population_2024"] == pytest.approx(units["population_2024"].sum(), rel=1e-9)


@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_xlsx_opens_with_pandas_and_has_sources(tmp_path, layout):
    out = tmp_path / "t.xlsx"
    res = cli("table", "--layout", layout, "--format", "xlsx", "-o", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    sheets = pd.read_excel(out, sheet_name=None)
    assert len(sheets["regions"]) == (20 if layout == "2022" else 17)
    assert {"producer", "url", "source_licence", "accessed"} <= set(sheets["sources"].columns)
    assert len(sheets["sources"]) >= 5


@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_geojson_opens_with_geopandas(tmp_path, layout):
    res = cli("table", "--layout", layout, "--format", "geojson", cwd=tmp_path)
    path = tmp_path / "t.geojson"
    path.write_bytes(res.stdout)
    gdf = gpd.read_file(path)
    assert len(gdf) == (20 if layout == "2022" else 17)
    assert gdf.geometry.is_valid.all()
    assert "area_km2" in gdf.columns


def test_csv_file_has_byte_order_mark_for_excel(tmp_path):
    out = tmp_path / "t.csv"
    cli("table", "--format", "csv", "-o", str(out), cwd=tmp_path)
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert "Абай облысы" in raw.decode("utf-8-sig")


def test_roles_json_shape(tmp_path):
    res = cli("roles", "--format", "json", cwd=tmp_path)
    roles = json.loads(res.stdout)
    ids = {r["id"] for r in roles}
    assert {"metallurgy_hightech", "petrochemicals_west", "russia_border"} <= ids
    for r in roles:
        assert set(r["name"]) == {"en", "ru", "kk"}
        assert r["quotes"] and all(set(q) == {"text", "source"} for q in r["quotes"])
        assert all(set(u) == {"iso_code", "basis"} for u in r["units_2022"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("table", "--format", "xlsx"), "--output"),
        (("table", "-o", "/nonexistent-dir/x.csv"), "--output"),
        (("lookup", "Almaty"), "ambiguous"),
        (("lookup", "Atlantis"), "Atlantis"),
    ],
)
def test_bad_input_gives_one_line_error_not_traceback(tmp_path, args, needle):
    res = cli(*args, cwd=tmp_path)
    err = res.stderr.decode()
    assert res.returncode == 2
    assert needle in err
    assert "Traceback" not in err


def test_bad_layout_is_rejected_by_argparse(tmp_path):
    res = cli("table", "--layout", "1999", cwd=tmp_path)
    assert res.returncode == 2 and "--layout" in res.stderr.decode()


def test_lookup_resolves_kazakh_name(tmp_path):
    res = cli("lookup", "Шығыс Қазақстан облысы", cwd=tmp_path)
    assert res.stdout.decode().split("\t")[0] == "KZ-63"


def test_exports_neutralise_formulas_and_keep_numbers():
    # OWASP CSV injection: text a spreadsheet would run is prefixed with a quote; numbers stay numbers.
    from regions.exports import table

    df = pd.DataFrame(
        {
            "iso_code": ["KZ-11", "KZ-15", "KZ-19", "KZ-23"],
            "note": ['=HYPERLINK("http://x.example")', "+1+1", "@SUM(A1)", "\tTab"],
            "value": [-5.0, 3.25, 0.0, -1e6],
        }
    )
    csv = pd.read_csv(io.BytesIO(table.to_csv_bytes(df)), encoding="utf-8-sig", keep_default_na=False)
    assert csv["note"].tolist() == ['\'=HYPERLINK("http://x.example")', "'+1+1", "'@SUM(A1)", "'\tTab"]
    assert csv["value"].tolist() == [-5.0, 3.25, 0.0, -1e6]
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(table.to_xlsx_bytes(df, "2022")))
    sheet = book["regions"]
    cells = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]  # text, no formula
    assert [sheet.cell(row=r, column=3).value for r in range(2, 6)] == [-5, 3.25, 0, -1e6]


@pytest.mark.parametrize(
    ("lang", "sheets"),
    [("en", ["regions", "dictionary", "sources", "view"]),
     ("ru", ["регионы", "словарь", "источники", "представление"]),
     ("kk", ["өңірлер", "сөздік", "дереккөздер", "көрініс"])],
)  # fmt: skip
def test_xlsx_sheets_are_named_in_the_page_language(lang, sheets) -> None:
    # The words are written here, not read from data/i18n.json: the test fails if the file loses them.
    import openpyxl

    from regions.exports import table

    df = table.regional_table("2022")
    book = openpyxl.load_workbook(io.BytesIO(table.to_xlsx_bytes(df, "2022", lang=lang)))
    assert book.sheetnames == sheets
