"""/tables on screen for people (issue 17, item 12): figures written for the page's language with each
column's decimals, units in the headers, the name in the page's language pinned; the figures stay numbers
underneath (a display format), so sorting goes by value.

Expected texts are recomputed here from ``data/geography_2022.csv`` and ``data/indicators.json`` with
``csv`` and string formatting, not taken from the code under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = {i["id"]: i for i in json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))}


def _written(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang in ("ru", "kk") else text


@pytest.fixture(scope="module", params=["en", "ru", "kk"])
def shown(request):
    lang = request.param
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/tables.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    element = at.dataframe[0]
    styler = element.proto.arrow_data.styler
    display = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    return lang, element, display, json.loads(element.proto.columns)


def test_the_name_in_the_page_language_is_pinned(shown):
    lang, _, _, config = shown
    assert [c for c, cfg in config.items() if cfg.get("pinned")] == [f"name_{lang}"]


def test_areas_are_written_for_the_language_with_one_decimal(shown):
    lang, element, display, _ = shown
    with (ROOT / "data" / "geography_2022.csv").open(encoding="utf-8") as f:
        areas = {r["iso_code"]: float(r["area_km2"]) for r in csv.DictReader(f)}
    codes = list(element.value["iso_code"])
    for i, code in enumerate(codes):
        assert display["area_km2"][i] == _written(areas[code], 1, lang), code
    # Underneath, the figure is still a number (sorting by value).
    assert element.value["area_km2"].dtype.kind == "f"


def test_indicator_headers_carry_their_unit_and_figures_their_decimals(shown):
    lang, element, display, config = shown
    col = next(c for c in display.columns if c.startswith("density_"))
    assert INDICATORS["density"]["unit"][lang] in config[col]["label"]
    places = int(INDICATORS["density"]["decimals"])
    for i, value in enumerate(element.value[col]):
        if value == value:  # not NaN
            assert display[col][i] == _written(float(value), places, lang)


def test_type_and_centre_are_written_in_the_page_language(shown):
    # The registry's own names and the interface's words, read here from the files, not from the code.
    lang, element, _, _ = shown
    registry = {u["iso_code"]: u for u in json.loads((ROOT / "data" / "registry.json").read_text("utf-8"))}
    words = json.loads((ROOT / "data" / "i18n.json").read_text("utf-8"))
    frame = element.value.set_index("iso_code")
    assert frame.loc["KZ-10", "centre"] == registry["KZ-10"]["centre"]["name"][lang]  # Semey / Семей
    assert frame.loc["KZ-10", "type"] == words["type_oblast"][lang]
    assert frame.loc["KZ-75", "type"] == words["type_city"][lang]
