"""Figure benchmark (was ``bench/run.py``): building the map figure in Python, against plotly express.

Cases:

- ``map_figure_json``: the map figure as the app builds it (one choropleth trace), against the
  baseline ``px_choropleth_json``: plotly express with one trace per category (what the project avoids),
  measured on the same data; figure sizes are reported too.
- ``regional_table``: the full table of the 2022 layout (registry, geography, roles, statistics).
- ``indicator_values_cold``: statistics for a layout from the files, caches cleared.
"""

from __future__ import annotations

import statistics as stats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def timeit(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def run(repeat: int = 7) -> dict:
    import plotly.express as px

    from bench import plotlymap
    from regions.base import store
    from regions.exports import table
    from regions.geo import geography
    from regions.pages import map as views
    from regions.stats import statistics

    geojson = geography.load_boundaries_json("2022")
    model = views.map_model("2022", "en", "roles", None)

    def project_map() -> str:
        return plotlymap.model_figure(model, "2022", "en").to_json()

    def px_map() -> str:
        fig = px.choropleth(
            {"code": [u.iso_code for u in model.units], "cat": [u.category for u in model.units]},
            geojson=geojson,
            locations="code",
            featureidkey="id",
            color="cat",
        )
        return fig.to_json()

    def cold_values():
        store.clear()  # every parsed file and memoised result: a cold start of the data layer
        statistics.indicator_values("2022", areas=geography.areas("2022"))

    cases = {
        "map_figure_json": project_map,
        "px_choropleth_json (baseline)": px_map,
        "regional_table": lambda: table.regional_table("2022"),
        "indicator_values_cold": cold_values,
    }
    results: dict = {}
    for name, fn in cases.items():
        fn()  # warm-up: imports and first-call caches are not what we measure
        times = timeit(fn, repeat)
        results[name] = {
            "median_s": stats.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "runs": len(times),
        }
    base = results["px_choropleth_json (baseline)"]["median_s"]
    results["map_figure_json"]["ratio_to_px_baseline"] = results["map_figure_json"]["median_s"] / base
    results["sizes_bytes"] = {"map_figure_json": len(project_map()), "px_choropleth_json": len(px_map())}
    return results


def print_table(results: dict) -> None:
    print(f"{'case':34} {'median ms':>10} {'min ms':>10}")
    for name, r in results.items():
        if "median_s" in r:
            print(f"{name:34} {r['median_s'] * 1000:10.1f} {r['min_s'] * 1000:10.1f}")
    print(f"map figure / px baseline (time): {results['map_figure_json']['ratio_to_px_baseline']:.2f}")
    s = results["sizes_bytes"]
    print(f"figure JSON bytes: project {s['map_figure_json']:,}, px {s['px_choropleth_json']:,}")
