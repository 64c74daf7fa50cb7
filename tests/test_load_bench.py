"""``bench/load.py --quick`` runs end to end: it starts its own server on 127.0.0.1, drives 5 sessions over
the websocket for 5 s, stops the server and writes its report. Bounded by a 120 s subprocess timeout."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Starts its own `streamlit run` on 127.0.0.1: select or skip with -m server / -m 'not server'.
pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent

LEVEL_KEYS = {
    "sessions",
    "seconds",
    "requests",
    "link_loads",
    "page_switches",
    "distinct_links",
    "requests_per_session_min",
    "errors",
    "error_kinds",
    "response_ms",
    "by_page",
    "rss_mb",
    "rss_per_session_mb",
    "idle_probe",
    "server_cpu_percent",
}


def test_load_bench_quick(tmp_path):
    out_json, out_md = tmp_path / "load.json", tmp_path / "load.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "load.py"),
            "--quick",
            "--json",
            str(out_json),
            "--md",
            str(out_md),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert {"date", "command", "machine", "settings", "levels"} <= report.keys()
    assert {"nproc", "memory_gib", "python", "streamlit"} <= report["machine"].keys()
    [level] = report["levels"]
    assert level.keys() >= LEVEL_KEYS
    assert level["sessions"] == 5
    assert level["requests_per_session_min"] >= 1
    assert level["requests"] >= level["sessions"]
    assert {"median", "p95"} <= level["response_ms"].keys()
    assert {"before", "peak", "after"} <= level["rss_mb"].keys()
    assert level["rss_mb"]["before"] > 0
    assert "| sessions |" in out_md.read_text(encoding="utf-8")
