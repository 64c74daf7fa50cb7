"""Tests of the region registry (data/registry.json) and of regions.geo.registry.lookup.

Expected values are written out by hand from the project reference notes and from pycountry, never
read back from the registry under test, so a wrong code, name or alias in the data makes a test fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from regions.base import store
from regions.base.metadata import load_meta
from regions.geo import registry
from regions.geo.registry import (
    LANGS,
    AmbiguousRegion,
    RegistryError,
    UnknownRegion,
    get,
    load_registry,
    lookup,
    name,
    short_name,
    units,
)

PYCOUNTRY_KZ = {s.code: s for s in pycountry.subdivisions.get(country_code="KZ")}
NEW_IN_2022 = {"KZ-10", "KZ-33", "KZ-62"}


# --------------------------------------------------------------------------------------------------
# The code list agrees with ISO 3166-2 as pycountry ships it
# --------------------------------------------------------------------------------------------------


def test_codes_equal_pycountry():
    assert len(PYCOUNTRY_KZ) == 20
    assert set(load_registry()) == set(PYCOUNTRY_KZ)


@pytest.mark.parametrize("code", sorted(PYCOUNTRY_KZ))
def test_type_agrees_with_pycountry(code):
    expected = {"region": "oblast", "city": "city"}[PYCOUNTRY_KZ[code].type.casefold()]
    assert get(code).type == expected


@pytest.mark.parametrize("code", sorted(PYCOUNTRY_KZ))
def test_pycountry_romanised_name_resolves(code):
    # pycountry's names ("Aqtöbe oblysy", "Zhetisū oblysy", "Almaty" …) must all be understood.
    # "Almaty" alone is deliberately ambiguous; pycountry's city entry is the only such case.
    text = PYCOUNTRY_KZ[code].name
    if code == "KZ-75":
        text = f"{text} city"
    assert lookup(text) == code


# --------------------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------------------


def test_layout_2022_has_20_units_in_code_order():
    codes = [u.iso_code for u in units("2022")]
    assert len(codes) == 20
    assert codes == sorted(codes)
    assert codes[0] == "KZ-10" and codes[-1] == "KZ-79"


def test_layout_2020_has_17_units_without_the_new_regions():
    codes = {u.iso_code for u in units("2020")}
    assert len(codes) == 17
    assert codes.isdisjoint(NEW_IN_2022)
    assert codes | NEW_IN_2022 == set(PYCOUNTRY_KZ)


def test_layout_counts_by_type():
    assert sum(u.type == "city" for u in units("2022")) == 3
    assert sum(u.type == "oblast" for u in units("2022")) == 17
    assert sum(u.type == "oblast" for u in units("2020")) == 14


# --------------------------------------------------------------------------------------------------
# Facts per unit (from the reference notes, section 1.1)
# --------------------------------------------------------------------------------------------------

# code, old ISO code, KATO, English name, Kazakh name, centre (en), centre lat, centre lon
FACTS = [
    ("KZ-10", None, "100000000", "Abai Region", "Абай облысы", "Semey", 50.42675, 80.26669),
    ("KZ-11", "KZ-AKM", "110000000", "Akmola Region", "Ақмола облысы", "Kokshetau", 53.28333, 69.4),
    ("KZ-15", "KZ-AKT", "150000000", "Aktobe Region", "Ақтөбе облысы", "Aktobe", 50.27969, 57.20718),
    ("KZ-19", "KZ-ALM", "190000000", "Almaty Region", "Алматы облысы", "Konaev", 43.86681, 77.06304),
    ("KZ-23", "KZ-ATY", "230000000", "Atyrau Region", "Атырау облысы", "Atyrau", 47.11667, 51.88333),
    ("KZ-27", "KZ-ZAP", "270000000", "West Kazakhstan Region", "Батыс Қазақстан облысы", "Oral",
     51.23333, 51.36667),
    ("KZ-31", "KZ-ZHA", "310000000", "Jambyl Region", "Жамбыл облысы", "Taraz", 42.9, 71.36667),
    ("KZ-33", None, "330000000", "Jetisu Region", "Жетісу облысы", "Taldykorgan", 45.01556, 78.37389),
    ("KZ-35", "KZ-KAR", "350000000", "Karaganda Region", "Қарағанды облысы", "Karaganda", 49.80187, 73.10211),
    ("KZ-39", "KZ-KUS", "390000000", "Kostanay Region", "Қостанай облысы", "Kostanay", 53.21435, 63.62463),
    ("KZ-43", "KZ-KZY", "430000000", "Kyzylorda Region", "Қызылорда облысы", "Kyzylorda", 44.85278, 65.50917),
    ("KZ-47", "KZ-MAN", "470000000", "Mangystau Region", "Маңғыстау облысы", "Aktau", 43.65, 51.16667),
    ("KZ-55", "KZ-PAV", "550000000", "Pavlodar Region", "Павлодар облысы", "Pavlodar", 52.28333, 76.96667),
    ("KZ-59", "KZ-SEV", "590000000", "North Kazakhstan Region", "Солтүстік Қазақстан облысы", "Petropavl",
     54.86667, 69.15),
    ("KZ-61", "KZ-YUZ", "610000000", "Turkistan Region", "Түркістан облысы", "Turkistan", 43.29733, 68.25175),
    ("KZ-62", None, "620000000", "Ulytau Region", "Ұлытау облысы", "Zhezkazgan", 47.78333, 67.76667),
    ("KZ-63", "KZ-VOS", "630000000", "East Kazakhstan Region", "Шығыс Қазақстан облысы", "Oskemen",
     49.97143, 82.60586),
    ("KZ-71", "KZ-AST", "710000000", "Astana", "Астана", "Astana", 51.1801, 71.44598),
    ("KZ-75", "KZ-ALA", "750000000", "Almaty", "Алматы", "Almaty", 43.25667, 76.92861),
    ("KZ-79", None, "790000000", "Shymkent", "Шымкент", "Shymkent", 42.3417, 69.5901),
]  # fmt: skip


@pytest.mark.parametrize(("code", "iso_old", "kato", "en", "kk", "centre", "lat", "lon"), FACTS)
def test_unit_facts(code, iso_old, kato, en, kk, centre, lat, lon):
    unit = get(code)
    assert unit.iso_code == code
    assert unit.iso_old == iso_old
    assert unit.kato == kato
    assert unit.name["en"] == en
    assert unit.name["kk"] == kk
    assert unit.centre.name["en"] == centre
    assert unit.centre.lat == pytest.approx(lat, abs=1e-5)
    assert unit.centre.lon == pytest.approx(lon, abs=1e-5)


def test_facts_table_covers_every_unit():
    assert {row[0] for row in FACTS} == set(load_registry())


@pytest.mark.parametrize(
    ("code", "ru", "ru_short"),
    [
        ("KZ-10", "Абайская область", "Абайская"),
        ("KZ-33", "Жетысуская область", "Жетысуская"),
        ("KZ-62", "Улытауская область", "Улытауская"),
        ("KZ-63", "Восточно-Казахстанская область", "Восточно-Казахстанская"),
        ("KZ-15", "Актюбинская область", "Актюбинская"),
        ("KZ-47", "Мангистауская область", "Мангистауская"),
        ("KZ-75", "Алматы", "Алматы"),
    ],
)
def test_russian_names(code, ru, ru_short):
    assert name(code, "ru") == ru
    assert short_name(code, "ru") == ru_short


@pytest.mark.parametrize(
    ("code", "alias"),
    [("KZ-10", "область Абай"), ("KZ-33", "область Жетісу"), ("KZ-62", "область Ұлытау")],
)
def test_bns_labels_are_aliases(code, alias):
    assert alias in get(code).aliases


@pytest.mark.parametrize("unit", units("2022"), ids=lambda u: u.iso_code)
def test_every_unit_has_all_languages(unit):
    for lang in LANGS:
        assert unit.name[lang].strip()
        assert unit.short[lang].strip()
        assert unit.centre.name[lang].strip()


@pytest.mark.parametrize("unit", units("2022"), ids=lambda u: u.iso_code)
def test_city_centre_is_the_city(unit):
    if unit.type == "city":
        assert unit.centre.name["en"] == unit.name["en"]


def test_shymkent_old_code_is_not_recorded():
    unit = get("KZ-79")
    assert unit.iso_old is None
    assert "KZ-SHY" in unit.notes and "UNVERIFIED" in unit.notes


# --------------------------------------------------------------------------------------------------
# Centres per layout
# --------------------------------------------------------------------------------------------------


def test_almaty_region_centre_moved_from_taldykorgan_to_konaev():
    unit = get("KZ-19")
    assert unit.centre_for("2022").name["en"] == "Konaev"
    old = unit.centre_for("2020")
    assert old.name["en"] == "Taldykorgan"
    assert (old.lat, old.lon) == pytest.approx((45.01556, 78.37389), abs=1e-5)


@pytest.mark.parametrize("code", ["KZ-11", "KZ-35", "KZ-63", "KZ-71"])
def test_unchanged_centres(code):
    unit = get(code)
    assert unit.centre_2020 is None
    assert unit.centre_for("2020") == unit.centre_for("2022") == unit.centre


def test_only_almaty_region_has_a_different_2020_centre():
    assert [u.iso_code for u in units("2022") if u.centre_2020 is not None] == ["KZ-19"]


def test_centre_for_rejects_new_region_in_2020_and_unknown_layout():
    with pytest.raises(ValueError, match="2020"):
        get("KZ-10").centre_for("2020")
    with pytest.raises(ValueError, match="layout"):
        get("KZ-63").centre_for("1997")


# --------------------------------------------------------------------------------------------------
# get / name / short_name
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["KZ-63", "kz-63", " KZ-63 ", "KZ63", "kz 63"])
def test_get_accepts_case_and_separators(code):
    assert get(code).name["en"] == "East Kazakhstan Region"


@pytest.mark.parametrize("code", ["KZ-99", "KZ-VOS", "East Kazakhstan", "", "63"])
def test_get_unknown_code(code):
    with pytest.raises(UnknownRegion, match="unknown ISO 3166-2 region code") as info:
        get(code)
    assert isinstance(info.value, KeyError)


@pytest.mark.parametrize(
    ("code", "lang", "full", "short"),
    [
        ("KZ-63", "en", "East Kazakhstan Region", "East Kazakhstan"),
        ("KZ-63", "kk", "Шығыс Қазақстан облысы", "Шығыс Қазақстан"),
        ("KZ-31", "en", "Jambyl Region", "Jambyl"),
        ("KZ-33", "kk", "Жетісу облысы", "Жетісу"),
        ("KZ-71", "ru", "Астана", "Астана"),
    ],
)
def test_name_and_short_name(code, lang, full, short):
    assert name(code, lang) == full
    assert short_name(code, lang) == short


def test_name_defaults_to_english():
    assert name("kz-19") == "Almaty Region"


# --------------------------------------------------------------------------------------------------
# lookup: one table of inputs, each unit reached several ways
# --------------------------------------------------------------------------------------------------

LOOKUP_CASES = [
    # KZ-10 Abai
    ("Abai", "KZ-10"), ("Abay", "KZ-10"), ("Abay oblysy", "KZ-10"), ("Abai Region", "KZ-10"),
    ("Абайская область", "KZ-10"), ("область Абай", "KZ-10"), ("ОБЛАСТЬ АБАЙ", "KZ-10"),
    ("Абай облысы", "KZ-10"), ("KZ-10", "KZ-10"), ("100000000", "KZ-10"),
    # KZ-11 Akmola
    ("Akmola", "KZ-11"), ("Aqmola", "KZ-11"), ("Aqmola oblysy", "KZ-11"), ("Акмолинская обл.", "KZ-11"),
    ("Ақмола облысы", "KZ-11"), ("Акмола облысы", "KZ-11"), ("KZ-AKM", "KZ-11"), ("akmola  oblast", "KZ-11"),
    # KZ-15 Aktobe
    ("Aktobe", "KZ-15"), ("Aqtobe", "KZ-15"), ("Aqtöbe oblysy", "KZ-15"), ("Aktyubinsk", "KZ-15"),
    ("Актюбинская область", "KZ-15"), ("Ақтөбе облысы", "KZ-15"), ("Актобе облысы", "KZ-15"),
    ("kz-akt", "KZ-15"),
    # KZ-19 Almaty Region (decorated)
    ("Almaty Region", "KZ-19"), ("Almaty Oblast", "KZ-19"), ("Almaty oblysy", "KZ-19"),
    ("Алматинская область", "KZ-19"), ("Алматинская обл.", "KZ-19"), ("Алматы облысы", "KZ-19"),
    ("Алматинская", "KZ-19"), ("KZ-ALM", "KZ-19"), ("190000000", "KZ-19"), ("Almaty Province", "KZ-19"),
    # KZ-23 Atyrau
    ("Atyrau", "KZ-23"), ("Atyraū oblysy", "KZ-23"), ("Атырауская область", "KZ-23"), ("Guryev", "KZ-23"),
    ("Атырау облысы", "KZ-23"),
    # KZ-27 West Kazakhstan
    ("West Kazakhstan", "KZ-27"), ("Batys Qazaqstan", "KZ-27"), ("Batys Qazaqstan oblysy", "KZ-27"),
    ("Zapadno-Kazakhstanskaya", "KZ-27"), ("ЗКО", "KZ-27"), ("зко", "KZ-27"),
    ("Западно-Казахстанская область", "KZ-27"), ("Батыс Қазақстан облысы", "KZ-27"), ("KZ-ZAP", "KZ-27"),
    # KZ-31 Jambyl
    ("Jambyl", "KZ-31"), ("Zhambyl", "KZ-31"), ("Dzhambul", "KZ-31"), ("Zhambyl oblysy", "KZ-31"),
    ("Жамбылская область", "KZ-31"), ("Жамбыл облысы", "KZ-31"), ("KZ-ZHA", "KZ-31"),
    # KZ-33 Jetisu
    ("Jetisu", "KZ-33"), ("Zhetysu", "KZ-33"), ("Zhetisu", "KZ-33"), ("Zhetisū oblysy", "KZ-33"),
    ("Жетысуская область", "KZ-33"), ("Жетісу облысы", "KZ-33"), ("Жетысу облысы", "KZ-33"),
    ("область Жетісу", "KZ-33"),
    # KZ-35 Karaganda
    ("Karaganda", "KZ-35"), ("Karagandy", "KZ-35"), ("Qaraghandy", "KZ-35"), ("Qaraghandy oblysy", "KZ-35"),
    ("Карагандинская область", "KZ-35"), ("Қарағанды облысы", "KZ-35"), ("Карагандинская обл", "KZ-35"),
    ("KZ-KAR", "KZ-35"),
    # KZ-39 Kostanay
    ("Kostanay", "KZ-39"), ("Qostanay", "KZ-39"), ("Kustanai", "KZ-39"), ("Qostanay oblysy", "KZ-39"),
    ("Костанайская область", "KZ-39"), ("Қостанай облысы", "KZ-39"), ("KZ-KUS", "KZ-39"),
    # KZ-43 Kyzylorda
    ("Kyzylorda", "KZ-43"), ("Qyzylorda", "KZ-43"), ("Kzyl-Orda", "KZ-43"), ("Kzyl Orda", "KZ-43"),
    ("Кызылординская область", "KZ-43"), ("Қызылорда облысы", "KZ-43"), ("KZ-KZY", "KZ-43"),
    # KZ-47 Mangystau
    ("Mangystau", "KZ-47"), ("Mangistau", "KZ-47"), ("Mangghystau", "KZ-47"), ("Mangghystaū oblysy", "KZ-47"),
    ("Мангистауская область", "KZ-47"), ("Маңғыстау облысы", "KZ-47"), ("Мангыстау облысы", "KZ-47"),
    ("KZ-MAN", "KZ-47"),
    # KZ-55 Pavlodar
    ("Pavlodar", "KZ-55"), ("Pavlodar Region", "KZ-55"), ("Павлодарская область", "KZ-55"),
    ("Павлодар облысы", "KZ-55"), ("KZ-PAV", "KZ-55"), ("550000000", "KZ-55"),
    # KZ-59 North Kazakhstan
    ("North Kazakhstan", "KZ-59"), ("Soltustik Qazaqstan", "KZ-59"), ("Soltüstik Qazaqstan oblysy", "KZ-59"),
    ("Severo-Kazakhstanskaya", "KZ-59"), ("СКО", "KZ-59"), ("Северо-Казахстанская область", "KZ-59"),
    ("Солтүстік Қазақстан облысы", "KZ-59"), ("KZ-SEV", "KZ-59"),
    # KZ-61 Turkistan, formerly South Kazakhstan
    ("Turkistan", "KZ-61"), ("Turkestan", "KZ-61"), ("Türkistan oblysy", "KZ-61"),
    ("South Kazakhstan", "KZ-61"), ("South Kazakhstan Region", "KZ-61"), ("Ontustik Qazaqstan", "KZ-61"),
    ("Южно-Казахстанская область", "KZ-61"), ("ЮКО", "KZ-61"), ("Туркестанская область", "KZ-61"),
    ("Түркістан облысы", "KZ-61"), ("KZ-YUZ", "KZ-61"),
    # KZ-62 Ulytau
    ("Ulytau", "KZ-62"), ("Ulytaū oblysy", "KZ-62"), ("Улытауская область", "KZ-62"),
    ("Ұлытау облысы", "KZ-62"), ("область Ұлытау", "KZ-62"), ("Улытау облысы", "KZ-62"),
    ("620000000", "KZ-62"),
    # KZ-63 East Kazakhstan
    ("  east   kazakhstan REGION ", "KZ-63"), ("East Kazakhstan", "KZ-63"), ("ВКО", "KZ-63"),
    ("Shyghys Qazaqstan oblysy", "KZ-63"), ("Shyghys Qazaqstan", "KZ-63"),
    ("Восточно-Казахстанская обл.", "KZ-63"),
    ("Vostochno-Kazakhstanskaya", "KZ-63"), ("Шығыс Қазақстан облысы", "KZ-63"), ("Шыгыс Казакстан", "KZ-63"),
    ("KZ-VOS", "KZ-63"), ("kz-vos", "KZ-63"), ("630000000", "KZ-63"), ("East-Kazakhstan", "KZ-63"),
    ("EAST KAZAKHSTAN PROVINCE", "KZ-63"), ("East Kazakhstan oblast'", "KZ-63"),
    ("восточно казахстанская область", "KZ-63"), ("Восточно–Казахстанская область", "KZ-63"),
    # KZ-71 Astana, formerly Nur-Sultan
    ("Astana", "KZ-71"), ("Nur-Sultan", "KZ-71"), ("Нур-Султан", "KZ-71"), ("Нұр-Сұлтан", "KZ-71"),
    ("nur sultan", "KZ-71"), ("г. Астана", "KZ-71"), ("Астана қаласы", "KZ-71"), ("City of Astana", "KZ-71"),
    ("KZ-AST", "KZ-71"), ("710000000", "KZ-71"), ("Tselinograd city", "KZ-71"),
    # KZ-75 Almaty city (decorated)
    ("Almaty city", "KZ-75"), ("City of Almaty", "KZ-75"), ("г. Алматы", "KZ-75"), ("город Алматы", "KZ-75"),
    ("Алматы қаласы", "KZ-75"), ("Алматы қ.", "KZ-75"), ("kz-75", "KZ-75"), ("KZ-ALA", "KZ-75"),
    ("750000000", "KZ-75"), ("Alma-Ata city", "KZ-75"), ("г.Алматы", "KZ-75"),
    # KZ-79 Shymkent
    ("Shymkent", "KZ-79"), ("Шымкент", "KZ-79"), ("г. Шымкент", "KZ-79"), ("Шымкент қаласы", "KZ-79"),
    ("Chimkent", "KZ-79"), ("KZ-79", "KZ-79"), ("790000000", "KZ-79"),
    # quotes, dots, odd spacing and Unicode compatibility forms
    ("«Акмолинская область»", "KZ-11"), ('"Pavlodar"', "KZ-55"), ("Pavlodar.", "KZ-55"),
    # Latin diacritics the registry does not list (Kazakh Latin alphabet of 2021, stray accents)
    ("Qaraǵandy oblysy", "KZ-35"), ("Túrkistan", "KZ-61"), ("Aqtóbe", "KZ-15"), ("Kostanáy", "KZ-39"),
    ("ŞYMKENT", "KZ-79"),
    ("\tKaraganda\n", "KZ-35"), ("ＫＺ－６３", "KZ-63"), ("NUR–SULTAN", "KZ-71"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), LOOKUP_CASES)
def test_lookup(text, code):
    assert lookup(text) == code


def test_lookup_table_covers_every_unit():
    assert {code for _, code in LOOKUP_CASES} == set(PYCOUNTRY_KZ)


@pytest.mark.parametrize("unit", units("2022"), ids=lambda u: u.iso_code)
def test_lookup_round_trips_every_name_and_code(unit):
    # Consistency, not facts: everything the registry lists for a unit must lead back to it, unless it is
    # one of the deliberately shared bare names (Almaty, Alma-Ata, Tselinograd).
    texts = [unit.iso_code, unit.kato, *unit.name.values(), *unit.short.values(), *unit.aliases]
    if unit.iso_old:
        texts.append(unit.iso_old)
    for text in texts:
        try:
            assert lookup(text) == unit.iso_code, text
        except AmbiguousRegion as exc:
            assert unit.iso_code in exc.candidates


# --------------------------------------------------------------------------------------------------
# Ambiguity: bare "Almaty"
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Almaty", "алматы", "АЛМАТЫ", " almaty ", "Alma-Ata"])
def test_bare_almaty_is_ambiguous(text):
    with pytest.raises(AmbiguousRegion) as info:
        lookup(text)
    assert info.value.candidates == ("KZ-19", "KZ-75")
    message = str(info.value)
    assert "KZ-19" in message and "KZ-75" in message
    assert "Almaty Region" in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Almaty Region", "KZ-19"),
        ("Алматинская область", "KZ-19"),
        ("Алматы облысы", "KZ-19"),
        ("Almaty oblysy", "KZ-19"),
        ("Алматы обл.", "KZ-19"),
        ("Almaty city", "KZ-75"),
        ("г. Алматы", "KZ-75"),
        ("Алматы қаласы", "KZ-75"),
        ("City of Almaty", "KZ-75"),
        ("Алматы каласы", "KZ-75"),
    ],
)
def test_decoration_disambiguates_almaty(text, code):
    assert lookup(text) == code


def test_akmola_is_never_astana():
    assert lookup("Akmola") == "KZ-11"
    assert lookup("Акмола") == "KZ-11"


# --------------------------------------------------------------------------------------------------
# Unknown input and layouts
# --------------------------------------------------------------------------------------------------


def test_unknown_input_suggests_close_names():
    with pytest.raises(UnknownRegion) as info:
        lookup("Karagandaa")
    assert info.value.suggestions[0] == "KZ-35"
    assert len(info.value.suggestions) <= 3
    assert "Karagandaa" in str(info.value)
    assert "Karaganda" in str(info.value).replace("Karagandaa", "")
    assert isinstance(info.value, KeyError)


@pytest.mark.parametrize(
    ("text", "suggested"), [("Pavlodr", "KZ-55"), ("Шымкен", "KZ-79"), ("Kostanaj", "KZ-39")]
)
def test_typos_suggest_the_unit(text, suggested):
    with pytest.raises(UnknownRegion) as info:
        lookup(text)
    assert suggested in info.value.suggestions


@pytest.mark.parametrize("text", ["", "   ", "Region", "г.", "Atlantis", "Semey region", "Kazakhstan"])
def test_nonsense_is_unknown(text):
    with pytest.raises(UnknownRegion):
        lookup(text)


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        ("Abai", "KZ-63"),
        ("Абай облысы", "KZ-63"),
        ("KZ-10", "KZ-63"),
        ("Jetisu", "KZ-19"),
        ("Ulytau", "KZ-35"),
        ("Zhetisū oblysy", "KZ-19"),
    ],
)
def test_layout_2020_rejects_new_regions(text, parent):
    with pytest.raises(UnknownRegion, match="2020") as info:
        lookup(text, layout="2020")
    assert parent in str(info.value)
    assert info.value.suggestions == (parent,)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Abai", "KZ-10"), ("East Kazakhstan", "KZ-63"), ("Nur-Sultan", "KZ-71"), ("Almaty Region", "KZ-19")],
)
def test_layout_2022_and_2020_accept_existing_units(text, code):
    assert lookup(text, layout="2022") == code
    if code not in NEW_IN_2022:
        assert lookup(text, layout="2020") == code


# --------------------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------------------


def test_load_registry_returns_units_in_code_order_and_a_fresh_dict():
    first = load_registry()
    assert list(first) == sorted(PYCOUNTRY_KZ)
    first.pop("KZ-63")
    assert "KZ-63" in load_registry()


def test_load_registry_reads_an_explicit_path(tmp_path):
    copy = tmp_path / "registry.json"
    copy.write_text(store.path_of(registry.REGISTRY_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    assert set(load_registry(copy)) == set(PYCOUNTRY_KZ)


def _raw() -> list[dict]:
    return json.loads(store.path_of(registry.REGISTRY_FILE).read_text(encoding="utf-8"))


def _unit(raw: list[dict], code: str) -> dict:
    return next(u for u in raw if u["iso_code"] == code)


def _duplicate_code(raw):
    _unit(raw, "KZ-11")["iso_code"] = "KZ-10"


def _missing_language(raw):
    del _unit(raw, "KZ-15")["name"]["kk"]


def _shared_alias(raw):
    _unit(raw, "KZ-39")["aliases"].append("Qaraghandy")


def _duplicate_kato(raw):
    _unit(raw, "KZ-23")["kato"] = "150000000"


def _bad_layout(raw):
    _unit(raw, "KZ-55")["layouts"] = ["2022", "2019"]


def _swapped_coordinates(raw):
    centre = _unit(raw, "KZ-63")["centre"]
    centre["lat"], centre["lon"] = centre["lon"], centre["lat"]


def _missing_split_from(raw):
    _unit(raw, "KZ-62")["split_from"] = None


def _wrongly_decorated_alias(raw):
    _unit(raw, "KZ-79")["aliases"].append("Shymkent Region")


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (_duplicate_code, r"unit KZ-10: field iso_code: duplicate"),
        (_missing_language, r"unit 'KZ-15', field name: 'kk' is a required property"),
        (_shared_alias, r"unit KZ-39: field aliases\[\d+\]: 'Qaraghandy' is also claimed by KZ-35"),
        (_duplicate_kato, r"unit KZ-23: field kato: duplicate"),
        (_bad_layout, r"unit 'KZ-55', field layouts/1"),
        (_swapped_coordinates, r"unit 'KZ-63', field centre/lat"),
        (_missing_split_from, r"unit KZ-62: field split_from"),
        (
            _wrongly_decorated_alias,
            r"unit KZ-79: field aliases\[\d+\]: 'Shymkent Region' is decorated as an oblast",
        ),
    ],
    ids=lambda v: v.__name__.lstrip("_") if callable(v) else "message",
)
def test_broken_registry_raises(tmp_path, breakage, expected):
    raw = _raw()
    breakage(raw)
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RegistryError, match=expected) as info:
        load_registry(path)
    # The file is named, by its name only: a server's paths are never shown.
    assert str(info.value).startswith("registry.json")
    assert str(tmp_path) not in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("content", "expected"),
    [("[{", "not valid JSON"), ("{}", "not of type 'array'"), ("[]", "should be non-empty")],
)
def test_malformed_registry_file(tmp_path, content, expected):
    path = tmp_path / "registry.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=expected):
        load_registry(path)


def test_missing_registry_file(tmp_path):
    with pytest.raises(RegistryError, match="missing"):
        load_registry(tmp_path / "nope.json")


# --------------------------------------------------------------------------------------------------
# Metadata and boundaries
# --------------------------------------------------------------------------------------------------


def test_metadata_follows_the_schema_and_names_the_sources():
    meta = load_meta("registry.json")
    urls = [s["url"] for s in meta["sources"]]
    # ISO codes from pycountry (a pinned release) and KATO codes from a BNS-derived repository.
    assert any(u.startswith("pypi:pycountry==") for u in urls)
    assert any("armanbostybayev-maker/kaz-Data" in u for u in urls)
    fields = set(_raw()[0])
    assert fields <= set(meta["columns"])


def test_registry_module_does_not_import_streamlit():
    code = "import sys, regions.geo.registry as r; r.lookup('ВКО'); assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(registry.__file__).parents[2])
