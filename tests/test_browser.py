"""End-to-end tests: a real ``streamlit run app.py`` driven by Debian's Chromium through Playwright.

One Streamlit server serves the whole module (started from a temporary working directory, so the app
must not depend on where it is launched from); every test gets a fresh browser context. Without
Chromium the tests skip, unless ``KZ_REQUIRE_BROWSER=1`` makes that a failure.

Every page opened through :func:`open_app` is recorded in :data:`VISITS`; the last test checks that
the whole suite stayed on the app's own server and logged no console errors.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from bench.browser import CHROMIUM_ARGS
from bench.servers import free_port, stop, wait_healthy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
README_SCREENSHOT = ROOT / "docs" / "screenshots" / "map.png"

VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 60_000  # the first render of a page can take ~15 s on a small machine

APP = '[data-testid="stApp"]'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stStatusWidget"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
# The map page's map is server-drawn SVG (regions.present.svgmap): one path per region, keyed by its ISO code.
MAP_PATHS = "svg.kzmap path[data-iso]"
LEGEND = "svg.kzmap-legend"
EXCEPTION = '[data-testid="stException"]'
ALERT = '[data-testid="stAlert"]'

WESTERN = {"KZ-15", "KZ-23", "KZ-27", "KZ-47"}  # Aktobe, Atyrau, West Kazakhstan, Mangystau
# Streamlit's frontend, opened at /<page>, first probes /<page>/_stcore/{health,host-config} (404),
# then falls back to /_stcore/...: the only failed requests (and console errors) the suite excuses.
PROBE_404 = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


REGISTRY = {u["iso_code"]: u for u in _json("registry.json")}
I18N = _json("i18n.json")


# --------------------------------------------------------------------------------------------------
# Fixtures: Chromium, the Streamlit server, the browser


# The `chromium` fixture (skip, or fail under KZ_REQUIRE_BROWSER=1) is in tests/conftest.py.


@dataclass
class Server:
    base: str
    port: int
    host: str  # "127.0.0.1:<port>"


@pytest.fixture(scope="module")
def server(chromium: str, tmp_path_factory: pytest.TempPathFactory):
    """``streamlit run app.py`` on a free port, launched from a directory that is not the repository."""
    cwd = tmp_path_factory.mktemp("streamlit-cwd")
    port = free_port()
    log = (cwd / "streamlit.log").open("wb")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(proc, base, 60, (cwd / "streamlit.log").read_text, interval=0.3)
        except RuntimeError as exc:
            pytest.fail(str(exc))
        yield Server(base=base, port=port, host=f"127.0.0.1:{port}")
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def context(browser, server):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


# --------------------------------------------------------------------------------------------------
# Opening pages and recording what they did


@dataclass
class Visit:
    """One page opened by the suite: every request, every console error and every failed response."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, location url)
    page_errors: list[str] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (status, url)


VISITS: list[Visit] = []


