"""The profile's one GRP-per-capita row: BNS's official figure where published, else GRP / population,
said so, and ranked among the figures of the kind shown (recomputed here from data/statistics.csv)."""

from __future__ import annotations

import json

import pytest
from stored_figures import stored

from regions.base.paths import DATA
from regions.pages import profile

S = stored()
I18N = json.loads((DATA / "i18n.json").read_text(encoding="utf-8"))
UNITS = [c for c, t, i, y in S if t == "2022" and i == "grp" and y == 2025 and c != "KZ"]


def row(code: str, lang: str, year: int | None = None) -> dict:
    rows = profile.profile_indicators(code, "2022", lang, year)
    label = I18N["profile_grp_per_capita"][lang]
    hits = rows[rows.iloc[:, 0] == label]
    assert len(hits) == 1  # one row, never two
    names = json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))
    two = {i["name"][lang] for i in names if i["id"] in ("grp_per_capita", "grp_per_capita_computed")}
    assert not two & set(rows.iloc[:, 0])
    return hits.iloc[0].to_dict()


def rank_of(code: str, values: dict[str, float]) -> int:
    return 1 + sum(1 for v in values.values() if v > values[code])


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_latest_year_shows_the_computed_figure_with_its_note_and_rank(lang) -> None:
    # 2025: BNS published no official GRP per capita; 2024 it did.
    assert ("KZ-11", "2022", "grp_per_capita", 2025) not in S and (
        "KZ-11",
        "2022",
        "grp_per_capita",
        2024,
    ) in S
    r = list(row("KZ-11", lang).values())
    assert r[1] == 2025
    computed = {c: S[(c, "2022", "grp", 2025)] / S[(c, "2022", "population", 2025)] * 1000 for c in UNITS}
    assert r[4] == f"{rank_of('KZ-11', computed)} / 20"
    assert r[5] == I18N["profile_grp_per_capita_computed"][lang].format(year=2025)


def test_a_year_with_the_official_figure_shows_it_and_ranks_it() -> None:
    r = list(row("KZ-11", "en", 2024).values())
    assert r[1] == 2024
    official = {
        c: S[(c, "2022", "grp_per_capita", 2024)] for c in UNITS if (c, "2022", "grp_per_capita", 2024) in S
    }
    assert r[2].startswith(f"{official['KZ-11']:,.1f}")
    assert r[4] == f"{rank_of('KZ-11', official)} / 20"
    assert r[5] == I18N["stat_basis_reported"]["en"]
