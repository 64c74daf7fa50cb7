"""Any link, however hostile, gives a page without an exception and a clean link (hypothesis).

Every page is opened with arbitrary query parameters: the dashboard's own keys and others, values of any
Unicode (superscript and other-script digits, control and bidi characters, Markdown, very long text),
repeated keys. The page must run without an exception, and the link it writes back must parse to the
same view with no notice (bad parameters are cleaned out of the URL).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from regions.pages import map as map_page
from regions.pages import view as state
from regions.policy import sectors

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["app_pages/map.py", "app_pages/region.py", "app_pages/compare.py", "app_pages/tables.py",
         "app_pages/address.py", "app_pages/sources.py", "app_pages/ranking.py"]  # fmt: skip

NASTY = st.sampled_from(
    ["²", "¹⁹", "٢٠٢٤", "２０２２", "2024", "2020", "KZ-35", "KZ-10,KZ-63", "ru", "kk", "strict", "grp",
     "[x](https://evil.example)", "![p](http://h/p.png)", "# Moved", "\u202egnp", "\x00", "a" * 3000,
     "metallurgy,unicorns", "both", "Almaty", "ВКО", "", " ",
     "change", "level", "2019", "2023", "abs", "pct", "pp", "idx", "log", "quantile", "linear", "capita",
     "km2", "share_manufacturing", "population", "grp_per_capita_computed", "grp_volume_index",
     "user:f.csv/a"]
)  # fmt: skip
VALUES = st.one_of(NASTY, st.text(max_size=30))
KEYS = st.one_of(st.sampled_from(state.PARAMS), st.text(min_size=1, max_size=12))
PARAMS = st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)), max_size=6)


def _years(layout: str) -> dict[str, list[int]]:
    from regions.geo import geography

    return map_page.indicator_years(layout, areas=geography.areas(layout))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(PAGES), params=PARAMS)
def test_any_link_runs_and_is_cleaned(page, params):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    written = {k: at.query_params[k] for k in at.query_params}
    flat = {k: v[-1] if isinstance(v, list) else v for k, v in written.items()}
    assert all(not isinstance(v, list) or len(v) == 1 for v in written.values()), written
    again = state.parse(flat, sectors.load_sectors(), _years)
    assert again.notices == (), (params, flat, again.notices)
    assert again.to_params() == flat
