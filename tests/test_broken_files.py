"""Broken data files: the command line exits 1 with one line naming the file (and row and column where
there is one), and the app shows its own error page with the same message, never a traceback.

Each case corrupts a copy of ``data/`` in a temporary data root. Content corruptions are re-stamped
(``regions.base.store.stamp``), as a deliberate but wrong edit would be, so that the check of the content itself
answers; an edit left unstamped is caught by the checksum (last tests).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regions.base import store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def _json_edit(name: str, edit: Callable[[object], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / name
        doc = json.loads(path.read_text(encoding="utf-8"))
        edit(doc)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    return apply


def _line_edit(name: str, edit: Callable[[list[str]], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / name
        lines = path.read_text(encoding="utf-8").splitlines()
        edit(lines)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return apply


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / name).write_bytes(data)


def _remove(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


def _set(lines: list[str], index: int, line: str) -> None:
    lines[index] = line


def _field(index: int, col: int, value: str) -> Callable[[list[str]], None]:
    def edit(lines: list[str]) -> None:
        parts = lines[index].split(",")
        parts[col] = value
        lines[index] = ",".join(parts)

    return edit


def _dup_first_row(lines: list[str]) -> None:
    lines.append(lines[1])


def _drop_column(col: int) -> Callable[[list[str]], None]:
    def edit(lines: list[str]) -> None:
        lines[:] = [",".join(f for i, f in enumerate(line.split(",")) if i != col) for line in lines]

    return edit


def _first_ring_open(doc) -> None:
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    if doc["features"][0]["geometry"]["type"] == "MultiPolygon":
        ring = ring[0]
    ring[-1] = [ring[-1][0] + 1.0, ring[-1][1], 0.0]


CP1251 = "iso_code,territory,indicator,year,value\nКЗ-11,2022,grp,2024,1\n".encode("cp1251")

# (case id, corruption, command-line arguments or None, page to open, words the message must contain)
CASES = [
    ("registry-missing", _remove("registry.json"), ["table"], None, ["registry.json", "missing"]),
    ("registry-empty", _write("registry.json", b""), ["table"], None, ["registry.json", "empty"]),
    ("registry-not-json", _write("registry.json", b"[{"), ["table"], None, ["registry.json", "not valid JSON", "row 1"]),
    ("registry-field", _json_edit("registry.json", lambda d: d[3].pop("kato")), ["table"], None, ["registry.json", "KZ-19", "kato"]),
    ("lineage-unknown-code", _line_edit("lineage.csv", lambda ls: _set(ls, 1, "KZ-98,KZ-11,unchanged,,,")), ["table"], None, ["lineage.csv", "row 2", "column code_2020", "KZ-98"]),
    ("lineage-missing-column", _line_edit("lineage.csv", _drop_column(2)), ["table"], None, ["lineage.csv", "row 1", "relation"]),
    ("lineage-duplicate", _line_edit("lineage.csv", _dup_first_row), ["table"], None, ["lineage.csv", "KZ-11", "already listed"]),
    ("sectors-not-json", _write("sectors.json", b"{oops"), ["table"], None, ["sectors.json", "not valid JSON"]),
    ("sectors-field", _json_edit("sectors.json", lambda d: d[0]["name"].pop("kk")), ["table"], None, ["sectors.json", "sector", "name", "kk"]),
    ("statistics-encoding", _write("statistics.csv", CP1251), ["table"], None, ["statistics.csv", "not UTF-8"]),
    ("statistics-extra-field", _line_edit("statistics.csv", lambda ls: _set(ls, 5, ls[5].rsplit(",", 1)[0] + ",12,3")), ["table"], None, ["statistics.csv", "row 6", "expected 5 fields"]),
    ("statistics-value", _line_edit("statistics.csv", _field(5, 4, "n/a")), ["table"], None, ["statistics.csv", "row 6", "column value", "n/a"]),
    ("statistics-unknown-region", _line_edit("statistics.csv", lambda ls: _set(ls, 3, "KZ-99" + ls[3][5:])), ["table"], None, ["statistics.csv", "row 4", "column iso_code", "KZ-99"]),
    ("statistics-duplicate", _line_edit("statistics.csv", _dup_first_row), ["table"], None, ["statistics.csv", "duplicate of row 2"]),
    ("indicators-field", _json_edit("indicators.json", lambda d: d[1].pop("unit")), ["table"], None, ["indicators.json", "indicator", "unit"]),
    ("indicators-flag-kind", _json_edit("indicators.json", lambda d: d[1]["flags"][0].update(kind="provisional")), ["table"], None, ["indicators.json", "indicator 'grp'", "flags/0/kind", "provisional"]),
    ("indicators-flag-year", _json_edit("indicators.json", lambda d: d[1]["flags"][0].update(years=[2014])), ["table"], None, ["indicators.json", "indicator 'grp'", "flags/0/years", "2014"]),
    ("roles-quote", _json_edit("roles.json", lambda d: d[0]["quotes"][0].update(text="Never said in the address at all.")), ["table"], None, ["roles.json", "metallurgy_hightech", "quotes/0", "verbatim"]),
    ("roles-unknown-region", _json_edit("roles.json", lambda d: d[0]["assignment"]["units_2020"].append("KZ-10")), ["table"], None, ["roles.json", "units_2020", "KZ-10"]),
    ("i18n-not-json", _write("i18n.json", b'{"page_map": '), ["table"], None, ["i18n.json", "not valid JSON"]),
    ("i18n-language", _json_edit("i18n.json", lambda d: d["map_title"].pop("ru")), ["table"], None, ["i18n.json", "map_title", "ru"]),
    ("boundaries-geometry", _json_edit("boundaries_2022.geojson", _first_ring_open), ["table", "--format", "geojson"], "app_pages/tables.py", ["boundaries_2022.geojson", "KZ-10", "geometry", "not closed"]),
    ("boundaries-unknown-region", _json_edit("boundaries_2022.geojson", lambda d: d["features"][1].update(id="KZ-98")), ["table", "--format", "geojson"], "app_pages/tables.py", ["boundaries_2022.geojson", "KZ-98"]),
    ("geography-not-a-number", _line_edit("geography_2022.csv", _field(2, 1, "lots")), ["table"], None, ["geography_2022.csv", "row 3", "column area_km2", "lots"]),
    ("geography-duplicate", _line_edit("geography_2022.csv", _dup_first_row), ["table"], None, ["geography_2022.csv", "KZ-10", "twice"]),
    ("targets-indicator", _json_edit("targets.json", lambda d: d[0]["indicator"].update(id="happiness")), None, "app_pages/address.py", ["targets.json", "happiness"]),
    ("excerpt-missing", _remove("sources/address-2020-excerpt.txt"), ["table"], None, ["address-2020-excerpt.txt", "missing"]),
    ("enterprises-status", _line_edit("enterprises.csv", lambda ls: _set(ls, 1, ",".join([*ls[1].rsplit(",", 2)[:1], "rumoured", ls[1].rsplit(",", 1)[1]]))), None, "app_pages/region.py", ["enterprises.csv", "row 2", "column status", "rumoured"]),
    ("metadata-missing", _remove("statistics.csv.meta.json"), ["table", "--format", "xlsx", "-o", "t.xlsx"], None, ["statistics.csv", "metadata file missing"]),
    ("metadata-field", _json_edit("registry.json.meta.json", lambda d: d.pop("licence")), ["table", "--format", "xlsx", "-o", "t.xlsx"], None, ["registry.json.meta.json", "licence"]),
    ("metadata-not-json", _write("roles.json.meta.json", b"{"), ["table"], None, ["roles.json.meta.json", "not valid JSON"]),
    # Interface strings: a key the code uses deleted, a placeholder broken in one language (both re-stamped).
    ("i18n-key-deleted", _json_edit("i18n.json", lambda d: d.pop("map_title")), None, None, ["i18n.json", "map_title", "missing string"]),
    ("i18n-placeholder", _json_edit("i18n.json", lambda d: d["accessed"].update(ru=d["accessed"]["ru"] + " {year")), None, None, ["i18n.json", "accessed", "ru"]),
    ("i18n-placeholder-differs", _json_edit("i18n.json", lambda d: d["filter_matches"].update(kk="{n}")), None, None, ["i18n.json", "filter_matches", "placeholders differ"]),
]  # fmt: skip


def broken_root(tmp_path: Path, corrupt: Callable[[Path], None]) -> Path:
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    corrupt(root)
    # A deliberate edit (its metadata re-stamped), so that the content check itself is what answers.
    # Files that do not even parse cannot be stamped: their parse error answers first.
    with contextlib.suppress(ValueError, OSError):
        store.stamp(root)
    return root


def run_cli(args: list[str], root: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KZ_DATA_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "regions", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def app_error(root: Path, page: str | None) -> str:
    """The app's error page text for data root ``root`` (an exception element fails the test)."""
    import streamlit as st

    st.cache_data.clear()
    with store.use_root(root):
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["region"] = "KZ-35"
        at.run()
        if page:
            at.switch_page(page)
            at.run()
    st.cache_data.clear()
    assert not at.exception, [e.value for e in at.exception]
    return "\n".join(e.value for e in at.error).replace("\\", "")


