"""The issue's targets and the Markdown report of ``python -m bench``.

``python -m bench.report [results.json]`` re-renders ``results.md`` beside the JSON file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KB = 1000  # bytes; the report's KB are decimal


def _med(results: dict, target: str, metric: str) -> float | None:
    try:
        return results["first_view"][target][metric]["median"]
    except KeyError:
        return None


def _payload(results: dict, target: str) -> float | None:
    ws, data = _med(results, target, "ws_bytes"), _med(results, target, "data_bytes")
    return None if ws is None or data is None else ws + data


def _interactions(results: dict, target: str) -> dict:
    if target == "app":
        return results.get("interactions", {})
    if target.startswith("variant:"):
        return results.get("variant_interactions", {}).get(target, {})
    return results.get("extra_app_interactions", {}).get(target, {})


AFTER = "variant:url-region"
SVG = "variant:svg"
# (name, limit, format, test)
TARGETS = [
    ("map painted ≤ 1.3× hello", "≤ 1.3×", "{:.2f}×", lambda v: v <= 1.3),
    ("long tasks within 0.5 s of hello", "≤ +500 ms", "{:+.0f} ms", lambda v: v <= 500),
    ("first view ≤ 60 KB websocket", "≤ 60 KB", "{:,.0f} B", lambda v: v <= 60 * KB),
    ("each interaction ≤ 20 KB", "≤ 20 KB", "{:,.0f} B", lambda v: v <= 20 * KB),
    ("input → repaint ≤ 300 ms", "≤ 300 ms", "{:.0f} ms", lambda v: v <= 300),
    ("warm rerun of map page ≤ 40 ms", "≤ 40 ms", "{:.1f} ms", lambda v: v <= 40),
    ("≥ 20× less first-view payload than naive", "≥ 20×", "{:.1f}×", lambda v: v >= 20),
]


def measured(results: dict, target: str) -> list[float | None]:
    """The value of every row of :data:`TARGETS` for one measured target (medians)."""
    hello_ready = _med(results, "hello", "ready_ms")
    hello_lt = _med(results, "hello", "longtask_ms")
    ready, lt = _med(results, target, "ready_ms"), _med(results, target, "longtask_ms")
    inter = _interactions(results, target)
    bytes_ = [m["ws_bytes"]["median"] for m in inter.values() if "ws_bytes" in m]
    times = [m["input_to_repaint_ms"]["median"] for m in inter.values() if "input_to_repaint_ms" in m]
    rerun = None
    at = results.get("apptest", {}) if target == "app" else results.get("apptest_extra", {}).get(target, {})
    rerun = at.get("pages", {}).get("app_pages/map.py", {}).get("median_ms")
    naive, mine = _payload(results, "naive"), _payload(results, target)
    return [
        None if ready is None or not hello_ready else ready / hello_ready,
        None if lt is None or hello_lt is None else lt - hello_lt,
        _med(results, target, "ws_bytes"),
        max(bytes_) if bytes_ else None,
        max(times) if times else None,
        rerun,
        None if mine is None or not naive else naive / mine,
    ]


def targets(results: dict) -> list[dict]:
    """Each target of the issue, met or not by the app, with the same figures for the other map targets."""
    others = [AFTER, SVG, *results.get("extra_apps", {})]
    values = {t: measured(results, t) for t in ["app", *others] if t == "app" or t in results["first_view"]}
    rows = []
    for i, (name, limit, fmt, ok) in enumerate(TARGETS):
        v = values["app"][i]
        row = {
            "target": name,
            "limit": limit,
            "measured": None if v is None else round(v, 3),
            "measured_text": "n/a" if v is None else fmt.format(v),
            "met": None if v is None else bool(ok(v)),
            "others": {},
        }
        for t in others:
            if t in values:
                w = values[t][i]
                row["others"][t] = {
                    "measured": None if w is None else round(w, 3),
                    "measured_text": "" if w is None else fmt.format(w),
                    "met": None if w is None else bool(ok(w)),
                }
        rows.append(row)
    return rows


def causes(results: dict) -> list[str]:
    """One line per target: met or not by the app, and what the same run measured about why."""
    rows = results.get("targets", [])
    if not rows:
        return []
    fv = results.get("first_view", {})
    med = lambda t, k: fv.get(t, {}).get(k, {}).get("median")  # noqa: E731
    hello, app, svg, plot = (med(t, "ready_ms") for t in ("hello", "app", SVG, AFTER))
    sizes = results.get("svg_sizes", {})
    inter = results.get("interactions", {})
    out = ["### Each target: met or not, and the measured cause", ""]

    def status(row: dict) -> str:
        return {True: "**met**", False: "**not met**", None: "n/a"}[row["met"]]

    for i, row in enumerate(rows):
        text = f"- {row['target']}: {status(row)} ({row['measured_text']})."
        if i == 0 and None not in (hello, app):
            text += f" Hello paints at {hello:,.0f} ms, the map page at {app:,.0f} ms."
            if svg is not None:
                text += (
                    f" The SVG map alone (`svg` variant: a title, two selectboxes and the map) paints at "
                    f"{svg:,.0f} ms ({svg / hello:.2f}× hello); the map page's difference from it, {app - svg:+,.0f} ms, "
                    "is the rest of the page (its longer script run: sidebar, upload panel, notices, captions)."
                )
            md = med("variant:svgmd", "ready_ms")
            if md is not None:
                text += (
                    f" The same SVG through `st.markdown(unsafe_allow_html=True)` (`svgmd`, no script, so no "
                    f"click in the session) paints at {md:,.0f} ms ({md / hello:.2f}× hello)."
                )
            bidi, geom = med("app", "loaded_BidiComponent_ms"), med("app", "loaded_svgmap__ms")
            if bidi is not None:
                text += f" In the app's first view the component chunk arrived at {bidi:,.0f} ms"
                text += f" and the map geometry at {geom:,.0f} ms." if geom is not None else "."
            plotly_seen = med("app", "loaded_PlotlyChart_ms")
            text += (
                " plotly.js was not requested."
                if plotly_seen is None
                else f" plotly.js arrived at {plotly_seen:,.0f} ms."
            )
            if plot is not None:
                text += f" The plotly map (`url-region`) paints at {plot / hello:.2f}× hello in the same run."
        if i == 1 and med("app", "longtask_ms") is not None:
            text += (
                f" Long tasks: app {med('app', 'longtask_ms'):,.0f} ms, hello {med('hello', 'longtask_ms'):,.0f} ms"
                + (
                    f", plotly map (`url-region`) {med(AFTER, 'longtask_ms'):,.0f} ms."
                    if med(AFTER, "longtask_ms")
                    else "."
                )
            )
        if i == 2 and "first view" in sizes:
            f = sizes["first view"]
            g = sizes.get("geometry_2022", {})
            text += (
                f" The SVG map's HTML is {f['html_bytes']:,} B of it ({f['title_bytes']:,} B tooltips); its geometry "
                f"comes once by HTTP ({g.get('bytes', 0):,} B, {g.get('gzip_bytes', 0):,} B gzipped)."
            )
        if i == 3 and inter:
            worst = max(inter, key=lambda k: inter[k].get("ws_bytes", {}).get("median", 0))
            ws = inter[worst]["ws_bytes"]["median"]
            text += f" Worst: {worst}, {ws:,.0f} B."
            if worst in sizes:
                h, tb = sizes[worst]["html_bytes"], sizes[worst]["title_bytes"]
                text += (
                    f" Of these, the SVG map's HTML for that view is {h:,} B, {tb:,} B of which are the 20 tooltips "
                    f"(every line of every region's hover text, in UTF-8); the other {ws - h:,.0f} B are the page's "
                    "other elements, which Streamlit sends again on every rerun. Per change: "
                    + ", ".join(
                        f"{k} {inter[k]['ws_bytes']['median']:,.0f} B (map {sizes[k]['html_bytes']:,} B)"
                        for k in inter
                        if k in sizes and "ws_bytes" in inter[k]
                    )
                    + ". What would fix it: tooltips fetched when a region is hovered or focused, not sent with "
                    "every view; the widgets outside the map in `st.fragment`s; websocket compression "
                    "(`server.enableWebsocketCompression`, off by default; not measured here)."
                )
        out.append(text)
    return [*out, ""]


# Page -> (its first-view target in bench/__main__.py, its AppTest key, warm-rerun limit in ms (issue 19, item 4)).
PAGES = {
    "/ (map)": ("app", "app_pages/map.py", 40),
    "/region?region=KZ-35": ("page:region", "app_pages/region.py?region=KZ-35", 40),
    "/compare?regions=KZ-35,KZ-55": ("page:compare", "app_pages/compare.py?regions=KZ-35,KZ-55", 40),
    "/ranking": ("page:ranking", "app_pages/ranking.py", None),
    "/delivery": ("page:delivery", "app_pages/delivery.py", 60),
    "/tables": ("page:tables", "app_pages/tables.py", None),
}
PAINT_LIMIT, FIRST_VIEW_LIMIT, INTERACTION_KB, INTERACTION_MS = 1.3, 60 * KB, 20 * KB, 300


def page_rows(results: dict) -> list[dict]:
    """Every page's first view against hello, and its warm rerun, with the issue's limits."""
    hello = _med(results, "hello", "ready_ms")
    at = results.get("apptest", {}).get("pages", {})
    rows = []
    for page, (target, key, rerun_limit) in PAGES.items():
        ready, ws = _med(results, target, "ready_ms"), _med(results, target, "ws_bytes")
        rerun = at.get(key, {}).get("median_ms")
        ratio = None if ready is None or not hello else ready / hello
        rows.append(
            {
                "page": page,
                "paint_ratio": ratio,
                "paint_met": None if ratio is None else ratio <= PAINT_LIMIT,
                "first_view_bytes": ws,
                "first_view_met": None if ws is None else ws <= FIRST_VIEW_LIMIT,
                "http_bytes": _med(results, target, "http_bytes"),
                "ready_ms": ready,
                "longtask_ms": _med(results, target, "longtask_ms"),
                "plotly_ms": _med(results, target, "loaded_PlotlyChart_ms"),
                "content": results.get("content_counts", {}).get(target, 20 if target == "app" else None),
                "rerun_ms": rerun,
                "rerun_limit_ms": rerun_limit,
                "rerun_met": None if rerun is None or rerun_limit is None else rerun <= rerun_limit,
            }
        )
    return rows


def interaction_rows(results: dict) -> list[dict]:
    """Every measured interaction: bytes and time, with the issue's limits (20 KB, 300 ms)."""
    rows = []
    for name, m in results.get("interactions", {}).items():
        if m:
            rows.append({"where": "map", "change": name, "bytes": m["ws_bytes"]["median"],
                         "ms": m["input_to_repaint_ms"]["median"], "ms_kind": "input → repaint"})  # fmt: skip
    for target, d in results.get("page_interactions", {}).items():
        for name, m in d.items():
            if m:
                rows.append({"where": target.split(":", 1)[1], "change": name, "bytes": m["ws_bytes"]["median"],
                             "ms": m["input_to_settled_ms"]["median"], "ms_kind": "input → settled"})  # fmt: skip
    for r in rows:
        r["met"] = r["bytes"] <= INTERACTION_KB and r["ms"] <= INTERACTION_MS
    return rows


