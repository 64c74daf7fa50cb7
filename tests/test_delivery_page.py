"""The ``/delivery`` page: its model (regions.pages.delivery) and the page itself (AppTest).

Expected figures are recomputed here from ``data/statistics.csv`` with the csv module and plain arithmetic,
not taken from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import openpyxl
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from regions.base.i18n import t
from regions.pages import delivery as dp
from regions.policy import delivery as dv
from regions.present.labels import format_number

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
ROLES = json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))
TIMEOUT = 200
WEST = ("KZ-15", "KZ-23", "KZ-27", "KZ-47")
LANGS = ("en", "ru", "kk")
NUMBER = re.compile(r"\d")


def stored() -> dict[tuple[str, str, str, int], float]:
    with (ROOT / "data" / "statistics.csv").open(newline="", encoding="utf-8") as fh:
        return {
            (r["iso_code"], r["territory"], r["indicator"], int(r["year"])): float(r["value"])
            for r in csv.DictReader(fh)
        }


S = stored()


def card(page: dp.DeliveryPage, role: str, indicator: str, base: int = 2019) -> dp.IndicatorCard:
    section = next(s for s in page.sections if s.role_id == role)
    hits = [c for c in section.cards if c.indicator == indicator and c.base_year == base]
    assert len(hits) == 1
    return hits[0]


# --------------------------------------------------------------------------------------------------
# The model


def test_west_investment_is_the_sum_of_the_four_oblasts_with_its_nominal_change():
    page = dp.delivery_page("2022", "en", "inherit")
    c = card(page, "petrochemicals_west", "investment_fixed_capital")
    latest = c.latest_year
    base = sum(S[(u, "2022", "investment_fixed_capital", 2019)] for u in WEST)
    last = sum(S[(u, "2022", "investment_fixed_capital", latest)] for u in WEST)
    row = c.table.iloc[0]  # the designated regions
    assert row.iloc[0] == I18N["delivery_scope_group"]["en"]
    assert row.iloc[1] == f"{format_number(base, 0)} → {format_number(last, 0)}"
    pct = (last / base - 1) * 100
    sign = "+" if pct > 0 else "\u2212"
    assert row.iloc[2] == f"{sign}{format_number(abs(pct), 1)}\u00a0% nominal"
    # The latest year is marked preliminary where data/indicators.json flags it (read here with json).
    items = json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))
    (inv,) = [i for i in items if i["id"] == "investment_fixed_capital"]
    prelim = any(f["kind"] == "preliminary" and latest in f["years"] for f in inv.get("flags", []))
    assert prelim  # 2025 is preliminary in the stored data; without it the next line checks nothing new
    assert c.table.columns[1] == f"2019 → {latest} ({I18N['preliminary_mark']['en']})"


def test_a_volume_index_row_says_real_and_chains_the_national_index():
    page = dp.delivery_page("2022", "ru", "inherit")
    c = card(page, "russia_border", "grp_volume_index")
    product = 100.0
    for year in range(2020, c.latest_year + 1):
        product *= S[("KZ", "2022", "grp_volume_index", year)] / 100.0
    nation = c.table.iloc[2]
    assert nation.iloc[0] == I18N["kazakhstan"]["ru"]
    assert nation.iloc[1] == f"100,0 → {format_number(product, 1, 'ru')}"
    assert nation.iloc[2].endswith(I18N["delivery_real"]["ru"])
    assert c.real and "2019 = 100" in c.title


def test_a_missing_figure_says_no_data_and_why_in_the_page_language():
    # The metallurgical group holds units split in 2022 and no 2020 or 2021 manufacturing GVA in tenge is
    # held to chain it as one territory: no real change of manufacturing since 2019.
    for lang in LANGS:
        page = dp.delivery_page("2022", lang, "inherit")
        c = card(page, "metallurgy_hightech", "gva_volume_index_manufacturing")
        group = c.table.iloc[0]
        missing = I18N["missing"][lang]
        assert missing + "¹" in group.iloc[1] and group.iloc[2] == missing + "¹"
        assert c.footnotes == (f"¹ {missing}: {I18N['delivery_missing_borders'][lang]}",)


def test_a_missing_base_year_names_the_units_lacking_it():
    # Strict lineage: Karaganda and East Kazakhstan (2022 borders) have no 2019 figure of their own.
    page = dp.delivery_page("2022", "en", "strict")
    c = card(page, "metallurgy_hightech", "investment_fixed_capital")
    latest = c.latest_year
    group = c.table.iloc[0]
    last = sum(S[(u, "2022", "investment_fixed_capital", latest)] for u in ("KZ-35", "KZ-55", "KZ-63"))
    assert group.iloc[1] == f"no data¹ → {format_number(last, 0)}"
    assert c.footnotes == (
        "¹ no data: no 2019 figure for Karaganda Region, East Kazakhstan Region",
        "² no data: no 2019 figure for Abai Region, Ulytau Region",  # in the rest of the country
    )
    assert c.table.iloc[1, 1].startswith("no data²")


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("rule", ["inherit", "strict"])
def test_every_cell_is_a_figure_or_no_data(layout, rule):
    for lang in LANGS:
        page = dp.delivery_page(layout, lang, rule)
        assert [s.role_id for s in page.sections] == [r["id"] for r in ROLES]
        for section in page.sections:
            assert len(section.cards) >= 4
            for c in section.cards:
                assert len(c.table) == 3
                for cell in c.table.iloc[:, 1:].to_numpy().ravel():
                    assert cell and (NUMBER.search(cell) or I18N["missing"][lang] in cell), cell
                # Every footnote mark used in the table is explained, and only those.
                marks = set("".join(c.table.iloc[:, 1:].to_numpy().ravel())) & set("¹²³⁴⁵⁶⁷⁸⁹")
                assert len(marks) == len(c.footnotes)


def test_units_are_named_in_the_page_language_and_grouped_by_basis():
    page = dp.delivery_page("2022", "kk", "inherit")
    metal = page.sections[0]
    named = {u.iso_code for u in metal.units if u.basis_id == "direct"}
    assert named == {"KZ-35", "KZ-55", "KZ-63"}  # the address names these three
    groups = metal.units_by_basis
    assert groups[0][0] == I18N["basis_direct"]["kk"]
    assert {u.iso_code for u in groups[1][1]} == {"KZ-10", "KZ-62"}  # Abai and Ulytau, by lineage
    assert any("облысы" in u.name for u in metal.units)


def test_small_multiples_mark_the_address_year_and_colour_the_group_as_the_map():
    page = dp.delivery_page("2022", "en", "inherit")
    section = page.sections[1]
    c = card(page, "petrochemicals_west", "share_mining")
    fig = dp.chart_figure(c, section.colour, "en")
    assert [tr.name for tr in fig.data] == ["Designated regions", "Rest of the country", "Kazakhstan"]
    assert fig.data[0].line.color == section.colour == "#0072B2"  # the western role's colour on the map
    assert [s.x0 for s in fig.layout.shapes] == [2020]
    assert fig.layout.annotations[0].text == I18N["delivery_address_year"]["en"]
    # A series that starts after the address (real change since 2021) still shows the address year.
    since_split = dp.chart_figure(card(page, "petrochemicals_west", "grp_volume_index", 2021), "#000", "en")
    assert min(since_split.data[0].x) == 2021 and since_split.layout.xaxis.range[0] < 2020
    assert [s.x0 for s in since_split.layout.shapes] == [2020]
    # Years without a figure are gaps (None), never a line drawn across them.
    years = list(fig.data[2].x)
    assert years == list(range(years[0], years[-1] + 1))
    for y, v in zip(years, fig.data[2].y, strict=True):
        if ("KZ", "2022", "gva_B", y) not in S:
            assert v is None


def test_manufacturing_target_is_judged_in_real_terms():
    page = dp.delivery_page("2022", "en")
    view = next(v for v in page.targets if v.target_id == "manufacturing_x1_5")
    years = sorted(y for (c, _, i, y) in S if c == "KZ" and i == "industrial_production_index_manufacturing")
    latest = years[-1]
    ratio = math.prod(
        S[("KZ", "2022", "industrial_production_index_manufacturing", y)] / 100
        for y in range(2021, latest + 1)
    )
    assert f"{latest} against 2020: ×\u00a0{format_number(ratio, 2)} (real)" in view.headline
    assert view.due == "Due: 2025"
    assert view.status.startswith("Reached" if ratio >= 1.5 else "Not reached")
    assert len(view.also) == 2 and "against 2019" in view.also[0]
    nominal = S[("KZ", "2022", "gva_C", latest)] / S[("KZ", "2022", "gva_C", 2019)]
    assert view.nominal.startswith("Nominal ratio") and f"×\u00a0{format_number(nominal, 2)}" in view.nominal
    assert float(view.progress["value"].iloc[-1]) == pytest.approx(ratio)
    assert view.quotes and "1.5 times" in view.quotes[0].text


@pytest.mark.parametrize("lang", LANGS)
def test_sme_targets_show_reported_figures_not_bns(lang):
    # No BNS table: the government's figures as Kazinform reported them (values: tests/test_targets_sme.py).
    page = dp.delivery_page("2020", lang)
    for tid, why in (
        ("sme_gdp_share_35", "delivery_target_why_sme_gdp"),
        ("sme_employment_4m", "delivery_target_why_sme_employment"),
    ):
        view = next(v for v in page.targets if v.target_id == tid)
        assert view.headline != I18N["delivery_target_no_figure"][lang] and "2022" in view.headline
        assert "Kazinform" in view.headline
        assert view.why == I18N[why][lang]
        assert view.progress is None and not view.nominal and view.status
        assert view.due == I18N["delivery_target_due"][lang].format(due=2025)
        assert view.source and view.quotes and "inform.kz" in view.source
        assert view.reported is not None and list(view.reported.iloc[-3:, 1]) == [I18N["missing"][lang]] * 3


def test_downloads_csv_and_xlsx():
    raw = dp.download("2020", "strict", "csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(dv.CSV_COLUMNS)
    n_rows = sum(len(r.rows) for r in dv.delivery("2020", "strict"))
    assert len(rows) == 3 * n_rows
    # A missing figure is an empty cell with its reason in "note".
    assert all(r["note"] for r in rows if r["change"] == "")
    book = openpyxl.load_workbook(io.BytesIO(dp.download("2020", "strict", "xlsx")))
    assert book.sheetnames == ["delivery", "targets", "caveats"]
    assert book["delivery"].max_row == 1 + len(rows)
    assert [c.value for c in book["caveats"][1]] == ["key", "text_en", "text_ru", "text_kk"]
    assert dp.download_name("2020", "strict", "csv", "2026-12-01") == (
        "kz-delivery_2020-layout_strict_base2019_2026-12-01.csv"
    )
    with pytest.raises(ValueError, match="format"):
        dp.download("2020", "strict", "pdf")


# --------------------------------------------------------------------------------------------------
# The page (AppTest)


@pytest.fixture
def media(monkeypatch) -> dict[str, bytes]:
    """The bytes of every file the page hands to the browser (download buttons), by file id."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        files[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("lang", LANGS)