@pytest.mark.parametrize(("case", "corrupt", "args", "page", "words"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_named_by_the_cli_and_the_app(tmp_path, case, corrupt, args, page, words):
    root = broken_root(tmp_path, corrupt)
    if args is not None:
        res = run_cli(args, root, tmp_path)
        lines = [line for line in res.stderr.splitlines() if line.strip()]
        assert res.returncode == 1, (res.returncode, res.stderr)
        assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
        for word in words:
            assert word in lines[0], (word, lines[0])
        assert str(tmp_path) not in lines[0]  # the file by its name, not a server path
    shown = app_error(root, page)
    for word in words:
        assert word in shown, (word, shown)
    assert str(tmp_path) not in shown


def test_a_missing_browser_file_of_the_map_is_named(tmp_path, monkeypatch):
    from regions.geo import webfiles

    static = tmp_path / "static"
    shutil.copytree(ROOT / "static", static)
    (static / "region" / "world_50m.json").unlink()
    monkeypatch.setattr(webfiles, "STATIC", static)
    shown = app_error(ROOT / "data", None)
    assert "static/region/world_50m.json" in shown and "missing" in shown, shown


def test_an_unstamped_edit_is_caught_by_the_checksum(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    path = root / "statistics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",4023.3\n", ",402\n", 1), encoding="utf-8")
    res = run_cli(["table"], root, tmp_path)
    assert res.returncode == 1 and "statistics.csv" in res.stderr and "SHA-256" in res.stderr, res.stderr
    assert "SHA-256" in app_error(root, None)


def test_a_truncated_file_is_caught_by_its_row_count(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    path = root / "statistics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    res = run_cli(["table"], root, tmp_path)
    assert res.returncode == 1 and "records, its metadata says" in res.stderr, res.stderr
