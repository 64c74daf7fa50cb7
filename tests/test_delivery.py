"""The delivery of the address's roles (regions.policy.delivery, ``python -m regions delivery``).

Group, rest and national figures are recomputed here from ``data/statistics.csv`` with the csv module and
plain arithmetic, independently of the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from stored_figures import stored

from regions.base import i18n
from regions.base.paths import DATA
from regions.policy import delivery as dv

ROOT = Path(__file__).resolve().parent.parent
WEST = ("KZ-15", "KZ-23", "KZ-27", "KZ-47")
METAL_2022 = ("KZ-10", "KZ-35", "KZ-55", "KZ-62", "KZ-63")  # inherit: Abai and Ulytau by lineage
OLD = {"KZ-19": ("KZ-19", "KZ-33"), "KZ-35": ("KZ-35", "KZ-62"), "KZ-63": ("KZ-63", "KZ-10")}
UNITS_2020 = (
    "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55",
    "KZ-59", "KZ-61", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
)  # fmt: skip


S = stored()


def v(code: str, ind: str, year: int) -> float:
    """A unit's stored figure, its own borders (territory 2022) first, else its pre-2022 borders."""
    return S.get((code, "2022", ind, year), S.get((code, "2020", ind, year), math.nan))


def chain(code: str, territory: str, ind: str, base: int, end: int) -> float:
    out = 1.0
    for y in range(base + 1, end + 1):
        out *= S[(code, territory, ind, y)] / 100.0
    return out * 100.0


def row(rd: dv.RoleDelivery, indicator: str, base: int = 2019) -> dv.IndicatorRow:
    hits = [r for r in rd.rows if r.indicator == indicator and r.base_year == base]
    assert len(hits) == 1, (rd.role, indicator, base)
    return hits[0]


@pytest.fixture(scope="module")
def d2022() -> dict[str, dv.RoleDelivery]:
    return {r.role: r for r in dv.delivery("2022", "inherit")}


# ---------------------------------------------------------------------------------------- recomputed


def test_west_sums_and_real_change(d2022) -> None:
    rd = d2022["petrochemicals_west"]
    assert [u["iso_code"] for u in rd.units] == list(WEST)
    inv = row(rd, "investment_fixed_capital")
    for year, got in ((2019, inv.group.base), (2025, inv.group.latest)):
        assert got == pytest.approx(sum(S[(c, "2022", "investment_fixed_capital", year)] for c in WEST))
    # The rest in 2019: the three split units count with their pre-2022 figures (the rest holds all parts).
    rest_2019 = sum(v(c, "investment_fixed_capital", 2019) for c in UNITS_2020 if c not in WEST)
    assert inv.rest.base == pytest.approx(rest_2019)
    assert inv.nation.base == S[("KZ", "2022", "investment_fixed_capital", 2019)]
    assert inv.group.change == pytest.approx((inv.group.latest / inv.group.base - 1) * 100)
    # Real GRP change: each unit's chain 2020-2025 weighted by its 2019 nominal GRP.
    grp = row(rd, "grp_volume_index")
    w = {c: S[(c, "2022", "grp", 2019)] for c in WEST}
    expected = sum(w[c] * chain(c, "2022", "grp_volume_index", 2019, 2025) for c in WEST) / sum(w.values())
    assert grp.group.base == 100.0 and grp.group.latest == pytest.approx(expected, rel=1e-12)
    assert grp.group.change == pytest.approx(expected - 100.0)
    assert grp.nation.latest == pytest.approx(chain("KZ", "2022", "grp_volume_index", 2019, 2025))
    # ... which is not the plain mean of the chains.
    plain = sum(chain(c, "2022", "grp_volume_index", 2019, 2025) for c in WEST) / len(WEST)
    assert abs(plain - expected) > 0.05
    assert grp.group.latest != pytest.approx(plain, abs=0.01)


def test_west_shares_are_ratios_of_sums(d2022) -> None:
    share = row(d2022["petrochemicals_west"], "share_mining")
    for year, got in ((2019, share.group.base), (2025, share.group.latest)):
        num = sum(S[(c, "2022", "gva_B", year)] for c in WEST)
        den = sum(S[(c, "2022", "grp", year)] for c in WEST)
        assert got == pytest.approx(num / den * 100)
    assert share.how == "points" and share.group.change == pytest.approx(
        share.group.latest - share.group.base
    )


