"""Warm AppTest reruns per page of app.py against the one-line hello app (run in its own process).

``python -m bench.apptest_rerun --reruns N [--app path/to/app.py]`` prints JSON: for each page, the times of ``N`` reruns
after the page has been opened (and so its caches filled), and the same for ``bench/apps/hello.py``. Pages open
with a real view where they need one (a profile of KZ-35, a comparison of KZ-35 and KZ-55): an empty page
would time nothing. The JSON keys are the page's file, and its query string if it has one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [  # (page file, query parameters of its view)
    ("app_pages/map.py", {}),
    ("app_pages/region.py", {"region": "KZ-35"}),
    ("app_pages/compare.py", {"regions": "KZ-35,KZ-55"}),
    ("app_pages/ranking.py", {}),
    ("app_pages/delivery.py", {}),
    ("app_pages/tables.py", {}),
    ("app_pages/address.py", {}),
    ("app_pages/sources.py", {}),
]
TIMEOUT_S = 120


def _summary(times: list[float]) -> dict:
    return {
        "median_ms": statistics.median(times) * 1000,
        "min_ms": min(times) * 1000,
        "max_ms": max(times) * 1000,
        "runs": len(times),
    }


def _reruns(at, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        at.run()
        out.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError([e.value for e in at.exception])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument(
        "--app", type=Path, default=ROOT / "app.py", help="the app.py (default: this checkout's)"
    )
    args = parser.parse_args(argv)
    from streamlit.testing.v1 import AppTest

    results: dict = {"pages": {}}
    hello = AppTest.from_file(str(ROOT / "bench" / "apps" / "hello.py"), default_timeout=TIMEOUT_S)
    hello.run()
    results["hello"] = _summary(_reruns(hello, args.reruns))
    at = AppTest.from_file(str(args.app.resolve()), default_timeout=TIMEOUT_S)
    at.run()
    for page, query in PAGES:
        at.switch_page(page)
        at.query_params.clear()
        at.query_params.update(query)
        at.run()
        at.run()  # the page's caches are filled: what follows is a warm rerun
        key = page + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        results["pages"][key] = _summary(_reruns(at, args.reruns))
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
