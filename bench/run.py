"""Benchmarks: medians over repeated runs, and ratios against a baseline measured in the same run.

Run ``python bench/run.py [--repeat N]``. Prints a table and writes ``bench/results/latest.json``.
Timings on shared machines are noisy, so nothing here is asserted; compare the ratios, which are
measured against a baseline in the same process and so move less than the raw times.

Cases:
- ``map_figure_json``: the map figure as the app builds it (one choropleth trace), against the
  baseline ``px_choropleth_json``: plotly express with one trace per category (what the project avoids),
  measured on the same data; figure sizes are reported too.
- ``regional_table``: the full table of the 2022 layout (registry, geography, roles, statistics).
- ``indicator_values_cold``: statistics for a layout from the files, caches cleared.
"""

from __future__ import annotations

import argparse
import json
import statistics as stats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.express as px  # noqa: E402

from regions import geography, mapfig, statistics, table, views  # noqa: E402


def timeit(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    geojson = geography.load_boundaries_json("2022")
    model = views.map_model("2022", "en", "roles", None)

    def project_map() -> str:
        fig = mapfig.map_figure(
            model.units,
            geojson,
            lang="en",
            categorical=True,
            categories=model.categories,
            none_label=model.none_label,
            legend_title=model.legend_title,
        )
        return fig.to_json()

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
        statistics._indicator_values_cached.cache_clear()
        statistics.indicator_values("2022", areas=geography.areas("2022"))

    cases = {
        "map_figure_json": project_map,
        "px_choropleth_json (baseline)": px_map,
        "regional_table": lambda: table.regional_table("2022"),
        "indicator_values_cold": cold_values,
    }
    results = {}
    for name, fn in cases.items():
        fn()  # warm-up: imports and first-call caches are not what we measure
        times = timeit(fn, args.repeat)
        results[name] = {"median_s": stats.median(times), "min_s": min(times), "runs": len(times)}
    base = results["px_choropleth_json (baseline)"]["median_s"]
    results["map_figure_json"]["ratio_to_px_baseline"] = results["map_figure_json"]["median_s"] / base
    results["sizes_bytes"] = {"map_figure_json": len(project_map()), "px_choropleth_json": len(px_map())}

    print(f"{'case':34} {'median ms':>10} {'min ms':>10}")
    for name, r in results.items():
        if "median_s" in r:
            print(f"{name:34} {r['median_s'] * 1000:10.1f} {r['min_s'] * 1000:10.1f}")
    print(f"map figure / px baseline (time): {results['map_figure_json']['ratio_to_px_baseline']:.2f}")
    s = results["sizes_bytes"]
    print(f"figure JSON bytes: project {s['map_figure_json']:,}, px {s['px_choropleth_json']:,}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