def settle(page, *, map_expected: bool = False, expect: str | None = None) -> None:
    """Wait until the script run has finished and the page is drawn."""
    page.wait_for_selector(APP, timeout=TIMEOUT_MS)
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    page.wait_for_selector(RUNNING, state="detached", timeout=TIMEOUT_MS)
    # Elements' code is loaded lazily after the run is over: let those requests finish.
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    if map_expected:
        page.wait_for_selector(MAP_PATHS, timeout=TIMEOUT_MS)
    if expect:
        page.wait_for_selector(expect, timeout=TIMEOUT_MS)
    page.wait_for_selector(RUNNING, state="detached", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def open_app(
    context,
    server: Server,
    path: str,
    *,
    map_expected: bool = False,
    expect: str | None = None,
    width: int | None = None,
):
    """Open ``path`` in a new page of ``context`` (``width`` px wide if given), recording its traffic in
    :data:`VISITS`."""
    page = context.new_page()
    if width is not None:
        page.set_viewport_size({"width": width, "height": 844 if width < 600 else 1000})
    visit = Visit(url=server.base + path)
    VISITS.append(visit)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("websocket", lambda ws: visit.requests.append(ws.url))
    page.on("response", lambda r: visit.failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.on(
        "console",
        lambda m: (
            visit.console_errors.append((m.text, m.location.get("url", ""))) if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.goto(visit.url, wait_until="domcontentloaded")
    settle(page, map_expected=map_expected, expect=expect)
    return page


def no_exception(page, what: str) -> None:
    n = page.locator(EXCEPTION).count()
    assert n == 0, f"{what}: {n} Streamlit exception box(es): {page.locator(EXCEPTION).all_inner_texts()}"


def map_paths(page) -> list[dict]:
    """The map's region paths with their ISO code, computed fill, opacity, stroke width (in the map's
    units: the paths sit in a scaled group) and whether they have geometry."""
    return page.eval_on_selector_all(
        MAP_PATHS,
        """els => els.map(p => {
            const cs = getComputedStyle(p);
            const g = p.closest('g[transform]');
            const k = g ? g.transform.baseVal.consolidate().matrix.a : 1;
            return {
                loc: p.getAttribute('data-iso'),
                fill: cs.fill,
                opacity: parseFloat(cs.opacity) * parseFloat(cs.fillOpacity),
                stroke: parseFloat(cs.strokeWidth) * k,
                drawn: (p.getAttribute('d') || '').length > 20 && p.getBBox().width > 0,
            };
        })""",
    )


def is_filled(fill: str) -> bool:
    if not fill or fill in ("none", "transparent"):
        return False
    m = re.fullmatch(r"rgba\(\s*[\d.]+,\s*[\d.]+,\s*[\d.]+,\s*([\d.]+)\s*\)", fill)
    return not (m and float(m.group(1)) == 0)


def map_text(page) -> str:
    return " | ".join(page.eval_on_selector_all("svg.kzmap text", "els => els.map(e => e.textContent)"))


def main_h1(page) -> str:
    return page.locator(f"{MAIN} h1").first.inner_text().strip()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --------------------------------------------------------------------------------------------------
# 1. The map


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize(("layout", "expected"), [("2022", 20), ("2020", 17)])
def test_map_draws_every_region(context, server, layout, expected, lang):
    path = f"/?layout={layout}&lang={lang}"
    page = open_app(context, server, path, map_expected=True)
    no_exception(page, path)
    paths = map_paths(page)
    filled = [p for p in paths if is_filled(p["fill"]) and p["opacity"] > 0 and p["drawn"]]
    assert len(paths) == expected, f"{path}: {len(paths)} region paths, expected {expected}"
    assert len(filled) == expected, f"{path}: only {len(filled)} of {len(paths)} paths are drawn: {paths}"
    assert sorted(p["loc"] for p in paths) == sorted(c for c, u in REGISTRY.items() if layout in u["layouts"])
    text = map_text(page)
    for key in ("RUS", "CHN"):
        label = I18N[f"map_label_{key}"][lang]
        assert label in text, f"{path}: {label!r} not in the map's SVG text: {text}"
    # The geometry came from the app's own server, once; plotly.js was not needed for the map.
    visit = VISITS[-1]
    geometry = [u for u in visit.requests if f"/app/static/svgmap_{layout}.json" in u]
    assert len(geometry) == 1 and urlsplit(geometry[0]).netloc == server.host, geometry
    assert not [u for u in visit.requests if "plotly" in u.lower()], "the map page loaded plotly.js"


# --------------------------------------------------------------------------------------------------
# 2. The sector filter

FILTER = "/?sector=petrochemicals&mode=designated"


def test_sector_filter_reports_and_outlines_matches(context, server):
    """The filter's message and the highlighted set that reaches the browser (thicker outline)."""
    page = open_app(context, server, FILTER, map_expected=True)
    no_exception(page, FILTER)
    alerts = " ".join(page.locator(ALERT).all_inner_texts())
    assert "4 of 20" in alerts, f"no '4 of 20' match message, alerts: {alerts!r}"
    paths = map_paths(page)
    assert len(paths) == 20
    outlined = {p["loc"] for p in paths if p["stroke"] > 1.0}
    assert outlined == WESTERN, f"highlighted (outlined) regions {sorted(outlined)} != {sorted(WESTERN)}"


def test_sector_filter_dims_the_other_regions(context, server):
    page = open_app(context, server, "/", map_expected=True)
    unfiltered = map_paths(page)
    assert len(unfiltered) == 20
    assert all(p["opacity"] == pytest.approx(1.0) for p in unfiltered), unfiltered
    page.close()

    page = open_app(context, server, FILTER, map_expected=True)
    paths = map_paths(page)
    full = {p["loc"] for p in paths if p["opacity"] == pytest.approx(1.0)}
    dimmed = [p for p in paths if p["opacity"] < 0.9]
    assert len(full) == 4 and len(dimmed) == 16, f"{len(full)} at full opacity, {len(dimmed)} dimmed: {paths}"
    assert full == WESTERN


def _only_local(server: Server) -> None:
    """The page just opened asked no host but the app's own server."""
    foreign = [u for u in VISITS[-1].requests if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).netloc != server.host]  # fmt: skip
    assert not foreign, f"requests to other hosts than {server.host}: {foreign}"


def _legend_title(page) -> str:
    """The SVG map's legend title as drawn (its bold lines, joined by spaces)."""
    return " ".join(
        page.eval_on_selector_all(
            f"{MAIN} svg.kzmap-legend text[font-weight='bold']", "els => els.map(e => e.textContent)"
        )
    )


def test_map_change_mode_and_a_year_step(context, server):
    """Change since 2019 on the map, then one step of the year slider: the map, its legend and the link follow."""
    link = "/?indicator=grp&show=change&year=2023"
    page = open_app(context, server, link, map_expected=True)
    no_exception(page, link)
    assert query(page)["from"] == ["2019"], page.url
    paths = map_paths(page)
    assert len(paths) == 20 and all(is_filled(p["fill"]) for p in paths)
    assert "2019–2023" in _legend_title(page), _legend_title(page)
    thumb = page.locator(f"{MAIN} [data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('year=2024')", timeout=TIMEOUT_MS)
    settle(page, map_expected=True)
    no_exception(page, "after a year step")
    assert "2019–2024" in _legend_title(page), _legend_title(page)
    assert query(page)["year"] == ["2024"] and query(page)["show"] == ["change"]
    _only_local(server)


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_map_change_mode_of_a_volume_index_is_real(context, server, lang, layout):
    """A volume index in change mode: the chained real change, base year = 100, every region drawn."""
    link = f"/?lang={lang}&layout={layout}&indicator=grp_volume_index&show=change&from=2019&year=2024"
    page = open_app(context, server, link, map_expected=True)
    no_exception(page, link)
    assert query(page)["from"] == ["2019"], page.url
    paths = map_paths(page)
    n_units = 20 if layout == "2022" else 17
    assert len(paths) == n_units and all(is_filled(p["fill"]) for p in paths)  # the missing ones in grey
    title = _legend_title(page)
    assert I18N["unit_index"][lang].format(base=2019) in title, title
    assert "2019–2024" in title, title
    _only_local(server)


def test_map_play_steps_through_the_years_and_stops(context, server):
    link = "/?indicator=population&year=2022"
    page = open_app(context, server, link, map_expected=True)
    button = page.locator(f"{MAIN} [data-testid='stButton'] button").filter(has_text=I18N["play"]["en"])
    button.click()
    page.wait_for_function("() => location.search.includes('year=2023')", timeout=TIMEOUT_MS)
    page.wait_for_function("() => location.search.includes('year=2025')", timeout=TIMEOUT_MS)
    settle(page, map_expected=True)
    page.wait_for_timeout(2500)  # more than one step: nothing moves after the last year
    assert query(page)["year"] == ["2025"], page.url
    labels = page.locator(f"{MAIN} [data-testid='stButton'] button").all_inner_texts()
    assert I18N["play"]["en"] in [lbl.strip() for lbl in labels], labels  # stopped by itself
    no_exception(page, "after playing")


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("width", [1440, 390])
def test_ranking_page_in_russian_and_kazakh(context, server, lang, width):
    link = f"/ranking?lang={lang}&sector=metallurgy&mode=measured"
    page = open_app(context, server, link, expect=f"{MAIN} .js-plotly-plot", width=width)
    no_exception(page, link)
    assert main_h1(page) == I18N["ranking_title"][lang]
    page.wait_for_selector(f"{MAIN} .js-plotly-plot .barlayer .point path", timeout=TIMEOUT_MS)
    bars = page.locator(f"{MAIN} .js-plotly-plot .barlayer .point path").count()
    assert bars >= 20, f"{bars} bars drawn"
    page.wait_for_selector(f"{MAIN} .js-plotly-plot .scatterlayer .point", timeout=TIMEOUT_MS)
    labels = " ".join(
        page.eval_on_selector_all(f"{MAIN} .js-plotly-plot .ytick text", "els => els.map(e => e.textContent)")
    )
    # Unit names in the page's language (the bars carry the registry's short names, which fit a phone).
    assert REGISTRY["KZ-55"]["short"][lang] in labels, labels
    # The charts fit the screen: no plot wider than the viewport.
    widest = max(
        page.eval_on_selector_all(
            f"{MAIN} .js-plotly-plot", "els => els.map(e => e.getBoundingClientRect().right)"
        )
    )
    assert widest <= width + 1, f"a chart ends at {widest} px in a {width} px window"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"ranking_{lang}_{width}.png"), full_page=True)
    _only_local(server)


# --------------------------------------------------------------------------------------------------
# 3. Clicking a region


def test_click_on_region_opens_its_profile(context, server):
    page = open_app(context, server, "/", map_expected=True)
    paths = page.locator(MAP_PATHS)
    boxes = [paths.nth(i).bounding_box() for i in range(paths.count())]
    assert len(boxes) == 20 and all(boxes)
    largest = max(boxes, key=lambda b: b["width"] * b["height"])
    page.mouse.click(largest["x"] + largest["width"] / 2, largest["y"] + largest["height"] / 2)
    page.wait_for_url(re.compile(r"/region\?(.*&)?region=KZ-\d\d"), timeout=TIMEOUT_MS)
    settle(page, expect=f"{MAIN} h1")
    assert urlsplit(page.url).path.endswith("/region"), page.url
    code = query(page)["region"][0]
    assert code in REGISTRY, page.url
    names = {u["name"]["en"] for u in REGISTRY.values()}
    heading = main_h1(page)
    assert heading in names, f"profile heading {heading!r} is not a region name"
    assert heading == REGISTRY[code]["name"]["en"], f"heading {heading!r} does not match {code}"
    no_exception(page, page.url)
    # One Back press returns to the map (Streamlit's switch_page first writes the link on the map page,
    # so the map comes back with the clicked region in its link: the view, not a stale parameter).
    page.go_back()
    settle(page, map_expected=True)
    assert not urlsplit(page.url).path.endswith("/region"), page.url
    assert main_h1(page) == I18N["map_title"]["en"]


def test_city_marker_and_keyboard_open_profiles(context, server):
    """The cities' markers can be clicked; a focused region opens with Enter (tabindex, no mouse)."""
    page = open_app(context, server, "/", map_expected=True)
    marker = page.locator("svg.kzmap circle[data-city='KZ-75']")
    assert marker.count() == 1
    title = page.eval_on_selector(
        "svg.kzmap circle[data-city='KZ-75']", "c => c.parentNode.querySelector('title').textContent"
    )
    assert title.startswith(REGISTRY["KZ-75"]["name"]["en"]), title
    marker.click()
    page.wait_for_url(re.compile(r"/region\?(.*&)?region=KZ-75"), timeout=TIMEOUT_MS)
    settle(page, expect=f"{MAIN} h1")
    assert main_h1(page) == REGISTRY["KZ-75"]["name"]["en"]
    page.go_back()
    settle(page, map_expected=True)
    page.locator(f"{MAP_PATHS}[data-iso='KZ-23']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/region\?(.*&)?region=KZ-23"), timeout=TIMEOUT_MS)
    settle(page, expect=f"{MAIN} h1")
    assert main_h1(page) == REGISTRY["KZ-23"]["name"]["en"]
    no_exception(page, page.url)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_whole_legend_within_a_phone_screen(browser, server, lang):
    """At 390 px the map and every line of its legend lie within the screen's width."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        for path in (
            f"/?lang={lang}",
            f"/?lang={lang}&indicator=grp_per_capita_computed&year=2019",
            f"/?lang={lang}&sector=petrochemicals&mode=designated",
        ):
            page = open_app(ctx, server, path, map_expected=True)
            legend = page.locator(LEGEND)
            legend.scroll_into_view_if_needed()
            box = legend.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (path, box)
            assert box["height"] <= 844, (path, box)
            texts = page.eval_on_selector_all(
                f"{LEGEND} text, {LEGEND} rect",
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, e.textContent]; })",
            )
            assert texts and all(left >= 0 and right <= 390 for left, right, _ in texts), (path, texts)
            mapbox = page.locator("svg.kzmap").bounding_box()
            assert mapbox["x"] >= 0 and mapbox["x"] + mapbox["width"] <= 390, (path, mapbox)
            page.close()
    finally:
        ctx.close()


def test_map_exports_carry_title_source_and_date(context, server, tmp_path):
    from PIL import Image

    page = open_app(
        context, server, "/?lang=kk&indicator=grp_per_capita_computed&year=2019", map_expected=True
    )
    buttons = page.locator(f'{MAIN} [data-testid="stDownloadButton"] button')
    labels = [b.strip() for b in buttons.all_inner_texts()]
    assert I18N["map_download_svg"]["kk"] in labels and I18N["map_download_png"]["kk"] in labels, labels
    today = dt.date.today().isoformat()
    files = {}
    for key in ("map_download_svg", "map_download_png"):
        with page.expect_download(timeout=TIMEOUT_MS) as info:
            buttons.filter(has_text=I18N[key]["kk"]).first.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        files[target.suffix] = target
    import xml.etree.ElementTree as ET

    doc = ET.parse(files[".svg"]).getroot()
    texts = " ".join(t.text or "" for t in doc.iter("{http://www.w3.org/2000/svg}text"))
    assert I18N["map_title"]["kk"].split()[0] in texts, texts[:300]
    bns = I18N["tr_indicators_4"]["kk"]  # the Bureau's name in Kazakh, as the source line gives it
    assert bns in texts and today in texts, texts[-400:]
    assert len([p for p in doc.iter("{http://www.w3.org/2000/svg}path") if "data-iso" in p.attrib]) == 20
    img = Image.open(files[".png"])
    img.load()
    assert img.text["Title"] == I18N["map_title"]["kk"]
    assert bns in img.text["Source"] and img.text["Creation Time"] == today
    assert img.width >= 800 and img.height >= 500
    page.wait_for_timeout(300)
    assert page.locator(RUNNING).count() == 0, "the download started a rerun"


# --------------------------------------------------------------------------------------------------
# 4. Downloads


def _check_csv(path: Path) -> None:
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert len(df) == 20, f"{path.name}: {len(df)} rows"
    assert {"iso_code", "name_ru"} <= set(df.columns), list(df.columns)
    assert df["name_ru"].map(lambda s: bool(CYRILLIC.search(str(s)))).all(), df["name_ru"].tolist()
    assert df["iso_code"].str.startswith("KZ-").all()


def _check_xlsx(path: Path) -> None:
    sheets = pd.read_excel(path, sheet_name=None)
    assert {"regions", "dictionary", "sources"} <= set(sheets), list(sheets)
    assert len(sheets["regions"]) == 20, f"{path.name}: {len(sheets['regions'])} rows on 'regions'"
    assert len(sheets["sources"]) >= 1, f"{path.name}: empty 'sources' sheet"


def _check_geojson(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    features = doc["features"]
    assert len(features) == 20, f"{path.name}: {len(features)} features"
    assert all(str(f.get("id", "")).startswith("KZ-") for f in features), [f.get("id") for f in features]


def _check_zip(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        assert set(z.namelist()) == {"regions.csv", "dictionary.csv", "sources.csv"}, z.namelist()
        regions = pd.read_csv(z.open("regions.csv"), encoding="utf-8-sig")
        dictionary = pd.read_csv(z.open("dictionary.csv"), encoding="utf-8-sig")
    assert len(regions) == 20 and list(dictionary["id"]) == list(regions.columns)


CHECKS = {".csv": _check_csv, ".zip": _check_zip, ".xlsx": _check_xlsx, ".geojson": _check_geojson}


def test_downloads_parse_and_keep_the_view(context, server, tmp_path):
    buttons = '[data-testid="stDownloadButton"] button'
    page = open_app(context, server, "/tables", expect=buttons)
    no_exception(page, "/tables")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    title = main_h1(page)
    n = page.locator(buttons).count()
    assert n == 4, f"{n} download buttons"
    seen = set()
    for i in range(n):
        with page.expect_download(timeout=TIMEOUT_MS) as info:
            page.locator(buttons).nth(i).click()
        download = info.value
        name = download.suggested_filename
        target = tmp_path / name
        download.save_as(target)
        suffix = target.suffix
        assert suffix in CHECKS, f"unexpected download {name!r}"
        seen.add(suffix)
        assert "2022-layout" in name, f"{name!r} does not name the layout"
        date = ISO_DATE.search(name)
        assert date, f"{name!r} has no date"
        dt.date.fromisoformat(date.group(0))
        CHECKS[suffix](target)
        # on_click="ignore": no rerun, the page still shows the table and the buttons.
        page.wait_for_timeout(500)
        assert page.locator(RUNNING).count() == 0, "the download started a rerun"
        assert page.locator('[data-testid="stDataFrame"]').first.is_visible(), "table gone after download"
        assert main_h1(page) == title
        assert page.locator(buttons).count() == 4
        assert urlsplit(page.url).path.endswith("/tables"), page.url
    assert seen == set(CHECKS)
    no_exception(page, "/tables after downloads")


# --------------------------------------------------------------------------------------------------
# 5. Deep links


def test_deep_link_restores_the_view(context, server):
    link = "/region?lang=kk&layout=2020&region=KZ-35&sector=metallurgy"
    page = open_app(context, server, link, expect=f"{MAIN} h1")
    no_exception(page, link)
    page.wait_for_selector(f"{SIDEBAR} [data-testid='stRadio']")
    labels = page.locator(f"{SIDEBAR} [data-testid='stWidgetLabel']").all_inner_texts()
    assert I18N["language"]["kk"] in [s.strip() for s in labels], f"no Kazakh language label: {labels}"
    checked = page.locator(f"{SIDEBAR} label:has(input[type='radio']:checked)").all_inner_texts()
    assert I18N["layout_2020"]["kk"] in [s.strip() for s in checked], f"checked radios: {checked}"
    assert main_h1(page) == REGISTRY["KZ-35"]["name"]["kk"]
    chips = page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").inner_text()
    assert _json("sectors.json")[0]["name"]["kk"] in chips, chips  # metallurgy
    q = query(page)
    assert urlsplit(page.url).path.endswith("/region"), page.url
    want = {"lang": ["kk"], "layout": ["2020"], "region": ["KZ-35"], "sector": ["metallurgy"]}
    assert {k: q.get(k) for k in want} == want, page.url


def test_garbage_link_shows_default_view_and_says_why(context, server):
    link = "/?layout=1999&lang=xx&region=Atlantis&indicator=foo"
    page = open_app(context, server, link, map_expected=True, expect=ALERT)
    no_exception(page, link)
    labels = [s.strip() for s in page.locator(f"{SIDEBAR} [data-testid='stWidgetLabel']").all_inner_texts()]
    assert I18N["language"]["en"] in labels, f"not the English interface: {labels}"
    assert len(map_paths(page)) == 20
    alerts = [a for a in page.locator(ALERT).all_inner_texts() if a.strip()]
    assert any("layout" in a for a in alerts), f"no notice about 'layout': {alerts}"
    assert all(page.locator(ALERT).nth(i).is_visible() for i in range(page.locator(ALERT).count()))
    assert "layout" not in query(page), f"the bad parameter stayed in the URL: {page.url}"


# --------------------------------------------------------------------------------------------------
# 6. The view: one state, mirrored by the link


def pick(page, container, text: str) -> None:
    """Choose ``text`` in the selectbox (or add it in the multiselect) ``container`` (selector or locator)."""
    widget = page.locator(container) if isinstance(container, str) else container
    box = widget.locator("input").first
    box.click()
    box.fill(text)
    # Click the option itself once the list has filtered (Enter may take the first option of the old list).
    page.locator("[role='option']", has_text=text).first.click()
    settle(page)
    if page.locator("[role='option']").count():  # a multiselect stays open after a pick
        page.keyboard.press("Escape")


def test_region_picker_lands_on_each_pick(context, server):
    page = open_app(context, server, "/region", expect=f"{MAIN} [data-testid='stSelectbox']")
    for code in ("KZ-23", "KZ-35", "KZ-55", "KZ-63", "KZ-71", "KZ-10"):
        name = REGISTRY[code]["name"]["en"]
        pick(page, f"{MAIN} [data-testid='stSelectbox']", name)
        page.wait_for_function(
            "name => document.querySelector('[data-testid=stMain] h1')?.innerText.trim() === name", arg=name
        )
        assert query(page).get("region") == [code], page.url
    no_exception(page, "/region after six picks")


VIEW_LINK = "/?sector=metallurgy&mode=designated&indicator=grp&year=2023&region=KZ-35&regions=KZ-35,KZ-55&lineage=strict"


def test_language_switch_keeps_the_view(context, server):
    page = open_app(context, server, VIEW_LINK, map_expected=True)
    before = query(page)
    assert before.get("lineage") == ["strict"] and before.get("regions") == ["KZ-35,KZ-55"], page.url
    pick(page, f"{SIDEBAR} [data-testid='stSelectbox']", "Русский")
    page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === 'ru'")
    settle(page, map_expected=True)
    after = query(page)
    assert after.pop("lang") == ["ru"]
    assert after == before, page.url
    assert main_h1(page) == I18N["map_title"]["ru"]
    labels = [s.strip() for s in page.locator(f"{SIDEBAR} [data-testid='stWidgetLabel']").all_inner_texts()]
    assert I18N["language"]["ru"] in labels, labels  # the label follows at once, no lag
    # The next interaction keeps it too: a new year on the map (the year slider, one step on from 2023).
    page.locator(f"{MAIN} [data-testid='stSlider'] input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('year') === '2024'")
    assert {**query(page), "year": ["2023"]} == {**before, "lang": ["ru"]}, page.url


def test_compare_link_survives_reload_and_sharing(context, server):
    link = "/compare?regions=KZ-23,KZ-35"
    page = open_app(context, server, link, expect=f"{MAIN} [data-testid='stDataFrame']")
    chosen = page.locator(f"{MAIN} [data-testid='stMultiSelect']").inner_text()
    assert all(REGISTRY[c]["name"]["en"] in chosen for c in ("KZ-23", "KZ-35")), chosen
    pick(page, f"{MAIN} [data-testid='stMultiSelect']", REGISTRY["KZ-55"]["name"]["en"])
    page.wait_for_function("() => new URL(location.href).searchParams.get('regions') === 'KZ-23,KZ-35,KZ-55'")
    shared = page.url
    page.reload()
    settle(page, expect=f"{MAIN} [data-testid='stDataFrame']")
    assert page.url == shared
    other = context.new_page()
    other.goto(shared)
    settle(other, expect=f"{MAIN} [data-testid='stDataFrame']")
    chosen = other.locator(f"{MAIN} [data-testid='stMultiSelect']").inner_text()
    assert all(REGISTRY[c]["name"]["en"] in chosen for c in ("KZ-23", "KZ-35", "KZ-55")), chosen


def test_back_returns_to_the_previous_view(context, server):
    page = open_app(context, server, "/?lang=ru&layout=2020", map_expected=True)
    start = page.url
    # A page change through the sidebar's links: one history entry, carrying the whole view.
    page.locator(f"{SIDEBAR} a[href*='tables']").first.click()
    page.wait_for_url(re.compile(r"/tables\?"))
    settle(page, expect='[data-testid="stDownloadButton"] button')
    assert query(page) == {"lang": ["ru"], "layout": ["2020"]}, page.url
    page.go_back()
    settle(page, map_expected=True)
    assert page.url == start, f"one Back press from /tables gave {page.url}, not {start}"
    assert main_h1(page) == I18N["map_title"]["ru"]
    # A change of view on the page, then Back: the previous view again (language and all).
    pick(page, f"{SIDEBAR} [data-testid='stSelectbox']", "English")
    page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === null")
    settle(page, map_expected=True)
    page.go_back()
    settle(page, map_expected=True)
    assert main_h1(page) == I18N["map_title"]["ru"], page.url
    assert query(page).get("lang") == ["ru"]


def test_markup_in_a_link_is_shown_as_text(context, server):
    from urllib.parse import quote

    link = (
        "/?region=" + quote("[Log in to continue](https://evil.example/phish)")
        + "&sector=" + quote("![px](http://img.example/p.png)")
        + "&mode=" + quote("# This dashboard has moved")
        + "&indicator=" + quote("<img src=http://img.example/q.png>")
    )  # fmt: skip
    page = open_app(context, server, link, map_expected=True, expect=ALERT)
    no_exception(page, link)
    assert page.locator("a[href*='evil.example']").count() == 0
    assert page.locator("img[src*='img.example']").count() == 0
    alert = page.locator(ALERT).first
    assert alert.locator("h1, h2, h3, a, img").count() == 0, alert.inner_html()
    text = alert.inner_text()
    assert "region" in text and "mode" in text and "indicator" in text  # one notice naming every one
    assert page.locator(ALERT).count() == 1
    assert query(page) == {}, f"the ignored parameters stayed in the link: {page.url}"


def test_upload_own_table_colours_the_map(context, server, tmp_path):
    data = tmp_path / "my wages.csv"
    data.write_text(
        "Регион;Зарплата\nАкмолинская область;100,5\nAtyrau Region;300\nг. Алматы;250\nАтлантида;5\n",
        encoding="cp1251",
    )
    page = open_app(context, server, "/", map_expected=True)
    page.locator(f"{MAIN} [data-testid='stExpander'] summary").first.click()
    page.locator(f"{MAIN} [data-testid='stFileUploader'] input[type='file']").set_input_files(str(data))
    page.wait_for_function(
        "() => (new URL(location.href).searchParams.get('indicator') || '').startsWith('user:')"
    )
    settle(page, map_expected=True)
    no_exception(page, "map after upload")
    alerts = " ".join(page.locator(ALERT).all_inner_texts())
    assert "3 matched" in alerts and "5" in alerts, alerts  # 3 of 4 rows matched; row 5 named no region
    assert query(page)["indicator"] == ["user:my_wages/Зарплата"], page.url  # the name, never the content
    captions = " ".join(page.locator(f"{MAIN} [data-testid='stCaptionContainer']").all_inner_texts())
    assert "Your data, not a published source" in captions, captions
    paths = map_paths(page)
    assert len(paths) == 20 and all(is_filled(p["fill"]) for p in paths)
    # Three regions in the scale's colours, the other seventeen in the "no data" grey.
    fills = {p["loc"]: p["fill"] for p in paths}
    assert len({fills["KZ-11"], fills["KZ-23"], fills["KZ-75"]}) == 3
    assert len({fills[c] for c in fills if c not in ("KZ-11", "KZ-23", "KZ-75")}) == 1
    # A click on the map opens the profile in the same session: the upload is still there.
    page.locator(f"{MAP_PATHS}[data-iso='KZ-23']").click()
    page.wait_for_url(re.compile(r"/region\?(.*&)?region=KZ-23"), timeout=TIMEOUT_MS)
    settle(page, expect=f"{MAIN} h1")
    subheads = page.locator(f"{MAIN} h3").all_inner_texts()
    assert I18N["user_section"]["en"] in [h.strip() for h in subheads], subheads


# --------------------------------------------------------------------------------------------------
# 7. Screenshots of every page (before the offline check, which looks at every visit of the suite)


def _open_compare_with_two(context, server: Server):
    page = open_app(context, server, "/compare?region=KZ-63", expect=f"{MAIN} [data-testid='stMultiSelect']")
    box = page.locator(f"{MAIN} [data-testid='stMultiSelect'] input")
    box.click()
    box.fill(REGISTRY["KZ-35"]["name"]["en"])
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_selector(f"{MAIN} [data-testid='stDataFrame']", timeout=TIMEOUT_MS)
    settle(page, expect=f"{MAIN} .js-plotly-plot")
    chosen = page.locator(f"{MAIN} [data-testid='stMultiSelect']").inner_text()
    for code in ("KZ-63", "KZ-35"):
        assert REGISTRY[code]["name"]["en"] in chosen, chosen
    box.blur()  # no focus ring on the screenshot
    page.mouse.move(5, 5)
    return page


PAGES = {
    "map": ("/", {"map_expected": True}),
    "region": ("/region?region=KZ-63", {"expect": f"{MAIN} .js-plotly-plot"}),
    "compare": (None, {}),
    "tables": ("/tables", {"expect": '[data-testid="stDownloadButton"] button'}),
    "address": ("/address", {"expect": f"{MAIN} [data-testid='stDataFrame']"}),
    "sources": ("/sources", {"expect": f"{MAIN} [data-testid='stExpander']"}),
}


def test_screenshots_of_every_page(context, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, (path, kwargs) in PAGES.items():
        page = (
            _open_compare_with_two(context, server)
            if path is None
            else open_app(context, server, path, **kwargs)
        )
        no_exception(page, name)
        assert page.locator(f"{MAIN} h1").count() >= 1, f"{name}: no heading"
        page.wait_for_timeout(500)  # let charts and data grids finish painting
        target = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(target))
        if name == "map":
            README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, README_SCREENSHOT)
        page.close()
    for target in [*(SCREENSHOTS / f"{n}.png" for n in PAGES), README_SCREENSHOT]:
        assert target.exists(), target
        assert target.stat().st_size > 20_000, f"{target}: {target.stat().st_size} bytes"


# --------------------------------------------------------------------------------------------------
# 6. Offline: run last, over every page the suite opened


def _excused(status: int, url: str) -> bool:
    return status == 404 and bool(PROBE_404.match(urlsplit(url).path))


def test_offline_and_no_console_errors(context, server):
    # Open a sub-path directly, so that the one excused failure is known to happen in this run.
    open_app(context, server, "/region?region=KZ-63", expect=f"{MAIN} h1")
    assert len(VISITS) >= 2
    foreign, failures, errors = [], [], []
    probes = 0
    for visit in VISITS:
        for url in visit.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.netloc != server.host:
                foreign.append((visit.url, url))
        excused_urls = set()
        for status, url in visit.failed:
            if _excused(status, url):
                excused_urls.add(url)
                probes += 1
            else:
                failures.append((visit.url, status, url))
        for text, location in visit.console_errors:
            if location in excused_urls and "404" in text:
                continue
            errors.append((visit.url, text, location))
        errors += [(visit.url, f"uncaught: {e}", "") for e in visit.page_errors]
    assert not foreign, f"requests to other hosts than {server.host}: {foreign}"
    assert not failures, f"failed requests: {failures}"
    assert not errors, f"console errors: {errors}"
    assert probes >= 1, (
        "the excused /<page>/_stcore/{health,host-config} 404 probe no longer happens: drop the exception"
    )


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_an_unknown_path_shows_a_not_found_page(context, server, lang):
    """An unknown path gets the app's own "not found" page (the path as text) with a link to the map, not
    Streamlit's dialog over the map; the link opens the map in the same language."""
    path = "/no-such-page"
    page = open_app(context, server, f"{path}?lang={lang}", expect=f"{MAIN} h1")
    no_exception(page, path)
    assert page.locator(f"{MAIN} h1").first.inner_text().strip() == I18N["not_found_title"][lang]
    assert page.locator(f"{MAIN} code").filter(has_text=path).count() == 1
    assert page.locator("[role='dialog']").count() == 0, "Streamlit's own 'page not found' dialog is shown"
    page.locator(f"{MAIN} [data-testid='stPageLink'] a").filter(has_text=I18N["not_found_link"][lang]).click()
    settle(page, map_expected=True)
    assert len(map_paths(page)) == 20
    assert query(page).get("lang", ["en"]) == [lang], page.url


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_phone_map_names_regions_and_a_tap_shows_a_card(browser, server, lang):
    """At 390 px on a touch screen: the phone-size names are shown (the desktop ones hidden), none overlap,
    the cities' markers are at least 10 px across, and a tap shows a card with the region's name and a
    button that opens its profile, instead of leaving the map at once."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = open_app(ctx, server, f"/?lang={lang}", map_expected=True)
        shown = page.eval_on_selector_all(
            "svg.kzmap text[data-label]",
            """els => els.filter(e => getComputedStyle(e.parentNode).display !== 'none')
                       .map(e => { const r = e.getBoundingClientRect();
                                   return [e.getAttribute('data-label'), r.left, r.top, r.right, r.bottom,
                                           e.parentNode.getAttribute('class')]; })""",
        )
        assert len(shown) >= 3 and {s[5] for s in shown} == {"rl-p"}, shown
        assert {"KZ-71", "KZ-75", "KZ-79"} <= {s[0] for s in shown}
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (a, b)
        sizes = page.eval_on_selector_all(
            "svg.kzmap circle.city", "els => els.map(e => e.getBoundingClientRect().width)"
        )
        assert len(sizes) == 3 and min(sizes) >= 10, sizes
        region = page.locator(f"{MAP_PATHS}[data-iso='KZ-35']")
        box = region.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        card = page.locator(".kzmap-card")
        card.wait_for(timeout=TIMEOUT_MS)
        assert "/region" not in page.url
        text = card.inner_text()
        assert text.startswith(REGISTRY["KZ-35"]["name"][lang]), text
        button = card.locator("button")
        assert button.inner_text() == I18N["map_open_profile"][lang]
        button.tap()
        page.wait_for_url(re.compile(r"/region\?(.*&)?region=KZ-35"), timeout=TIMEOUT_MS)
        settle(page, expect=f"{MAIN} h1")
        assert main_h1(page) == REGISTRY["KZ-35"]["name"][lang]
        no_exception(page, page.url)
    finally:
        ctx.close()