def test_metallurgy_group_keeps_one_territory_across_the_split(d2022) -> None:
    rd = d2022["metallurgy_hightech"]
    assert {u["iso_code"] for u in rd.units} == set(METAL_2022)
    share = row(rd, "share_manufacturing")
    # 2019: Karaganda and East Kazakhstan with their old borders (the group holds Ulytau and Abai too).
    groups_2019 = ("KZ-35", "KZ-55", "KZ-63")
    num = sum(v(c, "gva_C", 2019) for c in groups_2019)
    den = sum(v(c, "grp", 2019) for c in groups_2019)
    assert share.group.base == pytest.approx(num / den * 100)
    num = sum(S[(c, "2022", "gva_C", 2025)] for c in METAL_2022)
    den = sum(S[(c, "2022", "grp", 2025)] for c in METAL_2022)
    assert share.group.latest == pytest.approx(num / den * 100)
    emp = row(rd, "employed_industry_construction")
    assert emp.group.base == pytest.approx(
        sum(v(c, "employed_industry_construction", 2019) for c in groups_2019)
    )


def withheld_value(indicator: str, code: str, year: int) -> float:
    """A figure the source gives but data/indicators.json keeps off the unit (read with json, not the code)."""
    items = json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))
    (ind,) = [i for i in items if i["id"] == indicator]
    (w,) = [w for w in ind["withheld"] if w["iso_code"] == code and w["year"] == year]
    return float(w["value"])


def metallurgy_group_chain_2019_2025() -> float:
    """The group's GRP index 2019 -> 2025 (2019 = 100) over one territory, recomputed with floats.

    2020: the three pre-2022 units' indices weighted by their 2019 GRP. 2021: no 2020 GRP exists for the
    2022 borders, so the link is sum(N_2021) / sum(N_2021 / I_2021) over Karaganda + Ulytau (Karaganda's
    index as the source gives it), East Kazakhstan, Abai and Pavlodar. 2022-2025: the five units' indices
    weighted by their previous-year GRP.
    """
    ind = "grp_volume_index"
    old = (("KZ-35", "2020"), ("KZ-63", "2020"), ("KZ-55", "2022"))
    link_2020 = sum(S[(c, t, ind, 2020)] * S[(c, t, "grp", 2019)] for c, t in old) / sum(
        S[(c, t, "grp", 2019)] for c, t in old
    )
    karaganda_n = S[("KZ-35", "2022", "grp", 2021)] + S[("KZ-62", "2022", "grp", 2021)]
    pieces = [(karaganda_n, withheld_value(ind, "KZ-35", 2021))] + [
        (S[(c, "2022", "grp", 2021)], S[(c, "2022", ind, 2021)]) for c in ("KZ-63", "KZ-10", "KZ-55")
    ]
    link_2021 = sum(n for n, _ in pieces) / sum(n / i for n, i in pieces)  # in %, as the indices
    out = link_2020 / 100.0 * link_2021 / 100.0
    for y in range(2022, 2026):
        num = sum(S[(c, "2022", ind, y)] * S[(c, "2022", "grp", y - 1)] for c in METAL_2022)
        out *= num / sum(S[(c, "2022", "grp", y - 1)] for c in METAL_2022) / 100.0
    return out * 100.0


@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_metallurgy_real_change_since_2019_is_a_group_level_chain(layout: str) -> None:
    rd = {r.role: r for r in dv.delivery(layout, "inherit")}["metallurgy_hightech"]
    since_2019 = row(rd, "grp_volume_index", 2019)
    expected = metallurgy_group_chain_2019_2025()
    assert since_2019.group.latest == pytest.approx(expected, rel=1e-9)
    assert since_2019.group.change == pytest.approx(expected - 100.0, rel=1e-9)
    # Said how: a group-level chain, 2021 linked with current-year weights, Karaganda's figure for both.
    est = since_2019.group.estimate
    assert "group-level chain" in est and "2021" in est and "KZ-35 + KZ-62" in est
    assert "one territory" in since_2019.method
    # The nation is BNS's own chain, not an estimate.
    assert since_2019.nation.latest == pytest.approx(chain("KZ", "2022", "grp_volume_index", 2019, 2025))
    assert since_2019.nation.estimate == ""


