"""``python -m bench --quick`` runs end to end: servers up, browser measurements, results written.

Drives Debian's Chromium: skips without it, unless ``KZ_REQUIRE_BROWSER=1`` makes that a failure. The
benchmark's numbers are not asserted (the machine may be shared); only that it ran and reported them.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 360  # about 3 min on a busy shared 2-core machine
KEYS = {
    "meta",
    "runs",
    "static_files",
    "figures",
    "first_view",
    "interactions",
    "variant_interactions",
    "foreign_requests",
    "rss",
    "apptest",
    "targets",
}


def test_bench_quick_writes_results(chromium, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert set(results) >= KEYS, sorted(KEYS - set(results))
    assert results["foreign_requests"] == []
    assert {"hello", "app", "naive", "variant:proof"} <= set(results["first_view"])
    for name, m in results["first_view"].items():
        assert m["ready_ms"]["median"] > 0, name
        assert m["ws_bytes"]["median"] > 0, name
    assert {"indicator", "year", "language", "layout", "change mode", "sector filter"} <= set(
        results["interactions"]
    )
    for m in results["interactions"].values():
        assert m["ws_bytes"]["median"] > 0 and m["input_to_repaint_ms"]["median"] > 0
    # Every page's first view, with as many content elements as the page ends up with.
    assert {"page:region", "page:compare", "page:ranking", "page:delivery", "page:tables"} <= set(
        results["first_view"]
    )
    assert all(n and n > 0 for n in results["content_counts"].values()), results["content_counts"]
    delivery = results["page_interactions"]["page:delivery"]["language"]
    assert delivery["ws_bytes"]["median"] > 0 and delivery["input_to_settled_ms"]["median"] > 0
    # AppTest reruns time pages with a real view.
    pages = results["apptest"]["pages"]
    assert {"app_pages/map.py", "app_pages/region.py?region=KZ-35", "app_pages/compare.py?regions=KZ-35,KZ-55",
            "app_pages/delivery.py"} <= set(pages)  # fmt: skip
    # The summary printed names every page and interaction.
    for line in ("/region?region=KZ-35", "/delivery", "map: sector filter", "delivery: language"):
        assert line in proc.stdout, proc.stdout
    assert [r["target"] for r in results["targets"]][:1] == ["map painted ≤ 1.3× hello"]
    assert len(results["targets"]) == 7
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("# Benchmark results")
