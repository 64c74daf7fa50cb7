"""``python -m bench``: the dashboard's speed, measured against Streamlit itself, in one run.

Starts, side by side, ``streamlit run app.py``, a one-line hello app (``bench/apps/hello.py``), a naive
map (``bench/apps/naive.py``: ``px.choropleth`` on the raw upstream geometry) and the map variants app
(``bench/apps/mapvariants.py``: the project's figure with its GeoJSON inline or by URL, on the world or
the regional basemap), each on 127.0.0.1 and a free port from a temporary working directory, and opens
them in Debian's Chromium in interleaved rounds (every round visits every target once, the order
rotating), so that the machine's noise falls on all of them alike. Reports median/min/max over the
rounds and ratios against the hello app measured in the same run, then:

- interactions on the map page (indicator, year, language, layout: websocket bytes, input to repaint);
- warm AppTest reruns of every page against the hello app (``bench/apptest_rerun.py``);
- server RSS after 1 and 10 sessions (fresh servers);
- the figure benchmark (``bench/figures.py``, formerly ``bench/run.py``);
- sizes of the static files, raw and gzipped.

Writes ``results.json`` and ``results.md`` (default ``bench/``). ``--quick`` (CI): one round, fewer
targets, tiny session counts. Nothing is asserted about speed; the exit status is 1 only if a
measurement failed or the browser talked to another host than 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import browser as B  # noqa: E402
from bench import figures, report, servers  # noqa: E402

MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
SECTOR_NAMES = {
    s["id"]: s["name"] for s in json.loads((ROOT / "data" / "sectors.json").read_text(encoding="utf-8"))
}
# The app's other pages, each opened with a real view (the map page is the "app" target): first view painted
# when as many B.CONTENT elements (title, charts, map paths, grids) are drawn as the page ends up with.
PAGE_VIEWS = {
    "page:region": "/region?region=KZ-35",
    "page:compare": "/compare?regions=KZ-35,KZ-55",
    "page:ranking": "/ranking",
    "page:delivery": "/delivery",
    "page:tables": "/tables",
}
VARIANTS_FULL = ["inline-full", "inline-region", "url-full", "url-region", "proof", "svg", "svgmd"]
VARIANTS_QUICK = ["url-region", "proof", "svg", "svgmd"]
RESULTS_DIR = ROOT / "bench" / "results"  # screenshots (git-ignored)


def summary(values: list[float]) -> dict:
    values = [float(v) for v in values]
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
        "values": [round(v, 1) for v in values],
    }


def machine(command: str) -> dict:
    mem = next(
        (
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in line
        ),
        None,
    )
    versions = {}
    for pkg in ("streamlit", "plotly", "playwright", "shapely"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[pkg] = metadata.version(pkg)
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        # Changes not committed (the results files themselves aside) mean the commit does not name the
        # code measured: the report says so.
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
             ":!bench/results.md", ":!bench/results.json"],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", ""
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "nproc": os.cpu_count(),
        "memory_bytes": mem,
        "loadavg_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "git_commit": commit,
        "git_dirty": bool(dirty),
    }


# --------------------------------------------------------------------------------------------------
# Targets of one round


def targets(variants: list[str], extra_apps: tuple[str, ...] = ()) -> dict[str, dict]:
    """name -> (server, path, selector, count, text)."""
    out = {
        "hello": {"server": "hello", "path": "/", "selector": B.HELLO, "count": 1, "text": "hello"},
        "app": {"server": "app", "path": "/", "selector": B.MAP_PATHS, "count": 20, "text": None},
        "naive": {"server": "naive", "path": "/", "selector": B.MAP_PATHS, "count": 20, "text": None},
    }
    for name in extra_apps:
        out[name] = {**out["app"], "server": name}
    for name, path in PAGE_VIEWS.items():
        out[name] = {"server": "app", "path": path, "selector": B.CONTENT, "count": None, "text": None}
    for v in variants:
        out[f"variant:{v}"] = {
            "server": "variants",
            "path": f"/?v={v}",
            "selector": B.MAP_PATHS,
            "count": 20,
            "text": None,
        }
    return out


INTERACTIONS = [
    # (name, action, regions drawn afterwards), in this order on one page (labels in the page's language)
    ("indicator", lambda p: B.choose(p, "Colour the map by", "Population density", scope=MAIN), 20),
    ("year", lambda p: B.step_slider(p, "Year", scope=MAIN), 20),  # the map's year slider, one year back
    ("language", lambda p: B.choose(p, "Language", "Русский", scope=SIDEBAR), 20),
    ("layout", lambda p: B.click_radio(p, "2020", scope=SIDEBAR), 17),
    # the change since the default base year (the map's radio "Show"), then a sector filter (units outside it fade)
    ("change mode", lambda p: B.click_radio(p, I18N["show_change"]["ru"], scope=MAIN), 17),
    (
        "sector filter",
        lambda p: B.choose_many(
            p, I18N["sector_filter"]["ru"], SECTOR_NAMES["metallurgy"]["ru"], scope=SIDEBAR
        ),
        17,
    ),
]
# Interactions on other pages, measured by B.interact_page (until the page has settled).
# /delivery draws one role at a time: its second role, by the short name its chooser shows (issue 19).
SECOND_ROLE = json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))[1]["name"]["en"]
PAGE_INTERACTIONS = {
    "page:delivery": [
        ("role", lambda p: B.click_radio(p, SECOND_ROLE.split(":")[0].strip(), scope=MAIN)),
        ("language", lambda p: B.choose(p, "Language", "Русский", scope=SIDEBAR)),
    ],
}


VARIANT_INTERACTIONS = [
    ("indicator", lambda p: B.choose(p, "Colour the map by", "Population density", scope=MAIN), 20),
    ("language", lambda p: B.choose(p, "Language", "Русский", scope=MAIN), 20),
]
# Variants on which the interactions are measured too: the map as it is, and with both changes.
INTERACTIVE_VARIANTS = ("variant:inline-full", "variant:url-region", "variant:svg")


def stable_count(page, selector: str, still_s: float = 3.0, limit_s: float = 60.0) -> int:
    """How many ``selector`` elements the page ends up with: the count once unchanged for ``still_s`` s
    (charts arrive after the script is idle, when their lazily loaded code has come)."""
    count, since, t0 = -1, time.monotonic(), time.monotonic()
    while time.monotonic() - t0 < limit_s:
        n = page.locator(selector).count()
        if n != count:
            count, since = n, time.monotonic()
        elif time.monotonic() - since >= still_s:
            break
        page.wait_for_timeout(250)
    return count


def measure_view(br, base: str, spec: dict) -> B.View:
    return B.open_view(
        br, base + spec["path"], selector=spec["selector"], count=spec["count"], text=spec["text"]
    )


def screenshot_plot(view: B.View, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    view.page.mouse.move(1, 1)
    view.page.locator(".js-plotly-plot .main-svg").first.screenshot(path=str(path))


def pixel_diff(a: Path, b: Path) -> dict:
    from PIL import Image, ImageChops

    ia, ib = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
    if ia.size != ib.size:
        return {"same_size": False, "sizes": [ia.size, ib.size]}
    diff = ImageChops.difference(ia, ib).convert("L")
    changed = sum(diff.histogram()[17:])
    return {"same_size": True, "pixels": ia.size[0] * ia.size[1], "changed_pixels": changed}


def browser_rounds(
    br, srv: dict, runs: int, variants: list[str], warmup: bool, log, extra_apps: tuple[str, ...] = ()
) -> dict:
    specs = targets(variants, extra_apps)
    raw: dict[str, dict[str, list[float]]] = {name: {} for name in specs}
    inter: dict[str, dict[str, list[float]]] = {name: {} for name, _, _ in INTERACTIONS}
    xinter: dict[str, dict[str, dict[str, list[float]]]] = {
        a: {name: {} for name, _, _ in INTERACTIONS} for a in extra_apps
    }
    vinter: dict[str, dict[str, dict[str, list[float]]]] = {
        v: {name: {} for name, _, _ in VARIANT_INTERACTIONS} for v in INTERACTIVE_VARIANTS if v in specs
    }
    pinter: dict[str, dict[str, dict[str, list[float]]]] = {
        t: {name: {} for name, _ in acts} for t, acts in PAGE_INTERACTIONS.items()
    }
    foreign: list[str] = []
    shots: dict[str, Path] = {}
    out_proof: dict = {}
    for name, spec in specs.items():  # how many content elements each page ends up with
        if spec["count"] is None and not warmup:
            spec["count"] = 1  # quick mode: no probe; the one view counts its elements once quiet
        elif spec["count"] is None:
            view = B.open_view(
                br, srv[spec["server"]].base + spec["path"], selector=spec["selector"], count=1
            )
            try:
                spec["count"] = stable_count(view.page, spec["selector"])
            finally:
                view.context.close()
            log(f"  {name}: {spec['count']} content elements")
    if warmup:  # first visit of each server: imports and caches, not measured
        for name, spec in specs.items():
            if name.startswith("variant:") and name != f"variant:{variants[0]}":
                continue
            measure_view(br, srv[spec["server"]].base, spec).context.close()
            log(f"  warm-up {name}")
    names = list(specs)
    for r in range(runs):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            spec = specs[name]
            view = measure_view(br, srv[spec["server"]].base, spec)
            try:
                m = raw[name]
                for key in ("ready_ms", "longtask_ms", "ws_bytes", "http_bytes", "data_bytes"):
                    m.setdefault(key, []).append(getattr(view, key))
                m.setdefault("longtasks", []).append(view.longtasks)
                if name.startswith("page:") and spec["count"] == 1:
                    spec["count"] = view.page.locator(spec["selector"]).count()
                for key, ms in view.resources.items():
                    m.setdefault(f"loaded_{key}_ms", []).append(ms)
                basemap = sum(n for u, n in view.requests.items() if u.endswith("world_50m.json"))
                m.setdefault("basemap_bytes", []).append(basemap)
                foreign += view.traffic.foreign
                if name == "variant:proof" and r == 0:
                    out_proof.update(
                        {
                            "figure": 'go.Choropleth(geojson="/app/static/boundaries_2022.json", featureidkey="id", '
                            "locations=[20 ISO codes], z=list(range(20)))",
                            "choroplethlocation_paths": view.page.locator(B.PLOTLY_PATHS).count(),
                        }
                    )
                if r == 0 and name.startswith("variant:url-"):
                    fetched = {
                        u: n for u, n in view.traffic.fetches.items() if u.endswith("boundaries_2022.json")
                    }
                    out_proof.setdefault("boundaries_fetches_per_view", {})[name] = sum(fetched.values())
                if r == 0 and name in ("variant:inline-full", "variant:inline-region", "variant:url-region"):
                    shots[name] = RESULTS_DIR / f"{name.split(':')[1]}.png"
                    screenshot_plot(view, shots[name])
                if name == "app":
                    for iname, action, count in INTERACTIONS:
                        res = B.interact(view, action, count=count)
                        for key, val in res.items():
                            inter[iname].setdefault(key, []).append(val)
                        foreign += view.traffic.foreign
                if name in xinter:
                    for iname, action, count in INTERACTIONS:
                        res = B.interact(view, action, count=count)
                        for key, val in res.items():
                            xinter[name][iname].setdefault(key, []).append(val)
                        foreign += view.traffic.foreign
                for iname, action in PAGE_INTERACTIONS.get(name, []):
                    res = B.interact_page(view, action)
                    for key, val in res.items():
                        pinter[name][iname].setdefault(key, []).append(val)
                    foreign += view.traffic.foreign
                if name in vinter:
                    for iname, action, count in VARIANT_INTERACTIONS:
                        res = B.interact(view, action, count=count)
                        for key, val in res.items():
                            vinter[name][iname].setdefault(key, []).append(val)
                        foreign += view.traffic.foreign
            finally:
                view.context.close()
            log(f"  round {r + 1}/{runs} {name}: ready {view.ready_ms:.0f} ms, ws {view.ws_bytes:,} B")
    out = {
        "first_view": {name: {k: summary(v) for k, v in m.items()} for name, m in raw.items()},
        "interactions": {name: {k: summary(v) for k, v in m.items()} for name, m in inter.items()},
        "page_interactions": {
            t: {name: {k: summary(x) for k, x in m.items()} for name, m in d.items()}
            for t, d in pinter.items()
        },
        "content_counts": {name: spec["count"] for name, spec in specs.items() if name.startswith("page:")},
        "variant_interactions": {
            v: {name: {k: summary(x) for k, x in m.items()} for name, m in d.items()}
            for v, d in vinter.items()
        },
        "extra_app_interactions": {
            a: {name: {k: summary(x) for k, x in m.items()} for name, m in d.items()}
            for a, d in xinter.items()
        },
        "foreign_requests": sorted(set(foreign)),
        "geojson_url_proof": out_proof,
    }
    pairs = [("variant:inline-full", "variant:inline-region"), ("variant:inline-full", "variant:url-region")]
    out["screenshots"] = {
        f"{a} vs {b}": pixel_diff(shots[a], shots[b]) for a, b in pairs if a in shots and b in shots
    }
    return out


def st_html_svg(br, base: str) -> dict:
    """What ``st.html`` keeps of the SVG map (variant ``svghtml``): region paths in the page once idle."""
    context = br.new_context(viewport=B.VIEWPORT)
    context.set_default_timeout(B.TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(base + "/?v=svghtml", wait_until="domcontentloaded")
        page.wait_for_selector("h1:has-text('svghtml')", timeout=B.TIMEOUT_MS)
        page.wait_for_selector(B.APP_IDLE, timeout=B.TIMEOUT_MS)
        page.wait_for_timeout(1000)
        return {
            "region_paths": page.locator(B.SVG_PATHS).count(),
            "svg_elements": page.locator(f"{MAIN} svg.kzmap, {MAIN} svg.kzmap-legend").count(),
        }
    finally:
        context.close()


def rss_sessions(br, names: list[str], counts: tuple[int, int], log, extra: dict | None = None) -> dict:
    """RSS of a fresh server after the first session and after ``counts[1]`` open sessions."""
    out = {}
    extra = extra or {}
    specs = targets([], tuple(extra))
    for name in names:
        spec = specs[name]
        script = Path(extra[name]).resolve() if name in extra else None
        with servers.streamlit_server(name, script) as s:
            rss0 = s.rss_bytes()
            context = br.new_context(viewport=B.VIEWPORT)
            context.set_default_timeout(B.TIMEOUT_MS)
            try:
                sel = spec["selector"]
                res = {"idle_bytes": rss0}
                for i in range(counts[1]):
                    page = context.new_page()
                    page.goto(s.base + spec["path"], wait_until="domcontentloaded")
                    page.wait_for_function(
                        f"document.querySelectorAll({json.dumps(sel)}).length >= {spec['count']}",
                        timeout=B.TIMEOUT_MS,
                    )
                    page.wait_for_selector(B.APP_IDLE, timeout=B.TIMEOUT_MS)
                    if i + 1 in counts:
                        time.sleep(1.0)
                        res[f"after_{i + 1}_sessions_bytes"] = s.rss_bytes()
            finally:
                context.close()
            out[name] = res
            log(f"  rss {name}: {res}")
    return out


def apptest(reruns: int, app: Path | None = None) -> dict:
    cmd = [sys.executable, "-m", "bench.apptest_rerun", "--reruns", str(reruns)]
    if app is not None:
        cmd += ["--app", str(app)]
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench.apptest_rerun failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


# The map page's view after each of INTERACTIONS (and the first view): (layout, lang, indicator, year).
SVG_VIEWS = [
    ("first view", "2022", "en", "roles", None),
    ("indicator", "2022", "en", "density", "latest"),
    ("year", "2022", "en", "density", 2020),
    ("language", "2022", "ru", "density", 2020),
    ("layout", "2020", "ru", "density", 2020),
]


def svg_sizes() -> dict:
    """Bytes of the SVG map's HTML that each view of the map page sends (``regions.present.svgmap.map_html``
    with the geometry by URL), and the part of it that is tooltips (``<title>``): what the map itself
    adds to each interaction's websocket bytes."""
    import re

    from regions.geo import geography
    from regions.pages import map as map_page
    from regions.present import svgmap

    out = {}
    for name, layout, lang, ind, year in SVG_VIEWS:
        if year == "latest":
            year = map_page.indicator_years(layout, areas=geography.areas(layout))[ind][-1]
        model = map_page.map_model(layout, lang, ind, year)
        html = svgmap.map_html(svgmap.view_of(model, layout, lang), svgmap.geometry_url(layout))
        titles = sum(len(t.encode("utf-8")) for t in re.findall(r"<title>.*?</title>", html, re.S))
        out[name] = {"html_bytes": len(html.encode("utf-8")), "title_bytes": titles}
    for layout in ("2022", "2020"):
        path = svgmap.geometry_path(layout)
        data = path.read_bytes()
        out[f"geometry_{layout}"] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9, mtime=0))}
    return out


