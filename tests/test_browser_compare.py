"""``/compare`` in a real browser: the region search adds exactly the region typed, in every language.

The server, the browser and the page helpers are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import pytest

from tests.test_browser import MAIN, REGISTRY, TIMEOUT_MS, browser, no_exception, open_app, server

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

SEARCH = f"{MAIN} [data-testid='stMultiSelect'] input"
TAGS = f"{MAIN} [data-testid='stMultiSelect'] [data-tag] > span[title]"


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [
        ("en", "East", "KZ-63"),
        ("en", "West", "KZ-27"),
        ("ru", "Восточно", "KZ-63"),
        ("ru", "Западно", "KZ-27"),
        ("kk", "Шығыс", "KZ-63"),
        ("kk", "Батыс", "KZ-27"),
    ],
)
def test_region_search_adds_exactly_the_region_typed(browser, server, lang, typed, code):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = open_app(ctx, server, f"/compare?lang={lang}")
        no_exception(page, f"/compare {lang}")
        page.locator(SEARCH).first.click()
        page.keyboard.type(typed)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
        tags = [x.strip() for x in page.locator(TAGS).all_inner_texts()]
        assert tags == [REGISTRY[code]["name"][lang]], tags
    finally:
        ctx.close()
