"""The border check (issue 15): ``python -m regions border`` and its data, recomputed with ``csv``/``json``.

The Kazakh side is the units with a border with Russia in ``data/geography_2022.csv`` and their 2021 population
in ``data/statistics.csv``; the Russian side the census figures of ``data/russia_border.json``; a missing figure
is named, never filled.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from regions import cli
from regions.base import store
from regions.policy import border

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The federal subjects on the border, per en.wikipedia "Kazakhstan–Russia border" (the data file's source 0).
SUBJECTS = {
    "Astrakhan Oblast", "Volgograd Oblast", "Saratov Oblast", "Samara Oblast", "Orenburg Oblast",
    "Chelyabinsk Oblast", "Kurgan Oblast", "Tyumen Oblast", "Omsk Oblast", "Novosibirsk Oblast",
    "Altai Krai", "Altai Republic",
}  # fmt: skip


def _kazakh_side() -> tuple[list[str], float]:
    with (DATA / "geography_2022.csv").open(encoding="utf-8", newline="") as fh:
        codes = sorted(r["iso_code"] for r in csv.DictReader(fh) if float(r["border_km_RUS"]) > 0)
    with (DATA / "statistics.csv").open(encoding="utf-8", newline="") as fh:
        pop = {
            r["iso_code"]: float(r["value"])
            for r in csv.DictReader(fh)
            if r["indicator"] == "population" and r["year"] == "2021" and r["territory"] == "2022"
        }
    return codes, math.fsum(pop[c] for c in codes)


def _russian_side() -> tuple[list[dict], float]:
    subjects = json.loads((DATA / "russia_border.json").read_text(encoding="utf-8"))
    return subjects, math.fsum(s["population_census_2021"] for s in subjects if s["population_census_2021"])


def _json(capsys, *args: str) -> dict:
    assert cli.main(["border", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_subjects_are_the_twelve_on_the_border() -> None:
    subjects, _ = _russian_side()
    assert {s["name"]["en"] for s in subjects} == SUBJECTS


def test_border_json_gives_both_sides_their_sum_the_year_and_the_sources(capsys) -> None:
    doc = _json(capsys)
    codes, kz = _kazakh_side()
    subjects, ru = _russian_side()
    assert doc["year"] == 2021
    assert [p["code"] for p in doc["kazakhstan"]["places"]] == codes
    assert doc["kazakhstan"]["population"] == pytest.approx(kz)
    assert doc["russia"]["population"] == pytest.approx(ru)
    assert doc["total"] == pytest.approx(kz + ru)
    assert doc["claim"] == 30_000_000 and "30 million" in doc["quote"]
    # Tyumen Oblast has no sourced figure: missing and named, the check incomplete, never filled in.
    missing = [s["iso_code"] for s in subjects if s["population_census_2021"] is None]
    assert doc["russia"]["missing"] == missing == ["RU-TYU"]
    assert doc["complete"] is False
    assert doc["russia"]["counted"] == len(subjects) - 1
    # The sources: BNS for the Kazakh side, Rosstat (through the pages named) for the Russian side.
    assert "stat.gov.kz" in doc["kazakhstan"]["source"]
    assert "Rosstat" in doc["russia"]["source"] and "wikipedia.org" in doc["russia"]["source"]
    assert "trade with Russia by region" in doc["trade_with_russia_by_region"]


def test_million_plus_cities_are_on_the_russian_side_only(capsys) -> None:
    doc = _json(capsys)
    subjects, _ = _russian_side()
    cities = [c for s in subjects for c in s["million_plus_cities"]]
    assert doc["russian_million_plus"] == len(cities) >= 2  # "several"
    assert all(c["population"] >= 1_000_000 for c in cities)
    # None on the Kazakh side: every Kazakh border region has fewer than a million inhabitants in all.
    assert doc["kazakh_million_plus"] == 0
    assert doc["kazakh_all_below_million"] is True
    assert all(p["population"] < 1_000_000 for p in doc["kazakhstan"]["places"])


def test_border_csv_has_every_unit_and_the_sums(capsys) -> None:
    assert cli.main(["border", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert list(rows[0]) == list(border.CSV_COLUMNS)
    codes, kz = _kazakh_side()
    subjects, ru = _russian_side()
    assert len(rows) == len(codes) + len(subjects) + 3
    by_code = {r["code"]: r for r in rows}
    assert float(by_code["KZ_SUM"]["population"]) == pytest.approx(kz)
    assert float(by_code["RU_SUM"]["population"]) == pytest.approx(ru)
    assert float(by_code["TOTAL"]["population"]) == pytest.approx(kz + ru)
    assert by_code["RU-TYU"]["population"] == ""  # missing stays missing
    assert "RU-TYU" in by_code["RU_SUM"]["note"]


def test_border_names_in_russian(capsys) -> None:
    doc = _json(capsys, "--lang", "ru")
    names = {p["name"] for p in doc["russia"]["places"]}
    assert "Оренбургская область" in names


def test_bad_format_exits_2_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "regions", "border", "--format", "xml"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--format" in proc.stderr


def test_a_neighbour_outside_the_layout_is_named(tmp_path: Path) -> None:
    # A broken data file: one line naming the file and the entry, never a traceback.
    subjects = json.loads((DATA / "russia_border.json").read_text(encoding="utf-8"))
    subjects[0]["kazakh_neighbours"] = ["KZ-99"]
    root = tmp_path / "data"
    root.mkdir()
    for f in DATA.iterdir():
        if f.is_file():
            (root / f.name).write_bytes(f.read_bytes())
    (root / "russia_border.json").write_text(json.dumps(subjects, ensure_ascii=False), encoding="utf-8")
    meta = root / "russia_border.json.meta.json"
    info = json.loads(meta.read_text(encoding="utf-8"))
    info.pop("sha256")
    meta.write_text(json.dumps(info), encoding="utf-8")
    with store.use_root(root), pytest.raises(border.BorderError, match="KZ-99.*RU-AST|RU-AST.*KZ-99"):
        border.load_subjects()
