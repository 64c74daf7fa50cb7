"""Charts without collisions, measured in a real browser (issue 17, item 4): on every page of ``app.py``
at 1440 and 390 px in en/ru/kk, in every chart (each plotly chart, the SVG map and its legend, the
district map), no two visible text labels overlap and no label is cut by the chart's own box.

What is measured is the browser's own layout: each label's ``getBoundingClientRect()`` (the box of its
glyph cells, as drawn, after plotly's automargins and the page's CSS), against every other label of the
same chart and against the chart's box (plotly: its first ``.main-svg``; the maps: the ``<svg>``).
Labels hidden by ``display``, ``visibility`` or ``opacity`` (the map's phone/desktop name sets, a
legend's hidden entries) and empty texts are left out. Plotly's toolbar (``.modebar``), where a chart
has one, is treated as a label too (a label under it is covered on a phone), and so is every straight
line the chart draws as a shape (the national line, the address year, a target): no label may cross one.

The server, the browser and the page helpers are those of ``tests/test_browser.py``. One browser context
per (width, language); the pages are visited in turn. The geometry is pure Python below
(:func:`overlaps`, :func:`cut`, with doctests).
"""

from __future__ import annotations

import pytest

from tests.test_browser import MAIN, TIMEOUT_MS, browser, no_exception, open_app, server
from tests.test_browser_sources import PAGES

pytestmark = pytest.mark.browser
FIXTURES = (browser, server)  # test_browser.py's fixtures: pytest finds them here by name

TOLERANCE_PX = 1.0  # boxes may touch or share a pixel of antialiasing; more than that is an overlap

# Every text a plotly chart draws for a reader (verified on plotly.js 3's DOM in this app): tick labels,
# point labels (scatter "text" and bar value labels), annotations (incl. the national line's label and
# vline/hline annotations), axis titles, legend entries, the title.
PLOTLY_LABELS = (
    ".xtick text, .ytick text, .textpoint text, .bartext, .annotation-text, .g-xtitle text, .g-ytitle text, "
    ".legendtext, .gtitle"
)
# The SVG charts of ours: the map (regions.present.svgmap), its legend, the district map.
SVG_CHARTS = "svg.kzmap, svg.kzmap-legend, svg.kzdistricts"

MEASURE = """([plotlySel, svgSel, main]) => {
  const root = document.querySelector(main);
  const shown = (el, stop) => {
    for (let e = el; e && e !== stop.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const box = r => [r.left, r.top, r.right, r.bottom];
  const labelsOf = (chart, sel) => [...chart.querySelectorAll(sel)]
    .filter(el => el.textContent.trim() !== '' && shown(el, chart))
    .map(el => ({text: el.textContent.trim(), box: box(el.getBoundingClientRect())}))
    .filter(l => l.box[2] - l.box[0] > 0 && l.box[3] - l.box[1] > 0);
  const charts = [];
  root.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
    const svg = plot.querySelector('.main-svg');
    if (!svg || !shown(plot, plot)) return;
    const labels = labelsOf(plot, plotlySel);
    const bar = plot.querySelector('.modebar');
    const toolbar = bar && getComputedStyle(plot.querySelector('.modebar-container') || bar).display !== 'none'
      ? box(bar.getBoundingClientRect()) : null;
    // The chart's straight lines drawn as shapes (the national line, the address year, a target).
    const lines = [...plot.querySelectorAll('.shapelayer path')].map(p => box(p.getBoundingClientRect()))
      .filter(b => (b[2] - b[0] < 4) !== (b[3] - b[1] < 4));
    charts.push({name: 'plotly#' + i + ' ' + (plot.querySelector('.gtitle')?.textContent || ''),
                 box: box(svg.getBoundingClientRect()), labels, toolbar, lines});
  });
  root.querySelectorAll(svgSel).forEach((svg, i) => {
    if (!shown(svg, svg)) return;
    charts.push({name: svg.getAttribute('class') + '#' + i, box: box(svg.getBoundingClientRect()),
                 labels: labelsOf(svg, 'text'), toolbar: null, lines: []});
  });
  return charts;
}"""

# Plotly draws after the script run is over (lazily loaded code, then a relayout for automargins): wait
# until every chart element has its SVG and no chart has changed its labels for a while.
DRAWN = """() => {
  const els = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return [...els].every(e => e.querySelector('.js-plotly-plot .main-svg .xtick, .js-plotly-plot .main-svg .ytick'));
}"""


def overlaps(a: tuple[float, ...], b: tuple[float, ...], tol: float = TOLERANCE_PX) -> bool:
    """Whether boxes ``(left, top, right, bottom)`` intersect by more than ``tol`` px in both directions.

    >>> overlaps((0, 0, 10, 10), (9.5, 0, 20, 10)), overlaps((0, 0, 10, 10), (8, 8, 20, 20))
    (False, True)
    """
    return min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol


def cut(label: tuple[float, ...], frame: tuple[float, ...], tol: float = TOLERANCE_PX) -> bool:
    """Whether ``label`` reaches more than ``tol`` px outside ``frame`` on any side.

    >>> cut((-3, 5, 20, 12), (0, 0, 100, 100)), cut((0.5, 5, 100.5, 12), (0, 0, 100, 100))
    (True, False)
    """
    return (
        label[0] < frame[0] - tol
        or label[1] < frame[1] - tol
        or label[2] > frame[2] + tol
        or label[3] > frame[3] + tol
    )


def problems(chart: dict) -> list[str]:
    """What is wrong with one measured chart: overlapping pairs, labels cut by its box, labels under its
    toolbar (each named by its text)."""
    out: list[str] = []
    labels = chart["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if overlaps(a["box"], b["box"]):
                out.append(f"overlap {a['text']!r} / {b['text']!r}")
        if cut(a["box"], chart["box"]):
            out.append(
                f"cut {a['text']!r} {[round(x) for x in a['box']]} by {[round(x) for x in chart['box']]}"
            )
        if chart["toolbar"] and overlaps(a["box"], chart["toolbar"]):
            out.append(f"under the toolbar {a['text']!r}")
        if any(overlaps(a["box"], line, tol=0.0) for line in chart["lines"]):
            out.append(f"crossed by a line {a['text']!r}")
    return out


def measure(page) -> list[dict]:
    """Every chart of the page's main area with its labels' boxes, once plotly has finished drawing."""
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    before = None
    for _ in range(20):  # stable twice in a row, 250 ms apart: automargin redraws are over
        page.wait_for_timeout(250)
        now = page.evaluate(MEASURE, [PLOTLY_LABELS, SVG_CHARTS, MAIN])
        if now == before:
            return now
        before = now
    return before


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_no_chart_label_overlaps_or_is_cut(browser, server, lang, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(TIMEOUT_MS)
    found: list[str] = []
    counted = 0
    try:
        for path in PAGES:
            sep = "&" if "?" in path else "?"
            page = open_app(ctx, server, f"{path}{sep}lang={lang}")
            no_exception(page, f"{path} {lang} {width}")
            for chart in measure(page):
                counted += len(chart["labels"])
                found += [f"{path} {lang} {width} {chart['name']}: {p}" for p in problems(chart)]
            page.close()
    finally:
        ctx.close()
    assert counted > 0, f"{lang} {width}: no chart label found: the selectors no longer match the DOM"
    assert not found, f"{len(found)} label problem(s):\n" + "\n".join(found)