def static_sizes() -> dict:
    files = [
        "static/world_50m.json",
        "static/region/world_50m.json",
        "static/boundaries_2022.json",
        "static/boundaries_2020.json",
        "data/boundaries_2022.geojson",
        "data/boundaries_2020.geojson",
    ]
    out = {}
    for f in files:
        p = ROOT / f
        if p.exists():
            data = p.read_bytes()
            out[f] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9, mtime=0))}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved browser rounds (default 5)")
    parser.add_argument("--quick", action="store_true", help="CI: 1 round, fewer targets, tiny counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="where results.json/.md go")
    parser.add_argument("--sessions", type=int, default=10, help="sessions for the RSS measurement")
    parser.add_argument(
        "--extra-app",
        action="append",
        default=[],
        metavar="NAME=SCRIPT",
        help="another checkout's app.py, measured like the app in the same rounds (e.g. a patched copy)",
    )
    args = parser.parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.extra_app)
    bad = [n for n in extra if n in servers.APPS or not n.isidentifier()]
    if bad:
        parser.error(f"--extra-app names must be new identifiers: {bad}")
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    runs = 1 if args.quick else max(1, args.runs)
    variants = VARIANTS_QUICK if args.quick else VARIANTS_FULL
    sessions = (1, 2) if args.quick else (1, max(2, args.sessions))
    t_start = time.monotonic()

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - t_start:6.1f} s] {msg}", file=sys.stderr, flush=True)

    chromium = B.find_chromium()
    if chromium is None:
        print("python -m bench: Chromium not found (/usr/bin/chromium or chromium on PATH)", file=sys.stderr)
        return 2
    results: dict = {"meta": machine(command), "runs": runs, "quick": args.quick}
    results["static_files"] = static_sizes()
    results["svg_sizes"] = svg_sizes()
    log("figures")
    results["figures"] = figures.run(2 if args.quick else 7)

    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        pw = stack.enter_context(sync_playwright())
        br = pw.chromium.launch(executable_path=chromium, args=B.CHROMIUM_ARGS)
        stack.callback(br.close)
        results["meta"]["chromium"] = br.version
        log("starting servers")
        srv = {
            name: stack.enter_context(servers.streamlit_server(name))
            for name in ("app", "hello", "naive", "variants")
        }
        for name, script in extra.items():
            srv[name] = stack.enter_context(servers.streamlit_server(name, Path(script).resolve()))
        results["extra_apps"] = {name: str(Path(script).resolve()) for name, script in extra.items()}
        log("browser rounds")
        results.update(
            browser_rounds(br, srv, runs, variants, warmup=not args.quick, log=log, extra_apps=tuple(extra))
        )
        results["st_html_svg"] = st_html_svg(br, srv["variants"].base)
        log(f"  st.html: {results['st_html_svg']}")
        for s in srv.values():
            results.setdefault("rss_after_rounds_bytes", {})[s.name] = s.rss_bytes()
        # Fresh servers for the RSS measurement; the round servers stay up meanwhile (same machine load).
        log("rss")
        rss_names = ["app"] if args.quick else ["app", "hello", "naive", *extra]
        results["rss"] = rss_sessions(br, rss_names, sessions, log, extra)
    log("apptest")
    results["apptest"] = apptest(2 if args.quick else 10)
    for name, script in extra.items():
        results.setdefault("apptest_extra", {})[name] = apptest(
            2 if args.quick else 10, Path(script).resolve()
        )
    results["elapsed_s"] = round(time.monotonic() - t_start, 1)
    results["targets"] = report.targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "results.md").write_text(report.markdown(results), encoding="utf-8")
    log(f"wrote {args.out / 'results.json'} and {args.out / 'results.md'}")
    print("\n".join(report.summary_lines(results)))
    if results["foreign_requests"]:
        print(f"python -m bench: requests to other hosts: {results['foreign_requests']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
