import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import json  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

SYNTHETIC = ROOT / "tests" / "synthetic"


@pytest.fixture
def synthetic_root(tmp_path):
    """A data root holding the project's data files with ``tests/synthetic/`` laid over them.

    Algorithm tests run on it (through ``regions.base.store.use_root``), so that their expected values are
    round numbers written by hand and do not change when BNS publishes a new year.
    """
    from regions.base import store

    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    for path in SYNTHETIC.iterdir():
        shutil.copy(path, root / path.name)
    # The synthetic figures cover other years than the real ones, so the real flags (2025 preliminary,
    # the 2022 population break) would name years without figures, which loading refuses.
    catalogue = root / "indicators.json"
    indicators = json.loads(catalogue.read_text(encoding="utf-8"))
    for indicator in indicators:
        indicator.pop("flags", None)
    catalogue.write_text(json.dumps(indicators, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    store.stamp(root)
    with store.use_root(root):
        yield root


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's Chromium for the browser tests: skip without it, fail instead under KZ_REQUIRE_BROWSER=1."""
    import os

    from bench.browser import find_chromium

    path = find_chromium()
    if path is None:
        if os.environ.get("KZ_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium required (KZ_REQUIRE_BROWSER=1) but not found")
        pytest.skip("Chromium not found (/usr/bin/chromium or chromium on PATH)")
    return path
