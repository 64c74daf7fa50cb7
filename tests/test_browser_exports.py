"""Chart downloads and the Share button in a real browser (issue 17, item 10).

A click on a chart's SVG or PNG button downloads a file that carries the chart's title as the page shows
it; Share puts the page's link (the URL that mirrors the view) on the clipboard, or, where the clipboard
API is missing, in a read-only field on the page. The server, the browser and the page helpers are those
of ``tests/test_browser.py``.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests.test_browser import MAIN, TIMEOUT_MS, browser, no_exception, open_app, server

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

ROOT = Path(__file__).resolve().parent.parent
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
SVG_NS = "{http://www.w3.org/2000/svg}"
DOWNLOAD = f"{MAIN} [data-testid='stDownloadButton'] button"
SHARE = ".kzshare button"


def _context(browser, width: int = 1440, **kw):
    viewport = {"width": width, "height": 900 if width > 600 else 844}
    ctx = browser.new_context(viewport=viewport, accept_downloads=True, **kw)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def _download(page, label: str, nth: int = 0):
    button = page.locator(DOWNLOAD).filter(has_text=label, visible=True).nth(nth)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_ranking_charts_svg_and_png_hold_the_title_shown_above_the_chart(browser, server, lang):
    ctx = _context(browser)
    try:
        page = open_app(ctx, server, f"/ranking?lang={lang}")
        no_exception(page, f"/ranking {lang}")
        heading = page.locator(f"{MAIN} h3").first.inner_text().strip()
        assert heading

        name, body = _download(page, I18N["chart_download_svg"][lang])
        assert name.startswith("kz-chart_ranking_") and name.endswith(".svg")
        root = ET.fromstring(body)
        texts = [t.text or "" for t in root.iter(f"{SVG_NS}text")]
        assert root.find(f"{SVG_NS}title").text == heading
        assert heading.split(",")[0] in "\n".join(texts)  # drawn in, not only in the metadata
        assert any(t.startswith(I18N["export_created"][lang]) for t in texts)

        name, body = _download(page, I18N["chart_download_png"][lang])
        assert name.endswith(".png")
        png = Image.open(io.BytesIO(body))
        assert png.format == "PNG" and png.width == 1600 and png.text["Title"] == heading
        assert png.text["Source"]  # the one-line source travels with the picture
    finally:
        ctx.close()


def test_a_delivery_card_downloads_with_its_role_and_indicator_in_the_title_on_a_phone(browser, server):
    ctx = _context(browser, 390)
    try:
        page = open_app(ctx, server, "/delivery?lang=ru")
        no_exception(page, "/delivery ru")
        role = page.locator(f"{MAIN} h2").first.inner_text().strip()
        _, body = _download(page, I18N["chart_download_svg"]["ru"])
        title = ET.fromstring(body).find(f"{SVG_NS}title").text
        assert title.startswith(f"{role}: ")
    finally:
        ctx.close()


def test_share_copies_the_views_link(browser, server):
    ctx = _context(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = open_app(ctx, server, "/ranking?lang=kk&layout=2020")
        no_exception(page, "/ranking kk")
        page.locator(SHARE).click()
        page.wait_for_function("document.querySelector('.kzshare-status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.url
        assert "/ranking" in copied and "lang=kk" in copied and "layout=2020" in copied
        assert page.locator(".kzshare-status").inner_text() == I18N["share_copied"]["kk"]
        assert not page.locator(".kzshare input").is_visible()
    finally:
        ctx.close()


def test_without_a_clipboard_share_shows_the_link_in_a_read_only_field(browser, server):
    ctx = _context(browser)
    # As on plain http from another host: no clipboard API at all.
    ctx.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    try:
        page = open_app(ctx, server, "/compare?lang=ru&regions=KZ-35,KZ-63")
        no_exception(page, "/compare ru")
        page.locator(SHARE).click()
        field = page.locator(".kzshare input")
        field.wait_for(state="visible")
        assert field.input_value() == page.url and "regions=KZ-35" in page.url.replace("%2C", ",")
        assert field.get_attribute("readonly") is not None
        assert page.locator(".kzshare-status").inner_text() == I18N["share_fallback"]["ru"]
        # The link is selected, ready to copy.
        assert page.evaluate("window.getSelection().toString() || document.activeElement.value") == page.url
    finally:
        ctx.close()