def summary_lines(results: dict) -> list[str]:
    """What ``python -m bench`` prints: every page's paint ÷ hello and first-view KB, every interaction."""
    meta = results["meta"]
    out = [f"commit {meta.get('git_commit')}{' (with uncommitted changes)' if meta.get('git_dirty') else ''}, "
           f"{results['runs']} round(s)"]  # fmt: skip
    for r in page_rows(results):
        ratio = "n/a" if r["paint_ratio"] is None else f"{r['paint_ratio']:.2f}x hello"
        kb = "n/a" if r["first_view_bytes"] is None else f"{r['first_view_bytes'] / KB:,.1f} KB"
        rerun = "" if r["rerun_ms"] is None else f", warm rerun {r['rerun_ms']:.0f} ms"
        out.append(f"{r['page']:<30} paint {ratio:>12}, first view {kb:>9}{rerun}")
    for r in interaction_rows(results):
        out.append(
            f"{r['where'] + ': ' + r['change']:<30} {r['bytes'] / KB:>6,.1f} KB {r['ms']:>8,.0f} ms ({r['ms_kind']})"
        )
    return out


def _kb(v: float) -> str:
    return f"{v / KB:,.1f}"


def _stat(m: dict, scale=1.0, fmt="{:,.0f}") -> str:
    return (
        f"{fmt.format(m['median'] * scale)} ({fmt.format(m['min'] * scale)}–{fmt.format(m['max'] * scale)})"
    )


