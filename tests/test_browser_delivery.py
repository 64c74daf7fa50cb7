"""``/delivery`` in a real browser: drawn in Russian and Kazakh (and English, for the screenshots), on a
desktop (1440 px) and a phone (390 px), with every chart drawn, nothing wider than the screen, no request to
another host and no traceback.

The server, the browser and the page helpers are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from regions.pages import delivery as page_model
from tests.test_browser import (
    CYRILLIC,
    EXCEPTION,
    I18N,
    MAIN,
    SCREENSHOTS,
    TIMEOUT_MS,
    VISITS,
    browser,
    no_exception,
    open_app,
    server,
)

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

PLOTS = f"{MAIN} .js-plotly-plot"
# Every chart of the page: one per indicator row of the role shown (the first of the catalogue, one role at a
# time since issue 19), and the manufacturing target's.
_CHARTS = list(page_model.delivery_page("2022", "en").sections[0].cards)
N_CHARTS = len(_CHARTS) + 1
KEY = re.compile(r"\bdelivery_[a-z_]+\b")  # an i18n key shown instead of its text


def _open(browser, server, lang: str, width: int, layout: str = "2022"):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    start = len(VISITS)
    page = open_app(ctx, server, f"/delivery?lang={lang}&layout={layout}", expect=PLOTS)
    page.wait_for_function(f"document.querySelectorAll('{PLOTS}').length >= {N_CHARTS}", timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # let the last charts paint
    return ctx, page, VISITS[start]


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_delivery_page_draws_fits_and_stays_offline(browser, server, lang, width):
    ctx, page, visit = _open(browser, server, lang, width)
    try:
        no_exception(page, f"/delivery {lang} {width}")
        body = page.locator("body").inner_text()
        assert "Traceback" not in body
        assert not KEY.search(body), f"untranslated key on the page: {KEY.search(body).group(0)}"
        title = page.locator(f"{MAIN} h1").first.inner_text().strip()
        assert title == I18N["delivery_title"][lang]
        if lang != "en":
            assert CYRILLIC.search(title)
        # The role shown, the border check and the targets, each a section heading; a table per indicator
        # of the role shown.
        assert page.locator(f"{MAIN} h2").count() >= 3
        # ... the border check's (issue 15) and the two SME targets' reported figures.
        assert page.locator(f"{MAIN} [data-testid='stTable']").count() == len(_CHARTS) + 3
        # Every chart drawn: each has at least one line (the nation's is never missing).
        drawn = page.eval_on_selector_all(
            PLOTS, "els => els.map(e => e.querySelectorAll('.scatterlayer path.js-line').length)"
        )
        assert len(drawn) == N_CHARTS and all(n >= 1 for n in drawn), drawn
        # The address year is marked on every small multiple (the real change since 2021 included).
        marks = page.eval_on_selector_all(f"{PLOTS} .annotation-text", "els => els.map(e => e.textContent)")
        assert marks.count(I18N["delivery_address_year"][lang]) == len(_CHARTS)
        # Nothing wider than the screen: neither the document nor the main column scrolls sideways.
        fits = page.evaluate(
            """() => {
                const main = document.querySelector('[data-testid="stMain"]');
                return {doc: document.documentElement.scrollWidth, inner: window.innerWidth,
                        main: main.scrollWidth, mainClient: main.clientWidth};
            }"""
        )
        assert fits["doc"] <= fits["inner"] + 1, fits
        assert fits["main"] <= fits["mainClient"] + 1, fits
        # Nor does any table scroll sideways inside its frame (a cut-off column).
        wide = page.eval_on_selector_all(
            f"{MAIN} [data-testid='stTable']",
            """els => els.flatMap(e => [e, ...e.querySelectorAll('*')])
                       .filter(x => x.scrollWidth > x.clientWidth + 1 && x.clientWidth > 0)
                       .map(x => x.tagName + ' ' + x.scrollWidth + '/' + x.clientWidth)""",
        )
        assert not wide, wide
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # The app scrolls inside its main column: make the window as tall as the page to capture all of it.
        height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(int(height) + 50, 20_000)})
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / f"delivery_{lang}_{width}.png"))
    finally:
        ctx.close()
    foreign = [u for u in visit.requests if urlsplit(u).scheme not in ("data", "blob")]
    foreign = [u for u in foreign if urlsplit(u).netloc != server.host]
    assert not foreign, f"requests to other hosts than {server.host}: {foreign}"
    assert not visit.page_errors, visit.page_errors


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_delivery_page_in_the_2020_layout_downloads_its_csv(browser, server, tmp_path, lang):
    ctx, page, _ = _open(browser, server, lang, 1440, layout="2020")
    try:
        no_exception(page, f"/delivery {lang} 2020")
        assert page.locator(EXCEPTION).count() == 0
        # The downloads are folded below the answers: open their expander first.
        page.locator(
            f"{MAIN} [data-testid='stExpander'] summary", has_text=I18N["delivery_downloads"][lang]
        ).click()
        with page.expect_download() as info:
            page.locator("[data-testid='stDownloadButton'] button").first.click()
        download = info.value
        assert download.suggested_filename.startswith("kz-delivery_2020-layout_inherit_base2019_")
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        text = target.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].split(",") == list(page_model.delivery.CSV_COLUMNS)
        assert {"metallurgy_hightech", "petrochemicals_west", "russia_border"} <= set(
            re.findall(r"^(\w+),", text, re.M)
        )
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------- the answer first
FIRST_SCREEN = 900  # px from the top of the page at 1440 px wide
ANSWERS = f"{MAIN} .st-key-delivery_answers"
_NUMBER = r"[+\u2212]?\d+(?:[.,]\d)?\u00a0%"


def _cli_json(layout: str = "2022") -> dict:
    """``python -m regions delivery --format json`` as a user would run it (a separate process)."""
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "regions", "delivery", "--format", "json", "--layout", layout],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(page_model.delivery.__file__).rsplit("/regions/", 1)[0],
    )
    return json.loads(out.stdout)


def _pct(text: str) -> float:
    return float(text.replace("\u00a0%", "").replace("\u2212", "-").replace(",", "."))


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_first_screen_answers_each_role_with_the_cli_figures(browser, server, lang):
    cli = {r["role"]: r for r in _cli_json()["roles"]}
    ctx, page, _ = _open(browser, server, lang, 1440)
    try:
        no_exception(page, f"/delivery {lang} answers")
        box = page.locator(ANSWERS)
        top = page.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; }",
            ANSWERS,
        )
        # The page is not scrolled: the answers sit wholly within the first 900 px.
        assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
        assert top[0] >= 0 and top[1] <= FIRST_SCREEN, top
        paragraphs = box.locator("[data-testid='stMarkdownContainer'] p").all_inner_texts()
        names = {
            rid: page_model.short_role_name(rid, lang)
            for rid in ("metallurgy_hightech", "petrochemicals_west", "russia_border")
        }
        for rid, name in names.items():
            (sentence,) = [p for p in paragraphs if p.startswith(name + ":")]
            row = next(
                r for r in cli[rid]["rows"] if r["indicator"] == "grp_volume_index" and r["base_year"] == 2019
            )
            expect = {s: row[s]["change"] for s in ("group", "rest", "nation")}
            assert all(v is not None for v in expect.values()), (rid, expect)
            shown = [_pct(x) for x in re.findall(_NUMBER, sentence)]
            # In the sentence's order: the group, the rest, the nation; each as the CLI's figure to 0.1.
            assert shown == [round(expect[s], 1) for s in ("group", "rest", "nation")], (sentence, expect)
            for whom, other in (("rest", expect["rest"]), ("nation", expect["nation"])):
                g, o = round(expect["group"], 1), round(other, 1)
                word = "same" if g == o else "faster" if g > o else "slower"
                # The comparison word, recomputed here, in the page's language.
                assert I18N[f"delivery_cmp_{word}_{whom}"][lang].split("{")[0].strip() in sentence
            assert "2019" in sentence and str(row["latest_year"]) in sentence
            if row["preliminary"]:
                assert I18N["delivery_answer_prelim"][lang].split("{")[0].strip(" (") in sentence
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------- one role at a time
ROLE_IDS = [s.role_id for s in page_model.delivery_page("2022", "en").sections]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_role_chooser_draws_one_role_and_keeps_it_in_the_link(browser, server, lang):
    # Issue 19: the charts of one role at a time. Choosing another role draws its charts (and no other
    # role's), writes it into the link, and the answers above still name every role.
    ctx, page, visit = _open(browser, server, lang, 1440)
    try:
        second = page_model.delivery_page("2022", lang).sections[1]
        page.locator(
            f"{MAIN} [data-testid='stRadio'] label", has_text=page_model.short_role_name(second.role_id, lang)
        ).first.click()
        page.wait_for_function(
            "h => [...document.querySelectorAll('[data-testid=\"stMain\"] h2')].some(e => e.innerText.trim() === h)",
            arg=second.name,
            timeout=TIMEOUT_MS,
        )
        page.wait_for_function(
            f"document.querySelectorAll('{PLOTS}').length === {len(second.cards) + 1}", timeout=TIMEOUT_MS
        )
        no_exception(page, f"/delivery {lang} role")
        assert f"role={second.role_id}" in page.url
        headers = page.locator(f"{MAIN} h2").all_inner_texts()
        first = page_model.delivery_page("2022", lang).sections[0]
        assert first.name not in [h.strip() for h in headers]
        paragraphs = page.locator(ANSWERS).locator("[data-testid='stMarkdownContainer'] p").all_inner_texts()
        for rid in ROLE_IDS:
            name = page_model.short_role_name(rid, lang)
            assert [p for p in paragraphs if p.startswith(name + ":")], (rid, paragraphs)
        # The role's sources and technical notes are drawn when their expander is opened (not sent before).
        note = second.notes[0][:40]
        assert note not in page.locator(MAIN).inner_text()
        page.locator(
            f"{MAIN} [data-testid='stExpander'] summary", has_text=I18N["delivery_sources"][lang]
        ).first.click()
        page.get_by_text(note, exact=False).first.wait_for(timeout=TIMEOUT_MS)
        no_exception(page, f"/delivery {lang} notes")
    finally:
        ctx.close()
    assert not visit.page_errors, visit.page_errors
