"""Query parameters to view state: valid values restore the view, invalid ones fall back with a notice."""

import pytest

from regions import state

SECTORS = {"petrochemicals": {}, "mining": {}, "metallurgy": {}}
YEARS = {"grp": [2019, 2020, 2024], "population": [2019, 2025]}


def parse(params):
    return state.parse(params, SECTORS, YEARS)


def test_empty_params_give_default_view():
    v = parse({})
    assert v == state.ViewState()
    assert v.notices == ()


def test_full_deep_link_restores_every_part():
    v = parse(
        {
            "lang": "kk",
            "layout": "2020",
            "region": "KZ-35",
            "sector": "mining,metallurgy",
            "mode": "both",
            "indicator": "grp",
            "year": "2020",
        }
    )
    assert (v.lang, v.layout, v.region, v.sectors, v.mode, v.indicator, v.year) == (
        "kk",
        "2020",
        "KZ-35",
        ("mining", "metallurgy"),
        "both",
        "grp",
        2020,
    )
    assert v.notices == ()


def test_region_accepts_names_and_aliases():
    assert parse({"region": "ВКО"}).region == "KZ-63"
    assert parse({"region": "kz-75"}).region == "KZ-75"


@pytest.mark.parametrize(
    ("params", "bad_param"),
    [
        ({"lang": "de"}, "lang"),
        ({"layout": "1999"}, "layout"),
        ({"region": "Atlantis"}, "region"),
        ({"region": "Almaty"}, "region"),  # ambiguous: city or region
        ({"layout": "2020", "region": "Abai"}, "region"),  # did not exist in 2020
        ({"sector": "unicorns"}, "sector"),
        ({"mode": "sometimes"}, "mode"),
        ({"indicator": "happiness"}, "indicator"),
        ({"indicator": "grp", "year": "1850"}, "year"),
        ({"indicator": "grp", "year": "<script>"}, "year"),
        ({"year": "2024"}, "year"),  # a year without an indicator
    ],
)
def test_invalid_value_falls_back_with_a_notice(params, bad_param):
    v = parse(params)
    assert [n.param for n in v.notices] == [bad_param]
    default = state.ViewState()
    assert (
        getattr(v, {"sector": "sectors"}.get(bad_param, bad_param))
        == getattr(default, {"sector": "sectors"}.get(bad_param, bad_param))
        or bad_param == "year"
    )


def test_partly_valid_sector_list_keeps_the_valid_ones():
    v = parse({"sector": "mining,unicorns,mining"})
    assert v.sectors == ("mining",)
    assert [(n.param, n.value) for n in v.notices] == [("sector", "unicorns")]


def test_indicator_without_year_takes_latest():
    assert parse({"indicator": "population"}).year == 2025


def test_list_values_use_the_last():
    assert parse({"lang": ["en", "ru"]}).lang == "ru"


def test_round_trip_through_params():
    v = parse(
        {
            "lang": "ru",
            "layout": "2020",
            "region": "KZ-55",
            "sector": "mining",
            "mode": "measured",
            "indicator": "grp",
            "year": "2019",
        }
    )
    assert parse(v.to_params()) == v


def test_default_view_has_empty_params():
    assert state.ViewState().to_params() == {}
