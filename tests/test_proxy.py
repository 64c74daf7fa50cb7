"""More than one server (issue 19, item 6): nginx in front of two replicas, one killed mid-run.

Runs ``python -m bench.proxy`` (20 sessions for 20 s, one replica killed with SIGKILL after 8 s, on
127.0.0.1 only; 40-60 s) and checks its report: no failed request through nginx, every session the
dead replica held back on the other one with the same view, nginx serving the static files itself
(gzipped, cache headers, the bytes on disk), sticky routing by cookie, and the notice for a link that
names an upload the session does not hold. ``python -m bench.proxy --sessions 50 --write-md`` is the
50-session run (bench/load.md). Skips without nginx unless ``KZ_REQUIRE_NGINX=1`` (CI installs it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.proxy import nginx_binary

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.proxy, pytest.mark.server]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    if nginx_binary() is None:
        if os.environ.get("KZ_REQUIRE_NGINX") == "1":
            pytest.fail("nginx required (KZ_REQUIRE_NGINX=1) but not found")
        pytest.skip("nginx not found (Debian: apt-get install nginx)")
    out = tmp_path_factory.mktemp("proxy") / "proxy_20.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.proxy", "--sessions", "20", "--seconds", "20", "--kill-after", "8",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_no_failed_request_through_nginx(report):
    assert report["errors"] == 0, (report["error_kinds"], report.get("logs"))
    assert report["survivor_tracebacks"] == 0


def test_every_session_of_the_dead_replica_is_back_on_the_other_with_its_view(report):
    keys = ("sessions_per_replica_before", "sessions_cut", "reconnected", "moved_to_survivor", "view_back",
            "first_view_cut", "view_not_back", "reconnect_s", "error_kinds")  # fmt: skip
    summary = {k: report[k] for k in keys}
    held = report["sessions_per_replica_before"]
    assert len(held) == 2 and all(n > 0 for n in held.values()), summary  # sessions spread over both
    assert report["sessions_cut"] >= 1, summary
    assert report["reconnected"] == report["sessions_cut"], summary
    assert report["moved_to_survivor"] == report["sessions_cut"], summary
    # The kill waits until every first view is drawn, so every session cut has a view to come back to.
    assert report["view_back"] == report["sessions_cut"], summary
    assert report["view_not_back"] == [], summary
    assert report["reconnect_s"]["max"] < 30, summary


def test_nginx_serves_static_files_compressed_and_cached(report):
    app, asset = report["static"]["app file"], report["static"]["streamlit asset"]
    for check in (app, asset):
        assert check["status"] == 200 and check["same_as_file"], check
        assert check["content_encoding"] == "gzip" and check["bytes_sent"] < check["bytes_on_disk"] / 2, check
        assert not check["from_a_replica"], check
    assert "max-age=86400" in app["cache_control"]
    assert "immutable" in asset["cache_control"] and "max-age=31536000" in asset["cache_control"]


def test_the_routing_cookie_pins_a_browser_to_one_replica(report):
    sticky = report["sticky"]
    assert sticky["cookie_set"]
    assert len(sticky["replicas_with_the_cookie"]) == 1, sticky
    assert len(sticky["replicas_without_cookies"]) == 2, sticky  # without it, requests spread


def test_a_link_naming_a_lost_upload_says_so(report):
    assert report["upload_notice_shown"]