def test_metallurgy_real_change_since_2021_is_given(d2022) -> None:
    rd = d2022["metallurgy_hightech"]
    since_2021 = row(rd, "grp_volume_index", 2021)
    w = {c: S[(c, "2022", "grp", 2021)] for c in METAL_2022}
    expected = sum(w[c] * chain(c, "2022", "grp_volume_index", 2021, 2025) for c in METAL_2022) / sum(
        w.values()
    )
    assert since_2021.group.latest == pytest.approx(expected, rel=1e-12)
    manu = row(rd, "gva_volume_index_manufacturing")
    assert manu.group.latest is None and manu.group.note
    # Per unit: Pavlodar's borders never changed, so its own chain since 2019 is given.
    units = {u["iso_code"]: u for u in manu.units}
    assert units["KZ-55"]["latest"] == pytest.approx(
        chain("KZ-55", "2022", "gva_volume_index_manufacturing", 2019, 2025)
    )
    assert units["KZ-35"]["latest"] is None and "borders" in units["KZ-35"]["note"]


def test_strict_rule_and_2020_layout() -> None:
    strict = {r.role: r for r in dv.delivery("2022", "strict")}["metallurgy_hightech"]
    assert [u["iso_code"] for u in strict.units] == ["KZ-35", "KZ-55", "KZ-63"]
    emp = row(strict, "employed_industry_construction")
    # Without Ulytau and Abai the group cannot use the old figures: 2019 is missing, named.
    assert emp.group.base is None and "KZ-35" in emp.group.note
    assert emp.group.latest == pytest.approx(
        sum(S[(c, "2022", "employed_industry_construction", 2025)] for c in ("KZ-35", "KZ-55", "KZ-63"))
    )
    old = {r.role: r for r in dv.delivery("2020", "inherit")}["metallurgy_hightech"]
    assert [u["iso_code"] for u in old.units] == ["KZ-35", "KZ-55", "KZ-63"]
    emp = row(old, "employed_industry_construction")
    assert emp.group.base == pytest.approx(sum(v(c, "employed_industry_construction", 2019) for c in OLD if c != "KZ-19") + S[("KZ-55", "2022", "employed_industry_construction", 2019)])  # fmt: skip
    assert emp.group.latest == pytest.approx(
        sum(S[(c, "2022", "employed_industry_construction", 2025)] for c in METAL_2022)
    )


def test_every_role_has_four_indicators_with_method_and_source(d2022) -> None:
    assert set(d2022) == {"metallurgy_hightech", "petrochemicals_west", "russia_border"}
    for rd in d2022.values():
        assert len({r.indicator for r in rd.rows}) >= 4
        assert rd.units and set(rd.rest_units).isdisjoint(u["iso_code"] for u in rd.units)
        for r in rd.rows:
            assert len(r.method) > 40 and "BNS element" in r.source
            for fig in (r.group, r.rest, r.nation):
                # Missing stays missing, and says why.
                if fig.latest is None or fig.base is None:
                    assert fig.note


def test_group_series_and_bad_indicator() -> None:
    s = dv.group_series("petrochemicals_west", "investment_fixed_capital").set_index("year")
    assert s.loc[2024, "group"] == pytest.approx(
        sum(S[(c, "2022", "investment_fixed_capital", 2024)] for c in WEST)
    )
    assert s.loc[2024, "nation"] == S[("KZ", "2022", "investment_fixed_capital", 2024)]
    real = dv.group_series("petrochemicals_west", "grp_volume_index").set_index("year")
    assert real.loc[2019, "group"] == 100.0
    with pytest.raises(ValueError, match="aggregated"):
        dv.aggregate("2022", list(WEST), "grp_per_capita", 2019, 2024)


def test_caveats_in_every_language() -> None:
    for lang in i18n.LANGS:
        texts = dv.caveats(lang)
        assert len(texts) == len(dv.CAVEAT_KEYS) and all(texts)
    assert "control group" in dv.caveats("en")[0]
    assert "not growth" in dv.caveats("en")[1]


