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
TIMEOUT_S = 240
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
    assert {"indicator", "language"} <= set(results["interactions"])
    assert "app_pages/map.py" in results["apptest"]["pages"]
    assert [r["target"] for r in results["targets"]][:1] == ["map painted ≤ 1.3× hello"]
    assert len(results["targets"]) == 7
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("# Benchmark results")
