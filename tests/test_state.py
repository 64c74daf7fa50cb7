"""Query parameters to view state: valid values restore the view, invalid ones fall back with a notice."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from regions.pages import view as state

ROOT = Path(__file__).resolve().parent.parent

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


# --------------------------------------------------------------------------------------------------
# Lineage rule, compare selection, hostile values


def test_lineage_and_compare_selection_round_trip():
    v = parse({"lineage": "strict", "regions": "KZ-35, Pavlodar Region ,KZ-35,ВКО"})
    assert v.lineage == "strict"
    assert v.regions == ("KZ-35", "KZ-55", "KZ-63")  # names resolved, duplicates dropped, order kept
    assert v.to_params() == {"lineage": "strict", "regions": "KZ-35,KZ-55,KZ-63"}
    assert parse(v.to_params()) == v


def test_compare_selection_keeps_six_and_says_so():
    codes = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31"]
    v = parse({"regions": ",".join(codes)})
    assert v.regions == tuple(codes[:6])
    assert [(n.param, n.reason) for n in v.notices] == [("regions", "reason_too_many")]


def test_layout_change_maps_split_off_regions_to_their_2020_unit():
    v = state.ViewState(region="KZ-10", regions=("KZ-10", "KZ-63", "KZ-62")).with_layout("2020")
    assert v.region == "KZ-63" and v.regions == ("KZ-63", "KZ-35")


@pytest.mark.parametrize("year", ["²", "¹⁹", "２０２４", "٢٠٢٤", "2024\x00", " 20 24", "2e3", "-2024"])
def test_year_accepts_ascii_digits_only(year):
    v = parse({"indicator": "grp", "year": year})
    assert v.year == 2024  # the latest, with a notice
    assert [n.param for n in v.notices] == ["year"]


def test_repeated_and_unknown_keys_are_named():
    v = parse({"lang": ["kk", "ru"], "utm_source": "x"})
    assert v.lang == "ru"
    assert {(n.param, n.reason) for n in v.notices} == {
        ("lang", "reason_repeated"),
        ("utm_source", "reason_unknown_param"),
    }


def test_notice_values_are_short_plain_excerpts():
    v = parse({"region": "[Log in](https://evil.example/phish)\u202e" + "x" * 10_000})
    (notice,) = v.notices
    assert len(notice.value) <= 40 and "\u202e" not in notice.value


def test_every_notice_reason_is_a_string_of_the_interface():
    from regions.base.i18n import load_strings

    reasons = set(re.findall(r'"(reason_\w+)"', (ROOT / "regions" / "pages" / "view.py").read_text(encoding="utf-8")))
    assert len(reasons) >= 8
    assert reasons <= set(load_strings()), sorted(reasons - set(load_strings()))


# --------------------------------------------------------------------------------------------------
# Time and colour: show, from, how, scale, per, x, y

TIME_YEARS = {"grp": [2019, 2020, 2024], "share_manufacturing": [2019, 2024], "population": [2019, 2025],
              "gva_C": [2024], "grp_volume_index": [2019, 2020, 2024]}  # fmt: skip


def tparse(params):
    return state.parse(params, SECTORS, TIME_YEARS)


def test_change_mode_defaults_to_2019_and_the_indicators_measure():
    v = tparse({"indicator": "grp", "show": "change"})
    assert (v.show, v.base, v.year, v.how) == ("change", 2019, 2024, None)
    assert v.notices == ()
    assert v.to_params() == {"indicator": "grp", "year": "2024", "show": "change", "from": "2019"}


def test_full_time_link_round_trips():
    params = {"indicator": "grp", "year": "2024", "show": "change", "from": "2019",
              "how": "abs", "scale": "quantile", "x": "grp", "y": "share_manufacturing"}  # fmt: skip
    v = tparse(params)
    assert v.notices == ()
    assert (v.how, v.scale, v.x, v.y) == ("abs", "quantile", "grp", "share_manufacturing")
    assert v.to_params() == params
    assert tparse(v.to_params()) == v


@pytest.mark.parametrize("how", ["idx", "pct"])
def test_a_volume_index_changes_as_a_chained_index_or_real_percent(how):
    v = tparse({"indicator": "grp_volume_index", "show": "change", "from": "2019", "how": how})
    assert (v.show, v.base, v.how, v.notices) == ("change", 2019, how, ())
    assert tparse(v.to_params()) == v
    # Another indicator keeps a how it allows and drops one it does not.
    assert state.refit(replace(v, indicator="grp"), TIME_YEARS).how == ("pct" if how == "pct" else None)


def test_per_capita_round_trips_for_an_additive_indicator():
    v = tparse({"indicator": "grp", "per": "capita", "scale": "log"})
    assert (v.per, v.scale, v.notices) == ("capita", "log", ())
    assert tparse(v.to_params()) == v


@pytest.mark.parametrize(
    ("params", "bad_param", "reason"),
    [
        ({"show": "change"}, "show", "reason_needs_indicator"),  # a roles map has no change
        ({"indicator": "grp", "show": "sometimes"}, "show", "reason_not_one_of"),
        ({"indicator": "gva_C", "show": "change"}, "show", "reason_change_needs_two_years"),
        ({"indicator": "grp", "show": "change", "from": "2024"}, "from", "reason_base_year"),  # not before
        ({"indicator": "grp", "show": "change", "from": "2010"}, "from", "reason_base_year"),
        ({"indicator": "grp", "show": "change", "from": "²⁰¹⁹"}, "from", "reason_base_year"),
        ({"indicator": "grp", "from": "2019"}, "from", "reason_needs_change"),
        ({"indicator": "grp", "how": "pct"}, "how", "reason_needs_change"),
        ({"indicator": "grp", "show": "change", "how": "pp"}, "how", "reason_not_one_of"),  # not a share
        ({"indicator": "grp", "show": "change", "how": "idx"}, "how", "reason_not_one_of"),  # not an index
        # A share changes in points only; a volume index has no absolute change.
        ({"indicator": "share_manufacturing", "show": "change", "how": "pct"}, "how", "reason_not_one_of"),
        ({"indicator": "grp_volume_index", "show": "change", "how": "abs"}, "how", "reason_not_one_of"),
        ({"indicator": "grp_volume_index", "per": "capita"}, "per", "reason_per_not_additive"),
        ({"indicator": "grp", "scale": "cubic"}, "scale", "reason_not_one_of"),
        ({"scale": "log"}, "scale", "reason_needs_indicator"),
        ({"indicator": "share_manufacturing", "per": "capita"}, "per", "reason_per_not_additive"),
        ({"indicator": "population", "per": "capita"}, "per", "reason_per_not_additive"),
        ({"indicator": "grp", "per": "head"}, "per", "reason_not_one_of"),
        ({"x": "happiness"}, "x", "reason_unknown_indicator"),
        # A scatter axis may be the user's column, but only one this session uploaded: else it is missing.
        ({"y": "user:f.csv/a"}, "y", "reason_user_data_missing"),
    ],
)
def test_bad_time_values_fall_back_with_a_notice(params, bad_param, reason):
    v = tparse(params)
    assert [(n.param, n.reason) for n in v.notices] == [(bad_param, reason)]
    if bad_param == "how":
        assert v.how is None
    if bad_param == "from":
        assert v.base in (None, 2019)
    if bad_param in ("show", "from"):
        assert v.show == ("change" if bad_param == "from" and "show" in params else "level")
    if bad_param == "per":
        assert v.per == "none"
    if bad_param == "scale":
        assert v.scale == state.ViewState().scale == "auto"
    # The link written back is clean: it parses with no notice to the same view.
    again = tparse(v.to_params())
    assert again.notices == () and again == v


def test_refit_keeps_a_parsed_view_and_repairs_a_changed_one():
    v = tparse({"indicator": "grp", "show": "change", "from": "2020", "per": "km2"})
    assert state.refit(v, TIME_YEARS) == v
    # Another indicator: km² does not apply to a share; the base year it lacks (2020) becomes 2019.
    moved = state.refit(replace(v, indicator="share_manufacturing"), TIME_YEARS)
    assert (moved.year, moved.per, moved.show, moved.base) == (2024, "none", "change", 2019)
    # Back to roles: no year, no change, no scale.
    r = state.refit(replace(v, indicator="roles"), TIME_YEARS)
    assert (r.year, r.show, r.base, r.per) == (None, "level", None, "none")
    # A base at or after the year is replaced by the default base.
    assert state.refit(replace(v, base=2024), TIME_YEARS).base == 2019