def test_delivery_page_renders(lang, layout, media):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.query_params["layout"] = layout
    at.run()
    at.switch_page("app_pages/delivery.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == I18N["delivery_title"][lang]
    headers = [h.value for h in at.header]
    # One role at a time (issue 19): the first role of the catalogue unless the link names another.
    assert headers[:3] == [
        ROLES[0]["name"][lang],
        I18N["border_header"][lang],  # the border check (issue 15)
        I18N["delivery_targets_header"][lang],
    ]
    # One table per indicator row of the role shown; each figure cell a number or "no data".
    n_rows = len(dv.delivery(layout, "inherit")[0].rows)
    assert len(at.table) == n_rows + 3  # the border check's, and the two SME targets' reported figures
    for table in at.table[:n_rows]:
        df = table.value
        assert len(df) == 3
        for cell in df.iloc[:, 1:].to_numpy().ravel():
            assert NUMBER.search(cell) or I18N["missing"][lang] in cell, cell
    assert len(at.get("plotly_chart")) == n_rows + 1  # and the manufacturing target's
    # The caveats, in the page's language.
    text = "\n".join(m.value for m in at.markdown)
    assert I18N["delivery_caveat_not_treatment"][lang] in text
    # Downloads: CSV with the expected columns, one row per role, indicator and scope.
    # (the page's own three; every chart has its PNG and SVG buttons besides, tests/test_chartexport.py)
    buttons = [b for b in at.get("download_button") if (b.key or "").startswith("dl_delivery_")]
    assert len(buttons) == 3
    csv_id = buttons[0].proto.url.rsplit("/", 1)[-1].split(".")[0]
    data = media[csv_id]
    assert data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # The download holds every role, whichever is drawn.
    all_rows = sum(len(r.rows) for r in dv.delivery(layout, "inherit"))
    assert list(rows[0]) == list(dv.CSV_COLUMNS) and len(rows) == 3 * all_rows
    assert {r["role"] for r in rows} == {r["id"] for r in ROLES}
    xlsx_id = buttons[1].proto.url.rsplit("/", 1)[-1].split(".")[0]
    assert media[xlsx_id][:2] == b"PK"


@pytest.mark.parametrize("lang", LANGS)
def test_delivery_page_draws_the_role_its_link_or_chooser_names(lang):
    # The role is part of the view: a link opens on it, and the chooser changes it and the link. Only that
    # role's tables and charts are drawn; the answers above still name every role.
    rds = {r.role: r for r in dv.delivery("2022", "inherit")}
    role = ROLES[2]["id"]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"lang": lang, "role": role})
    at.run()
    at.switch_page("app_pages/delivery.py")
    at.query_params.update({"lang": lang, "role": role})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == ROLES[2]["name"][lang]
    assert len(at.table) == len(rds[role].rows) + 3
    assert len(at.get("plotly_chart")) == len(rds[role].rows) + 1
    answers = [
        m.value
        for m in at.markdown
        if any(m.value.startswith(f"**{dp.short_role_name(r['id'], lang)}") for r in ROLES)
    ]
    assert len(answers) == len(ROLES), answers
    chooser = at.radio(key=f"w_delivery_role.{lang}")
    assert chooser.value == role
    other = ROLES[1]["id"]
    chooser.set_value(other).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == ROLES[1]["name"][lang]
    assert len(at.table) == len(rds[other].rows) + 3
    assert at.query_params["role"] == other
    # A role the catalogue does not know: the first role, and a notice naming the parameter.
    at2 = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at2.query_params.update({"lang": lang, "role": "no_such_role"})
    at2.run()
    at2.switch_page("app_pages/delivery.py")
    at2.run()
    assert not at2.exception
    assert at2.header[0].value == ROLES[0]["name"][lang]


