"""The border check on ``/delivery`` in a real browser, in English, Russian and Kazakh: the address's
"almost 30 million" beside the counted sum of both sides (recomputed here with ``csv``/``json``), the missing
Russian figure named, and both sides' source lines, with no traceback.

The server, the browser and the page helpers are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from tests.test_browser import CYRILLIC, I18N, MAIN, TIMEOUT_MS, browser, no_exception, open_app, server

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

DATA = Path(__file__).resolve().parent.parent / "data"
CHECK = f"{MAIN} .st-key-border_check"


def _sum() -> int:
    """Kazakh border regions' 2021 population (BNS) + the Russian subjects' 2021 census, from the data files."""
    with (DATA / "geography_2022.csv").open(encoding="utf-8", newline="") as fh:
        codes = {r["iso_code"] for r in csv.DictReader(fh) if float(r["border_km_RUS"]) > 0}
    with (DATA / "statistics.csv").open(encoding="utf-8", newline="") as fh:
        kz = math.fsum(
            float(r["value"])
            for r in csv.DictReader(fh)
            if r["indicator"] == "population" and r["year"] == "2021" and r["iso_code"] in codes
        )
    subjects = json.loads((DATA / "russia_border.json").read_text(encoding="utf-8"))
    ru = math.fsum(s["population_census_2021"] for s in subjects if s["population_census_2021"])
    return round(kz + ru)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_border_check_is_shown_with_its_sum_and_sources(browser, server, lang):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = open_app(ctx, server, f"/delivery?lang={lang}", expect=CHECK)
        no_exception(page, f"/delivery {lang}")
        body = page.locator("body").inner_text()
        assert "Traceback" not in body
        headers = [h.strip() for h in page.locator(f"{MAIN} h2").all_inner_texts()]
        assert I18N["border_header"][lang] in headers
        text = _plain(page.locator(CHECK).inner_text())
        total = f"{_sum():,}"
        expected = total if lang == "en" else total.replace(",", " ")
        assert expected in text, (expected, text[:400])
        assert "30" in text  # the address's "almost 30 million", beside the counted sum
        if lang != "en":
            assert CYRILLIC.search(text)
        # Tyumen Oblast has no sourced figure: named as missing, in the page's language.
        subjects = json.loads((DATA / "russia_border.json").read_text(encoding="utf-8"))
        tyumen = next(s for s in subjects if s["iso_code"] == "RU-TYU")["name"][lang]
        assert tyumen in text
        # Both sides' source lines: one short line each, their full citations (BNS for Kazakhstan, the census
        # pages for Russia) folded below them.
        for summary in page.locator(f"{CHECK} [data-testid='stExpander'] summary").all():
            summary.click()
        page.wait_for_timeout(500)
        text = _plain(page.locator(CHECK).inner_text())
        assert "stat.gov.kz" in text and "wikipedia.org" in text
        assert _plain(I18N["border_trade_with_russia_none"][lang]) in text
    finally:
        ctx.close()
