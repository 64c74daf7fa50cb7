"""Source lines in a real browser: under every chart, map and table one short line (its full citation
folded below it), no file path or reference-file name shown, on every page of ``app.py`` in en/ru/kk at
1440 and 390 px.

The server, the browser and the page helpers are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser import I18N, MAIN, TIMEOUT_MS, browser, no_exception, open_app, server

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

PAGES = (
    "/",
    "/region?region=KZ-35",
    "/compare?regions=KZ-35,KZ-55",
    "/ranking",
    "/delivery",
    "/tables",
    "/address",
    "/sources",
)
MAX_SOURCE_PX = 60
# What a reader must never see: paths of the project's files or of its reference notes.
PATHS = re.compile(r"file:|shared/reference|data/[\w/]+\.(?:csv|json|geojson|txt)\b")


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_source_block_is_one_short_line(browser, server, lang, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    prefix = I18N["source_prefix"][lang]
    try:
        for path in PAGES:
            sep = "&" if "?" in path else "?"
            page = open_app(ctx, server, f"{path}{sep}lang={lang}")
            no_exception(page, f"{path} {lang} {width}")
            blocks = page.eval_on_selector_all(
                f"{MAIN} [data-testid='stCaptionContainer']",
                # The height of the text itself (its lines), not of the paragraph's bottom margin.
                """els => els.filter(e => e.offsetParent !== null).map(e => {
                        const r = document.createRange(); r.selectNodeContents(e);
                        return [e.innerText.trim(), r.getBoundingClientRect().height]; })""",
            )
            sources = [(text, h) for text, h in blocks if text.startswith(prefix)]
            if path != "/sources":  # the page of full citations has no line of its own
                assert sources, f"{path}: no source line"
            tall = [(text[:80], round(h)) for text, h in sources if h > MAX_SOURCE_PX]
            assert not tall, f"{path} {lang} {width}: source blocks taller than {MAX_SOURCE_PX} px: {tall}"
            shown = page.locator(MAIN).inner_text()
            hit = PATHS.search(shown)
            assert not hit, (
                f"{path} {lang}: a file path is shown: {shown[max(0, hit.start() - 60) : hit.end() + 20]}"
            )
            page.close()
    finally:
        ctx.close()