def test_delivery_page_links_each_unit_to_its_profile():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "ru"
    at.query_params["lineage"] = "strict"
    at.query_params["role"] = "petrochemicals_west"  # the western role's units (one role at a time)
    at.run()
    at.switch_page("app_pages/delivery.py")
    at.run()
    links = [p for p in at.get("page_link") if "region" in p.proto.page]
    west = [p for p in links if p.proto.label == "Атырауская область"]
    assert west, [p.proto.label for p in links]
    # The link keeps the view (language, lineage rule, the role shown) and opens that region's profile.
    params = dict(x.split("=", 1) for x in west[0].proto.query_string.split("&"))
    assert params == {"lang": "ru", "lineage": "strict", "role": "petrochemicals_west", "region": "KZ-23"}


def test_an_estimated_group_figure_says_so_in_a_footnote():
    # The metallurgical group's real GRP since 2019 is the project's group-level chain: marked, footnoted.
    for lang in LANGS:
        page = dp.delivery_page("2022", lang, "inherit")
        c = card(page, "metallurgy_hightech", "grp_volume_index")
        group, nation = c.table.iloc[0], c.table.iloc[2]
        assert group.iloc[2].endswith("¹") and not nation.iloc[2].endswith("¹")
        assert c.footnotes == (f"¹ {I18N['delivery_estimate_footnote'][lang]}",)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_rest_complemented_from_the_nation_is_footnoted_as_such(lang: str) -> None:
    rd = dv.role_delivery("metallurgy_hightech", "2022", base_year=2016)
    row = next(r for r in rd.rows if r.indicator == "share_exports_engineering")
    _, notes = dp._card_table(row, lang)
    assert any(t("delivery_complement_footnote", lang) in n for n in notes)
    assert not any(t("delivery_estimate_footnote", lang) in n for n in notes)  # not the group chain's note