# ---------------------------------------------------------------------------------------- command line


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "regions", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_cli_json_lists_three_roles_with_four_indicators() -> None:
    out = run("delivery", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["layout"] == "2022" and doc["base_year"] == 2019 and doc["caveats"]
    assert [r["role"] for r in doc["roles"]] == [
        "metallurgy_hightech",
        "petrochemicals_west",
        "russia_border",
    ]
    for r in doc["roles"]:
        assert r["units"] and len({x["indicator"] for x in r["rows"]}) >= 4
        for x in r["rows"]:
            assert {"group", "rest", "nation", "method", "source", "base_year", "latest_year"} <= set(x)
    west = next(r for r in doc["roles"] if r["role"] == "petrochemicals_west")
    inv = next(x for x in west["rows"] if x["indicator"] == "investment_fixed_capital")
    assert inv["group"]["base"] == pytest.approx(
        sum(S[(c, "2022", "investment_fixed_capital", 2019)] for c in WEST)
    )


@pytest.mark.parametrize(("layout", "rule"), [("2020", "inherit"), ("2022", "strict")])
def test_cli_csv_parses(layout: str, rule: str) -> None:
    out = run("delivery", "--format", "csv", "--layout", layout, "--lineage-rule", rule)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == list(dv.CSV_COLUMNS)
    assert {r["scope"] for r in rows} == {"group", "rest", "nation"}
    assert {r["role"] for r in rows} == {"metallurgy_hightech", "petrochemicals_west", "russia_border"}
    nation = [r for r in rows if r["scope"] == "nation" and r["indicator"] == "employed"]
    assert float(nation[0]["base"]) == S[("KZ", "2022", "employed", 2019)]


def test_cli_errors() -> None:
    bad = run("delivery", "--layout", "2021")
    assert bad.returncode == 2 and "--layout" in bad.stderr


def test_cli_broken_data_file(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "statistics.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("grp_volume_index", "grp_volume_idx", 1), "utf-8"
    )
    out = run("delivery", env={**os.environ, "KZ_DATA_ROOT": str(root)})
    assert out.returncode == 1
    assert "statistics.csv" in out.stderr and "Traceback" not in out.stderr


def test_table_has_the_new_columns_for_every_unit() -> None:
    out = run("table", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 20
    for year in range(2015, 2026):
        assert f"grp_volume_index_{year}" in rows[0]
    for r in rows:
        for year in range(2015, 2026):
            key = (r["iso_code"], "2022", "grp_volume_index", year)
            # As BNS published it for the unit's 2022 borders, or empty (never a figure for other borders).
            assert r[f"grp_volume_index_{year}"] == (str(S[key]) if key in S else ""), (
                key,
                r[f"grp_volume_index_{year}"],
            )
    for col in ("employed_2025", "employed_industry_construction_2025", "investment_fixed_capital_2025"):
        assert col in rows[0]


def test_dictionary_describes_the_new_columns() -> None:
    from regions.exports import table

    dictionary = table.dictionary(table.regional_table("2022")).set_index("id")
    for col, unit, element in (
        ("grp_volume_index_2015", "% of previous year", "5926"),
        ("gva_volume_index_manufacturing_2025", "% of previous year", "450904"),
        ("employed_2016", "thousand persons", "102798"),
        ("investment_fixed_capital_2024", "million KZT", "5546"),
    ):
        assert dictionary.loc[col, "unit"] == unit
        assert element in dictionary.loc[col, "source"]
        assert (
            dictionary.loc[col, "label_kk"]
            and dictionary.loc[col, "label_ru"] != dictionary.loc[col, "label_en"]
        )


# ---------------------------------------------------------------------------------------------- the rest


def _stored_levels(indicator: str, year: int) -> dict[str, float]:
    """Stored figures of one indicator and year by ISO code (whatever their territory)."""
    return {code: v for (code, _, ind, y), v in stored().items() if (ind, y) == (indicator, year)}


def test_the_rest_is_the_nation_less_the_group_where_its_units_lack_a_figure() -> None:
    # 2016: BNS gives Turkistan and Shymkent only together (South Kazakhstan), so the rest's own units lack
    # them; the rest of the country is then the national row less the metallurgical group (2020 borders
    # before the 2022 split), a ratio of the complemented sums.
    group = ("KZ-35", "KZ-55", "KZ-63")  # Karaganda with Ulytau, Pavlodar, East Kazakhstan with Abai
    eng, tot = _stored_levels("exports_engineering", 2016), _stored_levels("exports_total", 2016)
    expected = (eng["KZ"] - sum(eng[c] for c in group)) / (tot["KZ"] - sum(tot[c] for c in group)) * 100
    rd = dv.role_delivery("metallurgy_hightech", "2022", base_year=2016)
    row = next(r for r in rd.rows if r.indicator == "share_exports_engineering")
    assert row.rest.base == pytest.approx(expected)
    assert "less the group" in row.rest.estimate and row.rest.change is not None
    # The units' own figures where they exist: 2025 is the plain ratio of the rest's sums, no estimate.
    series = dv.group_series("metallurgy_hightech", "share_exports_engineering", "2022")
    assert series.set_index("year").loc[2016, "rest"] == pytest.approx(expected)
    plain = dv.role_delivery("metallurgy_hightech", "2022", base_year=2019)
    assert not next(r for r in plain.rows if r.indicator == "share_exports_engineering").rest.estimate
