"""Browser measurements through Playwright and the Chrome DevTools protocol (Debian's Chromium).

Every measured view opens in a fresh browser context (an empty cache, as a first visit). Timings are
taken inside the page (``performance.now()``, origin = navigation start): a ``MutationObserver`` notes
the first frame (``requestAnimationFrame`` after the DOM change) in which the awaited elements exist, a
``PerformanceObserver`` sums long tasks. Bytes come from CDP: websocket payloads
(``Network.webSocketFrameReceived``, binary frames base64-decoded) and HTTP (``Network.loadingFinished``
``encodedDataLength``, i.e. on the wire, headers included).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 90_000
QUIET_MS = 600  # no websocket frame for this long (and the script idle): the view is complete
SETTLE_LIMIT_MS = 20_000

# The map's region paths: plotly's choropleth locations, or the server-drawn SVG map's (regions.present.svgmap).
PLOTLY_PATHS = ".js-plotly-plot path.choroplethlocation"
SVG_PATHS = "svg.kzmap path[data-iso]"
MAP_PATHS = f"{PLOTLY_PATHS}, {SVG_PATHS}"
# Text drawn in the map (labels change with the language) and in the SVG map's legend.
MAP_TEXT = ".js-plotly-plot svg text, svg.kzmap text, svg.kzmap-legend text"
HELLO = '[data-testid="stMarkdownContainer"]'
# What a page of the app shows once drawn: its title, each plotly figure (one infolayer each), the SVG
# map's region paths, each data grid's canvas. A page is painted when as many of these are in the page as
# it ends up with (counted once per page, see bench/__main__.py).
CONTENT = ", ".join(
    f'[data-testid="stMain"] {s}'
    for s in (
        "h1",
        ".js-plotly-plot .main-svg .infolayer",
        "svg.kzmap path[data-iso]",
        '[data-testid="stDataFrame"] canvas',
    )
)
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

INIT_SCRIPT = """
(() => {
  const b = window.__bench = {longtaskMs: 0, longtasks: 0, ready: null, selector: null, count: 1,
                              lastInput: null};
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) { b.longtaskMs += e.duration; b.longtasks += 1; }
    }).observe({type: 'longtask', buffered: true});
  } catch (e) { b.longtaskError = String(e); }
  const cfg = CONFIG;
  b.selector = cfg.selector; b.count = cfg.count; b.text = cfg.text;
  let pending = false;
  const check = () => {
    if (b.ready !== null || pending) return;
    const els = document.querySelectorAll(b.selector);
    if (els.length < b.count) return;
    if (b.text && !Array.from(els).some(e => e.textContent.includes(b.text))) return;
    pending = true;
    requestAnimationFrame(() => { b.ready = performance.now(); });
  };
  b.lastMutation = null;
  new MutationObserver(() => { b.lastMutation = performance.now(); check(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const type of ['click', 'keydown', 'pointerdown']) {
    document.addEventListener(type, e => { b.lastInput = e.timeStamp; }, {capture: true});
  }
})();
"""

# The map's state as drawn: number of paths, their fills, and the SVG text (labels change with language).
SIGNATURE_JS = """
() => {
  const ps = document.querySelectorAll(PATHS);
  let s = ps.length + ':';
  ps.forEach(p => { const c = getComputedStyle(p); s += c.fill + c.opacity + c.strokeWidth + ';'; });
  document.querySelectorAll(TEXT).forEach(t => { s += t.textContent + '|'; });
  return s;
}
""".replace("PATHS", json.dumps(MAP_PATHS)).replace("TEXT", json.dumps(MAP_TEXT))

WATCH_JS = """
([before, count]) => {
  const b = window.__bench; b.repaint = null;
  const sig = SIGNATURE;
  const tick = () => {
    const n = document.querySelectorAll(PATHS).length;
    if (n >= count && sig() !== before) { b.repaint = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
""".replace("SIGNATURE", SIGNATURE_JS.strip()).replace("PATHS", json.dumps(MAP_PATHS))


def find_chromium() -> str | None:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


@dataclass
class Traffic:
    """Bytes seen by one page through CDP, with a mark to count what arrived after it."""

    ws_frames: list[int] = field(default_factory=list)
    ws_times: list[float] = field(default_factory=list)
    http: dict[str, int] = field(default_factory=dict)  # url -> encoded bytes
    fetches: dict[str, int] = field(default_factory=dict)  # url -> number of finished requests
    urls: dict[str, str] = field(default_factory=dict)  # requestId -> url
    foreign: list[str] = field(default_factory=list)

    def ws_bytes(self, since: int = 0) -> int:
        return sum(self.ws_frames[since:])

    def http_bytes(self, predicate=lambda url: True) -> int:
        return sum(n for url, n in self.http.items() if predicate(url))


def attach(context, page, host: str) -> Traffic:
    traffic = Traffic()
    cdp = context.new_cdp_session(page)

    def on_frame(params):
        resp = params["response"]
        data = resp.get("payloadData", "")
        n = len(base64.b64decode(data)) if resp.get("opcode") == 2 else len(data.encode("utf-8"))
        traffic.ws_frames.append(n)
        traffic.ws_times.append(time.monotonic())

    def on_request(params):
        url = params["request"]["url"]
        traffic.urls[params["requestId"]] = url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            traffic.foreign.append(url)

    def on_finished(params):
        url = traffic.urls.get(params["requestId"], params["requestId"])
        traffic.http[url] = traffic.http.get(url, 0) + int(params.get("encodedDataLength", 0))
        traffic.fetches[url] = traffic.fetches.get(url, 0) + 1

    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.send("Network.enable")
    return traffic


def _quiet(page, traffic: Traffic, quiet_ms: int = QUIET_MS, limit_ms: int = SETTLE_LIMIT_MS) -> None:
    """Wait until the script is idle and no websocket frame came for ``quiet_ms`` (bounded)."""
    deadline = time.monotonic() + limit_ms / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if page.locator(APP_IDLE).count() == 0:
            continue
        last = traffic.ws_times[-1] if traffic.ws_times else 0.0
        if time.monotonic() - last >= quiet_ms / 1000:
            return


@dataclass
class View:
    page: object
    context: object
    traffic: Traffic
    ready_ms: float
    longtask_ms: float
    longtasks: int
    ws_bytes: int
    http_bytes: int
    data_bytes: int  # HTTP bytes of the app's own static files (/app/static/...)
    requests: dict[str, int]
    resources: dict[str, float] = field(default_factory=dict)  # RESOURCE_KEYS -> responseEnd ms


# Files whose arrival (Resource Timing ``responseEnd``, ms from navigation start) the first view records:
# the custom-component chunk, the SVG map's geometry, plotly's chunk.
RESOURCE_KEYS = ("BidiComponent", "svgmap_", "PlotlyChart")
RESOURCES_JS = """
keys => {
  const o = {};
  for (const e of performance.getEntriesByType('resource')) {
    for (const k of keys) if (e.name.includes(k)) o[k] = Math.max(o[k] || 0, e.responseEnd);
  }
  return o;
}
"""


def open_view(browser, url: str, *, selector: str, count: int = 1, text: str | None = None) -> View:
    """Open ``url`` in a fresh context; wait for ``count`` elements matching ``selector``, then quiet."""
    import json

    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        context.add_init_script(
            INIT_SCRIPT.replace("CONFIG", json.dumps({"selector": selector, "count": count, "text": text}))
        )
        page = context.new_page()
        traffic = attach(context, page, urlsplit(url).netloc)
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function("window.__bench && window.__bench.ready !== null", timeout=TIMEOUT_MS)
        _quiet(page, traffic)
        page.wait_for_timeout(200)  # long tasks that finish just after the last frame
        b = page.evaluate("window.__bench")
        resources = page.evaluate(RESOURCES_JS, list(RESOURCE_KEYS))
    except BaseException:
        context.close()
        raise
    return View(
        page=page,
        context=context,
        traffic=traffic,
        ready_ms=b["ready"],
        longtask_ms=b["longtaskMs"],
        longtasks=b["longtasks"],
        ws_bytes=traffic.ws_bytes(),
        http_bytes=traffic.http_bytes(),
        data_bytes=traffic.http_bytes(lambda u: "/app/static/" in u),
        requests=dict(traffic.http),
        resources=resources,
    )


def interact(view: View, action, *, count: int) -> dict:
    """Run ``action(page)`` and measure until the map is redrawn differently with ``count`` regions.

    Returns websocket bytes received, input-to-repaint time (from the last input event's timestamp to
    the first frame showing the new map) and long-task time during the interaction.
    """
    page, traffic = view.page, view.traffic
    page.wait_for_timeout(300)
    before = page.evaluate(SIGNATURE_JS)
    mark = len(traffic.ws_frames)
    lt0 = page.evaluate("window.__bench.longtaskMs")
    page.evaluate(WATCH_JS, [before, count])
    action(page)
    page.wait_for_function("window.__bench.repaint !== null", timeout=TIMEOUT_MS)
    _quiet(page, traffic)
    b = page.evaluate("window.__bench")
    return {
        "ws_bytes": traffic.ws_bytes(mark),
        "input_to_repaint_ms": b["repaint"] - b["lastInput"],
        "longtask_ms": b["longtaskMs"] - lt0,
    }


def interact_page(view: View, action, *, settle_ms: int = TIMEOUT_MS) -> dict:
    """Run ``action(page)`` on any page and measure until the page has settled after it.

    Returns websocket bytes received and the time from the last input event to the last change of the
    page (the last DOM mutation before the script is idle and the websocket quiet): for a language
    switch, the moment the last chart was redrawn in the new language.
    """
    page, traffic = view.page, view.traffic
    page.wait_for_timeout(300)
    _quiet(page, traffic)
    mark = len(traffic.ws_frames)
    lt0 = page.evaluate("window.__bench.longtaskMs")
    action(page)
    deadline = time.monotonic() + settle_ms / 1000
    while len(traffic.ws_frames) == mark and time.monotonic() < deadline:  # the rerun has begun
        page.wait_for_timeout(50)
    _quiet(page, traffic)
    b = page.evaluate("window.__bench")
    return {
        "ws_bytes": traffic.ws_bytes(mark),
        "input_to_settled_ms": b["lastMutation"] - b["lastInput"],
        "longtask_ms": b["longtaskMs"] - lt0,
    }


def choose(page, label: str, option: str, *, scope: str = "") -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (in ``scope``, a CSS prefix)."""
    box = page.locator(f'{scope} [data-testid="stSelectbox"]').filter(has_text=label).first
    box.locator('[role="combobox"]').first.click()
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()


def step_slider(page, label: str, key: str = "ArrowLeft", *, scope: str = "") -> None:
    """Move the slider labelled ``label`` one step (``key``: ``ArrowLeft`` or ``ArrowRight``)."""
    box = page.locator(f'{scope} [data-testid="stSlider"]').filter(has_text=label).first
    box.locator('input[type="range"]').first.focus()
    page.keyboard.press(key)


def choose_many(page, label: str, option: str, *, scope: str = "") -> None:
    """Add ``option`` to the multiselect labelled ``label`` (in ``scope``), then close its list."""
    box = page.locator(f'{scope} [data-testid="stMultiSelect"]').filter(has_text=label).first
    box.locator("input").first.click()
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def click_radio(page, label: str, *, scope: str = "") -> None:
    page.locator(f'{scope} [data-testid="stRadio"] label').filter(has_text=label).first.click()
