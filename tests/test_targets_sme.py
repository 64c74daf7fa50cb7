"""The SME targets of the address: government figures reported by Kazinform (``data/targets.json``, field
``reported``), how they are judged and how ``/delivery`` and the address page show them.

The expected figures are typed from the articles' sentences (the stored pages' wording, re-read on
2026-12-01), not taken from the code or the data file:

- Kazinform, 23 August 2023, "Kazakh PM Smailov continues series of meetings with businessmen" (citing
  Ukimet): "Last year, the number of SMEs rose by 27%, and the number of people employed in the sphere rose
  by 18% to 4.1mln. In general, the share of SMEs in the GDP grew to up to 36.5%." ("last year": 2022);
- Kazinform, 4 December 2020, "2 major cities lead in number of SMEs in Kazakhstan" (National Economy
  Minister Ruslan Dalenov): "in 2019, the share of SMEs in GDP stood at 31.7%".
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regions.pages import delivery as dp
from regions.policy import targets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
I18N = json.loads((DATA / "i18n.json").read_text(encoding="utf-8"))
RAW = {t["id"]: t for t in json.loads((DATA / "targets.json").read_text(encoding="utf-8"))}
META = json.loads((DATA / "targets.json.meta.json").read_text(encoding="utf-8"))
LANGS = ("en", "ru", "kk")
SMAILOV_URL = (
    "https://www.inform.kz/en/kazakh-pm-smailov-continues-series-of-meetings-with-businessmen_a4104458/amp"
)
DALENOV_URL = "https://en.inform.kz/amp/2-major-cities-lead-in-number-of-smes-in-kazakhstan_a3726269/"

# (year, value, url) as the sentences above give them; nothing else is held.
EXPECTED = {
    "sme_gdp_share_35": [(2019, 31.7, DALENOV_URL), (2022, 36.5, SMAILOV_URL)],
    "sme_employment_4m": [(2022, 4.1, SMAILOV_URL)],
}
GOALS = {"sme_gdp_share_35": (35.0, "percent"), "sme_employment_4m": (4.0, "million_people")}


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_stored_figures_are_the_articles(tid: str) -> None:
    rep = RAW[tid]["reported"]
    assert [(f["year"], f["value"], f["source"]["url"]) for f in rep["figures"]] == EXPECTED[tid]
    assert (float(rep["goal"]), rep["unit"]) == GOALS[tid]
    for f in rep["figures"]:
        # The stored sentence carries the value as the article writes it (36.5%, 4.1mln).
        assert f"{f['value']:g}" in f["quote"]
        assert f["source"]["reference_year"] == f["year"]
    assert RAW[tid]["indicator"] is None  # not a BNS indicator: no regional figures


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_every_reported_figure_is_sourced(tid: str) -> None:
    meta_urls = {s["url"]: s for s in META["sources"]}
    for f in RAW[tid]["reported"]["figures"]:
        src = f["source"]
        assert src["url"].startswith("https://") and "inform.kz" in src["url"]
        assert src["accessed"] == "2026-12-01"
        assert src["producer"].startswith("Kazinform")
        assert "not a BNS table" in src["note"]
        assert set(f["said_by"]) == set(LANGS) and all(f["said_by"].values())
        assert meta_urls[src["url"]]["producer"] == src["producer"]  # listed in the metadata's sources
    notes = RAW[tid]["notes"]["en"]
    assert "Kazinform" in notes and "not BNS table" in notes.replace("not a BNS table", "not BNS table")
    assert "could not be read in a citable copy" in notes and "unverified" in notes


def test_metadata_no_longer_says_no_sme_data() -> None:
    caveats = " ".join(META["caveats"])
    assert "no data on SMEs" not in caveats
    assert "Kazinform" in caveats and "not BNS tables" in caveats
    assert "reported" in META["method"]


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_judged_on_the_latest_reported_figure_not_yet_due(tid: str) -> None:
    m = targets.measured_target(tid)
    year, value, _ = EXPECTED[tid][-1]
    assert m.main is None and m.due_year == 2025 and m.goal == GOALS[tid][0]
    assert (m.latest_reported.year, m.latest_reported.value) == (year, value)
    # 2022 is before the due year 2025: neither reached nor missed, whatever the figure.
    assert m.reached is None
    assert [(r.year, r.value) for r in m.reported] == [(y, v) for y, v, _ in EXPECTED[tid]]


def test_reached_only_once_a_figure_for_the_due_year_is_held(tmp_path, monkeypatch) -> None:
    data = copy.deepcopy(list(RAW.values()))
    gdp = next(t for t in data if t["id"] == "sme_gdp_share_35")
    last = copy.deepcopy(gdp["reported"]["figures"][-1])
    # A hypothetical 2025 figure below the goal (a test input, not data): judged, and not reached.
    last.update(year=2025, value=34.0, quote="In general, the share of SMEs in the GDP grew to up to 34%.")
    gdp["reported"]["figures"].append(last)
    monkeypatch.setattr(targets, "load_targets", lambda path=None: copy.deepcopy(data))
    m = targets.measured_target("sme_gdp_share_35")
    assert m.latest_reported.year == 2025 and m.reached is False


def test_a_value_not_in_its_sentence_is_refused(tmp_path) -> None:
    data = copy.deepcopy(list(RAW.values()))
    fig = next(t for t in data if t["id"] == "sme_gdp_share_35")["reported"]["figures"][-1]
    fig["value"] = 37.5
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(targets.TargetError, match="sme_gdp_share_35.*reported/figures/1|not in its quoted"):
        targets.load_targets(path)


@pytest.mark.parametrize("lang", LANGS)
def test_delivery_view_shows_figures_and_no_data_after_2022(lang: str) -> None:
    missing = I18N["missing"][lang]
    for tid, expected in EXPECTED.items():
        view = dp.target_view(tid, "2022", lang)
        table = view.reported
        years = [int(y) for y in table.iloc[:, 0]]
        first = expected[0][0]
        assert years == list(range(first, 2026))
        held = {y for y, _, _ in expected}
        for y, figure in zip(years, table.iloc[:, 1], strict=True):
            if y in held:
                assert figure != missing and any(ch.isdigit() for ch in figure)
            else:
                assert figure == missing, (tid, y, figure)
        for y in (2023, 2024, 2025):
            assert table.iloc[years.index(y), 1] == missing
        # The headline gives the 2022 figure; the status says above the goal, not yet due.
        value = "36,5" if tid == "sme_gdp_share_35" else "4,1"
        assert (
            value if lang != "en" else value.replace(",", ".")
        ) in view.headline and "2022" in view.headline
        assert view.status == I18N["delivery_target_reported_above"][lang].format(
            goal="35\u00a0%"
            if tid == "sme_gdp_share_35"
            else I18N["delivery_target_million"][lang].format(value="4"),
            latest=2022,
            due=2025,
        )
        assert "Kazinform" in view.source and SMAILOV_URL in view.source and "2026-12-01" in view.source
        assert view.progress is None and not view.nominal  # no chart, no nominal ratio
    gdp = dp.target_view("sme_gdp_share_35", "2022", lang)
    assert (
        len(gdp.also) == 1 and "2019" in gdp.also[0] and ("31.7" if lang == "en" else "31,7") in gdp.also[0]
    )
    assert DALENOV_URL in gdp.source_lines


def test_targets_download_has_the_reported_rows() -> None:
    df = dp.targets_frame("2022")
    rows = df[df["measure"] == "reported"]
    got = sorted((r.target, int(r.latest_year), float(r.value)) for r in rows.itertuples())
    assert got == sorted((tid, y, v) for tid, figs in EXPECTED.items() for y, v, _ in figs)
    assert all("not a BNS table" in n for n in rows["note"])
    assert set(rows[rows["judged"]]["latest_year"]) == {2022}


def test_address_page_shows_the_reported_figures() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=200)
    at.run()
    at.switch_page("app_pages/address.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [t.value for t in at.table]
    assert len(tables) == 2
    assert [str(v) for v in tables[0].iloc[:, 1]][-3:] == [I18N["missing"]["en"]] * 3
    assert "36.5\u00a0%" in list(tables[0].iloc[:, 1]) and "31.7\u00a0%" in list(tables[0].iloc[:, 1])
    captions = " ".join(c.value for c in at.caption)
    assert SMAILOV_URL in captions and DALENOV_URL in captions
