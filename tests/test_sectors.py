"""Tests of regions.policy.sectors and data/sectors.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from regions.base.metadata import load_meta
from regions.base.paths import DATA
from regions.policy import roles, sectors
from regions.stats import statistics as st

SECTORS = sectors.load_sectors()
WESTERN = ["KZ-15", "KZ-23", "KZ-27", "KZ-47"]

# Reference figures, 2025 (preliminary), million KZT at current prices, 2022 borders: (mining and quarrying
# GVA, ОКЭД section B; GRP). BNS elements 5927 and 5923 via makenerzhan-gif/kazakhstan-economic-data, as in
# data/statistics.csv; written out here so the expected set of units does not come from the code under test.
MINING_GRP_2025: dict[str, tuple[float, float]] = {
    "KZ": (18643096.6, 159608552.9),
    "KZ-10": (1344283.5, 4128287.9),
    "KZ-11": (297748.9, 5158095.3),
    "KZ-15": (777464.9, 5246041.6),
    "KZ-19": (53042.2, 6792939.5),
    "KZ-23": (8041684.1, 16645678.8),
    "KZ-27": (1948019.6, 4984664.0),
    "KZ-31": (186141.3, 3341625.8),
    "KZ-33": (7934.3, 2507485.9),
    "KZ-35": (879114.1, 10367346.2),
    "KZ-39": (477078.9, 6080972.0),
    "KZ-43": (396184.6, 3051041.2),
    "KZ-47": (1760549.6, 5541598.9),
    "KZ-55": (678743.5, 6357587.1),
    "KZ-59": (12399.7, 3430760.0),
    "KZ-61": (512922.5, 5396307.1),
    "KZ-62": (738540.3, 3045355.8),
    "KZ-63": (529773.6, 5846091.3),
    "KZ-71": (27.3, 19593327.4),
    "KZ-75": (0.0, 36195760.9),
    "KZ-79": (1443.7, 5897586.2),
}
# 2020 layout: a split unit is the sum of its 2022 successors (GVA and GRP summed, then divided).
MERGED_2020 = {"KZ-63": ("KZ-63", "KZ-10"), "KZ-19": ("KZ-19", "KZ-33"), "KZ-35": ("KZ-35", "KZ-62")}


def expected_mining(layout: str) -> list[str]:
    figures = dict(MINING_GRP_2025)
    if layout == "2020":
        for parent, parts in MERGED_2020.items():
            figures[parent] = tuple(sum(figures[p][i] for p in parts) for i in (0, 1))
        for new in ("KZ-10", "KZ-33", "KZ-62"):
            del figures[new]
    national = figures["KZ"][0] / figures["KZ"][1]
    return sorted(c for c, (b, grp) in figures.items() if c != "KZ" and b / grp > national)


# ---------------------------------------------------------------------------------------------- data file


def test_metadata_documents_the_rule() -> None:
    method = load_meta("sectors.json")["method"]
    for word in ("above the national share", "ANY", "either", "both", "proxy", "latest year"):
        assert word in method


def test_designated_flag_matches_roles() -> None:
    named = {s for r in roles.load_roles() for s in r.sectors}
    assert {sid for sid, s in SECTORS.items() if s["designated"]} == named


@pytest.mark.parametrize(("sid", "section", "proxy"), [
    ("metallurgy", "C", True), ("petrochemicals", "C", True),
    ("agriculture", "A", False), ("mining", "B", False), ("manufacturing", "C", False),
    ("high_tech", None, False), ("technical_services", None, False), ("gas_processing", None, False),
    ("cross_border_trade", None, False),
])  # fmt: skip
def test_sections(sid: str, section: str | None, proxy: bool) -> None:
    s = SECTORS[sid]
    assert (s["gva_section"], s["section_is_proxy"]) == (section, proxy)
    assert (s["proxy_note"] is not None) is proxy
    assert set(s["name"]) == {"en", "ru", "kk"}


def test_bad_sectors_file(tmp_path: Path) -> None:
    data = json.loads((DATA / "sectors.json").read_text(encoding="utf-8"))
    data[0]["proxy_note"] = None  # metallurgy is a proxy and must say why
    path = tmp_path / "sectors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(sectors.SectorError, match="'metallurgy'"):
        sectors.load_sectors(path)


# ---------------------------------------------------------------------------------------------- designated


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_petrochemicals_designated_is_the_west(layout: str) -> None:
    assert sectors.filter_units(["petrochemicals"], "designated", layout) == WESTERN


@pytest.mark.parametrize(("code", "layout", "rule", "expected"), [
    ("KZ-35", "2020", "inherit", ["metallurgy", "high_tech", "technical_services"]),
    ("KZ-23", "2022", "inherit", ["petrochemicals", "gas_processing", "cross_border_trade"]),
    ("KZ-62", "2022", "inherit", ["metallurgy", "high_tech", "technical_services"]),
    ("KZ-62", "2022", "strict", []),
    # Abai borders Russia: the border role's criterion applies to the 2022 borders, whatever the lineage rule.
    ("KZ-10", "2022", "strict", ["cross_border_trade"]),
    ("KZ-33", "2022", "strict", []),
    ("KZ-75", "2022", "inherit", []),
])  # fmt: skip
def test_designated_sectors(code: str, layout: str, rule: str, expected: list[str]) -> None:
    assert sectors.designated_sectors(code, layout, rule) == expected


# ---------------------------------------------------------------------------------------------- measured


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_mining_measured_matches_reference_figures(layout: str) -> None:
    assert st.latest_year("share_mining", layout) == 2025
    assert sectors.default_year("B", layout) == 2025
    got = sectors.filter_units(["mining"], "measured", layout)
    assert got == expected_mining(layout)
    # Facts that do not depend on the exact figures: the Caspian oil regions are mining regions, Almaty is not.
    assert "KZ-23" in got and "KZ-47" in got
    assert "KZ-75" not in got


def test_reference_literals_match_stored_data() -> None:
    df = st.indicator_values("2022")
    share = df[(df.indicator == "share_mining") & (df.year == 2025)].set_index("iso_code")["value"]
    for code, (b, grp) in MINING_GRP_2025.items():
        assert share[code] == pytest.approx(100 * b / grp), code


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_measured_sectors_never_returns_a_proxy_without_a_measure(layout: str) -> None:
    own_measure = {sid for sid, s in SECTORS.items() if s["measure"]}
    assert own_measure == {"metallurgy", "petrochemicals"}
    for code in st.layout_units(layout):
        got = sectors.measured_sectors(code, layout)
        assert set(got) <= {"agriculture", "mining", "manufacturing"} | own_measure


def test_measured_sectors_examples() -> None:
    assert "mining" in sectors.measured_sectors("KZ-23", "2022")
    assert not set(sectors.measured_sectors("KZ-75", "2022")) & {"agriculture", "mining", "manufacturing"}
    # Karaganda with Ulytau (2020 borders) is above the national mining share; without it (2022) it is not.
    assert "mining" in sectors.measured_sectors("KZ-35", "2020")
    assert "mining" not in sectors.measured_sectors("KZ-35", "2022")


def test_explicit_year() -> None:
    # 2019: only the 2020 layout has figures for every unit; in the 2022 layout split units have none.
    got_2020 = sectors.filter_units(["mining"], "measured", "2020", year=2019)
    got_2022 = sectors.filter_units(["mining"], "measured", "2022", year=2019)
    assert "KZ-23" in got_2020 and "KZ-62" not in got_2022
    assert set(got_2022) <= set(st.layout_units("2022"))
    with pytest.raises(ValueError, match="year"):
        sectors.filter_units(["mining"], "measured", "2022", year=1999)


@pytest.mark.parametrize("sid", ["high_tech", "technical_services", "gas_processing", "cross_border_trade"])
@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_sector_without_section_never_measured(sid: str, layout: str) -> None:
    assert sectors.filter_units([sid], "measured", layout) == []


def _export_shares_2022_layout() -> tuple[int, dict[str, dict[str, float]]]:
    """Exports by group per unit of the 2022 layout in the latest year every unit has, read with ``csv``."""
    rows: dict[int, dict[str, dict[str, float]]] = {}
    with (DATA / "statistics.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["indicator"].startswith("exports_") and r["territory"] == "2022" and r["value"]:
                unit = rows.setdefault(int(r["year"]), {}).setdefault(r["iso_code"], {})
                unit[r["indicator"]] = float(r["value"])
    units = set(st.layout_units("2022")) | {"KZ"}
    year = max(y for y, by_unit in rows.items() if set(by_unit) >= units)
    return year, rows[year]


@pytest.mark.parametrize(("sid", "group"), [("metallurgy", "base_metals"), ("petrochemicals", "chem_plastic")])
def test_proxy_sectors_are_measured_by_their_share_of_exports(sid: str, group: str) -> None:
    year, by_unit = _export_shares_2022_layout()

    def share(code: str) -> float:
        return by_unit[code][f"exports_{group}"] / by_unit[code]["exports_total"]

    expected = sorted(c for c in st.layout_units("2022") if share(c) > share("KZ"))
    assert expected and sectors.filter_units([sid], "measured", "2022") == expected
    assert sectors.measure_year(f"share_exports_{group}", "2022") == year
    # Not the manufacturing proxy any more: the two rules pick different regions.
    assert expected != sectors.filter_units(["manufacturing"], "measured", "2022")


def test_unknown_measure_is_refused(tmp_path: Path) -> None:
    data = json.loads((DATA / "sectors.json").read_text(encoding="utf-8"))
    data[0]["measure"] = "share_exports_of_nothing"
    path = tmp_path / "sectors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(sectors.SectorError, match="'metallurgy'.*share_exports_of_nothing"):
        sectors.load_sectors(path)


# ---------------------------------------------------------------------------------------------- either / both


@pytest.mark.parametrize("layout", ["2020", "2022"])
@pytest.mark.parametrize("sid", ["metallurgy", "petrochemicals", "mining", "cross_border_trade"])
def test_either_and_both_single_sector(layout: str, sid: str) -> None:
    designated = set(sectors.filter_units([sid], "designated", layout))
    measured = set(sectors.filter_units([sid], "measured", layout))
    assert set(sectors.filter_units([sid], "either", layout)) == designated | measured
    assert set(sectors.filter_units([sid], "both", layout)) == designated & measured


def test_both_is_per_sector_and_any_across_sectors() -> None:
    layout = "2022"
    ids = ["petrochemicals", "mining"]
    per_sector = [set(sectors.filter_units([s], "both", layout)) for s in ids]
    assert set(sectors.filter_units(ids, "both", layout)) == per_sector[0] | per_sector[1]
    # Atyrau: petrochemicals designated (west) but manufacturing below national; mining measured but not
    # designated. No single sector is both designated and measured there.
    assert "KZ-23" not in sectors.filter_units(ids, "both", layout)
    assert "KZ-23" in sectors.filter_units(ids, "either", layout)


def test_metallurgy_both_known_facts() -> None:
    # Karaganda, Pavlodar, East Kazakhstan: designated metallurgical and above-national manufacturing share.
    both = sectors.filter_units(["metallurgy"], "both", "2022")
    assert {"KZ-35", "KZ-55", "KZ-63"} <= set(both)
    assert sectors.filter_units(["metallurgy"], "both", "2022", lineage_rule="strict") == [
        c for c in both if c not in ("KZ-10", "KZ-62")
    ]


def test_empty_selection_matches_nothing() -> None:
    assert sectors.filter_units([], "either", "2022") == []


# ---------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("args", "param"), [
    ((["space_industry"], "designated", "2022"), "sector_ids"),
    (("mining", "designated", "2022"), "sector_ids"),
    ((["mining"], "sometimes", "2022"), "mode"),
])  # fmt: skip
def test_filter_bad_input(args: tuple, param: str) -> None:
    with pytest.raises(ValueError, match=param):
        sectors.filter_units(*args)


def test_unit_not_in_layout() -> None:
    with pytest.raises(ValueError, match="iso_code"):
        sectors.designated_sectors("KZ-62", "2020")
    with pytest.raises(ValueError, match="iso_code"):
        sectors.measured_sectors("KZ-99", "2022")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_rule_text(lang: str) -> None:
    text = sectors.sector_rule_text(lang)
    assert len(text) > 200
    if lang != "en":
        assert any("\u0400" <= ch <= "\u04ff" for ch in text)


