"""Tests of regions.stats.statistics and its data files (statistics.csv, indicators.json, enterprises.csv)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest

from regions.base.metadata import load_meta
from regions.base.paths import DATA
from regions.geo import lineage
from regions.stats import statistics as st

VALUES = st.load_values()
INDICATORS = st.load_indicators()
ADDITIVE = sorted(k for k, v in INDICATORS.items() if v["additive"])
# Including the exports (kind derived_sum, issue 15: every region in 2025); their sums to the national row are
# also checked month by month, on the monthly source itself, in tests/test_trade.py.
# Exports (issue 15) are checked against their monthly source, gaps of the source included, in tests/test_trade.py
# (test_stored_regions_sum_to_the_stored_national_figure), not here.
ADDITIVE_YEARS = sorted(
    {
        (i, y)
        for i, y in zip(VALUES["indicator"], VALUES["year"], strict=True)
        if i in ADDITIVE and not i.startswith("exports_")
    }
)
MERGED = tuple(st.split_2020())  # KZ-19, KZ-35, KZ-63 as 2020 units
NEW = ("KZ-10", "KZ-33", "KZ-62")


# Tolerance: money figures are published to 0.1 million KZT, so each of n summands may be off by at most 0.05
# and |sum - total| <= n * 0.05 (1.0 for 20 units; population averages are exact halves of integer counts).
# The BNS tables in fact add up exactly; the bound is far below any unit, so a missing unit still fails.
def sum_tolerance(n_units: int) -> float:
    return n_units * 0.05 + 1e-6


def value(layout: str, code: str, indicator: str, year: int) -> float:
    df = st.indicator_values(layout)
    hit = df[(df.iso_code == code) & (df.indicator == indicator) & (df.year == year)]
    assert len(hit) == 1, (layout, code, indicator, year)
    return float(hit["value"].iloc[0])


# ---------------------------------------------------------------------------------------- sums to national


# Where the stored units cannot add up to the national row, as the research notes document it
# (docs/research/issue9/*.meta.json): (indicator, year) -> (units the source lacks, national minus units).
# Before 2018 BNS gives the former South Kazakhstan region (no ISO code, not stored) instead of Turkistan
# (and, for investment, of Shymkent); for employment in industry and construction its figure includes
# Shymkent, so the gap is South Kazakhstan minus Shymkent. 2020 and 2022 of that series do not add up in the
# source itself.
KNOWN_GAPS: dict[tuple[str, int], tuple[frozenset[str], float]] = {
    ("employed_industry_construction", 2016): (frozenset({"KZ-61"}), 193368 - 68725),
    ("employed_industry_construction", 2017): (frozenset({"KZ-61"}), 165193 - 63070),
    ("employed_industry_construction", 2020): (frozenset(), -220.0),
    ("employed_industry_construction", 2022): (frozenset(), -11.0),
    ("investment_fixed_capital", 2015): (frozenset({"KZ-61", "KZ-79"}), 417562.0),
    ("investment_fixed_capital", 2016): (frozenset({"KZ-61", "KZ-79"}), 380570.0),
    ("investment_fixed_capital", 2017): (frozenset({"KZ-61", "KZ-79"}), 485402.0),
    ("investment_fixed_capital", 2024): (frozenset(), 1.0),  # rounding of the published table
}


@pytest.mark.parametrize(("indicator", "year"), ADDITIVE_YEARS)
def test_stored_units_sum_to_national(indicator: str, year: int) -> None:
    rows = VALUES[(VALUES.indicator == indicator) & (VALUES.year == year)]
    national = rows[rows.iso_code == "KZ"]["value"]
    assert len(national) == 1
    units = rows[rows.iso_code != "KZ"]
    lacking, gap = KNOWN_GAPS.get((indicator, year), (frozenset(), 0.0))
    if (units.territory == "2020").any():
        # Old borders that year: the merged units stand for their successors, so 17 units make the country.
        assert set(units.iso_code) == set(st.units_2020()) - lacking
        assert set(units[units.territory == "2020"].iso_code) == set(MERGED)
    else:
        assert set(units.iso_code) == set(st.units_2022()) - lacking
        assert set(units.territory) == {"2022"}
    assert national.iloc[0] - units["value"].sum() == pytest.approx(gap, abs=sum_tolerance(len(units)))


@pytest.mark.parametrize("layout", st.LAYOUTS)
@pytest.mark.parametrize(("indicator", "year"), ADDITIVE_YEARS)
def test_layout_units_sum_to_national(layout: str, indicator: str, year: int) -> None:
    df = st.indicator_values(layout)
    df = df[(df.indicator == indicator) & (df.year == year)].set_index("iso_code")["value"]
    units = df.drop("KZ")
    assert list(units.index) == list(st.layout_units(layout))
    lacking, gap = KNOWN_GAPS.get((indicator, year), (frozenset(), 0.0))
    unknown = set(units[units.isna()].index)
    assert lacking <= unknown
    if unknown - lacking:
        # Only the 2022 layout may lack figures, and only where BNS published the old borders.
        assert layout == "2022"
        assert unknown - lacking <= set(MERGED + NEW)
        return
    units = units.dropna()
    assert df["KZ"] - units.sum() == pytest.approx(gap, abs=sum_tolerance(len(units)))


# ---------------------------------------------------------------------------------------- aggregation


def test_population_2024_east_kazakhstan_2020_layout_is_sum_of_successors() -> None:
    # Reference pop_avg_annual.csv: VKO 2024 = 725510.0, ABY 2024 = 605210.5.
    assert value("2020", "KZ-63", "population", 2024) == pytest.approx(725510.0 + 605210.5, abs=1e-6)
    df = st.indicator_values("2020")
    row = df[(df.iso_code == "KZ-63") & (df.indicator == "population") & (df.year == 2024)]
    assert row["basis"].iloc[0] == "sum_of_successors"
    assert value("2022", "KZ-63", "population", 2024) == 725510.0


@pytest.mark.parametrize(
    ("code", "indicator", "year", "num", "den", "factor"),
    [
        ("KZ-63", "grp_per_capita_computed", 2024, "grp", "population", 1000.0),
        ("KZ-35", "share_mining", 2024, "gva_B", "grp", 100.0),
        ("KZ-19", "share_manufacturing", 2023, "gva_C", "grp", 100.0),
        ("KZ-35", "grp_per_capita_computed", 2019, "grp", "population", 1000.0),
    ],
)
def test_2020_ratio_is_ratio_of_sums(code, indicator, year, num, den, factor) -> None:
    def stored(c: str, ind: str) -> float:
        r = VALUES[(VALUES.iso_code == c) & (VALUES.indicator == ind) & (VALUES.year == year)]
        return float(r[r.territory == "2020"]["value"].iloc[0] if (r.territory == "2020").any() else math.nan)

    succ = st.split_2020()[code]

    def layout_part(c: str, ind: str) -> float:
        r = VALUES[(VALUES.iso_code == c) & (VALUES.indicator == ind) & (VALUES.year == year)]
        return float(r[r.territory == "2022"]["value"].iloc[0])

    # Numerator and denominator of the 2020 unit: its own old-borders figure if BNS published one, else a sum.
    n = stored(code, num)
    n = n if not math.isnan(n) else sum(layout_part(s, num) for s in succ)
    d = stored(code, den)
    d = d if not math.isnan(d) else sum(layout_part(s, den) for s in succ)
    expected = n / d * factor
    got = value("2020", code, indicator, year)
    assert got == pytest.approx(expected, rel=1e-12)
    if year >= 2021:
        ratios = [layout_part(s, num) / layout_part(s, den) * factor for s in succ]
        # The case is chosen so the wrong aggregations give visibly different answers.
        assert abs(sum(ratios) - expected) > 0.5
        assert abs(sum(ratios) / len(ratios) - expected) > 0.05
        assert got != pytest.approx(sum(ratios) / len(ratios), rel=1e-3)


def test_density_is_ratio_of_sums_and_needs_areas() -> None:
    areas = {u: 1000.0 for u in st.units_2020()}
    areas["KZ-63"] = 4000.0
    df = st.indicator_values("2020", areas)
    got = df[(df.iso_code == "KZ-63") & (df.indicator == "density") & (df.year == 2024)]["value"].iloc[0]
    assert got == pytest.approx((725510.0 + 605210.5) / 4000.0)
    kz = df[(df.iso_code == "KZ") & (df.indicator == "density") & (df.year == 2024)]["value"].iloc[0]
    assert kz == pytest.approx(20158620.5 / (16 * 1000.0 + 4000.0))
    assert "density" not in set(st.indicator_values("2020").indicator)
    with pytest.raises(ValueError, match="KZ-10"):
        st.indicator_values("2020", {"KZ-10": 1.0})
    with pytest.raises(ValueError, match="positive"):
        st.indicator_values("2022", {"KZ-10": -1.0})


@pytest.mark.parametrize("year", [2019, 2020])
@pytest.mark.parametrize("code", MERGED)
def test_old_border_grp_missing_in_2022_present_in_2020(code: str, year: int) -> None:
    df = st.indicator_values("2022")
    row = df[(df.iso_code == code) & (df.indicator == "grp") & (df.year == year)].iloc[0]
    assert math.isnan(row["value"])
    assert "pre-2022 borders" in row["note"]
    reported = VALUES[(VALUES.iso_code == code) & (VALUES.indicator == "grp") & (VALUES.year == year)]
    assert list(reported.territory) == ["2020"]
    assert value("2020", code, "grp", year) == reported["value"].iloc[0]


def test_almaty_region_grp_2019() -> None:
    assert math.isnan(value("2022", "KZ-19", "grp", 2019))
    assert value("2020", "KZ-19", "grp", 2019) == 3246080.4
    assert st.wide_table("2020").loc["KZ-19", "grp_2019"] == 3246080.4
    assert math.isnan(st.wide_table("2022").loc["KZ-19", "grp_2019"])


def test_official_per_capita() -> None:
    assert value("2022", "KZ-23", "grp_per_capita", 2024) == 21177.5
    assert value("2020", "KZ-23", "grp_per_capita", 2024) == 21177.5
    # BNS's figures for the pre-2022 borders (stored as territory 2020) are the 2020 layout's figures ...
    assert value("2020", "KZ-19", "grp_per_capita", 2019) == 1585.5
    assert value("2020", "KZ-35", "grp_per_capita", 2020) == 4431.7
    assert value("2020", "KZ-63", "grp_per_capita", 2020) == 3369.8
    # ... and never the 2022 layout's, where the unit is smaller.
    assert math.isnan(value("2022", "KZ-35", "grp_per_capita", 2020))
    # After the split no official figure exists for the old borders: missing, never summed or averaged.
    for code in MERGED:
        assert math.isnan(value("2020", code, "grp_per_capita", 2024))
        assert not math.isnan(value("2020", code, "grp_per_capita_computed", 2024))


def test_notes_agree_with_what_is_shown() -> None:
    # The 2022 layout sends the reader to the 2020 layout for an old-border figure: it must be there.
    df = st.indicator_values("2022")
    sent = df[df["note"].str.contains("see layout 2020") & (df["indicator"] == "grp_per_capita")]
    assert not sent.empty
    old = st.indicator_values("2020").set_index(["iso_code", "indicator", "year"])["value"]
    for row in sent.itertuples():
        parent = lineage.predecessor_2020(row.iso_code)
        assert not math.isnan(old[(parent, row.indicator, row.year)]), row


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_computed_per_capita_reproduces_official(year: int) -> None:
    w = st.wide_table("2022")
    official = w[f"grp_per_capita_{year}"]
    computed = w[f"grp_per_capita_computed_{year}"]
    assert official.notna().all()
    assert (computed - official).abs().max() <= 0.1


def test_computed_per_capita_fills_years_without_official_figure() -> None:
    w = st.wide_table("2022")
    assert "grp_per_capita_2021" not in w and "grp_per_capita_2025" not in w
    assert w["grp_per_capita_computed_2025"].notna().all()
    assert w.loc["KZ-23", "grp_per_capita_computed_2025"] == pytest.approx(16645678.8 * 1000 / 713426.0)


def test_share_mining_atyrau_2024() -> None:
    assert value("2022", "KZ-23", "share_mining", 2024) == pytest.approx(43.7, abs=0.05)
    assert st.wide_table("2022").loc["KZ-23", "share_mining_2024"] == pytest.approx(43.7, abs=0.05)


@pytest.mark.parametrize(
    ("indicator", "col"),
    [("share_agriculture", "agri"), ("share_mining", "mining"), ("share_manufacturing", "manuf")],
)
def test_shares_match_reference_table_2024(indicator: str, col: str) -> None:
    # Reference §1.4 rounds to 0.1; values from shares_2024.csv for a few units.
    expected = {
        "agri": {"KZ-59": 23.4, "KZ-11": 14.7, "KZ": 3.9},
        "mining": {"KZ-27": 42.5, "KZ-62": 39.0, "KZ": 12.0},
        "manuf": {"KZ-35": 33.6, "KZ-63": 29.4, "KZ": 12.4},
    }[col]
    for code, ref in expected.items():
        assert value("2022", code, indicator, 2024) == pytest.approx(ref, abs=0.05)


# ---------------------------------------------------------------------------------------- shape of the API


@pytest.mark.parametrize("layout", st.LAYOUTS)
def test_indicator_values_shape(layout: str) -> None:
    df = st.indicator_values(layout)
    assert list(df.columns[:5]) == ["iso_code", "indicator", "year", "value", "basis"]
    assert set(df.basis) <= set(st.BASES)
    assert set(df.iso_code) == set(st.layout_units(layout)) | {"KZ"}
    assert not df.duplicated(["iso_code", "indicator", "year"]).any()
    assert (df[df.value.isna()]["note"] != "").all()
    computed = {k for k, v in INDICATORS.items() if v["kind"] == "computed"}
    assert set(df[df.indicator.isin(computed)].basis) == {"computed"}
    if layout == "2022":
        assert "sum_of_successors" not in set(df.basis)


@pytest.mark.parametrize("layout", st.LAYOUTS)
def test_wide_table(layout: str) -> None:
    w = st.wide_table(layout)
    assert list(w.index) == [*st.layout_units(layout), "KZ"]
    assert len(w) == (18 if layout == "2020" else 21)
    for col in ("population_2024", "grp_2024", "grp_per_capita_2024", "share_manufacturing_2024"):
        assert col in w.columns
    keys = []
    for c in w.columns:
        ind, year = c.rsplit("_", 1)
        keys.append((ind, int(year)))
    assert keys == sorted(keys)


def test_latest_year_and_rank() -> None:
    assert st.latest_year("grp", "2022") == 2025
    assert st.latest_year("grp_per_capita", "2022") == 2024
    assert st.latest_year("gva_A", "2020") == 2024
    assert st.latest_year("density", "2020") == 2025
    rank = st.national_rank("2022", "grp", 2024)
    assert rank.index[0] == "KZ-75" and rank.iloc[0] == 1
    assert "KZ" not in rank.index and len(rank) == 20
    rank_2022_2019 = st.national_rank("2022", "grp", 2019)
    assert len(rank_2022_2019) == 14  # merged and new units have no 2022-border figure in 2019
    assert len(st.national_rank("2020", "grp", 2019)) == 17
    assert st.national_rank("2020", "share_mining", 2024).index[0] == "KZ-23"


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda: st.latest_year("gdp", "2022"), "indicator"),
        (lambda: st.national_rank("2022", "nope", 2024), "indicator"),
        (lambda: st.national_rank("2022", "grp", 1990), "year"),
        (lambda: st.national_rank("2022", "density", 2024), "density"),
    ],
)
def test_bad_parameters(call, param: str) -> None:
    with pytest.raises(ValueError, match=param) as exc:
        call()
    if param == "indicator":
        assert "grp_per_capita" in str(exc.value)


# ---------------------------------------------------------------------------------------- metadata and files


@pytest.mark.parametrize("ind_id", sorted(INDICATORS))
def test_indicator_metadata(ind_id: str) -> None:
    ind = INDICATORS[ind_id]
    assert ind["sources"]
    if ind["kind"] == "computed":
        assert not ind["additive"] and len(ind["method"]) > 20
    else:
        assert any(s["producer"].startswith("Bureau of National Statistics") for s in ind["sources"])
        assert any(s.get("element_id") for s in ind["sources"])


def test_every_stored_value_has_a_sourced_reported_indicator() -> None:
    for ind_id in set(VALUES.indicator):
        assert INDICATORS[ind_id]["kind"] in ("reported", "volume_index", "derived_sum")
        assert len(INDICATORS[ind_id]["sources"]) >= 1
        if INDICATORS[ind_id]["kind"] == "derived_sum":
            # A stored figure the project derived says how, in its method.
            assert "12 monthly values" in INDICATORS[ind_id]["method"]


def test_no_derived_figure_stored() -> None:
    assert set(VALUES.indicator) == {
        "population", "grp", "grp_per_capita", "gva_A", "gva_B", "gva_C",
        "grp_volume_index", "gva_volume_index_manufacturing", "industrial_production_index_manufacturing",
        "employed", "employed_industry_construction", "investment_fixed_capital",
        # Sums of 12 monthly BNS values (kind derived_sum, issue 15); their shares are computed, not stored.
        "exports_total", "exports_base_metals", "exports_engineering", "exports_chem_plastic", "exports_mineral",
        "exports_tonnes_total", "exports_tonnes_base_metals", "exports_tonnes_engineering",
        "exports_tonnes_chem_plastic", "exports_tonnes_mineral",
    }  # fmt: skip
    assert 2025 not in set(VALUES[VALUES.indicator == "grp_per_capita"].year)


@pytest.mark.parametrize("name", ["statistics.csv", "indicators.json", "enterprises.csv"])
def test_file_metadata_validates(name: str) -> None:
    meta = load_meta(name)
    assert meta["sources"]


def test_indicator_schema_rejects_bad_file(tmp_path: Path) -> None:
    raw = json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))
    raw[1]["sources"] = []
    bad = tmp_path / "indicators.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(st.StatisticsError, match=r"indicators\.json.*'grp'"):
        st.load_indicators(bad)
    raw = json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))
    raw = [i for i in raw if i["id"] != "density"]
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(st.StatisticsError, match="'density'"):
        st.load_indicators(bad)


# ---------------------------------------------------------------------------------------- bad input


GOOD_ROWS = [
    "iso_code,territory,indicator,year,value",
    "KZ-23,2022,grp,2024,14981586.3",
    "KZ-19,2020,grp,2019,3246080.4",
]


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("KZ-11,2022,grp,2024,abc", "column value: 'abc' is not a finite number"),
        ("KZ-11,2022,grp,2024,", "not a finite number"),
        ("KZ-99,2022,grp,2024,1.0", "column iso_code: unknown code 'KZ-99'"),
        ("AKM,2022,grp,2024,1.0", "column iso_code: unknown code 'AKM'"),
        ("KZ-23,2022,grp,2024,14981586.3", "duplicate of row 2"),
        ("KZ-11,2022,gdp,2024,1.0", "unknown indicator 'gdp'"),
        ("KZ-11,2022,share_mining,2024,1.0", "computed and must not be stored"),
        ("KZ-11,2020,grp,2019,1.0", "column territory: 2020 is only for"),
        ("KZ-11,2019,grp,2019,1.0", "column territory: '2019' not one of"),
        ("KZ-11,2022,grp,twenty,1.0", "column year: 'twenty' is not an integer"),
    ],
)
def test_bad_csv_names_file_and_row(tmp_path: Path, bad_row: str, message: str) -> None:
    path = tmp_path / "bad_statistics.csv"
    path.write_text("\n".join([*GOOD_ROWS, bad_row]) + "\n", encoding="utf-8")
    with pytest.raises(st.StatisticsError) as exc:
        st.load_values(path)
    text = str(exc.value)
    assert "bad_statistics.csv" in text
    assert "row 4" in text
    assert message in text


def test_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("code,indicator,year,value\nKZ-11,grp,2024,1\n", encoding="utf-8")
    with pytest.raises(st.StatisticsError, match=r"h\.csv, row 1"):
        st.load_values(path)


def test_good_tmp_csv_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("\n".join(GOOD_ROWS) + "\n", encoding="utf-8")
    df = st.load_values(path)
    assert list(df.columns) == list(st.COLUMNS)
    assert df["year"].tolist() == [2024, 2019]


# ---------------------------------------------------------------------------------------- enterprises


SECTORS = {
    "metallurgy",
    "mining",
    "oil_gas",
    "petrochemicals",
    "gas_processing",
    "energy",
    "logistics",
    "nuclear",
    "other",
}


def test_enterprises_file() -> None:
    with (DATA / "enterprises.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    # The file goes through the one reader (its columns are checked there against the schema): every unit
    # with rows gets them back, none lost or added.
    from regions.stats import enterprises

    for code in {r["iso_code"] for r in rows}:
        assert len(enterprises.for_unit(code, "2022")) == sum(r["iso_code"] == code for r in rows), code
    for r in rows:
        assert r["iso_code"] in st.units_2022(), r
        assert r["sector"] in SECTORS, r
        assert r["statement"].startswith(("Quote:", "Paraphrase:", "Paraphrase (")), r
        assert r["source_url"].startswith("https://"), r
        assert r["enterprise"] and r["source_title"], r
        assert "UNVERIFIED" not in r["statement"]
    assert not any("Aktobemunaigas" in r["enterprise"] for r in rows)
    assert {r["status"] for r in rows} <= {"operating", "under_construction", "planned"}
    assert all(re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["status_as_of"]) for r in rows)
    # The KazMunayGas-CITIC plant at Karachaganak was agreed in December 2025: not an operating enterprise.
    (gpp,) = [r for r in rows if r["enterprise"].startswith("Karachaganak gas processing plant")]
    assert gpp["status"] == "planned"
    east = [r for r in rows if r["iso_code"] == "KZ-63"]
    assert east and all("pre-2022" in r["statement"] for r in east)