def _yes(met: bool | None) -> str:
    return {True: "met", False: "**not met**", None: ""}[met]


def _pages_md(results: dict) -> list[str]:
    rows = page_rows(results)
    if not any(r["paint_ratio"] is not None for r in rows[1:]):
        return []
    lines = [
        "## Every page and every interaction (issue 19)",
        "",
        f"First views (limits: paint ≤ {PAINT_LIMIT}× hello, ≤ {FIRST_VIEW_LIMIT / KB:.0f} KB over the websocket) "
        "and warm AppTest reruns with the page's view (limits: /region and /compare ≤ 40 ms, /delivery ≤ 60 ms). "
        "*Paint* = first frame with all the page's content drawn: its title, every chart, the map's region paths, "
        "the data grids (*content*: how many such elements the page ends up with).",
        "",
        "| page | paint ms | paint ÷ hello | met? | first view ws KB | met? | HTTP KB | content | long tasks ms "
        "| plotly.js arrived ms | warm rerun ms | met? |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        paint = "" if r["paint_ratio"] is None else f"{r['paint_ratio']:.2f}×"
        ws = "" if r["first_view_bytes"] is None else f"{r['first_view_bytes'] / KB:,.1f}"
        http = "" if r["http_bytes"] is None else f"{r['http_bytes'] / KB:,.0f}"
        rerun = "" if r["rerun_ms"] is None else f"{r['rerun_ms']:.1f}"
        ms = lambda x: "" if x is None else f"{x:,.0f}"  # noqa: E731
        lines.append(
            f"| {r['page']} | {ms(r['ready_ms'])} | {paint} | {_yes(r['paint_met'])} | {ws} | {_yes(r['first_view_met'])} "
            f"| {http} | {r['content'] if r['content'] is not None else ''} | {ms(r['longtask_ms'])} "
            f"| {ms(r['plotly_ms']) or 'not loaded'} | {rerun} | {_yes(r['rerun_met'])} |"
        )
    hello = _med(results, "hello", "ready_ms")
    slow = [r for r in rows if r["paint_met"] is False]
    if slow and hello:
        with_plotly = [r for r in slow if r["plotly_ms"] is not None]
        lines += [
            "",
            f"Measured cause of each paint target missed: hello paints at {hello:,.0f} ms, so 1.3× is "
            f"{1.3 * hello:,.0f} ms. "
            + (
                "Pages with charts load plotly.js (`PlotlyChart.*.js`, 4.7 MB uncompressed from Streamlit) and "
                "draw after it has arrived and run: "
                + ", ".join(
                    f"{r['page']} plotly.js at {r['plotly_ms']:,.0f} ms, painted at {r['ready_ms']:,.0f} ms"
                    for r in with_plotly
                )  # fmt: skip
                + ". "
                if with_plotly
                else ""
            )
            + "".join(
                f"{r['page']} loads no plotly.js and paints at {r['ready_ms']:,.0f} ms "
                f"(long tasks {r['longtask_ms']:,.0f} ms). "
                for r in slow
                if r["plotly_ms"] is None
            ),
        ]
    lines += [
        "",
        f"Interactions (limits: ≤ {INTERACTION_KB / KB:.0f} KB and ≤ {INTERACTION_MS} ms), medians; on the map in "
        "this order on one page: indicator → population density, year one step back, language → Русский, "
        "layout → 2020, change mode (change since the base year), sector filter → metallurgy; /delivery: "
        "role → its second role, then language → Русский, each timed to the last change of the page "
        "(every chart redrawn).",
        "",
        "| where | change | KB | ms | timed | met? |",
        "|---|---|---|---|---|---|",
    ]
    for r in interaction_rows(results):
        lines.append(
            f"| {r['where']} | {r['change']} | {r['bytes'] / KB:,.1f} | {r['ms']:,.0f} | {r['ms_kind']} | {_yes(r['met'])} |"
        )
    return [*lines, ""]


def markdown(results: dict) -> str:
    meta = results["meta"]
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `{meta['command']}` on {meta['date_utc']} (commit {meta.get('git_commit') or '?'}"
        f"{', with uncommitted changes' if meta.get('git_dirty') else ', nothing uncommitted'}), "
        f"{results['runs']} interleaved round(s), {results.get('elapsed_s', '?')} s in all.",
        "",
        f"Machine: {meta['nproc']} CPU(s), {meta['memory_bytes'] / 2**30:.1f} GiB RAM, load average at start "
        f"{', '.join(f'{x:.2f}' for x in meta['loadavg_start'])} (shared machine: compare ratios, not raw times); "
        f"{meta['platform']}; Python {meta['python']}; "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        + f"; Chromium {meta.get('chromium', '?')} headless.",
        "",
        *([meta["note"], ""] if meta.get("note") else []),
        "Values are medians, with (min–max) over the rounds. KB = 1,000 bytes. Each view is a first visit "
        "(fresh browser context, empty cache). *ready* = first frame with the 20 region paths drawn (map) or "
        "the text (hello), from navigation start; *long tasks* = sum of `longtask` entries until the view is "
        "quiet; *ws* = websocket payload received; *HTTP* = bytes on the wire (`encodedDataLength`); *data* = "
        "the HTTP part from `/app/static/` (basemap, boundaries).",
        "",
        "## Targets (issue: the map as fast as Streamlit itself)",
        "",
    ]
    others = list(results["targets"][0].get("others", {})) if results["targets"] else []
    labels = {
        AFTER: "`url-region` variant (plotly map: static boundaries + cropped basemap)",
        SVG: "`svg` variant (the server-drawn SVG map)",
    }
    head = "| target | limit | app (map page) | met? |" + "".join(
        f" {labels.get(t, f'`{t}` (--extra-app)')} | met? |" for t in others
    )
    lines += [head, "|---" * (4 + 2 * len(others)) + "|"]
    met_text = {True: "met", False: "not met", None: "n/a"}
    for row in results["targets"]:
        cells = [row["target"], row["limit"], row["measured_text"], met_text[row["met"]]]
        for t in others:
            o = row["others"].get(t, {})
            cells += [o.get("measured_text", ""), met_text[o.get("met")] if o.get("measured_text") else ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Payload for the last row = websocket + data bytes of the first view. The `url-region` and `svg` columns",
        "are the bench app `bench/apps/mapvariants.py` (a title, two selectboxes and the map: not the app's",
        "page) drawing the plotly figure with both earlier changes, and the server-drawn SVG map (regions.present.svgmap)",
        "in the map page's component (ui.mapview). An `--extra-app` column is another checkout's `app.py`",
        "measured like the app in the same rounds.",
        "",
        *causes(results),
        *_pages_md(results),
        "## First view",
        "",
        "| target | ready ms | ratio to hello | long tasks ms | ws KB | HTTP KB | data KB | basemap KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    fv = results["first_view"]
    hello = fv.get("hello", {}).get("ready_ms", {}).get("median")
    for name, m in fv.items():
        if "ready_ms" not in m:
            continue
        ratio = f"{m['ready_ms']['median'] / hello:.2f}×" if hello else ""
        lines.append(
            f"| {name} | {_stat(m['ready_ms'])} | {ratio} | {_stat(m['longtask_ms'])} | "
            f"{_stat(m['ws_bytes'], 1 / KB, '{:,.1f}')} | {_stat(m['http_bytes'], 1 / KB, '{:,.0f}')} | "
            f"{_stat(m['data_bytes'], 1 / KB, '{:,.1f}')} | {_stat(m['basemap_bytes'], 1 / KB, '{:,.1f}')} |"
        )
    lines += [
        "",
        "Variants (`bench/apps/mapvariants.py`, the project's map figure): `inline-*` = GeoJSON inside the figure "
        '(as the app did before it named the boundaries by URL), `url-*` = `geojson="/app/static/boundaries_2022.json"`; `*-full` = '
        '`topojsonURL="/app/static/"` (world_50m, 1.1 MB), `*-region` = `"/app/static/region/"` (cropped). '
        '`proof` = a bare `go.Choropleth(geojson=<URL>, featureidkey="id", locations=[20 codes], z=[...])`: it '
        "drew all 20 `path.choroplethlocation` elements (the view only counts as ready then). "
        "`svg` = the server-drawn SVG map (`regions.present.svgmap`) in a custom component v2 (`ui.mapview`, no iframe; "
        "geometry fetched once from `/app/static/svgmap_2022.json`); `svgmd` = the same SVG, geometry inline, "
        "through `st.markdown(unsafe_allow_html=True)` (no script: a click could only be a link, i.e. a new "
        "session).",
        "",
    ]
    sh = results.get("st_html_svg")
    if sh:
        lines += [
            f"`st.html` with the same SVG (variant `svghtml`): {sh['region_paths']} region paths and "
            f"{sh['svg_elements']} `<svg>` elements left in the page after its sanitiser (so it is not measured "
            "as a view: it never paints the map).",
            "",
        ]
    proof = results.get("geojson_url_proof", {})
    if proof.get("choroplethlocation_paths") is not None:
        lines += [
            f"GeoJSON by URL: `{proof['figure']}` drew {proof['choroplethlocation_paths']} "
            "`path.choroplethlocation` elements in Chromium against `streamlit run`; requests for "
            "`boundaries_2022.json` in the first view: "
            + ", ".join(f"{k} {v}" for k, v in proof.get("boundaries_fetches_per_view", {}).items())
            + ".",
            "",
        ]
    shots = results.get("screenshots", {})
    if shots:
        lines += [
            "Same pixels? Screenshots of the plot, first round (pixels differing by more than 16/255):",
            "",
        ]
        for pair, d in shots.items():
            if d.get("same_size"):
                lines.append(f"- {pair}: {d['changed_pixels']:,} of {d['pixels']:,} pixels differ")
            else:
                lines.append(f"- {pair}: sizes differ {d.get('sizes')}")
        lines.append("")
    lines += [
        "## Interactions on the map page",
        "",
        "| change | ws KB | input → repaint ms | long tasks ms |",
        "|---|---|---|---|",
    ]
    for name, m in results.get("interactions", {}).items():
        if not m:
            continue
        lines.append(
            f"| {name} | {_stat(m['ws_bytes'], 1 / KB, '{:,.1f}')} | {_stat(m['input_to_repaint_ms'])} | "
            f"{_stat(m['longtask_ms'])} |"
        )
    lines += [
        "",
        "In order on one page: indicator → population density, year → 2020, language → Русский, layout → 2020. "
        "Repaint = first frame where the map's paths, fills or SVG text differ from before, timed from the "
        "input event's timestamp. The worst median is the one compared with the targets.",
        "",
    ]
    for app_name, d in results.get("extra_app_interactions", {}).items():
        lines += [
            f"Same interactions on `{app_name}` (`{results.get('extra_apps', {}).get(app_name, '')}`):",
            "",
        ]
        lines += ["| change | ws KB | input → repaint ms | long tasks ms |", "|---|---|---|---|"]
        for name, m in d.items():
            if m:
                lines.append(
                    f"| {name} | {_stat(m['ws_bytes'], 1 / KB, '{:,.1f}')} | {_stat(m['input_to_repaint_ms'])} | "
                    f"{_stat(m['longtask_ms'])} |"
                )
        lines.append("")
    vi = results.get("variant_interactions", {})
    if vi:
        lines += [
            "Interactions on the variants app (same figure code; indicator → population density, then language → "
            "Русский):",
            "",
            "| variant | change | ws KB | input → repaint ms | long tasks ms |",
            "|---|---|---|---|---|",
        ]
        for v, d in vi.items():
            for name, m in d.items():
                if m:
                    lines.append(
                        f"| {v} | {name} | {_stat(m['ws_bytes'], 1 / KB, '{:,.1f}')} | "
                        f"{_stat(m['input_to_repaint_ms'])} | {_stat(m['longtask_ms'])} |"
                    )
        lines.append("")
    lines += [
        "## Warm AppTest reruns",
        "",
    ]
    at = results.get("apptest", {})
    extra_at = results.get("apptest_extra", {})
    lines += [
        "| page | app: median ms (min–max) | ratio to hello |"
        + "".join(f" `{n}`: median ms (min–max) | ratio |" for n in extra_at),
        "|---|---|---|" + "---|---|" * len(extra_at),
    ]

    def cell(m: dict | None, h: float | None) -> str:
        if not m:
            return " | "
        ratio = f"{m['median_ms'] / h:.1f}×" if h else ""
        return f"{m['median_ms']:.1f} ({m['min_ms']:.1f}–{m['max_ms']:.1f}) | {ratio}"

    h = at.get("hello", {}).get("median_ms")
    row = f"| hello (one line) | {cell(at.get('hello'), h)} |"
    for d in extra_at.values():
        row += f" {cell(d.get('hello'), d.get('hello', {}).get('median_ms'))} |"
    lines.append(row)
    for page, m in at.get("pages", {}).items():
        row = f"| {page} | {cell(m, h)} |"
        for d in extra_at.values():
            row += f" {cell(d.get('pages', {}).get(page), d.get('hello', {}).get('median_ms'))} |"
        lines.append(row)
    lines += [
        "",
        "## Server memory (RSS, fresh server per app)",
        "",
        "| app | idle MB | after 1 session MB | after N sessions MB |",
        "|---|---|---|---|",
    ]
    for name, r in results.get("rss", {}).items():
        keys = sorted((k for k in r if k.startswith("after_")), key=lambda k: int(k.split("_")[1]))
        n_last = keys[-1].split("_")[1] if keys else "?"
        lines.append(
            f"| {name} | {r['idle_bytes'] / 1e6:.0f} | {r[keys[0]] / 1e6:.0f} | {r[keys[-1]] / 1e6:.0f} (N = {n_last}) |"
        )
    lines += ["", "## Static files", "", "| file | bytes | gzip -9 bytes |", "|---|---|---|"]
    for f, s in results.get("static_files", {}).items():
        lines.append(f"| `{f}` | {s['bytes']:,} | {s['gzip_bytes']:,} |")
    fig = results.get("figures", {})
    if fig:
        lines += [
            "",
            "## Figure building (Python, no browser)",
            "",
            "| case | median ms | min ms |",
            "|---|---|---|",
        ]
        for name, r in fig.items():
            if "median_s" in r:
                lines.append(f"| {name} | {r['median_s'] * 1000:.1f} | {r['min_s'] * 1000:.1f} |")
        if "sizes_bytes" in fig:
            s = fig["sizes_bytes"]
            lines.append("")
            lines.append(
                f"Figure JSON: project {s['map_figure_json']:,} B, px baseline {s['px_choropleth_json']:,} B; "
                f"time ratio project/px {fig['map_figure_json']['ratio_to_px_baseline']:.2f}."
            )
    foreign = results.get("foreign_requests", [])
    lines += ["", f"Requests to hosts other than 127.0.0.1: {len(foreign)}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else Path(__file__).resolve().parent / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["targets"] = targets(results)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (path.parent / "results.md").write_text(markdown(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
