"""One story everywhere: for every layout x lineage rule x language, each unit's roles and their basis are
the same on the map (colour and hover), the profile, the compare page, the regional table, each download
and ``python -m regions table``; and a unit's colour does not depend on the language.

The reference is :func:`regions.policy.roles.assignments`; every surface is read back the way a user gets it
(page text, exported file, command output), not through the function that built it.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from map_elements import unit_paths
from streamlit.testing.v1 import AppTest

from regions.base.i18n import LANGS, t
from regions.exports import table
from regions.geo import registry
from regions.pages import map as map_page
from regions.policy import roles
from regions.present import labels

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
CASES = list(itertools.product(("2022", "2020"), ("inherit", "strict")))
# Units whose story differs between the rules or layouts, and a few that do not.
PROFILED = {
    "2022": ["KZ-10", "KZ-33", "KZ-62", "KZ-63", "KZ-27", "KZ-75"],
    "2020": ["KZ-63", "KZ-35", "KZ-19", "KZ-15", "KZ-59", "KZ-71"],
}


def expected(layout: str, rule: str) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {u.iso_code: set() for u in registry.units(layout)}
    for a in roles.assignments(layout, rule):
        out[a.iso_code].add((a.role_id, a.basis))
    return out


def parse_role_basis(cell: object) -> set[tuple[str, str]]:
    """``metallurgy_hightech:lineage;russia_border:rule`` -> {(role, basis), ...}."""
    if not isinstance(cell, str) or not cell:
        return set()
    return {tuple(part.split(":", 1)) for part in cell.split(";")}  # type: ignore[misc]


def label_pairs(text: str, lang: str) -> set[tuple[str, str]]:
    """Find every "<role label> (<basis label>)" of ``lang`` in ``text``."""
    found = set()
    for role in roles.load_roles():
        for basis in roles.BASES:
            for name in (labels.role_names(lang)[role.id], labels.role_short_names(lang)[role.id]):
                if f"{name} ({labels.basis_label(basis, lang)})" in text:
                    found.add((role.id, basis))
    return found


# --------------------------------------------------------------------------------------------------
# Reference sanity: the cases differ where they should (else the test below could not fail)


def test_the_rules_differ_on_the_split_units():
    inherit, strict = expected("2022", "inherit"), expected("2022", "strict")
    for code in ("KZ-10", "KZ-62"):
        assert any(b == "lineage" for _, b in inherit[code])
        assert not any(b == "lineage" for _, b in strict[code])
    assert not any(b == "lineage" for pairs in expected("2020", "inherit").values() for _, b in pairs)


# --------------------------------------------------------------------------------------------------
# The map: hover text and colour


@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_map_hover_and_category_tell_the_roles(layout, rule):
    want = expected(layout, rule)
    colours: dict[str, set[str]] = {}
    for lang in LANGS:
        model = map_page.map_model(layout, lang, "roles", None, rule)
        colour_of = {c.key: c.colour for c in model.categories}
        for unit in model.units:
            assert label_pairs(unit.hover, lang) == want[unit.iso_code], (lang, unit.iso_code)
            assert set(filter(None, unit.category.split("+"))) == {r for r, _ in want[unit.iso_code]}
            colours.setdefault(unit.iso_code, set()).add(colour_of[unit.category])
    # One colour per unit, whatever the language.
    assert all(len(c) == 1 for c in colours.values()), colours


def _unit_colours(at) -> dict[str, str]:
    """The fill colour of every unit on a categorical map, read from the SVG map the page sends."""
    return {code: p.get("fill") for code, p in unit_paths(at).items()}


@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_drawn_colours_identical_in_every_language(layout, rule):
    drawn = {}
    for lang in LANGS:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params.update({"lang": lang, "layout": layout, "lineage": rule})
        at.run()
        assert not at.exception
        drawn[lang] = _unit_colours(at)
    assert len(drawn["en"]) == len(registry.units(layout))
    assert drawn["en"] == drawn["ru"] == drawn["kk"]


# --------------------------------------------------------------------------------------------------
# Profile and compare pages, as rendered


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_profile_tells_the_roles(layout, rule, lang):
    want = expected(layout, rule)
    for code in PROFILED[layout]:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params.update({"lang": lang, "layout": layout, "lineage": rule, "region": code})
        at.switch_page("app_pages/region.py")
        at.run()
        assert not at.exception
        subheaders = {s.value for s in at.subheader}
        shown_roles = {r.id for r in roles.load_roles() if r.name[lang] in subheaders}
        prefix = f"**{t('basis', lang)}:** "
        shown_bases = sorted(m.value[len(prefix) :] for m in at.markdown if str(m.value).startswith(prefix))
        # One role card per role: its name as a subheader, its basis right below.
        assert shown_roles == {r for r, _ in want[code]}, code
        assert shown_bases == sorted(labels.basis_label(b, lang) for _, b in want[code]), code


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_compare_tells_the_roles(layout, rule, lang):
    want = expected(layout, rule)
    codes = PROFILED[layout]
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": lang, "layout": layout, "lineage": rule, "regions": ",".join(codes)})
    at.switch_page("app_pages/compare.py")
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    row = frame.loc[t("roles_header", lang)]
    for code in codes:
        assert label_pairs(str(row[registry.name(code, lang)]), lang) == want[code], code


# --------------------------------------------------------------------------------------------------
# The table, its downloads and the command line


@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_table_and_downloads_tell_the_roles(layout, rule):
    want = expected(layout, rule)
    df = table.regional_table(layout, lineage_rule=rule)
    csv = pd.read_csv(io.BytesIO(table.export(df, "csv", layout)), dtype=str)
    xlsx = pd.read_excel(io.BytesIO(table.export(df, "xlsx", layout)), sheet_name="regions", dtype=str)
    geo = json.loads(table.export(df, "geojson", layout))
    for source, got in (
        ("csv", dict(zip(csv["iso_code"], csv["role_basis"], strict=True))),
        ("xlsx", dict(zip(xlsx["iso_code"], xlsx["role_basis"], strict=True))),
        ("geojson", {f["id"]: f["properties"]["role_basis"] for f in geo["features"]}),
    ):
        assert {c: parse_role_basis(v) for c, v in got.items()} == want, source


@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_command_line_tells_the_roles(layout, rule, tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "regions", "table", "--layout", layout, "--lineage-rule", rule],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr.decode()
    out = pd.read_csv(io.BytesIO(res.stdout), dtype=str)
    got = {c: parse_role_basis(v) for c, v in zip(out["iso_code"], out["role_basis"], strict=True)}
    assert got == expected(layout, rule)


@pytest.mark.parametrize(("layout", "rule"), CASES)
def test_delivery_command_tells_the_roles(layout, rule, tmp_path):
    # python -m regions delivery groups each role's units exactly as the map, profile and table do.
    res = subprocess.run(
        [sys.executable, "-m", "regions", "delivery", "--layout", layout, "--lineage-rule", rule],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr.decode()
    got: dict[str, set[tuple[str, str]]] = {u.iso_code: set() for u in registry.units(layout)}
    for role in json.loads(res.stdout)["roles"]:
        for unit in role["units"]:
            got[unit["iso_code"]].add((role["role"], unit["basis"]))
        # The rest is every other unit of the layout.
        assert set(role["rest_units"]) == set(got) - {u["iso_code"] for u in role["units"]}
    assert got == expected(layout, rule)
