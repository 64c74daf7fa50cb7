"""A user's own table on every page: map, profile, compare, table and downloads, marked as theirs.

The pages are run with user indicators already in the session (what the upload panel leaves there);
the upload itself is driven in a real browser in tests/test_browser.py.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from map_elements import legend_texts, map_markup, unit_paths
from streamlit.testing.v1 import AppTest

from regions.exports import table
from regions.uploads import userdata

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
CSV = (
    "Region;Wages [x](https://evil.example);<a href='https://evil.example'>pay</a>\n"
    "Akmola Region;100,5;1\n"
    "Атырауская область;300;2\n"
    "Абай облысы;50;3\n"
    "Kazakhstan;200;6\n"
).encode()


@pytest.fixture(scope="module")
def upload():
    indicators, _ = userdata.from_upload(CSV, "wages <b>2024</b>.csv")
    assert len(indicators) == 2
    return indicators[0]


@pytest.fixture(scope="module")
def html_column():
    return userdata.from_upload(CSV, "wages <b>2024</b>.csv")[0][1]


def test_an_upload_gives_one_indicator_per_numeric_column(upload):
    assert upload.id == "user:wages_b_2024_b/Wages_x_https_evil_example"
    assert upload.values == {"KZ-11": 100.5, "KZ-23": 300.0, "KZ-10": 50.0}
    assert upload.national == 200.0 and upload.layout == "2022"


def test_a_2022_file_says_nothing_about_the_2020_units_that_changed(upload):
    assert upload.value("KZ-11", "2020") == 100.5  # Akmola: same territory
    assert upload.value("KZ-63", "2020") is None  # East Kazakhstan with Abai: not in the file
    assert upload.value("KZ-10", "2022") == 50.0


def _run(upload, page=None, **params):
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_user_indicators"] = {upload.id: upload}
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_map_colours_by_the_users_column_and_says_whose_it_is(upload):
    at = _run(upload, indicator=upload.id)
    paths = unit_paths(at)
    valued = {c for c, p in paths.items() if not p.get("fill").startswith("url(")}
    assert valued == {"KZ-11", "KZ-23", "KZ-10"}
    # 50 is the smallest value and 300 the largest: the two ends of the scale (Viridis).
    assert paths["KZ-10"].get("fill") == "#440154" and paths["KZ-23"].get("fill") == "#fde725"
    title = paths["KZ-11"].find("{http://www.w3.org/2000/svg}title").text
    assert "100.5" in title, title
    captions = " ".join(c.value for c in at.caption)
    assert "Your data, not a published source" in captions
    # The column's text is shown literally: a code span in the caption, escaped HTML in the figure.
    assert "`Wages [x](https://evil.example)`" in captions
    legend = " ".join(legend_texts(at))
    assert "your data" in legend and "Wages [x](https://evil.example)" in legend


def test_html_in_a_column_name_is_not_drawn_as_html(html_column):
    at = _run(html_column, indicator=html_column.id)
    markup = map_markup(at)
    assert "<a href" not in markup and "&lt;a href" in markup


def test_a_link_to_a_users_column_in_another_session_says_why_it_is_missing(upload):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = upload.id
    at.run()
    assert not at.exception
    assert "upload the file again" in " ".join(w.value for w in at.warning)


def test_profile_compare_and_table_show_the_users_figures(upload):
    profile = _run(upload, "app_pages/region.py", region="KZ-23")
    frames = [d.value for d in profile.dataframe]
    assert any("300" in " ".join(map(str, f.to_numpy().ravel())) for f in frames)
    compare = _run(upload, "app_pages/compare.py", regions="KZ-11,KZ-23")
    frame = compare.dataframe[0].value
    row = [i for i in frame.index if "your data" in i]
    assert len(row) == 1 and "100.5" in frame.loc[row[0]].to_string()
    tables = _run(upload, "app_pages/tables.py")
    assert upload.id in tables.dataframe[0].value.columns


def test_downloads_carry_the_users_column_and_name_it_as_theirs(upload):
    df = table.with_user_columns(table.regional_table("2022", with_national=True), "2022", [upload])
    csv = pd.read_csv(io.BytesIO(table.export(df, "csv", "2022", [upload])), encoding="utf-8-sig")
    got = dict(zip(csv["iso_code"], csv[upload.id], strict=True))
    assert got["KZ-23"] == 300.0 and got["KZ"] == 200.0 and pd.isna(got["KZ-63"])
    sources = pd.read_excel(io.BytesIO(table.export(df, "xlsx", "2022", [upload])), sheet_name="sources")
    assert sources["data_file"].str.startswith("(your upload)").sum() == 1


def test_the_scatter_takes_the_users_column_on_either_axis(upload):
    # x = the user's wages (no year), y = a published indicator: the scatter takes y's year, the user's
    # figures are plotted against it for the units that have both, and the axis says whose data it is.
    at = _run(upload, "app_pages/ranking.py", x=upload.id, y="population")
    fig = json.loads(at.get("plotly_chart")[-1].proto.spec)  # the scatter is the page's last chart
    xs = {v for tr in fig["data"] for v in (tr.get("x") or []) if isinstance(v, (int, float))}
    assert {100.5, 300.0, 50.0} <= xs
    title = fig["layout"]["xaxis"]["title"]["text"].replace("<br>", " ")  # long titles are wrapped
    assert "your data" in title and "Wages [x](https://evil.example)" in title
    source = " ".join(c.value for c in at.caption)
    assert "Your data, not a published source" in source
