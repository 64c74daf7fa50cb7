"""An uploaded column on every page the README promises, in a real browser: the ranking ranks it, the
profile and the comparison show it, each marked as the user's data, in the session that uploaded it.

The server, the browser and the page helpers are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import pytest

from tests.test_browser import (
    I18N,
    MAIN,
    MAP_PATHS,
    REGISTRY,
    SIDEBAR,
    TIMEOUT_MS,
    browser,
    no_exception,
    open_app,
    query,
    server,
    settle,
)

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

COLUMN = "Зарплата"
USER_ID = "user:my_wages/Зарплата"


def _go(page, label: str) -> None:
    """Follow the sidebar's link to a page (same session: the upload stays)."""
    page.locator(f"{SIDEBAR} a", has_text=label).first.click()
    page.wait_for_timeout(500)
    settle(page, expect=f"{MAIN} h1")


def test_uploaded_column_is_on_the_ranking_profile_and_compare(browser, server, tmp_path):
    data = tmp_path / "my wages.csv"
    data.write_text(
        "Регион;Зарплата\nАкмолинская область;100,5\nAtyrau Region;300\nг. Алматы;250\nАтлантида;5\n",
        encoding="cp1251",
    )
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    mark = I18N["user_data"]["en"]
    try:
        page = open_app(ctx, server, "/", map_expected=True)
        page.locator(f"{MAIN} [data-testid='stExpander'] summary").first.click()
        page.locator(f"{MAIN} [data-testid='stFileUploader'] input[type='file']").set_input_files(str(data))
        page.wait_for_function(
            "() => (new URL(location.href).searchParams.get('indicator') || '').startsWith('user:')"
        )
        settle(page, map_expected=True)

        # Ranking: the link's user indicator is what the page ranks, marked; three bars, in value order.
        _go(page, I18N["page_ranking"]["en"])
        no_exception(page, "/ranking after upload")
        assert query(page).get("indicator") == [USER_ID], page.url
        main = page.locator(MAIN).inner_text()
        assert f"{COLUMN} ({mark})" in main, main[:500]
        page.wait_for_selector(f"{MAIN} .js-plotly-plot .barlayer .point path", timeout=TIMEOUT_MS)
        labels = page.locator(f"{MAIN} .js-plotly-plot").first.evaluate(
            "el => [...el.querySelectorAll('.ytick text')].map(e => e.textContent)"
        )  # the ranking's bars (the scatter below has ticks of its own)
        # The three regions with a figure, highest first (300, 250, 100.5), together at one end of the
        # axis; the seventeen without one listed as "no data" after them.
        # Bars carry short names, or the full name where two short names clash (Almaty the city and region).
        names = [
            next(n for n in (REGISTRY[c]["short"]["en"], REGISTRY[c]["name"]["en"]) if n in labels)
            for c in ("KZ-23", "KZ-75", "KZ-11")  # Atyrau, Almaty city, Akmola
        ]
        at = [labels.index(n) for n in names]
        assert at in ([0, 1, 2], [len(labels) - 1, len(labels) - 2, len(labels) - 3]), labels
        assert len(labels) == 20, labels

        # Profile: the user's section shows Atyrau's figure, marked.
        _go(page, I18N["page_map"]["en"])
        page.wait_for_selector(MAP_PATHS)
        page.locator(f"{MAP_PATHS}[data-iso='KZ-23']").click()
        page.wait_for_url("**/region?*region=KZ-23*", timeout=TIMEOUT_MS)
        settle(page, expect=f"{MAIN} h1")
        no_exception(page, "/region after upload")
        profile = page.locator(MAIN).inner_text()
        assert I18N["user_section"]["en"] in profile, profile[:500]

        # Compare: the comparison table carries the column (named and marked) beside the published ones.
        _go(page, I18N["page_compare"]["en"])
        page.locator(f"{MAIN} [data-testid='stMultiSelect'] input").first.click()
        page.keyboard.type("Akmola")
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
        settle(page, expect=f"{MAIN} [data-testid='stDataFrame']")
        no_exception(page, "/compare after upload")
        cells = page.eval_on_selector_all(
            f"{MAIN} [data-testid='stDataFrame'] [role='gridcell'], {MAIN} [data-testid='stDataFrame'] th",
            "els => els.map(e => e.textContent)",
        )
        joined = " | ".join(cells)
        assert COLUMN in joined and mark in joined, joined[:1000]
        assert "300" in joined, joined[:1000]
    finally:
        ctx.close()
