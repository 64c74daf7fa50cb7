"""A table keyed by district, uploaded in a real Chromium: the district map is drawn and coloured (issue 16).

The server, the browser and the waiting helpers are those of ``tests/test_browser.py``. The file is what an
akimat's analyst would have: Russian district names, Windows-1251, semicolon-separated, decimal commas,
a column with the region to tell the three "Абайский район" apart.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

# The fixtures are imported so that pytest runs them for this module too.
from test_browser import (  # noqa: F401
    ALERT,
    EXCEPTION,
    MAIN,
    browser,
    no_exception,
    open_app,
    pick,
    server,
    settle,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
DISTRICT_PATHS = "svg.kzdistricts path[data-kato]"

# Districts of Abai Region named in Russian as the file has them, with a figure each.
ROWS = [
    ("Бескарагайский район", "область Абай", "12,5"),
    ("Абайский район", "Абайская область", "7,25"),
    ("Аягозский район", "Абайская область", "30"),
    ("г. Семей", "область Абай", "100"),
    ("Урджарский р-н", "область Абай", "55,5"),
]


def _abai_districts() -> list[str]:
    with open(ROOT / "data" / "districts.csv", encoding="utf-8", newline="") as f:
        return [r["kato"] for r in csv.DictReader(f) if r["parent_iso"] == "KZ-10"]


@pytest.fixture
def district_file(tmp_path) -> Path:
    path = tmp_path / "районы.csv"
    lines = ["Район;Область;Показатель"] + [";".join(r) for r in ROWS] + ["Неведомый район;;1"]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1251"))
    return path


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_district_upload_draws_a_coloured_district_map(browser, server, district_file, lang, width):  # noqa: F811
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 1000}, accept_downloads=True
    )
    try:
        page = open_app(context, server, f"/?lang={lang}", map_expected=True)
        page.locator(f"{MAIN} [data-testid='stExpander'] summary").first.click()
        page.locator(f"{MAIN} [data-testid='stFileUploader'] input[type='file']").set_input_files(
            str(district_file)
        )
        page.wait_for_selector(DISTRICT_PATHS, timeout=120_000)
        settle(page, expect=DISTRICT_PATHS)
        no_exception(page, f"district upload ({lang}, {width} px)")

        # Every district of the country is drawn (the whole-country view comes first) …
        paths = page.eval_on_selector_all(
            DISTRICT_PATHS,
            "els => els.map(p => ({kato: p.getAttribute('data-kato'), fill: getComputedStyle(p).fill,"
            " w: p.getBoundingClientRect().width}))",
        )
        with open(ROOT / "data" / "districts.csv", encoding="utf-8", newline="") as f:
            assert len(paths) == sum(1 for _ in csv.DictReader(f))
        fills = {p["kato"]: p["fill"] for p in paths}
        # … the five matched ones in the scale's colours, every other one hatched as missing.
        matched = {"103800000", "103200000", "103600000", "101000000", "104600000"}
        assert all("url(" not in fills[k] for k in matched), {k: fills[k] for k in matched}
        assert len({fills[k] for k in matched}) >= 4  # five figures, at least four distinct colours
        assert all("url(" in fills[k] for k in fills if k not in matched)
        # The map fits the column: no sideways scrolling on a phone.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")

        # The report says what matched, in the page's language, and names the unmatched row.
        alerts = " ".join(page.locator(ALERT).all_inner_texts())
        assert "районы.csv" in alerts
        assert I18N["district_map_header"][lang] in page.locator(f"{MAIN} h3").all_inner_texts()
        captions = " ".join(page.locator(f"{MAIN} [data-testid='stCaptionContainer']").all_inner_texts())
        assert "geokz" in captions and "CC BY 4.0" in captions

        # One region: only its districts, named.
        region_name = {"en": "Abai Region", "ru": "Абайская область", "kk": "Абай облысы"}[lang]
        pick(page, page.locator(f"{MAIN} [data-testid='stSelectbox']").nth(1), region_name)
        page.wait_for_function(
            f"() => document.querySelectorAll('{DISTRICT_PATHS}').length === {len(_abai_districts())}",
            timeout=60_000,
        )
        settle(page, expect=DISTRICT_PATHS)
        katos = page.eval_on_selector_all(DISTRICT_PATHS, "els => els.map(p => p.getAttribute('data-kato'))")
        assert sorted(katos) == sorted(_abai_districts())
        labels = page.eval_on_selector_all("svg.kzdistricts text", "els => els.map(e => e.textContent)")
        expected_label = {"en": "Beskaragay", "ru": "Бескарагайский", "kk": "Бесқарағай"}[lang]
        assert expected_label in labels, labels
        assert page.locator(EXCEPTION).count() == 0
    finally:
        context.close()
